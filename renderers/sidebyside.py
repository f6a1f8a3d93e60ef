"""Side-by-side HTML: the old version on the left, the new on the right, row by row."""

from __future__ import annotations

from diffcore.comparison import Comparison

from .html_view import render_report


def render(cmp: Comparison) -> str:
    return render_report("sidebyside.html.j2", cmp)
