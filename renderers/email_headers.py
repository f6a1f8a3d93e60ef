"""Checking what goes into the headers of the review email: addresses and the subject.

A CR or LF in a header value would end the header and start another (header injection),
and the standard library answers it with a traceback, so every value is checked here
first and refused with a one-line error. Addresses are parsed by the standard library's
RFC 5322 parser (display names, quoting, several addresses a value separated by commas);
"not-an-address" parses with a defect and is refused. International domain names are
written in their ASCII (IDNA) form, which every mail server accepts; a non-ASCII local
part would need SMTPUTF8, which resdiff does not use, so it is refused.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Iterable
from email.errors import HeaderParseError, NonASCIILocalPartDefect
from email.headerregistry import Address, AddressHeader, HeaderRegistry

from diffcore.errors import ResdiffError

_REGISTRY = HeaderRegistry()
_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_LINE_BREAKS = frozenset("\u2028\u2029")  # not control characters, but they break lines


def check_text(value: str, option: str) -> str:
    """`value` unchanged if it has no control character or line break; else ResdiffError."""
    for ch in value:
        if _breaks(ch):
            name = "line break" if ch in "\r\n\u2028\u2029\x85" else "control character"
            raise ResdiffError(f"{option}: {value!r} contains a {name} ({ch!r})")
    return value


def check_options(
    to: Iterable[str], cc: Iterable[str], sender: str | None, subject: str | None
) -> None:
    """The header options of `resdiff email` at once: refused before any document is read."""
    addresses(to, "--to")
    addresses(cc, "--cc")
    if sender is not None:
        address(sender, "--from")
    if subject is not None:
        check_text(subject, "--subject")


def single_line(value: str) -> str:
    """`value` with control characters and line breaks as spaces, for generated text
    (the default subject holds document labels, which may come from file names)."""
    return " ".join("".join(" " if _breaks(ch) else ch for ch in value).split())


def _breaks(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" or ch in _LINE_BREAKS


def addresses(values: Iterable[str], option: str) -> tuple[Address, ...]:
    """Every address in `values` (each may list several, comma-separated), checked."""
    out: list[Address] = []
    for value in values:
        check_text(value, option)
        found = _parse(value, option)
        if not found:
            raise ResdiffError(f"{option}: {value!r} has no email address")
        out.extend(found)
    return tuple(out)


def address(value: str, option: str) -> Address:
    """The one address in `value`."""
    found = addresses([value], option)
    if len(found) != 1:
        raise ResdiffError(f"{option}: {value!r} must be a single email address")
    return found[0]


def _parse(value: str, option: str) -> list[Address]:
    bad = f"{option}: {value!r} is not an email address"
    try:
        header = _REGISTRY("To", value)
        assert isinstance(header, AddressHeader)
        parsed = list(header.addresses)
        defects = list(header.defects)
    except (HeaderParseError, IndexError, ValueError) as exc:  # the parser's own failures
        raise ResdiffError(bad) from exc
    if any(isinstance(d, NonASCIILocalPartDefect) for d in defects):
        raise ResdiffError(
            f"{option}: {value!r} has a non-ASCII local part (before the @), "
            "which needs SMTPUTF8; resdiff does not use it"
        )
    if defects:
        raise ResdiffError(bad)
    out = []
    for a in parsed:
        if not a.username or not a.domain:
            raise ResdiffError(bad)
        domain = _domain(a.domain)
        if domain is None:
            raise ResdiffError(f"{option}: {value!r} has an invalid domain {a.domain!r}")
        out.append(Address(display_name=a.display_name, username=a.username, domain=domain))
    return out


def _domain(domain: str) -> str | None:
    """The domain in ASCII (IDNA for international names), or None when it is not one."""
    if domain.startswith("[") and domain.endswith("]"):
        literal = domain[1:-1]
        try:
            ipaddress.ip_address(literal.removeprefix("IPv6:"))
        except ValueError:
            return None
        return domain
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = ascii_domain.split(".")
    if len(ascii_domain) > 253 or not all(_LABEL.match(label) for label in labels):
        return None
    return ascii_domain
