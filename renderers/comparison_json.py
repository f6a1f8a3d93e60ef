"""`resdiff.comparison/1` JSON: the comparison for programs (schema in diffcore/schemas)."""

from __future__ import annotations

import json
from typing import Any

from diffcore.comparison import Change, Comparison, FootnoteChange
from diffcore.model import Document

SCHEMA_ID = "resdiff.comparison/1"


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
        "diff": [[op, text] for op, text in c.diff],
    }


def footnote_dict(f: FootnoteChange) -> dict[str, Any]:
    return {
        "op": f.op,
        "old": list(f.old),
        "new": list(f.new),
        "renumbered": f.renumbered,
        "similarity": f.similarity,
        "diff": [[op, text] for op, text in f.diff],
    }


def comparison_dict(cmp: Comparison) -> dict[str, Any]:
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
        "changes": [change_dict(c) for c in cmp.changes],
        "footnotes": [footnote_dict(f) for f in cmp.footnotes],
        "metadata": [{"field": m.field, "old": m.old, "new": m.new} for m in cmp.metadata],
    }


def render(cmp: Comparison) -> str:
    return json.dumps(comparison_dict(cmp), ensure_ascii=False, indent=2) + "\n"
