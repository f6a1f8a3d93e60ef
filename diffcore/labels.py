"""Short human labels for paragraphs ("PP3", "OP12", "OP11(a)", "annex OP4").

They live in the core because reports of reuse name paragraphs of stored documents
too, and a preambular label depends on the paragraph's position in its document.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class Labelled(Protocol):
    """What a label depends on: a `Paragraph`, or a stored paragraph row."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def number(self) -> str | None: ...
    @property
    def part(self) -> str: ...
    @property
    def part_label(self) -> str | None: ...


class Labeler:
    """Numbers preambular paragraphs by position, as delegates do when they say "PP3"."""

    def __init__(self, paragraphs: Iterable[Labelled]) -> None:
        self._by_id: dict[str, str] = {}
        pp_count: dict[tuple[str, str | None], int] = {}
        for p in paragraphs:
            scope = (p.part, p.part_label)
            if p.kind == "preambular":
                pp_count[scope] = pp_count.get(scope, 0) + 1
                base = f"PP{pp_count[scope]}"
            elif p.kind == "operative":
                base = f"OP{p.number}" if p.number else "OP"
            elif p.kind == "subparagraph":
                number = p.number or ""
                base = f"OP{number}" if number[:1].isdigit() else f"sub{number}"
            elif p.kind == "heading":
                base = f"heading {p.number}" if p.number else "heading"
            else:
                base = "text"
            self._by_id[p.id] = f"{_part_prefix(p)}{base}"

    def __call__(self, pid: str) -> str:
        return self._by_id.get(pid, pid)


def _part_prefix(p: Labelled) -> str:
    if p.part == "annex":
        return f"annex {p.part_label} " if p.part_label else "annex "
    return f"{p.part_label} " if p.part_label else ""
