"""Generated edits with known classes, over real resolutions (`diffcore.classify` tests).

`rolled_over(doc)` makes next session's technical update of a real resolution: session
ordinals ("eightieth session" -> "eighty-first session"), resolution numbers and
document symbols ("79/7" -> "80/10", "A/80/123" -> "A/81/126"), years, days of dates
and agenda item numbers, in paragraphs and footnotes alike. Every change it makes must
be classed `technical`.

`planted_verbs(doc, rng)` replaces the operative verb of one paragraph with another on
the strength scale, and says which paragraph and which direction: every one must be
found as a verb change with that direction.

`series_pairs` lists the real series of the corpus: consecutive adopted resolutions of a
chain in chains.json (sessions 78 -> 79 -> 80).
"""

from __future__ import annotations

import itertools
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from diffcore.lang import get
from diffcore.model import Document, Paragraph
from diffcore.strength import verb_level

_EN = get("en").change_words
assert _EN is not None
_ORDINAL = dict(_EN.ordinals)
_ORDINAL_OF = {n: w for w, n in _EN.ordinals}
_MONTHS = "|".join(m.capitalize() for m in sorted(_EN.months))
_SESSION = re.compile(r"\b(" + "|".join(sorted(_ORDINAL, key=len, reverse=True)) + r") session\b")
_NUMBERED = re.compile(r"\b(\d{2})/(\d+)\b")
_YEAR = re.compile(r"(?<![\w-])(20[0-4]\d)\b")
_DAY = re.compile(rf"\b(\d{{1,2}}) ({_MONTHS})\b")
_ITEM = re.compile(r"\b(items?) (\d+)\b")


def _roll(text: str) -> str:
    def session(m: re.Match[str]) -> str:
        return f"{_ORDINAL_OF.get(_ORDINAL[m.group(1)] + 1, m.group(1))} session"

    text = _SESSION.sub(session, text)
    text = _NUMBERED.sub(lambda m: f"{int(m.group(1)) + 1}/{int(m.group(2)) + 3}", text)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + 1), text)
    text = _DAY.sub(lambda m: f"{int(m.group(1)) % 28 + 1} {m.group(2)}", text)
    return _ITEM.sub(lambda m: f"{m.group(1)} {int(m.group(2)) + 2}", text)


def _edit(p: Paragraph, change: Callable[[str], str]) -> Paragraph:
    """The paragraph with `change` applied between its footnote markers, offsets kept."""
    pieces, offsets, start = [], [], 0
    for off in p.footnote_offsets:
        pieces.append(change(p.text[start:off]))
        offsets.append(sum(len(x) for x in pieces))
        start = off
    pieces.append(change(p.text[start:]))
    return replace(p, text="".join(pieces), footnote_offsets=tuple(offsets))


def rolled_over(doc: Document) -> Document | None:
    """Next session's rollover of `doc`, or None where it has nothing to roll over."""
    paragraphs = tuple(_edit(p, _roll) for p in doc.paragraphs)
    footnotes = tuple(replace(f, text=_roll(f.text)) for f in doc.footnotes)
    if paragraphs == doc.paragraphs and footnotes == doc.footnotes:
        return None
    return replace(doc, paragraphs=paragraphs, footnotes=footnotes)


@dataclass(frozen=True)
class Planted:
    paragraph: str
    old: str
    new: str
    direction: str


def planted_verbs(doc: Document, rng: random.Random) -> list[tuple[Document, Planted]]:
    """One operative paragraph with its verb replaced by another level's (if any fits)."""
    scale = dict(_EN.verb_scale)
    fits = []
    for k, p in enumerate(doc.paragraphs):
        found = verb_level(p.text, _EN) if p.kind == "operative" else None
        if found is None or found[0].casefold() not in scale:
            continue  # an intensifier or "Also" before it: planted words would mix
        rest = p.text[len(found[0]) :]
        if not p.text.startswith(found[0]) or rest.lstrip().startswith("with"):
            continue
        fits.append((k, p, found[0], found[1]))
    if not fits:
        return []
    k, p, printed, level = rng.choice(fits)
    others = [phrase for phrase, lv in _EN.verb_scale if lv != level]
    phrase = rng.choice(others)
    new_verb = phrase[0].upper() + phrase[1:]
    edited = _edit(p, lambda t: new_verb + t[len(printed) :] if t.startswith(printed) else t)
    direction = "strengthened" if scale[phrase] > level else "weakened"
    paragraphs = (*doc.paragraphs[:k], edited, *doc.paragraphs[k + 1 :])
    return [(replace(doc, paragraphs=paragraphs), Planted(p.id, printed, new_verb, direction))]


def series_pairs(chains: Path, text_dir: Path) -> list[tuple[Path, Path]]:
    """Consecutive adopted resolutions of each chain whose text layers exist."""
    pairs = []
    for chain in json.loads(chains.read_text(encoding="utf-8")):
        adopted = [
            text_dir / (v["symbol"].replace("/", "_") + ".txt")
            for v in chain["versions"]
            if v["role"] in ("adopted, earlier session", "adopted") and v.get("text")
        ]
        adopted = [p for p in adopted if p.exists()]
        pairs += list(itertools.pairwise(adopted))
    return pairs
