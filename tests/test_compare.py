"""`diffcore.compare` on real documents: exact diffs, symmetry, alignment quality, chains.

* Round trip: whatever the edits and options, every change's diff rebuilds both sides
  exactly (texts of several paragraphs joined with one space).
* Identity and mirror: a document against itself is all "equal"; A -> B and B -> A pair
  the same paragraphs, with inserted/deleted and split/merged exchanged.
* Alignment quality: documents edited by `tests.editgen` (moves, splits, merges,
  insertions with renumbering, deletions, footnote renumbering, preambular paragraphs
  made operative, word edits) are aligned against their known ground truth.
* Chains: every draft -> adopted pair of the corpus compares, and paragraphs whose text
  is unique on both sides are reported unchanged.
* Output: `resdiff.comparison/2` JSON validates against its schema; `resdiff compare`
  keeps its exit codes, colour rules and byte-for-byte determinism.

Corpus tests skip with the reason where ../shared/corpus is absent.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diffcore
from diffcore import compare
from diffcore.comparison import CHANGE_OPS, Comparison
from diffcore.model import Document, Metadata, Paragraph
from diffcore.worddiff import rebuild
from renderers import comparison_json

from .conftest import CORPUS_DIR, REPO_ROOT, SEED_PATH, TEXT_DIR
from .editgen import EDIT_KINDS, MOVE_EDITED, Score, check_edit, edit_document, generate

T = TypeVar("T")

SCHEMA_PATH = REPO_ROOT / "diffcore" / "schemas" / "resdiff.comparison-2.schema.json"
CHAINS_PATH = CORPUS_DIR / "chains.json"
EXAMPLES = REPO_ROOT / "examples"
CLI = [sys.executable, "-c", "from cli import main; main()"]
TIMEOUT = 60

IDENTITY_SAMPLE = 30
MIRROR_SAMPLE = 20
SCHEMA_SAMPLE = 20
QUALITY_DOCS = 40
QUALITY_PER_DOC = 5
MOVE_EDITED_SEEDS = 3  # versions of each quality document with a move among edits
MIN_PRECISION = 0.98
MIN_RECALL = 0.98

_MISSING = f"real-document corpus not found at {CORPUS_DIR} (expected ../shared/corpus)"


# --------------------------------------------------------------------------- corpus


def spread(items: Sequence[T], n: int) -> list[T]:
    """`n` items spread evenly over `items`, first and last included, order kept."""
    if len(items) <= n:
        return list(items)
    if n == 1:
        return [items[0]]
    return [items[round(i * (len(items) - 1) / (n - 1))] for i in range(n)]


def text_path(symbol: str) -> Path:
    return TEXT_DIR / (symbol.replace("/", "_") + ".txt")


@cache
def load(path: str) -> Document:
    return diffcore.load(path)


def load_symbol(symbol: str) -> Document:
    return load(str(text_path(symbol)))


@cache
def text_files() -> tuple[Path, ...]:
    return tuple(sorted(TEXT_DIR.glob("*.txt"))) if TEXT_DIR.is_dir() else ()


@cache
def chain_pairs() -> tuple[tuple[str, str], ...]:
    """(draft, adopted) symbols of every chain, both with a text layer, in chain order."""
    if not CHAINS_PATH.is_file():
        return ()
    chains = json.loads(CHAINS_PATH.read_text(encoding="utf-8"))
    pairs = []
    for chain in chains:
        versions = chain["versions"]
        drafts = [v["symbol"] for v in versions if v["role"] == "draft" and v["text"]]
        adopted = [v["symbol"] for v in versions if v["role"] == "adopted" and v["text"]]
        pairs.extend((d, a) for d in drafts for a in adopted)
    return tuple(pairs)


def corpus_params(values: Sequence[Any], ids: Callable[[Any], str]) -> list[Any]:
    """Parameters for a corpus test; one skipped parameter where the corpus is absent."""
    if not values:
        reason = _MISSING if not CORPUS_DIR.is_dir() else f"nothing to test in {CORPUS_DIR}"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="corpus")]
    return [pytest.param(v, id=ids(v)) for v in values]


def identity_paths() -> list[Path]:
    files = list(text_files())
    if not files:
        return []
    # A/RES/79/243 has paragraphs that are only a number ("3." then "(a)"): empty text.
    extra = [p for p in (SEED_PATH, TEXT_DIR / "A_RES_79_243.txt") if p.is_file()]
    return list(dict.fromkeys([*extra, *spread(files, IDENTITY_SAMPLE)]))


def mirror_pairs() -> list[tuple[str, str]]:
    pairs = list(chain_pairs())
    if not pairs:
        return []
    # A/C.2/80/L.16 -> A/RES/80/132: found not to mirror by a sweep of all 188 pairs.
    known = [p for p in pairs if p == ("A/C.2/80/L.16", "A/RES/80/132")]
    return list(dict.fromkeys([*spread(pairs, MIRROR_SAMPLE), *known]))


def pair_id(pair: tuple[str, str]) -> str:
    return f"{pair[0]}->{pair[1]}".replace("/", "_")


@pytest.fixture(scope="module")
def chains(corpus_dir: Path) -> tuple[tuple[str, str], ...]:
    if not CHAINS_PATH.is_file():
        pytest.skip(f"chains.json not found at {CHAINS_PATH}")
    pairs = chain_pairs()
    missing = [s for pair in pairs for s in pair if not text_path(s).is_file()]
    assert not missing, f"chains.json names text layers that are not in {TEXT_DIR}: {missing}"
    return pairs


# --------------------------------------------------------------------------- checks


def assert_diffs_rebuild(cmp: Comparison) -> None:
    """Every change's diff gives back the old and the new text exactly."""
    old = {p.id: p.text for p in cmp.old.paragraphs}
    new = {p.id: p.text for p in cmp.new.paragraphs}
    seen_old: Counter[str] = Counter()
    seen_new: Counter[str] = Counter()
    for c in cmp.changes:
        seen_old.update(c.old)
        seen_new.update(c.new)
        old_text = " ".join(old[i] for i in c.old)
        new_text = " ".join(new[i] for i in c.new)
        assert rebuild(c.diff, "old") == old_text, (c.op, c.old, c.new, c.diff)
        assert rebuild(c.diff, "new") == new_text, (c.op, c.old, c.new, c.diff)
        assert all(text for _, text in c.diff), ("empty segment", c)
    assert seen_old == Counter(old.keys()), "each old paragraph must be in exactly one change"
    assert seen_new == Counter(new.keys()), "each new paragraph must be in exactly one change"
    old_fn = {f.marker: f.text for f in cmp.old.footnotes}
    new_fn = {f.marker: f.text for f in cmp.new.footnotes}
    for f in cmp.footnotes:
        assert rebuild(f.diff, "old") == " ".join(old_fn[m] for m in f.old), f
        assert rebuild(f.diff, "new") == " ".join(new_fn[m] for m in f.new), f


