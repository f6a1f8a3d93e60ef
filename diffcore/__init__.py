"""resdiff core: readers, the document model, alignment and word diff.

The public names load on first use (PEP 562), so `import diffcore.source` or a
command that only reads text does not pay for the aligner, lxml or numpy.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (`resdiff --version`)
if TYPE_CHECKING:
    from typing import Any

    from .align import compare
    from .api import load, loads
    from .comparison import Change, Comparison
    from .errors import InputError, ResdiffError
    from .model import Document, Footnote, Metadata, Paragraph

_HOME = {
    "Change": "comparison",
    "Comparison": "comparison",
    "Document": "model",
    "Footnote": "model",
    "InputError": "errors",
    "Metadata": "model",
    "Paragraph": "model",
    "ResdiffError": "errors",
    "compare": "align",
    "load": "api",
    "loads": "api",
}

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


def __getattr__(name: str) -> Any:
    """A public name, or a submodule (`diffcore.structure`), imported on first access."""
    home = _HOME.get(name)
    if home is not None:
        value = getattr(importlib.import_module(f".{home}", __name__), name)
    else:
        try:
            value = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value
