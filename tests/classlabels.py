"""The labelled set for change classes: real series from ../shared/corpus, labelled.

Labels are made without `diffcore.classify`, on whole paragraphs rather than hunks
(BENCHMARKS.md, "Change classes"): every rollover token in both texts is replaced by
a placeholder (references "resolution 78/7 of 20 November 2023" and their lists, document
symbols, dates, years, ordinals, agenda items), then

- `technical` if the two texts are then the same, character for character;
- `editorial` if their letters and digits are the same (punctuation, case, spacing,
  hyphens, spelling variants, renumbered "paragraph 15" or footnote references), before
  or after the placeholders;
- `substantive` otherwise, and for every moved paragraph.

The paragraphs a change cites carry their footnotes' texts along, so a footnote that
only names the new report is a technical change of its paragraph. Where a hand check
found this rule wrong, `classify_hand_labels.json` holds the label and why.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from diffcore.comparison import Change, Comparison
from diffcore.lang import get

HERE = Path(__file__).resolve().parent
HAND_LABELS = HERE / "classify_hand_labels.json"

_EN = get("en").change_words
assert _EN is not None
_MONTHS = "|".join(sorted(_EN.months))
_ORDINALS = "|".join(sorted((w for w, _n in _EN.ordinals), key=len, reverse=True))
_DAYS = r"\d{1,2}(?:(?:\s*[-\u2013]\s*|\s+and\s+|\s+to\s+|,\s*)\d{1,2})*"
_DATE = rf"(?:{_DAYS}\s+)?(?:{_MONTHS})(?:\s+\d{{4}})?"
# Any token with a slash and a digit: a symbol, resolution number or document address.
_SYMBOL = r"[^\s,;]*(?:\d[^\s,;]*/|/[^\s,;]*\d)[^\s,;]*\w"
# "78/7", "33/141 A", "364 B (IV)", "2730 (2024)", each perhaps "of 4 December 2024".
_REFNUM = (
    rf"(?:{_SYMBOL}|\d+)(?:\s+[A-Z]\b)?(?:\s*\((?:\d{{4}}|[IVXLCDM]+|E?S-\d+)\))?"
    rf"(?:\s+of\s+{_DATE})?"
)
_PLACEHOLDERS = [
    (
        rf"\b(?:resolutions?|decisions?)\s+{_REFNUM}(?:(?:\s*,\s*|\s*,?\s+and\s+){_REFNUM})*",
        " REF ",
    ),
    (_SYMBOL, " SYM "),
    (rf"\b{_DATE}\b", " DATE "),
    (r"\b(?:1[89]|2[01])\d\d(?:[-\u2013](?:1[89]|2[01])?\d\d)?\b", " YEAR "),
    (rf"\b(?:{_ORDINALS})\b|\b\d+(?:st|nd|rd|th)\b", " ORD "),
    (r"\bitems?\s+\d+(?:\s*(?:,|and)\s*\d+)*", " ITEM "),
]
_RENUMBER = (r"\b(?:paragraphs?|footnotes?|annex|section)\s+\d+", " PARA ")
_COMPILED = [(re.compile(p, re.IGNORECASE), r) for p, r in _PLACEHOLDERS]
_RENUMBER_RE = re.compile(_RENUMBER[0], re.IGNORECASE)


_NAMES = "REF|SYM|DATE|YEAR|ORD|ITEM"
# A list of placeholders is one ("2021, 2022 and YEAR"), punctuation against one goes.
_LIST = re.compile(rf"\b({_NAMES})\b(?:(?:\s*,\s*|\s*,?\s+and\s+|\s+to\s+)\1\b)+")
_ATTACHED = re.compile(rf"\b({_NAMES})\s*[,;.:]")


_BARE = re.compile(rf"\s*[,(]?\s*\b(?:{_NAMES})\b\)?")


def _without(text: str) -> str:
    """The text with its placeholders left out: a reference or year added or dropped."""
    return " ".join(_BARE.sub(" ", text).split())


def placeholders(text: str) -> str:
    for pattern, repl in _COMPILED:
        text = pattern.sub(repl, text)
    text = " ".join(text.split())
    return _ATTACHED.sub(r"\1", _LIST.sub(r"\1", text))


def letters(text: str) -> str:
    folded = text.casefold()
    for variant, usual in _EN.spelling_variants:
        folded = re.sub(rf"\b{re.escape(variant)}\b", usual, folded)
    return "".join(ch for ch in folded if ch.isalnum())


def rule_label(old: str, new: str, moved: bool = False) -> str | None:
    """The class the written rule gives a paragraph's old and new text."""
    if moved:
        return "substantive"
    if letters(old) == letters(new):
        return "editorial"
    a, b = placeholders(old), placeholders(new)
    if a == b or _without(a) == _without(b):
        return "technical"
    if letters(_RENUMBER_RE.sub(" PARA ", a)) == letters(_RENUMBER_RE.sub(" PARA ", b)):
        return "editorial"
    return "substantive"


def _texts(cmp: Comparison, c: Change) -> tuple[str, str]:
    """Each side's paragraphs with the footnotes they cite (where those changed)."""
    sides = []
    for doc, ids in ((cmp.old, c.old), (cmp.new, c.new)):
        notes = {f.marker: f.text for f in doc.footnotes}
        paras = [doc.paragraph(i) for i in ids]
        text = " ".join(p.text for p in paras)
        if c.footnotes_changed:
            text += " || " + " | ".join(notes.get(m, "") for p in paras for m in p.footnote_refs)
        sides.append(text)
    return sides[0], sides[1]


@dataclass(frozen=True)
class Labelled:
    key: str  # "A/RES/79/7 -> A/RES/80/4 op5"
    label: str
    predicted: str | None
    how: str  # "rule" or "hand"


def _rolled_over(cmp: Comparison) -> set[int]:
    """Deleted and inserted neighbours whose texts are the same with placeholders."""
    out: set[int] = set()
    changes = cmp.changes
    for k, c in enumerate(changes):
        if c.op != "inserted":
            continue
        new = placeholders(_texts(cmp, c)[1])
        for j in range(max(0, k - 12), min(len(changes), k + 13)):
            old = changes[j]
            if old.op == "deleted" and j not in out and placeholders(_texts(cmp, old)[0]) == new:
                out.update((j, k))
                break
    return out


def label_changes(cmp: Comparison, hand: dict[str, dict[str, str]]) -> Iterator[Labelled]:
    """Each changed paragraph of a classified comparison with its label."""
    pair = f"{cmp.old.label} -> {cmp.new.label}"
    rolled = _rolled_over(cmp)
    for k, c in enumerate(cmp.changes):
        if not c.is_change:
            continue
        key = f"{pair} {'+'.join(c.new or c.old)}{'' if c.new else ' (deleted)'}"
        if key in hand:
            yield Labelled(key, hand[key]["label"], c.cls, "hand")
            continue
        old, new = _texts(cmp, c)
        label = "technical" if k in rolled else rule_label(old, new, c.op == "moved")
        if label is None:
            continue
        yield Labelled(key, label, c.cls, "rule")


def hand_labels() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(HAND_LABELS.read_text(encoding="utf-8"))
    return data
