"""What every request passes before a route sees it, and every response leaves with.

- Host: a server bound to loopback answers only to loopback host names, so a web page
  elsewhere cannot reach it through DNS rebinding.
- Same origin: a POST from another site (by `Sec-Fetch-Site`, `Origin` or `Referer`)
  is refused, so no other page can submit a form here (CSRF). Clients that are not
  browsers send none of these headers and pass.
- Token: when the server has one, every request but the login form and the stylesheet
  carries it (`Authorization: Bearer`, or the cookie the login form sets).
- Headers: CSP with no script at all and nothing from elsewhere, nosniff, no referrer
  beyond this origin, no framing.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from .config import LOOPBACK_NAMES, ServeConfig

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Refusal = Callable[[Scope, int, str], Awaitable[tuple[int, list[tuple[bytes, bytes]], bytes]]]

COOKIE = "resdiff_token"
# The application's pages: one same-origin stylesheet, no script, no plugin, no frame.
PAGE_CSP = (
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# The reports are self-contained files with their styles inline; still no script (their
# keyboard shortcuts give way to the next/previous links they also carry).
REPORT_CSP = PAGE_CSP + "; style-src 'self' 'unsafe-inline'"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PUBLIC_PATHS = frozenset({"/login", "/static/web.css"})
HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


def cookie_value(token: str) -> str:
    """What the cookie holds: a digest of the token, not the token itself."""
    return hashlib.sha256(b"resdiff-serve:" + token.encode("utf-8")).hexdigest()


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _cookies(header: str) -> dict[str, str]:
    pairs = (part.strip().split("=", 1) for part in header.split(";") if "=" in part)
    return {k: v for k, v in pairs}


def cross_site(headers: dict[str, str]) -> bool:
    """Whether a browser says this request comes from another origin."""
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return True
    host = headers.get("host", "")
    for name in ("origin", "referer"):
        value = headers.get(name)
        if value is not None:
            return value == "null" or urlsplit(value).netloc != host
    return False


def authorized(headers: dict[str, str], token: str) -> bool:
    bearer = headers.get("authorization", "")
    if bearer.startswith("Bearer ") and hmac.compare_digest(
        bearer[7:].strip().encode("utf-8"), token.encode("utf-8")
    ):
        return True
    cookie = _cookies(headers.get("cookie", "")).get(COOKIE, "")
    return hmac.compare_digest(cookie.encode("latin-1"), cookie_value(token).encode("latin-1"))


class Guard:
    """ASGI middleware applying the checks above and adding the headers."""

    def __init__(self, app: ASGIApp, config: ServeConfig, refuse: Refusal) -> None:
        self.app = app
        self.config = config
        self.refuse = refuse

    def _check(self, scope: Scope) -> tuple[int, str] | None:
        headers = _headers(scope)
        if self.config.loopback and _host_name(headers.get("host", "")) not in LOOPBACK_NAMES:
            return 400, "this server answers only to localhost addresses"
        if scope["method"] not in SAFE_METHODS and cross_site(headers):
            return 403, "forms may be sent to this server only from its own pages"
        token = self.config.token
        if token and scope["path"] not in PUBLIC_PATHS and not authorized(headers, token):
            return 401, "this server requires its token: sign in at /login"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", PAGE_CSP.encode()))
                headers.extend(h for h in HEADERS if h[0] not in names)
                message["headers"] = headers
            await send(message)

        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await with_headers(message)

        problem = self._check(scope)
        if problem is not None:
            await self._answer(scope, with_headers, *problem)
            return
        try:
            await self.app(scope, receive, tracked)
        except Exception:
            # The traceback goes to the server's log, one sentence to the client.
            logging.getLogger("resdiff.serve").exception("%s %s", scope["method"], scope["path"])
            if started:
                raise
            await self._answer(scope, with_headers, 500, "the server failed to answer this request")

    async def _answer(self, scope: Scope, send: Send, status: int, message: str) -> None:
        status, headers, body = await self.refuse(scope, status, message)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
