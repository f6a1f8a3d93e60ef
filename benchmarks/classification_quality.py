"""Change classes against the labelled set and generated edits (BENCHMARKS.md).

    .venv/bin/python benchmarks/classification_quality.py [--limit N] [--disagreements]

1. Real series: every consecutive pair of adopted resolutions in a chain of
   ../shared/corpus/chains.json (sessions 78 -> 79 -> 80, text layers), compared with
   classification; each changed paragraph is labelled by `tests/classlabels.py` (the
   written rule, or the hand label where a hand check overruled it). Precision and
   recall per class.
2. Generated edits (`tests/classgen.py`): rollover edits applied to real session-80
   resolutions must come out 100% technical, hunk by hunk; planted operative verb
   changes must all be found with the right direction.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter

from _common import CHAINS_PATH, TEXT_DIR, ensure_repo_on_path, print_facts, require_corpus

ensure_repo_on_path()

from diffcore import load  # noqa: E402
from diffcore.align import compare  # noqa: E402
from diffcore.classify import classified  # noqa: E402
from diffcore.comparison import CHANGE_CLASSES  # noqa: E402
from tests.classgen import planted_verbs, rolled_over, series_pairs  # noqa: E402
from tests.classlabels import hand_labels, label_changes  # noqa: E402


def real_set(limit: int | None, show: bool, rule_only: bool) -> int:
    pairs = series_pairs(CHAINS_PATH, TEXT_DIR)
    if limit:
        pairs = pairs[:limit]
    hand = {} if rule_only else hand_labels()
    confusion: Counter[tuple[str, str | None]] = Counter()
    hows: Counter[str] = Counter()
    spent = {"load": 0.0, "compare": 0.0, "classify": 0.0}
    for old, new in pairs:
        t0 = time.perf_counter()
        a, b = load(str(old)), load(str(new))
        t1 = time.perf_counter()
        cmp = compare(a, b)
        t2 = time.perf_counter()
        cmp = classified(cmp)
        t3 = time.perf_counter()
        spent["load"] += t1 - t0
        spent["compare"] += t2 - t1
        spent["classify"] += t3 - t2
        for item in label_changes(cmp, hand):
            confusion[(item.label, item.predicted)] += 1
            hows[item.how] += 1
            if show and item.label != item.predicted:
                print(f"  {item.key}: label {item.label}, classified {item.predicted}")
    total = sum(confusion.values())
    rest = spent["load"] + spent["compare"]
    print(
        f"\nTime over the pairs, side by side: load {spent['load']:.1f} s, align + word diff "
        f"{spent['compare']:.1f} s, classify {spent['classify']:.1f} s "
        f"({spent['classify'] / spent['compare']:.0%} of align + word diff, "
        f"{spent['classify'] / rest:.0%} of load + align + word diff)"
    )
    print(
        f"\nReal series: {len(pairs)} pairs, {total} changed paragraphs "
        f"({hows['rule']} by rule, {hows['hand']} by hand)"
    )
    print(f"{'class':<12} {'labelled':>9} {'classified':>10} {'precision':>9} {'recall':>7}")
    worst = 1.0
    for cls in CHANGE_CLASSES:
        tp = confusion[(cls, cls)]
        labelled = sum(n for (lab, _p), n in confusion.items() if lab == cls)
        predicted = sum(n for (_l, pred), n in confusion.items() if pred == cls)
        precision = tp / predicted if predicted else 1.0
        recall = tp / labelled if labelled else 1.0
        worst = min(worst, precision, recall)
        print(f"{cls:<12} {labelled:>9} {predicted:>10} {precision:>9.3f} {recall:>7.3f}")
    return 0 if worst >= 0.95 else 1


def generated(limit: int | None) -> int:
    rng = random.Random(20261206)
    docs = sorted(TEXT_DIR.glob("A_RES_80_*.txt"))
    if limit:
        docs = docs[: limit * 4]
    hunks = technical = edits = 0
    wrong: list[str] = []
    planted = found = right = 0
    for path in docs:
        doc = load(str(path))
        rolled = rolled_over(doc)
        if rolled is not None:
            cmp = compare(doc, rolled, classify=True)
            edits += sum(1 for c in cmp.changes if c.is_change)
            for c in cmp.changes:
                hunks += len(c.hunk_classes)
                technical += c.hunk_classes.count("technical")
                if c.is_change and c.cls != "technical":
                    wrong.append(f"{doc.label} {'+'.join(c.new)}: {c.cls} {c.diff}")
        for edited, truth in planted_verbs(doc, rng):
            cmp = compare(doc, edited, classify=True)
            planted += 1
            hits = [v for v in cmp.verb_changes if v.paragraph == truth.paragraph]
            if hits:
                found += 1
                right += hits[0].direction == truth.direction
            else:
                wrong.append(f"{doc.label} {truth.paragraph}: verb change not found ({truth})")
    print(
        f"\nGenerated rollovers: {len(docs)} resolutions, {edits} changed paragraphs, "
        f"{hunks} hunks, {technical} technical ({100 * technical / max(1, hunks):.1f}%)"
    )
    print(f"Planted verb changes: {planted}, found {found}, right direction {right}")
    for line in wrong[:20]:
        print("  " + line[:300])
    return 0 if not wrong and technical == hunks and right == planted else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="Only the first N pairs.")
    parser.add_argument("--disagreements", action="store_true", help="List them.")
    parser.add_argument(
        "--rule-only", action="store_true", help="Labels by the written rule alone, no hand labels."
    )
    args = parser.parse_args()
    require_corpus()
    print_facts()
    status = real_set(args.limit, args.disagreements, args.rule_only)
    return status | generated(args.limit)


if __name__ == "__main__":
    sys.exit(main())
