"""Step 4 of the reuse job (see `detect`): verifying candidate pairs by LCS alignment.

Apart from the lookups so that the same code verifies pairs wherever the job runs: in
this process after SQLite lookups (`detect`), and inside Spark executors (`spark`),
which import only this module, numpy and rapidfuzz.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import LCSseq
from rapidfuzz.process import cpdist

from .thresholds import FLOOR

__all__ = ["Match", "may_match", "verify_all"]


@dataclass(frozen=True)
class Match:
    similarity: float
    matched: int
    run: int
    a_start: int
    b_start: int


def _finish(a: str, b: str, matched: int, similarity: float, min_run: int) -> Match | None:
    """The longest shared run and where it starts, from the LCS alignment."""
    run, a_start, b_start = 0, 0, 0
    for block in LCSseq.editops(a, b).as_matching_blocks():
        if block.size > run:
            run, a_start, b_start = block.size, block.a, block.b
    if similarity < FLOOR and run < min_run:
        return None
    return Match(round(similarity, 4), matched, run, a_start, b_start)


def verify_all(pairs: list[tuple[str, str, bool]], min_run: int) -> list[Match | None]:
    """Step 4 for many pairs of word codes: LCS lengths in one call into rapidfuzz
    (C++), then the longest run only for the pairs that can still count. The flag says
    whether a shared passage (partial reuse) is possible for the pair."""
    if not pairs:
        return []
    lcs = cpdist(
        [a for a, _, _ in pairs],
        [b for _, b, _ in pairs],
        scorer=LCSseq.similarity,
        dtype=np.int32,
    ).tolist()
    out: list[Match | None] = []
    for (a, b, passage), matched in zip(pairs, lcs, strict=True):
        similarity = 2 * matched / (len(a) + len(b))
        if similarity < FLOOR and not (passage and matched >= min_run):
            out.append(None)
        else:
            out.append(_finish(a, b, matched, similarity, min_run))
    return out


def may_match(n: int, m: int, passage: bool, min_run: int) -> bool:
    """Cheap bound: a pair can reach FLOOR only if lengths allow, or (where a shared
    passage is possible) a run if both are long enough."""
    return 2 * min(n, m) / (n + m) >= FLOOR or (passage and min(n, m) >= min_run)
