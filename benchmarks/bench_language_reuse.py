"""Reuse in every language: French and Chinese links against English, and `reuse` speed.

    .venv/bin/python benchmarks/bench_language_reuse.py [--sessions 79 80] [--limit N]
        [--queries 40] [--examples 5]

Builds one corpus of the AKN4UN texts of ../shared/corpus/akn4un/{en,fr,zh} for the
given sessions (English has 78 too; it is left out so the three languages hold the
same resolutions), then for each pair of languages: the share of one language's
reuse links (verbatim or similarity >= 0.7, between numbered paragraphs of documents
whose paragraph labels agree across the languages) whose counterpart pair, mapped by
(symbol, label), the other language links too (at the index floor 0.5, and at 0.7).
Misses are printed with their texts. Then `reuse` latency per language, warm, in
process (median of 3 calls), for --queries evenly spaced resolutions of the last
session, on the same corpus.

Targets (issue #11, points 5 and 6): >= 95% each way; `reuse` in French and Chinese
within 1.5x of English.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import CORPUS_DIR, REPO_ROOT, ensure_repo_on_path, print_facts, table

LANGUAGES = ("en", "fr", "zh")
TARGET_SHARE = 0.95
TARGET_RATIO = 1.5


def files_of(root: Path, language: str, sessions: list[str], limit: int | None) -> list[Path]:
    out = []
    for path in sorted((root / language).glob("A_RES_*.xml")):
        _, _, session, number = path.name.split(".")[0].split("_")[:4]
        if session in sessions and (limit is None or int(number) <= limit):
            out.append(path)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", nargs="+", default=["79", "80"])
    parser.add_argument("--limit", type=int, default=None, help="resolution numbers <= N")
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args()
    ensure_repo_on_path()
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from language_links import agreement, build, links_by_language, paragraph_keys, text_of

    from diffcore.corpus.query import resolve, reuse

    root = CORPUS_DIR / "akn4un"
    if not root.is_dir():
        sys.exit(f"benchmark: AKN4UN corpus not found at {root} (expected ../shared/corpus)")
    files = {lang: files_of(root, lang, args.sessions, args.limit) for lang in LANGUAGES}
    print_facts()
    print(f"files: {', '.join(f'{lang} {len(fs)}' for lang, fs in files.items())}")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        store, failed = build(Path(tmp) / "all.sqlite", [f for fs in files.values() for f in fs])
        print(f"one corpus of all three: {time.perf_counter() - start:.1f} s")
        for error in failed:
            print(f"  not added: {error}")
        links = links_by_language(store)
        keys = paragraph_keys(store)
        rows = []
        for source, other in (("en", "fr"), ("fr", "en"), ("en", "zh"), ("zh", "en")):
            loose = agreement(links, keys, source, other, 0.7, 0.5)
            strict = agreement(links, keys, source, other, 0.7, 0.7)
            rows.append(
                [
                    f"{source} -> {other}",
                    str(loose.links),
                    f"{100 * loose.share:.1f}%",
                    f"{100 * strict.share:.1f}%",
                    str(len(loose.unmapped)),
                ]
            )
            for pair in loose.missed[: args.examples]:
                a, b = pair
                print(f"  miss {source}->{other} {a} ~ {b}: {links[source][pair]:.2f} in {source}")
                for lang in (source, other):
                    for key in pair:
                        print(f"      {lang} {key[1]:<10} {text_of(store, key, lang)[:110]}")
        print()
        print(
            table(
                ["links", "links (mapped)", "linked in the other (>= 0.5)", "(>= 0.7)", "left out"],
                rows,
            )
        )
        print()
        timing = []
        english_ms = None
        for lang in LANGUAGES:
            last = [
                d
                for d in store.documents().values()
                if d.language == lang
                and d.session == int(args.sessions[-1])
                and d.doc_type == "resolution"
            ]
            last.sort(key=lambda d: d.id)
            step = max(1, len(last) // args.queries)
            per_doc = []
            for info in last[::step][: args.queries]:
                target = resolve(store, f"#{info.id}")
                reuse(store, target)
                times = []
                for _ in range(3):
                    t0 = time.perf_counter()
                    reuse(store, target)
                    times.append(time.perf_counter() - t0)
                per_doc.append(statistics.median(times) * 1000)
            median = statistics.median(per_doc)
            english_ms = english_ms or median
            timing.append(
                [lang, str(len(per_doc)), f"{median:.1f} ms", f"{median / english_ms:.2f}x"]
            )
        store.close()
        print(table(["language", "queries", "reuse median", "vs English"], timing))
        shares = [float(r[2].rstrip("%")) / 100 for r in rows]
        ratios = [float(r[3].rstrip("x")) for r in timing]
        ok = min(shares) >= TARGET_SHARE and max(ratios) <= TARGET_RATIO
        print(
            f"\ntargets (>= {TARGET_SHARE:.0%} each way, reuse <= {TARGET_RATIO}x English): "
            f"{'met' if ok else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
