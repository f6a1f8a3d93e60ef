"""A `Concordance` as text: one line per finding, grouped by version, then a verdict."""

from __future__ import annotations

from diffcore.concordance import Concordance, Finding


def _where(f: Finding) -> str:
    if f.reference_label and f.version_label and f.reference_label != f.version_label:
        return f"{f.reference_label} -> {f.version_label}"
    return f.reference_label or f.version_label or "document"


def _line(f: Finding) -> str:
    text = f"  {f.kind:<13} {_where(f)}: {f.detail}"
    if f.kind == "tokens":
        text += f" (reference only: {', '.join(f.expected) or '-'}; here only: "
        text += f"{', '.join(f.found) or '-'})"
    elif f.kind in ("missing", "extra") and (f.expected or f.found):
        text += f" (cites {', '.join(f.expected or f.found)})"
    if f.reference_suspect:
        text += " [every other version agrees: the reference may be at fault]"
    return text


def render(result: Concordance) -> str:
    ref = result.reference
    lines = [
        f"reference: {ref.name} ({ref.language or '?'}, {ref.symbol or 'no symbol'}, "
        f"{ref.paragraphs} paragraphs, {ref.footnotes} footnotes)"
    ]
    for version in result.versions:
        if version is ref:
            continue
        own = [f for f in result.findings if f.version == version.name]
        lines.append(
            f"{version.name} ({version.language or '?'}, {version.paragraphs} paragraphs, "
            f"{version.footnotes} footnotes): "
            + (f"{len(own)} findings" if own else "consistent with the reference")
        )
        lines.extend(_line(f) for f in own)
    counts = result.counts()
    verdict = (
        "consistent"
        if result.consistent
        else "inconsistent: " + ", ".join(f"{n} {k}" for k, n in counts.items())
    )
    lines.append(verdict)
    return "\n".join(lines) + "\n"
