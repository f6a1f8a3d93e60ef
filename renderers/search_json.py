"""JSON answer to `search` (resdiff.search/1): stable keys, hits in rank order."""

from __future__ import annotations

import json
from typing import Any

from diffcore.corpus.search_results import SearchResult

__all__ = ["SCHEMA", "render", "to_dict"]

SCHEMA = "resdiff.search/1"


def to_dict(result: SearchResult) -> dict[str, Any]:
    """The answer as plain data (the web server's JSON API returns the same)."""
    return {
        "schema": SCHEMA,
        "query": result.query.to_dict(),
        "words": list(result.words),
        "threshold": result.threshold,
        "totals": {
            "verbatim": result.verbatim_total,
            "near_verbatim": result.near_total,
            "related": result.related_total,
        },
        "sessions": [s.to_dict() for s in result.sessions],
        "verbatim": [h.to_dict() for h in result.verbatim],
        "near_verbatim": [h.to_dict() for h in result.near],
        "related": [h.to_dict() for h in result.related],
    }


def render(result: SearchResult) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
