"""The comparison model: what `align` and `worddiff` produce and every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .model import Document

ChangeOp = Literal["equal", "modified", "inserted", "deleted", "moved", "split", "merged"]
MatchedBy = Literal["exact", "number", "fuzzy", "move", "split", "merge"]
SegmentOp = Literal["=", "-", "+"]
# What kind of change it is (diffcore.classify): the rollover every recurring resolution
# gets, a change of form, or one of substance. Most significant first.
ChangeClass = Literal["substantive", "editorial", "technical"]
CHANGE_CLASSES: tuple[ChangeClass, ...] = ("substantive", "editorial", "technical")
Segment = tuple[SegmentOp, str]

CHANGE_OPS: tuple[str, ...] = (
    "equal",
    "modified",
    "inserted",
    "deleted",
    "moved",
    "split",
    "merged",
)


@dataclass(frozen=True)
class CompareOptions:
    ignore_case: bool = False
    ignore_punctuation: bool = False
    ignore_footnote_markers: bool = False


@dataclass(frozen=True)
class Change:
    """One aligned unit: a paragraph pair, a lone paragraph, or a split/merge group."""

    op: ChangeOp
    old: tuple[str, ...]
    new: tuple[str, ...]
    old_numbers: tuple[str | None, ...] = ()
    new_numbers: tuple[str | None, ...] = ()
    renumbered: bool = False
    matched_by: MatchedBy | None = None
    similarity: float = 0.0
    diff: tuple[Segment, ...] = ()
    # Footnotes the paragraphs point to changed (a new, dropped or rewritten note).
    footnotes_changed: bool = False
    # Set by diffcore.classify: the most significant class of its hunks (None when
    # nothing changed), and one class per hunk (a "-"/"+" run between "=" segments).
    cls: ChangeClass | None = None
    hunk_classes: tuple[ChangeClass, ...] = ()

    @property
    def is_change(self) -> bool:
        return self.op != "equal" or self.renumbered or self.footnotes_changed


@dataclass(frozen=True)
class FootnoteChange:
    op: ChangeOp
    old: tuple[str, ...]
    new: tuple[str, ...]
    renumbered: bool = False
    similarity: float = 0.0
    diff: tuple[Segment, ...] = ()
    cls: ChangeClass | None = None
    hunk_classes: tuple[ChangeClass, ...] = ()


@dataclass(frozen=True)
class VerbChange:
    """An operative verb or preambular opener that moved on the strength scale."""

    paragraph: str  # id of the new paragraph
    kind: Literal["operative", "preambular"]
    old: str  # the verb phrase as printed ("Urges", "Deeply concerned")
    new: str
    old_level: float
    new_level: float

    @property
    def direction(self) -> Literal["strengthened", "weakened"]:
        return "strengthened" if self.new_level > self.old_level else "weakened"


@dataclass(frozen=True)
class MandateChange:
    """A request to the Secretary-General (or another mandate) new, dropped or re-timed."""

    paragraph: str  # id of the paragraph that holds it (the old one when dropped)
    side: Literal["old", "new"]
    change: Literal["new", "dropped", "periodicity"]
    kind: str  # "report", "convene", "agenda" or "request"
    addressee: str | None
    old_years: int | None = None  # periodicity in years, where the text states one
    new_years: int | None = None


@dataclass(frozen=True)
class MetadataChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class Comparison:
    old: Document
    new: Document
    changes: tuple[Change, ...]
    footnotes: tuple[FootnoteChange, ...] = ()
    metadata: tuple[MetadataChange, ...] = ()
    options: CompareOptions = field(default_factory=CompareOptions)
    # Set by diffcore.classify.
    classified: bool = False
    verb_changes: tuple[VerbChange, ...] = ()
    mandate_changes: tuple[MandateChange, ...] = ()
    # Classes the renderers leave out (`--hide technical,editorial`).
    hidden: tuple[ChangeClass, ...] = ()

    def is_hidden(self, change: Change) -> bool:
        return change.cls is not None and change.cls in self.hidden

    @property
    def summary(self) -> dict[str, int]:
        counts = {op: 0 for op in CHANGE_OPS}
        counts["renumbered"] = 0
        added = removed = 0
        for change in self.changes:
            counts[change.op] += 1
            if change.renumbered:
                counts["renumbered"] += 1
            if change.op == "equal":
                continue  # equal after normalization (quote style, ignored case)
            for op, text in change.diff:
                words = _count_words(text)
                if op == "+":
                    added += words
                elif op == "-":
                    removed += words
        counts["words_added"] = added
        counts["words_removed"] = removed
        return counts

    @property
    def has_differences(self) -> bool:
        return (
            any(c.is_change for c in self.changes)
            or any(f.op != "equal" or f.renumbered for f in self.footnotes)
            or bool(self.metadata)
        )


def _count_words(text: str) -> int:
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))
