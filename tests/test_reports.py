"""HTML reports, redline and the review email: content, safety, determinism, delivery."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

import diffcore
from diffcore.comparison import Comparison
from diffcore.errors import ResdiffError
from renderers import email_message, redline, sidebyside

from .conftest import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"
HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '"><img src=x onerror="window.__pwned=1">',
    "{{ 7*7 }} {% raw %} ${7*7}",
]


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from cli import main; main()", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture(scope="module")
def declarations() -> Comparison:
    old = diffcore.load(str(EXAMPLES / "A_RES_72_1.ods.txt"))
    new = diffcore.load(str(EXAMPLES / "A_RES_80_9.txt"))
    return diffcore.compare(old, new)


def hostile_comparison() -> Comparison:
    base = diffcore.load(str(EXAMPLES / "A_80_L.8.txt"))
    paras = list(base.paragraphs)
    for k, payload in enumerate(HOSTILE):
        i = 5 + k
        paras[i] = dataclasses.replace(paras[i], text=f"{paras[i].text} {payload}")
    meta = dataclasses.replace(base.metadata, title=HOSTILE[1], sponsors=HOSTILE[0])
    evil = dataclasses.replace(base, paragraphs=tuple(paras), metadata=meta)
    return diffcore.compare(base, evil)


def test_side_by_side_is_self_contained(declarations: Comparison) -> None:
    html = sidebyside.render(declarations)
    assert html.startswith("<!DOCTYPE html>")
    assert "<link" not in html and "@import" not in html and "url(" not in html
    assert not re.search(r"""\s(?:src|href)=["']?(?:https?:|//)""", html)
    assert "<style>" in html


def test_side_by_side_content(declarations: Comparison) -> None:
    html = sidebyside.render(declarations)
    s = declarations.summary
    assert f'<span class="k">modified</span> <span class="v">{s["modified"]}</span>' in html
    assert "A/RES/72/1" in html and "A/RES/80/9" in html
    assert "<del>" in html and "<ins>" in html
    # Every change has an anchor and the table of changes links to each.
    n = sum(1 for c in declarations.changes if c.is_change)
    for k in range(1, n + 1):
        assert f'id="c{k}"' in html and f'href="#c{k}"' in html
    # Moved paragraphs are linked both ways.
    moved = [c for c in declarations.changes if c.op == "moved"]
    assert moved
    for c in moved:
        assert f'href="#old-{c.old[0]}"' in html and f'id="old-{c.old[0]}"' in html
    assert "@media print" in html and "@media (max-width" in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_unchanged_runs_collapse() -> None:
    old = diffcore.load(str(EXAMPLES / "A_80_L.8.txt"))
    new = diffcore.load(str(EXAMPLES / "A_RES_80_9.txt"))
    cmp = diffcore.compare(old, new)
    html = sidebyside.render(cmp)
    assert f"<summary>{len(new.paragraphs)} unchanged paragraphs</summary>" in html
    assert "The paragraphs of the two versions are identical." in html
    assert 'id="metadata"' in html  # the symbol, dates and sponsors did change


def test_redline_reading_order(declarations: Comparison) -> None:
    html = redline.render(declarations)
    new_ids = [p.id for p in declarations.new.paragraphs]
    # Each new paragraph's label appears, in the new document's order.
    positions = [html.find(f'id="new-{pid}"') for pid in new_ids]
    assert all(p > 0 for p in positions)
    assert positions == sorted(positions)
    assert "moved to" in html and "<del>" in html and "<ins>" in html


@pytest.mark.parametrize("render", [sidebyside.render, redline.render])
def test_hostile_text_is_escaped(render: Any) -> None:
    html = render(hostile_comparison())
    assert "<script>window.__pwned" not in html
    assert "<img" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html  # shown literally, not evaluated
    assert "49" not in re.sub(r"\d{3,}", "", html.split("</header>")[1])


