"""Canonical text is lossless and deterministic.

`loads(canonical.write(doc))` must give back the same paragraphs (every field), the same
footnotes and the same metadata, and writing must not depend on anything but the
document: not on the run, not on hash seeds, not on how the document was obtained.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diffcore
from diffcore import canonical
from diffcore.model import Document, Footnote, Metadata, Paragraph
from renderers import document_json

REPO_ROOT = Path(__file__).resolve().parents[1]
PARAGRAPH_FIELDS = (
    "id",
    "kind",
    "number",
    "parent",
    "part",
    "part_label",
    "text",
    "footnote_refs",
    "footnote_offsets",
)
HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@cache
def load(path: str) -> Document:
    return diffcore.load(path)


def paragraph_fields(p: Paragraph) -> dict[str, Any]:
    return {name: getattr(p, name) for name in PARAGRAPH_FIELDS}


def assert_round_trip(doc: Document) -> None:
    written = canonical.write(doc)
    again = diffcore.loads(written)
    assert again.source_format == "resdiff-text"
    assert len(again.paragraphs) == len(doc.paragraphs)
    for before, after in zip(doc.paragraphs, again.paragraphs, strict=True):
        assert paragraph_fields(after) == paragraph_fields(before), before.id
    assert again.footnotes == doc.footnotes
    assert again.metadata == doc.metadata
    # Written again, the canonical text is a fixed point.
    assert canonical.write(again) == written


# --------------------------------------------------------------------------- real documents


def test_seed_round_trip(seed_path: Path) -> None:
    assert_round_trip(load(str(seed_path)))


def test_corpus_round_trip(sample_text_file: Path) -> None:
    assert_round_trip(load(str(sample_text_file)))


def _first_difference(doc: Document) -> str | None:
    written = canonical.write(doc)
    try:
        again = diffcore.loads(written)
    except diffcore.ResdiffError as exc:
        return f"canonical text does not read back: {exc}"
    if len(again.paragraphs) != len(doc.paragraphs):
        return f"{len(doc.paragraphs)} paragraphs, {len(again.paragraphs)} read back"
    for before, after in zip(doc.paragraphs, again.paragraphs, strict=True):
        for name in PARAGRAPH_FIELDS:
            if getattr(before, name) != getattr(after, name):
                return f"{before.id}.{name}: {getattr(before, name)!r} -> {getattr(after, name)!r}"
    if again.footnotes != doc.footnotes:
        return "footnotes differ"
    if again.metadata != doc.metadata:
        return f"metadata differ: {doc.metadata} -> {again.metadata}"
    if canonical.write(again) != written:
        return "canonical text is not a fixed point"
    return None


def test_whole_corpus_round_trip(text_files: list[Path]) -> None:
    """The same property over every text layer, reported as one list (a few seconds)."""
    failures = {}
    for path in text_files:
        problem = _first_difference(load(str(path)))
        if problem is not None:
            failures[path.name] = problem
    report = "\n".join(f"{name}: {problem}" for name, problem in sorted(failures.items()))
    assert not failures, f"{len(failures)} of {len(text_files)} do not round-trip:\n{report}"


def test_corpus_sample_is_deterministic_and_broad(
    text_files: list[Path], text_sample: list[Path]
) -> None:
    assert len(text_sample) == min(60, len(text_files))
    assert len(set(text_sample)) == len(text_sample)
    assert text_sample == sorted(text_sample)
    assert text_sample[0] == text_files[0] and text_sample[-1] == text_files[-1]


def test_write_twice_identical(seed_path: Path) -> None:
    first = diffcore.load(str(seed_path))
    second = diffcore.load(str(seed_path))
    assert first is not second
    assert canonical.write(first) == canonical.write(second)
    assert document_json.render(first) == document_json.render(second)


def test_corpus_write_twice_identical(sample_text_file: Path) -> None:
    first = load(str(sample_text_file))
    second = diffcore.load(str(sample_text_file))
    assert canonical.write(first).encode("utf-8") == canonical.write(second).encode("utf-8")
    assert document_json.render(first) == document_json.render(second)


def test_canonical_text_reads_back_through_load(seed_path: Path, tmp_path: Path) -> None:
    written = canonical.write(load(str(seed_path)))
    path = tmp_path / "seed.resdiff.txt"
    path.write_text(written, encoding="utf-8", newline="\n")
    assert canonical.write(diffcore.load(str(path))) == written


_WRITE_ALL = """
import sys
import diffcore
from diffcore import canonical
from renderers import document_json
for path in sys.argv[1:]:
    doc = diffcore.load(path)
    sys.stdout.write(canonical.write(doc))
    sys.stdout.write(document_json.render(doc))
