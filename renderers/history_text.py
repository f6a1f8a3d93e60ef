"""A history as plain text: the versions, each paragraph's life, the last version's blame."""

from __future__ import annotations

from diffcore.amendments import AmendmentCheck
from diffcore.history import History

from .history_view import Labels, summary
from .textdir import isolated
from .textmarkup import Style, inline


def _versions(history: History, labels: Labels) -> list[str]:
    lines = [f"resdiff history: {len(history.versions)} versions"]
    words = history.words_by_version()
    for k, v in enumerate(history.versions):
        role = f"  ({v.role})" if v.role else ""
        lines.append(
            f"  {labels.version(k)}  {v.label}{role}: {len(v.document.paragraphs)} paragraphs, "
            f"{words[k]} words of the last version"
        )
    counts = summary(history)
    lines.append(
        f"{counts['lives']} paragraph lives: {counts['in_last_version']} in the last version, "
        f"{counts['dropped']} dropped, {counts['appeared_later']} appeared after "
        f"{labels.version(0)}, {counts['changed']} changed, {counts['unchanged']} never changed"
    )
    return lines


def amendment_lines(check: AmendmentCheck, style: Style) -> list[str]:
    """One amendment: its fate, then each edit's, then each target's."""
    a = check.amendment
    fate = check.fate or "not understood"
    lines = [
        style.header(
            f"Amendment {a.symbol or '(no symbol)'} to {a.amends or check.draft}: {fate} "
            f"in {check.adopted}"
        )
    ]
    for e in check.edits:
        lines.append(f"  {e.fate}: {e.edit.instruction}")
        for t in e.targets:
            where = ", ".join(t.adopted) or "-"
            lines.append(f"    {t.target}: {t.fate} ({t.reason}; adopted {where})")
    lines.extend(f"  not understood: {text}" for text in a.unparsed)
    return lines


def render(history: History, *, color: bool = False) -> str:
    style = Style(color)
    labels = Labels(history)
    last = history.versions[-1].document
    out = _versions(history, labels)
    out.append("")
    for life in history.lives:
        first = labels.version(life.appeared)
        head = f"{labels.life(life)}: since {first}"
        if life.dropped is not None:
            head += f", dropped in {labels.version(life.dropped)}"
        out.append(style.header(head))
        for view in map(labels.step, life.events()):
            doc = history.versions[view.to if view.step.change.new else view.to - 1].document
            text = isolated(inline(view.step.change.diff, style, "both"), doc)
            out.append(f"  {labels.version(view.to)} {view.what}: {text}")
    for check in history.amendments:
        out.append("")
        out.extend(amendment_lines(check, style))
    out.append("")
    out.append(
        style.header(
            f"Who wrote {history.versions[-1].label} ({labels.version(len(history.versions) - 1)})"
        )
    )
    final = labels.by_version[-1]
    for attr in history.attribution:
        text = "".join(f"[{labels.version(k)}]{t}" for k, t in attr.runs)
        out.append(f"{final(attr.paragraph)}: {isolated(text, last)}")
    return "\n".join(out) + "\n"
