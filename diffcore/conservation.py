"""Conservation: every word of the input ends up somewhere in the `Document`.

A reader may move a word into a paragraph, a footnote, a metadata value or the list of
removed page furniture (`Document.removed`), but never drop it silently. `account`
compares the multiset of input words with the multiset of words the document holds and
reports the input words found nowhere: a reader bug, or furniture it forgot to record.

Words are compared casefolded and without punctuation ("A/RES/80/9" is "ares809"), so a
label "(a)" matches the number "5(a)" and quotes or dashes never count. Two layout
effects are undone rather than counted as losses:
- a word broken across a line-end hyphen ("inter-" / "national") is one word, and text
  extraction may break or join a word differently from the reader ("soci al");
- a footnote marker glued to its word in the input ("Persons1", "20172") is the word
  plus a marker the paragraph lists in `footnote_refs`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .footnotes import ANCHOR_CLOSE, ANCHOR_OPEN
from .lang import Language
from .lang import get as get_language
from .model import Document
from .structure import printed_headings, roman_value
from .textutil import normalize_chars

# A hyphen ending a line before a word goes on: the two halves are one word.
_LINE_END_HYPHEN = re.compile(r"(?<=\w)[-\u00ad\u2010\u2011][ \t]*\n[ \t]*(?=\w)")
_ANCHORS = re.compile(f"[{ANCHOR_OPEN}{ANCHOR_CLOSE}]")
# Scripts written without spaces between words: every character is a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W_]+")
_MAX_SPLIT = 3  # pieces a word may be broken into by extraction


def words(text: str) -> list[str]:
    """The comparable words of `text`: casefolded runs of letters and digits.

    Hyphens, slashes and stops separate words, so "non- discrimination" and
    "non-discrimination" count alike.
    """
    text = unicodedata.normalize("NFKC", normalize_chars(text)).casefold()
    if _UNSPACED.search(text):
        text = _UNSPACED.sub(r" \g<0> ", text)
    return _WORD.findall(text)


def input_sequence(text: str) -> list[str]:
    """Words of an input text in order, with words broken at a line-end hyphen joined."""
    return words(_LINE_END_HYPHEN.sub("", text))


def input_words(text: str) -> Counter[str]:
    return Counter(input_sequence(text))


def document_words(doc: Document) -> tuple[Counter[str], Counter[str]]:
    """(words the document holds, footnote markers its paragraphs cite)."""
    held: Counter[str] = Counter()
    markers: Counter[str] = Counter()
    language = get_language(doc.metadata.language)
    for para in doc.paragraphs:
        held.update(words(para.text))
        if para.number:
            held.update(words(para.number))
            held.update(words(" ".join(printed_labels(para.number, language))))
        markers.update(words(" ".join(para.footnote_refs)))
    for note in doc.footnotes:
        held.update(words(note.marker))
        held.update(words(note.text))
    for value in doc.metadata.to_dict().values():
        held.update(words(" ".join(_strings(value))))
    for removal in doc.removed:
        held.update(words(removal.text))
    return held, markers


_LABEL_PART_RE = re.compile(r"\(([a-z]+)\)|^([IVXLC]+|[A-Z])$")


def printed_labels(number: str, language: Language) -> list[str]:
    """How a language prints the labels a number holds in the Latin form readers store:
    "(b)" is "(ب)" in Arabic, "(ii)" may be "’2‘", a section "I" is "一" in Chinese.

    Readers store one form in every language so versions compare; the words printed
    are still the document's, so the accounting reads them back from the language data.
    """
    out: list[str] = printed_headings(number, language)
    for m in _LABEL_PART_RE.finditer(number):
        letters, section = m.group(1), m.group(2)
        if section:
            value = roman_value(section)
            if value and value <= len(language.section_numerals):
                spellings = language.section_numerals[value - 1].split("|")
                out.extend(spelling.replace("_", " ") for spelling in spellings)
            letter = ord(section[0]) - ord("A")
            if len(section) == 1 and letter < len(language.section_letters):
                out.append(language.section_letters[letter])  # "ألف" is section "A"
            continue
        if not letters:
            continue
        value = roman_value(letters)
        if value and language.sub_numerals and value <= len(language.sub_numerals):
            out.append(language.sub_numerals[value - 1])
        if value and value < 40 and language.sub_figures:
            out.append(str(value))  # "’3‘"
        if language.sub_letters and all(ord(ch) - 97 < len(language.sub_letters) for ch in letters):
            printed = " ".join(language.sub_letters[ord(ch) - 97] for ch in letters)
            out.append(printed)
            # A lone Arabic letter may carry a tatweel to show its shape: "(هـ)".
            out.append(" ".join(w + "\u0640" for w in printed.split()))
        if len(letters) == 1 and ord(letters) - 97 < len(language.quoted_letters):
            out.append(language.quoted_letters[ord(letters) - 97])  # "(子)" is "(a)"
        for pair in language.sub_lookalikes:  # "аa": a Cyrillic letter typed for a Latin one
            if pair[1] in letters:
                out.append(letters.replace(pair[1], pair[0]))
    return out


def _strings(value: object) -> Iterable[str]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return (str(v) for v in value)
    return (str(value),)


@dataclass(frozen=True)
class Accounting:
    """How the words of an input are accounted for by a document."""

    input_words: int
    missing: Counter[str]

    @property
    def balanced(self) -> bool:
        return not self.missing

    def summary(self, limit: int = 12) -> str:
        """A one-line account: how many words went missing, the most frequent first."""
        if self.balanced:
            return f"all {self.input_words} words accounted for"
        top = ", ".join(f"{w}×{n}" if n > 1 else w for w, n in self.missing.most_common(limit))
        return f"{sum(self.missing.values())} of {self.input_words} words unaccounted: {top}"


def account(source_text: str, doc: Document) -> Accounting:
    """Which words of `source_text` the document holds nowhere.

    `source_text` is the text the reader started from: the file's text, the words
    pdfium extracts from a PDF, the text of a markup document's content.
    """
    sequence = input_sequence(source_text)
    given = Counter(sequence)
    held, markers = document_words(doc)
    held.update(markers)
    missing = given - held
    if missing:
        surplus = held - given
        _glued_markers(missing, surplus, set(markers))
        _rebroken(missing, surplus, sequence)
    return Accounting(sum(given.values()), missing)


def _take(counter: Counter[str], word: str) -> bool:
    if counter[word] > 0:
        counter[word] -= 1
        if not counter[word]:
            del counter[word]
        return True
    return False


def _glued_markers(missing: Counter[str], surplus: Counter[str], markers: set[str]) -> None:
    """ "persons1" is the word "persons" and the marker "1" (or "20172": "2017" and "2")."""
    for word in list(missing.elements()):
        for cut in range(len(word) - 1, 0, -1):
            head, tail = word[:cut], word[cut:]
            if tail in markers and surplus[tail] > (head == tail) and surplus[head] > 0:
                _take(surplus, tail)
                _take(surplus, head)
                _take(missing, word)
                break


def _rebroken(missing: Counter[str], surplus: Counter[str], sequence: list[str]) -> None:
    """Words the extraction broke or joined differently: "soci al" is "social".

    A missing word that, with its neighbours in the input, spells a word held in
    surplus is that word; a missing word that is two or three surplus words run
    together ("the1995") is those words.
    """
    for i, word in enumerate(sequence):
        if not missing[word]:
            continue
        for size in range(2, _MAX_SPLIT + 1):
            found = next(
                (
                    start
                    for start in range(max(0, i - size + 1), min(i, len(sequence) - size) + 1)
                    if surplus["".join(sequence[start : start + size])] > 0
                ),
                None,
            )
            if found is not None:
                _take(surplus, "".join(sequence[found : found + size]))
                for piece in sequence[found : found + size]:
                    _take(missing, piece)
                break
    for word in sorted(missing.elements(), key=len, reverse=True):
        if not missing[word]:
            continue
        pieces = _split_into(word, surplus, _MAX_SPLIT)
        if pieces is not None:
            for piece in pieces:
                _take(surplus, piece)
            _take(missing, word)


def _split_into(
    word: str, pool: Counter[str], parts: int, used: tuple[str, ...] = ()
) -> list[str] | None:
    """`word` as 2..`parts` consecutive pieces all in `pool` (less the pieces `used`)."""
    for cut in range(1, len(word)):
        head, tail = word[:cut], word[cut:]
        if pool[head] - used.count(head) <= 0:
            continue
        taken = (*used, head)
        if pool[tail] - taken.count(tail) > 0:
            return [head, tail]
        if parts > 2:
            rest = _split_into(tail, pool, parts - 1, taken)
            if rest is not None:
                return [head, *rest]
    return None


def source_text(data: bytes, name: str) -> str:
    """The text a reader starts from: pdfium's words for a PDF, else the decoded text."""
    if data[:8].lstrip().startswith(b"%PDF"):
        return pdf_text(data, name)
    from . import akn
    from .source import decode_text

    if akn.sniff(data):
        return akn_text(data, name)
    from .readers import html

    if html.sniff(data):
        return html_text(data, name)

    return decode_text(data, name).replace("\r\n", "\n").replace("\r", "\n")


