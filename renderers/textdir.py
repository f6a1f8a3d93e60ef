"""Language and writing direction of document text in the HTML outputs.

The interface of the reports (headings, labels, legend) is English, so `<html>` says
`lang="en" dir="ltr"`; each block of document text says the language and direction of
its own document, since old and new can differ (an English draft against its Arabic
translation). A document whose language is unknown gets `lang=""` ("unknown" in HTML,
rather than a guess) and `dir="auto"`, so the browser takes the direction from the text.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from diffcore.model import Document

# Languages written right to left (ISO 639 codes): Arabic is the official one, the rest
# keep reports right for documents in other languages. Data, to move with the other
# per-language tables.
RTL_LANGUAGES = frozenset({"ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"})

INTERFACE_LANGUAGE = "en"
_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")


def language(doc: Document) -> str | None:
    """The document's BCP 47 tag, or None when unknown or not a well-formed tag."""
    tag = doc.metadata.language
    return tag if tag and _TAG.match(tag) else None


def direction(tag: str | None) -> str:
    """`rtl`, `ltr`, or `auto` where the language (hence the script) is unknown."""
    if tag is None:
        return "auto"
    return "rtl" if tag.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def attrs(doc: Document) -> Markup:
    """` lang="…" dir="…"` for an element holding the document's text."""
    tag = language(doc)
    return Markup(' lang="{}" dir="{}"').format(tag or "", direction(tag))


def grid_direction(old: Document, new: Document) -> str:
    """The side-by-side grid mirrors (old column on the right) when both sides read RTL."""
    both_rtl = direction(language(old)) == direction(language(new)) == "rtl"
    return "rtl" if both_rtl else "ltr"