def test_reports_are_deterministic_across_processes(tmp_path: Path) -> None:
    outputs = []
    for run in range(2):
        for fmt in ("html", "redline", "json"):
            out = tmp_path / f"{run}.{fmt}"
            res = run_cli(
                "compare",
                str(EXAMPLES / "A_RES_72_1.ods.txt"),
                str(EXAMPLES / "A_RES_80_9.txt"),
                "--format",
                fmt,
                "-o",
                str(out),
                env={"PYTHONHASHSEED": str(run + 1)},
            )
            assert res.returncode == 1, res.stderr
            outputs.append(out.read_bytes())
    assert outputs[:3] == outputs[3:]


def test_report_size_is_proportional(declarations: Comparison) -> None:
    html = sidebyside.render(declarations)
    text = sum(len(p.text) for p in declarations.old.paragraphs) + sum(
        len(p.text) for p in declarations.new.paragraphs
    )
    assert len(html) < 4 * text + 40_000


# --------------------------------------------------------------------------- email


def parse(data: bytes) -> EmailMessage:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def test_email_structure(declarations: Comparison) -> None:
    msg = email_message.build(
        declarations, to=("a@example.org",), sender="b@example.org", attach=("html", "json")
    )
    parsed = parse(msg.as_bytes())
    assert parsed.get_content_type() == "multipart/mixed"
    parts = list(parsed.iter_parts())
    assert [p.get_content_type() for p in parts] == [
        "multipart/alternative",
        "text/html",
        "application/json",
    ]
    alt = list(parts[0].iter_parts())
    assert [p.get_content_type() for p in alt] == ["text/plain", "text/html"]
    n = sum(1 for c in declarations.changes if c.is_change)
    assert parsed["Subject"] == f"Comparison: A/RES/72/1 -> A/RES/80/9 ({n} changes)"
    plain = alt[0].get_content()
    assert "{+" in plain and "[-" in plain
    body_html = alt[1].get_content()
    assert "<style" not in body_html and "class=" not in body_html
    assert 'style="color:#8b0000' in body_html
    attached = parts[1].get_payload(decode=True)
    assert attached == sidebyside.render(declarations).encode("utf-8")
    assert parts[1].get_filename() == "A_RES_72_1--A_RES_80_9.html"
    assert "Date" not in parsed and "Message-ID" not in parsed


def test_email_is_deterministic(declarations: Comparison) -> None:
    a = email_message.build(declarations, to=("a@example.org",)).as_bytes()
    b = email_message.build(declarations, to=("a@example.org",)).as_bytes()
    assert a == b


def test_email_size_cap(declarations: Comparison, tmp_path: Path) -> None:
    with pytest.raises(ResdiffError, match="over the limit"):
        email_message.build(declarations, max_bytes=10_000)
    out = tmp_path / "big.eml"
    res = run_cli(
        "email",
        str(EXAMPLES / "A_RES_72_1.ods.txt"),
        str(EXAMPLES / "A_RES_80_9.txt"),
        "-o",
        str(out),
        "--max-message-size",
        "10000",
    )
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and "over the limit" in res.stderr
    assert not out.exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Collector:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture()
def smtp_server() -> Iterator[tuple[int, Collector]]:
    controller_mod = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd not installed")
    handler = Collector()
    port = free_port()
    controller = controller_mod.Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, handler
    finally:
        controller.stop()


