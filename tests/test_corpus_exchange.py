"""`corpus add --no-links`, `corpus export --parquet` and `corpus import-links`, without
Spark (tests/test_spark.py runs the job itself): a store without links reindexes to the
store `corpus add` makes; the export holds every paragraph with its words and keys; and
links computed elsewhere, loaded with `import-links`, make the store equal to it.
Skips with the reason where pyarrow or the corpus is absent.
"""

from __future__ import annotations

import json
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO_ROOT, TEXT_DIR
from .conftest_corpus import run_cli

pa = pytest.importorskip("pyarrow", reason="export needs pyarrow ('resdiff[spark]')")
import pyarrow.parquet as pq  # noqa: E402

from diffcore.corpus import CorpusStore, open_store  # noqa: E402
from diffcore.corpus.exchange import (  # noqa: E402
    EXPORT_TABLES,
    LINK_TABLES,
    MANIFEST,
    export_parquet,
)
from diffcore.corpus.ingest import reindex  # noqa: E402
from diffcore.corpus.shingles import paragraph_keys  # noqa: E402


def index_tables(store: CorpusStore) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sorted(store.conn.execute(f"SELECT * FROM {t}")) for t in LINK_TABLES}


@pytest.fixture()
def files(corpus_dir: Path) -> list[str]:
    return [str(p) for p in sorted(TEXT_DIR.glob("A_RES_79_1*.txt"))[:12]]


def test_no_links_then_reindex_is_corpus_add(files: list[str], tmp_path: Path) -> None:
    with_links, without = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert run_cli("corpus", "add", *files, "--db", str(with_links), "-q").returncode == 0
    result = run_cli("corpus", "add", *files, "--db", str(without), "-q", "--no-links")
    assert result.returncode == 0, result.stderr
    with (
        closing(open_store(with_links, create=False)) as a,
        closing(open_store(without, create=False)) as b,
    ):
        expected = index_tables(a)
        assert all(expected.values())
        assert not any(index_tables(b).values())
        assert sorted(a.conn.execute("SELECT * FROM paragraphs")) == sorted(
            b.conn.execute("SELECT * FROM paragraphs")
        )
        reindex(b)
        assert index_tables(b) == expected


def test_export_then_import_of_links_computed_elsewhere(files: list[str], tmp_path: Path) -> None:
    """The export has every paragraph, its words as codes, and the keys of the distinct
    ones; tables written elsewhere in the job's output layout load as they were."""
    reference, target = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert run_cli("corpus", "add", *files, "--db", str(reference), "-q").returncode == 0
    assert run_cli("corpus", "add", *files, "--db", str(target), "-q", "--no-links").returncode == 0
    out = tmp_path / "export"
    result = run_cli("corpus", "export", "--parquet", str(out), "--db", str(target))
    assert result.returncode == 0, result.stderr
    paragraphs = pq.read_table(out / "paragraphs").to_pylist()
    fingerprints = pq.read_table(out / "fingerprints").to_pylist()
    with closing(open_store(target, create=False)) as store:
        rows = store.conn.execute("SELECT id, document, text, text_hash FROM paragraphs")
        stored = {pid: (doc, text, th) for pid, doc, text, th in rows}
        languages = {d.id: d.language for d in store.documents().values()}
    assert sorted(p["id"] for p in paragraphs) == sorted(stored)
    for p in paragraphs:
        doc, text, text_hash = stored[p["id"]]
        assert (p["document"], p["text"], p["text_hash"]) == (doc, text, text_hash)
        assert (p["codes"] is None) == (text_hash is None)
        if p["codes"] is not None:
            assert len(p["codes"]) == p["n_words"]
    held: dict[int, set[int]] = {}
    for row in fingerprints:
        held.setdefault(row["paragraph"], set()).add(row["fp"])
    for p in paragraphs[:300]:
        key = paragraph_keys(p["text"], languages[p["document"]])
        if p["distinct"]:
            assert key is not None and held[p["id"]] == set(key.fingerprints)
        else:
            assert p["id"] not in held

    # Links "computed elsewhere": the reference store's tables, in the job's layout.
    job = tmp_path / "job"
    with closing(open_store(reference, create=False)) as store:
        tables = index_tables(store)
    for name, columns in LINK_TABLES.items():
        (job / name).mkdir(parents=True)
        data = {c: [row[i] for row in tables[name]] for i, c in enumerate(columns)}
        pq.write_table(pa.table(data), job / name / "part-0.parquet")
    (job / MANIFEST).write_text((out / MANIFEST).read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("corpus", "import-links", str(job), "--db", str(target))
    assert result.returncode == 0, result.stderr
    with closing(open_store(target, create=False)) as store:
        assert index_tables(store) == tables
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["paragraphs"] == len(paragraphs)


def test_export_from_prepared_keys_is_the_store_export(corpus_dir: Path, tmp_path: Path) -> None:
    """The export written as documents are stored, from their prepared keys (how
    tests/test_spark.py exports its 10,000 synthetic documents), is the export of the
    finished store, row for row."""
    if str(REPO_ROOT / "benchmarks") not in sys.path:
        sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from bench_spark import build_store

    db, streamed, exported = tmp_path / "a.sqlite", tmp_path / "streamed", tmp_path / "exported"
    build_store(db, 120, links=True, export=streamed)
    with closing(open_store(db, create=False)) as store:
        assert store.stats()["documents"] == 120
        export_parquet(store, exported)
    for name in EXPORT_TABLES:
        ours, theirs = pq.read_table(streamed / name), pq.read_table(exported / name)
        assert ours.num_rows > 100 and ours.equals(theirs), name
    assert (streamed / MANIFEST).read_text() == (exported / MANIFEST).read_text()
