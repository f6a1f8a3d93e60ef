"""The first words of preambular and operative paragraphs in the AKN4UN texts.

    .venv/bin/python benchmarks/mine_language_words.py fr [--min 3]

Where the word lists of diffcore/lang/<code>.py come from: the AKN4UN markup tells
preambular paragraphs from operative ones, so counting their first words (the first
two characters in Chinese, the word after "وإذ"/"إذ" in Arabic) over every session-80
resolution of a language lists its preambular openers and operative verbs, most
frequent first.  Also printed: the body's opening formula and sub-paragraph labels.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
AKN_DIR = REPO_ROOT.parent / "shared" / "corpus" / "akn4un"
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import diffcore  # noqa: E402
from diffcore import lang  # noqa: E402


def first_word(text: str, code: str) -> str:
    if code == "zh":
        return text[:2]
    words = text.split()
    prefixes = lang.get(code).pp_prefixes if code == "ar" else frozenset()
    if len(words) > 1 and words[0] in prefixes:
        return words[1].strip(",،")
    return words[0].strip(",،") if words else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("code", choices=sorted(lang.LANGUAGES))
    parser.add_argument("--min", type=int, default=3, help="fewest occurrences to list")
    args = parser.parse_args(argv)
    files = sorted((AKN_DIR / args.code).glob(f"A_RES_80_*.{args.code}.xml"))
    if not files:
        sys.exit(f"mine_language_words: no session-80 texts at {AKN_DIR / args.code}")
    pp: Counter[str] = Counter()
    op: Counter[str] = Counter()
    formula: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    for path in files:
        doc = diffcore.load(str(path))
        for p in doc.paragraphs:
            text = p.text.strip()
            if not text:
                continue
            if p.kind == "preambular":
                pp[first_word(text, args.code)] += 1
            elif p.kind == "operative" and p.parent is None and p.number:
                op[first_word(text, args.code)] += 1
            elif p.kind == "text" and len(text) < 40:
                formula[text] += 1
        raw = path.read_text(encoding="utf-8")
        labels.update(m for m in re.findall(r"<num>([^<]*)</num>", raw) if not m[:1].isdigit())
    print(f"{len(files)} session-80 resolutions in {args.code}")
    for title, counter in (("preambular", pp), ("operative", op)):
        kept = [(w, n) for w, n in counter.most_common() if n >= args.min]
        print(f"\n{title} first words ({len(kept)} with >= {args.min}):")
        print(" ".join(f"{w}:{n}" for w, n in kept))
    print("\nformula:", formula.most_common(4))
    print("sub-paragraph labels:", labels.most_common(8))
    return 0


if __name__ == "__main__":
    sys.exit(main())
