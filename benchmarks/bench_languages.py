"""Normalize, compare and reuse speed per language, relative to English (issue #11, 6).

    .venv/bin/python benchmarks/bench_languages.py [--docs 60] [--passes 3]

The same session-80 resolutions in the six official languages, from the UN's AKN4UN
texts (../shared/corpus/akn4un/{en,fr,es,ru,ar,zh}; the only shape the corpus has in
every language).  For each language, the best of --passes of:

  normalize  `diffcore.load` of every file (read, parse, build the document model);
  compare    `diffcore.compare` of each document with a version that has a few words
             changed in three paragraphs (tests/editgen.py, in the language's style);
  reuse      the reuse index keys (`corpus.shingles.document_keys`) of every document.

Times are CPU seconds of this process (time.process_time), steadier than the wall
clock on a shared machine.  Target: each within 1.5x of English.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
AKN_DIR = REPO_ROOT.parent / "shared" / "corpus" / "akn4un"
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import diffcore  # noqa: E402
from diffcore.corpus.shingles import document_keys  # noqa: E402
from diffcore.model import Document  # noqa: E402
from tests.editgen import edit_document  # noqa: E402

CODES = ("en", "fr", "es", "ru", "ar", "zh")
TARGET_RATIO = 1.5


def spread(items: list[Path], n: int) -> list[Path]:
    if len(items) <= n:
        return list(items)
    return [items[round(i * (len(items) - 1) / (n - 1))] for i in range(n)]


def symbols(n: int) -> list[str]:
    """Resolutions present in all six languages, evenly spread over the English ones."""
    files = sorted((AKN_DIR / "en").glob("A_RES_80_*.en.xml"))
    if not files:
        sys.exit(f"bench_languages: AKN4UN corpus not found at {AKN_DIR}")
    names = [p.name.split(".")[0] for p in files]
    common = [s for s in names if all((AKN_DIR / c / f"{s}.{c}.xml").is_file() for c in CODES)]
    return [p.name.split(".")[0] for p in spread([AKN_DIR / "en" / s for s in common], n)]


def best(passes: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(passes):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def measure(code: str, names: list[str], passes: int) -> tuple[float, float, float, int]:
    paths = [str(AKN_DIR / code / f"{s}.{code}.xml") for s in names]
    load_s = best(passes, lambda: [diffcore.load(p) for p in paths])
    docs: list[Document] = [diffcore.load(p) for p in paths]
    pairs = []
    for doc in docs:
        rng = random.Random(f"{doc.metadata.symbol or doc.source}:bench")
        new, _ = edit_document(doc, rng, kinds=["words"])
        pairs.append((doc, new))
    compare_s = best(passes, lambda: [diffcore.compare(a, b) for a, b in pairs])
    texts = [[p.text for p in doc.paragraphs] for doc in docs]
    reuse_s = best(passes, lambda: [document_keys(t) for t in texts])
    chars = sum(len(t) for doc_texts in texts for t in doc_texts)
    return load_s, compare_s, reuse_s, chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args(argv)
    names = symbols(args.docs)
    print(f"{len(names)} session-80 resolutions in {len(CODES)} languages, best of {args.passes}")
    print(f"Python {sys.version.split()[0]}, CPU seconds\n")
    rows = {code: measure(code, names, args.passes) for code in CODES}
    en = rows["en"]
    print("lang   chars    normalize docs/s (x en)   compare s (x en)   reuse s (x en)")
    ok = True
    for code, (load_s, compare_s, reuse_s, chars) in rows.items():
        ratios = (load_s / en[0], compare_s / en[1], reuse_s / en[2])
        ok = ok and all(r <= TARGET_RATIO for r in ratios)
        print(
            f"{code:4} {chars:8}   {len(names) / load_s:8.1f} ({ratios[0]:.2f}x)"
            f"        {compare_s:6.3f} ({ratios[1]:.2f}x)    {reuse_s:6.3f} ({ratios[2]:.2f}x)"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
