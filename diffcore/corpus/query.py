"""`reuse`, `trace` and `series`: reading the corpus index back as answers.

A paragraph's precedents are the paragraphs of documents from earlier sessions that
share its words: verbatim copies (same text hash), and the verified links of its
text's representative, each expanded to every stored copy of the linked text. Only
the best precedent per source document is kept.

Which precedent is "closest": the most similar one; among precedents within
``AFFINITY_BAND`` of each other, the one in the document this document draws most
paragraphs from, then an adopted resolution over a draft, then the most recent.
Without that preference a stock paragraph copied verbatim into forty resolutions
would be attributed to whichever came last, instead of to the resolution's own
predecessor.
"""

from __future__ import annotations

import heapq
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..align import compare
from ..api import load
from ..labels import Labeler
from ..model import Document, Paragraph
from ..source import DEFAULT_MAX_SIZE
from ..worddiff import Segment, word_diff
from .detect import find_links, partial_run, probes_of
from .ingest import content_hash
from .language import language_of
from .results import (
    KINDS,
    DocRef,
    ParagraphReuse,
    Precedent,
    ReuseKind,
    ReuseReport,
    Series,
    SeriesStep,
    SourceShare,
    Trace,
    TraceStep,
)
from .shingles import text_hash_in, text_ids
from .store import (
    CorpusError,
    CorpusStore,
    DocumentInfo,
    select_in,
    session_of,
    title_key,
)
from .thresholds import NEAR_VERBATIM

__all__ = ["NEAR_VERBATIM", "Target", "resolve", "reuse", "series", "trace"]

AFFINITY_BAND = 0.02
MAX_PRECEDENTS = 50


@dataclass(frozen=True)
class Target:
    """The document a query is about: stored (with `info`) or read from a file."""

    document: Document
    info: DocumentInfo | None
    ref: DocRef

    @property
    def language(self) -> str:
        """The language its paragraphs are compared in: only with paragraphs of it."""
        return self.info.language if self.info is not None else language_of(self.document)


def _ref_of(info: DocumentInfo) -> DocRef:
    return DocRef(
        info.id, info.symbol, info.label, info.session, info.date, info.title, info.doc_type
    )


def stored_target(store: CorpusStore, info: DocumentInfo) -> Target:
    """A stored document as a query target, as `resolve` gives it for its "#id"."""
    return Target(store.load_document(info.id), info, _ref_of(info))


def resolve(store: CorpusStore, spec: str, max_size: int = DEFAULT_MAX_SIZE) -> Target:
    """A file path (stored or not), or a symbol / "#id" / "SYMBOL@version" in the corpus."""
    if os.path.exists(spec) or spec == "-":
        doc = load(spec, max_size=max_size)
        info = store.by_content(content_hash(doc))
        if info is not None:
            return Target(doc, info, _ref_of(info))
        meta = doc.metadata
        label = meta.symbol or os.path.basename(spec)
        ref = DocRef(
            None,
            meta.symbol,
            label,
            session_of(meta),
            meta.adopted_on or meta.issued_on,
            meta.title,
            meta.doc_type,
        )
        return Target(doc, None, ref)
    found = store.find(spec)
    if found is None:
        raise CorpusError(f"{spec}: no such file, and no document with that symbol in {store.path}")
    return stored_target(store, found)


def _is_earlier(src: DocumentInfo, target: Target) -> bool:
    if target.info is not None and src.id == target.info.id:
        return False
    if src.language != target.language:
        return False
    if target.ref.symbol and src.symbol == target.ref.symbol:
        return False
    if target.ref.session is not None and src.session is not None:
        return src.session < target.ref.session
    if target.ref.date and src.date:
        return src.date < target.ref.date
    # A text with no session or date (a paste, a bare draft) is checked against the
    # whole corpus rather than against nothing.
    return target.ref.session is None and not target.ref.date


@dataclass(frozen=True)
class _Hit:
    paragraph: int
    document: int
    kind: ReuseKind
    similarity: float
    matched: int
    run: int


def _classify(similarity: float, run: int, min_similarity: float, min_run: int) -> ReuseKind | None:
    if similarity >= min_similarity:
        return "near-verbatim"
    if run >= min_run:
        return "partial"
    return None


