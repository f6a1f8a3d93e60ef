"""From lines to a `Document`: the normalizer shared by the text-based readers.

Readers deal with their format's furniture (ODS trailers, PDF running heads, footnote
areas) and hand over a `Layout`: body lines in reading order, tagged with their page,
plus the footnote bodies. Everything that is about UN resolutions rather than about a
file format lives here: header metadata, paragraph boundaries, numbering and parts,
sub-paragraph nesting, preambular/operative classification, footnote markers.
"""

from __future__ import annotations

import bisect
import functools
import re
from contextvars import ContextVar
from dataclasses import dataclass, field

from . import lang
from . import metadata as md
from . import security_council as sc
from .dates import find_dates
from .draft_notes import qualify_sponsors
from .footnotes import (
    ANCHOR_RE,
    Marker,
    RawFootnote,
    Span,
    anchor,
    locate_markers,
    resolve_anchors,
    strip_anchors,
    strip_markers,
)
from .lang.en import ADVERBS, PP_OPENERS  # English data lives with the other languages
from .lang.spec import Language
from .model import Document, Footnote, Metadata, Paragraph, ParagraphKind, Removal
from .textutil import HyphenEvidence, collapse, join_lines_at


@dataclass(frozen=True)
class Line:
    text: str
    page: int | None = None
    # The markup says the line is a heading (AKN `subheading`, or set wholly in bold as
    # DGACM's files print titles): "Achieving sustainable fisheries" is no English recital.
    heading: bool = False
    # A row of a table the markup holds, or a note under it: text, never a heading or a
    # recital, whatever its words ("(United States dollars)" is no English participle).
    row: bool = False


@dataclass
class Layout:
    """What a reader found, before any interpretation as a resolution."""

    lines: list[Line]
    footnotes: list[RawFootnote] = field(default_factory=list)
    hints: dict[str, object] = field(default_factory=dict)
    source_format: str = "text"
    # False where every line is a whole paragraph (ODS exports, unwrapped paste).
    wrapped: bool = True
    # What the reader took out of the flow (page furniture), each with its reason.
    removed: list[Removal] = field(default_factory=list)


NUM_RE = re.compile(r"^(\d{1,3})\.(?:\s+(.*))?$")
BARE_NUM_RE = re.compile(r"^(\d{1,3})$")  # a label whose full stop the PDF text layer lost
SUB_RE = re.compile(r"^\(([a-z]{1,2}|[ivxlc]{1,6})\)(?:\s+(.*))?$")
DRAFT_LABEL_RE = re.compile(
    r"^(PP|OP)\s*(\d{1,3})(?:\s*(bis|ter|quater|quinquies))?\.?(?:\s+(.*))?$", re.I
)
ANNEX_RE = re.compile(r"^(Annex|Appendix|Attachment|Enclosure)(?:\s+([IVXLC]+|\d{1,2}|[A-Z]))?$")
# "ANNEX 1 - President Donald J. Trump's Comprehensive Plan to" (S/RES/2803 (2025)).
ANNEX_TITLE_RE = re.compile(r"^(?:Annex|ANNEX)\s+([IVXLC]+|\d{1,2})\s+[-\u2013\u2014]\s+(\S.*)$")
ROMAN_HEAD_RE = re.compile(r"^([IVXL]{1,6})\.(?:\s+(\S.*))?$")
LONE_ROMAN_RE = re.compile(r"^((?:X{0,3})(?:IX|IV|V?I{0,3}))$")
LETTER_RE = re.compile(r"^([A-Z])$")
ARTICLE_RE = re.compile(
    r"^((?:Article|Rule|Chapter|Section|Part)\s+(?:\d{1,3}[A-Z]?|[IVXLC]{1,6}))(?:\.?\s+(\S.*))?$"
)
LETTER_DOT_RE = re.compile(r"^([A-Z])\.$")
LETTER_HEAD_RE = re.compile(r"^([A-Z])\.\s+(\S.*)$")
SEPARATOR_RE = re.compile(r"^(?:\*\s*){3}$|^[-_=]{3,}$")

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

# The language of the document being built: its data (openers, verbs, labels) is what
# the builder reads the text with.  Set by `build_document`; English outside it.
_LANGUAGE: ContextVar[Language] = ContextVar(
    "structure_language",
    default=lang.get("en"),  # noqa: B039 - a frozen dataclass
)
# Every language's opener and annex heading: a line is one whatever the document's language.
_OPENERS_RE = re.compile(
    r"^\s*(?:"
    + "|".join(
        re.escape(o.rstrip(",،，")) for code in lang.LANGUAGES for o in lang.get(code).body_openers
    )
    + r")\s*[,،，]?\s*$"
)
_ANNEX_WORDS_RE = re.compile(
    r"^(?:"
    + "|".join(re.escape(w) for code in lang.LANGUAGES for w in lang.get(code).annex_words)
    + r")(?:\s+([IVXLC]+|\d{1,2}|[A-Z]))?$"
)

# The meeting line, and the date where a file prints it on the same line.
_ANNEX_TITLED_RE = re.compile(
    r"^("
    + "|".join(re.escape(w) for code in lang.LANGUAGES for w in lang.get(code).annex_words)
    + r")\s+(\w.*)$"
)

_MEETING_LINE_RE = re.compile(
    "^((?:"
    + "|".join(
        lang.get(code).meeting_line for code in lang.LANGUAGES if lang.get(code).meeting_line
    )
    + r"))(?:\s+(\S.*?))?\s*$"
)


def _sub_label(text: str, language: Language) -> tuple[str, str] | None:
    """(label, rest) for a sub-paragraph label in the language's typography, the label
    as its position in the Latin alphabet ("(ب)" -> "b") or a roman numeral ("’2‘" -> "ii")."""
    m = re.match(language.sub_label, text)
    if m is None:
        return None
    value = next(g for g in m.groups() if g)
    for pair in language.sub_lookalikes:
        value = value.replace(pair[0], pair[1])
    if value in language.sub_numerals:
        value = to_roman(language.sub_numerals.index(value) + 1)
    elif value.isdigit():
        value = to_roman(int(value))
    elif language.sub_letters and all(ch in language.sub_letters for ch in value.split()):
        # Position in the Latin alphabet; "أ أ" (the 27th) is "aa" as in English.
        value = "".join(chr(ord("a") + language.sub_letters.index(ch)) for ch in value.split())
    elif value in language.quoted_letters:
        value = chr(ord("a") + language.quoted_letters.index(value))
    elif not value.isascii():
        return None
    return value, text[m.end() :].strip()


# A section numeral alone or before its title: "一", "一 立法活动", "一. 全球背景".
_NUMERAL_HEAD_RE = re.compile(r"^(\S+?)[.．、]?(?:\s+(\S.*))?$")


