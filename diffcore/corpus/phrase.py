"""A phrase against a paragraph: the word-level tests behind `resdiff search`.

Words are `reuse`'s words (`shingles.words`: casefolded, punctuation dropped, inner
``-``/``/``/``.``/``'`` kept, each ideograph a word), so "verbatim" and
"near-verbatim" mean here what they mean in `reuse`. Near-verbatim uses reuse's
similarity, 2*LCS/(|a|+|b|) over words (rapidfuzz's bit-parallel LCS), but on the
best-matching window of the paragraph: a three-word phrase is never 70% of a
sixty-word paragraph, and what a drafter asks is whether the paragraph *holds* it.

These functions are also the exhaustive scan the search benchmark checks recall
against, so they stay independent of the full-text index.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq

from .shingles import codes, text_ids, words

__all__ = [
    "Window",
    "best_window",
    "codes_of_words",
    "contains_phrase",
    "joined",
    "max_window",
    "min_common",
    "phrase_codes",
    "phrase_pattern",
    "words_pattern",
]


def joined(text: str) -> str:
    """The paragraph's words, space-separated and padded: the form `contains_phrase` reads."""
    return " " + " ".join(words(text)) + " "


def contains_phrase(padded_text: str, phrase_words: list[str]) -> bool:
    """The phrase's words, in order and adjacent, among the paragraph's (`joined`)."""
    return (" " + " ".join(phrase_words) + " ") in padded_text


_JOINERS = "-/.'\u2019"  # inside a word (`lang.tokens._INDEX_WORD`)


def phrase_pattern(phrase_words: list[str]) -> re.Pattern[str]:
    """A regular expression, on casefolded text without ideographs, true exactly where
    `contains_phrase` is: each word whole (no word character or joined word on either
    side), and between two words a run of non-word characters that is not a single
    joiner (which would make them one word). Tokenizing costs ~15 us a paragraph; this
    search ~1 us, which matters for phrases held by thousands of paragraphs."""
    sep = rf"(?![{_JOINERS}]\w)\W+"
    return _whole(sep.join(re.escape(w) for w in phrase_words))


def words_pattern(any_words: list[str]) -> re.Pattern[str]:
    """A regular expression matching any of these words, whole, in casefolded text
    without ideographs (as `phrase_pattern`)."""
    ordered = sorted(set(any_words), key=lambda w: (-len(w), w))
    return _whole("(?:" + "|".join(re.escape(w) for w in ordered) + ")")


def _whole(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?<!\w[{_JOINERS}]){body}(?!\w)(?![{_JOINERS}]\w)")


def phrase_codes(text: str) -> str:
    """Words as one character each (`shingles.codes`), what the LCS runs on."""
    ids = text_ids(text)
    return codes(ids) if ids else ""


def codes_of_words(word_list: list[str]) -> str:
    ids = [zlib.crc32(w.encode("utf-8")) for w in word_list]
    return codes(ids) if ids else ""


def min_common(n: int, threshold: float) -> int:
    """The fewest phrase words a window must share, in order, to reach `threshold`
    (`best_window` scores 2L/(n + max(w, n)), at most 2L/2n)."""
    return max(1, math.ceil(threshold * n - 1e-9))


def max_window(n: int, threshold: float) -> int:
    """The longest window that can still reach `threshold` (at L = n)."""
    return max(n, math.floor(n * (2 - threshold) / threshold + 1e-9))


@dataclass(frozen=True)
class Window:
    """The best-matching window of a paragraph: its similarity to the phrase, where it
    lies (in words), and which of its words are shared with the phrase."""

    similarity: float
    start: int
    end: int  # exclusive
    shared: tuple[int, ...]  # word positions in the paragraph


def best_window(phrase: str, paragraph: str, threshold: float) -> Window | None:
    """The window of `paragraph` (codes) most similar to `phrase` (codes), if it
    reaches `threshold`; ties go to the earliest, then the shortest.

    A window is scored as `reuse` scores two paragraphs, 2*LCS/(|phrase|+|window|), but
    a window shorter than the phrase counts as long as the phrase: a dropped word is
    then a changed one, so "of the" is not two thirds of "of the United" while "no one
    behind" stays 75% of "leave no one behind". The best window starts and ends on words
    of the phrase (trimming an unshared word off an edge never lowers the similarity),
    so only those positions are tried.
    """
    n = len(phrase)
    if not n or not paragraph:
        return None
    need = min_common(n, threshold)
    if LCSseq.similarity(phrase, paragraph, score_cutoff=need) < need:
        return None
    wanted = set(phrase)
    spots = [i for i, c in enumerate(paragraph) if c in wanted]
    longest = max_window(n, threshold)
    best: tuple[float, int, int] | None = None
    floor = threshold - 1e-12
    for x, start in enumerate(spots):
        for y in range(x, len(spots)):
            end = spots[y]
            width = end - start + 1
            if width > longest:
                break
            # No more words in common than phrase words in the window: skip the LCS
            # where even that could not reach the threshold or beat the best so far.
            bound = 2 * min(n, y - x + 1) / (n + max(width, n))
            if bound < floor or (best is not None and bound <= best[0] + 1e-12):
                continue
            common = LCSseq.similarity(phrase, paragraph[start : end + 1])
            similarity = 2 * common / (n + max(width, n))
            if best is None or similarity > best[0] + 1e-12:
                best = (similarity, start, end + 1)
    if best is None or best[0] < threshold - 1e-12:
        return None
    similarity, start, end = best
    shared = tuple(
        start + block.b + k
        for block in LCSseq.editops(phrase, paragraph[start:end]).as_matching_blocks()
        for k in range(block.size)
    )
    return Window(round(similarity, 4), start, end, shared)
