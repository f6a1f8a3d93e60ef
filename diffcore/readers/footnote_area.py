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
# "* On behalf of ...", "** Any changes to ...": an asterisk note, not a "* * *" separator.
STAR_ITEM_RE = re.compile(r"^\s*(\*{1,3})\s+(?!\*)\S")
# Barcodes ("*2516631*") are the only other asterisks on a cover; they anchor nothing.
BARCODE_TOKEN_RE = re.compile(r"\*\d{5,}\*")


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


def split_star_notes(lines: list[str], footnotes: list[RawFootnote]) -> tuple[list[str], list[str]]:
    """Body lines and asterisk notes printed at the foot of a page without a rule.

    Drafts carry first-page notes ("* On behalf of the States that are members of the
    Group of 77 and China", "* Any changes to the list of sponsors ...", "* Reissued for
    technical reasons ...") that often have no rule above them, so `split_page` leaves
    them in the body, where they become a paragraph and cut the paragraph the page
    break interrupted in two. The note area opens after a blank line with an asterisk
    item whose marker stands earlier on the page ("Iraq:*", "A/C.1/80/L.23*"), and
    runs to the end of the page: every later block opens another note (asterisks or
    the next number), so running text that happens to start with "*" is never taken.
    Call it on what `split_page` kept; feed the notes to `read_items` before the ruled
    ones, which follow them on the page.
    """
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    for start in range(end):
        m = STAR_ITEM_RE.match(lines[start])
        above = lines[start - 1] if start > 0 else ""
        if not m or (above.strip() and not RULE_RE.match(above)):
            continue
        if _anchored(m.group(1), lines[:start]) and _all_notes(lines[start:end], footnotes):
            return lines[:start], lines[start:]
    return lines, []


def _anchored(marker: str, lines: list[str]) -> bool:
    """Does the marker stand glued to text above ("Iraq:*", "Court,**"), as a reference?"""
    pattern = re.compile(rf"(?<=[^\s*]){re.escape(marker)}(?!\*)")
    return any(pattern.search(BARCODE_TOKEN_RE.sub("", line)) for line in lines)


def _all_notes(lines: list[str], footnotes: list[RawFootnote]) -> bool:
    """Does every block (after a blank line) open a note: asterisks or the next number?"""
    numbered = next_numeric(footnotes)
    after_blank = True
    for line in lines:
        if not line.strip():
            after_blank = True
            continue
        m = ITEM_RE.match(line)
        if m and m.group(1).isdigit() and int(m.group(1)) == numbered:
            numbered += 1
        elif after_blank and not STAR_ITEM_RE.match(line):
            return False
        after_blank = False
    return True


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
