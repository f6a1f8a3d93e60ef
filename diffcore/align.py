"""Paragraph alignment between two versions of a document.

Order of evidence, strongest first:
1. exact anchors: identical text, unique on both sides, kept where they preserve order
   (longest increasing subsequence, as in patience diff). The chain is chosen together
   with the close pairs (each the other's best, cosine >= FUZZY) among the paragraphs
   left over, so that one paragraph moved past edited neighbours is the one reported
   moved, rather than staying an anchor while its edited neighbours are reported moved;
2. between consecutive anchors, an order-preserving match maximising TF-IDF cosine
   (boilerplate weighs little); a lone paragraph facing a lone paragraph of the same
   kind and number is the same paragraph rewritten;
3. moves: what is left unmatched on both sides, paired only when the texts are close and
   each is the other's best match, since a false move is worse than a missed one;
4. splits and merges: an unmatched neighbour whose words the matched partner contains.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import worddiff
from .classify import classified
from .comparison import (
    Change,
    ChangeOp,
    CompareOptions,
    Comparison,
    FootnoteChange,
    MatchedBy,
    MetadataChange,
    Segment,
)
from .lang import Language
from .model import Document, Paragraph
from .prefix_filter import candidate_pairs, heavy_terms
from .similarity import Index, language_of, match_key

FUZZY = 0.5  # cosine needed to pair paragraphs inside a gap
WEAK = 0.3  # enough when kind and number agree as well
LONE = 0.15  # a lone paragraph facing a lone paragraph with the same number
MOVE = 0.75  # cosine needed to call an out-of-order pair a move
CLOSE = FUZZY  # cosine of a close pair that competes for the in-order chain
MOVE_MIN_CHARS = 40
SPLIT = 0.75  # cosine of one side against the joined other side
CONTAIN = 0.7  # share of a split-off piece found in the original
DP_CELLS = 250_000  # above this a gap is matched greedily instead of by dynamic programming
# Anchor chain weights: a pair counts 1, less CLOSE_PENALTY when its texts are not identical,
# plus CHAR_WEIGHT a character; each term outweighs the sum of the smaller ones below 1M chars.
CLOSE_PENALTY = 1e-6
CHAR_WEIGHT = 1e-12


@dataclass
class Pair:
    """An alignment unit before it becomes a `Change`."""

    olds: list[int]
    news: list[int]
    matched_by: MatchedBy | None
    in_order: bool = True


def _lis(
    pairs: list[tuple[int, int]], weights: Sequence[float] | None = None
) -> list[tuple[int, int]]:
    """Heaviest chain of (old, new) pairs increasing in both coordinates.

    With weights of one plus a tiny length term, the chain keeps the most pairs and, among
    equally long chains, the most text; a chain's weight does not depend on which side is
    called old, so A->B and B->A keep the same anchors.
    """
    if not pairs:
        return []
    w = list(weights) if weights is not None else [1.0] * len(pairs)
    size = max(n for _, n in pairs) + 2
    tree_val = [0.0] * (size + 1)
    tree_idx = [-1] * (size + 1)

    def query(pos: int) -> tuple[float, int]:
        best, idx = 0.0, -1
        while pos > 0:
            if tree_val[pos] > best:
                best, idx = tree_val[pos], tree_idx[pos]
            pos -= pos & -pos
        return best, idx

    def update(pos: int, val: float, idx: int) -> None:
        while pos <= size:
            if val > tree_val[pos]:
                tree_val[pos], tree_idx[pos] = val, idx
            pos += pos & -pos

    order = sorted(range(len(pairs)), key=lambda k: pairs[k])
    score = [0.0] * len(pairs)
    prev = [-1] * len(pairs)
    # Pairs sharing an old index must not chain: process each old index as a group.
    k = 0
    while k < len(order):
        group = [order[k]]
        while k + len(group) < len(order) and pairs[order[k + len(group)]][0] == pairs[order[k]][0]:
            group.append(order[k + len(group)])
        results = []
        for idx in group:
            best, p = query(pairs[idx][1] + 1)  # new indices strictly below
            results.append((idx, best + w[idx], p))
        for idx, val, p in results:
            score[idx], prev[idx] = val, p
            update(pairs[idx][1] + 2, val, idx)
        k += len(group)
    end = max(range(len(pairs)), key=lambda i: (score[i], -pairs[i][0]))
    out: list[tuple[int, int]] = []
    while end >= 0:
        out.append(pairs[end])
        end = prev[end]
    return out[::-1]


def _run_around(center: int, lone: dict[int, Pair], joins: Callable[[int], bool]) -> list[int]:
    """`center` with the unmatched neighbours on each side that `joins` accepts, in order."""
    run = [center]
    k = center + 1
    while k in lone and joins(k):
        run.append(k)
        k += 1
    k = center - 1
    while k in lone and joins(k):
        run.insert(0, k)
        k -= 1
    return run


def _gains(joined: float, base: float) -> bool:
    """Joining the neighbours explains clearly more: half the distance to 1 at most."""
    return joined - base >= min(0.05, (1.0 - base) / 2) and joined > base


class SequenceAligner:
    """Aligns two sequences of texts; `labels` carry (kind, number) for tie-breaking."""

    def __init__(
        self,
        old: Sequence[str],
        new: Sequence[str],
        old_labels: Sequence[tuple[str, str | None]],
        new_labels: Sequence[tuple[str, str | None]],
        key: Callable[[str], str],
    ) -> None:
        self.old, self.new = old, new
        self.old_labels, self.new_labels = old_labels, new_labels
        # A paragraph with no words of its own ("4." then "(a)") is known by its label.
        self.old_keys = [key(t) or f"\x00{lab}" for t, lab in zip(old, old_labels, strict=True)]
        self.new_keys = [key(t) or f"\x00{lab}" for t, lab in zip(new, new_labels, strict=True)]
        self._cos: dict[tuple[int, int], float] = {}

    @functools.cached_property
    def index(self) -> Index:
        """Built on first use: identical versions are aligned by exact anchors alone."""
        return Index(self.old, self.new)

    def cos(self, i: int, j: int) -> float:
        k = (i, j)
        if k not in self._cos:
            self._cos[k] = self.index.cosine(i, j)
        return self._cos[k]

    def same_label(self, i: int, j: int) -> bool:
        return self.old_labels[i] == self.new_labels[j] and self.old_labels[i][1] is not None

    def run(self) -> list[Pair]:
        pairs, moved = self._anchors()
        matched_old = {o for o, _ in pairs} | {o for o, _ in moved}
        matched_new = {n for _, n in pairs} | {n for _, n in moved}
        result = [Pair([o], [n], "exact") for o, n in pairs]
        bounds = [(-1, -1), *pairs, (len(self.old), len(self.new))]
        for (ao, an), (bo, bn) in itertools.pairwise(bounds):
            olds = [i for i in range(ao + 1, bo) if i not in matched_old]
            news = [j for j in range(an + 1, bn) if j not in matched_new]
            result.extend(self._gap(olds, news))
        result.extend(Pair([o], [n], "move", in_order=False) for o, n in moved)
        return self._moves_splits(result)

    def _anchors(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        positions_old: dict[str, list[int]] = {}
        positions_new: dict[str, list[int]] = {}
        for i, k in enumerate(self.old_keys):
            positions_old.setdefault(k, []).append(i)
        for j, k in enumerate(self.new_keys):
            positions_new.setdefault(k, []).append(j)
        candidates: list[tuple[int, int]] = []
        for k, olds in positions_old.items():
            news = positions_new.get(k)
            if not news:
                continue
            if len(olds) == len(news):
                candidates.extend(zip(olds, news, strict=True))
        candidates.sort()
        # Close pairs compete for the in-order chain like exact ones: counting both makes the
        # chain leave out (and so report as moved) as few paragraphs as possible.
        close = self._close_leftovers(candidates)
        chained = sorted(candidates + close)
        # Most pairs first; then exact pairs rather than close ones (identical text is the
        # surer anchor); then the most text (the same either way round).
        inexact = set(close)
        weights = [
            1.0
            - CLOSE_PENALTY * ((o, n) in inexact)
            + (len(self.old_keys[o]) + len(self.new_keys[n])) * CHAR_WEIGHT / 2
            for o, n in chained
        ]
        kept = set(_lis(chained, weights))
        anchors = [pair for pair in candidates if pair in kept]
        moved = [
            (o, n)
            for o, n in candidates
            if (o, n) not in kept and len(self.old[o]) >= MOVE_MIN_CHARS
        ]
        return anchors, moved

    def _close_leftovers(self, exact: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Pairs of paragraphs without an exact match, each the other's single best match
        (cosine >= CLOSE, no tie), both long enough. Only as close as a gap match needs,
        not a move: a neighbour with a few words in ten edited ("Toma nota" -> "concrete
        nota") still counts for the chain, which then leaves out the one paragraph that
        moved past it (A/RES/80/218 in Spanish, generated edits)."""
        taken_old, taken_new = {o for o, _ in exact}, {n for _, n in exact}
        olds = [
            i for i, t in enumerate(self.old) if i not in taken_old and len(t) >= MOVE_MIN_CHARS
        ]
        news = [
            j for j, t in enumerate(self.new) if j not in taken_new and len(t) >= MOVE_MIN_CHARS
        ]
        if not olds or not news:
            return []
        # Only pairs that can reach CLOSE are scored (see prefix_filter): the same result as
        # scoring all of them, with a small share of the cosines.
        index = self.index
        best_old: dict[int, list[tuple[float, int]]] = {}  # old -> [(cosine, new)] at best
        best_new: dict[int, list[tuple[float, int]]] = {}
        for i, j in candidate_pairs(index.old_vecs, index.new_vecs, olds, news, index.idf, CLOSE):
            c = self.cos(i, j)
            if c < CLOSE:
                continue
            for best, key, other in ((best_old, i, j), (best_new, j, i)):
                top = best.get(key)
                if top is None or c > top[0][0] + 1e-12:
                    best[key] = [(c, other)]
                elif c > top[0][0] - 1e-12:
                    top.append((c, other))
        return [
            (i, tops[0][1])
            for i, tops in sorted(best_old.items())
            if len(tops) == 1 and [t[1] for t in best_new[tops[0][1]]] == [i]
        ]

    def _score(self, i: int, j: int) -> float | None:
        c = self.cos(i, j)
        if c >= FUZZY or (c >= WEAK and self.same_label(i, j)):
            return c + (0.05 if self.old_labels[i][0] == self.new_labels[j][0] else 0.0)
        return None

    def _gap(self, olds: list[int], news: list[int]) -> list[Pair]:
        if not olds or not news:
            return [Pair([i], [], None) for i in olds] + [Pair([], [j], None) for j in news]
        if len(olds) == 1 and len(news) == 1:
            i, j = olds[0], news[0]
            c = self.cos(i, j)
            if c >= FUZZY or (c >= LONE and self.same_label(i, j)):
                return [Pair([i], [j], "fuzzy" if c >= FUZZY else "number")]
            return [Pair([i], [], None), Pair([], [j], None)]
        scores: dict[tuple[int, int], float] = {}
        for j in news:
            for i in self.index.candidates(j, olds):
                s = self._score(i, j)
                if s is not None:
                    scores[(i, j)] = s
        if len(olds) * len(news) <= DP_CELLS:
            chosen = self._dp(olds, news, scores)
        else:
            chosen = self._greedy(scores)
        pairs = [
            Pair([i], [j], "fuzzy" if self.cos(i, j) >= FUZZY else "number") for i, j in chosen
        ]
        used_o = {i for i, _ in chosen}
        used_n = {j for _, j in chosen}
        pairs.extend(Pair([i], [], None) for i in olds if i not in used_o)
        pairs.extend(Pair([], [j], None) for j in news if j not in used_n)
        return pairs

    @staticmethod
    def _dp(
        olds: list[int], news: list[int], scores: dict[tuple[int, int], float]
    ) -> list[tuple[int, int]]:
        n, m = len(olds), len(news)
        table = [[0.0] * (m + 1) for _ in range(n + 1)]
        for a in range(1, n + 1):
            row, up = table[a], table[a - 1]
            oi = olds[a - 1]
            for b in range(1, m + 1):
                best = up[b] if up[b] >= row[b - 1] else row[b - 1]
                s = scores.get((oi, news[b - 1]))
                if s is not None and up[b - 1] + s > best:
                    best = up[b - 1] + s
                row[b] = best
        chosen: list[tuple[int, int]] = []
        a, b = n, m
        while a > 0 and b > 0:
            s = scores.get((olds[a - 1], news[b - 1]))
            if s is not None and abs(table[a][b] - (table[a - 1][b - 1] + s)) < 1e-12:
                chosen.append((olds[a - 1], news[b - 1]))
                a, b = a - 1, b - 1
            elif table[a][b] == table[a - 1][b]:
                a -= 1
            else:
                b -= 1
        return chosen[::-1]

    @staticmethod
    def _greedy(scores: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
        """Best pairs first, keeping only those that do not cross the ones kept."""
        olds: list[int] = []
        news: list[int] = []
        for (i, j), _s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
            pos = bisect.bisect_left(olds, i)
            if pos < len(olds) and olds[pos] == i:
                continue
            lo = news[pos - 1] if pos else -1
            hi = news[pos] if pos < len(news) else len(scores) + 10**9
            if lo < j < hi:
                olds.insert(pos, i)
                news.insert(pos, j)
        return list(zip(olds, news, strict=True))

    def _moves_splits(self, pairs: list[Pair]) -> list[Pair]:
        lone_old = {p.olds[0]: p for p in pairs if p.olds and not p.news}
        lone_new = {p.news[0]: p for p in pairs if p.news and not p.olds}
        # Moves: mutual best matches among leftovers, long enough to be unambiguous.
        best_new: dict[int, tuple[float, int]] = {}
        for j in lone_new if lone_old else ():
            for i in self.index.candidates(j, list(lone_old)):
                c = self.cos(i, j)
                if c >= MOVE and c > best_new.get(j, (0.0, -1))[0]:
                    best_new[j] = (c, i)
        best_old: dict[int, tuple[float, int]] = {}
        for j, (c, i) in best_new.items():
            if c > best_old.get(i, (0.0, -1))[0]:
                best_old[i] = (c, j)
        for i, (_c, j) in best_old.items():
            if best_new[j][1] != i or min(len(self.old[i]), len(self.new[j])) < MOVE_MIN_CHARS:
                continue
            lone_old.pop(i)
            lone_new.pop(j)
            pairs.append(Pair([i], [j], "move", in_order=False))
        # Splits and merges next to an in-order pair.
        by_new = {p.news[0]: p for p in pairs if len(p.olds) == 1 and len(p.news) == 1}
        by_old = {p.olds[0]: p for p in pairs if len(p.olds) == 1 and len(p.news) == 1}
        for p in [p for p in pairs if len(p.olds) == 1 and len(p.news) == 1 and p.in_order]:
            self._grow(p, lone_new, lone_old, by_new, by_old)
        # A lone old paragraph split into consecutive lone new ones (or the reverse).
        # (The index is built only when there is something to check: see `index`.)
        new_holders = self._holders(lone_new, self.index.new_vecs) if lone_old and lone_new else {}
        for i in sorted(lone_old):
            run = self._run_near(i, lone_new, new_holders)
            if len(run) >= 2 and self.index.cosine_joined([i], run) >= SPLIT:
                for j in run:
                    lone_new.pop(j)
                lone_old.pop(i)
                pairs.append(Pair([i], run, "split"))
        old_holders = self._holders(lone_old, self.index.old_vecs) if lone_old and lone_new else {}
        for j in sorted(lone_new):
            run = self._run_near_old(j, lone_old, old_holders)
            if len(run) >= 2 and self.index.cosine_joined(run, [j]) >= SPLIT:
                for i in run:
                    lone_old.pop(i)
                lone_new.pop(j)
                pairs.append(Pair(run, [j], "merge"))
        kept = [p for p in pairs if (p.olds and p.news)]
        kept += list(lone_old.values()) + list(lone_new.values())
        return kept

    def _grow(
        self,
        p: Pair,
        lone_new: dict[int, Pair],
        lone_old: dict[int, Pair],
        by_new: dict[int, Pair],
        by_old: dict[int, Pair],
    ) -> None:
        i, j = p.olds[0], p.news[0]
        if not ({j - 1, j + 1} & lone_new.keys() or {i - 1, i + 1} & lone_old.keys()):
            return  # no unmatched neighbour to join
        base = self.cos(i, j)
        news = _run_around(j, lone_new, lambda k: self.index.containment(k, i) >= CONTAIN)
        if len(news) > 1:
            joined = self.index.cosine_joined([i], news)
            if joined >= SPLIT and _gains(joined, base):
                for k in news:
                    lone_new.pop(k, None)
                p.news = news
                p.matched_by = "split"
                return
        olds = _run_around(i, lone_old, lambda k: self.index.containment_old(k, j) >= CONTAIN)
        if len(olds) > 1:
            joined = self.index.cosine_joined(olds, [j])
            if joined >= SPLIT and _gains(joined, base):
                for k in olds:
                    lone_old.pop(k, None)
                p.olds = olds
                p.matched_by = "merge"

    @staticmethod
    def _holders(lone: dict[int, Pair], vecs: Sequence[dict[str, float]]) -> dict[str, list[int]]:
        """Lone paragraphs by their heavy terms: a text containing one of them (CONTAIN of
        its weight) holds one of its heavy terms, so only those texts are ever checked."""
        holders: dict[str, list[int]] = {}
        for k in sorted(lone):
            for t in heavy_terms(vecs[k], CONTAIN):
                holders.setdefault(t, []).append(k)
        return holders

    def _run_near(
        self, i: int, lone_new: dict[int, Pair], holders: dict[str, list[int]]
    ) -> list[int]:
        """The longest run of consecutive lone new paragraphs each contained in old i."""
        contain = self.index.containment
        starts = {j for t in self.index.old_vecs[i] for j in holders.get(t, ())}
        return _longest_run(lone_new, starts, lambda k: contain(k, i) >= CONTAIN)

    def _run_near_old(
        self, j: int, lone_old: dict[int, Pair], holders: dict[str, list[int]]
    ) -> list[int]:
        contain = self.index.containment_old
        starts = {i for t in self.index.new_vecs[j] for i in holders.get(t, ())}
        return _longest_run(lone_old, starts, lambda k: contain(k, j) >= CONTAIN)


def _longest_run(
    lone: dict[int, Pair], starts: set[int], inside: Callable[[int], bool]
) -> list[int]:
    """The longest run of consecutive lone paragraphs each `inside`, the first in `starts`
    (a superset of the lone paragraphs that are inside); the earliest of equal runs."""
    best: list[int] = []
    for j in sorted(k for k in starts if k in lone):
        if not inside(j):
            continue
        run = [j]
        k = j + 1
        while k in lone and inside(k):
            run.append(k)
            k += 1
        if len(run) > len(best):
            best = run
    return best


# --------------------------------------------------------------------------- changes


def _order(pairs: list[Pair]) -> list[Pair]:
    """Reading order of the new document; deletions stand after their old predecessor."""
    in_order_old_to_new: list[tuple[int, int]] = sorted(
        (p.olds[-1], p.news[0]) for p in pairs if p.olds and p.news and p.in_order
    )
    olds_sorted = [o for o, _ in in_order_old_to_new]

    def key(p: Pair) -> tuple[int, int, int]:
        if p.news:
            return (p.news[0], 0, 0)
        i = p.olds[0]
        pos = bisect.bisect_left(olds_sorted, i) - 1
        anchor_new = in_order_old_to_new[pos][1] if pos >= 0 else -1
        return (anchor_new, 1, i)

    return sorted(pairs, key=key)


def _numbers(paragraphs: Sequence[Paragraph], idxs: list[int]) -> tuple[str | None, ...]:
    return tuple(paragraphs[i].number for i in idxs)


def _key_fn(options: CompareOptions) -> Callable[[str], str]:
    def key(text: str) -> str:
        k = match_key(text, ignore_case=options.ignore_case)
        if options.ignore_punctuation:
            k = " ".join("".join(ch for ch in k if ch.isalnum() or ch.isspace()).split())
        return k

    return key


def _diff(
    old: str, new: str, options: CompareOptions, lang: Language | None = None
) -> tuple[Segment, ...]:
    segments = worddiff.word_diff(
        old,
        new,
        ignore_case=options.ignore_case,
        ignore_punctuation=options.ignore_punctuation,
        lang=lang,
    )
    return tuple(segments)


def _labels(paragraphs: Sequence[Paragraph]) -> list[tuple[str, str | None]]:
    return [(p.kind, p.number) for p in paragraphs]


def align_footnotes(
    old: Document, new: Document, options: CompareOptions
) -> tuple[list[FootnoteChange], dict[str, int], dict[str, int], set[int]]:
    """Footnotes compared as their own list; returns marker -> pair maps and changed pairs."""
    olds = [fn.text for fn in old.footnotes]
    news = [fn.text for fn in new.footnotes]
    aligner = SequenceAligner(
        olds, news, [("fn", None)] * len(olds), [("fn", None)] * len(news), _key_fn(options)
    )
    pairs = _order(aligner.run())
    changes: list[FootnoteChange] = []
    old_map: dict[str, int] = {}
    new_map: dict[str, int] = {}
    changed: set[int] = set()
    for k, p in enumerate(pairs):
        om = tuple(old.footnotes[i].marker for i in p.olds)
        nm = tuple(new.footnotes[j].marker for j in p.news)
        for m in om:
            old_map[m] = k
        for m in nm:
            new_map[m] = k
        old_text = " ".join(olds[i] for i in p.olds)
        new_text = " ".join(news[j] for j in p.news)
        op = _op(p, old_text, new_text, aligner.old_keys, aligner.new_keys)
        if op != "equal":
            changed.add(k)
        changes.append(
            FootnoteChange(
                op=op,
                old=om,
                new=nm,
                renumbered=bool(om and nm and om != nm),
                similarity=_similarity(op, old_text, new_text),
                diff=_segments(op, old_text, new_text, options),
            )
        )
    return changes, old_map, new_map, changed


def _op(
    p: Pair, old_text: str, new_text: str, old_keys: list[str], new_keys: list[str]
) -> ChangeOp:
    if not p.news:
        return "deleted"
    if not p.olds:
        return "inserted"
    if len(p.news) > 1:
        return "split"
    if len(p.olds) > 1:
        return "merged"
    same = old_keys[p.olds[0]] == new_keys[p.news[0]]
    if not p.in_order:
        return "moved"
    return "equal" if same else "modified"


def _similarity(op: ChangeOp, old_text: str, new_text: str, lang: Language | None = None) -> float:
    if op in ("inserted", "deleted"):
        return 0.0
    if op == "equal":
        return 1.0
    return round(worddiff.similarity(old_text, new_text, lang=lang), 4)


def _segments(
    op: ChangeOp,
    old_text: str,
    new_text: str,
    options: CompareOptions,
    lang: Language | None = None,
) -> tuple[Segment, ...]:
    if op == "inserted":
        return (("+", new_text),) if new_text else ()
    if op == "deleted":
        return (("-", old_text),) if old_text else ()
    if old_text == new_text:
        return (("=", new_text),) if new_text else ()
    return _diff(old_text, new_text, options, lang)


def _metadata_changes(old: Document, new: Document) -> list[MetadataChange]:
    a, b = old.metadata.to_dict(), new.metadata.to_dict()
    return [MetadataChange(k, a[k], b[k]) for k in a if a[k] != b[k]]


def compare(
    old: Document,
    new: Document,
    *,
    ignore_case: bool = False,
    ignore_punctuation: bool = False,
    ignore_footnote_markers: bool = False,
    classify: bool = False,
) -> Comparison:
    """Align two documents paragraph by paragraph and diff the words of each pair.

    With `classify`, every change also gets its class (`diffcore.classify`).
    """
    options = CompareOptions(ignore_case, ignore_punctuation, ignore_footnote_markers)
    fn_changes, old_fn, new_fn, changed_fn = align_footnotes(old, new, options)
    op_, np_ = old.paragraphs, new.paragraphs
    # Words are cut as the documents' language writes them (French elisions).
    lang = language_of([p.text for p in (*op_[:20], *np_[:20])])
    aligner = SequenceAligner(
        [p.text for p in op_], [p.text for p in np_], _labels(op_), _labels(np_), _key_fn(options)
    )
    changes: list[Change] = []
    for p in _order(aligner.run()):
        old_text = " ".join(op_[i].text for i in p.olds)
        new_text = " ".join(np_[j].text for j in p.news)
        op = _op(p, old_text, new_text, aligner.old_keys, aligner.new_keys)
        old_numbers, new_numbers = _numbers(op_, p.olds), _numbers(np_, p.news)
        renumbered = bool(
            p.olds
            and p.news
            and old_numbers != new_numbers
            and len(p.olds) == len(p.news) == 1
            and (old_numbers[0] is not None or new_numbers[0] is not None)
        )
        fn_changed = False
        if not ignore_footnote_markers and p.olds and p.news:
            old_refs = [old_fn.get(m, -1) for i in p.olds for m in op_[i].footnote_refs]
            new_refs = [new_fn.get(m, -2) for j in p.news for m in np_[j].footnote_refs]
            fn_changed = old_refs != new_refs or any(k in changed_fn for k in new_refs)
        if op == "equal" and fn_changed:
            op = "modified"
        changes.append(
            Change(
                op=op,
                old=tuple(op_[i].id for i in p.olds),
                new=tuple(np_[j].id for j in p.news),
                old_numbers=old_numbers,
                new_numbers=new_numbers,
                renumbered=renumbered,
                matched_by=p.matched_by,
                similarity=_similarity(op, old_text, new_text, lang)
                if op != "modified" or old_text != new_text
                else 1.0,
                diff=_segments(op, old_text, new_text, options, lang),
                footnotes_changed=fn_changed,
            )
        )
    cmp = Comparison(
        old=old,
        new=new,
        changes=tuple(changes),
        footnotes=tuple(fn_changes),
        metadata=tuple(_metadata_changes(old, new)),
        options=options,
    )
    return classified(cmp) if classify else cmp
