"""`resdiff.history/1` JSON: a history for programs (schema in diffcore/schemas).

Versions are numbered from 1 as in the text and HTML reports (`v1`, `v2`, ...). Every
step of every comparison is listed once, under the life it belongs to; an unchanged
step carries no word diff (its text is the paragraph's text in both versions).
"""

from __future__ import annotations

import json
from typing import Any

from diffcore.history import History, Life

from .comparison_json import change_dict, identity
from .history_view import Labels, summary

SCHEMA_ID = "resdiff.history/1"


def _life(life: Life, labels: Labels) -> dict[str, Any]:
    steps = []
    for step in life.steps:
        view = labels.step(step)
        entry = {"to": step.to + 1, "what": view.what, **change_dict(step.change)}
        if not step.change.is_change:
            entry["diff"] = []
        steps.append(entry)
    return {
        "label": labels.life(life),
        "appeared": life.appeared + 1,
        "dropped": None if life.dropped is None else life.dropped + 1,
        "paragraphs": [list(ids) for ids in life.ids],
        "steps": steps,
    }


def to_dict(history: History) -> dict[str, Any]:
    labels = Labels(history)
    words = history.words_by_version()
    final = labels.by_version[-1]
    return {
        "schema": SCHEMA_ID,
        "versions": [
            {
                "version": k + 1,
                "role": v.role,
                "label": v.label,
                "document": identity(v.document),
                "words_in_last_version": words[k],
            }
            for k, v in enumerate(history.versions)
        ],
        "summary": summary(history),
        "lives": [_life(life, labels) for life in history.lives],
        "attribution": [
            {
                "paragraph": a.paragraph,
                "label": final(a.paragraph),
                "runs": [[k + 1, text] for k, text in a.runs],
            }
            for a in history.attribution
        ],
        "amendments": [c.to_dict() for c in history.amendments],
    }


def render(history: History) -> str:
    """Compact JSON on one line: the history of a long text runs to megabytes, and
    Python's indenting encoder takes several times longer than the compact one
    (`python -m json.tool` indents it for reading)."""
    return json.dumps(to_dict(history), ensure_ascii=False) + "\n"
