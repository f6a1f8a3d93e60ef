"""Metadata from the cover, header and closing lines of a UN document.

The patterns follow the General Assembly's editorial conventions (session line,
"Agenda item", the adoption line, the bracketed committee line, the numbered title),
which are stable across sessions and across the PDF, ODS and Word renderings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .textutil import collapse

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}
_MONTH_ALT = "|".join(MONTHS)
DATE_RE = re.compile(rf"\b(\d{{1,2}}) ({_MONTH_ALT}) (\d{{4}})\b")
DATE_LINE_RE = re.compile(rf"^\s*\d{{1,2}} (?:{_MONTH_ALT}) \d{{4}}\s*$")

_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_TENS_ORDINAL = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}

# Security Council resolution symbols carry the year: "S/RES/2803 (2025)".
SYMBOL_LINE_RE = re.compile(
    r"^\s*([AES]/(?:[A-Za-z0-9.\-]+/)*[A-Za-z0-9.\-]*[A-Za-z0-9](?: \(\d{4}\))?)\**\s*$"
)
JOB_RE = re.compile(r"^\s*(\d{2}-\d{5})\**\s*(?:\(E\))?(?:\s+\d{6})*(?:\s+\*\d{5,}\*)?\s*$")
BARCODE_RE = re.compile(r"^\s*\*\d{5,}\*\s*$")
PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,4}/\d{1,4}\s*$")
SESSION_RE = re.compile(
    r"^\s*([A-Z][a-z]+(?:-[a-z]+)?)(?: (emergency )?special)? session\s*$", re.I
)
AGENDA_RE = re.compile(r"^\s*Agenda items?\s+(.+?)\s*$")
ADOPTED_RE = re.compile(r"Resolution adopted by the General Assembly(?:\s+on(?:\s+(.+))?)?$")
BRACKET_RE = re.compile(r"^\[(.*)\]$")
# The committee may carry its short name in brackets: "... Decolonization Committee
# (Fourth Committee) (A/80/537, para. 15)"; the report symbol is the bracket after it.
REPORT_RE = re.compile(
    r"on the reports? of the ((?:[^()]|\([^()]*Committee\))+?)\s*\(((?![^)]*Committee\))[^)]+)\)"
)
WITHOUT_REF_RE = re.compile(r"without reference to a Main Committee\s*\(([^)]+)\)")
NUMBERED_TITLE_RE = re.compile(r"^(\d{1,3}/\d{1,4}(?:\s*[A-Z])?)\.\s+(.+)$")
COMMITTEE_LINE_RE = re.compile(
    r"^(?:(?:First|Second|Third|Fourth|Fifth|Sixth) Committee"
    r"|Special Political and Decolonization Committee(?: \(Fourth Committee\))?)$"
)
SPONSORS_RE = re.compile(
    r"^(?P<who>.+?):[\s*,]*(?:revised\s+)?(?:draft (?:resolution|decision)s?"
    r"|amendments? to (?:revised )?draft (?:resolution|decision)s? .*)$",
    re.I,
)
SUBMITTED_RE = re.compile(
    r"^(?:Revised\s+)?draft (?:resolution|decision)s?\s*\**\s*submitted by\s+(?P<who>.+)$", re.I
)
DRAFT_ONLY_RE = re.compile(r"^(?:Revised\s+)?draft (?:resolution|decision)s?\s*\**$", re.I)
AMENDMENT_RE = re.compile(
    r"\bamendments? to (?:the )?(?:revised )?draft (?:resolution|decision)", re.I
)
# The ordinal suffix is printed raised ("73rd"); PDF text may lose the space after it.
MEETING_RE = re.compile(r"^\s*(\d{1,4}(?:st|nd|rd|th)) ?((?:\(resumed\) )?plenary meeting)\s*$")
GA_LINE_RE = re.compile(r"^\s*The General Assembly\s*,?\s*$")
COVER_LINES = re.compile(
    r"^\s*(?:United Nations|General Assembly|Distr\.:\s*\w+|Original:\s*\w+|"
    r"Security Council|Economic and Social Council|Please recycle)\s*$"
)


def ordinal_to_int(words: str) -> int | None:
    """ "Seventy-second" -> 72; None when the words are not an English ordinal."""
    w = words.strip().lower()
    if w in _UNITS:
        return _UNITS[w]
    if w in _TENS_ORDINAL:
        return _TENS_ORDINAL[w]
    if "-" in w:
        tens, _, unit = w.partition("-")
        if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
            return _TENS[tens] + _UNITS[unit]
    return None


def iso_date(text: str) -> str | None:
    m = DATE_RE.search(text)
    if not m:
        return None
    day, month, year = int(m.group(1)), MONTHS[m.group(2)], int(m.group(3))
    return f"{year:04d}-{month:02d}-{day:02d}"


def session_from_symbol(symbol: str) -> int | None:
    m = re.match(r"^A/(?:RES/|C\.\d/|INF/)?(\d{1,3})/", symbol)
    return int(m.group(1)) if m else None


def doc_type_from_symbol(symbol: str) -> str | None:
    if "/RES/" in symbol:
        return "resolution"
    if re.search(r"/L\.\d", symbol):
        return "draft"
    return None


def organ_from_symbol(symbol: str) -> str | None:
    """ "A/..." is the General Assembly's series, "S/..." the Security Council's."""
    return {"A": "GA", "S": "SC"}.get(symbol.split("/", 1)[0]) if "/" in symbol else None


def split_agenda_items(text: str) -> tuple[str, ...]:
    """ "20 and 68" -> ("20", "68"); "18 (a), 19 and 23" -> ("18 (a)", "19", "23")."""
    items = re.split(r",\s*|\s+and\s+", text.rstrip(". "))
    return tuple(i.strip() for i in items if i.strip())


@dataclass
class HeaderFields:
    """Mutable collector while reading the header; frozen into `Metadata` at the end."""

    values: dict[str, object] = field(default_factory=dict)

    def set(self, key: str, value: object) -> None:
        if value is not None and self.values.get(key) in (None, (), ""):
            self.values[key] = value


def read_cover_line(line: str, fields: HeaderFields) -> bool:
    """Harvest a cover or page-furniture line; True when the line is furniture."""
    text = line.strip()
    if not text:
        return True
    m = SYMBOL_LINE_RE.match(text)
    if m:
        fields.set("symbol", m.group(1))
        return True
    m = JOB_RE.match(text)
    if m:
        fields.set("job_number", m.group(1))
        return True
    if BARCODE_RE.match(text) or COVER_LINES.match(text):
        return True
    if DATE_LINE_RE.match(text):
        fields.set("issued_on", iso_date(text))
        return True
    return False


def join_header_lines(lines: list[str]) -> str:
    """Header lines as one line; a compound broken after its hyphen is rejoined
    ("Nuclear-Weapon-" / "Free World" -> "Nuclear-Weapon-Free World")."""
    return collapse(re.sub(r"(?<=[A-Za-z]-)\s*\n\s*(?=[A-Za-z])", "", "\n".join(lines)))


def read_header_block(lines: list[str], fields: HeaderFields) -> str | None:
    """Consume one block of the header. Returns what kind of block it was, or None."""
    joined = join_header_lines(lines)
    first = collapse(lines[0])
    m = SESSION_RE.match(first)
    if m and len(lines) >= 1:
        if m.group(2) is None and not re.search(r"special session", first, re.I):
            fields.set("session", ordinal_to_int(m.group(1)))
        rest = lines[1:]
        if rest:
            return read_header_block(rest, fields) or "session"
        return "session"
    if COMMITTEE_LINE_RE.match(first):
        fields.set("committee", first)
        rest = lines[1:]
        if rest:
            return read_header_block(rest, fields) or "committee"
        return "committee"
    m = AGENDA_RE.match(first)
    if m:
        fields.set("agenda_items", split_agenda_items(m.group(1)))
        if len(lines) > 1:
            fields.set("agenda_title", join_header_lines(lines[1:]))
        return "agenda"
    m = ADOPTED_RE.search(joined)
    if m and joined.startswith("Resolution adopted"):
        fields.set("doc_type", "resolution")
        if m.group(1):
            fields.set("adopted_on", iso_date(m.group(1)))
        return "adopted"
    m = BRACKET_RE.match(joined)
    if m:
        inner = m.group(1)
        r = REPORT_RE.search(inner)
        if r:
            fields.set("committee", r.group(1))
            fields.set("report_symbol", r.group(2).strip())
        w = WITHOUT_REF_RE.search(inner)
        if w:
            fields.set("draft_symbol", w.group(1).strip())
        return "bracket"
    m = NUMBERED_TITLE_RE.match(joined)
    if m:
        fields.set("resolution_number", m.group(1).replace(" ", ""))
        fields.set("title", m.group(2))
        return "title"
    if DRAFT_ONLY_RE.match(joined):
        fields.set("doc_type", "draft")  # "Draft resolution" with no sponsor named
        return "sponsors"
    m = SUBMITTED_RE.match(joined) or SPONSORS_RE.match(joined)
    if m:
        who = re.sub(r"^the\s+", "", m.group("who").strip().rstrip(":*").strip())
        fields.set("sponsors", who[:1].upper() + who[1:])
        if AMENDMENT_RE.search(joined):
            fields.set("doc_type", "amendment")
        else:
            fields.set("doc_type", "draft")
        return "sponsors"
    return None


def finalize(fields: HeaderFields) -> dict[str, object]:
    """Fill what can be derived: session and document type from the symbol."""
    values = dict(fields.values)
    symbol = values.get("symbol")
    if isinstance(symbol, str):
        if values.get("session") is None:
            values["session"] = session_from_symbol(symbol)
        derived = doc_type_from_symbol(symbol)
        if values.get("doc_type") is None or (
            derived == "resolution" and values.get("doc_type") != "resolution"
        ):
            values["doc_type"] = derived
        if values.get("resolution_number") is None and derived == "resolution":
            m = re.match(r"^[AS]/RES/(.+)$", symbol)
            if m:
                values["resolution_number"] = m.group(1)
        if values.get("organ") is None:
            values["organ"] = organ_from_symbol(symbol)
    if values.get("doc_type") is None:
        values["doc_type"] = "other"
    return values
