"""The corpus: stored documents and where their language was used before.

The store (sqlite3, numpy) loads on first use of a name below, so importing a small
module of this package, such as `thresholds` for the command-line defaults, stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import CorpusError, CorpusStore, DocumentInfo, default_db_path, open_store

__all__ = ["CorpusError", "CorpusStore", "DocumentInfo", "default_db_path", "open_store"]


def __getattr__(name: str) -> Any:
    """The store's public names, imported on first access (PEP 562)."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(".store", __name__), name)
    globals()[name] = value
    return value
