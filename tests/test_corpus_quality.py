"""Reuse detection on the real corpus: does it find what is there, and only that?

* Chains: an adopted session-80 resolution should draw most on its own earlier-session
  resolution (chains.json lists them).
* Near-verbatim pairs against brute force: every pair of paragraphs in a 300-document
  sample compared exactly, with the same word definition and similarity.
* The seed (A/RES/72/1, 2017) and its 2025 successor A/RES/80/9.
* `reuse` from a file path, `trace`, `series` on the Cuba embargo series (78/7, 79/7, 80/4).

Run with ``-s`` to see the measured figures.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rapidfuzz import process
from rapidfuzz.distance import Indel, LCSseq

import diffcore
from diffcore.corpus import CorpusStore, open_store
from diffcore.corpus.ingest import add_document, add_paths
from diffcore.corpus.query import NEAR_VERBATIM, resolve, reuse, series, trace
from diffcore.corpus.results import ReuseReport
from diffcore.corpus.shingles import words
from diffcore.model import Document, Metadata, Paragraph

from .conftest import CORPUS_DIR, TEXT_DIR
from .conftest_corpus import copy_db

CHAINS_PATH = CORPUS_DIR / "chains.json"
MIN_SIMILARITY = 0.5


@pytest.fixture(scope="module")
def store(full_corpus_db: Path) -> Iterator[CorpusStore]:
    with open_store(full_corpus_db, create=False) as opened:
        yield opened


def _report(store: CorpusStore, spec: str) -> ReuseReport:
    return reuse(store, resolve(store, spec), MIN_SIMILARITY)


# --- 1. chains --------------------------------------------------------------------------------

# Chains whose adopted text draws most on a document other than the earlier-session
# members chains.json lists, for reasons in the data, not the engine (checked below):
#
# GA80-151: A/RES/80/151 ("Follow-up to the Third United Nations Conference on Landlocked
#   Developing Countries", 98 paragraphs) restates the Awaza Programme of Action adopted
#   by A/RES/79/233 (its annex): over 60 of its paragraphs are closest to 79/233, about 20
#   have any precedent in the 24-paragraph A/RES/79/219 that chains.json lists.
# GA80-202: A/RES/80/202 "Freedom of religion or belief" repeats the previous year's
#   A/RES/79/174 in every paragraph, but 79/174 is printed as "Freedom of religion *and*
#   belief", so chains.json (matching titles) lists only A/RES/78/212 - which also has a
#   precedent in every paragraph, but 79/174 is the more recent.
DATA_EXCEPTIONS = {"GA80-151": "A/RES/79/233", "GA80-202": "A/RES/79/174"}


@dataclass(frozen=True)
class ChainResult:
    adopted: str
    earlier: frozenset[str]
    report: ReuseReport

    @property
    def top(self) -> str | None:
        return self.report.sources[0].document.symbol if self.report.sources else None

    def describe(self) -> str:
        tops = [(s.document.symbol, s.paragraphs, s.words) for s in self.report.sources[:3]]
        return f"{self.adopted}: earlier {sorted(self.earlier)}, top sources {tops}"


@pytest.fixture(scope="module")
def chains(store: CorpusStore) -> dict[str, ChainResult]:
    if not CHAINS_PATH.is_file():
        pytest.skip(f"{CHAINS_PATH} not found")
    out: dict[str, ChainResult] = {}
    for chain in json.loads(CHAINS_PATH.read_text(encoding="utf-8")):
        versions: list[dict[str, Any]] = chain["versions"]
        adopted = [v["symbol"] for v in versions if v["role"] == "adopted"]
        earlier = frozenset(
            v["symbol"] for v in versions if v["role"] == "adopted, earlier session"
        )
        if adopted and earlier:
            (symbol,) = adopted
            out[chain["id"]] = ChainResult(symbol, earlier, _report(store, symbol))
    return out


def test_adopted_resolutions_draw_most_on_their_predecessors(
    chains: dict[str, ChainResult], record_property: Any
) -> None:
    failing = {cid: r.top for cid, r in chains.items() if r.top not in r.earlier}
    line = f"chains passing: {len(chains) - len(failing)}/{len(chains)}"
    print(f"\n{line}")
    for cid in sorted(failing):
        print(f"  {cid} {chains[cid].describe()}")
    record_property("chains_passing", line)
    assert len(chains) == 150
    unexplained = {cid: chains[cid].describe() for cid in failing if cid not in DATA_EXCEPTIONS}
    assert not unexplained
    # The known exceptions still behave as explained (else update DATA_EXCEPTIONS).
    assert failing == DATA_EXCEPTIONS


def test_data_exception_landlocked_follow_up_restates_the_programme(
    chains: dict[str, ChainResult], store: CorpusStore
) -> None:
    result = chains["GA80-151"]
    programme = store.find("A/RES/79/233")
    assert programme is not None and (programme.title or "").startswith(
        "Programme of Action for Landlocked Developing Countries"
    )
    closest = Counter(p.closest.document.symbol for p in result.report.paragraphs if p.closest)
    in_predecessor = sum(
        any(x.document.symbol == "A/RES/79/219" for x in p.precedents)
        for p in result.report.paragraphs
    )
    # Even if every paragraph that 79/219 has were credited to it, 79/233 gives more.
    assert closest["A/RES/79/233"] > closest["A/RES/79/219"] + in_predecessor
    assert "A/RES/79/219" in {s.document.symbol for s in result.report.sources}


def test_data_exception_religion_or_belief_has_a_renamed_predecessor(
    chains: dict[str, ChainResult], store: CorpusStore
) -> None:
    result = chains["GA80-202"]
    renamed = store.find("A/RES/79/174")
    assert renamed is not None and renamed.title == "Freedom of religion and belief"
    worded = [p for p in result.report.paragraphs if p.words]
    for symbol in ("A/RES/79/174", "A/RES/78/212"):
        missing = [
            p.label for p in worded if not any(x.document.symbol == symbol for x in p.precedents)
        ]
        assert not missing, (symbol, missing)


# --- 2. near-verbatim pairs against brute force ------------------------------------------------


@dataclass(frozen=True)
class Pairs:
    """Unordered pairs of distinct word sequences (texts), as indices into `texts`."""

    texts: list[tuple[str, ...]]
    truth: frozenset[tuple[int, int]]
    found: frozenset[tuple[int, int]]

    @property
    def precision(self) -> float:
        return len(self.truth & self.found) / len(self.found)

    @property
    def recall(self) -> float:
        return len(self.truth & self.found) / len(self.truth)

    def similarity(self, pair: tuple[int, int]) -> float:
        a, b = (self.texts[i] for i in pair)
        return float(Indel.normalized_similarity(a, b))

    def jaccard(self, pair: tuple[int, int]) -> float:
        a, b = (_shingle_set(self.texts[i]) for i in pair)
        return len(a & b) / len(a | b)


def _shingle_set(text: tuple[str, ...]) -> set[tuple[str, ...]]:
    if len(text) < 5:
        return {text}
    return {text[i : i + 5] for i in range(len(text) - 4)}


def _char(index: int) -> str:
    """A distinct character per word (no surrogates), so string LCS is word LCS exactly."""
    point = index + 0x100
    return chr(point + 0x800 if point >= 0xD800 else point)


def _brute_force(texts: list[tuple[str, ...]]) -> set[tuple[int, int]]:
    """Every pair of texts with 2*LCS/(len_a+len_b) >= 0.5, computed exactly.

    Exact shortcuts only: a pair can reach 0.5 only if the longer text is at most three
    times the shorter (LCS <= the shorter length); and a first pass over a small
    alphabet (the 200 most frequent words keep their own letter, the rest share 55)
    bounds each LCS from above, since merging letters never shortens a common
    subsequence. Only the pairs it lets through are aligned on the true words.
    """
    vocabulary: dict[str, int] = {}
    for text in texts:
        for word in text:
            vocabulary.setdefault(word, len(vocabulary))
    frequency = Counter(vocabulary[w] for text in texts for w in text)
    frequent = {w: rank + 1 for rank, (w, _) in enumerate(frequency.most_common(200))}
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    exact = ["".join(_char(vocabulary[w]) for w in texts[i]) for i in order]
    coarse = [
        "".join(chr(frequent.get(c, 201 + c % 55)) for c in (vocabulary[w] for w in texts[i]))
        for i in order
    ]
    lengths = np.array([len(s) for s in exact])
    found: set[tuple[int, int]] = set()
    block = 512
    for start in range(0, len(order), block):
        stop = min(start + block, len(order))
        reach = int(np.searchsorted(lengths, 3 * lengths[stop - 1], side="right"))
        scores = process.cdist(
            coarse[start:stop],
            coarse[start:reach],
            scorer=Indel.normalized_similarity,
            score_cutoff=MIN_SIMILARITY - 0.01,
            workers=-1,
        )
        for x, y in zip(*np.nonzero(scores), strict=True):
            a, b = start + int(x), start + int(y)
            if a >= b:
                continue
            lcs = LCSseq.similarity(exact[a], exact[b])
            if 2 * lcs >= MIN_SIMILARITY * (len(exact[a]) + len(exact[b])):
                i, j = order[a], order[b]
                found.add((min(i, j), max(i, j)))
    return found


def _sample_pairs(db: Path) -> Pairs:
    with open_store(db, create=False) as store:
        docs = store.documents()
        index: dict[tuple[str, ...], int] = {}
        texts: list[tuple[str, ...]] = []
        holders: list[set[tuple[str, int]]] = []
        text_of: dict[int, int] = {}
        for pid, doc, text in store.conn.execute("SELECT id, document, text FROM paragraphs"):
            sequence = tuple(words(text))
            if not sequence:
                continue
            t = index.setdefault(sequence, len(texts))
            if t == len(texts):
                texts.append(sequence)
                holders.append(set())
            info = docs[doc]
            if info.symbol and info.session is not None:
                holders[t].add((info.symbol, info.session))
            text_of[pid] = t
        links = store.conn.execute(
            "SELECT a, b FROM links WHERE similarity >= ?", (MIN_SIMILARITY,)
        ).fetchall()

    def could_be_precedent(pair: tuple[int, int]) -> bool:
        """Some copy of one is in a document of another session (and symbol) than some
        copy of the other: only then can `reuse` report the pair."""
        a, b = pair
        return any(sa != sb and na != nb for sa, na in holders[a] for sb, nb in holders[b])

    truth = {p for p in _brute_force(texts) if could_be_precedent(p)}
    found: set[tuple[int, int]] = set()
    for a, b in links:
        ta, tb = text_of[a], text_of[b]
        assert ta != tb, f"a link between verbatim copies {a}, {b}"
        pair = (min(ta, tb), max(ta, tb))
        if could_be_precedent(pair):
            found.add(pair)
    return Pairs(texts, frozenset(truth), frozenset(found))


@pytest.fixture(scope="module")
def sample_db(text_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh corpus of every 4th text (in name order): about 300 documents."""
    db = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    with open_store(db) as opened:
        results = add_paths(opened, [str(f) for f in text_files[::4]])
        assert all(r.status == "added" for r in results)
    return db


