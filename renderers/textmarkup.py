"""Inline change markup for text outputs: [-removed-] {+added+}, optionally in colour."""

from __future__ import annotations

from collections.abc import Iterable

from diffcore.comparison import Segment

RED, GREEN, CYAN, BOLD, DIM, RESET = (
    "\x1b[31m",
    "\x1b[32m",
    "\x1b[36m",
    "\x1b[1m",
    "\x1b[2m",
    "\x1b[0m",
)


class Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def paint(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.color and text else text

    def removed(self, text: str) -> str:
        return self.paint(RED, f"[-{text}-]")

    def added(self, text: str) -> str:
        return self.paint(GREEN, f"{{+{text}+}}")

    def header(self, text: str) -> str:
        return self.paint(CYAN, text)


def inline(segments: Iterable[Segment], style: Style, side: str = "both") -> str:
    """One line: equal text plain, removals and additions marked (side old/new/both)."""
    out: list[str] = []
    for op, text in segments:
        if op == "=":
            out.append(text)
        elif op == "-" and side in ("old", "both"):
            out.append(style.removed(text))
        elif op == "+" and side in ("new", "both"):
            out.append(style.added(text))
    return "".join(out)
