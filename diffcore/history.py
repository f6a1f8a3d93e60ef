"""The life of a text across many versions, built from the pairwise comparisons.

A history is nothing but the comparisons of each version with the next one
(`diffcore.align.compare`), regrouped: every `Change` of every comparison belongs to
exactly one paragraph life, so the history cannot disagree with the comparisons it
shows. A life is a connected group of paragraphs across versions: a paragraph, the one
it became in the next version, and so on; splits and merges join lives into one.

The attribution of the last version (which version introduced each word, as `git blame`
does for lines) is carried forward through the same word diffs: a character copied by
an "=" segment keeps the version it came from, one in a "+" segment gets the version of
that step. It is exact by construction, and the tests trace it back independently.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .align import compare
from .amendments import AmendmentCheck, check, parse
from .comparison import Change, Comparison
from .errors import InputError
from .model import Document
from .worddiff import tokenize

Node = tuple[int, str]  # (version index, paragraph id)


@dataclass(frozen=True)
class Version:
    """One version of the text: its document and, where known, its role in the chain."""

    document: Document
    role: str | None = None

    @property
    def label(self) -> str:
        return self.document.label


@dataclass(frozen=True)
class Step:
    """What happened to a life between version `to - 1` and version `to`."""

    to: int
    change: Change


@dataclass(frozen=True)
class Life:
    """A paragraph (or a group of split and merged paragraphs) through the versions."""

    steps: tuple[Step, ...]
    appeared: int  # first version holding it
    last: int  # last version holding it
    ids: tuple[tuple[str, ...], ...]  # its paragraph ids in each version (empty: absent)

    @property
    def dropped(self) -> int | None:
        """The version it is missing from for good, or None when the last version has it."""
        return self.last + 1 if self.last + 1 < len(self.ids) else None

    @property
    def final(self) -> tuple[str, ...]:
        return self.ids[-1]

    def events(self) -> tuple[Step, ...]:
        """The steps that changed something (equal steps left out)."""
        return tuple(s for s in self.steps if s.change.is_change)


@dataclass(frozen=True)
class Attribution:
    """A paragraph of the last version cut into runs by the version that wrote them."""

    paragraph: str
    runs: tuple[tuple[int, str], ...]  # (version index, text)
    words: tuple[int, ...] = ()  # words (tokens with a letter or digit) each version wrote


@dataclass(frozen=True)
class History:
    versions: tuple[Version, ...]
    comparisons: tuple[Comparison, ...]  # comparisons[k - 1]: version k - 1 -> version k
    lives: tuple[Life, ...]
    attribution: tuple[Attribution, ...]
    # Amendments to one of the drafts, followed into the last version.
    amendments: tuple[AmendmentCheck, ...] = ()

    def words_by_version(self) -> list[int]:
        """How many words of the last version each version introduced."""
        counts = [0] * len(self.versions)
        for attr in self.attribution:
            for version, words in enumerate(attr.words):
                counts[version] += words
        return counts


def build(versions: Sequence[Version]) -> History:
    """Compare each version with the next and regroup the changes into paragraph lives."""
    if len(versions) < 2:
        raise InputError("a history needs at least two versions")
    docs = [v.document for v in versions]
    comparisons = tuple(compare(a, b) for a, b in itertools.pairwise(docs))
    return History(
        versions=tuple(versions),
        comparisons=comparisons,
        lives=_lives(docs, comparisons),
        attribution=_attribution(docs, comparisons),
    )


def _amended(history: History, symbol: str | None) -> int:
    """The version an amendment amends: the one of its symbol, or of that symbol before
    "/Rev.N" (a revision the chain lacks), else the last draft before the final text."""
    symbols = [v.document.metadata.symbol for v in history.versions[:-1]]
    for wanted in (symbol, (symbol or "").split("/Rev.")[0]):
        if wanted and wanted in symbols:
            return symbols.index(wanted)
    drafts = [k for k, v in enumerate(history.versions[:-1]) if v.role and "draft" in v.role]
    return drafts[-1] if drafts else len(history.versions) - 2


def with_amendments(history: History, amendments: Sequence[Document]) -> History:
    """The history with each amendment document parsed and checked against the version it
    amends and the last version."""
    checks = []
    last = len(history.versions) - 1
    for doc in amendments:
        amendment = parse(doc)
        k = _amended(history, amendment.amends)
        cmp = history.comparisons[-1] if k == last - 1 else None
        draft, final = history.versions[k].document, history.versions[last].document
        checks.append(check(amendment, draft, final, cmp))
    return replace(history, amendments=tuple(checks))


# --- lives ------------------------------------------------------------------------------


class _Groups:
    """Union-find over (version, paragraph id) nodes."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, node: Node) -> Node:
        self.parent.setdefault(node, node)
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def join(self, nodes: Sequence[Node]) -> None:
        roots = [self.find(n) for n in nodes]
        for r in roots[1:]:
            if r != roots[0]:
                self.parent[r] = roots[0]


def _nodes(k: int, change: Change) -> list[Node]:
    return [(k - 1, pid) for pid in change.old] + [(k, pid) for pid in change.new]