# A section letter spelt out, alone or before its title: "ألف - مقدمة" ("A. Introduction").
_LETTER_NAME_RE = re.compile(r"^(\S+)(?:\s*[-\u2013]\s*(\S.*)|\s*[-\u2013]?)$")


def _numbered_heading(text: str, language: Language) -> tuple[str, str] | None:
    """("Part I", title) for "Titre I", "第一部分", "الجزء الأول": the heading's number as
    the English version prints it, so that versions number their parts alike."""
    m = re.match(language.heading_label, text) if language.heading_label else None
    if m is None or len(text) > 120 or text.endswith((",", ";", "،", "，", "；")):
        return None
    num, rest = m.group("num"), text[m.end() :].strip()
    figures, _, letter = num.partition(" ")
    if figures.isdigit() and letter:  # "الباب 29 ألف" is section 29A
        if letter in language.section_letters:
            num = figures + chr(ord("A") + language.section_letters.index(letter))
        else:
            num, rest = figures, f"{letter} {rest}".strip()
    if rest[:1].islower() or (rest and rest[-1] in ".:;。："):
        return None  # "Article 5 de la Convention ...": a reference in a sentence
    for pair in language.sub_lookalikes:  # "29С" typed with a Cyrillic letter
        num = num.replace(pair[0].upper(), pair[1].upper())
    words = dict(pair.split("=") for pair in language.heading_words)
    word = m.group("word")
    if num[0].isdigit():
        return f"{words.get(word + '#', words[word])} {num}", rest
    value = _numeral_values(language.ordinals).get(num.replace(" ", "_")) or (
        roman_value(num) if re.fullmatch(r"[IVXLC]+", num) else None
    )
    section = _section_numeral(num, language) if value is None else None
    value = roman_value(section) if section is not None else value
    if value is None:
        return None
    english = words[word]
    shown = to_roman(value).upper() if english in ("Part", "Chapter") else str(value)
    return f"{english} {shown}", rest


def number_first_headings(blocks: list[Block], language: Language) -> None:
    """A heading numbered by an ordinal word ("Chapitre premier") takes the series of the
    next heading of the same word: the budget's sections when it is "Chapitre 2", a
    treaty's chapters when it is "Chapitre II"."""
    if not language.heading_label or not language.ordinals:
        return
    words = dict(pair.split("=") for pair in language.heading_words)
    ordinals = _numeral_values(language.ordinals)
    printed = [(b, re.match(language.heading_label, b.raw_label)) for b in blocks]
    heads = [(b, m) for b, m in printed if b.label == "roman" and m is not None]
    for i, (b, m) in enumerate(heads):
        word, figures = m.group("word"), words.get(m.group("word") + "#")
        if figures is None or m.group("num") not in ordinals:
            continue
        nxt = next((n for _, n in heads[i + 1 :] if n.group("word") == word), None)
        if nxt is not None and nxt.group("num")[0].isdigit():
            b.value = f"{figures} {ordinals[m.group('num')]}"


def printed_headings(number: str, language: Language) -> list[str]:
    """How the language may print a heading number read as "Part I" or "Section 29A"
    ("Titre I", "第一部分", "الباب 29 ألف"): the words the accounting finds the number in."""
    english, _, num = number.partition(" ")
    locals_ = [
        local.rstrip("#")
        for local, eng in (pair.split("=") for pair in language.heading_words)
        if eng == english
    ]
    if not locals_ or not num:
        return []
    forms = {num}
    figures = num.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if figures.isdigit() and figures != num and language.section_letters:
        forms.add(f"{figures} {language.section_letters[ord(num[-1]) - ord('A')]}")
    for pair in language.sub_lookalikes:
        forms.add(num.replace(pair[1].upper(), pair[0].upper()))
    value = int(num) if num.isdigit() else roman_value(num)
    for numerals in (language.ordinals, language.section_numerals):
        if value and value <= len(numerals):
            forms.update(s.replace("_", " ") for s in numerals[value - 1].split("|"))
    return [language.heading_template.format(word=w, num=f) for w in locals_ for f in forms]


def _annex_numeral(text: str, language: Language) -> str | None:
    """ "المرفق الأول", "附件一": an annex heading numbered in words, as the roman numeral."""
    for word in language.annex_words:
        if text.startswith(word) and len(text) > len(word):
            rest = text[len(word) :].strip()
            n = _numeral_values(language.ordinals).get(rest.replace(" ", "_"))
            if n:
                return to_roman(n).upper()
            return _section_numeral(rest, language)
    return None


def _section_numeral(text: str, language: Language) -> str | None:
    """A section heading's own numeral ("一") as the roman numeral other versions print."""
    # Data strings join two-word numerals with "_"; the optional tanween is not written.
    n = _numeral_values(language.section_numerals).get(text.replace("\u064b", "").replace(" ", "_"))
    return to_roman(n).upper() if n else None


@functools.lru_cache(maxsize=16)
def _numeral_values(numerals: tuple[str, ...]) -> dict[str, int]:
    """Each spelling of a numeral ("|" separates them in the data) -> its value."""
    return {s: n for n, spellings in enumerate(numerals, 1) for s in spellings.split("|")}


