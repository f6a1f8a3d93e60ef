"""A Word redline: the new text with every change from the old as a real tracked change.

Accepting all changes in Word gives the new document and rejecting all gives the old
one, paragraph marks included: each aligned unit (`Change`) is written as the
paragraphs of both sides cut at every paragraph end of either side, and a paragraph
end only one side has is a tracked paragraph mark (inserted for a split, deleted for a
merge). Moves are `w:moveFrom` at the old place and `w:moveTo` at the new, with
inserted words as `w:ins` within the move range. Printed numbers are text, so
renumbering is a tracked change of the number. Footnotes are Word footnotes whose text
changes are tracked in the note (`docx_notes`); the first page's header holds the
summary (`docx_cover`). Only the comparison models are read: no text is parsed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from diffcore import lang
from diffcore.akn import printed_label
from diffcore.comparison import Change, Comparison, Segment
from diffcore.errors import ResdiffError
from diffcore.lang.spec import Language
from diffcore.model import Paragraph

from . import docx_package as pkg
from .docx_cover import cover_header
from .docx_notes import Notes, citation_order, loose
from .docx_revisions import (
    DELETED,
    INSERTED,
    MOVED_FROM,
    MOVED_TO,
    PLAIN,
    W_NS,
    Piece,
    Revisions,
    sub,
    w,
)

DEFAULT_AUTHOR = "resdiff"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
_STYLE = {
    "preambular": "Preambular",
    "operative": "Operative",
    "subparagraph": "Subparagraph",
    "heading": "Heading",
    "text": "Normal",
}
_ROMAN_OR_LETTER = re.compile(r"^(?:[IVXLC]+|[A-Z])$")


def revision_date(cmp: Comparison, date: str | None = None) -> str | None:
    """`w:date` of every revision: `date` if given, else the new (or old) document's date.

    Raises ResdiffError for a date that is neither YYYY-MM-DD nor YYYY-MM-DDTHH:MM:SSZ.
    """
    if date is None:
        for meta in (cmp.new.metadata, cmp.old.metadata):
            date = meta.adopted_on or meta.issued_on
            if date:
                break
    if not date:
        return None  # w:date is optional: better none than the clock's
    if _ISO_DATE.match(date):
        return f"{date}T00:00:00Z"
    if _ISO_STAMP.match(date):
        return date
    raise ResdiffError(f"--date {date!r}: give YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")


def label(p: Paragraph) -> str | None:
    """The number as the UN prints it before the text ("11.", "(a)", "IV.")."""
    if p.kind == "heading":
        if not p.number or p.text == p.number:
            return None
        return f"{p.number}." if _ROMAN_OR_LETTER.match(p.number) else p.number
    return printed_label(p)


def opener_length(text: str, language: Language) -> int:
    """How much of a preambular paragraph the UN prints in italics: its opening word with
    the adverbs before it ("Deeply concerned", "Recalling"); none in Arabic and Chinese,
    which do not italicize."""
    if language.script not in ("Latin", "Cyrillic"):
        return 0
    end = 0
    for m in re.finditer(r"\S+", text[:200]):
        end = m.end()
        word = m.group().strip(',;:.()\u201c\u201d"').lower()
        if word not in language.pp_prefixes and word not in language.clitics:
            break
    return end


def _style(p: Paragraph) -> str:
    if p.kind == "heading" and p.part == "annex" and p.text.lower().startswith("annex"):
        return "AnnexHeading"
    return _STYLE[p.kind]


# --------------------------------------------------------------------------- one change


@dataclass
class _Side:
    """One side of a change: its paragraphs joined by single spaces, as `compare` diffs them."""

    paragraphs: list[Paragraph]
    language: Language
    seps: set[int] = field(default_factory=set)
    refs: dict[int, list[str]] = field(default_factory=dict)
    italic: list[tuple[int, int]] = field(default_factory=list)
    events: list[int] = field(default_factory=list)
    length: int = 0

    def __post_init__(self) -> None:
        pos = 0
        for i, p in enumerate(self.paragraphs):
            if i:
                self.seps.add(pos)
                pos += 1
            for marker, offset in zip(p.footnote_refs, p.footnote_offsets, strict=True):
                self.refs.setdefault(pos + offset, []).append(marker)
            if p.kind == "preambular":
                self.italic.append((pos, pos + opener_length(p.text, self.language)))
            pos += len(p.text)
        self.length = pos
        bounds = {b for span in self.italic for b in span}
        self.events = sorted(self.seps | set(self.refs) | bounds | {pos})

    def next_event(self, pos: int) -> int:
        for e in self.events:  # few events per change: a scan is enough
            if e > pos:
                return e
        return self.length + 1

    def is_italic(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.italic)


@dataclass
class _Out:
    """A paragraph being written: style, pieces and how its mark is tracked."""

    style: str
    pieces: list[Piece] = field(default_factory=list)
    mark: str = PLAIN
    move: str = ""  # the name pairing a moveFrom with its moveTo
    opens: bool = True  # a move range starts here (and ends at the last paragraph)
    closes: bool = True
    tracked: str | None = None  # how the mark is tracked, where not as `mark` says

    def only(self, side: str) -> bool:
        """Nothing of this paragraph, mark included, is in the other side's view."""
        if self.mark == (MOVED_TO if side == INSERTED else MOVED_FROM):
            return True
        return self.mark == side and all(p.op == side for p in self.pieces)


