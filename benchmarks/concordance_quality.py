"""Concordance over the UN's six language versions of session-80 resolutions.

Reports what `resdiff concordance` finds on the genuine versions (per language and kind
of finding), then plants one error at a time in a copy of each non-English version (a
paragraph dropped, a symbol, number or date changed, a footnote removed, two paragraphs
swapped; `tests/concgen.py`) and reports the share caught at the right paragraph.

    .venv/bin/python benchmarks/concordance_quality.py [--limit N] [--findings FILE]
        [--no-plants]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import diffcore  # noqa: E402
from diffcore.concordance import concordance  # noqa: E402
from tests.concgen import KINDS, caught, plant  # noqa: E402

AKN = ROOT.parent / "shared" / "corpus" / "akn4un"
LANGS = ("en", "fr", "es", "ru", "ar", "zh")


def versions(symbol: str) -> list[tuple[str, diffcore.Document]]:
    out = []
    for lang in LANGS:
        path = AKN / lang / f"{symbol}.{lang}.xml"
        if path.exists():
            out.append((lang, diffcore.load(str(path))))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="only the first N resolutions")
    ap.add_argument("--findings", type=Path, default=None, help="write every finding here")
    ap.add_argument("--seed", type=int, default=80)
    ap.add_argument("--no-plants", action="store_true", help="the genuine versions only")
    args = ap.parse_args()
    symbols = sorted(p.name[: -len(".en.xml")] for p in (AKN / "en").glob("A_RES_80_*.en.xml"))
    if args.limit:
        symbols = symbols[: args.limit]
    rng = random.Random(args.seed)
    genuine_counts: Counter[tuple[str, str]] = Counter()
    consistent = 0
    planted: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    near: Counter[str] = Counter()
    misses: list[str] = []
    lines: list[str] = []
    t0 = time.perf_counter()
    n = 0
    for symbol in symbols:
        docs = versions(symbol)
        if len(docs) < 2:
            continue
        n += 1
        genuine = concordance(docs)
        consistent += genuine.consistent
        for f in genuine.findings:
            genuine_counts[(f.version, f.kind)] += 1
            lines.append(
                f"{symbol}\t{f.version}\t{f.kind}\t{f.reference_label}\t{f.version_label}\t"
                f"{f.detail}\t{','.join(f.expected)}\t{','.join(f.found)}\t{f.reference_suspect}"
            )
        for k, (lang, doc) in enumerate(docs):
            if lang == "en" or args.no_plants:
                continue
            for kind in KINDS:
                p = plant(kind, doc, lang, rng)
                if p is None:
                    continue
                copy = list(docs)
                copy[k] = (lang, p.doc)
                planted[kind] += 1
                result = concordance(copy)
                if caught(p, genuine, result, lang):
                    hits[kind] += 1
                else:
                    misses.append(f"{symbol} {lang} {kind} {p.labels} {p.detail}")
                near[kind] += caught(p, genuine, result, lang, exact=False)
    elapsed = time.perf_counter() - t0
    print(f"resolutions: {n}; consistent in all versions: {consistent}; {elapsed:.1f} s")
    print("findings on the genuine versions (version, kind: count):")
    for (version, kind), count in sorted(genuine_counts.items()):
        print(f"  {version} {kind}: {count}")
    print("planted errors: caught / caught at the right paragraph:")
    for kind in KINDS:
        if planted[kind]:
            print(
                f"  {kind}: {near[kind]}/{planted[kind]} = {near[kind] / planted[kind]:.4f}"
                f" / {hits[kind]}/{planted[kind]} = {hits[kind] / planted[kind]:.4f}"
            )
    for miss in misses:
        print("  not at the right paragraph:", miss)
    if args.findings:
        args.findings.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
