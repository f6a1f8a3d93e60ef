"""What resdiff knows about one language, as plain data.

Adding a language is writing one module of this package that builds a `Language`:
no reader, aligner or differ holds conditionals on language codes.  The word lists
were mined from the UN's own AKN4UN texts of session 80 (`../shared/corpus/akn4un/`),
where the markup tells preambular from operative paragraphs: see
`benchmarks/mine_language_words.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Script = Literal["Latin", "Cyrillic", "Arabic", "Han"]
Segmentation = Literal["spaces", "han"]


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as in Metadata.language
    name: str
    script: Script
    direction: Literal["ltr", "rtl"]
    # Snowball stemmer name (PyStemmer); None: words are compared as written.
    stemmer: str | None
    # Words too common to say anything about which paragraph is which.
    stopwords: frozenset[str]
    # "spaces": words are runs of letters; "han": runs of ideographs are cut further.
    segmentation: Segmentation = "spaces"
    # Characters similarity ignores (a regex class body): Arabic vowel signs, shadda and
    # tatweel are optional in writing, and are not \\w, so they would cut words.
    ignore_marks: str = ""
    # Words a Han-script segmenter keeps whole; other ideographs go in overlapping pairs.
    lexicon: frozenset[str] = frozenset()
    # Elided articles and pronouns written against the next word ("l’", "qu’"), lower case.
    elisions: tuple[str, ...] = ()
    # Accents do not distinguish words for similarity ("Reafirmando"/"reafirmando").
    fold_accents: bool = False
    # Frequent function words that tell Latin-script languages apart (detection): none
    # may be a function word of another language ("la", "de", "en", "que" are not).
    function_words: frozenset[str] = frozenset()
    # The body's opening formula, as the AKN texts write it (with and without comma).
    body_openers: tuple[str, ...] = ()
    # First words of preambular paragraphs, and adverbs/particles that may precede them.
    pp_openers: frozenset[str] = frozenset()
    pp_prefixes: frozenset[str] = frozenset()
    # Particles that open preambular paragraphs only ("وإذ": "and whereas"), never an
    # operative one, though the verb after them is the operative verb's form.
    pp_markers: frozenset[str] = frozenset()
    # Pronouns standing before the verb ("Se félicitant", "Se félicite"): skipped.
    clitics: frozenset[str] = frozenset()
    # First words of operative paragraphs.
    op_verbs: frozenset[str] = frozenset()
    # Sub-paragraph labels as printed ("(a)", "a)", "（a）", "(أ)"); group 1 is the label.
    sub_label: str = r"^\(([a-z]{1,2}|[ivxlc]{1,6})\)"
    # Sub-paragraph letters in order, where the script has its own ("أ", "ب", ...):
    # `Paragraph.number` holds the Latin letter of the same position, so the versions
    # of one resolution number their sub-paragraphs alike.
    sub_letters: tuple[str, ...] = ()
    # Sub-sub-paragraph numerals where the script has its own ("㈠" is "(i)").
    sub_numerals: tuple[str, ...] = ()
    # Letters of another script that files type for the Latin label ("с)" for "c)").
    sub_lookalikes: tuple[str, ...] = ()
    # The closing meeting line as printed ("3e séance plénière", "第3次全体会议").
    meeting_line: str = ""
    # The heading over an annex ("Annexe", "附件"); its number may follow.
    annex_words: tuple[str, ...] = ("Annex",)
    # Section numerals where the script has its own ("一", "二"): position n is "I".."X".
    section_numerals: tuple[str, ...] = ()
    # Punctuation that ends a clause (preambular: "," ";") and a sentence (operative).
    # Paragraphs open in lower case ("ссылаясь"): lower case is no sign of a continuation.
    openers_lower: bool = False
    clause_ends: str = ",;"
    sentence_ends: str = ".:"
    # Reuse (diffcore.corpus): the shortest shared run, in index words, that is partial
    # reuse. 8 English words; the same passages take more words or characters elsewhere.
    reuse_run: int = 8
    # MinHash rows per band: fewer rows find pairs of lower word-pair overlap.
    reuse_band_rows: int = 3


def words_in(text: str) -> tuple[str, ...]:
    """The space-separated words of a data string, in order (keeps word lists compact)."""
    return tuple(text.split())


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())
