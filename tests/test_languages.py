"""Per-language data and tokenization, on the UN's own AKN4UN texts in six languages.

The session-80 resolutions exist in all six official languages under
../shared/corpus/akn4un/{en,fr,es,ru,ar,zh}/; the tests skip when it is absent.
"""

from __future__ import annotations

import dataclasses
import random
import re
from functools import cache
from pathlib import Path

import pytest
import snowballstemmer
from hypothesis import given, settings
from hypothesis import strategies as st

import diffcore
from diffcore import lang
from diffcore.corpus.shingles import words
from diffcore.model import Document
from diffcore.similarity import Index, terms
from diffcore.worddiff import rebuild, tokenize, word_diff

from .conftest import CORPUS_DIR
from .editgen import Score, edit_document, generate

AKN = CORPUS_DIR / "akn4un"
CODES = ("en", "fr", "es", "ru", "ar", "zh")
SAMPLE = ("A_RES_80_1", "A_RES_80_9", "A_RES_80_60", "A_RES_80_100", "A_RES_80_150")
needs_akn = pytest.mark.skipif(
    not (AKN / "zh").is_dir(), reason=f"AKN4UN corpus not found at {AKN} (../shared/corpus)"
)


@cache
def load(code: str, symbol: str) -> Document:
    path = AKN / code / f"{symbol}.{code}.xml"
    if not path.is_file():
        pytest.skip(f"{path} not in the corpus")
    return diffcore.load(str(path))


def session_80(code: str) -> list[Path]:
    return sorted((AKN / code).glob(f"A_RES_80_*.{code}.xml"))


# --- registry and detection ---------------------------------------------------------


def test_get_normalizes_codes_and_falls_back_to_english() -> None:
    assert lang.get("fr").code == "fr"
    assert lang.get("ZH-CN").code == "zh"
    assert lang.get("ar_EG").direction == "rtl"
    assert lang.get("de").code == "en"
    assert lang.get(None).code == "en"
    assert set(lang.LANGUAGES) == set(CODES)


@needs_akn
@pytest.mark.parametrize("code", CODES)
def test_detect_each_language_paragraph_by_paragraph(code: str) -> None:
    """Every paragraph of 30+ words (or 30+ characters in Chinese) is told right."""
    checked = 0
    for symbol in SAMPLE:
        for p in load(code, symbol).paragraphs:
            long_enough = len(p.text) >= 30 if code == "zh" else len(p.text.split()) >= 30
            if long_enough:
                assert lang.detect(p.text).code == code, p.text[:80]
                checked += 1
    assert checked >= 20


# --- the data modules come from the texts ---------------------------------------------


def _opener(text: str, language: lang.Language) -> str:
    """The word a paragraph opens with, after the prefixes the language allows."""
    if language.segmentation == "han":
        rest = text
        for prefix in sorted(language.pp_prefixes, key=len, reverse=True):
            if rest.startswith(prefix) and rest[len(prefix) : len(prefix) + 2] != "":
                rest = rest[len(prefix) :]
                break
        return rest[:2]
    found = re.findall(r"[^\W\d_]+(?:’[^\W\d_]+)?", text.lower())
    while len(found) > 1 and found[0] in language.pp_prefixes:
        found = found[1:]
    return found[0] if found else ""


@needs_akn
@pytest.mark.parametrize("code", CODES)
def test_language_data_describes_session_80(code: str) -> None:
    """Each module's opener, preambular words and operative verbs fit its real texts."""
    language = lang.get(code)
    files = session_80(code)[::4]
    pp = pp_hits = op = op_hits = openers = formulas = 0
    for path in files:
        doc = diffcore.load(str(path))
        first = doc.paragraphs[0].text if doc.paragraphs else ""
        formulas += 1
        openers += first in language.body_openers
        for p in doc.paragraphs:
            if p.kind == "preambular":
                pp += 1
                pp_hits += _opener(p.text, language) in language.pp_openers
            elif p.kind == "operative" and p.parent is None and p.number:
                op += 1
                word = _opener(p.text, language)
                op_hits += word in language.op_verbs or word[:1] in language.op_verbs
    assert len(files) >= 50
    assert openers / formulas >= 0.95
    assert pp_hits / pp >= 0.9, (pp_hits, pp)
    assert op_hits / op >= 0.7, (op_hits, op)


# --- similarity terms -------------------------------------------------------------------