def test_send_to_real_smtp_server(smtp_server: tuple[int, Collector], tmp_path: Path) -> None:
    port, handler = smtp_server
    out = tmp_path / "review.eml"
    res = run_cli(
        "email",
        str(EXAMPLES / "A_RES_72_1.ods.txt"),
        str(EXAMPLES / "A_RES_80_9.txt"),
        "-o",
        str(out),
        "--send",
        "--to",
        "delegate@example.org",
        "--cc",
        "officer@example.org",
        "--from",
        "analyst@example.org",
        "--attach",
        "html,json",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(port),
        "--smtp-security",
        "none",
    )
    assert res.returncode == 0, res.stderr
    assert len(handler.envelopes) == 1
    env = handler.envelopes[0]
    assert sorted(env.rcpt_tos) == ["delegate@example.org", "officer@example.org"]
    assert env.mail_from == "analyst@example.org"
    arrived = parse(env.original_content)
    written = parse(out.read_bytes())
    assert arrived["Subject"] == written["Subject"]
    assert arrived["Date"] and arrived["Message-ID"]  # stamped at send time only
    got = [p.get_payload(decode=True) for p in arrived.iter_attachments()]
    expected = [p.get_payload(decode=True) for p in written.iter_attachments()]
    assert got == expected and len(got) == 2


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    if not shutil.which("openssl"):
        pytest.skip("openssl not available to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return key, cert


def test_starttls_and_login_with_password_from_environment(tmp_path: Path) -> None:
    import ssl

    controller_mod = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd not installed")
    smtp_mod = pytest.importorskip("aiosmtpd.smtp")
    key, cert = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        logins.append((data.login, data.password))
        ok = data.login == b"analyst" and data.password == b"s3cret"
        return smtp_mod.AuthResult(success=ok)

    handler = Collector()
    port = free_port()
    controller = controller_mod.Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_require_tls=True,
    )
    controller.start()
    try:
        args = [
            "email",
            str(EXAMPLES / "A_80_L.8.txt"),
            str(EXAMPLES / "A_RES_80_9.txt"),
            "--send",
            "--to",
            "delegate@example.org",
            "--from",
            "analyst@example.org",
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            str(port),
            "--smtp-user",
            "analyst",
            "--smtp-cafile",
            str(cert),
            "--smtp-timeout",
            "3",
        ]
        missing = run_cli(*args, env={"RESDIFF_SMTP_PASSWORD": ""})
        wrong = run_cli(*args, env={"RESDIFF_SMTP_PASSWORD": "nope"})
        good = run_cli(*args, env={"RESDIFF_SMTP_PASSWORD": "s3cret"})
    finally:
        controller.stop()
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1, wrong.stderr
    assert good.returncode == 0, good.stderr
    assert (b"analyst", b"s3cret") in logins
    assert len(handler.envelopes) == 1
    assert missing.returncode == 2 and "RESDIFF_SMTP_PASSWORD" in missing.stderr
    assert "s3cret" not in " ".join(args)  # never on the command line


# --------------------------------------------------------------------------- email headers

BAD_HEADER_OPTIONS = {
    "to-not-an-address": ("--to", "not-an-address"),
    "to-newline-injection": ("--to", "a@example.org\nBcc: victim@example.org"),
    "to-carriage-return": ("--to", "a@example.org\r"),
    "to-empty": ("--to", ""),
    "to-unclosed-angle": ("--to", "Jane <jane@example.org"),
    "to-two-at-signs": ("--to", "a@b@example.org"),
    "to-bad-domain": ("--to", "a@-bad-.example.org"),
    "to-non-ascii-local-part": ("--to", "j\u00fcrgen@example.org"),
    "to-second-of-two-bad": ("--to", "a@example.org, nobody"),
    "cc-crlf-injection": ("--cc", "officer@example.org\r\nX-Injected: yes"),
    "cc-not-an-address": ("--cc", "officer"),
    "from-newline": ("--from", "analyst@example.org\nBcc: victim@example.org"),
    "from-two-addresses": ("--from", "a@example.org, b@example.org"),
    "from-not-an-address": ("--from", "analyst"),
    "subject-crlf": ("--subject", "Review\r\nBcc: victim@example.org"),
    "subject-escape": ("--subject", "Review\x1b[2J"),
    "subject-tab": ("--subject", "Review\tplease"),
    "subject-line-separator": ("--subject", "Review\u2028please"),
}


