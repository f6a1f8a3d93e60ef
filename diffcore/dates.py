"""Dates as the six official languages print them, found in running text and made ISO.

"24 November 2025", "24 novembre 2025", "24 de noviembre de 2025", "24 ноября 2025 года",
"24 تشرين الثاني/نوفمبر 2025" and "2025年11月24日" are one date. Month names come from
CLDR through Babel rather than from tables of our own: CLDR has the genitive forms
Russian dates need, the Levantine month names Arabic UN texts print beside the Egyptian
ones, and it is maintained. How each language sets day, month and year is its data
(`diffcore.lang`, `DateFormat`); this module only fills and runs the patterns.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lang.spec import DateFormat

_DAY = r"(?P<day>\d{1,2})(?:er|º|°)?"
_YEAR = r"(?P<year>\d{4})"


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: where it stands and what it means (YYYY-MM-DD or YYYY-MM)."""

    start: int
    end: int
    iso: str


def _format(language: str) -> DateFormat | None:
    from .lang import LANGUAGES as DATA

    found = DATA.get(language)
    return found.dates if found is not None else None


def _month_names(fmt: DateFormat) -> dict[str, int]:
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in fmt.locales:
        for context in ("format", "stand-alone"):
            for number, name in get_month_names("wide", context, locale).items():
                names[_fold(name)] = number
    names.update((_fold(name), number) for name, number in fmt.extra_months)
    if fmt.derived_case is not None and fmt.locales:
        dropped, ending = fmt.derived_case
        for number, name in get_month_names("wide", "stand-alone", fmt.locales[0]).items():
            name = name.casefold()
            names[(name[:-1] if name[-1] in dropped else name) + ending] = number
    return names


def _alternation(names: dict[str, int]) -> str:
    # Longest first, so "марта" is tried before "март" and "мая" is never cut short.
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


def _fill(template: str, names: dict[str, int]) -> re.Pattern[str]:
    months = _alternation(names) if names else r"\d{1,2}"
    body = template.format(day=_DAY, month=f"(?P<month>{months})", months=months, year=_YEAR)
    return re.compile(body, re.IGNORECASE)


@cache
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]] | None:
    """A language's full-date and day-month patterns and month names, compiled on first
    use (a process that never meets a French date never loads the French locale)."""
    fmt = _format(language)
    if fmt is None:
        return None
    names = _month_names(fmt)
    return _fill(fmt.full, names), _fill(fmt.day_month, names), names


def _month(match: re.Match[str], names: dict[str, int]) -> int:
    month = match.group("month")
    return int(month) if month.isdigit() else names.get(_fold(month), 0)


def find_day_months(text: str, language: str) -> list[DateMatch]:
    """Every day and month in `text`, as "--MM-DD" (ISO 8601 without the year); the
    full dates of `find_dates` are found here too, so callers take those first.

    A range prints the year once, at its end in most languages ("30 June to 3 July
    2025") and at its start in Chinese ("2025年6月30日至7月3日"): the other end is this.
    """
    patterns = _patterns(language)
    if patterns is None:
        return []
    _, day_month, names = patterns
    found = []
    for m in day_month.finditer(text):
        mo = _month(m, names)
        if 1 <= mo <= 12 and 1 <= int(m.group("day")) <= 31:
            found.append(DateMatch(m.start(), m.end(), f"--{mo:02d}-{int(m.group('day')):02d}"))
    return found


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def find_dates(text: str, language: str) -> list[DateMatch]:
    """Every date in `text` printed the way `language` prints dates, in order."""
    patterns = _patterns(language)
    if patterns is None:
        return []
    full, _, names = patterns
    found: list[DateMatch] = []
    for m in full.finditer(text):
        mo = _month(m, names)
        d = m.group("day") or m.groupdict().get("day2")
        if not 1 <= mo <= 12:
            continue
        iso = f"{m.group('year')}-{mo:02d}" + (f"-{int(d):02d}" if d else "")
        found.append(DateMatch(m.start(), m.end(), iso))
    return found


def iso_date(text: str, language: str) -> str | None:
    """The first full date (with a day) in `text`, as YYYY-MM-DD, or None."""
    for match in find_dates(text, language):
        if len(match.iso) == 10:
            return match.iso
    return None
