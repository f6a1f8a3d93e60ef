"""Canonical text of a document: one paragraph a line (see `diffcore.canonical`)."""

from __future__ import annotations

from diffcore import canonical
from diffcore.model import Document


def render(doc: Document) -> str:
    return canonical.write(doc)
