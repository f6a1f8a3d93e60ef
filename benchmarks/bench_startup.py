"""Whole-process cost of the resdiff command, side by side with `python -c pass`.

    .venv/bin/python benchmarks/bench_startup.py [--runs 21] [--quick] [--json out.json]

Each case is the installed entry point (`resdiff` beside this interpreter, as a user
runs it) in a fresh process, output to /dev/null, timed from spawn to exit. The cases
run interleaved (round r: every case once, in a shuffled order), so machine noise falls
on all of them alike; the report gives medians and each median's ratio to `python -c
pass` measured in the same rounds. Targets (issue #16): `--version` <= 1.5x `python -c
pass`; compare of the 28 KB pair, JSON and unified text, <= 150 ms; normalize of the
seed <= 120 ms. The verdicts use wall-clock medians; the CPU time of the child (user +
system, from wait4) is shown beside them because it moves less when others load the
machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from _common import SEED_PATH, TEXT_DIR, median, print_facts, require_corpus, table

OLD = TEXT_DIR / "A_80_L.8.txt"
NEW = TEXT_DIR / "A_RES_80_9.txt"
QUICK_RUNS = 7
# As a user runs it: Python caches compiled modules (.pyc), which the untimed first round
# writes. With PYTHONDONTWRITEBYTECODE set, every run would compile resdiff from source.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cases(resdiff: str) -> dict[str, list[str]]:
    """Name -> command line. The first is the reference every ratio divides by."""
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "resdiff --version": [resdiff, "--version"],
        "resdiff compare 28 KB --format json": [
            resdiff,
            "compare",
            str(OLD),
            str(NEW),
            "--format",
            "json",
        ],
        "resdiff compare 28 KB (unified)": [resdiff, "compare", str(OLD), str(NEW)],
        "resdiff normalize seed": [resdiff, "normalize", str(SEED_PATH)],
    }


# name -> (limit, "ratio" to python -c pass or "ms" absolute), as the issue states them.
TARGETS = {
    "resdiff --version": (1.5, "ratio"),
    "resdiff compare 28 KB --format json": (150.0, "ms"),
    "resdiff compare 28 KB (unified)": (150.0, "ms"),
    "resdiff normalize seed": (120.0, "ms"),
}


def entry_point() -> str:
    """The `resdiff` script installed beside this interpreter (pip install -e .)."""
    script = Path(sys.executable).parent / "resdiff"
    if not script.exists():
        sys.exit(f"bench_startup: {script} not found; run `pip install -e .` in this venv first")
    return str(script)


def run_once(argv: list[str]) -> tuple[float, float]:
    """Wall seconds from spawn to exit, and the child's CPU seconds (user + system)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # compare exits 1 when the versions differ
        sys.exit(f"bench_startup: {' '.join(argv)} failed with exit status {code}")
    return elapsed, usage.ru_utime + usage.ru_stime


def measure(
    commands: dict[str, list[str]], runs: int, seed: int = 16
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall and CPU seconds of each case over `runs` interleaved rounds."""
    rng = random.Random(seed)
    names = list(commands)
    wall: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for name in names:  # one untimed round: writes the .pyc, fills the page cache
        run_once(commands[name])
    for _ in range(runs):
        rng.shuffle(names)
        for name in names:
            w, c = run_once(commands[name])
            wall[name].append(w)
            cpu[name].append(c)
    return wall, cpu


def report(times: dict[str, list[float]], cpu: dict[str, list[float]]) -> tuple[str, bool]:
    """The table, and whether every target is met (on the wall-clock medians)."""
    base_name = next(iter(times))
    base = median(times[base_name])
    cpu_base = median(cpu[base_name])
    rows = []
    all_met = True
    for name, values in times.items():
        m = median(values)
        limit = TARGETS.get(name)
        verdict = ""
        if limit:
            value = m / base if limit[1] == "ratio" else m * 1000
            met = value <= limit[0]
            all_met &= met
            unit = "x" if limit[1] == "ratio" else " ms"
            verdict = f"<= {limit[0]:g}{unit}: {'met' if met else 'MISSED'}"
        rows.append(
            [
                name,
                f"{m * 1000:.1f}",
                f"{min(values) * 1000:.1f}",
                f"{m / base:.2f}x",
                f"{median(cpu[name]) * 1000:.1f} ({median(cpu[name]) / cpu_base:.2f}x)",
                verdict,
            ]
        )
    headers = ["command", "median ms", "best ms", "x python -c pass", "CPU ms (x)", "target"]
    text = table(headers, rows)
    return text, all_met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="timed rounds (default 21)")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_RUNS} rounds")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw times here")
    args = parser.parse_args()
    require_corpus()
    if not SEED_PATH.exists():
        sys.exit(f"bench_startup: seed document not found at {SEED_PATH}")
    runs = QUICK_RUNS if args.quick else args.runs
    commands = cases(entry_point())
    print("# Start-up benchmark")
    print()
    print_facts()
    print(f"- rounds: {runs}, each case once a round in a shuffled order, after one untimed round")
    print()
    times, cpu = measure(commands, runs)
    text, all_met = report(times, cpu)
    print(text)
    print()
    print(f"loadavg (1/5/15 min) at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"targets: {'all met' if all_met else 'not all met'}")
    if args.json:
        raw = {"commands": commands, "wall_s": times, "cpu_s": cpu}
        args.json.write_text(json.dumps(raw, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
