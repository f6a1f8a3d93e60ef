"""Akoma Ntoso 3.0 (OASIS LegalDocML) for resolutions: an exact writer and a reader.

`write(doc)` gives a well-formed AKN document: `<statement name="resolution">` for an
adopted resolution, `<doc name="draft|amendment|other|document">` otherwise, with

- `meta/identification`: FRBR Work/Expression/Manifestation IRIs as the UN's AKN4UN
  profile writes them (`/akn/un/statement/deliberation/unga/2017-09-27/72-1/`, `.../eng@/`,
  `.../eng@.xml`; the work dated by adoption, the expression by publication);
  `meta/references` for the TLCs they name; `meta/notes` for footnotes no paragraph
  refers to; `meta/proprietary` with a `rd:resdiff` block (namespace `RD_NS`) that holds
  every metadata field and every paragraph's id, kind, number, parent, part and part
  label, keyed by eId, and the footnote order;
- `preface` (docNumber, docTitle, docDate), `preamble` (the enacting formula "The General
  Assembly," as `formula`, preambular paragraphs as `container name="preambular"`, their
  sub-paragraphs as `blockList/item`), `mainBody` (operative paragraphs as
  `paragraph/num/content/p`, sub-paragraphs nested as `subparagraph` under an `intro`,
  headings as `hcontainer name="crossHeading"` with `num`/`heading`, preambular and other
  paragraphs after the preamble as `hcontainer name="preambular"|"text"`, numbered
  sections from part labels as `hcontainer name="section"`), `conclusions` (meeting and
  date) and annexes as `attachments/attachment/doc name="annex"`;
- footnotes inline, as `<authorialNote marker="1" placement="bottom">` at the offset the
  paragraph records.

eIds follow the naming convention: `preamble__formula_1`, `preamble__container_2`,
`preamble__container_2__list_1__item_a`, `para_11`, `para_11__subpara_a`,
`para_11__subpara_a__subpara_ii`, `para_nn1` (unnumbered), `sec_I__para_3`,
`crossHeading_1`, `preambular_1`, `text_1`, `att_1__para_3`, and
`<host>__authorialNote_1`; a clash gets "-2", "-3". Output bytes depend on the document
only: the same document always gives the same bytes.

`read(data, name)` reads any reasonable AKN 3.0 document (act, bill, doc, statement...);
DGACM's AKN4UN files go to `akn4un.read`, which knows their profile.
with resdiff's proprietary block the result equals the document that was written
(paragraph text and footnotes are still taken from the AKN body); without it, kinds,
numbers, ids and parts come from the AKN structure and the text is whitespace-normalized.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace

from lxml import etree

from . import akn4un
from . import metadata as md
from .errors import InputError
from .model import Document, Footnote, Metadata, Paragraph, ParagraphKind, Removal
from .structure import ANNEX_RE
from .textutil import normalize_chars
from .xmlsafe import parse_xml

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
RD_NS = "urn:resdiff:akn-proprietary:1"
RD_VERSION = "1"
SOURCE_FORMAT = "akn"
MEDIA_TYPE = "application/akn+xml"

_A = f"{{{AKN_NS}}}"
_R = f"{{{RD_NS}}}"
_NSMAP: dict[str | None, str] = {None: AKN_NS, "rd": RD_NS}
# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_GA_LINE = md.GA_LINE_RE
_MONTHS = {v: k for k, v in md.MONTHS.items()}
# Elements whose text is document text: never indented, never descended into by `_indent`.
_MIXED = frozenset(["p", "heading", "num", "docNumber", "docTitle", "docDate", "field"])
_AUTHORS = {
    "A": ("ga", "General Assembly"),
    "S": ("sc", "Security Council"),
    "E": ("ecosoc", "Economic and Social Council"),
}
_UN = ("un", "United Nations")
# The organ as AKN4UN IRIs name it ("/akn/un/statement/deliberation/unga/...").
_IRI_AUTHORS = {"ga": "unga", "sc": "unsc"}
# Metadata.language (ISO 639-1) -> FRBRlanguage (ISO 639-2/T), the six UN languages.
_ISO639_2 = {"en": "eng", "fr": "fra", "es": "spa", "ru": "rus", "ar": "ara", "zh": "zho"}
_UNKNOWN_DATE = "0001-01-01"


# =========================================================================== writing


def _el(
    parent: etree._Element | None, tag: str, attrib: dict[str, str] | None = None
) -> etree._Element:
    name = tag if tag.startswith("{") else _A + tag
    if parent is None:
        return etree.Element(name, attrib or {}, nsmap=_NSMAP)  # type: ignore[arg-type]
    return etree.SubElement(parent, name, attrib or {})


def _itertext(el: etree._Element) -> str:
    return "".join(t for t in el.itertext() if isinstance(t, str))


def _valid_date(value: str | None) -> str | None:
    if not value or not _DATE_RE.match(value):
        return None
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return value


def _long_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {_MONTHS[m]} {y}"


def _token(value: str | None) -> str:
    """An eId or IRI component from a printed label: "11" -> "11", "5 bis" -> "5bis"."""
    return re.sub(r"[^A-Za-z0-9]", "", value or "")


def _last_label(number: str | None) -> str | None:
    """The label a sub-paragraph prints: "11(a)(ii)" -> "ii"."""
    if not number:
        return None
    m = re.search(r"\(([^()]*)\)$", number)
    return m.group(1) if m else number


def printed_label(p: Paragraph) -> str | None:
    """The number as printed before the text: "11.", "(a)", "IV"."""
    if not p.number:
        return None
    if p.kind == "operative":
        return f"{p.number}."
    if p.kind == "subparagraph":
        return f"({_last_label(p.number)})"
    return p.number


def _check(doc: Document) -> None:
    """Refuse what XML cannot carry and footnote positions that make no sense."""
    where = doc.label
    for key, value in doc.metadata.to_dict().items():
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str) and _NOT_XML.search(v):
                raise InputError(f"{where}: metadata field {key} has a character XML cannot carry")
    for p in doc.paragraphs:
        for v in (p.id, p.kind, p.text, p.number, p.parent, p.part, p.part_label, *p.footnote_refs):
            if isinstance(v, str) and _NOT_XML.search(v):
                ch = _NOT_XML.search(v)
                code = f"U+{ord(ch.group(0)):04X}" if ch else "?"
                raise InputError(
                    f"{where}: paragraph {p.id!r} has a character XML cannot carry ({code})"
                )
        offsets = p.footnote_offsets
        if (
            len(offsets) != len(p.footnote_refs)
            or any(not 0 <= o <= len(p.text) for o in offsets)
            or list(offsets) != sorted(offsets)
        ):
            raise ValueError(f"paragraph {p.id!r}: footnote offsets do not fit its text")
    for fn in doc.footnotes:
        if _NOT_XML.search(fn.marker) or _NOT_XML.search(fn.text):
            raise InputError(f"{where}: footnote {fn.marker!r} has a character XML cannot carry")


@dataclass
class _Open:
    """A paragraph element that later sub-paragraphs may nest under."""

    refs: frozenset[str]
    element: etree._Element
    eid: str
    list_el: etree._Element | None = None  # preamble: the blockList its items go in


@dataclass
class _Scope:
    """Where paragraphs are being placed: mainBody, a section, the preamble."""

    element: etree._Element
    prefix: str  # eId prefix, "" or "sec_I__" or "att_1__"
    chain: list[_Open] = field(default_factory=list)


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.paras = doc.paragraphs
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}
        self.eids: list[str] = [""] * len(self.paras)
        self.note_bodies = self._claim_notes()
        self.note_eids: dict[tuple[int, int], str] = {}

    # -- identifiers

    def uniq(self, eid: str) -> str:
        if eid in self.used:
            k = 2
            while f"{eid}-{k}" in self.used:
                k += 1
            eid = f"{eid}-{k}"
        self.used.add(eid)
        return eid

    def count(self, key: str) -> int:
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]

    # -- footnotes

    def _claim_notes(self) -> dict[tuple[int, int], tuple[int | None, str]]:
        """For each reference: the footnote whose text it carries (claimed in order)."""
        queue: dict[str, list[tuple[int, int]]] = {}
        for pi, p in enumerate(self.paras):
            for k, marker in enumerate(p.footnote_refs):
                queue.setdefault(marker, []).append((pi, k))
        bodies: dict[tuple[int, int], tuple[int | None, str]] = {}
        first_text: dict[str, str] = {}
        for fi, fn in enumerate(self.doc.footnotes):
            first_text.setdefault(fn.marker, fn.text)
            waiting = queue.get(fn.marker)
            if waiting:
                bodies[waiting.pop(0)] = (fi, fn.text)
        for pi, p in enumerate(self.paras):
            for k, marker in enumerate(p.footnote_refs):
                bodies.setdefault((pi, k), (None, first_text.get(marker, "")))
        return bodies

    def fill_text(self, holder: etree._Element, pi: int, eid: str) -> None:
        p = self.paras[pi]
        pos = 0
        last: etree._Element | None = None
        for k, (marker, offset) in enumerate(zip(p.footnote_refs, p.footnote_offsets, strict=True)):
            seg = p.text[pos:offset]
            if last is None:
                holder.text = seg
            else:
                last.tail = seg
            note_eid = self.uniq(f"{eid}__authorialNote_{k + 1}")
            note = _el(
                holder, "authorialNote", {"marker": marker, "placement": "bottom", "eId": note_eid}
            )
            _el(note, "p").text = self.note_bodies[(pi, k)][1]
            self.note_eids[(pi, k)] = note_eid
            last = note
            pos = offset
        rest = p.text[pos:]
        if last is None:
            holder.text = rest
        else:
            last.tail = rest

    # -- document

    def build(self) -> etree._Element:
        doc = self.doc
        root = _el(None, "akomaNtoso")
        is_resolution = doc.metadata.doc_type == "resolution"
        main = _el(root, "statement" if is_resolution else "doc", {"name": self._doc_name()})
        body = [i for i, p in enumerate(self.paras) if p.part != "annex"]
        annex = [i for i, p in enumerate(self.paras) if p.part == "annex"]
        meta = _el(main, "meta")
        self._preface(main)
        self._content(main, body, "", None)
        self._conclusions(main)
        groups = self._attachments(annex)
        if groups:
            atts = _el(main, "attachments")
            for k, (label, idxs) in enumerate(groups, start=1):
                prefix = self.uniq(f"att_{k}")
                att = _el(atts, "attachment", {"eId": prefix})
                sub = _el(att, "doc", {"name": "annex"})
                sub_meta = _el(sub, "meta")
                self._identification(sub_meta, "!main/annex" + (f"_{k}" if k > 1 else ""))
                self._content(sub, idxs, prefix + "__", label)
        self._meta(meta)
        return root

    def _doc_name(self) -> str:
        doc_type = self.doc.metadata.doc_type
        if doc_type in ("resolution", "draft", "amendment", "other"):
            return str(doc_type)
        return "document"

    # -- meta

    def _work_iri(self) -> tuple[str, str, str]:
        """(work IRI, FRBR date, date name) as DGACM's AKN4UN files write them:
        `/akn/un/statement/deliberation/unga/2025-11-24/80-9/`, dated by adoption."""
        m = self.doc.metadata
        kind = "statement/deliberation" if m.doc_type == "resolution" else f"doc/{self._doc_name()}"
        author = _IRI_AUTHORS.get(self._author()[0], self._author()[0])
        date, date_name = _valid_date(m.adopted_on), "adoption"
        if date is None:
            date, date_name = _valid_date(m.issued_on), "publication"
        if date is None:
            date, date_name = _UNKNOWN_DATE, "unknown"
        if m.resolution_number:
            number = re.sub(r"[^A-Za-z0-9]+", "-", m.resolution_number).strip("-").lower()
        elif m.symbol:
            number = re.sub(r"[^A-Za-z0-9]+", "-", m.symbol).strip("-").lower()
        else:
            number = "nn"
        return f"/akn/un/{kind}/{author}/{date}/{number or 'nn'}/", date, date_name

    def _author(self) -> tuple[str, str]:
        """(TLC id, name) of the organ whose symbol series the document is in."""
        series = (self.doc.metadata.symbol or "").split("/", 1)
        return _AUTHORS.get(series[0], _UN) if len(series) == 2 else _UN

    def _identification(self, meta: etree._Element, component: str) -> None:
        """FRBR after the AKN4UN profile: the work dated by adoption, the expression by
        publication, `eng@` from the document's language; `component` is "!main" or
        "!main/annex"."""
        work, date, date_name = self._work_iri()
        m = self.doc.metadata
        lang = _ISO639_2.get(m.language or "en", "eng")
        published = _valid_date(m.issued_on) or date
        author = f"#{self._author()[0]}"
        ident = _el(meta, "identification", {"source": "#resdiff"})
        w = _el(ident, "FRBRWork")
        _el(w, "FRBRthis", {"value": f"{work}{component}" + ("/" if component == "!main" else "")})
        _el(w, "FRBRuri", {"value": work})
        _el(w, "FRBRdate", {"date": date, "name": date_name})
        _el(w, "FRBRauthor", {"href": author, "as": "author"})
        _el(w, "FRBRcountry", {"value": "un"})
        if m.resolution_number or m.symbol:
            _el(w, "FRBRnumber", {"value": m.resolution_number or m.symbol or ""})
        if m.symbol:
            _el(w, "FRBRname", {"value": m.symbol})
        e = _el(ident, "FRBRExpression")
        tail = "/" if component == "!main" else ""
        _el(e, "FRBRthis", {"value": f"{work}{lang}@{component}{tail}"})
        _el(e, "FRBRuri", {"value": f"{work}{lang}@/"})
        _el(e, "FRBRdate", {"date": published, "name": "publication"})
        _el(e, "FRBRauthor", {"href": author, "as": "issuer"})
        _el(e, "FRBRlanguage", {"language": lang})
        mf = _el(ident, "FRBRManifestation")
        _el(mf, "FRBRthis", {"value": f"{work}{lang}@/{component}.xml"})
        _el(mf, "FRBRuri", {"value": f"{work}{lang}@.xml"})
        _el(mf, "FRBRdate", {"date": published, "name": "markup"})
        _el(mf, "FRBRauthor", {"href": "#resdiff", "as": "editor"})
        _el(mf, "FRBRformat", {"value": MEDIA_TYPE})

    def _meta(self, meta: etree._Element) -> None:
        self._identification(meta, "!main")
        refs = _el(meta, "references", {"source": "#resdiff"})
        eid, show = self._author()
        _el(
            refs,
            "TLCOrganization",
            {"eId": eid, "href": f"/akn/ontology/organizations/un/{eid}", "showAs": show},
        )
        _el(
            refs,
            "TLCOrganization",
            {"eId": "resdiff", "href": "/akn/ontology/organizations/resdiff", "showAs": "resdiff"},
        )
        # Footnotes: each one points at the note element that carries its text.
        claimed = {fi: key for key, (fi, _t) in self.note_bodies.items() if fi is not None}
        targets: list[str] = []
        loose: list[tuple[int, str]] = []
        for fi in range(len(self.doc.footnotes)):
            ref = claimed.get(fi)
            if ref is not None:
                targets.append(self.note_eids[ref])
            else:
                eid_note = self.uniq(f"note_{fi + 1}")
                loose.append((fi, eid_note))
                targets.append(eid_note)
        if loose:
            notes = _el(meta, "notes", {"source": "#resdiff"})
            for fi, eid_note in loose:
                fn = self.doc.footnotes[fi]
                note = _el(
                    notes, "note", {"eId": eid_note, "marker": fn.marker, "placement": "bottom"}
                )
                _el(note, "p").text = fn.text
        prop = _el(meta, "proprietary", {"source": "#resdiff"})
        rd = _el(prop, _R + "resdiff", {"version": RD_VERSION})
        fields = _el(rd, _R + "metadata")
        for key, value in self.doc.metadata.to_dict().items():
            if value is None or (isinstance(value, list) and not value):
                continue
            f = _el(fields, _R + "field", {"name": key})
            if isinstance(value, list):
                for item in value:
                    _el(f, _R + "item").text = str(item)
            else:
                f.text = str(value)
        paras = _el(rd, _R + "paragraphs")
        for pi, p in enumerate(self.paras):
            attrib = {"ref": self.eids[pi], "id": p.id, "kind": p.kind}
            if p.number is not None:
                attrib["number"] = p.number
            if p.parent is not None:
                attrib["parent"] = p.parent
            attrib["part"] = p.part
            if p.part_label is not None:
                attrib["partLabel"] = p.part_label
            _el(paras, _R + "paragraph", attrib)
        if self.doc.footnotes:
            fns = _el(rd, _R + "footnotes")
            for fn, target in zip(self.doc.footnotes, targets, strict=True):
                _el(fns, _R + "footnote", {"marker": fn.marker, "ref": target})

    def _preface(self, main: etree._Element) -> None:
        m = self.doc.metadata
        date = _valid_date(m.adopted_on) or _valid_date(m.issued_on)
        if not (m.symbol or m.title or date):
            return
        preface = _el(main, "preface")
        if m.symbol:
            _el(_el(preface, "p", {"class": "symbol"}), "docNumber").text = m.symbol
        if m.title:
            _el(_el(preface, "p", {"class": "title"}), "docTitle").text = m.title
        if date:
            d = _el(_el(preface, "p", {"class": "date"}), "docDate", {"date": date})
            d.text = _long_date(date)

    def _conclusions(self, main: etree._Element) -> None:
        m = self.doc.metadata
        if not m.meeting:
            return
        box = _el(
            _el(main, "conclusions"),
            "container",
            {"name": "adoption", "eId": self.uniq("conclusions__container_1")},
        )
        _el(box, "p").text = m.meeting
        date = _valid_date(m.adopted_on)
        if date:
            _el(_el(box, "p"), "docDate", {"date": date}).text = _long_date(date)

    # -- body

    def _attachments(self, annex: list[int]) -> list[tuple[str | None, list[int]]]:
        groups: list[tuple[str | None, list[int]]] = []
        for i in annex:
            p = self.paras[i]
            m = ANNEX_RE.match(p.text) if p.kind == "heading" else None
            if not groups or (m is not None and groups[-1][1]):
                groups.append((m.group(2) if m else None, []))
            groups[-1][1].append(i)
        return groups

    def _path(self, p: Paragraph, annex_label: str | None) -> tuple[str, ...]:
        if p.part_label is None:
            return ()
        path = tuple(p.part_label.split("/"))
        if annex_label is not None and path and path[0] == annex_label:
            path = path[1:]
        return path

    def _content(
        self, doc_el: etree._Element, idxs: list[int], prefix: str, annex_label: str | None
    ) -> None:
        pre = self._preamble_run(idxs, annex_label)
        if pre:
            preamble = _el(doc_el, "preamble")
            scope = _Scope(preamble, prefix + "preamble__")
            for i in pre:
                self._preamble_item(scope, i)
        body = _el(doc_el, "mainBody")
        sections: list[tuple[tuple[str, ...], _Scope]] = []
        top = _Scope(body, prefix)
        last = top
        for i in idxs[len(pre) :]:
            path = self._path(self.paras[i], annex_label)
            while sections and sections[-1][0] != path[: len(sections[-1][0])]:
                sections.pop()
            while len(sections) < len(path):
                parent = sections[-1][1] if sections else top
                comp = path[len(sections)]
                tok = _token(comp) or f"nn{self.count(parent.prefix + 'sec')}"
                eid = self.uniq(f"{parent.prefix}sec_{tok}")
                el = _el(parent.element, "hcontainer", {"name": "section", "eId": eid})
                parent.chain = []
                sections.append((path[: len(sections) + 1], _Scope(el, eid + "__")))
            scope = sections[-1][1] if sections else top
            if scope is not last:
                scope.chain = []  # nothing before a section boundary takes sub-paragraphs
                last = scope
            self._hier_item(scope, i)
        if len(body) == 0:
            _el(body, "p")  # mainBody must hold something; an empty p is no paragraph

    def _preamble_run(self, idxs: list[int], annex_label: str | None) -> list[int]:
        """The opening paragraphs that form the preamble: formula, preambular, their items."""
        run: list[int] = []
        refs: set[str] = set()
        end = 0
        for i in idxs:
            p = self.paras[i]
            if self._path(p, annex_label):
                break
            if p.kind in ("text", "preambular"):
                run.append(i)
                refs = {p.id} | ({p.number} if p.number else set())
                if p.kind == "preambular" or _GA_LINE.match(p.text):
                    end = len(run)
                continue
            if p.kind == "subparagraph" and p.parent is not None and p.parent in refs:
                run.append(i)
                refs |= {p.id} | ({p.number} if p.number else set())
                end = len(run)
                continue
            break
        return run[:end]

    def _attach(self, scope: _Scope, p: Paragraph) -> _Open | None:
        """The open paragraph a sub-paragraph nests under; trims the chain to it."""
        if p.kind != "subparagraph" or p.parent is None:
            return None
        for k in range(len(scope.chain) - 1, -1, -1):
            if p.parent in scope.chain[k].refs:
                del scope.chain[k + 1 :]
                return scope.chain[k]
        return None

    @staticmethod
    def _refs(p: Paragraph) -> frozenset[str]:
        return frozenset([p.id] + ([p.number] if p.number else []))

    def _preamble_item(self, scope: _Scope, i: int) -> None:
        p = self.paras[i]
        parent = self._attach(scope, p)
        if parent is None:
            if p.kind == "text" and _GA_LINE.match(p.text):
                tag, name = "formula", "enactingFormula"
            else:
                tag, name = "container", ("preambular" if p.kind == "preambular" else p.kind)
            eid = self.uniq(f"{scope.prefix}{tag}_{self.count(scope.prefix + tag)}")
            el = _el(scope.element, tag, {"name": name, "eId": eid})
            holder = _el(el, "p")
            scope.chain = [_Open(self._refs(p), el, eid)]
        else:
            if parent.list_el is None:
                list_eid = self.uniq(f"{parent.eid}__list_1")
                parent.list_el = _el(parent.element, "blockList", {"eId": list_eid})
            list_el = parent.list_el
            list_eid = list_el.get("eId") or ""
            tok = _token(_last_label(p.number)) or f"nn{self.count(list_eid)}"
            eid = self.uniq(f"{list_eid}__item_{tok}")
            el = _el(list_el, "item", {"eId": eid})
            label = printed_label(p)
            if label:
                _el(el, "num").text = label
            holder = _el(el, "p")
            scope.chain.append(_Open(self._refs(p), el, eid))
        self.eids[i] = eid
        self.fill_text(holder, i, eid)

    def _inside_list(self, scope: _Scope, i: int) -> bool:
        """Is this text or heading part of a list that goes on after it ("(b) ... Panel 1:
        ... (c) ...")? Then it nests where it stands, and the list stays open."""
        p = self.paras[i]
        if p.kind not in ("text", "heading") or not scope.chain:
            return False
        refs = frozenset().union(*(o.refs for o in scope.chain))
        for q in self.paras[i + 1 :]:
            if (q.part, q.part_label) != (p.part, p.part_label):
                return False
            if q.kind not in ("text", "heading"):
                return q.kind == "subparagraph" and q.parent in refs
        return False

    def _hier_item(self, scope: _Scope, i: int) -> None:
        p = self.paras[i]
        parent = self._attach(scope, p)
        if parent is None and self._inside_list(scope, i):
            parent = scope.chain[-1]
        container = scope.element
        base = scope.prefix
        if parent is not None:
            content = parent.element.find(_A + "content")
            if content is not None:
                content.tag = _A + "intro"  # a chapeau once it has sub-paragraphs
            container = parent.element
            base = parent.eid + "__"
        label = printed_label(p)
        attrib: dict[str, str] = {}
        if p.kind == "operative":
            tag = "paragraph"
            tok = _token(p.number)
            eid_base = (
                f"{base}para_{tok}" if tok else f"{base}para_nn{self.count(base + 'para_nn')}"
            )
        elif p.kind == "subparagraph":
            tag = "subparagraph"
            tok = _token(_last_label(p.number))
            eid_base = (
                f"{base}subpara_{tok}"
                if tok
                else f"{base}subpara_nn{self.count(base + 'subpara_nn')}"
            )
        else:
            key = "crossHeading" if p.kind == "heading" else p.kind
            tag, attrib = "hcontainer", {"name": key}
            eid_base = f"{base}{key}_{self.count(base + key)}"
        eid = self.uniq(eid_base)
        el = _el(container, tag, {**attrib, "eId": eid})
        if label:
            _el(el, "num").text = label
        if p.kind == "heading":
            holder = _el(el, "heading")
            if parent is None:
                scope.chain = []
        else:
            holder = _el(_el(el, "content"), "p")
            if parent is None:
                scope.chain = []
            if p.kind != "text" or parent is None:
                scope.chain.append(_Open(self._refs(p), el, eid))
        self.eids[i] = eid
        self.fill_text(holder, i, eid)


def _indent(el: etree._Element, level: int = 0) -> None:
    """Indent structural elements only; text-bearing elements keep their exact content."""
    if etree.QName(el).localname in _MIXED or len(el) == 0:
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        _indent(child, level + 1)
        child.tail = pad
    el[-1].tail = "\n" + "  " * level


def write(doc: Document) -> bytes:
    """The document as Akoma Ntoso 3.0 XML (UTF-8), deterministic byte for byte."""
    _check(doc)
    root = _Writer(doc).build()
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


# =========================================================================== reading


def _local(el: etree._Element) -> str:
    tag = el.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child(el: etree._Element | None, name: str) -> etree._Element | None:
    if el is None:
        return None
    return next((c for c in el if isinstance(c.tag, str) and _local(c) == name), None)


def _kids(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str)]


