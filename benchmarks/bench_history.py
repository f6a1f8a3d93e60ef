"""A 10-version history of a 200 KB text: `resdiff history` cost, target under 2 s.

    .venv/bin/python benchmarks/bench_history.py [--runs 5] [--versions 10]

The text is the 200 KB pair of bench_compare.py (A/80/L.17 -> A/RES/80/109) with its
chain in chains.json: A/RES/78/68 -> A/RES/79/145 -> A/80/L.17 -> A/RES/80/109, four
real versions (the draft was adopted almost unchanged; the sessions revised it more).
The other six versions are made from the real changes between neighbours: a version
k/(m+1) of the way from one real version to the next carries out that share of their
changes in reading order (a modified paragraph takes its new wording, an inserted one
appears, a deleted one goes), so every version is real text and each step a real
share of a real revision. The versions are written as canonical text (`resdiff
normalize` output) and read back.

Timed, each the median of --runs runs in this process (after one warm-up run):
  load      reading the 10 files (diffcore.load)
  pairwise  the 9 comparisons of each version with the next, alone (for scale)
  build     diffcore.history.build: 9 comparisons, paragraph lives, attribution
  json/text/html   rendering the history
  total     load + build + JSON, what `resdiff history ... --format json` spends after
            start-up
and, for scale, one compare of the draft with the adopted text.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import TEXT_DIR, ensure_repo_on_path, median, print_facts, require_corpus, secs, table
from bench_compare import pick_200k

TARGET_S = 2.0
# The sessions before the 200 KB pair's (chains.json, GA80-109).
EARLIER = ("A/RES/78/68", "A/RES/79/145")


def intermediate(cmp: Any, share: float) -> Any:
    """The draft with the first `share` of the comparison's changes carried out."""
    from dataclasses import replace

    old, new = cmp.old, cmp.new
    cut = round(share * len(cmp.changes))
    paras = []
    for n, change in enumerate(cmp.changes):
        ids, doc = (change.new, new) if n < cut else (change.old, old)
        paras.extend(doc.paragraph(pid) for pid in ids)
    seen: set[str] = set()
    unique = []
    for p in paras:  # ids of the two documents may coincide: keep them unique
        pid = p.id if p.id not in seen else f"{p.id}-v"
        seen.add(pid)
        unique.append(replace(p, id=pid))
    return replace(new if share >= 1 else old, paragraphs=tuple(unique))


def timed(func: Callable[[], Any], runs: int) -> tuple[float, Any]:
    func()
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--versions", type=int, default=10)
    args = parser.parse_args()
    require_corpus()
    ensure_repo_on_path()
    import diffcore
    from diffcore.history import Version, build
    from renderers import document_text, history_html, history_json, history_text

    pair = pick_200k()
    draft, adopted = diffcore.load(str(pair.old)), diffcore.load(str(pair.new))
    compare_s, _ = timed(lambda: diffcore.compare(draft, adopted), args.runs)
    real = [diffcore.load(str(TEXT_DIR / f"{s.replace('/', '_')}.txt")) for s in EARLIER]
    real += [draft, adopted]
    n = args.versions
    docs = [real[0]]
    extra = max(n - len(real), 0)
    for gap, (a, b) in enumerate(itertools.pairwise(real)):
        m = extra // (len(real) - 1) + (1 if gap < extra % (len(real) - 1) else 0)
        cmp = diffcore.compare(a, b)
        docs.extend(intermediate(cmp, k / (m + 1)) for k in range(1, m + 1))
        docs.append(b)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for k, doc in enumerate(docs, start=1):
            path = Path(tmp) / f"v{k}.txt"
            path.write_text(document_text.render(doc), encoding="utf-8")
            paths.append(path)
        sizes = [p.stat().st_size for p in paths]
        load_s, loaded = timed(lambda: [diffcore.load(str(p)) for p in paths], args.runs)
    versions = [Version(d) for d in loaded]
    pairwise_s, _ = timed(
        lambda: [diffcore.compare(a, b) for a, b in itertools.pairwise(loaded)], args.runs
    )
    build_s, history = timed(lambda: build(versions), args.runs)
    json_s, _ = timed(lambda: history_json.render(history), args.runs)
    text_s, _ = timed(lambda: history_text.render(history), args.runs)
    html_s, _ = timed(lambda: history_html.render(history), args.runs)
    total = load_s + build_s + json_s
    words = history.words_by_version()

    print_facts()
    print(
        f"text: {', '.join(EARLIER)}, {pair.old.name} -> {pair.new.name} and versions between: "
        f"{len(docs)} versions of "
        f"{min(sizes) / 1000:.0f}-{max(sizes) / 1000:.0f} KB (canonical text), "
        f"{len(history.lives)} paragraph lives, runs: {args.runs} (median)"
    )
    print()
    rows = [
        ["one compare, draft -> adopted", secs(compare_s)],
        [f"load {len(docs)} versions", secs(load_s)],
        [f"the {len(docs) - 1} pairwise comparisons alone", secs(pairwise_s)],
        [f"build ({len(docs) - 1} comparisons, lives, attribution)", secs(build_s)],
        ["render JSON", secs(json_s)],
        ["render text", secs(text_s)],
        ["render HTML", secs(html_s)],
        ["words of the last version from v1 / later versions", f"{words[0]} / {sum(words[1:])}"],
        [f"total: load + build + JSON (target < {TARGET_S:.0f} s)", secs(total)],
    ]
    print(table(["step", "time"], rows))
    print()
    ok = total < TARGET_S
    print(
        f"{'PASS' if ok else 'FAIL'}: {len(docs)}-version history of a 200 KB text in {secs(total)}"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
