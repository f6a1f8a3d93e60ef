"""Per-family figures of the whole-corpus sweep (conservation, furniture, numbering).

    .venv/bin/python benchmarks/sweep_figures.py [--family text] [--failures 5]

Reads every document of every family in ../shared/corpus (text layers, PDFs, AKN4UN
per language, older/, sc/, the seed) with the checks of `tests/sweep.py` and prints,
per family: documents, paragraphs, footnotes linked (cited by a paragraph) of those
listed, documents failing and the kinds of failure, then the first failures of each
family with why. Deterministic: files in sorted order, no sampling.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from _common import ensure_repo_on_path

ensure_repo_on_path()

from tests.conftest import CORPUS_DIR  # noqa: E402
from tests.sweep import Result, check, families  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", action="append", help="only this family (repeatable)")
    parser.add_argument("--failures", type=int, default=5, help="failures listed per family")
    args = parser.parse_args()
    if not CORPUS_DIR.is_dir():
        print(f"corpus not found at {CORPUS_DIR}", file=sys.stderr)
        return 2
    found = families(CORPUS_DIR)
    chosen = args.family or list(found)
    rows = []
    details: list[str] = []
    for name in chosen:
        start = time.perf_counter()
        results: list[Result] = [check(path) for path in found.get(name, [])]
        seconds = time.perf_counter() - start
        failed = [r for r in results if not r.ok]
        kinds = Counter(p.split(":", 1)[0] for r in failed for p in r.problems)
        rows.append(
            (
                name,
                len(results),
                sum(r.paragraphs for r in results),
                f"{sum(r.linked for r in results)}/{sum(r.footnotes for r in results)}",
                len(failed),
                ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "-",
                f"{seconds:.0f}",
            )
        )
        for r in failed[: args.failures]:
            details.append(f"{name} {r.path.name}: {'; '.join(r.problems)[:300]}")
    header = ("family", "docs", "paragraphs", "footnotes linked", "failing", "why", "s")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    if details:
        print()
        print("\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
