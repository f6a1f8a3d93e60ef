"""Reading the 125 shared PDFs: pages per second on one core.

    .venv/bin/python benchmarks/bench_pdf.py [--quick]   (--quick: 10 PDFs, one pass)

Target (readers issue): >= 20 pages/s. Each pass reads every PDF with
`diffcore.load` (pdfium text with positions, layout analysis, structure building).
"""

from __future__ import annotations

import os
import statistics
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


def main() -> int:
    files = sorted(PDF_DIR.glob("*.pdf")) if PDF_DIR.is_dir() else []
    if QUICK:
        files = files[:: max(1, len(files) // 10)][:10]
    if not files:
        print(f"no PDFs at {PDF_DIR} (expected ../shared/corpus/pdf)", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    pages = sum(len(pdfium.PdfDocument(str(f))) for f in files)
    times = []
    slowest: list[tuple[float, str, int]] = []
    for _ in range(PASSES):
        start = time.perf_counter()
        per = []
        for f in files:
            t = time.perf_counter()
            load(str(f))
            per.append((time.perf_counter() - t, f.name, len(pdfium.PdfDocument(str(f)))))
        times.append(time.perf_counter() - start)
        slowest = sorted(per, reverse=True)[:5]
    best, median = min(times), statistics.median(times)
    print(f"{len(files)} PDFs, {pages} pages, {PASSES} passes on one core")
    print(
        f"best pass {best:.2f} s = {pages / best:.1f} pages/s; median {median:.2f} s "
        f"= {pages / median:.1f} pages/s"
    )
    print("slowest: " + ", ".join(f"{n} ({p} pages) {s * 1000:.0f} ms" for s, n, p in slowest))
    print(f"target >= 20 pages/s: {'MET' if pages / median >= 20 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