@needs_akn
def test_english_terms_are_the_porter2_terms_they_always_were() -> None:
    stemmer = snowballstemmer.stemmer("english")
    stop = set(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "a",
            "an",
            "on",
            "for",
            "by",
            "with",
            "its",
            "at",
            "as",
            "or",
            "be",
            "that",
            "this",
            "is",
            "are",
            "from",
        ]
    )
    stop |= {"which", "all"}
    for p in load("en", "A_RES_80_1").paragraphs:
        old = [stemmer.stemWord(w) for w in re.findall(r"[^\W_]+", p.text.lower()) if w not in stop]
        assert terms(p.text) == old
        assert terms(p.text, lang.get("en")) == old


def test_terms_per_script() -> None:
    assert terms("又回顾大会决议", lang.get("zh")) == ["又", "回顾", "大会", "决议"]
    assert terms("巴勒斯坦问题", lang.get("zh")) == ["巴勒", "勒斯", "斯坦", "坦问", "问题"]
    assert terms("2025年关于执行", lang.get("zh")) == ["2025", "年关", "关于", "于执", "执行"]
    fr = lang.get("fr")
    assert terms("Réaffirmant l’Assemblée", fr) == terms("reaffirmant L’assemblée", fr)
    assert "l" not in terms("l’Assemblée générale", fr)
    es = lang.get("es")
    assert terms("Reafirmando la Declaración", es) == terms("reafirmando la declaracion", es)
    ar = lang.get("ar")
    assert terms("تسلّم", ar) == terms("تسلم", ar)
    ru = lang.get("ru")
    assert terms("резолюции", ru) == terms("резолюция", ru) == ["резолюц"]


@needs_akn
@pytest.mark.parametrize("code", CODES)
def test_index_finds_the_same_paragraph_in_each_language(code: str) -> None:
    """Each paragraph of a real resolution is most similar to itself after a small edit."""
    paragraphs = [p.text for p in load(code, "A_RES_80_60").paragraphs if len(p.text) > 60]
    edited = [t[: len(t) // 2] + t[len(t) // 2 + 2 :] for t in paragraphs]
    index = Index(paragraphs, edited)
    assert index.lang.code == code
    for j in range(len(edited)):
        scores = [index.cosine(i, j) for i in range(len(paragraphs))]
        assert max(range(len(scores)), key=scores.__getitem__) == j
        assert scores[j] > 0.6


def test_reuse_words_cut_chinese_into_ideographs_and_leave_the_rest() -> None:
    assert words("回顾2025年决议") == ["回", "顾", "2025", "年", "决", "议"]
    text = "Recalling A/RES/72/1 and the non-governmental organizations’ report, 2.5"
    assert words(text) == re.findall(r"\w+(?:[-/.'\u2019]\w+)*", text.casefold())


# --- a changed word in a real paragraph is a modified paragraph with that word's diff ----

EDITS = [
    ("en", "Recalling", "Reaffirming"),
    ("fr", "Rappelant", "Réaffirmant"),
    ("es", "Recordando", "Reafirmando"),
    ("ru", "ссылаясь", "подтверждая"),
    ("ar", "تشير", "تؤكد"),
    ("zh", "回顾", "重申"),
]


def _replace_in(doc: Document, index: int, old: str, new: str) -> Document:
    paragraphs = list(doc.paragraphs)
    p = paragraphs[index]
    paragraphs[index] = dataclasses.replace(p, text=p.text.replace(old, new, 1))
    return dataclasses.replace(doc, paragraphs=tuple(paragraphs))


@needs_akn
@pytest.mark.parametrize(("code", "old_word", "new_word"), EDITS)
def test_changed_word_is_a_modified_paragraph(code: str, old_word: str, new_word: str) -> None:
    tried = 0
    for symbol in SAMPLE:
        doc = load(code, symbol)
        for k, p in enumerate(doc.paragraphs):
            if p.kind != "preambular" or old_word not in p.text:
                continue
            tried += 1
            new = _replace_in(doc, k, old_word, new_word)
            changes = [c for c in diffcore.compare(doc, new).changes if c.op != "equal"]
            assert [(c.op, c.old, c.new) for c in changes] == [("modified", (p.id,), (p.id,))]
            assert [s for s in changes[0].diff if s[0] != "="] == [
                ("-", old_word),
                ("+", new_word),
            ], f"{symbol} {p.id}"
    assert tried >= 3


@needs_akn
def test_two_character_change_in_chinese_reproduces_the_issue_case() -> None:
    """Issue #11: 回顾 -> 重申 was 'PP deleted' + 'PP inserted'; now one modified paragraph."""
    doc = load("zh", "A_RES_80_1")
    k = next(i for i, p in enumerate(doc.paragraphs) if p.text.startswith("回顾"))
    new = _replace_in(doc, k, "回顾", "重申")
    comparison = diffcore.compare(doc, new)
    changed = [c for c in comparison.changes if c.op != "equal"]
    assert len(changed) == 1 and changed[0].op == "modified"
    assert changed[0].diff[:2] == (("-", "回顾"), ("+", "重申"))
    assert changed[0].similarity > 0.8


# --- word diff round trips on CJK and Arabic text -------------------------------------------


def _paragraphs(code: str) -> list[str]:
    if not (AKN / code).is_dir():
        return []
    texts: list[str] = []
    for symbol in SAMPLE[:3]:
        path = AKN / code / f"{symbol}.{code}.xml"
        if path.is_file():
            texts += [p.text for p in diffcore.load(str(path)).paragraphs if p.text]
    return texts


REAL = {code: _paragraphs(code) for code in ("zh", "ar", "ru", "fr")}


@st.composite
def edited_real(draw: st.DrawFn) -> tuple[str, str]:
    code = draw(st.sampled_from(sorted(REAL)))
    texts = REAL[code] or ["(corpus absent)"]
    language = lang.get(code)
    tokens = tokenize(draw(st.sampled_from(texts)), language)
    pool = [t for text in texts[:40] for t in tokenize(text, language)] or ["x"]
    new = list(tokens)
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, max(len(new) - 1, 0)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        if kind == "insert":
            new[at:at] = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4))
        elif kind == "delete":
            del new[at : at + draw(st.integers(1, 4))]
        elif new:
            new[at] = draw(st.sampled_from(pool))
    return "".join(tokens), "".join(new)


