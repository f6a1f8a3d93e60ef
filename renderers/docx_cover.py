"""The first page's header of the Word redline: the comparison at a glance."""

from __future__ import annotations

from lxml import etree

from diffcore.comparison import Comparison

from . import docx_package as pkg
from .classes import header_lines
from .docx_revisions import W_NS, XML_SPACE, sub, w
from .labels import show_value


def cover_header(cmp: Comparison) -> bytes:
    """The first page's header: the comparison at a glance (versions, metadata changes,
    summary) as a plain table. A header part, not the body, so that accepting all
    changes leaves exactly the new text."""
    root = etree.Element(w("hdr"), nsmap={"w": W_NS})
    p = sub(root, "p")
    sub(sub(p, "pPr"), "pStyle", val="CoverTitle")
    _plain(p, f"Comparison: {cmp.old.label} \u2192 {cmp.new.label} (resdiff redline)")
    rows: list[tuple[str, str, str]] = [("", "old", "new")]
    rows += [(m.field, show_value(m.old), show_value(m.new)) for m in cmp.metadata]
    s = cmp.summary
    rows.append(
        (
            "changes",
            f"{s['modified']} modified, {s['inserted']} inserted, {s['deleted']} deleted, "
            f"{s['moved']} moved, {s['split']} split, {s['merged']} merged, "
            f"{s['renumbered']} renumbered paragraphs",
            f"{s['words_added']} words added, {s['words_removed']} removed",
        )
    )
    classes = header_lines(cmp)  # the change classes, and what --hide left out
    rows.append(("classes", classes[0], classes[1] if len(classes) > 1 else ""))
    tbl = sub(root, "tbl")
    tpr = sub(tbl, "tblPr")
    sub(tpr, "tblStyle", val="CoverTable")
    sub(tpr, "tblW", w="5000", type="pct")
    grid = sub(tbl, "tblGrid")
    for width in ("1800", "3780", "3780"):
        sub(grid, "gridCol", w=width)
    for row in rows:
        tr = sub(tbl, "tr")
        for text in row:
            cp = sub(sub(tr, "tc"), "p")
            sub(sub(cp, "pPr"), "pStyle", val="Cover")
            _plain(cp, text)
    sub(root, "p")  # a header's last block must be a paragraph
    return pkg.xml_bytes(root)


def _plain(p: etree._Element, text: str) -> None:
    if text:
        t = sub(sub(p, "r"), "t")
        t.set(XML_SPACE, "preserve")
        t.text = text
