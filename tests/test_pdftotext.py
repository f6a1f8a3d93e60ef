"""The poppler `pdftotext` reader: A/RES/64/293 exactly, and agreement with the PDF reader.

The pdftotext renderings are made at test time from the real PDFs of ../shared/corpus;
those tests skip where pdftotext (Debian: poppler-utils) is not installed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from diffcore import load, loads

from .conftest import CORPUS_DIR, REPO_ROOT, evenly_spaced

if str(REPO_ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

from bench_pdftotext import has_pdftotext, measure, pdftotext

OLDER = CORPUS_DIR / "older" / "A_RES_64_293.txt"
PDF_DIR = CORPUS_DIR / "pdf"
# Anything of the page furniture that must never reach a paragraph.
FURNITURE_RE = re.compile(
    r"\b09-47941\b|\*0947941\*|Please rec|\u2672|\b\d{1,2}[FH]\b|A/RES/64/293|^\d{1,2}$"
)
# Which paragraph cites which footnotes, as printed in A/RES/64/293.
REFS_64_293 = {
    "pp4": ("1",),
    "pp5": ("2",),
    "pp6": ("3", "4", "5", "6", "7", "8", "9"),
    "pp9": ("10", "11", "12"),
    "pp14": ("13",),
    "annex-op9": ("14",),
    "annex-op26": ("15", "16"),
    "annex-op38": ("17",),
    "annex-op47": ("18",),
}


@pytest.fixture(scope="module")
def res_64_293() -> object:
    if not OLDER.is_file():
        pytest.skip(f"{OLDER} not found (expected ../shared/corpus/older)")
    return load(str(OLDER))


def test_64_293_is_read_as_pdftotext_with_its_metadata(res_64_293: object) -> None:
    doc = res_64_293
    assert doc.source_format == "pdftotext"  # type: ignore[attr-defined]
    meta = doc.metadata  # type: ignore[attr-defined]
    assert meta.symbol == "A/RES/64/293"
    assert meta.doc_type == "resolution"
    assert meta.session == 64
    assert meta.agenda_items == ("104",)
    assert meta.draft_symbol == "A/64/L.64"
    assert meta.resolution_number == "64/293"
    assert meta.title == "United Nations Global Plan of Action to Combat Trafficking in Persons"
    assert meta.adopted_on == "2010-07-30"
    assert meta.issued_on == "2010-08-12"
    assert meta.meeting == "109th plenary meeting"
    assert meta.job_number == "09-47941"


def test_64_293_resolution_body(res_64_293: object) -> None:
    body = [p for p in res_64_293.paragraphs if p.part == "body"]  # type: ignore[attr-defined]
    preamble = [p for p in body if p.kind == "preambular"]
    assert [p.id for p in preamble] == [f"pp{k}" for k in range(1, 17)]
    assert preamble[0].text.startswith("Guided by the purposes and principles of the Charter")
    # Both open right after Word's footnote fields ("8F", "12F"), which are not text.
    assert preamble[6].text.startswith("Recognizing the crucial importance of the Protocol")
    assert preamble[14].text.startswith("Recalling relevant subregional, regional and cross-")
    assert preamble[15].text.endswith("that will:")
    subs = [p for p in body if p.kind == "subparagraph"]
    assert [p.number for p in subs] == [f"({x})" for x in "abcdef"]
    ops = [p for p in body if p.kind == "operative"]
    assert [p.number for p in ops] == [str(k) for k in range(1, 8)]
    assert ops[0].text == (
        "Adopts the present resolution and its annex as the United Nations Global Plan of "
        "Action to Combat Trafficking in Persons;"
    )
    assert ops[4].text.startswith("Requests the Secretary-General to include a section on the ")


def test_64_293_annex_parts_and_paragraphs(res_64_293: object) -> None:
    annex = [p for p in res_64_293.paragraphs if p.part == "annex"]  # type: ignore[attr-defined]
    headings = [p for p in annex if p.kind == "heading"]
    assert [(h.number, h.text) for h in headings] == [
        (None, "Annex"),
        ("I", "Prevention of trafficking in persons"),
        ("II", "Protection of and assistance to victims of trafficking in persons"),
        ("III", "Prosecution of crimes of trafficking in persons"),
        ("IV", "Strengthening of partnerships against trafficking in persons"),
    ]
    numbered = [p for p in annex if p.kind == "operative"]
    assert [p.number for p in numbered] == [str(k) for k in range(1, 62)]
    assert numbered[-1].text.endswith("sector for contributions.")
    texts = [p.text for p in annex if p.kind == "text"]
    assert texts[0] == "United Nations Global Plan of Action to Combat Trafficking in Persons"
    assert texts[1].startswith("We, the States Members of the United Nations, reaffirm")
    subs = [p.number for p in annex if p.kind == "subparagraph"]
    assert subs == ["43(a)", "43(b)", "43(c)"]


def test_64_293_footnotes_with_bodies_and_references(res_64_293: object) -> None:
    doc = res_64_293
    notes = doc.footnotes  # type: ignore[attr-defined]
    assert [f.marker for f in notes] == [str(k) for k in range(1, 19)]
    assert notes[0].text == "See resolution 55/2."
    assert notes[1].text == "See resolution 60/1."
    assert notes[11].text == (
        "See Official Records of the Economic and Social Council, 1990, Supplement No. 2 "
        "and corrigendum (E/1990/22 and Corr.1), chap. II, sect. A."
    )
    assert notes[14].text == "E/2002/68/Add.1."
    assert notes[17].text == "United Nations, Treaty Series, vol. 2349, No. 42146."
    refs = {p.id: p.footnote_refs for p in doc.paragraphs if p.footnote_refs}  # type: ignore[attr-defined]
    assert refs == REFS_64_293


def test_64_293_no_furniture_in_text_and_every_removal_recorded(res_64_293: object) -> None:
    doc = res_64_293
    for p in doc.paragraphs:  # type: ignore[attr-defined]
        assert not FURNITURE_RE.search(p.text), (p.id, p.text)
    for f in doc.footnotes:  # type: ignore[attr-defined]
        assert not FURNITURE_RE.search(f.text), (f.marker, f.text)
    reasons = {(r.reason, r.text) for r in doc.removed}  # type: ignore[attr-defined]
    assert ("recycling-mark", "Please rec cle") in reasons
    assert ("recycling-mark", "\u2672") in reasons
    assert ("barcode", "*0947941*") in reasons
    assert ("job-number", "09-47941") in reasons
    assert ("markup", "3F") in reasons
    pages = {r.page for r in doc.removed if r.reason == "running-head"}  # type: ignore[attr-defined]
    assert pages == set(range(2, 13))
    numbers = {r.page for r in doc.removed if r.reason == "page-number"}  # type: ignore[attr-defined]
    assert numbers == set(range(2, 13))


def test_form_feeds_do_not_make_other_text_pdftotext() -> None:
    doc = loads("Recalling its resolution 1/1,\f\n1. Decides to act;\n")
    assert doc.source_format != "pdftotext"


# --------------------------------------------------------------------------- PDFs

needs_pdftotext = pytest.mark.skipif(
    not has_pdftotext(), reason="pdftotext not installed (Debian package poppler-utils)"
)
SAMPLE = 6


def _sample() -> list[Path]:
    return evenly_spaced(sorted(PDF_DIR.glob("*.pdf")), SAMPLE) if PDF_DIR.is_dir() else []


@needs_pdftotext
@pytest.mark.parametrize("mode", ["plain", "layout"])
def test_a_80_l10_star_note_does_not_swallow_the_text(mode: str) -> None:
    pdf = PDF_DIR / "A_80_L.10.pdf"
    if not pdf.is_file():
        pytest.skip(f"{pdf} not found (expected ../shared/corpus/pdf)")
    ref = load(str(pdf))
    doc = loads(pdftotext(pdf, mode), "A_80_L.10.txt")
    assert doc.source_format == "pdftotext"
    assert doc.footnotes == ref.footnotes
    assert doc.footnotes[0].text.startswith("Any changes to the list of sponsors")
    assert doc.metadata == ref.metadata
    assert len(doc.paragraphs) == len(ref.paragraphs)
    a = measure(pdf, mode, ref)
    assert a.words_differing <= 2, a  # "gender-balanced": plain mode drops the line-end hyphen


@needs_pdftotext
@pytest.mark.parametrize("mode", ["plain", "layout"])
def test_a_res_78_69_spaced_markers_and_split_words(mode: str) -> None:
    """pdftotext prints "Convention 23 and", "th ese", "ship operator s" in this document."""
    pdf = PDF_DIR / "A_RES_78_69.pdf"
    if not pdf.is_file():
        pytest.skip(f"{pdf} not found (expected ../shared/corpus/pdf)")
    doc = loads(pdftotext(pdf, mode), "A_RES_78_69.txt")
    deposit = next(p for p in doc.paragraphs if "Guidelines on deposit" in p.text)
    assert deposit.footnote_refs[:1] == ("23",), deposit
    assert "Convention and the Guidelines" in deposit.text
    text = " ".join(p.text for p in doc.paragraphs)
    assert "th ese" not in text and "on the basis of these recommendations" in text
    assert "ship operators and" in text


@needs_pdftotext
@pytest.mark.parametrize("mode", ["plain", "layout"])
def test_sample_agrees_with_the_pdf_reader(mode: str) -> None:
    files = _sample()
    if not files:
        pytest.skip(f"no PDFs at {PDF_DIR} (expected ../shared/corpus/pdf)")
    results = [measure(pdf, mode) for pdf in files]
    assert all(r.detected_as == "pdftotext" for r in results)
    paragraphs = sum(r.paragraphs for r in results)
    equal = sum(r.equal for r in results)
    words = sum(r.words for r in results)
    differing = sum(r.words_differing for r in results)
    # Floors just under what the reader reaches on this sample today (plain 96.6% and
    # 0.050%, -layout 97.9% and 0.032%, footnotes and metadata the same in all six; see
    # BENCHMARKS.md). Over all 125 PDFs -layout meets the 98%, plain not yet.
    floor_equal, ceiling_words, notes_missed = FLOORS[mode]
    assert equal / paragraphs >= floor_equal, (equal, paragraphs)
    assert differing / words <= ceiling_words, (differing, words)
    assert sum(r.footnotes_same for r in results) >= len(results) - notes_missed
    assert sum(r.metadata_same for r in results) >= len(results) - notes_missed


FLOORS = {"plain": (0.96, 0.001, 0), "layout": (0.975, 0.0005, 0)}


@needs_pdftotext
@pytest.mark.parametrize("mode", ["plain", "layout"])
@pytest.mark.parametrize(
    "name",
    [
        "A_C.3_80_L.58.pdf",  # an amendment: its text follows the title with no blank line
        "A_C.3_80_L.63.pdf",  # "amendment to revised draft resolution"
        "A_80_L.14.pdf",  # "Agenda items 13 and 75": two agenda titles, then the title
        "A_C.2_80_L.3.pdf",  # plain: the "*" note printed right under the text
        "A_C.2_80_L.59.pdf",  # "... Jenni Mikkola" / "(Finland), on the basis of ..."
        "A_C.3_80_L.4.pdf",  # plain: "Secretary-" / "General" at a joined line of note 20
    ],
)
def test_header_and_notes_agree_with_the_pdf_reader(name: str, mode: str) -> None:
    pdf = PDF_DIR / name
    if not pdf.is_file():
        pytest.skip(f"{pdf} not found (expected ../shared/corpus/pdf)")
    ref = load(str(pdf))
    doc = loads(pdftotext(pdf, mode), name.replace(".pdf", ".txt"))
    assert doc.metadata == ref.metadata
    assert doc.footnotes == ref.footnotes
    a = measure(pdf, mode, ref)
    assert a.equal >= a.paragraphs - 1, a


def test_words_split_without_evidence_on_the_page_are_rejoined() -> None:
    """ "cal led", "inter national", "surpa ssed", "se eking": pdftotext spaces a justified
    line's letters apart where the PDF reader, measuring advance boxes, does not."""
    from diffcore.readers.pdftotext import _rejoin
    from diffcore.readers.pdftotext_english import word_stems

    words = {"cal": 1, "led": 2, "called": 9, "inter": 17, "national": 44}
    words |= {"international": 107, "surpa": 1, "ssed": 1, "se": 1, "eking": 1, "seeks": 2}
    words |= {"up": 2, "on": 67, "upon": 3, "a": 90, "war": 1}
    stems = word_stems(words)
    assert _rejoin("and cal led for", words, stems) == "and called for"
    assert _rejoin("applicable inter national instruments", words, stems) == (
        "applicable international instruments"
    )
    assert _rejoin("production surpa ssed", words, stems) == "production surpassed"
    assert _rejoin("goals and se eking", words, stems) == "goals and seeking"
    # Two words of their own stay apart: "follow up on", "a war".
    assert _rejoin("to follow up on the", words, stems) == "to follow up on the"
    assert _rejoin("a war of", words, stems) == "a war of"


