"""`diffcore.prefix_filter.candidate_pairs` against scoring every pair, on real documents.

The alignment's close pairs are found among the candidates only, so a pair the filter
missed would change the alignment silently: every pair at or above the threshold must be
among the candidates, in the order the aligner relies on (by new index, then old index).
Corpus tests skip with the reason where ../shared/corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diffcore import load
from diffcore.prefix_filter import candidate_pairs, heavy_terms
from diffcore.similarity import Index

from .conftest import TEXT_DIR

PAIRS = [
    ("seed", "A_RES_80_9.txt"),  # 2017 -> 2025: 54 changed paragraphs
    ("A_80_L.17.txt", "A_RES_80_109.txt"),  # the 200 KB draft -> adopted pair
    ("A_RES_80_9.txt", "A_80_L.8.txt"),  # adopted -> draft, the other way round
]


def _index(seed_path: Path, old_name: str, new_name: str) -> Index:
    old_path = seed_path if old_name == "seed" else TEXT_DIR / old_name
    new_path = TEXT_DIR / new_name
    if not (old_path.is_file() and new_path.is_file()):
        pytest.skip(f"{old_path.name} or {new_path.name} not in the corpus")
    old, new = load(str(old_path)), load(str(new_path))
    return Index([p.text for p in old.paragraphs], [p.text for p in new.paragraphs])


@pytest.mark.parametrize(("old_name", "new_name"), PAIRS)
@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.75])
def test_candidates_hold_every_pair_at_the_threshold(
    seed_path: Path, old_name: str, new_name: str, threshold: float
) -> None:
    index = _index(seed_path, old_name, new_name)
    olds, news = range(len(index.old_vecs)), range(len(index.new_vecs))
    found = list(candidate_pairs(index.old_vecs, index.new_vecs, olds, news, index.idf, threshold))
    reaching = [(i, j) for j in news for i in olds if index.cosine(i, j) >= threshold]
    assert reaching, "the pair has no close paragraphs: it tests nothing"
    assert not set(reaching) - set(found)
    assert found == sorted(found, key=lambda p: (p[1], p[0]))
    assert len(found) < len(olds) * len(news) / 2  # it does filter


@pytest.mark.parametrize(("old_name", "new_name"), PAIRS)
@pytest.mark.parametrize("share", [0.5, 0.7])
def test_a_contained_paragraph_holds_a_heavy_term(
    seed_path: Path, old_name: str, new_name: str, share: float
) -> None:
    """Splits and merges check only the paragraphs holding a heavy term of the other."""
    index = _index(seed_path, old_name, new_name)
    olds, news = range(len(index.old_vecs)), range(len(index.new_vecs))
    heavy = [set(heavy_terms(vec, share)) for vec in index.new_vecs]
    contained = [(j, i) for j in news for i in olds if index.containment(j, i) >= share]
    assert contained, "no new paragraph is contained in an old one: it tests nothing"
    assert all(heavy[j] & index.old_vecs[i].keys() for j, i in contained)
    assert sum(map(len, heavy)) < sum(map(len, index.new_vecs)) / 2  # few terms are heavy
