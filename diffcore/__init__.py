"""resdiff core: readers, the document model, alignment and word diff."""

from .align import compare
from .api import load, loads
from .comparison import Change, Comparison
from .errors import InputError, ResdiffError
from .model import Document, Footnote, Metadata, Paragraph

__all__ = [
    "Change",
    "Comparison",
    "Document",
    "Footnote",
    "InputError",
    "Metadata",
    "Paragraph",
    "ResdiffError",
    "compare",
    "load",
    "loads",
]
