"""What the history outputs share: version names, paragraph labels, what each step did."""

from __future__ import annotations

from dataclasses import dataclass

from diffcore.history import History, Life, Step

from .labels import Labeler, group_label


@dataclass(frozen=True)
class StepView:
    """One step of a life in words: version, what happened, labels before and after."""

    to: int
    op: str
    what: str  # "modified 93%", "renumbered OP4 -> OP5", "moved from PP3", ...
    old_label: str
    new_label: str
    step: Step


class Labels:
    """Paragraph labels (PP3, OP5) of every version of a history."""

    def __init__(self, history: History) -> None:
        self.history = history
        self.by_version = [Labeler(v.document.paragraphs) for v in history.versions]

    def version(self, k: int) -> str:
        return f"v{k + 1}"

    def of(self, k: int, ids: tuple[str, ...]) -> str:
        return group_label(self.by_version[k], ids)

    def life(self, life: Life) -> str:
        """Its label in the last version, else where it was last seen."""
        if life.final:
            return self.of(len(life.ids) - 1, life.final)
        return f"{self.of(life.last, life.ids[life.last])} of {self.version(life.last)}"

    def step(self, step: Step) -> StepView:
        c = step.change
        old, new = self.of(step.to - 1, c.old), self.of(step.to, c.new)
        pct = f" {c.similarity:.0%}" if c.op in ("modified", "moved", "split", "merged") else ""
        what = {
            "inserted": "appeared",
            "deleted": "dropped",
            "moved": f"moved from {old}",
            "split": f"split from {old} into {new}",
            "merged": f"merged from {old} into {new}",
        }.get(c.op, c.op)
        parts = [] if c.op == "equal" else [what + pct]
        if c.renumbered:
            parts.append(f"renumbered {old} -> {new}")
        if c.footnotes_changed:
            parts.append("footnotes changed")
        return StepView(step.to, c.op, ", ".join(parts) or "unchanged", old, new, step)


def summary(history: History) -> dict[str, int]:
    """Counts over the lives: in the last version, dropped, appeared after the first, changed."""
    lives = history.lives
    return {
        "lives": len(lives),
        "in_last_version": sum(1 for life in lives if life.final),
        "dropped": sum(1 for life in lives if not life.final),
        "appeared_later": sum(1 for life in lives if life.appeared > 0),
        "changed": sum(1 for life in lives if life.events()),
        "unchanged": sum(1 for life in lives if not life.events()),
    }
