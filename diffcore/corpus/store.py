"""The corpus database: documents, paragraphs and the reuse index, in one SQLite file.

Why SQLite: one file a user can copy, readers that run while a writer ingests (WAL),
and a transaction per document, so a killed ingest leaves whole documents only.

The tables are the batch job's tables (see `detect`): ``paragraphs`` is the
(document, paragraph) table, ``shingles`` the (fingerprint, paragraph) table and
``bands`` the (LSH band key, paragraph) table; ``links`` holds the verified pairs the
job produces. Verbatim copies are found through ``paragraphs.text_hash`` and are not
stored as links, so boilerplate repeated in thousands of paragraphs costs one index
entry per paragraph, not a link per pair. ``shingles`` and ``bands`` are views over two
levels each, a large main table and a small recent one (`postings`, schema 6), so that
adding documents does not rewrite the whole index at every commit.

The file says it is ours with ``PRAGMA application_id`` and carries its schema in
``PRAGMA user_version``; `open_store` migrates older files forward and refuses
foreign, newer and corrupt ones with one line.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ResdiffError
from ..labels import Labeler
from ..model import Document, Footnote, Metadata, Paragraph
from . import postings
from .shingles import ParagraphKeys

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "CorpusError",
    "CorpusStore",
    "DocumentInfo",
    "default_db_path",
    "open_store",
    "select_in",
]

APPLICATION_ID = 0x52534446  # "RSDF"
SCHEMA_VERSION = 6
_SQLITE_MAGIC = b"SQLite format 3\x00"


class CorpusError(ResdiffError):
    """The corpus database is missing, foreign, newer than this program, or corrupt."""


def default_db_path() -> Path:
    """``RESDIFF_DB``, else the per-user data directory the platform expects."""
    env = os.environ.get("RESDIFF_DB")
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "resdiff" / "corpus.sqlite"


_V1 = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    symbol TEXT,
    version INTEGER NOT NULL,
    session INTEGER,
    date TEXT,
    title TEXT,
    title_key TEXT,
    doc_type TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT,
    source_format TEXT,
    metadata TEXT NOT NULL,
    footnotes BLOB NOT NULL,
    n_paragraphs INTEGER NOT NULL,
    n_words INTEGER NOT NULL
);
CREATE INDEX documents_symbol ON documents(symbol, version);
CREATE INDEX documents_title ON documents(title_key, session);
CREATE TABLE files (
    sha256 TEXT PRIMARY KEY,
    document INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX files_document ON files(document);
CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    pid TEXT NOT NULL,
    kind TEXT NOT NULL,
    number TEXT,
    parent TEXT,
    part TEXT NOT NULL,
    part_label TEXT,
    text TEXT NOT NULL,
    footnotes TEXT,
    n_words INTEGER NOT NULL,
    text_hash INTEGER,
    label TEXT NOT NULL
);
CREATE INDEX paragraphs_document ON paragraphs(document, seq);
CREATE INDEX paragraphs_hash ON paragraphs(text_hash) WHERE text_hash IS NOT NULL;
CREATE TABLE shingles (
    fp INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    PRIMARY KEY (fp, paragraph)
) WITHOUT ROWID;
CREATE TABLE bands (
    key INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    PRIMARY KEY (key, paragraph)
) WITHOUT ROWID;
CREATE TABLE links (
    a INTEGER NOT NULL,
    b INTEGER NOT NULL,
    similarity REAL NOT NULL,
    matched INTEGER NOT NULL,
    run INTEGER NOT NULL,
    a_start INTEGER NOT NULL,
    b_start INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX links_b ON links(b);
"""

# Version 2: the "its resolution 79/123" references a document makes, for `series`.
_V2 = """
CREATE TABLE refs (
    document INTEGER NOT NULL,
    symbol TEXT NOT NULL,
    PRIMARY KEY (document, symbol)
) WITHOUT ROWID;
CREATE INDEX refs_symbol ON refs(symbol);
"""


def _run(conn: sqlite3.Connection, script: str) -> None:
    # Statement by statement: executescript would commit the migration's transaction.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _migrate_1(conn: sqlite3.Connection) -> bool:
    _run(conn, _V1)
    return False


