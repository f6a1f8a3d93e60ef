"""Screenshots of the reports for the README (needs Playwright and Debian's chromium).

The English one is of the `make demo` report; the Arabic and Chinese ones compare a
real AKN4UN text from ../shared/corpus with the edited copy the browser tests use
(tests/multilingual.py), at the 1024 px width those tests check.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
REPORT = HERE / "out" / "A_RES_72_1--A_RES_80_9.html"
TARGET = HERE / "screenshot-A_RES_72_1--A_RES_80_9.png"
LANGUAGES = ("ar", "zh")


def language_reports(out: Path) -> list[tuple[Path, Path]]:
    """(report, screenshot) for each language, the reports written into `out`."""
    sys.path.insert(0, str(HERE.parent))
    from renderers import sidebyside
    from tests import multilingual

    pairs = []
    for lang in LANGUAGES:
        report = out / f"A_RES_80_9.{lang}--edited.html"
        report.write_text(sidebyside.render(multilingual.comparison(lang)), encoding="utf-8")
        pairs.append((report, HERE / f"screenshot-A_RES_80_9.{lang}.png"))
    return pairs


def main() -> int:
    chromium = shutil.which("chromium")
    if chromium is None or not REPORT.exists():
        print("needs /usr/bin/chromium and `make demo` first", file=sys.stderr)
        return 2
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 820})
        page.goto(REPORT.as_uri())
        page.evaluate("window.scrollTo(0, document.getElementById('c4').offsetTop - 40)")
        page.screenshot(path=str(TARGET))
        print(TARGET.relative_to(HERE.parent))
        page = browser.new_page(viewport={"width": 1024, "height": 820})
        for report, target in language_reports(REPORT.parent):
            page.goto(report.as_uri())
            page.evaluate("window.scrollTo(0, document.getElementById('c1').offsetTop - 40)")
            page.screenshot(path=str(target))
            print(target.relative_to(HERE.parent))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
