"""`search` as one self-contained HTML page: the spread over sessions, then each tier's
hits with the matched words in ``<mark>``.

Document text is escaped here with markupsafe, piece by piece around the marks; the
template (autoescaped) escapes everything else. Each hit links to its document:
``link_base`` + document id where a server serves the corpus (``/corpus/`` in
`resdiff serve`), else the official copy of the symbol (undocs.org) for a page
written by the command line. No script, no outside resources, same bytes for the
same result.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from diffcore.corpus.search_results import SearchHit, SearchResult

from .html_view import environment, stylesheet
from .reuse_html import OFFICIAL_URL, percent

__all__ = ["DEFAULT_LINK_BASE", "hit_url", "marked", "render"]

DEFAULT_LINK_BASE = "/corpus/"


@dataclass(frozen=True)
class HitView:
    hit: SearchHit
    url: str | None
    text: Markup
    score: str


@dataclass(frozen=True)
class TierView:
    key: str
    title: str
    total: int
    hits: tuple[HitView, ...]


def marked(text: str, spans: tuple[tuple[int, int], ...]) -> Markup:
    """`text`, escaped, with each span in ``<mark>``."""
    out, pos = Markup(""), 0
    for start, end in spans:
        out += escape(text[pos:start]) + Markup("<mark>") + escape(text[start:end])
        out += Markup("</mark>")
        pos = end
    return out + escape(text[pos:])


def hit_url(hit: SearchHit, link_base: str | None) -> str | None:
    """Where a hit's document is: under `link_base` by id, else its official copy."""
    if link_base is not None:
        return f"{link_base}{hit.doc_id}"
    if hit.symbol:
        from urllib.parse import quote

        return OFFICIAL_URL + quote(hit.symbol.strip(), safe="/")
    return None


def render(result: SearchResult, link_base: str | None = None) -> str:
    """The page; `link_base` (such as ``/corpus/``) links hits to a server's document pages."""
    tiers = tuple(
        TierView(
            key,
            title,
            total,
            tuple(
                HitView(
                    h,
                    hit_url(h, link_base),
                    marked(h.text, h.spans),
                    "verbatim" if h.tier == "verbatim" else percent(h.score),
                )
                for h in hits
            ),
        )
        for key, title, hits, total in (
            ("verbatim", "Verbatim", result.verbatim, result.verbatim_total),
            ("near-verbatim", "Near-verbatim", result.near, result.near_total),
            ("related", "Related", result.related, result.related_total),
        )
    )
    query = result.query
    filters = [
        f"{name} {value}"
        for name, value in (
            ("session", query.session),
            ("since", query.since),
            ("body", query.body),
            ("kind", query.kind),
            ("language", query.language),
        )
        if value is not None
    ]
    template = environment().get_template("search.html.j2")
    return template.render(
        result=result,
        tiers=tiers,
        filters=filters,
        threshold=percent(result.threshold),
        css=stylesheet("search.css"),
    )
