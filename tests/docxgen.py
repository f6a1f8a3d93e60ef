"""A small DOCX writer for tests: raw OOXML in a zip, no python-docx.

`build_docx(blocks)` writes paragraphs (`Para`) and tables (`Table`) whose content is a
sequence of pieces: plain text (`str`), tracked insertions and deletions (`Ins`, `Del`),
footnotes (`Note`, numbered or with a custom mark), comments (`Comment`) and raw run XML
(`Raw`). Paragraphs may be auto-numbered (`num=(numId, ilvl)`) through the list
definitions below, carry a style, or have a tracked paragraph mark.

List definitions (abstractNum ids):

* 1 (`OUTLINE`): level 0 decimal "%1.", level 1 lowerLetter "(%2)", level 2 lowerRoman
  "(%3)" -- the shape of UN operative paragraphs;
* 2 (`LEGAL`): level 0 decimal "%1.", level 1 decimal "%1.%2";
* 3 (`BULLETS`): bullets.

`ListDef(num_id, abstract, starts)` is one `w:num`, with `w:startOverride` per level in
`starts`. The paragraph style "UNNumbered" is numbered through `styled_num`.

`document_to_docx(doc)` turns a `Document` read from a real text into a DOCX the way an
editor would have typed it: header lines from the metadata, operative paragraphs
auto-numbered (one list per part, no literal "1."), footnote references where the markers
stood.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

from diffcore.metadata import MONTHS
from diffcore.model import Document, Metadata, Paragraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OUTLINE, LEGAL, BULLETS = 1, 2, 3
DATE = "2024-01-01T00:00:00Z"

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Ins:
    """Text inserted with tracked changes on."""

    text: str


@dataclass(frozen=True)
class Del:
    """Text deleted with tracked changes on."""

    text: str


@dataclass(frozen=True)
class Note:
    """A footnote reference; `mark` for a custom mark ("*"), else Word numbers it."""

    text: str
    mark: str | None = None


@dataclass(frozen=True)
class Comment:
    """A comment `text` anchored on `anchor` (which is document text)."""

    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Raw:
    """Raw XML placed in the paragraph as it stands (runs, fields, ...)."""

    xml: str


Piece = str | Ins | Del | Note | Comment | Raw


@dataclass
class Para:
    content: Sequence[Piece] = ()
    num: tuple[int | None, int] | None = None  # (numId, ilvl); numId None: ilvl only
    style: str | None = None
    mark: Literal["ins", "del"] | None = None  # a tracked paragraph mark
    # The numbering before a tracked formatting change (w:pPrChange); "same": no change.
    old_num: tuple[int | None, int] | Literal["same"] | None = "same"


@dataclass
class Table:
    rows: Sequence[Sequence[Sequence[Para]]]  # rows of cells of paragraphs


Block = Para | Table


@dataclass
class ListDef:
    num_id: int
    abstract: int = OUTLINE
    starts: dict[int, int] = field(default_factory=dict)


def t(text: str) -> str:
    return _INVALID_XML.sub("", text)


class _Writer:
    def __init__(self) -> None:
        self.notes: list[str] = []
        self.comments: list[str] = []
        self.change_id = 100

    def _cid(self) -> int:
        self.change_id += 1
        return self.change_id

    def _attrs(self) -> str:
        return f'w:id="{self._cid()}" w:author="tester" w:date="{DATE}"'

    def run(self, text: str, tag: str = "t") -> str:
        return f'<w:r><w:{tag} xml:space="preserve">{escape(t(text))}</w:{tag}></w:r>'

    def piece(self, piece: Piece) -> str:
        if isinstance(piece, str):
            return self.run(piece) if piece else ""
        if isinstance(piece, Ins):
            return f"<w:ins {self._attrs()}>{self.run(piece.text)}</w:ins>"
        if isinstance(piece, Del):
            return f"<w:del {self._attrs()}>{self.run(piece.text, 'delText')}</w:del>"
        if isinstance(piece, Note):
            nid = len(self.notes) + 1
            style = '<w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
            if piece.mark is None:
                body = f"<w:r>{style}<w:footnoteRef/></w:r>"
                ref = f'<w:r>{style}<w:footnoteReference w:id="{nid}"/></w:r>'
            else:
                mark = escape(t(piece.mark))
                body = f"<w:r>{style}<w:t>{mark}</w:t></w:r>"
                ref = (
                    f'<w:r>{style}<w:footnoteReference w:customMarkFollows="1" w:id="{nid}"/>'
                    f"<w:t>{mark}</w:t></w:r>"
                )
            self.notes.append(
                f'<w:footnote w:id="{nid}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                f"{body}{self.run(' ' + piece.text)}</w:p></w:footnote>"
            )
            return ref
        if isinstance(piece, Comment):
            cid = len(self.comments)
            self.comments.append(
                f'<w:comment w:id="{cid}" w:author="reviewer" w:date="{DATE}" w:initials="R">'
                f"<w:p><w:r><w:annotationRef/></w:r>{self.run(piece.text)}</w:p></w:comment>"
            )
            return (
                f'<w:commentRangeStart w:id="{cid}"/>{self.run(piece.anchor)}'
                f'<w:commentRangeEnd w:id="{cid}"/>'
                f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                f'<w:commentReference w:id="{cid}"/></w:r>'
            )
        return piece.xml

    def num_pr(self, num: tuple[int | None, int] | None) -> str:
        if num is None:
            return ""
        num_id = "" if num[0] is None else f'<w:numId w:val="{num[0]}"/>'
        return f'<w:numPr><w:ilvl w:val="{num[1]}"/>{num_id}</w:numPr>'

    def para(self, p: Para) -> str:
        ppr = ""
        if p.style:
            ppr += f'<w:pStyle w:val="{escape(p.style)}"/>'
        ppr += self.num_pr(p.num)
        if p.mark is not None:
            ppr += f"<w:rPr><w:{p.mark} {self._attrs()}/></w:rPr>"
        if p.old_num != "same":
            old = f'<w:pStyle w:val="{escape(p.style)}"/>' if p.style else ""
            old += self.num_pr(p.old_num)
            ppr += f"<w:pPrChange {self._attrs()}><w:pPr>{old}</w:pPr></w:pPrChange>"
        body = "".join(self.piece(x) for x in p.content)
        return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{body}</w:p>"

    def block(self, b: Block) -> str:
        if isinstance(b, Para):
            return self.para(b)
        rows = []
        for row in b.rows:
            cells = "".join(
                '<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>'
                + ("".join(self.para(p) for p in cell) or "<w:p/>")
                + "</w:tc>"
                for cell in row
            )
            rows.append(f"<w:tr>{cells}</w:tr>")
        return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>{"".join(rows)}</w:tbl>'


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val={quoteattr(text)}/><w:lvlJc w:val="left"/></w:lvl>'
    )


def numbering_xml(lists: Iterable[ListDef]) -> str:
    outline = "".join(
        [
            _lvl(0, "decimal", "%1."),
            _lvl(1, "lowerLetter", "(%2)"),
            _lvl(2, "lowerRoman", "(%3)"),
        ]
    )
    legal = _lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "%1.%2")
    bullets = _lvl(0, "bullet", "\u2022") + _lvl(1, "bullet", "o")
    nums = []
    for ld in lists:
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for lvl, start in sorted(ld.starts.items())
        )
        nums.append(
            f'<w:num w:numId="{ld.num_id}"><w:abstractNumId w:val="{ld.abstract}"/>'
            f"{overrides}</w:num>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">'
        f'<w:abstractNum w:abstractNumId="{OUTLINE}"><w:multiLevelType w:val="multilevel"/>'
        f"{outline}</w:abstractNum>"
        f'<w:abstractNum w:abstractNumId="{LEGAL}">{legal}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="{BULLETS}">{bullets}</w:abstractNum>'
        f"{''.join(nums)}</w:numbering>"
    )


def styles_xml(styled_num: int | None) -> str:
    num = (
        f'<w:pPr><w:numPr><w:numId w:val="{styled_num}"/></w:numPr></w:pPr>'
        if styled_num is not None
        else ""
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "</w:style>"
        '<w:style w:type="paragraph" w:styleId="UNNumbered"><w:name w:val="UN Numbered"/>'
        f'<w:basedOn w:val="Normal"/>{num}</w:style>'
        '<w:style w:type="paragraph" w:styleId="UNNumberedChild"><w:name w:val="UN child"/>'
        '<w:basedOn w:val="UNNumbered"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
        "</w:style>"
        '<w:style w:type="character" w:styleId="FootnoteReference">'
        '<w:name w:val="footnote reference"/></w:style>'
        "</w:styles>"
    )


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '<Override PartName="/word/comments.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/'
    'vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}footnotes" Target="footnotes.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}comments" Target="comments.xml"/>'
    "</Relationships>"
)
# A title in the core properties that must never become the document's title.
CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
    'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:title>CORE PROPERTIES TITLE</dc:title><dc:creator>someone</dc:creator>"
    "</cp:coreProperties>"
)


def build_docx(
    blocks: Sequence[Block],
    *,
    lists: Sequence[ListDef] = (ListDef(1),),
    styled_num: int | None = None,
    document_xml: str | None = None,
    extra: dict[str, bytes] | None = None,
    omit: Iterable[str] = (),
) -> bytes:
    """A DOCX holding `blocks`; `document_xml` replaces the generated body part."""
    writer = _Writer()
    body = "".join(writer.block(b) for b in blocks)
    document = document_xml or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body></w:document>'
    )
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        f"{''.join(writer.notes)}</w:footnotes>"
    )
    comments = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W_NS}">'
        f"{''.join(writer.comments)}</w:comments>"
    )
    members: dict[str, bytes] = {
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": ROOT_RELS.encode(),
        "docProps/core.xml": CORE.encode(),
        "word/_rels/document.xml.rels": DOC_RELS.encode(),
        "word/document.xml": document.encode("utf-8"),
        "word/styles.xml": styles_xml(styled_num).encode(),
        "word/numbering.xml": numbering_xml(lists).encode(),
        "word/footnotes.xml": footnotes.encode("utf-8"),
        "word/comments.xml": comments.encode("utf-8"),
    }
    members.update(extra or {})
    for name in omit:
        members.pop(name, None)
    return zip_members(members)


def zip_members(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, compression)
    return buf.getvalue()


# --------------------------------------------------------------------------- from a Document

_UNITS = (
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
)
_TENS = {
    2: "twent",
    3: "thirt",
    4: "fort",
    5: "fift",
    6: "sixt",
    7: "sevent",
    8: "eight",
    9: "ninet",
}


def ordinal_words(n: int) -> str:
    """72 -> "Seventy-second"."""
    if n < 20:
        word = _UNITS[n]
    elif n % 10 == 0:
        word = _TENS[n // 10] + "ieth"
    else:
        word = _TENS[n // 10] + "y-" + _UNITS[n % 10]
    return word[:1].upper() + word[1:]


def long_date(iso: str) -> str:
    year, month, day = (int(x) for x in iso.split("-"))
    return f"{day} {list(MONTHS)[month - 1]} {year}"


def header_lines(meta: Metadata) -> list[str]:
    """Header lines a UN document prints, from what its metadata says.

    The agenda title is left out: in a PDF it shares a block with "Agenda item N", but in
    a Word file it is a paragraph of its own, which the header reader takes for the title.
    """
    lines: list[str] = []
    if meta.symbol:
        lines.append(meta.symbol)
    lines.append("General Assembly")
    if meta.issued_on:
        lines.append(long_date(meta.issued_on))
    if meta.job_number:
        lines.append(f"{meta.job_number} (E)")
    if meta.session:
        lines.append(f"{ordinal_words(meta.session)} session")
    if meta.committee and not meta.report_symbol:
        lines.append(meta.committee)
    if meta.agenda_items:
        items = list(meta.agenda_items)
        text = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
        lines.append(f"Agenda item{'s' if len(items) > 1 else ''} {text}")
    if meta.doc_type == "resolution" and meta.adopted_on:
        lines.append(f"Resolution adopted by the General Assembly on {long_date(meta.adopted_on)}")
    if meta.report_symbol and meta.committee:
        lines.append(f"[on the report of the {meta.committee} ({meta.report_symbol})]")
    if meta.draft_symbol:
        lines.append(f"[without reference to a Main Committee ({meta.draft_symbol})]")
    if meta.sponsors:
        what = "amendments to draft resolution A/…" if meta.doc_type == "amendment" else ""
        lines.append(f"{meta.sponsors}: {what or 'draft resolution'}")
    if meta.title:
        number = meta.resolution_number if meta.doc_type == "resolution" else None
        lines.append(f"{number}. {meta.title}" if number else meta.title)
    return lines


def with_notes(p: Paragraph, notes: dict[str, str]) -> list[Piece]:
    """The paragraph's text with a footnote reference where each marker stood."""
    pieces: list[Piece] = []
    prev = 0
    for marker, offset in zip(p.footnote_refs, p.footnote_offsets, strict=True):
        if offset > prev:
            pieces.append(p.text[prev:offset])
        pieces.append(Note(notes[marker], None if marker.isdigit() else marker))
        prev = offset
    if prev < len(p.text):
        pieces.append(p.text[prev:])
    return pieces


