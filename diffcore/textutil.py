"""Character and whitespace normalization shared by every reader.

PDF and Word exports differ in invisible ways (no-break spaces, non-breaking hyphens,
soft hyphens); folding them here keeps two renderings of one text equal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CHAR_MAP = {
    "\u00a0": " ",  # no-break space
    "\u2007": " ",  # figure space
    "\u2009": " ",  # thin space
    "\u202f": " ",  # narrow no-break space
    "\u200a": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u3000": " ",
    "\t": " ",
    "\u2011": "-",  # non-breaking hyphen
    "\u2010": "-",  # hyphen
    "\u00ad": "",  # soft hyphen: a layout hint, never text
    "\u200b": "",  # zero-width space
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
}
_TRANSLATE = str.maketrans(_CHAR_MAP)
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def normalize_chars(text: str) -> str:
    """Fold invisible and look-alike characters to their plain equivalents."""
    return text.translate(_TRANSLATE)


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and trim the ends."""
    return _SPACES.sub(" ", text).strip()


def vocabulary(lines: Iterable[str]) -> frozenset[str]:
    """Lower-case words seen whole inside lines: the evidence for hyphen repair."""
    words: set[str] = set()
    for line in lines:
        parts = line.split()
        # The last word of a line may be a broken half; only inner words count.
        for token in parts[:-1]:
            words.update(m.group(0).lower() for m in _WORD.finditer(token))
    return frozenset(words)


def join_lines(lines: Iterable[str], vocab: frozenset[str] = frozenset()) -> str:
    """Join wrapped lines into one paragraph (see `join_lines_at`)."""
    return join_lines_at(lines, vocab)[0]


def join_lines_at(
    lines: Iterable[str], vocab: frozenset[str] = frozenset()
) -> tuple[str, list[int]]:
    """Join wrapped lines, repairing end-of-line hyphenation; also where each line began.

    UN typesetting rarely breaks words, so a line-final hyphen is kept (it is
    "Secretary-General" or "twenty-fifth") unless the document itself spells the
    joined word without the hyphen and never with it.
    """
    out = ""
    starts: list[int] = []
    for raw in lines:
        line = collapse(normalize_chars(raw))
        if not line:
            starts.append(len(out))
            continue
        if not out:
            starts.append(0)
            out = line
            continue
        if out.endswith("-") and not out.endswith(" -") and line[:1].isalpha():
            head = re.search(r"([^\W\d_]+)-$", out)
            tail = re.match(r"[^\W\d_]+", line)
            if head and tail and line[:1].islower():
                joined = (head.group(1) + tail.group(0)).lower()
                hyphenated = f"{head.group(1)}-{tail.group(0)}".lower()
                if joined in vocab and hyphenated not in vocab:
                    starts.append(len(out) - 1)
                    out = out[:-1] + line
                    continue
            starts.append(len(out))
            out = out + line
            continue
        starts.append(len(out) + 1)
        out = out + " " + line
    return out, starts
