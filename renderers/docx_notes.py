"""Footnotes of the Word redline: one Word footnote per note and role, numbered by Word
where the document's own numbering allows it.

A note both sides cite at one place holds its tracked diff ("both"); a reference only
one side has at a place gets its own note, deleted or inserted with it ("old", "new").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from diffcore.comparison import Comparison
from diffcore.model import Document

from . import docx_package as pkg
from .docx_revisions import DELETED, INSERTED, W_NS, XML_SPACE, Piece, Revisions, sub, w


@dataclass
class Notes:
    """Footnote elements by (footnote change, role): "both" holds the tracked diff of the
    note, "old" and "new" a note only one side cites at that place."""

    cmp: Comparison
    old_index: dict[str, int] = field(default_factory=dict)
    new_index: dict[str, int] = field(default_factory=dict)
    auto: dict[str, bool] = field(default_factory=dict)  # side -> markers auto-numbered
    ids: dict[tuple[int, str, str], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for k, f in enumerate(self.cmp.footnotes):
            for m in f.old:
                self.old_index[m] = k
            for m in f.new:
                self.new_index[m] = k
        self.text = {
            "old": {f.marker: f.text for f in self.cmp.old.footnotes},
            "new": {f.marker: f.text for f in self.cmp.new.footnotes},
        }

    def pairs(self, old_marker: str, new_marker: str) -> int | None:
        """The footnote change both markers stand for, if one reference can show both:
        one note on each side, numbered alike (automatic, or the same custom mark)."""
        k = self.old_index.get(old_marker)
        if k is None or self.new_index.get(new_marker) != k:
            return None
        f = self.cmp.footnotes[k]
        if len(f.old) != 1 or len(f.new) != 1:
            return None
        return k if self.mark("old", old_marker) == self.mark("new", new_marker) else None

    def ref(self, side: str, marker: str) -> Piece:
        """A reference only one side has at this place: deleted (old) or inserted (new)."""
        op = DELETED if side == "old" else INSERTED
        k = (self.old_index if side == "old" else self.new_index)[marker]
        return Piece(op, self.mark(side, marker), note=self.note_id(k, side, marker))

    def set_numbering(self, side: str, doc: Document, order: list[str]) -> None:
        """Word numbers notes 1..N in order of first reference: use that where the document
        does, and custom marks (the printed marker) where it does not."""
        numeric = [m for m in dict.fromkeys(order) if m.isdigit()]
        every = {f.marker for f in doc.footnotes if f.marker.isdigit()}
        expected = [str(i) for i in range(1, len(numeric) + 1)]
        self.auto[side] = numeric == expected and set(numeric) == every

    def mark(self, side: str, marker: str) -> str:
        """The custom mark a reference prints, or "" for Word's automatic number."""
        return "" if marker.isdigit() and self.auto.get(side, False) else marker

    def note_id(self, k: int, role: str, marker: str) -> int:
        return self.ids.setdefault((k, role, marker), len(self.ids) + 1)

    def renumber(self, body: etree._Element) -> None:
        """Note ids in the order the references stand in the body, as Word writes them
        (LibreOffice pairs notes with references in that order, whatever their ids)."""
        order: dict[str, int] = {}
        for ref in body.iter(w("footnoteReference")):
            nid = ref.get(w("id")) or ""
            ref.set(w("id"), str(order.setdefault(nid, len(order) + 1)))
        self.ids = {key: order[str(nid)] for key, nid in self.ids.items() if str(nid) in order}

    def part(self, rev: Revisions) -> bytes:
        root = etree.Element(w("footnotes"), nsmap={"w": W_NS})
        for nid, kind in ((-1, "separator"), (0, "continuationSeparator")):
            note = sub(root, "footnote", type=kind, id=str(nid))
            p = sub(note, "p")
            sub(sub(p, "pPr"), "spacing", after="0")
            sub(sub(p, "r"), kind)
        for (k, role, marker), nid in sorted(self.ids.items(), key=lambda item: item[1]):
            note = sub(root, "footnote", id=str(nid))
            p = sub(note, "p")
            sub(sub(p, "pPr"), "pStyle", val="FootnoteText")
            custom = self.mark("old" if role == "old" else "new", marker)
            r = sub(p, "r")
            if custom:
                t = sub(r, "t")
                t.text = custom
            else:
                sub(sub(r, "rPr"), "rStyle", val="FootnoteReference")
                sub(r, "footnoteRef")
            sp = sub(sub(p, "r"), "t")
            sp.set(XML_SPACE, "preserve")
            sp.text = " "
            if role == "both":
                pieces = [Piece(op, text) for op, text in self.cmp.footnotes[k].diff]
            else:  # the note goes with its reference: deleted or inserted with it
                pieces = [Piece(DELETED if role == "old" else INSERTED, self.text[role][marker])]
            rev.runs(p, pieces)
        return pkg.xml_bytes(root)


def loose(doc: Document) -> list[str]:
    """Markers of notes no paragraph cites (a draft's "*" sponsor note): on the cover."""
    cited = {m for p in doc.paragraphs for m in p.footnote_refs}
    return [f.marker for f in doc.footnotes if f.marker not in cited]


def citation_order(doc: Document) -> list[str]:
    return loose(doc) + [m for p in doc.paragraphs for m in p.footnote_refs]
