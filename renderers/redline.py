"""Inline redline HTML: the new text in reading order, deletions struck, insertions underlined."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from diffcore.comparison import Comparison

if TYPE_CHECKING:  # only a type here: the amendments module is loaded where used
    from diffcore.amendments import AmendmentCheck

from .html_view import Cell, Row, pieces_html, render_report


def inline_cells(row: Row, cmp: Comparison) -> list[Cell]:
    """One paragraph per new paragraph, carrying both deletions and insertions."""
    c = row.change
    if c is None or len(c.new) != 1:
        return row.new  # a split shows its new pieces; their deletions are in the old text
    para = cmp.new.paragraph(c.new[0])
    markers = []
    # Footnote markers sit at offsets of the new text; count only "=" and "+" pieces.
    pos = 0
    pending = list(zip(para.footnote_offsets, para.footnote_refs, strict=True))
    pieces: list[tuple[str, str]] = []
    both = 0
    for op, text in c.diff:
        if op != "-":
            while pending and pending[0][0] <= pos + len(text):
                off, marker = pending.pop(0)
                markers.append((both + off - pos, marker))
            pos += len(text)
        pieces.append((op, text))
        both += len(text)
    markers.extend((both, m) for _o, m in pending)
    return [Cell(row.new[0].label, pieces_html(pieces, markers, "newfn"), row.new[0].anchor)]


def render(cmp: Comparison, *, amendments: Sequence[AmendmentCheck] = ()) -> str:
    return render_report(
        "redline.html.j2",
        cmp,
        inline_cells=lambda row: inline_cells(row, cmp),
        amendments=amendments,
    )