def pdf_text(data: bytes, name: str) -> str:
    """Every character pdfium extracts, page by page: what a PDF reader may not lose."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return "\n\n".join(pages).replace("\r\n", "\n").replace("\r", "\n")


def akn_text(data: bytes, name: str) -> str:
    """The text of an Akoma Ntoso document outside its `meta` blocks (the document's
    and each component's)."""
    from lxml import etree

    from .xmlsafe import parse_xml

    root = parse_xml(data, name)
    pieces: list[str] = []
    notes: list[str] = []

    def walk(el: etree._Element) -> None:
        # A note's text goes after the rest: a note set inside a word ("a<note/>nd")
        # leaves the word's pieces adjacent, as the reader joins them.
        pieces.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                if etree.QName(child).localname == "meta":
                    pass  # a component's own metadata block, never printed
                elif etree.QName(child).localname == "authorialNote":
                    notes.append(
                        " " + "".join(t for t in child.itertext() if isinstance(t, str)) + " "
                    )
                else:
                    walk(child)
            pieces.append(child.tail or "")

    for doc in root:
        if not isinstance(doc.tag, str):
            continue
        for part in doc:
            if isinstance(part.tag, str) and etree.QName(part).localname != "meta":
                walk(part)
    return "".join(pieces + notes)


def html_text(data: bytes, name: str) -> str:
    """The text of an HTML page, less the content of code and media elements."""
    from .readers import html
    from .xmlsafe import parse_html

    root = parse_html(html._markup(html.decode(data, name)), name)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and el.tag.lower() in html.NON_TEXT_TAGS:
            tail = el.tail
            el.clear()
            el.tail = tail
    return " ".join(t for t in root.itertext() if isinstance(t, str))
