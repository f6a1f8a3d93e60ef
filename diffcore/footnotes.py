"""Finding footnote markers glued into running text ("Persons1 and", "2021,3").

A digit after a word is usually not a marker ("2030 Agenda", "resolution 64/293",
"vol. 2225"). We only look for the markers the document itself lists, in their order,
on the page where their footnote body was printed; context rules reject the numeric
phrases that UN texts are full of.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from .metadata import MONTHS

# Words after which a number is part of the text, not a marker.
NUMERIC_CONTEXT = frozenset(
    [
        "paragraph",
        "paragraphs",
        "para",
        "paras",
        "resolution",
        "resolutions",
        "decision",
        "decisions",
        "article",
        "articles",
        "no",
        "nos",
        "vol",
        "vols",
        "chapter",
        "chap",
        "chapters",
        "section",
        "sect",
        "sections",
        "annex",
        "annexes",
        "goal",
        "goals",
        "target",
        "targets",
        "rule",
        "rules",
        "item",
        "items",
        "page",
        "pages",
        "p",
        "pp",
        "footnote",
        "footnotes",
        "principle",
        "principles",
        "recommendation",
        "recommendations",
        "protocol",
        "session",
        "sessions",
        "appendix",
        "part",
        "parts",
        "table",
        "tables",
        "figure",
        "figures",
        "level",
        "levels",
        "phase",
        "step",
        "option",
        "group",
        "step",
        "stage",
        "category",
        "class",
        "volume",
        "document",
        "documents",
        "convention",
        "conventions",
        "regulation",
        "regulations",
        "subparagraph",
        "subparagraphs",
    ]
)
MONTH_WORDS = frozenset(m.lower() for m in MONTHS)
# Abbreviations whose full stop does not end the context: "No. 39574", "vol. 2225".
ABBREVIATIONS = frozenset(
    [
        "no",
        "nos",
        "vol",
        "vols",
        "para",
        "paras",
        "p",
        "pp",
        "art",
        "arts",
        "chap",
        "sect",
        "sess",
        "suppl",
    ]
)

# Function words: a marker follows a content word or punctuation, never these.
FUNCTION_WORDS = frozenset(
    [
        "and",
        "or",
        "to",
        "of",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "than",
        "over",
        "under",
        "about",
        "some",
        "all",
        "those",
        "these",
        "its",
        "their",
        "our",
        "his",
        "her",
        "any",
        "each",
        "every",
        "per",
        "cent",
        "between",
        "within",
        "into",
        "up",
        "down",
        "first",
        "last",
        # verbs before a count: "there are 2 nuclear-weapon States" (A/C.1/80/L.43)
        "are",
        "is",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
    ]
)

# Words after a number that show it is a quantity or a date, not a marker.
NUMERIC_FOLLOWERS = frozenset(
    [
        "per",
        "percent",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
        "trillions",
        "thousand",
        "thousands",
        "hundred",
        "dollars",
        "dollar",
        "euros",
        "tons",
        "tonnes",
        "degrees",
        "kilometres",
        "km",
        "metres",
        "hectares",
        "years",
        "year",
        "months",
        "month",
        "days",
        "day",
        "weeks",
        "week",
        "hours",
        "times",
        "member",
        "members",
        "states",
        "countries",
        "persons",
        "people",
        "women",
        "men",
        "children",
    ]
) | frozenset(m.lower() for m in MONTHS)

_DIGITS = re.compile(r"\d+")
_CLOSERS = frozenset("\u201d\u2019\"').,;:!?]")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _after_ok(text: str, e: int) -> bool:
    """Not followed by more of a word or number ("2,500", "1.5"); ",11" is fine."""
    nxt = text[e : e + 1]
    if not nxt:
        return True
    if nxt.isalnum() or nxt in "_/":
        return False
    if nxt in ".," and text[e + 1 : e + 2].isdigit():
        if nxt == ".":
            return False
        return not text[e + 1 : e + 4].isdigit() or len(text[e + 1 : e + 4]) < 3
    return True


_WORD_BEFORE = re.compile(r"([^\W_][\w'\u2019-]*)[^\w]*$")
_WORD_AFTER = re.compile(r"^[^\w]*([^\W_][\w-]*)")


# Readers that know exactly where a footnote reference stands (a DOCX footnoteReference,
# a raised digit in a PDF) write it as ANCHOR_OPEN + marker + ANCHOR_CLOSE; the builder
# takes those as exact markers and searches only for the rest.
ANCHOR_OPEN, ANCHOR_CLOSE = "\ue010", "\ue011"
ANCHOR_RE = re.compile(f"{ANCHOR_OPEN}([^{ANCHOR_CLOSE}]*){ANCHOR_CLOSE}")


def anchor(marker: str) -> str:
    return f"{ANCHOR_OPEN}{marker}{ANCHOR_CLOSE}"


def strip_anchors(text: str) -> str:
    """The text with explicit anchors removed, for classification and metadata."""
    return ANCHOR_RE.sub("", text) if ANCHOR_OPEN in text else text


def resolve_anchors(text: str, known: set[str]) -> tuple[str, list[Marker]]:
    """Exact markers from anchors naming a listed footnote; other anchors become text."""
    if ANCHOR_OPEN not in text:
        return text, []
    out = ""
    markers: list[Marker] = []
    prev = 0
    for m in ANCHOR_RE.finditer(text):
        out += text[prev : m.start()]
        if m.group(1) in known:
            markers.append(Marker(len(out), len(out) + len(m.group(1)), m.group(1)))
        out += m.group(1)
        prev = m.end()
    return out + text[prev:], markers


@dataclass(frozen=True)
class RawFootnote:
    """A footnote body as a reader found it, with the page it was printed on."""

    marker: str
    text: str
    page: int | None = None


@dataclass
class Span:
    """A paragraph's text with the page on which each of its lines began."""

    text: str
    line_starts: list[int]
    line_pages: list[int | None]

    @functools.cached_property
    def candidates(self) -> list[Marker]:
        return candidates(self.text)

    def page_at(self, offset: int) -> int | None:
        if not self.line_starts:
            return None
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return self.line_pages[max(i, 0)]


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    marker: str