def _hits(
    store: CorpusStore,
    target: Target,
    id_lists: Sequence[list[int]],
    min_similarity: float,
) -> list[list[_Hit]]:
    """For each paragraph of the target (as word ids), its precedents in earlier documents."""
    language = target.language
    hashes = [text_hash_in(ids, language) if ids else None for ids in id_lists]
    groups: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pid, doc, h in select_in(
        store.conn,
        "SELECT id, document, text_hash FROM paragraphs WHERE text_hash IN ({marks})",
        [h for h in hashes if h is not None],
    ):
        groups[h].append((pid, doc))
    # Links of each stored text's representative, and new texts looked up afresh.
    reps = {h: min(members)[0] for h, members in groups.items()}
    by_rep: dict[int, list[tuple[int, float, int, int]]] = defaultdict(list)
    rep_ids = set(reps.values())
    for a, b, sim, matched, run in select_in(
        store.conn,
        "SELECT a, b, similarity, matched, run FROM links WHERE a IN ({marks})"
        " UNION ALL SELECT a, b, similarity, matched, run FROM links WHERE b IN ({marks})",
        list(reps.values()),
    ):
        if a in rep_ids:
            by_rep[a].append((b, sim, matched, run))
        if b in rep_ids:
            by_rep[b].append((a, sim, matched, run))
    # Only texts the corpus does not hold need index keys and a lookup: a stored text's
    # links are stored.
    fresh: dict[int, list[tuple[int, float, int, int]]] = defaultdict(list)
    unheld = [
        ids if h is not None and h not in groups else []
        for ids, h in zip(id_lists, hashes, strict=True)
    ]
    if any(unheld):
        probes = probes_of(unheld, language)[1]
        for link in find_links(store, probes, language=language):
            fresh[link.probe].append((link.other, link.similarity, link.matched, link.run))
    # Expand each linked representative to every stored copy of its text.
    others = {o for links in (*by_rep.values(), *fresh.values()) for o, *_ in links}
    other_hash = {
        pid: h
        for pid, h in select_in(
            store.conn, "SELECT id, text_hash FROM paragraphs WHERE id IN ({marks})", others
        )
    }
    copies: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pid, doc, h in select_in(
        store.conn,
        "SELECT id, document, text_hash FROM paragraphs WHERE text_hash IN ({marks})",
        [h for h in other_hash.values() if h is not None],
    ):
        copies[h].append((pid, doc))
    min_run = partial_run(target.language)
    docs = store.documents()
    out: list[list[_Hit]] = []
    for index, th in enumerate(hashes):
        best: dict[int, _Hit] = {}

        def offer(hit: _Hit, best: dict[int, _Hit] = best) -> None:
            info = docs.get(hit.document)
            if info is None or not _is_earlier(info, target):
                return
            old = best.get(hit.document)
            if old is None or (KINDS.index(hit.kind), -hit.similarity) < (
                KINDS.index(old.kind),
                -old.similarity,
            ):
                best[hit.document] = hit

        if th is not None:
            n = len(id_lists[index])
            for pid, doc in groups.get(th, ()):
                offer(_Hit(pid, doc, "verbatim", 1.0, n, n))
            links = by_rep.get(reps[th], []) if th in reps else fresh.get(index, [])
            for other, score, shared, longest in links:
                kind = _classify(score, longest, min_similarity, min_run)
                if kind is None:
                    continue
                oh = other_hash.get(other)
                members = copies.get(oh, []) if oh is not None else []
                for pid, doc in members or [(other, -1)]:
                    offer(_Hit(pid, doc, kind, score, shared, longest))
        out.append(sorted(best.values(), key=lambda x: (docs[x.document].order, x.paragraph)))
    return out


