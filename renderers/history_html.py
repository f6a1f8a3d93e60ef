"""A history as one self-contained HTML page, in the look of the side-by-side report.

Each paragraph's life is a row with a column per version: the paragraph as that version
has it, with the word diff from the version before (<del>/<ins>), "unchanged" where it
did not change and a dash where the version lacks it. The last column is the last
version's text with each run of words marked by the version that wrote it (a
superscript version number and a shade, explained by the legend). Lives that never
changed fold away. Text is escaped here with markupsafe, the rest by the template's
autoescape; output is byte-identical for identical inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from diffcore.history import History, Life

from . import textdir
from .history_view import Labels, summary
from .html_view import COLLAPSE_MIN, doc_info, environment, pieces_html, side_pieces, stylesheet

SHADES = 8  # version shades cycle after this many (the superscript still names the version)


@dataclass(frozen=True)
class HCell:
    state: str  # "absent", "same", "changed", "first"
    attrs: Markup  # lang and dir of the version's text
    label: str
    what: str
    html: Markup


@dataclass
class HRow:
    anchor: str
    label: str
    since: str
    cells: list[HCell]
    blame: Markup
    changed: bool


@dataclass
class HBlock:
    rows: list[HRow] = field(default_factory=list)
    collapsed: bool = False


def _blame(history: History, labels: Labels) -> dict[str, Markup]:
    out: dict[str, Markup] = {}
    for attr in history.attribution:
        parts = []
        for k, text in attr.runs:
            title = f"{labels.version(k)}: {history.versions[k].label}"
            parts.append(
                Markup('<span class="by s{}" title="{}"><sup class="ver">{}</sup>{}</span>').format(
                    k % SHADES, title, k + 1, text
                )
            )
        out[attr.paragraph] = Markup("").join(parts)
    return out


def _cells(history: History, labels: Labels, life: Life) -> list[HCell]:
    by_to = {s.to: s for s in life.steps}
    cells = []
    for k, ids in enumerate(life.ids):
        step = by_to.get(k)
        doc = history.versions[k].document
        text = {p.id: p.text for p in doc.paragraphs}
        attrs = textdir.attrs(doc)
        if not ids:
            what = labels.step(step).what if step is not None else ""
            cells.append(HCell("absent", attrs, "", what, Markup("&mdash;")))
        elif k == life.appeared and (step is None or not step.change.old):
            html = Markup(" ").join(escape(text[i]) for i in ids)
            cells.append(HCell("first", attrs, labels.of(k, ids), "", html))
        elif step is not None and step.change.is_change:
            view = labels.step(step)
            pieces = [(op, t) for op, t in step.change.diff]
            html = (
                pieces_html(pieces) if step.change.new else pieces_html(side_pieces(pieces, "old"))
            )
            cells.append(HCell("changed", attrs, labels.of(k, ids), view.what, html))
        else:
            cells.append(HCell("same", attrs, labels.of(k, ids), "unchanged", Markup("")))
    return cells


def _blocks(history: History, labels: Labels) -> list[HBlock]:
    blame = _blame(history, labels)
    blocks: list[HBlock] = []
    run: list[HRow] = []

    def flush() -> None:
        if run:
            blocks.append(HBlock(list(run), collapsed=len(run) >= COLLAPSE_MIN))
            run.clear()

    for n, life in enumerate(history.lives, start=1):
        since = f"since {labels.version(life.appeared)}"
        if life.dropped is not None:
            since += f", dropped in {labels.version(life.dropped)}"
        row = HRow(
            anchor=f"l{n}",
            label=labels.life(life),
            since=since,
            cells=_cells(history, labels, life),
            blame=Markup(" ").join(blame[i] for i in life.final),
            changed=bool(life.events()),
        )
        if row.changed:
            flush()
            blocks.append(HBlock([row]))
        else:
            run.append(row)
    flush()
    return blocks


def render(history: History) -> str:
    labels = Labels(history)
    words = history.words_by_version()
    versions: list[dict[str, Any]] = [
        {"name": labels.version(k), "role": v.role, "words": words[k], **doc_info(v.document)}
        for k, v in enumerate(history.versions)
    ]
    last = history.versions[-1].document
    return (
        environment()
        .get_template("history.html.j2")
        .render(
            versions=versions,
            summary=summary(history),
            blocks=_blocks(history, labels),
            amendments=history.amendments,
            shades=SHADES,
            last_attrs=textdir.attrs(last),
            css=stylesheet() + stylesheet("history.css"),
        )
    )
