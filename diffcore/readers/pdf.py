"""PDF files, read with pdfium (pypdfium2): characters with positions and type sizes.

Why pdfium: the fastest maintained PDF text engine with a Python binding; it ships as
a wheel with no system dependency and gives each character's box and font size, in
reading order with the line breaks it detects, which is what layout analysis needs.

What the layout gives over a copied text layer:
- running heads and footers are lines in the top and bottom bands of a page that are
  furniture-shaped (symbol, job number, "k/M", barcode) or recur on several pages;
- footnote markers are digits in smaller type raised above the baseline: they are
  glued to the word they follow and never confused with numbers in the text;
- a paragraph starts where the baseline step is larger than the page's usual step;
- footnote bodies are the lines under the separator rule.
The result is a `Layout` for the same structure builder as every other text reader.
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import operator
import re
import statistics
import struct
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import Any, Final

from ..errors import InputError
from ..footnotes import ANCHOR_RE, RawFootnote, anchor
from ..metadata import BARCODE_RE, JOB_RE, PAGE_NUMBER_RE, SYMBOL_LINE_RE
from ..model import Removal
from ..structure import Layout, Line
from ..textutil import collapse, normalize_chars
from . import pdf_chars
from .footnote_area import RULE_RE, read_items, split_star_notes
from .pdf_text import furniture_reason

HEAD_BAND = 0.085  # share of the page height at the top holding running heads
FOOT_BAND = 0.08  # and at the bottom holding page numbers and job numbers
SUPERSCRIPT = 0.8  # digits this much smaller than the body type, raised, are markers
PARAGRAPH_STEP = 1.3  # a baseline step this many times the usual one starts a paragraph
# A space pdfium inferred counts where the gap between the characters' advance boxes
# is this share of the type size: letter-spaced justified words ("see king") stay under
# 0.145, word spaces ("of the", "plan of work") start at 0.155 (measured on the 125 PDFs).
GENERATED_GAP = 0.15
STYLE_GAP = 0.02  # between italic and roman letters any visible gap is a word space
COLUMN_GAP = 6.0  # a horizontal gap this many times the type size separates columns
LABEL_GAP = 1.0  # a number this far (in type sizes) from the text after it is a label
# Characters that `str.strip` removes (no ink); one-character strings: `ch.isspace()`.
_BLANK = frozenset(chr(c) for c in range(0x3000 + 1) if chr(c).isspace())
_BOX = struct.Struct("4d")  # a character's box as pdf_chars' array holds it
_NO_OBJECT: Final = -1  # no text object's address


# A character: a plain tuple, read by the field numbers below. A page makes thousands:
# a tuple is built by one instruction where a class's `__init__` runs Python code (it
# was a tenth of the reading time), and its fields are read faster.
Char = tuple[float, float, float, float, float, str, bool, int, bool]
LEFT: Final = 0
BOTTOM: Final = 1
RIGHT: Final = 2
TOP: Final = 3
SIZE: Final = 4
TEXT: Final = 5
ITALIC: Final = 6
INDEX: Final = 7  # pdfium's character index, for its advance box; -1: an added space
INK: Final = 8  # `text.strip()` is not empty: asked once, not at every pass


# Field readers for `map`: a line's characters looped over in C, not by a comprehension.
_BOTTOM_OF, _RIGHT_OF, _TOP_OF, _SIZE_OF, _TEXT_OF, _INK_OF = (
    operator.itemgetter(k) for k in (BOTTOM, RIGHT, TOP, SIZE, TEXT, INK)
)


def _space(left: float, bottom: float, right: float, top: float, size: float) -> Char:
    """A word space the reader adds (pdfium gave none, or one it left out)."""
    return (left, bottom, right, top, size, " ", False, -1, False)


class PdfLine:
    """A printed line. Extent and type size are those of its inked characters, worked
    out once: they are read many times while lines are merged and classified."""

    __slots__ = ("_baseline", "bottom", "chars", "ink", "size", "top")

    def __init__(self, chars: list[Char]) -> None:
        self.chars = chars
        self.ink = ink = list(itertools.compress(chars, map(_INK_OF, chars)))
        self.top = max(map(_TOP_OF, ink), default=0.0)
        self.bottom = min(map(_BOTTOM_OF, ink), default=0.0)
        self.size = max(map(_SIZE_OF, ink), default=0.0)
        self._baseline: float | None = None


def _open(data: bytes, name: str) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise InputError(
                f"{name}: the PDF is encrypted; save a copy without a password first"
            ) from exc
        raise InputError(f"{name}: damaged or truncated PDF ({exc})") from exc


def _page_lines(handle: Any) -> list[PdfLine]:
    """pdfium's characters in reading order, split at the line breaks it generates."""
    fns = pdf_chars.api()
    generated, text_object_of, box = fns.generated, fns.text_object, fns.box
    styles = pdf_chars.Styles(handle)
    known = styles.known
    # The box lands in one array in `Char`'s order (left, bottom, right, top), read back
    # with one `unpack_from` instead of four `.value` lookups.
    boxes = (ctypes.c_double * 4)()
    left_ref, bottom_ref, right_ref, top_ref = (ctypes.byref(boxes, 8 * k) for k in range(4))
    unpack_box, box_view = _BOX.unpack_from, memoryview(boxes)  # a view: a cheaper buffer
    special, blank, dashes = pdf_chars.SPECIAL, _BLANK, _DASHES  # locals: read per character
    lines: list[PdfLine] = []
    current: list[Char] = []
    hint = ""
    space_at: int | None = None  # pdfium's index of the last real space
    last: Char = _space(0.0, 0.0, 0.0, 0.0, 0.0)  # the last character, read at the next one
    # The text object whose style `size, italic` hold; NO_OBJECT after a character with
    # none, so that one test a character (`!=`) also catches those.
    last_object: int | None = _NO_OBJECT
    size, italic = 0.0, False
    # pdfium reports breakable hyphens as U+0002: replaced once a page, not asked a character.
    for i, ch in enumerate(pdf_chars.page_text(handle).replace("\x02", "-")):
        if ch in special:
            if ch == "\n" or ch == "\r":
                if current:
                    lines.append(PdfLine(current))
                    current = []
                hint = ""
            elif ch == " ":
                if generated(handle, i):
                    if not hint:
                        hint = "generated"  # inferred by pdfium: kept only where there is a gap
                else:
                    hint = "real"  # a space in the PDF's own text
                    space_at = i
            continue  # and no character at all: NUL, U+FFFE, U+FFFF, lone surrogates
        text_object = text_object_of(handle, i)
        if text_object != last_object:  # runs share a text object: mostly equal
            if text_object is None:
                # pdfium generates only spaces and line breaks, and they have no text object.
                if generated(handle, i):
                    continue
                last_object = _NO_OBJECT
            else:
                last_object = text_object
            style = known.get(text_object)
            if style is None:
                style = styles.of(i, text_object)
            size, italic = style
        if not box(handle, i, left_ref, right_ref, bottom_ref, top_ref):
            continue
        x0, y0, x1, y1 = unpack_box(box_view)
        char = (x0, y0, x1, y1, size, ch, italic, i, ch not in blank)
        if current:
            if y1 < last[BOTTOM] and x0 < last[LEFT]:
                # A new printed line with no break from pdfium (after a breakable hyphen).
                lines.append(PdfLine(current))
                current = []
            elif hint:
                # A space a word: `_space` and the dash test written out here (three
                # calls a word were a fiftieth of the time).
                prev = last
                if (
                    # The PDF's own spaces count, unless "3 –14 June": the dash is set
                    # back over the space.
                    hint == "real"
                    and (
                        (prev[TEXT] not in dashes and ch not in dashes)
                        or not _overprinted(prev, char, space_at, handle)
                    )
                ) or (hint == "generated" and _spaced(prev, char, handle)):
                    right = prev[RIGHT]
                    current.append(
                        (right, prev[BOTTOM], right, prev[TOP], prev[SIZE], " ", False, -1, False)
                    )
        hint = ""
        current.append(char)
        last = char
    if current:
        lines.append(PdfLine(current))
    kept = [ln for ln in lines if ln.ink]
    return [part for ln in _merge_same_baseline(kept) for part in _split_columns(ln)]


