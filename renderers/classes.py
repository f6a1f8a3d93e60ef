"""The one-line summary of change classes every renderer shows, and what `--hide` hid.

"4 substantive, 23 technical, 6 editorial changes; 1 operative verb weakened; 1 new
request to the Secretary-General": the few changes that matter first, then the verbs
and mandates a delegate looks for.
"""

from __future__ import annotations

from collections import Counter

from diffcore.classify import class_counts, classified
from diffcore.comparison import Comparison, MandateChange

_KINDS = {
    "report": ("report requested", "reports requested"),
    "convene": ("meeting to convene", "meetings to convene"),
    "agenda": ("agenda item", "agenda items"),
}


# The order of the summary: substance first, then the rollover, then form.
_ORDER = ("substantive", "technical", "editorial")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _mandate_noun(m: MandateChange, n: int) -> str:
    if m.addressee and m.kind in ("request", "report", "convene"):
        return f"{'request' if n == 1 else 'requests'} to {m.addressee}"
    one, many = _KINDS.get(m.kind, ("mandate", "mandates"))
    return one if n == 1 else many


def summary_line(cmp: Comparison) -> str:
    """Counts per class, verb and opener directions, mandate changes, in one line."""
    cmp = classified(cmp)
    counts = class_counts(cmp)
    parts = [", ".join(f"{counts[cls]} {cls}" for cls in _ORDER) + " changes"]
    verbs = Counter(
        ("operative verb" if v.kind == "operative" else "preambular opener", v.direction)
        for v in cmp.verb_changes
    )
    for (what, direction), n in sorted(verbs.items()):
        parts.append(f"{_plural(n, what, what + 's')} {direction}")
    mandates: Counter[tuple[str, str, str | None]] = Counter()
    first: dict[tuple[str, str, str | None], MandateChange] = {}
    for m in cmp.mandate_changes:
        key: tuple[str, str, str | None] = (
            m.change,
            m.kind if not m.addressee else "request",
            m.addressee,
        )
        mandates[key] += 1
        first.setdefault(key, m)
    for key, n in sorted(mandates.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
        noun = _mandate_noun(first[key], n)
        if key[0] == "periodicity":
            parts.append(f"{n} {noun} with a new periodicity")
        else:
            parts.append(f"{n} {key[0]} {noun}")
    return "; ".join(parts)


def hidden_note(cmp: Comparison) -> str | None:
    """What `--hide` left out, or None when nothing is hidden."""
    if not cmp.hidden:
        return None
    counts = class_counts(cmp)
    shown = ", ".join(f"{counts[c]} {c}" for c in _ORDER if c in cmp.hidden and counts[c])
    return f"hidden: {shown or 'no'} changes (--hide {','.join(cmp.hidden)})"


def header_lines(cmp: Comparison) -> list[str]:
    """The summary line, then the hidden note where there is one."""
    note = hidden_note(cmp)
    return [summary_line(cmp)] + ([note] if note else [])
