"""Every document family of ../shared/corpus: conservation, no furniture, numbering.

`make test` checks every text layer, older/, sc/ and the seed in full, and an evenly
spaced sample of the PDFs and of each AKN4UN language; `make sweep` (RESDIFF_SWEEP=full)
checks every document. A family test collects all its failures, so a regression names
every document it breaks. Documents that fail today because of work in progress
elsewhere are listed in KNOWN and run as non-strict xfails, one test each.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

import diffcore
from diffcore.conservation import account, source_text, words

from .conftest import CORPUS_DIR, SEED_PATH, evenly_spaced
from .sweep import check, families
from .sweep_known import KNOWN_AKN

FULL = os.environ.get("RESDIFF_SWEEP") == "full"
# Documents sampled per family in `make test` (None: all of them).
SAMPLE: dict[str, int | None] = {"pdf": 10, "akn4un": 8}

# Known failures, by file name, with the work that will fix them.
KNOWN: dict[str, str] = {
    **KNOWN_AKN,
}
KNOWN_SAMPLE = 12  # known AKN4UN failures run as xfails in `make test`

_FAMILIES = families(CORPUS_DIR) if CORPUS_DIR.is_dir() else {}


def _selected(name: str, files: list[Path]) -> list[Path]:
    size = SAMPLE.get(name.split("/")[0])
    return files if FULL or size is None else evenly_spaced(files, size)


def _family_params() -> list[object]:
    if not _FAMILIES:
        reason = f"real-document corpus not found at {CORPUS_DIR} (expected ../shared/corpus)"
        return [pytest.param(None, marks=pytest.mark.skip(reason=reason), id="corpus")]
    return [pytest.param(name, id=name) for name in _FAMILIES]


def _known_params() -> list[object]:
    present = {f.name: f for files in _FAMILIES.values() for f in files}
    names = [n for n in sorted(KNOWN) if n in present]
    if not FULL:
        akn = [present[n] for n in names if n in KNOWN_AKN]
        sample = [f.name for f in evenly_spaced(akn, KNOWN_SAMPLE)]
        names = [n for n in names if n not in KNOWN_AKN] + sample
    return [
        pytest.param(
            present[name], marks=pytest.mark.xfail(reason=KNOWN[name], strict=False), id=name
        )
        for name in names
    ]


@pytest.mark.parametrize("family", _family_params())
def test_family_accounts_for_every_word(family: str) -> None:
    files = [f for f in _selected(family, _FAMILIES[family]) if f.name not in KNOWN]
    assert files, f"{family}: nothing to check"
    failures = [(r.path.name, r.problems) for r in map(check, files) if not r.ok]
    assert not failures, f"{family}: {len(failures)} of {len(files)} fail: {failures[:10]}"


@pytest.mark.parametrize("path", _known_params())
def test_known_failure(path: Path) -> None:
    result = check(path)
    assert result.ok, result.problems


def test_every_family_is_swept() -> None:
    if not _FAMILIES:
        pytest.skip(f"real-document corpus not found at {CORPUS_DIR}")
    expected = {"text", "pdf", "older", "sc", "seed", "akn4un/en"}
    assert expected <= set(_FAMILIES), sorted(_FAMILIES)


# --- The accounting itself: it must see a lost word, and only a lost one -----------------


@pytest.fixture(scope="module")
def seed_source() -> str:
    if not SEED_PATH.is_file():
        pytest.skip(f"seed document not found at {SEED_PATH}")
    return source_text(SEED_PATH.read_bytes(), str(SEED_PATH))


def test_a_dropped_paragraph_is_reported(seed_source: str) -> None:
    doc = diffcore.load(str(SEED_PATH))
    assert account(seed_source, doc).balanced
    lost = doc.paragraphs[5]
    shorter = replace(doc, paragraphs=doc.paragraphs[:5] + doc.paragraphs[6:])
    accounting = account(seed_source, shorter)
    assert not accounting.balanced
    # Only words the rest of the document does not repeat go missing, all of them lost's
    # (with its footnote marker glued on, as the ODS export prints it: "persons1").
    own = set(words(f"{lost.text} {lost.number or ''} {' '.join(lost.footnote_refs)}"))
    assert all(any(m.startswith(w) for w in own) for m in accounting.missing), accounting


def test_a_dropped_removal_or_footnote_is_reported(seed_source: str) -> None:
    doc = diffcore.load(str(SEED_PATH))
    assert doc.removed and doc.footnotes
    assert not account(seed_source, replace(doc, removed=())).balanced
    assert not account(seed_source, replace(doc, footnotes=doc.footnotes[1:])).balanced


def test_glued_markers_and_line_end_hyphens_are_one_word() -> None:
    """ "Rights1" in the text layer is "Rights" plus marker 1; "self-\\ndetermination" one word."""
    path = CORPUS_DIR / "text" / "A_C.3_80_L.53.txt"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    text = path.read_text(encoding="utf-8")
    doc = diffcore.load(str(path))
    assert "self-\ndetermination" in text and any(p.footnote_refs for p in doc.paragraphs)
    assert account(text, doc).balanced


def test_html_navigation_and_hidden_text_are_listed_not_lost(seed_source: str) -> None:
    from .test_html_akn import to_html

    doc = diffcore.load(str(SEED_PATH))
    page = to_html(doc).replace(
        "<body>",
        "<body><nav>Home Documents Search</nav><script>var tracking = 1;</script>"
        '<div hidden="">Draft wording withdrawn</div>',
        1,
    )
    read = diffcore.loads(page)
    markup = [r.text for r in read.removed if r.reason == "markup"]
    assert "<nav> Home Documents Search" in markup and "<script>" in markup
    assert "<div> Draft wording withdrawn" in markup
    accounting = account(source_text(page.encode("utf-8"), "page.html"), read)
    assert accounting.balanced, accounting.summary()
    assert not account(
        source_text(page.encode("utf-8"), "page.html"), replace(read, removed=())
    ).balanced
