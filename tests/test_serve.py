"""`resdiff serve` (issue #14, points 2-4): the real server in a subprocess on a free
localhost port, driven by headless Chromium (Playwright, JavaScript off: every flow must
work without it) and by plain HTTP for what a browser would not send."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import diffcore

from .conftest import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, TEXT_DIR
from .docxgen import W_NS, Para, build_docx

if str(REPO_ROOT / "benchmarks") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import serve_client as client

pytest.importorskip("fastapi", reason="the web extra is not installed")

OLD = TEXT_DIR / "A_80_L.8.txt"
NEW = TEXT_DIR / "A_RES_80_9.txt"
# A series of three (78/7 -> 79/7 -> 80/4) and the draft/adopted pair.
CORPUS = ["A_RES_78_7.txt", "A_RES_79_7.txt", "A_RES_80_4.txt", "A_80_L.8.txt", "A_RES_80_9.txt"]
TOKEN = "s3cret-token-for-the-tests"


def need_corpus() -> None:
    if not all((TEXT_DIR / name).exists() for name in CORPUS):
        pytest.skip(f"real-document corpus not found at {TEXT_DIR} (expected ../shared/corpus)")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_corpus()
    path = tmp_path_factory.mktemp("serve") / "corpus.sqlite"
    subprocess.run(
        [sys.executable, "-m", "cli", "corpus", "add", "-q", "--db", str(path)]
        + [str(TEXT_DIR / name) for name in CORPUS],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
    )
    return path


@pytest.fixture(scope="module")
def tmpdir_of_server(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The server's TMPDIR, where it makes its private upload folder."""
    return tmp_path_factory.mktemp("server-tmp")


@pytest.fixture(scope="module")
def server(db: Path, tmpdir_of_server: Path) -> Iterator[client.Server]:
    env = dict(os.environ, TMPDIR=str(tmpdir_of_server))
    with client.start("--db", str(db), env=env) as running:
        yield running