@pytest.fixture(scope="module")
def pairs(sample_db: Path) -> Pairs:
    """Near-verbatim pairs: the engine's against brute force, compared fairly.

    The unit is an unordered pair of distinct word sequences ("texts"), because that is
    what the engine stores and `reuse` reads: verbatim copies share one representative
    and a link between two representatives stands for every copy of either text. The
    engine's pairs are the `links` rows with similarity >= 0.5 (`reuse` classifies those
    near-verbatim); per-report precedents would hide pairs behind the best-per-document
    and 50-per-paragraph limits, which are presentation, not detection. Brute force
    aligns every pair of texts of the sample (the same `words`, so the same
    2*LCS/(len_a+len_b)). Both sides keep only the pairs `reuse` could ever report: two
    different texts with copies in documents of different sessions and symbols.
    """
    found = _sample_pairs(sample_db)
    assert len(found.truth) > 1000 and len(found.found) > 1000
    return found


def _strata(pairs: Pairs) -> list[str]:
    lines = []
    sims: dict[tuple[int, int], float] = {}
    for pair in pairs.truth:
        sims[pair] = pairs.similarity(pair)
    for low, high in ((0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)):
        band = [p for p, s in sims.items() if low <= s < high]
        hit = sum(p in pairs.found for p in band)
        lines.append(f"  similarity {low:.1f}-{min(high, 1):.1f}: {hit}/{len(band)}")
    return lines


