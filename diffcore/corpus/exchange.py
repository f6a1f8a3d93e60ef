"""The corpus as Parquet tables, for a reuse job that runs elsewhere (`spark`).

`export_parquet` writes the job's input tables, one folder each:

* ``documents``: id, symbol, version, session, date, title, doc_type, language;
* ``paragraphs``: id, document, seq, language, text, n_words, text_hash, codes (the
  words as one character each, what `verify` aligns), n_fps (fingerprints held) and
  ``distinct`` (the first paragraph of its document with its words: only those have
  keys, as in `ingest._distinct`);
* ``fingerprints`` (fp, paragraph, document) and ``bands`` (key, paragraph, document):
  the keys of the distinct paragraphs, computed by the same `shingles` code as ingest.

`import_links` loads the job's output (``links``, ``shingles``, ``bands``) in place of
the store's own, so the store holds what `corpus reindex` would have written and every
query answers from it as after a local reindex. Both sides carry a manifest of the
store's documents: links computed from another set of documents are refused.

pyarrow is imported here only (the `spark` extra), never by the rest of resdiff.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import ResdiffError
from . import postings
from .detect import Probe, probes_of
from .shingles import ParagraphKeys, text_ids
from .store import CorpusStore, DocumentInfo

__all__ = [
    "EXPORT_TABLES",
    "LINK_TABLES",
    "MANIFEST",
    "ParquetExport",
    "export_parquet",
    "import_links",
]

EXPORT_TABLES = ("documents", "paragraphs", "fingerprints", "bands")
# The job's output: the store's three index tables, column for column.
LINK_TABLES = {
    "links": ("a", "b", "similarity", "matched", "run", "a_start", "b_start"),
    "shingles": ("fp", "paragraph"),
    "bands": ("key", "paragraph"),
}
MANIFEST = "manifest.json"
FORMAT = "resdiff-corpus-parquet-1"
BATCH = 50_000  # paragraphs a Parquet row group


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise ResdiffError(
            "Parquet export and import need pyarrow: pip install 'resdiff[spark]'"
        ) from exc
    return pyarrow


def manifest(store: CorpusStore) -> dict[str, Any]:
    """What identifies the store's documents and paragraphs for the job's output."""
    digest = hashlib.sha256()
    for doc_id, content_hash, n in store.conn.execute(
        "SELECT id, content_hash, n_paragraphs FROM documents ORDER BY id"
    ):
        digest.update(f"{doc_id} {content_hash} {n}\n".encode())
    (paragraphs, top) = store.conn.execute("SELECT COUNT(*), MAX(id) FROM paragraphs").fetchone()
    return {
        "format": FORMAT,
        "documents": len(store.documents()),
        "paragraphs": paragraphs,
        "max_paragraph": top or 0,
        "digest": digest.hexdigest(),
    }


def _schemas(pa: Any) -> dict[str, Any]:
    i64, i32, text = pa.int64(), pa.int32(), pa.string()
    return {
        "documents": pa.schema(
            [
                ("id", i64),
                ("symbol", text),
                ("version", i32),
                ("session", i32),
                ("date", text),
                ("title", text),
                ("doc_type", text),
                ("language", text),
            ]
        ),
        "paragraphs": pa.schema(
            [
                ("id", i64),
                ("document", i64),
                ("seq", i32),
                ("language", text),
                ("text", text),
                ("n_words", i32),
                ("text_hash", i64),
                ("codes", text),
                ("n_fps", i32),
                ("distinct", pa.bool_()),
            ]
        ),
        "fingerprints": pa.schema([("fp", i64), ("paragraph", i64), ("document", i64)]),
        "bands": pa.schema([("key", i64), ("paragraph", i64), ("document", i64)]),
    }


def _documents_rows(store: CorpusStore) -> Iterator[tuple[int, str, list[tuple[int, int, str]]]]:
    """Each document's id, language and (id, seq, text) paragraphs, in id order."""
    docs = store.documents()
    current: int | None = None
    rows: list[tuple[int, int, str]] = []
    for pid, doc_id, seq, text in store.conn.execute(
        "SELECT id, document, seq, text FROM paragraphs ORDER BY document, seq"
    ):
        if doc_id != current:
            if current is not None:
                yield current, docs[current].language, rows
            current, rows = doc_id, []
        rows.append((pid, seq, text))
    if current is not None:
        yield current, docs[current].language, rows


