"""A compare request: two uploads or pasted texts and the CLI's options, to a result."""

from __future__ import annotations

import re

from ..align import compare
from ..classify import hidden
from ..comparison import CHANGE_CLASSES, ChangeClass
from ..errors import InputError, ResdiffError
from ..model import Document
from ..readers import read_bytes
from .results import Result
from .uploads import Form, Upload

# Form fields that may carry a document: a file (old/new) or a pasted text.
UPLOAD_FIELDS = frozenset({"old", "new", "old_text", "new_text"})
DOCX_VIEWS = ("accepted", "original")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?")


def read_upload(upload: Upload, docx_view: str = "accepted") -> Document:
    """Read an uploaded part through the readers, named by its label in any message."""
    try:
        return read_bytes(upload.read(), upload.label, docx_view=docx_view)
    except RecursionError as exc:
        raise InputError(f"{upload.label}: document structure too deeply nested") from exc


def _side(form: Form, side: str, docx_view: str) -> tuple[Document, str]:
    upload = form.uploads.get(side)
    pasted = form.uploads.get(f"{side}_text")
    if upload is not None and pasted is not None:
        raise InputError(f"give the {side} version as a file or as pasted text, not both")
    if upload is None and pasted is None:
        raise InputError(f"the {side} version is missing: upload a file or paste its text")
    chosen = upload or pasted
    assert chosen is not None
    if upload is None:
        chosen = Upload(f"pasted {side} text", chosen.path, chosen.size)
    doc = read_upload(chosen, docx_view)
    return doc, doc.metadata.symbol or chosen.label


def hide_classes(form: Form) -> tuple[ChangeClass, ...]:
    """The classes to hide: checkboxes `hide` (repeated) or a comma-separated value."""
    names = {n.strip() for n in form.fields.get("hide", "").split(",") if n.strip()}
    names |= {c for c in CHANGE_CLASSES if form.flag(f"hide_{c}")}
    bad = sorted(names - set(CHANGE_CLASSES))
    if bad:
        raise InputError(f"unknown change class {bad[0]!r} (use {', '.join(CHANGE_CLASSES)})")
    return tuple(c for c in CHANGE_CLASSES if c in names)


def run(form: Form) -> Result:
    """Read both versions and compare them as `resdiff compare` would."""
    docx_view = form.fields.get("docx_view") or "accepted"
    if docx_view not in DOCX_VIEWS:
        raise InputError("docx_view must be 'accepted' or 'original'")
    date = form.fields.get("date", "").strip() or None
    if date is not None and not _DATE.fullmatch(date):
        raise InputError("the revision date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
    author = form.fields.get("author", "").strip()[:100] or "resdiff"
    classes = hide_classes(form)
    old, old_label = _side(form, "old", docx_view)
    new, new_label = _side(form, "new", docx_view)
    try:
        cmp = compare(
            old,
            new,
            ignore_case=form.flag("ignore_case"),
            ignore_punctuation=form.flag("ignore_punctuation"),
            ignore_footnote_markers=form.flag("ignore_footnote_markers"),
            classify=True,
        )
    except RecursionError as exc:
        raise ResdiffError("document structure too deeply nested") from exc
    return Result(hidden(cmp, classes), old_label, new_label, author, date)
