"""HTML pages: a resolution as published on a web site, or exported from a word processor.

The page is read like a browser lays it out: every block element (p, li, h1-h6,
blockquote, table cells, a div holding text of its own) is a line, and a line is one
paragraph (`wrapped=False`). Ordered lists print their labels ("1." honouring `start`,
`value`, `reversed` and `type`; a nested list prints "(a)"), so the structure builder
sees the same labels as in the printed document.

Not read: scripts, styles, templates, forms, hidden elements, site navigation (nav,
role=navigation, and header/footer/aside that look like menus or site footers), and
the page `<title>`, which names the web page rather than the resolution.

Footnotes come in the common shapes: a reference `<sup>3</sup>` or a link to the note
(`<a href="#fn3">`, class footnote-ref, `epub:type="noteref"`, `role="doc-noteref"`,
Word's `#_ftn3`), and the notes in a list or section (`role="doc-endnotes"`, class
footnotes, ids fn3 / footnote-3 / _ftn3). Note bodies become footnotes in their order,
without backlinks ("↩"); the notes never become paragraphs. A bare `<sup>3</sup>` is a
reference only where a note is numbered 3 and no link points to it (else it is text,
as in "km<sup>2</sup>").

The page says exactly where each reference stands, so its position is not guessed the
way the text-layer readers must (where "Agenda 21" can pass for a marker): each
reference goes into the line as a private-use character glued to the preceding word,
which the structure builder carries through untouched, and `_resolve` turns those
characters into `footnote_refs`/`footnote_offsets` afterwards.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import replace

from lxml import etree

from ..errors import InputError
from ..footnotes import RawFootnote
from ..model import Document, Footnote, Metadata, Paragraph, Removal
from ..source import decode_text
from ..structure import Layout, Line, build_document, to_roman
from ..textutil import normalize_chars
from ..xmlsafe import parse_html

SOURCE_FORMAT = "html"

# Block elements: each starts and ends a line.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# Never read, with everything inside them. Not "embed", "source", "track", "wbr" or
# "keygen": libxml2 does not know them as empty and nests what follows inside them.
SKIP_TAGS = frozenset(
    [
        "head",
        "title",
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "form",
        "iframe",
        "object",
        "svg",
        "math",
        "canvas",
        "button",
        "select",
        "textarea",
        "input",
        "option",
        "optgroup",
        "datalist",
        "audio",
        "video",
        "map",
        "area",
        "del",
        "frame",
        "frameset",
        "noframes",
    ]
)
NAV_ROLES = frozenset(["navigation", "menu", "menubar", "search"])
SITE_ROLES = NAV_ROLES | {"banner", "contentinfo"}
NAV_TOKENS = frozenset(
    [
        "nav",
        "navbar",
        "navigation",
        "navmenu",
        "menu",
        "menubar",
        "breadcrumb",
        "breadcrumbs",
        "footer",
        "skiplink",
    ]
)
SITE_WORDS = ("nav", "menu", "breadcrumb", "footer")

NOTES_ROLES = frozenset(["doc-endnotes", "doc-footnotes"])
NOTE_ROLES = frozenset(["doc-footnote", "doc-endnote"])
NOTES_EPUB = frozenset(["footnotes", "endnotes", "rearnotes"])
NOTE_EPUB = frozenset(["footnote", "endnote", "rearnote", "note"])
NOTES_CLASSES = frozenset(["footnotes", "endnotes"])  # a notes section, for certain
WEAK_NOTES_CLASSES = frozenset(["notes", "references", "footnote", "endnote"])
NOTE_ID_RE = re.compile(
    r"^(?:fn|footnote|foot|note|endnote|en|ftn|_ftn|edn|_edn|cite_note|sdfootnote)"
    r"[-_:.]?(?:[A-Za-z]*[-_:.]?)?(\d+)(?:[-_:.]?[A-Za-z]*)?$",
    re.I,
)
MARKER_RE = re.compile(r"^[\[(]?\s*(\d{1,3}|\*{1,3}|[†‡§¶#]{1,3}|[a-z])\s*[\])]?\.?$")
BARE_SUP_RE = re.compile(r"^[\[(]?(\d{1,3}|\*{1,3}|[†‡§¶]{1,3})[\])]?$")
BACKLINK_CHARS = re.compile("[\u21a9\u21aa\u2191\u2934\u21b5\ufe0e\ufe0f]")
_BR = "\x00"  # a <br> in the text buffer; never in parsed text (the parser replaces NUL)
# A footnote reference in running text: one private-use character per reference, so the
# structure builder carries it through untouched and each one names its own note.
_SENTINEL_BASE = 0xF0000
_SENTINELS = re.compile("[\U000f0000-\U000ffffd]")
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_META_CHARSET_TEXT = re.compile(
    r"""(<meta\b[^>]*?charset\s*=\s*["']?\s*)([A-Za-z0-9_.:-]+)""", re.I
)
_ENTITY_DECL = re.compile(r"<!\s*ENTITY|<!DOCTYPE[^>\[]*\[", re.I)
# An XML declaration, comments and a DOCTYPE may come first (XHTML); then an HTML element.
_HTML_START = re.compile(
    r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html\b[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:html|head|body|meta|title|main|article|section|div|p|h[1-6]|ol|ul|table)\b"
    r"|^<!doctype\s+html\b",
    re.S,
)


def sniff(data: bytes) -> bool:
    """Do these bytes start like an HTML page? (For format detection by content.)"""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return is_html(head.decode("utf-16", errors="ignore"))
    return is_html(head.decode("utf-8", errors="ignore"))


def is_html(text: str) -> bool:
    """Does this text look like an HTML page rather than XML or plain text?"""
    head = text.lstrip("\ufeff \t\r\n")[:4096].lower()
    return bool(_HTML_START.match(head))


# --------------------------------------------------------------------------- decoding


def decode(data: bytes, name: str) -> str:
    """The page as text: BOM, then `<meta charset>`, then UTF-8 (cp1252 for latin-1)."""
    if not data.strip():
        raise InputError(f"{name}: empty input")
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:8192]:
        return decode_text(data, name)  # BOMs and UTF-16; refuses binary data
    m = _META_CHARSET.search(data[:4096])
    if m:
        label = m.group(1).decode("ascii").lower()
        if label in ("iso-8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"):
            label = "windows-1252"  # as browsers do (WHATWG Encoding)
        try:
            codec = codecs.lookup(label).name
        except LookupError:
            codec = ""
        if codec and not codec.startswith(("utf-16", "utf-32", "utf_16", "utf_32", "utf-8")):
            return data.decode(codec, errors="replace")
    return decode_text(data, name)


