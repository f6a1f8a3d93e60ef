"""From a `Comparison` to rows of HTML-safe cells, shared by the HTML outputs.

Text is escaped here, once, with markupsafe; templates only place the pieces. Split and
merge diffs run over the joined text of several paragraphs, so each side is cut back
into its paragraphs at their known lengths, and footnote markers are put back at their
offsets as superscripts.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from diffcore.classify import classified
from diffcore.comparison import Change, Comparison, Segment
from diffcore.model import Document, Paragraph

from . import textdir
from .classes import header_lines
from .labels import Labeler, group_label, show_value

Piece = tuple[str, str]  # ("=" | "-" | "+", text) on one side

TEMPLATES = Path(__file__).resolve().parent / "templates"
COLLAPSE_MIN = 3  # unchanged runs at least this long fold into a <details>
DASH = "\u2014"  # shown for a missing metadata value


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    """One environment a process: templates are compiled once, not per report."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


@functools.lru_cache(maxsize=4)
def stylesheet(name: str = "report.css") -> Markup:
    css = (TEMPLATES / name).read_text(encoding="utf-8")
    return Markup(css)


def side_pieces(segments: Sequence[Segment], side: str) -> list[Piece]:
    drop = "+" if side == "old" else "-"
    return [(op, text) for op, text in segments if op != drop]


def cut(pieces: list[Piece], lengths: Sequence[int]) -> list[list[Piece]]:
    """Split one side's pieces into paragraphs of the given lengths (joined by one space)."""
    out: list[list[Piece]] = [[] for _ in lengths]
    bounds: list[tuple[int, int]] = []
    pos = 0
    for n in lengths:
        bounds.append((pos, pos + n))
        pos += n + 1
    offset = 0
    for op, text in pieces:
        start, end = offset, offset + len(text)
        for k, (a, b) in enumerate(bounds):
            lo, hi = max(start, a), min(end, b)
            if lo < hi:
                out[k].append((op, text[lo - start : hi - start]))
        offset = end
    return out


def pieces_html(
    pieces: Sequence[Piece], markers: Sequence[tuple[int, str]] = (), fn_anchor: str = ""
) -> Markup:
    """Pieces as HTML: <del>/<ins> for changes, <sup> footnote markers at their offsets."""
    pending = sorted(markers)
    parts: list[str] = []
    pos = 0
    for op, text in pieces:
        chunks: list[str] = []
        start = pos
        cursor = 0
        while pending and pending[0][0] <= start + len(text):
            off, marker = pending.pop(0)
            cut_at = max(0, off - start)
            chunks.append(str(escape(text[cursor:cut_at])))
            chunks.append(_sup(marker, fn_anchor))
            cursor = cut_at
        chunks.append(str(escape(text[cursor:])))
        html = "".join(chunks)
        if op == "-":
            html = f"<del>{html}</del>"
        elif op == "+":
            html = f"<ins>{html}</ins>"
        parts.append(html)
        pos += len(text)
    for _off, marker in pending:
        parts.append(_sup(marker, fn_anchor))
    return Markup("".join(parts))


def _sup(marker: str, fn_anchor: str) -> str:
    m = escape(marker)
    if fn_anchor:
        return f'<sup class="fn"><a href="#{fn_anchor}-{m}">{m}</a></sup>'
    return f'<sup class="fn">{m}</sup>'


@dataclass
class Cell:
    label: str
    html: Markup
    anchor: str = ""


@dataclass
class Row:
    index: int  # position among change rows (for navigation), -1 for unchanged rows
    change: Change | None
    css: str
    note: Markup
    old: list[Cell] = field(default_factory=list)
    new: list[Cell] = field(default_factory=list)
    anchor: str = ""
    prev_anchor: str = ""
    next_anchor: str = ""


@dataclass
class Block:
    """Either one change row or a run of unchanged rows."""

    rows: list[Row]
    collapsed: bool = False


