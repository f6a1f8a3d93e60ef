"""Reading raw input safely: size cap, binary detection and text decoding.

Readers get text only through here, so every format shares the same limits and the
same error messages.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass

from .errors import InputError

DEFAULT_MAX_SIZE = 50 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True)
class Source:
    """Bytes of one input with the name to show in messages."""

    data: bytes
    name: str


def read_source(path: str, max_size: int = DEFAULT_MAX_SIZE) -> Source:
    """Read a file (or stdin for "-") refusing what is missing, a directory, or too big."""
    if path == "-":
        data = sys.stdin.buffer.read(max_size + 1)
        if len(data) > max_size:
            raise InputError(f"<stdin>: input exceeds the size cap of {max_size} bytes")
        return Source(data, "<stdin>")
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file")
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, not a document")
    try:
        size = os.path.getsize(path)
        if size > max_size:
            raise InputError(
                f"{path}: file is {size} bytes, over the size cap of {max_size} bytes "
                "(raise it with --max-size)"
            )
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_size:
        raise InputError(f"{path}: input exceeds the size cap of {max_size} bytes")
    return Source(data, path)


def decode_text(data: bytes, name: str) -> str:
    """Decode as UTF-8 (with or without BOM), then UTF-16 (BOM), refusing binary data."""
    if not data.strip():
        raise InputError(f"{name}: empty input")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 text") from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif _looks_like_bomless_utf16(data):
        codec = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = ""
        if text and _control_ratio(text) <= 0.05:
            return text
        raise InputError(f"{name}: binary data, not a text document")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary data, not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: undecodable bytes at offset {exc.start} "
            "(tried UTF-8, UTF-8 with BOM and UTF-16)"
        ) from exc
    if _control_ratio(text) > 0.05:
        raise InputError(f"{name}: binary data, not a text document")
    return text


def _looks_like_bomless_utf16(data: bytes) -> bool:
    head = data[:2000]
    if len(head) < 4:
        return False
    even_zeros = head[0::2].count(0)
    odd_zeros = head[1::2].count(0)
    half = len(head) // 2
    return odd_zeros > 0.4 * half or even_zeros > 0.4 * half


def _control_ratio(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)
