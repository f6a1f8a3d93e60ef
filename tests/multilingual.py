"""Comparisons of real Arabic and Chinese resolutions against edited copies, for the report tests.

The AKN4UN files in ../shared/corpus/akn4un/ are real UN texts. The edits are made
on the document model (a clause replaced, one appended, a paragraph deleted), so the
reports show deletions, insertions and a deleted row in the document's own script;
`Metadata.language` is set here until the AKN reader fills it from the markup.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import diffcore
from diffcore.comparison import Comparison
from diffcore.model import Document, Paragraph

from .conftest import CORPUS_DIR

AKN4UN = CORPUS_DIR / "akn4un"
SYMBOL_FILE = "A_RES_80_9"

# Text in the document's language appended to, or put in place of, a passage.
ADDED = {
    "ar": "، بالتعاون مع المنظمات الإقليمية والمجتمع المدني",
    "zh": "，并与区域组织和民间社会合作",
}
REPLACEMENT = {"ar": "ونؤكد من جديد", "zh": "我们再次强调"}


def source_path(lang: str) -> Path:
    path = AKN4UN / lang / f"{SYMBOL_FILE}.{lang}.xml"
    if not path.is_file():
        pytest.skip(f"real AKN4UN text not found at {path} (expected ../shared/corpus)")
    return path


def _edit(p: Paragraph, k: int, lang: str) -> Paragraph:
    """Every 4th plain paragraph: a middle third replaced (even k) or a clause added (odd)."""
    if k % 2:
        return dataclasses.replace(p, text=p.text + ADDED[lang])
    # Cut at spaces where the script has them (Arabic), anywhere in Chinese.
    text, new = p.text, REPLACEMENT[lang]
    a, b = len(text) // 3, 2 * len(text) // 3
    if " " in text[a:b]:
        a, b, new = text.index(" ", a), text.rindex(" ", a, b), f" {new}"
    return dataclasses.replace(p, text=text[:a] + new + text[b:])


def edited(doc: Document, lang: str) -> Document:
    """The document with every 4th footnote-free operative paragraph edited, one deleted."""
    paras: list[Paragraph] = []
    candidates = 0
    deleted = False
    for p in doc.paragraphs:
        plain = p.kind == "operative" and not p.footnote_refs and len(p.text) > 60
        if plain and candidates % 4 == 0:
            p = _edit(p, candidates // 4, lang)
        elif plain and candidates % 4 == 2 and not deleted:
            deleted = True
            candidates += 1
            continue
        candidates += plain
        paras.append(p)
    return dataclasses.replace(doc, paragraphs=tuple(paras))


def comparison(lang: str) -> Comparison:
    """The real text against its edited copy, both declared in `lang`."""
    doc = diffcore.load(str(source_path(lang)))
    doc = dataclasses.replace(doc, metadata=dataclasses.replace(doc.metadata, language=lang))
    return diffcore.compare(doc, edited(doc, lang))