def pair_set(cmp: Comparison) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    return {(c.old, c.new) for c in cmp.changes}


# --------------------------------------------------------------------------- round trip

WORDS = ("the", "States", "further", "Secretary-General", "2030", "’s", "(a)", "«", "É", "")
WORD_OPS = ("insert", "delete", "replace", "case", "punct", "quote", "space", "dup")
ROUND_TRIP = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ROUND_TRIP_OPTIONS = [
    pytest.param({}, id="plain"),
    pytest.param({"ignore_case": True}, id="ignore_case"),
    pytest.param({"ignore_punctuation": True}, id="ignore_punctuation"),
    pytest.param(
        {"ignore_case": True, "ignore_punctuation": True, "ignore_footnote_markers": True},
        id="all_ignored",
    ),
]

WordEdit = tuple[int, str, int, str]


def apply_word_edit(text: str, op: str, at: int, word: str) -> str:
    words = text.split(" ")
    k = at % len(words)
    w = words[k]
    if op == "insert":
        words.insert(k, word)
    elif op == "delete" and len(words) > 1:
        del words[k]
    elif op == "replace":
        words[k] = word
    elif op == "case":
        words[k] = w.swapcase() if at % 2 else w.capitalize()
    elif op == "punct":
        words[k] = w.rstrip(",.;:") if w[-1:] in ",.;:" else w + ",;."[at % 3]
    elif op == "quote":
        words[k] = "“" + w + "”" if at % 2 else w.replace("'", "’").replace("’", "'")
    elif op == "space":
        words[k] = w + " " * (1 + at % 2)
    elif op == "dup":
        words.insert(k, w)
    return " ".join(words)


