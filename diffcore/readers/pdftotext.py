"""poppler `pdftotext` output of a UN PDF, plain or `-layout`.

pdftotext ends every page with a form feed, which is how it is recognized. It keeps
the page furniture (symbol, "2/5", job number, barcode, "Please recycle" in whatever
shape the symbol font gives it) and prints raised footnote markers on lines of their
own, in plain mode even out of order ("1", bodies, then "2"). It loses the blank lines
between paragraphs: `-layout` keeps the first-line indent, plain mode keeps only short
last lines. This reader removes the furniture (recording each line in `Layout.removed`),
reassembles the footnote area into numbered bodies, and marks paragraph ends with blank
lines, so that `structure.build_document` sees what the other text readers give it.
"""

from __future__ import annotations

import itertools
import re

from .. import metadata as md
from ..footnotes import (
    ABBREVIATIONS,
    FUNCTION_WORDS,
    MONTH_WORDS,
    RawFootnote,
    anchor,
    candidates,
)
from ..metadata import BARCODE_RE, COVER_LINES, GA_LINE_RE, JOB_RE, PAGE_NUMBER_RE
from ..model import Removal
from ..structure import Layout, Line, looks_operative_verb, looks_preambular
from ..textutil import SUSPENDED, collapse
from .footnote_area import ITEM_RE, RULE_RE, STAR_ITEM_RE, next_numeric, split_star_notes
from .pdftotext_english import (
    AMENDMENT_OPENER_RE,
    POSSESSIVE_ENDINGS,
    SHORT_WORDS,
    is_fragment,
    is_number_pair,
    is_split_word,
    known_compound,
    solid_compound,
    stem_of,
    word_stems,
)

FORM_FEED = "\f"
# Cells of a -layout line are separated by runs of three or more spaces.
CELL_GAP_RE = re.compile(r"\s{3,}")
DATE_CODE_RE = re.compile(r"^(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d\d$")  # "121125"
RECYCLE_RE = re.compile(r"^Please\s+re\s?c\s?y?\s?c\s?le$")
# The recycling symbol comes out as one odd character ("♲") or nothing at all.
SYMBOL_ONLY_RE = re.compile(r"^[^\w\s.,;:()\u201c\u201d\"'*/-]{1,2}$")
# Word's footnote reference fields rendered as text: "0F", "16F", "0H 1H" on their own line.
FIELD_ANCHOR_RE = re.compile(r"^(?:\d{1,3}[FH]\s*)+$")
MARKER_ONLY_RE = re.compile(r"^(\d{1,3}|\*{1,3})$")
PAGE_JOB_RE = re.compile(r"^(?:\d{1,4}/\d{1,4} \d{2}-\d{5}|\d{2}-\d{5} \d{1,4}/\d{1,4})$")
FOOTER_LINE_RE = re.compile(
    r"^[ \t]*(?:\d{1,4}/\d{1,4} \d{2}-\d{5}|\d{2}-\d{5} \d{1,4}/\d{1,4})[ \t]*$", re.M
)
BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
# The cover copied without its columns: "United Nations A/80/L.10".
COVER_PAIR_RE = re.compile(
    r"^(United Nations|General Assembly|Security Council|Economic and Social Council)"
    r"\s+(\S.*)$"
)
JOB_CELL_RE = re.compile(r"^\d{2}-\d{5}\**(?:\s*\(E\))?$")
SENTENCE_END = (".", ";", ":", ",")
CLAUSE_END = (",", ";")
_MID_CAP_RE = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+)")
LONE_TITLE_NUMBER_RE = re.compile(r"^\d{1,3}/\d{1,4}(?:\s*[A-Z])?\.$")
TRAILING_MARKER_RE = re.compile(r"\s+(?:\d{1,3}|\*{1,3})$")
# A line that opens with a part or paragraph label ("I", "B.", "II. Title", "3.").
LABEL_LINE_RE = re.compile(r"^(?:[IVXL]{1,6}|[A-Z]|\d{1,3})\.?(?:\s|$)")
LONE_NUMBER_RE = re.compile(r"^\d{1,3}\.$")
# An operative paragraph printed with its number on its first line ("32. Stresses").
NUMBERED_LINE_RE = re.compile(r"^\d{1,3}\.\s+[A-Z]")
# A plain-mode line this much shorter than a full line ends its paragraph.
SHORT_LINE = 0.8
HEADING_LINE = 0.6
# A plain-mode line this much longer than a full line took in the next one.
JOINED_LINE = 1.15
# How far (share of a full line) from a full line's width in a joined line's join may lie.
JOIN_WINDOW = 0.15
# The running head (symbol, running title over up to five lines) opens a page.
HEAD_LINES = 6


