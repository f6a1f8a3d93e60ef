"""Security Council conventions: symbols, header and closing lines, opener, operative verbs.

The Council prints its resolutions differently from the General Assembly: the symbol
carries the year ("S/RES/2803 (2025)"), the header says "Resolution 2803 (2025)" and
"Adopted by the Security Council at its 10046th meeting, on 17 November 2025", and
there is no session. Older resolutions, as collected in the Official Records, open with
"118 (1956). Resolution of 13 October 1956" and the draft's symbol in brackets, and
close with "Adopted unanimously at the 743rd meeting." Those lines are metadata, never
paragraphs.

The English patterns and word lists are kept together here, as data, so that they can
move into per-language data modules.
"""

from __future__ import annotations

import re

from .footnotes import RawFootnote
from .metadata import HeaderFields, iso_date
from .textutil import collapse

_ORDINAL = r"\d{1,5}(?:st|nd|rd|th)"
_DATE = r"\d{1,2} [A-Z][a-z]+ \d{4}"

# The organ's opener, which stands before the preamble: not a title, not a paragraph.
OPENER_RE = re.compile(r"^\s*The Security Council\s*,?\s*$")
# "Resolution 2803 (2025)", "RESOLUTION 827 (1993)", "Resolution 418 (1977) of 4 November 1977".
NUMBER_LINE_RE = re.compile(
    rf"^Resolution\s+(\d{{1,5}})\s*\((\d{{4}})\)(?:\s+of\s+({_DATE}))?$", re.I
)
# The Official Records heading: "118 (1956). Resolution of 13 October 1956 [S/3675]".
RECORDS_LINE_RE = re.compile(
    rf"^(\d{{1,5}})\s*\((\d{{4}})\)\.?\s+Resolution of\s+({_DATE})(?:\s*\[([^\]]+)\])?$"
)
ADOPTED_RE = re.compile(
    rf"^Adopted by the Security Council at its ({_ORDINAL}) meeting,?\s*(?:on\s+({_DATE}))?\.?$"
)
# The closing line of older resolutions, with the vote where one was taken:
# "Adopted unanimously at the 743rd meeting.", "Adopted at the 2963rd meeting by 12 votes
# to 2 (Cuba and Yemen), with 1 abstention (China)."
CLOSING_RE = re.compile(rf"^Adopted(?: unanimously)? at the ({_ORDINAL}) meeting\b")
# "[S/3675]": the draft the resolution was adopted from.
DRAFT_BRACKET_RE = re.compile(r"^\[(S/[0-9A-Za-z./]+)\]$")
DRAFT_SYMBOL_RE = re.compile(r"^S/[0-9A-Za-z./]+$")
# "(1) There should be free and open transit ...": an item under an unnumbered chapeau.
NUMBERED_ITEM_RE = re.compile(r"^\((\d{1,2})\)\s+(\S.*)$")
# Letters that OCR of the Official Records reads as digits: "(6)" for "(b)" in S/RES/27
# (1947). Only taken where the letter before it makes the sequence run on.
OCR_LETTER_DIGITS = {"6": "b"}

# Verbs that open an operative paragraph of a Council resolution. Numbered paragraphs
# are operative by their number; these decide the unnumbered ones of older resolutions,
# whose punctuation ("Reaffirms its resolution 38 (1948) ;") does not.
OPERATIVE_VERBS = frozenset(
    [
        "affirms",
        "agrees",
        "appeals",
        "approves",
        "authorizes",
        "calls",
        "commends",
        "condemns",
        "decides",
        "declares",
        "demands",
        "deplores",
        "determines",
        "directs",
        "emphasizes",
        "encourages",
        "endorses",
        "expresses",
        "instructs",
        "invites",
        "notes",
        "reaffirms",
        "recalls",
        "recommends",
        "regrets",
        "reiterates",
        "requests",
        "resolves",
        "stresses",
        "underlines",
        "underscores",
        "urges",
        "welcomes",
    ]
)
# Adverbs that may stand before the verb: "Further decides", "Strongly condemns".
_LEADING_ADVERBS = frozenset(["also", "further", "again", "once", "strongly", "firmly", "hereby"])


def sc_symbol(number: str, year: str) -> str:
    """The symbol as the UN prints it, year included: "S/RES/2803 (2025)"."""
    return f"S/RES/{number} ({year})"


def opens_operative(text: str) -> bool:
    """Does an unnumbered paragraph open with a Council operative verb?"""
    for word in text.split()[:3]:
        w = word.strip(",;:.").lower()
        if w in _LEADING_ADVERBS:
            continue
        return w in OPERATIVE_VERBS
    return False


def _set_resolution(fields: HeaderFields, number: str, year: str) -> None:
    fields.set("symbol", sc_symbol(number, year))
    fields.set("resolution_number", f"{number} ({year})")
    fields.set("doc_type", "resolution")
    fields.set("organ", "SC")


def read_header_block(lines: list[str], fields: HeaderFields) -> str | None:
    """Consume a Security Council header block; its kind, or None when it is not one."""
    joined = collapse(" ".join(lines))
    m = ADOPTED_RE.match(joined)
    if m:
        fields.set("meeting", f"{m.group(1)} meeting")
        if m.group(2):
            fields.set("adopted_on", iso_date(m.group(2)))
        fields.set("doc_type", "resolution")
        fields.set("organ", "SC")
        return "adopted"
    m = NUMBER_LINE_RE.match(joined)
    if m:
        _set_resolution(fields, m.group(1), m.group(2))
        if m.group(3):
            fields.set("adopted_on", iso_date(m.group(3)))
        return "number"
    m = RECORDS_LINE_RE.match(joined)
    if m:
        _set_resolution(fields, m.group(1), m.group(2))
        fields.set("adopted_on", iso_date(m.group(3)))
        if m.group(4) and DRAFT_SYMBOL_RE.match(m.group(4).strip()):
            fields.set("draft_symbol", m.group(4).strip())
        return "number"
    m = DRAFT_BRACKET_RE.match(joined)
    if m:
        fields.set("draft_symbol", m.group(1))
        return "bracket"
    return None


def read_closing(text: str, fields: HeaderFields) -> bool:
    """Harvest the closing adoption line; True when the text is one."""
    m = CLOSING_RE.match(text)
    if not m:
        return False
    fields.set("meeting", f"{m.group(1)} meeting")
    fields.set("organ", "SC")
    return True


_NOTE_RE = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")


def split_closing_notes(lines: list[str]) -> tuple[list[str], list[RawFootnote]]:
    """Footnotes printed after the closing "Adopted ... meeting" line of older resolutions.

    The Official Records number their notes through the volume ("13 One member ... was
    absent."), so the markers do not start at 1; the closing line before them is what
    tells notes from a numbered list.
    """
    last = max((i for i, ln in enumerate(lines) if ln.lstrip().startswith("Adopted")), default=-1)
    if last < 0:
        return lines, []
    end = last
    while end < len(lines) and lines[end].strip():
        end += 1
    if not CLOSING_RE.match(collapse(" ".join(lines[last:end]))):
        return lines, []
    notes: list[RawFootnote] = []
    for line in lines[end:]:
        if not line.strip():
            continue
        m = _NOTE_RE.match(line)
        if m:
            notes.append(RawFootnote(m.group(1), collapse(m.group(2))))
        elif notes:
            prev = notes[-1]
            joined = (
                prev.text[:-1] + line.strip()
                if prev.text.endswith("-") and line.strip()[:1].islower()
                else f"{prev.text} {line.strip()}"
            )
            notes[-1] = RawFootnote(prev.marker, collapse(joined))
        else:
            return lines, []
    return lines[:end], notes
