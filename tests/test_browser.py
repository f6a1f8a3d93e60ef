"""The side-by-side report in real headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import diffcore
from renderers import redline, sidebyside

from .conftest import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT
from .test_reports import HOSTILE, hostile_comparison

EXAMPLES = REPO_ROOT / "examples"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (.ci/run installs Debian's package)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    old = diffcore.load(str(EXAMPLES / "A_RES_72_1.ods.txt"))
    new = diffcore.load(str(EXAMPLES / "A_RES_80_9.txt"))
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(sidebyside.render(diffcore.compare(old, new)), encoding="utf-8")
    return path


def open_page(browser: Any, path: Path, width: int = 1280, js: bool = True) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=js)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.requests = requests
    return page


def test_aligned_rows_start_at_the_same_height(browser: Any, report: Path) -> None:
    page = open_page(browser, report)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    offsets = page.evaluate(
        """() => Array.from(document.querySelectorAll('.row')).filter(r =>
               r.querySelector('.cell.old p') && r.querySelector('.cell.new p'))
             .map(r => [r.querySelector('.cell.old').getBoundingClientRect().top,
                        r.querySelector('.cell.new').getBoundingClientRect().top])"""
    )
    assert len(offsets) > 20
    assert all(abs(a - b) < 0.5 for a, b in offsets)


@pytest.mark.parametrize("width", [1280, 1024])
def test_no_horizontal_scroll(browser: Any, report: Path, width: int) -> None:
    page = open_page(browser, report, width)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client


def test_narrow_screen_stacks_columns(browser: Any, report: Path) -> None:
    page = open_page(browser, report, 400)
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client
    old_box = page.locator("#c1 .cell.old").bounding_box()
    new_box = page.locator("#c1 .cell.new").bounding_box()
    assert new_box["y"] > old_box["y"]  # stacked, not side by side


def test_keyboard_navigation_moves_to_next_and_previous_change(browser: Any, report: Path) -> None:
    page = open_page(browser, report)
    page.keyboard.press("n")
    assert page.evaluate("location.hash") == "#c1"
    page.keyboard.press("n")
    assert page.evaluate("location.hash") == "#c2"
    top = page.evaluate("document.getElementById('c2').getBoundingClientRect().top")
    assert 0 <= top < 100
    page.keyboard.press("p")
    assert page.evaluate("location.hash") == "#c1"


def test_navigation_degrades_to_links_without_script(browser: Any, report: Path) -> None:
    page = open_page(browser, report, js=False)
    page.click("#c1 a[rel=next]")
    assert page.url.endswith("#c2")
    page.click("#c2 a[rel=prev]")
    assert page.url.endswith("#c1")


def test_no_network_requests(browser: Any, report: Path) -> None:
    page = open_page(browser, report)
    assert all(u.startswith("file:") for u in page.requests)


@pytest.mark.parametrize("render", [sidebyside.render, redline.render])
def test_hostile_document_shows_text_and_runs_nothing(
    browser: Any, tmp_path: Path, render: Any
) -> None:
    path = tmp_path / "evil.html"
    path.write_text(render(hostile_comparison()), encoding="utf-8")
    page = open_page(browser, path)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.reload()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    text = page.evaluate("document.body.innerText")
    for payload in HOSTILE:
        assert payload in text
    assert not dialogs


def test_demo_screenshot(browser: Any, report: Path, tmp_path: Path) -> None:
    page = open_page(browser, report)
    page.evaluate("window.scrollTo(0, document.getElementById('c4').offsetTop - 40)")
    shot = tmp_path / "shot.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
