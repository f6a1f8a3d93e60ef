"""AKN4UN: the Akoma Ntoso profile the UN's DGACM publishes resolutions in.

The profile marks metadata richly (FRBR dates, cover page, `docProponent`, conclusions)
but paragraph structure only loosely: a sub-paragraph is often a numberless `paragraph`
whose text starts "(a)", preamble and mainBody alternate around "* * *" separators, and
headings are bold paragraphs. So the metadata is read from the markup, and the body is
linearized into one line a block, printed numbers in front and footnotes anchored exactly
where their `authorialNote` stands, and handed to the same resolution builder as the
other readers (`structure.build_document`). A text layer and the AKN4UN file of one
resolution then read to the same paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from . import metadata as md
from .footnotes import RawFootnote, anchor, strip_anchors
from .model import Document, Paragraph, Removal
from .structure import Layout, Line, build_document
from .textutil import collapse, normalize_chars

AKN4UN_NS = "http://un.org/akn4un"
# FRBRlanguage (ISO 639-2/B or /T) -> Metadata.language (ISO 639-1), the six UN languages.
LANGUAGES = {
    "eng": "en",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "rus": "ru",
    "ara": "ar",
    "zho": "zh",
    "chi": "zh",
}
# Elements that hold metadata or page furniture, never body text.
_SKIP = frozenset(["meta", "coverPage", "preface", "conclusions", "num", "componentRef"])
# Of those, the ones whose printed words are read as metadata or dropped, so listed as
# removed with this reason (`meta` is not printed; `num` is printed as a label).
_REMOVED = {"coverPage": "cover", "preface": "cover", "conclusions": "closing"}
# Elements whose text is one block (a line of the layout).
_BLOCKS = frozenset(["p", "heading", "subheading", "crossHeading", "intro", "listIntroduction"])
# Blocks the markup names as headings.
_HEADINGS = frozenset(["heading", "subheading", "crossHeading"])
# The Word style DGACM gives the notes under a table ("a See A/80/505.", "Abbreviations:
# ..."): part of the table, neither a paragraph nor a sub-paragraph whatever its words.
_TABLE_NOTE_CLASSES = frozenset(["FootnoteText", "FootnoteText0"])
# "\t24 –\t" (Arabic), "\t\u200e21.\t" (Chinese): direction marks may stand round the number.
_INLINE_NUMBER_RE = re.compile(r"^\s*[\u200e\u200f]?(\d{1,3})(?: ?[-\u2013.])?[\u200e\u200f]?\t")
_INLINE_GLUED_RE = re.compile(r"^\s*(\d{1,3})\.(?=[^\W\d_])")  # "287.Nous" (A/RES/79/233 fr)
_INLINE_LETTER_RE = re.compile(r"^\s*([a-z]{1,2}|[ivxlc]{1,6})\)[\t\u00a0]")
_NUMBER_LABEL_RE = re.compile(r"^(\d{1,3})\s*[-.\u2013]?$")  # "9.", "9 -" (Arabic), "9"
_HEAD_LABEL_RE = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z])$")  # a section's "I", "A"
_SUB_LABEL_RE = re.compile(r"^\(?([a-z]{1,2}|[ivxlc]{1,6})\)$")  # "(a)", "a)" (French)


def label_form(printed: str) -> str:
    """A `<num>` as the builder reads labels, whatever the language's typography:
    "9 -" -> "9.", "a)" -> "(a)", a section's "I" -> "I."."""
    m = _NUMBER_LABEL_RE.match(printed)
    if m:
        return f"{m.group(1)}."
    if _HEAD_LABEL_RE.match(printed):
        return f"{printed}."
    m = _SUB_LABEL_RE.match(printed)
    return f"({m.group(1)})" if m else printed


def _local(el: etree._Element) -> str:
    return etree.QName(el.tag).localname if isinstance(el.tag, str) else ""


def _kids(el: etree._Element | None) -> list[etree._Element]:
    return [] if el is None else [c for c in el if isinstance(c.tag, str)]


def _child(el: etree._Element | None, name: str) -> etree._Element | None:
    return next((c for c in _kids(el) if _local(c) == name), None)