def _inline(holder: etree._Element | None) -> tuple[list[str | None], list[etree._Element]]:
    """Text pieces of an inline holder, None where an authorialNote stands; the notes."""
    pieces: list[str | None] = []
    notes: list[etree._Element] = []

    def walk(el: etree._Element) -> None:
        if el.text:
            pieces.append(el.text)
        for child in el:
            if not isinstance(child.tag, str):
                pass
            elif _local(child) in ("authorialNote", "noteRef"):
                pieces.append(None)
                notes.append(child)
            elif _local(child) in ("eol", "eop", "br"):
                pieces.append(" ")
            else:
                walk(child)
            if child.tail:
                pieces.append(child.tail)

    if holder is not None:
        walk(holder)
    return pieces, notes


def _exact(pieces: list[str | None]) -> tuple[str, tuple[int, ...]]:
    text = ""
    offsets: list[int] = []
    for piece in pieces:
        if piece is None:
            offsets.append(len(text))
        else:
            text += piece
    return text, tuple(offsets)


def _normalized(pieces: list[str | None]) -> tuple[str, tuple[int, ...]]:
    """Whitespace collapsed and characters folded, markers kept where they stood."""
    text = ""
    offsets: list[int] = []
    space = False
    for piece in pieces:
        if piece is None:
            offsets.append(len(text))
            continue
        piece = normalize_chars(piece)
        if not piece.strip():
            space = space or bool(piece)
            continue
        if text and (space or piece[0].isspace()):
            text += " "
        text += " ".join(piece.split())
        space = piece[-1].isspace()
    return text, tuple(offsets)


