"""`resdiff.document/2` JSON: the normalized document, for programs."""

from __future__ import annotations

import json
from typing import Any

from diffcore.model import Document

SCHEMA_ID = "resdiff.document/2"


def document_dict(doc: Document) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "source": {"name": doc.source, "format": doc.source_format},
        "metadata": doc.metadata.to_dict(),
        "paragraphs": [p.to_dict() for p in doc.paragraphs],
        "footnotes": [fn.to_dict() for fn in doc.footnotes],
        "removed": [r.to_dict() for r in doc.removed],
    }


def render(doc: Document) -> str:
    return json.dumps(document_dict(doc), ensure_ascii=False, indent=2) + "\n"