def _preceding_word(text: str, pos: int) -> str:
    m = _WORD_BEFORE.search(text[max(0, pos - 40) : pos])
    return m.group(1).lower().strip("'\u2019") if m else ""


def _following_word(text: str, pos: int) -> str:
    m = _WORD_AFTER.match(text[pos : pos + 40])
    return m.group(1).lower() if m else ""


def _glued_ok(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start]
    run = re.search(r"[A-Za-z0-9]+$", before)
    if run and len(run.group(0)) <= 2 and run.group(0).isupper() and start - len(run.group(0)) > 0:
        # "G20", "A4": an alphanumeric code, not a word carrying a marker.
        prev = text[start - len(run.group(0)) - 1]
        if not prev.isalnum():
            return False
    if before.endswith(".") and len(before) >= 2 and before[-2].isdigit():
        digits = re.search(r"\d+\.$", text[max(0, start - 6) : start])
        if digits and len(digits.group(0)) <= 4:
            return False  # "8.7", "5.2": a decimal or a section number
    return True


def _in_symbol(text: str, pos: int) -> bool:
    """True inside a token such as "A/72/L.1" or "64/293": document symbols and numbers.

    A marker after a closing comma or semicolon ("resolution 79/16,2") stands outside.
    """
    if pos and text[pos - 1] in ',;:)\u201d\u2019"':
        return False
    left = text.rfind(" ", 0, pos) + 1
    right = text.find(" ", pos)
    token = text[left : right if right >= 0 else len(text)]
    return "/" in token


# Words a text layer may glue a raised marker to when it sets the marker before the
# next word rather than after its own: "resolutions 3on the follow-up", "Agreement 5and".
_GLUED_NEXT = re.compile(r"(?:and|on|in|of|that|which|the|to|as|for|with)(?=[\s,.;:]|$)")


def _glued_to_next(text: str, s: int, e: int) -> bool:
    """A one- or two-digit run between a word (or closing punctuation) and a space before
    it, and a function word glued after it: the marker the text layer moved right."""
    if e - s > 2 or s < 2 or text[s - 1] != " ":
        return False
    before = text[s - 2]
    if not (_is_letter(before) or before in _CLOSERS):
        return False
    return bool(_GLUED_NEXT.match(text, e)) and not _in_symbol(text, s)


