"""Delivering a message over SMTP; the password comes from the environment only."""

from __future__ import annotations

import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, getaddresses, make_msgid

from .errors import ResdiffError

PASSWORD_ENV = "RESDIFF_SMTP_PASSWORD"


def send(
    msg: EmailMessage,
    *,
    host: str,
    port: int | None = None,
    security: str = "starttls",
    user: str | None = None,
    cafile: str | None = None,
    timeout: float = 30.0,
) -> list[str]:
    """Send; returns the recipients. Date and Message-ID are stamped here, at send time."""
    # Parsed, not split on commas: a display name may hold one ("Doe, Jane" <j@example.org>).
    headers = [str(v) for h in ("To", "Cc") for v in msg.get_all(h, [])]
    recipients = [addr for _name, addr in getaddresses(headers) if addr]
    if not recipients:
        raise ResdiffError("no recipients: give --to (and optionally --cc)")
    if not msg.get("From"):
        raise ResdiffError("no sender: give --from")
    password = os.environ.get(PASSWORD_ENV)
    if user and not password:
        raise ResdiffError(f"--smtp-user given but {PASSWORD_ENV} is not set (or empty)")
    if "Date" not in msg:
        msg["Date"] = formatdate(localtime=False)
    if "Message-ID" not in msg:
        msg["Message-ID"] = make_msgid(domain="resdiff.local")
    context = ssl.create_default_context(cafile=cafile)
    default_port = {"ssl": 465, "starttls": 587, "none": 25}[security]
    try:
        if security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                host, port or default_port, timeout=timeout, context=context
            )
        else:
            client = smtplib.SMTP(host, port or default_port, timeout=timeout)
        with client:
            client.ehlo()
            if security == "starttls":
                client.starttls(context=context)
                client.ehlo()
            if user:
                client.login(user, password or "")
            client.send_message(msg, to_addrs=recipients)
    except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
        raise ResdiffError(f"sending through {host}: {exc}") from exc
    return recipients
