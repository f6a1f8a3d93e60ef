"""Footnote bodies as printed below a rule ("_______________" then "1 Resolution 64/293.")."""

from __future__ import annotations

import re

from ..footnotes import RawFootnote
from ..textutil import collapse

RULE_RE = re.compile(r"^\s*_{5,}\s*$")
ITEM_RE = re.compile(r"^\s*(\d{1,3}|\*{1,3})\s+(\S.*)$")
CLOSING_RE = re.compile(
    r"^\s*(?:\d{1,2} \w+ \d{4}|\d+(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting)\s*$"
)
ITEM_TAB_RE = re.compile(r"^\s*(\d{1,3}|\*{1,3})\s*\t\s*(\S.*)$")


def next_numeric(footnotes: list[RawFootnote]) -> int:
    nums = [int(f.marker) for f in footnotes if f.marker.isdigit()]
    return nums[-1] + 1 if nums else 1


def opens_footnote(line: str, footnotes: list[RawFootnote]) -> bool:
    m = ITEM_RE.match(line)
    if not m:
        return False
    marker = m.group(1)
    return marker.startswith("*") or int(marker) == next_numeric(footnotes)


def read_items(lines: list[str], page: int | None, footnotes: list[RawFootnote]) -> None:
    """Append footnote bodies from the lines under a rule; numbers must run on."""
    for raw in lines:
        line = raw
        if not line.strip():
            continue
        m = ITEM_RE.match(line)
        if m and (m.group(1).startswith("*") or int(m.group(1)) == next_numeric(footnotes)):
            footnotes.append(RawFootnote(m.group(1), collapse(m.group(2)), page))
        elif footnotes:
            last = footnotes[-1]
            footnotes[-1] = RawFootnote(last.marker, _join(last.text, collapse(line)), last.page)


def _join(left: str, right: str) -> str:
    if left.endswith("-") and right[:1].isalpha():
        return left + right
    return f"{left} {right}"


def split_page(lines: list[str], footnotes: list[RawFootnote]) -> tuple[list[str], list[str]]:
    """Body lines and footnote lines of one page: the area under the last footnote rule."""
    for i in range(len(lines) - 1, -1, -1):
        if RULE_RE.match(lines[i]):
            after = [ln for ln in lines[i + 1 :] if ln.strip()]
            if after and opens_footnote(after[0], footnotes):
                return lines[:i], lines[i + 1 :]
            # A continued footnote from the previous page has no number of its own.
            if after and footnotes and not ITEM_RE.match(after[0]):
                return lines[:i], lines[i + 1 :]
    return lines, []


def split_trailing(lines: list[str]) -> tuple[list[str], list[RawFootnote]]:
    """Footnotes listed after the text without a rule, as ODS exports and pastes have them.

    Tab-separated items ("\t1 \tResolution 64/293.") always qualify; space-separated
    ones only after the closing meeting and date, so a numbered list is never eaten.
    Markers must run 1, 2, 3, ... (or be asterisks).
    """
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    start = end
    while (
        start > 0
        and not CLOSING_RE.match(lines[start - 1])
        and (
            ITEM_TAB_RE.match(lines[start - 1])
            or ITEM_RE.match(lines[start - 1])
            or not lines[start - 1].strip()
        )
    ):
        start -= 1
    while start < end and not lines[start].strip():
        start += 1
    block = [ln for ln in lines[start:end] if ln.strip()]
    if not block:
        return lines, []
    tabbed = all(ITEM_TAB_RE.match(ln) for ln in block)
    before = next((ln for ln in reversed(lines[:start]) if ln.strip()), "")
    closing = bool(CLOSING_RE.match(before))
    if not tabbed and not closing:
        return lines, []
    footnotes: list[RawFootnote] = []
    for ln in block:
        m = ITEM_TAB_RE.match(ln) or ITEM_RE.match(ln)
        assert m is not None
        marker = m.group(1)
        if not marker.startswith("*") and int(marker) != next_numeric(footnotes):
            return lines, []
        footnotes.append(RawFootnote(marker, collapse(m.group(2))))
    return lines[:start], footnotes
