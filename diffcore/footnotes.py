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
    """
    paragraph paragraphs para paras resolution resolutions decision decisions article articles
    no nos vol vols chapter chap chapters section sect sections annex annexes goal goals target
    targets rule rules item items page pages p pp footnote footnotes principle principles
    recommendation recommendations protocol session sessions appendix part parts table tables
    figure figures level levels phase step option group step stage category class volume
    document documents convention conventions regulation regulations subparagraph subparagraphs
    """.split()
) | frozenset(m.lower() for m in MONTHS)

# Function words: a marker follows a content word or punctuation, never these.
FUNCTION_WORDS = frozenset(
    """
    and or to of the a an in on at by for with from than over under about some all those these
    its their our his her any each every per cent between within into up down first last
    """.split()
)

# Words after a number that show it is a quantity or a date, not a marker.
NUMERIC_FOLLOWERS = frozenset(
    """
    per percent million millions billion billions thousand hundred years year months month days
    day weeks week hours times member members states countries persons people women men children
    """.split()
) | frozenset(m.lower() for m in MONTHS)

_LETTER = r"[^\W\d_]"
_CLOSER = r"[\u201d\u2019\"').,;:!?\]]"
_AFTER = r"(?![\w/]|[.,]\d)"
_PATTERNS = {
    # Glued to a word or to closing punctuation: "Persons1 and", "Development,2".
    "glued": rf"(?:(?<={_LETTER})|(?<={_CLOSER})){{m}}{_AFTER}",
    # A year with the marker glued on: "Political Declarations of 20172 and".
    "year": rf"(?<![\w/.\-])(?:19|20)\d\d({{m}}){_AFTER}",
    # Set off by spaces: "Organized Crime 5 and the Protocol".
    "spaced": rf"(?:(?<={_LETTER})|(?<={_CLOSER})) +({{m}})(?= |$|[,.;:](?!\d))",
}
_WORD_BEFORE = re.compile(r"([^\W_][\w'\u2019-]*)[^\w]*$")
_WORD_AFTER = re.compile(r"^[^\w]*([^\W_][\w-]*)")


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


@functools.lru_cache(maxsize=4096)
def _compiled(how: str, marker: str) -> re.Pattern[str]:
    return re.compile(_PATTERNS[how].format(m=re.escape(marker)))


def _in_symbol(text: str, pos: int) -> bool:
    """True inside a token such as "A/72/L.1" or "64/293": document symbols and numbers."""
    left = text.rfind(" ", 0, pos) + 1
    right = text.find(" ", pos)
    token = text[left : right if right >= 0 else len(text)]
    return "/" in token


def find_marker(span: Span, marker: str, start: int, page: int | None) -> Marker | None:
    """The first plausible occurrence of `marker` at or after `start` on `page`."""
    text = span.text
    best: Marker | None = None
    patterns = [(_compiled(how, marker), how) for how in ("glued", "year", "spaced")]
    for pattern, how in patterns:
        for m in pattern.finditer(text, start):
            s, e = (m.start(1), m.end(1)) if m.groups() else (m.start(), m.end())
            if best is not None and s >= best.start:
                break
            if page is not None and span.page_at(s) not in (page, None):
                continue
            if _in_symbol(text, s) or (how == "glued" and not _glued_ok(text, s)):
                continue
            if how in ("spaced", "year"):
                word = _preceding_word(text, m.start())
                if word in NUMERIC_CONTEXT or (how == "spaced" and word in FUNCTION_WORDS):
                    continue
                if _following_word(text, e) in NUMERIC_FOLLOWERS:
                    continue
            best = Marker(s, e, marker)
            break
    return best


def locate_markers(spans: list[Span], footnotes: list[RawFootnote]) -> list[list[Marker]]:
    """Assign each listed footnote to at most one position, in document order."""
    found: list[list[Marker]] = [[] for _ in spans]
    numeric = [fn for fn in footnotes if fn.marker.isdigit()]
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
                found[si].sort(key=lambda x: x.start)
                break
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
