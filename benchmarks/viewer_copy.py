"""What a user copies out of Chromium's PDF viewer: select all, then copy.

The viewer (an extension frame around pdfium) answers the embedder's scripting
messages `selectAll` and `getSelectedText` with exactly the selection that Ctrl+A,
Ctrl+C would put on the clipboard; headless Chromium has no clipboard to read, so
this asks the viewer directly. The PDF is served over http on 127.0.0.1, because
the viewer does not post its answers to a file:// page (an opaque origin).

Used by `bench_pdftotext.py --viewer` and `tests/test_pdftotext.py`; needs the
`playwright` package and a Chromium executable (Debian's `chromium`).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
TIMEOUT_MS = 20000

_ASK = """function(timeout) {
  const frame = this;
  let ask = null;
  return new Promise((resolve) => {
    const done = (value) => {
      clearInterval(ask);
      window.removeEventListener('message', on);
      resolve(value);
    };
    const on = (e) => {
      const d = e.data || {};
      if (d.type === 'documentLoaded') {
        frame.contentWindow.postMessage({type: 'selectAll'}, '*');
        frame.contentWindow.postMessage({type: 'getSelectedText'}, '*');
      } else if (typeof d.selectedText === 'string') {
        done(d.selectedText);
      }
    };
    window.addEventListener('message', on);
    // Ask again until the viewer has loaded the document and answers.
    ask = setInterval(() => {
      frame.contentWindow.postMessage({type: 'selectAll'}, '*');
      frame.contentWindow.postMessage({type: 'getSelectedText'}, '*');
    }, 250);
    setTimeout(() => { clearInterval(ask); done(null); }, timeout);
  });
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def viewer(directory: Path) -> Iterator[Any]:
    """A function `copy(name) -> str | None` for PDFs in `directory`, one browser for all."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield functools.partial(_copy, browser, base)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


def _copy(browser: Any, base: str, name: str) -> str | None:
    page = browser.new_page()
    try:
        page.goto(base + name, timeout=TIMEOUT_MS)
        cdp = page.context.new_cdp_session(page)
        for _ in range(40):  # the viewer frame sits in a closed shadow root
            tree = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
            frame = _viewer_frame(tree["root"])
            if frame is not None:
                break
            page.wait_for_timeout(250)
        else:
            return None
        target = cdp.send("DOM.resolveNode", {"backendNodeId": frame})["object"]["objectId"]
        reply = cdp.send(
            "Runtime.callFunctionOn",
            {
                "objectId": target,
                "functionDeclaration": _ASK,
                "arguments": [{"value": TIMEOUT_MS}],
                "awaitPromise": True,
                "returnByValue": True,
            },
        )
        value = reply.get("result", {}).get("value")
        return value if isinstance(value, str) and value else None
    finally:
        page.close()


def _viewer_frame(node: dict[str, Any]) -> int | None:
    if node.get("nodeName") in ("IFRAME", "EMBED") and "application/pdf" in node.get(
        "attributes", []
    ):
        return int(node["backendNodeId"])
    for child in [*node.get("children", []), *node.get("shadowRoots", [])]:
        found = _viewer_frame(child)
        if found is not None:
            return found
    return None
