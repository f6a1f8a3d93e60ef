"""Every language reads to one structure (resdiff issue #11, point 1).

The UN's AKN4UN texts of session 80 (../shared/corpus/akn4un/) are read in each of the
six languages; printed back as plain text with each language's labels and read again,
they must give the same paragraphs; and each language version must have the structure
of the English one (benchmarks/language_structure.py is the full measurement).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

import diffcore
from diffcore import lang
from diffcore.model import Document, Paragraph
from diffcore.readers import html as html_reader

from .conftest import CORPUS_DIR
from .docxgen import document_to_docx
from .test_html_akn import to_html

AKN4UN = CORPUS_DIR / "akn4un"
CODES = ("en", "fr", "es", "ru", "ar", "zh")
# Resolutions with preambles, numbered paragraphs and lettered sub-paragraphs.
SAMPLE = ("A_RES_80_1", "A_RES_80_118", "A_RES_80_68")


TMP = Path(tempfile.mkdtemp(prefix="resdiff-lang-"))


def _akn(stem: str, code: str) -> Path:
    path = AKN4UN / code / f"{stem}.{code}.xml"
    if not path.is_file():
        pytest.skip(f"real AKN4UN text not found at {path} (expected ../shared/corpus)")
    return path


def _label(p: Paragraph, code: str) -> str:
    """The label as the language prints it: "1.", "(a)", Arabic "(أ)" and "’1‘"."""
    if p.kind == "operative" and p.number and p.number.isdigit():
        return f"{p.number}. "
    if p.kind != "subparagraph" or not p.number or not p.number.endswith(")"):
        return ""
    last = p.number[p.number.rindex("(") + 1 : -1]
    letters = lang.get(code).sub_letters
    if letters and len(last) == 1 and p.number.count("(") == 1:
        return f"({letters[ord(last) - ord('a')]}) "
    return f"({last}) "


def plain_text(doc: Document, code: str) -> str:
    """The reading printed as a plain-text resolution: one paragraph a block."""
    blocks = [f"{_label(p, code)}{p.text}" for p in doc.paragraphs if p.part == "body"]
    return "\n\n".join(blocks) + "\n"


def _fn_count(doc: Document) -> int:
    return len(doc.footnotes)


def _body(doc: Document) -> list[tuple[str, str | None, str]]:
    return [(p.kind, p.number, p.text) for p in doc.paragraphs if p.part == "body"]


# Russian recitals that open with an adverbial phrase the data does not list yet
# ("с удовлетворением напоминая") are joined to the recital before them in plain text.
_RU_GAP = pytest.mark.xfail(strict=True, reason="Russian opener phrase not in lang/ru.py")
CASES = [
    pytest.param(stem, code, marks=_RU_GAP)
    if code == "ru" and stem != "A_RES_80_1"
    else (stem, code)
    for stem in SAMPLE
    for code in CODES
]
ALL_CASES = [(stem, code) for stem in SAMPLE for code in CODES]


@pytest.mark.parametrize(("stem", "code"), CASES)
def test_plain_text_reads_back_as_the_akn4un_reading(stem: str, code: str) -> None:
    akn = diffcore.load(str(_akn(stem, code)))
    text = diffcore.loads(plain_text(akn, code), f"{stem}.{code}.txt")
    assert text.metadata.language == code
    assert _body(text) == _body(akn)


@pytest.mark.parametrize(("stem", "code"), ALL_CASES)
def test_html_reads_back_as_the_akn4un_reading(stem: str, code: str) -> None:
    """A web page of the reading (ordered lists, headings, notes) in the page's language."""
    akn = diffcore.load(str(_akn(stem, code)))
    page = to_html(akn).replace('<html lang="en">', f'<html lang="{code}">')
    back = html_reader.read(page.encode("utf-8"), f"{stem}.{code}.html")
    assert back.metadata.language == code
    assert _body(back) == _body(akn)
    assert back.footnotes == akn.footnotes


@pytest.mark.parametrize(("stem", "code"), ALL_CASES)
def test_docx_reads_back_as_the_akn4un_reading(stem: str, code: str) -> None:
    """A Word file of the reading: numbered lists, real footnotes."""
    akn = diffcore.load(str(_akn(stem, code)))
    path = TMP / f"{stem}.{code}.docx"
    path.write_bytes(document_to_docx(akn))
    back = diffcore.load(str(path))
    assert back.metadata.language == code
    assert _body(back) == _body(akn)
    assert _fn_count(back) == _fn_count(akn)
    # The closing lines, as the language prints the meeting: "3e séance plénière".
    assert (back.metadata.meeting, back.metadata.adopted_on) == (
        akn.metadata.meeting,
        akn.metadata.adopted_on,
    )


@pytest.mark.parametrize(
    ("stem", "code", "numbers"),
    [
        ("A_RES_80_1", "ar", ["1", "1(a)", "1(b)", "1(c)", "2", "3"]),
        ("A_RES_80_118", "ar", [str(n) for n in range(1, 41)]),
    ],
)
def test_arabic_labels_read_as_the_english_numbers(
    stem: str, code: str, numbers: list[str]
) -> None:
    """ "(أ)" is sub-paragraph (a), "24 –" is paragraph 24."""
    doc = diffcore.load(str(_akn(stem, code)))
    got = [p.number for p in doc.paragraphs if p.number and p.kind != "heading"]
    assert got[: len(numbers)] == numbers


def test_session_80_language_versions_share_the_english_structure() -> None:
    """The share measured by benchmarks/language_structure.py; floor at the figure in
    BENCHMARKS.md so a regression fails (the issue's target, 99%, is not reached yet)."""
    _akn("A_RES_80_1", "en")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.language_structure import run

    result = run()
    assert result.compared > 1200
    assert result.share >= 0.93, result.exceptions
