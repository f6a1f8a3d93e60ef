"""The corpus reuse job on Spark (issue #15, points 1-4): N synthetic documents end to end.

    .venv/bin/python benchmarks/bench_spark.py [--n 100000] [--prefixes 25000,50000]
        [--master local[2]] [--sqlite] [--keep DIR]

Stages, each timed, with the peak resident memory of the process tree (this process,
the Spark JVM, its Python workers) sampled every 0.2 s:

1. store: `synthetic_corpus.generate` documents stored as `corpus add --no-links`
   stores them (`ingest.prepare` in a worker process, `ingest.Writer` without links);
2. export: `corpus export --parquet`;
3. job: `resdiff-spark reindex` in this process's Spark session (its stages:
   candidates, verify, postings), also on the first 25,000 and 50,000 documents of the
   export (a prefix of the corpus is a corpus: sources precede their reusers);
4. import: `corpus import-links`.

With --sqlite, `corpus reindex` of the same store too (what the job replaces), and the
links compared row for row. With --db F, the store is F, built beforehand by the SQLite
ingest with links (`bench_corpus_scale.py --n N --db F`, the single-machine path on the
same corpus): stage 1 is skipped and the imported links are compared row for row with
the links that ingest wrote (ingest writes what `corpus reindex` writes).
Timings on a shared machine are noisy: compare runs made side by side on a quiet one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, closing
from multiprocessing import get_context
from pathlib import Path

from _common import MB, TEXT_DIR, ensure_repo_on_path, print_facts, table

ensure_repo_on_path()
from synthetic_corpus import generate, load_pool  # noqa: E402

from diffcore.corpus import open_store  # noqa: E402
from diffcore.corpus.exchange import ParquetExport  # noqa: E402
from diffcore.corpus.ingest import Prepared, Writer, prepare  # noqa: E402

IN_FLIGHT = 64


class PeakMemory:
    """Largest summed resident set of this process and all its descendants."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree_rss(self) -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        mine, total, queue = {os.getpid()}, 0, [os.getpid()]
        while queue:
            pid = queue.pop()
            total += rss.get(pid, 0)
            for child, parent in parents.items():
                if parent == pid and child not in mine:
                    mine.add(child)
                    queue.append(child)
        return total

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, self._tree_rss())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def build_store(
    db: Path, n: int, seed: int = 0, links: bool = False, export: Path | None = None
) -> float:
    """N synthetic documents stored as `corpus add --no-links` stores them (with `links`,
    as `corpus add` does); seconds. With `export`, also what `corpus export --parquet`
    writes of the store, from the prepared documents' keys as each is stored (the keys
    are not computed a second time)."""
    pool = load_pool(TEXT_DIR)
    started = time.perf_counter()
    with closing(open_store(db)) as store, ExitStack() as stack:
        writer = Writer(store, links=links)
        parquet = stack.enter_context(ParquetExport(export)) if export else None

        def write(item: Prepared) -> None:
            status, info = writer.write(item)
            if parquet is not None and status != "unchanged":
                rows = store.conn.execute(
                    "SELECT id, seq, text FROM paragraphs WHERE document=? ORDER BY seq",
                    (info.id,),
                ).fetchall()
                parquet.document(info)
                parquet.paragraphs(info.id, info.language, rows, item.keys, item.probes)

        pending: deque[Future[Prepared]] = deque()
        with ProcessPoolExecutor(max_workers=1) as workers:
            for item in generate(pool, n, seed):
                pending.append(workers.submit(prepare, item.document, links=links))
                while len(pending) > IN_FLIGHT:
                    write(pending.popleft().result())
            while pending:
                write(pending.popleft().result())
        writer.commit()
        if parquet is not None:
            parquet.finish(store)
    return time.perf_counter() - started


