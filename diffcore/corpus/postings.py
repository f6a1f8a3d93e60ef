"""The reuse index's postings in two levels, so that adding documents stays cheap as the
corpus grows (issue #15, point 5).

Fingerprint and band keys are hashes, so a group of new postings lands on pages all over
the index's B-trees. With one table a level, a commit rewrote most of the index: at
100,000 documents, 935 MB of log for a group of 2,000 documents, and the cost per
document grew with the corpus (BENCHMARKS.md, "Why the last window is slower"). New
postings now go to a small ``recent`` level, which a commit rewrites cheaply; once it
holds a share (`MERGE_SHARE`) of the large ``main`` level, it is merged into it in key
order, one pass over ``main`` for many groups, as log-structured stores do. The cost of
a merge grows with ``main``, and so does the number of documents between two merges:
per document it stays level.

Readers see one table: the views ``shingles`` and ``bands`` are the union of both
levels, and no answer depends on the level a posting sits in. The levels' row counts
live in ``postings_levels`` so that deciding to merge costs no scan.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

__all__ = [
    "MERGE_FLOOR",
    "MERGE_SHARE",
    "TABLES",
    "clear",
    "delete",
    "insert",
    "lookup",
    "merge",
    "merge_due",
    "set_main",
]

# The logical tables and their key column.
TABLES = {"shingles": "fp", "bands": "key"}
MERGE_SHARE = 8  # merge when the recent level holds 1/8 of the main level's postings,
MERGE_FLOOR = 1_000_000  # and at least this many (some 2,000 documents' worth)


def _level_statements(name: str, column: str) -> tuple[str, ...]:
    return (
        f"ALTER TABLE {name} RENAME TO {name}_main",
        f"CREATE TABLE {name}_recent ({column} INTEGER NOT NULL, paragraph INTEGER NOT NULL,"
        f" PRIMARY KEY ({column}, paragraph)) WITHOUT ROWID",
        f"CREATE VIEW {name} AS SELECT {column}, paragraph FROM {name}_main"
        f" UNION ALL SELECT {column}, paragraph FROM {name}_recent",
    )


SCHEMA = (
    *_level_statements("shingles", "fp"),
    *_level_statements("bands", "key"),
    "CREATE TABLE postings_levels (level TEXT PRIMARY KEY, rows INTEGER NOT NULL) WITHOUT ROWID",
    "INSERT INTO postings_levels VALUES ('main', (SELECT COUNT(*) FROM shingles_main)"
    " + (SELECT COUNT(*) FROM bands_main)), ('recent', 0)",
)


def _lookup_sql(name: str, column: str) -> str:
    return (
        "SELECT v, COUNT(*), group_concat(paragraph) FROM ("
        f"SELECT j.value AS v, m.paragraph FROM json_each(?1) AS j"
        f" JOIN {name}_main AS m ON m.{column} = j.value"
        f" UNION ALL SELECT j.value, r.paragraph FROM json_each(?1) AS j"
        f" JOIN {name}_recent AS r ON r.{column} = j.value"
        ") GROUP BY v"
    )


_LOOKUP = {name: _lookup_sql(name, column) for name, column in TABLES.items()}


def lookup(
    conn: sqlite3.Connection, name: str, values: Iterable[int]
) -> list[tuple[int, int, str]]:
    """Each key's row count and holders (comma-joined) over both levels, keys that have
    any. The keys go in as one JSON array: binding hundreds of parameters a statement
    cost more than the search (a quarter of the lookup's time)."""
    keys = json.dumps(sorted(set(values)))
    return conn.execute(_LOOKUP[name], (keys,)).fetchall()


def _count(conn: sqlite3.Connection, level: str, change: int) -> None:
    if change:
        conn.execute("UPDATE postings_levels SET rows = rows + ? WHERE level = ?", (change, level))


def insert(conn: sqlite3.Connection, name: str, rows: Iterable[tuple[int, int]]) -> None:
    """New postings, into the recent level."""
    cur = conn.executemany(f"INSERT OR IGNORE INTO {name}_recent VALUES (?, ?)", rows)
    _count(conn, "recent", cur.rowcount)


def delete(conn: sqlite3.Connection, name: str, value: int, paragraph: int) -> bool:
    """Remove one posting from whichever level holds it; whether one was there."""
    column = TABLES[name]
    found = False
    for level in ("main", "recent"):
        cur = conn.execute(
            f"DELETE FROM {name}_{level} WHERE {column}=? AND paragraph=?", (value, paragraph)
        )
        _count(conn, level, -cur.rowcount)
        found = found or cur.rowcount > 0
    return found


def clear(conn: sqlite3.Connection) -> None:
    """Every posting gone (a rebuild, an import)."""
    for name in TABLES:
        for level in ("main", "recent"):
            conn.execute(f"DELETE FROM {name}_{level}")
    conn.execute("UPDATE postings_levels SET rows = 0")


def set_main(conn: sqlite3.Connection, name: str, rows: Iterable[tuple[int, int]]) -> int:
    """Bulk postings computed elsewhere (the Spark job), straight into the main level."""
    cur = conn.executemany(f"INSERT INTO {name}_main VALUES (?, ?)", rows)
    _count(conn, "main", cur.rowcount)
    return cur.rowcount


def merge_due(conn: sqlite3.Connection) -> bool:
    """Whether the recent level has grown to its share of the main one."""
    levels: dict[str, int] = dict(conn.execute("SELECT level, rows FROM postings_levels"))
    recent = levels.get("recent", 0)
    return recent > 0 and recent >= max(MERGE_FLOOR, levels.get("main", 0) // MERGE_SHARE)


def merge(conn: sqlite3.Connection) -> None:
    """Move the recent level into the main one, inside the caller's transaction. The
    recent table is read in key order, so the main B-tree is walked once, left to right."""
    moved = 0
    for name, column in TABLES.items():
        cur = conn.execute(
            f"INSERT OR IGNORE INTO {name}_main SELECT {column}, paragraph FROM {name}_recent"
        )
        moved += cur.rowcount
        conn.execute(f"DELETE FROM {name}_recent")
    _count(conn, "main", moved)
    conn.execute("UPDATE postings_levels SET rows = 0 WHERE level = 'recent'")