@pytest.fixture(scope="module")
def guarded(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[client.Server]:
    """A second server with a token (from the environment) that may add documents."""
    copy = tmp_path_factory.mktemp("writable") / "corpus.sqlite"
    copy.write_bytes(db.read_bytes())
    env = dict(os.environ, RESDIFF_TOKEN=TOKEN)
    with client.start("--db", str(copy), "--allow-writes", env=env) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (.ci/run installs Debian's package)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    yield context.new_page()
    context.close()


def upload_compare(page: Any, server: client.Server, old: Path, new: Path) -> None:
    page.goto(server.url + "/")
    page.set_input_files("#old", str(old))
    page.set_input_files("#new", str(new))
    page.click("button[type=submit]")
    page.wait_for_load_state()  # click waits for the navigation to start only
    page.wait_for_selector("#summary")


# --- compare --------------------------------------------------------------------------


def test_upload_compare_report_and_downloads(
    page: Any, server: client.Server, tmp_path: Path
) -> None:
    upload_compare(page, server, OLD, NEW)
    assert page.locator("h1").inner_text() == "A/80/L.8 → A/RES/80/9"
    assert "changes" in page.locator("#summary").inner_text()
    result_url = page.url
    assert "/results/" in result_url

    page.click("#open-sidebyside")
    page.wait_for_load_state()  # click waits for the navigation to start only
    assert page.locator(".row").count() > 20
    assert "A/RES/80/9" in page.content()
    page.goto(result_url)

    with page.expect_download() as info:
        page.click("#download-docx")
    docx_path = tmp_path / "redline.docx"
    info.value.save_as(docx_path)
    assert zipfile.is_zipfile(docx_path)
    accepted = diffcore.load(str(docx_path))
    assert [p.text for p in accepted.paragraphs] == [
        p.text for p in diffcore.load(str(NEW)).paragraphs
    ]

    with page.expect_download() as info:
        page.click("#download-json")
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["schema"] == "resdiff.comparison/2"
    assert data["old"]["symbol"] == "A/80/L.8" and data["new"]["symbol"] == "A/RES/80/9"


def test_pasted_texts_with_options(page: Any, server: client.Server) -> None:
    need_corpus()
    page.goto(server.url + "/")
    page.fill("#old_text", OLD.read_text(encoding="utf-8"))
    page.fill("#new_text", NEW.read_text(encoding="utf-8"))
    page.check("input[name=hide_technical]")
    page.check("input[name=ignore_case]")
    page.click("button[type=submit]")
    page.wait_for_load_state()  # click waits for the navigation to start only
    assert page.locator("#hidden").inner_text().startswith("hidden: ")
    assert "technical" in page.locator("#hidden").inner_text()
    page.click("#open-redline")
    page.wait_for_load_state()  # click waits for the navigation to start only
    assert page.locator("ins, del").count() > 0


def test_api_compare_matches_the_cli(server: client.Server) -> None:
    need_corpus()
    status, headers, body = client.post_form(
        server,
        "/api/compare?format=json",
        {"ignore_punctuation": "1"},
        {"old": (OLD.name, OLD.read_bytes()), "new": (NEW.name, NEW.read_bytes())},
    )
    assert status == 200 and headers["content-type"].startswith("application/json")
    args = ["compare", str(OLD), str(NEW), "--format", "json", "--ignore-punctuation"]
    cli = subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        encoding="utf-8",
    )
    assert json.loads(body)["changes"] == json.loads(cli.stdout)["changes"]
    key = headers["x-resdiff-result"]
    status, headers, docx = client.request(server, "GET", f"/api/results/{key}/redline.docx")
    assert status == 200 and docx[:2] == b"PK"


# --- corpus ---------------------------------------------------------------------------


def test_corpus_list_filter_open_reuse_series_history(page: Any, server: client.Server) -> None:
    page.goto(server.url + "/corpus")
    assert page.locator("table.docs tbody tr").count() == len(CORPUS)
    page.select_option("select[name=session]", "80")
    page.click(".filters button")
    page.wait_for_load_state()  # click waits for the navigation to start only
    assert page.locator("table.docs tbody tr").count() == 3
    page.click("text=A/RES/80/4")
    page.wait_for_load_state()  # click waits for the navigation to start only
    assert page.locator("h1").inner_text() == "A/RES/80/4"
    assert page.locator("ol.paragraphs li").count() > 5
    doc_url = page.url

    page.click("#open-reuse")
    page.wait_for_load_state()  # click waits for the navigation to start only
    assert page.locator("h1").inner_text() == "Language reuse in A/RES/80/4"
    assert "A/RES/79/7" in page.content()
    page.goto(doc_url)
    page.click("#open-series")
    page.wait_for_load_state()  # click waits for the navigation to start only
    rows = page.locator("table.series tbody tr")
    assert [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())] == [
        "A/RES/78/7",
        "A/RES/79/7",
        "A/RES/80/4",
    ]
    page.goto(doc_url)
    page.click("#open-history")
    page.wait_for_load_state()  # click waits for the navigation to start only
    assert "A/RES/78/7" in page.content() and "A/RES/80/4" in page.content()


def test_corpus_api(server: client.Server) -> None:
    status, _, body = client.request(server, "GET", "/api/corpus/documents?q=80%2F9")
    docs = json.loads(body)
    assert status == 200 and [d["symbol"] for d in docs] == ["A/RES/80/9"]
    doc_id = docs[0]["id"]
    status, _, body = client.request(server, "GET", f"/api/corpus/documents/{doc_id}")
    assert status == 200 and json.loads(body)["document"]["metadata"]["symbol"] == "A/RES/80/9"
    status, _, body = client.request(server, "GET", f"/api/corpus/documents/{doc_id}/reuse")
    assert status == 200 and json.loads(body)["schema"].startswith("resdiff.reuse")
    status, _, body = client.request(server, "GET", "/openapi.json")
    paths = json.loads(body)["paths"]
    for path in ("/api/compare", "/api/corpus/documents", "/api/corpus/documents/{doc_id}/reuse"):
        assert path in paths
    assert "multipart/form-data" in paths["/api/compare"]["post"]["requestBody"]["content"]


