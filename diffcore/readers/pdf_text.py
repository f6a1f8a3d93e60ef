"""The text layer of a UN PDF, as copied out of it (`../shared/corpus/text/`).

Pages are separated by an empty line. Every page after the first opens with its
furniture (symbol, running title, job number, "k/M"); footnote bodies sit under a
rule at the foot of the page. Both are removed here, by position, so that the
structure builder only sees running text tagged with its page.
"""

from __future__ import annotations

import re

from ..footnotes import RawFootnote
from ..metadata import BARCODE_RE, JOB_RE, PAGE_NUMBER_RE, SYMBOL_LINE_RE
from ..model import Removal
from ..structure import Layout, Line
from .footnote_area import RULE_RE, read_items, split_page, split_star_notes

FURNITURE_WINDOW = 12


def split_pages(text: str) -> list[list[str]]:
    return [page.split("\n") for page in text.split("\n\n")]


def is_text_layer(text: str) -> bool:
    pages = split_pages(text)
    if len(pages) >= 2:
        hits = sum(1 for p in pages[1:] if _page_number_index(p) is not None)
        return hits >= max(1, (len(pages) - 1) // 2)
    head = "\n".join(pages[0][:20])
    return bool(re.search(r"Distr\.:", head) and re.search(r"^\s*\*\d{5,}\*\s*$", head, re.M))


def _page_number_index(lines: list[str]) -> int | None:
    for i, line in enumerate(lines[:FURNITURE_WINDOW]):
        if PAGE_NUMBER_RE.match(line):
            return i
    return None


def strip_furniture(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split off the running head block that opens a page: through the page number and job line.

    Returns the body lines and the furniture lines, so the caller can account for them.
    """
    pn = _page_number_index(lines)
    if pn is None:
        return lines, []
    last = pn
    for i in range(pn + 1, min(pn + 3, len(lines))):
        if JOB_RE.match(lines[i]) or SYMBOL_LINE_RE.match(lines[i]) or not lines[i].strip():
            if lines[i].strip():
                last = i
        else:
            break
    return lines[last + 1 :], lines[: last + 1]


def furniture_reason(line: str) -> str:
    """Which kind of page furniture a removed line is."""
    if PAGE_NUMBER_RE.match(line):
        return "page-number"
    if JOB_RE.match(line):
        return "job-number"
    if BARCODE_RE.match(line):
        return "barcode"
    if line.strip().lower() == "please recycle":
        return "recycling-mark"
    if RULE_RE.match(line):
        return "footnote-rule"
    return "running-head"


def read(text: str) -> Layout:
    pages = split_pages(text)
    lines: list[Line] = []
    footnotes: list[RawFootnote] = []
    removed: list[Removal] = []
    for number, page in enumerate(pages, start=1):
        body, furniture = (page, []) if number == 1 else strip_furniture(page)
        removed.extend(
            Removal(t.strip(), furniture_reason(t), number) for t in furniture if t.strip()
        )
        kept, notes = split_page(body, footnotes)
        if notes:  # split_page cut at the rule line, which follows the kept lines
            removed.append(Removal(body[len(kept)].strip(), "footnote-rule", number))
        body, star_notes = split_star_notes(kept, footnotes)
        read_items(star_notes, number, footnotes)
        read_items(notes, number, footnotes)
        lines.extend(Line(t, number) for t in body)
        lines.append(Line("", number))
    return Layout(
        lines=lines, footnotes=footnotes, source_format="pdf-text", wrapped=True, removed=removed
    )
