"""The corpus database: idempotent adds, exact storage, removal, migrations, bad files, crashes.

Real documents from ../shared/corpus throughout. The Cuba embargo resolutions
A/RES/78/7, 79/7 and 80/4 are one series: 79/7 repeats most of 78/7 word for word
and 80/4 most of 79/7, so they exercise verbatim groups and their representatives.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

import diffcore
from diffcore.corpus import CorpusError, CorpusStore, ingest, open_store
from diffcore.corpus import store as store_module
from diffcore.corpus.ingest import AddResult, add_paths
from diffcore.corpus.query import resolve, reuse
from diffcore.corpus.results import ReuseReport
from diffcore.corpus.shingles import document_keys
from diffcore.corpus.store import SCHEMA_VERSION

from .conftest import REPO_ROOT, TEXT_DIR, evenly_spaced
from .conftest_corpus import (
    TABLES,
    add_command,
    checkpoint,
    cli_env,
    copy_db,
    run_cli,
    table_counts,
    undo_postings_levels,
)

A = TEXT_DIR / "A_RES_78_7.txt"
B = TEXT_DIR / "A_RES_79_7.txt"
C = TEXT_DIR / "A_RES_80_4.txt"
ALL_TEXTS = 1202


def _paths(*files: Path) -> list[str]:
    return [str(f) for f in files]


def _counts(store: CorpusStore) -> dict[str, int]:
    return {k: v for k, v in store.stats().items() if k != "bytes"}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- index invariants -------------------------------------------------------------------


def index_problems(conn: sqlite3.Connection) -> list[str]:
    """Everything that would show a partly written document or a broken index.

    * every document has exactly its ``n_paragraphs`` paragraph rows;
    * no paragraph, file, refs, posting or link row points at a missing row;
    * verbatim copies are indexed once: the first paragraph with a text (its group's
      representative) has, for each of its fingerprints and band keys, either its own
      posting or the key's saturation sentinel (paragraph -1, written instead of a
      posting once a key has reached its cap); later copies have no postings and no
      links;
    * the stored text hash and word count are those of the text.
    """
    problems: list[str] = []
    for doc_id, expected, actual in conn.execute(
        "SELECT d.id, d.n_paragraphs, (SELECT COUNT(*) FROM paragraphs p WHERE p.document=d.id)"
        " FROM documents d"
    ):
        if expected != actual:
            problems.append(f"document #{doc_id}: {actual} paragraph rows, n_paragraphs={expected}")
    orphans = {
        "paragraph rows without a document": "SELECT COUNT(*) FROM paragraphs p"
        " WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id=p.document)",
        "file rows without a document": "SELECT COUNT(*) FROM files f"
        " WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id=f.document)",
        "refs rows without a document": "SELECT COUNT(*) FROM refs r"
        " WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id=r.document)",
        "shingle postings without a paragraph": "SELECT COUNT(*) FROM shingles s"
        " WHERE s.paragraph != -1"
        " AND NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.id=s.paragraph)",
        "band postings without a paragraph": "SELECT COUNT(*) FROM bands b"
        " WHERE b.paragraph != -1"
        " AND NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.id=b.paragraph)",
        "links without both paragraphs": "SELECT COUNT(*) FROM links l"
        " WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.id=l.a)"
        " OR NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.id=l.b)",
        "links not stored as (smaller id, larger id)": "SELECT COUNT(*) FROM links WHERE a >= b",
    }
    for name, column in (("shingles", "fp"), ("bands", "key")):
        orphans[f"{name} postings in both levels"] = (
            f"SELECT COUNT(*) FROM {name}_main m JOIN {name}_recent r USING ({column}, paragraph)"
        )
    for what, sql in orphans.items():
        (n,) = conn.execute(sql).fetchone()
        if n:
            problems.append(f"{n} {what}")
    counted = dict(conn.execute("SELECT level, rows FROM postings_levels"))
    for level in ("main", "recent"):
        (n,) = conn.execute(
            f"SELECT (SELECT COUNT(*) FROM shingles_{level}) + (SELECT COUNT(*) FROM bands_{level})"
        ).fetchone()
        if counted.get(level) != n:
            problems.append(f"postings_levels says {counted.get(level)} {level} rows, not {n}")

    rows = conn.execute(
        "SELECT id, text, n_words, text_hash FROM paragraphs"
        " WHERE text_hash IS NOT NULL ORDER BY id"
    ).fetchall()
    representative: dict[int, int] = {}
    for pid, _, _, text_hash in rows:
        representative.setdefault(text_hash, pid)
    reps = set(representative.values())
    keys = document_keys([text for _, text, _, _ in rows])
    shingles = set(conn.execute("SELECT fp, paragraph FROM shingles").fetchall())
    bands = set(conn.execute("SELECT key, paragraph FROM bands").fetchall())
    posted = {p for _, p in shingles} | {p for _, p in bands}
    linked = {a for (a,) in conn.execute("SELECT a FROM links")} | {
        b for (b,) in conn.execute("SELECT b FROM links")
    }
    for (pid, _, n_words, text_hash), key in zip(rows, keys, strict=True):
        if key is None or key.text_hash != text_hash or key.n_words != n_words:
            problems.append(f"paragraph {pid}: stored hash/word count differ from its text's")
            continue
        if pid not in reps:
            if pid in posted or pid in linked:
                problems.append(f"paragraph {pid}: a verbatim copy with postings or links")
            continue
        for table, values, have in (
            ("shingles", key.fingerprints, shingles),
            ("bands", key.bands, bands),
        ):
            missing = [v for v in values if (v, pid) not in have and (v, -1) not in have]
            if missing:
                problems.append(
                    f"paragraph {pid}: {len(missing)} {table} keys neither posted nor saturated"
                )
    return problems


# --- 1. adding again ------------------------------------------------------------------


def test_adding_the_same_files_again_changes_nothing(seed_path: Path, tmp_path: Path) -> None:
    files = _paths(A, B, C, seed_path)
    with open_store(tmp_path / "c.sqlite") as store:
        first = add_paths(store, files, workers=1)
        assert [r.status for r in first] == ["added"] * 4
        before = _counts(store)
        assert before["documents"] == 4 and before["links"] > 0 and before["refs"] > 0
        second = add_paths(store, files, workers=1)
        assert [r.status for r in second] == ["unchanged"] * 4
        assert [r.document for r in second] == [r.document for r in first]
        assert _counts(store) == before
        assert not index_problems(store.conn)


def test_same_document_in_another_file_is_unchanged(corpus_dir: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "copy of 80-4.txt"
    renamed.write_bytes(C.read_bytes())
    crlf = tmp_path / "A_RES_80_4 (windows).txt"
    crlf.write_bytes(C.read_bytes().replace(b"\n", b"\r\n"))
    assert crlf.read_bytes() != C.read_bytes()
    # The CRLF copy reads to the same document (only its source name differs).
    assert diffcore.load(str(crlf)).paragraphs == diffcore.load(str(C)).paragraphs
    with open_store(tmp_path / "c.sqlite") as store:
        (original,) = add_paths(store, _paths(C), workers=1)
        assert original.status == "added" and original.document is not None
        before = _counts(store)
        results = add_paths(store, _paths(renamed, crlf), workers=1)
        assert [r.status for r in results] == ["unchanged", "unchanged"]
        assert [r.document for r in results] == [original.document] * 2
        assert _counts(store) == before
        # The CRLF file's bytes now lead to the stored document without reading it again.
        found = store.by_file(_sha256(crlf))
        assert found is not None and found.id == original.document.id


def test_document_added_by_another_writer_is_unchanged(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two writers on one corpus: what one adds, the other finds there (WAL, busy timeout)."""
    monkeypatch.setattr(ingest, "GROUP", 1)  # commit every document, as a slow run does
    crlf = tmp_path / "A_RES_80_4 (windows).txt"
    crlf.write_bytes(C.read_bytes().replace(b"\n", b"\r\n"))
    db = tmp_path / "c.sqlite"
    with open_store(db) as first, open_store(db) as second:
        meanwhile: list[AddResult] = []

        def other_writer(result: AddResult) -> None:
            if result.path == str(A):  # between two documents of `second`'s run
                meanwhile.extend(add_paths(first, _paths(C), workers=1))

        results = add_paths(second, _paths(A, crlf), workers=1, progress=other_writer)
        assert [r.status for r in meanwhile] == ["added"]
        assert [r.status for r in results] == ["added", "unchanged"]
        assert results[1].document == meanwhile[0].document


