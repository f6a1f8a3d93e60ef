"""The question and the answer of `resdiff search` (agreed-language search).

Plain frozen data with no database or numpy behind it, so that the renderers and the
web server read them without loading the store. Match spans are character offsets
into the paragraph text; markup is the renderers' business.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "BODIES",
    "KINDS",
    "TIERS",
    "SearchError",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "SessionCount",
]

BODIES = ("GA", "SC")
KINDS = ("preambular", "operative")
TIERS = ("verbatim", "near-verbatim", "related")
Tier = Literal["verbatim", "near-verbatim", "related"]
MAX_PHRASE = 1000  # characters: a phrase, not a document


class SearchError(ValueError):
    """A query that cannot be asked: said in one line."""


@dataclass(frozen=True)
class SearchQuery:
    """What to look for and where. `since` is an ISO date (YYYY-MM-DD); `limit` caps the
    hits returned in each tier (the counts cover every hit)."""

    phrase: str
    session: int | None = None
    since: str | None = None
    body: Literal["GA", "SC"] | None = None
    kind: Literal["preambular", "operative"] | None = None
    language: str | None = None
    limit: int = 20

    def check(self) -> None:
        """Raise `SearchError` for a query that cannot be run."""
        if not self.phrase.strip():
            raise SearchError("the search phrase is empty")
        if len(self.phrase) > MAX_PHRASE:
            raise SearchError(f"the search phrase is longer than {MAX_PHRASE} characters")
        if self.limit < 1:
            raise SearchError(f"limit must be at least 1, not {self.limit}")
        if self.session is not None and self.session < 1:
            raise SearchError(f"session must be a positive number, not {self.session}")
        if self.since is not None:
            try:
                datetime.date.fromisoformat(self.since)
            except ValueError:
                raise SearchError(f"since: {self.since!r} is not a date (YYYY-MM-DD)") from None
        if self.body is not None and self.body not in BODIES:
            raise SearchError(f"body must be GA or SC, not {self.body!r}")
        if self.kind is not None and self.kind not in KINDS:
            raise SearchError(f"kind must be preambular or operative, not {self.kind!r}")
        if self.language is not None and not (
            self.language.isascii() and self.language.isalpha() and 2 <= len(self.language) <= 3
        ):
            raise SearchError(f"language must be a code such as en or fr, not {self.language!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "phrase": self.phrase,
            "session": self.session,
            "since": self.since,
            "body": self.body,
            "kind": self.kind,
            "language": self.language,
            "limit": self.limit,
        }


@dataclass(frozen=True)
class SearchHit:
    """One paragraph that holds the phrase (or comes close), and where."""

    tier: Tier
    score: float  # 1.0 verbatim; window similarity; share of content words (related)
    doc_id: int
    symbol: str | None
    document: str  # the document's label: symbol, with its version when not the first
    label: str  # PP3, OP12, OP4(b)
    date: str | None
    session: int | None
    language: str
    paragraph_id: int
    text: str
    spans: tuple[tuple[int, int], ...]  # matched characters of `text`, [start, end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tier": self.tier,
            "score": self.score,
            "doc_id": self.doc_id,
            "symbol": self.symbol,
            "document": self.document,
            "label": self.label,
            "date": self.date,
            "session": self.session,
            "language": self.language,
            "paragraph_id": self.paragraph_id,
            "text": self.text,
            "spans": [list(s) for s in self.spans],
        }


@dataclass(frozen=True)
class SessionCount:
    """How many documents (and paragraphs) of one session used the phrase."""

    session: int | None
    verbatim_documents: int
    near_documents: int
    verbatim_paragraphs: int
    near_paragraphs: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "session": self.session,
            "verbatim_documents": self.verbatim_documents,
            "near_verbatim_documents": self.near_documents,
            "verbatim_paragraphs": self.verbatim_paragraphs,
            "near_verbatim_paragraphs": self.near_paragraphs,
        }


@dataclass(frozen=True)
class SearchResult:
    """The hits of each tier, best first, and how the phrase spread over sessions.

    The totals count every hit of a tier, the tuples hold at most `query.limit`.
    Related paragraphs are looked for among a pool of full-text candidates only
    (`search.RELATED_POOL`), so their total is a lower bound.
    """

    query: SearchQuery
    words: tuple[str, ...]
    threshold: float
    verbatim: tuple[SearchHit, ...]
    near: tuple[SearchHit, ...]
    related: tuple[SearchHit, ...]
    verbatim_total: int
    near_total: int
    related_total: int
    sessions: tuple[SessionCount, ...] = field(default=())

    @property
    def hits(self) -> tuple[SearchHit, ...]:
        """Every returned hit in rank order: verbatim, near-verbatim, related."""
        return self.verbatim + self.near + self.related
