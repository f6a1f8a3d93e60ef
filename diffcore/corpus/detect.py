"""Finding reused language: a batch job over (document, paragraph, shingle) tables.

The job, in relational terms, for a set of probe paragraphs P against the stored
paragraphs Q (at ingest P is the new document; Q is everything stored before it):

1. ``F = shingles(P) JOIN shingles(Q) ON fp``, dropping every fingerprint held by
   more than ``DF_CAP`` stored paragraphs: boilerplate ("to submit to the General
   Assembly at its") would otherwise pair thousands of unrelated paragraphs;
2. ``B = bands(P) JOIN bands(Q) ON key``, dropping buckets over ``BAND_CAP``: MinHash
   LSH finds near-duplicates even when all their fingerprints are common words;
3. ``C = DISTINCT (p, q) FROM F UNION B`` minus pairs that are verbatim copies
   (equal ``text_hash``; those are answered from the hash index at query time);
4. ``links = MAP verify OVER C``: an LCS alignment of the two word sequences gives the
   similarity 2*LCS/(|p|+|q|), the longest shared run and where it starts; a pair is
   kept when the similarity reaches ``FLOOR`` or the run reaches ``PARTIAL_RUN`` words
   (in English; the language's `partial_run` elsewhere).

Every step is a join, a filter or a map over rows, so the same job can run on a
distributed engine over the whole multilingual corpus; here the joins are index
lookups in SQLite and the verification is rapidfuzz's bit-parallel LCS (C++), which
costs a microsecond a pair where a Python diff would cost a millisecond.

The document-frequency filter is kept in the index itself: once a key is held by
``cap`` paragraphs, a sentinel row (paragraph -1) marks it saturated and no more
postings are written for it, so a lookup never reads more than ``cap + 1`` rows and
boilerplate costs no space beyond that.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .. import lang
from . import postings
from .language import DEFAULT_LANGUAGE
from .shingles import ParagraphKeys, codes, keys_of_ids, text_ids
from .store import CorpusStore
from .thresholds import FLOOR
from .verify import Match, may_match, verify_all

__all__ = [
    "BAND_CAP",
    "DF_CAP",
    "FLOOR",
    "PARTIAL_RUN",
    "RARE",
    "SATURATED",
    "Link",
    "Lookup",
    "Probe",
    "find_links",
    "lookup",
    "partial_run",
    "probes_of",
]

DF_CAP = 64
RARE = 8
INTRA_CAP = 16
BAND_CAP = 128
PARTIAL_RUN = 8  # in English; other languages: `partial_run`
SATURATED = -1


def partial_run(language: str | None) -> int:
    """The shortest shared run (index words) that is partial reuse in this language:
    8 English words are about 9 French words and 12 Han characters
    (`Language.reuse_run`)."""
    return lang.get(language).reuse_run


@dataclass(frozen=True)
class Probe:
    """A paragraph to look up: its words as one character each, and its index keys."""

    codes: str
    keys: ParagraphKeys


def probes_of(
    id_lists: Sequence[list[int]], language: str | None = None
) -> tuple[list[ParagraphKeys | None], list[Probe | None]]:
    """A document's index keys and probes, from its paragraphs' word ids."""
    keys = keys_of_ids(list(id_lists), language)
    probes = [
        Probe(codes(ids), key) if key is not None else None
        for ids, key in zip(id_lists, keys, strict=True)
    ]
    return keys, probes


@dataclass(frozen=True)
class Link:
    """A verified pair: probe paragraph `probe` (an index into the probes) and `other`."""

    probe: int
    other: int
    similarity: float
    matched: int
    run: int
    probe_start: int
    other_start: int


@dataclass(frozen=True)
class Lookup:
    """Steps 1-2 for a set of probes: holders of each key, and how full each key is."""

    by_fp: dict[int, list[int]]
    by_band: dict[int, list[int]]
    fp_load: dict[int, int]
    band_load: dict[int, int]


def _postings(
    store: CorpusStore, table: str, values: Iterable[int], cap: int
) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Holders under each key (saturated keys left out), and each key's row count."""
    holders: dict[int, list[int]] = {}
    load: dict[int, int] = {}
    # One row a key, postings joined in SQLite: far fewer Python objects per lookup.
    for value, count, joined in postings.lookup(store.conn, table, values):
        found = [int(x) for x in joined.split(",")] if count <= cap else []
        if not found or SATURATED in found:
            load[value] = cap + 1
        else:
            load[value] = count
            holders[value] = found
    return holders, load


