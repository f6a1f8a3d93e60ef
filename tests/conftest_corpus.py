"""Helpers shared by the corpus tests (test_corpus_store.py, test_corpus_quality.py).

The full corpus database (every text of ../shared/corpus/text, one uninterrupted
`resdiff corpus add`) is built once per session by the `full_corpus_db` fixture at the
end of conftest.py, which calls `build_full_db` here. It is shared: tests read it, and
copy it (`copy_db`) before writing.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from .conftest import REPO_ROOT, TEXT_DIR

# The tables `CorpusStore.stats()` counts.
TABLES = ("documents", "paragraphs", "shingles", "bands", "links", "refs")


def undo_postings_levels(conn: sqlite3.Connection) -> None:
    """What a resdiff before schema 6 wrote: each postings table in one level, no views."""
    for name in ("shingles", "bands"):
        conn.execute(f"DROP VIEW {name}")
        conn.execute(f"INSERT INTO {name}_main SELECT * FROM {name}_recent")
        conn.execute(f"DROP TABLE {name}_recent")
        conn.execute(f"ALTER TABLE {name}_main RENAME TO {name}")
    conn.execute("DROP TABLE postings_levels")


def cli_env() -> dict[str, str]:
    return dict(os.environ, PYTHONIOENCODING="utf-8")


def run_cli(*args: str, timeout: float = 600.0) -> subprocess.CompletedProcess[str]:
    """`resdiff ARGS...` in a fresh interpreter, from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=REPO_ROOT,
        env=cli_env(),
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )


def add_command(db: Path) -> list[str]:
    """The ingest every full-corpus database in these tests is built with."""
    return [sys.executable, "-m", "cli", "corpus", "add", str(TEXT_DIR), "--db", str(db), "-q"]


def checkpoint(db: Path) -> None:
    """Move the write-ahead log into the main file, so the file alone is the database."""
    with closing(sqlite3.connect(db)) as conn:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0, f"{db}: checkpoint blocked"


def copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy of a corpus database (SQLite's online backup)."""
    with (
        closing(sqlite3.connect(f"file:{src}?mode=ro", uri=True)) as source,
        closing(sqlite3.connect(dst)) as target,
    ):
        source.backup(target)
    return dst


def table_counts(db: Path) -> dict[str, int]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def build_full_db(db: Path) -> Path:
    """Every text of the corpus in one uninterrupted `resdiff corpus add`."""
    result = subprocess.run(
        add_command(db),
        cwd=REPO_ROOT,
        env=cli_env(),
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    checkpoint(db)
    return db
