"""What a draft's asterisk notes say about its sponsors.

A draft marks a sponsor with an asterisk and says at the foot of its first page on
whose behalf it acts: "Iraq:* draft resolution" with "* On behalf of the States that
are members of the Group of 77 and China, ...". The note stays a footnote (`*`), and
the sponsors read as the UN's own records write them: "Iraq (on behalf of the States
that are members of the Group of 77 and China)". The English wording is kept here, in
one table, so it can move to the per-language data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .footnotes import RawFootnote

# Notes that say in what capacity a sponsor submits the draft (English).
SPONSOR_NOTE_OPENERS: tuple[str, ...] = ("On behalf of", "In its capacity as")
# Where the capacity ends and a remark on it begins ("..., taking into account also ...").
SPONSOR_NOTE_TAILS: tuple[str, ...] = (", taking into account",)

_OPENER_RE = re.compile("^(?:" + "|".join(re.escape(o) for o in SPONSOR_NOTE_OPENERS) + r")\s")
_TAIL_RE = re.compile("(?:" + "|".join(re.escape(t) for t in SPONSOR_NOTE_TAILS) + r")\b.*$")
# A marker glued to a sponsor's name, maybe after its comma: "Nigeria*", "Egypt,*".
_GLUED_RE = re.compile(r"(?<=[^\s*])(,?)(\*{1,3})(?!\*)")


def capacity(note: str) -> str | None:
    """ "On behalf of X, taking into account ..." -> "on behalf of X"; None for other notes."""
    if not _OPENER_RE.match(note):
        return None
    text = _TAIL_RE.sub("", note).rstrip(" .")
    return text[:1].lower() + text[1:]


def qualify_sponsors(sponsors: str | None, footnotes: Sequence[RawFootnote]) -> str | None:
    """The sponsors with the capacity their asterisk notes give, and no stray markers.

    A marker glued to one name qualifies that name ("Maldives, Nigeria* and Thailand");
    a capacity note whose marker stood after the colon ("Iraq:*", already cut off by the
    header reader) qualifies the whole list.
    """
    if not sponsors:
        return sponsors
    notes = {fn.marker: fn.text for fn in footnotes if fn.marker.startswith("*")}
    placed: set[str] = set()

    def place(m: re.Match[str]) -> str:
        note = notes.get(m.group(2))
        what = capacity(note) if note else None
        placed.add(m.group(2))
        return f" ({what}){m.group(1)}" if what else m.group(1)

    out = _GLUED_RE.sub(place, sponsors)
    for marker, note in notes.items():
        what = capacity(note)
        if what and marker not in placed:
            out = f"{out} ({what})"
    return out
