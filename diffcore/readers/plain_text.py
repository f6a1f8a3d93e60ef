"""Plain text a user pasted: paragraphs by blank lines or numbering.

Wrapped (hard line breaks inside paragraphs, blank lines between) and unwrapped (one
paragraph a line) pastes are both common; the line lengths tell them apart.
"""

from __future__ import annotations

from ..footnotes import RawFootnote
from ..model import Removal
from ..security_council import split_closing_notes
from ..structure import Layout, Line
from .footnote_area import read_items, split_page, split_trailing


def is_unwrapped(lines: list[str]) -> bool:
    content = [ln for ln in lines if ln.strip()]
    if not content:
        return False
    long_lines = sum(1 for ln in content if len(ln) > 160)
    blanks = len(lines) - len(content)
    return long_lines >= max(1, len(content) // 5) or (blanks == 0 and len(content) > 1)


def read(text: str) -> Layout:
    lines = text.split("\n")
    footnotes: list[RawFootnote] = []
    body, notes = split_page(lines, footnotes)
    removed = [Removal(lines[len(body)].strip(), "footnote-rule")] if notes else []
    read_items(notes, None, footnotes)
    if not footnotes:
        body, footnotes = split_trailing(body)
    if not footnotes:
        body, footnotes = split_closing_notes(body)
    return Layout(
        lines=[Line(t) for t in body],
        footnotes=footnotes,
        source_format="text",
        wrapped=not is_unwrapped(body),
        removed=removed,
    )