@dataclass
class View:
    cmp: Comparison
    blocks: list[Block]
    changes: list[Row]
    summary: dict[str, int]
    old_label: Labeler
    new_label: Labeler
    footnotes: list[dict[str, Any]]
    metadata: list[dict[str, Any]]
    # The class summary line, and what --hide left out where it did.
    classes: list[str] = field(default_factory=list)


def _markers(p: Paragraph, base: int = 0) -> list[tuple[int, str]]:
    return [(base + o, m) for m, o in zip(p.footnote_refs, p.footnote_offsets, strict=True)]


def _cells(
    doc: Document,
    ids: tuple[str, ...],
    segments: Sequence[Segment],
    side: str,
    labeler: Labeler,
    prefix: str,
) -> list[Cell]:
    paras = [doc.paragraph(i) for i in ids]
    if not paras:
        return []
    pieces = side_pieces(segments, side)
    if not pieces:
        pieces = [("=", " ".join(p.text for p in paras))]
    per_para = cut(pieces, [len(p.text) for p in paras]) if len(paras) > 1 else [pieces]
    return [
        Cell(labeler(p.id), pieces_html(chunk, _markers(p), f"{prefix}fn"), f"{prefix}-{p.id}")
        for p, chunk in zip(paras, per_para, strict=True)
    ]


def _note(c: Change, old_label: Labeler, new_label: Labeler) -> Markup:
    if c.op == "moved":
        src = group_label(old_label, c.old)
        return Markup('moved from <a href="#old-{}">{}</a>').format(c.old[0], src)
    if c.op == "split":
        return Markup("{} split into {}").format(
            group_label(old_label, c.old), group_label(new_label, c.new)
        )
    if c.op == "merged":
        return Markup("{} merged into {}").format(
            group_label(old_label, c.old), group_label(new_label, c.new)
        )
    if c.renumbered:
        return Markup("renumbered {} &rarr; {}").format(
            group_label(old_label, c.old), group_label(new_label, c.new)
        )
    return Markup("")


def build_view(cmp: Comparison) -> View:
    cmp = classified(cmp)
    old_label, new_label = Labeler(cmp.old.paragraphs), Labeler(cmp.new.paragraphs)
    rows: list[Row] = []
    change_rows: list[Row] = []
    for c in cmp.changes:
        if cmp.is_hidden(c):
            # A hidden class (--hide) reads as unchanged text on both sides.
            text = " ".join(cmp.new.paragraph(j).text for j in c.new)
            quiet = replace(
                c, op="equal", renumbered=False, footnotes_changed=False, diff=(("=", text),)
            )
            rows.append(
                Row(
                    index=-1,
                    change=quiet,
                    css="equal",
                    note=Markup(""),
                    old=_cells(cmp.old, c.old, (), "old", old_label, "old"),
                    new=_cells(cmp.new, c.new, (), "new", new_label, "new"),
                )
            )
            continue
        css = c.op if c.op != "equal" or not c.is_change else "modified"
        row = Row(
            index=-1,
            change=c,
            css=css,
            note=_note(c, old_label, new_label),
            old=_cells(cmp.old, c.old, c.diff, "old", old_label, "old"),
            new=_cells(cmp.new, c.new, c.diff, "new", new_label, "new"),
        )
        if c.op == "moved":
            for cell in row.old:
                cell.anchor = ""  # the stub at the old position carries the old anchor
        if c.is_change:
            row.index = len(change_rows)
            row.anchor = f"c{row.index + 1}"
            change_rows.append(row)
        rows.append(row)
    for k, row in enumerate(change_rows):
        row.prev_anchor = change_rows[k - 1].anchor if k else "changes"
        row.next_anchor = change_rows[k + 1].anchor if k + 1 < len(change_rows) else "changes"
    rows = _with_move_sources(cmp, rows, old_label, new_label)
    blocks: list[Block] = []
    run: list[Row] = []
    for row in rows:
        if row.index < 0 and row.css != "moved-away":
            run.append(row)
            continue
        if run:
            blocks.append(Block(run, collapsed=len(run) >= COLLAPSE_MIN))
            run = []
        blocks.append(Block([row]))
    if run:
        blocks.append(Block(run, collapsed=len(run) >= COLLAPSE_MIN))
    return View(
        cmp=cmp,
        blocks=blocks,
        changes=change_rows,
        summary=cmp.summary,
        old_label=old_label,
        new_label=new_label,
        footnotes=_footnotes(cmp),
        metadata=[
            {
                "field": m.field,
                "old": show_value(m.old, DASH),
                "new": show_value(m.new, DASH),
            }
            for m in cmp.metadata
        ],
        classes=header_lines(cmp),
    )


