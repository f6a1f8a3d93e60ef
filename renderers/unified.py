"""Unified text: one hunk per changed paragraph, like `diff -u` but paragraph-aligned."""

from __future__ import annotations

from diffcore.classify import classified
from diffcore.comparison import Change, Comparison
from diffcore.model import Document

from .classes import header_lines
from .labels import Labeler, group_label, show_value
from .textdir import isolated
from .textmarkup import Style, inline


def _doc_line(doc: Document) -> str:
    m = doc.metadata
    bits = [m.symbol or doc.source or "(document)"]
    if m.doc_type:
        bits.append(m.doc_type)
    date = m.adopted_on or m.issued_on
    if date:
        bits.append(date)
    return " ".join([bits[0], f"({', '.join(bits[1:])})" if len(bits) > 1 else ""]).strip()


def _hunk_header(c: Change, old: Labeler, new: Labeler) -> str:
    left, right = group_label(old, c.old), group_label(new, c.new)
    what: str = c.op
    if c.renumbered and c.op == "equal":
        what = "renumbered"
    elif c.renumbered:
        what += ", renumbered"
    if c.footnotes_changed:
        what += ", footnotes"
    pct = f" {round(c.similarity * 100)}%" if c.old and c.new else ""
    return f"@@ {left} -> {right} {what}{pct} @@"


def render(cmp: Comparison, *, context: int = 1, color: bool = False) -> str:
    """Hunks of the changes, with the class summary; `--hide` classes show as context."""
    cmp = classified(cmp)
    style = Style(color)
    old_lab, new_lab = Labeler(cmp.old.paragraphs), Labeler(cmp.new.paragraphs)
    old_text = {p.id: p.text for p in cmp.old.paragraphs}
    new_text = {p.id: p.text for p in cmp.new.paragraphs}
    lines = [
        style.paint("\x1b[1m", f"--- {_doc_line(cmp.old)}"),
        style.paint("\x1b[1m", f"+++ {_doc_line(cmp.new)}"),
    ]
    lines += [style.header(f"# {line}") for line in header_lines(cmp)]
    for m in cmp.metadata:
        was, now = isolated(show_value(m.old), cmp.old), isolated(show_value(m.new), cmp.new)
        lines.append(style.header(f"# {m.field}: {was} -> {now}"))
    changed = [i for i, c in enumerate(cmp.changes) if c.is_change and not cmp.is_hidden(c)]
    shown: set[int] = set()
    for i in changed:
        shown.update(range(max(0, i - context), min(len(cmp.changes), i + context + 1)))
    last = -2
    for i in sorted(shown):
        c = cmp.changes[i]
        if i != last + 1 and last >= 0:
            lines.append(style.paint("\x1b[2m", "..."))
        last = i
        if not c.is_change or cmp.is_hidden(c):
            if not c.new:
                continue  # a hidden deletion: nothing of it is left to show
            label = group_label(new_lab, c.new)
            text = isolated(" ".join(new_text[j] for j in c.new), cmp.new)
            lines.append(f"  {label}: {text}")
            continue
        lines.append(style.header(_hunk_header(c, old_lab, new_lab)))
        if c.op == "inserted":
            lines.append(
                "+ " + isolated(style.added(" ".join(new_text[j] for j in c.new)), cmp.new)
            )
        elif c.op == "deleted":
            lines.append(
                "- " + isolated(style.removed(" ".join(old_text[j] for j in c.old)), cmp.old)
            )
        else:
            lines.append("- " + isolated(inline(c.diff, style, "old"), cmp.old))
            lines.append("+ " + isolated(inline(c.diff, style, "new"), cmp.new))
    footnotes = [f for f in cmp.footnotes if f.op != "equal" and f.cls not in cmp.hidden]
    if footnotes:
        lines.append(style.header("@@ footnotes @@"))
        for f in footnotes:
            left = ",".join(f.old) or "-"
            right = ",".join(f.new) or "-"
            text = isolated(inline(f.diff, style, "both"), cmp.new)
            lines.append(f"  [{left}] -> [{right}] {f.op}: {text}")
    return "\n".join(lines) + "\n"
