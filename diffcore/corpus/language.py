"""The language of a stored document: from its metadata, else detected from its text.

The corpus compares a paragraph only with paragraphs of its own language, so every
stored document needs one. Readers set ``Metadata.language`` (from the markup, or
detected from the text by `diffcore.lang.detect_code`); a document stored without one
is detected the same way here.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..lang import detect_code
from ..model import Document

__all__ = ["DEFAULT_LANGUAGE", "detect_language", "language_of"]

# Documents whose language cannot be told are indexed as English, as before languages.
DEFAULT_LANGUAGE = "en"


def detect_language(texts: Iterable[str]) -> str | None:
    """ISO 639-1 code of the language most of these texts are in, or None if unclear."""
    return detect_code(texts)


def language_of(doc: Document) -> str:
    """The document's language as the corpus files it."""
    if doc.metadata.language:
        return doc.metadata.language.casefold()
    return detect_language(p.text for p in doc.paragraphs) or DEFAULT_LANGUAGE
