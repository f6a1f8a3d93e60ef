"""Format detection and dispatch: bytes in, `Document` out.

Detection looks at content, not the file name, so a PDF text layer saved as `.doc`
or a canonical text piped through stdin still reads correctly.
"""

from __future__ import annotations

from .. import canonical
from ..errors import InputError
from ..model import Document
from ..source import decode_text
from ..structure import build_document
from ..textutil import normalize_chars
from . import ods_text, pdf_text, pdftotext, plain_text


def sniff_binary(data: bytes) -> str | None:
    head = data[:8].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "zip"
    if data[:4] == b"\xd0\xcf\x11\xe0":
        return "ole"  # encrypted OOXML or a legacy .doc: the DOCX reader says which
    return sniff_markup(data)


def sniff_markup(data: bytes) -> str | None:
    """ "akn", "html", "xml" (any other XML) or None, from the first bytes."""
    if not _opens_with_tag(data):
        return None  # what every branch below needs; spares plain text importing lxml
    from .. import akn
    from . import html

    if akn.sniff(data):
        return "akn"
    if html.sniff(data):
        return "html"
    if data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<?xml", b"<!DOCTYPE", b"<!doctype")):
        return "xml"
    return None


def _opens_with_tag(data: bytes) -> bool:
    """Is the first character, past a BOM and whitespace, "<"? Decoded as the sniffers
    do, and as bytes as the XML check does: true whenever one of them could match."""
    if data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return True
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    return text.lstrip("\ufeff \t\r\n").startswith("<")


def detect_text(text: str) -> str:
    if canonical.is_canonical(text):
        return "resdiff-text"
    if pdftotext.is_pdftotext(text):
        return "pdftotext"
    if pdftotext.is_viewer_copy(text):
        return "pdf-viewer-text"
    if ods_text.is_ods(text):
        return "ods-text"
    if pdf_text.is_text_layer(text):
        return "pdf-text"
    return "text"


def read_bytes(data: bytes, name: str, docx_view: str = "accepted") -> Document:
    kind = sniff_binary(data)
    if kind == "pdf":
        from . import pdf

        return build_document(pdf.read(data, name), name)
    if kind in ("zip", "ole"):
        from . import docx

        return docx.read(data, name, view=docx_view)
    if kind == "akn":
        from .. import akn

        return akn.read(data, name)
    if kind == "html":
        from . import html

        return html.read(data, name)
    if kind == "xml":
        raise InputError(f"{name}: XML that is neither Akoma Ntoso nor HTML is not readable")
    return _read_plain_text(decode_text(data, name), name)  # markup already ruled out


def read_text(text: str, name: str | None = None) -> Document:
    # Markup first, before any folding: Akoma Ntoso text is read exactly as written.
    markup = sniff_markup(text[:65536].encode("utf-8", "replace"))
    if markup == "akn":
        from .. import akn

        return akn.read_text(text, name or "<text>")
    if markup == "html":
        from . import html

        return html.read_text(text, name or "<text>")
    if markup == "xml":
        raise InputError(f"{name or '<text>'}: XML that is neither Akoma Ntoso nor HTML")
    return _read_plain_text(text, name)


def _read_plain_text(text: str, name: str | None) -> Document:
    """Text that is not markup: canonical, ODS export, PDF text layer or plain."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Form feeds are pdftotext's page breaks: kept for its reader, folded away for the rest.
    pages = [normalize_chars(page) for page in text.split(pdftotext.FORM_FEED)]
    text = pdftotext.FORM_FEED.join(pages)
    if not text.strip():
        raise InputError(f"{name or '<text>'}: empty input")
    fmt = detect_text(text)
    if fmt != "pdftotext" and len(pages) > 1:
        text = "".join(pages)
        fmt = detect_text(text)
    if fmt == "resdiff-text":
        return canonical.read(text, name)
    if fmt == "ods-text":
        layout = ods_text.read(text)
    elif fmt == "pdf-text":
        layout = pdf_text.read(text)
    elif fmt == "pdftotext":
        layout = pdftotext.read(text)
    elif fmt == "pdf-viewer-text":
        layout = pdftotext.read(pdftotext.viewer_pages(text), fmt)
    else:
        layout = plain_text.read(text)
    return build_document(layout, name)
