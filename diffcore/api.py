"""The library entry points: `load` for files, `loads` for strings."""

from __future__ import annotations

from .model import Document
from .readers import read_bytes, read_text
from .source import DEFAULT_MAX_SIZE, read_source


def load(path: str, max_size: int = DEFAULT_MAX_SIZE, docx_view: str = "accepted") -> Document:
    """Read a document from a file path ("-" for stdin), detecting its format from content.

    `docx_view` picks how tracked changes in a DOCX read: "accepted" or "original".
    """
    src = read_source(path, max_size)
    return read_bytes(src.data, src.name, docx_view=docx_view)


def loads(text: str, name: str | None = None) -> Document:
    """Read a document from a string already in memory."""
    return read_text(text, name)