def is_pdftotext(text: str) -> bool:
    """Form feeds between pages, with UN page furniture on most of them."""
    if FORM_FEED not in text:
        return False
    pages = [p for p in text.split(FORM_FEED) if p.strip()]
    if not pages:
        return False
    hits = sum(1 for p in pages if any(_furniture(ln.strip(), 0) for ln in p.split("\n")))
    return hits >= max(1, len(pages) // 2)


def is_viewer_copy(text: str) -> bool:
    """Text copied out of a browser's PDF viewer (Chromium: select all, copy).

    No form feeds and no blank lines: pages are told apart by their footer, page
    number and job number on one line ("2/5 25-17857", "25-17857 3/5").
    """
    if FORM_FEED in text:
        return False
    footers = len(FOOTER_LINE_RE.findall(text))  # whole-text scans: detection runs on all input
    if len(BLANK_LINE_RE.findall(text)) > footers:
        return False
    # A one-page document has no footer to go by; its cover is copied in pairs.
    head = text.lstrip().split("\n", 3)[:3]
    return footers >= 1 or any(COVER_PAIR_RE.match(ln.strip()) for ln in head)


def viewer_pages(text: str) -> str:
    """The copied text with a form feed before each page's running head and footer."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if PAGE_JOB_RE.match(line.strip()) and out:
            # The running head (the symbol) is copied just before the footer.
            head = 1 if out and md.SYMBOL_LINE_RE.match(out[-1]) else 0
            cut = len(out) - head
            out[cut:cut] = [FORM_FEED]
        out.append(line)
    return "\n".join(out).replace("\n" + FORM_FEED + "\n", FORM_FEED + "\n")


def _furniture(text: str, page: int) -> str | None:
    """The removal reason for a whole line of page furniture, or None."""
    if not text:
        return None
    reason = _cell_reason(text, page)
    if reason is not None:
        return reason
    cells = CELL_GAP_RE.split(text)
    if len(cells) > 1:
        reasons = [_cell_reason(c, page) for c in cells]
        if all(reasons):
            return reasons[0]
    return None


def _cell_reason(text: str, page: int) -> str | None:
    if PAGE_NUMBER_RE.match(text) or PAGE_JOB_RE.match(text):
        return "page-number"
    if JOB_RE.match(text) or JOB_CELL_RE.match(text):
        return "job-number"
    if BARCODE_RE.match(text):
        return "barcode"
    if DATE_CODE_RE.match(text) and page <= 1:
        return "job-number"  # the release date printed next to the job number
    if RECYCLE_RE.match(text) or SYMBOL_ONLY_RE.match(text):
        return "recycling-mark"
    if FIELD_ANCHOR_RE.match(text):
        return "markup"
    return None


def read(text: str, source_format: str = "pdftotext") -> Layout:
    """`source_format` "pdf-viewer-text" for a viewer copy already cut by `viewer_pages`."""
    pages = text.split(FORM_FEED)
    if pages and not pages[-1].strip():
        pages.pop()
    layout_mode = _is_layout_mode(pages)
    symbol = _symbol(pages)
    removed: list[Removal] = []
    footnotes: list[RawFootnote] = []
    hints: dict[str, object] = {}
    page_bodies: list[list[tuple[int, str]]] = []
    heads = _running_heads(pages, symbol)
    for number, page in enumerate(pages, start=1):
        body, area = _split_page(page.split("\n"), number, heads, removed, hints)
        # A draft's asterisk notes at the foot of the page, with no rule above them.
        body, star_notes = _star_notes(body, footnotes)
        if star_notes:
            _read_area(star_notes, number, footnotes)
        _read_area(area, number, footnotes)
        page_bodies.append(body)
    page_bodies = _stop_bare_labels(page_bodies)
    width = _full_width(page_bodies)
    words = _word_counts([t for body in page_bodies for _, t in body], footnotes)
    stems = word_stems(words)
    spaced = _spaced_counts([t for body in page_bodies for _, t in body], footnotes, words)
    names = _mid_line_names([t for body in page_bodies for _, t in body])
    lines: list[Line] = []
    seen: dict[str, set[str]] = {}  # marker: the words it was anchored after
    page_texts: list[tuple[list[str], set[str]]] = []
    for number, body in enumerate(page_bodies, start=1):
        if number == 1:
            body = _split_cover_cells(body)
        texts = _paragraphs(body, layout_mode, width, number == 1, names)
        if not layout_mode:
            texts = _restore_hyphens(texts, words, width, stems, spaced)
        markers = [f.marker for f in footnotes if f.page == number and f.marker.isdigit()]
        texts = _anchor_spaced_markers([_rejoin(t, words, stems) for t in texts], markers, seen)
        page_texts.append((texts, set(markers)))
    for number, (texts, _) in enumerate(_anchor_repeats(page_texts, seen), start=1):
        lines.extend(Line(text, number) for text in texts)
        lines.append(Line("", number))
    if not layout_mode:
        footnotes = [
            RawFootnote(f.marker, _note_hyphens(f.text, words, spaced), f.page) for f in footnotes
        ]
    footnotes = [RawFootnote(f.marker, _rejoin(f.text, words, stems), f.page) for f in footnotes]
    return Layout(
        lines=lines,
        footnotes=footnotes,
        hints=hints,
        source_format=source_format,
        wrapped=True,
        removed=removed,
    )


def _star_notes(
    body: list[tuple[int, str]], footnotes: list[RawFootnote]
) -> tuple[list[tuple[int, str]], list[str]]:
    """The page's body without its asterisk notes, and the notes.

    Plain mode may print the note right under the text, with no blank line before it
    ("... on 26 April , and" / "* Any changes to the list of sponsors ..."): where the
    shared rule finds no note, one is sought at each asterisk line with a blank put before.
    """
    texts = [t for _, t in body]
    kept, notes = split_star_notes(texts, footnotes)
    if notes:
        return body[: len(kept)], notes
    for j in range(1, len(texts)):
        if texts[j - 1].strip() and STAR_ITEM_RE.match(texts[j]):
            kept, notes = split_star_notes([*texts[:j], "", *texts[j:]], footnotes)
            if notes and len(kept) == j + 1:
                return body[:j], notes
    return body, []


# "Decade 2024 –" / "2034": pdftotext sets a range's dash apart at a line end, the PDF
# reader keeps it on the number ("2024– 2034").
_LINE_END_DASH_RE = re.compile(r"(?<=\d) \u2013$")
# A space pdftotext put inside a word ("w omen", "sub -item") or before a comma.
_PIECE_RE = re.compile(r"^[^\W\d_]+$")
# "IOC/A -32", "LC -LP.1", "5 \u201313 September": a code or range torn at its dash.
_CODE_TAIL_RE = re.compile(r"^(?:-[\dA-Z]|\u2013\d)")
_TAIL_RE = re.compile(r"^-?[^\W\d_]+$")
# "front -of-pack", "10 -year": a hyphenated tail torn from its first part.
_COMPOUND_TAIL_RE = re.compile(r"^-[a-z]+(?:-[a-z]+)+$|^-(?:year|month|day|week)s?$")
# "Goal 14 ,", "organs ”": poppler's space before a mark the page sets close (a
# marker's empty slot); not before ")", which some PDFs print spaced ("Iran )").
_SPACE_PUNCT_RE = re.compile(r"(?<=[^\W_]|\)) (?=[,;.:](?:\s|$)|\u201d)")
_SYMBOL_HEAD_RE = re.compile(r"[A-Z]{2,}/(?:[A-Z0-9.]+/)*\d{1,3}$")
_SYMBOL_TAIL_RE = re.compile(r"^\d{1,3}/\d")
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|-[^\W\d_]+")
_EDGE = "\u201c\u201d\"'(),;:.!?"


def _word_counts(texts: list[str], footnotes: list[RawFootnote]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for text in [*texts, *(f.text for f in footnotes)]:
        for w in _TOKEN_RE.findall(text):
            counts[w] = counts.get(w, 0) + 1
    return counts


def _spaced_counts(
    texts: list[str], footnotes: list[RawFootnote], words: dict[str, int]
) -> dict[str, int]:
    """How often the document prints each of its hyphenated compounds with a space
    ("bottom fishing" 9 times, "bottom-fishing" once: the space is its spelling)."""
    counts: dict[str, int] = {}
    for text in [*texts, *(f.text for f in footnotes)]:
        for a, b in itertools.pairwise(_TOKEN_RE.findall(text)):
            if f"{a}-{b}" in words:
                counts[f"{a}-{b}"] = counts.get(f"{a}-{b}", 0) + 1
    return counts


def _hyphen_evidence(a: str, b: str, words: dict[str, int], spaced: dict[str, int]) -> bool:
    """Put "a-b" back at a join: the document prints it so at least as often as with a
    space elsewhere, or, where it never does, the UN spells it so and the document does
    not print it with a space elsewhere."""
    hyphenated = words.get(f"{a}-{b}", 0)
    if hyphenated < spaced.get(f"{a}-{b}", 0) - 1:
        return False
    return bool(hyphenated) or known_compound(a, b)


def _restore_hyphens(
    texts: list[str],
    words: dict[str, int],
    width: int,
    stems: frozenset[str] = frozenset(),
    spaced: dict[str, int] | None = None,
) -> list[str]:
    """Plain mode drops the hyphen of a compound broken at a line end, joining the
    halves ("capacitybuilding", "small scale" in a line that took in the next one) or
    not ("small" / "scale"); where the document spells the compound with its hyphen
    elsewhere (at least as often as solid), that spelling is put back.
    """
    # Only where the hyphenated spelling is the document's usual one: "noncommunicable"
    # stays solid in a text that cites "non-communicable" once.
    spelled = {
        w.replace("-", ""): w
        for w, n in words.items()
        if "-" in w[1:-1] and n >= words.get(w.replace("-", ""), 0)
    }
    spaced = spaced or {}
    parts: dict[str, int] = {}
    for w, n in words.items():
        for part in w.split("-"):
            parts[part] = parts.get(part, 0) + n
    out: list[str] = []
    for text in texts:
        tokens = text.split(" ")
        for i, token in enumerate(tokens):
            core = token.strip(_EDGE)
            if core and core in spelled and core.isalpha():
                tokens[i] = token.replace(core, spelled[core])
            elif core.isalpha() and words.get(core, 0) <= 1:
                joined = solid_compound(core)  # "evidencebased": a line joined at its hyphen
                if joined is not None:
                    tokens[i] = token.replace(core, joined)
        long_line = len(text) > width * JOINED_LINE
        # Each a fallback of the one before: a compound, a number word, a solid word.
        if (
            long_line
            and not _join_compounds(tokens, words, width, spaced)
            and not _hyphen_number(tokens)
        ):
            _split_joined_compound(tokens, words, parts, width, stems)
        text = " ".join(tokens)
        out.append(text)
    return out


def _join_compounds(
    tokens: list[str], words: dict[str, int], width: int, spaced: dict[str, int]
) -> bool:
    """Put back the hyphen of each compound a joined line was broken at ("cost effective").

    A line took in the next wherever it ended in a hyphen, so a line of three printed
    lines ("climate change related ... climate change related") has two joins, each
    about a line's width after the one before.
    """
    found = False
    start = 0  # where the printed line holding the next join begins
    at = 0  # where tokens[i] begins
    lo, hi = width * (1 - 2 * JOIN_WINDOW), width * (1 + JOIN_WINDOW)
    length = len(" ".join(tokens))
    for i in range(len(tokens) - 1):
        at += len(tokens[i]) + 1  # now where tokens[i + 1] begins
        a, b = tokens[i].lstrip(_EDGE), tokens[i + 1].rstrip(_EDGE)
        if not (a.isalpha() and b.isalpha()):  # an emptied token is no word either
            continue
        near = start + lo <= at <= start + hi
        # A compound the document spells with its hyphen may stand anywhere in the line
        # for its first join; a later join must lie where a line's width puts it.
        known = near or (not found and words.get(f"{a}-{b}", 0))
        if known and _hyphen_evidence(a, b, words, spaced):
            start = at  # the printed line holding the next join begins with b
            at -= len(tokens[i]) + 1  # tokens[i + 1] takes tokens[i] in
            tokens[i + 1] = f"{tokens[i]}-{tokens[i + 1]}"
            tokens[i] = ""
            found = True
            if length - start <= width * JOINED_LINE:
                break  # what follows b is one printed line
    if found:
        tokens[:] = [t for t in tokens if t]
    return found


def _note_hyphens(text: str, words: dict[str, int], spaced: dict[str, int]) -> str:
    """A note's lines come joined, so where a line broke is unknown: only a compound the
    document prints with its hyphen at least twice is put back ("Secretary General")."""
    tokens = text.split(" ")
    for i in range(len(tokens) - 1):
        a, b = tokens[i].lstrip(_EDGE), tokens[i + 1].rstrip(_EDGE)
        n = words.get(f"{a}-{b}", 0)
        if a.isalpha() and b.isalpha() and n >= 2 and n >= spaced.get(f"{a}-{b}", 0):
            tokens[i] = f"{tokens[i]}-{tokens[i + 1]}"
            tokens[i + 1] = ""
    return " ".join(t for t in tokens if t)


def _hyphen_number(tokens: list[str]) -> bool:
    """ "twenty first", "thirty seventh" in a joined line: a number word broken at its hyphen."""
    for i in range(len(tokens) - 1):
        if is_number_pair(tokens[i].lstrip(_EDGE), tokens[i + 1].rstrip(_EDGE)):
            tokens[i : i + 2] = [f"{tokens[i]}-{tokens[i + 1]}"]
            return True
    return False


def _split_joined_compound(
    tokens: list[str],
    words: dict[str, int],
    parts: dict[str, int],
    width: int,
    stems: frozenset[str],
) -> None:
    """Put back the hyphen of the compound a joined line was broken at ("genderbalanced").

    The line took in the next one where the first ended in a hyphen, so the join lies
    about a full line's width in. A word there that the document never spells elsewhere,
    made of two words it uses ("gender", "balanced" or another form of it: "balance"),
    is that compound. The first line may be short by a paragraph's indent.
    """
    best: tuple[int, int, int] | None = None
    at = 0
    for i, token in enumerate(tokens):
        core = token.strip(_EDGE)
        start = at + token.find(core) if core else at
        at += len(token) + 1
        if len(core) < 5 or not core.isalpha() or words.get(core, 0) > 1:
            continue
        for k in range(2, len(core) - 1):
            left, right = core[:k], core[k:]
            both = all(parts.get(w, 0) or stem_of(w) in stems for w in (left, right))
            # "gender" + "balanced": a word of the document, then a lowercase rest of a
            # word's size; ranked after the splits into two known words.
            one = parts.get(left, 0) and k >= 3 and len(right) >= 3 and right.islower()
            if not (both or one):
                continue
            miss = (0 if both else width) + abs(start + k - width)
            inside = width * (1 - 2 * JOIN_WINDOW) <= start + k <= width * (1 + JOIN_WINDOW)
            if inside and (best is None or miss < best[0]):
                best = (miss, i, k)
    if best is not None:
        _, i, k = best
        core = tokens[i].strip(_EDGE)
        tokens[i] = tokens[i].replace(core, f"{core[:k]}-{core[k:]}", 1)


def _rejoin(text: str, words: dict[str, int], stems: frozenset[str] = frozenset()) -> str:
    """Close the gaps pdftotext opened inside words, on the document's own evidence.

    A hyphen with a space before it joins ("sub -item", "system - wide") unless it
    waits for its word ("owned and -led"). Two pieces of letters are one word where
    the document spells them joined elsewhere and neither is a word of its own in it
    ("othe rs": "others" yes, "othe" and "rs" only here; "up on" stays).
    """
    tokens = text.split()
    out: list[str] = []
    for i, token in enumerate(tokens):
        if out and i + 1 < len(tokens) and _joins_next(out[-1], token, tokens[i + 1], words):
            tokens[i + 1] = token + tokens[i + 1]  # "of w omen": the piece opens the next word
            continue
        if (
            len(out) > 1
            and out[-1] == "-"
            and token[:1].isalpha()
            and _PIECE_RE.match(out[-2].lstrip(_EDGE))
            and not SUSPENDED.fullmatch(out[-2])
        ):
            out.pop()
            out[-1] = f"{out[-1]}-{token}"
            continue
        if out and out[-1].endswith("(") and not token.startswith("("):
            out[-1] += token  # "GC( 67)/RES/15", "( TD/541/Add.2)", "( Official Records"
            continue
        if out and _SYMBOL_HEAD_RE.search(out[-1]) and _SYMBOL_TAIL_RE.match(token):
            out[-1] += token  # "UNCTAD/DITC/TED/20 23/1": a document symbol torn apart
            continue
        code = out and _CODE_TAIL_RE.match(token) and out[-1][-1:].isalnum()
        if code and not SUSPENDED.fullmatch(out[-1]):
            out[-1] += token  # "IOC/A -32/Decisions", "Post -2020"
            continue
        if out and _COMPOUND_TAIL_RE.match(token.rstrip(_EDGE)) and out[-1][-1:].isalnum():
            out[-1] += token  # "out -of-pocket", "10 -year"
            continue
        if out and _dash_set_back(out[-1], token, tokens[i + 1] if i + 1 < len(tokens) else ""):
            out[-1] += token  # "neo- Nazism", "3– 14", "3 – 14": see _dash_set_back
            continue
        possessive = token.rstrip(_EDGE) in POSSESSIVE_ENDINGS or token == "\u2019"
        if out and possessive and out[-1][-1:].isalpha():
            out[-1] += token  # "world ’s", "seafarers ’ challenges"
            continue
        if out and _TAIL_RE.match(token.rstrip(_EDGE)):
            prev = out[-1]
            left = prev.lstrip(_EDGE)
            right = token.rstrip(_EDGE)
            if _PIECE_RE.match(left) and _joins(left, right, words, stems):
                out[-1] = prev + token
                continue
        out.append(token)
    if (
        len(out) > 1
        and out[-1] == "-"
        and _PIECE_RE.match(out[-2].lstrip(_EDGE))
        and not SUSPENDED.fullmatch(out[-2])
    ):
        out[-2:] = [out[-2] + "-"]  # "awareness -" / "raising": a line-end hyphen
    return _SPACE_PUNCT_RE.sub("", " ".join(out))


_DAY_RE = re.compile(r"(?<!\d)\d{1,2}$")  # "3", "10": a day of a range, not a year


def _dash_set_back(prev: str, token: str, nxt: str) -> bool:
    """A space beside a dash that poppler prints but the page does not show: the PDF
    sets the dash or the next glyph back over it ("neo-Nazism", "LC-LP.2", "3–14"), as
    the PDF reader measures. A lowercase word after a hyphen is a suspended compound
    ("medium- and long-term") and keeps its space; so does a year's dash, which the
    PDFs print with a visible space ("1 August 2015– 31 December 2016").
    """
    if len(prev) > 1 and prev[-1] in "-\u2013" and prev[-2].isalnum():
        day = _DAY_RE.search(prev[:-1]) is not None
        return token[:1].isupper() or (day and token[:1].isdigit())
    return token == "\u2013" and _DAY_RE.search(prev) is not None and nxt[:1].isdigit()


def _joins_next(prev: str, piece: str, nxt: str, words: dict[str, int]) -> bool:
    """Does a piece that is no word belong to the next word rather than the previous?"""
    if not is_fragment(piece) or not _PIECE_RE.match(nxt.rstrip(_EDGE)) or not nxt[:1].islower():
        return False
    ahead = words.get(piece + nxt.rstrip(_EDGE), 0)
    return ahead > words.get(prev.lstrip(_EDGE) + piece, 0)


def _joins(
    left: str, right: str, words: dict[str, int], stems: frozenset[str] = frozenset()
) -> bool:
    if right.startswith("-"):
        return not SUSPENDED.fullmatch(left)
    if not right[:1].islower():
        return False
    if is_fragment(left) or is_fragment(right):
        return True  # "th ese", "operator s": a piece no English word could be
    if is_split_word(left, right):
        return True  # "disci plines": an English word, and the pieces are not both words
    whole = words.get(left + right, 0)
    if not whole:
        # "se eking", "peopl e": the word is not spelled whole elsewhere, but its stem is
        # the document's ("seeks", "people's") and neither piece is a word of it ("a war",
        # "of tenancy" stay: "a" and "of" are).
        counts = sorted((words.get(left, 0), words.get(right, 0)))
        lone = counts[0] <= 1 and counts[1] <= 2
        return lone and stem_of(left + right) in stems  # "De signation": "designated"
    if whole >= 3 and whole >= 2 * max(words.get(left, 0), words.get(right, 0)):
        return True  # "inter national": the whole word is far more common here than either piece
    # "cal led", "the ir": a piece that is no word of the document elsewhere, nor an
    # English word ("follow up on" stays).
    return any(words.get(w, 0) <= 1 and w.lower() not in SHORT_WORDS for w in (left, right))


# A marker pdftotext printed as a word of its own: "Convention 23 and", "Secretariat; 24".
_SPACED_MARKER = r"(?<=[^\W\d_]|[)\]\u201d\u2019\"'.,;:]|\d) ({})(?=[ ,.;:]|$)"
# "resolution 5/14 11", "decision VII/11 15": a symbol ending in a number before the marker.
_SYMBOL_END_RE = re.compile(r"/[\w.-]*\d$")


def _anchor_spaced_markers(
    texts: list[str], markers: list[str], seen: dict[str, set[str]] | None = None
) -> list[str]:
    """Anchor the page's markers that the shared marker rules would reject.

    pdftotext prints a raised marker as a number between spaces, where the rules of
    `footnotes.candidates` see a quantity ("the Convention 23 and"). A note printed on
    this page has its marker in this page's text, in the notes' order: where the shared
    rules find no place for it after the previous one, its first spaced occurrence
    there is taken, unless a function word, month or abbreviation stands before it.
    """
    out = list(texts)
    k, pos = 0, 0
    for marker in markers:
        hit = _generic_hit(out, marker, k, pos)
        if hit is None:
            hit = _spaced_hit(out, marker, k, pos)
            if hit is not None:
                i, start, end = hit
                out[i] = out[i][:start] + anchor(marker) + out[i][end:]
                hit = (i, start, start + len(anchor(marker)))
        if hit is not None:
            k, start, pos = hit
            if seen is not None:
                seen.setdefault(marker, set()).add(_word_before(out[k], start))
    return out


def _word_before(text: str, at: int) -> str:
    return text[:at].rstrip().rsplit(" ", 1)[-1]


def _anchor_repeats(
    pages: list[tuple[list[str], set[str]]], seen: dict[str, set[str]]
) -> list[tuple[list[str], set[str]]]:
    """A note cited again on a later page after the same words ("of 12 August 1949, 2"
    on page 1 and page 3): pdftotext prints the second marker spaced as well. Where such
    a repeat is found, every spaced occurrence after those words is anchored, the first
    one too, so that the marker is not sought a second time."""
    pages = [(list(texts), here) for texts, here in pages]
    for marker, befores in seen.items():
        pattern = re.compile(_SPACED_MARKER.format(re.escape(marker)))
        hits = [
            (n, i, m)
            for n, (texts, _) in enumerate(pages)
            for i, text in enumerate(texts)
            for m in pattern.finditer(text)
            if _word_before(text, m.start()) in befores
        ]
        if not any(marker not in pages[n][1] for n, _, _ in hits):
            continue
        for n, i, m in reversed(hits):
            text = pages[n][0][i]
            pages[n][0][i] = text[: m.start()] + anchor(marker) + text[m.end() :]
    return pages


def _generic_hit(texts: list[str], marker: str, k: int, pos: int) -> tuple[int, int, int] | None:
    for i in range(k, len(texts)):
        for c in candidates(texts[i]):
            if c.marker == marker and (i > k or c.start >= pos):
                return i, c.start, c.end
    return None


def _spaced_hit(texts: list[str], marker: str, k: int, pos: int) -> tuple[int, int, int] | None:
    pattern = re.compile(_SPACED_MARKER.format(re.escape(marker)))
    for i in range(k, len(texts)):
        for m in pattern.finditer(texts[i], pos if i == k else 0):
            before = texts[i][: m.start()].rstrip(_EDGE).rsplit(" ", 1)[-1].lower()
            if texts[i][m.start() - 1].isdigit() and not _SYMBOL_END_RE.search(before):
                continue  # "2015 3": a number before a number is a quantity
            if before in FUNCTION_WORDS or before in MONTH_WORDS:
                continue
            if texts[i][m.start() - 1] == "." and before in ABBREVIATIONS:
                continue
            return i, m.start(), m.end()
    return None


def _is_layout_mode(pages: list[str]) -> bool:
    lines = [ln for p in pages for ln in p.split("\n") if ln.strip()]
    indented = sum(1 for ln in lines if ln.startswith("    "))
    return indented * 2 > len(lines)


def _symbol(pages: list[str]) -> str | None:
    """The document symbol, printed at the top of every later page (the running head)."""
    for page in pages[1:3]:
        for ln in page.split("\n")[:6]:
            cells = CELL_GAP_RE.split(ln.strip())
            for cell in cells:
                if re.fullmatch(r"[AES]/\S+", cell):
                    return cell
    return None


def _running_heads(pages: list[str], symbol: str | None) -> frozenset[str]:
    """Lines that open later pages: the symbol, and the running title where it recurs."""
    tops: dict[str, int] = {}
    heads: set[str] = set()
    for page in pages[1:]:
        raws = [ln.strip() for ln in page.split("\n") if ln.strip()][:HEAD_LINES]
        for i, raw in enumerate(raws):
            line = collapse(raw)
            cells = CELL_GAP_RE.split(raw)
            if symbol is not None and symbol in cells and (i == 0 or len(cells) > 1):
                heads.add(line)
            tops[line] = tops.get(line, 0) + 1
    heads.update(t for t, n in tops.items() if n >= 2 and len(pages) > 2)
    return frozenset(heads)


def _split_page(
    raw: list[str],
    number: int,
    heads: frozenset[str],
    removed: list[Removal],
    hints: dict[str, object],
) -> tuple[list[tuple[int, str]], list[str]]:
    """Body lines (indent, text) and footnote-area lines of one page, furniture removed."""
    kept: list[tuple[int, str]] = []
    seen = 0
    in_head = number > 1  # the running head runs from the top until the first body line
    for ln in raw:
        stripped = ln.strip()
        if not stripped:
            kept.append((0, ""))
            continue
        seen += 1
        reason = _furniture(stripped, number)
        if reason is None and in_head and seen <= HEAD_LINES and collapse(stripped) in heads:
            reason = "running-head"
        elif reason is None:
            in_head = False
        if reason is not None:
            if reason == "job-number" and "job_number" not in hints:
                m = re.match(r"\d{2}-\d{5}", stripped)
                if m:
                    hints["job_number"] = m.group(0)
            removed.append(Removal(collapse(stripped), reason, number))
            continue
        kept.append((len(ln) - len(ln.lstrip(" ")), _LINE_END_DASH_RE.sub("\u2013", ln.rstrip())))
    rule = next((i for i in range(len(kept) - 1, -1, -1) if RULE_RE.match(kept[i][1])), None)
    if rule is None:
        body, area = kept, []
    else:
        removed.append(Removal(kept[rule][1].strip(), "footnote-rule", number))
        body, area = kept[:rule], [t for _, t in kept[rule + 1 :]]
    # A bare page number ("2" in older documents) ends the page or sits in its notes.
    _drop_bare_page_number(body, area, number, removed)
    return body, area


def _drop_bare_page_number(
    body: list[tuple[int, str]], area: list[str], number: int, removed: list[Removal]
) -> None:
    if number < 2:
        return
    label = str(number)
    for i in range(len(area) - 1, -1, -1):
        if area[i].strip() == label and not _marker_in_sequence(area, i):
            removed.append(Removal(label, "page-number", number))
            del area[i]
            return
    for i in range(len(body) - 1, -1, -1):
        text = body[i][1].strip()
        if not text:
            continue
        if text == label:
            removed.append(Removal(label, "page-number", number))
            del body[i]
        return


def _marker_in_sequence(area: list[str], index: int) -> bool:
    """Is the bare number at `index` one of the footnote markers the area runs through?"""
    markers = [int(t.strip()) for t in area if t.strip().isdigit() and len(t.strip()) <= 3]
    value = int(area[index].strip())
    others = [m for j, m in enumerate(markers) if m != value or j < 0]
    if not others:
        return len(markers) == 1 and _has_body(area)
    lo, hi = min(others), max(others)
    return lo - 1 <= value <= hi + 1 and value not in others


def _has_body(area: list[str]) -> bool:
    return any(t.strip() and not MARKER_ONLY_RE.match(t.strip()) for t in area)


def _read_area(area: list[str], page: int, footnotes: list[RawFootnote]) -> None:
    """Footnote bodies under a rule: markers on lines of their own or before their text.

    Plain mode may print a marker after the bodies; markers run on from the last
    footnote, so the k-th marker of the page belongs to its k-th body. Bodies are
    told apart by the lines that follow a marker and, where markers were printed
    apart from their bodies, by a full stop at a line end followed by a capital.
    """
    entries = [collapse(t) for t in area if t.strip()]
    if not entries:
        return
    markers: list[str] = []
    starts: set[int] = set()
    texts: list[str] = []
    for entry in entries:
        if MARKER_ONLY_RE.match(entry):
            markers.append(entry)
            starts.add(len(texts))
            continue
        m = ITEM_RE.match(entry)
        if m and (m.group(1).startswith("*") or int(m.group(1)) == _expected(footnotes, markers)):
            markers.append(m.group(1))
            starts.add(len(texts))
            texts.append(m.group(2))
            continue
        texts.append(entry)
    if not markers:
        if footnotes:  # a note continued from the previous page
            _extend(footnotes, texts)
        return
    markers = _ordered(markers)
    lead = min(starts) if starts else 0
    # Markers printed after every body ("7", body, "8", body, "5", "6") own the lines
    # before the first marker; otherwise those lines carry on the previous page's note.
    late = len(texts) in starts
    if lead and footnotes and lead < len(texts) and not late:
        _extend(footnotes, texts[:lead])  # continued from the previous page
        texts = texts[lead:]
        starts = {s - lead for s in starts}
    groups = _group(texts, len(markers), starts)
    for marker, lines in zip(markers, groups, strict=False):
        body = ""
        for line in lines:
            body = _join(body, line) if body else line
        footnotes.append(RawFootnote(marker, body, page))


def _expected(footnotes: list[RawFootnote], markers: list[str]) -> int:
    numeric = [int(m) for m in markers if m.isdigit()]
    return numeric[-1] + 1 if numeric else next_numeric(footnotes)


def _ordered(markers: list[str]) -> list[str]:
    """Asterisks first, then numbers in their running order."""
    stars = [m for m in markers if not m.isdigit()]
    numbers = sorted({m for m in markers if m.isdigit()}, key=int)
    return stars + numbers


def _group(texts: list[str], n: int, starts: set[int]) -> list[list[str]]:
    if n <= 0 or not texts:
        return []
    if len(texts) <= n:
        return [[t] for t in texts]
    cuts = {s for s in starts if 0 < s < len(texts)}
    if len(cuts) > n - 1:
        cuts = set(sorted(cuts)[: n - 1])
    need = n - 1 - len(cuts)
    if need > 0:
        candidates = [
            i
            for i in range(1, len(texts))
            if i not in cuts and texts[i - 1].endswith(".") and texts[i][:1].isupper()
        ]
        # Prefer the cuts after the shortest lines: a wrapped line runs to the margin.
        candidates.sort(key=lambda i: (len(texts[i - 1]), i))
        cuts |= set(candidates[:need])
    bounds = [0, *sorted(cuts), len(texts)]
    return [texts[a:b] for a, b in itertools.pairwise(bounds) if b > a]


def _extend(footnotes: list[RawFootnote], texts: list[str]) -> None:
    last = footnotes[-1]
    body = last.text
    for t in texts:
        body = _join(body, t)
    footnotes[-1] = RawFootnote(last.marker, body, last.page)


def _join(left: str, right: str) -> str:
    if left.endswith("-") and right[:1].islower():
        return left + right
    return f"{left} {right}"


def _split_cover_cells(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """-layout prints the cover in two columns ("General Assembly   Distr.: Limited").

    A viewer copy joins them with one space ("United Nations A/80/L.10").
    """
    out: list[tuple[int, str]] = []
    in_cover = True
    for indent, text in body:
        if in_cover and GA_LINE_RE.match(text):
            in_cover = False
        if in_cover and text.strip():
            cells = CELL_GAP_RE.split(text.strip())
            if len(cells) > 1 and any(COVER_LINES.match(c) for c in cells):
                out.extend((indent, c) for c in cells)
                continue
            m = COVER_PAIR_RE.match(text.strip())
            if m and (md.SYMBOL_LINE_RE.match(m.group(2)) or COVER_LINES.match(m.group(2))):
                out.extend((indent, c) for c in m.groups())
                continue
        out.append((indent, text))
    return out


_LABEL_LINE_RE = re.compile(r"^(\d{1,3})\.\s")
_BARE_LABEL_RE = re.compile(r"^(\d{1,3}) +(?=[A-Z][a-z])")


def _stop_bare_labels(pages: list[list[tuple[int, str]]]) -> list[list[tuple[int, str]]]:
    """A paragraph number printed without its full stop ("26 Condemns", A/RES/79/160)
    is the label the PDF reader sees by its tab gap: the next number after the last
    "25." label, before an operative verb. It gets the full stop the builder expects."""
    last = 0
    out: list[list[tuple[int, str]]] = []
    for body in pages:
        page: list[tuple[int, str]] = []
        for indent, text in body:
            line = text.strip()
            m = _LABEL_LINE_RE.match(line)
            if m:
                last = int(m.group(1))
            m = _BARE_LABEL_RE.match(line)
            if m and int(m.group(1)) == last + 1 and looks_operative_verb(line[m.end() :]):
                last += 1
                text = f"{m.group(1)}. {line[m.end() :]}"
            page.append((indent, text))
        out.append(page)
    return out


def _full_width(pages: list[list[tuple[int, str]]]) -> int:
    lengths = sorted(len(t.strip()) for page in pages for _, t in page if t.strip())
    return lengths[int(len(lengths) * 0.8)] if lengths else 0


def _paragraphs(
    body: list[tuple[int, str]],
    layout_mode: bool,
    width: int,
    first_page: bool,
    names: frozenset[str] = frozenset(),
) -> list[str]:
    """The body lines with a blank line wherever a paragraph ends.

    A line that carries on a paragraph but opens with a capitalized word after a comma
    ("Smuggling," then "Trafficking in Persons") is joined to the line before, so that
    the structure builder does not take it for a new preambular paragraph.
    """
    indents = [i for i, t in body if t.strip()]
    base = max(set(indents), key=lambda i: (indents.count(i), -i)) if indents else 0
    if not layout_mode:
        body = _labels_first(body)
    body = [(i, t.strip()) for i, t in body if t.strip()]
    sponsors, runs_on = _sponsor_runs([t for _, t in body]) if first_page else (set(), set())
    out: list[str] = []
    prev = ""
    prev_indent = base
    in_header = first_page
    amendment = False  # an amendment's header has no "The General Assembly," to end it
    titles_left, agenda_at = 0, 0  # agenda items whose titles are still to come
    for k, (indent, text) in enumerate(body):
        if in_header and GA_LINE_RE.match(text):
            in_header = False
        if in_header and amendment and AMENDMENT_OPENER_RE.match(text):
            in_header = False  # "In operative paragraph 2, delete ...": the body
            out.append("")
        amendment = amendment or bool(in_header and md.AMENDMENT_RE.search(text))
        agenda = md.AGENDA_RE.match(text) if in_header else None
        if agenda:
            titles_left = len(md.split_agenda_items(agenda.group(1))) - 1
            agenda_at = k  # the first item's title follows on the next line
        if in_header:
            if out and LONE_TITLE_NUMBER_RE.match(out[-1]):
                out[-1] = f"{out[-1]} {text}"  # "80/189." printed above its title
                prev = out[-1]
                continue
            if k in sponsors or k in runs_on or prev.endswith(","):
                brk = k in sponsors  # a list of sponsors runs on over its commas
            elif titles_left and k > agenda_at + 1 and _next_agenda_title(prev, text):
                titles_left -= 1  # "Agenda items 13 and 75": the second item's title
                brk = True
            else:
                brk = _header_break(prev, text)
                # -layout: the agenda block sits at the margin, sponsors and title indented
                # (a numbered title's second line too).
                shifted = abs(indent - prev_indent) > 2 and not md.NUMBERED_TITLE_RE.match(prev)
                brk = brk or (layout_mode and bool(out) and shifted)
        else:
            brk = _ends_paragraph(prev, text, prev_indent, indent, base, layout_mode, width, names)
        if out and out[-1] and brk:
            out.append("")
        elif out and out[-1] and not in_header and _carries_on(prev, text, layout_mode, names):
            out[-1] = f"{out[-1]} {text}"
            prev, prev_indent = text, indent
            continue
        out.append(text)
        prev, prev_indent = text, indent
    return out


def _next_agenda_title(prev: str, text: str) -> bool:
    """A capitalized line after an agenda title's last line opens the next item's title."""
    if not prev or not text[:1].isupper() or prev.endswith((",", "-", "\u2013")):
        return False
    return prev.rsplit(" ", 1)[-1] not in FUNCTION_WORDS


def _sponsor_runs(texts: list[str]) -> tuple[set[int], set[int]]:
    """Where each sponsors line ("Albania, ..., Zambia:* draft resolution") begins, and
    the lines that carry it on."""
    starts: set[int] = set()
    inside: set[int] = set()
    for k, text in enumerate(texts):
        if GA_LINE_RE.match(text):
            break
        if md.SPONSORS_RE.match(text) or md.DRAFT_ONLY_RE.match(text):
            j = k
            if md.DRAFT_ONLY_RE.match(text) and j > 0 and texts[j - 1].rstrip("*").endswith(":"):
                j -= 1  # "... and State of Palestine:*" / "draft resolution"
            while j > 0 and not md.AGENDA_RE.match(texts[j - 1]):
                full = max(len(t) for t in texts[j : k + 1]) * SHORT_LINE
                # A list wraps at commas or mid-name ("Saint Vincent and the" / "Grenadines").
                # "Russian Federation and" / "Venezuela (Bolivarian Republic of): draft ..."
                last = texts[j - 1].rsplit(" ", 1)[-1]
                wraps = texts[j - 1].endswith(",") or texts[j][:1].islower()
                wraps = wraps or ("," in texts[j - 1] and last in FUNCTION_WORDS)
                # A full line runs on only if it is a list too: an agenda title is no list.
                full_list = j < k and len(texts[j - 1]) >= full and "," in texts[j - 1]
                if not (wraps or full_list or _names_list(texts[j - 1])):
                    break
                j -= 1
            if j < k:
                starts.add(j)
                inside.update(range(j + 1, k + 1))
    return starts, inside


def _names_list(text: str) -> bool:
    """ "Belarus, Democratic People’s Republic of Korea, Lao People’s Democratic": a line of
    capitalized names between commas (an agenda title has lowercase words after its commas)."""
    parts = text.split(", ")
    return len(parts) >= 3 and all(p[:1].isupper() for p in parts)


def _carries_on(prev: str, text: str, layout_mode: bool, names: frozenset[str]) -> bool:
    if not prev.endswith(CLAUSE_END) or not text[:1].isupper() or LABEL_LINE_RE.match(text):
        return False
    if layout_mode:
        return True  # no first-line indent: the paragraph goes on
    return text.split(" ", 1)[0].strip(",;") in names


def _mid_line_names(texts: list[str]) -> frozenset[str]:
    """Capitalized words the document uses inside sentences ("Fight Human Trafficking")."""
    found: set[str] = set()
    for text in texts:
        found.update(_MID_CAP_RE.findall(text))
    return frozenset(found)


def _labels_first(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Plain mode may print a paragraph number after its first line: put it back before.

    "Adopts the present resolution ... Global", "1.", "Plan of Action ...": the line
    before the number opens an operative paragraph and the line after it does not.
    """
    lines = [(i, t) for i, t in body if t.strip()]
    for k in range(1, len(lines) - 1):
        label = lines[k][1].strip()
        if not LONE_NUMBER_RE.match(label):
            continue
        before, after = lines[k - 1][1].strip(), lines[k + 1][1].strip()
        opener = looks_operative_verb(before) and not LONE_NUMBER_RE.match(before)
        runs_on = after[:1].islower() or not looks_operative_verb(after)
        starts = k < 2 or lines[k - 2][1].strip().endswith(SENTENCE_END)
        if opener and runs_on and starts:
            lines[k - 1], lines[k] = lines[k], lines[k - 1]
    # "3.", "2026;", "Welcomes ... on 17 January": the last line printed before the first.
    for k in range(len(lines) - 2):
        if not LONE_NUMBER_RE.match(lines[k][1].strip()):
            continue
        tail, first = lines[k + 1][1].strip(), lines[k + 2][1].strip()
        early = not tail[:1].isupper() and tail.endswith(SENTENCE_END)
        if early and looks_operative_verb(first) and not first.endswith(SENTENCE_END):
            lines[k + 1], lines[k + 2] = lines[k + 2], lines[k + 1]
    return lines


def _opens(text: str, names: frozenset[str]) -> bool:
    """Does the line open a preambular or operative paragraph ("Recalling also ...")?"""
    word = text.split(" ", 1)[0]
    if not word[:1].isupper() or word in names:
        return False
    return looks_preambular(text) or looks_operative_verb(text)


def _ends_paragraph(
    prev: str,
    text: str,
    prev_indent: int,
    indent: int,
    base: int,
    layout_mode: bool,
    width: int,
    names: frozenset[str] = frozenset(),
) -> bool:
    if layout_mode and indent > base + 2:
        if indent > prev_indent + 1:
            return True  # a first-line indent
        # An indented block ("(i) ... to promote," / "develop, where ...") goes on.
        return prev.endswith(SENTENCE_END) and not text[:1].islower()
    if layout_mode and prev_indent > base + 2:
        return False  # the first line of a paragraph, short by its indent
    bare = TRAILING_MARKER_RE.sub("", prev)  # "Rights Council, 1": the marker ends the line
    if bare != prev and bare.endswith(CLAUSE_END) and _opens(text, names):
        return True  # the structure builder would not see the comma behind the marker
    prev = bare
    if prev.endswith(":") and _opens(text, names):
        return True  # "..., reading:" then the paragraph it quotes ("Notes with alarm ...")
    if not layout_mode and prev.endswith(SENTENCE_END) and _heading_line(text, width):
        return True  # "... satellite-based systems." (a full line) / "Partnerships and support"
    if len(prev) >= width * SHORT_LINE:
        return False
    if NUMBERED_LINE_RE.match(text):
        return True
    if prev.endswith(";") and text[:1].isupper():
        return True  # "...well-being;" / "We therefore commit to urgently:"
    if prev.endswith(CLAUSE_END):
        # Mostly left to the structure builder, which knows the preambular openers;
        # an operative verb after the last preambular paragraph is seen here.
        return text[:1].isupper() and looks_operative_verb(text)
    if prev.endswith(SENTENCE_END):
        return True
    # No punctuation: a heading's last line, if a capital word ends it and one follows.
    last = prev.rsplit(" ", 1)[-1]
    heading = len(prev) < width * HEADING_LINE and not LONE_NUMBER_RE.match(prev.split(" ")[0])
    # "Follow up" / "In order to ...": a short capitalized line ends where it stops.
    # A line ending in "of the" goes on whatever its length.
    opened = prev[:1].isupper() and last.lower() not in FUNCTION_WORDS
    return heading and (last[:1].isupper() or opened) and text[:1].isupper()


def _heading_line(text: str, width: int) -> bool:
    """A short capitalized line that ends in a letter: only a heading stops without
    punctuation or a marker, so it opens a block even after a full line."""
    short = len(text) < width * HEADING_LINE and text[-1:].isalpha()
    return short and text[:1].isupper() and not LABEL_LINE_RE.match(text)


# Header lines that stand alone: each is a block of its own for `structure.read_header`.
_HEADER_SINGLE = (
    md.SPONSORS_RE,
    md.SUBMITTED_RE,
    md.DRAFT_ONLY_RE,
    md.ADOPTED_RE,
    md.BRACKET_RE,
    md.COVER_LINES,
    md.DATE_LINE_RE,
    md.SYMBOL_LINE_RE,
    md.COMMITTEE_LINE_RE,
)
# Header lines that open a block: what follows them may belong to them.
_HEADER_OPENS = (md.SESSION_RE, md.NUMBERED_TITLE_RE)


def _header_break(prev: str, text: str) -> bool:
    """The cover and header lose their blank lines too: they are put back by line kind."""
    if not prev or text[:1].islower():
        return False  # "Resolution adopted by the General Assembly" / "on 15 December 2025"
    if text[:1] == "(" and md.SUBMITTED_RE.match(prev):
        return False  # "... submitted by the Vice-Chair ..., Jenni Mikkola" / "(Finland), on"
    if prev.rsplit(" ", 1)[-1] in FUNCTION_WORDS:
        return False  # "... special session of the" / "General Assembly"
    if any(p.match(prev) for p in _HEADER_SINGLE):
        return True
    return any(p.match(text) for p in (*_HEADER_SINGLE, *_HEADER_OPENS))
