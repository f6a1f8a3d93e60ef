"""The whole-corpus sweep: every document family of ../shared/corpus, checked alike.

Shared by `tests/test_sweep.py` and `benchmarks/sweep_figures.py`. Each document is
read as a user would read it (`diffcore.load`) and checked for three things:
- conservation: every word of the input is in a paragraph, a footnote, the metadata or
  the list of removed furniture (`diffcore.conservation.account`);
- no page furniture in paragraphs: page numbers, job numbers, barcodes, lone symbols,
  "Please recycle";
- numbering continuity: the operative paragraphs of each part run 1, 2, 3, ...
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import diffcore
from diffcore.conservation import account, source_text
from diffcore.errors import InputError
from diffcore.model import Document

# Family name -> glob patterns under the corpus folder. AKN4UN families are added per
# language folder present (`families`).
FAMILY_GLOBS: dict[str, tuple[str, ...]] = {
    "text": ("text/*.txt",),
    "pdf": ("pdf/*.pdf",),
    "older": ("older/*.txt", "older/*.pdf"),
    "sc": ("sc/*.pdf", "sc/drafts/*.pdf", "sc/text/*.txt"),
    "seed": ("seed/*.txt",),
}

PAGE_NUMBER = re.compile(r"^\d{1,3}/\d{1,3}$")
JOB_NUMBER = re.compile(r"\b\d{2}-\d{5} \(E\)")
BARCODE = re.compile(r"\*\d{6,}\*")
RECYCLE = re.compile(r"\bplease recycle\b", re.I)


def families(corpus: Path) -> dict[str, list[Path]]:
    """Every family present in the corpus with its files, in sorted order."""
    out: dict[str, list[Path]] = {}
    for name, patterns in FAMILY_GLOBS.items():
        files = sorted({f for pattern in patterns for f in corpus.glob(pattern)})
        if files:
            out[name] = files
    akn = corpus / "akn4un"
    for lang in sorted(p.name for p in akn.iterdir() if p.is_dir()) if akn.is_dir() else []:
        files = sorted((akn / lang).glob("*.xml"))
        if files:
            out[f"akn4un/{lang}"] = files
    return out


@dataclass
class Result:
    """What the sweep found in one document."""

    path: Path
    paragraphs: int = 0
    footnotes: int = 0
    linked: int = 0  # footnotes cited by at least one paragraph
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(path: Path) -> Result:
    result = Result(path)
    try:
        doc = diffcore.load(str(path))
    except InputError as exc:
        result.problems.append(f"unreadable: {exc}")
        return result
    result.paragraphs = len(doc.paragraphs)
    result.footnotes = len(doc.footnotes)
    cited = {r for p in doc.paragraphs for r in p.footnote_refs}
    result.linked = sum(1 for fn in doc.footnotes if fn.marker in cited)
    accounting = account(source_text(path.read_bytes(), str(path)), doc)
    if not accounting.balanced:
        result.problems.append(f"conservation: {accounting.summary(8)}")
    result.problems.extend(furniture(doc))
    result.problems.extend(numbering(doc))
    return result


def furniture(doc: Document) -> list[str]:
    """Paragraphs that are, or carry, page furniture."""
    symbol = doc.metadata.symbol
    job = doc.metadata.job_number
    found = []
    for p in doc.paragraphs:
        text = p.text.strip()
        what = (
            "page number"
            if PAGE_NUMBER.match(text)
            else "job number"
            if JOB_NUMBER.search(text) or (job and job in text)
            else "barcode"
            if BARCODE.search(text)
            else "symbol line"
            if symbol and text.rstrip("*").replace(" ", "") == symbol
            else "recycling mark"
            if RECYCLE.search(text)
            else None
        )
        if what:
            found.append(f"furniture: {what} in {p.id}: {text[:60]!r}")
    return found


def numbering(doc: Document) -> list[str]:
    """Parts whose numbered operative paragraphs do not run 1..N."""
    parts: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for p in doc.paragraphs:
        if p.kind == "operative" and p.number and p.number.isdigit():
            parts[(p.part, p.part_label)].append(int(p.number))
    return [
        f"numbering: {part} {label or ''}: {numbers[:12]}".replace("  ", " ")
        for (part, label), numbers in parts.items()
        if numbers != list(range(1, len(numbers) + 1))
    ]
