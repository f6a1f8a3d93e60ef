"""A `ReuseReport` as one self-contained HTML page: the document shaded by provenance.

The page reads as the document: each paragraph in order, shaded by how much of it was
drawn from earlier documents (verbatim darkest, then near-verbatim, partial, new
unshaded), with a text badge saying the same, its closest source, first and most
recent use, and, folded away, the word diff against the closest precedent and every
precedent kept. Each source document has a section at the end that back-links to the
paragraphs drawing from it. No script, no network resources, and byte-for-byte the
same output for the same report: anchors come from paragraph and document ids.

Text is escaped here with markupsafe (document text with footnote markers, diffs) or
by the template's autoescape (everything else); the template only places the pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from diffcore.corpus.results import (
    KINDS,
    DocRef,
    ParagraphReuse,
    Precedent,
    ReuseReport,
    SourceShare,
)

from .html_view import environment, pieces_html, stylesheet

__all__ = ["OFFICIAL_URL", "render"]

OFFICIAL_URL = "https://undocs.org/"
TOP_SOURCES = 10
STATUSES = (*KINDS, "new")


@dataclass
class BackLink:
    """A paragraph of the report that draws from a source document."""

    anchor: str
    label: str
    source_label: str
    kind: str
    pct: str
    closest: bool


@dataclass
class SourceDoc:
    """A source document and its section at the end of the page."""

    ref: DocRef
    anchor: str
    url: str | None
    when: str
    share: SourceShare | None = None
    drawn: list[BackLink] = field(default_factory=list)


@dataclass(frozen=True)
class SourceLink:
    """A precedent as shown next to a paragraph: where it is and how close."""

    doc: SourceDoc
    label: str
    kind: str
    pct: str
    date: str


@dataclass(frozen=True)
class ParaView:
    entry: ParagraphReuse
    anchor: str
    status: str
    counted: bool
    text: Markup
    diff: Markup
    closest: SourceLink | None
    earliest: SourceLink | None
    latest: SourceLink | None
    same_ends: bool  # the first use is also the most recent
    precedents: tuple[SourceLink, ...]


def official_url(ref: DocRef) -> str | None:
    """The official document's address, from its symbol (percent-encoded), if it has one."""
    if not ref.symbol:
        return None
    return OFFICIAL_URL + quote(ref.symbol.strip(), safe="/")


def percent(similarity: float) -> str:
    """A similarity as a whole percentage; only an exact copy shows 100%."""
    value = round(similarity * 100)
    if value >= 100 and similarity < 1.0:
        value = 99
    return f"{value}%"


def share(value: float) -> str:
    return f"{value * 100:.0f}%"


def when(ref: DocRef) -> str:
    parts = [f"session {ref.session}" if ref.session is not None else "", ref.date or ""]
    return ", ".join(p for p in parts if p)