def test_near_verbatim_precision(pairs: Pairs, record_property: Any) -> None:
    both = len(pairs.truth & pairs.found)
    print(
        f"\nnear-verbatim pairs: brute force {len(pairs.truth)}, engine {len(pairs.found)}, "
        f"both {both}; precision {pairs.precision:.4f}, recall {pairs.recall:.4f}"
    )
    print("\n".join(_strata(pairs)))
    record_property("precision", round(pairs.precision, 4))
    record_property("recall", round(pairs.recall, 4))
    assert pairs.precision >= 0.95


@pytest.mark.xfail(
    strict=True,
    reason="a known limit, the reason the default near-verbatim threshold is 0.7: recall at "
    "similarity 0.5 is about 0.71. Candidates come only from a shared winnowed fingerprint "
    "(dropped when held by more than DF_CAP=64 paragraphs, needing a second one when held by "
    "more than RARE=8) or a shared MinHash band, so formulaic paragraphs that share only common "
    "words and phrases ('Decides to include in the provisional agenda of its eighty-first "
    "session the item entitled ...', 'Having considered the report of the ...') are never "
    "verified although their similarity is >= 0.5",
)
def test_near_verbatim_recall(pairs: Pairs) -> None:
    assert pairs.recall >= 0.95


def test_near_verbatim_recall_at_the_default_threshold(pairs: Pairs) -> None:
    """Pairs at or above `reuse`'s default near-verbatim similarity are (nearly) all found."""
    above = {p for p in pairs.truth if pairs.similarity(p) >= NEAR_VERBATIM}
    found = {p for p in pairs.found if pairs.similarity(p) >= NEAR_VERBATIM}
    hit = len(above & found)
    recall, precision = hit / len(above), hit / len(found)
    print(
        f"\nat similarity >= {NEAR_VERBATIM}: brute force {len(above)}, engine {len(found)}, "
        f"both {hit}; precision {precision:.4f}, recall {recall:.4f}"
    )
    assert len(above) > 1000
    assert precision >= 0.95
    assert recall >= 0.95