# --------------------------------------------------------------------------- Chromium


def _viewer_copy(names: list[str]) -> dict[str, str | None]:
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    from viewer_copy import CHROMIUM, viewer

    if CHROMIUM is None:
        pytest.skip("chromium is not installed (.ci/run installs Debian's package)")
    if not PDF_DIR.is_dir():
        pytest.skip(f"no PDFs at {PDF_DIR} (expected ../shared/corpus/pdf)")
    with viewer(PDF_DIR) as copy:
        return {name: copy(name) for name in names}


def test_text_copied_from_chromiums_pdf_viewer() -> None:
    """Select all and copy in Chromium's viewer: no form feeds, no blank lines."""
    names = ["A_80_L.10.pdf", "A_RES_80_189.pdf"]
    copies = _viewer_copy(names)
    for name in names:
        text = copies[name]
        assert text, f"Chromium's viewer gave no text for {name}"
        assert "\f" not in text and "\n\n" not in text
        pdf = PDF_DIR / name
        ref = load(str(pdf))
        doc = loads(text, name + ".txt")
        assert doc.source_format == "pdf-viewer-text"
        assert doc.metadata == ref.metadata
        assert doc.footnotes == ref.footnotes
        a = measure(pdf, "viewer", ref, text)
        assert a.equal >= a.paragraphs - 1, a
        assert a.words_differing <= 2, a  # "gender-balanced": the viewer drops the line-end hyphen