@needs_akn
@settings(max_examples=300, deadline=None)
@given(edited_real())
def test_word_diff_round_trips_on_chinese_arabic_russian_french(pair: tuple[str, str]) -> None:
    old, new = pair
    for language in (None, lang.detect(old)):
        for case, punct in ((False, False), (True, True)):
            segments = word_diff(
                old, new, ignore_case=case, ignore_punctuation=punct, lang=language
            )
            assert rebuild(segments, "old") == old
            assert rebuild(segments, "new") == new


@needs_akn
def test_french_elided_article_is_a_word_of_its_own_in_the_diff() -> None:
    doc = load("fr", "A_RES_80_9")
    k = next(i for i, p in enumerate(doc.paragraphs) if "l’application" in p.text)
    new = _replace_in(doc, k, "l’application", "cette application")
    changed = [c for c in diffcore.compare(doc, new).changes if c.op != "equal"]
    assert len(changed) == 1 and changed[0].op == "modified"
    assert [s for s in changed[0].diff if s[0] != "="] == [("-", "l’"), ("+", "cette ")]
    # English keeps "d’Ivoire" whole, as before.
    assert tokenize("Côte d’Ivoire") == ["Côte", " ", "d’Ivoire"]
    assert tokenize("d’Ivoire", lang.get("fr")) == ["d’", "Ivoire"]


# --- generated edits in every language ------------------------------------------------


@needs_akn
@pytest.mark.parametrize("code", CODES)
def test_generated_edits_align_in_each_language(code: str) -> None:
    """benchmarks/alignment_quality.py --languages, on a few documents: the same bar."""
    # Resolutions without empty paragraphs (an AKN "4." whose text is all in its
    # sub-paragraphs is known only by its number, in every language alike).
    docs = [load(code, symbol) for symbol in ("A_RES_80_20", "A_RES_80_60", "A_RES_80_100")]
    score = Score()
    for label, old, new, truth in generate(docs, 3):
        cmp = diffcore.compare(old, new)
        score.add(cmp, truth, label)
        olds = {p.id: p.text for p in old.paragraphs}
        news = {p.id: p.text for p in new.paragraphs}
        for c in cmp.changes:
            assert rebuild(c.diff, "old") == " ".join(olds[i] for i in c.old)
            assert rebuild(c.diff, "new") == " ".join(news[j] for j in c.new)
    rng_doc = docs[1]
    edited, truth = edit_document(rng_doc, random.Random(code), kinds=["words", "split"])
    assert truth.edits, "the language's style finds places to edit"
    score.add(diffcore.compare(rng_doc, edited), truth, "words+split")
    assert score.precision() >= 0.99 and score.recall() >= 0.99, score.errors[:5]
    assert score.n_false_moves() == 0
