"""Agreed-language search: where the corpus used a phrase, verbatim or nearly.

Three tiers, each found through the FTS5 index (``paragraphs_fts``, schema 5) and
confirmed on the paragraph's words (`phrase`), so the index only has to be a superset:

* verbatim: an FTS5 phrase query of the phrase's words (case, diacritics and
  punctuation folded by unicode61), confirmed as the same words in the same order in
  `reuse`'s sense (so "gender-responsive" is one word and "gender responsive" two);
* near-verbatim: a window of the paragraph whose similarity to the phrase,
  2*LCS/(|phrase| + max(|window|, |phrase|)) (`phrase.best_window`), reaches
  `NEAR_VERBATIM`. Such a window shares at least ``need`` of the phrase's words, so it
  holds a set of distinct phrase words whose occurrences in the phrase add up to
  ``need``, and all of some minimal such set: candidates are the paragraphs matching
  one FTS5 ``NEAR`` group a minimal set (or, where there are too many, any three of
  the rarest words that a window must hold three of), which no qualifying paragraph
  can miss;
* related: paragraphs holding most (more than half) of the phrase's content words
  anywhere, among the ``RELATED_POOL`` latest-added paragraphs holding two of them.

User text reaches FTS5 only inside double-quoted strings (quotes doubled), so
``"``, ``*``, ``NEAR``, ``-``, ``AND``, ``^`` or ``:`` in a phrase are words or
nothing, never operators. Phrases in Chinese (no spaces, so unicode61 would make a
clause one token) are matched by scanning the paragraphs of Han-script documents.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq
from rapidfuzz.process import cdist

from .. import lang
from ..lang.tokens import HAN, index_word_spans
from .phrase import (
    best_window,
    codes_of_words,
    contains_phrase,
    joined,
    max_window,
    min_common,
    phrase_pattern,
    words_pattern,
)
from .search_results import SearchError, SearchHit, SearchQuery, SearchResult, SessionCount, Tier
from .shingles import words
from .store import FTS_TABLE, CorpusStore, DocumentInfo
from .thresholds import NEAR_VERBATIM

__all__ = ["RELATED_POOL", "SearchError", "SearchQuery", "SearchResult", "search"]

RELATED_POOL = 500  # candidates examined for related paragraphs, the latest added first
MAX_GROUPS = 40  # NEAR groups of minimal word sets in one query (each costs a scan)
_TOKEN = re.compile(r"[^\W_]+")
_HAN = re.compile(f"[{HAN}]")


@dataclass(frozen=True)
class _Row:
    id: int
    document: int
    label: str
    text: str


@dataclass(frozen=True)
class _Found:
    tier: Tier
    score: float
    row: _Row
    shared: tuple[int, ...] = ()  # near-verbatim: the window's shared word positions


def search(store: CorpusStore, query: SearchQuery) -> SearchResult:
    """The paragraphs of the corpus that hold `query.phrase`, in three tiers, best first."""
    query.check()
    spans = index_word_spans(query.phrase)
    phrase_words = [w for w, _, _ in spans]
    if not phrase_words or not _TOKEN.search(query.phrase):
        raise SearchError("the search phrase has no words")
    surface = [query.phrase[s:e] for _, s, e in spans]
    docs = store.documents()
    threshold = NEAR_VERBATIM
    han = bool(_HAN.search(query.phrase))
    if han:
        rows = _han_rows(store, query)
        verbatim_rows, near_rows, related_rows = rows, rows, []
    else:
        # One query for both tiers: a row is read once, then its words decide.
        exact = _quote(" ".join(surface))
        near_match = _near_query(store, phrase_words, surface, threshold)
        match = exact if near_match is None else f"{exact} OR {near_match}"
        verbatim_rows = near_rows = _fts_rows(store, query, match)
        related_rows = _related_rows(store, query, phrase_words, surface)
    verbatim = _verbatim(verbatim_rows, phrase_words, han)
    seen = {f.row.id for f in verbatim}
    near = _near(near_rows, phrase_words, threshold, seen)
    seen.update(f.row.id for f in near)
    content = [] if han else _content_words(phrase_words, query)
    related = _related(related_rows, content, seen)
    return SearchResult(
        query=query,
        words=tuple(phrase_words),
        threshold=threshold,
        verbatim=_hits(verbatim, docs, query.limit, phrase_words, content),
        near=_hits(near, docs, query.limit, phrase_words, content),
        related=_hits(related, docs, query.limit, phrase_words, content),
        verbatim_total=len(verbatim),
        near_total=len(near),
        related_total=len(related),
        sessions=_sessions(verbatim, near, docs),
    )


# --- FTS5 queries -------------------------------------------------------------------------


def _quote(text: str) -> str:
    """An FTS5 string: the tokenizer reads it as a phrase, and nothing in it is syntax."""
    return '"' + text.replace('"', '""') + '"'


def _filters(query: SearchQuery) -> tuple[str, list[object]]:
    """SQL conditions on ``p`` (paragraphs) for the query's filters."""
    doc_conds: list[str] = []
    args: list[object] = []
    if query.session is not None:
        doc_conds.append("session = ?")
        args.append(query.session)
    if query.since is not None:
        doc_conds.append("date >= ?")
        args.append(query.since)
    if query.language is not None:
        doc_conds.append("language = ?")
        args.append(query.language.lower())
    if query.body is not None:
        doc_conds.append(
            "COALESCE(json_extract(metadata, '$.organ'), CASE WHEN symbol LIKE 'S/%' THEN 'SC'"
            " WHEN symbol LIKE 'A/%' THEN 'GA' END) = ?"
        )
        args.append(query.body)
    conds = []
    if doc_conds:
        conds.append(f"p.document IN (SELECT id FROM documents WHERE {' AND '.join(doc_conds)})")
    if query.kind is not None:
        prefix = "PP" if query.kind == "preambular" else "OP"
        conds.append("(p.kind = ? OR (p.kind = 'subparagraph' AND p.label LIKE ?))")
        args.extend([query.kind, prefix + "%"])
    return "".join(f" AND {c}" for c in conds), args


