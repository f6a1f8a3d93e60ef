"""Adding documents to the corpus.

A file whose bytes were added before is skipped without being read again; a file
that reads to a document already stored (same canonical text, whatever the format)
changes nothing either; a new text under a known symbol becomes its next version.

A document is written with its rows, its index postings and its verified links in
the same transaction, so the database never holds part of a document: a killed run
leaves whole documents only, and running it again adds the rest. Documents are
committed in groups that grow with the corpus (`group_limits`): each document posts some
500 keys to hash-ordered index tables, so in a small group nearly every posting dirties
a page of its own, and a commit writes each dirty page to the log. With groups of 32
documents the log took about 250 pages (1 MB) a document at 10,000 documents, and more
as the index grew, which is why ingest slowed down with the corpus (138 -> 59 docs/s
between the first and last 10,000 of 100,000); a group of 512 documents writes 54 pages
a document there (issue #15, BENCHMARKS.md). A group a fixed share of the corpus
dirties a fixed share of the index, so the pages written per document stay level.

Reading, hashing and comparing a document's own paragraphs is pure and runs in a
worker process; detection against the store and the writes stay in this one, which
holds the write lock.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Literal

from .. import canonical
from ..errors import InputError, ResdiffError
from ..model import Document
from ..readers import read_bytes
from ..source import DEFAULT_MAX_SIZE, read_source
from . import postings
from .detect import (
    BAND_CAP,
    DF_CAP,
    CodeCache,
    Probe,
    find_links,
    intra_links,
    lookup,
    probes_of,
)
from .language import DEFAULT_LANGUAGE, language_of
from .refs import resolution_refs
from .shingles import ParagraphKeys, text_ids
from .store import (
    CorpusStore,
    DocumentInfo,
    catch_up_search_index,
    defer_search_index,
    session_of,
)
from .verify import Match

__all__ = [
    "AddResult",
    "Prepared",
    "add_document",
    "add_paths",
    "content_hash",
    "default_workers",
    "expand_paths",
    "group_limits",
    "prepare",
    "rebuild_index",
    "reindex",
]

Status = Literal["added", "new version", "unchanged", "failed"]
GROUP = 32  # documents a commit group may always hold
GROUP_SECONDS = 1.0  # and seconds it may always take
GROUP_SHARE = 20  # a group may hold 1/20 of the documents already stored,
GROUP_SECONDS_PER_DOCUMENT = 1 / 2000  # and take this long per stored document,
GROUP_SECONDS_MAX = 20.0  # but never hold the write lock longer (busy timeout: 30 s)
# The writer's page cache, in KiB (SQLite's negative cache_size): a group's dirty pages
# stay in it until the commit (spilling them to the log mid-group writes them twice),
# and the lookups' postings pages stay in it between documents (at 100,000 documents the
# postings alone are 800 MB). 2 GiB: with 1 GiB the 100,000-document ingest fills the
# cache by 60,000 documents (peak RSS 1.44 GB) and its last 10,000 take 1.61 times the
# first 10,000 (136.0 / 84.8 s, at 6829485), against 1.10 with 2 GiB (at b696933); in
# the quiet growth benchmark at 6829485, 2 GiB took 8.15 ms a document against 8.88.
# SQLite takes the memory only as pages are read: a small corpus's writer stays small.
WRITER_CACHE_KIB = 2 << 20
# Pages the log may hold before it is copied into the database; with SQLite's default
# (1,000) every group's commit was also a checkpoint.
WRITER_CHECKPOINT_PAGES = 1 << 15


@dataclass(frozen=True)
class AddResult:
    path: str
    status: Status
    document: DocumentInfo | None = None
    error: str | None = None


@dataclass(frozen=True)
class Prepared:
    """A document with everything the index needs, computed away from the database."""

    document: Document
    content_hash: str
    keys: tuple[ParagraphKeys | None, ...]
    probes: tuple[Probe | None, ...]
    refs: tuple[str, ...]
    # Verified pairs among the document's own texts (probe indexes), found here so
    # that the worker processes, not the writer, pay for them.
    own_links: tuple[tuple[int, int, Match], ...] = ()
    file_sha256: str | None = None
    language: str = DEFAULT_LANGUAGE


def content_hash(doc: Document) -> str:
    """What makes two documents the same: their canonical text, not their file format."""
    return hashlib.sha256(canonical.write(doc).encode("utf-8")).hexdigest()


def prepare(doc: Document, file_sha256: str | None = None, *, links: bool = True) -> Prepared:
    """Everything `_store` needs; without `links`, not the document's own pairs."""
    texts = [p.text for p in doc.paragraphs]
    language = language_of(doc)
    keys, probes = probes_of([text_ids(text) for text in texts], language)
    refs = tuple(resolution_refs(texts, session_of(doc.metadata)))
    own = tuple(intra_links(_distinct(probes), language)) if links else ()
    return Prepared(
        doc, content_hash(doc), tuple(keys), tuple(probes), refs, own, file_sha256, language
    )


