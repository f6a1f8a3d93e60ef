"""Agreed-language search speed: the real corpus, and 100,000 synthetic documents.

    .venv/bin/python benchmarks/bench_search.py [--real-db F] [--scale-db F] [--n 100000]
        [--phrases 200] [--seed 14] [--skip-real] [--skip-scale]

Real: the store of every text of ../shared/corpus/text (`resdiff corpus add`, built into
a temporary directory unless --real-db names one). Scale: --n documents from
`synthetic_corpus.generate` (default 100,000), stored with `CorpusStore.insert_document`
(paragraphs, so the FTS5 index by its triggers) but without reuse detection or its
index, which search does not read; built once into --scale-db (or a temporary file)
and reused when it exists.

For each store, --phrases phrases of 3-12 words are sampled (seeded) from its own
paragraphs as in search_quality.py, and each is searched once warm, in process, with
the command line's default limit (20 hits a tier); with --cross the real-corpus phrases
are also run against the scale store (formulas such as "the efforts of the" have
hundreds of thousands of hits there). Targets (issue #14, point 1): median <= 50 ms on the real
corpus, p95 <= 300 ms at 100,000 documents.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import MB, TEXT_DIR, ensure_repo_on_path, print_facts, table

ensure_repo_on_path()
from search_quality import build_store, sample_phrases  # noqa: E402
from synthetic_corpus import generate, load_pool  # noqa: E402

from diffcore.corpus import CorpusStore, open_store  # noqa: E402
from diffcore.corpus.search import search  # noqa: E402
from diffcore.corpus.search_results import SearchQuery  # noqa: E402

TARGET_REAL_MEDIAN_MS = 50.0
# `reuse` of one resolution in process, median, quiet machine (bench_corpus.py, BENCHMARKS.md):
# timed alongside, it says how much a loaded machine inflates this run's figures.
REUSE_QUIET_MS = 16.4
TARGET_SCALE_P95_MS = 300.0
BATCH = 500
HEADERS = ["store", "phrases", "median ms", "p95 ms", "max ms"]


def build_scale(db: Path, n: int, seed: int) -> float:
    """`n` synthetic documents, paragraphs only (no reuse detection), in batches."""
    pool = load_pool(TEXT_DIR)
    started = time.perf_counter()
    with open_store(db) as store:
        conn = store.conn
        conn.execute("BEGIN IMMEDIATE")
        for number, item in enumerate(generate(pool, n, seed), 1):
            doc = item.document
            digest = hashlib.sha256(repr(doc).encode("utf-8")).hexdigest()
            store.insert_document(conn, doc, [None] * len(doc.paragraphs), digest, ())
            if number % BATCH == 0:
                conn.execute("COMMIT")
                conn.execute("BEGIN IMMEDIATE")
            if number % 10_000 == 0:
                elapsed = time.perf_counter() - started
                print(f"  {number:>7,} documents  {elapsed:7.1f} s", flush=True)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - started


def timings(store: CorpusStore, phrases: list[str]) -> list[float]:
    search(store, SearchQuery("warm up"))
    out = []
    for phrase in phrases:
        started = time.perf_counter()
        search(store, SearchQuery(phrase))
        out.append((time.perf_counter() - started) * 1000)
    return out


def yardstick(store: CorpusStore, count: int = 20) -> float:
    """`reuse` median over `count` evenly spaced session-80 resolutions (3 calls each)."""
    from diffcore.corpus.query import resolve, reuse

    symbols = sorted(
        d.symbol
        for d in store.documents().values()
        if d.symbol and d.symbol.startswith("A/RES/80/")
    )
    picked = symbols[:: max(1, len(symbols) // count)][:count]
    medians = []
    for symbol in picked:
        target = resolve(store, symbol)
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            reuse(store, target)
            runs.append((time.perf_counter() - started) * 1000)
        medians.append(statistics.median(runs))
    return statistics.median(medians)


def row(name: str, ms: list[float]) -> list[str]:
    ordered = sorted(ms)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return [name, str(len(ms)), f"{statistics.median(ms):.1f}", f"{p95:.1f}", f"{ordered[-1]:.1f}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--real-db", type=Path, default=None)
    parser.add_argument("--scale-db", type=Path, default=None)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--phrases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument(
        "--cross", action="store_true", help="also run the real-corpus phrases at scale"
    )
    parser.add_argument("--build-only", action="store_true", help="build the stores and stop")
    args = parser.parse_args()
    if not TEXT_DIR.is_dir():
        sys.exit(f"benchmark: corpus not found at {TEXT_DIR}")
    print_facts()
    tmp = tempfile.TemporaryDirectory()
    rows = []
    real_phrases: list[str] = []
    if not args.skip_real:
        db = args.real_db or Path(tmp.name) / "corpus.sqlite"
        if not db.exists():
            build_store(db)
        if args.build_only:
            return
        with open_store(db, create=False) as store:
            real_phrases = sample_phrases(store, args.phrases, args.seed)
            before = yardstick(store)
            ms = timings(store, real_phrases)
            after = yardstick(store)
            rows.append(row(f"real corpus ({store.stats()['documents']:,} documents)", ms))
            print(table(HEADERS, rows[-1:]), flush=True)
            print(
                f"yardstick: reuse median {before:.1f} ms before, {after:.1f} ms after"
                f" (quiet machine: {REUSE_QUIET_MS} ms)"
            )
    if not args.skip_scale:
        db = args.scale_db or Path(tmp.name) / "scale.sqlite"
        if not db.exists():
            print(f"building {db}: {args.n:,} synthetic documents, paragraphs and FTS only")
            built = build_scale(db, args.n, args.seed)
            size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
            print(f"built in {built:.0f} s, {size / MB:,.0f} MB")
        if args.build_only:
            return
        with open_store(db, create=False) as store:
            counts = store.stats()
            label = f"{counts['documents']:,} synthetic documents"
            print(f"scale store: {label}, {counts['paragraphs']:,} paragraphs")
            ms = timings(store, sample_phrases(store, args.phrases, args.seed))
            rows.append(row(f"{label}, its own phrases", ms))
            print(table(HEADERS, rows[-1:]), flush=True)
            if real_phrases and args.cross:
                rows.append(row(f"{label}, real-corpus phrases", timings(store, real_phrases)))
    print(table(HEADERS, rows))
    print(
        f"targets: median <= {TARGET_REAL_MEDIAN_MS:.0f} ms on the real corpus,"
        f" p95 <= {TARGET_SCALE_P95_MS:.0f} ms at 100,000 documents"
    )


if __name__ == "__main__":
    main()
