"""The document model every reader produces and every later stage reads.

Frozen dataclasses: a `Document` is a value, so comparisons, caches and renderers can
share it without defensive copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ParagraphKind = Literal["preambular", "operative", "subparagraph", "heading", "text"]
DocType = Literal["resolution", "draft", "amendment", "other"]
# The principal organ whose document it is: its symbol series ("A/", "S/") or its opener.
Organ = Literal["GA", "SC"]

# Why a reader took a piece of its input out of the text flow. Every removal is
# recorded, so what a reader drops can always be accounted for (`Document.removed`).
REMOVAL_REASONS: tuple[str, ...] = (
    "cover",  # the cover or header block that metadata was read from
    "closing",  # the meeting and date lines closing a resolution, read as metadata
    "running-head",  # symbol and title repeated at the top of later pages
    "page-number",
    "job-number",  # "25-12345 (E)" and the like
    "barcode",  # "*2512345*" and its rendering
    "recycling-mark",  # "Please recycle" and its symbol
    "footnote-rule",  # the rule above a footnote area
    "trailer",  # ODS export markers, running heads and cover after the body
    "separator",  # decorative rules and asterisk lines between parts
    "markup",  # hidden or non-content markup (scripts, styles, navigation)
    "corrected",  # a label the reader corrected (an OCR misreading), as it was printed
)

PARAGRAPH_KINDS: tuple[str, ...] = ("preambular", "operative", "subparagraph", "heading", "text")


@dataclass(frozen=True)
class Metadata:
    """What the cover, header and closing lines of a UN document say about it."""

    symbol: str | None = None
    doc_type: DocType | None = None
    organ: Organ | None = None
    session: int | None = None
    agenda_items: tuple[str, ...] = ()
    agenda_title: str | None = None
    adopted_on: str | None = None
    issued_on: str | None = None
    committee: str | None = None
    report_symbol: str | None = None
    draft_symbol: str | None = None
    resolution_number: str | None = None
    title: str | None = None
    sponsors: str | None = None
    meeting: str | None = None
    job_number: str | None = None
    # ISO 639-1 code of the document's language, from markup where present, else detected.
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "doc_type": self.doc_type,
            "organ": self.organ,
            "session": self.session,
            "agenda_items": list(self.agenda_items),
            "agenda_title": self.agenda_title,
            "adopted_on": self.adopted_on,
            "issued_on": self.issued_on,
            "committee": self.committee,
            "report_symbol": self.report_symbol,
            "draft_symbol": self.draft_symbol,
            "resolution_number": self.resolution_number,
            "title": self.title,
            "sponsors": self.sponsors,
            "meeting": self.meeting,
            "job_number": self.job_number,
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Metadata:
        return cls(
            symbol=data.get("symbol"),
            doc_type=data.get("doc_type"),
            organ=data.get("organ"),
            session=data.get("session"),
            agenda_items=tuple(data.get("agenda_items") or ()),
            agenda_title=data.get("agenda_title"),
            adopted_on=data.get("adopted_on"),
            issued_on=data.get("issued_on"),
            committee=data.get("committee"),
            report_symbol=data.get("report_symbol"),
            draft_symbol=data.get("draft_symbol"),
            resolution_number=data.get("resolution_number"),
            title=data.get("title"),
            sponsors=data.get("sponsors"),
            meeting=data.get("meeting"),
            job_number=data.get("job_number"),
            language=data.get("language"),
        )


@dataclass(frozen=True)
class Paragraph:
    """One paragraph in reading order.

    `text` carries neither the printed number label nor footnote markers, so two
    versions that differ only in numbering or footnote numbering compare equal.
    """

    id: str
    kind: ParagraphKind
    text: str
    number: str | None = None
    parent: str | None = None
    part: str = "body"
    part_label: str | None = None
    footnote_refs: tuple[str, ...] = ()
    # Where each marker stood in `text`, so renderers can show it again.
    footnote_offsets: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "number": self.number,
            "parent": self.parent,
            "part": self.part,
            "part_label": self.part_label,
            "text": self.text,
            "footnote_refs": list(self.footnote_refs),
            "footnote_offsets": list(self.footnote_offsets),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paragraph:
        return cls(
            id=data["id"],
            kind=data["kind"],
            text=data["text"],
            number=data.get("number"),
            parent=data.get("parent"),
            part=data.get("part", "body"),
            part_label=data.get("part_label"),
            footnote_refs=tuple(data.get("footnote_refs") or ()),
            footnote_offsets=tuple(data.get("footnote_offsets") or ()),
        )


@dataclass(frozen=True)
class Footnote:
    marker: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"marker": self.marker, "text": self.text}


@dataclass(frozen=True)
class Removal:
    """A piece of the input a reader took out of the text flow, and why.

    Page furniture is not content, but dropping it silently would hide a reader that
    drops content: every removal is listed, so the words of the input always add up.
    """

    text: str
    reason: str  # one of REMOVAL_REASONS
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason, "page": self.page}


@dataclass(frozen=True)
class Document:
    metadata: Metadata
    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...] = ()
    source: str | None = None
    source_format: str | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)
    # Furniture removed by the reader: not part of the document's value, so two
    # renderings of one text with different page layouts still compare equal.
    removed: tuple[Removal, ...] = field(default=(), compare=False)

    def paragraph(self, pid: str) -> Paragraph:
        for para in self.paragraphs:
            if para.id == pid:
                return para
        raise KeyError(pid)

    @property
    def label(self) -> str:
        """A short human name: the symbol where known, else the source file name."""
        return self.metadata.symbol or self.source or "(document)"