def _note_text(note: etree._Element, exact: bool) -> str:
    if _local(note) == "noteRef":
        return ""
    if exact:
        first = _child(note, "p")
        return _exact(_inline(first)[0])[0] if first is not None else ""
    parts = []
    for block in note.iter():
        if isinstance(block.tag, str) and _local(block) == "p":
            parts.append(_normalized(_inline(block)[0])[0])
    if not parts:
        parts.append(_normalized(_inline(note)[0])[0])
    return " ".join(x for x in parts if x)


def _holder(el: etree._Element, kind: str | None = None) -> etree._Element | None:
    """The element that carries a paragraph's own text."""
    name = _local(el)
    if name in ("p", "heading", "crossHeading", "subheading", "num", "docTitle"):
        return el
    if kind == "heading" or (
        kind is None and name == "hcontainer" and _child(el, "content") is None
    ):
        heading = _child(el, "heading")
        if heading is not None:
            return heading
    for box in ("content", "intro"):
        inner = _child(el, box)
        if inner is not None:
            p = _child(inner, "p")
            return p if p is not None else inner
    p = _child(el, "p")
    if p is not None:
        return p
    return _child(el, "heading")


def _document_element(root: etree._Element, name: str) -> etree._Element:
    ns = etree.QName(root).namespace or ""
    if _local(root) != "akomaNtoso" or not (ns == AKN_NS or ns.startswith(AKN_NS + "/")):
        raise InputError(f"{name}: not an Akoma Ntoso 3.0 document (root <{_local(root)}>)")
    for child in _kids(root):
        if _child(child, "meta") is not None or _local(child) in _DOC_TYPES:
            return child
    raise InputError(f"{name}: Akoma Ntoso document without a document element")


