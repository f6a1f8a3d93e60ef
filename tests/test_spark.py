"""The reuse job on Spark computes what `corpus reindex` computes, row for row.

Issue #15, points 1-3: on the 1,202 documents of ../shared/corpus/text, the store built
by `corpus add --no-links`, `corpus export --parquet`, the Spark job (local[2]) and
`corpus import-links` holds the same links, shingle and band postings as `corpus
reindex` of the same documents, and `reuse`, `trace` and `series` answer the same;
and on 10,000 synthetic documents (benchmarks/synthetic_corpus.py) the same tables are
equal. Skips with the reason where pyspark, pyarrow, Java or the corpus is absent.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO_ROOT, TEXT_DIR
from .conftest_corpus import copy_db, run_cli

pytest.importorskip("pyarrow", reason="the Spark job needs pyarrow (pip install 'resdiff[spark]')")
pytest.importorskip("pyspark", reason="the Spark job needs pyspark (pip install 'resdiff[spark]')")
if not shutil.which("java"):
    pytest.skip("the Spark job needs Java (openjdk-17-jre-headless)", allow_module_level=True)
if str(REPO_ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from diffcore.corpus import CorpusStore, open_store
from diffcore.corpus import spark as job
from diffcore.corpus.exchange import export_parquet, import_links
from diffcore.corpus.ingest import reindex
from diffcore.corpus.query import resolve, reuse, series, trace

# `make test` runs the job on 1,000 synthetic documents (Spark's start-up and shuffles
# cost about a minute whatever the size); `make spark-check` (RESDIFF_SPARK=full, run by
# .ci/run beside the sweep) runs the full check: the 1,202 real documents end to
# end, and 10,000 synthetic documents.
FULL = os.environ.get("RESDIFF_SPARK") == "full"
SYNTHETIC_DOCS = 10_000 if FULL else 1_000
full_only = pytest.mark.skipif(not FULL, reason="the full check: make spark-check")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    with job.spark_session("local[2]") as session:
        yield session


def index_tables(store: CorpusStore) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: sorted(store.conn.execute(f"SELECT * FROM {table}"))
        for table in ("links", "shingles", "bands")
    }


@full_only
def test_real_corpus_end_to_end(
    corpus_dir: Path, full_corpus_db: Path, spark: Any, tmp_path: Path
) -> None:
    """`corpus add --no-links`, export, the job, import-links: the store `corpus reindex`
    makes, table for table, and the same answers to the queries."""
    db = tmp_path / "nolinks.sqlite"
    added = run_cli("corpus", "add", str(TEXT_DIR), "--db", str(db), "-q", "--no-links")
    assert added.returncode == 0, added.stderr
    with closing(open_store(db, create=False)) as store:
        assert store.stats()["documents"] == len(list(TEXT_DIR.glob("*.txt")))
        assert not any(index_tables(store).values())  # no postings, no links
    exported = run_cli("corpus", "export", "--parquet", str(tmp_path / "in"), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    job.reindex(spark, tmp_path / "in", tmp_path / "out")
    imported = run_cli("corpus", "import-links", str(tmp_path / "out"), "--db", str(db))
    assert imported.returncode == 0, imported.stderr

    local = copy_db(full_corpus_db, tmp_path / "local.sqlite")
    with closing(open_store(local, create=False)) as store:
        reindex(store)
    with (
        closing(open_store(db, create=False)) as ours,
        closing(open_store(local, create=False)) as theirs,
    ):
        assert ours.stats()["paragraphs"] == theirs.stats()["paragraphs"]
        mine, expected = index_tables(ours), index_tables(theirs)
        for table in expected:
            assert len(expected[table]) > 1000, table
            assert mine[table] == expected[table], table
        docs = sorted(theirs.documents().values(), key=lambda d: d.id)
        sample = [d for d in docs[:: len(docs) // 12] if d.symbol]
        for info in sample:
            symbol = f"#{info.id}"
            a, b = resolve(ours, symbol), resolve(theirs, symbol)
            assert reuse(ours, a) == reuse(theirs, b), info.label
            assert series(ours, a) == series(theirs, b), info.label
            last = a.document.paragraphs[-1].id
            assert trace(ours, a, last) == trace(theirs, b, last), info.label


def test_synthetic_corpus_same_links_row_for_row(
    corpus_dir: Path, spark: Any, tmp_path: Path
) -> None:
    """10,000 synthetic documents (1,000 in make test) with planted reuse (2 ... 40
    paragraphs, series across sessions): the job's three tables equal `corpus reindex`'s."""
    from bench_spark import build_store

    db = tmp_path / "synthetic.sqlite"
    build_store(db, SYNTHETIC_DOCS, seed=0)
    local = copy_db(db, tmp_path / "local.sqlite")
    with closing(open_store(local, create=False)) as store:
        reindex(store)
        expected = index_tables(store)
    with closing(open_store(db, create=False)) as store:
        export_parquet(store, tmp_path / "in")
        counts = job.reindex(spark, tmp_path / "in", tmp_path / "out")
        import_links(store, tmp_path / "out")
        mine = index_tables(store)
    assert counts["links"] == len(expected["links"]) > SYNTHETIC_DOCS
    for table in expected:
        assert mine[table] == expected[table], table


def test_links_of_other_documents_are_refused(corpus_dir: Path, tmp_path: Path, spark: Any) -> None:
    """import-links checks the manifest: output computed from another set of documents
    is one line and exit 2, and the store is unchanged; so are bad folders."""
    files = sorted(TEXT_DIR.glob("A_RES_79_1*.txt"))[:6]
    db, other = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert run_cli("corpus", "add", *map(str, files), "--db", str(db), "-q").returncode == 0
    assert run_cli("corpus", "add", *map(str, files[:5]), "--db", str(other), "-q").returncode == 0
    with closing(open_store(other, create=False)) as store:
        export_parquet(store, tmp_path / "in")
    job.reindex(spark, tmp_path / "in", tmp_path / "out")
    with closing(open_store(db, create=False)) as store:
        before = index_tables(store)
    result = run_cli("corpus", "import-links", str(tmp_path / "out"), "--db", str(db))
    assert result.returncode == 2
    assert result.stderr.startswith("resdiff: ") and "other documents" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with closing(open_store(db, create=False)) as store:
        assert index_tables(store) == before
    for args in (
        ("corpus", "import-links", str(tmp_path / "nowhere")),
        ("corpus", "import-links", str(tmp_path / "in")),  # an export, not the job's output
        ("corpus", "export", "--parquet", str(tmp_path / "in")),  # not empty
    ):
        result = run_cli(*args, "--db", str(db))
        assert result.returncode == 2, args
        assert result.stderr.startswith("resdiff: "), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert job.main(["reindex", str(tmp_path / "nowhere"), str(tmp_path / "x")]) == 2
    assert job.main(["reindex", str(tmp_path / "in"), str(tmp_path / "out")]) == 2
