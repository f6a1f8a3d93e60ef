"""The language-reuse HTML page: shading, counts, links, safety, determinism, layout."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from diffcore.corpus import open_store
from diffcore.corpus.ingest import add_paths
from diffcore.corpus.query import resolve, reuse
from diffcore.corpus.results import (
    DocRef,
    ParagraphReuse,
    Precedent,
    ReuseReport,
    SourceShare,
)
from diffcore.model import Paragraph
from renderers import reuse_html

from .conftest import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, TEXT_DIR
from .test_reports import HOSTILE

SERIES = ["A_RES_78_7.txt", "A_RES_79_7.txt", "A_80_L.6.txt", "A_RES_80_4.txt"]
DECLARATION = "A_RES_80_9.txt"
TEMPLATES = REPO_ROOT / "renderers" / "templates"
STATUSES = ("verbatim", "near-verbatim", "partial", "new")

Html = Any  # an lxml.html element


# --- the real corpus ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def reports(
    tmp_path_factory: pytest.TempPathFactory, seed_path: Path
) -> dict[str, tuple[ReuseReport, str]]:
    """A/RES/80/4 and A/RES/80/9 from a corpus of a yearly series, the 2017 seed and 80/9."""
    files = [TEXT_DIR / name for name in (*SERIES, DECLARATION)]
    missing = [f.name for f in files if not f.is_file()]
    if missing:
        pytest.skip(f"corpus texts not found in {TEXT_DIR}: {', '.join(missing)}")
    store = open_store(tmp_path_factory.mktemp("reuse") / "c.sqlite")
    add_paths(store, [str(f) for f in [*files[:4], seed_path, files[4]]], workers=1)
    out = {}
    for symbol in ("A/RES/80/4", "A/RES/80/9"):
        report = reuse(store, resolve(store, symbol))
        out[symbol] = (report, reuse_html.render(report))
    return out


def parse(html: str) -> Html:
    return lxml.html.document_fromstring(html)


def articles(tree: Html) -> list[Html]:
    return list(tree.xpath("//main//article"))


def classes(el: Html) -> set[str]:
    return set(el.get("class", "").split())


@pytest.mark.parametrize("symbol", ["A/RES/80/4", "A/RES/80/9"])
def test_paragraphs_in_order_with_their_status(
    reports: dict[str, tuple[ReuseReport, str]], symbol: str
) -> None:
    report, html = reports[symbol]
    found = articles(parse(html))
    assert len(found) == len(report.paragraphs)
    for el, entry in zip(found, report.paragraphs, strict=True):
        assert entry.status in classes(el)
        assert not (classes(el) - {entry.status, "para", "uncounted"})
        assert el.get("data-status") == entry.status
        assert el.get("id") == f"p-{entry.paragraph.id}"
        if entry.words:
            badge = el.xpath(".//span[contains(@class, 'badge')]")[0]
            assert badge.text_content() == entry.status
        text = el.xpath(".//p[@class='ptext']")[0].text_content()
        # The text as printed: the paragraph's words (footnote markers added back).
        assert all(word in text for word in entry.paragraph.text.split())


@pytest.mark.parametrize("symbol", ["A/RES/80/4", "A/RES/80/9"])
def test_summary_counts_are_the_reports(
    reports: dict[str, tuple[ReuseReport, str]], symbol: str
) -> None:
    report, html = reports[symbol]
    tree = parse(html)
    summary = report.summary()
    shown = {
        li.get("data-key"): int(li.xpath("./span[@class='v']")[0].text_content())
        for li in tree.xpath("//section[@id='summary']//li[@data-key]")
    }
    assert set(shown) == {k for k in summary if not k.endswith("_share")}
    for key, value in shown.items():
        assert value == summary[key], key
    lead = tree.xpath("//p[@class='lead']")[0].text_content()
    assert f"({summary['reused_paragraph_share'] * 100:.0f}%)" in lead
    assert f"({summary['reused_word_share'] * 100:.0f}%)" in lead
    # The badges on the paragraphs add up to the same counts.
    badges = Counter(
        el.get("data-status") for el in articles(tree) if "uncounted" not in classes(el)
    )
    for status in ("verbatim", "near-verbatim", "partial"):
        assert badges[status] == summary[status]
    assert badges["new"] == summary["new_paragraphs"]
    threshold = f"near-verbatim threshold, {report.min_similarity:g}"
    assert threshold in tree.xpath("//div[@id='legend']")[0].text_content()


@pytest.mark.parametrize("symbol", ["A/RES/80/4", "A/RES/80/9"])
def test_in_page_links_resolve_and_ids_are_unique(
    reports: dict[str, tuple[ReuseReport, str]], symbol: str
) -> None:
    report, html = reports[symbol]
    tree = parse(html)
    ids = [el.get("id") for el in tree.xpath("//*[@id]")]
    assert len(ids) == len(set(ids))
    targets = {h[1:] for h in tree.xpath("//a/@href") if h.startswith("#")}
    assert targets and targets <= set(ids)
    # Every precedent of every paragraph is linked from it, to its document's section.
    for el, entry in zip(articles(tree), report.paragraphs, strict=True):
        links = {a.get("href") for a in el.xpath(".//a[contains(@class, 'src')]")}
        assert links == {f"#src-{p.document.id}" for p in entry.precedents}
        items = el.xpath(".//ol[@class='precedents']/li")
        assert len(items) == len(entry.precedents)
        for li, p in zip(items, entry.precedents, strict=True):
            text = li.text_content()
            assert f"{p.document.label} {p.label}" in text
            assert p.kind in text and reuse_html.percent(p.similarity) in text
    # The table of sources links to the sections, which link back to the paragraphs.
    rows = tree.xpath("//section[@id='most-drawn']//tbody/tr")
    assert len(rows) == min(10, len(report.sources))
    for row, share in zip(rows, report.sources, strict=True):
        assert row.xpath(".//a/@href") == [f"#src-{share.document.id}"]
        cells = [td.text_content().strip() for td in row.xpath("./td")]
        assert cells[1:] == [
            str(share.document.session),
            share.document.date,
            str(share.paragraphs),
            str(share.words),
        ]
    for entry in report.paragraphs:
        for p in entry.precedents:
            section = tree.get_element_by_id(f"src-{p.document.id}")
            assert f"#p-{entry.paragraph.id}" in section.xpath(".//ul[@class='drawn']//a/@href")


def test_the_2025_declaration_links_to_the_2017_one(
    reports: dict[str, tuple[ReuseReport, str]],
) -> None:
    report, html = reports["A/RES/80/9"]
    tree = parse(html)
    (seed_id,) = {
        p.document.id
        for e in report.paragraphs
        for p in e.precedents
        if p.document.symbol == "A/RES/72/1"
    }
    for label in ("annex OP1", "annex OP2"):
        (entry,) = [e for e in report.paragraphs if e.label == label]
        el = tree.get_element_by_id(f"p-{entry.paragraph.id}")
        closest = el.xpath(".//p[@class='prov']/a[@class='src']")[0]
        assert closest.get("href") == f"#src-{seed_id}"
        assert closest.text_content().startswith("A/RES/72/1 ")
        assert el.xpath(".//a[@href='https://undocs.org/A/RES/72/1']")
        diff = el.xpath(".//p[@class='diff']")[0]
        assert diff.xpath(".//del") or diff.xpath(".//ins")  # near-verbatim, not identical
    section = tree.get_element_by_id(f"src-{seed_id}")
    assert section.xpath("./h3")[0].text_content() == "A/RES/72/1"
    assert "Political declaration" in section.text_content()


def test_official_documents_are_plain_links(
    reports: dict[str, tuple[ReuseReport, str]],
) -> None:
    report, html = reports["A/RES/80/4"]
    tree = parse(html)
    external = tree.xpath("//a[starts-with(@href, 'http')]")
    assert external
    for a in external:
        assert a.get("href").startswith("https://undocs.org/")
        assert a.get("rel") == "noopener"
    hrefs = {a.get("href") for a in external}
    assert "https://undocs.org/A/RES/80/4" in hrefs  # the document itself
    for entry in report.paragraphs:
        for p in entry.precedents:
            assert f"https://undocs.org/{p.document.symbol}" in hrefs


@pytest.mark.parametrize("symbol", ["A/RES/80/4", "A/RES/80/9"])
def test_deterministic_and_self_contained(
    reports: dict[str, tuple[ReuseReport, str]], symbol: str
) -> None:
    report, html = reports[symbol]
    assert reuse_html.render(report) == html
    assert html.startswith("<!DOCTYPE html>")
    tree = parse(html)
    assert not tree.xpath("//script | //link | //img | //iframe | //object | //embed")
    assert not tree.xpath("//*[@src]")
    assert not re.search(r"""<(?:script|link|img)\b""", html)
    assert "@import" not in html and "url(" not in html
    assert tree.xpath("//style")


# --- colours -------------------------------------------------------------------------------


def _variables() -> dict[str, str]:
    css = (TEMPLATES / "report.css").read_text() + (TEMPLATES / "reuse.css").read_text()
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css))


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_shades_are_ordered_and_text_keeps_aa_contrast() -> None:
    v = _variables()
    shades = [v[f"shade-{s}"] for s in STATUSES]
    lum = [_luminance(s) for s in shades]
    assert lum == sorted(lum) and len(set(lum)) == 4  # verbatim darkest, new lightest
    for shade in shades:
        for fg in ("fg", "muted", "link-on-shade", "del-fg", "ins-fg"):
            assert contrast(v[fg], shade) >= 4.5, (fg, shade)
    assert contrast(v["del-fg"], v["del-bg"]) >= 4.5
    assert contrast(v["ins-fg"], v["ins-bg"]) >= 4.5
    assert contrast(v["rule"], v["bg"]) >= 3 and contrast(v["rule-new"], v["bg"]) >= 3


# --- hostile text ------------------------------------------------------------------------


def _ref(doc_id: int | None, symbol: str | None, label: str, title: str | None) -> DocRef:
    return DocRef(doc_id, symbol, label, 70, "2015-01-01", title, "resolution")


def hostile_report() -> ReuseReport:
    """Every text field holding markup, a template expression or a quote."""
    evil_src = _ref(3, HOSTILE[1], HOSTILE[0], HOSTILE[2])
    unstored = _ref(None, None, HOSTILE[2], HOSTILE[1])
    plain = _ref(4, "A/RES/71/1", "A/RES/71/1", "Plain")
    target = DocRef(None, HOSTILE[0], HOSTILE[1], 80, "2025-01-01", HOSTILE[0], HOSTILE[2])

    def prec(doc: DocRef, kind: Any, sim: float, text: str) -> Precedent:
        return Precedent(doc, f"op{sim}", HOSTILE[1], text, kind, sim, 10, 10)

    p1 = Paragraph(
        id=HOSTILE[1],
        kind="operative",
        text=f"Decides {HOSTILE[0]} and {HOSTILE[2]}",
        number="1",
        footnote_refs=(HOSTILE[1],),
        footnote_offsets=(7,),
    )
    a = prec(evil_src, "near-verbatim", 0.9, HOSTILE[0])
    b = prec(unstored, "partial", 0.3, HOSTILE[1])
    c = prec(plain, "verbatim", 1.0, "Decides")
    entries = (
        ParagraphReuse(
            p1,
            HOSTILE[2],
            6,
            "verbatim",
            (a, b, c),
            3,
            a,
            a,
            c,
            6,
            (("=", "Decides "), ("-", HOSTILE[1]), ("+", HOSTILE[0]), ("=", f" {HOSTILE[2]}")),
        ),
        ParagraphReuse(
            Paragraph(id=HOSTILE[1], kind="text", text=HOSTILE[1]),
            HOSTILE[0],
            4,
            None,
            (),
            0,
            None,
            None,
            None,
            0,
            (),
        ),
        ParagraphReuse(
            Paragraph(id="blank", kind="text", text="\u2014"),
            "text",
            0,
            None,
            (),
            0,
            None,
            None,
            None,
            0,
            (),
        ),
    )
    return ReuseReport(target, 0.5, entries, (SourceShare(evil_src, 1, 6),))


def test_hostile_text_appears_literally_and_makes_no_markup() -> None:
    html = reuse_html.render(hostile_report())
    tree = parse(html)
    assert not tree.xpath("//script | //img | //*[@onerror]")
    assert "<script" not in html and "<img" not in html
    text = tree.xpath("//body")[0].text_content()
    for payload in HOSTILE:
        assert payload in text
    assert tree.xpath("//title")[0].text_content() == f"Language reuse in {HOSTILE[1]}"
    # Anchors stay well-formed and resolve, even from such ids.
    ids = [el.get("id") for el in tree.xpath("//*[@id]")]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+", i) for i in ids)
    targets = {h[1:] for h in tree.xpath("//a/@href") if h.startswith("#")}
    assert targets <= set(ids)
    # The symbol is percent-encoded into the official address; no symbol, no link.
    external = [h for h in tree.xpath("//a/@href") if not h.startswith("#")]
    assert external and all(
        h.startswith("https://undocs.org/") and re.fullmatch(r"[\x21-\x7e]+", h) for h in external
    )
    assert '"' not in "".join(external) and "<" not in "".join(external)
    # The paragraph without words is shown but not counted.
    shown = articles(tree)
    assert [el.get("data-status") for el in shown] == ["verbatim", "new", "new"]
    assert "uncounted" in classes(shown[2]) and "uncounted" not in classes(shown[1])


# --- in a browser ------------------------------------------------------------------------


def test_in_chromium_without_script(
    reports: dict[str, tuple[ReuseReport, str]], tmp_path: Path
) -> None:
    """No horizontal scroll at 1024px, no requests, source links move to the section."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (.ci/run installs Debian's package)")
    report, html = reports["A/RES/80/9"]
    path = tmp_path / "reuse.html"
    path.write_text(html, encoding="utf-8")
    (entry,) = [e for e in report.paragraphs if e.label == "annex OP1"]
    assert entry.closest is not None
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": 1024, "height": 900}, java_script_enabled=False
            )
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(path.as_uri())
            for width in (1024, 400):
                page.set_viewport_size({"width": width, "height": 900})
                scroll, client = page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                assert scroll <= client, width
            page.set_viewport_size({"width": 1024, "height": 900})
            page.click(f"#p-{entry.paragraph.id} details > summary")
            assert page.locator(f"#p-{entry.paragraph.id} p.diff del").count() > 0
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert scroll <= client
            target = f"src-{entry.closest.document.id}"
            page.click(f"#p-{entry.paragraph.id} p.prov a.src")
            assert page.evaluate("location.hash") == f"#{target}"
            top = page.evaluate(f"document.getElementById('{target}').getBoundingClientRect().top")
            assert 0 <= top < 100
            page.click(f"#{target} ul.drawn a[href='#p-{entry.paragraph.id}']")
            assert page.evaluate("location.hash") == f"#p-{entry.paragraph.id}"
            assert requests and all(u.startswith("file:") for u in requests)
        finally:
            browser.close()


def test_document_text_takes_its_direction_from_the_text(
    reports: dict[str, tuple[ReuseReport, str]],
) -> None:
    """Corpus documents carry no language: their text is marked unknown, not English."""
    tree = parse(reports["A/RES/80/9"][1])
    assert (tree.get("lang"), tree.get("dir")) == ("en", "ltr")
    texts = tree.xpath("//p[contains(@class, 'ptext')]")
    assert len(texts) > 20
    assert {(p.get("lang"), p.get("dir")) for p in texts} == {("", "auto")}
