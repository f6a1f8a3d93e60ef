"""Plain-text answers to `reuse`, `trace` and `series`, for terminals and pipes."""

from __future__ import annotations

from diffcore.corpus.results import (
    DocRef,
    Precedent,
    ReuseReport,
    Series,
    Trace,
)

from .textmarkup import Style, inline

__all__ = ["render_reuse", "render_series", "render_trace"]


def _doc(ref: DocRef) -> str:
    when = ", ".join(
        x for x in (f"session {ref.session}" if ref.session else "", ref.date or "") if x
    )
    return f"{ref.label} ({when})" if when else ref.label


def _where(p: Precedent) -> str:
    return f"{p.document.label} {p.label}"


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def render_reuse(report: ReuseReport, *, color: bool = False, all_paragraphs: bool = True) -> str:
    style = Style(color)
    s = report.summary()
    lines = [style.header(f"Language reuse in {_doc(report.document)}")]
    if report.document.title:
        lines.append(report.document.title)
    lines.append(
        f"{s['reused_paragraphs']} of {s['paragraphs']} paragraphs reused "
        f"({_pct(s['reused_paragraph_share'])}): {s['verbatim']} verbatim, "
        f"{s['near-verbatim']} near-verbatim, {s['partial']} partial; "
        f"{s['new_paragraphs']} new."
    )
    lines.append(
        f"{s['reused_words']} of {s['words']} words reused ({_pct(s['reused_word_share'])}); "
        f"{s['new_words']} new. Near-verbatim: similarity >= {report.min_similarity:g}."
    )
    if report.sources:
        lines.append("")
        lines.append("Most drawn from (paragraphs whose closest source is there):")
        for share in report.sources[:10]:
            title = f"  {share.document.title}" if share.document.title else ""
            lines.append(
                f"  {share.paragraphs:4d} paragraphs  {share.words:6d} words  "
                f"{_doc(share.document)}{title}"
            )
    for entry in report.paragraphs:
        if not entry.words:
            continue
        lines.append("")
        if entry.closest is None:
            lines.append(style.header(f"{entry.label}  new"))
            lines.append(f"  {entry.paragraph.text}")
            continue
        c = entry.closest
        lines.append(
            style.header(
                f"{entry.label}  {entry.status}  closest: {_where(c)} "
                f"({c.kind}, similarity {c.similarity:.2f})"
            )
        )
        assert entry.earliest is not None and entry.latest is not None
        lines.append(
            f"  first used: {_where(entry.earliest)} ({entry.earliest.document.date or '?'}); "
            f"most recent: {_where(entry.latest)} ({entry.latest.document.date or '?'}); "
            f"{entry.precedent_count} earlier document"
            f"{'s' if entry.precedent_count != 1 else ''}"
        )
        lines.append(f"  {inline(entry.diff, style)}")
    return "\n".join(lines) + "\n"


def render_trace(trace: Trace, *, color: bool = False) -> str:
    style = Style(color)
    first = trace.steps[0]
    lines = [style.header(f"Lineage of {first.label} of {_doc(first.document)}")]
    for number, step in enumerate(trace.steps):
        lines.append("")
        how = (
            f"  {step.kind}, similarity {step.similarity:.2f} to the step above"
            if step.kind and step.similarity is not None
            else ""
        )
        lines.append(style.header(f"[{number}] {_doc(step.document)} {step.label}{how}"))
        if step.diff:
            lines.append(f"  changes from the next-older text: {inline(step.diff, style)}")
        else:
            lines.append(f"  {step.text}")
    if len(trace.steps) == 1:
        lines.append("")
        lines.append("No earlier occurrence in the corpus.")
    return "\n".join(lines) + "\n"


def render_series(series: Series, *, color: bool = False) -> str:
    style = Style(color)
    lines = [style.header(f"Series of {_doc(series.target)}")]
    if series.target.title:
        lines.append(series.target.title)
    for step in series.steps:
        lines.append("")
        lines.append(style.header(f"{_doc(step.document)}  [{step.relation}]"))
        if step.counts is None:
            lines.append("  first in the series")
            continue
        c = step.counts
        lines.append(
            f"  from the previous: {c['new']} new, {c['dropped']} dropped, "
            f"{c['modified']} modified, {c['moved']} moved, "
            f"{c['split_or_merged']} split or merged, {c['unchanged']} unchanged"
        )
    return "\n".join(lines) + "\n"