class _Anchors:
    """Stable, unique fragment ids: the raw id made URL-safe, numbered on a clash."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, prefix: str, raw: str) -> str:
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", raw).strip("-") or "x"
        anchor = f"{prefix}-{slug}"
        k = 2
        while anchor in self.used:
            anchor = f"{prefix}-{slug}-{k}"
            k += 1
        self.used.add(anchor)
        return anchor


def _doc_key(ref: DocRef) -> tuple[str, str]:
    return ("id", str(ref.id)) if ref.id is not None else ("ref", ref.symbol or ref.label)


def _chronological(ref: DocRef) -> tuple[int, int, str, int, str]:
    session = ref.session if ref.session is not None else 10**9
    return (
        0 if ref.session is not None else 1,
        session,
        ref.date or "\uffff",
        ref.id if ref.id is not None else 10**9,
        ref.label,
    )


def _source_docs(report: ReuseReport) -> dict[tuple[str, str], SourceDoc]:
    """Every document a paragraph links to, oldest first, each with its anchor."""
    refs: dict[tuple[str, str], DocRef] = {}
    for s in report.sources:
        refs.setdefault(_doc_key(s.document), s.document)
    for entry in report.paragraphs:
        for p in _all_precedents(entry):
            refs.setdefault(_doc_key(p.document), p.document)
    anchors = _Anchors()
    docs: dict[tuple[str, str], SourceDoc] = {}
    for key, ref in sorted(refs.items(), key=lambda kv: _chronological(kv[1])):
        raw = str(ref.id) if ref.id is not None else f"doc-{ref.symbol or ref.label}"
        docs[key] = SourceDoc(ref, anchors("src", raw), official_url(ref), when(ref))
    for s in report.sources:
        doc = docs[_doc_key(s.document)]
        if doc.share is None:
            doc.share = s
    return docs


def _all_precedents(entry: ParagraphReuse) -> list[Precedent]:
    extra = [p for p in (entry.closest, entry.earliest, entry.latest) if p is not None]
    return [*entry.precedents, *extra]


def _paragraphs(report: ReuseReport, docs: dict[tuple[str, str], SourceDoc]) -> list[ParaView]:
    anchors = _Anchors()
    out: list[ParaView] = []

    def link(p: Precedent | None) -> SourceLink | None:
        if p is None:
            return None
        doc = docs[_doc_key(p.document)]
        return SourceLink(doc, p.label, p.kind, percent(p.similarity), p.document.date or "")

    for entry in report.paragraphs:
        para = entry.paragraph
        anchor = anchors("p", para.id)
        markers = list(zip(para.footnote_offsets, para.footnote_refs, strict=True))
        precedents = tuple(x for x in (link(p) for p in entry.precedents) if x is not None)
        view = ParaView(
            entry=entry,
            anchor=anchor,
            status=entry.status,
            counted=entry.words > 0,
            text=pieces_html([("=", para.text)], markers),
            diff=pieces_html(entry.diff),
            closest=link(entry.closest),
            earliest=link(entry.earliest),
            latest=link(entry.latest),
            same_ends=_same(entry.earliest, entry.latest),
            precedents=precedents,
        )
        out.append(view)
        closest_key = _doc_key(entry.closest.document) if entry.closest else None
        seen: set[tuple[str, str]] = set()
        for p in _all_precedents(entry):
            key = _doc_key(p.document)
            if key in seen:
                continue
            seen.add(key)
            # The closest precedent speaks for its document; else the first listed.
            shown = entry.closest if key == closest_key and entry.closest else p
            docs[key].drawn.append(
                BackLink(
                    anchor,
                    entry.label,
                    shown.label,
                    shown.kind,
                    percent(shown.similarity),
                    key == closest_key,
                )
            )
    return out


def _same(a: Precedent | None, b: Precedent | None) -> bool:
    if a is None or b is None:
        return False
    return _doc_key(a.document) == _doc_key(b.document) and a.paragraph == b.paragraph


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("resdiff")
    except PackageNotFoundError:
        return "dev"


def build(report: ReuseReport) -> dict[str, Any]:
    """The template's context: the report cut into pieces that only need placing."""
    docs = _source_docs(report)
    paragraphs = _paragraphs(report, docs)
    top = [(docs[_doc_key(s.document)], s) for s in report.sources[:TOP_SOURCES]]
    return {
        "report": report,
        "doc": report.document,
        "doc_when": when(report.document),
        "doc_url": official_url(report.document),
        "summary": report.summary(),
        "share": share,
        "threshold": percent(report.min_similarity),
        "partial_run": report.partial_run,
        "statuses": STATUSES,
        "paragraphs": paragraphs,
        "top_sources": top,
        "more_sources": max(0, len(report.sources) - TOP_SOURCES),
        "sources": list(docs.values()),
        "css": stylesheet("report.css") + stylesheet("reuse.css"),
        "version": _version(),
    }


def render(report: ReuseReport) -> str:
    """The report as a self-contained HTML page (no script, no external resources)."""
    return environment().get_template("reuse.html.j2").render(**build(report))