@pytest.fixture(scope="module")
def round_trip_docs(text_files: list[Path], seed_path: Path) -> list[Document]:
    docs = [load(str(seed_path))]
    for path in spread(text_files, 24):
        doc = load(str(path))
        if 5 <= len(doc.paragraphs) <= 120:
            docs.append(doc)
    return docs[:12]


@pytest.mark.parametrize("options", ROUND_TRIP_OPTIONS)
@ROUND_TRIP
@given(
    doc_index=st.integers(min_value=0, max_value=10_000),
    structural=st.sampled_from((None, *EDIT_KINDS)),
    seed=st.integers(min_value=0, max_value=2**16),
    word_edits=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10_000),
            st.sampled_from(WORD_OPS),
            st.integers(min_value=0, max_value=10_000),
            st.sampled_from(WORDS),
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_round_trip_every_change_rebuilds_both_texts(
    round_trip_docs: list[Document],
    options: dict[str, bool],
    doc_index: int,
    structural: str | None,
    seed: int,
    word_edits: list[WordEdit],
) -> None:
    old = round_trip_docs[doc_index % len(round_trip_docs)]
    new = old
    if structural is not None:
        donors = [round_trip_docs[(doc_index + 1) % len(round_trip_docs)]]
        new, _truth = edit_document(old, random.Random(seed), donors=donors, kinds=[structural])
    paragraphs = list(new.paragraphs)
    for where, op, at, word in word_edits:
        k = where % len(paragraphs)
        p = paragraphs[k]
        text = apply_word_edit(p.text, op, at, word)
        paragraphs[k] = replace(p, text=text, footnote_refs=(), footnote_offsets=())
    new = replace(new, paragraphs=tuple(paragraphs))
    assert_diffs_rebuild(compare(old, new, **options))


# --------------------------------------------------------------------------- identity


def test_compare_identical_bare_number_paragraph() -> None:
    """A numbered paragraph with no words of its own ("3." then "(a)") equals itself.

    The reader produces such paragraphs (empty text, see resdiff.document/2); one
    occurs in A/RES/79/243.
    """
    paragraphs = (
        Paragraph("t1", "text", "The General Assembly,"),
        Paragraph("pp1", "preambular", "Recalling its resolution 79/1 of 22 September 2024,"),
        Paragraph("op1", "operative", "Decides to remain seized of the matter.", number="1"),
        Paragraph("op2", "operative", "", number="2"),
        Paragraph("op2-a", "subparagraph", "To convene a meeting;", number="2(a)", parent="2"),
        Paragraph("op2-b", "subparagraph", "To report on it;", number="2(b)", parent="2"),
        Paragraph("op3", "operative", "Requests the Secretary-General to report.", number="3"),
    )
    doc = Document(Metadata(symbol="A/RES/99/1"), paragraphs)
    cmp = compare(doc, doc)
    ops = [(c.op, c.old, c.new) for c in cmp.changes if c.op != "equal"]
    assert not ops, f"compare(A, A) must be all equal; got {ops}"
    assert not cmp.has_differences


def test_no_differences_means_no_words_counted() -> None:
    """Quote style alone ("d’Ivoire" / "d'Ivoire") makes no difference, in every figure.

    Paragraphs are matched with typographic quotes normalized, so the pair is "equal" and
    `has_differences` is False (exit status 0); the summary must then not count words
    added or removed either.
    """
    a = diffcore.loads(
        "The General Assembly,\n\n1. Welcomes the report of Côte d’Ivoire on the “situation”.\n",
        "a.txt",
    )
    b = diffcore.loads(
        'The General Assembly,\n\n1. Welcomes the report of Côte d\'Ivoire on the "situation".\n',
        "b.txt",
    )
    cmp = compare(a, b)
    assert [c.op for c in cmp.changes] == ["equal", "equal"]
    assert not cmp.has_differences
    summary = cmp.summary
    assert (summary["words_added"], summary["words_removed"]) == (0, 0), summary


