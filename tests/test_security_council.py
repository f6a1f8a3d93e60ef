"""Security Council documents (../shared/corpus/sc/): S/RES/2803 (2025) as PDF, the drafts
against their `.meta.json` records, and the 1946-1993 resolutions as corrected OCR text.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from diffcore import akn, canonical
from diffcore.model import Document
from diffcore.readers import read_bytes
from renderers import document_json

from .conftest import _MISSING, CORPUS_DIR, SCHEMA_PATH

SC_DIR = CORPUS_DIR / "sc"
RES_2803 = SC_DIR / "S_RES_2803_2025.pdf"


def _files(folder: str, pattern: str) -> list[Any]:
    files = sorted((SC_DIR / folder).glob(pattern)) if (SC_DIR / folder).is_dir() else []
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=_MISSING), id="corpus")]
    return [pytest.param(f, id=f.stem) for f in files]


@cache
def load(path: Path) -> Document:
    return read_bytes(path.read_bytes(), path.name)


@pytest.fixture(scope="module")
def res_2803() -> Document:
    if not RES_2803.is_file():
        pytest.skip(_MISSING)
    return load(RES_2803)


def numbered_operatives(doc: Document, part: str = "body") -> list[str]:
    """Printed numbers of the operative paragraphs of one part, in order."""
    ops = [p for p in doc.paragraphs if p.kind == "operative" and p.number and p.part == part]
    return [p.number or "" for p in ops]


# Page furniture and header lines that must never reach a paragraph.
FURNITURE = re.compile(
    r"United Nations\s+S/|S/RES/\d+ \(\d{4}\)|^\d{1,2}/\d{1,2}$|\b\d{2}-\d{5}\b|\*\d{5,}\*"
    r"|Distr\.:|Please recycle|Adopted by the Security Council|Adopted (?:unanimously )?at the"
)


# --------------------------------------------------------------------------- S/RES/2803 (2025)


def test_2803_metadata(res_2803: Document) -> None:
    m = res_2803.metadata
    assert (m.symbol, m.doc_type, m.organ, m.session) == (
        "S/RES/2803 (2025)",
        "resolution",
        "SC",
        None,
    )
    assert m.resolution_number == "2803 (2025)"
    assert (m.adopted_on, m.issued_on) == ("2025-11-17", "2025-11-17")
    assert m.meeting == "10046th meeting"
    assert m.job_number == "25-18686"
    assert m.title is None  # the opener is not a title


def test_2803_paragraphs(res_2803: Document) -> None:
    body = [p for p in res_2803.paragraphs if p.part == "body"]
    assert {p.part_label for p in body} == {None}
    assert [(p.kind, p.number) for p in body[:3]] == [
        ("text", None),  # the opener, as "The General Assembly," in GA documents
        ("preambular", None),
        ("preambular", None),
    ]
    assert body[0].text == "The Security Council,"
    assert body[1].text.startswith("Welcoming the Comprehensive Plan to End the Gaza Conflict")
    assert body[2].text.startswith("Determining that the situation in the Gaza Strip")
    assert numbered_operatives(res_2803) == [str(n) for n in range(1, 12)]
    ops = {p.number: p.text for p in body if p.kind == "operative"}
    assert ops["1"].startswith("Endorses the Comprehensive Plan")
    assert ops["4"].endswith("to support and implement the Comprehensive Plan;")  # across pages
    assert ops["11"] == "Decides to remain seized of the matter."
    # The annexed Comprehensive Plan ("ANNEX 1 - ...") numbers its 20 points on its own.
    annex = [p for p in res_2803.paragraphs if p.part == "annex"]
    assert {p.part_label for p in annex} == {"1"}
    assert (annex[0].kind, annex[0].text) == (
        "heading",
        "ANNEX 1 - President Donald J. Trump\u2019s Comprehensive Plan to End the Gaza Conflict",
    )
    assert numbered_operatives(res_2803, "annex") == [str(n) for n in range(1, 21)]
    assert annex[-1].text.startswith("The United States will establish a dialogue")
    assert res_2803.footnotes == ()


def test_2803_no_furniture_in_paragraphs(res_2803: Document) -> None:
    leaked = [(p.id, p.text[:80]) for p in res_2803.paragraphs[1:] if FURNITURE.search(p.text)]
    assert leaked == []
    texts = " ".join(p.text for p in res_2803.paragraphs)
    assert "Distr.: General" not in texts and "25-18686" not in texts


def test_2803_json_matches_schema(res_2803: Document) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(document_json.render(res_2803)))
    with pytest.raises(jsonschema.ValidationError):
        bad = dict(res_2803.metadata.to_dict(), organ="Security Council")
        data = dict(json.loads(document_json.render(res_2803)), metadata=bad)
        jsonschema.Draft202012Validator(schema).validate(data)


def test_2803_canonical_round_trip(res_2803: Document) -> None:
    text = canonical.write(res_2803)
    assert "\norgan: SC\n" in text
    back = canonical.read(text, "x")
    assert back.metadata == res_2803.metadata
    assert back.paragraphs == res_2803.paragraphs


def test_2803_akn_says_security_council(res_2803: Document) -> None:
    data = akn.write(res_2803).decode("utf-8")
    assert '<FRBRauthor href="#sc" as="author"/>' in data
    assert "/akn/un/statement/deliberation/unsc/2025-11-17/2803-2025/" in data
    back = akn.read(data.encode("utf-8"), "x.xml")
    assert (back.metadata.organ, back.metadata.doc_type) == ("SC", "resolution")
    assert back.metadata.symbol == "S/RES/2803 (2025)"


# --------------------------------------------------------------------------- drafts


def expected_sponsors(record: dict[str, Any]) -> str:
    """The sponsors a draft prints, from its record.

    Normalization: a list of authors is joined as the draft prints it ("A, B and C");
    two records name the Council itself as author ("The Security Council", "United
    Nations Security Council"), which no draft prints: their Title ("United States of
    America: draft resolution") names the sponsor.
    """
    authors = record["Authors"]
    if isinstance(authors, list):
        return ", ".join(authors[:-1]) + " and " + authors[-1] if len(authors) > 1 else authors[0]
    if "Security Council" in authors:
        return str(record["Title"]).split(": draft resolution")[0]
    return str(authors)


def without_commas(names: str) -> str:
    """Sponsor lists compared without their commas: S/2023/970 prints "Morocco, , Namibia,
    New Zealand Nicaragua", and the reader keeps what the document prints."""
    return " ".join(names.replace(",", " ").split())


def expected_date(record: dict[str, Any]) -> str:
    day, month, year = str(record["Date"]).split()
    months = "January February March April May June July August September October November"
    number = (months + " December").split().index(month) + 1
    return f"{year}-{number:02d}-{int(day):02d}"


@pytest.mark.parametrize("pdf", _files("drafts", "*.pdf"))
def test_draft_against_its_record(pdf: Path) -> None:
    record = json.loads(pdf.with_suffix(".meta.json").read_text(encoding="utf-8"))
    doc = load(pdf)
    m = doc.metadata
    symbol = pdf.stem.replace("_", "/")
    assert (m.symbol, m.doc_type, m.organ, m.session) == (symbol, "draft", "SC", None)
    assert m.issued_on == expected_date(record)
    assert m.sponsors is not None
    assert without_commas(m.sponsors) == without_commas(expected_sponsors(record))
    # Some records carry the job number where the symbol belongs.
    assert record["ID"] in (symbol, m.job_number)
    assert m.title is None  # SC drafts print no title; "The Security Council," is the opener
    opener = [p for p in doc.paragraphs if p.text == "The Security Council,"]
    assert len(opener) == 1 and opener[0].kind == "text"
    numbers = [int(n) for n in numbered_operatives(doc)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2
    assert doc.paragraphs[1].kind == "preambular"


# --------------------------------------------------------------------------- 1946-1993 OCR

# symbol -> (adopted_on, meeting, draft symbol, numbered operative paragraphs, footnotes)
OCR_EXPECTED: dict[str, tuple[str, str, str | None, int, tuple[str, ...]]] = {
    "S/RES/1 (1946)": ("1946-01-25", "2nd meeting", None, 3, ("22",)),
    "S/RES/9 (1946)": ("1946-10-15", "76th meeting", None, 5, ()),
    "S/RES/27 (1947)": ("1947-08-01", "173rd meeting", "S/459", 0, ("6",)),
    "S/RES/47 (1948)": ("1948-04-21", "286th meeting", "S/726", 18, ("6",)),
    "S/RES/84 (1950)": ("1950-07-07", "476th meeting", "S/1588", 6, ("13",)),
    "S/RES/118 (1956)": ("1956-10-13", "743rd meeting", "S/3675", 0, ()),
    "S/RES/418 (1977)": ("1977-11-04", "2046th meeting", None, 7, ("16",)),
    "S/RES/598 (1987)": ("1987-07-20", "2750th meeting", None, 10, ("31",)),
    "S/RES/678 (1990)": ("1990-11-29", "2963rd meeting", None, 5, ()),
    "S/RES/827 (1993)": ("1993-05-25", "3217th meeting", None, 9, ()),
}


def ocr_symbol(path: Path) -> str:
    _, _, number, year = path.stem.split("_")
    return f"S/RES/{number} ({year})"


@pytest.mark.parametrize("path", _files("text", "*.txt"))
def test_ocr_resolution(path: Path) -> None:
    doc = load(path)
    m = doc.metadata
    symbol = ocr_symbol(path)
    adopted, meeting, draft, n_ops, notes = OCR_EXPECTED[symbol]
    assert (m.symbol, m.doc_type, m.organ, m.session) == (symbol, "resolution", "SC", None)
    assert (m.adopted_on, m.meeting, m.draft_symbol) == (adopted, meeting, draft)
    assert m.resolution_number == symbol.removeprefix("S/RES/")
    assert numbered_operatives(doc) == [str(n) for n in range(1, n_ops + 1)]
    assert tuple(fn.marker for fn in doc.footnotes) == notes
    leaked = [(p.id, p.text[:60]) for p in doc.paragraphs if FURNITURE.search(p.text)]
    leaked += [(p.id, p.text[:60]) for p in doc.paragraphs if "Resolution of" in p.text]
    assert leaked == []
    # Every footnote body is a footnote, never a paragraph.
    bodies = {fn.text[:30] for fn in doc.footnotes}
    assert not [p.id for p in doc.paragraphs if p.text[:30] in bodies]
    # A closing line (with the vote, where one was taken) is metadata, kept as a removal.
    if re.search(r"^Adopted (?:unanimously )?at", path.read_text(encoding="utf-8"), re.M):
        assert [r.reason for r in doc.removed if r.text.startswith("Adopted")] == ["closing"]


@pytest.mark.parametrize("path", _files("text", "*.txt"))
def test_ocr_preamble_then_operative(path: Path) -> None:
    """Preambular paragraphs come before the first operative one, never after it."""
    doc = load(path)
    kinds = [p.kind for p in doc.paragraphs if p.kind in ("preambular", "operative")]
    if "operative" in kinds:
        assert "preambular" not in kinds[kinds.index("operative") :], path.name


def ocr_doc(symbol: str) -> Document:
    path = SC_DIR / "text" / (symbol.replace("/", "_").replace(" (", "_").rstrip(")") + ".txt")
    if not path.is_file():
        pytest.skip(_MISSING)
    return load(path)


def shape(doc: Document) -> list[tuple[str, str, str | None, str | None]]:
    return [(p.id, p.kind, p.number, p.parent) for p in doc.paragraphs]


def test_ocr_unnumbered_operative_with_numbered_items() -> None:
    """S/RES/118 (1956): "Agrees that ... requirements:" then "(1)" .. "(6)"."""
    doc = ocr_doc("S/RES/118 (1956)")
    assert shape(doc) == [
        ("t1", "text", None, None),
        ("pp1", "preambular", None, None),
        ("opu1", "operative", None, None),
        *[(f"opu1-{n}", "subparagraph", f"({n})", "opu1") for n in range(1, 7)],
    ]
    assert doc.paragraphs[3].text.startswith("There should be free and open transit")


def test_ocr_letter_items_and_a_misread_letter() -> None:
    """S/RES/27 (1947): "(a)", then "(6)" (OCR for "(b)") cut by a blank line mid-sentence."""
    doc = ocr_doc("S/RES/27 (1947)")
    assert shape(doc)[2:] == [
        ("opu1", "operative", None, None),
        ("opu1-a", "subparagraph", "(a)", "opu1"),
        ("opu1-b", "subparagraph", "(b)", "opu1"),
    ]
    assert doc.paragraphs[-1].text == (
        "To settle their dispute by arbitration or by other peaceful means and keep the"
        " Security Council informed about the progress of the settlement."
    )


def test_ocr_paragraphs_cut_by_blank_lines_are_rejoined() -> None:
    res_598 = {p.id: p.text for p in ocr_doc("S/RES/598 (1987)").paragraphs}
    assert "calls for a cease-fire, the conflict between the Islamic Republic" in res_598["pp2"]
    res_827 = {p.id: p.text for p in ocr_doc("S/RES/827 (1993)").paragraphs}
    assert "Co-Chairmen of the Steering Committee of the International" in res_827["pp8"]
    res_418 = {p.id: p.text for p in ocr_doc("S/RES/418 (1977)").paragraphs}
    assert res_418["pp4"] == "Taking note of the Lagos Declaration for Action against Apartheid,"
    assert res_418["pp5"].startswith("Gravely concerned that South Africa")


def test_ocr_resolution_without_opener() -> None:
    """S/RES/1 (1946) has a subject heading and no "The Security Council," line."""
    doc = ocr_doc("S/RES/1 (1946)")
    assert doc.metadata.title == "MILITARY STAFF COMMITTEE"
    ops = {p.number: p.text for p in doc.paragraphs if p.kind == "operative"}
    assert ops["3"].endswith("and to submit these proposals to the Security Council.")
    assert doc.footnotes[0].text == "Adopted without vote."


def test_ocr_lettered_sections_keep_one_numbering() -> None:
    """S/RES/47 (1948): four unnumbered operative paragraphs, then parts A-C numbered 1-18."""
    doc = ocr_doc("S/RES/47 (1948)")
    unnumbered = [p.text.split()[0] for p in doc.paragraphs if p.id.startswith("opu")]
    assert unnumbered == ["Reaffirms", "Resolves", "Instructs", "Recommends"]
    heads = [(p.number, p.text) for p in doc.paragraphs if p.kind == "heading"]
    assert heads == [
        ("A", "Restoration of peace and order"),
        ("B", "Plebiscite"),
        ("C", "General provisions"),
    ]


def _all_sc_files() -> list[Any]:
    files = [p for p in _files("drafts", "*.pdf") + _files("text", "*.txt") if p.values[0]]
    if RES_2803.is_file():
        files.insert(0, pytest.param(RES_2803, id=RES_2803.stem))
    return files or [pytest.param(None, marks=pytest.mark.skip(reason=_MISSING), id="corpus")]


@pytest.mark.parametrize("path", _all_sc_files())
def test_round_trips(path: Path) -> None:
    """Canonical text and Akoma Ntoso give back the same SC document, organ included."""
    doc = load(path)
    for back in (canonical.read(canonical.write(doc), "x"), akn.read(akn.write(doc), "x.xml")):
        assert back.metadata == doc.metadata
        assert back.paragraphs == doc.paragraphs
        assert back.footnotes == doc.footnotes
    assert '<FRBRauthor href="#sc" as="author"/>' in akn.write(doc).decode("utf-8")
