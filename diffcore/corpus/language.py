"""The language of a stored document: from its metadata, else guessed from its text.

The corpus compares a paragraph only with paragraphs of its own language, so every
stored document needs one. Readers that know it (AKN4UN markup) set
``Metadata.language``; for the others the script decides Chinese, Arabic and
Russian, and the commonest function words decide among the Latin-script languages.
The word lists are data, kept here together so they can move to per-language modules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..model import Document

__all__ = ["DEFAULT_LANGUAGE", "detect_language", "language_of"]

# Documents whose language cannot be told are indexed as English, as before languages.
DEFAULT_LANGUAGE = "en"

# Script -> language, for the scripts only one UN language uses.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("zh", re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")),
    ("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
)

# The commonest function words of the Latin-script UN languages (lower case).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        ["the", "of", "and", "to", "in", "on", "for", "that", "with", "by", "its", "as", "is", "be"]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "du",
            "et",
            "à",
            "en",
            "au",
            "aux",
            "pour",
            "sur",
            "que",
            "une",
            "dans",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "y",
            "en",
            "para",
            "por",
            "con",
            "que",
            "una",
            "su",
            "sus",
        ]
    ),
}

_LETTERS = re.compile(r"[^\W\d_]+")
_SAMPLE = 2_000  # characters: hundreds of words decide it; long documents cost no more


def detect_language(texts: Iterable[str]) -> str | None:
    """ISO 639-1 code of the language most of these texts are in, or None if unclear."""
    sample = ""
    for text in texts:
        sample += text + "\n"
        if len(sample) >= _SAMPLE:
            break
    found = _LETTERS.findall(sample.casefold())
    letters = sum(map(len, found))
    if not letters:
        return None
    for code, pattern in _SCRIPTS:
        if len(pattern.findall(sample)) * 4 >= letters:
            return code
    seen = Counter(found)
    counts = {code: sum(seen[w] for w in table) for code, table in FUNCTION_WORDS.items()}
    best = max(counts, key=lambda c: (counts[c], c == DEFAULT_LANGUAGE))
    return best if counts[best] else None


def language_of(doc: Document) -> str:
    """The document's language as the corpus files it."""
    if doc.metadata.language:
        return doc.metadata.language.casefold()
    return detect_language(p.text for p in doc.paragraphs) or DEFAULT_LANGUAGE
