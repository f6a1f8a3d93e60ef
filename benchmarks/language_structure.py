"""Do the six language versions of each session-80 resolution read to one structure?

    .venv/bin/python benchmarks/language_structure.py

Every session-80 resolution the AKN4UN corpus has in English
(../shared/corpus/akn4un/{en,fr,es,ru,ar,zh}/A_RES_80_*.xml) is read in each other
language it has, and its structure compared with the English reading: the paragraph
kinds, numbers (sub-paragraphs included), parts and the footnote count (resdiff
issue #11, point 1).  Prints the share of language versions that agree (target
>= 99%) and every exception with its first difference and the side at fault: the
version's file (FILE_DIFFERS, each checked in the XML), the English reading, or the
reader of that version.
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

# Versions whose file itself differs from the English one, each checked in the XML
# (counts of `num`, `container`, `authorialNote` elements, the printed numbers): no
# reader can give them the English structure without correcting the file.
FILE_DIFFERS: dict[tuple[str, str], tuple[str, str]] = {
    # (resolution, version compared): (the file at fault, what it prints)
    ("A_RES_80_112", "ar"): ("ar", "prints paragraph 10 as '11 -' (then 11 again)"),
    ("A_RES_80_113", "es"): ("es", "prints paragraph 82 as '80.'"),
    ("A_RES_80_229", "ru"): ("ru", "prints paragraph 12 as '13.'"),
    ("A_RES_80_192", "ar"): ("ar", "prints paragraph 4 as '3-'"),
    ("A_RES_80_71", "ru"): ("ru", "numbers sub-paragraph 4 (a) as paragraph '5.'"),
    ("A_RES_80_189", "ar"): ("ar", "numbers its only operative paragraph '1 -'"),
    ("A_RES_80_121", "ru"): ("ru", "has 18 authorialNote (19 in the other versions)"),
    ("A_RES_80_258", "es"): ("es", "has 5 authorialNote (9 in en, fr, ru, zh)"),
    ("A_RES_80_258", "ar"): ("ar", "has 5 authorialNote (9 in en, fr, ru, zh)"),
    ("A_RES_80_32", "ar"): ("ar", "has 3 recitals, 4 paragraphs, no note (6, 5, 1 elsewhere)"),
    ("A_RES_80_48", "ar"): ("ar", "lacks the recital 'Mindful of the ongoing UN80 Initiative'"),
    ("A_RES_80_123", "es"): ("es", "has 35 recitals (34 elsewhere)"),
    ("A_RES_80_133", "fr"): ("fr", "has 39 recitals (38 elsewhere)"),
    ("A_RES_80_151", "fr"): ("fr", "has 20 recitals (21 elsewhere)"),
    ("A_RES_80_116", "ar"): ("en", "lacks item (a) of the quoted opinion: its (i) stands alone"),
    ("A_RES_80_116", "zh"): ("en", "lacks item (a) of the quoted opinion: its (i) stands alone"),
    ("A_RES_80_173", "ar"): ("ar", "lacks the outcome document's title line in the body"),
    ("A_RES_80_246", "zh"): (
        "zh",
        "puts the operative 'Resolves that:' (正式决定：) in the preamble",
    ),
    ("A_RES_80_55", "es"): ("es", "prints the meeting and a mistyped date ('s1 de') in the body"),
    ("A_RES_80_243", "ar"): ("ar", "misspells section XI 'حادي عاشر' (for 'حادي عشر')"),
    ("A_RES_80_242", "zh"): ("zh", "prints 'Income section 2' and its title as one line"),
    ("A_RES_80_162", "fr"): ("fr", "runs items i) to v) of article 4 (1) (c) into one paragraph"),
    ("A_RES_80_162", "es"): ("es", "runs item v) of article 4 (1) (c) into item iv)"),
    # Not an error: the translation's word order.  en, fr, es, ru, ar close article 9 (2)
    # after its items ("as if it were a party to the transport contract."), a line of
    # its own in each file; zh says it in the chapeau (视同运输合同当事人), so has none.
    # Joining such lines to item (b) would split A/RES/80/34 instead (zh has "并要求...").
    ("A_RES_80_162", "zh"): ("zh", "has no closing line after article 9 (2) (b): word order"),
}

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
    # Resolutions whose English reading differs from all the other versions, which agree.
    english_odd: tuple[str, ...] = ()

    @property
    def share(self) -> float:
        return 1 - len(self.exceptions) / self.compared if self.compared else 0.0

    @property
    def readers_share(self) -> float:
        """The share once the versions whose file differs (FILE_DIFFERS) are set aside."""
        mine = [e for e in self.exceptions if (e[0], e[1]) not in FILE_DIFFERS]
        return 1 - len(mine) / self.compared if self.compared else 0.0


def fault(stem: str, code: str, result: Result) -> str:
    """Which side is at fault for one exception, as far as checked."""
    if (stem, code) in FILE_DIFFERS:
        culprit, what = FILE_DIFFERS[stem, code]
        also = " (so do fr, es, ru: ar and zh have it)" if culprit != code else ""
        return f"the {culprit} file {what}{also}"
    if stem in result.english_odd:
        return "the English reading (the other versions agree with one another)"
    diff = next(e[2] for e in result.exceptions if e[:2] == (stem, code))
    alike = sum(1 for e in result.exceptions if e[0] == stem and e[2] == diff)
    if alike >= 3:
        return f"the English reading ({alike} versions differ from it alike)"
    return f"the reader, on the {code} version"


def run(akn_dir: Path = AKN_DIR, limit: int | None = None) -> Result:
    files = sorted((akn_dir / "en").glob("A_RES_80_*.en.xml"))[:limit]
    compared = 0
    exceptions: list[tuple[str, str, str]] = []
    english_odd: list[str] = []
    for en_path in files:
        stem = en_path.name.split(".")[0]
        en = shape(diffcore.load(str(en_path)))
        others = []
        for code in OTHERS:
            path = akn_dir / code / f"{stem}.{code}.xml"
            if not path.is_file():
                continue
            compared += 1
            other = shape(diffcore.load(str(path)))
            others.append(other)
            if other != en:
                exceptions.append((stem, code, first_difference(en, other)))
        if len(others) > 1 and others[0] != en and all(o == others[0] for o in others):
            english_odd.append(stem)
    return Result(compared, tuple(exceptions), tuple(english_odd))


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
    files = sum(1 for e in result.exceptions if (e[0], e[1]) in FILE_DIFFERS)
    print(
        f"exceptions: {len(result.exceptions)}, of which the file differs: {files}; "
        f"without those, the readers agree on {100 * result.readers_share:.1f}%"
    )
    for stem, code, diff in result.exceptions:
        print(f"  {stem} {code}: {diff}\n      at fault: {fault(stem, code, result)}")
    return 0 if result.share >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
