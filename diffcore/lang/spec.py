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
class DateFormat:
    """How a language prints dates, for `diffcore.dates`.

    The patterns are regular expressions with placeholders `diffcore.dates` fills in:
    `{day}` (group "day", with ordinal marks "1er", "1º"), `{month}` (group "month": a
    month's name from `locales`, or its number where there are none), `{months}` (any
    month name, no group) and `{year}` (group "year"). Each carries its own word
    boundaries: `\\w` takes in ideographs, so Chinese needs others than Latin scripts.
    """

    # A full date ("24 November 2025", "November 24, 2025" with group "day2").
    full: str
    # A day and month without the year ("30 June", "7月3日").
    day_month: str
    # CLDR locales whose wide month names the texts print (via Babel): Arabic prints
    # the Levantine name and the Egyptian one ("تشرين الثاني/نوفمبر"). None: figures.
    locales: tuple[str, ...] = ()
    # Month names the UN prints that CLDR lacks ("يونيه" for June): (name, month).
    extra_months: tuple[tuple[str, int], ...] = ()
    # A regular case CLDR lacks, from the stand-alone names: (final letters dropped,
    # ending added); Russian "в мае 2026 года" (май -> мае, ноябрь -> ноябре).
    derived_case: tuple[str, str] | None = None


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
    # Phrases that may stand before the verb, a regex ("在其第八十届会议上", "at its
    # eightieth session", comes first in Chinese): skipped, as the adverbs are.
    lead_phrases: str = ""
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
    # Letters only quoted texts use for (a), (b) ("(子)", "(丑)" in a treaty article
    # quoted in Chinese); the language's own labels stay Latin.
    quoted_letters: tuple[str, ...] = ()
    # Sub-sub-paragraphs numbered in figures ("’1‘" is "(i)" in Arabic).
    sub_figures: bool = False
    # Sub-sub-paragraph numerals where the script has its own ("㈠" is "(i)").
    sub_numerals: tuple[str, ...] = ()
    # Letters of another script that files type for the Latin label ("с)" for "c)").
    sub_lookalikes: tuple[str, ...] = ()
    # The closing meeting line as printed ("3e séance plénière", "第3次全体会议").
    meeting_line: str = ""
    # The heading over an annex ("Annexe", "附件"); its number may follow.
    annex_words: tuple[str, ...] = ("Annex",)
    # Ordinals spelt out after a heading word ("المرفق الأول", "Article premier"): position
    # n is n ("|" separates spellings, "_" joins words).  Languages whose section
    # numerals serve ("附件一") need none.
    ordinals: tuple[str, ...] = ()
    # Numbered heading words ("Titre I", "第一章"), a regex with groups `word` and `num`,
    # and what each word is in English: the number versions share ("Part I").
    heading_label: str = ""
    heading_words: tuple[str, ...] = ()  # "Titre=Part", ...
    # How such a heading prints word and numeral ("Titre I"; "第一部分" in Chinese).
    heading_template: str = "{word} {num}"
    # Section numerals where the script has its own ("一", "二"): position n is "I".."X".
    # ("_" joins the words of one numeral, "|" separates its spellings).
    section_numerals: tuple[str, ...] = ()
    # Section letters where the script spells them ("ألف", "باء"): position n is "A".."Z".
    section_letters: tuple[str, ...] = ()
    # Punctuation that ends a clause (preambular: "," ";") and a sentence (operative).
    # Paragraphs open in lower case ("ссылаясь"): lower case is no sign of a continuation.
    openers_lower: bool = False
    clause_ends: str = ",;"
    sentence_ends: str = ".:"
    # Words `diffcore.classify` reads (verb scale, rollover words, mandates); None: the
    # language's changes are all classed by punctuation and numbers alone.
    change_words: ChangeWords | None = None
    # Reuse (diffcore.corpus): the shortest shared run, in index words, that is partial
    # reuse. 8 English words; the same passages take more words or characters elsewhere.
    reuse_run: int = 8
    # MinHash rows per band: fewer rows find pairs of lower word-pair overlap.
    reuse_band_rows: int = 3
    # How dates are printed (`diffcore.dates`); None: no dates are read.
    dates: DateFormat | None = None


def words_in(text: str) -> tuple[str, ...]:
    """The space-separated words of a data string, in order (keeps word lists compact)."""
    return tuple(text.split())


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class ChangeWords:
    """What `diffcore.classify` needs to know of a language to class changes.

    Phrases are lower case, words separated by single spaces. Levels are the documented
    strength scale (README, "Change classes"): higher is stronger.
    """

    # Ordinal words and the numbers they stand for ("eightieth" 80): session ordinals.
    ordinals: tuple[tuple[str, int], ...] = ()
    months: frozenset[str] = frozenset()
    # Words before a number that make it a reference: "item 68", "resolution 2730 (2024)".
    reference_words: frozenset[str] = frozenset()
    # Words before a number that make it a cross-reference ("paragraph 15 above"):
    # renumbering it is editorial, as footnote renumbering is.
    renumber_words: frozenset[str] = frozenset()
    # Words that come and go with a reference ("resolution" -> "resolutions 78/7 and").
    reference_glue: frozenset[str] = frozenset()
    # Spellings that are the same word ("programme", "program"): (variant, usual).
    spelling_variants: tuple[tuple[str, str], ...] = ()
    # Operative verb strength scale, and adverbs that raise a verb on it.
    verb_scale: tuple[tuple[str, float], ...] = ()
    verb_intensifiers: tuple[tuple[str, float], ...] = ()
    # Words that order paragraphs without weighing them ("also", "further"): skipped.
    sequence_words: frozenset[str] = frozenset()
    # Preambular intensity words ("gravely", "deeply", "grave"), before the same opener.
    opener_intensity: tuple[tuple[str, float], ...] = ()
    # Who a mandate is given to, and the phrases that make a paragraph one: (phrase, kind).
    mandate_addressees: tuple[str, ...] = ()
    mandate_phrases: tuple[tuple[str, str], ...] = ()
    # Words that state a periodicity in years ("annually" 1, "biennially" 2).
    periodicity_words: tuple[tuple[str, int], ...] = ()
    # The word after a session ordinal ("at its eighty-first session").
    session_word: str = ""
