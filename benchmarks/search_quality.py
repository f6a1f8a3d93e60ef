"""Agreed-language search: recall against an exhaustive scan, on the real corpus.

    .venv/bin/python benchmarks/search_quality.py [--db F] [--phrases 200] [--seed 14]

The store holds every text of ../shared/corpus/text (built once with `resdiff corpus
add` into a temporary directory, or reused with --db). --phrases phrases of 3-12 words
are sampled with a seeded generator from its paragraphs (a paragraph, then a length,
then a start), cut from the paragraph text as a user would copy them, punctuation
included. For each, `diffcore.corpus.search.search` is compared with a scan of every
paragraph (`exhaustive`): the phrase's words in order (verbatim), and a window at least
`NEAR_VERBATIM` similar (near-verbatim), with the word-level functions of
`diffcore.corpus.phrase` and no full-text index.

Targets (issue #14, point 1): verbatim recall 1.0 of documents, near-verbatim recall
>= 0.95. Also printed: paragraph-level recall and precision, and query latency
(limit 20, warm, in process; the speed targets are in bench_search.py).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from _common import REPO_ROOT, TEXT_DIR, ensure_repo_on_path, print_facts, table

ensure_repo_on_path()
from rapidfuzz.distance import LCSseq  # noqa: E402
from rapidfuzz.process import cdist  # noqa: E402

from diffcore.corpus import CorpusStore, open_store  # noqa: E402
from diffcore.corpus.phrase import (  # noqa: E402
    best_window,
    codes_of_words,
    contains_phrase,
    joined,
    min_common,
    phrase_codes,
)
from diffcore.corpus.search import search  # noqa: E402
from diffcore.corpus.search_results import SearchQuery  # noqa: E402
from diffcore.corpus.thresholds import NEAR_VERBATIM  # noqa: E402
from diffcore.lang.tokens import index_word_spans  # noqa: E402

TARGET_VERBATIM = 1.0
TARGET_NEAR = 0.95
UNLIMITED = 10**9


def sample_phrases(store: CorpusStore, count: int, seed: int) -> list[str]:
    """`count` phrases of 3-12 words cut from the stored paragraphs, reproducibly: the
    paragraphs are taken in (symbol, version, language, order) order."""
    rows = store.conn.execute(
        "SELECT p.text FROM paragraphs AS p JOIN documents AS d ON d.id = p.document"
        " ORDER BY d.symbol, d.version, d.language, d.id, p.seq"
    ).fetchall()
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < count:
        (text,) = rows[rng.randrange(len(rows))]
        spans = index_word_spans(text)
        if len(spans) < 3:
            continue
        size = rng.randint(3, min(12, len(spans)))
        start = rng.randint(0, len(spans) - size)
        out.append(text[spans[start][1] : spans[start + size - 1][2]])
    return out


@dataclass(frozen=True)
class Scanned:
    """Every stored paragraph in the forms the scan compares."""

    ids: list[int]
    documents: list[int]
    padded: list[str]
    codes: list[str]


def load_all(store: CorpusStore) -> Scanned:
    rows = store.conn.execute("SELECT id, document, text FROM paragraphs ORDER BY id").fetchall()
    return Scanned(
        [r[0] for r in rows],
        [r[1] for r in rows],
        [joined(r[2]) for r in rows],
        [phrase_codes(r[2]) for r in rows],
    )


def exhaustive(
    scanned: Scanned, phrase_words: list[str], threshold: float = NEAR_VERBATIM
) -> tuple[set[int], set[int]]:
    """Paragraph ids holding the phrase verbatim, and near-verbatim (not verbatim)."""
    verbatim = {
        pid
        for pid, padded in zip(scanned.ids, scanned.padded, strict=True)
        if contains_phrase(padded, phrase_words)
    }
    codes = codes_of_words(phrase_words)
    need = min_common(len(phrase_words), threshold)
    common = cdist([codes], scanned.codes, scorer=LCSseq.similarity, score_cutoff=need)[0]
    near = set()
    for index in (common >= need).nonzero()[0].tolist():
        pid = scanned.ids[index]
        if pid not in verbatim and best_window(codes, scanned.codes[index], threshold):
            near.add(pid)
    return verbatim, near


@dataclass(frozen=True)
class Scores:
    phrases: int
    verbatim_docs: tuple[int, int]  # found, expected
    near_docs: tuple[int, int]
    verbatim_paras: tuple[int, int]
    near_paras: tuple[int, int]
    extra_verbatim: int  # found but not in the scan
    extra_near: int
    missed: list[tuple[str, int, int]]  # phrase, verbatim paragraphs missed, near missed
    latencies: list[float]


def evaluate(store: CorpusStore, phrases: Sequence[str]) -> Scores:
    scanned = load_all(store)
    doc_of = dict(zip(scanned.ids, scanned.documents, strict=True))
    totals = [0] * 8
    extra_v = extra_n = 0
    missed = []
    latencies = []
    search(store, SearchQuery("warm up"))
    for phrase in phrases:
        started = time.perf_counter()
        search(store, SearchQuery(phrase, limit=20))
        latencies.append(time.perf_counter() - started)
        result = search(store, SearchQuery(phrase, limit=UNLIMITED))
        want_v, want_n = exhaustive(scanned, list(result.words))
        got_v = {h.paragraph_id for h in result.verbatim}
        got_n = {h.paragraph_id for h in result.near}
        docs = [{doc_of[p] for p in s} for s in (want_v, got_v, want_n, got_n)]
        for slot, (want, got) in enumerate(
            ((want_v, got_v), (want_n, got_n), (docs[0], docs[1]), (docs[2], docs[3]))
        ):
            totals[2 * slot] += len(want & got)
            totals[2 * slot + 1] += len(want)
        extra_v += len(got_v - want_v)
        extra_n += len(got_n - want_n)
        if want_v - got_v or want_n - got_n:
            missed.append((phrase, len(want_v - got_v), len(want_n - got_n)))
    return Scores(
        len(phrases),
        (totals[4], totals[5]),
        (totals[6], totals[7]),
        (totals[0], totals[1]),
        (totals[2], totals[3]),
        extra_v,
        extra_n,
        missed,
        latencies,
    )


def recall(pair: tuple[int, int]) -> float:
    return pair[0] / pair[1] if pair[1] else 1.0


def build_store(db: Path) -> None:
    print(f"building {db} from {TEXT_DIR} (resdiff corpus add)", flush=True)
    subprocess.run(
        [sys.executable, "-m", "cli", "corpus", "add", str(TEXT_DIR), "--db", str(db), "-q"],
        cwd=REPO_ROOT,
        check=True,
    )
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="reuse (or build) this store")
    parser.add_argument("--phrases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if not TEXT_DIR.is_dir():
        sys.exit(f"benchmark: corpus not found at {TEXT_DIR}")
    print_facts()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "corpus.sqlite"
    if not db.exists():
        build_store(db)
    with open_store(db, create=False) as store:
        counts = store.stats()
        print(f"store: {counts['documents']:,} documents, {counts['paragraphs']:,} paragraphs")
        phrases = sample_phrases(store, args.phrases, args.seed)
        scores = evaluate(store, phrases)
    ms = sorted(x * 1000 for x in scores.latencies)
    print(
        table(
            ["measure", "found / expected", "recall", "target"],
            [
                [
                    "verbatim documents",
                    "{} / {}".format(*scores.verbatim_docs),
                    f"{recall(scores.verbatim_docs):.4f}",
                    f"{TARGET_VERBATIM}",
                ],
                [
                    "near-verbatim documents",
                    "{} / {}".format(*scores.near_docs),
                    f"{recall(scores.near_docs):.4f}",
                    f">= {TARGET_NEAR}",
                ],
                [
                    "verbatim paragraphs",
                    "{} / {}".format(*scores.verbatim_paras),
                    f"{recall(scores.verbatim_paras):.4f}",
                    "",
                ],
                [
                    "near-verbatim paragraphs",
                    "{} / {}".format(*scores.near_paras),
                    f"{recall(scores.near_paras):.4f}",
                    "",
                ],
            ],
        )
    )
    print(
        f"found beyond the scan: {scores.extra_verbatim} verbatim, {scores.extra_near}"
        f" near-verbatim paragraphs (precision {'1.0' if not scores.extra_verbatim else '<1'})"
    )
    print(
        f"latency over {scores.phrases} phrases (limit 20): median {statistics.median(ms):.1f} ms,"
        f" p95 {ms[int(0.95 * (len(ms) - 1))]:.1f} ms, max {ms[-1]:.1f} ms"
    )
    for phrase, miss_v, miss_n in scores.missed[:20]:
        print(f"  missed {miss_v} verbatim, {miss_n} near: {phrase!r}")
    ok = recall(scores.verbatim_docs) >= TARGET_VERBATIM and recall(scores.near_docs) >= TARGET_NEAR
    print("targets met" if ok else "TARGETS MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
