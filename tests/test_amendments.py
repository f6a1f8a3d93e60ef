"""Amendment documents: parsing every one in the corpus, and their fate in the adopted text.

The fates expected below were verified by hand (reading each amendment, the draft and
the adopted resolution in ../shared/corpus; the table and the reasons are in
BENCHMARKS.md). The generated cases apply each kind of edit to a real draft, so the
adopted text is known to carry it out, or not.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import diffcore
from diffcore.amendments import Amendment, Edit, ParagraphRef, check, parse
from diffcore.model import Document, Paragraph

from .conftest import CORPUS_DIR
from .conftest_corpus import run_cli
from .history_check import chains, text_path

pytestmark = pytest.mark.skipif(
    not (CORPUS_DIR / "chains.json").is_file(),
    reason=f"real-document corpus not found at {CORPUS_DIR} (expected ../shared/corpus)",
)

# Verified by hand: amendment -> (draft in the corpus, adopted text, fate, fate per target).
HAND_VERIFIED: dict[str, tuple[str, str, str, dict[str, str]]] = {
    "A/C.2/80/L.62": (
        "A/C.2/80/L.13",
        "A/RES/80/121",
        "rejected",
        {"PP21": "rejected", "OP35": "rejected", "OP38": "rejected", "OP39": "rejected"},
    ),
    "A/C.6/80/L.24": ("A/C.6/80/L.14", "A/RES/80/169", "partly", {"OP2": "partly"}),
    "A/C.3/80/L.65": (
        "A/C.3/80/L.24",
        "A/RES/80/189",
        "partly",
        {"PP3": "rejected", "OP2": "adopted"},
    ),
    "A/C.3/80/L.63": ("A/C.3/80/L.20", "A/RES/80/190", "adopted", {"PP13": "adopted"}),
    "A/C.3/80/L.64": (
        "A/C.3/80/L.20",
        "A/RES/80/190",
        "rejected",
        {"OP13": "rejected", "OP27": "rejected", "OP43": "rejected", "OP46": "rejected"},
    ),
    "A/C.3/80/L.56": ("A/C.3/80/L.2", "A/RES/80/192", "adopted", {"new paragraph": "adopted"}),
    "A/C.3/80/L.58": ("A/C.3/80/L.50", "A/RES/80/211", "rejected", {"PP28": "rejected"}),
    "A/C.2/80/L.63": (
        "A/C.2/80/L.12",
        "A/RES/80/123",
        "rejected",
        {"OP3": "rejected", "OP43": "rejected", "OP45": "rejected"},
    ),
}


def _load(symbol: str) -> Document:
    return diffcore.load(str(text_path(symbol)))


def _amendment_symbols() -> list[str]:
    return [v["symbol"] for c in chains() for v in c["versions"] if v["role"] == "amendment"]


def test_every_amendment_of_the_corpus_is_hand_verified() -> None:
    assert sorted(_amendment_symbols()) == sorted(HAND_VERIFIED)


@pytest.mark.parametrize("symbol", sorted(HAND_VERIFIED))
def test_amendment_parses_and_its_fate_is_the_verified_one(symbol: str) -> None:
    draft, adopted, fate, targets = HAND_VERIFIED[symbol]
    amendment = parse(_load(symbol))
    assert amendment.parsed, amendment.unparsed
    assert (amendment.amends or "").split("/Rev.")[0] == draft
    result = check(amendment, _load(draft), _load(adopted))
    assert result.fate == fate
    got = {t.target: t.fate for e in result.edits for t in e.targets}
    assert got == targets


@pytest.mark.parametrize("symbol", sorted(HAND_VERIFIED))
def test_amendment_pdf_reads_as_its_text_layer(symbol: str) -> None:
    pdf = CORPUS_DIR / "pdf" / f"{symbol.replace('/', '_')}.pdf"
    if not pdf.is_file():
        pytest.skip(f"no PDF of {symbol} in the corpus")
    from_pdf = parse(diffcore.load(str(pdf)))
    from_text = parse(_load(symbol))
    assert [e.to_dict() for e in from_pdf.edits] == [e.to_dict() for e in from_text.edits]


def test_parsed_edits_of_a_numbered_amendment() -> None:
    edits = parse(_load("A/C.3/80/L.64")).edits
    assert [(e.action, [t.label for t in e.targets], e.old) for e in edits] == [
        ("delete-text", ["OP13"], "sexual and reproductive health,"),
        ("delete-text", ["OP27", "OP43"], "sexual and reproductive"),
        ("delete-text", ["OP46"], "including sexual and reproductive health,"),
    ]
    insert = parse(_load("A/C.3/80/L.56")).edits[0]
    assert insert.action == "insert-paragraph" and insert.position == "after"
    assert insert.new is not None and insert.new.startswith("Notes with alarm that")


def test_instruction_wordings_parse() -> None:
    """The other wordings the patterns read, as paragraphs of a real amendment document."""
    doc = _load("A/C.3/80/L.58")
    texts = [
        "In operative paragraph 5 (a), after “continue to”, insert “regularly”.",
        "Before the second preambular paragraph, insert a new preambular paragraph, "
        "reading: “Recalling its resolution 78/205,”",
        "Delete the first and second preambular paragraphs.",
        "Make the text shorter.",
    ]
    paras = tuple(Paragraph(f"t{n}", "text", t) for n, t in enumerate(texts, 1))
    amendment = parse(replace(doc, paragraphs=paras))
    assert [e.action for e in amendment.edits] == [
        "insert-text",
        "insert-paragraph",
        "delete-paragraph",
    ]
    first, second, third = amendment.edits
    assert (first.targets, first.old, first.new) == (
        (ParagraphRef("operative", "5(a)"),),
        "continue to",
        "regularly",
    )
    assert (second.position, second.new) == ("before", "Recalling its resolution 78/205,")
    assert [t.label for t in third.targets] == ["PP1", "PP2"]
    assert amendment.unparsed == ("Make the text shorter.",)
    assert not amendment.parsed


# --- generated: each kind of edit carried out on a real draft, or not ------------------

DRAFT = "A/C.3/80/L.50"


def _edited(doc: Document, pid: str, text: str | None) -> Document:
    """The draft with one paragraph rewritten (None: deleted)."""
    paras = tuple(
        replace(p, text=text) if p.id == pid else p
        for p in doc.paragraphs
        if not (p.id == pid and text is None)
    )
    return replace(doc, paragraphs=paras)


def _inserted(doc: Document, after: str, text: str) -> Document:
    paras: list[Paragraph] = []
    for p in doc.paragraphs:
        paras.append(p)
        if p.id == after:
            paras.append(Paragraph("op-new", "operative", text, number="3bis"))
    return replace(doc, paragraphs=tuple(paras))


def _fate(edit: Edit, draft: Document, adopted: Document) -> str | None:
    amendment = Amendment("A/C.3/80/L.99", DRAFT, None, (edit,), ())
    return check(amendment, draft, adopted).fate


@pytest.fixture(scope="module")
def draft() -> Document:
    return _load(DRAFT)


def test_generated_paragraph_deletion(draft: Document) -> None:
    edit = Edit("delete-paragraph", (ParagraphRef("operative", "5"),), "Delete OP5.")
    assert _fate(edit, draft, _edited(draft, "op5", None)) == "adopted"
    assert _fate(edit, draft, draft) == "rejected"


def test_generated_text_deletion_replacement_and_insertion(draft: Document) -> None:
    op7 = draft.paragraph("op7").text
    words = op7.split()
    quote = " ".join(words[4:10])
    ref = (ParagraphRef("operative", "7"),)
    delete = Edit("delete-text", ref, "delete", old=quote)
    assert _fate(
        delete, draft, _edited(draft, "op7", " ".join(op7.replace(quote, "").split()))
    ) == ("adopted")
    assert _fate(delete, draft, draft) == "rejected"
    rewritten = op7.replace(quote, "in a manner agreed by the States concerned")
    assert _fate(delete, draft, _edited(draft, "op7", rewritten)) == "partly"
    swap = Edit("replace-text", ref, "replace", old=quote, new="with all due speed")
    assert _fate(swap, draft, _edited(draft, "op7", op7.replace(quote, "with all due speed"))) == (
        "adopted"
    )
    assert _fate(swap, draft, draft) == "rejected"
    add = Edit("insert-text", ref, "insert", old=quote, new="urgently", position="after")
    assert _fate(add, draft, _edited(draft, "op7", op7.replace(quote, quote + " urgently"))) == (
        "adopted"
    )
    assert _fate(add, draft, draft) == "rejected"


def test_generated_paragraph_insertion(draft: Document) -> None:
    text = _load("A/RES/80/190").paragraph("op2").text  # a real paragraph from elsewhere
    edit = Edit(
        "insert-paragraph", (ParagraphRef("operative", "3"),), "insert", new=text, position="after"
    )
    assert _fate(edit, draft, _inserted(draft, "op3", text)) == "adopted"
    assert _fate(edit, draft, draft) == "rejected"
    amendment = Amendment("A/C.3/80/L.99", DRAFT, None, (edit,), ())
    placed = check(amendment, draft, _inserted(draft, "op3", text)).edits[0].targets[0]
    assert placed.reason.endswith("placed after OP3 as asked")
    elsewhere = check(amendment, draft, _inserted(draft, "op6", text)).edits[0].targets[0]
    assert elsewhere.fate == "adopted" and elsewhere.reason.endswith("not placed after OP3")


def test_cli_compare_with_amendment(tmp_path: Path) -> None:
    old, new, amendment = (
        str(text_path(s)) for s in ("A/C.3/80/L.2", "A/RES/80/192", "A/C.3/80/L.56")
    )
    proc = run_cli("compare", old, new, "--amendment", amendment, "--color", "never")
    assert proc.returncode == 1, proc.stderr
    assert "Amendment A/C.3/80/L.56 to A/C.3/80/L.2: adopted in A/RES/80/192" in proc.stdout
    out = tmp_path / "r.html"
    proc = run_cli(
        "compare", old, new, "--amendment", amendment, "--format", "html", "-o", str(out)
    )
    assert proc.returncode == 1
    assert '<section id="amendments">' in out.read_text(encoding="utf-8")
    plain = run_cli("compare", old, new, "--format", "html")
    assert '<section id="amendments">' not in plain.stdout
