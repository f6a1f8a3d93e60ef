"""Alignment quality of `diffcore.compare` on real documents edited with known ground truth.

    .venv/bin/python benchmarks/alignment_quality.py [--docs 200] [--per-doc 5] [--errors 20]

The same measurement as tests/test_compare.py::test_alignment_quality_on_generated_edits,
on a larger set.  Documents are spread evenly over ../shared/corpus/text (those with at
least 8 paragraphs and 3 numbered operative paragraphs) and edited by tests/editgen.py:

  mixed   --per-doc versions of each document, each with 1 to 3 edits of different
          kinds (the first kind in turn, so all kinds are about equally represented);
  single  one version per document and edit kind, with that edit alone (the cleanest
          per-kind figures: nothing else changed in the document);
  move_edited  one version per document with a single move whose passed paragraphs all
          have words edited (tests/editgen.py MOVE_EDITED): exactly one paragraph is
          moved, and reporting its edited neighbours as moved instead is a false move.

For each table row (edit kind; "none" = paragraphs no edit touched):
  pairs        true (old paragraph, new paragraph) links
  precision    predicted links that are true / predicted links
  recall       true links predicted / true links
  false moves  changes with op "moved" that are not a true move of a true link
  op accuracy  truth entries (new paragraphs, and deleted old ones) whose reported op is
               the expected one ("equal", "moved", "split", "merged", "inserted", ...)
Precision and recall are over links charged to the kind: a link involving a paragraph
the edit touched (a wrong link to a deleted paragraph is charged to "delete").

Deterministic: seeds come from the document symbols; two runs print the same figures.

    .venv/bin/python benchmarks/alignment_quality.py --languages en,fr,es,ru,ar,zh [--docs 60]

measures the same on the UN's own AKN4UN texts of session 80 (../shared/corpus/akn4un),
the same resolutions in each language (chosen on the English ones), edited in the
language's own style (tests/editgen.py `STYLES`), and adds per language: whether every
word diff rebuilds both texts exactly, and the compare time relative to English.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
TEXT_DIR = REPO_ROOT.parent / "shared" / "corpus" / "text"
AKN_DIR = REPO_ROOT.parent / "shared" / "corpus" / "akn4un"
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import diffcore  # noqa: E402
from diffcore.comparison import Comparison  # noqa: E402
from diffcore.model import Document  # noqa: E402
from diffcore.worddiff import rebuild  # noqa: E402
from tests.editgen import (  # noqa: E402
    EDIT_KINDS,
    MOVE_EDITED,
    Score,
    Truth,
    check_edit,
    edit_document,
    generate,
)


def spread(items: list[Path], n: int) -> list[Path]:
    if len(items) <= n:
        return list(items)
    if n == 1:
        return [items[0]]
    return [items[round(i * (len(items) - 1) / (n - 1))] for i in range(n)]


def pick_documents(n: int) -> list[Document]:
    files = sorted(TEXT_DIR.glob("*.txt")) if TEXT_DIR.is_dir() else []
    if not files:
        sys.exit(f"alignment_quality: corpus not found at {TEXT_DIR} (expected ../shared/corpus)")
    docs: list[Document] = []
    for path in spread(files, n + n // 4 + 10):
        doc = diffcore.load(str(path))
        numbered = sum(1 for p in doc.paragraphs if p.kind == "operative" and p.number)
        if len(doc.paragraphs) >= 8 and numbered >= 3:
            docs.append(doc)
    return docs[:n]


def usable(doc: Document) -> bool:
    numbered = sum(1 for p in doc.paragraphs if p.kind == "operative" and p.number)
    return len(doc.paragraphs) >= 8 and numbered >= 3


def pick_akn_symbols(n: int) -> list[str]:
    """Session-80 resolutions with enough structure, chosen on the English texts."""
    files = sorted((AKN_DIR / "en").glob("A_RES_80_*.en.xml"))
    if not files:
        sys.exit(f"alignment_quality: AKN4UN corpus not found at {AKN_DIR}")
    symbols = []
    for path in spread(files, n + n // 4 + 10):
        if usable(diffcore.load(str(path))):
            symbols.append(path.name.split(".")[0])
    return symbols[:n]


def load_akn(symbols: list[str], code: str) -> list[Document]:
    docs = []
    for symbol in symbols:
        path = AKN_DIR / code / f"{symbol}.{code}.xml"
        if path.is_file():
            docs.append(diffcore.load(str(path)))
    return docs


def round_trip_failures(cmp: Comparison) -> int:
    """Changes whose word diff does not rebuild the old and the new text exactly."""
    olds = {p.id: p.text for p in cmp.old.paragraphs}
    news = {p.id: p.text for p in cmp.new.paragraphs}
    bad = 0
    for c in cmp.changes:
        old_text = " ".join(olds[i] for i in c.old)
        new_text = " ".join(news[j] for j in c.new)
        if c.op == "equal":
            continue
        bad += rebuild(c.diff, "old") != old_text or rebuild(c.diff, "new") != new_text
    return bad


Edited = list[tuple[str, Document, Document, Truth]]


def single_edits(docs: list[Document]) -> Edited:
    out: Edited = []
    count = len(docs)
    for k, doc in enumerate(docs):
        donors = [docs[(k + count // 2) % count], docs[(k + count // 3) % count]]
        name = doc.metadata.symbol or doc.source or str(k)
        for kind in EDIT_KINDS:
            rng = random.Random(f"{name}:single:{kind}")
            new, truth = edit_document(doc, rng, donors=donors, kinds=[kind])
            if truth.edits:
                out.append((f"{name}/{kind}", doc, new, truth))
    return out


def move_edited_edits(docs: list[Document]) -> Edited:
    out: Edited = []
    for k, doc in enumerate(docs):
        name = doc.metadata.symbol or doc.source or str(k)
        rng = random.Random(f"{name}:{MOVE_EDITED}")
        new, truth = edit_document(doc, rng, kinds=[MOVE_EDITED])
        if truth.edits:
            out.append((f"{name}/{MOVE_EDITED}", doc, new, truth))
    return out


@dataclass
class Run:
    """One measured batch: the score, compare seconds, round-trip failures, documents."""

    score: Score
    seconds: float = 0.0
    round_trip_failures: int = 0
    documents: int = 0


def merged(runs: list[Run]) -> Run:
    total = Run(Score())
    for run in runs:
        for name in ("true_pairs", "found", "predicted", "correct", "false_moves"):
            getattr(total.score, name).update(getattr(run.score, name))
        total.seconds += run.seconds
        total.round_trip_failures += run.round_trip_failures
        total.documents += run.documents
    return total


def measure(title: str, edited: Edited, errors: int) -> Score:
    return measure_run(title, edited, errors).score


def measure_run(title: str, edited: Edited, errors: int) -> Run:
    score = Score()
    run = Run(score, documents=len(edited))
    bad = 0
    elapsed = 0.0
    for label, old, new, truth in edited:
        if check_edit(old, new, truth):
            bad += 1
        # CPU time: the figure compared across languages, steady on a shared machine.
        started = time.process_time()
        cmp = diffcore.compare(old, new)
        elapsed += time.process_time() - started
        run.round_trip_failures += round_trip_failures(cmp)
        score.add(cmp, truth, f"{label} {'+'.join(truth.edits)}")
    run.seconds = elapsed
    print(f"== {title}: {len(edited)} edited documents, {elapsed:.1f} s compare CPU time")
    if bad:
        print(f"   WARNING: {bad} generated documents failed the generator's own checks")
    print(score.table())
    if errors and score.errors:
        print(f"-- first {min(errors, len(score.errors))} of {len(score.errors)} errors:")
        for line in score.errors[:errors]:
            print("   " + line)
    print()
    return run


def by_language(codes: list[str], n_docs: int, per_doc: int, errors: int) -> int:
    symbols = pick_akn_symbols(n_docs)
    print(f"resdiff alignment quality per language: {len(symbols)} session-80 resolutions")
    print(f"from {AKN_DIR}, Python {sys.version.split()[0]}\n")
    rows = []
    for code in codes:
        docs = load_akn(symbols, code)
        print(f"#### {code}: {len(docs)} documents")
        mixed = measure_run(f"{code} mixed edits", list(generate(docs, per_doc)), errors)
        single = measure_run(f"{code} single edits", single_edits(docs), errors)
        moves = measure_run(f"{code} move among edited", move_edited_edits(docs), errors)
        rows.append((code, len(docs), merged([mixed, single, moves])))
    base = next((run.seconds for c, _, run in rows if c == "en"), None)
    print("lang  docs  edited  precision  recall  false moves  round-trip fails  compare s  vs en")
    ok = True
    for code, n, run in rows:
        sc = run.score
        ratio = f"{run.seconds / base:.2f}x" if base else "-"
        print(
            f"{code:4}  {n:4}  {run.documents:6}  {sc.precision():9.4f}  {sc.recall():6.4f}"
            f"  {sc.n_false_moves():11}  {run.round_trip_failures:16}  {run.seconds:9.2f}"
            f"  {ratio:>5}"
        )
        ok = ok and sc.precision() >= 0.99 and sc.recall() >= 0.99
        ok = ok and sc.n_false_moves() == 0 and run.round_trip_failures == 0
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200, help="real documents to edit")
    parser.add_argument("--per-doc", type=int, default=5, help="mixed versions per document")
    parser.add_argument("--errors", type=int, default=20, help="error lines to show per table")
    parser.add_argument(
        "--languages",
        help="comma-separated codes (en,fr,es,ru,ar,zh): measure on AKN4UN session 80 instead",
    )
    args = parser.parse_args(argv)
    if args.languages:
        codes = [c.strip() for c in args.languages.split(",") if c.strip()]
        return by_language(codes, args.docs, args.per_doc, args.errors)
    started = time.perf_counter()
    docs = pick_documents(args.docs)
    print(
        f"resdiff alignment quality: {len(docs)} real documents from {TEXT_DIR}, "
        f"Python {sys.version.split()[0]}\n"
    )
    mixed = measure("mixed edits", list(generate(docs, args.per_doc)), args.errors)
    single = measure("single edits", single_edits(docs), args.errors)
    moves = measure("single move among edited neighbours", move_edited_edits(docs), args.errors)
    print(f"total {time.perf_counter() - started:.1f} s")
    ok = all(
        s.precision() >= 0.98 and s.recall() >= 0.98 and s.n_false_moves() == 0
        for s in (mixed, single, moves)
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
