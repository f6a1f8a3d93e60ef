"""Draft first-page notes ("* On behalf of ...", "* Any changes to the list of sponsors ...",
"* Reissued for technical reasons ...") are footnotes, never paragraphs (issue #10, point 2).

Whole-corpus sweeps over the text layers and the PDFs, and pinned cases where a note
with no rule above it used to cut the paragraph the page break interrupted in two.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import diffcore
from diffcore.footnotes import RawFootnote
from diffcore.model import Document
from diffcore.readers.footnote_area import split_star_notes
from diffcore.readers.pdf_text import split_pages

from .conftest import TEXT_DIR
from .test_pdf import PDF_DIR, PDFS, read_pair

# A note's own line on the page: asterisks, a space, words ("* * *" is a separator).
NOTE_LINE = re.compile(r"^\s*(\*{1,3})\s+(?!\*)(\S.{10,})$", re.M)
# What a note says, wherever it would have ended up in a paragraph.
NOTE_WORDS = re.compile(
    r"^\*{1,3}\s|\*\s+On behalf of"
    r"|On behalf of the (?:States (?:Members of the United Nations )?that are members|members)"
    r"|Any changes to the list of sponsors|[Rr]eissued? for technical reasons"
    r"|In order for the General Assembly to take action on the present proposal"
    r"|In its capacity as Chair of"
)


def _require(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"real-document corpus not found: {path} (expected ../shared/corpus)")


def _note_paragraphs(doc: Document) -> list[tuple[str, str]]:
    return [(p.id, p.text[:90]) for p in doc.paragraphs if NOTE_WORDS.search(p.text)]


def _unaccounted(raw: str, doc: Document) -> list[str]:
    """Note lines of the input that no footnote of the document holds."""
    bodies = {(fn.marker, fn.text[:30]) for fn in doc.footnotes}
    missing = []
    for m in NOTE_LINE.finditer(raw):
        start = re.sub(r"\s+", " ", m.group(2).strip())[:30]
        if (m.group(1), start) not in bodies:
            missing.append(m.group(0).strip()[:60])
    return missing


@pytest.fixture(scope="module")
def noted_texts() -> list[tuple[Path, str, Document]]:
    """Every text layer that holds an asterisk note or a note's words (the rest cannot)."""
    files = sorted(TEXT_DIR.glob("*.txt")) if TEXT_DIR.is_dir() else []
    if not files:
        pytest.skip(f"real-document corpus not found at {TEXT_DIR} (expected ../shared/corpus)")
    out = []
    for f in files:
        raw = f.read_text(encoding="utf-8")
        if NOTE_LINE.search(raw) or NOTE_WORDS.search(raw):
            out.append((f, raw, diffcore.load(str(f))))
    return out


def test_no_text_layer_paragraph_carries_a_note(
    noted_texts: list[tuple[Path, str, Document]],
) -> None:
    # 109 texts carry a note (the 112 counted 3 with only "* * *" separators).
    assert len(noted_texts) >= 109
    bad = [(f.name, hit) for f, _raw, doc in noted_texts for hit in _note_paragraphs(doc)]
    assert not bad, bad


def test_every_text_layer_note_is_a_footnote(
    noted_texts: list[tuple[Path, str, Document]],
) -> None:
    lost = [(f.name, miss) for f, raw, doc in noted_texts for miss in _unaccounted(raw, doc)]
    assert not lost, lost


def test_no_pdf_paragraph_carries_a_note() -> None:
    if not PDFS:
        pytest.skip(f"no PDFs at {PDF_DIR} (expected ../shared/corpus)")
    bad = []
    for path in PDFS:
        doc, base = read_pair(path)
        bad += [(path.name, hit) for hit in _note_paragraphs(doc)]
        if base is not None:  # the same notes as the text layer, as footnotes
            theirs = [fn for fn in base.footnotes if fn.marker.startswith("*")]
            ours = [fn for fn in doc.footnotes if fn.marker.startswith("*")]
            if theirs != ours:
                bad.append((path.name, f"asterisk footnotes {ours} != {theirs}"))
    assert not bad, bad