def _split_columns(line: PdfLine) -> list[PdfLine]:
    """Text on one baseline far apart is separate lines ("United Nations" ... "A/RES/80/9")."""
    ink = line.ink
    if len(ink) < 2:
        return [line]
    # Most lines have no gap that wide between two inked characters: a plain loop asks it
    # in a third of the time of a generator over pairs.
    end, wide = ink[0][RIGHT], COLUMN_GAP
    for c in itertools.islice(ink, 1, None):
        if c[LEFT] - end > wide * c[SIZE]:
            break
        end = c[RIGHT]
    else:
        return [line]
    cuts: list[int] = []
    last_right: float | None = None
    for k, c in enumerate(line.chars):
        if c[INK]:
            if last_right is not None and c[LEFT] - last_right > COLUMN_GAP * c[SIZE]:
                cuts.append(k)
            last_right = c[RIGHT]
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line.chars)]
    parts = [line.chars[a:b] for a, b in itertools.pairwise(bounds)]
    return [PdfLine(p) for p in parts if any(c[INK] for c in p)]


def _baseline(line: PdfLine) -> float:
    if line._baseline is None:
        size = line.size
        least = size * SUPERSCRIPT
        normal = [c[BOTTOM] for c in line.ink if c[SIZE] >= least]
        line._baseline = statistics.median(normal) if normal else line.bottom
    return line._baseline