def _fts_rows(
    store: CorpusStore, query: SearchQuery, match: str | None, limit: int | None = None
) -> list[_Row]:
    if match is None:
        return []
    where, args = _filters(query)
    sql = (
        f"SELECT p.id, p.document, p.label, p.text FROM {FTS_TABLE} AS f"
        f" JOIN paragraphs AS p ON p.id = f.rowid WHERE {FTS_TABLE} MATCH ?{where}"
    )
    params: list[object] = [match, *args]
    if limit is not None:
        sql += " ORDER BY f.rowid DESC LIMIT ?"
        params.append(limit)
    try:
        return [_Row(*r) for r in store.conn.execute(sql, params)]
    except sqlite3.OperationalError as exc:  # a phrase the tokenizer leaves empty
        if "fts5" in str(exc):
            return []
        raise


def _han_rows(store: CorpusStore, query: SearchQuery) -> list[_Row]:
    """Every paragraph of the Han-script documents the filters allow (see module doc)."""
    where, args = _filters(query)
    codes = [code for code, spec in lang.LANGUAGES.items() if spec.script == "Han"]
    marks = ",".join("?" * len(codes))
    sql = (
        "SELECT p.id, p.document, p.label, p.text FROM paragraphs AS p WHERE p.document IN"
        f" (SELECT id FROM documents WHERE language IN ({marks})){where}"
    )
    return [_Row(*r) for r in store.conn.execute(sql, [*codes, *args])]


def _terms(word: str) -> list[str]:
    """The index terms of a word, as unicode61 with remove_diacritics folds them."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _TOKEN.findall(plain)


def _rarest(store: CorpusStore, distinct: Sequence[str], surface: dict[str, str]) -> list[str]:
    """The phrase's distinct words, rarest first (by their rarest index term)."""
    terms = {w: _terms(surface[w]) for w in distinct}
    counts: dict[str, int] = {}
    for term in sorted({t for ts in terms.values() for t in ts}):
        # One lookup a term: fts5vocab seeks on "term = ?", but scans for "term IN (...)".
        row = store.conn.execute(
            f"SELECT doc FROM {FTS_TABLE}_terms WHERE term = ?", (term,)
        ).fetchone()
        counts[term] = row[0] if row else 0
    rarity = {w: min((counts.get(t, 0) for t in ts), default=0) for w, ts in terms.items()}
    return sorted(distinct, key=lambda w: (rarity[w], distinct.index(w)))


