"""Tokenization that fits the script: terms for similarity, words for reuse shingles.

English goes through exactly the code it always had (same tokens, same stems), so its
figures do not move.  Other languages differ only in data (`Language`):

* Latin and Cyrillic: runs of letters, the language's Snowball stemmer, its stopwords
  (which include the elided articles: "l’Assemblée" gives "l" + "assembl"), and for
  French and Spanish accents folded after stemming ("Réaffirmant" ~ "reaffirmant").
* Arabic: vowel signs, shadda and tatweel dropped (`Language.ignore_marks`), so
  "تسلّم" and "تسلم" meet, then the Snowball Arabic stemmer.
* Han: no spaces.  The words of the language's small lexicon (the preambular and
  operative openers, "又"/"还" before them, frequent names) are kept whole, and the
  rest of a run of ideographs is cut into overlapping character pairs (most Chinese
  words are two characters).  Chosen by measurement over a full segmenter:
  jieba 0.42 cut the session-80 Chinese resolutions at ~107,000 characters/s after
  a 2.8 s dictionary load, which would make comparing a Chinese resolution several
  times slower than an English one; bigrams cost a regular expression, and give a
  two-character change in a 60-character paragraph a cosine of about 0.9.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

from .spec import Language

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TOKEN = re.compile(r"[^\W_]+")
# Reuse words: letters and digits with inner - / . ' (see diffcore.corpus.shingles).
_INDEX_WORD = re.compile(r"\w+(?:[-/.'\u2019]\w+)*")


@functools.cache
def _han() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Han run, Han-or-word, and reuse word with ideographs, compiled on first use: each
    HAN class costs 2 ms to compile, which a compare without Chinese never needs."""
    return (
        re.compile(rf"[{HAN}]"),
        re.compile(rf"[{HAN}]+|[^\W_{HAN}]+"),
        re.compile(rf"[{HAN}]|[^\W{HAN}]+(?:[-/.'\u2019][^\W{HAN}]+)*"),
    )


@functools.cache
def _stemmer(name: str) -> snowballstemmer.stemmer:
    # snowballstemmer uses PyStemmer (the Snowball stemmers in C) when installed.
    return snowballstemmer.stemmer(name)


@functools.lru_cache(maxsize=262144)
def stem(word: str, stemmer: str) -> str:
    return str(_stemmer(stemmer).stemWord(word))


@functools.lru_cache(maxsize=65536)
def fold_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def han_bigrams(run: str) -> list[str]:
    """Overlapping character pairs of a run of ideographs (the run itself if shorter)."""
    if len(run) < 3:
        return [run] if run else []
    return list(map(str.__add__, run, run[1:]))


@functools.cache
def _marks(chars: str) -> re.Pattern[str]:
    return re.compile(f"[{chars}]")


@functools.cache
def _lexicon_pattern(lexicon: frozenset[str]) -> re.Pattern[str] | None:
    """Longest-first alternation of the lexicon's words of two or more ideographs."""
    long_words = sorted((w for w in lexicon if len(w) > 1), key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, long_words))) if long_words else None


def segment_han(run: str, lexicon: frozenset[str]) -> list[str]:
    """Terms of a run of ideographs: lexicon words whole (leftmost, longest first),
    the stretches between them as overlapping pairs.

    A one-character lexicon word ("又", "请") counts only at the start of a run, where
    it opens a paragraph ("又回顾", "请秘书长"); elsewhere it is usually part of a word.
    """
    out: list[str] = []
    start = 0
    if run[:1] in lexicon and len(run) > 1:
        out.append(run[0])
        start = 1
    pattern = _lexicon_pattern(lexicon)
    if pattern is not None:
        for match in pattern.finditer(run, start):
            out.extend(han_bigrams(run[start : match.start()]))
            out.append(match.group())
            start = match.end()
    out.extend(han_bigrams(run[start:]))
    return out


def terms(text: str, lang: Language) -> list[str]:
    """The similarity terms of a paragraph in `lang`: stemmed words or Han bigrams."""
    lower = text.lower()
    if lang.ignore_marks:
        lower = _marks(lang.ignore_marks).sub("", lower)
    stop = lang.stopwords
    if lang.segmentation == "han":
        out: list[str] = []
        han_run, han_or_word, _ = _han()
        for tok in han_or_word.findall(lower):
            if han_run.match(tok):
                out.extend(segment_han(tok, lang.lexicon))
            elif tok not in stop:
                out.append(tok)
        return out
    words = [w for w in _TOKEN.findall(lower) if w not in stop]
    if lang.stemmer is not None:
        name = lang.stemmer
        words = [stem(w, name) for w in words]
    if lang.fold_accents:
        words = [fold_accents(w) for w in words]
    return words


def index_words(text: str) -> list[str]:
    """Casefolded words for reuse shingles; each ideograph counts as a word.

    Text without ideographs gives exactly the words stored in earlier corpus indexes.
    """
    folded = text.casefold()
    han_run, _, index_word_han = _han()
    if han_run.search(folded):
        return index_word_han.findall(folded)
    return _INDEX_WORD.findall(folded)


def index_word_spans(text: str) -> list[tuple[str, int, int]]:
    """`index_words` with where each word stands in `text` (start, end), for marking
    matches. Casefolding can lengthen a character ("ß" -> "ss"); offsets are mapped back."""
    folded = text.casefold()
    han_run, _, index_word_han = _han()
    pattern = index_word_han if han_run.search(folded) else _INDEX_WORD
    if len(folded) == len(text):
        return [(m.group(), m.start(), m.end()) for m in pattern.finditer(folded)]
    origin: list[int] = []
    for i, ch in enumerate(text):
        origin.extend([i] * len(ch.casefold()))
    origin.append(len(text))
    return [
        (m.group(), origin[m.start()], origin[m.end() - 1] + 1) for m in pattern.finditer(folded)
    ]