@pytest.mark.parametrize("path", corpus_params(identity_paths(), lambda p: p.stem))
def test_compare_with_itself_is_all_equal(path: Path) -> None:
    doc = load(str(path))
    cmp = compare(doc, doc)
    odd = [(c.op, c.old, c.new) for c in cmp.changes if c.is_change or c.old != c.new]
    assert not odd, f"{path.name}: compare(A, A) reports {odd[:5]}"
    assert [c.new[0] for c in cmp.changes] == [p.id for p in doc.paragraphs]
    assert all(f.op == "equal" and not f.renumbered for f in cmp.footnotes)
    assert cmp.metadata == ()
    assert not cmp.has_differences
    summary = cmp.summary
    assert summary["equal"] == len(doc.paragraphs)
    assert summary["words_added"] == summary["words_removed"] == 0


# --------------------------------------------------------------------------- mirror


@pytest.mark.parametrize("pair", corpus_params(mirror_pairs(), pair_id))
def test_compare_mirrors_when_swapped(pair: tuple[str, str]) -> None:
    a, b = load_symbol(pair[0]), load_symbol(pair[1])
    ab, ba = compare(a, b), compare(b, a)
    s_ab, s_ba = ab.summary, ba.summary
    swapped = {
        "inserted": "deleted",
        "deleted": "inserted",
        "split": "merged",
        "merged": "split",
        "words_added": "words_removed",
        "words_removed": "words_added",
    }
    counts = {k: (s_ab[k], s_ba[v]) for k, v in swapped.items()}
    pairs_ab = pair_set(ab)
    pairs_ba = {(new, old) for old, new in pair_set(ba)}
    only_ab = sorted(pairs_ab - pairs_ba)
    only_ba = sorted(pairs_ba - pairs_ab)
    message = (
        f"{pair[0]} <-> {pair[1]} does not mirror:\n"
        f"  counts A->B vs swapped B->A: {counts}\n"
        f"  (old, new) pairs only in A->B: {only_ab}\n"
        f"  (old, new) pairs only in B->A (swapped): {only_ba}"
    )
    assert not only_ab and not only_ba, message
    assert all(x == y for x, y in counts.values()), message


# --------------------------------------------------------------------------- quality


@cache
def quality_docs() -> tuple[Document, ...]:
    docs = []
    for path in spread(text_files(), QUALITY_DOCS + 10):
        doc = load(str(path))
        numbered = sum(1 for p in doc.paragraphs if p.kind == "operative" and p.number)
        if len(doc.paragraphs) >= 8 and numbered >= 3:
            docs.append(doc)
    return tuple(docs[:QUALITY_DOCS])


@cache
def quality_set() -> tuple[tuple[str, Document, Document, Any], ...]:
    return tuple(generate(quality_docs(), QUALITY_PER_DOC))


def test_edit_generator_ground_truth_is_consistent(text_files: list[Path]) -> None:
    """The generated documents are well formed and their truth explains every paragraph."""
    edited = quality_set()
    assert len(edited) >= 150
    problems = [
        f"{label}: {p}" for label, old, new, truth in edited for p in check_edit(old, new, truth)
    ]
    assert not problems, "\n".join(problems[:30])
    applied = Counter(kind for *_, truth in edited for kind in truth.edits)
    assert set(applied) == set(EDIT_KINDS), f"edit kinds never applied: {applied}"


def test_alignment_quality_on_generated_edits(text_files: list[Path]) -> None:
    score = Score()
    edited = quality_set()
    for label, old, new, truth in edited:
        score.add(compare(old, new), truth, f"{label} {'+'.join(truth.edits)}")
    report = (
        f"{len(edited)} edited documents from {len(quality_docs())} real ones\n"
        f"{score.table()}\n" + "\n".join(score.errors[:40])
    )
    print("\n" + report)
    assert score.precision() >= MIN_PRECISION, report
    assert score.recall() >= MIN_RECALL, report
    assert score.n_false_moves() == 0, report


@cache
def move_edited_set() -> tuple[tuple[str, Document, Document, Any], ...]:
    """Each quality document with one paragraph moved past 2-4 paragraphs that (all, or
    all but one) have words edited (`editgen.MOVE_EDITED`), in a few seeded versions."""
    out = []
    for doc in quality_docs():
        name = doc.metadata.symbol or doc.source or "?"
        for seed in range(MOVE_EDITED_SEEDS):
            rng = random.Random(f"{name}:{MOVE_EDITED}:{seed}")
            new, truth = edit_document(doc, rng, kinds=[MOVE_EDITED])
            if truth.edits:
                out.append((f"{name}#{seed}", doc, new, truth))
    return tuple(out)


