"""Reading the 125 shared PDFs: pages per second on one core, beside `pdftotext -layout`.

    .venv/bin/python benchmarks/bench_pdf.py [--quick]   (--quick: 10 PDFs, one pass)

Target (readers issue): >= 20 pages/s; issue #15 point 6: >= 100 pages/s. Each pass
reads every PDF with `diffcore.load` (pdfium text with positions, layout analysis,
structure building), then extracts it with poppler's `pdftotext -layout` (text only, no
structure), in the same process pinned to one CPU. Wall time and CPU time are both
reported: on a machine shared with other work only the CPU time says what the code costs.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from diffcore import load  # noqa: E402

PDF_DIR = ROOT.parent / "shared" / "corpus" / "pdf"
QUICK = "--quick" in sys.argv[1:]
PASSES = 1 if QUICK else 3


def _pdftotext(path: Path) -> None:
    subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    files = sorted(PDF_DIR.glob("*.pdf")) if PDF_DIR.is_dir() else []
    if QUICK:
        files = files[:: max(1, len(files) // 10)][:10]
    if not files:
        print(f"no PDFs at {PDF_DIR} (expected ../shared/corpus/pdf)", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    poppler = shutil.which("pdftotext")
    pages = sum(len(pdfium.PdfDocument(str(f))) for f in files)
    times, cpus, poppler_times, poppler_cpus = [], [], [], []
    slowest: list[tuple[float, str, int]] = []
    for _ in range(PASSES):
        start, cpu = time.perf_counter(), time.process_time()
        per = []
        for f in files:
            t = time.perf_counter()
            load(str(f))
            per.append((time.perf_counter() - t, f.name, len(pdfium.PdfDocument(str(f)))))
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
        slowest = sorted(per, reverse=True)[:5]
        if poppler:
            start, cpu = time.perf_counter(), _child_cpu()
            for f in files:
                _pdftotext(f)
            poppler_times.append(time.perf_counter() - start)
            poppler_cpus.append(_child_cpu() - cpu)
    print(f"{len(files)} PDFs, {pages} pages, {PASSES} passes on one core")
    rows = [("diffcore.load (PDF reader)", times, cpus)]
    if poppler:
        rows.append(("pdftotext -layout", poppler_times, poppler_cpus))
    print("| extractor | wall, median pass | pages/s (wall) | CPU, median pass | pages/s (CPU) |")
    print("| --- | --- | --- | --- | --- |")
    for name, walls, cpu_times in rows:
        wall, cpu_s = statistics.median(walls), statistics.median(cpu_times)
        print(
            f"| {name} | {wall:.2f} s | {pages / wall:.1f} | {cpu_s:.2f} s | {pages / cpu_s:.1f} |"
        )
    if not poppler:
        print("pdftotext not found (Debian: poppler-utils): no side-by-side figure")
    best = min(times)
    print(f"PDF reader best pass {best:.2f} s = {pages / best:.1f} pages/s (wall)")
    print("slowest: " + ", ".join(f"{n} ({p} pages) {s * 1000:.0f} ms" for s, n, p in slowest))
    rate = pages / statistics.median(cpus)
    print(f"target >= 20 pages/s: {'MET' if rate >= 20 else 'MISSED'} (CPU time)")
    print(f"target >= 100 pages/s (issue #15): {'MET' if rate >= 100 else 'MISSED'} (CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