def _migrate_2(conn: sqlite3.Connection) -> bool:
    from .refs import resolution_refs

    _run(conn, _V2)
    rows = conn.execute("SELECT id, session FROM documents").fetchall()
    for doc_id, session in rows:
        texts = [
            t for (t,) in conn.execute("SELECT text FROM paragraphs WHERE document=?", (doc_id,))
        ]
        conn.executemany(
            "INSERT OR IGNORE INTO refs VALUES (?, ?)",
            [(doc_id, s) for s in resolution_refs(texts, session)],
        )
    return False


# Version 3: each document's language. The same symbol in another language is another
# document (the version key is (symbol, language)), and detection stays within a language.
_V3 = """
ALTER TABLE documents ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
DROP INDEX documents_symbol;
CREATE INDEX documents_symbol ON documents(symbol, language, version)
"""


def _migrate_3(conn: sqlite3.Connection) -> bool:
    """Language from the stored metadata, else detected from the stored text. Documents
    found not to be English were indexed with English keys by the older resdiff: their
    paragraphs get their language's keys, versions are renumbered per language, and the
    index is rebuilt, as `corpus reindex` would."""
    from .language import language_of
    from .shingles import document_keys

    _run(conn, _V3)
    changed = False
    rows = conn.execute("SELECT id, metadata FROM documents ORDER BY id").fetchall()
    for doc_id, metadata in rows:
        paras = conn.execute(
            "SELECT id, text FROM paragraphs WHERE document=? ORDER BY seq", (doc_id,)
        ).fetchall()
        doc = Document(
            metadata=Metadata.from_dict(json.loads(metadata)),
            paragraphs=tuple(Paragraph(id=str(pid), kind="text", text=t) for pid, t in paras),
        )
        language = language_of(doc)
        if language == "en":
            continue
        changed = True
        keys = document_keys([t for _, t in paras], language)
        conn.executemany(
            "UPDATE paragraphs SET n_words=?, text_hash=? WHERE id=?",
            [
                (k.n_words if k else 0, k.text_hash if k else None, pid)
                for (pid, _), k in zip(paras, keys, strict=True)
            ],
        )
        conn.execute(
            "UPDATE documents SET language=?, n_words=? WHERE id=?",
            (language, sum(k.n_words for k in keys if k), doc_id),
        )
    if not changed:
        return False
    conn.execute(
        "UPDATE documents SET version = (SELECT COUNT(*) FROM documents AS d"
        " WHERE d.symbol = documents.symbol AND d.language = documents.language"
        " AND d.id <= documents.id) WHERE symbol IS NOT NULL"
    )
    return True


def _migrate_4(conn: sqlite3.Connection) -> bool:
    """Version 4: index parameters per language (`Language.reuse_band_rows`,
    `reuse_run`): French band keys and the partial links of French and Chinese changed,
    so a corpus holding any language but English gets its index rebuilt."""
    return bool(conn.execute("SELECT 1 FROM documents WHERE language != 'en' LIMIT 1").fetchone())


# Version 5: a full-text index of the paragraphs (SQLite FTS5), for `search`. External
# content (the index keeps no second copy of the text), kept in step by triggers, so
# every path that writes paragraphs (add, remove, migrations) updates it. unicode61
# folds case and diacritics and splits on punctuation: a superset of the verbatim matches,
# which `search` confirms on the words.
FTS_TABLE = "paragraphs_fts"
_V5 = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS paragraphs_fts USING fts5(text, content='paragraphs',"
    " content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS paragraphs_fts_insert AFTER INSERT ON paragraphs BEGIN"
    " INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS paragraphs_fts_delete AFTER DELETE ON paragraphs BEGIN"
    " INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text)"
    " VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS paragraphs_fts_update AFTER UPDATE OF text ON paragraphs"
    " BEGIN"
    " INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text)"
    " VALUES ('delete', old.id, old.text);"
    " INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text); END",
)