def _near_query(
    store: CorpusStore, phrase_words: list[str], surface: list[str], threshold: float
) -> str | None:
    """An FTS5 query that every paragraph with a window near enough matches.

    A window sharing `need` words with the phrase holds a set of its distinct words
    whose occurrences in the phrase add up to `need`, so it holds all of some minimal
    such set, within the window: one NEAR group a minimal set. Where there are too many
    of those (long phrases of distinct words), any ``pick`` of the ``d - k + pick``
    rarest distinct words, ``k`` being the fewest distinct words a window can share.
    """
    n = len(phrase_words)
    forms: dict[str, str] = {}
    for word, form in zip(phrase_words, surface, strict=True):
        if _TOKEN.search(form):
            forms.setdefault(word, form)
    distinct = list(forms)
    if not distinct:
        return None
    need = min_common(n, threshold)
    # Terms between a group's first and last word: at most the window's other words, and
    # a word may be several terms ("A/RES/80/1"); two each is the allowance.
    gap = 2 * (max_window(n, threshold) - 1)
    groups = _minimal_sets(distinct, [phrase_words.count(w) for w in distinct], need)
    if groups is None:
        k = max(1, need - (n - len(distinct)))
        pick = min(k, 3)
        chosen = _rarest(store, distinct, forms)[: len(distinct) - k + pick]
        groups = [list(c) for c in itertools.combinations(chosen, pick)]
    return " OR ".join(
        _quote(forms[g[0]])
        if len(g) == 1
        else "NEAR(" + " ".join(_quote(forms[w]) for w in g) + f", {gap})"
        for g in groups
    )


def _minimal_sets(
    distinct: list[str], weights: list[int], need: int, most: int = MAX_GROUPS
) -> list[list[str]] | None:
    """The sets of words whose weights reach `need` and no smaller part of which does,
    or None when there are more than `most`. Depth first, heaviest words first, so a
    set is complete as soon as it reaches `need` and the listing stops at `most`."""
    order = sorted(range(len(distinct)), key=lambda i: (-weights[i], i))
    out: list[list[str]] = []

    def grow(start: int, members: list[int], total: int) -> bool:
        for at in range(start, len(order)):
            i = order[at]
            if total + weights[i] >= need:
                # Minimal: without its lightest member (this one, added last) it falls short.
                out.append([distinct[j] for j in sorted([*members, i])])
                if len(out) > most:
                    return False
            elif not grow(at + 1, [*members, i], total + weights[i]):
                return False
        return True

    return out if grow(0, [], 0) else None


def _content_words(phrase_words: list[str], query: SearchQuery) -> list[str]:
    code = query.language or lang.detect(query.phrase).code
    stop = lang.get(code).stopwords
    return [w for w in dict.fromkeys(phrase_words) if w not in stop and _TOKEN.search(w)]


def _related_rows(
    store: CorpusStore, query: SearchQuery, phrase_words: list[str], surface: list[str]
) -> list[_Row]:
    content = _content_words(phrase_words, query)
    if len(content) < 2:
        return []
    forms = dict(zip(phrase_words, surface, strict=True))
    need = len(content) // 2 + 1
    chosen = _rarest(store, content, forms)[: len(content) - need + 2]
    match = " OR ".join(
        f"({_quote(forms[a])} AND {_quote(forms[b])})" for a, b in itertools.combinations(chosen, 2)
    )
    return _fts_rows(store, query, match, RELATED_POOL)


# --- confirmation on the words --------------------------------------------------------------


def _verbatim(rows: Iterable[_Row], phrase_words: list[str], han: bool) -> list[_Found]:
    """Rows holding the phrase's words in order (`phrase.contains_phrase`)."""
    if han:
        return [
            _Found("verbatim", 1.0, row)
            for row in rows
            if contains_phrase(joined(row.text), phrase_words)
        ]
    pattern = phrase_pattern(phrase_words)
    return [_Found("verbatim", 1.0, row) for row in rows if pattern.search(row.text.casefold())]


def _near(
    rows: list[_Row], phrase_words: list[str], threshold: float, seen: set[int]
) -> list[_Found]:
    """Rows with a window at least `threshold` similar to the phrase (`phrase.best_window`).

    Each row is tokenized once; its words become codes, the phrase's as `codes_of_words`
    gives them and every other word one code the phrase lacks, so the LCS is unchanged.
    Cheap cuts come first: enough distinct phrase words, then enough of them within a
    window's reach, then enough in order (the paragraph's LCS bounds every window's).
    """
    codes = codes_of_words(phrase_words)
    rows = [r for r in rows if r.id not in seen]
    if not rows or not codes:
        return []
    n = len(phrase_words)
    need = min_common(n, threshold)
    reach = max_window(n, threshold)
    k = max(1, need - (n - len(set(phrase_words))))
    code_of = dict(zip(phrase_words, codes, strict=True))
    other = next(chr(c) for c in range(1, 64) if chr(c) not in code_of.values())
    kept, para_codes = [], []
    for row in rows:
        text_codes = "".join([code_of.get(w, other) for w in words(row.text)])
        spots = [i for i, c in enumerate(text_codes) if c != other]
        if len(spots) < need or len(set(text_codes)) - (other in text_codes) < k:
            continue
        if all(spots[i + need - 1] - spots[i] >= reach for i in range(len(spots) - need + 1)):
            continue
        kept.append(row)
        para_codes.append(text_codes)
    if not kept:
        return []
    common = cdist([codes], para_codes, scorer=LCSseq.similarity, score_cutoff=need, workers=1)
    found = []
    for row, text_codes, shared in zip(kept, para_codes, common[0].tolist(), strict=True):
        if shared < need:
            continue
        window = best_window(codes, text_codes, threshold)
        if window is not None:
            found.append(_Found("near-verbatim", window.similarity, row, window.shared))
    return found