class _ChangeWriter:
    """Cuts one change into paragraphs: see the module docstring."""

    def __init__(self, change: Change, old: list[Paragraph], new: list[Paragraph], notes: Notes):
        self.old = _Side(old, lang.get(notes.cmp.old.metadata.language))
        self.new = _Side(new, lang.get(notes.cmp.new.metadata.language))
        self.notes = notes
        self.diff = _checked_diff(change, self.old, self.new)
        self.oi = self.ni = 0
        self.o_par = self.n_par = 0
        self.done_old: set[tuple[int, str]] = set()  # references written: (place, marker)
        self.done_new: set[tuple[int, str]] = set()
        self.out: list[_Out] = []

    def write(self) -> list[_Out]:
        self._start(0 if self.old.paragraphs else None, 0 if self.new.paragraphs else None)
        for op, text in self.diff:
            k = 0
            while k < len(text):
                self._refs(op)
                if self._at_sep(op):
                    self._cross(op, text[k])
                    k += 1
                    continue
                n = len(text) - k
                if op != INSERTED:
                    n = min(n, self.old.next_event(self.oi) - self.oi)
                if op != DELETED:
                    n = min(n, self.new.next_event(self.ni) - self.ni)
                n = max(n, 1)
                italic = (
                    self.new.is_italic(self.ni) if op != DELETED else self.old.is_italic(self.oi)
                )
                self._add(Piece(op, text[k : k + n], italic))
                self._advance(op, n)
                k += n
        self._refs(None)
        final = PLAIN if self.old.paragraphs and self.new.paragraphs else DELETED
        self.out[-1].mark = INSERTED if not self.old.paragraphs else final
        for out in self.out:
            out.pieces = _unrepeated(out.pieces)
        return self.out

    def _add(self, piece: Piece) -> None:
        pieces = self.out[-1].pieces
        last = pieces[-1] if pieces else None
        if (
            last
            and last.note is None
            and piece.note is None
            and (last.op, last.italic)
            == (
                piece.op,
                piece.italic,
            )
        ):
            pieces[-1] = Piece(last.op, last.text + piece.text, last.italic)
        else:
            pieces.append(piece)

    def _advance(self, op: str, n: int) -> None:
        if op != INSERTED:
            self.oi += n
        if op != DELETED:
            self.ni += n

    def _at_sep(self, op: str) -> bool:
        return (op != INSERTED and self.oi in self.old.seps) or (
            op != DELETED and self.ni in self.new.seps
        )

    def _cross(self, op: str, char: str) -> None:
        """A paragraph end of one side or both: the joining space becomes a mark."""
        old_end = op != INSERTED and self.oi in self.old.seps
        new_end = op != DELETED and self.ni in self.new.seps
        if old_end and new_end:
            mark = PLAIN
        elif old_end:
            # The merged paragraph has the space; the old ones end here instead.
            if op == PLAIN:
                self._add(Piece(INSERTED, char))
            mark = DELETED
        else:
            if op == PLAIN:
                self._add(Piece(DELETED, char))
            mark = INSERTED
        self.out[-1].mark = mark
        self._advance(op, 1)
        if old_end:
            self.o_par += 1
        if new_end:
            self.n_par += 1
        self._start(self.o_par if old_end else None, self.n_par if new_end else None)

    def _start(self, o: int | None, n: int | None) -> None:
        """Open a paragraph where an old (`o`) and/or new (`n`) paragraph starts: its label."""
        old_p = self.old.paragraphs[o] if o is not None else None
        new_p = self.new.paragraphs[n] if n is not None else None
        shown = new_p or old_p or self.new.paragraphs[self.n_par]
        self.out.append(_Out(_style(shown)))
        was = label(old_p) if old_p else None
        now = label(new_p) if new_p else None
        if was and was == now:
            self._add(Piece(PLAIN, was + " "))
        elif was and now:
            self._add(Piece(DELETED, was))
            self._add(Piece(INSERTED, now))
            self._add(Piece(PLAIN, " "))
        elif was:
            self._add(Piece(DELETED, was + " "))
        elif now:
            self._add(Piece(INSERTED, now + " "))

    def _refs(self, op: str | None) -> None:
        """Footnote references at the current place: one plain reference where both sides
        cite the same note here, else each side's as deleted or inserted, placed as late
        as the other side's text allows so that pairs can meet."""
        old_refs = [m for m in self.old.refs.get(self.oi, []) if (self.oi, m) not in self.done_old]
        new_refs = [m for m in self.new.refs.get(self.ni, []) if (self.ni, m) not in self.done_new]
        if not old_refs and not new_refs:
            return
        notes = self.notes
        for m in list(old_refs):
            for n in new_refs:
                k = notes.pairs(m, n)
                if k is not None:
                    self._add(Piece(PLAIN, notes.mark("new", n), note=notes.note_id(k, "both", n)))
                    old_refs.remove(m)
                    new_refs.remove(n)
                    self.done_old.add((self.oi, m))
                    self.done_new.add((self.ni, n))
                    break
        if op != INSERTED:
            for m in old_refs:
                self._add(notes.ref("old", m))
                self.done_old.add((self.oi, m))
        if op != DELETED:
            for n in new_refs:
                self._add(notes.ref("new", n))
                self.done_new.add((self.ni, n))


