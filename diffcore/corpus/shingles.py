"""Words, shingles, winnowed fingerprints and MinHash band keys of paragraphs.

Everything here is a pure function of the text, stable across processes and
machines (CRC-32 of each word, then fixed 64-bit arithmetic in numpy), because the
values are stored in the corpus database and compared with those of later runs.

* Words: casefolded runs of letters and digits, keeping inner ``-``, ``/``, ``.``,
  ``'`` ("non-governmental", "79/123", "A/RES/72/1"). Punctuation and case do not
  count, so "verbatim" means the same words in the same order. Chinese is written
  without spaces: each ideograph counts as a word (`diffcore.lang.tokens.index_words`).
* Shingles: hashes of every run of ``SHINGLE`` consecutive words of a paragraph (a
  paragraph shorter than that is one shingle).
* Fingerprints: the shingles kept by winnowing with a window of ``WINDOW`` shingles
  (Schleimer, Wilkerson and Aiken, 2003). Any run of ``SHINGLE + WINDOW - 1`` = 8
  shared words is guaranteed to share a fingerprint, which is exactly the length of
  the shortest passage the issue calls partial reuse, at 40% of the postings that
  all shingles would cost.
* Languages: a paragraph is compared only with paragraphs of its own language. Chinese
  has no spaces, so each Han character is a word (letters and digits among them are
  words as above): a 5-character shingle, a guaranteed shared run of 8 characters.
  Overlapping character bigrams were measured too (BENCHMARKS.md): the same index
  granularity, but the LCS over bigrams scores reworded or reordered Chinese well
  below the English of the same pair, and 7% of the English links at 0.7 fell under
  0.5 in Chinese (3% with characters). Outside English
  (and unknown languages, filed as English) every key is salted with the language,
  so the index, the verbatim hash groups and the caps on common keys are per
  language, and English keys are the ones stored before languages were.
* MinHash: ``BANDS * ROWS`` min-wise hashes over the paragraph's word pairs, grouped
  in bands for locality-sensitive hashing; two paragraphs whose word-pair sets have
  Jaccard similarity J share some band with probability 1 - (1 - J**ROWS)**BANDS
  (0.73 at J = 0.4, 0.93 at 0.5, 0.99 at 0.6; 0.007 at 0.07, the 99.9th percentile of
  unrelated pairs). Word pairs rather than the 5-word shingles: in short paragraphs
  one changed word breaks five shingles, so "Takes note of the report of the
  Secretary-General" and "Takes note with appreciation of the report of the
  Secretary-General" share few shingles but most word pairs. French uses two rows a
  band (`Language.reuse_band_rows`: 0.90 at J = 0.33, where "Prend note du rapport du
  Secrétaire général" and "... des rapports ..." stand): its articles agree with
  the noun, so one changed word changes more word pairs than in English.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .. import lang
from ..lang.tokens import index_words

__all__ = [
    "BANDS",
    "ROWS",
    "SHINGLE",
    "WINDOW",
    "ParagraphKeys",
    "band_rows",
    "codes",
    "document_keys",
    "keys_of_ids",
    "language_salt",
    "paragraph_keys",
    "text_hash",
    "text_hash_in",
    "text_ids",
    "words",
]

SHINGLE = 5
WINDOW = 4
BANDS = 20
ROWS = 3  # in English; no language may use more (the hash constants are this many)
LSH_GRAM = 2

U64 = npt.NDArray[np.uint64]

# English (and unknown) keys are stored unsalted, so English databases stay as they were.
UNSALTED_LANGUAGES = frozenset({None, "en"})

_MASK64 = (1 << 64) - 1
# Fixed odd multipliers (splitmix64-derived), so stored keys never change.


def _splitmix(seed: int, count: int) -> list[int]:
    out = []
    x = seed
    for _ in range(count):
        x = (x + 0x9E3779B97F4A7C15) & _MASK64
        z = x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        out.append((z ^ (z >> 31)) | 1)
    return out


_POW = np.array(_splitmix(1, SHINGLE), dtype=np.uint64)
_MH_A = np.array(_splitmix(2, BANDS * ROWS), dtype=np.uint64)
_MH_B = np.array(_splitmix(3, BANDS * ROWS), dtype=np.uint64)
_BAND_MUL = np.array(_splitmix(4, ROWS), dtype=np.uint64)
_BAND_SALT = np.array(_splitmix(5, BANDS), dtype=np.uint64)


def words(text: str) -> list[str]:
    """The comparison words of a paragraph: casefolded, punctuation dropped; in Chinese,
    each ideograph is a word (`diffcore.lang.tokens.index_words`). The same in every
    language: a paragraph filed under the wrong language still shingles its Chinese."""
    return index_words(text)


def band_rows(language: str | None) -> int:
    """MinHash rows a band in this language (`Language.reuse_band_rows`)."""
    return lang.get(language).reuse_band_rows


def language_salt(language: str | None) -> int:
    """What a language's word ids are mixed with (32 bits, like the ids): 0 for
    English (and unknown)."""
    if language in UNSALTED_LANGUAGES:
        return 0
    assert language is not None
    return (_splitmix(zlib.crc32(language.encode("utf-8")), 1)[0] >> 32) | 1


class _Ids(dict[str, int]):
    """Word -> CRC-32, remembered: a dict lookup is several times cheaper than hashing."""

    def __missing__(self, word: str) -> int:
        if len(self) > 1_000_000:
            self.clear()
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


_IDS = _Ids()


def text_ids(text: str) -> list[int]:
    return list(map(_IDS.__getitem__, words(text)))


def codes(ids: list[int]) -> str:
    """Word ids as one character each: rapidfuzz aligns strings about 5x faster than lists.

    The 32-bit ids fold onto the non-surrogate code points; two different words
    meet on one character about once in a million pairs, which can nudge a
    similarity but never a verbatim match (that compares the full ids).
    """
    points = np.array(ids, dtype=np.uint32) % np.uint32(0x10F800)
    points[points >= 0xD800] += np.uint32(0x800)
    text: str = points.astype("<u4").tobytes().decode("utf-32-le")
    return text


def text_hash(ids: list[int]) -> int:
    """A signed 63-bit hash of the word sequence: equal for verbatim copies."""
    data = np.array(ids, dtype=np.uint32).tobytes()
    digest = zlib.crc32(data) << 32 | zlib.adler32(data)
    return (digest ^ (len(ids) * 0x9E3779B1)) >> 1


def text_hash_in(ids: list[int], language: str | None) -> int:
    """`ParagraphKeys.text_hash` of a paragraph in `language`, without its other keys."""
    salt = language_salt(language)
    return text_hash([i ^ salt for i in ids] if salt else ids)


@dataclass(frozen=True)
class ParagraphKeys:
    """What the index stores for one paragraph."""

    n_words: int
    text_hash: int
    fingerprints: tuple[int, ...]
    bands: tuple[int, ...]


def paragraph_keys(text: str, language: str | None = None) -> ParagraphKeys | None:
    """Index keys of one paragraph, or None for a paragraph without words."""
    return document_keys([text], language)[0]


def document_keys(texts: list[str], language: str | None = None) -> list[ParagraphKeys | None]:
    """Keys of a document's paragraphs, in order."""
    return keys_of_ids([text_ids(text) for text in texts], language)


