"""Short human labels for paragraphs, and metadata values for people."""

from __future__ import annotations

from diffcore.labels import Labeler

__all__ = ["Labeler", "group_label", "show_value"]


def group_label(labeler: Labeler, ids: tuple[str, ...]) -> str:
    return "+".join(labeler(i) for i in ids) if ids else "(none)"


def show_value(value: object, empty: str = "(none)") -> str:
    """A metadata value for people: lists joined, missing values named."""
    if value is None:
        return empty
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or empty
    return str(value)
