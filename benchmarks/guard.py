"""CI regression guard: resdiff's speed as ratios to references measured in the same run.

    .venv/bin/python benchmarks/guard.py [--rounds 9]      (make bench-guard; .ci/run)

Two checks, each resdiff against a reference that runs interleaved with it, round by
round, so that a slower or busier machine slows both alike:

- compare-200k: the in-process 200 KB compare (read both files, normalize, align, word
  diff, JSON string) against `difflib.HtmlDiff().make_file` on the same two files;
- startup-28k: `resdiff compare` of the 28 KB pair to JSON as a whole process (the
  installed entry point) against `python -c pass`.

The ratio of the medians of CPU time (this process's for in-process work, the child's
user + system time for whole processes) must stay at or under LIMITS; CPU time moves
far less than wall time when other jobs share the cores. The limits are the median
ratios of 20 runs on an unchanged tree (a machine loaded 8-18 on 2 cores: 0.41-0.47
and 4.71-5.29) times MARGIN, so a slowdown of half or more fails and noise does not
(BENCHMARKS.md, "Regression guard"). Never absolute times. Exit 0: within the limits,
1: a ratio past its limit.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from collections.abc import Callable

from _common import TEXT_DIR, ensure_repo_on_path, median
from bench_startup import entry_point, run_once

OLD_28K, NEW_28K = TEXT_DIR / "A_80_L.8.txt", TEXT_DIR / "A_RES_80_9.txt"
OLD_200K, NEW_200K = TEXT_DIR / "A_80_L.17.txt", TEXT_DIR / "A_RES_80_109.txt"

# Ratios measured when the limits were set (see BENCHMARKS.md), and the margin over them.
REFERENCE = {"compare-200k": 0.44, "startup-28k": 5.0}
MARGIN = 1.5
LIMITS = {name: round(ratio * MARGIN, 2) for name, ratio in REFERENCE.items()}


def cpu_of(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def compare_vs_difflib(rounds: int) -> tuple[list[float], list[float]]:
    """CPU seconds of the in-process 200 KB compare and of difflib.HtmlDiff, interleaved."""
    ensure_repo_on_path()
    from diffcore import compare, load
    from renderers import comparison_json

    old, new = str(OLD_200K), str(NEW_200K)

    def resdiff() -> object:
        return comparison_json.render(compare(load(old), load(new)))

    def htmldiff() -> object:
        with open(old, encoding="utf-8") as a, open(new, encoding="utf-8") as b:
            return difflib.HtmlDiff().make_file(a.read().splitlines(), b.read().splitlines())

    resdiff()  # first calls outside the clock; the first call's cost is bench_compare's
    htmldiff()
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        ours.append(cpu_of(resdiff))
        theirs.append(cpu_of(htmldiff))
    return ours, theirs


def startup_vs_python(rounds: int) -> tuple[list[float], list[float]]:
    """Child CPU seconds of `resdiff compare` (28 KB, JSON) and `python -c pass`."""
    resdiff = [entry_point(), "compare", str(OLD_28K), str(NEW_28K), "--format", "json"]
    python = [sys.executable, "-c", "pass"]
    run_once(resdiff)  # writes the .pyc, fills the page cache
    run_once(python)
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        ours.append(run_once(resdiff)[1])
        theirs.append(run_once(python)[1])
    return ours, theirs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9, help="interleaved rounds (default 9)")
    args = parser.parse_args()
    if not all(p.exists() for p in (OLD_28K, NEW_28K, OLD_200K, NEW_200K)):
        print(f"guard: skipped, the benchmark pairs are not in {TEXT_DIR} (../shared/corpus)")
        return 0  # as the tests do without the corpus
    checks = {
        "compare-200k": ("in-process compare / difflib.HtmlDiff", compare_vs_difflib),
        "startup-28k": ("whole-process compare / python -c pass", startup_vs_python),
    }
    failed = []
    for name, (label, measure) in checks.items():
        ours, theirs = measure(args.rounds)
        ratio = median(ours) / median(theirs)
        ok = ratio <= LIMITS[name]
        if not ok:
            failed.append(name)
        print(
            f"guard {name}: {label} = {ratio:.2f} (CPU medians {median(ours) * 1000:.1f} / "
            f"{median(theirs) * 1000:.1f} ms, {args.rounds} rounds; limit {LIMITS[name]:.2f}): "
            + ("ok" if ok else "REGRESSION")
        )
    if failed:
        print(f"guard: {', '.join(failed)} past the limit; see BENCHMARKS.md, Regression guard")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
