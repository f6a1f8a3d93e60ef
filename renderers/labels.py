"""Short human labels for paragraphs ("PP3", "OP12", "OP11(a)", "annex OP4")."""

from __future__ import annotations

from diffcore.model import Document, Paragraph


class Labeler:
    """Numbers preambular paragraphs by position, as delegates do when they say "PP3"."""

    def __init__(self, doc: Document) -> None:
        self._by_id: dict[str, str] = {}
        pp_count: dict[tuple[str, str | None], int] = {}
        for p in doc.paragraphs:
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


def _part_prefix(p: Paragraph) -> str:
    if p.part == "annex":
        return f"annex {p.part_label} " if p.part_label else "annex "
    return f"{p.part_label} " if p.part_label else ""


def group_label(labeler: Labeler, ids: tuple[str, ...]) -> str:
    return "+".join(labeler(i) for i in ids) if ids else "(none)"


def show_value(value: object, empty: str = "(none)") -> str:
    """A metadata value for people: lists joined, missing values named."""
    if value is None:
        return empty
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or empty
    return str(value)