_DOC_TYPES = frozenset(
    [
        "act",
        "bill",
        "doc",
        "statement",
        "amendment",
        "amendmentList",
        "debate",
        "debateReport",
        "judgment",
        "officialGazette",
        "documentCollection",
        "portion",
    ]
)
_BODIES = (
    "mainBody",
    "body",
    "judgmentBody",
    "amendmentBody",
    "debateBody",
    "collectionBody",
    "portionBody",
)
_SUBS = frozenset(
    [
        "subparagraph",
        "point",
        "indent",
        "alinea",
        "item",
        "list",
        "sublist",
        "subrule",
        "proviso",
        "subclause",
    ]
)
_SECTIONS = frozenset(
    [
        "section",
        "part",
        "chapter",
        "title",
        "book",
        "tome",
        "division",
        "article",
        "clause",
        "rule",
        "subsection",
        "subpart",
        "subchapter",
        "subtitle",
        "subdivision",
        "level",
        "transitional",
        "hcontainer",
    ]
)


_AKN_START = re.compile(
    r"^(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*)*(?:<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)?"
    r"(?:<!--.*?-->\s*|<\?[^>]*\?>\s*)*<(?:[\w.-]+:)?akomaNtoso\b",
    re.S,
)


def sniff(data: bytes) -> bool:
    """Do these bytes hold an Akoma Ntoso document? (For format detection by content.)

    A DOCTYPE before the root still counts, so that hostile AKN reaches `read` and is
    refused there rather than read as plain text.
    """
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    return bool(_AKN_START.match(text.lstrip("\ufeff \t\r\n")))


