"""Side-by-side HTML: the old version on the left, the new on the right, row by row."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from diffcore.comparison import Comparison

from .html_view import build_view, doc_info, environment, stylesheet


def resdiff_version() -> str:
    try:
        return version("resdiff")
    except PackageNotFoundError:
        return "dev"


def render(cmp: Comparison) -> str:
    view = build_view(cmp)
    template = environment().get_template("sidebyside.html.j2")
    return template.render(
        view=view,
        old=doc_info(cmp.old),
        new=doc_info(cmp.new),
        css=stylesheet(),
        footnotes_changed=sum(1 for f in view.footnotes if f["changed"]),
        version=resdiff_version(),
    )
