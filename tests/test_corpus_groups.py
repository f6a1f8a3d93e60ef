"""Commit groups that grow with the corpus (issue #15, point 5) store the same index.

Synthetic documents (benchmarks/synthetic_corpus.py, from real paragraphs of
../shared/corpus/text, with planted reuse) are written once in the old fixed groups of
32 documents and once in groups of half the stored corpus; postings and links must be
equal row for row. Skips with the reason where the corpus is absent.
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest

from diffcore import load
from diffcore.corpus import ingest, open_store
from diffcore.corpus.ingest import Prepared, Writer, group_limits, prepare

from .conftest import REPO_ROOT, TEXT_DIR

pytest.importorskip("rapidfuzz", reason="the synthetic corpus needs rapidfuzz")
if str(REPO_ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import synthetic_corpus as sc

N_DOCS = 1200
INDEX_TABLES = ("documents", "paragraphs", "shingles", "bands", "links")


def test_groups_grow_with_the_corpus_up_to_a_time_limit() -> None:
    assert group_limits(0) == (32, 1.0)
    assert group_limits(1_000) == (50, 1.0)
    assert group_limits(10_000) == (500, 5.0)
    documents, seconds = group_limits(100_000)
    assert documents == 5_000 and seconds == ingest.GROUP_SECONDS_MAX < 30


@pytest.fixture(scope="module")
def prepared(text_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> list[Prepared]:
    pool = sc.load_pool(TEXT_DIR, 60, cache_dir=tmp_path_factory.mktemp("pool"))
    return [prepare(item.document) for item in sc.generate(pool, N_DOCS, 3)]


def _write(db: Path, items: list[Prepared]) -> dict[str, list[tuple[object, ...]]]:
    with open_store(db) as store:
        writer = Writer(store)
        commits = 0
        for item in items:
            writer.write(item)
            commits += writer.pending == 0
        writer.commit()
    with closing(sqlite3.connect(db)) as conn:
        rows = {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in INDEX_TABLES
        }
    rows["commits"] = [(commits,)]
    return rows


def test_large_groups_store_the_same_postings_and_links(
    prepared: list[Prepared], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "GROUP_SECONDS", 1e9)  # groups by count only: repeatable
    monkeypatch.setattr(ingest, "GROUP_SECONDS_MAX", 1e9)
    monkeypatch.setattr(ingest, "GROUP_SHARE", 10**9)  # the old fixed groups of 32
    small = _write(tmp_path / "small.sqlite", prepared)
    monkeypatch.setattr(ingest, "GROUP_SHARE", 2)  # groups of half the stored corpus
    large = _write(tmp_path / "large.sqlite", prepared)
    assert small.pop("commits") == [(N_DOCS // 32,)]
    assert large.pop("commits")[0][0] < 12
    assert len(small["links"]) > 100, "the synthetic corpus plants reuse"
    for table in INDEX_TABLES:
        assert large[table] == small[table], table


def test_search_index_filled_per_group_matches_the_paragraphs(tmp_path: Path) -> None:
    """The writer indexes a group's paragraphs for search at its commit, not by a
    trigger a row: the index holds every paragraph, the trigger is back for other
    writers, and a group rolled back leaves both as they were."""
    files = sorted(TEXT_DIR.glob("A_RES_80_1*.txt"))[:12]
    if not files:
        pytest.skip(f"no texts at {TEXT_DIR} (expected ../shared/corpus/text)")
    with closing(open_store(tmp_path / "c.sqlite")) as store:
        ingest.add_paths(store, [str(f) for f in files[:8]])
        conn = store.conn

        def state() -> tuple[int, int, int]:
            conn.execute(
                "INSERT INTO paragraphs_fts(paragraphs_fts, rank) VALUES('integrity-check', 1)"
            )
            fts = conn.execute("SELECT count(*) FROM paragraphs_fts").fetchone()[0]
            paragraphs = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
            trigger = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'paragraphs_fts_insert'"
            ).fetchone()[0]
            return fts, paragraphs, trigger

        fts, paragraphs, trigger = state()
        assert fts == paragraphs > 0 and trigger == 1
        writer = Writer(store)
        writer.write(prepare(load(str(files[8]))))
        writer.rollback()
        assert state() == (fts, paragraphs, 1)
        ingest.add_paths(store, [str(f) for f in files[8:]])
        fts, paragraphs, trigger = state()
        assert fts == paragraphs and trigger == 1