def candidates(text: str) -> list[Marker]:
    """Every digit run in `text` that could be a footnote marker, in order.

    Three shapes: glued to a word or closing punctuation ("Persons1", "Development,2"),
    glued to a year ("Declarations of 20172 and"), or set off by spaces ("Crime 5 and",
    "of 1949 2 and"). Context rules then drop the numeric phrases.
    """
    found: list[Marker] = []
    for m in _DIGITS.finditer(text):
        s, e = m.span()
        run = m.group(0)
        prev = text[s - 1] if s else ""
        if _glued_to_next(text, s, e):
            found.append(Marker(s, e, run))
            continue
        if not _after_ok(text, e):
            continue
        if prev and (_is_letter(prev) or prev in _CLOSERS):
            if len(run) <= 3 and not _in_symbol(text, s) and _glued_ok(text, s):
                found.append(Marker(s, e, run))
            continue
        if (
            5 <= len(run) <= 7
            and _YEAR.match(run)
            and (not prev or not (prev.isalnum() or prev in "_/.-"))
        ):
            if not _in_symbol(text, s) and _preceding_word(text, s) not in NUMERIC_CONTEXT:
                found.append(Marker(s + 4, e, run[4:]))
            continue
        if prev != " " or len(run) > 3:
            continue
        q = s - 1
        while q > 0 and text[q - 1] == " ":
            q -= 1
        before = text[q - 1] if q else ""
        year_before = (
            q >= 4
            and bool(_YEAR.fullmatch(text[q - 4 : q]))
            and (q == 4 or not text[q - 5].isalnum())
        )
        if not before or not (_is_letter(before) or before in _CLOSERS or year_before):
            continue
        nxt = text[e : e + 1]
        if nxt and nxt != " " and not (nxt in ",.;:" and not text[e + 1 : e + 2].isdigit()):
            continue
        if _in_symbol(text, s):
            continue
        word = _preceding_word(text, q)
        if before == "." and word in ABBREVIATIONS:
            continue
        if (
            before.isalnum()
            and not year_before
            and (word in NUMERIC_CONTEXT or word in FUNCTION_WORDS or word in MONTH_WORDS)
        ):
            continue
        if _following_word(text, e) in NUMERIC_FOLLOWERS:
            continue
        found.append(Marker(s, e, run))
    return found


def find_marker(span: Span, marker: str, start: int, page: int | None) -> Marker | None:
    """The first plausible occurrence of `marker` at or after `start` on `page`."""
    for cand in span.candidates:
        if cand.start < start or cand.marker != marker:
            continue
        if page is not None and span.page_at(cand.start) not in (page, None):
            continue
        return cand
    return None


def locate_markers(
    spans: list[Span],
    footnotes: list[RawFootnote],
    explicit: list[list[Marker]] | None = None,
) -> list[list[Marker]]:
    """Assign each listed footnote to at most one position, in document order.

    Footnotes with an explicit anchor are placed there; the rest are searched for.
    """
    found: list[list[Marker]] = [list(x) for x in explicit] if explicit else [[] for _ in spans]
    anchored = {m.marker for ms in found for m in ms}
    numeric = [fn for fn in footnotes if fn.marker.isdigit() and fn.marker not in anchored]
    footnotes = [fn for fn in footnotes if fn.marker not in anchored]
    idx = 0
    for si, span in enumerate(spans):
        pos = 0
        while idx < len(numeric):
            fn = numeric[idx]
            first_page = span.page_at(0)
            if fn.page is not None and first_page is not None and first_page > fn.page:
                last_page = span.page_at(len(span.text))
                if last_page is not None and last_page > fn.page and first_page > fn.page:
                    idx += 1  # its page is behind us: the marker was not in running text
                    continue
            hit = find_marker(span, fn.marker, pos, fn.page)
            if hit is not None:
                found[si].append(hit)
                pos = hit.end
                idx += 1
                continue
            skipped = False
            for ahead in (1, 2):
                if idx + ahead >= len(numeric):
                    break
                nxt = numeric[idx + ahead]
                if find_marker(span, nxt.marker, pos, nxt.page) is not None:
                    idx += ahead
                    skipped = True
                    break
            if not skipped:
                break
    for fn in footnotes:
        if fn.marker.isdigit():
            continue
        esc = re.escape(fn.marker)
        pattern = re.compile(rf"(?<=[^\s*]){esc}(?!\*)")
        for si, span in enumerate(spans):
            m = pattern.search(span.text)
            if m and not any(x.start <= m.start() < x.end for x in found[si]):
                found[si].append(Marker(m.start(), m.end(), fn.marker))
                break
    # Searched markers join the anchored ones: each paragraph's refs in text order.
    for markers in found:
        markers.sort(key=lambda x: x.start)
    return found


def strip_markers(text: str, markers: list[Marker]) -> tuple[str, tuple[int, ...]]:
    """Remove markers from text; return the text and where each marker stood."""
    out = ""
    offsets: list[int] = []
    prev = 0
    for mk in sorted(markers, key=lambda x: x.start):
        left = out + text[prev : mk.start]
        right = text[mk.end :]
        if left.endswith(" ") and (right[:1] in ("", " ") or right[:1] in ",.;:)"):
            left = left.rstrip(" ")
        out = left
        offsets.append(len(out))
        prev = mk.end
        if out.endswith(" ") or not out:
            # Skip the space after the marker so no double space is left.
            while prev < len(text) and text[prev] == " ":
                prev += 1
    out += text[prev:]
    out = out.strip()
    return out, tuple(min(o, len(out)) for o in offsets)