def reuse(store: CorpusStore, target: Target, min_similarity: float = NEAR_VERBATIM) -> ReuseReport:
    """Every paragraph's precedents, the closest one with its word diff, and a summary."""
    language = target.language
    id_lists = [text_ids(p.text) for p in target.document.paragraphs]
    hits = _hits(store, target, id_lists, min_similarity)
    docs = store.documents()
    affinity: dict[int, int] = defaultdict(int)
    for found in hits:
        for doc in {hit.document for hit in found}:
            affinity[doc] += 1
    top = max(affinity.values(), default=1)

    def score(hit: _Hit) -> tuple[int, int, tuple[int, str], int, int]:
        info = docs[hit.document]
        return (
            round(hit.similarity / AFFINITY_BAND),
            affinity[hit.document] * 1000 // top,
            info.order,
            1 if info.doc_type == "resolution" else 0,
            -hit.paragraph,
        )

    plans: list[tuple[_Hit | None, list[_Hit]]] = []
    for found in hits:
        if not found:
            plans.append((None, []))
            continue
        if len(found) <= MAX_PRECEDENTS:
            plans.append((max(found, key=score), found))
            continue
        ranked = heapq.nlargest(MAX_PRECEDENTS - 2, found, key=score)
        chosen = {id(h) for h in ranked} | {id(found[0]), id(found[-1])}
        plans.append((ranked[0], [h for h in found if id(h) in chosen]))
    texts = store.paragraphs_by_id([h.paragraph for _, kept in plans for h in kept])
    target_labels = Labeler(target.document.paragraphs)

    def precedent(hit: _Hit) -> Precedent:
        row = texts[hit.paragraph]
        return Precedent(
            _ref_of(docs[hit.document]),
            row.pid,
            row.label,
            row.text,
            hit.kind,
            hit.similarity,
            hit.matched,
            hit.run,
        )

    paragraphs = []
    drawn: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for para, found, ids, (closest, kept) in zip(
        target.document.paragraphs, hits, id_lists, plans, strict=True
    ):
        n = len(ids)
        kind = min((h.kind for h in found), key=KINDS.index) if found else None
        reused = min(n, max((_reused(h) for h in found), default=0))
        diff: tuple[Segment, ...] = ()
        if closest is not None:
            drawn[closest.document][0] += 1
            drawn[closest.document][1] += reused
            old = texts[closest.paragraph].text
            diff = tuple(word_diff(old, para.text, lcs_only=True))
        paragraphs.append(
            ParagraphReuse(
                paragraph=para,
                label=target_labels(para.id),
                words=n,
                kind=kind,
                precedents=tuple(precedent(h) for h in kept),
                precedent_count=len(found),
                closest=precedent(closest) if closest else None,
                earliest=precedent(found[0]) if found else None,
                latest=precedent(found[-1]) if found else None,
                reused_words=reused,
                diff=diff,
            )
        )
    # Most paragraphs first, then most words, then the most recent (two stable sorts).
    newest_first = sorted(drawn, key=lambda d: (docs[d].order, d), reverse=True)
    by_share = sorted(newest_first, key=lambda d: (-drawn[d][0], -drawn[d][1]))
    sources = [SourceShare(_ref_of(docs[d]), *drawn[d]) for d in by_share]
    return ReuseReport(
        target.ref, min_similarity, tuple(paragraphs), tuple(sources), partial_run(language)
    )


def _reused(hit: _Hit) -> int:
    return hit.run if hit.kind == "partial" else hit.matched


# --- trace ---------------------------------------------------------------------------


def find_paragraph(doc: Document, spec: str) -> Paragraph:
    """A paragraph by id, label ("OP3", "PP2", "annex OP4") or printed number ("3", "11(a)")."""
    want = spec.strip()
    labeler = Labeler(doc.paragraphs)
    for para in doc.paragraphs:
        if para.id == want or labeler(para.id).casefold() == want.casefold():
            return para
    for para in doc.paragraphs:
        if para.number == want and para.part == "body":
            return para
    for para in doc.paragraphs:
        if para.number == want:
            return para
    raise CorpusError(
        f"{spec}: no such paragraph (use an id, a label like OP3 or PP2, or a number)"
    )


def trace(
    store: CorpusStore, target: Target, paragraph: str, min_similarity: float = NEAR_VERBATIM
) -> Trace:
    """The paragraph's closest precedent, then that one's, back as far as the corpus goes."""
    para = find_paragraph(target.document, paragraph)
    label = Labeler(target.document.paragraphs)(para.id)
    steps: list[TraceStep] = []
    seen: set[int] = set()
    current, text, kind, sim = target, para.text, None, None
    pid = para.id
    while True:
        report = reuse(store, current, min_similarity)
        entry = next(p for p in report.paragraphs if p.paragraph.id == pid)
        closest = entry.closest
        steps.append(
            TraceStep(current.ref, pid, label, text, kind, sim, entry.diff if closest else ())
        )
        if closest is None or closest.document.id is None or closest.document.id in seen:
            break
        seen.add(closest.document.id)
        info = store.documents()[closest.document.id]
        current = Target(store.load_document(info.id), info, _ref_of(info))
        pid, label, text = closest.paragraph, closest.label, closest.text
        kind, sim = closest.kind, closest.similarity
    return Trace(tuple(steps))


