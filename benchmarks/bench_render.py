"""Rendering cost against compare cost, and report size against document size.

    .venv/bin/python benchmarks/bench_render.py [--quick]   (--quick: 3 repeats, not 7)

Target (reports issue): side-by-side rendering adds at most 50% to the time of
`compare` (read, normalize, align, word-diff) on the 200 KB pair, and report size
stays proportional to the documents. Issue #12: the same bound for the Word redline
(`--format docx`). Timings are medians of repeated runs measured
side by side in one process.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from diffcore import compare, load  # noqa: E402
from renderers import (  # noqa: E402
    comparison_json,
    docx_redline,
    email_message,
    redline,
    sidebyside,
)

TEXT = ROOT.parent / "shared" / "corpus" / "text"
PAIRS = [
    ("28 KB", "A_80_L.8.txt", "A_RES_80_9.txt"),
    ("200 KB", "A_80_L.17.txt", "A_RES_80_109.txt"),
]
REPEAT = 3 if "--quick" in sys.argv[1:] else 7


def median_ms(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    if not TEXT.is_dir():
        print(f"corpus not found at {TEXT}", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print(
        "| pair | input bytes | compare ms | html ms (share) | redline ms | docx ms (share) "
        "| email ms | json ms | html bytes | html / input | docx bytes |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, a, b in PAIRS:
        pa, pb = TEXT / a, TEXT / b
        size = pa.stat().st_size + pb.stat().st_size

        def run_compare(pa: Path = pa, pb: Path = pb) -> object:
            return compare(load(str(pa)), load(str(pb)))

        cmp = compare(load(str(pa)), load(str(pb)))
        t_cmp = median_ms(run_compare)
        t_html = median_ms(lambda cmp=cmp: sidebyside.render(cmp))
        t_red = median_ms(lambda cmp=cmp: redline.render(cmp))
        t_docx = median_ms(lambda cmp=cmp: docx_redline.render(cmp))
        t_mail = median_ms(lambda cmp=cmp: email_message.build(cmp).as_bytes())
        t_json = median_ms(lambda cmp=cmp: comparison_json.render(cmp))
        html = sidebyside.render(cmp).encode("utf-8")
        print(
            f"| {name} ({a} -> {b}) | {size:,} | {t_cmp:.1f} | {t_html:.1f} "
            f"({t_html / t_cmp:.0%}) | {t_red:.1f} | {t_docx:.1f} ({t_docx / t_cmp:.0%}) "
            f"| {t_mail:.1f} | {t_json:.1f} | {len(html):,} | {len(html) / size:.2f} "
            f"| {len(docx_redline.render(cmp)):,} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
