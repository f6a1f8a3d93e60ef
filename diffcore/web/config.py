"""What `resdiff serve` was started with, and where its token comes from."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

from ..errors import InputError
from ..source import DEFAULT_MAX_SIZE

TOKEN_ENV = "RESDIFF_TOKEN"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class ServeConfig:
    """The server's settings; `token` is None when no token is required."""

    host: str = "127.0.0.1"
    port: int = 8000
    db: str | None = None
    allow_writes: bool = False
    token: str | None = None
    max_size: int = DEFAULT_MAX_SIZE

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host` ("localhost", 127.0.0.0/8, ::1)."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def read_token(token_file: str | None) -> str | None:
    """The token from a file (first line), else from $RESDIFF_TOKEN, else None.

    Never from the command line itself, where `ps` and shell history would show it.
    """
    if token_file is not None:
        try:
            with open(token_file, encoding="utf-8") as handle:
                token = handle.readline().strip()
        except OSError as exc:
            raise InputError(f"{token_file}: cannot read token: {exc.strerror or exc}") from exc
        if not token:
            raise InputError(f"{token_file}: the token file is empty")
    else:
        token = os.environ.get(TOKEN_ENV, "").strip()
    if token and len(token) < 16:
        raise InputError("the token must be at least 16 characters long")
    return token or None