_DASHES = frozenset("-\u2013")


def _overprinted(prev: Char, char: Char, space: int | None, handle: Any) -> bool:
    """Is the space (pdfium's index `space`) beside a dash set back under the next glyph,
    so that no gap shows ("3 – 14" kerned to "3–14")? Its advance box starts in the first
    half of the space's. Left to right text only. The caller asks only beside a dash
    (letters' boxes are no sign of it: "Calls for" overlaps in some fonts), so the space's
    box is asked there, not for every space of the page.
    """
    if space is None:
        return False
    fns = pdf_chars.api()
    x = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top
    if not fns.box(handle, space, *(ctypes.byref(v) for v in x)):
        return False
    space_mid = (x[0].value + x[1].value) / 2
    if not prev[LEFT] < char[LEFT] < space_mid:
        return False
    loose = fns.rect()
    if not fns.loose_box(handle, char[INDEX], ctypes.byref(loose)):
        return False
    return bool(loose.left < space_mid) and char[TOP] >= prev[BOTTOM]


def _spaced(prev: Char, char: Char, handle: Any) -> bool:
    """Does a space pdfium inferred between two characters count as a word space?

    pdfium infers spaces inside letter-spaced justified words too ("soci al"): they
    count only where the gap is a real one (the PDF's own spaces are decided by the
    caller).
    That gap is measured between advance boxes: a glyph's ink box is narrower than
    its advance by a varying amount ("f" overhangs, "o" does not), which hid the space
    in "ofthe" and opened one in "see king".
    """
    gap = char[LEFT] - prev[RIGHT]
    size = max(min(prev[SIZE], char[SIZE]), 1.0)
    if prev[ITALIC] != char[ITALIC] and prev[TEXT].isalpha() and char[TEXT].isalpha():
        # Italic preambular openers ("Reaffirming the"): a change of style where pdfium
        # infers a space is a word end; with no space inferred it is a change of font
        # inside a word ("Re solutions", A/RES/79/144 note 6).
        return gap > STYLE_GAP * size
    return _advance_gap(handle, prev, char) > GENERATED_GAP * size


def _advance_gap(handle: Any, prev: Char, char: Char) -> float:
    """The gap between two characters' advance ("loose") boxes."""
    fns = pdf_chars.api()
    a, b = fns.rect(), fns.rect()
    if not (
        fns.loose_box(handle, prev[INDEX], ctypes.byref(a))
        and fns.loose_box(handle, char[INDEX], ctypes.byref(b))
    ):
        return char[LEFT] - prev[RIGHT]
    return float(b.left - a.right)


def _merge_same_baseline(lines: list[PdfLine]) -> list[PdfLine]:
    """pdfium breaks a line after a raised marker; pieces on one baseline are one line."""
    merged: list[PdfLine] = []
    for ln in lines:
        if merged:
            last = merged[-1]
            # Cheapest tests first: most consecutive lines are neither beside nor after.
            beside = ln.bottom - 1.0 <= last.bottom <= ln.top + 1.0
            lone_number = (
                beside
                and last.size < SUPERSCRIPT * ln.size
                and all(c[TEXT].isdigit() or c[TEXT] == "*" or not c[INK] for c in last.chars)
            )
            if lone_number:
                space = _space(last.chars[-1][RIGHT], ln.bottom, 0, 0, last.size)
                merged[-1] = PdfLine([*last.chars, space, *ln.chars])  # a note's number, text
                continue
            # Wholly to the right of the last piece; a next line fails at its first letter.
            reach = max(map(_RIGHT_OF, last.ink)) - 1.0
            after = all(c[LEFT] >= reach for c in ln.ink)
            same = after and (abs(_baseline(last) - _baseline(ln)) < 0.3 * min(last.size, ln.size))
            if same:
                end = last.chars[-1]
                space = _space(end[RIGHT], end[BOTTOM], end[RIGHT], end[TOP], end[SIZE])
                merged[-1] = PdfLine([*last.chars, space, *ln.chars])
                continue
        merged.append(ln)
    return merged


