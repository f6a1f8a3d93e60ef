"""English spelling facts the pdftotext reader uses to close gaps inside words.

Kept apart from the reader so that they can move to the per-language data modules.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..lang.tokens import stem

# Every English word has one of these; a lowercase piece without any is part of a word
# ("operator s", "measureme nt", "th ese").
VOWELS = frozenset("aeiouy")
# Lowercase words and abbreviations without a vowel that stand on their own.
VOWELLESS_WORDS = frozenset(["cf", "km", "kg", "mm", "cm", "nm", "mg", "ml", "hr", "pp", "vs"])
# Words of one or two letters: a piece pdftotext split off is no word unless it is one.
SHORT_WORDS = frozenset(
    "a i o ad ah am an as at be by do go he hi if in is it me my no of oh on or ox so to up"  # noqa: SIM905
    " us we".split()
)
# The instruction that opens an amendment's text, after its title with no blank line:
# "In operative paragraph 2, delete", "After operative paragraph 3, insert", "Delete the".
AMENDMENT_OPENER_RE = re.compile(r"^(?:In|After|Before|Replace|Delete|Insert|Add)\b")
# A possessive ending pdftotext set apart from its noun ("world ’s").
POSSESSIVE_ENDINGS = frozenset(["\u2019s", "'s"])


def is_fragment(piece: str) -> bool:
    """A lowercase run of letters that cannot be an English word of its own: no vowel,
    or a doubled consonant to open it ("surpa ssed")."""
    if not (piece.isascii() and piece.isalpha() and piece.islower()):
        return False
    if len(piece) > 2 and piece[0] == piece[1] and piece[0] not in VOWELS:
        return True
    return not VOWELS.intersection(piece) and piece not in VOWELLESS_WORDS


def stem_of(word: str) -> str:
    return stem(word.lower(), "english")


def word_stems(words: dict[str, int]) -> frozenset[str]:
    """The stems of the document's words, to recognize a form it spells differently."""
    return frozenset(stem_of(w) for w in words if w.isalpha())


# Number words written with a hyphen: "twenty-first", "eighty-second", "thirty-seven".
TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())  # noqa: SIM905
UNITS = frozenset(
    "one two three four five six seven eight nine"  # noqa: SIM905
    " first second third fourth fifth sixth seventh eighth ninth".split()
)


def is_number_pair(left: str, right: str) -> bool:
    return left.lower() in TENS and right in UNITS


def known_compound(left: str, right: str) -> bool:
    """Does the UN spell "left-right" with a hyphen (language data mined from the corpus)?

    Only asked where a line was joined: evidence that a hyphen may have been there.
    """
    from ..lang.en_compounds import COMPOUNDS  # loaded on first use: only plain pdftotext

    return f"{left.lower()}-{right.lower()}" in COMPOUNDS


@functools.cache
def _vocabulary() -> frozenset[str]:
    """English words of the UN text layers (en_words.txt, mined by the same script)."""
    text = (Path(__file__).resolve().parents[1] / "lang" / "en_words.txt").read_text("utf-8")
    return frozenset(text.split())


def is_word(piece: str) -> bool:
    low = piece.lower()
    return low in SHORT_WORDS or low in _vocabulary()


def is_split_word(left: str, right: str) -> bool:
    """ "disci plines", "maxi mizing": the joined form is an English word and the pieces
    are not both words ("in formation" stays two)."""
    return is_word(left + right) and not (is_word(left) and is_word(right))


def solid_compound(word: str) -> str | None:
    """ "evidencebased": a compound joined without its hyphen, which is no word solid."""
    low = word.lower()
    if len(low) < 6 or is_word(low):
        return None
    from ..lang.en_compounds import COMPOUNDS

    for k in range(2, len(low) - 1):
        if f"{low[:k]}-{low[k:]}" in COMPOUNDS:
            return f"{word[:k]}-{word[k:]}"
    return None
