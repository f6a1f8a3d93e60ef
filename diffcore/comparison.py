"""The comparison model: what `align` and `worddiff` produce and every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .model import Document

ChangeOp = Literal["equal", "modified", "inserted", "deleted", "moved", "split", "merged"]
MatchedBy = Literal["exact", "number", "fuzzy", "move", "split", "merge"]
SegmentOp = Literal["=", "-", "+"]
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