def _line_text(line: PdfLine, body_size: float) -> str:
    """Text of a line; raised small digits become markers glued to the word before."""
    small = body_size * SUPERSCRIPT
    chars = line.chars
    if min(map(_SIZE_OF, chars), default=small) >= small:  # most: no small type, no marker
        return collapse(normalize_chars("".join(map(_TEXT_OF, chars))))
    normal = [c[BOTTOM] for c in line.ink if c[SIZE] >= small]
    base = statistics.median(normal) if normal else line.bottom
    out: list[str] = []
    k = 0
    started = False  # some ink written: `"".join(out).strip()`, without the quadratic join
    while k < len(chars):
        c = chars[k]
        at_start = not started
        raised = c[BOTTOM] > base + 0.8 or at_start
        if c[SIZE] < small and raised and (c[TEXT].isdigit() or c[TEXT] == "*"):
            marker = ""
            while (
                k < len(chars)
                and chars[k][SIZE] < small
                and (chars[k][TEXT].isdigit() or chars[k][TEXT] == "*")
            ):
                marker += chars[k][TEXT]
                k += 1
            while out and out[-1] == " ":
                out.pop()
            # At the start of a line it is a footnote's own number: "6 Ibid., vol. 2237";
            # elsewhere an exact reference anchor for the structure builder.
            out.append(marker + " " if at_start else anchor(marker))
            started = True
            continue
        out.append(c[TEXT])
        started = started or c[INK]
        k += 1
    return collapse(normalize_chars("".join(out)))


def _bare_label(line: PdfLine, text: str) -> list[str]:
    """A paragraph number printed without its full stop ("26   Condemns", A/RES/79/160)
    stands apart from its text by a tab's width: it goes on a line of its own, as the
    text layer has it, where the structure builder reads it as a label."""
    m = re.match(r"(\d{1,3}) (?=[^\W\d_])", text)
    if not m:
        return [text]
    chars = line.ink
    digits = len(m.group(1))
    if len(chars) <= digits or any(not c[TEXT].isdigit() for c in chars[:digits]):
        return [text]
    gap = chars[digits][LEFT] - chars[digits - 1][RIGHT]
    if gap < LABEL_GAP * chars[0][SIZE]:
        return [text]
    return [m.group(1), text[m.end() :]]


def _band_key(line: PdfLine, text: str, height: float) -> str:
    """Running heads recur with the same text at the same height; digits may change."""
    return f"{round(line.top / 3)}|{re.sub(r'[0-9]+', '#', text.strip())}"


def _is_furniture(text: str, symbol: str | None) -> bool:
    t = text.strip()
    if not t:
        return True
    if SYMBOL_LINE_RE.match(t) or JOB_RE.match(t) or PAGE_NUMBER_RE.match(t):
        return True
    if BARCODE_RE.match(t) or t.lower() == "please recycle":
        return True
    # pdfium may space the job number out ("25 -19720") where it stands alone in the head.
    if re.fullmatch(r"\d{2} ?- ?\d{5}\s*(?:\(E\))?(?:\s+\d{6})*\s*(?:\*\d+\*)?", t):
        return True
    return bool(symbol) and t.replace(" ", "").rstrip("*") == symbol


def _step(lines: list[PdfLine], body_size: float) -> float:
    """The usual baseline-to-baseline distance between consecutive lines of a page."""
    steps = [
        a.bottom - b.bottom
        for a, b in itertools.pairwise(lines)
        if 0 < a.bottom - b.bottom < 3 * body_size
    ]
    return statistics.median(steps) if steps else body_size * 1.2


