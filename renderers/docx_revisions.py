"""WordprocessingML runs and revisions: `w:ins`, `w:del`, moves and tracked paragraph marks.

Every revision and move range gets a `w:id` from one counter per package, so ids are
unique across the body and the footnotes as Word requires; author and date are the
same on every revision, so the output depends on the comparison alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Kinds of tracked change on a piece of text or a paragraph mark.
PLAIN, INSERTED, DELETED, MOVED_FROM, MOVED_TO = "=", "+", "-", "moveFrom", "moveTo"
_WRAPPER = {INSERTED: "ins", DELETED: "del", MOVED_FROM: "moveFrom", MOVED_TO: "moveTo"}


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """A `w:` child with `w:` attributes (`val="x"` is `w:val="x"`)."""
    el = etree.SubElement(parent, w(tag))
    for key, value in attrs.items():
        el.set(w(key), value)
    return el


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph: text in one revision state and one formatting.

    `note` is a footnote id (then `text` is the custom mark, or empty).
    """

    op: str
    text: str = ""
    italic: bool = False
    note: int | None = None


class Revisions:
    """Hands out revision ids and writes runs and revision wrappers."""

    def __init__(self, author: str, date: str | None) -> None:
        self.author = author
        self.date = date
        self.next_id = 1

    def _stamp(self, el: etree._Element) -> etree._Element:
        el.set(w("id"), str(self.next_id))
        self.next_id += 1
        el.set(w("author"), self.author)
        if self.date:
            el.set(w("date"), self.date)
        return el

    def mark(self, ppr: etree._Element, op: str) -> None:
        """Track the paragraph mark: inserted or deleted marks make paragraphs join."""
        if op == PLAIN:
            return
        rpr = sub(ppr, "rPr")
        self._stamp(sub(rpr, _WRAPPER[op]))

    def runs(self, p: etree._Element, pieces: Iterable[Piece], move: str = PLAIN) -> None:
        """Append `pieces` to `p`: consecutive pieces of one state share one wrapper.

        In a move, unchanged text goes in the `moveFrom`/`moveTo` wrapper. At the new
        place, inserted words are `w:ins` beside it and deleted words are left out, as
        Word writes a moved paragraph edited after the move: they show at the old place.
        """
        wrapper: etree._Element | None = None
        state = None
        for piece in pieces:
            op = move if piece.op == PLAIN else piece.op
            if move == MOVED_TO and op == DELETED:
                continue
            if op != state:
                state = op
                wrapper = p if op == PLAIN else self._stamp(sub(p, _WRAPPER[op]))
            assert wrapper is not None
            self._run(wrapper, piece, deleted=op == DELETED)

    def _run(self, parent: etree._Element, piece: Piece, deleted: bool) -> None:
        r = sub(parent, "r")
        if piece.note is not None:
            rpr = sub(r, "rPr")
            sub(rpr, "rStyle", val="FootnoteReference")
            ref = sub(r, "footnoteReference", id=str(piece.note))
            if piece.text:  # a custom mark ("*"): the reference prints the text after it
                ref.set(w("customMarkFollows"), "1")
                _text(r, piece.text, deleted)
            return
        if piece.italic:
            sub(sub(r, "rPr"), "i")
        _text(r, piece.text, deleted)

    def move_range(self, p: etree._Element, kind: str, name: str) -> int:
        """Open a move range (`w:moveFromRangeStart` / `w:moveToRangeStart`); its id."""
        start = self._stamp(sub(p, kind + "RangeStart"))
        start.set(w("name"), name)
        return int(start.get(w("id")) or 0)

    @staticmethod
    def close_range(p: etree._Element, kind: str, rid: int) -> None:
        sub(p, kind + "RangeEnd", id=str(rid))


def _text(r: etree._Element, text: str, deleted: bool) -> None:
    t = sub(r, "delText" if deleted else "t")
    t.set(XML_SPACE, "preserve")
    t.text = text
