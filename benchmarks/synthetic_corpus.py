"""Synthetic resolution corpus with known paragraph reuse, for the corpus-store scale benchmark.

    .venv/bin/python benchmarks/synthetic_corpus.py --n 20000 --stats [--seed 0] [--out F.jsonl]

The real corpus (../shared/corpus/text, 1,202 documents) is too small to load a precedent
store with 100,000 documents, and nobody knows its reuse. This module builds any number
of documents from real paragraphs with reuse known by construction, so a store's
findings can be scored against a ground truth.

Pool (`load_pool`): operative, preambular and sub-paragraphs of >= 12 word tokens
(casefolded `[^\\W_]+`, as in diffcore.similarity), deduplicated on those tokens. Real
resolutions reuse each other heavily (drafts and adopted texts, yearly formulas), so
with `strict=True` (the default) a paragraph is also dropped when it shares a run of 8
tokens with, or is >= 0.45 similar to, a paragraph kept before it: two fresh pool
paragraphs must not be precedents of each other that the truth does not list. Of 55,612
long paragraphs, 30,208 are distinct, 10,933 pass the 8-token filter and 10,319 the
similarity filter (3,786 preambular). The pool is cached as JSON in benchmarks/.cache,
keyed by the corpus file list (names, sizes, mtimes): the first run takes ~20 s, later
ones ~0.03 s.

Documents (`generate`) come in series, like a resolution taken up again every year: 2-8
members in consecutive sessions (1..80), symbols A/RES/{session}/{k}, adopted in that
session's December (year 1945 + session), one title per series, distinct across series
(real titles, with " (2)", " (3)", ... once all 553 are taken). They are yielded session
by session, so every source precedes its reusers and lies in an earlier session. Only
the last 3 members of live series and a 4,096-paragraph reservoir for cross-series
borrowing are kept: 100,000 documents peak at ~120 MB RSS.

Paragraph count: 8 + round(32 * Beta(2, 3.3)), i.e. 8..40, right-skewed like real texts;
mean 20.06 over 100,000 documents (real resolutions of the corpus: mean 48, median 33
paragraphs with sub-paragraphs). The first third is preambular (pp1..), the rest
operative (op1.., numbered "1"..).

A first member is all fresh. A later member builds each paragraph as: 45% a verbatim copy
of a predecessor paragraph (of the previous member with probability 0.8, else of one of
the two before it); 25% near-verbatim: vocabulary words substituted, inserted and
deleted at a drawn rate, 2*LCS/(la+lb) on the word tokens computed and the edit redrawn
unless in [0.6, 0.95]; 10% partial: 10-20 consecutive words of a source paragraph inside
fresh text, the result >= 1.5x the passage and < 0.4 similar to the source (so it cannot
pass for near-verbatim); 20% fresh. 5% of later members also take one paragraph verbatim
from an unrelated series of an earlier session. A source paragraph serves at most once
per document; where none is left (a short predecessor) the paragraph is fresh, so the
measured shares are 43.9 / 24.3 / 9.7% (100,000 documents).

Fresh text: pool paragraphs without replacement, in a seeded order; once they are used
up (at document ~600 of 100,000; 99% of fresh text is made so) it is synthesized by
`_Synthesizer`: clause runs of 3+ pool paragraphs shuffled, ~32% of words replaced by
vocabulary words, at most 4 pool tokens in a row, and each source < 0.3 similar by a
kept-token bound. Checked on 10,000 documents: no fresh paragraph in a sample of 1,118
is >= 0.45 similar to any earlier paragraph, and 4 in 76,256 share an 8-token run with
one (a near-verbatim deletion or a partial's seam recreating a formula of a later pool
paragraph, e.g. "of the report of the Advisory Committee").

Truth: one `TruthLink` per reused paragraph, to the paragraph it was built from. A store
may rightly find more than the truth lists: older copies along a chain of verbatim
copies, and the sources of a source.

Determinism: one `random.Random(seed)`, and numpy PCG64 generators seeded from it for
the synthesizer; no global state. Same pool, seed, Python and numpy: byte-identical
output (`--digest` prints a SHA-256 of it).

Speed, 2-core VM shared with other jobs: ~3,000 documents/s (100,000 in 33 s). Per
paragraph the work is light: verbatim copies are references, fresh text comes from numpy
batches (~6 us each), and a near-verbatim or partial draw is ~20-35 us, most of it
tokenizing for the similarity check (rapidfuzz Indel on token lists).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import string
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
from _common import REPO_ROOT, TEXT_DIR, ensure_repo_on_path
from rapidfuzz import process
from rapidfuzz.distance import Indel

ensure_repo_on_path()
import diffcore  # noqa: E402
from diffcore.model import Document, Metadata, Paragraph, ParagraphKind  # noqa: E402

TruthKind = Literal["verbatim", "near-verbatim", "partial"]

CACHE_DIR = REPO_ROOT / "benchmarks" / ".cache"
POOL_VERSION = 2  # bump when the pool's content rules change: old caches are then ignored

MIN_TOKENS = 12
SHINGLE = 8  # the store's "partial": a shared run of >= 8 words
POOL_MAX_SIMILARITY = 0.45  # below the store's near-verbatim 0.5, with a margin
KEPT_KINDS = frozenset({"preambular", "operative", "subparagraph"})

MAX_SESSION = 80
FIRST_YEAR = 1945  # session s is adopted in December of 1945 + s
SERIES_MIN, SERIES_MAX = 2, 8
MIN_PARAS, MAX_PARAS = 8, 40
BETA_A, BETA_B = 2.0, 3.3  # 8 + 32 * Beta(2, 3.3): mean 20.1 before rounding

P_VERBATIM, P_NEAR, P_PARTIAL = 0.45, 0.25, 0.10  # of a later member's paragraphs; rest fresh
P_CROSS = 0.05
P_PREVIOUS = 0.8
MEMBER_WINDOW = 3
RESERVOIR = 4096

NEAR_MIN, NEAR_MAX = 0.6, 0.95
NEAR_TARGET = (0.62, 0.93)
PASSAGE_MIN, PASSAGE_MAX = 10, 20
PARTIAL_MIN_RATIO = 1.5
PARTIAL_MAX_SIMILARITY = 0.4
FRESH_MAX_SIMILARITY = 0.3  # bound from kept tokens; chance matches of common words add ~0.1
FRESH_LENGTH = (20, 80)
SYNTH_SOURCES = 8  # pool paragraphs a synthesized text may draw on
SYNTH_SHARE = 3  # each gives at most 1/3 of its tokens and 1/3 of the text
SYNTH_BATCH = 1024
# Words kept between two substitutions in synthesized text: mean 2.14, so ~32% replaced.
KEEP_RUNS = (0, 1, 2, 2, 3, 3, 4)

_TOKEN = re.compile(r"[^\W_]+")
# Shared id and number strings: 2 million paragraphs need only these 120.
_NUMBERS = tuple(str(n) for n in range(1, MAX_PARAS + 1))
_PP_IDS = tuple(f"pp{n}" for n in _NUMBERS)
_OP_IDS = tuple(f"op{n}" for n in _NUMBERS)
_PUNCT = string.punctuation + "\u201c\u201d\u2018\u2019\u2013\u2014\u2026"
_NUMBERED_TITLE = re.compile(r"\(\d+\)$")


_ASCII_SPLIT = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


def tokens(text: str) -> list[str]:
    """The word tokens the store compares: casefolded, punctuation dropped.

    `[^\\W_]+` on the casefolded text; ASCII text (92% of the pool) takes a path that
    gives the same tokens 2x faster, as tokenizing is most of a near-verbatim draw.
    """
    if text.isascii():
        return text.lower().translate(_ASCII_SPLIT).split()
    return _TOKEN.findall(text.casefold())


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """2 * LCS / (len_a + len_b) over token lists (Indel normalized similarity)."""
    return float(Indel.normalized_similarity(a, b))


@dataclass(frozen=True)
class Pool:
    """Distinct real paragraph texts by kind, plus words and titles to vary them with."""

    preambular: tuple[str, ...]
    operative: tuple[str, ...]
    vocabulary: tuple[str, ...]
    titles: tuple[str, ...]
    documents: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "preambular": list(self.preambular),
            "operative": list(self.operative),
            "vocabulary": list(self.vocabulary),
            "titles": list(self.titles),
            "documents": self.documents,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Pool:
        return cls(
            preambular=tuple(data["preambular"]),
            operative=tuple(data["operative"]),
            vocabulary=tuple(data["vocabulary"]),
            titles=tuple(data["titles"]),
            documents=int(data["documents"]),
        )


@dataclass(frozen=True)
class TruthLink:
    paragraph_id: str
    source_symbol: str
    source_paragraph_id: str
    kind: TruthKind


@dataclass(frozen=True)
class SyntheticDoc:
    document: Document
    truth: tuple[TruthLink, ...]
    series: int
    member: int  # 0 for the first member of its series

    def to_dict(self) -> dict[str, Any]:
        return {
            "metadata": self.document.metadata.to_dict(),
            "paragraphs": [p.to_dict() for p in self.document.paragraphs],
            "truth": [asdict(t) for t in self.truth],
            "series": self.series,
            "member": self.member,
        }


def _select(files: list[Path], limit: int | None) -> list[Path]:
    """`limit` files spread evenly over the sorted list (drafts and resolutions alike)."""
    if limit is None or limit >= len(files):
        return files
    if limit <= 1:
        return files[:limit]
    return [files[round(i * (len(files) - 1) / (limit - 1))] for i in range(limit)]


def _cache_key(files: list[Path], strict: bool) -> str:
    digest = hashlib.sha256(f"pool/{POOL_VERSION}/strict={strict}\n".encode())
    for path in files:
        st = path.stat()
        digest.update(f"{path.name}\t{st.st_size}\t{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def load_pool(
    text_dir: Path = TEXT_DIR,
    limit: int | None = None,
    *,
    cache_dir: Path | None = CACHE_DIR,
    strict: bool = True,
) -> Pool:
    """The pool of `text_dir` (or `limit` files of it), from the JSON cache when it is current.

    `cache_dir=None` reads the corpus without touching any cache.
    """
    files = _select(sorted(text_dir.glob("*.txt")), limit)
    if not files:
        raise FileNotFoundError(f"no *.txt files in {text_dir}")
    key = _cache_key(files, strict)
    path = cache_dir / f"pool-{key[:16]}.json" if cache_dir is not None else None
    if path is not None and path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") == key:
            return Pool.from_dict(data)
    pool = _build_pool(files, strict)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"key": key, **pool.to_dict()}, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
    return pool


def _build_pool(files: list[Path], strict: bool) -> Pool:
    seen: set[str] = set()
    grams: set[str] = set()
    candidates: list[tuple[bool, str, list[str]]] = []  # (preambular, text, tokens)
    vocabulary: set[str] = set()
    titles: dict[str, None] = {}
    for file in files:
        doc = diffcore.load(str(file))
        title = " ".join((doc.metadata.title or "").split())
        if title and not _NUMBERED_TITLE.search(title):
            titles[title] = None
        for para in doc.paragraphs:
            if para.kind not in KEPT_KINDS:
                continue
            toks = tokens(para.text)
            if len(toks) < MIN_TOKENS:
                continue
            for word in para.text.split():
                word = word.strip(_PUNCT)
                if len(word) >= 3 and word.isalpha() and word.islower():
                    vocabulary.add(word)
            norm = " ".join(toks)
            if norm in seen:
                continue
            seen.add(norm)
            if strict:
                shingles = {" ".join(toks[i : i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1)}
                if not shingles.isdisjoint(grams):
                    continue
                grams |= shingles
            candidates.append((para.kind == "preambular", " ".join(para.text.split()), toks))
    if strict:
        keep = _dissimilar([toks for _, _, toks in candidates])
        candidates = [c for c, ok in zip(candidates, keep, strict=True) if ok]
    return Pool(
        preambular=tuple(text for pre, text, _ in candidates if pre),
        operative=tuple(text for pre, text, _ in candidates if not pre),
        vocabulary=tuple(sorted(vocabulary)),
        titles=tuple(sorted(titles)),
        documents=len(files),
    )


def _dissimilar(token_lists: list[list[str]], chunk: int = 1024) -> list[bool]:
    """Keep each paragraph unless it is >= POOL_MAX_SIMILARITY similar to one kept before.

    Paragraphs sharing no 8-word run can still be near-verbatim ("Takes note of
    paragraphs 6 and 15 of the report of the Advisory Committee" and "... 17 and
    22 ..."). All pairs, by rapidfuzz on tokens coded as one character each: ~10 s
    for the 11,000 paragraphs left by the 8-word filter, once, before caching.
    """
    code: dict[str, str] = {}
    coded = [
        "".join(code.setdefault(t, chr(0x10000 + len(code))) for t in toks) for toks in token_lists
    ]
    keep = [True] * len(coded)
    for lo in range(0, len(coded), chunk):
        scores = process.cdist(
            coded[lo : lo + chunk],
            coded[: lo + chunk],
            scorer=Indel.normalized_similarity,
            score_cutoff=POOL_MAX_SIMILARITY,
            dtype=np.float32,
            workers=-1,
        )
        for row in range(scores.shape[0]):
            i = lo + row
            close = np.flatnonzero(scores[row, :i] >= POOL_MAX_SIMILARITY)
            keep[i] = not any(keep[j] for j in close.tolist())
    return keep


def _finish(words: list[str], preambular: bool) -> str:
    """Capitalize the first word and end as a preambular (",") or operative (";") paragraph."""
    first = words[0]
    words[0] = first[:1].upper() + first[1:]
    last = words[-1].rstrip(",;:.")
    words[-1] = (last or words[-1]) + ("," if preambular else ";")
    return " ".join(words)


class _Synthesizer:
    """Fresh text of one kind made from pool paragraphs, in vectorized batches.

    A text's target length is that of a random pool paragraph, clipped to FRESH_LENGTH.
    It takes runs of words from up to SYNTH_SOURCES pool paragraphs, each from a random
    clause start (wrapping round to the paragraph's start) and each at most a third of
    the target and of its own paragraph, in shuffled order. Counting only words that
    carry tokens, every (1 + KEEP_RUNS draw)-th word is replaced by a vocabulary word,
    punctuation round it kept, and so is every word of 2+ tokens ("Secretary-General"):
    at most 4 pool tokens in a row, ~32% of words replaced. A text is dropped unless it
    has >= 12 tokens, uses no paragraph twice, and 2 * kept tokens / (paragraph tokens +
    text tokens) < 0.3 against each paragraph it used (an upper bound of the similarity
    but for chance matches of common words). In pure Python this took ~20 us per text;
    in batches of 1,024, ~6 us.
    """

    def __init__(self, texts: Sequence[str], vocabulary: Sequence[str], seed: int) -> None:
        canon: dict[str, str] = {}
        words: list[str] = []
        counts: list[int] = []
        starts: list[int] = []  # first word of every paragraph, then the end
        clauses: list[int] = []  # first word of every clause
        clause_at: list[int] = []  # first clause of every paragraph, then the end
        for text in texts:
            starts.append(len(words))
            clause_at.append(len(clauses))
            clauses.append(len(words))
            split = text.split()
            for i, word in enumerate(split):
                words.append(canon.setdefault(word, word))
                counts.append(1 if word.isalpha() else len(_TOKEN.findall(word)))
                if word[-1] in ",;:" and i + 1 < len(split):
                    clauses.append(len(words))
        starts.append(len(words))
        clause_at.append(len(clauses))
        prefix: dict[str, str] = {}
        suffix: dict[str, str] = {}
        for word in canon:
            core = word.strip(_PUNCT)
            at = word.find(core) if core else 0
            prefix[word], suffix[word] = word[:at], word[at + len(core) :] if core else ""
        self.words = np.array(words, dtype=object)
        self.prefix = np.array([prefix[w] for w in words], dtype=object)
        self.suffix = np.array([suffix[w] for w in words], dtype=object)
        self.dressed = np.array([bool(prefix[w] or suffix[w]) for w in words], dtype=bool)
        self.counts = np.array(counts, dtype=np.int64)
        self.cum = np.concatenate(([0], np.cumsum(self.counts)))
        self.starts = np.array(starts, dtype=np.int64)
        self.ntokens = self.cum[self.starts[1:]] - self.cum[self.starts[:-1]]
        self.clauses = np.array(clauses, dtype=np.int64)
        self.clause_at = np.array(clause_at, dtype=np.int64)
        self.vocabulary = np.array(vocabulary, dtype=object)
        self.keep_runs = np.array(KEEP_RUNS, dtype=np.int64)
        self.rng = np.random.Generator(np.random.PCG64(seed))
        self.ready: list[str] = []
        self.dropped = 0

    def next(self, preambular: bool) -> str:
        for _ in range(20):
            if self.ready:
                return self.ready.pop()
            self._batch(preambular)
        raise ValueError("the pool is too small to synthesize fresh text from")

    def _batch(self, preambular: bool, size: int = SYNTH_BATCH) -> None:
        rng = self.rng
        n_par = len(self.ntokens)
        slots = SYNTH_SOURCES
        target = np.clip(self.ntokens[rng.integers(n_par, size=size)], *FRESH_LENGTH)
        # Each source's share, in order until the target is reached; counted in words
        # (most words are one token): the bound below uses the exact token counts.
        src = rng.integers(n_par, size=(size, slots))
        cap = np.minimum(self.ntokens[src] // SYNTH_SHARE, (target // SYNTH_SHARE)[:, None])
        before = np.cumsum(cap, axis=1) - cap
        share = np.clip(target[:, None] - before, 0, cap)
        begin, end = self.starts[src], self.starts[src + 1]
        n_clauses = self.clause_at[src + 1] - self.clause_at[src]
        first = self.clauses[self.clause_at[src] + (rng.random(src.shape) * n_clauses).astype(int)]
        stop = np.minimum(first + share, end)
        wrap = np.minimum(begin + share - (stop - first), first)
        # Pieces [first, stop) and the wrapped [begin, wrap), shuffled within each text.
        p_from = np.concatenate((first, begin), axis=1)
        p_to = np.concatenate((stop, wrap), axis=1)
        p_slot = np.tile(np.arange(size * slots).reshape(size, slots), 2)
        order = np.argsort(rng.random(p_from.shape), axis=1)
        p_from = np.take_along_axis(p_from, order, axis=1).ravel()
        p_to = np.take_along_axis(p_to, order, axis=1).ravel()
        p_slot = np.take_along_axis(p_slot, order, axis=1).ravel()
        lengths = np.maximum(p_to - p_from, 0)
        offsets = np.cumsum(lengths) - lengths
        index = np.repeat(p_from - offsets, lengths) + np.arange(int(lengths.sum()))
        w_slot = np.repeat(p_slot, lengths)  # text * slots + slot
        w_count = self.counts[index]
        # Substitutions: every (1 + KEEP_RUNS draw)-th token-bearing word, and 2+ token words.
        bearing = np.flatnonzero(w_count > 0)
        steps = np.cumsum(self.keep_runs[rng.integers(len(KEEP_RUNS), size=len(bearing))] + 1)
        replace = w_count > 1
        replace[bearing[steps[steps <= len(bearing)] - 1]] = True
        out = self.words[index]
        at = np.flatnonzero(replace)
        new = self.vocabulary[rng.integers(len(self.vocabulary), size=len(at))]
        dressed = self.dressed[index[at]]  # words with punctuation round their core
        new[dressed] = (
            self.prefix[index[at[dressed]]] + new[dressed] + self.suffix[index[at[dressed]]]
        )
        out[at] = new
        # The similarity bound against every source paragraph of every text.
        kept = np.bincount(w_slot, weights=np.where(replace, 0, w_count), minlength=size * slots)
        w_text = w_slot // slots
        total = np.bincount(w_text, weights=np.where(replace, 1, w_count), minlength=size)
        room = self.ntokens[src] + total[:, None]
        bad = (2 * kept.reshape(size, slots) >= FRESH_MAX_SIMILARITY * room).any(axis=1)
        # A paragraph used twice in a text: its kept tokens would add up. Drop the text.
        ordered = np.sort(np.where(share > 0, src, -1 - np.arange(slots)), axis=1)
        bad |= (ordered[:, 1:] == ordered[:, :-1]).any(axis=1) | (total < MIN_TOKENS)
        self.dropped += int(bad.sum())
        bounds = np.concatenate(([0], np.cumsum(np.bincount(w_text, minlength=size)))).tolist()
        texts = out.tolist()
        self.ready = [
            _finish(texts[bounds[t] : bounds[t + 1]], preambular)
            for t in np.flatnonzero(~bad)[::-1].tolist()
        ]


@dataclass
class _Series:
    """A live series: its plan and the last few members it can reuse from."""

    id: int
    title: str
    start: int
    length: int
    members: deque[tuple[str, tuple[Paragraph, ...], int]] = field(
        default_factory=lambda: deque(maxlen=MEMBER_WINDOW)
    )


def _plan(rng: random.Random, n_docs: int) -> list[tuple[int, int]]:
    """(start session, length) per series, lengths summing to exactly `n_docs`."""
    plan: list[tuple[int, int]] = []
    left = n_docs
    while left > 0:
        length = rng.randint(SERIES_MIN, SERIES_MAX)
        if left - length == 1:  # never leave a single-member series behind
            length = length + 1 if length < SERIES_MAX else length - 1
        length = min(length, left)
        plan.append((rng.randint(1, MAX_SESSION - length + 1), length))
        left -= length
    return plan


class _Generator:
    """All state of one `generate` run: one seeded Random, pool cursors, live series."""

    def __init__(self, pool: Pool, seed: int, counters: Counter[str]) -> None:
        if len(pool.preambular) + len(pool.operative) < 2 or not pool.vocabulary:
            raise ValueError("the pool needs at least two paragraphs and a vocabulary")
        self.rng = random.Random(seed)
        self.counters = counters
        self.vocabulary = pool.vocabulary
        self.titles = list(pool.titles) or ["Synthetic series"]
        self.rng.shuffle(self.titles)
        self.real: dict[bool, list[str]] = {
            True: list(pool.preambular),
            False: list(pool.operative),
        }
        for texts in self.real.values():
            self.rng.shuffle(texts)
        self.cursor = {True: 0, False: 0}
        # A kind without pool text (a tiny pool) synthesizes from the other kind's.
        synth_seeds = (self.rng.getrandbits(64), self.rng.getrandbits(64))
        self.synthesizers = {
            pre: _Synthesizer(
                texts if len(texts) >= 2 else (*pool.preambular, *pool.operative),
                pool.vocabulary,
                synth_seeds[pre],
            )
            for pre, texts in ((True, pool.preambular), (False, pool.operative))
        }
        self.reservoir: list[tuple[int, str, str, str]] = []
        self.pending: list[tuple[int, str, str, str]] = []

    # -- text makers --------------------------------------------------------------------

    def _below(self, n: int) -> int:
        """A uniform integer in [0, n): `random()` scaled, several times faster than randrange."""
        return int(self.rng.random() * n)

    def _fresh(self, preambular: bool) -> str:
        """The next unused pool paragraph, or synthesized text once the pool is used up."""
        real = self.real[preambular]
        at = self.cursor[preambular]
        if at < len(real):
            self.cursor[preambular] = at + 1
            self.counters["fresh from pool"] += 1
            return real[at]
        if not self.counters["fresh synthesized"]:
            self.counters["pool exhausted at document"] = self.counters["documents"] + 1
        self.counters["fresh synthesized"] += 1
        return self.synthesizers[preambular].next(preambular)

    def _near(self, text: str) -> str | None:
        """`text` with word edits, 2*LCS/(la+lb) in [0.6, 0.95]; None after 6 misses."""
        rnd = self.rng.random
        vocab = self.vocabulary
        words = text.split()
        source = tokens(text)
        low, high = NEAR_TARGET
        for _ in range(6):
            edits = max(1, round(len(source) * (1 - low - (high - low) * rnd())))
            new = words.copy()
            # From the end, so positions stay valid: 60% substitute, 20% insert, 20% delete.
            for pos in sorted({int(rnd() * len(words)) for _ in range(edits)}, reverse=True):
                op = rnd()
                if op < 0.6:
                    word = new[pos]
                    core = word.strip(_PUNCT)
                    if core == word:
                        new[pos] = vocab[int(rnd() * len(vocab))]
                    elif core:
                        at = word.find(core)
                        new[pos] = (
                            word[:at] + vocab[int(rnd() * len(vocab))] + word[at + len(core) :]
                        )
                elif op < 0.8:
                    new.insert(pos, vocab[int(rnd() * len(vocab))])
                elif len(new) > 1:
                    del new[pos]
            out = " ".join(new)
            if NEAR_MIN <= similarity(source, tokens(out)) <= NEAR_MAX:
                return new[0][:1].upper() + out[1:]
            self.counters["redrawn near-verbatim"] += 1
        return None

    def _partial(self, text: str, preambular: bool) -> str | None:
        """10-20 words of `text` inside fresh text; None when `text` has no such passage."""
        rnd = self.rng.random
        words = text.split()
        source = tokens(text)
        for _ in range(4):
            size = min(PASSAGE_MIN + self._below(PASSAGE_MAX - PASSAGE_MIN + 1), len(words))
            start = int(rnd() * (len(words) - size + 1))
            passage = words[start : start + size]
            plen = len(tokens(" ".join(passage)))
            if plen < PASSAGE_MIN:
                continue
            host = self._fresh(preambular).split()
            at = int(rnd() * (len(host) + 1))
            while True:
                out = [*host[:at], *passage, *host[at:]]
                toks = tokens(" ".join(out))
                if (
                    len(toks) >= PARTIAL_MIN_RATIO * plen
                    and similarity(source, toks) < PARTIAL_MAX_SIMILARITY
                ):
                    return _finish(out, preambular)
                host += self._fresh(preambular).split()
                self.counters["extended partial"] += 1
        return None

    # -- documents ----------------------------------------------------------------------

    def _pick(
        self, series: _Series, preambular: bool, used: set[str]
    ) -> tuple[str, Paragraph] | None:
        """A predecessor paragraph not yet used in this document, same kind if possible."""
        rng = self.rng
        members = series.members
        for attempt in range(8):
            if len(members) == 1 or rng.random() < P_PREVIOUS:
                symbol, paras, npp = members[-1]
            else:
                symbol, paras, npp = members[int(rng.random() * (len(members) - 1))]
            if attempt < 5:
                lo, hi = (0, npp) if preambular else (npp, len(paras))
            else:
                lo, hi = 0, len(paras)
            if hi <= lo:
                continue
            para = paras[lo + int(rng.random() * (hi - lo))]
            if para.text not in used:
                return symbol, para
        # Few left: scan the window, newest member first, from a random paragraph on.
        for symbol, paras, _ in reversed(members):
            offset = int(rng.random() * len(paras))
            for k in range(len(paras)):
                para = paras[(offset + k) % len(paras)]
                if para.text not in used:
                    return symbol, para
        return None

    def _borrow(self, series: int, used: set[str]) -> tuple[str, str, str] | None:
        for _ in range(4):
            if not self.reservoir:
                return None
            owner, symbol, pid, text = self.reservoir[self._below(len(self.reservoir))]
            if owner != series and text not in used:
                return symbol, pid, text
        return None

    def _document(self, series: _Series, session: int, number: int) -> SyntheticDoc:
        rng = self.rng
        count = MIN_PARAS + int((MAX_PARAS - MIN_PARAS) * rng.betavariate(BETA_A, BETA_B) + 0.5)
        npp = count // 3
        first = not series.members
        cross = self._below(count) if not first and rng.random() < P_CROSS else -1
        used: set[str] = set()
        paragraphs: list[Paragraph] = []
        truth: list[TruthLink] = []
        for i in range(count):
            pre = i < npp
            pid = _PP_IDS[i] if pre else _OP_IDS[i - npp]
            text: str | None = None
            if i == cross and (borrowed := self._borrow(series.id, used)) is not None:
                ssym, spid, text = borrowed
                used.add(text)
                truth.append(TruthLink(pid, ssym, spid, "verbatim"))
                self.counters["cross-series"] += 1
            elif not first and (r := rng.random()) < P_VERBATIM + P_NEAR + P_PARTIAL:
                picked = self._pick(series, pre, used)
                if picked is None:
                    self.counters["no source left"] += 1
                else:
                    ssym, src = picked
                    used.add(src.text)
                    kind: TruthKind = "verbatim"
                    if r < P_VERBATIM:
                        text = src.text
                    elif r < P_VERBATIM + P_NEAR:
                        text, kind = self._near(src.text), "near-verbatim"
                    else:
                        text, kind = self._partial(src.text, pre), "partial"
                    if text is None:
                        self.counters[f"{kind} fell back to verbatim"] += 1
                        text, kind = src.text, "verbatim"
                    truth.append(TruthLink(pid, ssym, src.id, kind))
            if text is None:
                text = self._fresh(pre)
                self.counters["fresh paragraphs"] += 1
            ptype: ParagraphKind = "preambular" if pre else "operative"
            paragraphs.append(
                Paragraph(id=pid, kind=ptype, text=text, number=None if pre else _NUMBERS[i - npp])
            )
        symbol = f"A/RES/{session}/{number}"
        adopted = rng.randint(1, 22)
        metadata = Metadata(
            symbol=symbol,
            doc_type="resolution",
            session=session,
            adopted_on=f"{FIRST_YEAR + session}-12-{adopted:02d}",
            issued_on=f"{FIRST_YEAR + session}-12-{adopted + rng.randint(2, 9):02d}",
            resolution_number=f"{session}/{number}",
            title=series.title,
        )
        paras = tuple(paragraphs)
        member = session - series.start
        series.members.append((symbol, paras, npp))
        lent = paras[self._below(count)]
        self.pending.append((series.id, symbol, lent.id, lent.text))
        self.counters["documents"] += 1
        return SyntheticDoc(
            Document(metadata=metadata, paragraphs=paras), tuple(truth), series.id, member
        )

    def _title(self, index: int) -> str:
        base = self.titles[index % len(self.titles)]
        rounds = index // len(self.titles)
        return base if rounds == 0 else f"{base} ({rounds + 1})"

    def _flush(self) -> None:
        """Make this session's documents borrowable from the next session on."""
        for entry in self.pending:
            if len(self.reservoir) < RESERVOIR:
                self.reservoir.append(entry)
            else:
                self.reservoir[self.rng.randrange(RESERVOIR)] = entry
        self.pending.clear()

    def run(self, n_docs: int) -> Iterator[SyntheticDoc]:
        plan = _plan(self.rng, n_docs)
        starting: list[list[int]] = [[] for _ in range(MAX_SESSION + 1)]
        for sid, (start, _) in enumerate(plan):
            starting[start].append(sid)
        live: list[_Series] = []
        for session in range(1, MAX_SESSION + 1):
            live = [s for s in live if s.start + s.length > session]
            live += [_Series(sid, self._title(sid), *plan[sid]) for sid in starting[session]]
            for number, series in enumerate(live, start=1):
                yield self._document(series, session, number)
            self._flush()


def generate(
    pool: Pool, n_docs: int, seed: int = 0, counters: Counter[str] | None = None
) -> Iterator[SyntheticDoc]:
    """`n_docs` synthetic documents, lazily, every source before the documents reusing it.

    The same pool and seed give the same documents and truth. `counters`, when given,
    receives generation statistics (fresh text drawn from the pool / synthesized,
    redraws, fallbacks).
    """
    if n_docs < 0:
        raise ValueError("n_docs must be >= 0")
    return _Generator(pool, seed, counters if counters is not None else Counter()).run(n_docs)


# -- command line -------------------------------------------------------------------------


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=2000, help="documents to generate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stats", action="store_true", help="print truth and speed figures")
    parser.add_argument("--text-dir", type=Path, default=TEXT_DIR)
    parser.add_argument("--limit", type=int, default=None, help="build the pool from N files")
    parser.add_argument("--no-cache", action="store_true", help="ignore benchmarks/.cache")
    parser.add_argument("--out", type=Path, help="write the documents as JSON lines")
    parser.add_argument("--digest", action="store_true", help="print a SHA-256 of the output")
    args = parser.parse_args(argv)

    if not args.text_dir.is_dir():
        print(f"synthetic_corpus: corpus not found at {args.text_dir}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    pool = load_pool(args.text_dir, args.limit, cache_dir=None if args.no_cache else CACHE_DIR)
    pool_seconds = time.perf_counter() - started

    counters: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    n_paras = later_paras = 0
    sizes: Counter[int] = Counter()
    digest = hashlib.sha256() if args.digest else None
    out = args.out.open("w", encoding="utf-8") if args.out else None
    started, cpu_started = time.perf_counter(), time.process_time()
    for synthetic in generate(pool, args.n, args.seed, counters):
        size = len(synthetic.document.paragraphs)
        n_paras += size
        sizes[size] += 1
        if synthetic.member:
            later_paras += size
        kinds.update(link.kind for link in synthetic.truth)
        if out is not None or digest is not None:
            line = json.dumps(synthetic.to_dict(), ensure_ascii=False, sort_keys=True) + "\n"
            if out is not None:
                out.write(line)
            if digest is not None:
                digest.update(line.encode())
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    if out is not None:
        out.close()
    n = counters["documents"]
    if args.stats:
        rate = n / seconds if seconds else float("inf")
        cpu_rate = n / cpu_seconds if cpu_seconds else float("inf")
        print(
            f"pool: {len(pool.preambular):,} preambular + {len(pool.operative):,} operative "
            f"paragraphs from {pool.documents:,} documents, {len(pool.vocabulary):,} words, "
            f"{len(pool.titles):,} titles ({pool_seconds:.2f} s)"
        )
        print(
            f"documents: {n:,} in {seconds:.2f} s = {rate:,.0f} docs/s wall clock, "
            f"{cpu_rate:,.0f} docs per CPU second "
            f"(seed {args.seed}{', with serialization' if out or digest else ''})"
        )
        mean = n_paras / n if n else 0.0
        print(
            f"paragraphs: {n_paras:,}, {mean:.2f} per document "
            f"(min {min(sizes, default=0)}, max {max(sizes, default=0)})"
        )
        links = sum(kinds.values())
        print(f"truth links: {links:,}")
        for kind in ("verbatim", "near-verbatim", "partial"):
            share = kinds[kind] / later_paras if later_paras else 0.0
            print(f"  {kind:<14} {kinds[kind]:>10,}  ({share:.1%} of later members' paragraphs)")
        print(f"  of which cross-series verbatim: {counters['cross-series']:,}")
        print(
            f"fresh paragraphs (no truth): {counters['fresh paragraphs']:,}; fresh text drawn: "
            f"{counters['fresh from pool']:,} from the pool, "
            f"{counters['fresh synthesized']:,} synthesized"
            + (
                f" (pool exhausted at document {counters['pool exhausted at document']:,})"
                if counters["fresh synthesized"]
                else ""
            )
        )
        other = [
            f"{key} {counters[key]:,}"
            for key in (
                "redrawn near-verbatim",
                "near-verbatim fell back to verbatim",
                "partial fell back to verbatim",
                "extended partial",
                "redrawn synthesized",
                "no source left",
            )
            if counters[key]
        ]
        if other:
            print("redraws and fallbacks: " + ", ".join(other))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS: {peak:.0f} MB")
    if digest is not None:
        print(f"sha256: {digest.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