def lookup(store: CorpusStore, probes: Sequence[Probe | None]) -> Lookup:
    fps = [fp for p in probes if p for fp in p.keys.fingerprints]
    bands = [b for p in probes if p for b in p.keys.bands]
    by_fp, fp_load = _postings(store, "shingles", fps, DF_CAP)
    by_band, band_load = _postings(store, "bands", bands, BAND_CAP)
    return Lookup(by_fp, by_band, fp_load, band_load)


def candidates(
    found: Lookup, probes: Sequence[Probe | None]
) -> dict[int, tuple[set[int], set[int]]]:
    """Step 3: candidate stored paragraphs for each probe, as (by passage, by band only).

    A fingerprint shared with a stored paragraph makes it a candidate when it is
    rare (held by at most ``RARE`` paragraphs), when a second one is shared too, or
    when the probe is too short to have two; one common phrase shared once is what
    unrelated resolutions have in common. A candidate found only through a MinHash
    band shares no indexed passage, so it can only be near-verbatim.
    """
    out: dict[int, tuple[set[int], set[int]]] = {}
    for index, probe in enumerate(probes):
        if probe is None:
            continue
        hits: set[int] = set()
        seen_once: set[int] = set()
        lenient = len(probe.keys.fingerprints) < 2
        for fp in probe.keys.fingerprints:
            holders = found.by_fp.get(fp)
            if not holders:
                continue
            if lenient or len(holders) <= RARE:
                hits.update(holders)
                continue
            for q in holders:
                if q in seen_once:
                    hits.add(q)
                else:
                    seen_once.add(q)
        banded: set[int] = set()
        for band in probe.keys.bands:
            banded.update(found.by_band.get(band, ()))
        out[index] = (hits, banded - hits)
    return out


class CodeCache:
    """Stored paragraphs' words as codes, kept across documents of one run.

    The same earlier paragraphs are candidates for document after document (last
    year's resolution for this year's draft and adopted text), so their text is read
    and tokenized once.
    """

    def __init__(self, limit: int = 300_000) -> None:
        self.limit = limit
        self.data: dict[int, str] = {}

    def fill(self, store: CorpusStore, ids: Iterable[int]) -> None:
        """Make sure every one of `ids` has its codes in `data`."""
        wanted = set(ids)
        missing = [i for i in wanted if i not in self.data]
        if len(self.data) + len(missing) > self.limit:
            self.data.clear()  # start again, keeping only what this call needs
            missing = list(wanted)
        for pid, text in store.texts(missing).items():
            self.data[pid] = codes(text_ids(text))


