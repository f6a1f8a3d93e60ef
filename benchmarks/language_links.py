"""Reuse links in one language against the same resolutions' links in another.

The reuse found among the French (or Chinese) texts of a set of resolutions should be
the reuse found among their English texts: the translators carry agreed language
over as the drafters did. Paragraphs are mapped across languages by (symbol,
paragraph label) ("A/RES/80/9", "OP3"); a link is an unordered pair of such keys in
two different documents that the corpus relates (a verbatim copy, or a verified link
of the index); `agreement` is the share of one language's links whose counterpart
pair is linked in the other. Used by tests/test_language_reuse.py and
bench_language_reuse.py.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from diffcore.corpus.ingest import add_paths
from diffcore.corpus.store import CorpusStore, open_store

Key = tuple[str, str]  # (symbol, paragraph label)
MAPPED_KINDS = ("preambular", "operative", "subparagraph")
Pair = tuple[Key, Key]


def build(db: Path, files: Iterable[Path]) -> tuple[CorpusStore, list[str]]:
    """A corpus of these files (added in name order), open; and why files failed."""
    store = open_store(db)
    results = add_paths(store, [str(f) for f in sorted(files)])
    return store, [r.error or r.path for r in results if r.status == "failed"]


def links_by_language(store: CorpusStore) -> dict[str, dict[Pair, float]]:
    """Each language's reuse links between numbered paragraphs (preambular, operative,
    sub-paragraphs: their labels are the keys that map across languages) of different
    documents, as pairs of (symbol, label) with their similarity (1.0 verbatim)."""
    docs = store.documents()
    key_of: dict[int, tuple[Key, int, str]] = {}
    groups: dict[int, list[int]] = defaultdict(list)
    for pid, doc, label, kind, text_hash in store.conn.execute(
        "SELECT id, document, label, kind, text_hash FROM paragraphs"
    ):
        if text_hash is not None:
            groups[text_hash].append(pid)
        if kind in MAPPED_KINDS:
            info = docs[doc]
            key_of[pid] = ((info.symbol or f"#{doc}", label), doc, info.language)
    out: dict[str, dict[Pair, float]] = defaultdict(dict)

    def link(a: int, b: int, similarity: float) -> None:
        if a not in key_of or b not in key_of:
            return
        (ka, da, la), (kb, db, lb) = key_of[a], key_of[b]
        assert la == lb, f"a link across languages: {ka} ({la}) - {kb} ({lb})"
        if da != db:
            pair = (min(ka, kb), max(ka, kb))
            out[la][pair] = max(similarity, out[la].get(pair, 0.0))

    for members in groups.values():
        for a, b in itertools.combinations(members, 2):
            link(a, b, 1.0)
    # A link of a text's representative holds for every copy of both texts.
    rep_group = {members[0]: members for members in groups.values()}
    for a, b, similarity in store.conn.execute("SELECT a, b, similarity FROM links"):
        for x in rep_group.get(a, [a]):
            for y in rep_group.get(b, [b]):
                link(x, y, similarity)
    return dict(out)


@dataclass(frozen=True)
class Agreement:
    """How many of `source`'s links are linked in `other` too, and those that are not."""

    source: str
    other: str
    links: int  # between paragraphs that map to the other language
    found: int
    unmapped: tuple[Pair, ...]  # left out: a paragraph that does not map
    missed: tuple[Pair, ...]  # both map, but the other language does not link them

    @property
    def share(self) -> float:
        return self.found / self.links if self.links else 1.0


def agreement(
    links: dict[str, dict[Pair, float]],
    keys: dict[str, set[Key]],
    source: str,
    other: str,
    min_similarity: float,
    other_floor: float,
) -> Agreement:
    """Share of `source`'s links at `min_similarity` or more whose counterpart pair is
    linked in `other` at `other_floor` or more."""
    theirs = links.get(other, {})
    mine = sorted(p for p, s in links.get(source, {}).items() if s >= min_similarity)
    found, unmapped, missed = 0, [], []
    for pair in mine:
        if pair[0] not in keys[source] or pair[1] not in keys[source]:
            unmapped.append(pair)
        elif theirs.get(pair, 0.0) >= other_floor:
            found += 1
        else:
            missed.append(pair)
    return Agreement(source, other, found + len(missed), found, tuple(unmapped), tuple(missed))


def paragraph_keys(store: CorpusStore) -> dict[str, set[Key]]:
    """Each language's (symbol, label) keys, of the documents whose numbered paragraphs
    have, in order, the labels of the same document in every other language stored: in
    the others the reader found another structure (a paragraph more or less, another
    numbering), so a label there need not name the same paragraph."""
    docs = store.documents()
    labels: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc, label, kind in store.conn.execute(
        "SELECT document, label, kind FROM paragraphs ORDER BY document, seq"
    ):
        info = docs[doc]
        if kind in MAPPED_KINDS and info.symbol:
            labels[(info.symbol, info.language)].append(label)
    languages = {lang for _, lang in labels}
    out: dict[str, set[Key]] = {lang: set() for lang in languages}
    for (symbol, language), mine in labels.items():
        if all(labels.get((symbol, other)) == mine for other in languages):
            out[language].update((symbol, label) for label in mine)
    return out


def text_of(store: CorpusStore, key: Key, language: str) -> str:
    """One stored text of a paragraph key in a language (for printing misses)."""
    docs = store.documents()
    ids = [d.id for d in docs.values() if d.symbol == key[0] and d.language == language]
    for doc in ids:
        row = store.conn.execute(
            "SELECT text FROM paragraphs WHERE document=? AND label=?", (doc, key[1])
        ).fetchone()
        if row:
            return str(row[0])
    return ""
