"""Shared by the benchmarks: where the corpus is, what machine this is, small formatters.

Only the standard library is imported here, so a process that needs no resdiff code
(the orchestrator of bench_compare) stays small and does not skew the peak RSS that
its children report.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"
TEXT_DIR = CORPUS_DIR / "text"
CHAINS_PATH = CORPUS_DIR / "chains.json"
SEED_PATH = CORPUS_DIR / "seed" / "A_RES_72_1.ods.txt"

MB = 1_000_000  # throughput and sizes are decimal megabytes


def require_corpus() -> list[Path]:
    """The sorted text files of the corpus, or exit 2 with a clear message."""
    files = sorted(TEXT_DIR.glob("*.txt")) if TEXT_DIR.is_dir() else []
    if not files:
        sys.exit(
            f"benchmark: real-document corpus not found at {TEXT_DIR}\n"
            "  (expected ../shared/corpus/text/*.txt next to the repository root; "
            "see ../shared/corpus/README.md)"
        )
    return files


def ensure_repo_on_path() -> None:
    """Import diffcore/renderers from this checkout even without `pip install -e .`."""
    root = str(REPO_ROOT)
    if root not in sys.path:
        sys.path.insert(0, root)


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_state() -> str:
    """The commit measured, and whether the working tree differs from it."""
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(REPO_ROOT), *args], capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        head = git("log", "-1", "--format=%h %s")
        dirty = git("status", "--porcelain", "--", "diffcore", "renderers", "cli.py")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return head + (
        " + uncommitted changes to the measured code" if dirty else " (measured code clean)"
    )


def machine_facts() -> dict[str, str]:
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "n/a"
    return {
        "resdiff": git_state(),
        "nproc": str(affinity),
        "cpu": cpu_model(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "loadavg (1/5/15 min) at start": load,
    }


def command_line() -> str:
    """How this script was started, with the interpreter as the user would type it."""
    exe = sys.executable
    rel = os.path.relpath(exe)
    if not rel.startswith(".."):
        exe = rel
    return " ".join([exe, *sys.argv])


def print_facts() -> None:
    print(f"command: `{command_line()}` (working directory: {os.getcwd()})")
    print()
    for key, value in machine_facts().items():
        print(f"- {key}: {value}")
    print()


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def secs(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
