"""A `resdiff serve` process and a plain HTTP client for it, standard library only.

Shared by tests/test_serve.py, benchmarks/bench_serve.py and examples/web_screenshots.py:
each starts the real server in a subprocess on a free localhost port and talks to it
over http.client, as any client without a browser would.
"""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    """A running `resdiff serve`; stop it with `stop()` (or use it as a context)."""

    proc: subprocess.Popen[str]
    port: int
    host: str = "127.0.0.1"
    stderr: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start(
    *args: str, env: Mapping[str, str] | None = None, host: str = "127.0.0.1", timeout: float = 60
) -> Server:
    """`resdiff serve --port <free> ARGS`, returned once it answers."""
    port = free_port()
    command = [sys.executable, "-m", "cli", "serve", "--host", host, "--port", str(port), *args]
    proc = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env=dict(os.environ if env is None else env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        encoding="utf-8",
    )
    server = Server(proc, port)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"resdiff serve exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            status, _, _ = request(server, "GET", "/static/web.css")
            if status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError("resdiff serve did not answer in time")


def multipart(
    fields: Mapping[str, str], files: Mapping[str, tuple[str, bytes]] = {}
) -> tuple[bytes, str]:
    """A multipart/form-data body and its content type; files as (name, bytes)."""
    boundary = "resdiff" + secrets.token_hex(12)
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode("utf-8")
            + b"\r\n"
        )
    for name, (filename, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def request(
    server: Server,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = 120,
) -> tuple[int, dict[str, str], bytes]:
    """One request on a fresh connection: status, lower-cased headers, body."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=dict(headers or {}))
        response = conn.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    finally:
        conn.close()


def post_form(
    server: Server,
    path: str,
    fields: Mapping[str, str],
    files: Mapping[str, tuple[str, bytes]] = {},
    headers: Sequence[tuple[str, str]] = (),
) -> tuple[int, dict[str, str], bytes]:
    body, content_type = multipart(fields, files)
    return request(server, "POST", path, body, {"Content-Type": content_type, **dict(headers)})