def test_single_move_among_edited_neighbours_is_the_only_move(text_files: list[Path]) -> None:
    """A paragraph moved while every paragraph it passes is edited is reported as the one
    move; the edited paragraphs it passed are "modified" in place, never moved.

    Anchoring on identical text alone kept the moved paragraph in order and reported the
    paragraphs it passed as moved (433 false moves for 200 such moves in the benchmark).
    """
    edited = move_edited_set()
    assert len(edited) >= 2 * len(quality_docs())
    problems = [
        f"{lab}: {p}" for lab, old, new, truth in edited for p in check_edit(old, new, truth)
    ]
    assert not problems, "\n".join(problems[:30])
    score = Score()
    wrong = []
    for label, old, new, truth in edited:
        cmp = compare(old, new)
        score.add(cmp, truth, label)
        expected = [(link.old, (n,)) for n, link in truth.links.items() if link.op == "moved"]
        moved = [(c.old, c.new) for c in cmp.changes if c.op == "moved"]
        if moved != expected:
            wrong.append(f"{label}: moved {moved}, expected {expected}")
    report = f"{len(edited)} generated moves\n{score.table()}\n" + "\n".join(wrong[:30])
    print("\n" + report)
    assert not wrong, report
    assert score.n_false_moves() == 0, report
    assert score.precision() == 1.0 and score.recall() >= MIN_RECALL, report
    assert score.op_accuracy(MOVE_EDITED) >= MIN_PRECISION, report


def test_real_move_past_edited_neighbours_is_the_one_move(corpus_dir: Path) -> None:
    """A/C.2/80/L.16 -> A/RES/80/132: OP18 ("Invites the Governments ...") moves up past
    OP15-17, of which OP17 changes its verb ("Calls upon" -> "Encourages"). With close
    pairs only from cosine 0.75, OP17's pair did not compete for the in-order chain, so
    OP16 was reported moved and OP15 and OP17 deleted and inserted again."""
    old, new = load_symbol("A/C.2/80/L.16"), load_symbol("A/RES/80/132")
    changes = {c.old: (c.op, c.new) for c in compare(old, new).changes if c.old}
    assert changes[("op18",)] == ("moved", ("op9",))
    assert changes[("op15",)] == ("modified", ("op10",))
    assert changes[("op16",)][0] == "equal"
    assert changes[("op17",)] == ("modified", ("op12",))
    assert [c.old for c in compare(old, new).changes if c.op == "moved"] == [("op18",)]


# Found by the generator; each is one paragraph the aligner gets wrong on a real document.


def _split_at(doc: Document, pid: str, marker: str) -> Document:
    """`doc` with paragraph `pid` split where `marker` starts, as a drafter would."""
    out: list[Paragraph] = []
    for p in doc.paragraphs:
        if p.id != pid:
            out.append(p)
            continue
        cut = p.text.index(marker)
        head = p.text[:cut].rstrip(" ,;") + "."
        tail = p.text[cut + len(", and ") :]
        tail = tail[:1].upper() + tail[1:]
        out += [replace(p, text=head), replace(p, id=pid + "-2", text=tail, number=None)]
    return replace(doc, paragraphs=tuple(out))


def test_split_off_clause_is_reported_as_split(corpus_dir: Path) -> None:
    """A/C.3/80/L.30 OP20 "..., and calls for its immediate repeal;" cut in two.

    The first piece keeps 98% of the paragraph's weight (cosine 0.98), the whole old
    paragraph against both pieces scores 1.0; the split must still be recognised.
    """
    old = load_symbol("A/C.3/80/L.30")
    new = _split_at(old, "op20", ", and calls for its immediate repeal")
    found = [(c.op, c.old, c.new) for c in compare(old, new).changes if "op20" in c.old]
    assert found == [("split", ("op20",), ("op20", "op20-2"))], found


def test_merge_with_short_paragraph_is_reported_as_merge(corpus_dir: Path) -> None:
    """A/RES/78/273 OP3 (a short "Takes note of ...;") merged into OP4."""
    old = load_symbol("A/RES/78/273")
    paras = list(old.paragraphs)
    k = [p.id for p in paras].index("op3")
    merged = replace(paras[k], text=paras[k].text + " " + paras[k + 1].text)
    new = replace(old, paragraphs=(*paras[:k], merged, *paras[k + 2 :]))
    found = [(c.op, c.old, c.new) for c in compare(old, new).changes if "op4" in c.old]
    assert found == [("merged", ("op3", "op4"), ("op3",))], found


