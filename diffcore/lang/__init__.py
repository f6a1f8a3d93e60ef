"""Per-language data (one small module per UN official language) and detection.

`get("fr")` returns the `Language` of a code; `detect(text)` guesses it from the text:
the script first (Arabic, Cyrillic, Han), then, for Latin script, which language's
frequent function words occur most.  Both are cheap and deterministic.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from . import ar, en, es, fr, ru, zh
from .spec import Language

__all__ = ["LANGUAGES", "Language", "detect", "detect_code", "get"]

LANGUAGES: dict[str, Language] = {m.LANGUAGE.code: m.LANGUAGE for m in (en, fr, es, ru, ar, zh)}
DEFAULT = "en"

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]+")
# Enough text to tell the language; more only costs time.
_SAMPLE = 2000


def get(code: str | None) -> Language:
    """The language of an ISO 639-1 code ("fr", "fr-CH", "FR"); English when unknown."""
    if code:
        found = LANGUAGES.get(code.split("-")[0].split("_")[0].lower())
        if found is not None:
            return found
    return LANGUAGES[DEFAULT]


def detect(text: str) -> Language:
    """The language a text is written in, from its script, then its function words."""
    return LANGUAGES[_detect_code(text[:_SAMPLE])]


def detect_code(texts: Iterable[str]) -> str | None:
    """ISO 639-1 code of the language these texts are in; None where they have no letters.

    The one detection every part uses (metadata, concordance, corpus), on a sample
    of the first 2,000 characters.
    """
    sample = ""
    for text in texts:
        sample += text + "\n"
        if len(sample) >= _SAMPLE:
            break
    sample = sample[:_SAMPLE]
    if not _WORD.search(sample):
        return None
    return _detect_code(sample)


@functools.lru_cache(maxsize=4096)
def _detect_code(sample: str) -> str:
    counts = {
        "ar": len(_ARABIC.findall(sample)),
        "ru": len(_CYRILLIC.findall(sample)),
        "zh": len(_HAN.findall(sample)),
    }
    code, most = max(counts.items(), key=lambda kv: kv[1])
    if most and most * 4 >= len(_WORD.findall(sample)):
        return code
    words = _WORD.findall(sample.lower())
    best, score = DEFAULT, 0
    for lang in LANGUAGES.values():
        if lang.script != "Latin":
            continue
        hits = sum(1 for w in words if w in lang.function_words)
        if hits > score:
            best, score = lang.code, hits
    return best