def test_near_verbatim_recall_where_passages_are_shared(pairs: Pairs) -> None:
    """Pairs sharing at least half their 5-word shingles (Jaccard >= 0.5) are all found:
    the fingerprints and the MinHash bands are built for exactly these."""
    shared = [p for p in pairs.truth if pairs.jaccard(p) >= 0.5]
    hit = sum(p in pairs.found for p in shared)
    print(f"\nrecall where Jaccard >= 0.5: {hit}/{len(shared)} = {hit / len(shared):.4f}")
    assert len(shared) > 500
    assert hit / len(shared) >= 0.95


def _longest_common_run(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def test_reported_precedents_are_what_their_kind_says(sample_db: Path) -> None:
    """For 20 session-80 documents of the sample, every precedent `reuse` reports
    re-checked from the two texts: kind, similarity, run, and an earlier session."""
    with open_store(sample_db, create=False) as store:
        eighty = [d for d in store.documents().values() if d.session == 80]
        assert len(eighty) > 100
        targets = [eighty[round(i * (len(eighty) - 1) / 19)] for i in range(20)]
        kinds: Counter[str] = Counter()
        for info in targets:
            report = reuse(store, resolve(store, f"#{info.id}"), MIN_SIMILARITY)
            for para in report.paragraphs:
                mine = tuple(words(para.paragraph.text))
                for p in para.precedents:
                    theirs = tuple(words(p.text))
                    where = (info.symbol, para.label, p.document.symbol, p.label)
                    assert p.document.session is not None and p.document.session < 80, where
                    assert p.document.symbol != info.symbol, where
                    similarity = Indel.normalized_similarity(mine, theirs)
                    kinds[p.kind] += 1
                    if p.kind == "verbatim":
                        assert mine == theirs, where
                        continue
                    assert mine != theirs, where
                    assert abs(similarity - p.similarity) < 1e-3, (where, similarity)
                    if p.kind == "near-verbatim":
                        assert similarity >= MIN_SIMILARITY, where
                    else:
                        assert similarity < MIN_SIMILARITY, where
                        assert 8 <= p.run <= _longest_common_run(mine, theirs), where
                if para.precedents:
                    assert para.closest is not None and para.closest in para.precedents
                    assert para.kind == min(
                        (p.kind for p in para.precedents),
                        key=("verbatim", "near-verbatim", "partial").index,
                    )
        assert all(kinds[k] > 20 for k in ("verbatim", "near-verbatim", "partial")), kinds


def _resolution(symbol: str, session: int, texts: list[str]) -> Document:
    paragraphs = tuple(
        Paragraph(id=f"pp{i}", kind="preambular", text=t) for i, t in enumerate(texts, 1)
    )
    meta = Metadata(symbol=symbol, session=session, doc_type="resolution", title=symbol)
    return Document(metadata=meta, paragraphs=paragraphs)


def test_reuse_does_not_depend_on_the_order_documents_were_added(
    corpus_dir: Path, tmp_path: Path
) -> None:
    """80/901 holds a paragraph and a near copy of it; 78/901 repeats the near copy."""
    original = diffcore.load(str(TEXT_DIR / "A_RES_80_4.txt"))
    text = next(p.text for p in original.paragraphs if p.number == "4")
    variant = text.replace("Requests the Secretary-General", "Asks the Secretary-General")
    assert variant != text
    later = _resolution("A/RES/80/901", 80, [text, variant])
    earlier = _resolution("A/RES/78/901", 78, [variant])
    found: dict[str, list[list[tuple[str | None, str, str, float]]]] = {}
    for name, order in (("later first", (later, earlier)), ("earlier first", (earlier, later))):
        with open_store(tmp_path / f"{name}.sqlite") as opened:
            for doc in order:
                add_document(opened, doc)
            report = _report(opened, "A/RES/80/901")
            found[name] = [
                [(p.document.symbol, p.label, p.kind, p.similarity) for p in para.precedents]
                for para in report.paragraphs
            ]
    ((symbol, label, kind, similarity),) = found["earlier first"][0]
    assert (symbol, label, kind) == ("A/RES/78/901", "PP1", "near-verbatim")
    assert similarity > 0.9
    assert found["later first"] == found["earlier first"]


# --- 3. the seed and A/RES/80/9 ----------------------------------------------------------------


def test_seed_is_the_closest_source_of_the_80_9_annex(
    full_corpus_db: Path, seed_path: Path, tmp_path: Path
) -> None:
    db = copy_db(full_corpus_db, tmp_path / "with-seed.sqlite")
    with open_store(db, create=False) as store:
        (added,) = add_paths(store, [str(seed_path)], workers=1)
        assert added.status == "added"
        assert added.document is not None and added.document.symbol == "A/RES/72/1"
        report = _report(store, "A/RES/80/9")
    by_label = {p.label: p for p in report.paragraphs}
    for number in ("1", "2"):
        para = by_label[f"annex OP{number}"]
        assert (para.paragraph.part, para.paragraph.number) == ("annex", number)
        assert para.kind == "near-verbatim"
        from_seed = [p for p in para.precedents if p.document.symbol == "A/RES/72/1"]
        assert [(p.label, p.kind) for p in from_seed] == [(f"OP{number}", "near-verbatim")]
        assert para.closest == from_seed[0]
    assert report.sources[0].document.symbol == "A/RES/72/1"


# --- 4. reuse of a file ------------------------------------------------------------------------


def test_reuse_of_a_file_equals_reuse_of_its_symbol(store: CorpusStore, tmp_path: Path) -> None:
    by_symbol = _report(store, "A/RES/80/4")
    path = TEXT_DIR / "A_RES_80_4.txt"
    target = resolve(store, str(path))
    assert target.info is not None and target.info.symbol == "A/RES/80/4"
    assert reuse(store, target, MIN_SIMILARITY) == by_symbol
    assert by_symbol.summary()["reused_paragraphs"] == by_symbol.summary()["paragraphs"]
    # A copy that is not stored (one paragraph edited) is looked up afresh.
    text = path.read_text(encoding="utf-8")
    edited = tmp_path / "A_RES_80_4 edited.txt"
    edited.write_text(
        text.replace("Once again urges States", "Once again strongly urges States"), "utf-8"
    )
    fresh = resolve(store, str(edited))
    assert fresh.info is None and fresh.ref.symbol == "A/RES/80/4"
    report = reuse(store, fresh, MIN_SIMILARITY)
    changed = 0
    for mine, theirs in zip(report.paragraphs, by_symbol.paragraphs, strict=True):
        if mine.paragraph == theirs.paragraph:
            assert mine.precedents == theirs.precedents, mine.label
        else:
            changed += 1
            assert mine.label == "OP3" and mine.kind == "near-verbatim"
            assert mine.closest is not None and mine.closest.document.symbol == "A/RES/79/7"
            assert mine.closest.label == "OP3"
    assert changed == 1


# --- 5. trace and series -----------------------------------------------------------------------


def test_trace_goes_back_through_the_series(store: CorpusStore) -> None:
    target = resolve(store, "A/RES/80/4")
    lineage = trace(store, target, "PP1")
    assert [(s.document.symbol, s.label, s.kind) for s in lineage.steps] == [
        ("A/RES/80/4", "PP1", None),
        ("A/RES/79/7", "PP1", "verbatim"),
        ("A/RES/78/7", "PP1", "verbatim"),
    ]
    changed = trace(store, target, "OP1")
    assert [(s.document.symbol, s.label) for s in changed.steps] == [
        ("A/RES/80/4", "OP1"),
        ("A/RES/79/7", "OP1"),
        ("A/RES/78/7", "OP1"),
    ]
    assert changed.steps[1].kind == "near-verbatim"
    assert changed.steps[0].diff, "the step's diff turns 79/7 OP1 into 80/4 OP1"


def test_series_lists_the_sessions_in_order_with_counts(store: CorpusStore) -> None:
    chain = series(store, resolve(store, "A/RES/80/4"))
    assert [s.document.symbol for s in chain.steps] == ["A/RES/78/7", "A/RES/79/7", "A/RES/80/4"]
    assert chain.steps[0].counts is None
    assert chain.steps[-1].relation == "this document"
    # Each step's counts agree with the reuse index: unchanged paragraphs are the verbatim
    # copies of the previous resolution, modified ones its near-verbatim ones.
    for previous, step in zip(chain.steps, chain.steps[1:], strict=False):
        assert step.counts is not None
        report = _report(store, step.document.symbol or "")
        kinds = Counter(
            next(
                (p.kind for p in para.precedents if p.document.symbol == previous.document.symbol),
                "new",
            )
            for para in report.paragraphs
        )
        assert step.counts["unchanged"] == kinds["verbatim"] > 0
        assert step.counts["modified"] == kinds["near-verbatim"] > 0
        assert step.counts["new"] == kinds["new"] + kinds["partial"]