def defer_search_index(conn: sqlite3.Connection) -> int:
    """In a writer's transaction, stop indexing paragraphs row by row; the last paragraph
    id before it, for `catch_up_search_index` at the commit. The trigger is dropped inside
    the transaction, so no other connection ever sees the store without it; one
    `INSERT ... SELECT` a group costs a fraction of a trigger a row (ingest of the
    1,202 texts: about 15% of it went to the trigger)."""
    conn.execute("DROP TRIGGER IF EXISTS paragraphs_fts_insert")
    row = conn.execute("SELECT COALESCE(MAX(id), 0) FROM paragraphs").fetchone()
    return int(row[0])


def catch_up_search_index(conn: sqlite3.Connection, after: int) -> None:
    """Index the paragraphs written since `defer_search_index`, and restore the trigger."""
    conn.execute(
        "INSERT INTO paragraphs_fts(rowid, text) SELECT id, text FROM paragraphs WHERE id > ?",
        (after,),
    )
    conn.execute(_V5[1])


def rebuild_search_index(conn: sqlite3.Connection) -> None:
    """Fill the full-text index again from the paragraphs table."""
    conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild')")


def _migrate_5(conn: sqlite3.Connection) -> bool:
    try:
        for statement in _V5:
            conn.execute(statement)
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc):
            raise CorpusError(f"SQLite {sqlite3.sqlite_version} lacks FTS5 ({exc})") from exc
        raise
    rebuild_search_index(conn)
    return False


def _migrate_6(conn: sqlite3.Connection) -> bool:
    """Version 6: the postings in two levels (`postings`). The tables become the main
    level as they are (a rename), so a large corpus migrates without rewriting them."""
    for statement in postings.SCHEMA:
        conn.execute(statement)
    return False


# Each step says whether the reuse index must be rebuilt; that runs once the schema is
# the current one, so the rebuild writes the tables this resdiff reads.
_MIGRATIONS: dict[int, Callable[[sqlite3.Connection], bool]] = {
    1: _migrate_1,
    2: _migrate_2,
    3: _migrate_3,
    4: _migrate_4,
    5: _migrate_5,
    6: _migrate_6,
}


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document's identity and size, without its paragraphs."""

    id: int
    symbol: str | None
    version: int
    session: int | None
    date: str | None
    title: str | None
    doc_type: str | None
    content_hash: str
    source: str | None
    n_paragraphs: int
    n_words: int
    language: str = "en"

    @property
    def label(self) -> str:
        name = self.symbol or (Path(self.source).name if self.source else f"#{self.id}")
        return name if self.version == 1 else f"{name} (v{self.version})"

    @property
    def order(self) -> tuple[int, str]:
        """Sort key in time: session first, then date; unknown sessions last."""
        return (self.session if self.session is not None else 10_000, self.date or "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "symbol": self.symbol,
            "version": self.version,
            "session": self.session,
            "date": self.date,
            "title": self.title,
            "doc_type": self.doc_type,
            "content_hash": self.content_hash,
            "source": self.source,
            "paragraphs": self.n_paragraphs,
            "words": self.n_words,
            "language": self.language,
        }


_INFO_COLUMNS = (
    "id, symbol, version, session, date, title, doc_type, content_hash, source, "
    "n_paragraphs, n_words, language"
)


def _info(row: Sequence[Any]) -> DocumentInfo:
    return DocumentInfo(*row)


def title_key(title: str | None) -> str | None:
    """Titles compare without case, punctuation or spacing."""
    if not title:
        return None
    key = " ".join("".join(c if c.isalnum() else " " for c in title.casefold()).split())
    return key or None


def session_of(meta: Metadata) -> int | None:
    """The printed session, else the one the date falls in (sessions open in September)."""
    if meta.session is not None:
        return meta.session
    date = meta.adopted_on or meta.issued_on
    if date and len(date) >= 7 and date[:4].isdigit() and date[5:7].isdigit():
        year, month = int(date[:4]), int(date[5:7])
        return year - 1945 if month >= 9 else year - 1946
    return None


@dataclass(frozen=True)
class StoredParagraph:
    """A paragraph row as the detector and the queries need it."""

    id: int
    document: int
    seq: int
    pid: str
    number: str | None
    kind: str
    text: str
    n_words: int
    text_hash: int | None
    label: str


