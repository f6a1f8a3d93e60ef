"""Operative verbs and preambular openers on a strength scale, and mandates.

"Urges" -> "Encourages" weakens a paragraph; "Concerned" -> "Deeply concerned"
strengthens one; a new "Requests the Secretary-General to submit a report" is a new
mandate (and a cost). The scale, the intensity words and the mandate phrases are the
language's data (`ChangeWords`, documented in README "Change classes"); this module
only reads the openings of aligned paragraphs against them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .comparison import Change, Comparison, MandateChange, VerbChange
from .lang.spec import ChangeWords, Language
from .model import Document, Paragraph

__all__ = ["Mandate", "mandate_changes", "mandates", "opener_level", "verb_changes", "verb_level"]

_WORD = re.compile(r"[^\W_][\w\-\u2010\u2011'\u2019]*")
_HEAD = 8  # words of a paragraph's opening that are read
_TWIN = 3  # how far from an inserted paragraph its deleted twin may stand


def _opening(text: str) -> list[tuple[str, str]]:
    """The first words of a text: (as printed, lower case)."""
    out = []
    for m in _WORD.finditer(text[:200]):
        out.append((m.group(0), m.group(0).casefold()))
        if len(out) == _HEAD:
            break
    return out


def verb_level(text: str, words: ChangeWords) -> tuple[str, float] | None:
    """The operative verb phrase a paragraph opens with, as printed, and its level."""
    opening = _opening(text)
    bonus = 0.0
    intensifiers = dict(words.verb_intensifiers)
    start = None
    for k, (_printed, low) in enumerate(opening):
        if low in words.sequence_words:
            continue
        if low in intensifiers:
            bonus = max(bonus, intensifiers[low])
            if start is None:
                start = k
            continue
        lows = [w for _p, w in opening[k:]]
        for phrase, level in words.verb_scale:
            parts = phrase.split()
            if lows[: len(parts)] == parts:
                first = k if start is None else start
                printed = " ".join(p for p, _w in opening[first : k + len(parts)])
                return printed, level + bonus
        return None
    return None


def opener_level(text: str, words: ChangeWords) -> tuple[str, tuple[str, ...], float]:
    """A preambular opening: as printed, its words without intensity, and its intensity."""
    intensity = dict(words.opener_intensity)
    kept: list[tuple[str, str]] = [
        (p, w) for p, w in _opening(text) if w not in words.sequence_words
    ]
    level = 0.0
    rest: list[str] = []
    last = 0
    for k, (_printed, low) in enumerate(kept[:5]):
        if low in intensity and k < 3:
            level = max(level, intensity[low])
            last = k + 1
        else:
            rest.append(low)
            if len(rest) <= 1:
                last = k + 1
    printed = " ".join(p for p, _w in kept[: max(last, 1)])
    return printed, tuple(rest[:3]), level


def _verb_change(pid: str, old: Paragraph, new: Paragraph, words: ChangeWords) -> VerbChange | None:
    if old.kind == new.kind == "operative":
        a, b = verb_level(old.text, words), verb_level(new.text, words)
        if a and b and a[1] != b[1]:
            return VerbChange(pid, "operative", a[0], b[0], a[1], b[1])
    elif old.kind == new.kind == "preambular":
        pa, ra, la = opener_level(old.text, words)
        pb, rb, lb = opener_level(new.text, words)
        if ra == rb and la != lb:
            return VerbChange(pid, "preambular", pa, pb, la, lb)
    return None


def verb_changes(cmp: Comparison, lang: Language) -> tuple[VerbChange, ...]:
    """Operative verbs and preambular openers that moved on the scale, in new order."""
    words = lang.change_words
    if words is None:
        return ()
    out = []
    changes = cmp.changes
    old_paras = {p.id: p for p in cmp.old.paragraphs}
    new_paras = {p.id: p for p in cmp.new.paragraphs}
    for k, c in enumerate(changes):
        if c.cls is None or not c.new:
            continue
        old_id = c.old[0] if c.old else _deleted_twin(changes, k)
        if old_id is None:
            continue
        old, new = old_paras[old_id], new_paras[c.new[0]]
        found = _verb_change(new.id, old, new, words)
        if found is not None:
            out.append(found)
    return tuple(out)


def _deleted_twin(changes: Sequence[Change], k: int) -> str | None:
    """A deleted paragraph of the same number next to an inserted one: a short paragraph
    whose verb changed can differ too much for the aligner to pair it."""
    c = changes[k]
    if c.op != "inserted" or len(c.new) != 1 or c.new_numbers[0] is None:
        return None
    for j in range(max(0, k - _TWIN), min(len(changes), k + _TWIN + 1)):
        d = changes[j]
        if d.op == "deleted" and len(d.old) == 1 and d.old_numbers == c.new_numbers:
            return d.old[0]
    return None


@dataclass(frozen=True)
class Mandate:
    kind: str  # "report", "convene", "agenda", "request"
    addressee: str | None  # as printed ("the Secretary-General")
    years: int | None  # periodicity, where the text states one


def _years(
    low: str, words: ChangeWords, ordinals: dict[str, int], session: int | None
) -> int | None:
    for phrase, years in words.periodicity_words:
        if re.search(rf"\b{re.escape(phrase)}\b", low):
            return years
    if session is None or not words.session_word:
        return None
    for m in re.finditer(rf"([\w\-]+) {re.escape(words.session_word)}\b", low):
        number = ordinals.get(m.group(1))
        if number is not None and number > session:
            return number - session
    return None


def mandates(para: Paragraph, doc: Document, words: ChangeWords) -> tuple[Mandate, ...]:
    """The mandates an operative paragraph gives: to whom, what, how often."""
    if para.kind not in ("operative", "subparagraph"):
        return ()
    low = para.text.casefold()
    head = _object(para.text, words)
    kinds = sorted({kind for phrase, kind in words.mandate_phrases if phrase in low})
    addressed = any(head.startswith(a) for a in words.mandate_addressees)
    if "agenda" not in kinds and not addressed:
        return ()
    years = _years(low, words, dict(words.ordinals), doc.metadata.session)
    out = []
    if "agenda" in kinds:
        out.append(Mandate("agenda", None, years))
    for addressee in words.mandate_addressees:
        if head.startswith(addressee):
            at = low.find(addressee)
            printed = para.text[at : at + len(addressee)]
            for kind in [k for k in kinds if k != "agenda"] or ["request"]:
                out.append(Mandate(kind, printed, years))
            break
    return tuple(out)


def _object(text: str, words: ChangeWords) -> str:
    """What follows the opening verb ("the secretary-general to submit ..."), lower case:
    a mandate's addressee is the verb's object, not any mention of it in the opening."""
    opening = _opening(text)
    lows = [w for _p, w in opening]
    skip = words.sequence_words | {w for w, _lv in words.verb_intensifiers}
    k = next((i for i, w in enumerate(lows) if w not in skip), len(lows))
    width = 1
    for phrase, _level in words.verb_scale:
        if lows[k : k + len(phrase.split())] == phrase.split():
            width = len(phrase.split())
            break
    return " ".join(lows[k + width :])


def _of(
    doc: Document, ids: Sequence[str], words: ChangeWords, paras: dict[str, Paragraph]
) -> dict[str, Mandate]:
    found: dict[str, Mandate] = {}
    for pid in ids:
        for m in mandates(paras[pid], doc, words):
            found.setdefault(m.kind, m)
    return found


def mandate_changes(cmp: Comparison, lang: Language) -> tuple[MandateChange, ...]:
    """Mandates new, dropped or changed in periodicity, paragraph by aligned paragraph."""
    words = lang.change_words
    if words is None:
        return ()
    out: list[MandateChange] = []
    old_paras = {p.id: p for p in cmp.old.paragraphs}
    new_paras = {p.id: p for p in cmp.new.paragraphs}
    for c in cmp.changes:
        if c.cls is None:
            continue
        old = _of(cmp.old, c.old, words, old_paras)
        new = _of(cmp.new, c.new, words, new_paras)
        for kind, m in new.items():
            if kind not in old:
                out.append(MandateChange(c.new[0], "new", "new", kind, m.addressee, None, m.years))
            elif old[kind].years != m.years and None not in (old[kind].years, m.years):
                was = old[kind].years
                out.append(
                    MandateChange(c.new[0], "new", "periodicity", kind, m.addressee, was, m.years)
                )
        for kind, m in old.items():
            if kind not in new:
                out.append(
                    MandateChange(c.old[0], "old", "dropped", kind, m.addressee, m.years, None)
                )
    return tuple(out)