def _with_move_sources(
    cmp: Comparison, rows: list[Row], old_label: Labeler, new_label: Labeler
) -> list[Row]:
    """A stub at the old position of each moved paragraph, linking to where it went."""
    old_pos = {p.id: k for k, p in enumerate(cmp.old.paragraphs)}
    placed: list[tuple[int, Row]] = []
    for row in rows:
        c = row.change
        if c is None or c.op != "moved":
            continue
        target = row.anchor
        stub = Row(
            index=-1,
            change=None,
            css="moved-away",
            note=Markup('moved to <a href="#{}">{}</a>').format(
                target, group_label(new_label, c.new)
            ),
            old=[
                Cell(
                    old_label(c.old[0]),
                    Markup("<span class='gone'>{}</span>").format(cmp.old.paragraph(c.old[0]).text),
                    f"old-{c.old[0]}",
                )
            ],
            new=[],
        )
        placed.append((old_pos[c.old[0]], stub))
    if not placed:
        return rows
    out = list(rows)
    for pos, stub in sorted(placed, key=lambda x: x[0]):
        # After the row that holds the nearest earlier old paragraph still in order.
        at = 0
        for k, row in enumerate(out):
            c = row.change
            if c is not None and c.op != "moved" and any(old_pos[i] < pos for i in c.old):
                at = k + 1
        out.insert(at, stub)
    return out


def _footnotes(cmp: Comparison) -> list[dict[str, Any]]:
    out = []
    for f in cmp.footnotes:
        out.append(
            {
                "op": f.op,
                "old": list(f.old),
                "new": list(f.new),
                "renumbered": f.renumbered,
                "old_html": pieces_html(side_pieces(f.diff, "old")),
                "new_html": pieces_html(side_pieces(f.diff, "new")),
                "changed": (f.op != "equal" or f.renumbered) and f.cls not in cmp.hidden,
            }
        )
    return out


def doc_info(doc: Document) -> dict[str, Any]:
    m = doc.metadata
    return {
        "symbol": m.symbol or doc.source or "(document)",
        "title": m.title,
        "doc_type": m.doc_type,
        "adopted_on": m.adopted_on,
        "issued_on": m.issued_on,
        "sponsors": m.sponsors,
        "draft_symbol": m.draft_symbol,
        "meeting": m.meeting,
        "paragraphs": len(doc.paragraphs),
        "attrs": textdir.attrs(doc),  # lang and dir of the document's own text
    }


def render_report(template: str, cmp: Comparison, **extra: Any) -> str:
    """Render one of the report templates with the view and document headers."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        resdiff_version = version("resdiff")
    except PackageNotFoundError:
        resdiff_version = "dev"
    view = build_view(cmp)
    return (
        environment()
        .get_template(template)
        .render(
            view=view,
            old=doc_info(cmp.old),
            new=doc_info(cmp.new),
            css=stylesheet(),
            footnotes_changed=sum(1 for f in view.footnotes if f["changed"]),
            version=resdiff_version,
            grid_dir=textdir.grid_direction(cmp.old, cmp.new),
            **extra,
        )
    )