def _distinct(probes: Sequence[Probe | None]) -> list[Probe | None]:
    """Each text once: later copies of a text within the document add nothing."""
    seen: set[int] = set()
    distinct: list[Probe | None] = []
    for probe in probes:
        if probe is not None and probe.keys.text_hash not in seen:
            seen.add(probe.keys.text_hash)
            distinct.append(probe)
        else:
            distinct.append(None)
    return distinct


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files as given, and the files under folders in name order (hidden ones skipped)."""
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield os.path.join(root, name)
        else:
            yield path


def _store(
    store: CorpusStore, item: Prepared, cache: CodeCache, links: bool = True
) -> tuple[Status, DocumentInfo]:
    """Write one prepared document inside the caller's transaction; without `links`,
    no postings and no links (the job runs elsewhere: `corpus export`, `import-links`)."""
    conn = store.conn
    existing = store.by_content(item.content_hash)
    if existing is not None:
        if item.file_sha256:
            conn.execute(
                "INSERT OR IGNORE INTO files VALUES (?, ?)", (item.file_sha256, existing.id)
            )
        return "unchanged", existing
    symbol = item.document.metadata.symbol
    known = bool(
        symbol
        and conn.execute(
            "SELECT 1 FROM documents WHERE symbol=? AND language=? LIMIT 1",
            (symbol, item.language),
        ).fetchone()
    )
    # Only the first paragraph with a given text is indexed and linked (the group's
    # representative): a verbatim copy shares its links through the hash index.
    hashes = [k.text_hash if k is not None else None for k in item.keys]
    stored = store.representatives(h for h in hashes if h is not None)
    fresh: set[int] = set()
    for index, h in enumerate(hashes):
        if h is not None and h not in stored:
            stored[h] = -1
            fresh.add(index)
    doc_id, para_ids = store.insert_document(
        conn, item.document, item.keys, item.content_hash, item.refs, item.language
    )
    if links:
        _index(store, para_ids, item.probes, item.keys, item.own_links, fresh, cache, item.language)
    if item.file_sha256:
        conn.execute("INSERT OR IGNORE INTO files VALUES (?, ?)", (item.file_sha256, doc_id))
    return ("new version" if known else "added"), store.documents()[doc_id]


def _index(
    store: CorpusStore,
    para_ids: list[int],
    probes: Sequence[Probe | None],
    keys: Sequence[ParagraphKeys | None],
    own_links: Iterable[tuple[int, int, Match]],
    fresh: set[int],
    cache: CodeCache,
    language: str,
) -> None:
    """The batch job for one document's new texts: look up, verify, link, post."""
    probes = [p if i in fresh else None for i, p in enumerate(probes)]
    index_keys = [k if i in fresh else None for i, k in enumerate(keys)]
    found = lookup(store, probes)
    rows = []
    for link in find_links(store, probes, found, cache=cache, language=language):
        mine = para_ids[link.probe]
        starts = (link.probe_start, link.other_start)
        pair = (mine, link.other)
        if mine > link.other:
            pair, starts = pair[::-1], starts[::-1]
        rows.append((*pair, link.similarity, link.matched, link.run, *starts))
    for i, j, match in own_links:
        if i in fresh and j in fresh:
            rows.append(
                (
                    para_ids[i],
                    para_ids[j],
                    match.similarity,
                    match.matched,
                    match.run,
                    match.a_start,
                    match.b_start,
                )
            )
    store.conn.executemany("INSERT OR REPLACE INTO links VALUES (?,?,?,?,?,?,?)", rows)
    store.insert_index(
        store.conn, para_ids, index_keys, found.fp_load, found.band_load, (DF_CAP, BAND_CAP)
    )


