"""Paragraph similarity for alignment: TF-IDF cosine over stemmed words (or Han bigrams).

Resolutions repeat formulas ("Requests the Secretary-General to submit to the General
Assembly at its ... session a report"). Weighting words by inverse document frequency
over the paragraphs of both versions makes such boilerplate count for little, so two
unrelated paragraphs that share only a formula score low.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
from collections import Counter
from collections.abc import Sequence

from . import lang as languages
from .lang import Language, en
from .lang.tokens import stem as en_stem
from .lang.tokens import terms as language_terms

STOPWORDS = en.STOPWORDS


def stem(word: str) -> str:
    """Porter2 stem, so "Takes"/"Taking" and "Recalls"/"Recalling" meet."""
    return en_stem(word, "english")


def terms(text: str, lang: Language | None = None) -> list[str]:
    """Similarity terms of a paragraph: stemmed words, or Han bigrams (see lang.tokens)."""
    return language_terms(text, lang or en.LANGUAGE)


def language_of(texts: Sequence[str]) -> Language:
    """The language of a set of paragraphs, told from their first 2,000 characters."""
    sample: list[str] = []
    size = 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size >= 2000:
            break
    return languages.detect(" ".join(sample))


def match_key(text: str, ignore_case: bool = True) -> str:
    """What two paragraphs must share to count as the same text for anchoring."""
    key = " ".join(text.split())
    key = key.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    key = key.replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return key.casefold() if ignore_case else key


class Index:
    """Weighted term vectors for two documents' paragraphs, with an inverted index."""

    def __init__(
        self, old: Sequence[str], new: Sequence[str], lang: Language | None = None
    ) -> None:
        # Tokenized as the text's language wants (detected when not given).
        self.lang = lang or language_of([*old[:20], *new[:20]])
        # Most paragraphs are the same in both versions: each text is tokenized and
        # weighted once, and its bag and vector shared (neither is ever modified).
        bags: dict[str, Counter[str]] = {}
        for text in (*old, *new):
            if text not in bags:
                bags[text] = Counter(terms(text, self.lang))
        self.old_terms = [bags[t] for t in old]
        self.new_terms = [bags[t] for t in new]
        df: Counter[str] = Counter()
        for bag in (*self.old_terms, *self.new_terms):
            df.update(bag.keys())
        self.df = df  # paragraphs of both versions with the term
        n = len(self.old_terms) + len(self.new_terms) or 1
        self.idf = {term: math.log((n + 1) / (count + 0.5)) for term, count in df.items()}
        vecs = {text: self._vector(bag) for text, bag in bags.items()}
        self.old_vecs = [vecs[t] for t in old]
        self.new_vecs = [vecs[t] for t in new]

    @functools.cached_property
    def _postings(self) -> dict[str, list[int]]:
        """Old paragraphs by term; built on first use (gaps of one paragraph need none)."""
        postings: dict[str, list[int]] = {}
        for i, vec in enumerate(self.old_vecs):
            for term in vec:
                postings.setdefault(term, []).append(i)
        return postings

    def _vector(self, bag: Counter[str]) -> dict[str, float]:
        idf = self.idf
        # (1 + log 1) * w is w exactly: most terms occur once, and skip the logarithm.
        vec = {t: idf[t] if c == 1 else (1 + math.log(c)) * idf[t] for t, c in bag.items()}
        values = list(vec.values())
        norm = math.sqrt(sum(map(operator.mul, values, values))) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def cosine(self, i: int, j: int) -> float:
        a, b = self.old_vecs[i], self.new_vecs[j]
        if len(a) > len(b):
            a, b = b, a
        # The terms of `a` in order, as a generator over a.items() would add them (so the
        # same float), without a Python frame per term: alignment scores ~10^5 pairs a MB.
        dot: float = sum(map(operator.mul, a.values(), map(b.get, a, itertools.repeat(0.0))))
        return dot

    def cosine_joined(self, olds: Sequence[int], news: Sequence[int]) -> float:
        """Similarity of the concatenation of several old and several new paragraphs."""
        a = self._vector(sum((self.old_terms[i] for i in olds), Counter()))
        b = self._vector(sum((self.new_terms[j] for j in news), Counter()))
        return sum(v * b.get(t, 0.0) for t, v in a.items())

    def containment(self, inner_new: int, outer_old: int) -> float:
        """Share of a new paragraph's weight found in an old one (for splits)."""
        inner = self.new_vecs[inner_new]
        outer = self.old_vecs[outer_old]
        total = sum(inner.values()) or 1.0
        return sum(v for t, v in inner.items() if t in outer) / total

    def containment_old(self, inner_old: int, outer_new: int) -> float:
        """Share of an old paragraph's weight found in a new one (for merges)."""
        inner = self.old_vecs[inner_old]
        outer = self.new_vecs[outer_new]
        total = sum(inner.values()) or 1.0
        return sum(v for t, v in inner.items() if t in outer) / total

    def candidates(self, j: int, olds: Sequence[int], min_idf: float = 1.0) -> list[int]:
        """Old paragraphs (among `olds`) sharing a distinctive term with new paragraph j."""
        allowed = olds if isinstance(olds, set | frozenset) else set(olds)
        idf, df = self.idf, self.df
        distinct = [t for t in self.new_vecs[j] if idf.get(t, 0.0) >= min_idf]
        # From whichever side is shorter: the postings of j's terms run over the whole old
        # document (df bounds their length), while a gap between anchors holds a few old
        # paragraphs. The same set either way; the postings are built only when needed.
        if len(allowed) * len(distinct) < sum(df[t] for t in distinct):
            vecs = self.old_vecs
            return sorted(i for i in allowed if not vecs[i].keys().isdisjoint(distinct))
        postings = self._postings
        found: set[int] = set()
        for term in distinct:
            for i in postings.get(term, ()):
                if i in allowed:
                    found.add(i)
        return sorted(found)