_ROMAN_HEAD = re.compile(r"^(?:[IVXLC]+|[A-Z])$")
_SUB_LETTER = re.compile(r"^(\d+)\(([a-z]{1,2})\)$")
_SUB_ROMAN = re.compile(r"^(\d+\([a-z]{1,2}\))\(([ivxlc]+)\)$")


def letter_label(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def roman_label(n: int) -> str:
    out = ""
    for value, sym in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += sym
            n -= value
    return out


def heading_text(p: Paragraph) -> str:
    if not p.number or p.text == p.number:
        return p.text
    if _ROMAN_HEAD.match(p.number):
        return f"{p.number}. {p.text}"
    return f"{p.number} {p.text}"  # "Article 5 Title"


def literal_label(number: str) -> str:
    """The label as typed for a sub-paragraph that is not auto-numbered: "(a)", "1."."""
    m = re.search(r"\(([^()]*)\)$", number)
    inner = m.group(1) if m else number
    return f"{inner}." if inner.isdigit() else f"({inner})"


def document_to_docx(doc: Document) -> bytes:
    """`doc` as a Word file typed by an editor, with auto-numbered operative paragraphs.

    Footnotes no paragraph cites get a custom-mark reference on the symbol line where
    they have a non-numeric mark ("*" on the sponsors' note); a numbered footnote no
    paragraph cites has no place in the text and is refused (ValueError).
    """
    notes = {fn.marker: fn.text for fn in doc.footnotes}
    cited = {m for p in doc.paragraphs for m in p.footnote_refs}
    loose = [fn for fn in doc.footnotes if fn.marker not in cited]
    if any(fn.marker.isdigit() for fn in loose):
        raise ValueError(f"{doc.label}: numbered footnotes cited by no paragraph")
    blocks: list[Block] = []
    header = header_lines(doc.metadata)
    if loose and not doc.metadata.symbol:
        raise ValueError(f"{doc.label}: footnotes cited by no paragraph and no symbol line")
    for i, line in enumerate(header):
        content: list[Piece] = [line]
        if i == 0 and loose:
            content += [Note(fn.text, fn.marker) for fn in loose]
        blocks.append(Para(content))

    lists: list[ListDef] = []
    part: tuple[str, str | None] | None = None
    num_id = 0
    next_op = 0
    op_number: str | None = None  # the last auto-numbered operative paragraph
    next_letter = 1
    letter_number: str | None = None  # the last auto-numbered lettered sub-paragraph
    next_roman = 1
    for p in doc.paragraphs:
        pieces = with_notes(p, notes)
        if p.kind == "operative" and p.number and p.number.isdigit():
            n = int(p.number)
            if (p.part, p.part_label) != part or n != next_op:
                part = (p.part, p.part_label)
                num_id = len(lists) + 1
                # Word's "Restart numbering" / "Set numbering value": a new instance
                # of the same list definition that overrides where it starts.
                lists.append(ListDef(num_id, OUTLINE, {0: n}))
            blocks.append(Para(pieces, num=(num_id, 0)))
            next_op, op_number = n + 1, p.number
            next_letter, letter_number, next_roman = 1, None, 1
            continue
        if p.kind == "subparagraph" and p.number:
            m = _SUB_LETTER.match(p.number)
            if m and m.group(1) == op_number and m.group(2) == letter_label(next_letter):
                blocks.append(Para(pieces, num=(num_id, 1)))
                next_letter, letter_number, next_roman = next_letter + 1, p.number, 1
                continue
            m = _SUB_ROMAN.match(p.number)
            if m and m.group(1) == letter_number and m.group(2) == roman_label(next_roman):
                blocks.append(Para(pieces, num=(num_id, 2)))
                next_roman += 1
                continue
            blocks.append(Para([literal_label(p.number) + " ", *pieces]))
            continue
        if p.kind == "heading":
            label = heading_text(p)
            blocks.append(Para([label[: len(label) - len(p.text)], *pieces]))
            continue
        blocks.append(Para(pieces))
    meta = doc.metadata
    if meta.meeting:
        blocks.append(Para([meta.meeting]))
        if meta.adopted_on:
            blocks.append(Para([long_date(meta.adopted_on)]))
    return build_docx(blocks, lists=lists or [ListDef(1)])