@pytest.mark.parametrize("case", sorted(BAD_HEADER_OPTIONS))
def test_email_bad_header_value_is_one_line_exit_2(case: str, tmp_path: Path) -> None:
    """CR/LF and control characters in any header option, and addresses that are not
    addresses, are refused with one `resdiff:` line and exit 2, before anything is written
    (a newline used to end in a ValueError traceback, and "not-an-address" was accepted)."""
    option, value = BAD_HEADER_OPTIONS[case]
    out = tmp_path / "review.eml"
    args = ["--to", "delegate@example.org", option, value]
    res = run_cli(
        "email",
        str(EXAMPLES / "A_80_L.8.txt"),
        str(EXAMPLES / "A_RES_80_9.txt"),
        "-o",
        str(out),
        *(args if option != "--to" else args[2:]),
    )
    assert res.returncode == 2, (res.returncode, res.stderr)
    assert res.stderr.startswith(f"resdiff: {option}: "), res.stderr
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr, res.stderr
    assert res.stdout == ""
    assert not out.exists()


def test_email_build_refuses_a_header_injection(declarations: Comparison) -> None:
    """The library entry point checks as well, not only the command line."""
    with pytest.raises(ResdiffError, match="line break"):
        email_message.build(declarations, to=("a@example.org\r\nBcc: victim@example.org",))
    with pytest.raises(ResdiffError, match="not an email address"):
        email_message.build(declarations, sender="not-an-address")


def test_email_good_addresses_with_display_names_and_idn(tmp_path: Path) -> None:
    """Non-ASCII display names, quoted commas, several addresses in one option and an
    international domain (written as IDNA) all go into the message, RFC 2047-encoded."""
    out = tmp_path / "review.eml"
    res = run_cli(
        "email",
        str(EXAMPLES / "A_80_L.8.txt"),
        str(EXAMPLES / "A_RES_80_9.txt"),
        "-o",
        str(out),
        "--to",
        'Jos\u00e9 M\u00fcller <jose@b\u00fccher.example>, "Doe, Jane" <jane@example.org>',
        "--to",
        "delegate@example.org",
        "--cc",
        "\u0410\u043d\u043d\u0430 \u041f\u0435\u0442\u0440\u043e\u0432\u0430 <anna@example.org>",
        "--from",
        "\u674e\u534e <li.hua@example.org>",
        "--subject",
        "R\u00e9vision \u2014 A/80/L.8",
    )
    assert res.returncode == 0, res.stderr
    data = out.read_bytes()
    assert data.isascii()  # every non-ASCII header is encoded, no SMTPUTF8 needed
    msg = parse(data)
    to = [(a.display_name, a.addr_spec) for a in msg["To"].addresses]
    assert to == [
        ("Jos\u00e9 M\u00fcller", "jose@xn--bcher-kva.example"),
        ("Doe, Jane", "jane@example.org"),
        ("", "delegate@example.org"),
    ]
    cc = [(a.display_name, a.addr_spec) for a in msg["Cc"].addresses]
    assert cc == [
        ("\u0410\u043d\u043d\u0430 \u041f\u0435\u0442\u0440\u043e\u0432\u0430", "anna@example.org")
    ]
    assert [a.display_name for a in msg["From"].addresses] == ["\u674e\u534e"]
    assert msg["Subject"] == "R\u00e9vision \u2014 A/80/L.8"


def test_send_to_recipient_whose_display_name_has_a_comma(
    smtp_server: tuple[int, Collector],
) -> None:
    """Recipients come from parsing the headers, not from splitting them on commas."""
    port, handler = smtp_server
    res = run_cli(
        "email",
        str(EXAMPLES / "A_80_L.8.txt"),
        str(EXAMPLES / "A_RES_80_9.txt"),
        "--send",
        "--to",
        '"Doe, Jane" <jane@example.org>, delegate@example.org',
        "--from",
        '"M\u00fcller, Jos\u00e9" <analyst@example.org>',
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(port),
        "--smtp-security",
        "none",
    )
    assert res.returncode == 0, res.stderr
    assert len(handler.envelopes) == 1
    assert sorted(handler.envelopes[0].rcpt_tos) == ["delegate@example.org", "jane@example.org"]
    assert handler.envelopes[0].mail_from == "analyst@example.org"
