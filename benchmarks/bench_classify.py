"""What classification adds to compare, side by side in one process (BENCHMARKS.md).

    .venv/bin/python benchmarks/bench_classify.py [--runs 7]

For each pair, each run times the stages one after the other: load both documents,
`diffcore.compare` (align + word diff), `diffcore.classify.classified`, and
`comparison_json.render`; the table gives the medians and classification's share of
align + word diff and of the whole compare. `bench_compare.py` measures the same stages
in fresh processes beside other tools; this is the quick check.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from _common import CORPUS_DIR, TEXT_DIR, ensure_repo_on_path, print_facts, require_corpus, table

ensure_repo_on_path()

import diffcore  # noqa: E402
from diffcore.classify import classified  # noqa: E402
from renderers import comparison_json  # noqa: E402

PAIRS = [
    ("200 KB", TEXT_DIR / "A_80_L.17.txt", TEXT_DIR / "A_RES_80_109.txt"),
    ("28 KB changed", CORPUS_DIR / "seed" / "A_RES_72_1.ods.txt", TEXT_DIR / "A_RES_80_9.txt"),
    ("series A/RES/78/69 -> 79/144", TEXT_DIR / "A_RES_78_69.txt", TEXT_DIR / "A_RES_79_144.txt"),
    ("series A/RES/79/183 -> 80/222", TEXT_DIR / "A_RES_79_183.txt", TEXT_DIR / "A_RES_80_222.txt"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    require_corpus()
    print_facts()
    rows = []
    for name, old, new in PAIRS:
        runs = []
        changed = 0
        for _ in range(args.runs):
            t0 = time.perf_counter()
            a, b = diffcore.load(str(old)), diffcore.load(str(new))
            t1 = time.perf_counter()
            cmp = diffcore.compare(a, b)
            t2 = time.perf_counter()
            done = classified(cmp)
            t3 = time.perf_counter()
            comparison_json.render(done)
            t4 = time.perf_counter()
            runs.append((t1 - t0, t2 - t1, t3 - t2, t4 - t3))
            changed = sum(1 for c in done.changes if c.is_change)
        load, align, classify, js = (
            statistics.median(col) * 1000 for col in zip(*runs, strict=True)
        )
        whole = statistics.median([r[0] + r[1] + r[3] for r in runs]) * 1000
        rows.append(
            [
                name,
                str(changed),
                f"{load:.0f}",
                f"{align:.0f}",
                f"{js:.0f}",
                f"{classify:.1f}",
                f"{classify / align:.0%}",
                f"{classify / whole:.0%}",
            ]
        )
    headers = ["pair", "changed", "load both (ms)", "align + word diff", "JSON", "classify"]
    print(table([*headers, "classify / align", "classify / whole compare"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
