"""`resdiff.comparison/2` JSON: the comparison for programs (schema in diffcore/schemas).

Version 2 adds the change classes (`diffcore.classify`): `class` on each change and
footnote change, the class as a third element of each "-"/"+" diff segment, and the
top-level `classes`, `verb_changes`, `mandate_changes` and `hidden`.
"""

from __future__ import annotations

import json
from typing import Any

from diffcore.classify import class_counts, classified
from diffcore.comparison import (
    Change,
    ChangeClass,
    Comparison,
    FootnoteChange,
    MandateChange,
    Segment,
    VerbChange,
)
from diffcore.model import Document

SCHEMA_ID = "resdiff.comparison/2"


def identity(doc: Document) -> dict[str, Any]:
    m = doc.metadata
    return {
        "symbol": m.symbol,
        "title": m.title,
        "doc_type": m.doc_type,
        "date": m.adopted_on or m.issued_on,
        "source": doc.source,
        "format": doc.source_format,
        "paragraphs": len(doc.paragraphs),
    }


def diff_list(diff: tuple[Segment, ...], classes: tuple[ChangeClass, ...]) -> list[list[str]]:
    """Segments as lists; a "-" or "+" segment carries its hunk's class third."""
    out: list[list[str]] = []
    hunk = -1
    for k, (op, text) in enumerate(diff):
        if op == "=":
            out.append([op, text])
            continue
        if k == 0 or diff[k - 1][0] == "=":
            hunk += 1
        out.append([op, text, classes[hunk]] if hunk < len(classes) else [op, text])
    return out


def verb_dict(v: VerbChange) -> dict[str, Any]:
    return {
        "paragraph": v.paragraph,
        "kind": v.kind,
        "old": v.old,
        "new": v.new,
        "direction": v.direction,
        "old_level": v.old_level,
        "new_level": v.new_level,
    }


def mandate_dict(m: MandateChange) -> dict[str, Any]:
    return {
        "paragraph": m.paragraph,
        "side": m.side,
        "change": m.change,
        "kind": m.kind,
        "addressee": m.addressee,
        "old_years": m.old_years,
        "new_years": m.new_years,
    }


def change_dict(c: Change) -> dict[str, Any]:
    return {
        "op": c.op,
        "old": list(c.old),
        "new": list(c.new),
        "old_numbers": list(c.old_numbers),
        "new_numbers": list(c.new_numbers),
        "renumbered": c.renumbered,
        "matched_by": c.matched_by,
        "similarity": c.similarity,
        "footnotes_changed": c.footnotes_changed,
        "class": c.cls,
        "diff": diff_list(c.diff, c.hunk_classes),
    }


def footnote_dict(f: FootnoteChange) -> dict[str, Any]:
    return {
        "op": f.op,
        "old": list(f.old),
        "new": list(f.new),
        "renumbered": f.renumbered,
        "similarity": f.similarity,
        "class": f.cls,
        "diff": diff_list(f.diff, f.hunk_classes),
    }


def comparison_dict(cmp: Comparison) -> dict[str, Any]:
    cmp = classified(cmp)
    shown = [c for c in cmp.changes if not cmp.is_hidden(c)]
    return {
        "schema": SCHEMA_ID,
        "old": identity(cmp.old),
        "new": identity(cmp.new),
        "options": {
            "ignore_case": cmp.options.ignore_case,
            "ignore_punctuation": cmp.options.ignore_punctuation,
            "ignore_footnote_markers": cmp.options.ignore_footnote_markers,
        },
        "summary": cmp.summary,
        "classes": class_counts(cmp),
        "hidden": {"classes": list(cmp.hidden), "changes": len(cmp.changes) - len(shown)},
        "changes": [change_dict(c) for c in shown],
        "footnotes": [footnote_dict(f) for f in cmp.footnotes],
        "metadata": [{"field": m.field, "old": m.old, "new": m.new} for m in cmp.metadata],
        "verb_changes": [verb_dict(v) for v in cmp.verb_changes],
        "mandate_changes": [mandate_dict(m) for m in cmp.mandate_changes],
    }


def render(cmp: Comparison) -> str:
    return json.dumps(comparison_dict(cmp), ensure_ascii=False, indent=2) + "\n"
