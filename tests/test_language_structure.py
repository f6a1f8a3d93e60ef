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


ALL_CASES = [(stem, code) for stem in SAMPLE for code in CODES]


@pytest.mark.parametrize(("stem", "code"), ALL_CASES)
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


# (resolution, language, the paragraph's first words, (kind, number, part, part label)):
# cases the language-structure measurement found read unlike the other versions.
PINNED = [
    # English titles the markup sets in bold: headings, not recitals or text.
    ("A_RES_80_109", "en", "Achieving sustainable", ("heading", "I", "body", None)),
    ("A_RES_80_241", "en", "Financing of the commitment", ("heading", None, "body", None)),
    ("A_RES_80_11", "en", "Peacebuilding Commission", ("heading", None, "body", None)),
    # Table rows are text in every language ("united" is no English participle).
    ("A_RES_80_239", "en", "(United States dollars)", ("text", None, "annex", "I")),
    ("A_RES_80_239", "fr", "(Dollars des", ("text", None, "annex", "I")),
    # Chinese recitals of the markup's preamble that open like operative paragraphs.
    ("A_RES_80_116", "zh", "回顾2024年12月19日", ("preambular", None, "body", None)),
    ("A_RES_80_151", "zh", "又重申《阿瓦扎", ("preambular", None, "body", None)),
    # "At its eightieth session" comes before the verb in Chinese: "在其第八十届会议上通过".
    ("A_RES_80_173", "zh", "在其第八十届会议上", ("operative", None, "body", None)),
    # Heading words of each language, numbered as the English version numbers them.
    ("A_RES_80_242", "es", "Determinación de políticas", ("heading", "Part I", "body", None)),
    ("A_RES_80_242", "ru", "Общее формирование", ("heading", "Part I", "body", None)),
    ("A_RES_80_242", "ar", "تقرير السياسات", ("heading", "Part I", "body", None)),
    ("A_RES_80_242", "zh", "通盘决策、领导和协调", ("heading", "Part I", "body", None)),
    ("A_RES_80_242", "ar", "إدارة الاستراتيجيات", ("heading", "Section 29A", "body", None)),
    ("A_RES_80_162", "zh", "总则", ("heading", "Chapter I", "annex", "Chapter I")),
    ("A_RES_80_162", "ar", "أحكام عامة", ("heading", "Chapter I", "annex", "Chapter I")),
    # Annexes numbered in words, section letters spelt out, "Anexo" and title on one line.
    ("A_RES_80_239", "ar", "المرفق الأول", ("heading", None, "annex", "I")),
    ("A_RES_80_239", "zh", "附件一", ("heading", None, "annex", "I")),
    ("A_RES_80_226", "ar", "مقدمة", ("heading", "A", "annex", None)),
    (
        "A_RES_80_119",
        "es",
        "Principios de las Naciones Unidas sobre",
        ("heading", None, "annex", None),
    ),
    # Numbers printed in the text between direction marks ("\u200f19 -\u200f").
    ("A_RES_80_202", "ar", "تحيط علما مع التقدير بعمل", ("operative", "19", "body", None)),
    ("A_RES_80_238", "zh", "欢迎联合国争议法庭", ("operative", "21", "body", None)),
    # Notes under a table (the markup's "FootnoteText" style) are text: "Abbreviations"
    # is no English verb, "(أ)" no sub-paragraph.
    ("A_RES_80_243", "en", "Abbreviations: GS (OL)", ("text", None, "body", "XII")),
    ("A_RES_80_239", "ar", "(أ) انظر", ("text", None, "annex", "I")),
    # ... and so is a block after a table that opens with a mark the table sets raised.
    ("A_RES_80_242", "ar", "(أ) يشمل العددُ", ("text", None, "annex", None)),
    # A section's paragraph ending in ";" that opens with an operative verb no recital
    # opens with ("Takes note", "Approuve", "Toma nota") is operative.
    ("A_RES_80_243", "en", "Takes note of the revised", ("operative", None, "body", "XVII")),
    ("A_RES_80_243", "fr", "Approuve le montant de 22", ("operative", None, "body", "XVII")),
    ("A_RES_80_189", "es", "Toma nota", ("operative", None, "body", None)),
    # A treaty article quoted in Chinese letters its items "(子)", "(丑)".
    ("A_RES_80_192", "zh", "应宣告凡传播", ("subparagraph", "54(a)", "body", None)),
]


@pytest.mark.parametrize(("stem", "code", "opening", "expected"), PINNED)
def test_paragraph_reads_as_in_the_other_versions(
    stem: str, code: str, opening: str, expected: tuple[str, str | None, str, str | None]
) -> None:
    doc = diffcore.load(str(_akn(stem, code)))
    found = [p for p in doc.paragraphs if p.text.startswith(opening)]
    assert found, f"no paragraph opens {opening!r}"
    p = found[0]
    assert (p.kind, p.number, p.part, p.part_label) == expected


@pytest.mark.parametrize("stem", ["A_RES_80_242", "A_RES_80_162"])
def test_chapitre_premier_numbers_as_the_chapters_after_it(stem: str) -> None:
    """ "Chapitre premier" is the budget's section 1 when "Chapitre 2" follows (80/242), a
    treaty's chapter I when "Chapitre II" does (80/162): as the English version numbers."""

    def numbers(code: str) -> list[str | None]:
        doc = diffcore.load(str(_akn(stem, code)))
        return [p.number for p in doc.paragraphs if p.kind == "heading"]

    assert numbers("fr") == numbers("en")


def test_a_number_out_of_sequence_does_not_swallow_the_rest() -> None:
    """A/RES/80/112 ar prints paragraph 10 as "11 -": the paragraphs after it are still
    paragraphs (all of the rest was read as one 20,000-character paragraph)."""
    en = diffcore.load(str(_akn("A_RES_80_112", "en")))
    ar = diffcore.load(str(_akn("A_RES_80_112", "ar")))
    assert len(ar.paragraphs) == len(en.paragraphs)
    assert max(len(p.text) for p in ar.paragraphs) < 3000


def test_meeting_line_with_its_date_is_no_paragraph() -> None:
    """ "18 e séance plénière 14 octobre 2025" (A/RES/80/3 fr): the closing line."""
    doc = diffcore.load(str(_akn("A_RES_80_3", "fr")))
    assert not any("séance plénière" in p.text for p in doc.paragraphs)
    assert doc.metadata.adopted_on == "2025-10-14"


def test_session_80_language_versions_share_the_english_structure() -> None:
    """The shares measured by benchmarks/language_structure.py; floors at the figures in
    BENCHMARKS.md so a regression fails.  The issue's 99% holds once the versions whose
    file differs (checked in the XML, listed in the benchmark) are set aside."""
    _akn("A_RES_80_1", "en")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.language_structure import run

    result = run()
    assert result.compared > 1200
    assert result.share >= 0.98, result.exceptions
    assert result.readers_share >= 0.999, result.exceptions
