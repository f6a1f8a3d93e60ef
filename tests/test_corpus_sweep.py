"""Every text layer in the shared corpus: no crash, no page furniture, numbering intact.

One pass over all 1,202 documents (a few seconds); each check collects its failures
so that a regression names every document it breaks, not just the first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

import diffcore
from diffcore.model import Document

from .conftest import TEXT_DIR

BARCODE = re.compile(r"\*\d{6,}\*")
# A footnote area leaking into a paragraph: a rule, then a numbered footnote body.
RULE_THEN_NOTE = re.compile(r"_{5,}\s+\d{1,3}\s+[A-Z]")
ONLY_RULE = re.compile(r"^_{5,}$")
COVER = re.compile(r"Distr\.:\s*(?:General|Limited|Restricted)|Original:\s*English")


def _page_count(path: Path) -> int:
    return path.read_text(encoding="utf-8").count("\n\n") + 1


@pytest.fixture(scope="module")
def corpus() -> list[tuple[Path, Document]]:
    files = sorted(TEXT_DIR.glob("*.txt")) if TEXT_DIR.is_dir() else []
    if not files:
        pytest.skip(f"real-document corpus not found at {TEXT_DIR} (expected ../shared/corpus)")
    return [(f, diffcore.load(str(f))) for f in files]


def test_every_document_parses(corpus: list[tuple[Path, Document]]) -> None:
    assert len(corpus) == len(list(TEXT_DIR.glob("*.txt")))
    empty = [f.name for f, d in corpus if not d.paragraphs]
    assert not empty, f"documents with no paragraphs: {empty}"
    no_symbol = [f.name for f, d in corpus if not d.metadata.symbol]
    assert not no_symbol, f"documents without a symbol: {no_symbol}"


def test_symbol_matches_file_name(corpus: list[tuple[Path, Document]]) -> None:
    wrong = [
        (f.name, d.metadata.symbol)
        for f, d in corpus
        if (d.metadata.symbol or "").replace("/", "_") != f.stem
    ]
    assert not wrong, wrong[:20]


def test_no_page_furniture_in_paragraphs(corpus: list[tuple[Path, Document]]) -> None:
    leaks: list[tuple[str, str, str]] = []
    for path, doc in corpus:
        pages = _page_count(path)
        page_number = re.compile(rf"(?:^|\s)\d{{1,3}}/{pages}(?:\s|$)")
        symbol = doc.metadata.symbol or "\x00"
        job = doc.metadata.job_number or "\x00"
        bodies = [f"{fn.marker} {fn.text[:40]}" for fn in doc.footnotes if len(fn.text) >= 25]
        for p in doc.paragraphs:
            text = p.text
            checks = {
                "symbol-only": text.strip().rstrip("*") == symbol,
                "job number": job in text,
                "barcode": bool(BARCODE.search(text)),
                "rule": bool(ONLY_RULE.match(text) or RULE_THEN_NOTE.search(text)),
                "page number": pages > 1 and bool(page_number.search(text)) and job in text,
                "cover": bool(COVER.search(text)),
                "footnote body": any(b in text for b in bodies),
            }
            for what, hit in checks.items():
                if hit:
                    leaks.append((path.name, p.id, what))
    assert not leaks, f"{len(leaks)} leaks, first: {leaks[:20]}"


def test_lone_page_numbers_absent(corpus: list[tuple[Path, Document]]) -> None:
    bad = [
        (f.name, p.id, p.text)
        for f, d in corpus
        for p in d.paragraphs
        if re.fullmatch(r"\d{1,3}/\d{1,3}", p.text.strip())
    ]
    assert not bad, bad[:20]


def test_numbering_runs_without_gaps_in_every_part(corpus: list[tuple[Path, Document]]) -> None:
    broken: list[tuple[str, str, list[int]]] = []
    for path, doc in corpus:
        parts: dict[tuple[str, str | None], list[int]] = defaultdict(list)
        for p in doc.paragraphs:
            if p.kind == "operative" and p.number and p.number.isdigit():
                parts[(p.part, p.part_label)].append(int(p.number))
        for (part, label), numbers in parts.items():
            if numbers != list(range(1, len(numbers) + 1)):
                broken.append((path.name, f"{part} {label or ''}".strip(), numbers[:40]))
    assert not broken, f"{len(broken)} parts with broken numbering: {broken[:10]}"


def test_ids_unique_and_subparagraph_parents_exist(corpus: list[tuple[Path, Document]]) -> None:
    problems = []
    for path, doc in corpus:
        ids = [p.id for p in doc.paragraphs]
        if len(ids) != len(set(ids)):
            problems.append((path.name, "duplicate ids"))
        for p in doc.paragraphs:
            if p.kind == "subparagraph" and p.parent is None:
                problems.append((path.name, f"{p.id} has no parent"))
    assert not problems, problems[:20]


def test_footnote_markers_mostly_linked(corpus: list[tuple[Path, Document]]) -> None:
    """Markers are found for at least 98% of numbered footnotes across the corpus."""
    listed = linked = 0
    for _path, doc in corpus:
        refs = {r for p in doc.paragraphs for r in p.footnote_refs}
        numeric = [fn.marker for fn in doc.footnotes if fn.marker.isdigit()]
        listed += len(numeric)
        linked += sum(1 for m in numeric if m in refs)
    assert listed > 10_000
    assert linked / listed >= 0.98, f"{linked}/{listed} footnotes linked"


def test_footnote_refs_follow_document_order(corpus: list[tuple[Path, Document]]) -> None:
    """Numeric markers appear in increasing order through the reading order."""
    disordered = []
    for path, doc in corpus:
        seen = [int(r) for p in doc.paragraphs for r in p.footnote_refs if r.isdigit()]
        if seen != sorted(seen) or len(seen) != len(set(seen)):
            disordered.append(path.name)
    assert not disordered, disordered[:20]