def read_text(text: str, name: str) -> Document:
    """`read` for XML already decoded: its declared encoding no longer applies."""
    body = re.sub(r"^\ufeff?\s*<\?xml[^>]*\?>", "", text, count=1)
    return read(body.encode("utf-8"), name)


def read(data: bytes, name: str) -> Document:
    """An Akoma Ntoso 3.0 document as a `Document` (exact where resdiff wrote it)."""
    if not data.strip():
        raise InputError(f"{name}: empty input")
    root = parse_xml(data, name)
    info = root.getroottree().docinfo
    doctype: str = getattr(info, "doctype", "") or ""  # not in lxml-stubs
    if doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise InputError(f"{name}: Akoma Ntoso never uses a DOCTYPE; refused")
    main = _document_element(root, name)
    rd = _proprietary(main)
    if rd is None:
        if akn4un.is_akn4un(root, main):
            return akn4un.read(root, main, name)
        return _Loose(name).read(main)
    index = _eid_index(main)
    if _matches_body(main, rd, index):
        return _read_exact(rd, index, name)
    # Edited since resdiff wrote it (paragraphs added or removed): the body is the truth.
    doc = _Loose(name).read(main)
    warning = "resdiff data does not match the AKN body (edited?); read from the markup"
    return replace(doc, warnings=(*doc.warnings, warning))


