"""Arabic and Chinese reports in real headless Chromium: direction, layout and fonts.

The reports compare real AKN4UN texts from ../shared/corpus with edited copies
(tests/multilingual.py). Fonts are checked with what Chromium actually drew each text
node with (DevTools `CSS.getPlatformFontsForNode`): a report shown in tofu boxes or in
a font without the script fails here, not only in a screenshot.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from renderers import redline, sidebyside

from . import multilingual
from .conftest import CHROMIUM, CHROMIUM_ARGS

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's package)"
)

DIRECTION = {"ar": "rtl", "zh": "ltr"}
# The font the script must be drawn with (Debian fonts-noto-core / fonts-noto-cjk).
SCRIPT_FONT = {"ar": "Noto Naskh Arabic", "zh": "Noto Serif CJK SC"}
WIDTH = 1024


def installed_fonts() -> str:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ""
    run = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=False)
    return run.stdout


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module", params=["ar", "zh"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def reports(lang: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    cmp = multilingual.comparison(lang)
    out = tmp_path_factory.mktemp(f"reports-{lang}")
    paths = {}
    for name, render in (("sidebyside", sidebyside.render), ("redline", redline.render)):
        paths[name] = out / f"{name}.html"
        paths[name].write_text(render(cmp), encoding="utf-8")
    return paths


def open_page(browser: Any, path: Path) -> Any:
    page = browser.new_page(viewport={"width": WIDTH, "height": 900})
    page.goto(path.as_uri())
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    return page


def platform_fonts(page: Any, selector: str) -> dict[str, int]:
    """Font family -> glyphs Chromium drew from it, for the first node matching selector."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"no element matches {selector}"
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {f["familyName"]: f["glyphCount"] for f in fonts}


def test_lang_and_dir_attributes(browser: Any, reports: dict[str, Path], lang: str) -> None:
    page = open_page(browser, reports["sidebyside"])
    root = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    assert root == ["en", "ltr"]  # the interface is English
    cells = page.evaluate(
        """() => Array.from(document.querySelectorAll('.cell')).map(c =>
               [c.lang, c.dir, getComputedStyle(c.querySelector('p') || c).direction])"""
    )
    assert len(cells) > 80
    assert {tuple(c) for c in cells} == {(lang, DIRECTION[lang], DIRECTION[lang])}


def test_no_horizontal_scroll(browser: Any, reports: dict[str, Path]) -> None:
    for path in reports.values():
        page = open_page(browser, path)
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, path.name


def test_rows_aligned_and_mirrored(browser: Any, reports: dict[str, Path], lang: str) -> None:
    page = open_page(browser, reports["sidebyside"])
    boxes = page.evaluate(
        """() => Array.from(document.querySelectorAll('.row')).filter(r =>
               r.querySelector('.cell.old p') && r.querySelector('.cell.new p'))
             .map(r => [r.querySelector('.cell.old').getBoundingClientRect().toJSON(),
                        r.querySelector('.cell.new').getBoundingClientRect().toJSON()])"""
    )
    assert len(boxes) > 40
    for old, new in boxes:
        assert abs(old["top"] - new["top"]) < 0.5
        if DIRECTION[lang] == "rtl":  # old text on the right, where reading starts
            assert old["left"] >= new["right"]
        else:
            assert old["right"] <= new["left"]


def test_no_overlapping_text(browser: Any, reports: dict[str, Path]) -> None:
    """Paragraph boxes of one column never overlap, nor a label and its paragraph's text."""
    for path in reports.values():
        page = open_page(browser, path)
        overlaps = page.evaluate(
            r"""() => {
              const bad = [];
              const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
                                        a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
              const paras = Array.from(document.querySelectorAll('.cell p, p.para'));
              const groups = new Map();
              for (const p of paras) {
                const key = p.closest('.cell') ? p.closest('.cell').className : 'single';
                if (!groups.has(key)) groups.set(key, []);
                groups.get(key).push(p.getBoundingClientRect());
              }
              for (const rects of groups.values())
                for (let i = 1; i < rects.length; i++)
                  if (overlap(rects[i - 1], rects[i])) bad.push('paragraphs ' + i);
              for (const p of paras) {
                const lab = p.querySelector('.lab');
                const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
                let text = null;
                while (walk.nextNode())
                  if (!lab.contains(walk.currentNode) && walk.currentNode.data.trim()) {
                    text = walk.currentNode;
                    break;
                  }
                if (!text) continue;
                const r = document.createRange();
                const at = text.data.search(/\S/);
                r.setStart(text, at);
                r.setEnd(text, at + 1);
                const first = r.getClientRects()[0], box = lab.getBoundingClientRect();
                // The label and the first letter: apart, with a visible gap between them.
                const gap = Math.max(first.left - box.right, box.left - first.right);
                if (overlap(box, first) || gap < 3) bad.push(p.id + ' gap ' + gap);
              }
              return bad;
            }"""
        )
        assert overlaps == [], path.name


def test_script_drawn_with_noto_fonts(browser: Any, reports: dict[str, Path], lang: str) -> None:
    if SCRIPT_FONT[lang] not in installed_fonts():
        pytest.skip(f"{SCRIPT_FONT[lang]} is not installed (.ci/run installs Debian's fonts-noto)")
    for path in reports.values():
        page = open_page(browser, path)
        width = page.evaluate(
            f"document.querySelector('[lang={lang}] del').getBoundingClientRect().width"
        )
        assert width > 10
        for selector in (f"[lang={lang}] del", f"[lang={lang}] ins"):
            fonts = platform_fonts(page, selector)
            assert set(fonts) == {SCRIPT_FONT[lang]}, (path.name, selector, fonts)
            assert fonts[SCRIPT_FONT[lang]] > 3


def test_redline_reads_in_the_document_direction(
    browser: Any, reports: dict[str, Path], lang: str
) -> None:
    page = open_page(browser, reports["redline"])
    paras = page.evaluate(
        """() => Array.from(document.querySelectorAll('p.para:not(.note)')).map(p => {
              const box = p.getBoundingClientRect();
              const lab = p.querySelector('.lab').getBoundingClientRect();
              return [p.lang, getComputedStyle(p).direction,
                      lab.left - box.left, box.right - lab.right];
            })"""
    )
    assert len(paras) > 40
    for p_lang, direction, from_left, from_right in paras:
        assert (p_lang, direction) == (lang, DIRECTION[lang])
        # The paragraph label starts the line: at the right edge for Arabic.
        assert (from_right if direction == "rtl" else from_left) < 1


def test_screenshot(browser: Any, reports: dict[str, Path], tmp_path: Path) -> None:
    page = open_page(browser, reports["sidebyside"])
    page.evaluate("window.scrollTo(0, document.getElementById('c1').offsetTop - 40)")
    shot = tmp_path / "shot.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