def prefix_export(src: Path, dst: Path, documents: int) -> None:
    """The export of the first `documents` documents (by id), from a whole export."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from diffcore.corpus.exchange import EXPORT_TABLES, MANIFEST

    dst.mkdir(parents=True)
    shutil.copy(src / MANIFEST, dst / MANIFEST)
    ids = pq.read_table(src / "documents", columns=["id"]).column("id")
    last = sorted(ids.to_pylist())[documents - 1]
    for name in EXPORT_TABLES:
        column = "id" if name == "documents" else "document"
        data = pq.read_table(src / name)
        (dst / name).mkdir()
        pq.write_table(
            data.filter(pc.less_equal(data.column(column), last)), dst / name / "part-0.parquet"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--prefixes", default="25000,50000", help="job-only runs (documents)")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--sqlite", action="store_true", help="also `corpus reindex`")
    parser.add_argument("--keep", type=Path, default=None, help="work folder to keep")
    parser.add_argument("--db", type=Path, default=None, help="a store ingested with links")
    args = parser.parse_args()
    if not TEXT_DIR.is_dir():
        sys.exit(f"benchmark: corpus not found at {TEXT_DIR}")
    from diffcore.corpus.exchange import export_parquet, import_links
    from diffcore.corpus.ingest import reindex
    from diffcore.corpus.spark import reindex as spark_reindex
    from diffcore.corpus.spark import spark_session

    print_facts()
    tmp = tempfile.TemporaryDirectory()
    work = args.keep or Path(tmp.name)
    work.mkdir(parents=True, exist_ok=True)
    db = args.db or work / "corpus.sqlite"
    if args.db and not args.db.exists():
        sys.exit(f"benchmark: {args.db} not found")
    rows: list[list[str]] = []

    def stage(name: str, seconds: float, peak: int, note: str = "") -> None:
        rows.append([name, f"{seconds:,.1f} s", f"{peak / MB:,.0f} MB", note])
        print(f"  {name}: {seconds:,.1f} s, peak {peak / MB:,.0f} MB {note}", flush=True)

    if not db.exists():
        with PeakMemory() as mem:
            seconds = build_store(db, args.n, args.seed)
        stage(f"store {args.n:,} documents, no links", seconds, mem.peak)
    export = work / "export"
    if not export.exists():
        with PeakMemory() as mem, closing(open_store(db, create=False)) as store:
            started = time.perf_counter()
            counts = export_parquet(store, export)
            seconds = time.perf_counter() - started
        size = sum(f.stat().st_size for f in export.rglob("*") if f.is_file())
        note = f"{counts['paragraphs']:,} paragraphs, {size / MB:,.0f} MB Parquet"
        stage("export --parquet", seconds, mem.peak, note)
    prefixes = [int(x) for x in args.prefixes.split(",") if x and int(x) < args.n]
    out = work / "links"
    shutil.rmtree(out, ignore_errors=True)
    with spark_session(args.master) as spark:
        for size in [*prefixes, args.n]:
            src = export
            if size != args.n:
                src = work / f"export-{size}"
                shutil.rmtree(src, ignore_errors=True)
                # In a child process, so that its Arrow buffers are not counted as the job's.
                with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
                    pool.submit(prefix_export, export, src, size).result()
            target = out if size == args.n else work / f"links-{size}"
            shutil.rmtree(target, ignore_errors=True)
            timings: dict[str, float] = {}
            with PeakMemory() as mem:
                started = time.perf_counter()
                counts = spark_reindex(spark, src, target, timings)
                seconds = time.perf_counter() - started
            parts = ", ".join(f"{k} {v:,.1f} s" for k, v in timings.items())
            note = f"{parts}; {counts['candidates']:,} pairs, {counts['links']:,} links"
            stage(f"job, {size:,} documents ({args.master})", seconds, mem.peak, note)
    ingested: list[tuple[object, ...]] = []
    if args.db:
        with closing(sqlite3.connect(db)) as conn:
            ingested = sorted(conn.execute("SELECT * FROM links"))
    with PeakMemory() as mem, closing(open_store(db, create=False)) as store:
        started = time.perf_counter()
        imported = import_links(store, out)
        seconds = time.perf_counter() - started
    note = f"{imported['links']:,} links"
    if args.db:
        with closing(sqlite3.connect(db)) as conn:
            same = sorted(conn.execute("SELECT * FROM links")) == ingested
        note += f"; equal to the SQLite ingest's {len(ingested):,}: {same}"
    stage("import-links", seconds, mem.peak, note)
    if args.sqlite:
        copy = work / "sqlite-reindex.sqlite"
        with closing(sqlite3.connect(db)) as source, closing(sqlite3.connect(copy)) as target:
            source.backup(target)
        with PeakMemory() as mem, closing(open_store(copy, create=False)) as store:
            started = time.perf_counter()
            reindex(store)
            seconds = time.perf_counter() - started
            theirs = sorted(store.conn.execute("SELECT * FROM links"))
        with closing(open_store(db, create=False)) as store:
            same = sorted(store.conn.execute("SELECT * FROM links")) == theirs
        stage("SQLite corpus reindex (same store)", seconds, mem.peak, f"links equal: {same}")
    print()
    print(table(["stage", "time", "peak memory (process tree)", "notes"], rows))
    tmp.cleanup()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
