"""AKN4UN documents the sweep fails today (see test_sweep), each with what is wrong.

Found by `make sweep` (RESDIFF_SWEEP=full). Remove a name once its document passes.
None is known to fail: A/RES/80/119, 80/162, 80/245 ar (figures "’3‘" as labels),
80/243 ar ("ثالثا وعشرين") and 79/243 zh ("第一条" headings, lists after "："), listed
before, pass since the language data spells them.
"""

from __future__ import annotations

KNOWN_AKN: dict[str, str] = {}