def reindex(store: CorpusStore, progress: Callable[[DocumentInfo], None] | None = None) -> None:
    """Run the whole detection job again from the paragraphs table, in one transaction.

    Drops the postings and links and rebuilds them document by document in the
    order they were added, exactly as ingest made them; for a corpus written by an
    older resdiff whose index parameters differ, and to check that the incremental
    job and the batch job agree.
    """
    from .store import rebuild_search_index

    with store.transaction() as conn:
        rebuild_index(store, progress)
        rebuild_search_index(conn)


def rebuild_index(
    store: CorpusStore, progress: Callable[[DocumentInfo], None] | None = None
) -> None:
    """`reindex` inside the caller's transaction (also the schema migration's)."""
    cache = CodeCache()
    conn = store.conn
    postings.clear(conn)
    conn.execute("DELETE FROM links")
    for info in sorted(store.documents().values(), key=lambda d: d.id):
        rows = conn.execute(
            "SELECT id, text FROM paragraphs WHERE document=? ORDER BY seq", (info.id,)
        ).fetchall()
        para_ids = [r[0] for r in rows]
        language = info.language
        keys, probes = probes_of([text_ids(r[1]) for r in rows], language)
        first = store.representatives(k.text_hash for k in keys if k is not None)
        fresh = {
            i for i, k in enumerate(keys) if k is not None and first[k.text_hash] == para_ids[i]
        }
        # The document's own pairs as prepare found them, among all its distinct texts
        # (not only those new to the store: the cap on shared keys counts them all).
        own = intra_links(_distinct(probes), language)
        _index(store, para_ids, probes, keys, own, fresh, cache, language)
        if postings.merge_due(conn):
            postings.merge(conn)
        if progress is not None:
            progress(info)


def add_document(
    store: CorpusStore, doc: Document, cache: CodeCache | None = None
) -> tuple[Status, DocumentInfo]:
    """Store one document in its own transaction (the library entry point)."""
    item = prepare(doc)
    with store.transaction():
        result = _store(store, item, cache or CodeCache())
    store.merge_postings()
    return result