def _lives(docs: Sequence[Document], comparisons: Sequence[Comparison]) -> tuple[Life, ...]:
    groups = _Groups()
    for v, doc in enumerate(docs):
        for p in doc.paragraphs:
            groups.find((v, p.id))
    for k, cmp in enumerate(comparisons, start=1):
        for change in cmp.changes:
            groups.join(_nodes(k, change))
    steps: dict[Node, list[Step]] = {}
    for k, cmp in enumerate(comparisons, start=1):
        for change in cmp.changes:
            steps.setdefault(groups.find(_nodes(k, change)[0]), []).append(Step(k, change))
    members: dict[Node, list[list[str]]] = {}
    for v, doc in enumerate(docs):
        for p in doc.paragraphs:
            root = groups.find((v, p.id))
            if root not in members:
                members[root] = [[] for _ in docs]
            members[root][v].append(p.id)
    positions = [{p.id: i for i, p in enumerate(doc.paragraphs)} for doc in docs]
    lives = []
    for root, ids in members.items():
        present = [v for v, got in enumerate(ids) if got]
        lives.append(
            Life(
                steps=tuple(steps.get(root, [])),
                appeared=present[0],
                last=present[-1],
                ids=tuple(tuple(got) for got in ids),
            )
        )
    final_pos = {life.final[0]: positions[-1][life.final[0]] for life in lives if life.final}
    owner = {
        (v, pid): n for n, life in enumerate(lives) for v, got in enumerate(life.ids) for pid in got
    }

    def key(n: int) -> tuple[int, int, int, int]:
        """Reading order of the last version; a dropped life after the surviving
        paragraph that stood before it when it was last seen."""
        life = lives[n]
        if life.final:
            return (final_pos[life.final[0]], 0, 0, 0)
        v = life.last
        pos = positions[v][life.ids[v][0]]
        for p in reversed(docs[v].paragraphs[:pos]):
            before = lives[owner[(v, p.id)]]
            if before.final:
                return (final_pos[before.final[0]], 1, -v, pos)
        return (-1, 1, -v, pos)

    return tuple(lives[n] for n in sorted(range(len(lives)), key=key))


# --- attribution ------------------------------------------------------------------------
# Which version wrote each character, as runs of (length, version): a paragraph is a few
# runs however long it is, and the word diffs cut and join runs, not characters.

Runs = list[tuple[int, int]]
_GAP = -1  # the space joining the paragraphs of a split or merge: nobody's word


class _Cursor:
    """Reads runs left to right: `take` the next n characters' runs, or `skip` them."""

    def __init__(self, runs: Runs) -> None:
        self.runs, self.i, self.off = runs, 0, 0

    def take(self, n: int) -> Runs:
        out: Runs = []
        while n > 0 and self.i < len(self.runs):
            length, version = self.runs[self.i]
            got = min(n, length - self.off)
            out.append((got, version))
            n -= got
            self.off += got
            if self.off == length:
                self.i, self.off = self.i + 1, 0
        if n > 0:
            raise AssertionError("word diff longer than the text it diffs")
        return out

    def skip(self, n: int) -> None:
        self.take(n)

    def done(self) -> bool:
        return self.i == len(self.runs)


def _append(out: Runs, runs: Runs) -> None:
    for length, version in runs:
        if out and out[-1][1] == version:
            out[-1] = (out[-1][0] + length, version)
        elif length:
            out.append((length, version))


def _joined(origins: dict[str, Runs], ids: Sequence[str]) -> Runs:
    out: Runs = []
    for n, pid in enumerate(ids):
        if n:
            _append(out, [(1, _GAP)])
        _append(out, origins[pid])
    return out


def _carry(k: int, change: Change, old: Runs) -> Runs:
    """The versions of the new side's characters, carried through the change's word diff."""
    cursor = _Cursor(old)
    new: Runs = []
    for op, text in change.diff:
        if op == "=":
            _append(new, cursor.take(len(text)))
        elif op == "-":
            cursor.skip(len(text))
        else:
            _append(new, [(len(text), k)])
    if not cursor.done():
        raise AssertionError(f"word diff does not rebuild {change.old} -> {change.new}")
    return new


def _attribution(
    docs: Sequence[Document], comparisons: Sequence[Comparison]
) -> tuple[Attribution, ...]:
    origins: dict[str, Runs] = {p.id: [(len(p.text), 0)] for p in docs[0].paragraphs}
    for k, cmp in enumerate(comparisons, start=1):
        texts_new = {p.id: p.text for p in docs[k].paragraphs}
        carried: dict[str, Runs] = {}
        for change in cmp.changes:
            if not change.new:
                continue
            cursor = _Cursor(_carry(k, change, _joined(origins, change.old)))
            for n, pid in enumerate(change.new):
                if n:
                    cursor.skip(1)
                carried[pid] = []
                _append(carried[pid], cursor.take(len(texts_new[pid])))
            if not cursor.done():
                raise AssertionError(f"word diff does not rebuild {change.new}")
        origins = carried
    n = len(docs)
    return tuple(_runs(p.id, p.text, origins[p.id], n) for p in docs[-1].paragraphs)


def word_versions(text: str, runs: Runs) -> list[tuple[str, int | None]]:
    """Each token of `text` with the version that wrote it (the latest of its characters);
    None for whitespace, which belongs to no version."""
    cursor = _Cursor(runs)
    out: list[tuple[str, int | None]] = []
    for token in tokenize(text):
        taken = cursor.take(len(token))
        out.append((token, max(v for _, v in taken) if token.strip() else None))
    return out


def _runs(pid: str, text: str, origins: Runs, versions: int) -> Attribution:
    """Consecutive tokens of one version as one run; whitespace joins the run before it."""
    words = [0] * versions
    if len(origins) == 1:  # one version wrote it all (most paragraphs): no cutting
        only = max(origins[0][1], 0)
        words[only] = sum(1 for t in tokenize(text) if any(c.isalnum() for c in t))
        return Attribution(pid, ((only, text),), tuple(words))
    order: list[int] = []
    texts: list[str] = []
    for token, version in word_versions(text, origins):
        if version is not None and any(c.isalnum() for c in token):
            words[version] += 1
        if version is None or (order and order[-1] == version):
            if texts:
                texts[-1] += token
                continue
            version = 0 if version is None else version
        order.append(version)
        texts.append(token)
    return Attribution(pid, tuple(zip(order, texts, strict=True)), tuple(words))