# --- search ---------------------------------------------------------------------------

PHRASE = "freedom of trade and navigation"


def test_search_page_finds_the_phrase_and_links_documents(page: Any, server: client.Server) -> None:
    page.goto(server.url + "/")
    page.click("header.site >> text=Search")
    page.wait_for_load_state()  # click waits for the navigation to start only
    page.fill("#q", PHRASE)
    page.select_option("select[name=kind]", "preambular")
    page.click("form.search button")
    page.wait_for_load_state()  # click waits for the navigation to start only
    assert page.locator("h1").inner_text() == "Agreed-language search"
    marks = page.locator("mark")
    assert marks.count() > 0
    assert PHRASE in " ".join(marks.all_inner_texts()).lower()
    page.locator("a[href^='/corpus/']").first.click()
    page.wait_for_load_state()  # click waits for the navigation to start only
    assert page.locator("ol.paragraphs li").count() > 5


def test_search_api_counts_verbatim_use_per_session(server: client.Server) -> None:
    status, _, body = client.request(server, "GET", "/api/search?q=" + PHRASE.replace(" ", "+"))
    data = json.loads(body)
    assert status == 200 and data["schema"].startswith("resdiff.search")
    by_session = {s["session"]: s for s in data["sessions"]}
    assert {78, 79, 80} <= set(by_session)
    status, _, body = client.request(server, "GET", "/api/search?q=x&since=yesterday")
    assert "since" in assert_one_sentence(status, body, 400)


# --- safety ---------------------------------------------------------------------------


@pytest.fixture
def leftover_uploads(tmpdir_of_server: Path) -> Callable[[], list[Path]]:
    return lambda: sorted(tmpdir_of_server.glob("resdiff-serve-*/*"))


def assert_one_sentence(status: int, body: bytes, expected: int) -> str:
    assert status == expected, body[:300]
    message: str = json.loads(body)["error"]
    assert "\n" not in message and "Traceback" not in message and len(message) < 300
    return message


def test_upload_folder_is_private_and_emptied(
    server: client.Server, tmpdir_of_server: Path, leftover_uploads: Callable[[], list[Path]]
) -> None:
    folders = list(tmpdir_of_server.glob("resdiff-serve-*"))
    assert len(folders) == 1
    assert stat.S_IMODE(folders[0].stat().st_mode) == 0o700
    assert leftover_uploads() == []


