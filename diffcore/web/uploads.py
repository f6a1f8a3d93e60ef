"""Request bodies streamed into a private folder, never past the size cap.

Form parts named as uploads are written chunk by chunk to files the server names
itself (`part1`, `part2`, ...) inside a per-request folder of mode 0700; the name a
browser sends is kept only as a label for messages. Every other part is a small option
held in memory. The body is refused as soon as it passes its cap, before the rest is
read, so a 60 MB upload never reaches the disk whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import parse_qsl

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from ..errors import InputError

SMALL_FIELD = 64 * 1024  # an option's value; a pasted text is an upload part
MAX_PARTS = 32
FORM_OVERHEAD = 1024 * 1024  # headers and options around the uploads


class TooLarge(InputError):
    """The body or one of its uploads is over the cap (HTTP 413)."""


@dataclass(frozen=True)
class Upload:
    """One uploaded part on disk: `label` is for messages only, never a path."""

    label: str
    path: Path
    size: int

    def read(self) -> bytes:
        return self.path.read_bytes()


@dataclass(frozen=True)
class Form:
    fields: dict[str, str] = field(default_factory=dict)
    uploads: dict[str, Upload] = field(default_factory=dict)

    def flag(self, name: str) -> bool:
        return self.fields.get(name, "") in ("1", "on", "true", "yes")


def display_name(raw: str | None, fallback: str) -> str:
    """A file name fit to show: its last path component, printable, at most 120 chars."""
    name = re.split(r"[\\/]", raw or "")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] not in "CZ" or c == " ")
    return name.strip()[:120] or fallback


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


class _Collector:
    """The parser's callbacks: headers of the current part, then its data."""

    def __init__(self, folder: Path, upload_fields: frozenset[str], max_size: int) -> None:
        self.folder = folder
        self.upload_fields = upload_fields
        self.max_size = max_size
        self.form = Form()
        self.parts = 0
        self._header_field = b""
        self._header_value = b""
        self._headers: dict[bytes, bytes] = {}
        self._name = ""
        self._label = ""
        self._size = 0
        self._buffer = bytearray()
        self._file: BinaryIO | None = None
        self._path: Path | None = None

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self.part_begin,
            "on_header_field": self.header_field,
            "on_header_value": self.header_value,
            "on_header_end": self.header_end,
            "on_headers_finished": self.headers_finished,
            "on_part_data": self.part_data,
            "on_part_end": self.part_end,
        }

    def part_begin(self) -> None:
        self.parts += 1
        if self.parts > MAX_PARTS:
            raise InputError(f"the form has more than {MAX_PARTS} parts")
        self._headers = {}
        self._size = 0
        self._buffer = bytearray()

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_field += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def header_end(self) -> None:
        self._headers[self._header_field.lower()] = self._header_value
        self._header_field = self._header_value = b""

    def headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = options.get(b"name", b"").decode("utf-8", "replace")
        raw = options.get(b"filename")
        self._label = display_name(raw.decode("utf-8", "replace") if raw else None, self._name)
        if self._name in self.upload_fields:
            self._path = self.folder / f"part{self.parts}"
            self._file = self._path.open("xb")

    def part_data(self, data: bytes, start: int, end: int) -> None:
        self._size += end - start
        if self._file is not None:
            if self._size > self.max_size:
                raise TooLarge(
                    f"{self._label} is larger than the limit of {megabytes(self.max_size)}"
                )
            self._file.write(data[start:end])
        else:
            if self._size > SMALL_FIELD:
                raise TooLarge(f"the form field {self._name!r} is too long")
            self._buffer += data[start:end]

    def part_end(self) -> None:
        if self._file is not None and self._path is not None:
            self._file.close()
            self._file = None
            if self._size:  # a file input left empty sends an empty part
                self.form.uploads[self._name] = Upload(self._label, self._path, self._size)
            else:
                self._path.unlink()
        elif self._name:
            self.form.fields[self._name] = self._buffer.decode("utf-8", "replace")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


async def read_form(
    content_type: str,
    content_length: str | None,
    stream: AsyncIterator[bytes],
    folder: Path,
    upload_fields: frozenset[str],
    max_size: int,
) -> Form:
    """Parse a multipart or URL-encoded body; uploads go to files in `folder`."""
    limit = len(upload_fields) * max_size + FORM_OVERHEAD
    if content_length is not None and content_length.isdigit() and int(content_length) > limit:
        raise TooLarge(f"the request is larger than the limit of {megabytes(limit)}")
    kind, options = parse_options_header(content_type)
    if kind == b"application/x-www-form-urlencoded":
        body = bytearray()
        async for chunk in stream:
            body += chunk
            if len(body) > SMALL_FIELD:
                raise TooLarge("the form is too long")
        return Form(fields=dict(parse_qsl(body.decode("utf-8", "replace"))))
    if kind != b"multipart/form-data" or b"boundary" not in options:
        raise InputError("the request is not a form (multipart/form-data expected)")
    collector = _Collector(folder, upload_fields, max_size)
    parser = MultipartParser(options[b"boundary"], collector.callbacks())  # type: ignore[arg-type]
    total = 0
    refused: TooLarge | None = None
    try:
        async for chunk in stream:
            total += len(chunk)
            if total > limit:
                raise TooLarge(f"the request is larger than the limit of {megabytes(limit)}")
            if refused is None:
                try:
                    parser.write(chunk)
                except TooLarge as exc:
                    # Read the rest (within the request's cap) and drop it, so that the
                    # client, still sending, gets the answer rather than a reset.
                    refused = exc
                    collector.close()
        if refused is not None:
            raise refused
        parser.finalize()
    except MultipartParseError as exc:
        raise InputError("the form data is malformed") from exc
    finally:
        collector.close()
    return collector.form