def find_links(
    store: CorpusStore,
    probes: Sequence[Probe | None],
    found: Lookup | None = None,
    *,
    exclude_document: int | None = None,
    cache: CodeCache | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> list[Link]:
    """Steps 3-4 for these probes (paragraphs in `language`) against the stored
    paragraphs of the same language, in a stable order.

    The keys are per language already; the language check makes sure no chance
    collision of keys pairs two languages. The LCS lengths of all candidate pairs are
    computed in one call into rapidfuzz (C++); Python only looks at the pairs that pass.
    """
    found = found or lookup(store, probes)
    min_run = partial_run(language)
    cache = cache or CodeCache()
    cands = candidates(found, probes)
    meta = store.paragraph_meta([q for hits, banded in cands.values() for q in (*hits, *banded)])
    docs = store.documents()
    pairs: list[tuple[int, int, bool]] = []
    for index in sorted(cands):
        probe = probes[index]
        assert probe is not None
        n = len(probe.codes)
        hits, banded = cands[index]
        for other in sorted(hits | banded):
            row = meta.get(other)
            if row is None or row.document == exclude_document:
                continue
            info = docs.get(row.document)
            if info is None or info.language != language:
                continue
            if row.text_hash == probe.keys.text_hash:
                continue
            passage = other in hits
            if may_match(n, row.n_words, passage, min_run):
                pairs.append((index, other, passage))
    if not pairs:
        return []
    cache.fill(store, {other for _, other, _ in pairs})
    codes_of = [p.codes if p is not None else "" for p in probes]
    matches = verify_all(
        [(codes_of[i], cache.data[o], passage) for i, o, passage in pairs], min_run
    )
    links: list[Link] = []
    for (index, other, _), match in zip(pairs, matches, strict=True):
        if match is not None:
            links.append(
                Link(
                    index,
                    other,
                    match.similarity,
                    match.matched,
                    match.run,
                    match.a_start,
                    match.b_start,
                )
            )
    return links


def _groups(owned: list[tuple[int, tuple[int, ...]]]) -> list[list[int]]:
    """Owners sharing a key, for keys held by 2..INTRA_CAP owners (sorted, in numpy:
    a dict of lists cost more than the rest of the document's detection)."""
    if not owned:
        return []
    values = np.fromiter((v for _, vs in owned for v in vs), dtype=np.int64)
    owners = np.repeat(
        np.array([i for i, _ in owned], dtype=np.int64),
        np.array([len(vs) for _, vs in owned], dtype=np.int64),
    )
    order = np.lexsort((owners, values))
    values, owners = values[order], owners[order]
    starts = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(values)])))
    chosen = (sizes >= 2) & (sizes <= INTRA_CAP)
    return [
        owners[start : start + size].tolist()
        for start, size in zip(starts[chosen].tolist(), sizes[chosen].tolist(), strict=True)
    ]


def intra_links(
    probes: Sequence[Probe | None], language: str = DEFAULT_LANGUAGE
) -> list[tuple[int, int, Match]]:
    """Pairs among one document's own new texts, by the same candidate rules.

    Not reuse in themselves (a document is not its own precedent), but a copy of one
    of them stored later in an older document must find the other through them, in
    whatever order documents are added.
    """
    min_run = partial_run(language)
    live = [(i, p) for i, p in enumerate(probes) if p is not None]
    shared: dict[tuple[int, int], int] = {}
    for group in _groups([(i, p.keys.fingerprints) for i, p in live]):
        for x, i in enumerate(group):
            for j in group[x + 1 :]:
                shared[(i, j)] = shared.get((i, j), 0) + 1
    pairs = set()
    for (i, j), count in shared.items():
        pi, pj = probes[i], probes[j]
        assert pi is not None and pj is not None
        if count >= 2 or min(len(pi.keys.fingerprints), len(pj.keys.fingerprints)) < 2:
            pairs.add((i, j))
    for group in _groups([(i, p.keys.bands) for i, p in live]):
        for x, i in enumerate(group):
            pairs.update((i, j) for j in group[x + 1 :])
    kept = []
    for i, j in sorted(pairs):
        pi, pj = probes[i], probes[j]
        assert pi is not None and pj is not None
        if pi.keys.text_hash != pj.keys.text_hash and may_match(
            len(pi.codes), len(pj.codes), True, min_run
        ):
            kept.append((i, j, pi.codes, pj.codes))
    matches = verify_all([(a, b, True) for _, _, a, b in kept], min_run)
    return [
        (i, j, match)
        for (i, j, _, _), match in zip(kept, matches, strict=True)
        if match is not None
    ]