def xxe_docx() -> bytes:
    xml = (
        '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    return build_docx([], extra={"word/document.xml": xml.encode()})


def zip_bomb_docx() -> bytes:
    bomb = b"\0" * (60 * 1024 * 1024)
    return build_docx([Para(["The General Assembly,"])], extra={"word/media/a.bin": bomb})


@pytest.mark.parametrize(
    ("name", "make", "status", "words"),
    [
        ("xxe.docx", xxe_docx, 400, "DOCTYPE"),
        ("bomb.docx", zip_bomb_docx, 400, "zip bomb"),
        ("big.txt", lambda: b"Recalling its resolution 70/1,\n\n" * 1_900_000, 413, "limit"),
    ],
)
def test_hostile_uploads_are_refused(
    server: client.Server,
    leftover_uploads: Callable[[], list[Path]],
    name: str,
    make: Any,
    status: int,
    words: str,
) -> None:
    need_corpus()
    data = make()
    got, _, body = client.post_form(
        server, "/api/compare", {}, {"old": (name, data), "new": (NEW.name, NEW.read_bytes())}
    )
    message = assert_one_sentence(got, body, status)
    assert words in message and name in message
    assert "root:" not in message and "/tmp" not in message
    assert leftover_uploads() == []


def test_oversized_upload_page_is_one_sentence(page: Any, server: client.Server) -> None:
    body, content_type = client.multipart({}, {"old": ("big.txt", b"x" * (51 * 1024 * 1024))})
    status, headers, html = client.request(
        server, "POST", "/compare", body, {"Content-Type": content_type}
    )
    assert status == 413 and headers["content-type"].startswith("text/html")
    page.set_content(html.decode("utf-8"))
    assert page.locator("#message").inner_text() == "big.txt is larger than the limit of 50 MB."


def test_script_in_an_upload_is_escaped_and_cannot_run(server: client.Server, browser: Any) -> None:
    need_corpus()
    new = NEW.read_text(encoding="utf-8")
    evil = (
        "<html><head><script>window.__pwned = 1</script></head><body>"
        + "".join(f"<p>{line}</p>" for line in new.split("\n\n") if line.strip())
        + "<p>1. Decides &lt;script&gt;window.__pwned = 2&lt;/script&gt; to act;</p>"
        + "</body></html>"
    )
    status, headers, body = client.post_form(
        server,
        "/api/compare?format=html",
        {},
        {"old": (OLD.name, OLD.read_bytes()), "new": ("evil.html", evil.encode())},
    )
    assert status == 200
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'none'" in csp
    html = body.decode("utf-8")
    assert "window.__pwned = 1" not in html  # the reader drops the upload's scripts
    assert "&lt;script&gt;window.__pwned = 2&lt;/script&gt;" in html
    key = headers["x-resdiff-result"]
    context = browser.new_context()  # scripts on: the CSP is what must stop them
    page = context.new_page()
    page.goto(f"{server.url}/results/{key}/sidebyside.html")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert "<script>window.__pwned = 2</script>" in page.locator("body").inner_text()
    context.close()


def test_security_headers(server: client.Server) -> None:
    for path in ("/", "/corpus", "/no/such/page", "/api/corpus/documents"):
        _, headers, _ = client.request(server, "GET", path)
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "script-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert "server" not in headers


def test_cross_site_posts_and_foreign_hosts_are_refused(server: client.Server) -> None:
    need_corpus()
    files = {"old": (OLD.name, OLD.read_bytes()), "new": (NEW.name, NEW.read_bytes())}
    for header in (
        ("Origin", "http://evil.example"),
        ("Sec-Fetch-Site", "cross-site"),
        ("Referer", "http://evil.example/form.html"),
    ):
        status, _, body = client.post_form(server, "/api/compare", {}, files, [header])
        assert_one_sentence(status, body, 403)
    status, _, body = client.request(
        server, "GET", "/api/corpus/documents", headers={"Host": "evil.example:80"}
    )
    assert_one_sentence(status, body, 400)


def test_get_never_writes(server: client.Server, db: Path) -> None:
    def state() -> list[str]:
        return [
            hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "-"
            for p in (db, db.with_name(db.name + "-wal"))
        ]

    before = state()
    _, _, body = client.request(server, "GET", "/api/corpus/documents")
    ids = [d["id"] for d in json.loads(body)]
    for doc_id in ids:
        for suffix in ("", "/reuse", "/series", "/history"):
            client.request(server, "GET", f"/corpus/{doc_id}{suffix}")
            client.request(server, "GET", f"/api/corpus/documents/{doc_id}{suffix}")
    client.request(server, "GET", f"/search?q={PHRASE.replace(' ', '+')}")
    client.request(server, "GET", f"/api/search?q={PHRASE.replace(' ', '+')}")
    for path in ("/compare", "/corpus/add", "/api/compare", "/login"):
        status, _, _ = client.request(server, "GET", path)
        assert status in (200, 403, 405)
    assert state() == before
    # Adding needs --allow-writes, whatever the method.
    status, _, body = client.post_form(
        server, "/api/corpus/documents", {}, {"document": ("x.txt", b"1. Decides;")}
    )
    assert_one_sentence(status, body, 403)


def test_token_is_required_when_set(guarded: client.Server, browser: Any) -> None:
    status, _, body = client.request(guarded, "GET", "/api/corpus/documents")
    assert_one_sentence(status, body, 401)
    status, _, _ = client.request(
        guarded,
        "GET",
        "/api/corpus/documents",
        headers={"Authorization": "Bearer wrong-token-0000000"},
    )
    assert status == 401
    status, _, body = client.request(
        guarded, "GET", "/api/corpus/documents", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert status == 200 and len(json.loads(body)) == len(CORPUS)

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    response = page.goto(guarded.url + "/corpus")
    assert response.status == 401
    page.fill("input[name=token]", "not the token at all")
    page.click("button[type=submit]")
    page.wait_for_load_state()  # click waits for the navigation to start only
    assert "not this server's token" in page.content()
    page.fill("input[name=token]", TOKEN)
    page.click("button[type=submit]")
    page.wait_for_load_state()  # click waits for the navigation to start only
    assert page.locator("h1").inner_text() == "Compare two versions"
    cookie = next(c for c in context.cookies() if c["name"] == "resdiff_token")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and TOKEN not in cookie["value"]
    page.goto(guarded.url + "/corpus")
    assert page.locator("table.docs tbody tr").count() == len(CORPUS)
    context.close()


def test_allow_writes_adds_a_document(guarded: client.Server, browser: Any) -> None:
    extra = TEXT_DIR / "A_RES_80_1.txt"
    if not extra.exists():
        pytest.skip(f"{extra} not found")
    auth = [("Authorization", f"Bearer {TOKEN}")]
    status, _, body = client.post_form(
        guarded, "/api/corpus/documents", {}, {"document": (extra.name, extra.read_bytes())}, auth
    )
    assert status == 200, body
    assert [r["status"] for r in json.loads(body)] == ["added"]
    added = json.loads(body)[0]["document"]
    assert added["symbol"] == "A/RES/80/1"
    # Stored under the upload's own name, never the server's temporary path.
    assert added["source"] == "A_RES_80_1.txt"
    status, _, body = client.request(
        guarded, "GET", f"/api/corpus/documents/{added['id']}", headers=dict(auth)
    )
    text = body.decode("utf-8")
    assert status == 200 and "/tmp" not in text and tempfile.gettempdir() not in text
    status, _, body = client.post_form(
        guarded, "/api/corpus/documents", {}, {"document": ("junk.txt", b"hello world")}, auth
    )
    message = assert_one_sentence(status, body, 400)
    assert "junk.txt" in message and "/tmp" not in message


def test_missing_corpus_is_one_line(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "serve", "--db", str(tmp_path / "none.sqlite")],
        cwd=REPO_ROOT,
        capture_output=True,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("resdiff: ")


def test_warning_when_binding_publicly(tmp_path: Path) -> None:
    port = client.free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--host", "0.0.0.0", "--port", str(port)],
        cwd=REPO_ROOT,
        env={k: v for k, v in os.environ.items() if k != "RESDIFF_TOKEN"}
        | {"XDG_DATA_HOME": str(tmp_path), "TMPDIR": str(tmp_path)},
        stderr=subprocess.PIPE,
        encoding="utf-8",
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    assert line.startswith("resdiff: warning: serving on 0.0.0.0 without a token")
    assert list(tmp_path.glob("resdiff-serve-*")) == []


def test_stopping_removes_the_upload_folder(tmp_path: Path) -> None:
    env = dict(os.environ, TMPDIR=str(tmp_path), XDG_DATA_HOME=str(tmp_path))
    with client.start(env=env) as running:
        assert len(list(tmp_path.glob("resdiff-serve-*"))) == 1
        status, _, _ = client.request(running, "GET", "/")
        assert status == 200
    assert list(tmp_path.glob("resdiff-serve-*")) == []


def test_busy_port_is_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "cli", "serve", "--port", str(port)],
            cwd=REPO_ROOT,
            capture_output=True,
            encoding="utf-8",
            timeout=60,
        )
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"resdiff: cannot serve on 127.0.0.1:{port}: ")
    assert proc.stderr.count("\n") == 1