def _unrepeated(pieces: list[Piece]) -> list[Piece]:
    """No deletion followed by an insertion that starts with the same text (an old label
    that the new version prints as text): the shared start is kept as unchanged text."""
    out: list[Piece] = []
    for piece in pieces:
        last = out[-1] if out else None
        if (
            last is not None
            and (last.op, piece.op) == (DELETED, INSERTED)
            and last.note is None
            and piece.note is None
        ):
            n = _shared_start(last.text, piece.text)
            if n:
                out[-1] = Piece(PLAIN, last.text[:n], last.italic)
                out += [Piece(DELETED, last.text[n:], last.italic)] if n < len(last.text) else []
                piece = Piece(INSERTED, piece.text[n:], piece.italic)
                if not piece.text:
                    continue
        out.append(piece)
    return out


def _shared_start(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _checked_diff(change: Change, old: _Side, new: _Side) -> tuple[Segment, ...]:
    """The change's word diff, if it rebuilds both texts exactly (it does unless case or
    punctuation was ignored); else the whole old text deleted and the new inserted."""
    olds = "".join(t for op, t in change.diff if op != "+")
    news = "".join(t for op, t in change.diff if op != "-")
    old_text = " ".join(p.text for p in old.paragraphs)
    new_text = " ".join(p.text for p in new.paragraphs)
    if olds == old_text and news == new_text:
        return change.diff
    return tuple(s for s in ((DELETED, old_text), (INSERTED, new_text)) if s[1])  # type: ignore[misc]


# --------------------------------------------------------------------------- the document


def _in_order(keys: list[int | None]) -> set[int]:
    """Indexes of a longest run of `keys` increasing in order (None never counts)."""
    tails: list[int] = []  # tails[n]: index ending the best run of length n + 1
    back: dict[int, int | None] = {}
    for i, key in enumerate(keys):
        if key is None:
            continue
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if (keys[tails[mid]] or 0) < key:
                lo = mid + 1
            else:
                hi = mid
        back[i] = tails[lo - 1] if lo else None
        if lo == len(tails):
            tails.append(i)
        else:
            tails[lo] = i
    out: set[int] = set()
    at = tails[-1] if tails else None
    while at is not None:
        out.add(at)
        at = back[at]
    return out


def _moved_to(outs: list[_Out], name: str) -> list[_Out]:
    """A change's paragraphs as a `moveTo`: paragraphs that only the old side ends
    (a merge) are joined, as accepting the move joins them."""
    joined: list[_Out] = []
    for out in outs:
        if joined and joined[-1].mark == DELETED:
            joined[-1].pieces += out.pieces
            joined[-1].mark = out.mark
        else:
            joined.append(out)
    for out in joined:
        out.mark, out.move, out.opens, out.closes = MOVED_TO, name, False, False
    joined[0].opens = joined[-1].closes = True
    return joined


def _marks_as_word_writes_them(outs: list[_Out]) -> None:
    """Paragraphs inserted (or deleted) after an unchanged paragraph end: track the mark
    of the paragraph before them and leave the last one's mark untracked, as Word does
    for Enter pressed at the end of a paragraph. Both views read the same either way,
    but LibreOffice rejects (accepts) the other form into one paragraph too few when
    the paragraph before ends with an insertion (a deletion)."""
    i = 0
    while i < len(outs) - 1:
        side = next((s for s in (INSERTED, DELETED) if outs[i + 1].only(s)), None)
        if outs[i].mark != PLAIN or outs[i].tracked or side is None:
            i += 1
            continue
        j = i + 1
        while j + 1 < len(outs) and outs[j + 1].only(side):
            j += 1
        for out in outs[i:j]:
            out.tracked = side
        outs[j].tracked = PLAIN
        i = j + 1


class _Body:
    """The body: cover table, then every change in the new document's reading order."""

    def __init__(self, cmp: Comparison, rev: Revisions, notes: Notes) -> None:
        self.cmp, self.rev, self.notes = cmp, rev, notes
        self.old_by_id = {p.id: p for p in cmp.old.paragraphs}
        self.new_by_id = {p.id: p for p in cmp.new.paragraphs}
        self.old_pos = {p.id: i for i, p in enumerate(cmp.old.paragraphs)}
        self.ranges: dict[tuple[str, str], int] = {}

    def units(self) -> list[tuple[list[_Out], list[int]]]:
        """Paragraphs per change, each with the old positions it holds, in an order that
        reads as the new document with changes accepted and as the old with them rejected.

        Changes stand in the new document's order. Those holding old paragraphs out of
        the old order (moves, and whatever the longest in-order run leaves out) become
        moves; deletions and `moveFrom`s then go right after the unit holding the old
        paragraph before theirs.
        """
        placed: list[tuple[list[_Out], list[int]]] = []
        floating: list[tuple[list[_Out], list[int]]] = []
        written = []
        for c in self.cmp.changes:
            old = [self.old_by_id[i] for i in c.old]
            new = [self.new_by_id[i] for i in c.new]
            outs = _ChangeWriter(c, old, new, self.notes).write()
            written.append((c, old, outs, [self.old_pos[i] for i in c.old]))
        keep = _in_order(
            [held[0] if c.new and held and c.op != "moved" else None for c, _o, _w, held in written]
        )
        moves = 0
        for k, (c, old, outs, held) in enumerate(written):
            if not c.new:
                floating.append((outs, held))
            elif not held or k in keep:
                placed.append((outs, held))
            else:
                moves += 1
                name = f"move{moves}"
                placed.append((_moved_to(outs, name), []))
                floating.append((self._moved_from(c, old, name), held))
        for outs, held in sorted(floating, key=lambda unit: unit[1][0]):
            before = held[0] - 1
            at = next((i + 1 for i, (_o, h) in enumerate(placed) if before in h), 0)
            placed.insert(at, (outs, held))
        return placed

    def _moved_from(self, c: Change, old: list[Paragraph], name: str) -> list[_Out]:
        """The old paragraphs of a move as they stood, in a `moveFrom`."""
        gone = Change("deleted", c.old, (), diff=(("-", " ".join(p.text for p in old)),))
        outs = _ChangeWriter(gone, old, [], self.notes).write()
        for out in outs:
            out.mark, out.move, out.opens, out.closes = MOVED_FROM, name, False, False
            out.pieces = [Piece(PLAIN, p.text, p.italic, p.note) for p in out.pieces]
        outs[0].opens = outs[-1].closes = True
        return outs

    def write(self, body: etree._Element) -> None:
        """The text: a first line with the notes no paragraph cites, then every change."""
        self._cover(body)
        outs = [out for unit, _held in self.units() for out in unit]
        _marks_as_word_writes_them(outs)
        for out in outs:
            self._paragraph(body, out)

    def _paragraph(self, body: etree._Element, out: _Out) -> None:
        p = sub(body, "p")
        ppr = sub(p, "pPr")
        sub(ppr, "pStyle", val=out.style)
        if out.mark in (MOVED_FROM, MOVED_TO):
            self.rev.mark(ppr, out.tracked or out.mark)
            if out.opens:  # one range over all paragraphs of a move
                self.ranges[out.mark, out.move] = self.rev.move_range(p, out.mark, out.move)
            self.rev.runs(p, out.pieces, move=out.mark)
            if out.closes:
                self.rev.close_range(p, out.mark, self.ranges[out.mark, out.move])
            return
        self.rev.mark(ppr, out.tracked or out.mark)
        self.rev.runs(p, out.pieces)

    def _cover(self, body: etree._Element) -> None:
        """The symbols, tracked, with the notes no paragraph cites (a draft's "*" note),
        as the first line: what a UN document prints first."""
        pieces: list[Piece] = []
        pieces += self._loose_pieces()
        if pieces:
            p = sub(body, "p")
            sub(sub(p, "pPr"), "pStyle", val="Cover")
            self.rev.runs(p, pieces)

    def _loose_pieces(self) -> list[Piece]:
        notes = self.notes
        old = {notes.old_index[m]: m for m in loose(self.cmp.old) if m in notes.old_index}
        new = {notes.new_index[m]: m for m in loose(self.cmp.new) if m in notes.new_index}
        pieces: list[Piece] = []
        for k in sorted(old.keys() | new.keys()):
            both = notes.pairs(old[k], new[k]) if k in old and k in new else None
            if both is not None:
                marker = new[k]
                pieces.append(
                    Piece(PLAIN, notes.mark("new", marker), note=notes.note_id(k, "both", marker))
                )
                continue
            if k in old:
                pieces.append(notes.ref("old", old[k]))
            if k in new:
                pieces.append(notes.ref("new", new[k]))
        return pieces


def render(cmp: Comparison, *, author: str = DEFAULT_AUTHOR, date: str | None = None) -> bytes:
    """The redline as the bytes of a .docx; the same comparison always gives the same bytes.

    Raises ResdiffError for a bad `date` or text that XML cannot carry.
    """
    author = " ".join(author.split())
    if not author:
        raise ResdiffError("--author must not be empty")
    rev = Revisions(author, revision_date(cmp, date))
    notes = Notes(cmp)
    notes.set_numbering("old", cmp.old, citation_order(cmp.old))
    notes.set_numbering("new", cmp.new, citation_order(cmp.new))
    root = etree.Element(w("document"), nsmap={"w": W_NS, "r": pkg.REL_NS})
    body = sub(root, "body")
    try:
        _Body(cmp, rev, notes).write(body)
        notes.renumber(body)
        footnotes = notes.part(rev)
    except ValueError as exc:  # lxml refuses control characters and the like
        raise ResdiffError(f"cannot write DOCX: {exc}") from exc
    pkg.section(body)
    title = f"{cmp.old.label} \u2192 {cmp.new.label}"
    parts = {
        "[Content_Types].xml": pkg.CONTENT_TYPES.encode("utf-8"),
        "_rels/.rels": pkg.PACKAGE_RELS.encode("utf-8"),
        "docProps/core.xml": pkg.core_properties(f"Redline: {title}", rev.date),
        "word/_rels/document.xml.rels": pkg.DOCUMENT_RELS.encode("utf-8"),
        "word/document.xml": pkg.xml_bytes(root),
        "word/footnotes.xml": footnotes,
        "word/header1.xml": pkg.header(
            f"resdiff redline: {cmp.old.label} (old) \u2192 {cmp.new.label} (new)"
        ),
        "word/header2.xml": cover_header(cmp),
        "word/fontTable.xml": pkg.FONT_TABLE.encode(),
        "word/theme/theme1.xml": pkg.THEME.encode(),
        "word/settings.xml": pkg.SETTINGS.encode("utf-8"),
        "word/styles.xml": pkg.STYLES.encode("utf-8"),
    }
    return pkg.zip_package(parts)