def _related(rows: list[_Row], content: list[str], seen: set[int]) -> list[_Found]:
    """Rows holding more than half of the phrase's distinct content words."""
    if len(content) < 2:
        return []
    anyword = words_pattern(content)
    need = len(content) // 2 + 1
    found = []
    for row in rows:
        if row.id in seen:
            continue
        present = set(anyword.findall(row.text.casefold()))
        if len(present) >= need:
            found.append(_Found("related", round(len(present) / len(content), 4), row))
    return found


def _spans(
    found: _Found, phrase_words: list[str], content: set[str]
) -> tuple[tuple[int, int], ...]:
    """Character spans to mark: the phrase (verbatim), the window's shared words with
    adjacent ones joined (near-verbatim), the content words (related)."""
    spans = index_word_spans(found.row.text)
    if found.tier == "verbatim":
        n = len(phrase_words)
        para_words = [w for w, _, _ in spans]
        return tuple(
            (spans[i][1], spans[i + n - 1][2])
            for i in range(len(para_words) - n + 1)
            if para_words[i : i + n] == phrase_words
        )
    if found.tier == "related":
        return tuple((s, e) for w, s, e in spans if w in content)
    out: list[tuple[int, int]] = []
    last = -2
    for pos in found.shared:
        start, end = spans[pos][1], spans[pos][2]
        if out and pos == last + 1:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        last = pos
    return tuple(out)


# --- the answer -----------------------------------------------------------------------------


def _rank(found: list[_Found], docs: dict[int, DocumentInfo]) -> list[_Found]:
    """Closest first, then most recent (date, then session; undated last), then stable."""
    out = sorted(found, key=lambda f: (f.row.document, f.row.id))
    out.sort(key=lambda f: _recency(docs.get(f.row.document)), reverse=True)
    out.sort(key=lambda f: -f.score)
    return out


def _recency(info: DocumentInfo | None) -> tuple[str, int]:
    if info is None:
        return ("", 0)
    return (info.date or "", info.session or 0)


def _hits(
    found: list[_Found],
    docs: dict[int, DocumentInfo],
    limit: int,
    phrase_words: list[str],
    content: list[str],
) -> tuple[SearchHit, ...]:
    hits = []
    for f in _rank(found, docs)[:limit]:
        info = docs[f.row.document]
        hits.append(
            SearchHit(
                tier=f.tier,
                score=f.score,
                doc_id=info.id,
                symbol=info.symbol,
                document=info.label,
                label=f.row.label,
                date=info.date,
                session=info.session,
                language=info.language,
                paragraph_id=f.row.id,
                text=f.row.text,
                spans=_spans(f, phrase_words, set(content)),
            )
        )
    return tuple(hits)


def _sessions(
    verbatim: list[_Found], near: list[_Found], docs: dict[int, DocumentInfo]
) -> tuple[SessionCount, ...]:
    """Documents and paragraphs per session using the phrase, verbatim and nearly."""
    tally: dict[int | None, tuple[set[int], set[int], int, int]] = {}
    for tier, found in ((0, verbatim), (1, near)):
        for f in found:
            info = docs.get(f.row.document)
            session = info.session if info else None
            v_docs, n_docs, v_paras, n_paras = tally.get(session, (set(), set(), 0, 0))
            if tier == 0:
                v_docs.add(f.row.document)
                v_paras += 1
            else:
                n_docs.add(f.row.document)
                n_paras += 1
            tally[session] = (v_docs, n_docs, v_paras, n_paras)
    order = sorted(tally, key=lambda s: (s is None, s or 0))
    return tuple(
        SessionCount(s, len(tally[s][0]), len(tally[s][1]), tally[s][2], tally[s][3]) for s in order
    )
