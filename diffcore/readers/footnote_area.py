"""Footnote bodies as printed below a rule ("_______________" then "1 Resolution 64/293.")."""

from __future__ import annotations

import re

from ..footnotes import RawFootnote
from ..textutil import collapse

RULE_RE = re.compile(r"^\s*_{5,}\s*$")
ITEM_RE = re.compile(r"^\s*(\d{1,3}|\*{1,3})\s+(\S.*)$")
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
