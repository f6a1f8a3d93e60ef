"""Checks a `History` against what it is built from, independently of how it is built.

Shared by tests/test_history.py (a sample of chains.json) and tests/test_sweep.py (all
188 chains under `make sweep`). The attribution is checked by tracing each word of the
last version backwards through the pairwise word diffs (the history carries versions
forwards), so the two computations only agree when both are right.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from pathlib import Path
from typing import Any

import diffcore
from diffcore.comparison import Change
from diffcore.history import History, Version
from diffcore.worddiff import counts, tokenize

from .conftest import CORPUS_DIR

CHAINS_PATH = CORPUS_DIR / "chains.json"


def chains() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(CHAINS_PATH.read_text(encoding="utf-8"))
    return data


def text_path(symbol: str) -> Path:
    return CORPUS_DIR / "text" / f"{symbol.replace('/', '_')}.txt"


def chain_versions(chain: dict[str, Any]) -> list[Version]:
    """The chain's versions (amendments are edits, not versions), from the text layers."""
    return [
        Version(diffcore.load(str(text_path(v["symbol"]))), v["role"])
        for v in chain["versions"]
        if v["role"] != "amendment"
    ]


def _where(change: Change, sizes: dict[str, int], side: str) -> list[tuple[str, int]]:
    """(paragraph id, start offset) of each paragraph in the change's joined text."""
    out, pos = [], 0
    for pid in change.old if side == "old" else change.new:
        out.append((pid, pos))
        pos += sizes[pid] + 1
    return out


class _Tracer:
    """Traces characters of the last version back through the pairwise word diffs."""

    def __init__(self, history: History) -> None:
        docs = [v.document for v in history.versions]
        self.sizes = [{p.id: len(p.text) for p in doc.paragraphs} for doc in docs]
        self.owner: list[dict[str, Change]] = [{}] + [
            {pid: c for c in cmp.changes for pid in c.new} for cmp in history.comparisons
        ]

    def version(self, pid: str, offset: int) -> int:
        """The version that wrote the character at `offset` of last-version paragraph `pid`."""
        for k in range(len(self.sizes) - 1, 0, -1):
            change = self.owner[k][pid]
            at = dict(_where(change, self.sizes[k], "new"))[pid] + offset
            old_pos = new_pos = 0
            found = None
            for op, text in change.diff:
                inside = new_pos <= at < new_pos + len(text)
                if op == "+" and inside:
                    return k
                if op == "=" and inside:
                    found = old_pos + at - new_pos
                    break
                if op != "+":
                    old_pos += len(text)
                if op != "-":
                    new_pos += len(text)
            assert found is not None, f"offset {at} outside the diff of {change.new}"
            olds = _where(change, self.sizes[k - 1], "old")
            n = bisect.bisect_right([start for _, start in olds], found) - 1
            pid, offset = olds[n][0], found - olds[n][1]
            assert offset < self.sizes[k - 1][pid], "a word traced to the space between paragraphs"
        return 0


def check_history(history: History) -> list[str]:
    """Every disagreement between the history and the pairwise comparisons, as messages."""
    problems: list[str] = []
    docs = [v.document for v in history.versions]
    # 1. the comparisons are the pairwise comparisons
    for k in range(1, len(docs)):
        if history.comparisons[k - 1] != diffcore.compare(docs[k - 1], docs[k]):
            problems.append(f"comparison {k - 1}->{k} differs from diffcore.compare")
    # 2. every change of every comparison is a step of exactly one life
    expected = Counter((k, c) for k, cmp in enumerate(history.comparisons, 1) for c in cmp.changes)
    got = Counter((s.to, s.change) for life in history.lives for s in life.steps)
    if expected != got:
        problems.append("the lives' steps are not the comparisons' changes")
    # 3. every paragraph of every version is in exactly one life, consistent with its steps
    seen = Counter(
        (v, pid) for life in history.lives for v, ids in enumerate(life.ids) for pid in ids
    )
    every = Counter((v, p.id) for v, doc in enumerate(docs) for p in doc.paragraphs)
    if seen != every:
        problems.append("paragraphs missing from the lives or in two of them")
    for life in history.lives:
        for s in life.steps:
            if not set(s.change.old) <= set(life.ids[s.to - 1]) or not set(s.change.new) <= set(
                life.ids[s.to]
            ):
                problems.append(f"step {s.to} of {life.ids} names paragraphs of another life")
        if life.appeared > 0 and not any(
            s.to == life.appeared and not s.change.old for s in life.steps
        ):
            problems.append(f"{life.ids} appears in {life.appeared} without an insertion there")
        if life.dropped is not None and not any(
            s.to == life.dropped and not s.change.new for s in life.steps
        ):
            problems.append(f"{life.ids} dropped in {life.dropped} without a deletion there")
    # 4. attribution: the last version's text, each word traced back to where it was inserted
    final = docs[-1].paragraphs
    if [a.paragraph for a in history.attribution] != [p.id for p in final]:
        problems.append("attribution does not follow the last version's paragraphs")
        return problems
    per_version = Counter[int]()
    tracer = _Tracer(history)
    for attr, para in zip(history.attribution, final, strict=True):
        if "".join(text for _, text in attr.runs) != para.text:
            problems.append(f"attribution of {para.id} does not rebuild its text")
            continue
        pos = 0
        for version, text in attr.runs:
            for token in tokenize(text):
                if token.strip():
                    first = tracer.version(para.id, pos)
                    last = tracer.version(para.id, pos + len(token) - 1)
                    if not first == last == version:
                        problems.append(
                            f"{para.id} {token!r}: attributed to {version}, traced to "
                            f"{first} (first character) and {last} (last)"
                        )
                    if any(ch.isalnum() for ch in token):
                        per_version[version] += 1
                pos += len(token)
    # 5. no version is credited with more surviving words than it inserted
    for k in range(1, len(docs)):
        inserted = sum(counts(c.diff)[0] for c in history.comparisons[k - 1].changes)
        if per_version[k] > inserted:
            problems.append(f"version {k}: {per_version[k]} words attributed, {inserted} inserted")
    return problems