def test_preambular_taking_note_made_operative_is_a_move(corpus_dir: Path) -> None:
    """A/RES/80/73 PP2 "Taking note of the report ...," becomes OP1 "Takes note of ... ."

    The same change with "Recalling" -> "Recalls" is found as a move; "Taking" and
    "Takes" (like "Noting"/"Notes", "Urging"/"Urges") must match as well.
    """
    old = load_symbol("A/RES/80/73")
    paras = list(old.paragraphs)
    k = [p.id for p in paras].index("pp2")
    pp = paras.pop(k)
    first_op = next(i for i, p in enumerate(paras) if p.kind == "operative")
    text = "Takes" + pp.text[len("Taking") : -1] + "."
    op = replace(pp, id="op0", kind="operative", number="0", text=text)
    new = replace(old, paragraphs=(*paras[:first_op], op, *paras[first_op:]))
    found = [(c.op, c.old, c.new) for c in compare(old, new).changes if "pp2" in c.old]
    assert found == [("moved", ("pp2",), ("op0",))], found


# --------------------------------------------------------------------------- chains


def unique_text_report(
    chains: Sequence[tuple[str, str]], **options: bool
) -> tuple[Counter[str], list[str]]:
    """For each draft -> adopted pair: how paragraphs with a text unique on both sides fare."""
    counts: Counter[str] = Counter()
    problems: list[str] = []
    for draft, adopted in chains:
        old, new = load_symbol(draft), load_symbol(adopted)
        cmp = compare(old, new, **options)
        counts["pairs"] += 1
        old_count = Counter(p.text for p in old.paragraphs)
        new_count = Counter(p.text for p in new.paragraphs)
        old_by_text = {p.text: p for p in old.paragraphs}
        change_of = {n: c for c in cmp.changes for n in c.new}
        old_fn = {f.marker: f.text for f in old.footnotes}
        new_fn = {f.marker: f.text for f in new.footnotes}
        old_pos = {q.id: k for k, q in enumerate(old.paragraphs)}
        new_pos = {q.id: k for k, q in enumerate(new.paragraphs)}
        in_order = [
            (old_pos[c.old[0]], new_pos[c.new[0]])
            for c in cmp.changes
            if c.op in ("equal", "modified") and len(c.old) == len(c.new) == 1
        ]
        for p in new.paragraphs:
            if not p.text or old_count[p.text] != 1 or new_count[p.text] != 1:
                continue
            counts["unique"] += 1
            c = change_of[p.id]
            before = old_by_text[p.text]
            where = f"{draft} -> {adopted} {p.id}"
            if c.old != (before.id,):
                problems.append(f"{where}: paired with {c.old} ({c.op}), not {before.id}")
                counts["mispaired"] += 1
                continue
            counts[c.op] += 1
            if c.op == "equal":
                continue
            if c.op == "moved":
                i, j = old_pos[before.id], new_pos[p.id]
                if not any((a - i) * (b - j) < 0 for a, b in in_order):
                    problems.append(f"{where}: 'moved' but no in-order pair crosses it")
                continue
            notes_differ = [old_fn.get(m) for m in before.footnote_refs] != [
                new_fn.get(m) for m in p.footnote_refs
            ]
            if c.op == "modified" and c.footnotes_changed and notes_differ:
                counts["modified: footnotes"] += 1
                continue
            problems.append(f"{where}: same text as {before.id} but {c.op}")
    return counts, problems


def test_chains_unique_paragraphs_are_unchanged(chains: tuple[tuple[str, str], ...]) -> None:
    """Every draft -> adopted pair compares; a paragraph whose text occurs once in each is
    "equal" (or "moved"), or "modified" only because the footnotes it cites changed."""
    counts, problems = unique_text_report(chains)
    report = f"default options: {dict(counts)}"
    print("\n" + report)
    assert counts["pairs"] == len(chains)
    assert not problems, report + "\n" + "\n".join(problems[:30])


def test_chains_unique_paragraphs_ignoring_footnotes(chains: tuple[tuple[str, str], ...]) -> None:
    """With --ignore-footnote-markers, such paragraphs are strictly "equal" or "moved"."""
    counts, problems = unique_text_report(chains, ignore_footnote_markers=True)
    report = f"ignore_footnote_markers: {dict(counts)}"
    print("\n" + report)
    detail = report + "\n" + "\n".join(problems[:30])
    assert not problems, detail
    assert counts["unique"] == counts["equal"] + counts["moved"], detail