def _markup(text: str) -> bytes:
    """ASCII bytes for the parser: non-ASCII as character references, charset neutral."""
    text = _META_CHARSET_TEXT.sub(lambda m: m.group(1) + "utf-8", text)
    return text.encode("ascii", "xmlcharrefreplace")


# --------------------------------------------------------------------------- helpers


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _tokens(value: str | None) -> set[str]:
    """Class or id words: "footnote-ref mainNav" -> {"footnote", "ref", "main", "nav"}."""
    if not value:
        return set()
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", value)
    return {t for t in re.split(r"[^a-z0-9]+", spaced.lower()) if t}


def _words(value: str | None) -> set[str]:
    """Space-separated values, lower-cased: role="doc-noteref", epub:type="noteref"."""
    return set((value or "").lower().split())


def _class_id_tokens(el: etree._Element) -> set[str]:
    return _tokens(el.get("class")) | _tokens(el.get("id"))


def _hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None:
        return True
    if (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = re.sub(r"\s+", "", (el.get("style") or "").lower())
    return "display:none" in style or "visibility:hidden" in style


def _is_site_furniture(el: etree._Element) -> bool:
    """Navigation, menus and site footers: not part of the document."""
    tag = _tag(el)
    if tag in ("html", "body", "main"):
        return False
    roles = _words(el.get("role"))
    if roles & NAV_ROLES:
        return True
    if tag in ("header", "footer", "aside"):
        if roles & SITE_ROLES:
            return True
        for d in el.iter():  # itself, or a menu or footer block inside it
            ident = f"{d.get('class') or ''} {d.get('id') or ''}".lower()
            if _tag(d) == "nav" or any(w in ident for w in SITE_WORDS):
                return True
            if d is not el and _words(d.get("role")) & SITE_ROLES:
                return True
        return False
    return bool(_class_id_tokens(el) & NAV_TOKENS)


def _skipped(el: etree._Element) -> bool:
    return _tag(el) in SKIP_TAGS or _hidden(el) or _is_site_furniture(el)


# Skipped elements whose content is code or media, not words: recorded by tag only.
NON_TEXT_TAGS = frozenset(
    [
        "head",
        "script",
        "style",
        "template",
        "svg",
        "math",
        "canvas",
        "object",
        "iframe",
        "audio",
        "video",
        "map",
        "area",
        "frame",
        "frameset",
        "noscript",
    ]
)


def markup_removals(root: etree._Element) -> list[Removal]:
    """One record per skipped element (outermost only): what was not read, and why.

    Code and media are named by their tag alone; navigation, hidden and deleted
    elements keep their words, so text a reader could see never vanishes unlisted.
    """
    out: list[Removal] = []

    def visit(el: etree._Element) -> None:
        for child in el:
            tag = _tag(child)
            if not tag:
                continue
            if tag != "body" and _skipped(child):
                words = " ".join("".join(t for t in child.itertext() if isinstance(t, str)).split())
                if tag in NON_TEXT_TAGS or not words:
                    out.append(Removal(f"<{tag}>", "markup"))
                else:
                    out.append(Removal(f"<{tag}> {words}", "markup"))
            else:
                visit(child)

    visit(root)
    return out


def _notes_furniture(notes: _Notes) -> list[Removal]:
    """Text of a notes section outside its notes (a "Notes" heading): listed, not read."""
    out = []
    for section in sorted(notes.sections, key=notes.order.__getitem__):
        parts: list[str] = []
        _text_outside(section, notes.notes, parts)
        text = " ".join(" ".join(parts).split())
        if text:
            out.append(Removal(f"<{_tag(section)}> {text}", "markup"))
    return out


def _text_outside(el: etree._Element, skip: set[etree._Element], parts: list[str]) -> None:
    if el in skip:
        return
    parts.append(el.text or "")
    for child in el:
        if _tag(child):
            _text_outside(child, skip, parts)
        parts.append(child.tail or "")


def _marker_text(text: str) -> str | None:
    m = MARKER_RE.match(" ".join(text.split()))
    return m.group(1) if m else None


def _id_digits(value: str | None) -> str | None:
    if not value:
        return None
    m = NOTE_ID_RE.match(value)
    return str(int(m.group(1))) if m else None


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def _list_label(n: int, kind: str) -> str:
    """The printed label of item n in a list of type kind: "3.", "(c)", "(iii)", "C.", "III."."""
    if kind == "1" or n <= 0:
        return f"{n}."
    text = _letters(n) if kind in ("a", "A") else to_roman(n)
    return f"{text.upper()}." if kind in ("A", "I") else f"({text})"


def _int(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def _list_labels(ol: etree._Element, depth: int) -> dict[etree._Element, str]:
    kind = (ol.get("type") or "").strip()
    if kind not in ("1", "a", "A", "i", "I"):
        kind = "1" if depth <= 1 else ("a" if depth == 2 else "i")
    items = [c for c in ol if _tag(c) == "li"]
    backwards = ol.get("reversed") is not None
    start = _int(ol.get("start"))
    n = start if start is not None else (len(items) if backwards else 1)
    labels: dict[etree._Element, str] = {}
    for li in items:
        value = _int(li.get("value"))
        if value is not None:
            n = value
        labels[li] = _list_label(n, kind)
        n += -1 if backwards else 1
    return labels


def _itertext(el: etree._Element) -> str:
    return "".join(t for t in el.itertext() if isinstance(t, str))


def _collapse(text: str) -> str:
    return " ".join(normalize_chars(text).split())


# --------------------------------------------------------------------------- footnotes


class _Notes:
    """Where the footnotes are: note bodies, references to them, and their markers."""

    def __init__(self, root: etree._Element) -> None:
        self.order: dict[etree._Element, int] = {}
        self.ids: dict[str, etree._Element] = {}
        for i, el in enumerate(root.iter()):
            self.order[el] = i
            for key in (el.get("id"), el.get("name") if _tag(el) == "a" else None):
                if key and key not in self.ids:
                    self.ids[key] = el
        self.sections: set[etree._Element] = set()  # whole notes sections: never text
        self.notes: set[etree._Element] = set()
        self.refs: dict[etree._Element, str] = {}  # reference element -> marker
        self.bare: dict[etree._Element, str] = {}  # <sup>3</sup> without a link
        self.ref_target: dict[etree._Element, etree._Element] = {}
        self._find(root)

    # -- detection

    def _find(self, root: etree._Element) -> None:
        weak: list[etree._Element] = []
        for el in root.iter():
            if not _tag(el) or _tag(el) in ("html", "body"):
                continue
            roles, epub = _words(el.get("role")), _words(el.get("epub:type"))
            tokens = _tokens(el.get("class"))
            ident = (el.get("id") or "").lower()
            if (
                roles & NOTES_ROLES
                or epub & NOTES_EPUB
                or tokens & NOTES_CLASSES
                or ident in ("footnotes", "endnotes")
            ):
                self._add_section(el)
            elif roles & NOTE_ROLES or (epub & NOTE_EPUB and _tag(el) not in ("a", "sup", "span")):
                self._add_note(el)
            elif (
                tokens & WEAK_NOTES_CLASSES and _tag(el) not in ("a", "sup", "span")
            ) or ident in ("notes", "fn", "footnote", "endnote"):
                weak.append(el)
        self._find_refs(root)
        # A weak candidate ("notes", "references") is a notes section only where a
        # reference points into it.
        targets = set(self.ref_target.values())
        for el in weak:
            if any(t is el or el in set(t.iterancestors()) for t in targets):
                self._add_section(el)
        for target in targets:
            if not self._in_notes(target):
                self._add_note(target)
        self._keep_outermost()

    def _add_section(self, el: etree._Element) -> None:
        if any(a in self.sections for a in el.iterancestors()):
            return
        self.sections.add(el)
        items = self._items(el)
        for item in items:
            self.notes.add(item)

    def _items(self, section: etree._Element) -> list[etree._Element]:
        lis = [
            li
            for li in section.iter("li")
            if not any(_tag(a) == "li" for a in _ancestors_until(li, section))
        ]
        if lis:
            return lis
        marked = [
            c
            for c in section.iter()
            if c is not section
            and (
                _words(c.get("role")) & NOTE_ROLES
                or _words(c.get("epub:type")) & NOTE_EPUB
                or _id_digits(c.get("id")) is not None
            )
            and _tag(c) not in ("a", "sup", "span")
        ]
        if marked:
            return marked
        return [
            c
            for c in section
            if _tag(c) in ("p", "div", "aside", "section", "dd") and _collapse(_itertext(c))
        ]

    def _add_note(self, el: etree._Element) -> None:
        self.notes.add(el)

    def _in_notes(self, el: etree._Element) -> bool:
        return el in self.notes or any(
            a in self.notes or a in self.sections for a in el.iterancestors()
        )

    def _keep_outermost(self) -> None:
        self.notes = {n for n in self.notes if not any(a in self.notes for a in n.iterancestors())}

    def _find_refs(self, root: etree._Element) -> None:
        for el in root.iter("a", "sup"):
            if self._in_notes(el) or any(
                a in self.refs or a in self.bare for a in el.iterancestors()
            ):
                continue
            if _tag(el) == "a":
                self._link_ref(el)
            elif next((a for a in el.iter("a") if a.get("href")), None) is None:
                marker = _bare_sup_marker(el)
                if marker is not None:
                    self.bare[el] = marker  # a footnote only where a note has this marker

    def _link_ref(self, a: etree._Element) -> None:
        href = (a.get("href") or "").strip()
        if not href.startswith("#") or len(href) < 2:
            return
        if _is_backlink(a):
            return
        target_id = href[1:]
        target = self.ids.get(target_id)
        roles, epub = _words(a.get("role")), _words(a.get("epub:type"))
        tokens = _tokens(a.get("class"))
        strong = (
            "doc-noteref" in roles
            or "noteref" in epub
            or bool(tokens & {"footnote", "fnref", "noteref", "footnoteref", "endnote"})
            or "msofootnotereference" in _tokens_deep(a)
        )
        text = _collapse(_itertext(a))
        marker = _marker_text(text)
        parent = a.getparent()
        in_sup = (parent is not None and _tag(parent) == "sup") or any(
            _tag(c) == "sup" for c in a.iter()
        )
        by_id = NOTE_ID_RE.match(target_id) is not None
        into_notes = target is not None and self._in_notes(target)
        if not (strong or into_notes or (by_id and (in_sup or marker is not None))):
            return
        if target is not None and _tag(target) not in BLOCK_TAGS:
            target = _note_ancestor(target)  # Word: <div id=ftn3><p><a name="_ftn3">
        if marker is None:
            marker = _id_digits(target_id) or text or str(len(self.refs) + 1)
        holder = a
        if parent is not None and _tag(parent) == "sup" and len(parent) == 1:
            holder = parent  # <sup><a href="#fn3">3</a></sup>: the sup is the reference
        self.refs[holder] = marker
        if target is not None:
            self.ref_target[holder] = target

    # -- bodies

    def footnotes(self) -> list[RawFootnote]:
        """The note bodies in order; settles which references are footnote references."""
        for ref in [r for r in self.refs if self._in_notes(r)]:
            del self.refs[ref]
        marker_of: dict[etree._Element, str] = {}
        for ref in sorted(self.refs, key=self.order.__getitem__):
            target = self.ref_target.get(ref)
            note = self._note_of(target) if target is not None else None
            if note is not None and note not in marker_of:
                marker_of[note] = self.refs[ref]
        out: list[RawFootnote] = []
        unreferenced: set[str] = set()
        for k, note in enumerate(sorted(self.notes, key=self.order.__getitem__), start=1):
            text, label = self._note_text(note)
            marker = marker_of.get(note) or label or self._own_marker(note)
            if marker is None:
                m = re.match(r"^[\[(]?(\d{1,3}|\*{1,3})[\])]?\.?\s+(\S.*)$", text)
                if m:
                    marker, text = m.group(1), m.group(2)
                else:
                    marker = str(k)
            if note not in marker_of:
                unreferenced.add(marker)
            if text or note in marker_of:
                out.append(RawFootnote(marker, text))
        for sup, marker in self.bare.items():
            if marker in unreferenced and not self._in_notes(sup):
                self.refs[sup] = marker
        return out

    def _note_of(self, target: etree._Element) -> etree._Element | None:
        if target in self.notes:
            return target
        return next((a for a in target.iterancestors() if a in self.notes), None)

    @staticmethod
    def _own_marker(note: etree._Element) -> str | None:
        value = _int(note.get("value"))
        if value is not None:
            return str(value)
        digits = _id_digits(note.get("id"))
        if digits is not None:
            return digits
        parent = note.getparent()
        if _tag(note) == "li" and parent is not None and _tag(parent) == "ol":
            label = _list_labels(parent, 1).get(note)
            if label is not None and label.endswith(".") and label[:-1].isdigit():
                return label[:-1]
        return None

    def _note_text(self, note: etree._Element) -> tuple[str, str | None]:
        """The note's text without backlinks, and the label printed before it, if any."""
        pieces: list[str] = []
        label: list[str] = []
        first = [not (note.text or "").strip()]

        def walk(el: etree._Element) -> None:
            for child in el:
                tag = _tag(child)
                if not tag or _skipped(child) or _is_backlink(child):
                    pass
                elif first[0] and tag in ("sup", "a", "span", "b") and _is_label(child):
                    label.append(_marker_text(_itertext(child)) or "")
                    first[0] = False  # the note's own number printed before its text
                else:
                    if tag in BLOCK_TAGS or tag == "br":
                        pieces.append(" ")
                    if child.text:
                        pieces.append(child.text)
                        first[0] = first[0] and not child.text.strip()
                    walk(child)
                    if tag in BLOCK_TAGS:
                        pieces.append(" ")
                if child.tail:
                    pieces.append(child.tail)
                    first[0] = first[0] and not child.tail.strip()

        if note.text:
            pieces.append(note.text)
        walk(note)
        text = _collapse(BACKLINK_CHARS.sub("", "".join(pieces)))
        return text, (label[0] or None) if label else None


def _ancestors_until(el: etree._Element, stop: etree._Element) -> Iterable[etree._Element]:
    for a in el.iterancestors():
        if a is stop:
            return
        yield a


def _note_ancestor(el: etree._Element) -> etree._Element:
    """The note an inline anchor stands in: an ancestor with a note id, else its block."""
    block: etree._Element | None = None
    for a in el.iterancestors():
        if _tag(a) in ("body", "html"):
            break
        if _id_digits(a.get("id")) is not None:
            return a
        if block is None and _tag(a) in BLOCK_TAGS:
            block = a
    return block if block is not None else el


def _tokens_deep(el: etree._Element) -> set[str]:
    out: set[str] = set()
    for d in el.iter():
        out |= _tokens(d.get("class"))
    return out


def _is_backlink(el: etree._Element) -> bool:
    if _tag(el) != "a":
        return False
    roles = _words(el.get("role"))
    tokens = _tokens(el.get("class"))
    if "doc-backlink" in roles or tokens & {"back", "backlink", "backref", "footnoteback"}:
        return True
    href = (el.get("href") or "").lower()
    if re.match(r"^#(?:_?ftnref|_?ednref|fnref|footnote-ref|cite_ref|noteref)", href):
        return True
    text = _itertext(el).strip()
    return bool(text) and not BACKLINK_CHARS.sub("", text).strip()


def _is_label(el: etree._Element) -> bool:
    return _marker_text(_itertext(el)) is not None


def _bare_sup_marker(sup: etree._Element) -> str | None:
    if len(sup):
        return None
    m = BARE_SUP_RE.match("".join((sup.text or "").split()))
    return m.group(1) if m else None


# --------------------------------------------------------------------------- text


class _Lines:
    """Running text cut into lines at block boundaries, with list labels in front."""

    def __init__(self, notes: _Notes) -> None:
        self.notes = notes
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.pending: str | None = None  # a list label waiting for its item's text
        self.labels: dict[etree._Element, str] = {}
        self.markers: list[str] = []  # the marker of each reference, by sentinel

    def flush(self) -> None:
        raw = "".join(self.buf)
        self.buf = []
        for part in re.split(_BR + r"\s*" + _BR, raw):
            text = _collapse(part.replace(_BR, " "))
            if not text:
                continue
            if self.pending is not None:
                text = f"{self.pending} {text}"
                self.pending = None
            self.lines.append(text)

    def emit_pending(self) -> None:
        if self.pending is not None:
            self.lines.append(self.pending)
            self.pending = None

    def marker(self, marker: str) -> None:
        """A footnote reference: a sentinel glued to the preceding word, resolved later."""
        text = "".join(self.buf).rstrip(" \t\r\n\f")
        self.buf = [text, chr(_SENTINEL_BASE + len(self.markers))]
        self.markers.append(marker)

    def walk(self, el: etree._Element, depth: int = 0, pre: bool = False) -> None:
        tag = _tag(el)
        if el in self.notes.sections or el in self.notes.notes:
            return
        if el in self.notes.refs:
            self.marker(self.notes.refs[el])
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
        if tag == "li":
            self.emit_pending()
            label = self.labels.get(el)
            if label is not None:
                self.pending = label
        elif tag == "ol":
            self.emit_pending()
            depth += 1
            self.labels.update(_list_labels(el, depth))
        elif tag == "br":
            self.buf.append(_BR)
        pre = pre or tag in ("pre", "textarea", "listing", "xmp")
        if el.text:
            self.text(el.text, pre)
        for child in el:
            if _tag(child) and not _skipped(child):
                self.walk(child, depth, pre)
            if child.tail:
                self.text(child.tail, pre)
        if block:
            self.flush()
        if tag == "li":
            self.emit_pending()

    def text(self, text: str, pre: bool) -> None:
        text = _SENTINELS.sub("", text)
        if pre:
            text = text.replace("\n", _BR + _BR)
        self.buf.append(text)


# --------------------------------------------------------------------------- entry


def _strip_sentinels(value: object) -> object:
    if isinstance(value, str):
        return " ".join(_SENTINELS.sub("", value).split())
    if isinstance(value, list | tuple):
        return [_strip_sentinels(v) for v in value]
    return value


def _resolve(doc: Document, markers: list[str], footnotes: list[RawFootnote]) -> Document:
    """Turn the reference sentinels into footnote_refs/offsets; drop them elsewhere."""
    paragraphs: list[Paragraph] = []
    for p in doc.paragraphs:
        if not _SENTINELS.search(p.text):
            paragraphs.append(p)
            continue
        text = ""
        refs: list[str] = []
        offsets: list[int] = []
        for piece in re.split(f"({_SENTINELS.pattern})", p.text):
            if _SENTINELS.fullmatch(piece):
                refs.append(markers[ord(piece) - _SENTINEL_BASE])
                offsets.append(len(text))
            else:
                text += piece
        stripped = text.lstrip()
        shift = len(text) - len(stripped)
        text = stripped.rstrip()
        offsets = [min(max(o - shift, 0), len(text)) for o in offsets]
        paragraphs.append(
            replace(p, text=text, footnote_refs=tuple(refs), footnote_offsets=tuple(offsets))
        )
    values = {k: _strip_sentinels(v) for k, v in doc.metadata.to_dict().items()}
    return replace(
        doc,
        metadata=Metadata.from_dict(values),
        paragraphs=tuple(paragraphs),
        footnotes=tuple(Footnote(fn.marker, fn.text) for fn in footnotes),
    )


def read(data: bytes, name: str) -> Document:
    """An HTML page as a `Document` (paragraphs, labels and footnotes as printed)."""
    return read_text(decode(data, name), name)


def read_text(text: str, name: str) -> Document:
    """The same, for a page already decoded (its `<meta charset>` is not looked at)."""
    if not text.strip():
        raise InputError(f"{name}: empty input")
    if _ENTITY_DECL.search(text):
        raise InputError(f"{name}: HTML declares entities in a DOCTYPE; refused (XXE/expansion)")
    root = parse_html(_markup(text), name)
    notes = _Notes(root)
    footnotes = notes.footnotes()
    lines = _Lines(notes)
    body = root.find("body")
    for top in [body] if body is not None else [c for c in root if _tag(c) != "head"]:
        if not _skipped(top) or _tag(top) == "body":
            lines.walk(top)
    lines.flush()
    lines.emit_pending()
    if not lines.lines:
        raise InputError(f"{name}: no text found in the HTML page")
    # A blank line between blocks: each block is a paragraph of its own, so a label that
    # breaks the numbering ("4." after "2.") is still a label, never a wrapped line.
    body_lines: list[Line] = []
    for t in lines.lines:
        body_lines += [Line(t), Line("")]
    layout = Layout(
        lines=body_lines,
        footnotes=[],  # the references are known exactly; see _resolve
        hints={},
        source_format=SOURCE_FORMAT,
        wrapped=False,
    )
    doc = _resolve(build_document(layout, name), lines.markers, footnotes)
    removed = markup_removals(root) + _notes_furniture(notes)
    return replace(doc, removed=doc.removed + tuple(removed))
