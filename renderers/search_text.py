"""`search` as plain text: the spread over sessions, then each tier's hits with the
matched words between guillemets (in bold with colour)."""

from __future__ import annotations

from collections.abc import Sequence

from diffcore.corpus.search_results import SearchHit, SearchResult

__all__ = ["mark", "render"]

BOLD, RESET = "\x1b[1m", "\x1b[0m"


def mark(text: str, spans: Sequence[tuple[int, int]], before: str, after: str) -> str:
    """`text` with each span wrapped in `before`/`after`."""
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out.extend((text[pos:start], before, text[start:end], after))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _where(hit: SearchHit) -> str:
    parts = [f"{hit.document} {hit.label}"]
    if hit.date:
        parts.append(hit.date)
    if hit.session is not None:
        parts.append(f"session {hit.session}")
    return ", ".join(parts)


def render(result: SearchResult, color: bool = False) -> str:
    before, after = (BOLD, RESET) if color else ("\u00ab", "\u00bb")
    lines = [
        f"search: {result.query.phrase}",
        f"{result.verbatim_total} verbatim, {result.near_total} near-verbatim "
        f"(similarity >= {result.threshold:.2f}), {result.related_total} related paragraphs",
    ]
    if result.sessions:
        lines.append("")
        lines.append("session  verbatim docs  near-verbatim docs")
        for s in result.sessions:
            name = str(s.session) if s.session is not None else "?"
            lines.append(f"{name:>7}  {s.verbatim_documents:>13}  {s.near_documents:>18}")
    for title, hits, total in (
        ("Verbatim", result.verbatim, result.verbatim_total),
        ("Near-verbatim", result.near, result.near_total),
        ("Related", result.related, result.related_total),
    ):
        if not hits:
            continue
        more = f" (first {len(hits)} of {total})" if total > len(hits) else ""
        lines.extend(("", f"{title}{more}"))
        for hit in hits:
            score = "" if hit.tier == "verbatim" else f"  [{hit.score:.2f}]"
            lines.append(f"  {_where(hit)}{score}")
            lines.append(f"    {mark(hit.text, hit.spans, before, after)}")
    return "\n".join(lines) + "\n"