def _first(
    root: etree._Element | None, tag: str, attrs: dict[str, str] | None = None
) -> etree._Element | None:
    """The first `tag` element under `root` with these attribute values."""
    if root is None:
        return None
    for el in root.iter("{*}" + tag):
        if all(el.get(k) == v for k, v in (attrs or {}).items()):
            return el
    return None


def _spaced(text: str) -> str:
    """Folded, collapsed text, with the spacing that adjacent markup loses or adds:
    "Committee(Fourth Committee)" and "( jus cogens )" print as "Committee (Fourth
    Committee)" and "(jus cogens)"."""
    text = collapse(normalize_chars(text))
    text = re.sub(r"(?<=[a-z])\((?=[A-Z])", " (", text)
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", text))


def _text(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return _spaced("".join(t for t in el.itertext() if isinstance(t, str)))


def is_akn4un(root: etree._Element, main: etree._Element) -> bool:
    """DGACM's files say who made them: the akn4un namespace, or `#DGACM` as source."""
    if AKN4UN_NS in (root.nsmap or {}).values():
        return True
    ident = _first(main, "identification")
    return ident is not None and ident.get("source") == "#DGACM"


class _Body:
    """The body as layout lines, footnotes anchored where their notes stand."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.footnotes: list[RawFootnote] = []
        self.seen: set[str] = set()
        # Texts of the preamble's recitals: preambular in any language, whatever the
        # builder's English openers make of them.
        self.recitals: set[str] = set()
        self.in_recital = False
        self.in_table_note = False
        # The superscript marks of the table just read ("a", "(أ)"): a block right after
        # it that opens with one is a note of that table, whatever its style says.
        self.table_marks: set[str] = set()
        self.removed: list[Removal] = []

    def inline(self, el: etree._Element) -> str:
        out: list[str] = [el.text or ""]
        for child in el:
            if isinstance(child.tag, str):
                name = _local(child)
                if name in ("authorialNote", "noteRef"):
                    out.append(self.note(child))
                elif name in ("eol", "eop", "br"):
                    out.append(" ")
                else:
                    out.append(self.inline(child))
            out.append(child.tail or "")
        return "".join(out)

    def note(self, note: etree._Element) -> str:
        marker = (note.get("marker") or "").strip() or str(len(self.footnotes) + 1)
        if marker not in self.seen:
            self.seen.add(marker)
            body = " ".join(self.inline(p) for p in _kids(note)) if _kids(note) else ""
            self.footnotes.append(RawFootnote(marker, collapse(normalize_chars(body))))
        return anchor(marker)

    def remove(self, holder: etree._Element, reason: str) -> None:
        """Record each block of `holder` as removed: its words went to metadata or nowhere."""
        for el in _kids(holder) or [holder]:
            text = _spaced("".join(t for t in el.itertext() if isinstance(t, str)))
            if text:
                self.removed.append(Removal(text, reason))

    def emit(self, text: str, label: str = "", heading: bool = False, row: bool = False) -> None:
        line = _spaced(f"{label} {text}" if label else text)
        if line:
            self.lines.append(Line(line, heading=heading, row=row))
            if self.in_recital and not label:
                self.recitals.add(strip_anchors(line))

    def notes_table(self, text: str, label: str) -> bool:
        """Does this block open with a mark of the table before it (a note under it)?"""
        words = text.split(None, 1)
        note = not label and bool(words) and words[0] in self.table_marks
        if not note:
            self.table_marks = set()
        return note

    def walk(self, el: etree._Element, label: str = "") -> str:
        """Emit the blocks under `el`; `label` (a printed number) goes on the first one.

        Returns the label when nothing took it, so a numbered element whose text is
        all in its children still prints its number once."""
        name = _local(el)
        if name in _REMOVED:
            self.remove(el, _REMOVED[name])
        if name in _SKIP or name == "authorialNote":
            return label
        if name in _BLOCKS:
            text = self.inline(el)
            if not label:
                # A label the conversion left in the text: "\t6\tAlso reaffirms" (no
                # full stop), "\ta)\tNous ..." (French) print as "6." and "(a)".
                text = _INLINE_NUMBER_RE.sub(r"\1. ", text, count=1)
                text = _INLINE_GLUED_RE.sub(r"\1. ", text, count=1)
                text = _INLINE_LETTER_RE.sub(r"(\1) ", text, count=1)
            note = self.in_table_note or self.notes_table(text, label)
            heading = name in _HEADINGS or _bold_only(el)
            self.emit(text, label, heading and not note, row=note)
            return ""
        if name == "table":
            for row in el.iter("{*}tr"):
                cells = _kids(row)
                # A one-cell row holding several paragraphs (a boxed principle) is
                # several lines, as other language versions print it in rows of its own.
                blocks = _kids(cells[0]) if len(cells) == 1 else []
                if len(blocks) < 2 or any(_local(b) != "p" for b in blocks):
                    blocks = [row]
                for block in blocks:
                    parts = _kids(block) if block is row else [block]
                    self.emit(" ".join(self.inline(c) for c in parts), label, row=True)
                    label = ""
            self.table_marks = {_text(sup) for sup in el.iter("{*}sup")} - {""}
            return label
        recital, table_note = self.in_recital, self.in_table_note
        parent = el.getparent()
        if name == "container" and parent is not None and _local(parent) == "preamble":
            self.in_recital = True
        if name == "paragraph" and el.get("class") in _TABLE_NOTE_CLASSES:
            self.in_table_note = True
        for child in _kids(el):
            if _local(child) == "num":
                # The number goes on the block after it: a subheading may come first.
                label = (label + " " + label_form(_text(child))).strip()
            else:
                label = self.walk(child, label)
        self.in_recital, self.in_table_note = recital, table_note
        return label


def _is_bold(el: etree._Element) -> bool:
    return _local(el) in ("b", "strong") or (
        _local(el) == "span" and "bold" in (el.get("class") or "").split()
    )


def _bold_only(el: etree._Element, inherited: bool = False) -> bool:
    """Is every word of this block set in bold (notes aside)? DGACM marks headings so."""
    bold = inherited or _is_bold(el)
    if not bold and (el.text or "").strip():
        return False
    for child in _kids(el):
        if _local(child) not in ("authorialNote", "noteRef") and not _bold_only(child, bold):
            return False
        if not bold and (child.tail or "").strip():
            return False
    return bold or any(_is_bold(c) for c in el.iter() if isinstance(c.tag, str))


def _components(root: etree._Element, main: etree._Element) -> list[etree._Element]:
    """The documents a `documentCollection` refers to, in its order: a resolution in
    parts ("79/252 A-B") keeps each part in `components`, outside the collection."""
    by_id = {c.get("eId"): c for c in root.iter("{*}component") if c.get("eId")}
    found = []
    for ref in main.iter("{*}documentRef"):
        component = by_id.get((ref.get("href") or "").lstrip("#"))
        doc = next(iter(_kids(component)), None) if component is not None else None
        if doc is not None and doc is not main:
            found.append(doc)
    return found


def _metadata(main: etree._Element) -> dict[str, object]:
    """The fields the markup states, each from the element the profile gives it."""
    values: dict[str, object] = {}

    def put(key: str, value: object) -> None:
        if value not in (None, "", ()):
            values.setdefault(key, value)

    cover = _first(main, "coverPage")
    preface = _first(main, "preface")
    put("symbol", _text(_first(cover, "docNumber")) if cover is not None else None)
    name = (main.get("name") or "").lower()
    if _local(main) in ("statement", "documentCollection") or "resolution" in name:
        put("doc_type", "resolution")
    work = _first(main, "FRBRWork")
    expression = _first(main, "FRBRExpression")
    for box, key, wanted in ((work, "adopted_on", "adoption"), (expression, "issued_on", "")):
        date = _first(box, "FRBRdate") if box is not None else None
        if date is not None and (not wanted or date.get("name") == wanted):
            put(key, _iso(date.get("date")))
    if cover is not None:
        issued = _first(cover, "docDate")
        put("issued_on", _iso(issued.get("date")) if issued is not None else None)
        session = _first(cover, "session")
        if session is not None and (session.get("value") or "").isdigit():
            put("session", int(session.get("value") or ""))
        item = _first(cover, "inline", {"name": "agenda item"})
        if item is not None:
            # The printed line is in the document's language; "title" holds the numbers.
            m = md.AGENDA_RE.match(_text(item))
            printed = m.group(1) if m else (item.get("title") or "")
            put("agenda_items", md.split_agenda_items(printed) or None)
        put("agenda_title", _text(_first(cover, "inline", {"name": "agenda item name"})) or None)
        proponent = _first(cover, "docProponent")
        if proponent is not None:
            fields = md.HeaderFields()
            md.read_header_block([_text(proponent)], fields)
            for key in ("committee", "report_symbol", "draft_symbol"):
                put(key, fields.values.get(key))
            # In any language: the originating document, a draft where no committee reported.
            origin = _text(_first(proponent, "inline", {"name": "originating document"}))
            no_committee = proponent.get("refersTo") == "#noMainCommittee"
            put("draft_symbol" if no_committee else "report_symbol", origin or None)
        title = _first(cover, "docTitle")
        if title is not None and not values.get("adopted_on"):
            m = md.ADOPTED_RE.search(_text(title))
            put("adopted_on", md.iso_date(m.group(1)) if m and m.group(1) else None)
    if preface is not None:
        number = _text(_first(preface, "docNumber")).rstrip(".").strip()
        put("resolution_number", number.replace(" ", "") or None)
        put("title", _text(_first(preface, "docTitle")) or None)
    meeting = _first(main, "location", {"refersTo": "#adoptionMeeting"})
    put("meeting", _text(meeting) or None)
    docket = _first(main, "docketNumber")
    job = md.JOB_RE.match(_text(docket)) if docket is not None else None
    put("job_number", job.group(1) if job else None)
    lang = _first(expression, "FRBRlanguage")
    put(
        "language",
        LANGUAGES.get((lang.get("language") or "").lower()) if lang is not None else None,
    )
    return values


def _iso(value: str | None) -> str | None:
    value = (value or "")[:10]
    return value if re.match(r"^\d{4}-\d{2}-\d{2}$", value) and value != "0001-01-01" else None


def read(root: etree._Element, main: etree._Element, name: str) -> Document:
    """An AKN4UN resolution as a `Document`: markup metadata, body through the builder."""
    body = _Body()
    body.walk(main)
    for doc in _components(root, main):
        for part in _kids(doc):
            if _local(part) == "preface":
                # The part's own letter ("A", "B"): printed as a line, as text layers do.
                for block in _kids(part):
                    body.emit(body.inline(block))
            else:
                body.walk(part)
    layout = Layout(
        lines=body.lines,
        footnotes=body.footnotes,
        hints=_metadata(main),
        source_format="akn",
        wrapped=False,
        removed=body.removed,
    )
    return _recitals_preambular(build_document(layout, name), body.recitals)


def _recitals_preambular(doc: Document, recitals: set[str]) -> Document:
    """The preamble's recitals as preambular paragraphs, their ids renumbered in order
    ("t3" -> "pp2", sub-paragraphs and parents with them)."""
    if not any(_misread_recital(p, recitals) for p in doc.paragraphs):
        return doc
    renamed: dict[str, str] = {}
    counters: dict[str, int] = {}
    out: list[Paragraph] = []
    for p in doc.paragraphs:
        kind = "preambular" if _misread_recital(p, recitals) else p.kind
        m = _OWN_ID_RE.match(p.id)
        if kind in ("text", "preambular") and m:
            prefix = m.group(1)
            key = prefix + ("pp" if kind == "preambular" else "t")
            counters[key] = counters.get(key, 0) + 1
            renamed[p.id] = f"{key}{counters[key]}"
        pid = _renamed(p.id, renamed)
        parent = _renamed(p.parent, renamed) if p.parent else p.parent
        out.append(Paragraph(**{**p.__dict__, "id": pid, "kind": kind, "parent": parent}))
    return replace(doc, paragraphs=tuple(out))


def _misread_recital(p: Paragraph, recitals: set[str]) -> bool:
    """A recital of the preamble read as text, or as an unnumbered operative paragraph
    (Chinese "回顾" opens recitals and operative paragraphs alike)."""
    unnumbered = p.kind == "text" or (p.kind == "operative" and p.number is None)
    return unnumbered and p.text in recitals


_OWN_ID_RE = re.compile(r"^(.*?)(?:pp|t|opu)\d+(?:~\d+)?$")


def _renamed(pid: str, renamed: dict[str, str]) -> str:
    if pid in renamed:
        return renamed[pid]
    head = pid.split("-", 1)[0]
    return renamed[head] + pid[len(head) :] if head in renamed else pid
