"""Word-level diff of two aligned paragraphs.

The texts are split into tokens (words and numbers, single punctuation marks, runs of
whitespace) whose concatenation is exactly the input; see `tokenize`.  Each distinct
non-space token (its comparison key, under the ignore options) is mapped to one
private-use code point (the supplementary private-use planes after the first 6,400,
then any other non-surrogate code point), diff-match-patch diffs the two encoded
strings (``diff_main(..., checklines=False)``, then ``diff_cleanupSemantic``), and
the result is decoded back into the original text.  Edits therefore always cover
whole tokens and, after the semantic cleanup, read as words and phrases rather than
letter soup.

Whitespace never takes part in the comparison: each run of whitespace is glued to
the token before it (a run at the very start of a text is handled on its own).  So
whitespace never influences the alignment, and a whitespace-only difference between
two aligned tokens shows up as a small ``"-"``/``"+"`` pair of whitespace.  Texts
normalized to single spaces, punctuation written against its word, do not produce
such pairs: a space that comes or goes with an inserted or deleted token is part of
that edit.  They do appear where the spacing around equal tokens really differs
("Development, 3" / "Development,3"), and rarely where a token could be aligned at
two places of different spacing ("a ," / "a, ,").

Speed and determinism.  diff-match-patch runs with ``Diff_Timeout = 0`` (minimal
diffs, no clock).  Long encoded strings (over ``_DIRECT_LIMIT`` units) are first cut
at patience anchors (tokens found exactly once in each side, longest in-order chain)
and the stretches between anchors are diffed separately, which keeps a 5,000-word
paragraph pair in the tens of milliseconds; the diff may then be slightly less than
minimal.  A stretch whose token grid exceeds ``_DMP_CELLS`` (where dmp's O(ND)
search on dissimilar text would be slow in pure Python) is aligned by an exact
bit-parallel LCS instead, which costs O(n*m/64) whatever the number of edits.  No
result depends on timing.

Guarantees of `word_diff`, whatever the options:

* joining the ``"="`` and ``"-"`` segments gives ``old`` exactly, joining the
  ``"="`` and ``"+"`` segments gives ``new`` exactly (see `rebuild`);
* no segment is empty, no two neighbours share an op, and between two ``"="``
  segments there is at most one ``"-"`` followed by at most one ``"+"``;
* segment boundaries fall on token boundaries, so a word is never cut in two;
* the result is deterministic and symmetric: ``word_diff(new, old)`` is
  ``word_diff(old, new)`` with ``"-"`` and ``"+"`` exchanged (each change block
  still listing ``"-"`` before ``"+"``).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Literal, TypeAlias

from diff_match_patch import diff_match_patch

from .lang.spec import Language

__all__ = [
    "Op",
    "Segment",
    "counts",
    "is_cosmetic",
    "rebuild",
    "similarity",
    "tokenize",
    "word_diff",
]

Op: TypeAlias = Literal["=", "-", "+"]
Segment: TypeAlias = tuple[Op, str]

# --- tokens -----------------------------------------------------------------------

# Ideographs and kana are written without spaces: each one is a token of its own.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Combining marks are not \w in Python, but they belong to the word they sit on
# (Arabic vowel signs, decomposed Latin and Cyrillic accents, Hebrew points).
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u08d3-\u08ff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_W = rf"(?:[^\W{_CJK}]|[{_MARKS}])"
# A word or number; hyphens, apostrophes and slashes join word parts
# ("Secretary-General", "d’Ivoire", "A/RES/64/293"), and "." "," ":" join digits
# ("2,500", "1.5", "10:30") but not a footnote marker to a word ("Persons.3").
_NONSPACE = rf"{_W}+(?:(?:[-'’/]|(?<=\d)[.,:](?=\d)){_W}+)*|[{_CJK}]|\S"
_TOKEN = re.compile(rf"{_NONSPACE}|\s+")
# A non-space token with the whitespace after it: the unit the diff works on.
_UNIT = re.compile(rf"({_NONSPACE})(\s*)")
_LEAD = re.compile(r"\s*")
_WORDLIKE = re.compile(rf"\w|[{_MARKS}]")


@functools.cache
def _patterns(elisions: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Token and unit patterns for a language whose elided words stand apart.

    French writes "l’Assemblée", "d’action", "qu’elle": the elided article is a word of
    its own, so "l’Assemblée" -> "cette Assemblée" changes one word, not two.
    """
    if not elisions:
        return _TOKEN, _UNIT
    heads = sorted({e.rstrip("'’").lower() for e in elisions}, key=lambda e: (-len(e), e))
    elided = rf"(?i:{'|'.join(map(re.escape, heads))})['’](?={_W})"
    nonspace = rf"{elided}|{_NONSPACE}"
    return re.compile(rf"{nonspace}|\s+"), re.compile(rf"({nonspace})(\s*)")


