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


# Unicode bidi isolates (UAX #9): plain text has no markup to carry a direction.
RLI, FSI, PDI = "\u2067", "\u2068", "\u2069"
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|[\U00010800-\U00010fff]")


def isolated(text: str, doc: Document) -> str:
    """Document text for a line of plain text output, isolated when it reads right to left.

    Terminals and editors that apply the bidi algorithm take a line's direction from its
    first letter, so Arabic text after an English label ("OP3: ...") would drag the
    label, colons and `[-...-]` markers into its run. An isolate keeps the label where
    it is and the text, markers included, in its own order. Left-to-right text is left
    untouched, so English and Chinese output is byte for byte what it was.
    """
    if not text:
        return text
    dir_ = direction(language(doc))
    if dir_ == "rtl":
        return f"{RLI}{text}{PDI}"
    if dir_ == "auto" and _RTL_LETTER.search(text):
        return f"{FSI}{text}{PDI}"
    return text