@contextmanager
def _no_collection() -> Iterator[None]:
    """Cyclic garbage collection paused: a page makes thousands of `Char` objects, none in
    a cycle, and the collections they set off cost a tenth of the reading time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read(data: bytes, name: str) -> Layout:
    with _no_collection():
        return _read(data, name)


def _read(data: bytes, name: str) -> Layout:
    pdf = _open(data, name)
    pages: list[tuple[float, list[PdfLine]]] = []
    try:
        # Closed here, so that no page outlives its document if a page fails.
        with closing(pdf_chars.text_pages(pdf, name)) as text_pages:
            for height, handle in text_pages:
                pages.append((height, _page_lines(handle)))
    finally:
        pdf.close()
    if not any(lines for _h, lines in pages):
        raise InputError(f"{name}: the PDF has no text layer (a scan?); run OCR on it first")

    # Counted by exact size first, then by half points in first-seen order (the ties
    # of `most_common` go to the size seen first, as with one count by half points).
    # A line's characters come in runs of one size: counted a run at a time.
    exact: Counter[float] = Counter()
    for _h, lines in pages:
        for ln in lines:
            for size, run in itertools.groupby(map(_SIZE_OF, ln.ink)):
                exact[size] += len(list(run))
    sizes: Counter[float] = Counter()
    for size, n in exact.items():
        sizes[round(size * 2) / 2] += n
    body_size = sizes.most_common(1)[0][0]

    def in_band(ln: PdfLine, height: float) -> bool:
        return ln.top > height * (1 - HEAD_BAND) or ln.bottom < height * FOOT_BAND

    texts = [[_line_text(ln, body_size) for ln in lines] for _h, lines in pages]
    band_keys: Counter[str] = Counter()
    for (height, lines), page_texts in zip(pages, texts, strict=True):
        band_keys.update(
            {
                _band_key(ln, t, height)
                for ln, t in zip(lines, page_texts, strict=True)
                if in_band(ln, height) and t.strip()
            }
        )
    repeated = {k for k, n in band_keys.items() if n >= 2}
    symbol = next((m.group(1) for t in texts[0][:20] if (m := SYMBOL_LINE_RE.match(t))), None)

    out: list[Line] = []
    footnotes: list[RawFootnote] = []
    hints: dict[str, object] = {}
    removed: list[Removal] = []
    for number, ((height, lines), page_texts) in enumerate(zip(pages, texts, strict=True), 1):
        rule_at = next(
            (k for k in range(len(page_texts) - 1, -1, -1) if RULE_RE.match(page_texts[k])), None
        )
        body: list[tuple[PdfLine, str]] = []
        for k, (ln, text) in enumerate(zip(lines, page_texts, strict=True)):
            furniture_zone = in_band(ln, height) if number > 1 else ln.bottom < height * FOOT_BAND
            # Under the footnote rule only furniture-shaped lines go: a note that happens
            # to sit where another page has a similar note is still a note.
            # The band key only for lines in the zone: it costs a regex substitution.
            if furniture_zone and (
                _is_furniture(text, symbol)
                or ((rule_at is None or k < rule_at) and _band_key(ln, text, height) in repeated)
            ):
                job = JOB_RE.match(text) or re.match(r"^(\d{2}-\d{5})\s*\(E\)", text)
                if number == 1 and job:
                    hints.setdefault("job_number", job.group(1))
                plain = collapse(ANCHOR_RE.sub(r" \1 ", text))  # small digits: not markers
                removed.append(Removal(plain, furniture_reason(plain), number))
                continue
            body.append((ln, text))
        rule = next((k for k in range(len(body) - 1, -1, -1) if RULE_RE.match(body[k][1])), None)
        notes: list[str] = []
        if rule is not None:
            removed.append(Removal(body[rule][1].strip(), "footnote-rule", number))
            notes = [t for _ln, t in body[rule + 1 :] if t.strip()]
            body = body[:rule]
        step = _step([ln for ln, _t in body], body_size)
        prev: PdfLine | None = None
        page_out: list[str] = []
        for ln, text in body:
            # Larger type (titles) has a larger line step of its own.
            usual = max(step, 1.2 * max(prev.size, ln.size)) if prev is not None else step
            if prev is not None and (prev.bottom - ln.bottom) > PARAGRAPH_STEP * usual:
                page_out.append("")
            page_out.extend(_bare_label(ln, text))
            prev = ln
        # Draft notes ("* On behalf of ...") with no rule above them, then the ruled ones.
        page_out, star_notes = split_star_notes(page_out, footnotes)
        read_items(star_notes, number, footnotes)
        read_items(notes, number, footnotes)
        out.extend(Line(text, number) for text in page_out)
        out.append(Line("", number))
    return Layout(
        lines=out,
        footnotes=footnotes,
        hints=hints,
        source_format="pdf",
        wrapped=True,
        removed=removed,
    )
