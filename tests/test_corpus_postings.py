"""The postings in two levels (issue #15, point 5): which level holds a posting never
changes what the store holds or answers.

Real documents of ../shared/corpus/text, written with the recent level merged into the
main one after every commit and never merged, must give the same postings and links row
for row; a removal and a reindex must find postings in either level; a schema-5 file
migrates with its postings as the main level. Skips with the reason where the corpus is
absent.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from diffcore.corpus import ingest, open_store, postings
from diffcore.corpus.ingest import add_paths
from diffcore.corpus.query import resolve, reuse
from diffcore.corpus.store import SCHEMA_VERSION, CorpusStore

from .conftest import TEXT_DIR
from .conftest_corpus import undo_postings_levels
from .test_corpus_store import A, B, C, _precedents, index_problems

SERIES = [*sorted(TEXT_DIR.glob("A_RES_7[89]_1*.txt"))[:30], A, B, C]


@pytest.fixture(autouse=True)
def _corpus() -> None:
    if not TEXT_DIR.is_dir():
        pytest.skip(f"real-document corpus not found at {TEXT_DIR}")


def _always_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postings, "MERGE_FLOOR", 1)
    monkeypatch.setattr(postings, "MERGE_SHARE", 10**9)


def _never_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postings, "MERGE_FLOOR", 10**15)


def _levels(store: CorpusStore) -> dict[str, int]:
    return dict(store.conn.execute("SELECT level, rows FROM postings_levels"))


def _rows(store: CorpusStore) -> dict[str, list[tuple[object, ...]]]:
    return {
        t: sorted(store.conn.execute(f"SELECT * FROM {t}"))
        for t in ("documents", "paragraphs", "shingles", "bands", "links")
    }


def _add_one_by_one(db: Path, files: list[Path]) -> CorpusStore:
    """Each file its own `corpus add`: a commit, and a merge check, per document."""
    store = open_store(db)
    for f in files:
        add_paths(store, [str(f)], workers=1)
    return store


def test_merged_and_unmerged_levels_hold_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _never_merge(monkeypatch)
    with _add_one_by_one(tmp_path / "never.sqlite", SERIES) as never:
        assert _levels(never)["main"] == 0 < _levels(never)["recent"]
        want = _rows(never)
        assert not index_problems(never.conn)
    _always_merge(monkeypatch)
    with _add_one_by_one(tmp_path / "always.sqlite", SERIES) as always:
        assert _levels(always)["recent"] == 0 < _levels(always)["main"]
        assert _rows(always) == want
        assert not index_problems(always.conn)
        # Merges in the middle of a run: a level each, and the same answers.
        monkeypatch.setattr(postings, "MERGE_FLOOR", 10**15)
        add_paths(always, [str(TEXT_DIR / "A_RES_80_9.txt")], workers=1)
        assert _levels(always)["recent"] > 0 < _levels(always)["main"]
        assert not index_problems(always.conn)


def test_a_merge_is_due_at_a_share_of_the_main_level(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postings, "MERGE_FLOOR", 100)
    monkeypatch.setattr(postings, "MERGE_SHARE", 4)
    with open_store(tmp_path / "c.sqlite") as store:
        conn = store.conn
        conn.execute("UPDATE postings_levels SET rows = 1000 WHERE level = 'main'")
        conn.execute("UPDATE postings_levels SET rows = 249 WHERE level = 'recent'")
        assert not postings.merge_due(conn)
        conn.execute("UPDATE postings_levels SET rows = 250 WHERE level = 'recent'")
        assert postings.merge_due(conn)
        conn.execute("UPDATE postings_levels SET rows = 0 WHERE level = 'main'")
        conn.execute("UPDATE postings_levels SET rows = 99 WHERE level = 'recent'")
        assert not postings.merge_due(conn)


def test_remove_and_reindex_find_postings_in_either_level(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """78/7 and 79/7 merged into the main level, 80/4 in the recent one: removing 78/7
    hands its postings to 79/7's copies wherever they sit, as a fresh corpus of 79/7 and
    80/4 has them; a reindex then writes what ingest wrote."""
    _always_merge(monkeypatch)
    with _add_one_by_one(tmp_path / "abc.sqlite", [A, B]) as store:
        _never_merge(monkeypatch)
        add_paths(store, [str(C)], workers=1)
        assert _levels(store)["recent"] > 0 < _levels(store)["main"]
        info = store.find("A/RES/78/7")
        assert info is not None
        store.remove(info.id)
        assert not index_problems(store.conn)
        with _add_one_by_one(tmp_path / "bc.sqlite", [B, C]) as fresh:
            got = _precedents(reuse(store, resolve(store, "A/RES/80/4")))
            assert got == _precedents(reuse(fresh, resolve(fresh, "A/RES/80/4")))
            for table in ("shingles", "bands", "links"):
                (n,) = store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
                assert (n,) == fresh.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        before = _rows(store)
        _always_merge(monkeypatch)
        ingest.reindex(store)
        assert _rows(store) == before
        assert _levels(store)["recent"] == 0
        assert not index_problems(store.conn)


def test_a_schema_5_store_migrates_its_postings_as_the_main_level(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    with open_store(db) as store:
        add_paths(store, [str(A), str(B)], workers=1)
        want = _rows(store)
        total = sum(_levels(store).values())
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        undo_postings_levels(conn)
        conn.execute("PRAGMA user_version = 5")
    with open_store(db, create=False) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert _levels(store) == {"main": total, "recent": 0}
        assert _rows(store) == want
        add_paths(store, [str(C)], workers=1)
        assert _levels(store)["recent"] > 0
        assert not index_problems(store.conn)