# Elements the writer makes for a paragraph (sections, lists and conclusions are not).
_PARAGRAPH_ELEMENTS = frozenset(
    ["paragraph", "subparagraph", "formula", "container", "item", "hcontainer"]
)


def _eid_index(main: etree._Element) -> dict[str, etree._Element]:
    index: dict[str, etree._Element] = {}
    for el in main.iter():
        if isinstance(el.tag, str) and etree.QName(el).namespace != RD_NS:
            eid = el.get("eId")
            if eid and eid not in index:
                index[eid] = el
    return index


def _matches_body(
    main: etree._Element, rd: etree._Element, index: dict[str, etree._Element]
) -> bool:
    """Does the proprietary block account for every paragraph of the body, and no more?"""
    named = [el.get("ref", "") for el in rd.iter(_R + "paragraph")]
    if len(set(named)) != len(named) or any(ref not in index for ref in named):
        return False
    for el in rd.iter(_R + "footnote"):
        note = index.get(el.get("ref", ""))
        if note is None or _local(note) not in ("authorialNote", "note"):
            return False
    wanted = set(named)
    for el in main.iter():
        if not isinstance(el.tag, str) or _local(el) not in _PARAGRAPH_ELEMENTS:
            continue
        if _local(el) == "hcontainer" and el.get("name") == "section":
            continue
        if any(_local(a) in ("meta", "preface", "conclusions") for a in el.iterancestors()):
            continue
        if el.get("eId") not in wanted:
            return False
    return True


def _proprietary(main: etree._Element) -> etree._Element | None:
    meta = _child(main, "meta")
    if meta is None:
        return None
    for prop in meta:
        if isinstance(prop.tag, str) and _local(prop) == "proprietary":
            for rd in prop:
                if rd.tag == _R + "resdiff" and rd.get("version") == RD_VERSION:
                    return rd
    return None


def _read_exact(rd: etree._Element, index: dict[str, etree._Element], name: str) -> Document:
    values: dict[str, object] = {}
    box = rd.find(_R + "metadata")
    for f in box.iter(_R + "field") if box is not None else []:
        key = f.get("name", "")
        if key == "agenda_items":
            values[key] = [item.text or "" for item in f.iter(_R + "item")]
        elif key == "session":
            try:
                values[key] = int((f.text or "").strip())
            except ValueError as exc:
                raise InputError(f"{name}: resdiff metadata: session is not a number") from exc
        else:
            values[key] = f.text or ""
    paragraphs: list[Paragraph] = []
    plist = rd.find(_R + "paragraphs")
    for rp in plist.iter(_R + "paragraph") if plist is not None else []:
        eid = rp.get("ref") or ""
        target = index.get(eid)
        if target is None:
            raise InputError(
                f"{name}: resdiff data names element {eid!r}, which is not in the body"
            )
        kind = rp.get("kind", "text")
        pieces, notes = _inline(_holder(target, kind))
        text, offsets = _exact(pieces)
        paragraphs.append(
            Paragraph(
                id=rp.get("id", eid),
                kind=_kind(kind),
                text=text,
                number=rp.get("number"),
                parent=rp.get("parent"),
                part=rp.get("part", "body"),
                part_label=rp.get("partLabel"),
                footnote_refs=tuple(n.get("marker", "") for n in notes),
                footnote_offsets=offsets,
            )
        )
    footnotes: list[Footnote] = []
    flist = rd.find(_R + "footnotes")
    for rf in flist.iter(_R + "footnote") if flist is not None else []:
        note = index.get(rf.get("ref") or "")
        if note is None:
            raise InputError(f"{name}: resdiff data names footnote {rf.get('ref')!r}, not found")
        marker = note.get("marker")
        footnotes.append(
            Footnote(
                marker if marker is not None else rf.get("marker") or "", _note_text(note, True)
            )
        )
    return Document(
        metadata=Metadata.from_dict(values),
        paragraphs=tuple(paragraphs),
        footnotes=tuple(footnotes),
        source=name,
        source_format=SOURCE_FORMAT,
    )


def _kind(value: str) -> ParagraphKind:
    if value == "preambular":
        return "preambular"
    if value == "operative":
        return "operative"
    if value == "subparagraph":
        return "subparagraph"
    if value == "heading":
        return "heading"
    return "text"