def group_limits(stored: int) -> tuple[int, float]:
    """Documents and seconds of one commit group, with `stored` documents in the corpus."""
    seconds = min(GROUP_SECONDS_MAX, max(GROUP_SECONDS, stored * GROUP_SECONDS_PER_DOCUMENT))
    return max(GROUP, stored // GROUP_SHARE), seconds


class Writer:
    """Writes prepared documents, committing whole documents in groups."""

    def __init__(self, store: CorpusStore, links: bool = True) -> None:
        self.store = store
        self.links = links
        self.cache = CodeCache()
        self.pending = 0
        self.started = 0.0
        self.limits = (GROUP, GROUP_SECONDS)
        self.indexed = 0  # the last paragraph id in the search index when a group began
        store.conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
        store.conn.execute(f"PRAGMA wal_autocheckpoint = {WRITER_CHECKPOINT_PAGES}")

    def write(self, item: Prepared) -> tuple[Status, DocumentInfo]:
        if not self.pending:
            self.store.conn.execute("BEGIN IMMEDIATE")
            self.started = time.monotonic()
            self.limits = group_limits(len(self.store.documents()))
            self.indexed = defer_search_index(self.store.conn)
        try:
            result = _store(self.store, item, self.cache, self.links)
        except BaseException:
            self.rollback()
            raise
        self.pending += 1
        documents, seconds = self.limits
        if self.pending >= documents or time.monotonic() - self.started >= seconds:
            self.commit()
        return result

    def commit(self) -> None:
        if self.pending:
            catch_up_search_index(self.store.conn, self.indexed)
            self.store.conn.execute("COMMIT")
            self.pending = 0
            if self.links:
                self.store.merge_postings()

    def rollback(self) -> None:
        if self.store.conn.in_transaction:
            self.store.conn.execute("ROLLBACK")
        self.pending = 0
        self.store.forget()


@dataclass(frozen=True)
class _Known:
    """A file whose bytes were added before, by their hash."""

    sha256: str


def _read(
    path: str, max_size: int, known: frozenset[str], links: bool = True
) -> Prepared | AddResult | _Known:
    """Worker side: bytes, hash, document, keys; or why the file cannot be added."""
    try:
        src = read_source(path, max_size)
        sha = hashlib.sha256(src.data).hexdigest()
        if sha in known:
            return _Known(sha)
        doc = read_bytes(src.data, src.name)
        if not doc.paragraphs:
            raise InputError(f"{path}: no paragraphs found")
        if not doc.metadata.symbol and not any(
            p.kind in ("preambular", "operative") for p in doc.paragraphs
        ):
            raise InputError(
                f"{path}: does not read as a UN document (no symbol, no preambular or "
                "operative paragraphs); not added"
            )
        return prepare(doc, sha, links=links)
    except ResdiffError as exc:
        return AddResult(path, "failed", error=str(exc))
    except RecursionError:
        return AddResult(path, "failed", error=f"{path}: document structure too deeply nested")


def _read_star(args: tuple[str, int, frozenset[str], bool]) -> Prepared | AddResult | _Known:
    return _read(*args)


def default_workers(files: Sequence[str], cores: int) -> int:
    """Processes for adding these files, the writer included.

    Text layers read in a few milliseconds, less than the writer's detection: one reader
    per core but the writer's keeps the writer busy, and more only take CPU from it.
    A PDF takes some 100 ms a document to read and the writer waits for the readers: a
    folder of mostly PDFs gets a reader on every core, the light writer beside them.
    """
    if len(files) < 16 or cores < 2:
        return 1
    pdfs = sum(1 for f in files if f.lower().endswith(".pdf"))
    return cores + 1 if 2 * pdfs >= len(files) else min(cores, 3)


def add_paths(
    store: CorpusStore,
    paths: Iterable[str],
    *,
    max_size: int = DEFAULT_MAX_SIZE,
    progress: Callable[[AddResult], None] | None = None,
    workers: int | None = None,
    links: bool = True,
) -> list[AddResult]:
    """Add files (in the order given); a file that cannot be read is reported and skipped.

    `workers` counts processes, this one included (`default_workers` by default).
    Documents are written in the order given whatever the number of workers, so the
    corpus is the same as with one. Without `links` the documents are stored without
    postings or links, for a job that runs elsewhere.
    """
    files = list(paths)
    known = frozenset(sha for (sha,) in store.conn.execute("SELECT sha256 FROM files").fetchall())
    if workers is None:
        workers = default_workers(files, len(os.sched_getaffinity(0)))
    jobs = [(path, max_size, known, links) for path in files]
    writer = Writer(store, links)
    results: list[AddResult] = []
    pool = ProcessPoolExecutor(max_workers=workers - 1) if workers > 1 else None
    try:
        outputs: Iterable[Prepared | AddResult | _Known] = (
            pool.map(_read_star, jobs, chunksize=4) if pool else map(_read_star, jobs)
        )
        for path, output in zip(files, outputs, strict=True):
            if isinstance(output, AddResult):
                result = output
            elif isinstance(output, _Known):
                result = AddResult(path, "unchanged", store.by_file(output.sha256))
            else:
                status, info = writer.write(output)
                result = AddResult(path, status, info)
            results.append(result)
            if progress is not None:
                progress(result)
        writer.commit()
    finally:
        writer.rollback()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return results