def test_paragraph_cut_by_the_note_is_whole_again() -> None:
    path = TEXT_DIR / "A_C.2_80_L.19.txt"
    _require(path)
    doc = diffcore.load(str(path))
    pp5 = doc.paragraph("pp5").text
    assert pp5.startswith("Recognizing that culture is an essential component")
    assert "social inclusion and poverty eradication, providing for sustainable" in pp5
    assert pp5.endswith("ownership of development processes,")
    assert doc.footnotes[0].marker == "*"
    assert doc.footnotes[0].text.startswith("On behalf of the States that are members")
    assert doc.metadata.sponsors == (
        "Iraq (on behalf of the States that are members of the Group of 77 and China)"
    )


def test_compare_shows_no_deleted_note_paragraph() -> None:
    old, new = TEXT_DIR / "A_C.2_80_L.19.txt", TEXT_DIR / "A_RES_80_148.txt"
    _require(old)
    _require(new)
    cmp = diffcore.compare(diffcore.load(str(old)), diffcore.load(str(new)))
    assert [c for c in cmp.changes if c.op in ("deleted", "split", "merged")] == []
    pp5 = next(c for c in cmp.changes if "pp5" in c.old)
    # Whole on both sides: the one change is the adopted text's own ("cohesion and").
    assert pp5.new == ("pp5",) and pp5.similarity > 0.97, pp5
    assert not any(NOTE_WORDS.search(text) for _op, text in pp5.diff)
    gone = [f for f in cmp.footnotes if f.op == "deleted"]
    assert ("*",) in [f.old for f in gone]  # the note went with the draft


def test_notes_before_numbered_footnotes_and_markers_in_text() -> None:
    l23, l19 = TEXT_DIR / "A_80_L.23.txt", TEXT_DIR / "A_80_L.19.txt"
    _require(l23)
    _require(l19)
    # Two notes under a rule, the second indented: order kept, numbers run on after them.
    doc = diffcore.load(str(l23))
    assert [fn.marker for fn in doc.footnotes[:4]] == ["*", "**", "1", "2"]
    # No rule: "* Any changes ..." then a real reference "**" that the body cites.
    doc = diffcore.load(str(l19))
    assert [fn.marker for fn in doc.footnotes] == ["*", "**"]
    assert doc.paragraph("pp1").footnote_refs == ("**",)
    assert len(doc.paragraphs) == 2


def test_marker_on_one_sponsor_qualifies_that_sponsor() -> None:
    path = TEXT_DIR / "A_C.1_80_L.31.txt"
    _require(path)
    sponsors = diffcore.load(str(path)).metadata.sponsors
    assert sponsors == (
        "Maldives, Nigeria (on behalf of the States Members of the United Nations that are"
        " members of the Group of African States) and Thailand"
    )


def test_reissue_note_is_a_footnote_of_the_symbol() -> None:
    path = TEXT_DIR / "A_C.1_80_L.23.txt"
    _require(path)
    doc = diffcore.load(str(path))
    assert doc.metadata.symbol == "A/C.1/80/L.23"
    assert doc.footnotes[0].marker == "*"
    assert doc.footnotes[0].text == "Reissued for technical reasons on 23 October 2025."
    assert "*" not in (doc.metadata.sponsors or "")


def test_unanchored_asterisk_line_stays_in_the_body() -> None:
    """Without its marker on the page a "* ..." line is running text, not a note."""
    path = TEXT_DIR / "A_C.2_80_L.19.txt"
    _require(path)
    page = split_pages(path.read_text(encoding="utf-8"))[0]
    body, notes = split_star_notes(page, [])
    assert notes[0].startswith("* On behalf of")
    assert not any(line.startswith("*") for line in body if "2516631" not in line)
    unanchored = [line.replace(":*", ":") for line in page]
    assert split_star_notes(unanchored, []) == (unanchored, [])
    # A block of running text after the note: the "*" line is not a foot-of-page note.
    footnotes: list[RawFootnote] = []
    assert split_star_notes([*page, " ", "eradication, providing for"], footnotes)[1] == []