@needs_pdftotext
def test_plain_mode_words_split_at_no_line_end() -> None:
    """ "maxi mizing", "disci plines": the joined form is an English word, the pieces are not."""
    found = {}
    for name in ("A_80_L.15.pdf", "A_80_L.22.pdf"):
        pdf = PDF_DIR / name
        if not pdf.is_file():
            pytest.skip(f"{pdf} not found (expected ../shared/corpus/pdf)")
        doc = loads(pdftotext(pdf, "plain"), name.replace(".pdf", ".txt"))
        found[name] = " ".join(p.text for p in doc.paragraphs)
    assert "maximizing" in found["A_80_L.15.pdf"] and "maxi mizing" not in found["A_80_L.15.pdf"]
    assert "disciplines" in found["A_80_L.22.pdf"] and "disci plines" not in found["A_80_L.22.pdf"]


@needs_pdftotext
@pytest.mark.parametrize("mode", ["plain", "layout"])
def test_a_space_set_back_under_a_dash_is_no_space(mode: str) -> None:
    """ "Rio de Janeiro, 3–14 June 1992": A/RES/80/110 and A/RES/78/69 print a space
    glyph beside the dash that the dash or the "1" is set back over; the PDF reader
    measures that no gap shows, and pdftotext's "3 –14" / "3 – 14" reads the same.
    A year's dash keeps the space the page shows ("1 August 2015– 31 December")."""
    for name in ("A_RES_80_110.pdf", "A_RES_78_69.pdf"):
        pdf = PDF_DIR / name
        if not pdf.is_file():
            pytest.skip(f"{pdf} not found (expected ../shared/corpus/pdf)")
        ref = load(str(pdf))
        notes = " ".join(f.text for f in ref.footnotes)
        assert "Rio de Janeiro, 3–14 June 1992" in notes
        assert "1 August 2015– 31 December 2016" in notes
        doc = loads(pdftotext(pdf, mode), name.replace(".pdf", ".txt"))
        assert doc.footnotes == ref.footnotes
    ref = load(str(PDF_DIR / "A_RES_79_160.pdf"))
    assert "acceptance of neo-Nazism" in " ".join(p.text for p in ref.paragraphs)


@needs_pdftotext
def test_plain_mode_hyphens_at_joins_and_line_ends() -> None:
    """poppler joins a line that ends in a hyphen to the next, with a space for the
    hyphen; a line that ends without one ("the front" / "line") is no compound."""
    pdf = PDF_DIR / "A_RES_78_69.pdf"
    if not pdf.is_file():
        pytest.skip(f"{pdf} not found (expected ../shared/corpus/pdf)")
    text = " ".join(p.text for p in loads(pdftotext(pdf, "plain"), "A_RES_78_69.txt").paragraphs)
    # Two joins in one line of three printed lines.
    assert (
        "in the face of climate change-related sea level rise addressing, inter alia, the "
        "relationship between climate change-related sea level rise and Forum"
    ) in text
    assert "in particular those land reclamation activities" in text
    assert "implementation of Goal 14," in text and "Goal 14 ," not in text
    pdf = PDF_DIR / "A_RES_78_118.pdf"
    text = " ".join(p.text for p in loads(pdftotext(pdf, "plain"), "A_RES_78_118.txt").paragraphs)
    assert "working on the front line of the humanitarian response" in text
