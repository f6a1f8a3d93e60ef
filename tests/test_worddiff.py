"""Word-level diff (`diffcore.worddiff`): exact round trips, whole-word edits, symmetry.

Property tests run on three kinds of input: arbitrary Unicode text (no data needed),
word salads drawn from a resolution-like vocabulary (so the two sides share a lot),
and real operative paragraphs of A/RES/72/1 with random word insertions, deletions,
replacements, case and punctuation changes.  The last group skips when the seed
document (``../shared/corpus/seed/A_RES_72_1.ods.txt``) is absent.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from itertools import pairwise, product
from pathlib import Path
from unittest import mock

import pytest
from diff_match_patch import diff_match_patch
from hypothesis import given, settings
from hypothesis import strategies as st

from diffcore import worddiff
from diffcore.worddiff import (
    Op,
    Segment,
    counts,
    is_cosmetic,
    rebuild,
    similarity,
    tokenize,
    word_diff,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
SEED_PATH = REPO_ROOT.parent / "shared" / "corpus" / "seed" / "A_RES_72_1.ods.txt"


def _seed_paragraphs() -> list[str]:
    """Operative paragraphs of the seed: lines "N.<tab>text", whitespace collapsed."""
    if not SEED_PATH.is_file():
        return []
    paragraphs = []
    for line in SEED_PATH.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\d+\.\s+(.*\S)", line)
        if match:
            paragraphs.append(" ".join(match.group(1).split()))
    return paragraphs


PARAGRAPHS = _seed_paragraphs()
needs_seed = pytest.mark.skipif(
    not PARAGRAPHS, reason=f"seed document with numbered paragraphs not found at {SEED_PATH}"
)

FAST = settings(max_examples=200, deadline=None)
OPTIONS = [
    {"ignore_case": case, "ignore_punctuation": punct}
    for case, punct in product([False, True], repeat=2)
]

VOCABULARY = [
    "the", "The", "THE", "of", "and", "to", "in", "States", "states", "Member",
    "Secretary-General", "report", "Report", "resolution", "64/293", "2,500", "1.5",
    "30", "July", "A/RES/72/1", "A/72/L.1", "d’Ivoire", "Côte", "résolution", "大会",
    "决定", "كَتَبَ", "Генеральная", ",", ".", ";", ":", "(", ")", "“", "”", "-", "—",
    "'", "’", "/", "%",
]  # fmt: skip
SEPARATORS = ["", " ", " ", " ", "  ", "\n", "\t", "\u00a0"]
NOVEL = [f"zq{i}" for i in range(20)]  # never in the vocabulary or the seed

words = st.sampled_from(VOCABULARY)
salad = st.lists(words, max_size=40).map(" ".join)
messy = st.lists(st.tuples(words, st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda parts: "".join(word + sep for word, sep in parts)
)
any_text = st.text(max_size=60)
# Few distinct words: many equally short diffs, where tie-breaking shows.
tiny = st.lists(st.sampled_from(["a", "b", "c", "d", "A", ","]), max_size=12).map(" ".join)
loose_pairs = st.one_of(
    st.tuples(any_text, any_text),
    st.tuples(salad, salad),
    st.tuples(messy, messy),
    st.tuples(tiny, tiny),
)


ANY_WORD = st.sampled_from(VOCABULARY + NOVEL)
CASE_CHANGES: list[Callable[[str], str]] = [lambda t: t, str.upper, str.lower, str.title]


@st.composite
def edited(
    draw: st.DrawFn, base: st.SearchStrategy[str], pool: st.SearchStrategy[str] = ANY_WORD
) -> tuple[str, str]:
    """A text and a copy with a few random word-level edits (new words from ``pool``)."""
    old = draw(base)
    items = old.split(" ")
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "case", "punct"]))
        at = draw(st.integers(0, max(len(items) - 1, 0)))
        if kind == "insert":
            items[at:at] = draw(st.lists(pool, min_size=1, max_size=4))
        elif kind == "delete" and items:
            del items[at : at + draw(st.integers(1, 4))]
        elif kind == "replace" and items:
            items[at] = draw(pool)
        elif kind == "case" and items:
            items[at] = draw(st.sampled_from(CASE_CHANGES[1:]))(items[at])
        elif kind == "punct" and items:
            items[at] = items[at] + draw(st.sampled_from([",", ";", ".", ")"]))
    return old, " ".join(items)


# Prose as normalized paragraphs have it: single spaces, punctuation after its word.
prose_item = st.tuples(
    st.sampled_from([w for w in VOCABULARY + NOVEL if re.match(r"\w", w)]),
    st.sampled_from(["", "", "", ",", ";", ".", ")"]),
).map("".join)
prose = st.lists(prose_item, max_size=40).map(" ".join)


paragraphs = st.sampled_from(PARAGRAPHS or ["(no seed)"])
# Long inputs (several paragraphs in one) take the anchored path of the diff.
long_paragraphs = st.lists(paragraphs, min_size=4, max_size=9).map(" ".join)
related_pairs = st.one_of(edited(salad), edited(messy), edited(tiny), edited(prose, prose_item))


# --- helpers ------------------------------------------------------------------------


def _bounds(pieces: list[str]) -> set[int]:
    out, pos = {0}, 0
    for piece in pieces:
        pos += len(piece)
        out.add(pos)
    return out


def check(old: str, new: str, segments: list[Segment]) -> None:
    """Every structural guarantee of word_diff."""
    assert rebuild(segments, "old") == old
    assert rebuild(segments, "new") == new
    for op, text in segments:
        assert op in ("=", "-", "+")
        assert text, segments
    for (op1, _), (op2, _) in pairwise(segments):
        assert op1 != op2, segments
        assert (op1, op2) != ("+", "-"), segments  # a change block lists "-" first
    # No segment boundary falls inside a token of either text.
    for side, skip in (("old", "+"), ("new", "-")):
        text = old if side == "old" else new
        cuts = _bounds([t for op, t in segments if op != skip])
        assert cuts <= _bounds(tokenize(text)), (side, segments)


def mirror(segments: list[Segment]) -> list[Segment]:
    """Exchange "-" and "+", keeping "-" first inside each change block."""
    swap: dict[str, Op] = {"=": "=", "-": "+", "+": "-"}
    out: list[Segment] = []
    for op, text in segments:
        new_op = swap[op]
        if out and out[-1][0] == "+" and new_op == "-":
            out.insert(len(out) - 1, (new_op, text))
        else:
            out.append((new_op, text))
    return out


def change_blocks(segments: list[Segment]) -> list[tuple[str, str]]:
    """(removed, added) text of each run of segments between two "=" segments."""
    blocks: list[tuple[str, str]] = []
    removed = added = ""
    for op, text in [*segments, ("=", "")]:
        if op == "=":
            if removed or added:
                blocks.append((removed, added))
            removed = added = ""
        elif op == "-":
            removed += text
        else:
            added += text
    return blocks


def n_words(text: str) -> int:
    return sum(1 for token in tokenize(text) if worddiff._is_word(token))


def lcs_reference(a: list[str], b: list[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        prev_diag = 0
        for j, y in enumerate(b, 1):
            prev_diag, row[j] = row[j], prev_diag + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def keys(text: str) -> list[str]:
    return [t for t in tokenize(text) if not t.isspace()]


# --- tokens -------------------------------------------------------------------------


@FAST
@given(any_text)
def test_tokens_rebuild_the_text(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert all(tokens)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Secretary-General", ["the", " ", "Secretary-General"]),
        ("resolution 64/293,", ["resolution", " ", "64/293", ","]),
        ("US$ 2,500.", ["US", "$", " ", "2,500", "."]),
        ("A/RES/72/1 of 1.5", ["A/RES/72/1", " ", "of", " ", "1.5"]),
        ("Persons.3 and Development,2 and", ["Persons", ".", "3", " ", "and", " ",
                                             "Development", ",", "2", " ", "and"]),
        ("Côte d’Ivoire's", ["Côte", " ", "d’Ivoire's"]),
        ("大会决定，", ["大", "会", "决", "定", "，"]),
        ("كَتَبَ  x", ["كَتَبَ", "  ", "x"]),
        ("Cafe\u0301 (UNDP)", ["Cafe\u0301", " ", "(", "UNDP", ")"]),
    ],
)  # fmt: skip
def test_tokens_keep_words_and_numbers_whole(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


# --- round trips and structure ------------------------------------------------------


@FAST
@given(loose_pairs)
def test_round_trip_arbitrary_pairs(pair: tuple[str, str]) -> None:
    old, new = pair
    check(old, new, word_diff(old, new))


@FAST
@given(related_pairs)
def test_round_trip_related_pairs(pair: tuple[str, str]) -> None:
    old, new = pair
    check(old, new, word_diff(old, new))


@needs_seed
@FAST
@given(edited(paragraphs))
def test_round_trip_edited_paragraphs(pair: tuple[str, str]) -> None:
    old, new = pair
    check(old, new, word_diff(old, new))


@needs_seed
@settings(max_examples=40, deadline=None)
@given(edited(long_paragraphs))
def test_round_trip_edited_long_paragraphs(pair: tuple[str, str]) -> None:
    old, new = pair
    check(old, new, word_diff(old, new))


@FAST
@given(st.one_of(loose_pairs, related_pairs), st.sampled_from(OPTIONS))
def test_round_trip_with_ignore_options(pair: tuple[str, str], options: dict[str, bool]) -> None:
    old, new = pair
    check(old, new, word_diff(old, new, **options))


@needs_seed
@FAST
@given(edited(paragraphs), st.sampled_from(OPTIONS))
def test_round_trip_paragraphs_with_ignore_options(
    pair: tuple[str, str], options: dict[str, bool]
) -> None:
    old, new = pair
    check(old, new, word_diff(old, new, **options))


@FAST
@given(st.one_of(any_text, salad, messy), st.sampled_from(OPTIONS))
def test_identical_texts_are_one_equal_segment(text: str, options: dict[str, bool]) -> None:
    assert word_diff(text, text, **options) == ([("=", text)] if text else [])


@FAST
@given(st.one_of(loose_pairs, related_pairs), st.sampled_from(OPTIONS))
def test_swapping_sides_swaps_insertions_and_deletions(
    pair: tuple[str, str], options: dict[str, bool]
) -> None:
    old, new = pair
    assert word_diff(new, old, **options) == mirror(word_diff(old, new, **options))


@needs_seed
@FAST
@given(edited(paragraphs))
def test_swapping_sides_on_paragraphs(pair: tuple[str, str]) -> None:
    old, new = pair
    assert word_diff(new, old) == mirror(word_diff(old, new))


@FAST
@given(st.one_of(loose_pairs, related_pairs))
def test_deterministic(pair: tuple[str, str]) -> None:
    old, new = pair
    assert word_diff(old, new) == word_diff(old, new)


@FAST
@given(related_pairs)
def test_anchored_and_lcs_paths_stay_exact(pair: tuple[str, str]) -> None:
    """Force the patience-anchor split and the LCS fallback onto small inputs."""
    old, new = pair
    with mock.patch.object(worddiff, "_DIRECT_LIMIT", 2):
        check(old, new, word_diff(old, new))
    with mock.patch.object(worddiff, "_DMP_CELLS", 0):
        check(old, new, word_diff(old, new))
    with mock.patch.object(worddiff, "_PREPASS_MIN", 0):
        check(old, new, word_diff(old, new))


# --- the engine ---------------------------------------------------------------------

symbols = st.text(alphabet="abcde", max_size=40)


@FAST
@given(symbols, symbols)
def test_engine_matches_stock_diff_match_patch(a: str, b: str) -> None:
    stock = diff_match_patch()
    stock.Diff_Timeout = 0
    assert worddiff._Engine().diff_main(a, b, False) == stock.diff_main(a, b, False)


@FAST
@given(symbols, symbols)
def test_lcs_fallback_is_a_minimal_diff(a: str, b: str) -> None:
    diffs = worddiff._lcs_diff(a, b)
    assert "".join(t for op, t in diffs if op != 1) == a
    assert "".join(t for op, t in diffs if op != -1) == b
    assert sum(len(t) for op, t in diffs if op == 0) == lcs_reference(list(a), list(b))


def test_more_distinct_tokens_than_the_private_use_area() -> None:
    old = " ".join(f"w{i}" for i in range(70_000))
    new = old.replace("w12345 ", "").replace("w65000", "w65000 added")
    segments = word_diff(old, new)
    check(old, new, segments)
    assert [s for s in segments if s[0] != "="] == [("-", "w12345 "), ("+", "added ")]


# --- readable output ----------------------------------------------------------------


def test_insertions_read_as_whole_words() -> None:
    old = "Requests the Secretary-General to submit a report"
    new = "Also requests the Secretary-General to submit a comprehensive report"
    assert word_diff(old, new) == [
        ("-", "Requests"),
        ("+", "Also requests"),
        ("=", " the Secretary-General to submit a "),
        ("+", "comprehensive "),
        ("=", "report"),
    ]
    assert counts(word_diff(old, new)) == (3, 1)


def test_replacement_reads_as_a_phrase() -> None:
    assert word_diff(
        "Requests the Secretary-General to report", "Invites the President to report"
    ) == [
        ("-", "Requests the Secretary-General"),
        ("+", "Invites the President"),
        ("=", " to report"),
    ]


def test_numbers_and_symbols_change_whole() -> None:
    assert word_diff(
        "Recalls its resolution 64/293 of 30 July 2010, with 2,500 participants",
        "Recalls its resolution 64/294 of 30 July 2010, with 2,600 participants",
    ) == [
        ("=", "Recalls its resolution "),
        ("-", "64/293"),
        ("+", "64/294"),
        ("=", " of 30 July 2010, with "),
        ("-", "2,500"),
        ("+", "2,600"),
        ("=", " participants"),
    ]


@FAST
@given(st.one_of(st.tuples(prose, prose), edited(prose, prose_item)))
def test_normalized_prose_shows_no_whitespace_only_changes(pair: tuple[str, str]) -> None:
    """Whitespace pairs need differing spacing around aligned tokens (as "a ," / "a, ,")."""
    old, new = pair
    for removed, added in change_blocks(word_diff(old, new)):
        assert (removed + added).strip(), (old, new)


@needs_seed
@FAST
@given(edited(paragraphs))
def test_paragraphs_show_no_whitespace_only_changes(pair: tuple[str, str]) -> None:
    old, new = pair
    for removed, added in change_blocks(word_diff(old, new)):
        assert (removed + added).strip(), (old, new)


def test_whitespace_only_difference() -> None:
    assert word_diff("a  b", "a b") == [("=", "a"), ("-", "  "), ("+", " "), ("=", "b")]
    assert is_cosmetic("  ", " ")
    assert counts(word_diff("a  b", "a b")) == (0, 0)


def test_empty_sides() -> None:
    assert word_diff("", "Adds text") == [("+", "Adds text")]
    assert word_diff("Removes text", "") == [("-", "Removes text")]
    assert word_diff("", "") == []


def test_rebuild_rejects_unknown_side() -> None:
    with pytest.raises(ValueError, match="side"):
        rebuild([("=", "x")], "both")  # type: ignore[arg-type]


# --- ignore options -----------------------------------------------------------------


def test_ignore_case_keeps_case_changes_apart() -> None:
    old, new = "Notes With Concern The Report", "notes with concern the report"
    # Compared exactly, five one-word changes with single spaces between merge.
    assert word_diff(old, new) == [("-", old), ("+", new)]
    segments = word_diff(old, new, ignore_case=True)
    assert [text for op, text in segments if op == "="] == [" "] * 4
    assert rebuild(segments, "old") == old and rebuild(segments, "new") == new
    assert counts(segments) == (5, 5)
    assert counts(segments, ignore_case=True) == (0, 0)


def test_ignore_case_with_real_change() -> None:
    segments = word_diff(
        "Takes note of the Report", "takes note of the new report", ignore_case=True
    )
    assert segments == [
        ("-", "Takes"),
        ("+", "takes"),
        ("=", " note of the "),
        ("-", "Report"),
        ("+", "new report"),
    ]
    assert counts(segments) == (3, 2)
    assert counts(segments, ignore_case=True) == (1, 0)
    phrase = word_diff("Requests the Secretary-General", "Invites the President")
    assert counts(phrase) == (3, 3)
    assert counts(phrase, ignore_case=True) == (2, 2)


def test_ignore_punctuation() -> None:
    old, new = "States, and the region", "States and the region;"
    segments = word_diff(old, new, ignore_punctuation=True)
    assert segments == [("=", "States"), ("-", ","), ("=", " and the region"), ("+", ";")]
    assert all(is_cosmetic(t, "", ignore_punctuation=True) for op, t in segments if op != "=")
    assert counts(segments) == (0, 0)  # punctuation is never counted
    brackets = word_diff("the report (A/72/1)", "the report A/72/1", ignore_punctuation=True)
    assert brackets == [("=", "the report "), ("-", "("), ("=", "A/72/1"), ("-", ")")]


def test_ignore_punctuation_still_compares_inside_words() -> None:
    segments = word_diff("resolution 64/293", "resolution 642/93", ignore_punctuation=True)
    assert segments == [("=", "resolution "), ("-", "64/293"), ("+", "642/93")]
    assert not is_cosmetic("64/293", "642/93", ignore_punctuation=True)


@st.composite
def case_and_punctuation_edits(draw: st.DrawFn, base: st.SearchStrategy[str]) -> tuple[str, str]:
    """A text and a copy differing only in letter case and in standalone punctuation."""
    tokens = tokenize(draw(base))
    out = []
    for k, token in enumerate(tokens):
        if re.match(r"\w", token):
            out.append(draw(st.sampled_from(CASE_CHANGES))(token))
        elif token.isspace():
            out.append(token)
        else:
            beside_space = any(
                n < 0 or n >= len(tokens) or tokens[n].isspace() for n in (k - 1, k + 1)
            )
            choices = ["keep", "swap"] + (["drop"] if beside_space else [])
            action = draw(st.sampled_from(choices))
            # ";", "!" and "?" never join two words, unlike "-", "/", "." or ",".
            out.append({"keep": token, "swap": draw(st.sampled_from(";!?")), "drop": ""}[action])
    return "".join(tokens), "".join(out)


@FAST
@given(st.one_of(case_and_punctuation_edits(salad), case_and_punctuation_edits(messy)))
def test_cosmetic_edits_are_recognised(pair: tuple[str, str]) -> None:
    old, new = pair
    options = {"ignore_case": True, "ignore_punctuation": True}
    segments = word_diff(old, new, **options)
    check(old, new, segments)
    assert is_cosmetic(old, new, **options)
    assert counts(segments, ignore_case=True) == (0, 0)
    # Every change block pairs words that differ only in ignored ways.
    for removed_text, added_text in change_blocks(segments):
        assert is_cosmetic(removed_text, added_text, **options), segments
    removed = sum(n_words(t) for op, t in segments if op == "-")
    assert removed == sum(n_words(t) for op, t in segments if op == "+")


@needs_seed
@FAST
@given(case_and_punctuation_edits(paragraphs))
def test_cosmetic_edits_on_paragraphs(pair: tuple[str, str]) -> None:
    old, new = pair
    segments = word_diff(old, new, ignore_case=True, ignore_punctuation=True)
    check(old, new, segments)
    assert counts(segments, ignore_case=True) == (0, 0)


# --- counts and similarity ----------------------------------------------------------


@FAST
@given(st.one_of(loose_pairs, related_pairs))
def test_counts_balance_with_word_totals(pair: tuple[str, str]) -> None:
    old, new = pair
    added, removed = counts(word_diff(old, new))
    assert added - removed == n_words(new) - n_words(old)
    assert added <= n_words(new) and removed <= n_words(old)


@needs_seed
@FAST
@given(paragraphs, st.data())
def test_counts_of_a_pure_insertion(paragraph: str, data: st.DataObject) -> None:
    items = paragraph.split(" ")
    at = data.draw(st.integers(0, len(items)))
    inserted = data.draw(st.lists(st.sampled_from(NOVEL), min_size=1, max_size=6))
    new = " ".join(items[:at] + inserted + items[at:])
    segments = word_diff(paragraph, new)
    assert counts(segments) == (len(inserted), 0)
    assert [t.strip() for op, t in segments if op != "="] == [" ".join(inserted)]


@FAST
@given(st.one_of(loose_pairs, related_pairs))
def test_similarity_is_the_token_lcs_ratio(pair: tuple[str, str]) -> None:
    old, new = pair
    a, b = keys(old), keys(new)
    score = similarity(old, new)
    assert 0.0 <= score <= 1.0
    assert score == similarity(new, old)
    if a or b:
        assert score == pytest.approx(2 * lcs_reference(a, b) / (len(a) + len(b)))
    if old == new:
        assert score == 1.0


def test_similarity_examples() -> None:
    assert similarity("Requests the report", "Requests the report") == 1.0
    assert similarity("alpha beta", "gamma delta") == 0.0
    assert similarity("a b c d", "a b x y") == pytest.approx(0.5)
    assert similarity("Takes note", "takes note", ignore_case=True) == 1.0
    assert similarity("", "") == 1.0
    assert similarity("", "text") == 0.0


# --- speed --------------------------------------------------------------------------


def _five_thousand_words() -> tuple[str, str]:
    import random

    rng = random.Random(72)
    source = " ".join(PARAGRAPHS).split(" ") if PARAGRAPHS else []
    vocabulary = sorted(set(source)) or VOCABULARY
    # Fresh numbered words keep the long text from being one paragraph repeated.
    old = [rng.choice(vocabulary) if rng.random() < 0.6 else f"item{i}" for i in range(5000)]
    new: list[str] = []
    for word in old:
        roll = rng.random()
        if roll < 0.01:
            continue
        new.append(rng.choice(vocabulary) if roll < 0.02 else word)
        if roll > 0.99:
            new.append(rng.choice(vocabulary))
    return " ".join(old), " ".join(new)


def test_five_thousand_word_paragraphs_are_fast() -> None:
    old, new = _five_thousand_words()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        segments = word_diff(old, new)
        best = min(best, time.perf_counter() - start)
    check(old, new, segments)
    assert best < 0.5, f"5,000-word diff took {best * 1000:.0f} ms"


# --- lcs_only: the bit-parallel LCS instead of diff-match-patch's bisection ------------


@FAST
@given(st.one_of(loose_pairs, related_pairs), st.sampled_from(OPTIONS))
def test_round_trip_lcs_only(pair: tuple[str, str], options: dict[str, bool]) -> None:
    old, new = pair
    check(old, new, word_diff(old, new, lcs_only=True, **options))


@needs_seed
@FAST
@given(edited(paragraphs))
def test_round_trip_lcs_only_edited_paragraphs(pair: tuple[str, str]) -> None:
    old, new = pair
    segments = word_diff(old, new, lcs_only=True)
    check(old, new, segments)
    assert word_diff(new, old, lcs_only=True) == mirror(segments)
