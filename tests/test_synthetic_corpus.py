"""benchmarks/synthetic_corpus.py keeps the promises the scale benchmark relies on.

Same seed, same documents and truth; every source yielded before its reusers and in an
earlier session; each truth link is what its kind says, re-measured here with plain
dynamic programming rather than the generator's own rapidfuzz call; fresh paragraphs
share no 8-word run with anything earlier (but by rare chance), so the truth is complete.

The pool is built from 30 real documents (evenly spaced over ../shared/corpus/text),
small enough that the generator runs out of pool text and synthesizes fresh text too.
Skips with the reason where the corpus is absent.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import pytest

from .conftest import REPO_ROOT, TEXT_DIR

pytest.importorskip("numpy", reason="the synthetic corpus needs numpy")
pytest.importorskip("rapidfuzz", reason="the synthetic corpus needs rapidfuzz")
if str(REPO_ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import synthetic_corpus as sc

POOL_DOCS = 30
N_DOCS = 300
SEED = 7
_TOKEN = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The store's word tokens, spelled out independently of the generator."""
    return _TOKEN.findall(text.casefold())


def lcs(a: Sequence[str], b: Sequence[str]) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        diagonal = 0
        for j, y in enumerate(b, start=1):
            diagonal, row[j] = row[j], diagonal + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    return 2 * lcs(a, b) / (len(a) + len(b))


def longest_run(a: Sequence[str], b: Sequence[str]) -> int:
    """The longest run of consecutive words the two share."""
    best = 0
    row = [0] * (len(b) + 1)
    for x in a:
        new = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                new[j] = row[j - 1] + 1
                best = max(best, new[j])
        row = new
    return best


def shingles(toks: Sequence[str], n: int = 8) -> set[tuple[str, ...]]:
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pool-cache")


@pytest.fixture(scope="module")
def pool(text_files: list[Path], cache_dir: Path) -> sc.Pool:
    return sc.load_pool(TEXT_DIR, POOL_DOCS, cache_dir=cache_dir)


@pytest.fixture(scope="module")
def generated(pool: sc.Pool) -> tuple[list[sc.SyntheticDoc], Counter[str]]:
    counters: Counter[str] = Counter()
    return list(sc.generate(pool, N_DOCS, SEED, counters)), counters


@pytest.fixture(scope="module")
def corpus(generated: tuple[list[sc.SyntheticDoc], Counter[str]]) -> list[sc.SyntheticDoc]:
    return generated[0]


def test_pool_paragraphs_are_distinct_long_and_cached(pool: sc.Pool, cache_dir: Path) -> None:
    texts = [*pool.preambular, *pool.operative]
    assert pool.documents == POOL_DOCS and len(texts) > 100 and pool.vocabulary
    normalized = [" ".join(words(t)) for t in texts]
    assert len(set(normalized)) == len(texts)
    assert all(len(words(t)) >= sc.MIN_TOKENS for t in texts)
    seen: set[tuple[str, ...]] = set()
    for text in texts:  # the strict pool: no 8-word run in two paragraphs
        grams = shingles(words(text))
        assert not grams & seen, text
        seen |= grams
    assert all(sc.tokens(t) == words(t) for t in texts)  # the ASCII fast path agrees
    assert len(list(cache_dir.glob("pool-*.json"))) == 1
    assert sc.load_pool(TEXT_DIR, POOL_DOCS, cache_dir=cache_dir) == pool
    assert sc.load_pool(TEXT_DIR, POOL_DOCS, cache_dir=None) == pool


def test_same_seed_same_documents_and_truth(pool: sc.Pool, corpus: list[sc.SyntheticDoc]) -> None:
    def dump(docs: list[sc.SyntheticDoc]) -> str:
        return "\n".join(json.dumps(d.to_dict(), sort_keys=True) for d in docs)

    again = list(sc.generate(pool, N_DOCS, SEED))
    assert again == corpus
    assert dump(again) == dump(corpus)  # byte-identical once serialized
    other = list(sc.generate(pool, N_DOCS, SEED + 1))
    assert dump(other) != dump(corpus)


def test_generation_is_lazy(pool: sc.Pool) -> None:
    docs = sc.generate(pool, 100_000)
    first = next(docs)  # plans 100,000 documents but builds only the first
    assert first.document.metadata.session == 1 and first.member == 0 and not first.truth