# --------------------------------------------------------------------------- schema


@cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_errors(instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message[:300]}"
        for e in validator().iter_errors(instance)
    ]


def test_schema_describes_every_field() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator()
    assert schema["properties"]["schema"]["const"] == comparison_json.SCHEMA_ID

    def walk(node: Any, path: str) -> list[str]:
        missing = []
        if isinstance(node, dict):
            if node.get("type") == "object":
                assert node.get("additionalProperties") is False, f"{path} is not strict"
                assert set(node.get("required", ())) == set(node["properties"]), path
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    missing.append(f"{path}/{name}")
            for key, sub in node.items():
                if key not in ("if", "then", "else", "not"):  # conditions, not fields
                    missing += walk(sub, f"{path}/{key}")
        elif isinstance(node, list):
            for k, sub in enumerate(node):
                missing += walk(sub, f"{path}/{k}")
        return missing

    assert walk(schema, "") == []
    summary = schema["properties"]["summary"]["properties"]
    assert set(summary) == {*CHANGE_OPS, "renumbered", "words_added", "words_removed"}


def test_schema_matches_comparison_dict_keys() -> None:
    """The schema's objects have exactly the keys `comparison_dict` writes."""
    a = diffcore.loads("The General Assembly,\n\n1. Decides to act.\n", "a.txt")
    b = diffcore.loads("The General Assembly,\n\n1. Decides to act now.\n", "b.txt")
    data = comparison_json.comparison_dict(compare(a, b))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    assert set(data) == set(schema["properties"])
    assert set(data["old"]) == set(defs["identity"]["properties"])
    assert set(data["summary"]) == set(schema["properties"]["summary"]["properties"])
    assert set(data["changes"][0]) == set(defs["change"]["properties"])
    assert schema_errors(data) == []


@pytest.mark.parametrize("pair", corpus_params(spread(chain_pairs(), SCHEMA_SAMPLE), pair_id))
def test_json_output_validates_against_schema(pair: tuple[str, str]) -> None:
    old, new = load_symbol(pair[0]), load_symbol(pair[1])
    for options in ({}, {"ignore_case": True, "ignore_punctuation": True}):
        data = json.loads(comparison_json.render(compare(old, new, **options)))
        errors = schema_errors(data)
        assert not errors, f"{pair} {options}: " + "\n".join(errors[:10])
    assert schema_errors(comparison_json.comparison_dict(compare(old, old))) == []


# --------------------------------------------------------------------------- CLI

DRAFT = EXAMPLES / "A_80_L.8.txt"
ADOPTED = EXAMPLES / "A_RES_80_9.txt"


