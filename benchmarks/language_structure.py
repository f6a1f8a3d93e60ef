"""Do the six language versions of each session-80 resolution read to one structure?

    .venv/bin/python benchmarks/language_structure.py [--verbose]

Every session-80 resolution the AKN4UN corpus has in English
(../shared/corpus/akn4un/{en,fr,es,ru,ar,zh}/A_RES_80_*.xml) is read in each other
language it has, and its structure compared with the English reading: the paragraph
kinds, numbers (sub-paragraphs included), parts and the footnote count (resdiff
issue #11, point 1).  Prints the share of language versions that agree (target
>= 99%) and every exception with its first difference, so the files can be looked at.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
AKN_DIR = REPO_ROOT.parent / "shared" / "corpus" / "akn4un"
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import diffcore  # noqa: E402
from diffcore.model import Document  # noqa: E402

OTHERS = ("fr", "es", "ru", "ar", "zh")
TARGET = 0.99

Shape = tuple[tuple[tuple[str, str | None, str, str | None], ...], int]


def shape(doc: Document) -> Shape:
    """What must agree across languages: kinds, numbers, parts, footnote count."""
    paras = tuple((p.kind, p.number, p.part, p.part_label) for p in doc.paragraphs)
    return paras, len(doc.footnotes)


def first_difference(en: Shape, other: Shape) -> str:
    if en[1] != other[1]:
        return f"footnotes {other[1]} vs en {en[1]}"
    for i, (a, b) in enumerate(zip(en[0], other[0], strict=False)):
        if a != b:
            return f"paragraph {i + 1}: {b} vs en {a}"
    return f"{len(other[0])} paragraphs vs en {len(en[0])}"


@dataclass(frozen=True)
class Result:
    compared: int
    exceptions: tuple[tuple[str, str, str], ...]  # (symbol file, language, difference)

    @property
    def share(self) -> float:
        return 1 - len(self.exceptions) / self.compared if self.compared else 0.0


def run(akn_dir: Path = AKN_DIR, limit: int | None = None) -> Result:
    files = sorted((akn_dir / "en").glob("A_RES_80_*.en.xml"))[:limit]
    compared = 0
    exceptions: list[tuple[str, str, str]] = []
    for en_path in files:
        stem = en_path.name.split(".")[0]
        en = shape(diffcore.load(str(en_path)))
        for code in OTHERS:
            path = akn_dir / code / f"{stem}.{code}.xml"
            if not path.is_file():
                continue
            compared += 1
            other = shape(diffcore.load(str(path)))
            if other != en:
                exceptions.append((stem, code, first_difference(en, other)))
    return Result(compared, tuple(exceptions))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args()
    if not (AKN_DIR / "en").is_dir():
        print(f"language_structure: AKN4UN corpus not found at {AKN_DIR}", file=sys.stderr)
        return 2
    result = run()
    agree = result.compared - len(result.exceptions)
    print(f"language versions compared with English: {result.compared}")
    print(f"same structure: {agree} ({100 * result.share:.1f}%, target {100 * TARGET:.0f}%)")
    for stem, code, diff in result.exceptions:
        print(f"  {stem} {code}: {diff}")
    return 0 if result.share >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