def _mix(values: U64) -> U64:
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(29))
        values = values * np.uint64(0xBF58476D1CE4E5B9)
        mixed: U64 = values ^ (values >> np.uint64(32))
    return mixed


def _grams(
    flat: U64,
    para_of: npt.NDArray[np.int64],
    starts: npt.NDArray[np.int64],
    lengths: npt.NDArray[np.int64],
    n: int,
) -> tuple[U64, npt.NDArray[np.int64]]:
    """Hashes of every run of n words inside one paragraph, in paragraph order; a
    paragraph shorter than n words is one run of all its words."""
    weights = _POW[:n]
    if len(flat) >= n:
        windows = np.lib.stride_tricks.sliding_window_view(flat, n)
        with np.errstate(over="ignore"):
            hashes = _mix((windows * weights).sum(axis=1, dtype=np.uint64))
        inside = para_of[: len(windows)] == para_of[n - 1 :]
        out_hash = hashes[inside]
        out_para = para_of[: len(windows)][inside]
    else:
        out_hash = np.zeros(0, dtype=np.uint64)
        out_para = np.zeros(0, dtype=np.int64)
    short = np.nonzero((lengths > 0) & (lengths < n))[0]
    if len(short):
        extra = []
        for p in short.tolist():
            part = flat[starts[p] : starts[p] + lengths[p]]
            with np.errstate(over="ignore"):
                extra.append(np.sum(part * _POW[: len(part)], dtype=np.uint64))
        out_hash = np.concatenate((out_hash, _mix(np.array(extra, dtype=np.uint64))))
        out_para = np.concatenate((out_para, short))
        order = np.argsort(out_para, kind="stable")
        out_hash, out_para = out_hash[order], out_para[order]
    return out_hash, out_para