# --- series --------------------------------------------------------------------------


def _same_title(store: CorpusStore, key: str, language: str) -> list[DocumentInfo]:
    rows = store.conn.execute(
        "SELECT id FROM documents WHERE title_key=? AND language=?", (key, language)
    ).fetchall()
    docs = store.documents()
    return [docs[r[0]] for r in rows]


def _cited(store: CorpusStore, info: DocumentInfo) -> list[DocumentInfo]:
    symbols = [
        r[0] for r in store.conn.execute("SELECT symbol FROM refs WHERE document=?", (info.id,))
    ]
    found = [store.find(s, info.language) for s in symbols]
    return [
        f for f in found if f is not None and f.order < info.order and f.language == info.language
    ]


def _latest_versions(infos: Iterable[DocumentInfo]) -> list[DocumentInfo]:
    by_symbol: dict[str, DocumentInfo] = {}
    for info in infos:
        key = info.symbol or f"#{info.id}"
        if key not in by_symbol or info.version > by_symbol[key].version:
            by_symbol[key] = info
    return list(by_symbol.values())


def series(store: CorpusStore, target: Target) -> Series:
    """Resolutions with the target's title across sessions, reaching further back
    through the earlier resolution it cites ("Recalling its resolution 79/123") where
    the title changed; each step compared with the one before."""
    chain: dict[int, tuple[DocumentInfo, str]] = {}
    key = title_key(target.document.metadata.title)
    target_id = target.info.id if target.info else None

    def admit(infos: Iterable[DocumentInfo], relation: str) -> None:
        for info in _latest_versions(infos):
            if info.id == target_id or info.id in chain:
                continue
            if info.doc_type not in (None, "resolution"):
                continue
            if (
                target.ref.session is not None
                and info.session == target.ref.session
                and (target.ref.doc_type != "resolution")
            ):
                continue
            chain[info.id] = (info, relation)

    if key:
        admit(_same_title(store, key, target.language), "same title")
    # Back through citations: from the oldest member, the cited resolution it reuses most.
    frontier = min((i for i, _ in chain.values()), key=lambda i: i.order, default=target.info)
    while frontier is not None:
        cited = [c for c in _cited(store, frontier) if c.id not in chain]
        if not cited:
            break
        doc = Target(store.load_document(frontier.id), frontier, _ref_of(frontier))
        shares = {s.document.id: s.paragraphs for s in reuse(store, doc).sources}
        best = max(cited, key=lambda c: (shares.get(c.id, 0), c.order))
        if not shares.get(best.id):
            break
        admit([best], f"cited by {frontier.label}")
        best_key = title_key(best.title)
        if best_key and best_key != key:
            admit(
                (i for i in _same_title(store, best_key, target.language) if i.order < best.order),
                f"same title as {best.label}",
            )
        frontier = min((i for i, _ in chain.values()), key=lambda i: i.order)
        if frontier.id != best.id and frontier.order >= best.order:
            break
    members: list[tuple[Target, str]] = [
        (Target(store.load_document(i.id), i, _ref_of(i)), rel) for i, rel in chain.values()
    ]
    members.append((target, "this document"))
    members.sort(key=lambda m: m[0].info.order if m[0].info else _order_of(m[0]))
    steps = []
    previous: Document | None = None
    for member, relation in members:
        counts = None
        if previous is not None:
            summary = compare(previous, member.document).summary
            counts = {
                "new": summary.get("inserted", 0),
                "dropped": summary.get("deleted", 0),
                "modified": summary.get("modified", 0),
                "moved": summary.get("moved", 0),
                "split_or_merged": summary.get("split", 0) + summary.get("merged", 0),
                "unchanged": summary.get("equal", 0),
            }
        steps.append(SeriesStep(member.ref, relation, counts))
        previous = member.document
    return Series(target.ref, tuple(steps))


def series_documents(store: CorpusStore, target: Target) -> list[tuple[Document, str]]:
    """The documents of the target's series, oldest first, each with its relation (what
    `history --series` compares)."""
    out = []
    for step in series(store, target).steps:
        doc = target.document
        if step.document.id is not None and step.relation != "this document":
            doc = store.load_document(step.document.id)
        out.append((doc, step.relation))
    return out


def _order_of(target: Target) -> tuple[int, str]:
    session = target.ref.session
    return (session if session is not None else 10_000, target.ref.date or "")
