"""A/RES/72/1 (ODS text export): the reference document, checked against what is printed.

Every expected value below was read off the seed file itself
(`../shared/corpus/seed/A_RES_72_1.ods.txt`), with footnote markers taken out of the
running text by hand: it is the printed resolution, not a snapshot of program output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import diffcore
from diffcore.model import Document, Paragraph

EXPECTED_TEXT: dict[str, str] = {
    "1": (
        "We, the States Members of the United Nations, reaffirm the United Nations Global Plan"
        " of Action to Combat Trafficking in Persons and our commitments made therein, and evince"
        " our strong political will to take decisive concerted action to end this heinous crime,"
        " wherever it may occur."
    ),
    "2": (
        "We recall and reaffirm our commitments to the 2030 Agenda for Sustainable Development,"
        " recognizing its integrated and indivisible nature and acknowledging that the 2030"
        " Agenda includes commitments that relate to combating all forms of trafficking in"
        " persons, recognize the importance of partnerships in this regard, and emphasize that"
        " the 2030 Agenda and the Global Plan of Action are mutually reinforcing."
    ),
    "3": (
        "We reaffirm our commitment to address the social, economic, cultural, political and"
        " other factors that make people vulnerable to trafficking in persons, such as poverty,"
        " unemployment, inequality, humanitarian emergencies, including armed conflicts and"
        " natural disasters, sexual violence, gender discrimination, social exclusion and"
        " marginalization, as well as a culture of tolerance towards violence against women,"
        " youth and children. We reiterate our commitment to promote education and"
        " awareness-raising campaigns to prevent trafficking in persons. We welcome the"
        " designation of 30 July as the World Day against Trafficking in Persons."
    ),
    "5": (
        "We reaffirm the crucial importance of universal ratification of the United Nations"
        " Convention against Transnational Organized Crime and the Protocol to Prevent, Suppress"
        " and Punish Trafficking in Persons, Especially Women and Children, supplementing the"
        " United Nations Convention against Transnational Organized Crime, taking into"
        " consideration the central role of those instruments in the fight against trafficking"
        " in persons, and urge Member States that have not yet done so to consider ratifying or"
        " acceding to the Convention and the Protocol to Prevent, Suppress and Punish"
        " Trafficking in Persons, Especially Women and Children, as a matter of priority. We"
        " urge States parties to those instruments to implement them fully and effectively,"
        " and welcome the decision of the Conference of the Parties to the United Nations"
        " Convention against Transnational Organized Crime to continue the process of"
        " establishing a mechanism for the review of the implementation of the Convention and"
        " the Protocols thereto."
    ),
    "18": (
        "We recall the New York Declaration for Refugees and Migrants, in which, inter alia, it"
        " was recognized that refugees and migrants in large movements are at greater risk of"
        " being trafficked and of being subjected to forced labour. We will provide support for"
        " the victims of trafficking in persons and work to prevent trafficking in persons among"
        " those affected by displacement, including through targeted measures to identify"
        " victims of trafficking in persons or those at risk of trafficking. We reiterate our"
        " commitment to take steps to address the particular vulnerabilities of women and"
        " children during the journey from country of origin to country of arrival, including"
        " their potential exposure to trafficking in persons, including through the development"
        " of age- and gender-sensitive policies and programmes."
    ),
    "24": (
        "We reiterate, in the strongest terms possible, the importance of strengthening"
        " collective action by Member States to end trafficking in persons, including through"
        " regional, subregional and cross-regional mechanisms, and through partnerships and"
        " initiatives with the United Nations system and other stakeholders, including, inter"
        " alia, regional and international organizations, the private sector, the media,"
        " parliamentarians and civil society, including non-governmental organizations,"
        " academic institutions and faith-based organizations, as well as national human rights"
        " institutions, where they exist, with regard to the Paris Principles. In particular,"
        " we underline the work of the Special Rapporteur of the Human Rights Council on"
        " trafficking in persons, especially women and children, and the Special Rapporteur of"
        " the Human Rights Council on contemporary forms of slavery, in combating trafficking"
        " in persons, and welcome their continued efforts to implement the Global Plan of"
        " Action and the present political declaration."
    ),
    "11(a)": (
        "We reaffirm our strong support for the United Nations voluntary trust fund for victims"
        " of trafficking in persons, especially women and children, established in accordance"
        " with the Global Plan of Action, aimed at providing victims of trafficking in persons"
        " with humanitarian, legal and financial aid through established channels of"
        " assistance, such as governmental, intergovernmental and non-governmental"
        " organizations, and we invite all stakeholders to contribute to the trust fund,"
        " including through the announcement of pledges at the quadrennial high-level"
        " appraisals of the Global Plan of Action;"
    ),
    "11(b)": (
        "We stress the need to intensify international cooperation, including capacity-building"
        " and technical assistance, especially for developing countries, aimed at strengthening"
        " their ability to prevent all forms of trafficking, including supporting their"
        " development programmes."
    ),
    "26": (
        "We recognize that arrangements are needed to ensure the systematic follow-up to and"
        " review of all of the commitments we are making at the present high-level meeting,"
        " including in the quadrennial high-level meetings of the General Assembly to appraise"
        " progress achieved in the implementation of the Global Plan of Action."
    ),
}

EXPECTED_FOOTNOTES = (
    ("1", "Resolution 64/293."),
    ("2", "Resolution 70/1."),
    ("3", "See resolution 68/192."),
    ("4", "United Nations, Treaty Series, vol. 2225, No. 39574."),
    ("5", "Ibid., vol. 2237, No. 39574."),
    ("6", "Resolution 71/1."),
    ("7", "Resolution 48/134, annex."),
)

EXPECTED_REFS: dict[str, tuple[str, ...]] = {
    "1": ("1",),
    "2": ("2",),
    "3": ("3",),
    "5": ("4", "5"),
    "18": ("6",),
    "24": ("7",),
}

# Where each marker was printed: (text just before it, text just after it).
EXPECTED_MARKER_CONTEXT: dict[str, list[tuple[str, str]]] = {
    "1": [("Combat Trafficking in Persons", " and our commitments")],
    "2": [("2030 Agenda for Sustainable Development,", " recognizing its")],
    "3": [("World Day against Trafficking in Persons.", "")],
    "5": [
        ("Convention against Transnational Organized Crime", " and the Protocol to Prevent"),
        ("Convention against Transnational Organized Crime,", " taking into consideration"),
    ],
    "18": [("New York Declaration for Refugees and Migrants,", " in which, inter alia")],
    "24": [("with regard to the Paris Principles.", " In particular")],
}

EXPECTED_METADATA: dict[str, object] = {
    "symbol": "A/RES/72/1",
    "doc_type": "resolution",
    "session": 72,
    "agenda_items": ["107"],
    "agenda_title": None,
    "adopted_on": "2017-09-27",
    "issued_on": "2017-10-09",
    "committee": None,
    "report_symbol": None,
    "draft_symbol": "A/72/L.1",
    "resolution_number": "72/1",
    "title": (
        "Political declaration on the implementation of the United Nations Global Plan of"
        " Action to Combat Trafficking in Persons"
    ),
    "sponsors": None,
    "meeting": "24th plenary meeting",
    "job_number": "17-17057",
    "language": None,
}

TEXT_NUMBERS = sorted(EXPECTED_TEXT, key=lambda n: (len(n), n))
MARKER_NUMBERS = sorted(EXPECTED_MARKER_CONTEXT, key=int)

# Cover, header, closing lines and ODS trailer: metadata or furniture, never body text.
NOT_BODY = (
    "ODS",
    "<<",
    "[Start",
    "Distr.",
    "17-30057",
    "*1717057*",
    "1717057",
    "17-17057",
    "N1730150E",
    "121017",
    "A/RES/72/1",
    "A/72/L.1",
    "plenary meeting",
    "27 September 2017",
    "9 October 2017",
    "Seventy-second session",
    "Agenda item 107",
    "Resolution adopted by the General Assembly",
    "without reference to a Main Committee",
    "___",
    "---",
    "2/6",
    "5/6",
)


@pytest.fixture(scope="module")
def seed_doc(seed_path: Path) -> Document:
    return diffcore.load(str(seed_path))


@pytest.fixture(scope="module")
def by_number(seed_doc: Document) -> dict[str, Paragraph]:
    numbered = [p for p in seed_doc.paragraphs if p.number is not None]
    table = {p.number: p for p in numbered if p.number is not None}
    assert len(table) == len(numbered), "paragraph numbers repeat"
    return table


def seed_body(seed_path: Path) -> str:
    """The seed up to its ODS trailer: what a reader sees as the document."""
    raw = seed_path.read_text(encoding="utf-8")
    return raw[: raw.index("[Start1]<<ODS")]


def test_format_detected(seed_doc: Document) -> None:
    assert seed_doc.source_format == "ods-text"


def test_operative_paragraphs_numbered_1_to_26_in_order(seed_doc: Document) -> None:
    numbered_ops = [p.number for p in seed_doc.paragraphs if p.kind == "operative" and p.number]
    assert numbered_ops == [str(n) for n in range(1, 27)]


def test_only_subparagraphs_are_11a_and_11b(seed_doc: Document) -> None:
    subs = [(p.number, p.parent) for p in seed_doc.paragraphs if p.kind == "subparagraph"]
    assert subs == [("11(a)", "11"), ("11(b)", "11")]


def test_reading_order_of_numbered_paragraphs(seed_doc: Document) -> None:
    numbers = [p.number for p in seed_doc.paragraphs if p.number]
    expected = [str(n) for n in range(1, 12)] + ["11(a)", "11(b)"]
    expected += [str(n) for n in range(12, 27)]
    assert numbers == expected


def test_subparagraphs_follow_their_parent(seed_doc: Document) -> None:
    ids = [p.number for p in seed_doc.paragraphs]
    i = ids.index("11")
    assert ids[i : i + 4] == ["11", "11(a)", "11(b)", "12"]


@pytest.mark.parametrize("number", TEXT_NUMBERS)
def test_paragraph_text_exact(by_number: dict[str, Paragraph], number: str) -> None:
    assert by_number[number].text == EXPECTED_TEXT[number]


def test_paragraph_kinds(by_number: dict[str, Paragraph]) -> None:
    for n in range(1, 27):
        assert by_number[str(n)].kind == "operative", n
    assert by_number["11(a)"].kind == "subparagraph"
    assert by_number["11(b)"].kind == "subparagraph"


def test_no_paragraph_has_double_or_edge_spaces(seed_doc: Document) -> None:
    for p in seed_doc.paragraphs:
        assert "  " not in p.text, p.id
        assert p.text == p.text.strip(), p.id
        assert "\t" not in p.text and "\n" not in p.text, p.id


def test_no_paragraph_starts_with_its_number_label(by_number: dict[str, Paragraph]) -> None:
    for number, p in by_number.items():
        label = f"{number}." if number.isdigit() else number[number.index("(") :]
        assert not p.text.startswith(label), (number, p.text[:20])


def test_footnotes(seed_doc: Document) -> None:
    assert tuple((fn.marker, fn.text) for fn in seed_doc.footnotes) == EXPECTED_FOOTNOTES


def test_footnote_refs(seed_doc: Document) -> None:
    for p in seed_doc.paragraphs:
        expected = EXPECTED_REFS.get(p.number or "", ())
        assert p.footnote_refs == expected, (p.id, p.number)


def test_every_footnote_referenced_once(seed_doc: Document) -> None:
    refs = [m for p in seed_doc.paragraphs for m in p.footnote_refs]
    assert refs == [fn.marker for fn in seed_doc.footnotes]


@pytest.mark.parametrize("number", MARKER_NUMBERS)
def test_footnote_offsets_where_marker_was_printed(
    by_number: dict[str, Paragraph], number: str
) -> None:
    p = by_number[number]
    contexts = EXPECTED_MARKER_CONTEXT[number]
    assert len(p.footnote_offsets) == len(p.footnote_refs) == len(contexts)
    for offset, (before, after) in zip(p.footnote_offsets, contexts, strict=True):
        assert p.text[:offset].endswith(before), (number, offset, p.text[offset - 40 : offset])
        assert p.text[offset:].startswith(after), (number, offset, p.text[offset : offset + 40])


def test_metadata(seed_doc: Document) -> None:
    assert seed_doc.metadata.to_dict() == EXPECTED_METADATA


@pytest.mark.parametrize("fragment", NOT_BODY)
def test_no_header_or_trailer_text_in_paragraphs(seed_doc: Document, fragment: str) -> None:
    leaked = [p.id for p in seed_doc.paragraphs if fragment in p.text]
    assert leaked == []


def test_no_footnote_body_in_paragraphs(seed_doc: Document) -> None:
    for fn in EXPECTED_FOOTNOTES:
        body = fn[1]
        assert not any(body in p.text for p in seed_doc.paragraphs), body


@pytest.mark.parametrize("phrase", ["2030 Agenda", "30 July", "vol. 2225", "Resolution 64/293"])
def test_numbers_in_running_text_survive(seed_doc: Document, seed_path: Path, phrase: str) -> None:
    """Numbers that are not footnote markers stay, wherever the printed text has them."""
    printed = seed_body(seed_path).count(phrase)
    assert printed > 0
    kept = sum(p.text.count(phrase) for p in seed_doc.paragraphs)
    kept += sum(fn.text.count(phrase) for fn in seed_doc.footnotes)
    kept += (seed_doc.metadata.title or "").count(phrase)
    assert kept == printed


def test_2030_agenda_in_paragraph_2_three_times(by_number: dict[str, Paragraph]) -> None:
    assert by_number["2"].text.count("2030 Agenda") == 3
    assert "2030 Agenda for Sustainable Development" in by_number["13"].text


def test_every_body_line_is_accounted_for(seed_doc: Document, seed_path: Path) -> None:
    """Each numbered line of the seed is one paragraph, and no paragraph is empty."""
    numbered_lines = [
        ln
        for ln in seed_body(seed_path).split("\n")
        if ln[:1].isdigit() and "." in ln[:4] and "\t" in ln[:5]
    ]
    assert len(numbered_lines) == 26
    assert all(p.text for p in seed_doc.paragraphs)


def test_paragraph_ids_unique(seed_doc: Document) -> None:
    ids = [p.id for p in seed_doc.paragraphs]
    assert len(ids) == len(set(ids))


def test_whole_body_part(seed_doc: Document) -> None:
    assert {(p.part, p.part_label) for p in seed_doc.paragraphs} == {("body", None)}
