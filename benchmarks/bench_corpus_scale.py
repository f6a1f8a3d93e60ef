"""Corpus store at scale: N synthetic documents with known reuse (default N = 100,000).

    .venv/bin/python benchmarks/bench_corpus_scale.py [--n 100000] [--sample 1000] [--db F]

Documents come from `synthetic_corpus.generate` (real paragraphs, series across
sessions, planted verbatim / near-verbatim / partial reuse; see that module). They are
ingested through the same code as `resdiff corpus add` (`ingest.prepare` in a worker
process, `ingest.Writer` here: detection, index and links in groups of whole
documents), without the file reading and parsing, which the real-corpus benchmark
measures.

Then `reuse` runs on --sample documents spread evenly over the corpus (later series
members, which have planted reuse): its latency (p50 / p95, warm, in process) and its
recall against the ground truth: a planted link counts as found when the paragraph's
reported precedents include the source document (and, separately, when the reported kind
is the planted one). Peak memory is the largest resident set of this process and of its
worker.

Targets (issue "language reuse"): `reuse` p95 <= 300 ms; peak memory <= 4 GB; recall >=
0.95. Ingest time is reported, and (issue #15, point 5) the last --every documents take
at most 1.5x the time of the first --every.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from _common import MB, TEXT_DIR, ensure_repo_on_path, print_facts, table

ensure_repo_on_path()
from synthetic_corpus import TruthLink, generate, load_pool  # noqa: E402

from diffcore.corpus import open_store  # noqa: E402
from diffcore.corpus.ingest import Prepared, Writer, prepare  # noqa: E402
from diffcore.corpus.query import resolve, reuse  # noqa: E402

TARGET_P95_MS = 300.0
TARGET_PEAK_GB = 4.0
TARGET_RECALL = 0.95
TARGET_SLOWDOWN = 1.5  # issue #15, point 5: the last window's time over the first's
IN_FLIGHT = 64


def rss_mb() -> tuple[float, float]:
    """Peak resident set of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def ingest(
    db: Path, n: int, seed: int, sample_every: int, report_every: int = 10_000
) -> tuple[float, dict[str, list[TruthLink]], list[float]]:
    """Seconds in all, the planted links of the sampled documents, seconds of each window."""
    pool = load_pool(TEXT_DIR)
    store = open_store(db)
    writer = Writer(store)
    sampled: dict[str, list[TruthLink]] = {}
    start = time.perf_counter()
    window = start  # when the last report was printed: the rate of each window of documents
    window_cpu = time.process_time()  # this process's CPU time then (the writer's side)
    done = 0
    windows: list[float] = []
    pending: deque[Future[Prepared]] = deque()
    with ProcessPoolExecutor(max_workers=1) as workers:

        def drain(limit: int) -> None:
            nonlocal done, window, window_cpu
            while len(pending) > limit:
                writer.write(pending.popleft().result())
                done += 1
                if done % report_every == 0:
                    now = time.perf_counter()
                    elapsed = now - start
                    own, _ = rss_mb()
                    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
                    print(
                        f"  {done:>7,} documents  {elapsed:7.1f} s  {done / elapsed:6.0f} docs/s"
                        f"  last {report_every:,}: {now - window:6.1f} s"
                        f" {report_every / (now - window):5.0f} docs/s"
                        f" (writer CPU {time.process_time() - window_cpu:6.1f} s)"
                        f"  database {size / MB:8.1f} MB  rss {own:6.0f} MB",
                        flush=True,
                    )
                    windows.append(now - window)
                    window, window_cpu = now, time.process_time()

        for number, item in enumerate(generate(pool, n, seed)):
            if number % sample_every == sample_every - 1 and item.truth:
                sampled[item.document.metadata.symbol or ""] = list(item.truth)
            pending.append(workers.submit(prepare, item.document))
            drain(IN_FLIGHT)
        drain(0)
        writer.commit()
    elapsed = time.perf_counter() - start
    if windows and done % report_every == 0:
        windows[-1] += time.perf_counter() - window  # the last group's commit is its window's
    store.close()
    return elapsed, sampled, windows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, default=1000, help="documents queried")
    parser.add_argument("--db", type=Path, default=None, help="keep the database here")
    parser.add_argument("--every", type=int, default=10_000, help="report every N documents")
    args = parser.parse_args()
    if not TEXT_DIR.is_dir():
        sys.exit(f"benchmark: corpus not found at {TEXT_DIR}")
    print_facts()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "scale.sqlite"
    if db.exists():
        sys.exit(f"benchmark: {db} exists; give a new path")
    print(f"ingesting {args.n:,} synthetic documents into {db}")
    ingest_s, sampled, windows = ingest(
        db, args.n, args.seed, max(1, args.n // args.sample), args.every
    )
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))

    latencies: list[float] = []
    kinds: Counter[str] = Counter()
    found_doc: Counter[str] = Counter()
    found_kind: Counter[str] = Counter()
    with open_store(db, create=False) as store:
        counts = store.stats()
        for symbol, truth in sampled.items():
            target = resolve(store, symbol)
            started = time.perf_counter()
            report = reuse(store, target)
            latencies.append(time.perf_counter() - started)
            by_id = {p.paragraph.id: p for p in report.paragraphs}
            for link in truth:
                kinds[link.kind] += 1
                entry = by_id.get(link.paragraph_id)
                if entry is None:
                    continue
                hits = [p for p in entry.precedents if p.document.symbol == link.source_symbol]
                if hits:
                    found_doc[link.kind] += 1
                    if any(p.kind == link.kind for p in hits):
                        found_kind[link.kind] += 1
    own, child = rss_mb()
    total = sum(kinds.values())
    recall = sum(found_doc.values()) / total if total else 0.0
    p50 = statistics.median(latencies) * 1000
    p95 = sorted(latencies)[int(0.95 * (len(latencies) - 1))] * 1000
    peak_gb = max(own, child) / 1024
    print()
    rows = [
        [
            "documents ingested",
            f"{counts['documents']:,} ({counts['paragraphs']:,} paragraphs)",
            "",
        ],
        [
            "ingest time",
            f"{ingest_s / 60:.1f} min ({counts['documents'] / ingest_s:.0f} docs/s)",
            "",
        ],
        ["database", f"{size / MB:,.0f} MB", ""],
        [
            f"reuse p50 / p95 ({len(latencies)} documents)",
            f"{p50:.0f} / {p95:.0f} ms",
            f"p95 <= {TARGET_P95_MS:.0f} ms",
        ],
        [
            "peak memory (this process / worker)",
            f"{own:,.0f} / {child:,.0f} MB",
            f"<= {TARGET_PEAK_GB:.0f} GB",
        ],
        [f"recall, source found ({total:,} planted links)", f"{recall:.4f}", f">= {TARGET_RECALL}"],
    ]
    for kind in ("verbatim", "near-verbatim", "partial"):
        if kinds[kind]:
            share = found_doc[kind] / kinds[kind]
            same = found_kind[kind] / kinds[kind]
            rows.append([f"  {kind} ({kinds[kind]:,})", f"{share:.4f} (same kind {same:.4f})", ""])
    print(table(["measure", "value", "target"], rows))
    print()
    print(f"- rows: {', '.join(f'{k} {v:,}' for k, v in counts.items() if k != 'bytes')}")
    slowdown = windows[-1] / windows[0] if len(windows) >= 2 else 1.0
    if len(windows) >= 2:
        print(
            f"- last {args.every:,} documents / first {args.every:,}: {windows[-1]:.1f} s /"
            f" {windows[0]:.1f} s = {slowdown:.2f} (target <= {TARGET_SLOWDOWN})"
        )
    ok = (
        slowdown <= TARGET_SLOWDOWN
        and p95 <= TARGET_P95_MS
        and peak_gb <= TARGET_PEAK_GB
        and recall >= TARGET_RECALL
    )
    print(f"- **Targets: {'met' if ok else 'NOT met'}.**")
    tmp.cleanup()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