def test_modified_text_under_the_same_symbol_is_a_new_version(
    corpus_dir: Path, tmp_path: Path
) -> None:
    text = C.read_text(encoding="utf-8")
    old = "Once again urges States that have and continue to apply"
    assert text.count(old) == 1
    edited = tmp_path / "A_RES_80_4.txt"
    edited.write_text(text.replace(old, "Once again strongly urges all States that apply"), "utf-8")
    db = tmp_path / "c.sqlite"
    with open_store(db) as store:
        first = add_paths(store, _paths(C), workers=1)
        (second,) = add_paths(store, _paths(edited), workers=1)
        assert second.status == "new version"
        assert second.document is not None and second.document.version == 2
        v1, v2 = store.find("A/RES/80/4@1"), store.find("A/RES/80/4@2")
        latest = store.find("A/RES/80/4")
        assert v1 is not None and v1 == first[0].document and v1.version == 1
        assert v2 is not None and latest == v2 and v2.id == second.document.id
        assert v1.content_hash != v2.content_hash
        assert store.find("A/RES/80/4@3") is None
        # Each version reads back as its own text.
        assert store.load_document(v1.id) == diffcore.load(str(C))
        assert store.load_document(v2.id) == diffcore.load(str(edited))
        assert not index_problems(store.conn)
    shown = run_cli("corpus", "show", "A/RES/80/4", "--db", str(db), "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["version"] == 2
    assert [(d["version"], d["content_hash"]) for d in data["versions"]] == [
        (1, v1.content_hash),
        (2, v2.content_hash),
    ]
    text_out = run_cli("corpus", "show", "A/RES/80/4@1", "--db", str(db))
    assert text_out.returncode == 0, text_out.stderr
    assert "version: 1" in text_out.stdout.splitlines()
    assert f"versions: #{v1.id} v1, #{v2.id} v2" in text_out.stdout.splitlines()


# --- 2. round trip ----------------------------------------------------------------------


def test_stored_documents_read_back_equal(
    text_files: list[Path], seed_path: Path, tmp_path: Path
) -> None:
    files = [*evenly_spaced(text_files, 9), TEXT_DIR / "A_RES_80_9.txt", seed_path]
    with open_store(tmp_path / "c.sqlite") as store:
        results = add_paths(store, _paths(*files), workers=1)
        assert [r.status for r in results] == ["added"] * len(files)
        with_notes = 0
        for path, result in zip(files, results, strict=True):
            assert result.document is not None
            expected = diffcore.load(str(path))
            stored = store.load_document(result.document.id)
            assert stored.metadata == expected.metadata, path.name
            assert stored.paragraphs == expected.paragraphs, path.name
            assert stored.footnotes == expected.footnotes, path.name
            assert (stored.source, stored.source_format) == (str(path), expected.source_format)
            assert stored == expected
            with_notes += bool(expected.footnotes)
        assert with_notes >= 3, "the sample should include documents with footnotes"


# --- 3. remove ----------------------------------------------------------------------------


def _precedents(report: ReuseReport) -> set[tuple[object, ...]]:
    """A report's precedents without database ids (those differ between databases)."""
    out: set[tuple[object, ...]] = set()
    for para in report.paragraphs:
        for p in para.precedents:
            out.add(
                (para.label, p.document.symbol, p.paragraph, p.kind, p.similarity, p.matched, p.run)
            )
        if para.closest is not None:
            out.add((para.label, "closest", para.closest.document.symbol, para.closest.paragraph))
    return out


@dataclass(frozen=True)
class Removal:
    after: Path
    fresh: Path
    removed_paragraphs: frozenset[int]
    removed_id: int


@pytest.fixture(scope="module")
def removal(tmp_path_factory: pytest.TempPathFactory) -> Removal:
    if not TEXT_DIR.is_dir():
        pytest.skip("real-document corpus not found")
    folder = tmp_path_factory.mktemp("removal")
    after, fresh = folder / "abc.sqlite", folder / "bc.sqlite"
    with open_store(after) as store:
        add_paths(store, _paths(A, B, C), workers=1)
        info = store.find("A/RES/78/7")
        assert info is not None
        removed = frozenset(p.id for p in store.paragraphs(info.id))
        store.remove(info.id)
    with open_store(fresh) as store:
        add_paths(store, _paths(B, C), workers=1)
    return Removal(after, fresh, removed, info.id)


def test_remove_deletes_the_document_rows(removal: Removal) -> None:
    with open_store(removal.after, create=False) as store:
        assert store.find("A/RES/78/7") is None
        assert [d.symbol for d in store.documents().values()] == ["A/RES/79/7", "A/RES/80/4"]
        conn = store.conn
        for table in ("paragraphs", "files", "refs"):
            sql = f"SELECT COUNT(*) FROM {table} WHERE document=?"
            assert conn.execute(sql, (removal.removed_id,)).fetchone() == (0,), table
        ids = sorted(removal.removed_paragraphs)
        marks = ",".join("?" * len(ids))
        for sql in (
            f"SELECT COUNT(*) FROM shingles WHERE paragraph IN ({marks})",
            f"SELECT COUNT(*) FROM bands WHERE paragraph IN ({marks})",
            f"SELECT COUNT(*) FROM links WHERE a IN ({marks}) OR b IN ({marks})",
        ):
            assert conn.execute(sql, ids * sql.count("IN (")).fetchone() == (0,), sql
        assert not index_problems(conn)


def test_remove_hands_the_index_to_the_next_copy(removal: Removal) -> None:
    """After removing 78/7, 80/4 finds in 79/7 exactly what a corpus of 79/7 and 80/4 finds."""
    with (
        open_store(removal.after, create=False) as after,
        open_store(removal.fresh, create=False) as fresh,
    ):
        got = _precedents(reuse(after, resolve(after, "A/RES/80/4")))
        want = _precedents(reuse(fresh, resolve(fresh, "A/RES/80/4")))
        kinds = {p[3] for p in want if len(p) == 7}
        assert {"verbatim", "near-verbatim"} <= kinds
        assert got == want
        assert _counts(after)["shingles"] == _counts(fresh)["shingles"]
        assert _counts(after)["bands"] == _counts(fresh)["bands"]
        # 79/7's verbatim copies of 78/7 are now the representatives, and indexed.
        assert not index_problems(after.conn)


def test_remove_leaves_as_many_links_as_a_fresh_corpus(removal: Removal) -> None:
    with (
        open_store(removal.after, create=False) as after,
        open_store(removal.fresh, create=False) as fresh,
    ):
        assert _counts(after)["links"] == _counts(fresh)["links"]


# --- 4. schema versions ------------------------------------------------------------------


def _schema(db: Path) -> set[tuple[str, str, str]]:
    with closing(sqlite3.connect(db)) as conn:
        return set(conn.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


def _pragma(db: Path, name: str) -> int:
    with closing(sqlite3.connect(db)) as conn:
        value: int = conn.execute(f"PRAGMA {name}").fetchone()[0]
        return value


def _make_v1(db: Path) -> None:
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        store_module._MIGRATIONS[1](conn)
        conn.execute("PRAGMA user_version = 1")
        conn.execute(f"PRAGMA application_id = {store_module.APPLICATION_ID}")
        conn.execute("COMMIT")


def test_schema_1_database_migrates_to_the_current_schema(corpus_dir: Path, tmp_path: Path) -> None:
    current = tmp_path / "current.sqlite"
    open_store(current).close()
    old = tmp_path / "v1.sqlite"
    _make_v1(old)
    assert "refs" not in {name for _, name, _ in _schema(old)}
    with open_store(old, create=False) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        (result,) = add_paths(store, _paths(C), workers=1)
        assert result.status == "added"
        assert store.conn.execute("SELECT COUNT(*) FROM refs").fetchone()[0] > 0
    assert _schema(old) == _schema(current)
    assert _pragma(old, "application_id") == store_module.APPLICATION_ID


def _downgrade_to_v1(db: Path) -> None:
    """What a schema-1 resdiff would have written: everything but the refs table and the
    documents' language (these English documents' keys are the same without it)."""
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        undo_postings_levels(conn)
        conn.execute("DROP TABLE refs")
        conn.execute("DROP INDEX documents_symbol")
        conn.execute("ALTER TABLE documents DROP COLUMN language")
        conn.execute("CREATE INDEX documents_symbol ON documents(symbol, version)")
        conn.execute("PRAGMA user_version = 1")


def test_migration_to_2_backfills_refs(corpus_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    files = _paths(A, B, C, TEXT_DIR / "A_RES_80_9.txt")
    with open_store(db) as store:
        add_paths(store, files, workers=1)
        fresh_refs = sorted(store.conn.execute("SELECT document, symbol FROM refs"))
        fresh_counts = _counts(store)
    assert len({doc for doc, _ in fresh_refs}) >= 3, "the Cuba resolutions cite earlier ones"
    assert ("A/RES/79/7" in {s for _, s in fresh_refs}) and len(fresh_refs) > 50
    _downgrade_to_v1(db)
    assert _pragma(db, "user_version") == 1
    with open_store(db, create=False) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert sorted(store.conn.execute("SELECT document, symbol FROM refs")) == fresh_refs
        assert _counts(store) == fresh_counts


def test_failed_migration_leaves_the_old_schema(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "c.sqlite"
    with open_store(db) as store:
        add_paths(store, _paths(B, C), workers=1)
        fresh_refs = sorted(store.conn.execute("SELECT document, symbol FROM refs"))
    _downgrade_to_v1(db)
    migrate_2 = store_module._MIGRATIONS[2]

    def broken(conn: sqlite3.Connection) -> None:
        migrate_2(conn)
        raise RuntimeError("migration interrupted")

    monkeypatch.setitem(store_module._MIGRATIONS, 2, broken)
    with pytest.raises(CorpusError, match=r"migrating to schema 2 failed .migration interrupted"):
        open_store(db, create=False)
    assert _pragma(db, "user_version") == 1
    assert "refs" not in {name for _, name, _ in _schema(db)}
    monkeypatch.setitem(store_module._MIGRATIONS, 2, migrate_2)
    with open_store(db, create=False) as store:
        assert sorted(store.conn.execute("SELECT document, symbol FROM refs")) == fresh_refs


# --- 5. bad databases, as the command line meets them ----------------------------------------


def _small_corpus(folder: Path) -> Path:
    db = folder / "small.sqlite"
    with open_store(db) as store:
        files = evenly_spaced(sorted(TEXT_DIR.glob("*.txt")), 16)
        add_paths(store, _paths(*files, A, B, C), workers=1)
    checkpoint(db)
    return db


def _text_file(folder: Path, small: Path) -> Path:
    path = folder / "notes.txt"
    path.write_text("These are my notes, not a database.\n" * 50, encoding="utf-8")
    return path


def _random_bytes(folder: Path, small: Path) -> Path:
    path = folder / "random.bin"
    path.write_bytes(random.Random(7).randbytes(64 * 1024))
    return path


def _sqlite_header_then_noise(folder: Path, small: Path) -> Path:
    path = folder / "noise.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + random.Random(8).randbytes(16 * 1024))
    return path


def _foreign(folder: Path, small: Path) -> Path:
    path = folder / "other-program.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Ann', '555-0100')")
        conn.commit()
    return path


def _newer(folder: Path, small: Path) -> Path:
    path = copy_db(small, folder / "newer.sqlite")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {store_module.SCHEMA_VERSION + 1}")
        conn.commit()
    checkpoint(path)
    return path


def _truncated(folder: Path, small: Path) -> Path:
    path = copy_db(small, folder / "truncated.sqlite")
    checkpoint(path)
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    return path


def _garbage(folder: Path, small: Path) -> Path:
    """Garbage over the middle third of the pages and the documents table's root page."""
    path = copy_db(small, folder / "garbage.sqlite")
    checkpoint(path)
    with closing(sqlite3.connect(path)) as conn:
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
        (pages,) = conn.execute("PRAGMA page_count").fetchone()
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name='documents'"
        ).fetchone()
    noise = random.Random(9)
    with path.open("r+b") as handle:
        for page in {root, *range(pages // 3, 2 * pages // 3)}:
            handle.seek((page - 1) * page_size)
            handle.write(noise.randbytes(page_size))
    return path


def _directory(folder: Path, small: Path) -> Path:
    path = folder / "a-folder"
    path.mkdir()
    return path


BAD_DATABASES: dict[str, Callable[[Path, Path], Path]] = {
    "text-file": _text_file,
    "random-bytes": _random_bytes,
    "sqlite-header-then-noise": _sqlite_header_then_noise,
    "other-programs-sqlite": _foreign,
    "newer-schema": _newer,
    "truncated": _truncated,
    "garbage-pages": _garbage,
    "directory": _directory,
}
# The two ways in: a query (opens without creating) and an add (creates when absent).
COMMANDS = {
    "reuse": ["reuse", str(C)],
    "add": ["corpus", "add", str(C), "-q"],
}


@dataclass(frozen=True)
class Run:
    db: Path
    result: subprocess.CompletedProcess[str]
    before: bytes | None
    after: bytes | None


def _snapshot(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


@pytest.fixture(scope="module")
def bad_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Run]:
    """Every command on every bad database, run in parallel (each is its own process)."""
    if not TEXT_DIR.is_dir():
        pytest.skip("real-document corpus not found")
    root = tmp_path_factory.mktemp("bad")
    small = _small_corpus(root)
    jobs: dict[tuple[str, str], tuple[Path, bytes | None]] = {}
    for case, build in BAD_DATABASES.items():
        for command in COMMANDS:
            folder = root / f"{case}-{command}"
            folder.mkdir()
            db = build(folder, small)
            jobs[case, command] = (db, _snapshot(db))
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            key: pool.submit(run_cli, *COMMANDS[key[1]], "--db", str(db), timeout=120)
            for key, (db, _) in jobs.items()
        }
        return {
            key: Run(db, futures[key].result(), before, _snapshot(db))
            for key, (db, before) in jobs.items()
        }


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("resdiff: "), lines[0]
    return lines[0]


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", list(BAD_DATABASES))
def test_bad_database_is_one_line_and_exit_2(
    bad_runs: dict[tuple[str, str], Run], case: str, command: str
) -> None:
    run = bad_runs[case, command]
    assert run.result.returncode == 2, (run.result.stdout[-500:], run.result.stderr)
    line = _one_error_line(run.result)
    assert str(run.db) in line
    assert run.result.stdout == ""
    expected = {
        "text-file": "not a resdiff corpus",
        "random-bytes": "not a resdiff corpus",
        "other-programs-sqlite": "another program",
        "newer-schema": "newer than this resdiff",
        "directory": "is a directory",
    }.get(case)
    if expected:
        assert expected in line


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", ["text-file", "random-bytes", "directory"])
def test_refused_non_database_is_left_alone(
    bad_runs: dict[tuple[str, str], Run], case: str, command: str
) -> None:
    run = bad_runs[case, command]
    assert run.after == run.before
    assert not Path(f"{run.db}-wal").exists() and not Path(f"{run.db}-journal").exists()


@pytest.mark.parametrize("command", list(COMMANDS))
def test_refused_foreign_database_is_left_alone(
    bad_runs: dict[tuple[str, str], Run], command: str
) -> None:
    run = bad_runs["other-programs-sqlite", command]
    assert run.result.returncode == 2
    assert run.after == run.before
    with closing(sqlite3.connect(run.db)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)


@pytest.mark.parametrize("command", ["reuse", "list", "trace"])
def test_missing_database_says_add_first_and_creates_nothing(
    corpus_dir: Path, tmp_path: Path, command: str
) -> None:
    db = tmp_path / "not-yet" / "corpus.sqlite"
    args = {
        "reuse": ["reuse", str(C)],
        "list": ["corpus", "list"],
        "trace": ["trace", str(C), "PP1"],
    }[command]
    result = run_cli(*args, "--db", str(db), timeout=120)
    assert result.returncode == 2
    line = _one_error_line(result)
    assert str(db) in line and "resdiff corpus add" in line
    assert not db.exists() and not db.parent.exists()


def test_add_reports_bad_files_and_keeps_the_good_ones(corpus_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-file.txt"
    binary = tmp_path / "scan.txt"
    binary.write_bytes(random.Random(3).randbytes(4096))
    db = tmp_path / "c.sqlite"
    result = run_cli(
        "corpus", "add", str(A), str(missing), str(B), str(binary), str(C), "--db", str(db), "-q"
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("resdiff:")]
    assert len(errors) == 2, result.stderr
    assert str(missing) in errors[0] and str(binary) in errors[1]
    assert "3 added, 0 new version, 0 unchanged, 2 failed" in result.stderr
    with open_store(db, create=False) as store:
        assert sorted(d.symbol or "" for d in store.documents().values()) == [
            "A/RES/78/7",
            "A/RES/79/7",
            "A/RES/80/4",
        ]


# --- 6/7. killed ingest, and reading while it runs ------------------------------------------


def _documents_now(db: Path) -> int | None:
    """Committed documents, read the way another process would while the writer works."""
    if not db.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as conn:
            (n,) = conn.execute("SELECT COUNT(*) FROM documents").fetchone()
            return int(n)
    except sqlite3.OperationalError:
        return None  # not created yet, or its tables not yet committed


@dataclass(frozen=True)
class Killed:
    db: Path
    seen: list[int]
    listing: subprocess.CompletedProcess[str]
    running_after_listing: bool
    integrity: str
    documents: int
    problems: list[str]


@pytest.fixture(scope="module")
def killed(text_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Killed:
    """`corpus add` of the whole corpus, SIGKILLed once 100 documents are committed."""
    db = tmp_path_factory.mktemp("killed") / "corpus.sqlite"
    log = db.with_suffix(".log")
    seen: list[int] = []
    with log.open("w") as err:
        proc = subprocess.Popen(
            add_command(db),
            cwd=REPO_ROOT,
            env=cli_env(),
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,  # its own process group: the workers die with it
        )
        try:
            deadline = time.monotonic() + 300
            while True:
                assert proc.poll() is None, "the ingest ended before 100 documents were seen"
                n = _documents_now(db)
                if n is not None:
                    seen.append(n)
                    if n >= 100:
                        break
                assert time.monotonic() < deadline, f"no 100 documents after 300 s: {seen[-5:]}"
                time.sleep(0.05)
            listing = run_cli("corpus", "list", "--db", str(db), timeout=120)
            running = proc.poll() is None
        finally:
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
    with open_store(db, create=False) as store:
        (integrity,) = store.conn.execute("PRAGMA integrity_check").fetchone()
        documents = len(store.documents())
        problems = index_problems(store.conn)
    return Killed(db, seen, listing, running, integrity, documents, problems)


def test_readers_see_whole_committed_groups_during_ingest(killed: Killed) -> None:
    positive = [n for n in killed.seen if n > 0]
    assert positive == sorted(positive), "committed documents never disappear"
    assert len(set(positive)) >= 2, f"reads during ingest should see it grow: {killed.seen}"


def test_corpus_list_runs_while_ingest_writes(killed: Killed) -> None:
    assert killed.running_after_listing, "the listing should run while the ingest is writing"
    assert killed.listing.returncode == 0, killed.listing.stderr
    rows = killed.listing.stdout.splitlines()[1:]
    assert len(rows) >= 100


def test_killed_ingest_leaves_a_sound_database(killed: Killed) -> None:
    assert killed.integrity == "ok"
    assert 100 <= killed.documents < ALL_TEXTS
    assert killed.problems == []


def test_rerun_after_kill_completes_like_one_uninterrupted_run(
    killed: Killed, full_corpus_db: Path
) -> None:
    result = subprocess.run(
        add_command(killed.db),
        cwd=REPO_ROOT,
        env=cli_env(),
        capture_output=True,
        encoding="utf-8",
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    added = ALL_TEXTS - killed.documents
    assert f"{added} added, 0 new version, {killed.documents} unchanged, 0 failed" in result.stderr
    assert table_counts(killed.db) == table_counts(full_corpus_db)
    assert _links_digest(killed.db) == _links_digest(full_corpus_db)


def _links_digest(db: Path) -> str:
    digest = hashlib.sha256()
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        for row in conn.execute("SELECT * FROM links ORDER BY a, b"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def test_full_corpus_counts(full_corpus_db: Path) -> None:
    counts = table_counts(full_corpus_db)
    assert set(counts) == set(TABLES)
    assert counts["documents"] == ALL_TEXTS
    assert all(counts[t] > 0 for t in TABLES)


# --- the batch job over the stored tables agrees with incremental ingest -------------


def _index_rows(store: CorpusStore) -> dict[str, list[tuple[object, ...]]]:
    return {
        table: sorted(store.conn.execute(f"SELECT * FROM {table}"))
        for table in ("shingles", "bands", "links")
    }


def test_reindex_rebuilds_exactly_what_ingest_wrote(corpus_dir: Path, tmp_path: Path) -> None:
    """`reindex` reruns detection from the paragraphs table alone: same postings, same
    links, row for row, as the documents' own ingest, a removal included."""
    files = [*sorted(TEXT_DIR.glob("A_RES_7[89]_1*.txt"))[:40], A, B, C]
    with open_store(tmp_path / "c.sqlite") as store:
        add_paths(store, _paths(*files), workers=1)
        info = store.find("A/RES/79/7")
        assert info is not None
        store.remove(info.id)
        before = _index_rows(store)
        assert all(before.values())
        seen: list[int] = []
        ingest.reindex(store, progress=lambda d: seen.append(d.id))
        assert seen == sorted(store.documents())
        after = _index_rows(store)
    for table in before:
        assert after[table] == before[table], table


def test_a_full_row_cache_starts_again_without_losing_what_is_asked(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 100,000 documents the cache fills up; a call that overflows it must still
    get every row it asked for (it once lost those cached before the overflow)."""
    from diffcore.corpus.detect import CodeCache

    with open_store(tmp_path / "c.sqlite") as store:
        add_paths(store, _paths(A, B), workers=1)
        ids = sorted(store.paragraph_meta(range(1, 100)))
        cache = CodeCache(limit=len(ids) - 2)
        cache.fill(store, ids[:5])
        cache.fill(store, ids)
        assert set(ids) <= set(cache.data)
        # And ingest with tiny caches finds what it finds with big ones.
        monkeypatch.setattr(CodeCache.__init__, "__defaults__", (7,))
        with open_store(tmp_path / "tiny.sqlite") as tiny:
            add_paths(tiny, _paths(A, B, C), workers=1)
            add_paths(store, _paths(C), workers=1)
            links = sorted(store.conn.execute("SELECT * FROM links"))
            assert sorted(tiny.conn.execute("SELECT * FROM links")) == links
