"""The whole new document with inline changes, paragraph by paragraph (for email bodies)."""

from __future__ import annotations

from diffcore.classify import classified
from diffcore.comparison import Comparison

from .classes import header_lines
from .labels import Labeler, group_label
from .textdir import isolated
from .textmarkup import Style, inline


def render(cmp: Comparison, *, color: bool = False, changed_only: bool = False) -> str:
    """The whole text (with the class summary first), or only the changed paragraphs.

    A change of a hidden class (`--hide`) reads as its new text, without markup.
    """
    cmp = classified(cmp)
    style = Style(color)
    new_lab, old_lab = Labeler(cmp.new.paragraphs), Labeler(cmp.old.paragraphs)
    blocks: list[str] = []
    if not changed_only:
        blocks.append("\n".join(f"# {line}" for line in header_lines(cmp)))
    for c in cmp.changes:
        hide = cmp.is_hidden(c)
        if changed_only and (not c.is_change or hide):
            continue
        if hide:
            if c.new:
                text = " ".join(cmp.new.paragraph(j).text for j in c.new)
                blocks.append(f"{group_label(new_lab, c.new)}: {isolated(text, cmp.new)}")
            continue
        label = group_label(new_lab, c.new) if c.new else group_label(old_lab, c.old) + " (deleted)"
        note = ""
        if c.op == "moved":
            note = f" (moved from {group_label(old_lab, c.old)})"
        elif c.op in ("split", "merged"):
            note = f" ({c.op} from {group_label(old_lab, c.old)})"
        elif c.renumbered:
            note = f" (was {group_label(old_lab, c.old)})"
        text = isolated(inline(c.diff, style, "both"), cmp.new if c.new else cmp.old)
        blocks.append(f"{label}{note}: {text}")
    return "\n\n".join(blocks) + "\n"
