"""What the corpus queries answer: frozen models that the renderers only read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..model import Paragraph
from ..worddiff import Segment

__all__ = [
    "KINDS",
    "DocRef",
    "ParagraphReuse",
    "Precedent",
    "ReuseKind",
    "ReuseReport",
    "Series",
    "SeriesStep",
    "SourceShare",
    "Trace",
    "TraceStep",
]

ReuseKind = Literal["verbatim", "near-verbatim", "partial"]
KINDS: tuple[ReuseKind, ...] = ("verbatim", "near-verbatim", "partial")


@dataclass(frozen=True)
class DocRef:
    """A document as reports name it."""

    id: int | None
    symbol: str | None
    label: str
    session: int | None
    date: str | None
    title: str | None
    doc_type: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "symbol": self.symbol,
            "label": self.label,
            "session": self.session,
            "date": self.date,
            "title": self.title,
            "doc_type": self.doc_type,
        }


@dataclass(frozen=True)
class Precedent:
    """One earlier paragraph that the paragraph reuses, and how much of it."""

    document: DocRef
    paragraph: str
    label: str
    text: str
    kind: ReuseKind
    similarity: float
    matched: int
    run: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.symbol or self.document.label,
            "document_id": self.document.id,
            "session": self.document.session,
            "date": self.document.date,
            "paragraph": self.paragraph,
            "label": self.label,
            "kind": self.kind,
            "similarity": self.similarity,
            "shared_words": self.matched,
            "longest_run": self.run,
        }


@dataclass(frozen=True)
class ParagraphReuse:
    """A paragraph of the document and its precedents, earliest first."""

    paragraph: Paragraph
    label: str
    words: int
    kind: ReuseKind | None
    precedents: tuple[Precedent, ...]
    precedent_count: int
    closest: Precedent | None
    earliest: Precedent | None
    latest: Precedent | None
    reused_words: int
    diff: tuple[Segment, ...]

    @property
    def status(self) -> str:
        return self.kind or "new"


@dataclass(frozen=True)
class SourceShare:
    """A document the paragraphs were drawn from: how many have their closest source there."""

    document: DocRef
    paragraphs: int
    words: int


@dataclass(frozen=True)
class ReuseReport:
    document: DocRef
    min_similarity: float
    paragraphs: tuple[ParagraphReuse, ...]
    sources: tuple[SourceShare, ...]
    # The shortest shared run counted as partial reuse, in the document's language.
    partial_run: int = 8

    def summary(self) -> dict[str, Any]:
        counted = [p for p in self.paragraphs if p.words]
        words = sum(p.words for p in counted)
        reused_words = sum(p.reused_words for p in counted)
        reused = [p for p in counted if p.kind]
        out: dict[str, Any] = {
            "paragraphs": len(counted),
            "reused_paragraphs": len(reused),
            "new_paragraphs": len(counted) - len(reused),
        }
        for kind in KINDS:
            out[kind] = sum(1 for p in counted if p.kind == kind)
        out["words"] = words
        out["reused_words"] = reused_words
        out["new_words"] = words - reused_words
        out["reused_paragraph_share"] = round(len(reused) / len(counted), 4) if counted else 0.0
        out["reused_word_share"] = round(reused_words / words, 4) if words else 0.0
        return out


@dataclass(frozen=True)
class TraceStep:
    """One paragraph in a lineage; `diff` turns the next-older step's text into this one."""

    document: DocRef
    paragraph: str
    label: str
    text: str
    kind: ReuseKind | None
    similarity: float | None
    diff: tuple[Segment, ...]


@dataclass(frozen=True)
class Trace:
    """A paragraph's lineage, newest first."""

    steps: tuple[TraceStep, ...]


@dataclass(frozen=True)
class SeriesStep:
    """One resolution of a series and what changed from the previous one."""

    document: DocRef
    relation: str
    counts: dict[str, int] | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.to_dict(),
            "relation": self.relation,
            "changes_from_previous": self.counts,
        }


@dataclass(frozen=True)
class Series:
    """A chain of resolutions across sessions, oldest first."""

    target: DocRef
    steps: tuple[SeriesStep, ...]
