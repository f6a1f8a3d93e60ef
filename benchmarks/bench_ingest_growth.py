"""Why ingest slows as the corpus grows (issue #15, point 5): the same documents added
to a small and a large store, with the writer's settings varied one at a time.

    .venv/bin/python benchmarks/bench_ingest_growth.py --large W/scale.sqlite [--small-n 10000]
        [--extra 2000] [--rounds 2] [--work DIR]

`--large` is a store `bench_corpus_scale.py` wrote (100,000 synthetic documents); the
small store (`--small-n` documents of the same generator) is built here. The extra
documents are the tail of one generator run past the large store's size (later series
members, like the last window of the scale benchmark), prepared once. In the large
store they meet their series' earlier members, in the small one they do not, so the
detection's own work (candidates, verification) differs too: this benchmark explains,
the scale benchmark's windows are the measure.

Each store is first copied into the current schema with its recent postings level
half way to a merge (`level_store`), as a writer that has been running finds it on
average. Each trial copies that, warms the writer's page cache with scans of the
paragraphs, search-index and postings tables and its document list (as a writer that
has been running holds them), adds the extra documents through `ingest.Writer` with no
merge, and reports the writer's CPU time, how much of it its commits took and how many
bytes it wrote (the log's frames and the checkpoints' copies); then it merges the
recent level into the main one and reports that too, spread over the documents
between two merges at that size. Trials of a round run one after the other, each in a
fresh process; rounds repeat them, so machine noise shows as the spread between rounds.

Trials (`--trials`, default `small,large`): `small` and `large` with the settings
`corpus add` uses; on the large store, `cache-1g` and `cache-3g` (the writer's page
cache at 1 and 3 GiB instead of 2), `mmap` (the file read through a memory map),
`no-checkpoint` (the log never copied into the database during the run) and
`groups-4s` (commit groups of at most 4 seconds instead of 20).
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from _common import MB, TEXT_DIR, ensure_repo_on_path, print_facts, table

ensure_repo_on_path()
import bench_spark  # noqa: E402
from synthetic_corpus import generate, load_pool  # noqa: E402

from diffcore.corpus import ingest, open_store, postings  # noqa: E402
from diffcore.corpus.ingest import Prepared, Writer, prepare  # noqa: E402

WARM_SCANS = (
    "SELECT sum(length(text)) FROM paragraphs",
    "SELECT sum(length(block)) FROM paragraphs_fts_data",
    "SELECT sum(paragraph) FROM bands",
    "SELECT sum(paragraph) FROM shingles",
)


@dataclass(frozen=True)
class Trial:
    name: str
    store: str  # "small" or "large"
    pragmas: tuple[str, ...] = ()
    group_seconds: float | None = None  # the commit group's time cap, if not the default


TRIALS = (
    Trial("small", "small"),
    Trial("large", "large"),
    Trial("cache-1g", "large", ("PRAGMA cache_size = -1048576",)),
    Trial("cache-3g", "large", ("PRAGMA cache_size = -3145728",)),
    Trial("mmap", "large", ("PRAGMA mmap_size = 68719476736",)),
    Trial("no-checkpoint", "large", ("PRAGMA wal_autocheckpoint = 0",)),
    Trial("groups-4s", "large", (), 4.0),
)


@dataclass(frozen=True)
class Result:
    cpu: float
    commit_cpu: float
    commits: int
    log_mb: float
    rss_mb: float
    merge_cpu: float  # merging the recent postings level into the main one, after the run
    merge_mb: float
    posted: int  # postings the run added to the recent level
    main_rows: int  # the main level's postings when the run began


def level_store(source: Path, work: Path) -> Path:
    """A copy of `source` in the current schema whose recent postings level is half way
    to a merge, as a writer that has been running finds it on average: the postings of
    the newest paragraphs (those written since the last merge) moved from the main
    level to the recent one. Which level holds a posting changes no answer."""
    db = work / f"{source.stem}-levels.sqlite"
    if db.exists():
        return db
    shutil.copyfile(source, db)
    with open_store(db, create=False) as store:
        conn = store.conn
        levels = dict(conn.execute("SELECT level, rows FROM postings_levels"))
        total = levels["main"] + levels["recent"]
        half = max(postings.MERGE_FLOOR, total // (postings.MERGE_SHARE + 1)) // 2
        (top, n_paragraphs) = conn.execute("SELECT MAX(id), COUNT(*) FROM paragraphs").fetchone()
        cutoff = top - int(half / (total / n_paragraphs))
        with store.transaction():
            postings.merge(conn)
            for name, column in postings.TABLES.items():
                conn.execute(
                    f"INSERT INTO {name}_recent SELECT {column}, paragraph FROM {name}_main"
                    " WHERE paragraph > ?",
                    (cutoff,),
                )
                conn.execute(f"DELETE FROM {name}_main WHERE paragraph > ?", (cutoff,))
            moved = sum(
                conn.execute(f"SELECT COUNT(*) FROM {name}_recent").fetchone()[0]
                for name in postings.TABLES
            )
            for level, rows in (("main", total - moved), ("recent", moved)):
                conn.execute("UPDATE postings_levels SET rows = ? WHERE level = ?", (rows, level))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def count_documents(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])


def build_store(db: Path, n: int) -> None:
    """The first n documents of the generator, stored as `corpus add` stores them."""
    bench_spark.build_store(db, n, links=True)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def extra_documents(after: int, count: int) -> list[Prepared]:
    """Documents after..after+count of one generator run (prepared in a worker)."""
    pool = load_pool(TEXT_DIR)
    chosen = []
    for number, item in enumerate(generate(pool, after + count, 0)):
        if number >= after:
            chosen.append(item.document)
    with ProcessPoolExecutor(max_workers=1) as workers:
        return list(workers.map(prepare, chosen, chunksize=64))


def run_trial(trial: Trial, source: Path, work: Path, items: list[Prepared]) -> Result:
    db = work / f"trial-{trial.name}.sqlite"
    for old in work.glob(db.name + "*"):
        old.unlink()
    shutil.copyfile(source, db)
    saved = ingest.GROUP_SECONDS_MAX
    # The run's merges are measured apart, below: where one would fall in 2,000
    # documents depends on where the store is in its cycle.
    floor = postings.MERGE_FLOOR
    postings.MERGE_FLOOR = 10**18
    if trial.group_seconds is not None:
        ingest.GROUP_SECONDS_MAX = trial.group_seconds
    try:
        with open_store(db, create=False) as store:
            writer = Writer(store)
            for pragma in trial.pragmas:
                store.conn.execute(pragma)
            for scan in WARM_SCANS:
                store.conn.execute(scan).fetchone()
            store.documents()  # read once a run, when the writer starts
            commit_cpu = 0.0
            commits = 0
            plain_commit: Callable[[], None] = writer.commit

            def timed_commit() -> None:
                nonlocal commit_cpu, commits
                started = time.process_time()
                plain_commit()
                commit_cpu += time.process_time() - started
                commits += 1

            writer.commit = timed_commit  # type: ignore[method-assign]
            before = dict(store.conn.execute("SELECT level, rows FROM postings_levels"))
            wrote = _written()
            started = time.process_time()
            for item in items:
                writer.write(item)
            writer.commit()
            cpu = time.process_time() - started
            log = _written() - wrote
            levels = dict(store.conn.execute("SELECT level, rows FROM postings_levels"))
            postings.MERGE_FLOOR = floor
            wrote = _written()
            started = time.process_time()
            with store.transaction() as conn:
                postings.merge(conn)
            merge_cpu = time.process_time() - started
            merge_log = _written() - wrote
    finally:
        ingest.GROUP_SECONDS_MAX = saved
        postings.MERGE_FLOOR = floor
    rss = _rss_mb()
    for old in work.glob(db.name + "*"):
        old.unlink()
    return Result(
        cpu,
        commit_cpu,
        commits,
        log / MB,
        rss,
        merge_cpu,
        merge_log / MB,
        levels["recent"] - before["recent"],
        before["main"],
    )


def _per_document(runs: list[Result], n: int) -> tuple[float, float, float, float, float]:
    """Medians in ms a document: writer CPU, of which commits; merges spread over the
    documents between two merges at this store's size (the recent level reaches
    `MERGE_SHARE`'s share of the main one, or `MERGE_FLOOR`); the documents between two
    merges; all of it."""
    cpu = 1000 * statistics.median(r.cpu for r in runs) / n
    commit = 1000 * statistics.median(r.commit_cpu for r in runs) / n
    posted = statistics.median(r.posted for r in runs) / n
    main_rows = statistics.median(r.main_rows for r in runs)
    between = max(postings.MERGE_FLOOR, main_rows / postings.MERGE_SHARE) / posted
    merge = 1000 * statistics.median(r.merge_cpu for r in runs) / between
    return cpu, commit, merge, between, cpu + merge


def _written() -> int:
    """Bytes this process has handed to write() so far: the log's frames and, at each
    checkpoint, the pages copied into the database."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("wchar:"):
            return int(line.split()[1])
    return 0


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _trial_child(args: tuple[Trial, Path, Path, Path]) -> Result:
    trial, source, work, items_path = args
    with items_path.open("rb") as fh:
        items = pickle.load(fh)
    return run_trial(trial, source, work, items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large", type=Path, required=True, help="a bench_corpus_scale store")
    parser.add_argument(
        "--large-n", type=int, default=None, help="build --large here with this many documents"
    )
    parser.add_argument("--small-n", type=int, default=10_000)
    parser.add_argument("--extra", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--work", type=Path, default=None, help="folder for the copies")
    parser.add_argument(
        "--trials",
        default="small,large,cache-1g",
        help="comma-separated, of: " + ",".join(t.name for t in TRIALS),
    )
    args = parser.parse_args()
    print_facts()
    if not args.large.is_file():
        if args.large_n is None:
            sys.exit(f"benchmark: no store at {args.large} (bench_corpus_scale.py --db writes one)")
        args.large.parent.mkdir(parents=True, exist_ok=True)
        build_store(args.large, args.large_n)
    tmp = tempfile.TemporaryDirectory()
    work = args.work or Path(tmp.name)
    work.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(args.large) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    large_n = count_documents(args.large)
    small = work / f"small-{args.small_n}.sqlite"
    if not small.exists():
        started = time.perf_counter()
        build_store(small, args.small_n)
        print(
            f"built the small store ({args.small_n:,} documents) in"
            f" {time.perf_counter() - started:.0f} s"
        )
    started = time.perf_counter()
    items = extra_documents(large_n, args.extra)
    items_path = work / "extra.pickle"
    with items_path.open("wb") as fh:
        pickle.dump(items, fh)
    print(
        f"prepared {len(items):,} documents past the first {large_n:,} in"
        f" {time.perf_counter() - started:.0f} s"
    )
    chosen = [t for t in TRIALS if t.name in args.trials.split(",")]
    if not any(t.name == "small" for t in chosen):
        sys.exit("benchmark: --trials must include small (the baseline)")
    started = time.perf_counter()
    sources = {"small": level_store(small, work), "large": level_store(args.large, work)}
    print(f"set the postings levels of both stores in {time.perf_counter() - started:.0f} s")
    results: dict[str, list[Result]] = {t.name: [] for t in chosen}
    for round_no in range(args.rounds):
        for trial in chosen:
            # Each trial in a fresh process: a page cache, heap and peak RSS of its own.
            with ProcessPoolExecutor(max_workers=1) as child:
                result = child.submit(
                    _trial_child, (trial, sources[trial.store], work, items_path)
                ).result()
            results[trial.name].append(result)
            print(
                f"  round {round_no + 1} {trial.name:>14}: CPU {result.cpu:6.2f} s,"
                f" commits {result.commits} taking {result.commit_cpu:5.2f} s,"
                f" wrote {result.log_mb:6.0f} MB, RSS {result.rss_mb:5.0f} MB;"
                f" merge {result.merge_cpu:5.2f} s, wrote {result.merge_mb:5.0f} MB",
                flush=True,
            )
    small_n = count_documents(small)
    per_doc = {name: _per_document(runs, len(items)) for name, runs in results.items()}
    base = per_doc["small"][-1]
    rows = []
    for trial in chosen:
        runs = results[trial.name]
        cpu, commit, merge, between, total = per_doc[trial.name]
        n_docs = small_n if trial.store == "small" else large_n
        rows.append(
            [
                trial.name,
                f"{n_docs:,}",
                " / ".join(f"{r.cpu:.2f}" for r in runs),
                f"{cpu:.2f}",
                f"{commit:.2f} ({runs[0].commits})",
                f"{cpu - commit:.2f}",
                f"{statistics.median(r.log_mb for r in runs):,.0f}",
                f"{statistics.median(r.merge_cpu for r in runs):.2f} s,"
                f" {statistics.median(r.merge_mb for r in runs):,.0f} MB",
                f"{between:,.0f}",
                f"{merge:.2f}",
                f"{total:.2f}",
                f"{total / base:.2f}",
            ]
        )
    print()
    print(
        table(
            [
                "trial",
                "store",
                "writer CPU a round (s)",
                "ms a document",
                "of which commits (n)",
                "the rest",
                "written (MB)",
                "one merge",
                "documents between merges",
                "merges, ms a document",
                "in all, ms a document",
                "over small",
            ],
            rows,
        )
    )
    tmp.cleanup()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