class _Loose:
    """Any AKN document: paragraphs, numbers and parts from the markup."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.paragraphs: list[Paragraph] = []
        self.footnotes: list[Footnote] = []
        self.markers: set[str] = set()
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}
        self.part = "body"
        self.prefix = ""
        self.labels: list[str] = []  # open sections
        self.annex_label: str | None = None
        self.notes_seen = 0
        self.ids: dict[str, etree._Element] = {}
        # Cover page, preface and conclusions: read for metadata only, so listed as removed.
        self.removed: list[Removal] = []

    def read(self, main: etree._Element) -> Document:
        for el in main.iter(_A + "note"):
            if el.get("eId"):
                self.ids.setdefault(el.get("eId") or "", el)
        fields = md.HeaderFields()
        self._metadata(main, fields)
        self._doc(main)
        values = md.finalize(fields)
        return Document(
            metadata=Metadata.from_dict(values),
            paragraphs=tuple(self.paragraphs),
            footnotes=tuple(self.footnotes),
            source=self.name,
            source_format=SOURCE_FORMAT,
            removed=tuple(self.removed),
        )

    # -- metadata

    def _metadata(self, main: etree._Element, fields: md.HeaderFields) -> None:
        name = (main.get("name") or "").lower()
        local = _local(main)
        if local == "amendment" or "amendment" in name:
            fields.set("doc_type", "amendment")
        elif "draft" in name:
            fields.set("doc_type", "draft")
        elif "resolution" in name:
            fields.set("doc_type", "resolution")
        elif name:
            fields.set("doc_type", "other")
        for el in main.iter():
            if not isinstance(el.tag, str) or _in_attachment(el, main):
                continue
            loc = _local(el)
            text = " ".join(normalize_chars(_itertext(el)).split())
            if loc == "docNumber" and text and "symbol" not in fields.values:
                fields.set("symbol", text)
            elif loc == "docTitle" and text and "title" not in fields.values:
                fields.set("title", text)
            elif loc == "docDate" and _valid_date((el.get("date") or "")[:10]):
                key = "adopted_on" if fields.values.get("doc_type") == "resolution" else "issued_on"
                if key not in fields.values:
                    fields.set(key, (el.get("date") or "")[:10])
            elif loc == "p" and "meeting" not in fields.values:
                meeting = md.MEETING_RE.match(text)
                if meeting:
                    fields.set("meeting", f"{meeting.group(1)} {meeting.group(2)}")
        if "symbol" not in fields.values:
            work = next((e for e in main.iter(_A + "FRBRWork")), None)
            name_el = _child(work, "FRBRname")
            if name_el is not None and name_el.get("value"):
                fields.set("symbol", name_el.get("value"))

    # -- structure

    def _doc(self, doc_el: etree._Element) -> None:
        self._remove(_child(doc_el, "coverPage"), "cover")
        self._remove(_child(doc_el, "preface"), "cover")
        # In document order: a resolution adopting an outcome document carries that
        # document's preamble and body after its own, as a second pair.
        for part in _kids(doc_el):
            if _local(part) == "preamble":
                for el in _kids(part):
                    self._preamble(el)
            elif _local(part) in _BODIES:
                for el in _kids(part):
                    self._node(el, None)
        self._remove(_child(doc_el, "conclusions"), "closing")
        atts = _child(doc_el, "attachments")
        for att in _kids(atts) if atts is not None else []:
            sub = next(
                (c for c in _kids(att) if _child(c, "meta") is not None or _local(c) in _DOC_TYPES),
                None,
            )
            if sub is None:
                continue
            self.part, self.labels = "annex", []
            heading = _child(att, "heading")
            if heading is None:
                heading = _child(att, "num")
            self.annex_label = None
            if heading is not None:
                text = _plain(heading)
                m = ANNEX_RE.match(text)
                self.annex_label = (m.group(2) if m else None) or None
                self._add("heading", [text], None, None, None)
            self._doc(sub)

    def _remove(self, holder: etree._Element | None, reason: str) -> None:
        """Record each block of `holder` as removed: its words went to metadata or nowhere."""
        for el in _kids(holder) if holder is not None else []:
            text = " ".join(normalize_chars(_itertext(el)).split())
            if text:
                self.removed.append(Removal(text, reason))

    def _preamble(self, el: etree._Element) -> None:
        loc = _local(el)
        if loc in ("recitals", "citations"):
            for child in _kids(el):
                self._preamble(child)
            return
        if loc in ("intro", "wrapUp", "longTitle"):
            for child in _kids(el):
                self._preamble(child)
            return
        if loc in ("num", "heading", "subheading"):
            return
        text = _normalized(_inline(_holder(el))[0])[0]
        kind: ParagraphKind = "text" if loc == "formula" or _GA_LINE.match(text) else "preambular"
        if loc == "container" and el.get("name") in ("text", "heading"):
            kind = "text"
        me = self._add_from(kind, el, None, None)
        self._items(el, me)

    def _items(self, el: etree._Element, parent: Paragraph | None) -> None:
        for lst in _kids(el):
            if _local(lst) not in ("blockList", "ol", "ul"):
                continue
            for item in _kids(lst):
                if _local(item) in ("item", "li"):
                    label = _label(_child(item, "num"))
                    number = None
                    if label:
                        base = parent.number if parent and parent.number else ""
                        number = f"{base}({label})"
                    me = self._add_from("subparagraph", item, number, parent)
                    self._items(item, me)

    def _node(self, el: etree._Element, parent: Paragraph | None) -> None:
        loc = _local(el)
        name = el.get("name") or ""
        if loc in ("num", "heading", "subheading", "intro", "wrapUp", "content", "componentRef"):
            return
        if loc == "crossHeading" or (loc == "hcontainer" and name in ("crossHeading", "heading")):
            self._heading(el)
            return
        if loc == "hcontainer" and name in ("preambular", "text"):
            me = self._add_from("preambular" if name == "preambular" else "text", el, None, None)
            self._hier_children(el, me)
            return
        if loc == "paragraph":
            label = _label(_child(el, "num"))
            me = self._add_from("operative", el, label or None, None)
            self._hier_children(el, me)
            return
        if loc in _SUBS:
            label = _label(_child(el, "num"))
            number = None
            if label:
                base = parent.number if parent is not None and parent.number else ""
                number = f"{base}({label})"
            me = self._add_from("subparagraph", el, number, parent)
            self._hier_children(el, me)
            return
        if loc in _SECTIONS:
            label = _label(_child(el, "num"))
            has_heading = _child(el, "heading") is not None or label
            if _child(el, "content") is not None and _child(el, "heading") is None:
                me = self._add_from("operative" if label else "text", el, label or None, None)
                return
            self.labels.append(label or _plain(_child(el, "heading")) or loc)
            if has_heading:
                self._heading(el)
            self._hier_children(el, None)
            self.labels.pop()
            return
        if loc in ("p", "container", "blockContainer", "tblock", "formula", "block"):
            if not _plain(el) and not _inline(_holder(el))[1]:
                return
            me = self._add_from("text", el, None, None)
            self._items(el, me)
            return
        for child in _kids(el):
            self._node(child, parent)

    def _hier_children(self, el: etree._Element, me: Paragraph | None) -> None:
        for child in _kids(el):
            if _local(child) == "wrapUp":
                self._add_from("text", child, None, None)
            elif _local(child) not in ("num", "heading", "subheading", "intro", "content"):
                self._node(child, me)

    def _heading(self, el: etree._Element) -> None:
        label = _label(_child(el, "num"), strip_dot=True)
        holder = _child(el, "heading") if _local(el) != "crossHeading" else el
        self._add_from("heading", el, label or None, None, holder)

    # -- paragraphs

    def _add_from(
        self,
        kind: ParagraphKind,
        el: etree._Element,
        number: str | None,
        parent: Paragraph | None,
        holder: etree._Element | None = None,
    ) -> Paragraph:
        pieces, notes = _inline(holder if holder is not None else _holder(el))
        text, offsets = _normalized(pieces)
        refs: list[str] = []
        for note in notes:
            self.notes_seen += 1
            marker = note.get("marker") or str(self.notes_seen)
            refs.append(marker)
            body: etree._Element | None = note
            if _local(note) == "noteRef":  # an editorial note kept in meta/notes
                body = self.ids.get((note.get("href") or "").lstrip("#"))
            if body is not None and marker not in self.markers:
                self.markers.add(marker)
                self.footnotes.append(Footnote(marker, _note_text(body, False)))
        return self._add(kind, text, number, parent, (tuple(refs), offsets))

    def _add(
        self,
        kind: ParagraphKind,
        text: str | list[str],
        number: str | None,
        parent: Paragraph | None,
        notes: tuple[tuple[str, ...], tuple[int, ...]] | None,
    ) -> Paragraph:
        if isinstance(text, list):
            text = " ".join(text)
        head = "" if self.part == "body" else f"annex{self.annex_label or ''}-"
        section = "".join(f"{_token(x)}-" for x in self.labels if _token(x))
        prefix = head + section
        if kind == "operative":
            pid = (
                f"{prefix}op{_token(number)}"
                if _token(number)
                else f"{prefix}opu{self._count(prefix + 'opu')}"
            )
        elif kind == "subparagraph":
            base = parent.id if parent is not None else f"{prefix}sub"
            pid = f"{base}-{_token(_last_label(number)) or self._count(base)}"
        elif kind == "preambular":
            pid = f"{prefix}pp{self._count(prefix + 'pp')}"
        elif kind == "heading":
            pid = f"{prefix}h{self._count(prefix + 'h')}"
        else:
            pid = f"{prefix}t{self._count(prefix + 't')}"
        if pid in self.used:
            k = 2
            while f"{pid}~{k}" in self.used:
                k += 1
            pid = f"{pid}~{k}"
        self.used.add(pid)
        parent_ref: str | None = None
        if kind == "subparagraph" and parent is not None:
            parent_ref = (
                parent.number if parent.number and parent.number[0].isdigit() else parent.id
            )
        labels = (
            [self.annex_label] if self.part == "annex" and self.annex_label else []
        ) + self.labels
        para = Paragraph(
            id=pid,
            kind=kind,
            text=text,
            number=number,
            parent=parent_ref,
            part=self.part,
            part_label="/".join(labels) or None,
            footnote_refs=notes[0] if notes else (),
            footnote_offsets=notes[1] if notes else (),
        )
        self.paragraphs.append(para)
        return para

    def _count(self, key: str) -> int:
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]


def _in_attachment(el: etree._Element, main: etree._Element) -> bool:
    for a in el.iterancestors():
        if a is main:
            return False
        if isinstance(a.tag, str) and _local(a) in ("attachments", "components"):
            return True
    return False


def _plain(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return _normalized(_inline(el)[0])[0]


def _label(num: etree._Element | None, strip_dot: bool = True) -> str:
    """ "11." -> "11", "(a)" -> "a", "IV." -> "IV"."""
    text = _plain(num)
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        return text[1:-1].strip()
    if strip_dot:
        text = text.rstrip(".").rstrip(")").strip()
    return text


# =========================================================================== checking


def validate(data: bytes) -> list[str]:
    """Validation-lite: what a conforming AKN 3.0 document must have, as problems found."""
    problems: list[str] = []
    try:
        root = parse_xml(data, "<akn>")
    except InputError as exc:
        return [str(exc)]
    if root.tag != _A + "akomaNtoso":
        return [f"root is {root.tag}, not akomaNtoso"]
    docs = _kids(root)
    if len(docs) != 1 or _local(docs[0]) not in _DOC_TYPES:
        return ["akomaNtoso must hold exactly one document element"]
    seen: dict[str, int] = {}
    for el in root.iter():
        eid = el.get("eId") if isinstance(el.tag, str) else None
        if eid is not None:
            seen[eid] = seen.get(eid, 0) + 1
            if not eid or any(ch.isspace() for ch in eid):
                problems.append(f"eId {eid!r} is empty or has white space")
    problems += [f"eId {e!r} used {n} times" for e, n in seen.items() if n > 1]
    for doc_el in [docs[0], *root.iter(_A + "doc")]:
        problems += _check_doc(doc_el)
    for el in root.iter(_A + "paragraph", _A + "subparagraph", _A + "hcontainer"):
        kids = [_local(c) for c in _kids(el)]
        if "content" in kids and (
            "intro" in kids or any(k in ("paragraph", "subparagraph") for k in kids)
        ):
            problems.append(f"{el.get('eId')}: content next to sub-paragraphs")
        if "intro" in kids and not any(
            k in ("subparagraph", "paragraph", "hcontainer") for k in kids
        ):
            problems.append(f"{el.get('eId')}: intro without sub-paragraphs")
    for el in root.iter(_A + "authorialNote"):
        parent = el.getparent()
        if el.get("marker") is None or parent is None or _local(parent) not in ("p", "heading"):
            problems.append(f"{el.get('eId')}: authorialNote without marker or outside text")
    for el in root.iter(_A + "container", _A + "formula", _A + "hcontainer", _A + "doc"):
        if not el.get("name"):
            problems.append(f"{_local(el)} {el.get('eId')} without name")
    for el in root.iter(_A + "FRBRdate", _A + "docDate"):
        if _valid_date(el.get("date")) is None:
            problems.append(f"{_local(el)} with date {el.get('date')!r}")
    return problems


_REQUIRED = {
    "FRBRWork": ("FRBRthis", "FRBRuri", "FRBRdate", "FRBRauthor", "FRBRcountry"),
    "FRBRExpression": ("FRBRthis", "FRBRuri", "FRBRdate", "FRBRauthor", "FRBRlanguage"),
    "FRBRManifestation": ("FRBRthis", "FRBRuri", "FRBRdate", "FRBRauthor"),
}
_ORDER = (
    "meta",
    "coverPage",
    "preface",
    "preamble",
    "mainBody",
    "conclusions",
    "attachments",
    "components",
)


def _check_doc(doc_el: etree._Element) -> list[str]:
    out: list[str] = []
    label = f"{_local(doc_el)}[{doc_el.get('name')}]"
    kids = [_local(c) for c in _kids(doc_el)]
    if kids[:1] != ["meta"] or "mainBody" not in kids:
        out.append(f"{label}: needs meta first and a mainBody")
    if [k for k in kids if k in _ORDER] != sorted(
        (k for k in kids if k in _ORDER), key=_ORDER.index
    ):
        out.append(f"{label}: parts out of order: {kids}")
    meta = _child(doc_el, "meta")
    ident = _child(meta, "identification")
    if ident is None or not ident.get("source"):
        return [*out, f"{label}: meta/identification with a source is required"]
    for level, required in _REQUIRED.items():
        box = _child(ident, level)
        if box is None:
            out.append(f"{label}: {level} missing")
            continue
        for req in required:
            el = _child(box, req)
            if el is None:
                out.append(f"{label}: {level}/{req} missing")
            elif req in ("FRBRthis", "FRBRuri") and not (el.get("value") or "").startswith("/akn/"):
                out.append(f"{label}: {level}/{req} is not an /akn/ IRI")
    body = _child(doc_el, "mainBody")
    if body is not None and not _kids(body):
        out.append(f"{label}: empty mainBody")
    return out