def keys_of_ids(
    id_lists: list[list[int]], language: str | None = None
) -> list[ParagraphKeys | None]:
    """Keys of a document's paragraphs (as word ids), computed for all at once.

    One pass of array operations over the whole document rather than one per
    paragraph: numpy's per-call overhead would otherwise cost more than the hashing.
    The ids are salted with the language first, so every key is per language.
    """
    salt = language_salt(language)
    if salt:
        id_lists = [[i ^ salt for i in ids] for ids in id_lists]
    lengths = np.array([len(ids) for ids in id_lists], dtype=np.int64)
    flat = np.fromiter(
        (i for ids in id_lists for i in ids), dtype=np.uint64, count=int(lengths.sum())
    )
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(lengths) else lengths
    para_of = np.repeat(np.arange(len(id_lists)), lengths)
    sh_hash, sh_para = _grams(flat, para_of, starts, lengths, SHINGLE)
    if not len(sh_hash):
        return [None] * len(id_lists)
    paras, first, counts = np.unique(sh_para, return_index=True, return_counts=True)
    # MinHash over word pairs (short runs survive scattered edits), reduced per paragraph.
    mh_hash, mh_para = _grams(flat, para_of, starts, lengths, LSH_GRAM)
    mh_first = np.unique(mh_para, return_index=True)[1]
    rows = band_rows(language)
    with np.errstate(over="ignore"):
        signed = mh_hash[:, None] * _MH_A[None, : BANDS * rows] + _MH_B[None, : BANDS * rows]
        sig = np.minimum.reduceat(signed, mh_first, axis=0).reshape(len(paras), BANDS, rows)
        keys = (sig * _BAND_MUL[None, None, :rows]).sum(axis=2, dtype=np.uint64) ^ _BAND_SALT
        keys ^= keys >> np.uint64(31)
    band_keys = (keys >> np.uint64(1)).astype(np.int64)
    # Winnowing: rightmost minimum of every WINDOW consecutive shingles of a paragraph.
    selected = _winnow(sh_hash, sh_para, first, counts)
    fps32 = (sh_hash >> np.uint64(32)).astype(np.int64) - (1 << 31)
    fp_lists: dict[int, list[int]] = {}
    for pos in selected.tolist():
        fp_lists.setdefault(int(sh_para[pos]), []).append(int(fps32[pos]))
    out: list[ParagraphKeys | None] = [None] * len(id_lists)
    for row, p in enumerate(paras.tolist()):
        ids = id_lists[p]
        out[p] = ParagraphKeys(
            len(ids),
            text_hash(ids),
            tuple(sorted(set(fp_lists[p]))),
            tuple(band_keys[row].tolist()),
        )
    return out


def _winnow(
    hashes: U64,
    para: npt.NDArray[np.int64],
    first: npt.NDArray[np.int64],
    counts: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    picked: list[npt.NDArray[np.int64]] = []
    if len(hashes) >= WINDOW:
        windows = np.lib.stride_tricks.sliding_window_view(hashes, WINDOW)
        inside = para[: len(windows)] == para[WINDOW - 1 :]
        rightmost = WINDOW - 1 - np.argmin(windows[:, ::-1], axis=1)
        picked.append((np.arange(len(windows)) + rightmost)[inside])
    for start, count in zip(first.tolist(), counts.tolist(), strict=True):
        if count < WINDOW:
            picked.append(np.array([start + int(np.argmin(hashes[start : start + count]))]))
    return np.unique(np.concatenate(picked)) if picked else np.zeros(0, dtype=np.int64)
