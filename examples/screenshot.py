"""Screenshot of the demo report for the README (needs Playwright and Debian's chromium)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
REPORT = HERE / "out" / "A_RES_72_1--A_RES_80_9.html"
TARGET = HERE / "screenshot-A_RES_72_1--A_RES_80_9.png"


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
        browser.close()
    print(TARGET.relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
