"""JSON answers to `reuse` (resdiff.reuse/1), `trace` and `series`: stable keys, sorted."""

from __future__ import annotations

import json
from typing import Any

from diffcore.corpus.results import ReuseReport, Series, Trace

__all__ = ["render_reuse", "render_series", "render_trace"]


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_reuse(report: ReuseReport) -> str:
    paragraphs = []
    for entry in report.paragraphs:
        paragraphs.append(
            {
                "id": entry.paragraph.id,
                "label": entry.label,
                "number": entry.paragraph.number,
                "kind": entry.paragraph.kind,
                "text": entry.paragraph.text,
                "words": entry.words,
                "reuse": entry.status,
                "reused_words": entry.reused_words,
                "precedent_count": entry.precedent_count,
                "closest": entry.closest.to_dict() if entry.closest else None,
                "earliest": entry.earliest.to_dict() if entry.earliest else None,
                "latest": entry.latest.to_dict() if entry.latest else None,
                "diff": [[op, text] for op, text in entry.diff],
                "precedents": [p.to_dict() for p in entry.precedents],
            }
        )
    return _dump(
        {
            "schema": "resdiff.reuse/1",
            "document": report.document.to_dict(),
            "min_similarity": report.min_similarity,
            "summary": report.summary(),
            "sources": [
                {
                    "document": s.document.to_dict(),
                    "paragraphs": s.paragraphs,
                    "words": s.words,
                }
                for s in report.sources
            ],
            "paragraphs": paragraphs,
        }
    )


def render_trace(trace: Trace) -> str:
    return _dump(
        {
            "schema": "resdiff.trace/1",
            "steps": [
                {
                    "document": step.document.to_dict(),
                    "paragraph": step.paragraph,
                    "label": step.label,
                    "text": step.text,
                    "kind": step.kind,
                    "similarity": step.similarity,
                    "diff_from_older": [[op, text] for op, text in step.diff],
                }
                for step in trace.steps
            ],
        }
    )


def render_series(series: Series) -> str:
    return _dump(
        {
            "schema": "resdiff.series/1",
            "target": series.target.to_dict(),
            "steps": [step.to_dict() for step in series.steps],
        }
    )
