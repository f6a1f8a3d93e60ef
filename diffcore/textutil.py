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
    "\u2011": "-",  # non-breaking hyphen
    "\u2010": "-",  # hyphen
    "\u00ad": "",  # soft hyphen: a layout hint, never text
    "\u200b": "",  # zero-width space
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
}
# C0 control characters other than tab and line breaks carry no text (and are not XML).
_CHAR_MAP.update({chr(c): "" for c in range(32) if chr(c) not in "\t\n\r"})
_CHAR_MAP["\x7f"] = ""
_SPECIAL = re.compile("[" + re.escape("".join(_CHAR_MAP)) + "]")
# "small- and medium-sized": a hyphen that waits for its word keeps its space.
SUSPENDED = re.compile(r"(?:and|or|nor|to|as well as|but)\b")
# "non- discrimination" mid-line: a compound broken by extraction, not by the author.
_BROKEN = re.compile(r"(?<=[^\W\d_])- (?!(?:and|or|nor|to|as well as|but)\b)(?=[a-z])")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def normalize_chars(text: str) -> str:
    """Fold invisible and look-alike characters to their plain equivalents."""
    return _SPECIAL.sub(lambda m: _CHAR_MAP[m.group(0)], text)


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and trim the ends."""
    return " ".join(text.split())


class HyphenEvidence:
    """Answers "does this document spell the word joined, and never hyphenated?".

    Looked up on demand in the whole text: only a handful of line-final hyphens
    per document need it, so no vocabulary is built up front.
    """

    def __init__(self, text: str = "") -> None:
        self._text = text
        self._words: frozenset[str] | None = None

    def _vocabulary(self) -> frozenset[str]:
        if self._words is None:
            # Words as printed whole: a line break after a hyphen is not evidence.
            flat = re.sub(r"-\n", "-\x00", self._text.lower())
            self._words = frozenset(_WORD.findall(flat))
        return self._words

    def prefers_joined(self, head: str, tail: str) -> bool:
        words = self._vocabulary()
        joined = (head + tail).lower()
        return joined in words and f"{head}-{tail}".lower() not in words


NO_EVIDENCE = HyphenEvidence()


def join_lines_at(
    lines: Iterable[str], evidence: HyphenEvidence = NO_EVIDENCE
) -> tuple[str, list[int]]:
    """Join wrapped lines, repairing end-of-line hyphenation; also where each line began.

    UN typesetting rarely breaks words, so a line-final hyphen is kept (it is
    "Secretary-General" or "twenty-fifth") unless the document itself spells the
    joined word without the hyphen and never with it.
    """
    out = ""
    starts: list[int] = []
    for raw in lines:
        line = repair_broken_compounds(collapse(raw))
        if not line:
            starts.append(len(out))
            continue
        if not out:
            starts.append(0)
            out = line
            continue
        if (
            out.endswith("-")
            and not out.endswith(" -")
            and line[:1].isalpha()
            and not (SUSPENDED.match(line))
        ):
            head = re.search(r"([^\W\d_]+)-$", out)
            tail = re.match(r"[^\W\d_]+", line)
            if (
                head
                and tail
                and line[:1].islower()
                and evidence.prefers_joined(head.group(1), tail.group(0))
            ):
                starts.append(len(out) - 1)
                out = out[:-1] + line
                continue
            starts.append(len(out))
            out = out + line
            continue
        starts.append(len(out) + 1)
        out = out + " " + line
    return out, starts


def repair_broken_compounds(text: str) -> str:
    """Close "non- discrimination" to "non-discrimination"; keep "sudden- and slow-onset"."""
    return _BROKEN.sub("-", text) if "- " in text else text
