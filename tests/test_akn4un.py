"""The UN's AKN4UN files read exactly, and agree with the text layer and the UN's records.

The cross-check (benchmarks/akn4un_crosscheck.py) runs once over every English AKN4UN
file that has a text layer in ../shared/corpus/text (about 900) and its thresholds are
asserted here; the other tests pin what the issue found wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from diffcore import akn, load

from .conftest import CORPUS_DIR, REPO_ROOT

AKN4UN = CORPUS_DIR / "akn4un"
TEXT = CORPUS_DIR / "text"

pytestmark = pytest.mark.skipif(
    not (AKN4UN / "en").is_dir() or not TEXT.is_dir(),
    reason=f"AKN4UN corpus not found at {AKN4UN} (expected ../shared/corpus/akn4un)",
)

if str(REPO_ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))


def _akn(symbol: str, lang: str = "en") -> Path:
    return AKN4UN / lang / f"{symbol.replace('/', '_')}.{lang}.xml"


def _text(symbol: str) -> Path:
    return TEXT / f"{symbol.replace('/', '_')}.txt"


@pytest.fixture(scope="module")
def report() -> Any:
    import akn4un_crosscheck

    return akn4un_crosscheck.run()


def test_text_layer_and_akn4un_paragraphs_compare_equal(report: Any) -> None:
    assert report.files >= 850
    assert report.share >= 0.98, report.worst[:10]


def test_text_layer_and_akn4un_metadata_agree_field_by_field(report: Any) -> None:
    low = {
        key: (n / report.files, report.meta_diff.get(key, [])[:5])
        for key, n in report.meta_agree.items()
        if n / report.files < 0.99
    }
    assert not low


def test_records_agree_with_both_sources(report: Any) -> None:
    assert report.rec_total >= 850
    low = {
        (source, key): (report.record_share(source, key), report.rec_diff.get(f"{source}.{key}"))
        for source in ("text", "akn")
        for key in report.rec_agree[source]
        if report.record_share(source, key) < 0.99
    }
    assert not low
    assert report.sponsors_total >= 15
    assert report.sponsors_agree / report.sponsors_total >= 0.99, report.rec_diff.get(
        "draft.sponsors"
    )


def test_a_res_80_9_metadata_from_the_profile() -> None:
    m = load(str(_akn("A/RES/80/9"))).metadata
    assert m.title == (
        "2025 Political Declaration on the Implementation of the United Nations Global "
        "Plan of Action to Combat Trafficking in Persons"
    )
    assert (m.adopted_on, m.issued_on) == ("2025-11-24", "2025-11-25")  # FRBR adoption vs issue
    assert m.agenda_items == ("107",)
    assert m.draft_symbol == "A/80/L.8"
    assert (m.symbol, m.session, m.resolution_number) == ("A/RES/80/9", 80, "80/9")
    assert (m.meeting, m.job_number, m.language) == ("48th plenary meeting", "25-19346", "en")


def test_a_res_80_9_annex_sub_paragraphs_keep_their_letters() -> None:
    doc = load(str(_akn("A/RES/80/9")))
    subs = [p for p in doc.paragraphs if p.parent == "18"]
    assert [p.number for p in subs] == [f"18({x})" for x in "abcdef"]
    assert all(p.kind == "subparagraph" and p.part == "annex" for p in subs)
    # footnotes anchored where the markup puts them
    op1 = next(p for p in doc.paragraphs if p.part == "annex" and p.number == "1")
    assert op1.footnote_refs == ("1", "2", "3")
    assert op1.text[: op1.footnote_offsets[0]].endswith("Trafficking in Persons,")


def test_a_res_80_131_keeps_every_preambular_paragraph() -> None:
    """Preamble and mainBody alternate around headings and "* * *": none is lost."""
    akn_doc, text_doc = load(str(_akn("A/RES/80/131"))), load(str(_text("A/RES/80/131")))
    assert [p.text for p in akn_doc.paragraphs if p.kind == "preambular"] == [
        p.text for p in text_doc.paragraphs if p.kind == "preambular"
    ]


def test_a_res_79_323_annex_sub_paragraphs_are_numbered() -> None:
    akn_doc, text_doc = load(str(_akn("A/RES/79/323"))), load(str(_text("A/RES/79/323")))
    numbers = [p.number for p in akn_doc.paragraphs if p.part == "annex" and p.number]
    assert "27(a)" in numbers
    # The text layer also splits (51)(a) at a page break where the markup has one paragraph.
    assert numbers == [p.number for p in text_doc.paragraphs if p.part == "annex" and p.number]


@pytest.mark.parametrize("lang", ["fr", "zh", "ar"])
def test_other_languages_read_the_same_metadata_from_the_markup(lang: str) -> None:
    en = load(str(_akn("A/RES/80/9"))).metadata
    other = load(str(_akn("A/RES/80/9", lang)))
    m = other.metadata
    assert m.language == lang
    assert (m.adopted_on, m.issued_on, m.agenda_items, m.draft_symbol) == (
        en.adopted_on,
        en.issued_on,
        en.agenda_items,
        en.draft_symbol,
    )
    assert (m.symbol, m.session, m.meeting is not None) == (en.symbol, en.session, True)
    assert len(other.footnotes) == 15


def _numbered(doc: Any) -> list[tuple[str, str | None]]:
    """Recitals and numbered paragraphs (an unnumbered "Adopts ..." is operative only by
    its English verb)."""
    return [(p.kind, p.number) for p in doc.paragraphs if p.kind == "preambular" or p.number]


@pytest.mark.parametrize("lang", ["fr", "es", "ru", "zh", "ar"])
@pytest.mark.parametrize("symbol", ["A/RES/80/9", "A/RES/80/131", "A/RES/80/150"])
def test_other_languages_have_the_same_paragraphs(symbol: str, lang: str) -> None:
    """Recitals from the preamble markup, labels in each language's typography ("a)",
    "9 -", Arabic "(أ)" as "(a)") read as the English ones."""
    en = load(str(_akn(symbol)))
    other = load(str(_akn(symbol, lang)))
    assert _numbered(other) == _numbered(en)


@pytest.mark.parametrize(
    ("symbol", "committee", "report_symbol"),
    [
        (
            "A/RES/80/98",
            "Special Political and Decolonization Committee (Fourth Committee)",
            "A/80/537, para. 15",
        ),
        (
            "A/RES/78/76",
            "Special Political and Decolonization Committee (Fourth Committee)",
            "A/78/421, para. 13",
        ),
    ],
)
def test_fourth_committee_report_symbol(symbol: str, committee: str, report_symbol: str) -> None:
    for path in (_text(symbol), _akn(symbol)):
        m = load(str(path)).metadata
        assert (m.committee, m.report_symbol) == (committee, report_symbol), path.name


@pytest.mark.parametrize(
    ("symbol", "title"),
    [
        ("A/RES/78/133", "Promoting creative economy for sustainable development"),
        ("A/RES/78/66", "Comprehensive Nuclear-Test-Ban Treaty"),
        (
            "A/RES/78/124",
            "Credentials of representatives to the seventy-eighth session of the General Assembly",
        ),
        ("A/RES/79/39", "Universal Declaration on the Achievement of a Nuclear-Weapon-Free World"),
    ],
)
def test_text_layer_titles(symbol: str, title: str) -> None:
    m = load(str(_text(symbol))).metadata
    assert m.title == title
    assert m.adopted_on is not None


def test_akn4un_reading_writes_and_reads_back() -> None:
    doc = load(str(_akn("A/RES/80/9")))
    again = akn.read(akn.write(doc), "again.xml")
    assert (again.metadata, again.paragraphs, again.footnotes) == (
        doc.metadata,
        doc.paragraphs,
        doc.footnotes,
    )


@pytest.mark.parametrize(
    ("symbol", "lang", "letters"),
    [
        ("A/RES/79/252", "en", ["A", "B"]),  # a documentCollection: parts in `components`
        ("A/RES/79/252", "fr", ["A", "B"]),
        ("A/RES/80/173", "en", []),  # an outcome document: a second preamble and body
        ("A/RES/78/262", "en", []),  # a note inside a word: "a<authorialNote/>nd"
    ],
)
def test_every_word_is_accounted_for(symbol: str, lang: str, letters: list[str]) -> None:
    """Cover page, preface and conclusions are listed as removed; every part is read."""
    from diffcore.conservation import account, source_text

    path = _akn(symbol, lang)
    doc = load(str(path))
    assert account(source_text(path.read_bytes(), str(path)), doc).balanced
    reasons = {r.reason for r in doc.removed}
    assert {"cover", "closing"} <= reasons, reasons
    assert doc.metadata.symbol is not None
    assert any(symbol in r.text for r in doc.removed if r.reason == "cover")
    headings = [p.text for p in doc.paragraphs if p.kind == "heading"]
    assert all(letter in headings for letter in letters), headings
    assert sum(p.kind == "operative" for p in doc.paragraphs) > 5
