"""A page's characters from pdfium with few calls through ctypes.

Why: a call through ctypes costs about half a microsecond and a page holds some 3,500
characters. Asking pdfium five things a character (code, box, generated or not, type
size, font flags) was most of the PDF reader's time. Here the page's text comes in one
call; size and flags once per text object, since pdfium takes both from the character's
text object; the "generated" flag only where pdfium can have generated the character
(spaces, line breaks: its generated characters have no text object); and the functions
are bound once with plain pointer arguments, so that no argument object is built a call.
"""

from __future__ import annotations

import ctypes
import functools
import re
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any

from ..errors import InputError

ITALIC_FLAG = 1 << 6  # PDF font descriptor flag: Italic
# Units of FPDFText_GetText that may not be the character's own code (pdfium writes
# U+FFFE for its breakable hyphen, U+0002): those are asked for one by one.
_ASK = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# What the reader looks at before asking for a box: line breaks, spaces, and codes that
# are no character (NUL, U+FFFE, U+FFFF, a lone surrogate).
SPECIAL = frozenset(["\n", "\r", " ", "\x00", "\ufffe", "\uffff"]) | frozenset(
    chr(c) for c in range(0xD800, 0xE000)
)


@dataclass(frozen=True)
class Api:
    """pdfium's text functions without declared argument types: the caller passes the
    text page as `text_pages` gives it and pointers made once with `ctypes.byref`, which
    ctypes hands over as they are (converting arguments cost more than the calls)."""

    count: Callable[..., int]
    text: Callable[..., int]
    unicode: Callable[..., int]
    generated: Callable[..., int]
    text_object: Callable[..., int | None]
    box: Callable[..., int]
    size: Callable[..., float]
    font_flags: Callable[..., int]
    loose_box: Callable[..., int]
    rect: Any  # FS_RECTF, the loose box's type
    load_page: Callable[..., Any]
    close_page: Callable[..., None]
    load_textpage: Callable[..., Any]
    close_textpage: Callable[..., None]
    height: Callable[..., float]


@functools.cache
def api() -> Api:
    import pypdfium2.raw as raw

    def bind(fn: Any, restype: Any) -> Any:
        plain = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
        plain.restype = restype
        return plain

    def held(fn: Any, restype: Any) -> Any:
        """A call that keeps the GIL: releasing and taking it back was a fifth of a
        call's cost, for lookups in the text page that take pdfium less than that.
        (`PYFUNCTYPE` with no argument types: a C function takes more arguments.)"""
        return ctypes.PYFUNCTYPE(restype)(ctypes.cast(fn, ctypes.c_void_p).value or 0)

    i = ctypes.c_int
    return Api(
        count=held(raw.FPDFText_CountChars, i),
        text=bind(raw.FPDFText_GetText, i),
        unicode=held(raw.FPDFText_GetUnicode, ctypes.c_uint),
        generated=held(raw.FPDFText_IsGenerated, i),
        text_object=held(raw.FPDFText_GetTextObject, ctypes.c_void_p),
        box=held(raw.FPDFText_GetCharBox, i),
        size=held(raw.FPDFText_GetFontSize, ctypes.c_double),
        font_flags=held(raw.FPDFText_GetFontInfo, ctypes.c_ulong),
        loose_box=held(raw.FPDFText_GetLooseCharBox, i),
        rect=raw.FS_RECTF,
        load_page=bind(raw.FPDF_LoadPage, raw.FPDF_LoadPage.restype),
        close_page=bind(raw.FPDF_ClosePage, None),
        load_textpage=bind(raw.FPDFText_LoadPage, raw.FPDFText_LoadPage.restype),
        close_textpage=bind(raw.FPDFText_ClosePage, None),
        height=bind(raw.FPDF_GetPageHeightF, ctypes.c_float),
    )


def text_pages(pdf: Any, name: str) -> Generator[tuple[float, Any], None, None]:
    """Each page's height and text page (a ready argument for the functions above).
    Loaded and closed with pdfium's own calls: pypdfium2's page objects (a finalizer and
    a parent's list each, closed through Python) cost some 3% of the reading time. A
    page is closed before the next one loads."""
    fns = api()
    document = pdf.raw
    for index in range(len(pdf)):
        page = fns.load_page(document, index)
        if not page:
            raise InputError(f"{name}: damaged PDF (pdfium cannot load page {index + 1})")
        try:
            textpage = fns.load_textpage(page)
            if not textpage:
                raise InputError(f"{name}: damaged PDF (no text on page {index + 1})")
            try:
                yield float(fns.height(page)), _handle(textpage)
            finally:
                fns.close_textpage(textpage)
        finally:
            fns.close_page(page)


def _handle(pointer: Any) -> Any:
    """A pdfium pointer as a ready ctypes argument (`from_param`), which ctypes passes as
    it is, where a `c_void_p` is wrapped in a new argument object at every call."""
    return ctypes.c_void_p.from_param(ctypes.cast(pointer, ctypes.c_void_p).value)


def page_text(handle: Any) -> str:
    """The page's characters, one a character index, each as FPDFText_GetUnicode gives
    it, from one call for the whole page."""
    fns = api()
    n = fns.count(handle)
    if n <= 0:
        return ""
    buffer = (ctypes.c_char * (2 * (n + 1)))()  # not `create_string_buffer`'s Python checks
    fns.text(handle, 0, n, buffer)
    text = buffer.raw[: 2 * n].decode("utf-16-le", errors="surrogatepass")
    if len(text) != n or _SURROGATE.search(text):
        # Characters beyond the BMP take two units: one call a character instead.
        return "".join(chr(fns.unicode(handle, k)) for k in range(n))
    asked = [(m.start(), chr(fns.unicode(handle, m.start()))) for m in _ASK.finditer(text)]
    if not asked:
        return text
    chars = list(text)
    for k, ch in asked:
        chars[k] = ch
    return "".join(chars)


class Styles:
    """Type size and italic flag of characters, looked up once per text object."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle
        self.fns = api()
        self.known: dict[int | None, tuple[float, bool]] = {}  # never a None key
        self.flags = ctypes.c_int()
        self.flags_ref = ctypes.byref(self.flags)
        self.no_size = ctypes.c_ulong(0)

    def of(self, index: int, text_object: int | None) -> tuple[float, bool]:
        if text_object is not None:
            style = self.known.get(text_object)
            if style is None:
                style = self.known[text_object] = self._ask(index)
            return style
        return self._ask(index)

    def _ask(self, index: int) -> tuple[float, bool]:
        size = float(self.fns.size(self.handle, index))
        self.fns.font_flags(self.handle, index, None, self.no_size, self.flags_ref)
        return size, bool(self.flags.value & ITALIC_FLAG)