def roman_value(label: str) -> int | None:
    total = 0
    prev = 0
    for ch in reversed(label.lower()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def to_roman(n: int) -> str:
    out = ""
    for value, sym in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix")):
        while n >= value:
            out += sym
            n -= value
    for value, sym in ((5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += sym
            n -= value
    return out


def first_words(text: str) -> list[str]:
    return [w.strip(',;:.()\u201c\u201d"،，').lower() for w in text.split()[:4]]


def _opening_word(text: str, language: Language) -> str:
    """The first word after the language's leading adverbs, particles and phrases."""
    lead = re.match(language.lead_phrases, text) if language.lead_phrases else None
    text = text[lead.end() :] if lead else text
    if language.segmentation == "han":
        rest = text.lstrip('\u201c\u201d"（(')
        stripped = True
        while stripped:  # "又严重关切": "also", "gravely", then the verb
            stripped = False
            for prefix in _longest_first(language.pp_prefixes):
                if rest.startswith(prefix) and len(rest) > len(prefix) + 1:
                    rest = rest[len(prefix) :].lstrip("，, ")  # "在这方面，回顾"
                    stripped = True
                    break
        return rest[:2]
    for w in first_words(text):
        if w not in language.pp_prefixes and w not in language.clitics:
            return w
    return ""


@functools.lru_cache(maxsize=16)
def _longest_first(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def looks_preambular(text: str) -> bool:
    """Preambular paragraphs open with a participle or adjective: "Recalling", "Mindful"."""
    language = _LANGUAGE.get()
    if language.code != "en":
        return _opening_word(text, language) in language.pp_openers
    words = first_words(text)
    for w in words:
        if w in ADVERBS and w not in ("mindful",):
            continue
        return w.endswith("ing") or w in PP_OPENERS or w.endswith("ed")
    return False


def looks_operative_verb(text: str) -> bool:
    """Operative paragraphs open with a verb in the third person: "Decides", "Requests"."""
    language = _LANGUAGE.get()
    if language.code != "en":
        if first_words(text)[:1] and first_words(text)[0] in language.pp_markers:
            return False
        word = _opening_word(text, language)
        if language.segmentation == "han":
            # One-character verbs ("请", requests), after any adverb ("又请").
            return word in language.op_verbs or word[:1] in language.op_verbs
        return word in language.op_verbs
    words = first_words(text)
    for w in words:
        if w in ADVERBS:
            continue
        return len(w) > 3 and w.endswith("s") and not w.endswith("ss") and w not in PP_OPENERS
    return False


def _operative_verb_first(text: str) -> bool:
    """An unnumbered paragraph ending in ";" that is operative all the same ("Approves the
    budget ...;" in a section's own preamble): in English, by the Council's verbs (the
    English rule takes any "-s" word for a verb); elsewhere, by the language's mined
    operative verbs when no recital opens so ("Approuve", not Chinese "回顾")."""
    language = _LANGUAGE.get()
    if language.code == "en" and sc.opens_operative(text):
        return True
    word = _opening_word(text, language)
    if language.code == "en" and word not in language.op_verbs:
        return False
    return not looks_preambular(text)


def looks_heading(text: str, nlines: int) -> bool:
    if not text or len(text) > 220 or nlines > 4:
        return False
    language = _LANGUAGE.get()
    if text[-1] in ".,;:" + language.clause_ends + language.sentence_ends or text.endswith(" and"):
        return False
    caseless = text[0].isalpha() and not (text[0].isupper() or text[0].islower())
    if not (text[0].isupper() or caseless or text[0].isdigit() or text[0] in '\u201c"('):
        return False
    return not looks_preambular(text) or len(text.split()) <= 2


# --------------------------------------------------------------------------- blocks


@dataclass
class Block:
    """Consecutive lines that form one paragraph candidate."""

    lines: list[Line] = field(default_factory=list)
    label: str | None = None  # "num", "sub", "draft", "annex", "roman", "letter", "meeting"
    value: str = ""  # the label's value: "11", "a", "PP", "I", ...
    extra: str = ""  # "bis" for draft labels
    hard_break: bool = True  # preceded by a blank line or a page start
    raw_label: str = ""  # the label as printed, to restore it when rejected

    @property
    def page(self) -> int | None:
        return self.lines[0].page if self.lines else None

    def plain(self) -> str:
        return strip_anchors(collapse(" ".join(ln.text for ln in self.lines)))


def _match_label(text: str) -> tuple[str, str, str, str] | None:
    """(label kind, value, extra, rest of the line) for a line that opens a block."""
    m = NUM_RE.match(text)
    if m:
        return "num", m.group(1), "", m.group(2) or ""
    m = BARE_NUM_RE.match(text)
    if m:
        return "bare", m.group(1), "", ""
    m = SUB_RE.match(text)
    if m:
        return "sub", m.group(1), "", m.group(2) or ""
    language = _LANGUAGE.get()
    if language.code != "en":
        sub = _sub_label(text, language)
        if sub is not None:
            return "sub", sub[0], "", sub[1]
        numeral = _section_numeral(text, language)  # "حادي عشر": two words
        if numeral is not None:
            return "roman", numeral, "", ""
        head = _NUMERAL_HEAD_RE.match(text)
        numeral = _section_numeral(head.group(1), language) if head else None
        if head is not None and numeral is not None:
            return "roman", numeral, "", head.group(2) or ""
        annex = _annex_numeral(text, language)
        if annex is not None:
            return "annex", annex, "", ""
        numbered = _numbered_heading(text, language)
        if numbered is not None:
            return "roman", numbered[0], "", numbered[1]
        letter = _LETTER_NAME_RE.match(text) if language.section_letters else None
        if letter is not None and letter.group(1) in language.section_letters:
            value = chr(ord("A") + language.section_letters.index(letter.group(1)))
            return "letterhead", value, "", letter.group(2) or ""
    if "a" <= text[:1] <= "z" and text[:2].lower() not in ("pp", "op"):
        return None  # a line opening in lower case carries a paragraph on: no label below
    m = DRAFT_LABEL_RE.match(text)
    if m and (m.group(4) or text.upper().startswith(("PP", "OP"))):
        return (
            "draft",
            m.group(1).upper(),
            f"{m.group(2)}{' ' + m.group(3) if m.group(3) else ''}",
            (m.group(4) or ""),
        )
    m = ANNEX_RE.match(text)
    if m:
        return "annex", m.group(2) or "", "", ""
    m = _ANNEX_WORDS_RE.match(text)
    if m:
        return "annex", m.group(1) or "", "", ""
    m = ANNEX_TITLE_RE.match(text)
    if m:
        return "annex", m.group(1), "", m.group(2)  # its title may wrap to the next line
    m = ROMAN_HEAD_RE.match(text)
    if m and len(m.group(1)) <= 5:
        return "roman", m.group(1), "", m.group(2) or ""
    m = LETTER_RE.match(text)
    if m:
        return "letter", m.group(1), "", ""
    m = ARTICLE_RE.match(text)
    title = m.group(2) if m else None
    if (
        m
        and len(text) < 120
        and not text.endswith((",", ";"))
        and (not title or title[0].isupper())
    ):
        return "roman", m.group(1), "", title or ""
    m = LONE_ROMAN_RE.match(text)
    if m and text:
        return "roman", m.group(1), "", ""
    m = LETTER_DOT_RE.match(text)
    if m:
        return "letterhead", m.group(1), "", ""  # "A." alone; its title follows
    m = LETTER_HEAD_RE.match(text)
    if m and len(m.group(2)) < 300 and not m.group(2).endswith((".", ",", ";")):
        return "letterhead", m.group(1), "", m.group(2)
    m = md.MEETING_RE.match(text)
    if m:
        return "meeting", f"{m.group(1)} {m.group(2)}", "", ""
    m = _MEETING_LINE_RE.match(text)
    if m and (not m.group(2) or _date_line(m.group(2))):
        return "meeting", m.group(1), "", m.group(2) or ""
    if md.GA_LINE_RE.match(text) or sc.OPENER_RE.match(text) or _OPENERS_RE.match(text):
        return "ga", "", "", text  # the organ's opener: "The General Assembly,"
    return None


_GLUED_MARKER_RE = re.compile(r"(?<=[.,;:])\s?\d{1,3}$")


def _continues(prev: Block, text: str) -> bool:
    """Does a line that opens a new page carry on the paragraph the last page ended?"""
    if prev.label in ("annex", "roman", "letter", "letterhead", "meeting", "ga"):
        return False
    last = collapse(prev.lines[-1].text) if prev.lines else ""
    # A footnote marker after the closing comma ("2014–2024,2", "1948, 2") is not the end.
    last = _GLUED_MARKER_RE.sub("", last)
    if not last:
        return False
    first = text.lstrip("\u201c\"'(")
    if not first:
        return False
    if first[0].islower() or first[0].isdigit():
        return True
    end = last[-1]
    if end in ".;:!?":
        return False
    if end == ",":
        return not (looks_preambular(text) or looks_operative_verb(text))
    return True


def segment(layout: Layout, removed: list[Removal] | None = None) -> list[Block]:
    """Split lines into blocks at blank lines, labels and (where undecided) page breaks.

    Separator lines ("* * *", "-----") are dropped; with `removed` given, each is
    recorded there so that no word of the input goes missing unaccounted.
    """
    blocks: list[Block] = []
    cur: Block | None = None
    blank_before = True
    last_page: int | None = None
    in_body = False  # after "The General Assembly": header lines are never split
    for line in layout.lines:
        text = line.text.strip()
        if not text or SEPARATOR_RE.match(text):
            if text and removed is not None:
                removed.append(Removal(text, "separator", line.page))
            if (
                cur is not None
                and cur.lines
                and not (cur.label and len(cur.lines) == 1 and _label_only(cur))
            ):
                cur = None
            blank_before = True
            continue
        new_page = last_page is not None and line.page is not None and line.page != last_page
        last_page = line.page
        # A table row is a row: its "(a)" is a table note's, not a sub-paragraph's.
        label = None if line.row else _match_label(text)
        titled = _ANNEX_TITLED_RE.match(text) if line.heading and label is None else None
        if titled is not None and not titled.group(2)[0].islower():
            # "Anexo Principios de ...": one heading line for the annex word and its title,
            # which other files print as two.
            blocks.append(Block(label="annex", raw_label=titled.group(1), hard_break=True))
            blocks.append(Block([Line(titled.group(2), line.page, heading=True)]))
            cur, blank_before = None, False
            continue
        if label is not None and label[0] == "roman" and cur is not None and _label_only(cur):
            label = None  # "4." then "Rule 99 (b) of ...": the text of paragraph 4, not a heading
        if label is not None:
            kind, value, extra, rest = label
            if kind == "meeting":
                printed = [Line(text[: len(text) - len(rest)].strip(), line.page)] if rest else []
                lines = [*printed, Line(rest, line.page)] if rest else [Line(text, line.page)]
                blocks.append(Block(lines, "meeting", value))
                cur = blocks[-1]
                blank_before = False
                continue
            # Unwrapped input (AKN4UN, ODS) has a line a paragraph: each starts one for sure,
            # and a number out of sequence ("11 -" printed for 10) cannot carry it on.
            hard = blank_before or new_page or not layout.wrapped
            block = Block(label=kind, value=value, extra=extra, hard_break=hard)
            block.raw_label = text[: len(text) - len(rest)].strip() if rest else text
            if rest:
                block.lines.append(Line(rest, line.page, line.heading, line.row))
            blocks.append(block)
            cur = block
            if kind in ("annex", "letter", "ga") and not (kind == "annex" and rest):
                cur = None  # these stand alone on their line
                if kind == "ga":
                    in_body = True
                    block.lines = [Line(text, line.page)]
            blank_before = False
            continue
        last = blocks[-1] if blocks else None
        if (
            last is not None
            and last.label == "meeting"
            and len(last.lines) == 1
            and (md.DATE_LINE_RE.match(text) or _date_line(text))
        ):
            last.lines.append(Line(text, line.page))  # the date under "48th plenary meeting"
            cur = None
            continue
        if new_page and blocks and blocks[-1].label != "meeting" and _continues(blocks[-1], text):
            blocks[-1].lines.append(Line(text, line.page))
            cur = blocks[-1]
            blank_before = False
            continue
        if (
            cur is not None
            and in_body
            and layout.wrapped
            and cur.lines
            and cur.label in (None, "sub", "num", "bare", "draft")
            and _opens_paragraph(cur.lines[-1].text, text)
        ):
            cur = None  # a new paragraph with no blank line before it (seen after page breaks)
        if cur is None or (not layout.wrapped and not _label_only(cur)):
            cur = Block(hard_break=blank_before or new_page)
            blocks.append(cur)
        cur.lines.append(Line(text, line.page, line.heading, line.row))
        blank_before = False
    # In a PDF a raised marker can come out as a line of its own; in a text layer a lone
    # number is as likely a table cell, so it stays text.
    known = {fn.marker for fn in layout.footnotes} if layout.source_format == "pdf" else set()
    kept: list[Block] = []
    for b in blocks:
        if not b.lines and b.label in ("bare", "letterhead"):
            prev = kept[-1] if kept else None
            if b.label == "bare" and b.value in known and prev is not None and prev.lines:
                # A footnote marker set on a line of its own: it belongs to the text before.
                end = prev.lines[-1]
                prev.lines[-1] = Line(end.text + anchor(b.value), end.page)
                continue
            _unlabel(b)  # a lone number or letter stays as text rather than vanishing
        kept.append(b)
    return kept


def _date_line(text: str) -> str | None:
    """A line that is only a date, in the document's language ("19 septembre 2025")."""
    found = find_dates(text, _LANGUAGE.get().code)
    whole = found and found[0].start == 0 and found[0].end >= len(text.rstrip(" .。"))
    return found[0].iso if whole and len(found[0].iso) == 10 else None


def _opens_paragraph(prev: str, text: str) -> bool:
    """A capitalized participle after a line that closed a clause starts a preambular paragraph."""
    if not prev.rstrip().endswith((",", ";")):
        return False
    word = text.split(" ", 1)[0].strip(",")
    if not word[:1].isupper() or word.isupper():
        return False
    lower = word.lower()
    return (lower.endswith("ing") and len(lower) > 5) or lower in PP_OPENERS


def _label_only(block: Block) -> bool:
    """A label printed on a line of its own, still waiting for its text."""
    return block.label in ("num", "bare", "sub", "draft", "roman") and not block.lines


# --------------------------------------------------------------------------- header


@dataclass
class HeaderResult:
    fields: md.HeaderFields
    body_start: int
    # The lines of the consumed blocks: metadata was read from them, none is a paragraph.
    removed: list[Removal] = field(default_factory=list)


def block_lines(block: Block) -> list[Line]:
    """A block's lines as printed, its label back in front and anchors made plain text."""
    lines = list(block.lines)
    if block.raw_label and block.label not in ("ga", "meeting"):
        first = lines[0].text if lines else ""
        page = lines[0].page if lines else None
        lines[:1] = [Line(f"{block.raw_label} {first}".strip(), page)]
    return [Line(ANCHOR_RE.sub(r" \1", ln.text).strip(), ln.page) for ln in lines]


def cover_removals(blocks: list[Block]) -> list[Removal]:
    """The header blocks as removed cover lines; job numbers and barcodes by their name."""
    out = []
    for block in blocks:
        for line in block_lines(block):
            if line.text:
                out.append(Removal(line.text, _cover_reason(line.text), line.page))
    return out


def _cover_reason(text: str) -> str:
    if md.BARCODE_RE.match(text):
        return "barcode"
    if md.JOB_RE.match(text):
        return "job-number"
    return "cover"


def _header_text(lines: list[str], fields: md.HeaderFields) -> list[str]:
    """The lines of a header block that are not cover furniture. "General Assembly" or
    "United Nations" ending a title that runs onto them ("... session of the" /
    "General Assembly") are words of the title, not the cover's letterhead."""
    rest: list[str] = []
    for ln in lines:
        ends_open = bool(rest) and not rest[-1].rstrip().endswith((".", ",", ";", ":", ")"))
        title_words = ends_open and md.COVER_LINES.match(ln) and not re.search("Distr|Orig", ln)
        if title_words or not md.read_cover_line(ln, fields):
            rest.append(ln)
    return rest


def read_header(blocks: list[Block], hints: dict[str, object]) -> HeaderResult:
    """Consume cover and header blocks; return where the body starts."""
    fields = md.HeaderFields()
    for key, value in hints.items():
        fields.set(key, value)
    ga = next((i for i, b in enumerate(blocks[:80]) if b.label == "ga"), None)
    limit = ga if ga is not None else min(len(blocks), 40)
    seen_header = False
    guess: str | None = None
    last_kind: str | None = None
    i = 0
    while i < limit:
        block = blocks[i]
        # A stray number on the cover ("3"), before "The General Assembly", is no label.
        label = None if block.label == "bare" and ga is not None else block.label
        if label not in (None, "num", "letterhead") or (label == "num" and ga is None):
            break
        if label == "num":
            # Numbered lines in the header are the numbered title ("72/1.") or a
            # stray number; the title pattern needs the whole line.
            lines = [block.raw_label + " " + (block.lines[0].text if block.lines else "")]
            lines += [ln.text for ln in block.lines[1:]]
        else:
            lines = [ln.text for ln in block.lines]
        lines = [strip_anchors(ln) for ln in lines]
        if sc.read_header_block(lines, fields):  # before a date line is taken for the cover's
            seen_header = True
            i += 1
            continue
        step = 1
        while lines[0].lstrip().startswith("[") and "]" not in " ".join(lines):
            # "[on the report of the ... Committee", blank lines, "(Fourth Committee) (...)]"
            if i + step >= limit or blocks[i + step].label is not None:
                break
            lines += [strip_anchors(ln.text) for ln in blocks[i + step].lines]
            step += 1
        if md.ADOPTED_RE.match(collapse(" ".join(lines))):
            # "Resolution adopted by the General Assembly on" / "19 December 2023": the
            # date line is the adoption date, not a cover date to be taken away.
            rest = lines
        else:
            rest = _header_text(lines, fields)
        if not rest:
            seen_header = True
            i += 1
            continue
        kind = md.read_header_block(rest, fields)
        if kind is not None:
            seen_header = True
            last_kind = kind
            i += step
            continue
        if last_kind == "agenda" and "agenda_title" not in fields.values:
            # One paragraph a line (Word, pastes): the agenda item's title follows it.
            fields.set("agenda_title", collapse(" ".join(rest)))
            last_kind = "agenda_title"
            i += 1
            continue
        if last_kind in ("agenda", "agenda_title") and _more_agenda_titles(fields, blocks, i):
            # "Agenda items 13 and 75": the second item's title, not the document's
            # (A/80/L.14, whose own title follows its sponsors). Listed in `removed`.
            last_kind = "agenda_title2"
            i += 1
            continue
        if last_kind == "title" and ga is not None:
            # The numbered title goes on until "The General Assembly": "79/243. United
            # Nations Convention against Cybercrime;" / "Strengthening International ..."
            title = fields.values.get("title")
            fields.values["title"] = md.join_header_lines([str(title or ""), *rest])
            i += 1
            continue
        if (
            guess is None
            and "title" not in fields.values
            and (seen_header or ga is not None or _sc_heading_follows(blocks, i))
        ):
            # A title without its number: only if the numbered title does not follow
            # (a second agenda item's title, "Original: English" split on the cover).
            guess = md.join_header_lines(rest).lstrip("* ")
            i += 1
            continue
        break
    fields.set("title", guess)
    return HeaderResult(fields, i, cover_removals(blocks[:i]))


def _more_agenda_titles(fields: md.HeaderFields, blocks: list[Block], i: int) -> bool:
    """Is block `i` the title of a further agenda item, the agenda line listing several
    and the document's own title still to come after the sponsors?"""
    items = fields.values.get("agenda_items")
    if not isinstance(items, tuple) or len(items) < 2 or "agenda_title" not in fields.values:
        return False
    ahead = [b.plain() for b in blocks[i + 1 : i + 4] if b.label is None]
    return any(md.SPONSORS_RE.match(t) or md.SUBMITTED_RE.match(t) for t in ahead)


def _sc_heading_follows(blocks: list[Block], i: int) -> bool:
    """A subject heading over an Official Records line ("MILITARY STAFF COMMITTEE")."""
    if i + 1 >= len(blocks) or blocks[i + 1].label is not None:
        return False
    return sc.RECORDS_LINE_RE.match(blocks[i + 1].plain()) is not None


def rejoin_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    """Join a paragraph that a stray blank line cut in two (seen in OCR and pasted text).

    Only after the opener, and only where the cut is evident: the second piece opens in
    lower case after an unfinished clause, or the first piece is a preambular or
    numbered paragraph stopped in mid-sentence (no punctuation at all).
    """
    out: list[Block] = []
    in_body = False
    for b in blocks:
        prev = out[-1] if out else None
        if (
            in_body
            and prev is not None
            and prev.lines
            and b.lines
            and b.label is None
            and prev.label in (None, "num", "sub")
            and _cut_between(prev, b)
        ):
            prev.lines.extend(b.lines)
            continue
        in_body = in_body or b.label in ("ga", "num")
        out.append(b)
    return out


def _cut_between(prev: Block, block: Block) -> bool:
    last = prev.lines[-1].text.rstrip()
    first = block.lines[0].text.lstrip()
    if not last or not first or last[-1] in ".;:!?":
        return False
    opens = looks_preambular(first) or looks_operative_verb(first)
    if first[0].islower():
        return not (_LANGUAGE.get().openers_lower and opens)
    if not last[-1].isalpha() or opens:
        return False  # "... Apartheid, 16" ends on a footnote marker; "Gravely ..." opens one
    return prev.label == "num" or looks_preambular(prev.plain())


def mark_sc_closing(blocks: list[Block], start: int) -> None:
    """Turn the closing "Adopted ... at the 743rd meeting" of older Council resolutions
    into a meeting line: metadata, not a paragraph. Its lines, with the vote where one was
    taken, are listed as removed "closing" lines, as every meeting line is.
    """
    for b in blocks[start:]:
        m = sc.CLOSING_RE.match(b.plain()) if b.label is None and b.lines else None
        if m:
            b.label, b.value = "meeting", f"{m.group(1)} meeting"


# --------------------------------------------------------------------------- paragraphs


@dataclass
class Draft:
    """A paragraph before footnote markers are removed and ids are fixed."""

    kind: ParagraphKind
    lines: list[Line]
    number: str | None
    parent: str | None
    part: str
    part_label: str | None
    id_hint: str
    prefix: str = ""


@dataclass
class _State:
    part: str = "body"
    annex_label: str | None = None
    letter: str | None = None
    expected: int = 1
    in_preamble: bool = False
    operative_seen: bool = False
    last_op: str | None = None  # number of the last operative paragraph
    last_op_id: str | None = None
    last_pp_id: str | None = None
    letter_seq: str | None = None  # last letter sub-label under the current parent
    letter_id: str | None = None
    letter_number: str | None = None
    # A numbered list inside an operative paragraph ("7. ... objectives:" then "1." .. "5.").
    nested_expected: int = 0
    # "(1)", "(2)" items under an unnumbered operative chapeau ("Agrees that ...:").
    item_parent: str | None = None
    item_next: int = 0
    counters: dict[str, int] = field(default_factory=dict)
    # Labels corrected from what was printed (OCR misreadings), as printed.
    corrected: list[Removal] = field(default_factory=list)

    @property
    def part_label(self) -> str | None:
        if self.annex_label and self.letter:
            return f"{self.annex_label}/{self.letter}"
        return self.letter or self.annex_label

    def prefix(self) -> str:
        head = "" if self.part == "body" else ("annex" + (self.annex_label or "") + "-")
        return head + (f"{self.letter}-" if self.letter else "")

    def count(self, key: str) -> int:
        full = self.prefix() + key
        self.counters[full] = self.counters.get(full, 0) + 1
        return self.counters[full]

    def reset_numbering(self) -> None:
        self.expected = 1
        self.operative_seen = False
        self.last_op = self.last_op_id = None
        self.letter_seq = self.letter_id = self.letter_number = None


def _ga_follows(blocks: list[Block], i: int) -> bool:
    return any(b.label == "ga" for b in blocks[i + 1 : i + 4])


def classify(
    blocks: list[Block], start: int, warnings: list[str], removed: list[Removal] | None = None
) -> list[Draft]:
    """Paragraph kinds, numbers and parts from the blocks after the header.

    Labels it corrects (an OCR "(6)" that is "(b)") are added to `removed` as printed.
    """
    st = _State()
    out: list[Draft] = []
    i = start
    while i < len(blocks):
        b = blocks[i]
        text = b.plain()
        lab = b.label
        if lab == "meeting":
            i += 1
            continue
        if lab == "ga":
            st.in_preamble = True
            out.append(_draft(st, "text", b, None, None, f"t{st.count('t')}"))
            i += 1
            continue
        if lab == "annex":
            st.part = "annex"
            st.annex_label = b.value or None
            st.letter = None
            st.reset_numbering()
            st.in_preamble = False
            heading = Block([Line(b.raw_label, b.page), *b.lines])
            out.append(_draft(st, "heading", heading, None, None, f"h{st.count('h')}"))
            i += 1
            continue
        if lab == "letter" and _ga_follows(blocks, i):
            st.letter = b.value
            st.reset_numbering()
            heading = Block([Line(b.value, b.page)])
            out.append(_draft(st, "heading", heading, b.value, None, f"h{st.count('h')}"))
            i += 1
            continue
        if lab in ("roman", "letterhead") or lab == "letter":
            lines = b.lines
            if not lines and i + 1 < len(blocks) and blocks[i + 1].label is None:
                nxt = blocks[i + 1]
                if _heading(nxt, nxt.plain()):
                    lines = nxt.lines
                    i += 1
            head = Block(lines or [Line(b.raw_label, b.page)])
            out.append(_draft(st, "heading", head, b.value, None, f"h{st.count('h')}"))
            # A section may open with a preamble of its own (omnibus resolutions).
            st.in_preamble = True
            st.operative_seen = False
            i += 1
            continue
        if lab == "bare":
            n = int(b.value)
            if n == st.expected and (looks_operative_verb(text) or text.startswith("We ")):
                lab = b.label = "num"
            else:
                _unlabel(b)
                lab = None
                text = b.plain()
                if not b.hard_break and out:
                    out[-1].lines.extend(b.lines)
                    i += 1
                    continue
        if lab == "num" and st.last_op is not None and n_of(b) != st.expected:
            n = int(b.value)
            chapeau = bool(out) and out[-1].kind == "operative" and _ends_with_colon(out[-1])
            if (n == 1 and chapeau) or (st.nested_expected and n == st.nested_expected):
                st.nested_expected = n + 1
                number = f"{st.last_op}({n})"
                pid = f"{st.last_op_id}-{n}"
                out.append(_draft(st, "subparagraph", b, number, st.last_op, pid))
                i += 1
                continue
        if lab == "num":
            n = int(b.value)
            ok = n == st.expected
            if not ok and n == 1 and st.expected > 1:
                ok = True  # a section numbered on its own: see split_sections
                st.reset_numbering()
            elif not ok and st.expected < n <= st.expected + 3 and b.hard_break:
                warnings.append(f"paragraph numbers {st.expected}..{n - 1} missing")
                ok = True
            if ok:
                st.nested_expected = 0
                st.expected = n + 1
                st.in_preamble = False
                st.operative_seen = True
                st.last_op = b.value
                st.last_op_id = f"{st.prefix()}op{n}"
                st.letter_seq = st.letter_id = st.letter_number = None
                out.append(_draft(st, "operative", b, b.value, None, st.last_op_id))
                i += 1
                continue
            _unlabel(b)
            lab = None
            text = b.plain()
            if not b.hard_break and out:
                out[-1].lines.extend(b.lines)
                i += 1
                continue
        if lab == "draft":
            if b.value == "PP":
                st.in_preamble = True
                st.last_pp_id = f"{st.prefix()}pp{st.count('pp')}"
                out.append(_draft(st, "preambular", b, None, None, st.last_pp_id))
            else:
                num = b.extra
                st.in_preamble = False
                st.operative_seen = True
                st.last_op = num
                st.last_op_id = f"{st.prefix()}op{num.replace(' ', '')}"
                st.letter_seq = st.letter_id = st.letter_number = None
                m = re.match(r"\d+", num)
                if m:
                    st.expected = int(m.group(0)) + 1
                out.append(_draft(st, "operative", b, num, None, st.last_op_id))
            i += 1
            continue
        if lab == "sub" or (lab is None and _ocr_letter_item(st, b, text)):
            out.append(_sub(st, b))
            i += 1
            continue
        # An ordinary block.
        if not text:
            i += 1
            continue
        if all(ln.row for ln in b.lines):
            out.append(_draft(st, "text", b, None, None, f"t{st.count('t')}"))
        elif st.in_preamble and not st.operative_seen:
            if _marked_heading(b, text) or (
                looks_heading(text, len(b.lines)) and not looks_preambular(text)
            ):
                out.append(_draft(st, "heading", b, None, None, f"h{st.count('h')}"))
            elif looks_operative_verb(text) and (
                text[-1:] in _LANGUAGE.get().sentence_ends or _operative_verb_first(text)
            ):
                opu_id = f"{st.prefix()}opu{st.count('opu')}"
                out.append(_draft(st, "operative", b, None, None, opu_id))
                st.last_pp_id = opu_id  # what its "(a)" items belong to
                st.letter_seq = None
                st.item_parent, st.item_next = (opu_id, 1) if text.endswith(":") else (None, 0)
            elif _numbered_item(st, b, text):
                n = st.item_next
                st.item_next += 1
                number, parent = f"({n})", st.item_parent or ""
                out.append(_draft(st, "subparagraph", b, number, parent, f"{parent}-{n}"))
            elif looks_preambular(text) or text[-1:] in _LANGUAGE.get().clause_ends:
                st.last_pp_id = f"{st.prefix()}pp{st.count('pp')}"
                st.letter_seq = None
                out.append(_draft(st, "preambular", b, None, None, st.last_pp_id))
            else:
                out.append(_draft(st, "text", b, None, None, f"t{st.count('t')}"))
        elif (
            not st.operative_seen
            and looks_preambular(text)
            and text[-1:] in _LANGUAGE.get().clause_ends + ":"
        ):
            st.last_pp_id = f"{st.prefix()}pp{st.count('pp')}"
            st.letter_seq = None
            out.append(_draft(st, "preambular", b, None, None, st.last_pp_id))
        elif _heading(b, text):
            out.append(_draft(st, "heading", b, None, None, f"h{st.count('h')}"))
        else:
            out.append(_draft(st, "text", b, None, None, f"t{st.count('t')}"))
        i += 1
    if removed is not None:
        removed.extend(st.corrected)
    return out


def _marked_heading(b: Block, text: str) -> bool:
    """A short line the markup sets as a heading and that ends no clause, whatever its words
    ("Peacebuilding Commission", "Financing of the commitment authority")."""
    # Longer than `looks_heading` allows: French and Spanish titles run a third longer.
    if not b.lines or not all(ln.heading for ln in b.lines) or len(text) > 400:
        return False
    language = _LANGUAGE.get()
    return text[-1] not in ".,;:" + language.clause_ends + language.sentence_ends


def _heading(b: Block, text: str) -> bool:
    return _marked_heading(b, text) or looks_heading(text, len(b.lines))


def _numbered_item(st: _State, b: Block, text: str) -> bool:
    """Is this "(n) ..." the next item under an unnumbered chapeau? Takes its label off."""
    m = sc.NUMBERED_ITEM_RE.match(text)
    if st.item_parent is None or not m or int(m.group(1)) != st.item_next or not b.lines:
        return False
    first = b.lines[0]
    label = sc.NUMBERED_ITEM_RE.match(first.text.strip())
    if label is None:
        return False
    b.lines[0] = Line(label.group(2), first.page)
    return True


def _ocr_letter_item(st: _State, b: Block, text: str) -> bool:
    """ "(6) To settle ..." after "(a)": OCR read the letter (b) as a digit. Relabels it."""
    m = sc.NUMBERED_ITEM_RE.match(text)
    letter = sc.OCR_LETTER_DIGITS.get(m.group(1)) if m else None
    if letter is None or st.letter_seq is None or ord(letter) != ord(st.letter_seq) + 1:
        return False
    label = sc.NUMBERED_ITEM_RE.match(b.lines[0].text.strip()) if b.lines else None
    if label is None:
        return False
    st.corrected.append(Removal(f"({label.group(1)})", "corrected", b.lines[0].page))
    b.lines[0] = Line(label.group(2), b.lines[0].page)
    b.label, b.value, b.raw_label = "sub", letter, f"({letter})"
    return True


def n_of(block: Block) -> int:
    return int(block.value) if block.value.isdigit() else -1


def _ends_with_colon(d: Draft) -> bool:
    return bool(d.lines) and d.lines[-1].text.rstrip().endswith((":", "："))  # "：" (CJK)


def _unlabel(block: Block) -> None:
    """Put a rejected label back into the text it came from."""
    if block.lines:
        first = block.lines[0]
        block.lines[0] = Line(f"{block.raw_label} {first.text}", first.page)
    else:
        block.lines = [Line(block.raw_label)]
    block.label = None


def _sub(st: _State, b: Block) -> Draft:
    label = b.value
    is_letter_next = (
        st.letter_seq is not None and len(label) == 1 and ord(label) == ord(st.letter_seq) + 1
    )
    roman = roman_value(label) if not is_letter_next else None
    is_roman = (
        roman is not None
        and to_roman(roman) == label
        and (
            st.letter_seq is not None or (label not in ("a", "b") and label != "c") or label == "i"
        )
    )
    if st.operative_seen and st.last_op is not None:
        base_number, base_id = st.last_op, st.last_op_id or "op"
    elif st.last_pp_id is not None and not st.operative_seen:
        base_number, base_id = "", st.last_pp_id
    else:
        base_number, base_id = "", f"{st.prefix()}sub"
    if is_roman and st.letter_seq is not None and st.letter_id is not None:
        number = f"{st.letter_number}({label})"
        parent = _parent_ref(st.letter_number, st.letter_id)
        pid = f"{st.letter_id}-{label}"
    elif is_roman and label != "i" and st.letter_seq is None and base_number == "":
        number = f"({label})"
        parent = None
        pid = f"{base_id}-{label}"
    else:
        st.letter_seq = label if len(label) == 1 else None
        number = f"{base_number}({label})"
        parent = base_number or None
        pid = f"{base_id}-{label}"
        if (is_roman and label != "i") or len(label) > 1:
            st.letter_seq = None
        else:
            st.letter_id = pid
            st.letter_number = number
    if parent is None and base_id:
        parent = base_id
    return _draft(st, "subparagraph", b, number, parent, pid)


def _parent_ref(number: str | None, pid: str) -> str:
    """A parent is named by its printed number where it has one ("11", "5(b)"), else by id."""
    return number if number and number[0].isdigit() else pid


def _draft(
    st: _State,
    kind: ParagraphKind,
    block: Block,
    number: str | None,
    parent: str | None,
    id_hint: str,
) -> Draft:
    if kind in ("heading", "text") and not id_hint.startswith(st.prefix()):
        id_hint = st.prefix() + id_hint
    return Draft(
        kind, list(block.lines), number, parent, st.part, st.part_label, id_hint, st.prefix()
    )


def _is_numbered(d: Draft) -> bool:
    return d.kind == "operative" and d.number is not None and d.number.isdigit()


def split_sections(drafts: list[Draft]) -> None:
    """Give each independently numbered section of a part its own part label.

    Omnibus resolutions ("I. ...", "II. ...") and some annexes number every section
    from 1. Numbers are only unique, and only run 1..N, within such a section.
    """
    groups: dict[tuple[str, str | None], list[int]] = {}
    for i, d in enumerate(drafts):
        groups.setdefault((d.part, d.part_label), []).append(i)
    for (_part, label), idxs in groups.items():
        starts = []
        seen = False
        for i in idxs:
            d = drafts[i]
            if _is_numbered(d):
                if d.number == "1" and seen:
                    starts.append(i)
                seen = True
        if not starts:
            continue
        first_numbered = next(i for i in idxs if _is_numbered(drafts[i]))
        bounds = []
        for start in [first_numbered, *starts]:
            j = start
            while j - 1 >= idxs[0] and drafts[j - 1].kind in ("heading", "preambular", "text"):
                j -= 1
            bounds.append(j)
        bounds.append(idxs[-1] + 1)
        for k in range(len(bounds) - 1):
            members = [i for i in idxs if bounds[k] <= i < bounds[k + 1]]
            section = (
                next(
                    (
                        drafts[i].number
                        for i in members
                        if drafts[i].kind == "heading" and drafts[i].number
                    ),
                    None,
                )
                or f"s{k + 1}"
            )
            tag = re.sub(r"\W+", "", section)
            for i in members:
                d = drafts[i]
                d.part_label = f"{label}/{section}" if label else section
                d.id_hint = d.prefix + f"{tag}-" + d.id_hint[len(d.prefix) :]
                if (
                    d.parent
                    and d.kind == "subparagraph"
                    and not d.parent[0].isdigit()
                    and d.parent.startswith(d.prefix)
                ):
                    d.parent = d.prefix + f"{tag}-" + d.parent[len(d.prefix) :]


# --------------------------------------------------------------------------- assembly


_ANCHOR_DELIMITER = re.compile("[\ue010\ue011]")


def _shifted(text: str, offsets: list[int]) -> list[int]:
    """Offsets in `text` after its anchor delimiters are removed. The delimiters are found
    once, not counted again from the start for every offset (a paragraph's every line)."""
    at = [m.start() for m in _ANCHOR_DELIMITER.finditer(text)]
    return [offset - bisect.bisect_left(at, offset) for offset in offsets]


def _document_language(layout: Layout) -> Language:
    """The language the markup states, else the one the body text is written in."""
    stated = layout.hints.get("language")
    if isinstance(stated, str) and stated:
        return lang.get(stated)
    sample = " ".join(ln.text for ln in layout.lines[:60])[:2000]
    return lang.detect(sample)


def build_document(layout: Layout, source: str | None = None) -> Document:
    token = _LANGUAGE.set(_document_language(layout))
    try:
        return _build_document(layout, source)
    finally:
        _LANGUAGE.reset(token)


def _build_document(layout: Layout, source: str | None) -> Document:
    warnings: list[str] = []
    removed = list(layout.removed)
    blocks = segment(layout, removed)
    number_first_headings(blocks, _LANGUAGE.get())
    if layout.source_format == "text":
        blocks = rejoin_broken_paragraphs(blocks)
    header = read_header(blocks, layout.hints)
    removed.extend(header.removed)
    mark_sc_closing(blocks, header.body_start)
    drafts = classify(blocks, header.body_start, warnings, removed)
    split_sections(drafts)
    fields = header.fields
    for b in blocks:
        if b.label == "ga":
            fields.set("organ", "SC" if sc.OPENER_RE.match(b.plain()) else "GA")
        if b.label == "meeting":
            removed.extend(Removal(ln.text, "closing", ln.page) for ln in b.lines)
            fields.set("meeting", b.value)
            if len(b.lines) > 1:
                date = b.lines[1].text
                fields.set("adopted_on", md.iso_date(date) or _date_line(date))
    values = md.finalize(fields)
    sponsors = values.get("sponsors")
    if isinstance(sponsors, str):  # "Iraq:*": the note on whose behalf Iraq submits it
        values["sponsors"] = qualify_sponsors(sponsors, layout.footnotes)

    evidence = HyphenEvidence("\n".join(ln.text for ln in layout.lines))
    # Anchors are exact markers from whatever reader set them (a PDF's raised digits,
    # AKN4UN's `authorialNote`): all of them resolve; lone marker lines are segment's.
    known = {fn.marker for fn in layout.footnotes}
    spans: list[Span] = []
    explicit: list[list[Marker]] = []
    for d in drafts:
        joined, starts = join_lines_at([ln.text for ln in d.lines], evidence)
        text, exact = resolve_anchors(joined, known)
        if text != joined:  # anchors removed: line starts shift left by what was dropped
            starts = _shifted(joined, starts)
        spans.append(Span(text, starts, [ln.page for ln in d.lines]))
        explicit.append(exact)
    markers = locate_markers(spans, layout.footnotes, explicit)

    paragraphs: list[Paragraph] = []
    used: set[str] = set()
    for d, span, found in zip(drafts, spans, markers, strict=True):
        text, _offsets = strip_markers(span.text, found)
        if not text and not (d.kind == "operative" and d.number):
            continue  # a numbered paragraph may have no words of its own: "1." then "(a)"
        pid = d.id_hint
        if pid in used:
            k = 2
            while f"{pid}~{k}" in used:
                k += 1
            pid = f"{pid}~{k}"
        used.add(pid)
        paragraphs.append(
            Paragraph(
                id=pid,
                kind=d.kind,
                text=text,
                number=d.number,
                parent=d.parent,
                part=d.part,
                part_label=d.part_label,
                footnote_refs=tuple(m.marker for m in found),
                footnote_offsets=_offsets,
            )
        )
    footnotes = tuple(Footnote(fn.marker, collapse(fn.text)) for fn in layout.footnotes)
    if not values.get("language") and any(p.text for p in paragraphs):
        # The language build_document detected from the text (the markup said none).
        values["language"] = _LANGUAGE.get().code
    meta = Metadata.from_dict(values)
    return Document(
        metadata=meta,
        paragraphs=tuple(paragraphs),
        footnotes=footnotes,
        source=source,
        source_format=layout.source_format,
        warnings=tuple(warnings),
        removed=tuple(removed),
    )
