"""Screenshots of `resdiff serve`'s pages for the README (Playwright, Debian's chromium).

    .venv/bin/python examples/web_screenshots.py

Builds a five-document corpus from ../shared/corpus/text in a temporary folder, starts
the real server on a free localhost port, walks the pages as a user would (uploads the
A/80/L.8 -> A/RES/80/9 pair, opens the corpus, a document, its reuse report, series
and history, searches a phrase) and saves one PNG of the first screen of each under examples/web/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from serve_client import start  # noqa: E402

TEXT = ROOT.parent / "shared" / "corpus" / "text"
CORPUS = ["A_RES_78_7.txt", "A_RES_79_7.txt", "A_RES_80_4.txt", "A_80_L.8.txt", "A_RES_80_9.txt"]
OUT = HERE / "web"


def shoot(page: Page, name: str) -> None:
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path))
    print(f"{path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")


def main() -> int:
    chromium = shutil.which("chromium")
    if chromium is None or not all((TEXT / n).exists() for n in CORPUS):
        print("needs /usr/bin/chromium and ../shared/corpus/text", file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.sqlite"
        subprocess.run(
            [sys.executable, "-m", "cli", "corpus", "add", "-q", "--db", str(db)]
            + [str(TEXT / n) for n in CORPUS],
            cwd=ROOT,
            check=True,
        )
        with start("--db", str(db)) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1000, "height": 640})
            page.goto(server.url + "/")
            page.set_input_files("#old", str(TEXT / "A_80_L.8.txt"))
            page.set_input_files("#new", str(TEXT / "A_RES_80_9.txt"))
            shoot(page, "compare")
            page.click("button[type=submit]")
            page.wait_for_selector("#summary")
            shoot(page, "result")
            result = page.url
            page.click("#open-sidebyside")
            shoot(page, "sidebyside")
            page.goto(result)
            page.click("#open-redline")
            shoot(page, "redline")
            page.goto(server.url + "/corpus")
            shoot(page, "corpus")
            page.click("text=A/RES/80/4")
            shoot(page, "document")
            document = page.url
            for link, name in (("#open-reuse", "reuse"), ("#open-series", "series")):
                page.goto(document)
                page.click(link)
                shoot(page, name)
            page.goto(document)
            page.click("#open-history")
            shoot(page, "history")
            page.goto(server.url + "/search")
            page.fill("#q", "freedom of trade and navigation")
            shoot(page, "search-form")
            page.click("form.search button")
            shoot(page, "search")
            page.goto(server.url + "/corpus/999")
            shoot(page, "error")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