def test_every_source_comes_first_from_an_earlier_session(
    corpus: list[sc.SyntheticDoc],
) -> None:
    assert len(corpus) == N_DOCS
    yielded: dict[str, sc.SyntheticDoc] = {}
    for synthetic in corpus:
        doc = synthetic.document
        symbol, session = doc.metadata.symbol, doc.metadata.session
        assert symbol is not None and session is not None and symbol not in yielded
        ids = {p.id for p in doc.paragraphs}
        linked = [link.paragraph_id for link in synthetic.truth]
        assert len(set(linked)) == len(linked) and set(linked) <= ids
        for link in synthetic.truth:
            source = yielded[link.source_symbol].document
            assert source.metadata.session is not None and source.metadata.session < session
            source.paragraph(link.source_paragraph_id)
        yielded[symbol] = synthetic


def test_truth_links_are_what_their_kind_says(
    corpus: list[sc.SyntheticDoc], generated: tuple[list[sc.SyntheticDoc], Counter[str]]
) -> None:
    by_symbol = {d.document.metadata.symbol: d.document for d in corpus}
    kinds: Counter[str] = Counter()
    for synthetic in corpus:
        for link in synthetic.truth:
            text = synthetic.document.paragraph(link.paragraph_id).text
            source = by_symbol[link.source_symbol].paragraph(link.source_paragraph_id).text
            new, old = words(text), words(source)
            kinds[link.kind] += 1
            if link.kind == "verbatim":
                assert new == old
            elif link.kind == "near-verbatim":
                assert 0.6 <= similarity(new, old) <= 0.95, (text, source)
            else:
                assert longest_run(new, old) >= 10, (text, source)
                assert len(new) >= 1.5 * 10 and similarity(new, old) < 0.5, (text, source)
    assert kinds["verbatim"] and kinds["near-verbatim"] and kinds["partial"]
    assert generated[1]["cross-series"] > 0
    assert generated[1]["fresh synthesized"] > 0  # the tiny pool ran out: both paths ran


def test_fresh_paragraphs_share_no_run_with_anything_earlier(
    corpus: list[sc.SyntheticDoc],
) -> None:
    """Else a store would find precedents the truth lacks.

    Chance allows a few: an edit or a partial's seam can recreate a UN formula that a
    later pool paragraph has (4 in 76,256 fresh paragraphs over 10,000 documents).
    """
    earlier: set[tuple[str, ...]] = set()
    fresh: list[str] = []
    shared: list[str] = []
    for synthetic in corpus:
        linked = {link.paragraph_id for link in synthetic.truth}
        grams = {p.id: shingles(words(p.text)) for p in synthetic.document.paragraphs}
        for pid, own in grams.items():
            if pid not in linked:
                fresh.append(pid)
                if own & earlier:
                    shared.append(synthetic.document.paragraph(pid).text)
        for own in grams.values():
            earlier |= own
    assert len(shared) <= len(fresh) // 1000, shared


def test_series_sessions_titles_and_paragraph_layout(corpus: list[sc.SyntheticDoc]) -> None:
    series: defaultdict[int, list[sc.SyntheticDoc]] = defaultdict(list)
    for synthetic in corpus:
        series[synthetic.series].append(synthetic)
        meta = synthetic.document.metadata
        assert meta.session is not None and 1 <= meta.session <= sc.MAX_SESSION
        assert meta.doc_type == "resolution"
        assert meta.symbol is not None and meta.symbol.startswith(f"A/RES/{meta.session}/")
        assert meta.adopted_on is not None
        assert meta.adopted_on.startswith(f"{1945 + meta.session}-12-")
        paragraphs = synthetic.document.paragraphs
        assert sc.MIN_PARAS <= len(paragraphs) <= sc.MAX_PARAS
        npp = len(paragraphs) // 3
        assert [p.id for p in paragraphs] == [f"pp{i}" for i in range(1, npp + 1)] + [
            f"op{i}" for i in range(1, len(paragraphs) - npp + 1)
        ]
        assert all(p.kind == "preambular" and p.number is None for p in paragraphs[:npp])
        assert all(p.kind == "operative" and p.number == p.id[2:] for p in paragraphs[npp:])
    titles = set()
    for members in series.values():
        assert sc.SERIES_MIN <= len(members) <= sc.SERIES_MAX
        sessions = [m.document.metadata.session or 0 for m in members]
        assert sessions == list(range(sessions[0], sessions[0] + len(members)))
        assert [m.member for m in members] == list(range(len(members)))
        assert not members[0].truth  # a first member is all fresh
        assert len({m.document.metadata.title for m in members}) == 1
        titles.add(members[0].document.metadata.title)
    assert len(titles) == len(series)
