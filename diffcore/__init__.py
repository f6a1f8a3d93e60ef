"""resdiff core: readers, the document model, alignment and word diff."""

from .api import load, loads
from .errors import InputError, ResdiffError
from .model import Document, Footnote, Metadata, Paragraph

__all__ = [
    "Document",
    "Footnote",
    "InputError",
    "Metadata",
    "Paragraph",
    "ResdiffError",
    "load",
    "loads",
]
