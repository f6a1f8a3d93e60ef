"""English spelling facts the pdftotext reader uses to close gaps inside words.

Kept apart from the reader so that they can move to the per-language data modules.
"""

from __future__ import annotations

# Every English word has one of these; a lowercase piece without any is part of a word
# ("operator s", "measureme nt", "th ese").
VOWELS = frozenset("aeiouy")
# Lowercase words and abbreviations without a vowel that stand on their own.
VOWELLESS_WORDS = frozenset(["cf", "km", "kg", "mm", "cm", "nm", "mg", "ml", "hr", "pp", "vs"])
# A possessive ending pdftotext set apart from its noun ("world ’s").
POSSESSIVE_ENDINGS = frozenset(["\u2019s", "'s"])


def is_fragment(piece: str) -> bool:
    """A lowercase run of letters that cannot be an English word of its own."""
    return (
        piece.isascii()
        and piece.isalpha()
        and piece.islower()
        and not VOWELS.intersection(piece)
        and piece not in VOWELLESS_WORDS
    )
