"""The General Assembly resolutions a text cites as its own ("Recalling its resolution 79/123").

Only the Assembly's own resolutions count ("its resolution(s)"): a series follows
the Assembly's chain, not the Human Rights Council's "resolution 53/12".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["resolution_refs"]

_NUMBER = r"(?:A/RES/)?\d{1,2}/\d{1,4}(?:\s?[A-Z]\b)?"
_DATE = r"(?:\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?"
_LIST = re.compile(
    rf"\bits\s+resolutions?\s+({_NUMBER}{_DATE}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_NUMBER}{_DATE})*)"
)
_EACH = re.compile(r"(?:A/RES/)?(\d{1,2})/(\d{1,4})(?:\s?([A-Z])\b)?")


def resolution_refs(texts: Iterable[str], session: int | None) -> list[str]:
    """Symbols ("A/RES/79/123") of the Assembly's earlier resolutions the texts cite."""
    found: set[str] = set()
    for text in texts:
        for match in _LIST.finditer(text):
            for number in _EACH.finditer(match.group(1)):
                ref_session = int(number.group(1))
                if session is not None and ref_session >= session:
                    continue
                suffix = f" {number.group(3)}" if number.group(3) else ""
                found.add(f"A/RES/{ref_session}/{int(number.group(2))}{suffix}")
    return sorted(found)
