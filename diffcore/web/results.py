"""Comparisons kept for their download links, by a random id, in bounded memory.

A result is named by an unguessable id the server chose, never by anything the client
sent, and the oldest results are forgotten past `capacity`, so memory stays flat however
long the server runs. Formats are rendered when downloaded, not kept.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

from ..comparison import Comparison

CAPACITY = 64


@dataclass(frozen=True)
class Result:
    """A comparison with the names and DOCX revision settings it was made with."""

    comparison: Comparison
    old_label: str
    new_label: str
    author: str
    date: str | None


class Results:
    """A thread-safe store of the most recent `capacity` results."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, Result] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, result: Result) -> str:
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._items[key] = result
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> Result | None:
        with self._lock:
            return self._items.get(key)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
