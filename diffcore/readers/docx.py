"""Word documents (.docx): the zip container, the body text, numbering and footnotes.

A DOCX is untrusted input twice over: a zip archive (bombs, path tricks, encrypted or
legacy files) and XML parts (parsed only through `xmlsafe`). The container is checked
from its declared sizes before anything is inflated, and again while inflating.

What reaches `build_document` is what Word prints: each `w:p` (table cells included) is
one line, led by the label Word's automatic numbering prints ("1.", "(a)"), with the
number of each footnote anchored exactly where its reference stands, footnotes
numbered 1..N in order of first reference. Tracked changes are read in one of two
views: "accepted" (insertions in, deletions out) or "original" (the reverse). Comments,
field codes, bookmarks, hidden text and drawings are not text. Core properties
(`docProps/core.xml`) are never read: metadata comes from the text, as for every format.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ..errors import InputError
from ..footnotes import RawFootnote, anchor
from ..model import Document, Removal
from ..structure import Layout, Line, build_document
from ..textutil import normalize_chars
from ..xmlsafe import parse_xml

try:  # zipfile inflates LZMA members where the interpreter has the module
    import lzma

    _LZMA_ERRORS: tuple[type[Exception], ...] = (lzma.LZMAError,)
except ImportError:  # pragma: no cover - CPython builds without lzma
    _LZMA_ERRORS = ()

VIEWS = ("accepted", "original")

MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
# Below this size a member cannot hurt whatever its ratio (a few KB of repeated XML
# legitimately compresses beyond 100:1); the caps above still apply to it.
RATIO_MIN_BYTES = 64 * 1024
# A central directory entry takes at least 46 bytes: this bounds what zipfile builds in
# memory before the member count can be checked.
MAX_CENTRAL_DIRECTORY = 4 * 1024 * 1024
CHUNK = 64 * 1024

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"
DOCUMENT_PART = "word/document.xml"
NUMBERING_PART = "word/numbering.xml"
FOOTNOTES_PART = "word/footnotes.xml"
STYLES_PART = "word/styles.xml"

W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",  # transitional
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # strict
)
MATH_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
)
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MC_ALTERNATE = MC + "AlternateContent"
MC_FALLBACK = MC + "Fallback"

_ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
    ValueError,
    struct.error,
    *_LZMA_ERRORS,
)

# Inside a paragraph: elements that carry no text of their own, or text that is not
# printed (ruby annotations, comment anchors, proofing marks, properties).
_INLINE_SKIP = frozenset(
    [
        "pPr",
        "rPr",
        "sdtPr",
        "sdtEndPr",
        "customXmlPr",
        "smartTagPr",
        "bookmarkStart",
        "bookmarkEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "commentReference",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "permStart",
        "permEnd",
        "proofErr",
        "rt",
        "p",  # a paragraph inside a paragraph (text boxes): not running text
    ]
)
# Between paragraphs: properties, section breaks, markers, imported foreign content.
_BLOCK_SKIP = frozenset(
    [
        "sectPr",
        "tblPr",
        "tblGrid",
        "tblPrEx",
        "trPr",
        "tcPr",
        "sdtPr",
        "sdtEndPr",
        "customXmlPr",
        "bookmarkStart",
        "bookmarkEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "permStart",
        "permEnd",
        "proofErr",
        "altChunk",
    ]
)
_OFF = frozenset(["0", "false", "off"])
_INT_RE = re.compile(r"^\s*-?\d{1,9}\s*$")
_PLACEHOLDER = re.compile(r"%([1-9])")


def read(data: bytes, name: str, view: str = "accepted") -> Document:
    """A Word document (bytes of a .docx) as a `Document`.

    `view` is "accepted" (tracked changes accepted) or "original" (all rejected).
    Raises `InputError` with a one-line message for anything that is not a readable DOCX.
    """
    return build_document(read_layout(data, name, view), name)


def read_layout(data: bytes, name: str, view: str = "accepted") -> Layout:
    """What `read` hands to `build_document`: one line a paragraph, labels, footnotes."""
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, not {view!r}")
    parts = open_parts(data, name)
    doc_root = _parse(parts[DOCUMENT_PART], name, DOCUMENT_PART)
    ns = etree.QName(doc_root).namespace
    if ns not in W_NAMESPACES or etree.QName(doc_root).localname != "document":
        raise InputError(f"{name}: {DOCUMENT_PART} is not a WordprocessingML document")
    w = "{" + ns + "}"
    body = doc_root.find(w + "body")
    if body is None:
        raise InputError(f"{name}: {DOCUMENT_PART} has no body")
    styles = _Styles(_optional(parts, STYLES_PART, "styles", w, name), w)
    numbering = _Numbering(_optional(parts, NUMBERING_PART, "numbering", w, name), w, styles)
    notes = _footnotes(_optional(parts, FOOTNOTES_PART, "footnotes", w, name), w)
    reader = _BodyReader(w, view == "accepted", styles, numbering, notes, name)
    lines = reader.lines(body)
    if not any(ln.text.strip() for ln in lines):
        raise InputError(f"{name}: the document has no text")
    return Layout(
        lines=lines,
        footnotes=reader.footnotes,
        source_format="docx",
        wrapped=False,
        removed=reader.removed,
    )


# --------------------------------------------------------------------------- container


def open_parts(data: bytes, name: str) -> dict[str, bytes]:
    """The XML parts this reader uses, out of a zip checked for every known trick."""
    if not data:
        raise InputError(f"{name}: empty input")
    if data[:4] == OLE_SIGNATURE:
        raise InputError(
            f"{name}: an OLE compound file: an encrypted (password-protected) DOCX "
            "or a legacy .doc; save it as an unprotected .docx"
        )
    if data[:2] != b"PK":
        raise InputError(f"{name}: not a DOCX file (not a zip archive)")
    _check_end_record(data, name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _ZIP_ERRORS as exc:
        raise InputError(f"{name}: corrupt or truncated zip archive ({_one_line(exc)})") from exc
    with archive:
        by_name = _check_members(infos, name)
        if DOCUMENT_PART not in by_name:
            raise InputError(f"{name}: not a DOCX (the zip has no {DOCUMENT_PART})")
        parts: dict[str, bytes] = {}
        budget = [MAX_TOTAL_BYTES]
        for part in (DOCUMENT_PART, STYLES_PART, NUMBERING_PART, FOOTNOTES_PART):
            info = by_name.get(part)
            if info is not None:
                parts[part] = _read_member(archive, info, budget, name)
    return parts


def _check_end_record(data: bytes, name: str) -> None:
    """Refuse a central directory too large for a DOCX before zipfile loads it.

    The same records zipfile reads: the end of central directory record, and for
    zip64 the record just before its locator.
    """
    pos = data.rfind(b"PK\x05\x06", max(0, len(data) - (65535 + 22)))
    if pos < 0 or len(data) - pos < 22:
        return  # zipfile refuses it
    entries, cd_size = struct.unpack("<HL", data[pos + 10 : pos + 16])
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF:
        loc = pos - 20
        if loc - 56 >= 0 and data[loc : loc + 4] == b"PK\x06\x07":
            rec = data[loc - 56 : loc]
            if rec[:4] == b"PK\x06\x06":
                entries, cd_size = struct.unpack("<QQ", rec[32:48])
    if entries != 0xFFFF and entries > MAX_MEMBERS:
        raise InputError(f"{name}: zip has {entries} members, more than {MAX_MEMBERS}; refused")
    if cd_size != 0xFFFFFFFF and cd_size > MAX_CENTRAL_DIRECTORY:
        raise InputError(f"{name}: zip central directory of {cd_size} bytes; refused")


def _check_members(infos: list[zipfile.ZipInfo], name: str) -> dict[str, zipfile.ZipInfo]:
    """Member names and declared sizes; the members by (lower-case) part name."""
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"{name}: zip has {len(infos)} members, more than {MAX_MEMBERS}; refused")
    by_name: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        member = info.orig_filename
        if _unsafe_name(member) or _unsafe_name(info.filename):
            raise InputError(f"{name}: zip member with an unsafe path {member[:80]!r}; refused")
        key = info.filename.lower()  # OPC part names are case-insensitive
        if key in by_name:
            raise InputError(f"{name}: zip has two members named {member[:80]!r}; refused")
        by_name[key] = info
        if info.flag_bits & 0x1:
            raise InputError(f"{name}: zip member {member[:80]!r} is encrypted; refused")
        size, packed = info.file_size, info.compress_size
        if size >= RATIO_MIN_BYTES and size > MAX_RATIO * max(packed, 1):
            raise InputError(
                f"{name}: zip member {member[:80]!r} inflates {size // max(packed, 1)}:1, "
                f"over the {MAX_RATIO}:1 cap (zip bomb?); refused"
            )
        if size > MAX_MEMBER_BYTES:
            raise InputError(
                f"{name}: zip member {member[:80]!r} is {size} bytes uncompressed, "
                f"over the {MAX_MEMBER_BYTES}-byte cap; refused"
            )
        total += size
        if total > MAX_TOTAL_BYTES:
            raise InputError(
                f"{name}: zip inflates to more than {MAX_TOTAL_BYTES} bytes; refused (zip bomb?)"
            )
    return by_name


def _unsafe_name(member: str) -> bool:
    if not member or "\\" in member or "\x00" in member:
        return True
    if member.startswith("/") or re.match(r"^[A-Za-z]:", member):
        return True
    return any(part in ("..", ".") for part in member.split("/"))


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int], name: str
) -> bytes:
    """Inflate one member in chunks, never past its declared size or the caps."""
    member = info.filename[:80]
    cap = min(info.file_size, MAX_MEMBER_BYTES)
    chunks: list[bytes] = []
    got = 0
    try:
        with archive.open(info) as stream:
            while True:
                chunk = stream.read(CHUNK)
                if not chunk:
                    break
                got += len(chunk)
                budget[0] -= len(chunk)
                if got > cap:
                    raise InputError(
                        f"{name}: zip member {member!r} inflates past its declared size; refused"
                    )
                if got >= RATIO_MIN_BYTES and got > MAX_RATIO * max(info.compress_size, 1):
                    raise InputError(
                        f"{name}: zip member {member!r} inflates over the {MAX_RATIO}:1 cap "
                        "(zip bomb?); refused"
                    )
                if budget[0] < 0:
                    raise InputError(
                        f"{name}: zip inflates to more than {MAX_TOTAL_BYTES} bytes; refused"
                    )
                chunks.append(chunk)
    except _ZIP_ERRORS as exc:
        raise InputError(f"{name}: cannot inflate {member!r}: {_one_line(exc)}") from exc
    return b"".join(chunks)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__


# --------------------------------------------------------------------------- XML parts


def _parse(data: bytes, name: str, part: str) -> etree._Element:
    try:
        root = parse_xml(data, f"{name}:{part}")
    except InputError as exc:
        raise InputError(_one_line(exc)) from exc  # parser messages may span lines
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.system_url or info.public_id:
        # OOXML parts never have one; a DOCTYPE here is an attack, whatever it declares.
        raise InputError(f"{name}:{part}: XML has a DOCTYPE declaration; refused")
    return root


def _optional(
    parts: dict[str, bytes], part: str, root_name: str, w: str, name: str
) -> etree._Element | None:
    data = parts.get(part)
    if data is None:
        return None
    root = _parse(data, name, part)
    if root.tag != w + root_name:
        raise InputError(f"{name}: {part} is not a WordprocessingML {root_name} part")
    return root


def _int(value: str | None) -> int | None:
    if value is None or not _INT_RE.match(value):
        return None
    return int(value)


def _on(el: etree._Element | None, w: str) -> bool:
    """A toggle property (`<w:vanish/>`, `<w:vanish w:val="false"/>`) is set."""
    if el is None:
        return False
    val = el.get(w + "val")
    return val is None or val.lower() not in _OFF


def _val(parent: etree._Element | None, path: str, w: str) -> str | None:
    if parent is None:
        return None
    el = parent.find(path)
    return None if el is None else el.get(w + "val")


# --------------------------------------------------------------------------- styles


class _Styles:
    """Paragraph styles: the numbering each one carries, through `w:basedOn`."""

    def __init__(self, root: etree._Element | None, w: str) -> None:
        self.w = w
        self.based_on: dict[str, str] = {}
        self.num: dict[str, tuple[str | None, int | None]] = {}
        self.default: str | None = None
        if root is None:
            return
        for style in root.iter(w + "style"):
            if style.get(w + "type", "paragraph") != "paragraph":
                continue
            sid = style.get(w + "styleId")
            if not sid:
                continue
            if (style.get(w + "default") or "").lower() in ("1", "true", "on"):
                self.default = self.default or sid
            base = _val(style, w + "basedOn", w)
            if base:
                self.based_on[sid] = base
            num_pr = style.find(f"{w}pPr/{w}numPr")
            if num_pr is not None:
                self.num[sid] = (
                    _val(num_pr, w + "numId", w),
                    _int(_val(num_pr, w + "ilvl", w)),
                )

    def numbering(self, style: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, the style that carries the numId) for a paragraph style."""
        num_id: str | None = None
        ilvl: int | None = None
        carrier: str | None = None
        seen: set[str] = set()
        while style and style not in seen and len(seen) < 50:
            seen.add(style)
            s_num, s_ilvl = self.num.get(style, (None, None))
            if num_id is None and s_num is not None:
                num_id, carrier = s_num, style
            if ilvl is None and s_ilvl is not None:
                ilvl = s_ilvl
            style = self.based_on.get(style)
        return num_id, ilvl, carrier