"""


def _write_in_process(paths: list[Path], hash_seed: str) -> bytes:
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = hash_seed
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, "-c", _WRITE_ALL, *map(str, paths)],
        capture_output=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return proc.stdout


def test_output_independent_of_hash_seed(seed_path: Path, text_sample: list[Path]) -> None:
    """Two processes with different string hashing write byte-identical output."""
    paths = [seed_path, *text_sample[::8]]
    assert _write_in_process(paths, "0") == _write_in_process(paths, "12345")


# --------------------------------------------------------------------------- properties

_WORD = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        + list(".,;:()[]*/-'\u2019\u201c\u201d\u00e9\u00e7\u2013\u2014\u00b6#=")
    ),
    min_size=1,
    max_size=12,
)
_TEXT = st.lists(_WORD, min_size=1, max_size=30).map(" ".join)
_MARKER = st.one_of(st.integers(1, 999).map(str), st.sampled_from(["*", "**", "***"]))
_DATE = st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}")
_AGENDA_ITEM = st.builds(
    lambda n, sub: f"{n}{f' ({sub})' if sub else ''}",
    st.integers(1, 200),
    st.sampled_from(["", "a", "b", "c"]),
)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


_METADATA = st.builds(
    Metadata,
    symbol=_optional(st.sampled_from(["A/RES/72/1", "A/80/L.8", "A/C.3/80/L.4/Rev.1"])),
    doc_type=_optional(st.sampled_from(["resolution", "draft", "amendment", "other"])),
    session=_optional(st.integers(1, 99)),
    agenda_items=st.lists(_AGENDA_ITEM, max_size=4).map(tuple),
    agenda_title=_optional(_TEXT),
    adopted_on=_optional(_DATE),
    issued_on=_optional(_DATE),
    committee=_optional(_TEXT),
    report_symbol=_optional(st.sampled_from(["A/80/478", "A/79/L.1/Add.1"])),
    draft_symbol=_optional(st.sampled_from(["A/72/L.1", "A/80/L.8/Rev.1"])),
    resolution_number=_optional(st.sampled_from(["72/1", "80/9", "79/1 A"])),
    title=_optional(_TEXT),
    sponsors=_optional(_TEXT),
    meeting=_optional(st.sampled_from(["24th plenary meeting", "101st plenary meeting"])),
    job_number=_optional(st.sampled_from(["17-17057", "25-01234"])),
)


@st.composite
def _with_markers(draw: st.DrawFn, p: Paragraph) -> Paragraph:
    """The paragraph with footnote markers at arbitrary places in its text."""
    offsets = sorted(draw(st.lists(st.integers(0, len(p.text)), max_size=4)))
    refs = draw(st.lists(_MARKER, min_size=len(offsets), max_size=len(offsets)))
    return replace(p, footnote_refs=tuple(refs), footnote_offsets=tuple(offsets))


@pytest.fixture(scope="module")
def seed_doc(seed_path: Path) -> Document:
    return load(str(seed_path))


@HYPOTHESIS
@given(data=st.data())
def test_markers_anywhere_round_trip(seed_doc: Document, data: st.DataObject) -> None:
    """Footnote markers survive at any offset, also at the very start and end."""
    paragraphs = tuple(data.draw(_with_markers(p)) for p in seed_doc.paragraphs)
    assert_round_trip(replace(seed_doc, paragraphs=paragraphs))


@HYPOTHESIS
@given(text=_TEXT, data=st.data())
def test_any_text_round_trips(seed_doc: Document, text: str, data: st.DataObject) -> None:
    """Paragraph text with brackets, colons, asterisks, labels-like words survives."""
    paragraphs = tuple(
        data.draw(_with_markers(replace(p, text=text))) for p in seed_doc.paragraphs[:6]
    )
    assert_round_trip(replace(seed_doc, paragraphs=paragraphs))


@HYPOTHESIS
@given(meta=_METADATA)
def test_metadata_round_trips(seed_doc: Document, meta: Metadata) -> None:
    assert_round_trip(replace(seed_doc, metadata=meta))


@HYPOTHESIS
@given(notes=st.lists(st.tuples(_MARKER, _TEXT), max_size=8))
def test_footnotes_round_trip(seed_doc: Document, notes: list[tuple[str, str]]) -> None:
    footnotes = tuple(Footnote(m, t) for m, t in notes)
    assert_round_trip(replace(seed_doc, footnotes=footnotes))


@HYPOTHESIS
@given(data=st.data())
def test_any_selection_of_real_paragraphs_round_trips(
    text_sample: list[Path], data: st.DataObject
) -> None:
    """Any subsequence of a real document's paragraphs (parts, annexes, nesting) survives."""
    path = data.draw(st.sampled_from(text_sample[::5]))
    doc = load(str(path))
    keep = data.draw(
        st.lists(st.booleans(), min_size=len(doc.paragraphs), max_size=len(doc.paragraphs))
    )
    paragraphs = tuple(p for p, k in zip(doc.paragraphs, keep, strict=True) if k)
    assert_round_trip(replace(doc, paragraphs=paragraphs))


def test_json_of_round_trip_equals_json(seed_path: Path) -> None:
    """Apart from `source` and `removed`, JSON of the re-read canonical text is the original.

    `removed` lists the furniture of the file that was read (here the ODS trailer); the
    canonical text has none, so its own list is empty.
    """
    doc = load(str(seed_path))
    original = json.loads(document_json.render(doc))
    again = json.loads(document_json.render(diffcore.loads(canonical.write(doc))))
    assert original["removed"] and again["removed"] == []
    for key in ("source", "removed"):
        original.pop(key)
        again.pop(key)
    assert again == original