def _elisions(lang: Language | None) -> tuple[str, ...]:
    return lang.elisions if lang is not None else ()


def tokenize(text: str, lang: Language | None = None) -> list[str]:
    """Split ``text`` into tokens; ``"".join(tokenize(text)) == text`` always.

    A token is a word or number (with its inner hyphens, apostrophes, slashes and
    digit separators), a single ideograph, a single other non-space character, or a
    run of whitespace.  With a `lang` that elides ("fr"), an elided word ("l’", "qu’")
    is a token of its own.
    """
    return _patterns(_elisions(lang))[0].findall(text)


def _is_word(token: str) -> bool:
    """True for word and number tokens (not punctuation, not whitespace)."""
    return _WORDLIKE.match(token) is not None


# --- diff engine --------------------------------------------------------------------

# Work (diagonals walked) diff-match-patch's bisection may spend on one diff.  Real
# revisions of even 5,000-word paragraphs use a few ten thousands at most; past it, the
# rest is aligned by the bit-parallel LCS below, in O(n*m/64) whatever the number of
# edits.  Being a count and not a clock, it keeps the result deterministic.
# Above this many token pairs dmp's O(ND) search on a dissimilar chunk gets slow in
# pure Python; such chunks are aligned by the exact bit-parallel LCS instead.
_DMP_CELLS = 4_000_000
# Largest len(a) * len(b) the LCS fallback takes on (its rows are kept for the
# traceback: this many bits); anything larger is reported as one replacement.
_LCS_CELLS = 1 << 26

_DELETE, _EQUAL, _INSERT = -1, 0, 1


def _lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (bit-parallel, Allison-Dix/Hyyrö).

    One big-integer step per item of ``b`` over a bit vector as long as ``a``:
    exact, and a few milliseconds even for two 5,000-word texts.
    """
    if len(a) < len(b):
        a, b = b, a
    masks: dict[str, int] = {}
    for i, key in enumerate(a):
        masks[key] = masks.get(key, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for key in b:
        match = masks.get(key)
        if match:
            u = v & match
            v = ((v + u) | (v - u)) & full
    return len(a) - v.bit_count()


def _lcs_diff(a: str, b: str) -> list[tuple[int, str]]:
    """A minimal diff of two encoded strings from the bit-parallel LCS, traced back.

    Row ``j`` has bit ``i`` clear exactly where LCS(a[:i + 1], b[:j]) exceeds
    LCS(a[:i], b[:j]); the traceback takes a match whenever the symbols agree, else
    a deletion when that keeps the LCS, else an insertion.
    """
    if len(a) * len(b) > _LCS_CELLS:
        return [(op, text) for op, text in ((_DELETE, a), (_INSERT, b)) if text]
    masks: dict[str, int] = {}
    for i, key in enumerate(a):
        masks[key] = masks.get(key, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    rows = [v]
    for key in b:
        u = v & masks.get(key, 0)
        v = ((v + u) | (v - u)) & full
        rows.append(v)
    steps: list[tuple[int, str]] = []
    i, j = len(a), len(b)
    while i and j:
        if a[i - 1] == b[j - 1]:
            i -= 1
            j -= 1
            steps.append((_EQUAL, a[i]))
        elif rows[j] >> (i - 1) & 1:
            i -= 1
            steps.append((_DELETE, a[i]))
        else:
            j -= 1
            steps.append((_INSERT, b[j]))
    steps.extend((_DELETE, a[k]) for k in range(i - 1, -1, -1))
    steps.extend((_INSERT, b[k]) for k in range(j - 1, -1, -1))
    steps.reverse()
    diffs: list[tuple[int, str]] = []
    for op, run in groupby(steps, key=itemgetter(0)):
        diffs.append((op, "".join(symbol for _, symbol in run)))
    return diffs


class _Engine(diff_match_patch):  # type: ignore[misc]
    """diff-match-patch set for minimal, clock-free (so deterministic) diffs."""

    def __init__(self) -> None:
        super().__init__()
        self.Diff_Timeout = 0.0  # minimal diffs; no half-match shortcut, no clock
        self.lcs_only = False


def _code_points() -> Iterator[str]:
    """Symbols for token ids: private-use first, then any other non-surrogate."""
    planes = [(0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD)]
    others = [(0x100, 0xD7FF), (0xF900, 0xEFFFF)]
    for lo, hi in planes + others:
        for cp in range(lo, hi + 1):
            yield chr(cp)
    raise ValueError("more distinct tokens than Unicode code points")


class _Encoder:
    """Maps comparison keys to single characters, shared by both sides of a diff."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}
        self._next = _code_points()

    def encode(self, keys: list[str]) -> str:
        codes = self._codes
        for key in dict.fromkeys(keys):  # first appearances, in order
            if key not in codes:
                codes[key] = next(self._next)
        return "".join(map(codes.__getitem__, keys))


