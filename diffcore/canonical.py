"""resdiff's canonical text: one paragraph a line, diff-friendly, and readable back.

    resdiff-text/1
    symbol: A/RES/72/1
    ...
    == body ==
    [pp1]<TAB>PP<TAB>Recalling its resolution 64/293 ...
    [op11-a]<TAB>11(a)<TAB>We reaffirm our strong support[^1] ...
    == footnotes ==
    [^1]<TAB>Resolution 64/293.

Labels: a printed number ("1.", "11(a)"), or PP / OP (unnumbered operative) / ¶ (text)
/ # (heading, "#I" with its number). The id in brackets keeps paragraph identity
exact on a round trip; parents and kinds follow from number and id.
"""

from __future__ import annotations

import re

from .errors import InputError
from .model import Document, Footnote, Metadata, Paragraph, ParagraphKind

MAGIC = "resdiff-text/1"
_LIST_FIELDS = ("agenda_items",)
_INT_FIELDS = ("session",)
_PART_RE = re.compile(r"^== (body|annex)(?: (.+?))? ==$")
_MARK_RE = re.compile(r"\[\^([^\]\s]+)\]")


def paragraph_label(p: Paragraph) -> str:
    if p.kind == "preambular":
        return "PP"
    if p.kind == "heading":
        return "#" + (p.number or "")
    if p.kind == "text":
        return "\u00b6"
    if p.kind == "operative":
        return f"{p.number}." if p.number else "OP"
    return p.number or "(?)"


def _escape(text: str) -> str:
    """Literal "[^" in a paragraph must not read back as a footnote marker."""
    return text.replace("\\", "\\\\").replace("[^", "[\\^")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def with_markers(p: Paragraph) -> str:
    text = p.text
    out = ""
    prev = 0
    for marker, offset in zip(p.footnote_refs, p.footnote_offsets, strict=True):
        out += _escape(text[prev:offset]) + f"[^{marker}]"
        prev = offset
    return out + _escape(text[prev:])


def _escaped(body: str, pos: int) -> bool:
    """Is the character at pos preceded by an odd number of backslashes?"""
    n = 0
    while pos - n - 1 >= 0 and body[pos - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def parent_of(number: str | None, pid: str) -> str | None:
    """The parent a sub-paragraph gets in the structure builder, from number and id."""
    if number and number[0].isdigit() and "(" in number:
        return number[: number.rfind("(")]
    base = re.sub(r"~\d+$", "", pid)
    return base.rsplit("-", 1)[0] if "-" in base else None


def write(doc: Document) -> str:
    lines = [MAGIC]
    for key, value in doc.metadata.to_dict().items():
        if value in (None, [], ""):
            continue
        if isinstance(value, list):
            value = "; ".join(value)
        lines.append(f"{key}: {value}")
    current: tuple[str, str | None] | None = None
    for p in doc.paragraphs:
        part = (p.part, p.part_label)
        if part != current:
            lines.append(f"== {p.part}{' ' + p.part_label if p.part_label else ''} ==")
            current = part
        lines.append(f"[{p.id}]\t{paragraph_label(p)}\t{with_markers(p)}")
    if doc.footnotes:
        lines.append("== footnotes ==")
        lines.extend(f"[^{fn.marker}]\t{fn.text}" for fn in doc.footnotes)
    return "\n".join(lines) + "\n"


def is_canonical(text: str) -> bool:
    return text.lstrip("\ufeff").startswith(MAGIC)


def read(text: str, source: str | None = None) -> Document:
    lines = text.lstrip("\ufeff").split("\n")
    meta: dict[str, object] = {}
    paragraphs: list[Paragraph] = []
    footnotes: list[Footnote] = []
    part, part_label = "body", None
    section = "meta"
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        if line == "== footnotes ==":
            section = "footnotes"
            continue
        m = _PART_RE.match(line)
        if m:
            section = "body"
            part, part_label = m.group(1), m.group(2)
            continue
        if section == "meta":
            key, sep, value = line.partition(": ")
            if not sep:
                raise InputError(f"{source or '<text>'}:{n}: malformed metadata line")
            if key in _LIST_FIELDS:
                meta[key] = [v for v in value.split("; ") if v]
            elif key in _INT_FIELDS:
                meta[key] = int(value) if value.isdigit() else None
            else:
                meta[key] = value
        elif section == "footnotes":
            marker, _, body = line.partition("\t")
            footnotes.append(Footnote(marker.strip("[]^"), body))
        else:
            paragraphs.append(_read_paragraph(line, part, part_label, n, source))
    return Document(
        metadata=Metadata.from_dict(meta),
        paragraphs=tuple(paragraphs),
        footnotes=tuple(footnotes),
        source=source,
        source_format="resdiff-text",
    )


def _read_paragraph(
    line: str, part: str, part_label: str | None, n: int, source: str | None
) -> Paragraph:
    fields = line.split("\t", 2)
    if len(fields) != 3 or not (fields[0].startswith("[") and fields[0].endswith("]")):
        raise InputError(f"{source or '<text>'}:{n}: malformed paragraph line")
    pid, label, body = fields[0][1:-1], fields[1], fields[2]
    kind: ParagraphKind
    number: str | None = None
    if label == "PP":
        kind = "preambular"
    elif label == "OP":
        kind = "operative"
    elif label == "\u00b6":
        kind = "text"
    elif label.startswith("#"):
        kind, number = "heading", label[1:] or None
    elif label.endswith(".") and "(" not in label:
        kind, number = "operative", label[:-1]
    else:
        kind, number = "subparagraph", label
    refs: list[str] = []
    offsets: list[int] = []
    text = ""
    prev = 0
    for m in _MARK_RE.finditer(body):
        if _escaped(body, m.start()):
            continue
        text += _unescape(body[prev : m.start()])
        refs.append(m.group(1))
        offsets.append(len(text))
        prev = m.end()
    text += _unescape(body[prev:])
    return Paragraph(
        id=pid,
        kind=kind,
        text=text,
        number=number,
        parent=parent_of(number, pid) if kind == "subparagraph" else None,
        part=part,
        part_label=part_label,
        footnote_refs=tuple(refs),
        footnote_offsets=tuple(offsets),
    )