def select_in(
    conn: sqlite3.Connection, sql: str, values: Iterable[int], chunk: int = 400
) -> Iterator[tuple[Any, ...]]:
    """Rows of `sql` for many values: each ``{marks}`` in it becomes one chunk of them
    (SQLite caps the parameters of a statement)."""
    unique = sorted(set(values))
    slots = sql.count("{marks}")
    for start in range(0, len(unique), chunk):
        part = unique[start : start + chunk]
        yield from conn.execute(sql.format(marks=",".join("?" * len(part))), part * slots)


@dataclass(frozen=True)
class ParagraphMeta:
    id: int
    document: int
    n_words: int
    text_hash: int | None


class CorpusStore:
    """An open corpus database. Use `open_store`; close it, or use it as a context."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._docs: dict[int, DocumentInfo] | None = None
        self._docs_version = -1

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def forget(self) -> None:
        """Drop cached rows after a rollback."""
        self._docs = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._docs = None
            raise
        self.conn.execute("COMMIT")

    # --- documents ---------------------------------------------------------------

    def documents(self) -> dict[int, DocumentInfo]:
        """Every document by id, cached until this or another connection commits.

        ``PRAGMA data_version`` changes when another process commits, so two
        `corpus add` runs on one database see each other's documents.
        """
        (version,) = self.conn.execute("PRAGMA data_version").fetchone()
        if self._docs is None or version != self._docs_version:
            rows = self.conn.execute(f"SELECT {_INFO_COLUMNS} FROM documents ORDER BY id")
            self._docs = {row[0]: _info(row) for row in rows}
            self._docs_version = version
        return self._docs

    def set_source(self, doc_id: int, source: str) -> DocumentInfo | None:
        """Name where a document came from as its user knows it: a web upload's own file
        name, not the server's temporary path, which no answer may show."""
        with self.transaction() as conn:
            conn.execute("UPDATE documents SET source=? WHERE id=?", (source, doc_id))
        return self.documents().get(doc_id)

    def by_file(self, sha256: str) -> DocumentInfo | None:
        row = self.conn.execute("SELECT document FROM files WHERE sha256=?", (sha256,)).fetchone()
        return self.documents().get(row[0]) if row else None

    def by_content(self, content_hash: str) -> DocumentInfo | None:
        row = self.conn.execute(
            "SELECT id FROM documents WHERE content_hash=?", (content_hash,)
        ).fetchone()
        return self.documents().get(row[0]) if row else None

    def find(self, ref: str, language: str | None = None) -> DocumentInfo | None:
        """A document by "#id", "SYMBOL" (its latest version), "SYMBOL@N", "SYMBOL@fr" or
        "SYMBOL@fr@N". Without a language, `language` if stored, else English, else the
        language added first."""
        ref = ref.strip()
        if ref.startswith("#") and ref[1:].isdigit():
            return self.documents().get(int(ref[1:]))
        symbol, *rest = ref.split("@")
        version, asked = None, None
        for part in (r.strip() for r in rest):
            if part.isdigit():
                version = int(part)
            elif part:
                asked = part.casefold()
        matches = [d for d in self.documents().values() if d.symbol == symbol.strip()]
        if version is not None:
            matches = [d for d in matches if d.version == version]
        held = [d.language for d in sorted(matches, key=lambda d: d.id)]
        if asked is not None:
            want = asked
        elif language in held:
            want = language
        else:
            want = "en" if "en" in held else held[0] if held else ""
        matches = [d for d in matches if d.language == want]
        return max(matches, key=lambda d: d.version) if matches else None

    def paragraphs(self, doc_id: int) -> list[StoredParagraph]:
        """A stored document's paragraph rows, in order."""
        rows = self.conn.execute(
            "SELECT id, document, seq, pid, number, kind, text, n_words, text_hash, label "
            "FROM paragraphs WHERE document=? ORDER BY seq",
            (doc_id,),
        )
        return [StoredParagraph(*row) for row in rows]

    def representatives(self, hashes: Iterable[int]) -> dict[int, int]:
        """For each text hash already stored, the first paragraph that has it."""
        sql = (
            "SELECT text_hash, MIN(id) FROM paragraphs WHERE text_hash IN ({marks})"
            " GROUP BY text_hash"
        )
        return dict(select_in(self.conn, sql, hashes))

    def group(self, text_hash: int) -> list[int]:
        """Every paragraph with these words, first (the representative) first."""
        rows = self.conn.execute(
            "SELECT id FROM paragraphs WHERE text_hash=? ORDER BY id", (text_hash,)
        )
        return [r[0] for r in rows]

    def paragraph_meta(self, ids: Iterable[int]) -> dict[int, ParagraphMeta]:
        """Document, length and text hash of paragraphs, without their text."""
        sql = "SELECT id, document, n_words, text_hash FROM paragraphs WHERE id IN ({marks})"
        return {row[0]: ParagraphMeta(*row) for row in select_in(self.conn, sql, ids)}

    def texts(self, ids: Iterable[int]) -> dict[int, str]:
        sql = "SELECT id, text FROM paragraphs WHERE id IN ({marks})"
        return dict(select_in(self.conn, sql, ids))

    def paragraphs_by_id(self, ids: Iterable[int]) -> dict[int, StoredParagraph]:
        sql = (
            "SELECT id, document, seq, pid, number, kind, text, n_words, text_hash, label "
            "FROM paragraphs WHERE id IN ({marks})"
        )
        return {row[0]: StoredParagraph(*row) for row in select_in(self.conn, sql, ids)}

    def load_document(self, doc_id: int) -> Document:
        """The stored document, equal to the one that was added."""
        row = self.conn.execute(
            "SELECT metadata, footnotes, source, source_format FROM documents WHERE id=?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise CorpusError(f"no document #{doc_id} in {self.path}")
        meta = Metadata.from_dict(json.loads(row[0]))
        notes = json.loads(zlib.decompress(row[1]))
        paragraphs = []
        for pid, kind, number, parent, part, part_label, text, fn in self.conn.execute(
            "SELECT pid, kind, number, parent, part, part_label, text, footnotes "
            "FROM paragraphs WHERE document=? ORDER BY seq",
            (doc_id,),
        ):
            refs, offsets = json.loads(fn) if fn else ([], [])
            paragraphs.append(
                Paragraph(
                    id=pid,
                    kind=kind,
                    text=text,
                    number=number,
                    parent=parent,
                    part=part,
                    part_label=part_label,
                    footnote_refs=tuple(refs),
                    footnote_offsets=tuple(offsets),
                )
            )
        return Document(
            metadata=meta,
            paragraphs=tuple(paragraphs),
            footnotes=tuple(Footnote(m, t) for m, t in notes),
            source=row[2],
            source_format=row[3],
        )

    def insert_document(
        self,
        conn: sqlite3.Connection,
        doc: Document,
        keys: Sequence[ParagraphKeys | None],
        content_hash: str,
        refs: Sequence[str],
        language: str = "en",
    ) -> tuple[int, list[int]]:
        """Write a document's rows inside the caller's transaction; its paragraph ids."""
        meta = doc.metadata
        version = 1
        if meta.symbol:
            (latest,) = conn.execute(
                "SELECT MAX(version) FROM documents WHERE symbol=? AND language=?",
                (meta.symbol, language),
            ).fetchone()
            version = (latest or 0) + 1
        notes = zlib.compress(
            json.dumps([[f.marker, f.text] for f in doc.footnotes], ensure_ascii=False).encode()
        )
        n_words = sum(k.n_words for k in keys if k is not None)
        cur = conn.execute(
            "INSERT INTO documents (symbol, version, session, date, title, title_key, doc_type,"
            " content_hash, source, source_format, metadata, footnotes, n_paragraphs, n_words,"
            " language) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                meta.symbol,
                version,
                session_of(meta),
                meta.adopted_on or meta.issued_on,
                meta.title,
                title_key(meta.title),
                meta.doc_type,
                content_hash,
                doc.source,
                doc.source_format,
                json.dumps(meta.to_dict(), ensure_ascii=False, sort_keys=True),
                notes,
                len(doc.paragraphs),
                n_words,
                language,
            ),
        )
        doc_id = int(cur.lastrowid or 0)
        if self._docs is not None:
            row = conn.execute(f"SELECT {_INFO_COLUMNS} FROM documents WHERE id=?", (doc_id,))
            self._docs[doc_id] = _info(row.fetchone())
        # Explicit, consecutive ids: one executemany instead of a statement a paragraph.
        # Never an id used before (AUTOINCREMENT's counter), even after a removal, so
        # caches keyed by paragraph id stay right for a whole run.
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name='paragraphs'").fetchone()
        (top,) = conn.execute("SELECT COALESCE(MAX(id), 0) FROM paragraphs").fetchone()
        first = max(top, row[0] if row else 0) + 1
        para_ids = list(range(first, first + len(doc.paragraphs)))
        labels = Labeler(doc.paragraphs)
        rows = []
        for seq, (para, key) in enumerate(zip(doc.paragraphs, keys, strict=True)):
            footnotes = (
                json.dumps([list(para.footnote_refs), list(para.footnote_offsets)])
                if para.footnote_refs
                else None
            )
            rows.append(
                (
                    para_ids[seq],
                    doc_id,
                    seq,
                    para.id,
                    para.kind,
                    para.number,
                    para.parent,
                    para.part,
                    para.part_label,
                    para.text,
                    footnotes,
                    key.n_words if key else 0,
                    key.text_hash if key else None,
                    labels(para.id),
                )
            )
        conn.executemany(
            "INSERT INTO paragraphs (id, document, seq, pid, kind, number, parent, part,"
            " part_label, text, footnotes, n_words, text_hash, label)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        conn.executemany("INSERT OR IGNORE INTO refs VALUES (?, ?)", [(doc_id, s) for s in refs])
        return doc_id, para_ids

    def insert_index(
        self,
        conn: sqlite3.Connection,
        para_ids: Sequence[int],
        keys: Sequence[ParagraphKeys | None],
        fp_load: dict[int, int],
        band_load: dict[int, int],
        caps: tuple[int, int],
    ) -> None:
        """Postings for the new paragraphs, saturating keys that reach their cap.

        `fp_load`/`band_load` are the row counts the lookup just read (the caller holds
        the write lock, so they are current); a key reaching its cap gets the
        sentinel row instead of more postings.
        """
        for table, pairs, load, cap in (
            (
                "shingles",
                [
                    (fp, p)
                    for p, k in zip(para_ids, keys, strict=True)
                    if k
                    for fp in k.fingerprints
                ],
                fp_load,
                caps[0],
            ),
            (
                "bands",
                [(b, p) for p, k in zip(para_ids, keys, strict=True) if k for b in k.bands],
                band_load,
                caps[1],
            ),
        ):
            rows = []
            counts = dict(load)
            for value, paragraph in sorted(pairs):
                count = counts.get(value, 0)
                if count > cap:
                    continue
                if count == cap:
                    rows.append((value, -1))
                else:
                    rows.append((value, paragraph))
                counts[value] = count + 1
            postings.insert(conn, table, rows)

    def merge_postings(self) -> bool:
        """Merge the recent postings level into the main one if it is due (`postings`),
        in a transaction of its own after a writer's commit: the write lock is held for
        the merge alone, not for a group and a merge. Whether it ran."""
        if not postings.merge_due(self.conn):
            return False
        with self.transaction() as conn:
            if not postings.merge_due(conn):  # another writer merged first
                return False
            postings.merge(conn)
        return True

    def remove(self, doc_id: int) -> None:
        """Delete a document with its index rows and links, in one transaction.

        Where one of its paragraphs represented a text that other documents still
        hold, the next holder inherits its postings and links.
        """
        from .shingles import paragraph_keys

        with self.transaction() as conn:
            (language,) = conn.execute(
                "SELECT language FROM documents WHERE id=?", (doc_id,)
            ).fetchone()
            rows = conn.execute(
                "SELECT id, text, text_hash FROM paragraphs WHERE document=?", (doc_id,)
            ).fetchall()
            removed = {row[0] for row in rows}
            for pid, text, text_hash in rows:
                if text_hash is None:
                    continue
                group = self.group(text_hash)
                if group[0] != pid:
                    continue
                heir = next((g for g in group if g not in removed), None)
                key = paragraph_keys(text, language)
                assert key is not None
                for table, values in (("shingles", key.fingerprints), ("bands", key.bands)):
                    for value in values:
                        if postings.delete(conn, table, value, pid) and heir is not None:
                            postings.insert(conn, table, [(value, heir)])
                links = conn.execute("SELECT * FROM links WHERE a=? OR b=?", (pid, pid)).fetchall()
                conn.execute("DELETE FROM links WHERE a=? OR b=?", (pid, pid))
                if heir is None:
                    continue
                for a, b, sim, matched, run, a_start, b_start in links:
                    if a == pid:
                        a = heir
                    else:
                        b = heir
                    if a > b:
                        a, b, a_start, b_start = b, a, b_start, a_start
                    conn.execute(
                        "INSERT OR REPLACE INTO links VALUES (?,?,?,?,?,?,?)",
                        (a, b, sim, matched, run, a_start, b_start),
                    )
            conn.execute("DELETE FROM paragraphs WHERE document=?", (doc_id,))
            conn.execute("DELETE FROM files WHERE document=?", (doc_id,))
            conn.execute("DELETE FROM refs WHERE document=?", (doc_id,))
            conn.execute("DELETE FROM documents WHERE id=?", (doc_id,))
            if self._docs is not None:
                self._docs.pop(doc_id, None)

    def stats(self) -> dict[str, int]:
        counts = {}
        for table in ("documents", "paragraphs", "shingles", "bands", "links", "refs"):
            (counts[table],) = self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        (pages,) = self.conn.execute("PRAGMA page_count").fetchone()
        (size,) = self.conn.execute("PRAGMA page_size").fetchone()
        counts["bytes"] = pages * size
        return counts


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if head and head != _SQLITE_MAGIC:
        raise CorpusError(f"{path}: not a resdiff corpus (not an SQLite database)")


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


def _configure(conn: sqlite3.Connection, path: Path) -> None:
    """Settings that write to the file: only once it is known to be ours."""
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
    if mode and str(mode[0]).lower() != "wal":
        raise CorpusError(f"{path}: cannot use write-ahead logging on this file system")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA temp_store = MEMORY")


def open_store(path: Path | str | None = None, *, create: bool = True) -> CorpusStore:
    """Open (and with `create`, make) a corpus, migrating an older schema forward."""
    db = Path(path) if path is not None else default_db_path()
    if db.is_dir():
        raise CorpusError(f"{db}: is a directory, not a corpus database")
    exists = db.exists() and db.stat().st_size > 0
    if not exists and not create:
        raise CorpusError(f"{db}: no corpus here yet; add documents with 'resdiff corpus add'")
    if exists:
        _check_header(db)
    else:
        try:
            db.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CorpusError(f"{db.parent}: cannot create: {exc.strerror or exc}") from exc
    try:
        conn = _connect(db)
        try:
            _prepare(conn, db)
        except BaseException:
            conn.close()
            raise
    except sqlite3.DatabaseError as exc:
        raise CorpusError(f"{db}: unreadable corpus database ({exc})") from exc
    return CorpusStore(conn, db)


def _prepare(conn: sqlite3.Connection, db: Path) -> None:
    (app,) = conn.execute("PRAGMA application_id").fetchone()
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    (tables,) = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    if app != APPLICATION_ID and (app != 0 or tables):
        raise CorpusError(f"{db}: not a resdiff corpus (an SQLite database of another program)")
    if version > SCHEMA_VERSION:
        raise CorpusError(
            f"{db}: corpus schema {version} is newer than this resdiff reads "
            f"({SCHEMA_VERSION}); upgrade resdiff"
        )
    _configure(conn, db)
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    step = version
    try:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        rebuild = False
        for step in range(version + 1, SCHEMA_VERSION + 1):
            rebuild = bool(_MIGRATIONS[step](conn)) or rebuild
            conn.execute(f"PRAGMA user_version = {step}")
        if rebuild:
            from .ingest import rebuild_index

            rebuild_index(CorpusStore(conn, db))
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except Exception as exc:
        conn.execute("ROLLBACK")
        if isinstance(exc, CorpusError | sqlite3.DatabaseError):
            raise
        raise CorpusError(
            f"{db}: migrating to schema {step} failed ({exc}); file unchanged"
        ) from exc
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
