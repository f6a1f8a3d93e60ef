"""Dates as the six official languages print them, found in running text and made ISO.

"24 November 2025", "24 novembre 2025", "24 de noviembre de 2025", "24 ноября 2025 года",
"24 تشرين الثاني/نوفمبر 2025" and "2025年11月24日" are one date. Month names come from
CLDR through Babel rather than from tables of our own: CLDR has the genitive forms
Russian dates need, the Levantine month names Arabic UN texts print beside the Egyptian
ones, and it is maintained. Patterns are compiled once per language, on first use, so a
process that never meets a date in French never loads the French locale.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

# Locales whose month names a language's UN texts use; Arabic prints the Levantine name
# and the Egyptian one joined by a slash ("تشرين الثاني/نوفمبر").
_LOCALES: dict[str, tuple[str, ...]] = {
    "en": ("en",),
    "fr": ("fr",),
    "es": ("es",),
    "ru": ("ru",),
    "ar": ("ar", "ar_SY"),
}
LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ru", "ar", "zh")
# Spellings the UN's texts print that CLDR lacks: Arabic UN documents write June and
# July "يونيه" and "يوليه" (CLDR: "يونيو", "يوليو"), 370 times in session 80.
_UN_SPELLINGS: dict[str, dict[str, int]] = {"ar": {"يونيه": 6, "يوليه": 7}}


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: where it stands and what it means (YYYY-MM-DD or YYYY-MM)."""

    start: int
    end: int
    iso: str


def _month_names(language: str) -> dict[str, int]:
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in _LOCALES[language]:
        for context in ("format", "stand-alone"):
            for number, name in get_month_names("wide", context, locale).items():
                names[unicodedata.normalize("NFC", name).casefold()] = number
    names.update(_UN_SPELLINGS.get(language, {}))
    if language == "ru":
        # CLDR has the nominative and the genitive; "в мае 2026 года" needs the
        # prepositional, which is regular: май -> мае, ноябрь -> ноябре, март -> марте.
        nominative = get_month_names("wide", "stand-alone", "ru")
        for number, name in nominative.items():
            name = name.casefold()
            names[(name[:-1] if name[-1] in "ьй" else name) + "е"] = number
    return names


def _alternation(names: dict[str, int]) -> str:
    # Longest first, so "марта" is tried before "март" and "мая" is never cut short.
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


@cache
def _pattern(language: str) -> tuple[re.Pattern[str], dict[str, int]]:
    if language == "zh":
        return re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?"), {}
    names = _month_names(language)
    month = f"(?P<month>{_alternation(names)})"
    day = r"(?P<day>\d{1,2})(?:er|º|°)?"
    year = r"(?P<year>\d{4})"
    if language == "es":
        body = rf"(?:{day}\s+de\s+)?{month}\s+(?:de\s+|del\s+)?{year}"
    elif language == "ar":
        # "24 تشرين الثاني/نوفمبر 2025": the Levantine name, a slash, the Egyptian one.
        # The year is sometimes set against the month ("أكتوبر2025").
        body = rf"(?:{day}\s+)?(?:(?:{_alternation(names)})\s*/\s*)?{month}\s*{year}"
    elif language == "en":
        body = rf"(?:{day}\s+)?{month}(?:\s+(?P<day2>\d{{1,2}}),)?\s+{year}"
    else:  # fr, ru: day month year
        body = rf"(?:{day}\s+)?{month}\s+{year}"
    return re.compile(rf"(?<!\w){body}(?!\d)", re.IGNORECASE), names


@cache
def _day_month_pattern(language: str) -> re.Pattern[str]:
    """A day and month printed without a year ("30 June", "30 de junio", "7月3日")."""
    if language == "zh":
        return re.compile(r"(?<![年\d])(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")
    names = _alternation(_pattern(language)[1])
    day = r"(?P<day>\d{1,2})(?:er|º|°)?"
    month = f"(?P<month>{names})"
    if language == "es":
        body = rf"{day}\s+de\s+{month}"
    elif language == "ar":
        body = rf"{day}\s+(?:(?:{names})\s*/\s*)?{month}"
    else:
        body = rf"{day}\s+{month}"
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def find_day_months(text: str, language: str) -> list[DateMatch]:
    """Every day and month in `text`, as "--MM-DD" (ISO 8601 without the year); the
    full dates of `find_dates` are found here too, so callers take those first.

    A range prints the year once, at its end in most languages ("30 June to 3 July
    2025") and at its start in Chinese ("2025年6月30日至7月3日"): the other end is this.
    """
    if language not in LANGUAGES:
        return []
    names = {} if language == "zh" else _pattern(language)[1]
    found = []
    for m in _day_month_pattern(language).finditer(text):
        month = m.group("month")
        mo = int(month) if language == "zh" else names[_fold(month)]
        if 1 <= mo <= 12 and 1 <= int(m.group("day")) <= 31:
            found.append(DateMatch(m.start(), m.end(), f"--{mo:02d}-{int(m.group('day')):02d}"))
    return found


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def find_dates(text: str, language: str) -> list[DateMatch]:
    """Every date in `text` printed the way `language` prints dates, in order."""
    if language not in LANGUAGES:
        return []
    pattern, names = _pattern(language)
    found: list[DateMatch] = []
    for m in pattern.finditer(text):
        if language == "zh":
            y, mo, d = m.group(1), int(m.group(2)), m.group(3)
        else:
            y = m.group("year")
            mo = names[unicodedata.normalize("NFC", m.group("month")).casefold()]
            d = m.group("day") or (m.groupdict().get("day2"))
        if not 1 <= mo <= 12:
            continue
        iso = f"{y}-{mo:02d}" + (f"-{int(d):02d}" if d else "")
        found.append(DateMatch(m.start(), m.end(), iso))
    return found


def iso_date(text: str, language: str) -> str | None:
    """The first full date (with a day) in `text`, as YYYY-MM-DD, or None."""
    for match in find_dates(text, language):
        if len(match.iso) == 10:
            return match.iso
    return None