def run_cli(
    *args: str | Path, env: dict[str, str] | None = None, hash_seed: str = "0"
) -> subprocess.CompletedProcess[bytes]:
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), full.get("PYTHONPATH")]))
    full["PYTHONIOENCODING"] = "utf-8"
    full["PYTHONHASHSEED"] = hash_seed
    full.update(env or {})
    return subprocess.run(
        [*CLI, *map(str, args)],
        input=b"",
        capture_output=True,
        cwd=REPO_ROOT,
        env=full,
        timeout=TIMEOUT,
        check=False,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert err.endswith("\n"), repr(err)
    assert lines[0].startswith("resdiff: ") and len(lines[0]) > len("resdiff: "), err
    assert proc.stdout == b"", proc.stdout[:200]
    return lines[0]


@pytest.fixture(scope="module")
def small_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    where = tmp_path_factory.mktemp("small")
    body = (
        "The General Assembly,\n\nRecalling its resolution 79/1 of 22 September 2024,\n\n"
        "1. Decides to remain {} seized of the matter.\n\n"
        "2. Requests the Secretary-General to report to it at its eighty-first session.\n"
    )
    a, b = where / "a.txt", where / "b.txt"
    a.write_text(body.format("").replace("  ", " "), encoding="utf-8")
    b.write_text(body.format("actively"), encoding="utf-8")
    return a, b


def test_cli_same_file_exits_0() -> None:
    proc = run_cli("compare", DRAFT, DRAFT)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    assert b"@@" not in proc.stdout


@pytest.mark.parametrize("fmt", ["unified", "wdiff", "json"])
def test_cli_formats_differ_exit_1_and_are_deterministic(fmt: str) -> None:
    """Each format works and is byte-identical across runs with different hash seeds."""
    first = run_cli("compare", DRAFT, ADOPTED, "--format", fmt, hash_seed="1")
    second = run_cli("compare", DRAFT, ADOPTED, "--format", fmt, hash_seed="2")
    assert first.returncode == 1, first.stderr.decode()
    assert first.stderr == b""
    assert first.stdout.strip()
    assert b"\x1b" not in first.stdout, "no colours when stdout is not a terminal"
    assert first.stdout == second.stdout, "output differs between two runs"
    assert second.returncode == 1
    if fmt == "json":
        data = json.loads(first.stdout.decode("utf-8"))
        assert schema_errors(data) == []
        assert data["old"]["symbol"] == "A/80/L.8"
        assert data["new"]["symbol"] == "A/RES/80/9"


@pytest.mark.parametrize(
    "case",
    ["missing file", "binary file", "unknown option", "bad format", "bad context"],
)
def test_cli_trouble_exits_2_with_one_line(case: str, tmp_path: Path) -> None:
    binary = tmp_path / "binary.pdf"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary \x00" * 20)
    args: dict[str, list[str | Path]] = {
        "missing file": [DRAFT, tmp_path / "no-such-file.txt"],
        "binary file": [binary, DRAFT],
        "unknown option": ["--no-such-option", DRAFT, ADOPTED],
        "bad format": ["--format", "no-such-format", DRAFT, ADOPTED],
        "bad context": ["--context", "-1", DRAFT, ADOPTED],
    }
    line = assert_one_line_error(run_cli("compare", *args[case]))
    if case == "missing file":
        assert "no-such-file.txt" in line


@pytest.mark.parametrize("fmt", ["unified", "wdiff"])
def test_cli_color_always_paints(fmt: str, small_pair: tuple[Path, Path]) -> None:
    proc = run_cli("compare", *small_pair, "--format", fmt, "--color", "always")
    assert proc.returncode == 1, proc.stderr.decode()
    assert b"\x1b[" in proc.stdout


@pytest.mark.parametrize("fmt", ["unified", "wdiff"])
def test_cli_no_color_on_a_terminal(fmt: str, small_pair: tuple[Path, Path]) -> None:
    """On a terminal, --color auto paints, and NO_COLOR turns it off."""
    pty = pytest.importorskip("pty")

    def on_tty(env: dict[str, str]) -> bytes:
        master, slave = pty.openpty()
        full = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        full["PYTHONPATH"] = str(REPO_ROOT)
        full.update(env)
        proc = subprocess.Popen(
            [*CLI, "compare", *map(str, small_pair), "--format", fmt],
            stdout=slave,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=REPO_ROOT,
            env=full,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(master)
        assert proc.wait(timeout=TIMEOUT) == 1
        assert proc.stderr is not None and proc.stderr.read() == b""
        return b"".join(chunks)

    assert b"\x1b[" in on_tty({}), "--color auto on a terminal should paint"
    assert b"\x1b[" not in on_tty({"NO_COLOR": "1"}), "NO_COLOR must turn colours off"


def test_cli_output_file(tmp_path: Path) -> None:
    out = tmp_path / "report.diff"
    proc = run_cli("compare", DRAFT, ADOPTED, "-o", out)
    assert proc.returncode == 1, proc.stderr.decode()
    assert proc.stdout == b"" and proc.stderr == b""
    written = out.read_bytes()
    assert b"\x1b" not in written
    assert written == run_cli("compare", DRAFT, ADOPTED).stdout


def test_real_split_across_declarations() -> None:
    """2017 OP24 became 2025 OP19 ("We reiterate ...") and OP20 ("We underline ...")."""
    if not SEED_PATH.exists():
        pytest.skip(f"seed not found at {SEED_PATH} (expected ../shared/corpus)")
    old = diffcore.load(str(SEED_PATH))
    new = diffcore.load(str(TEXT_DIR / "A_RES_80_9.txt"))
    splits = [c for c in diffcore.compare(old, new).changes if c.op == "split"]
    assert [(c.old, c.new) for c in splits] == [(("op24",), ("annex-op19", "annex-op20"))]
