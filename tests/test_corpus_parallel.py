"""`corpus add` of a folder of PDFs on every core: the same corpus as one process makes.

Real PDFs from ../shared/corpus/pdf: a version chain and its neighbours, so that the
parallel run has links to find as well as rows to write.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from diffcore.corpus import open_store
from diffcore.corpus.ingest import add_paths, default_workers

from .conftest import CORPUS_DIR
from .conftest_corpus import TABLES

PDF_DIR = CORPUS_DIR / "pdf"
# The whole rows of every table, ids included, and the file hashes.
DUMPED = (*TABLES, "files")


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in DUMPED}


def _smallest_pdfs(n: int) -> list[Path]:
    if not PDF_DIR.is_dir():
        pytest.skip(f"no PDFs at {PDF_DIR} (expected ../shared/corpus)")
    files = sorted(PDF_DIR.glob("*.pdf"), key=lambda f: (f.stat().st_size, f.name))[:n]
    if len(files) < n:
        pytest.skip(f"fewer than {n} PDFs at {PDF_DIR}")
    return sorted(files)


def test_a_folder_of_pdfs_gets_a_reader_on_every_core() -> None:
    pdfs = [f"A_RES_80_{k}.pdf" for k in range(20)]
    texts = [f"A_RES_80_{k}.txt" for k in range(20)]
    assert default_workers(pdfs, 2) == 3  # two readers and the writer
    assert default_workers(pdfs, 4) == 5
    assert default_workers(texts, 2) == 2  # the writer is the slower side: one reader
    assert default_workers(texts, 8) == 3
    assert default_workers(pdfs[:5], 2) == 1  # too few to pay for the processes
    assert default_workers(pdfs, 1) == 1


def test_parallel_add_of_pdfs_equals_the_serial_one(tmp_path: Path) -> None:
    files = [str(f) for f in _smallest_pdfs(18)]
    outcomes = {}
    for workers in (1, 3):
        db = tmp_path / f"w{workers}.sqlite"
        with open_store(db) as store:
            results = add_paths(store, files, workers=workers)
        outcomes[workers] = [(r.path, r.status, r.error) for r in results]
        with closing(sqlite3.connect(db)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert outcomes[1] == outcomes[3]
    assert sum(status == "added" for _, status, _ in outcomes[1]) >= 10
    serial, parallel = _dump(tmp_path / "w1.sqlite"), _dump(tmp_path / "w3.sqlite")
    assert serial["links"], "the sample should hold reused paragraphs"
    for table in DUMPED:
        assert parallel[table] == serial[table], table
