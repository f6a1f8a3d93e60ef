"""Footnote markers of text layers that a plain reading misplaces (real documents).

Both shapes were found when the Word redline of a draft read back differently from the
text layer it was written from: the same paragraph came out with and without its note.
"""

from __future__ import annotations

import pytest

from diffcore import load
from tests.conftest_corpus import TEXT_DIR


def refs(symbol: str) -> dict[str, tuple[str, ...]]:
    path = TEXT_DIR / (symbol.replace("/", "_") + ".txt")
    if not path.is_file():
        pytest.skip(f"real-document corpus not found at {TEXT_DIR} (expected ../shared/corpus)")
    return {p.id: p.footnote_refs for p in load(str(path)).paragraphs if p.footnote_refs}


def test_count_after_a_verb_is_no_marker() -> None:
    # "among which there are 2 nuclear-weapon States": a count, so note 1 ("Weapons,1")
    # is found in PP10 and note 2 in PP11, as in the adopted A/RES/80/70.
    assert refs("A/C.1/80/L.43") == {"pp10": ("1",), "pp11": ("2",), "op1": ("3",), "op5": ("4",)}
    assert refs("A/RES/80/70") == {"pp10": ("1",), "pp11": ("2",), "op1": ("3",), "op5": ("4",)}


def test_marker_glued_to_the_next_word() -> None:
    # The text layer set the raised figure before the next word: "resolutions 3on the",
    # "Paris Agreement 5and its", "Climate Change 6that have".
    found = refs("A/RES/80/129")
    assert found["pp2"] == ("3",)
    assert found["pp6"] == ("5", "6")
    assert refs("A/RES/80/46")["op2"] == ("8",)
    assert refs("A/RES/80/51")["pp6"] == ("6", "7")