# --- comparison units ----------------------------------------------------------------


class _Side:
    """One text cut into comparison units.

    A unit is a compared token plus the glue tokens that follow it.  Glue is
    whitespace and, with ``ignore_punctuation``, standalone punctuation; glue before
    the first compared token is kept in ``lead``.
    """

    __slots__ = ("keys", "lead", "units")

    def __init__(
        self, text: str, ignore_case: bool, ignore_punctuation: bool, unit: re.Pattern[str] = _UNIT
    ) -> None:
        lead = _LEAD.match(text)
        start = lead.end() if lead else 0
        self.lead: list[str] = [text[:start]] if start else []
        pieces: list[tuple[str, str]] = unit.findall(text, start)
        if ignore_punctuation:
            self.units: list[list[str]] = []
            self.keys: list[str] = []
            for token, space in pieces:
                if _is_word(token):
                    self.units.append([token, space] if space else [token])
                    self.keys.append(token)
                else:
                    glue = self.units[-1] if self.units else self.lead
                    glue.append(token)
                    if space:
                        glue.append(space)
        else:
            self.units = [[token, space] if space else [token] for token, space in pieces]
            self.keys = [token for token, _ in pieces]
        if ignore_case:
            self.keys = [key.casefold() for key in self.keys]


def _trim(old: list[str], new: list[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """Split two token runs into (common head, old middle, new middle, common tail)."""
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return (
        old[:head],
        old[head : len(old) - tail],
        new[head : len(new) - tail],
        old[len(old) - tail :],
    )


def _pair(old: list[str], new: list[str], out: list[tuple[Op, list[str]]]) -> None:
    """Emit two aligned token runs: common ends as equal, the rest as a change."""
    if old == new:
        out.append(("=", old))
        return
    head, gone, came, tail = _trim(old, new)
    out += [("=", head), ("-", gone), ("+", came), ("=", tail)]


def _canonical(raw: list[tuple[Op, list[str]]]) -> list[Segment]:
    """Merge runs into "=" / "-" / "+" blocks and drop empty pieces.

    Everything between two equal runs becomes one change block, written as its
    removed tokens then its added tokens; tokens common to the start or the end of
    both sides of a block (typically the trailing space) move out into the equal runs.
    """
    blocks: list[tuple[list[str], list[str], list[str]]] = []  # (equal, removed, added)
    equal: list[str] = []
    removed: list[str] = []
    added: list[str] = []
    for op, tokens in raw:
        if not tokens:
            continue
        if op == "=":
            if removed or added:
                blocks.append((equal, removed, added))
                equal, removed, added = [], [], []
            equal.extend(tokens)
        elif op == "-":
            removed.extend(tokens)
        else:
            added.extend(tokens)
    blocks.append((equal, removed, added))

    segments: list[Segment] = []
    carry: list[str] = []
    for equal, removed, added in blocks:
        carry.extend(equal)
        tail: list[str] = []
        if removed and added:
            head, removed, added, tail = _trim(removed, added)
            carry.extend(head)
        if carry and (removed or added):
            segments.append(("=", "".join(carry)))
            carry = []
        if removed:
            segments.append(("-", "".join(removed)))
        if added:
            segments.append(("+", "".join(added)))
        carry.extend(tail)
    if carry:
        segments.append(("=", "".join(carry)))
    return segments


# Encoded strings longer than this (both sides together, in units) are first split at
# patience anchors; shorter ones go to diff-match-patch whole.
_DIRECT_LIMIT = 600
_MAX_DEPTH = 64


def _unique_anchors(a: str, b: str) -> list[tuple[int, int]]:
    """Patience anchors: the longest in-order chain of symbols found once in each."""
    count_a = Counter(a)
    count_b = Counter(b)
    where_b = {c: j for j, c in enumerate(b) if count_b[c] == 1 and count_a[c] == 1}
    pairs = [(i, where_b[c]) for i, c in enumerate(a) if c in where_b]
    tails: list[int] = []  # per chain length, index into pairs of the smallest last j
    tail_js: list[int] = []
    back = [-1] * len(pairs)
    for idx, (_, j) in enumerate(pairs):
        pos = bisect_left(tail_js, j)
        if pos:
            back[idx] = tails[pos - 1]
        if pos == len(tails):
            tails.append(idx)
            tail_js.append(j)
        else:
            tails[pos] = idx
            tail_js[pos] = j
    chain: list[tuple[int, int]] = []
    idx = tails[-1] if tails else -1
    while idx >= 0:
        chain.append(pairs[idx])
        idx = back[idx]
    chain.reverse()
    return chain


def _diff_into(a: str, b: str, engine: _Engine, out: list[tuple[int, str]], depth: int = 0) -> None:
    """Diff two encoded strings, splitting long ones at patience anchors first."""
    if len(a) + len(b) > _DIRECT_LIMIT and depth < _MAX_DEPTH:
        head = engine.diff_commonPrefix(a, b)
        if head:
            out.append((_EQUAL, a[:head]))
            a, b = a[head:], b[head:]
        tail = engine.diff_commonSuffix(a, b)
        end = [(_EQUAL, a[len(a) - tail :])] if tail else []
        a, b = a[: len(a) - tail], b[: len(b) - tail]
        anchors = _unique_anchors(a, b) if len(a) + len(b) > _DIRECT_LIMIT else []
        if anchors:
            i0 = j0 = 0
            for i, j in anchors:
                _diff_into(a[i0:i], b[j0:j], engine, out, depth + 1)
                out.append((_EQUAL, a[i]))
                i0, j0 = i + 1, j + 1
            _diff_into(a[i0:], b[j0:], engine, out, depth + 1)
        else:
            out.extend(_diff_chunk(a, b, engine))
        out.extend(end)
        return
    out.extend(_diff_chunk(a, b, engine))


def _diff_chunk(a: str, b: str, engine: _Engine) -> list[tuple[int, str]]:
    if engine.lcs_only or len(a) * len(b) > _DMP_CELLS:
        return _lcs_diff(a, b)
    result: list[tuple[int, str]] = engine.diff_main(a, b, False)
    return result


def _diff_codes(a: str, b: str, engine: _Engine) -> list[tuple[int, str]]:
    """The raw diff-match-patch diff of two encoded strings, merged but not cleaned up."""
    out: list[tuple[int, str]] = []
    _diff_into(a, b, engine, out)
    engine.diff_cleanupMerge(out)
    return out


# diff_cleanupSemantic is quadratic in the number of pieces (it rescans after each
# equality it removes); raw diffs of thoroughly different long texts have thousands.
_PREPASS_MIN = 200
_PREPASS_ROUNDS = 16


def _prepass_semantic(diffs: list[tuple[int, str]], engine: _Engine) -> None:
    """Remove, in linear passes, equalities that diff_cleanupSemantic would remove.

    Its rule: an equality no longer than the larger side of the edits before it and
    of the edits after it becomes part of the change.  Applying the rule to all such
    equalities at once, then merging, leaves diff_cleanupSemantic little to do; the
    result is the same as without this pass on every real pair tried (contrived
    inputs can differ slightly, both being valid cleanups).
    """
    for _ in range(_PREPASS_ROUNDS):
        widths = []  # max(inserted, deleted) of each run of edits around equalities
        inserted = deleted = 0
        for op, text in diffs:
            if op == _EQUAL:
                widths.append(max(inserted, deleted))
                inserted = deleted = 0
            elif op == _INSERT:
                inserted += len(text)
            else:
                deleted += len(text)
        widths.append(max(inserted, deleted))
        out: list[tuple[int, str]] = []
        gap = 0
        for op, text in diffs:
            if op != _EQUAL:
                out.append((op, text))
                continue
            if len(text) <= widths[gap] and len(text) <= widths[gap + 1]:
                out += [(_DELETE, text), (_INSERT, text)]
            else:
                out.append((op, text))
            gap += 1
        if len(out) == len(diffs):
            return
        engine.diff_cleanupMerge(out)
        diffs[:] = out


def _diff_units(a: _Side, b: _Side, lcs_only: bool = False) -> list[tuple[Op, list[str]]]:
    """Diff the units' keys, then report the tokens of each side, pairwise where aligned."""
    encoder = _Encoder()
    text_a = encoder.encode(a.keys)
    text_b = encoder.encode(b.keys)
    engine = _Engine()
    engine.lcs_only = lcs_only
    diffs = _diff_codes(text_a, text_b, engine)
    if len(diffs) > _PREPASS_MIN:
        _prepass_semantic(diffs, engine)
    engine.diff_cleanupSemantic(diffs)
    raw: list[tuple[Op, list[str]]] = []
    _pair(a.lead, b.lead, raw)
    i = j = 0
    for op, chunk in diffs:
        n = len(chunk)
        if op == _EQUAL:
            run_a, run_b = a.units[i : i + n], b.units[j : j + n]
            if run_a == run_b:
                raw.append(("=", [t for unit in run_a for t in unit]))
            else:
                for unit_a, unit_b in zip(run_a, run_b, strict=True):
                    _pair(unit_a, unit_b, raw)
            i += n
            j += n
        elif op == _DELETE:
            raw.append(("-", [t for unit in a.units[i : i + n] for t in unit]))
            i += n
        else:
            raw.append(("+", [t for unit in b.units[j : j + n] for t in unit]))
            j += n
    return raw


_SWAP: dict[Op, Op] = {"=": "=", "-": "+", "+": "-"}


def word_diff(
    old: str,
    new: str,
    *,
    ignore_case: bool = False,
    ignore_punctuation: bool = False,
    lcs_only: bool = False,
    lang: Language | None = None,
) -> list[Segment]:
    """Diff two paragraph texts word by word.

    Returns ``(op, text)`` segments: ``"="`` text in both, ``"-"`` only in ``old``,
    ``"+"`` only in ``new``.  Identical texts give ``[("=", old)]`` (``[]`` when
    empty).

    The options change which tokens are considered *the same* when the two texts
    are aligned, never the text that is returned:

    * ``ignore_case`` compares words case-insensitively (``str.casefold``);
    * ``ignore_punctuation`` leaves standalone punctuation tokens out of the
      comparison (punctuation inside a word or number, as in "Secretary-General",
      "64/293" or "2,500", is part of that token and still compared).

    Tokens aligned this way may still differ in their original text ("Requests" /
    "requests", "States," / "States").  Because both texts must be rebuilt exactly,
    such a difference is still reported, but as a minimal ``"-"``/``"+"`` pair of
    just the tokens that differ, sitting between the equal runs of the alignment
    instead of breaking it up (without the option, several case or punctuation
    changes close together would be merged into one long replaced phrase).  Use
    `is_cosmetic` to recognise such pairs, and ``counts(..., ignore_case=True)`` to
    leave case-only pairs out of the totals.

    ``lcs_only`` aligns with the bit-parallel LCS instead of diff-match-patch's
    bisection: also a minimal diff, but ties between equally short diffs may be
    broken differently, and texts that share little cost a fraction of the time.

    ``lang`` (a `diffcore.lang.Language`) tokenizes as that language writes: French
    elided words ("l’", "d’", "qu’") are words of their own.  Ideographs are single
    tokens whatever the language.
    """
    if old == new:
        return [("=", old)] if old else []
    # Diff in one fixed orientation so that swapping the inputs mirrors the output.
    flip = new < old
    a, b = (new, old) if flip else (old, new)
    unit = _patterns(_elisions(lang))[1]
    side_a = _Side(a, ignore_case, ignore_punctuation, unit)
    side_b = _Side(b, ignore_case, ignore_punctuation, unit)
    raw = _diff_units(side_a, side_b, lcs_only)
    if flip:
        raw = [(_SWAP[op], tokens) for op, tokens in raw]
    return _canonical(raw)


def rebuild(segments: Iterable[Segment], side: Literal["old", "new"]) -> str:
    """Reassemble one side of a diff: ``"="`` and ``"-"`` for old, ``"="`` and ``"+"`` for new."""
    if side == "old":
        skip = "+"
    elif side == "new":
        skip = "-"
    else:
        raise ValueError(f"side must be 'old' or 'new', not {side!r}")
    return "".join(text for op, text in segments if op != skip)


def similarity(
    old: str,
    new: str,
    *,
    ignore_case: bool = False,
    ignore_punctuation: bool = False,
    lang: Language | None = None,
) -> float:
    """Share of tokens the two texts have in common, from 0.0 to 1.0.

    ``2 * matched / (tokens in old + tokens in new)``, counting word, number and
    punctuation tokens but not whitespace, where ``matched`` is the length of the
    longest common token subsequence (computed exactly, not through the diff, so the
    score is symmetric and independent of the diff's cleanup).  Texts without any
    such token are 1.0 alike if both lack them, else 0.0.  The options compare
    tokens as in `word_diff`.
    """
    if old == new:
        return 1.0
    unit = _patterns(_elisions(lang))[1]
    a = _Side(old, ignore_case, ignore_punctuation, unit).keys
    b = _Side(new, ignore_case, ignore_punctuation, unit).keys
    total = len(a) + len(b)
    if not total or a == b:
        return 1.0
    return 2 * _lcs_length(a, b) / total


def is_cosmetic(
    removed: str, added: str, *, ignore_case: bool = False, ignore_punctuation: bool = False
) -> bool:
    """True when two texts differ only in whitespace and in what the options ignore.

    Meant for a change block of `word_diff` (its ``"-"`` and ``"+"`` texts, either
    possibly empty): with the options that produced the diff, it tells a case-only
    or punctuation-only pair from a real change.
    """
    a = _Side(removed, ignore_case, ignore_punctuation)
    b = _Side(added, ignore_case, ignore_punctuation)
    return a.keys == b.keys


def _blocks(segments: Iterable[Segment]) -> Iterator[tuple[list[str], list[str]]]:
    """The removed and the added texts between each two equal segments."""
    removed: list[str] = []
    added: list[str] = []
    for op, text in segments:
        if op == "=":
            if removed or added:
                yield removed, added
                removed, added = [], []
        elif op == "-":
            removed.append(text)
        else:
            added.append(text)
    if removed or added:
        yield removed, added


def _words(texts: list[str]) -> list[str]:
    return [token for text in texts for token in tokenize(text) if _is_word(token)]


def counts(segments: Iterable[Segment], *, ignore_case: bool = False) -> tuple[int, int]:
    """Words added and words removed: word and number tokens in ``"+"`` and ``"-"``.

    Whitespace and punctuation are never counted (so punctuation-only changes count
    as none).  With ``ignore_case``, a change block (the ``"-"`` and ``"+"`` between
    two ``"="``) does not count the words that pair up, case-insensitively and in
    order, with words on its other side: "Requests" -> "requests" counts as no
    change and "Report" -> "new report" as one word added; a word found on both
    sides of a block merged into one phrase (the "the" of "Requests the
    Secretary-General" -> "Invites the President") is not counted either.
    """
    added = removed = 0
    for gone_texts, came_texts in _blocks(segments):
        gone, came = _words(gone_texts), _words(came_texts)
        matched = 0
        if ignore_case and gone and came:
            matched = _lcs_length([w.casefold() for w in gone], [w.casefold() for w in came])
        added += len(came) - matched
        removed += len(gone) - matched
    return added, removed
