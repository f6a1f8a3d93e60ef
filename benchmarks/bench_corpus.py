"""Corpus store on the real corpus: ingest time, database size, `reuse` latency.

    .venv/bin/python benchmarks/bench_corpus.py [--runs 3] [--queries 60] [--keep DB]

Each run ingests all 1,202 text layers of ../shared/corpus/text into a new database in
a temporary folder with `resdiff corpus add` (a fresh process, as a user runs it; wall
clock includes start-up), then checkpoints the write-ahead log and measures the file
against the raw bytes of the texts. The median run is reported.

`reuse` latency is measured two ways on the last database, for evenly spaced
session-80 resolutions (--queries of them): in one process, the library call
`reuse(store, resolve(store, symbol))` that the command makes, warm (the median of 5
calls per document, then the median over documents); and end to end, `resdiff reuse
SYMBOL --format json` as a fresh process, which adds interpreter and import start-up.

Targets (issue "language reuse"): ingest <= 20 s on this 2-core machine; database <= 3x
the raw text; `reuse` of one resolution <= 100 ms median.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import MB, REPO_ROOT, ensure_repo_on_path, print_facts, require_corpus, table

TARGET_INGEST_S = 20.0
TARGET_SIZE_RATIO = 3.0
TARGET_REUSE_MS = 100.0


def resdiff() -> list[str]:
    exe = Path(sys.executable).with_name("resdiff")
    return [str(exe)] if exe.exists() else [sys.executable, str(REPO_ROOT / "cli.py")]


def ingest(db: Path, text_dir: Path) -> float:
    start = time.perf_counter()
    subprocess.run([*resdiff(), "corpus", "add", str(text_dir), "--db", str(db), "-q"], check=True)
    return time.perf_counter() - start


def db_bytes(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--keep", type=Path, default=None, help="Copy the last database here.")
    args = parser.parse_args()
    files = require_corpus()
    ensure_repo_on_path()
    raw = sum(f.stat().st_size for f in files)
    print_facts()
    times, sizes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            db = Path(tmp) / f"run{run}.sqlite"
            times.append(ingest(db, files[0].parent))
            sizes.append(db_bytes(db))
            print(f"run {run + 1}: ingest {times[-1]:.1f} s, database {sizes[-1] / MB:.1f} MB")
        db = Path(tmp) / f"run{args.runs - 1}.sqlite"
        if args.keep:
            shutil.copy(db, args.keep)
        from diffcore.corpus import open_store
        from diffcore.corpus.query import resolve, reuse

        with open_store(db, create=False) as store:
            counts = store.stats()
            symbols = sorted(
                (
                    d.symbol
                    for d in store.documents().values()
                    if d.symbol and d.symbol.startswith("A/RES/80/")
                ),
                key=lambda s: int(s.rsplit("/", 1)[1]),
            )
            step = max(1, len(symbols) // args.queries)
            chosen = symbols[::step][: args.queries]
            warm, sizes_p = [], []
            for symbol in chosen:
                target = resolve(store, symbol)
                sizes_p.append(len(target.document.paragraphs))
                samples = []
                for _ in range(5):
                    start = time.perf_counter()
                    reuse(store, resolve(store, symbol))
                    samples.append(time.perf_counter() - start)
                warm.append(statistics.median(samples))
        cold = []
        for symbol in chosen[:: max(1, len(chosen) // 15)]:
            start = time.perf_counter()
            subprocess.run(
                [*resdiff(), "reuse", symbol, "--db", str(db), "--format", "json"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            cold.append(time.perf_counter() - start)
    ingest_s = statistics.median(times)
    size = statistics.median(sizes)
    print()
    print(
        table(
            ["measure", "value", "target"],
            [
                [
                    "ingest, 1,202 texts (median of runs)",
                    f"{ingest_s:.1f} s",
                    f"<= {TARGET_INGEST_S:.0f} s",
                ],
                [
                    "database / raw text",
                    f"{size / MB:.1f} MB / {raw / MB:.1f} MB = {size / raw:.2f}x",
                    f"<= {TARGET_SIZE_RATIO:.0f}x",
                ],
                [
                    f"reuse, in process, median of {len(warm)} resolutions",
                    f"{statistics.median(warm) * 1000:.1f} ms",
                    f"<= {TARGET_REUSE_MS:.0f} ms",
                ],
                [
                    "reuse, in process, p95",
                    f"{sorted(warm)[int(0.95 * (len(warm) - 1))] * 1000:.1f} ms",
                    "",
                ],
                [
                    f"resdiff reuse as a new process, median of {len(cold)}",
                    f"{statistics.median(cold) * 1000:.0f} ms",
                    "",
                ],
            ],
        )
    )
    print()
    print(f"- runs: {', '.join(f'{t:.1f} s' for t in times)}")
    print(f"- rows: {', '.join(f'{k} {v:,}' for k, v in counts.items() if k != 'bytes')}")
    mean_paragraphs = statistics.mean(sizes_p)
    print(f"- resolutions queried: {len(chosen)}, {mean_paragraphs:.0f} paragraphs on average")
    ok = (
        ingest_s <= TARGET_INGEST_S
        and size / raw <= TARGET_SIZE_RATIO
        and statistics.median(warm) * 1000 <= TARGET_REUSE_MS
    )
    print(f"- **Targets: {'met' if ok else 'NOT met'}.**")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
