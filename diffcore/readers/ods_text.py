"""The text export of the UN Official Document System (ODS).

Body first, one paragraph a line with tab-separated labels; footnotes at its end;
then, from `[Start1]<<ODS JOB NO>>` on, a trailer of markers, running heads, page
footers and the cover block. The trailer is never body text, but it carries the
symbol, the issue date and the job number.
"""

from __future__ import annotations

import re

from ..metadata import DATE_RE, iso_date
from ..model import Removal
from ..structure import Layout, Line
from .footnote_area import split_trailing

TRAILER_RE = re.compile(r"^\[Start\d*\]<<ODS", re.M)


def is_ods(text: str) -> bool:
    return "<<ODS JOB NO>>" in text or "<<ODS DOC SYMBOL" in text


def read(text: str) -> Layout:
    m = TRAILER_RE.search(text)
    if m is None:
        m2 = re.search(r"<<ODS", text)
        cut = text.rfind("\n", 0, m2.start()) + 1 if m2 else len(text)
    else:
        cut = m.start()
    body, trailer = text[:cut], text[cut:]
    lines = body.split("\n")
    start_marker: list[Removal] = []
    if lines and re.fullmatch(r"\s*\[Start\d*\]\s*", lines[0]):
        start_marker.append(Removal(lines[0].strip(), "trailer"))
        lines = lines[1:]
    # Footnotes close the body: "\t1 \tResolution 64/293."
    body_lines, footnotes = split_trailing(lines)
    removed = start_marker + [
        Removal(t.strip(), "trailer") for t in trailer.split("\n") if t.strip()
    ]
    return Layout(
        lines=[Line(t) for t in body_lines],
        footnotes=footnotes,
        hints=_trailer_metadata(trailer),
        source_format="ods-text",
        wrapped=False,
        removed=removed,
    )


def _trailer_metadata(trailer: str) -> dict[str, object]:
    hints: dict[str, object] = {}
    m = re.search(r"<<ODS DOC SYMBOL1>>(.*?)<<ODS DOC SYMBOL1>>", trailer)
    if m and m.group(1).strip():
        hints["symbol"] = m.group(1).strip()
    m = re.search(r"Distr\.:\s*\w+\s*\n\s*(.+)", trailer)
    if m and DATE_RE.search(m.group(1)):
        hints["issued_on"] = iso_date(m.group(1))
    m = re.search(r"\b(\d{2}-\d{5}) \(E\)", trailer)
    if m:
        hints["job_number"] = m.group(1)
    else:
        m = re.search(r"<<ODS JOB NO>>(.*?)<<ODS JOB NO>>", trailer)
        if m and m.group(1).strip():
            hints["job_number"] = m.group(1).strip()
    return hints
