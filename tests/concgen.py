"""Planted errors in real language versions, for the concordance's recall.

Each plant takes a genuine version and makes one error a translator or an editor could
make: drop a paragraph, change a symbol, number or date inside one, remove a footnote,
swap two paragraphs. The expected finding names the reference paragraph involved, so a
finding elsewhere does not count as a catch.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, replace

from diffcore.concordance import Concordance, Finding, tokens
from diffcore.labels import Labeler
from diffcore.model import Document, Paragraph

KINDS = ("drop", "token", "footnote", "swap")


@dataclass(frozen=True)
class Plant:
    kind: str
    doc: Document
    labels: tuple[str, ...]  # labels, in the version, of the paragraphs planted in
    detail: str


def _relabel(doc: Document, paragraphs: list[Paragraph]) -> Document:
    return replace(doc, paragraphs=tuple(paragraphs))


def drop(doc: Document, rng: random.Random) -> Plant | None:
    """Remove one paragraph that is not a sub-paragraph's parent."""
    parents = {p.parent for p in doc.paragraphs if p.parent}
    labels = Labeler(doc.paragraphs)
    choices = [
        i
        for i, p in enumerate(doc.paragraphs)
        if p.kind in ("preambular", "operative", "subparagraph")
        and p.id not in parents
        and p.number not in parents
    ]
    if not choices:
        return None
    i = rng.choice(choices)
    paras = list(doc.paragraphs)
    gone = paras.pop(i)
    return Plant("drop", _relabel(doc, paras), (labels(gone.id),), gone.text[:60])


def change_token(doc: Document, language: str, rng: random.Random) -> Plant | None:
    """Change one digit of a symbol, number or year in one paragraph."""
    labels = Labeler(doc.paragraphs)
    choices = [
        i
        for i, p in enumerate(doc.paragraphs)
        if tokens(p.text, language) and re.search(r"\d", p.text)
    ]
    if not choices:
        return None
    i = rng.choice(choices)
    p = doc.paragraphs[i]
    digits = [m.start() for m in re.finditer(r"\d", p.text)]
    at = rng.choice(digits)
    new_digit = str((int(p.text[at]) + rng.randint(1, 8)) % 10)
    text = p.text[:at] + new_digit + p.text[at + 1 :]
    if tokens(text, language) == tokens(p.text, language):
        return None
    paras = list(doc.paragraphs)
    paras[i] = replace(p, text=text)
    return Plant("token", _relabel(doc, paras), (labels(p.id),), f"{p.text[at]} -> {new_digit}")


def remove_footnote(doc: Document, rng: random.Random) -> Plant | None:
    """Delete one footnote and its reference."""
    if not doc.footnotes:
        return None
    note = rng.choice(doc.footnotes)
    labels = Labeler(doc.paragraphs)
    paras, where = [], []
    for p in doc.paragraphs:
        if note.marker in p.footnote_refs:
            keep = [k for k, m in enumerate(p.footnote_refs) if m != note.marker]
            p = replace(
                p,
                footnote_refs=tuple(p.footnote_refs[k] for k in keep),
                footnote_offsets=tuple(p.footnote_offsets[k] for k in keep),
            )
            where.append(labels(p.id))
        paras.append(p)
    notes = tuple(f for f in doc.footnotes if f is not note)
    return Plant(
        "footnote",
        replace(doc, paragraphs=tuple(paras), footnotes=notes),
        tuple(where),
        note.marker,
    )


def swap(doc: Document, language: str, rng: random.Random) -> Plant | None:
    """Exchange the texts of two nearby paragraphs of the same kind that can be told apart.

    Two paragraphs with the same symbols and numbers and about the same length cannot
    be told apart without reading them, so only pairs that differ in those are planted.
    """
    labels = Labeler(doc.paragraphs)
    paras = list(doc.paragraphs)
    pairs = []
    for i, a in enumerate(paras):
        for j in range(i + 1, min(i + 3, len(paras))):
            b = paras[j]
            if a.kind != b.kind or a.kind not in ("preambular", "operative") or a.part != b.part:
                continue
            la, lb = len(a.text), len(b.text)
            if tokens(a.text, language).keys() != tokens(b.text, language).keys() or (
                max(la, lb) >= 2 * max(1, min(la, lb))
            ):
                pairs.append((i, j))
    if not pairs:
        return None
    i, j = rng.choice(pairs)
    a, b = paras[i], paras[j]
    paras[i] = replace(
        a, text=b.text, footnote_refs=b.footnote_refs, footnote_offsets=b.footnote_offsets
    )
    paras[j] = replace(
        b, text=a.text, footnote_refs=a.footnote_refs, footnote_offsets=a.footnote_offsets
    )
    return Plant("swap", _relabel(doc, paras), (labels(a.id), labels(b.id)), "")


def plant(kind: str, doc: Document, language: str, rng: random.Random) -> Plant | None:
    if kind == "drop":
        return drop(doc, rng)
    if kind == "token":
        return change_token(doc, language, rng)
    if kind == "footnote":
        return remove_footnote(doc, rng)
    return swap(doc, language, rng)


def _key(f: Finding) -> tuple[object, ...]:
    return (f.kind, f.reference_label, f.version_label, f.expected, f.found)


def caught(
    plant_: Plant, genuine: Concordance, planted: Concordance, version: str, exact: bool = True
) -> bool:
    """Did the planted run report something new about the planted paragraphs?

    A dropped paragraph is caught exactly when the reference paragraph it was aligned
    with is reported missing; with `exact=False`, any new missing paragraph counts
    (among unnumbered preambular paragraphs of like length a neighbour may be named).
    """
    # As multisets: labels repeat ("annex text"), so two findings may share a key, and
    # a plant that makes a second one is new.
    before = Counter(_key(f) for f in genuine.findings if f.version == version)
    new = []
    for f in planted.findings:
        if f.version == version:
            if before[_key(f)]:
                before[_key(f)] -= 1
            else:
                new.append(f)
    if plant_.kind == "footnote":
        return any(f.kind == "footnotes" for f in new)
    if plant_.kind == "drop":
        pairs = dict(genuine.alignments)[version]
        expected = {ref for ref, ver in pairs if ver in plant_.labels and ref}
        if not exact and any(f.kind == "subparagraphs" for f in new):
            # Where the reference's own sub-paragraphs differ from this version's, a
            # dropped sub-paragraph shows as its parent's changed count rather than as a
            # missing paragraph (A/RES/80/116 zh: its quoted opinion has an item (a) the
            # English file lacks).
            return True
        return any(
            f.kind == "missing" and (f.reference_label in expected or not exact) for f in new
        )
    return any(f.version_label in plant_.labels or f.reference_label in plant_.labels for f in new)