def _prepare_dir(path: Path) -> None:
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise ResdiffError(f"{path}: exists and is not an empty folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ResdiffError(f"{path}: cannot create: {exc.strerror or exc}") from exc


class ParquetExport:
    """The job's input tables under `out` (a new or empty folder), written document by
    document: `export_parquet` computes each document's keys from its stored text, and
    a caller that holds them already (the writer's `Prepared` documents) passes them
    along rather than compute them a second time. Use as a context manager; `finish`
    writes the manifest that marks the export complete."""

    def __init__(self, out: Path | str) -> None:
        self.pa = _pyarrow()
        self.out = Path(out)
        _prepare_dir(self.out)
        self.schemas = _schemas(self.pa)
        self.writers: dict[str, Any] = {}
        for name in EXPORT_TABLES:
            (self.out / name).mkdir()
            path = str(self.out / name / "part-0.parquet")
            self.writers[name] = self.pa.parquet.ParquetWriter(path, self.schemas[name])
        self.counts = dict.fromkeys(EXPORT_TABLES, 0)
        self.columns: dict[str, dict[str, list[Any]]] = {
            name: {f: [] for f in self.schemas[name].names} for name in EXPORT_TABLES
        }

    def __enter__(self) -> ParquetExport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _flush(self, name: str) -> None:
        table = self.pa.table(self.columns[name], schema=self.schemas[name])
        self.writers[name].write_table(table)
        self.counts[name] += table.num_rows
        for values in self.columns[name].values():
            values.clear()

    def document(self, info: DocumentInfo) -> None:
        """One row of ``documents``; documents come in id order."""
        row = self.columns["documents"]
        for field, value in (
            ("id", info.id),
            ("symbol", info.symbol),
            ("version", info.version),
            ("session", info.session),
            ("date", info.date),
            ("title", info.title),
            ("doc_type", info.doc_type),
            ("language", info.language),
        ):
            row[field].append(value)

    def paragraphs(
        self,
        doc_id: int,
        language: str,
        rows: Sequence[tuple[int, int, str]],
        keys: Sequence[ParagraphKeys | None],
        probes: Sequence[Probe | None],
    ) -> None:
        """A document's (id, seq, text) paragraphs in seq order with their keys and
        probes (`detect.probes_of` of their words); documents come in id order."""
        para = self.columns["paragraphs"]
        fps, bands = self.columns["fingerprints"], self.columns["bands"]
        seen: set[int] = set()
        for (pid, seq, text), key, probe in zip(rows, keys, probes, strict=True):
            distinct = key is not None and key.text_hash not in seen
            for field, value in (
                ("id", pid),
                ("document", doc_id),
                ("seq", seq),
                ("language", language),
                ("text", text),
                ("n_words", key.n_words if key else 0),
                ("text_hash", key.text_hash if key else None),
                ("codes", probe.codes if probe else None),
                ("n_fps", len(key.fingerprints) if key else 0),
                ("distinct", distinct),
            ):
                para[field].append(value)
            if key is None or not distinct:
                continue
            seen.add(key.text_hash)
            for table, values in ((fps, key.fingerprints), (bands, key.bands)):
                name = "fp" if table is fps else "key"
                table[name].extend(values)
                table["paragraph"].extend([pid] * len(values))
                table["document"].extend([doc_id] * len(values))
        if len(para["id"]) >= BATCH:
            for name in ("paragraphs", "fingerprints", "bands"):
                self._flush(name)

    def finish(self, store: CorpusStore) -> dict[str, int]:
        """Write what is buffered and the manifest of `store` (which must hold exactly
        the documents written); row counts."""
        for name in EXPORT_TABLES:
            self._flush(name)
        self.close()
        text = json.dumps(manifest(store), indent=2) + "\n"
        (self.out / MANIFEST).write_text(text, encoding="utf-8")
        return self.counts

    def close(self) -> None:
        for writer in self.writers.values():
            writer.close()
        self.writers.clear()


def export_parquet(store: CorpusStore, out: Path | str) -> dict[str, int]:
    """Write the job's input tables under `out` (a new or empty folder); row counts."""
    with ParquetExport(out) as export:
        for info in sorted(store.documents().values(), key=lambda d: d.id):
            export.document(info)
        for doc_id, language, rows in _documents_rows(store):
            keys, probes = probes_of([text_ids(text) for _, _, text in rows], language)
            export.paragraphs(doc_id, language, rows, keys, probes)
        return export.finish(store)


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResdiffError(f"{folder}: no readable {MANIFEST} (not a resdiff export)") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ResdiffError(f"{folder}: {MANIFEST} is not a {FORMAT} manifest")
    return data


def _batches(pa: Any, folder: Path, name: str, columns: tuple[str, ...]) -> Iterator[Any]:
    """A table of the job's output as record batches, file by file in name order (the
    job writes each table sorted on the store's key, which SQLite inserts fastest)."""
    path = folder / name
    files = sorted(path.glob("*.parquet")) if path.is_dir() else []
    if not files:
        raise ResdiffError(f"{path}: missing (not the output of 'resdiff-spark reindex')")
    for file in files:
        try:
            yield from pa.parquet.ParquetFile(str(file)).iter_batches(
                batch_size=BATCH, columns=list(columns)
            )
        except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
            raise ResdiffError(f"{file}: unreadable Parquet ({exc})") from exc


def import_links(store: CorpusStore, folder: Path | str) -> dict[str, int]:
    """Replace the store's postings and links with the job's output in `folder`, in
    one transaction; row counts. Refused unless the output was computed from exactly
    the store's documents."""
    pa = _pyarrow()
    import pyarrow.compute as pc

    folder = Path(folder)
    if not folder.is_dir():
        raise ResdiffError(f"{folder}: not a folder")
    theirs = read_manifest(folder)
    ours = manifest(store)
    if theirs != ours:
        raise ResdiffError(
            f"{folder}: computed from other documents ({theirs.get('documents')} documents,"
            f" {theirs.get('paragraphs')} paragraphs) than {store.path} holds"
            f" ({ours['documents']}, {ours['paragraphs']}); export and run the job again"
        )
    top = ours["max_paragraph"]
    counts = dict.fromkeys(LINK_TABLES, 0)
    with store.transaction() as conn:
        postings.clear(conn)
        conn.execute("DELETE FROM links")
        for name, cols in LINK_TABLES.items():
            insert = f"INSERT INTO {name} VALUES ({','.join('?' * len(cols))})"
            ids = cols[:2] if name == "links" else cols[1:]
            lowest = 1 if name == "links" else -1  # -1: a saturated key's sentinel
            for batch in _batches(pa, folder, name, cols):
                for col in ids:
                    bounds = pc.min_max(batch.column(col)).as_py()
                    if batch.num_rows and not lowest <= bounds["min"] <= bounds["max"] <= top:
                        raise ResdiffError(
                            f"{folder / name}: paragraph ids this corpus does not hold"
                        )
                rows = zip(*(batch.column(c).to_pylist() for c in cols), strict=True)
                if name in postings.TABLES:
                    postings.set_main(conn, name, rows)
                else:
                    conn.executemany(insert, rows)
                counts[name] += batch.num_rows
    return counts
