"""Running the application: a private folder for uploads, a warning, uvicorn."""

from __future__ import annotations

import shutil
import signal
import socket
import sys
import tempfile
from pathlib import Path

import uvicorn

from .app import create_app
from .config import ServeConfig


def serve(config: ServeConfig) -> None:
    """Serve until interrupted; the upload folder (mode 0700) is removed on the way out."""
    if not config.loopback and config.token is None:
        print(
            f"resdiff: warning: serving on {config.host} without a token: anyone who can "
            f"reach this port can use it (set RESDIFF_TOKEN or --token-file)",
            file=sys.stderr,
        )
    sock = listening_socket(config.host, config.port)
    # A SIGTERM is an exit through the `finally` below, before uvicorn runs and after
    # (uvicorn stops gracefully, then raises the signal again for the handler it found).
    signal.signal(signal.SIGTERM, _exit)
    workroot = Path(tempfile.mkdtemp(prefix="resdiff-serve-"))  # mkdtemp: mode 0700
    try:
        app = create_app(config, workroot)
        port = sock.getsockname()[1]
        print(f"resdiff: serving on http://{_url_host(config.host)}:{port}/", file=sys.stderr)
        settings = uvicorn.Config(
            app, log_level="warning", server_header=False, proxy_headers=False
        )
        uvicorn.Server(settings).run(sockets=[sock])
    finally:
        sock.close()
        shutil.rmtree(workroot, ignore_errors=True)


def listening_socket(host: str, port: int) -> socket.socket:
    """Bound here rather than by uvicorn, so that a busy port is an OSError the command
    reports in one line (uvicorn would log it and exit 3)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host.strip("[]"), port), family=family, reuse_port=False)


def _exit(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
