"""Side-by-side HTML: the old version on the left, the new on the right, row by row."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from diffcore.comparison import Comparison

if TYPE_CHECKING:  # only a type here: the amendments module is loaded where used
    from diffcore.amendments import AmendmentCheck

from .html_view import render_report


def render(cmp: Comparison, *, amendments: Sequence[AmendmentCheck] = ()) -> str:
    return render_report("sidebyside.html.j2", cmp, amendments=amendments)
