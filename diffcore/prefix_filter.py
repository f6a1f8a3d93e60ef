"""Which pairs of unit term vectors can reach a cosine threshold, without scoring them all.

The alignment looks for close pairs among all leftover paragraphs of two versions; scoring
every pair grows with the square of their number. Prefix filtering (as in all-pairs
similarity search) finds a superset of the pairs at or above the threshold, exactly: the
caller scores only those, so its result is the one all pairs would give.

All vectors are cut in one order of terms (rarest first): a vector's prefix is its first
terms in that order, enough that the rest has a norm below the threshold. Two vectors at
the threshold or above share a term of both prefixes (else every shared term lies in the
rest of one of them, whose norm bounds the cosine). The pairs found that way are bounded
once more: the products over the prefix terms they share, plus, for the terms past the
later of the two cuts, the product of the two rests' norms there (Cauchy-Schwarz).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

MARGIN = 1e-9  # far above float rounding: a bound never excludes a pair the scorer admits


@dataclass(frozen=True)
class _Cut:
    """A vector in the global term order: its prefix (term, weight) and its rest's norms."""

    prefix: list[tuple[str, float]]
    last_rest: int  # rank of the heaviest-ranked term in the rest, -1 if the rest is empty
    ranks: list[int]  # ranks of all its terms, ascending
    rest_sq: list[float]  # rest_sq[k]: squared norm of its k lowest-ranked terms
    cut_sq: float  # squared norm of the rest

    def rest_norm_sq(self, rank: int) -> float:
        """Squared norm of the terms ranked `rank` or lower."""
        return self.rest_sq[bisect.bisect_right(self.ranks, rank)]


def _cut(vec: dict[str, float], rank: dict[str, int], threshold: float) -> _Cut:
    terms = sorted(vec, key=rank.__getitem__)  # commonest first
    rest_sq = [0.0]
    for t in terms:
        rest_sq.append(rest_sq[-1] + vec[t] * vec[t])
    # The rest is the longest run of commonest terms whose norm stays below the threshold.
    k = bisect.bisect_left(rest_sq, (threshold - MARGIN) ** 2) - 1
    ranks = [rank[t] for t in terms]
    prefix = [(t, vec[t]) for t in terms[k:]]
    return _Cut(prefix, ranks[k - 1] if k > 0 else -1, ranks, rest_sq, rest_sq[k])


def candidate_pairs(
    old_vecs: Sequence[dict[str, float]],
    new_vecs: Sequence[dict[str, float]],
    olds: Sequence[int],
    news: Sequence[int],
    idf: dict[str, float],
    threshold: float,
) -> Iterator[tuple[int, int]]:
    """(old, new) pairs among `olds` x `news` whose cosine may reach `threshold`, every pair
    that does among them; by new index, then old index, as `olds` and `news` are sorted."""
    vocabulary = {t for i in olds for t in old_vecs[i]} | {t for j in news for t in new_vecs[j]}
    rank = {t: r for r, t in enumerate(sorted(vocabulary, key=lambda t: (idf[t], t)))}
    old_cuts = {i: _cut(old_vecs[i], rank, threshold) for i in olds}
    postings: dict[str, list[tuple[int, float]]] = {}
    for i in olds:
        for t, w in old_cuts[i].prefix:
            postings.setdefault(t, []).append((i, w))
    floor = threshold - MARGIN
    for j in news:
        y = _cut(new_vecs[j], rank, threshold)
        shared: dict[int, float] = {}
        for t, w in y.prefix:
            for i, v in postings.get(t, ()):
                shared[i] = shared.get(i, 0.0) + v * w
        for i in sorted(shared):
            gap = floor - shared[i]
            if gap > 0.0:  # else the prefixes alone reach the threshold
                x = old_cuts[i]
                if x.last_rest >= y.last_rest:
                    rest_sq = x.cut_sq * y.rest_norm_sq(x.last_rest)
                else:
                    rest_sq = x.rest_norm_sq(y.last_rest) * y.cut_sq
                if rest_sq < gap * gap:
                    continue
            yield i, j


def heavy_terms(vec: dict[str, float], share: float) -> list[str]:
    """The heaviest terms of `vec`, enough that the others weigh less than `share` of the
    whole: a text holding `share` of the vector's weight (`Index.containment`) holds one."""
    terms = sorted(vec, key=lambda t: (vec[t], t))  # lightest first
    limit = share * sum(vec.values()) - MARGIN
    rest = 0.0
    for k, t in enumerate(terms):
        rest += vec[t]
        if rest >= limit:
            return terms[k:]
    return []
