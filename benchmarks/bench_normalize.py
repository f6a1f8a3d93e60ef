"""Normalizer throughput: every text layer of the corpus, in one process, on one core.

    .venv/bin/python benchmarks/bench_normalize.py [--passes 3] [--cpu N] [--json F] [--check]

Each pass calls `diffcore.load(path)` (read from disk, decode, detect the format,
normalize) on all 1,202 files of ../shared/corpus/text in sorted order. The process is
pinned to one CPU (os.sched_setaffinity) where the platform allows it. A pass is timed
as a whole (wall clock, perf_counter) and each document on its own; the table gives the
best and the median pass. The five slowest documents are ranked by their best time over
the passes, so one unlucky scheduling hiccup does not put a document on the list.

Target (issue "foundation"): >= 200 documents per second.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import (
    MB,
    ensure_repo_on_path,
    median,
    print_facts,
    require_corpus,
    table,
)

TARGET_DOCS_PER_S = 200.0


def pin(cpu: int | None) -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (os.sched_setaffinity unavailable)"
    allowed = sorted(os.sched_getaffinity(0))
    chosen = cpu if cpu is not None else allowed[-1]
    if chosen not in allowed:
        sys.exit(f"bench_normalize: CPU {chosen} not in the allowed set {allowed}")
    os.sched_setaffinity(0, {chosen})
    return f"pinned to CPU {chosen} (of {allowed})"


def one_pass(
    files: list[Path], load: Callable[[str], Any]
) -> tuple[float, list[tuple[str, float, int, int]]]:
    per_doc: list[tuple[str, float, int, int]] = []
    clock = time.perf_counter
    start = clock()
    for path in files:
        t0 = clock()
        doc = load(str(path))
        t1 = clock()
        per_doc.append((path.name, t1 - t0, len(doc.paragraphs), len(doc.footnotes)))
    return clock() - start, per_doc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--cpu", type=int, default=None, help="CPU to pin to (default: last)")
    parser.add_argument("--json", type=Path, default=None, help="also write raw results here")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args()

    files = require_corpus()
    ensure_repo_on_path()
    import diffcore

    sizes = {p.name: p.stat().st_size for p in files}
    total_bytes = sum(sizes.values())

    print("# Normalize benchmark")
    print()
    print_facts()
    pinned = pin(args.cpu)
    print(f"- affinity: {pinned}")
    print(f"- input: {len(files)} files, {total_bytes / MB:.2f} MB (MB = 10^6 bytes)")
    print()

    passes: list[float] = []
    per_doc_runs: list[list[tuple[str, float, int, int]]] = []
    for k in range(args.passes):
        wall, per_doc = one_pass(files, diffcore.load)
        passes.append(wall)
        per_doc_runs.append(per_doc)
        print(f"pass {k + 1}: {wall:.3f} s, {len(files) / wall:.1f} docs/s", flush=True)
    print()

    counts = {(name, paras, notes) for run in per_doc_runs for name, _t, paras, notes in run}
    paragraphs = sum(p for _n, _t, p, _f in per_doc_runs[0])
    footnotes = sum(f for _n, _t, _p, f in per_doc_runs[0])
    stable = len(counts) == len(files)

    best, med = min(passes), median(passes)
    rows = []
    for label, wall in (("best", best), ("median", med)):
        rows.append(
            [
                f"{label} of {len(passes)}",
                f"{wall:.3f} s",
                f"{len(files) / wall:.0f}",
                f"{total_bytes / MB / wall:.2f}",
                f"{wall / len(files) * 1000:.2f} ms",
            ]
        )
    print(table(["pass", "total time", "docs/s", "MB/s", "mean per doc"], rows))
    print()
    print(
        f"Documents: {len(files)}; paragraphs: {paragraphs}; footnotes: {footnotes}"
        f" (identical in every pass: {'yes' if stable else 'NO'})"
    )
    print()

    best_doc: dict[str, float] = {}
    for run in per_doc_runs:
        for name, t, _p, _f in run:
            best_doc[name] = min(t, best_doc.get(name, t))
    info = {name: (p, f) for name, _t, p, f in per_doc_runs[0]}
    slow = sorted(best_doc.items(), key=lambda kv: kv[1], reverse=True)[:5]
    print("Five slowest documents (best time over the passes):")
    print()
    print(
        table(
            ["document", "size", "paragraphs", "footnotes", "time"],
            [
                [
                    name,
                    f"{sizes[name] / 1000:.0f} KB",
                    str(info[name][0]),
                    str(info[name][1]),
                    f"{t * 1000:.1f} ms",
                ]
                for name, t in slow
            ],
        )
    )
    print()
    rate = len(files) / med
    verdict = "MET" if rate >= TARGET_DOCS_PER_S else "MISSED"
    print(
        f"Target >= {TARGET_DOCS_PER_S:.0f} docs/s: {verdict} "
        f"(median pass {rate:.0f} docs/s, best pass {len(files) / best:.0f} docs/s)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"Peak RSS of this process: {peak / 1024:.0f} MiB")

    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "files": len(files),
                    "bytes": total_bytes,
                    "passes": passes,
                    "paragraphs": paragraphs,
                    "footnotes": footnotes,
                    "slowest": slow,
                    "peak_rss_kib": peak,
                },
                indent=2,
            )
        )
    return 1 if args.check and rate < TARGET_DOCS_PER_S else 0


if __name__ == "__main__":
    sys.exit(main())