# --------------------------------------------------------------------------- numbering


@dataclass
class _Level:
    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None
    legal: bool = False
    style: str | None = None


@dataclass
class _Num:
    abstract: str | None
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, _Level] = field(default_factory=dict)


def _level(el: etree._Element, w: str) -> _Level:
    start = _int(_val(el, w + "start", w))
    return _Level(
        start=start if start is not None and 0 <= start <= 1_000_000 else 0,
        fmt=_val(el, w + "numFmt", w) or "decimal",
        text=_val(el, w + "lvlText", w) or "",
        restart=_int(_val(el, w + "lvlRestart", w)),
        legal=_on(el.find(w + "isLgl"), w),
        style=_val(el, w + "pStyle", w),
    )


class _Numbering:
    """Automatic numbering: list definitions and the running counters of each list."""

    def __init__(self, root: etree._Element | None, w: str, styles: _Styles) -> None:
        self.w = w
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNum -> the style that defines it
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, dict[int, int]] = {}  # by abstract definition
        self._restarted: set[tuple[str, int]] = set()  # (numId, level) overrides applied
        self._resolved: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        if root is None:
            return
        for absn in root.iter(w + "abstractNum"):
            aid = absn.get(w + "abstractNumId")
            if aid is None:
                continue
            levels: dict[int, _Level] = {}
            for lvl in absn.iter(w + "lvl"):
                ilvl = _int(lvl.get(w + "ilvl"))
                if ilvl is not None and 0 <= ilvl <= 8:
                    levels[ilvl] = _level(lvl, w)
            self.abstract[aid] = levels
            link = _val(absn, w + "numStyleLink", w)
            if link:
                self.style_link[aid] = link
        for num in root.iter(w + "num"):
            nid = num.get(w + "numId")
            if nid is None:
                continue
            entry = _Num(_val(num, w + "abstractNumId", w))
            for ov in num.iter(w + "lvlOverride"):
                ilvl = _int(ov.get(w + "ilvl"))
                if ilvl is None or not 0 <= ilvl <= 8:
                    continue
                start = _int(_val(ov, w + "startOverride", w))
                if start is not None and 0 <= start <= 1_000_000:
                    entry.starts[ilvl] = start
                redefined = ov.find(w + "lvl")
                if redefined is not None:
                    entry.levels[ilvl] = _level(redefined, w)
            self.nums[nid] = entry

    def definition(self, num_id: str) -> tuple[str, dict[int, _Level], dict[int, int]]:
        """The list a list instance counts in (its abstractNum), its levels, its overrides."""
        if num_id in self._resolved:
            return self._resolved[num_id]
        key = "num:" + num_id  # an instance without a definition counts on its own
        levels: dict[int, _Level] = {}
        starts: dict[int, int] = {}
        num = self.nums.get(num_id)
        seen: set[str] = set()
        while num is not None and num.abstract is not None and num.abstract not in seen:
            seen.add(num.abstract)
            key = num.abstract
            link = self.style_link.get(num.abstract)
            # A list defined by a numbering style: follow the style to its own list.
            linked = self.styles.numbering(link)[0] if link is not None else None
            nxt = self.nums.get(linked) if linked is not None else None
            if nxt is None or len(seen) > 10:
                levels = dict(self.abstract.get(num.abstract, {}))
                break
            num = nxt
        direct = self.nums.get(num_id)
        if direct is not None:
            levels.update(direct.levels)
            starts.update(direct.starts)
        self._resolved[num_id] = (key, levels, starts)
        return self._resolved[num_id]

    def level_for_style(self, num_id: str, style: str) -> int | None:
        _key, levels, _starts = self.definition(num_id)
        return next((i for i, lvl in sorted(levels.items()) if lvl.style == style), None)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label Word prints for the next paragraph at this level; advances counters.

        As Word does: list instances (`w:num`) of one abstract definition share its
        counters, so a list goes on across instances; an instance's `w:startOverride`
        sets a level's counter the first time that instance is used at that level
        ("Restart numbering" in Word creates such an instance).
        """
        key, levels, starts = self.definition(num_id)
        lvl = levels.get(ilvl)
        if lvl is None:
            return None

        def start(i: int) -> int:
            if i in starts:
                return starts[i]
            return levels[i].start if i in levels else 0

        state = self.counters.setdefault(key, {})
        if ilvl in starts and (num_id, ilvl) not in self._restarted:
            self._restarted.add((num_id, ilvl))
            state[ilvl] = starts[ilvl]
        else:
            state[ilvl] = state[ilvl] + 1 if ilvl in state else start(ilvl)
        for deeper in [d for d in state if d > ilvl]:
            d_lvl = levels.get(deeper)
            limit = d_lvl.restart if d_lvl is not None and d_lvl.restart is not None else deeper
            if ilvl < limit:
                del state[deeper]
        if lvl.fmt == "bullet":
            return None

        def value(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            n = state.get(i, start(i))
            fmt = levels[i].fmt if i in levels else "decimal"
            if lvl.legal and fmt != "none":
                fmt = "decimal"
            return _format(n, fmt)

        return normalize_chars(_PLACEHOLDER.sub(value, lvl.text)).strip() or None


def _format(n: int, fmt: str) -> str:
    if fmt == "none" or fmt == "bullet":
        return ""
    if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 780:
        # Word goes on after "z" with "aa", "bb", ...
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n <= 3999:
        s = _roman(n)
        return s if fmt == "upperRoman" else s.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


_ROMAN_VALUES = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _roman(n: int) -> str:
    out = ""
    for value, sym in _ROMAN_VALUES:
        while n >= value:
            out += sym
            n -= value
    return out


# --------------------------------------------------------------------------- footnotes


def _footnotes(root: etree._Element | None, w: str) -> dict[str, etree._Element]:
    """Footnotes by id; separators and continuation notices are furniture, not notes."""
    notes: dict[str, etree._Element] = {}
    if root is None:
        return notes
    for note in root.iter(w + "footnote"):
        kind = note.get(w + "type")
        nid = note.get(w + "id")
        if nid is not None and kind in (None, "normal"):
            notes[nid] = note
    return notes


# --------------------------------------------------------------------------- body


class _BodyReader:
    """Walks the body in reading order in one view of the tracked changes."""

    def __init__(
        self,
        w: str,
        accepted: bool,
        styles: _Styles,
        numbering: _Numbering,
        notes: dict[str, etree._Element],
        name: str,
    ) -> None:
        self.w = w
        self.accepted = accepted
        self.styles = styles
        self.numbering = numbering
        self.notes = notes
        self.name = name
        self.footnotes: list[RawFootnote] = []
        self._markers: dict[str, str] = {}
        self._next_number = 1
        self._fields: list[bool] = []  # open complex fields: True while in the field code
        self._in_note = False
        # Hidden runs (<w:vanish/>) are not printed: their words are listed as removed.
        self.removed: list[Removal] = []
        self._math = tuple("{" + ns + "}" for ns in MATH_NAMESPACES)

    # ---- names

    def _name(self, tag: str) -> str | None:
        """The local name of a WordprocessingML element, None for other namespaces."""
        w = self.w
        return tag[len(w) :] if tag.startswith(w) else None

    def _skipped_change(self, name: str) -> bool:
        """Content of this tracked change is not in the current view."""
        if name in ("ins", "moveTo"):
            return not self.accepted
        if name in ("del", "moveFrom"):
            return self.accepted
        return False

    def _changed_mark(self, container: etree._Element | None) -> bool:
        """A tracked insertion/deletion in a properties element (paragraph mark, row, cell)
        that takes the element out of the current view."""
        if container is None:
            return False
        w = self.w
        drop = ("del", "moveFrom", "cellDel") if self.accepted else ("ins", "moveTo", "cellIns")
        return any(container.find(w + tag) is not None for tag in drop)

    # ---- block level

    def lines(self, body: etree._Element) -> list[Line]:
        w = self.w
        out: list[Line] = []
        pending: tuple[str, etree._Element | None] | None = None
        for p in self._paragraphs(body):
            ppr = p.find(w + "pPr")
            text = self._inline_text(p)
            props = self._view_props(ppr)
            if pending is not None:
                # The previous paragraph's mark is not in this view: one paragraph.
                before, before_props = pending
                if before.strip():
                    props = before_props
                text = before + text
                pending = None
            mark = ppr.find(w + "rPr") if ppr is not None else None
            if self._changed_mark(mark):
                pending = (text, props)
                continue
            out.extend(self._emit(text, props))
        if pending is not None:
            out.extend(self._emit(*pending))
        return out

    def _emit(self, text: str, props: etree._Element | None) -> list[Line]:
        label = self._label(props)
        text = normalize_chars(text)
        if label:
            text = f"{label} {text}" if text.strip() else label
        return [Line(text), Line("")]

    def _view_props(self, ppr: etree._Element | None) -> etree._Element | None:
        """Paragraph properties as they stand in this view (`w:pPrChange` holds the old)."""
        if ppr is None or self.accepted:
            return ppr
        change = ppr.find(self.w + "pPrChange")
        if change is None:
            return ppr
        return change.find(self.w + "pPr")

    def _label(self, ppr: etree._Element | None) -> str | None:
        w = self.w
        style = _val(ppr, w + "pStyle", w) or self.styles.default
        num_pr = ppr.find(w + "numPr") if ppr is not None else None
        d_num = _val(num_pr, w + "numId", w)
        d_ilvl = _int(_val(num_pr, w + "ilvl", w))
        s_num, s_ilvl, carrier = self.styles.numbering(style)
        num_id = d_num if d_num is not None else s_num
        if num_id is None or num_id.strip() in ("", "0"):
            return None
        ilvl = d_ilvl
        if ilvl is None and d_num is None and carrier is not None:
            ilvl = self.numbering.level_for_style(num_id, carrier)
        if ilvl is None:
            ilvl = s_ilvl if s_ilvl is not None else 0
        if not 0 <= ilvl <= 8:
            return None
        return self.numbering.label(num_id.strip(), ilvl)

    def _paragraphs(self, el: etree._Element) -> Iterator[etree._Element]:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == MC_ALTERNATE:
                fallback = child.find(MC_FALLBACK)
                if fallback is not None:
                    yield from self._paragraphs(fallback)
                continue
            name = self._name(tag)
            if name == "p":
                yield child
            elif not self._dropped_block(name, child):
                yield from self._paragraphs(child)

    def _dropped_block(self, name: str | None, el: etree._Element) -> bool:
        """Properties and markers, and rows, cells or blocks not in this view."""
        if name is None:
            return False
        if name in _BLOCK_SKIP or self._skipped_change(name):
            return True
        if name in ("tr", "tc"):
            return self._changed_mark(el.find(self.w + name + "Pr"))
        return False

    # ---- inline level

    def _inline_text(self, p: etree._Element) -> str:
        out: list[str] = []
        self._inline(p, out)
        return "".join(out)

    def _inline(self, el: etree._Element, out: list[str]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == MC_ALTERNATE:
                fallback = child.find(MC_FALLBACK)
                if fallback is not None:
                    self._inline(fallback, out)
                continue
            name = self._name(tag)
            if name is None:
                if tag.startswith(self._math) and tag.endswith("}t"):
                    if not self._in_field_code():
                        out.append(_text(child))
                else:
                    self._inline(child, out)  # math, w14 wrappers and the like
            elif name == "r":
                rpr = child.find(self.w + "rPr")
                hidden = rpr is not None and _on(rpr.find(self.w + "vanish"), self.w)
                self._run(child, out, hidden)
            elif name in _INLINE_SKIP or self._skipped_change(name):
                continue
            else:  # ins, del, hyperlink, smartTag, customXml, sdt, fldSimple, ruby, ...
                self._inline(child, out)

    def _in_field_code(self) -> bool:
        return bool(self._fields) and self._fields[-1]

    def _run(self, run: etree._Element, out: list[str], hidden: bool) -> None:
        w = self.w
        children = [c for c in run if isinstance(c.tag, str)]
        for i, child in enumerate(children):
            tag = child.tag
            if tag == MC_ALTERNATE:
                fallback = child.find(MC_FALLBACK)
                if fallback is not None:
                    self._run(fallback, out, hidden)
                continue
            name = self._name(tag)
            if name == "fldChar":
                kind = child.get(w + "fldCharType")
                if kind == "begin":
                    self._fields.append(True)
                elif kind == "separate" and self._fields:
                    self._fields[-1] = False
                elif kind == "end" and self._fields:
                    self._fields.pop()
                continue
            if hidden and name == "t" and not self._in_field_code() and _text(child).strip():
                self.removed.append(Removal(f"hidden text: {_text(child).strip()}", "markup"))
            if hidden or self._in_field_code():
                continue
            if name == "t" or (name == "delText" and not self.accepted):
                out.append(_text(child))
            elif name in ("tab", "ptab"):
                out.append("\t")
            elif name in ("br", "cr"):
                out.append(" ")
            elif name == "noBreakHyphen":
                out.append("-")
            elif name == "sym":
                out.append(_symbol(child.get(w + "char")))
            elif name == "footnoteReference" and not self._in_note:
                # An exact anchor: the builder places the marker here, no searching.
                out.append(anchor(self._footnote_ref(child, children[i + 1 :], run)))
            # softHyphen, instrText, delInstrText, commentReference, footnoteRef,
            # endnoteReference, separator, drawing, pict, object, lastRenderedPageBreak,
            # annotationRef: nothing printed in running text.

    def _footnote_ref(
        self, ref: etree._Element, rest: list[etree._Element], run: etree._Element
    ) -> str:
        """The marker printed for a footnote reference; registers the footnote."""
        w = self.w
        nid = ref.get(w + "id") or ""
        note = self.notes.get(nid)
        if note is None:
            raise InputError(f"{self.name}: footnote reference to a missing footnote (id {nid!r})")
        if (ref.get(w + "customMarkFollows") or "0").lower() in ("1", "true", "on"):
            # The mark is the text of the run that follows the reference (same run or next).
            # In a deleted run (original view) Word writes the mark as w:delText.
            tags = (w + "t", w + "delText") if not self.accepted else (w + "t",)
            mark = "".join(_text(c) for c in rest if c.tag in tags).strip()
            if not mark:
                nxt = run.getnext()
                while nxt is not None and not isinstance(nxt.tag, str):
                    nxt = nxt.getnext()
                if nxt is not None and nxt.tag == w + "r":
                    mark = "".join(_text(c) for c in nxt if c.tag in tags).strip()
            if nid not in self._markers:
                mark = mark or "*"
                self._markers[nid] = mark
                text = self._note_text(note)
                if text.startswith(mark):  # Word repeats the custom mark in the note
                    text = text[len(mark) :].lstrip()
                self.footnotes.append(RawFootnote(mark, text))
            return ""  # the mark itself is printed by the runs that follow
        if nid not in self._markers:
            marker = str(self._next_number)
            self._next_number += 1
            self._markers[nid] = marker
            self.footnotes.append(RawFootnote(marker, self._note_text(note)))
        return self._markers[nid]

    def _note_text(self, note: etree._Element) -> str:
        saved, self._fields, self._in_note = self._fields, [], True
        try:
            texts = [self._inline_text(p) for p in self._paragraphs(note)]
        finally:
            self._fields, self._in_note = saved, False
        return " ".join(" ".join(normalize_chars(t).split()) for t in texts if t.strip())


def _text(el: etree._Element) -> str:
    """Text of a `w:t`, leaving out any (unresolved) entity reference inside it."""
    parts = [el.text or ""]
    parts.extend(c.tail or "" for c in el)
    return "".join(parts)


def _symbol(code: str | None) -> str:
    """`w:sym`: a character by code; symbol-font glyphs (U+F000..) have no text value."""
    if not code or not re.fullmatch(r"[0-9A-Fa-f]{1,6}", code):
        return ""
    n = int(code, 16)
    if 0xF000 <= n <= 0xF0FF or n < 0x20 or n > 0x10FFFF or 0xD800 <= n <= 0xDFFF:
        return ""
    return chr(n)
