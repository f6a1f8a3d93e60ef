"""Corpus answers for the web: documents by id, filtered lists, reuse, series, history.

Requests name documents by their numeric id only; nothing a request sends reaches
`resolve`, which would also read a file by path.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ..corpus.query import reuse, series, series_documents, stored_target
from ..corpus.results import ReuseReport, Series
from ..corpus.search import search
from ..corpus.search_results import SearchError, SearchQuery, SearchResult
from ..corpus.store import CorpusError, CorpusStore, DocumentInfo, open_store
from ..errors import InputError
from ..history import History, Version, build

FILTERS = ("q", "session", "language", "type")


class NotFound(InputError):
    """What a request names is not there (HTTP 404)."""


@contextmanager
def opened(db: Path) -> Iterator[CorpusStore]:
    """The corpus for one request, in the thread that serves it; closed after."""
    try:
        with open_store(db, create=False) as store:
            yield store
    except sqlite3.DatabaseError as exc:
        raise CorpusError(f"corpus database error ({exc})") from exc


def listing(store: CorpusStore, filters: Mapping[str, str]) -> list[DocumentInfo]:
    """Documents matching every filter given, oldest session first (as `corpus list`)."""
    q = filters.get("q", "").strip().casefold()
    session = filters.get("session", "").strip()
    language = filters.get("language", "").strip()
    doc_type = filters.get("type", "").strip()
    docs = sorted(store.documents().values(), key=lambda d: (d.order, d.symbol or "", d.id))
    return [
        d
        for d in docs
        if (not q or q in (d.symbol or "").casefold() or q in (d.title or "").casefold())
        and (not session or str(d.session) == session)
        and (not language or d.language == language)
        and (not doc_type or d.doc_type == doc_type)
    ]


def choices(store: CorpusStore) -> dict[str, list[str]]:
    """The values the filters can take in this corpus."""
    docs = store.documents().values()
    return {
        "session": sorted({str(d.session) for d in docs if d.session is not None}, key=int),
        "language": sorted({d.language for d in docs}),
        "type": sorted({d.doc_type for d in docs if d.doc_type}),
    }


def search_query(params: Mapping[str, str]) -> SearchQuery:
    """The query a search form or API call asks; empty filters are no filter."""

    def given(name: str) -> str | None:
        return params.get(name, "").strip() or None

    def number(name: str, default: int | None) -> int | None:
        value = given(name)
        if value is None:
            return default
        if not value.isdigit():
            raise InputError(f"{name} must be a number, not {value!r}")
        return int(value)

    query = SearchQuery(
        phrase=params.get("q", ""),
        session=number("session", None),
        since=given("since"),
        body=given("body"),  # type: ignore[arg-type]  # checked below
        kind=given("kind"),  # type: ignore[arg-type]
        language=given("language"),
        limit=min(number("limit", 20) or 20, 200),
    )
    try:
        query.check()
    except SearchError as exc:
        raise InputError(str(exc)) from exc
    return query


def search_in(store: CorpusStore, query: SearchQuery) -> SearchResult:
    try:
        return search(store, query)
    except SearchError as exc:
        raise InputError(str(exc)) from exc


def info(store: CorpusStore, doc_id: int) -> DocumentInfo:
    found = store.documents().get(doc_id)
    if found is None:
        raise NotFound(f"there is no document #{doc_id} in the corpus")
    return found


def versions(store: CorpusStore, doc: DocumentInfo) -> list[DocumentInfo]:
    """The stored versions of the same symbol in the same language."""
    if not doc.symbol:
        return [doc]
    same = (
        d
        for d in store.documents().values()
        if d.symbol == doc.symbol and d.language == doc.language
    )
    return sorted(same, key=lambda d: d.version)


def reuse_of(store: CorpusStore, doc_id: int) -> ReuseReport:
    return reuse(store, stored_target(store, info(store, doc_id)))


def series_of(store: CorpusStore, doc_id: int) -> Series:
    return series(store, stored_target(store, info(store, doc_id)))


def history_of(store: CorpusStore, doc_id: int) -> History:
    """The history of the document's series, as `resdiff history --series` builds it."""
    target = stored_target(store, info(store, doc_id))
    chain = [Version(doc, relation) for doc, relation in series_documents(store, target)]
    if len(chain) < 2:
        raise NotFound(f"{target.ref.label} has no earlier resolution in the corpus")
    return build(chain)
