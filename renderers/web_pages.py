"""The web application's own pages (`resdiff serve`): forms, lists, result and errors.

Reports themselves (side-by-side, redline, reuse, history) are the other renderers'
pages, served unchanged; these pages only lead to them. They link one stylesheet
(`/static/web.css`) and carry no script, inline or not, so the server's CSP can forbid
both, and every form works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diffcore.labels import Labeler

from .classes import hidden_note, summary_line
from .html_view import TEMPLATES, environment

if TYPE_CHECKING:
    from diffcore.comparison import Comparison
    from diffcore.corpus.results import Series
    from diffcore.corpus.store import DocumentInfo
    from diffcore.model import Document

STYLESHEET = TEMPLATES / "web.css"


@dataclass(frozen=True)
class Nav:
    """What the header links to: search only once the server has it."""

    corpus: bool
    search: bool
    writes: bool


def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def _page(template: str, nav: Nav, **context: Any) -> str:
    return environment().get_template(template).render(nav=nav, **context)


def compare_form(nav: Nav, max_size: int) -> str:
    return _page("web_compare.html.j2", nav, max_mb=f"{max_size / 1048576:g} MB")


def result(nav: Nav, key: str, cmp: Comparison, old_label: str, new_label: str) -> str:
    return _page(
        "web_result.html.j2",
        nav,
        key=key,
        old=old_label,
        new=new_label,
        summary=summary_line(cmp),
        hidden=hidden_note(cmp),
        metadata=[m.field for m in cmp.metadata],
        counts=sorted((k, v) for k, v in cmp.summary.items() if v),
        changed=cmp.has_differences,
    )


def corpus_list(
    nav: Nav,
    docs: Sequence[DocumentInfo],
    total: int,
    filters: Mapping[str, str],
    choices: Mapping[str, Sequence[str]],
) -> str:
    return _page(
        "web_corpus.html.j2", nav, docs=docs, total=total, filters=filters, choices=choices
    )


def document(nav: Nav, info: DocumentInfo, doc: Document, versions: Sequence[DocumentInfo]) -> str:
    label = Labeler(doc.paragraphs)
    rows = [(label(p.id), p) for p in doc.paragraphs]
    meta = [(k, v) for k, v in doc.metadata.to_dict().items() if v not in (None, "", [], ())]
    return _page(
        "web_document.html.j2", nav, info=info, doc=doc, rows=rows, meta=meta, versions=versions
    )


def series(nav: Nav, info: DocumentInfo, chain: Series) -> str:
    return _page("web_series.html.j2", nav, info=info, chain=chain)


def search_form(nav: Nav, languages: Sequence[str]) -> str:
    return _page("web_search.html.j2", nav, languages=languages)


def add_form(nav: Nav, max_size: int, added: Sequence[tuple[str, DocumentInfo]] = ()) -> str:
    return _page("web_add.html.j2", nav, max_mb=f"{max_size / 1048576:g} MB", added=added)


def login(nav: Nav, message: str | None = None) -> str:
    return _page("web_login.html.j2", nav, message=message)


def error(nav: Nav, status: int, message: str) -> str:
    """One sentence, never a traceback."""
    return _page("web_error.html.j2", nav, status=status, message=sentence(message))


def sentence(message: str) -> str:
    """The message as a sentence; a leading file name or symbol keeps its case."""
    text = message.strip().rstrip(".") + "."
    first = text.split(" ", 1)[0]
    return text if any(c in first for c in "./") else text[:1].upper() + text[1:]
