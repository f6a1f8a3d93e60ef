"""The corpus: stored documents and where their language was used before."""

from .store import CorpusError, CorpusStore, DocumentInfo, default_db_path, open_store

__all__ = ["CorpusError", "CorpusStore", "DocumentInfo", "default_db_path", "open_store"]
