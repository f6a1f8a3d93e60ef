"""Side-by-side HTML: the old version on the left, the new on the right, row by row."""

from __future__ import annotations

from collections.abc import Sequence

from diffcore.amendments import AmendmentCheck
from diffcore.comparison import Comparison

from .html_view import render_report


def render(cmp: Comparison, *, amendments: Sequence[AmendmentCheck] = ()) -> str:
    return render_report("sidebyside.html.j2", cmp, amendments=amendments)
