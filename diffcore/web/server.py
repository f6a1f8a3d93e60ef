"""Running the application: a private folder for uploads, a warning, uvicorn."""

from __future__ import annotations

import shutil
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
    workroot = Path(tempfile.mkdtemp(prefix="resdiff-serve-"))  # mkdtemp: mode 0700
    try:
        app = create_app(config, workroot)
        print(
            f"resdiff: serving on http://{_url_host(config.host)}:{config.port}/", file=sys.stderr
        )
        uvicorn.run(
            app,
            host=config.host,
            port=config.port,
            log_level="warning",
            server_header=False,
            proxy_headers=False,
        )
    finally:
        shutil.rmtree(workroot, ignore_errors=True)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
