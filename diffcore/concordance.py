"""Cross-language concordance: do the language versions of one resolution say the same?

The six versions of a resolution are translations, so their words cannot be compared;
their skeleton and their language-independent tokens can. Paragraphs are aligned by an
edit-distance alignment over (kind, number, relative length, tokens, footnote count),
so a paragraph dropped from one version is found where it was dropped, not at the end
of its run. Within aligned paragraphs the tokens that do not translate (document
symbols such as A/80/537, resolution numbers such as 79/126, numbers, years, dates made
ISO) must agree. What a version lacks, adds, numbers differently, or cites differently is
a finding; a version whose findings every other version shares is the one at fault.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal, get_args

from .dates import find_dates, find_day_months
from .labels import Labeler
from .model import Document, Paragraph
from .structure import roman_value

FindingKind = Literal[
    "missing",
    "extra",
    "kind",
    "number",
    "subparagraphs",
    "footnotes",
    "tokens",
    "length",
    "order",
    "symbol",
]
FINDING_KINDS: tuple[str, ...] = get_args(FindingKind)

# Document symbols (A/80/537, A/RES/79/126, E/CN.15/2024/L.1, S/RES/2803 (2025)) and
# resolution references (79/126, 60/1, 2803 (2025)).
# Boundaries are ASCII on purpose: in Chinese a symbol stands between Han characters,
# which \b counts as word characters ("第53/199号决议").
_SYMBOL_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,3}(?:/[A-Za-z0-9.\-]+)+(?:\s\(\d{4}\))?")
_RESOLUTION_RE = re.compile(
    r"(?<![A-Za-z0-9/])\d{1,4}/\d{1,4}(?:\s?[A-Z](?![A-Za-z0-9]))?(?![A-Za-z0-9/])"
)
# A number with its thousands groups: "1,000" / "1 000" / "1.000" are one number.
_NUMBER_RE = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+")
# The session of an early resolution: "1514 (XV)" prints "(د-15)" in Arabic.
_SESSION_RE = re.compile(r"\((?:د\s*-\s*(\d{1,2})|([IVXL]{1,6}))\)")
_GROUP_SEP_RE = re.compile(r"[,.\u00a0\u202f ]")
# Arabic texts sometimes hold an amount's groups in reverse ("700 010 12" for 12,010,700,
# A/RES/80/243; "000 460 168" for 168,460,000): a short last group or a leading zero
# can only be the reversed form.
_REVERSED_GROUPS_RE = re.compile(
    r"(?<!\d)(?<!\d[\u00a0\u202f ])(?:\d{3}(?:[\u00a0\u202f ]\d{3})*[\u00a0\u202f ]\d{1,2}"
    r"|0\d{2}(?:[\u00a0\u202f ]\d{3})+)(?!\d)"
)
# Amounts with a scale word: "4 trillion", "4 000 milliards", "4万亿" are one amount.
# "billion" is 10^9 in English and 10^12 in French, hence one table per language.
_SCALES: dict[str, dict[str, int]] = {
    "en": {"million": 6, "billion": 9, "trillion": 12},
    "fr": {"million": 6, "millions": 6, "milliard": 9, "milliards": 9, "billion": 12},
    "es": {"millón": 6, "millones": 6, "mil millones": 9, "billón": 12, "billones": 12},
    "ru": {
        "млн": 6,
        "миллион": 6,
        "миллиона": 6,
        "миллионов": 6,
        "млрд": 9,
        "миллиард": 9,
        "миллиарда": 9,
        "миллиардов": 9,
        "трлн": 12,
        "триллиона": 12,
        "триллионов": 12,
    },
    "ar": {
        "مليون": 6,
        "ملايين": 6,
        "مليار": 9,
        "بليون": 9,
        "بلايين": 9,
        "تريليون": 12,
        "ترليون": 12,
    },
    "zh": {"万": 4, "亿": 8, "万亿": 12},
}
_AMOUNT = r"(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+(?:[.,]\d{1,2}(?!\d))?)\s*"


def _amount_re(language: str | None) -> re.Pattern[str] | None:
    scales = _SCALES.get(language or "en")
    if not scales:
        return None
    words = "|".join(sorted(map(re.escape, scales), key=lambda w: (-len(w), w)))
    return re.compile(
        rf"{_AMOUNT}({words})(?![^\W\d_])" if language != "zh" else rf"{_AMOUNT}({words})"
    )


_AMOUNT_RES = {code: _amount_re(code) for code in _SCALES}


def _amount(number: str, scale: str, language: str) -> str:
    """The value of "4 000" + "milliards" as a plain integer string."""
    if re.fullmatch(r"\d+[.,]\d{1,2}", number):
        whole, frac = re.split(r"[.,]", number)
    else:
        whole, frac = _GROUP_SEP_RE.sub("", number), ""
    exponent = _SCALES[language][scale.casefold()]
    return str(int(whole + frac) * 10 ** (exponent - len(frac)))


# Ordinals are spelled out in some languages and printed in figures in others
# ("fifteenth" / "15º" / "15e" / "15-й"), so they are no evidence either way. Text is
# NFKC-folded first, which turns "º" and "ª" into "o" and "a".
_ORDINAL_AFTER_RE = re.compile(r"(?:[oa°]\b|er\b|re\b|e\b|ème|th\b|st\b|nd\b|rd\b|-[а-я]{1,3}\b)")
# Chinese writes article and paragraph numbers in Han numerals ("第九条": article 9)
# where the other languages print figures.
# Not chapters: "第十一章" is "Chapter XI", a Roman numeral elsewhere.
_HAN_ARTICLE_RE = re.compile(r"第([〇零一二三四五六七八九十百千]+)(?=[条款段项])")
_HAN_DIGITS = {ch: n for n, ch in enumerate("零一二三四五六七八九")} | {"〇": 0}


def _han_number(numeral: str) -> int:
    """Value of a Han numeral such as 九, 十二, 二十八, 一百零五."""
    total, digit = 0, 0
    for ch in numeral:
        if ch in _HAN_DIGITS:
            digit = _HAN_DIGITS[ch]
        else:
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (digit or 1) * unit
            digit = 0
    return total + digit


GAP_COST = 1.6
SWAP_GAIN = 0.7
# A paragraph this many times longer or shorter than its counterpart, relative to the
# two documents' lengths, has lost or gained text; translations stay well within it.
LENGTH_RATIO = 2.2
LENGTH_MIN = 120.0  # weighted characters: short paragraphs vary too much to judge


@dataclass(frozen=True)
class Version:
    """One language version: what the report says about the file."""

    name: str
    language: str | None
    symbol: str | None
    paragraphs: int
    footnotes: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "language": self.language,
            "symbol": self.symbol,
            "paragraphs": self.paragraphs,
            "footnotes": self.footnotes,
        }


@dataclass(frozen=True)
class Finding:
    """One disagreement between a version and the reference version."""

    kind: str  # one of FINDING_KINDS
    version: str  # name of the version compared with the reference
    reference_label: str | None  # "PP3", "OP12(a)", "annex OP4" in the reference
    version_label: str | None
    detail: str
    expected: tuple[str, ...] = ()  # tokens (or counts) in the reference
    found: tuple[str, ...] = ()  # tokens (or counts) in the version
    # Every other version agrees with this one against the reference: the reference
    # is likely the version at fault.
    reference_suspect: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "version": self.version,
            "reference_label": self.reference_label,
            "version_label": self.version_label,
            "detail": self.detail,
            "expected": list(self.expected),
            "found": list(self.found),
            "reference_suspect": self.reference_suspect,
        }


@dataclass(frozen=True)
class Concordance:
    reference: Version
    versions: tuple[Version, ...]
    findings: tuple[Finding, ...]
    # Per version compared: the paragraph alignment as (reference label, version label)
    # pairs, None on the side that lacks the paragraph.
    alignments: tuple[tuple[str, tuple[tuple[str | None, str | None], ...]], ...] = ()

    @property
    def consistent(self) -> bool:
        return not self.findings

    def counts(self) -> dict[str, int]:
        tally = Counter(f.kind for f in self.findings)
        return {k: tally[k] for k in FINDING_KINDS if tally[k]}


def language_of(doc: Document) -> str | None:
    """The document's language: from its metadata, else from the script of its text."""
    if doc.metadata.language:
        return doc.metadata.language
    from . import lang

    return lang.detect_code(p.text for p in doc.paragraphs)


def tokens(text: str, language: str | None) -> Counter[str]:
    """The language-independent tokens of a paragraph: symbols, resolutions, dates, numbers."""
    text = unicodedata.normalize("NFKC", text)
    found: Counter[str] = Counter()
    spans: list[tuple[int, int]] = []

    def take(start: int, end: int, token: str) -> bool:
        if any(s < end and start < e for s, e in spans):
            return False
        spans.append((start, end))
        found[token] += 1
        return True

    for m in _SESSION_RE.finditer(text):
        session = int(m.group(1)) if m.group(1) else roman_value(m.group(2))
        take(m.start(), m.end(), f"session {session}")
    for m in _SYMBOL_RE.finditer(text):
        if any(ch.isdigit() for ch in m.group()):  # "HIV/AIDS" is no symbol
            take(m.start(), m.end(), re.sub(r"\s+", " ", m.group()))
    dates = find_dates(text, language or "en")
    for date in dates:
        # Year and month as one token, the day as a number: "21 to 23 May 2025" and
        # "2025年5月21日至23日" then give the same tokens.
        take(date.start, date.end, date.iso[:7])
        if len(date.iso) == 10:
            found[str(int(date.iso[8:]))] += 1
    for date in find_day_months(text, language or "en"):
        # The year a range prints once, at one end, holds for the other end too.
        near = min(dates, key=lambda d: abs(d.start - date.start), default=None)
        year = near.iso[:4] if near else "-"
        if take(date.start, date.end, f"{year}-{date.iso[2:4]}"):
            found[str(int(date.iso[5:]))] += 1
    for m in _RESOLUTION_RE.finditer(text):
        # Without the part letter: "67/254 A" is "67/254 ألف" in Arabic.
        take(m.start(), m.end(), m.group().split()[0].rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    if language == "ar":
        for m in _REVERSED_GROUPS_RE.finditer(text):
            take(m.start(), m.end(), "".join(reversed(_GROUP_SEP_RE.split(m.group()))))
    if language == "zh":
        for m in _HAN_ARTICLE_RE.finditer(text):
            take(m.start(), m.end(), str(_han_number(m.group(1))))
    amounts = _AMOUNT_RES.get(language or "en")
    if amounts is not None:
        for m in amounts.finditer(text):
            take(m.start(), m.end(), _amount(m.group(1), m.group(2), language or "en"))
    for m in _NUMBER_RE.finditer(text):
        if _ORDINAL_AFTER_RE.match(text, m.end()):
            take(m.start(), m.end(), "")  # an ordinal: claimed, not counted
            continue
        take(m.start(), m.end(), _GROUP_SEP_RE.sub("", m.group()))
    del found[""]
    return found


@dataclass(frozen=True)
class _Slot:
    """A paragraph as the alignment sees it: nothing that depends on the language."""

    para: Paragraph
    label: str
    kind: str
    number: str | None  # top-level printed number; sub-paragraphs by their ordinal
    part: tuple[str, str | None]
    share: float  # share of the document's characters, for length agreement
    weight: float  # length in translation-neutral units (see _weight)
    tokens: frozenset[str]
    notes: int


# Sub-paragraph letters in the order each script counts them; Arabic counts in the
# abjad order ("أ ب ج د هـ و ز ح ط ي ...").
_LETTER_ORDERS = (
    "abcdefghijklmnopqrstuvwxyz",
    "абвгдежзиклмнопрстуфхцчшщэюя",
    "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ",
)
_LEADING_NUMBER_RE = re.compile(r"^\s*(\d+)")


def _sub_ordinal(number: str | None, fallback: int) -> str:
    """Where a sub-paragraph label stands in its series: (c) and (ج) are both third."""
    label = (number or "").rsplit("(", 1)[-1].strip("() ").replace("ـ", "")
    if label:
        for order in _LETTER_ORDERS:
            if label[0] in order and len(set(label)) == 1:
                return str(order.index(label[0]) + 1 + len(order) * (len(label) - 1))
        value = roman_value(label)
        if value:
            return f"r{value}"
    return f"#{fallback}"


def _slots(doc: Document, language: str | None) -> list[_Slot]:
    labeler = Labeler(doc.paragraphs)
    weights = [_weight(p.text, language) for p in doc.paragraphs]
    total = sum(weights) or 1.0
    ordinals: Counter[str | None] = Counter()
    slots = []
    for p, w in zip(doc.paragraphs, weights, strict=True):
        if p.kind == "subparagraph":
            ordinals[p.parent] += 1
            number: str | None = f"{p.parent}:{_sub_ordinal(p.number, ordinals[p.parent])}"
        else:
            lead = _LEADING_NUMBER_RE.match(p.number or "")
            number = lead.group(1) if lead else None
        slots.append(
            _Slot(
                para=p,
                label=labeler(p.id),
                kind=p.kind,
                number=number,
                part=(p.part, p.part_label),
                share=max(w, 1.0) / total,
                weight=w,
                tokens=_as_set(tokens(p.text, language)),
                notes=len(p.footnote_refs),
            )
        )
    return slots


def _as_set(counts: Counter[str]) -> frozenset[str]:
    """A multiset as a set: a second "21" is "21 #2", so a 12 made a 21 where a 21
    stands already still counts."""
    return frozenset(
        t if k == 1 else f"{t} #{k}" for t, n in counts.items() for k in range(1, n + 1)
    )


def _weight(text: str, language: str | None) -> float:
    """Length in a unit that translates roughly 1:1: a Han character says about 2.5 letters.

    Figures, symbols and Latin letters in a Chinese text count as in any other.
    """
    if language == "zh":
        han = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")
        return 2.5 * han + sum(1 for ch in text if not ch.isspace()) - han
    return float(sum(1 for ch in text if not ch.isspace()))


def _cost(a: _Slot, b: _Slot) -> float:
    """Position-bound structure (kind, part, number) plus what the text says."""
    cost = 0.0
    if a.kind != b.kind:
        cost += 2.0
    if a.part != b.part:
        cost += 2.0
    if a.number != b.number and (a.number or b.number):
        cost += 1.5 if a.kind == "subparagraph" else 2.0
    return cost + _content_cost(a, b)


def _align(ref: list[_Slot], ver: list[_Slot]) -> list[tuple[int | None, int | None]]:
    """Minimum-cost alignment (Needleman-Wunsch) of two paragraph sequences.

    Versions of one text stay close to the diagonal, so only a band around it is
    filled: the band is wide enough for every paragraph to be missing on one side.
    """
    n, m = len(ref), len(ver)
    band = abs(n - m) + 12
    inf = float("inf")
    dp = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    dp[0][0] = 0.0
    for i in range(n + 1):
        centre = i * m // n if n else 0
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            here = dp[i][j]
            if here == inf:
                continue
            if i < n and j < m:
                c = here + _cost(ref[i], ver[j])
                if c < dp[i + 1][j + 1]:
                    dp[i + 1][j + 1], back[i + 1][j + 1] = c, 0
            if i < n and here + GAP_COST < dp[i + 1][j]:
                dp[i + 1][j], back[i + 1][j] = here + GAP_COST, 1
            if j < m and here + GAP_COST < dp[i][j + 1]:
                dp[i][j + 1], back[i][j + 1] = here + GAP_COST, 2
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        if step == 0:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif step == 1:
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    pairs.reverse()
    return pairs


def _swaps(ref: list[_Slot], ver: list[_Slot], matched: list[tuple[int, int]]) -> set[int]:
    """Indexes k in `matched` where pairs k and k+d fit far better crossed: swapped text."""
    swapped: set[int] = set()
    for k, (i1, j1) in enumerate(matched):
        for d in (1, 2, 3):
            if k + d >= len(matched) or k in swapped or k + d in swapped:
                continue
            i2, j2 = matched[k + d]
            straight = _content_cost(ref[i1], ver[j1]) + _content_cost(ref[i2], ver[j2])
            crossed = _content_cost(ref[i1], ver[j2]) + _content_cost(ref[i2], ver[j1])
            if straight - crossed >= SWAP_GAIN:
                swapped.update((k, k + d))
    return swapped


def _content_cost(a: _Slot, b: _Slot) -> float:
    """What the text says, without the position: length share, tokens, footnote count."""
    cost = min(abs(math.log(b.share / a.share)), 3.0) * 0.8
    union = len(a.tokens | b.tokens)
    if union:
        cost += 2.0 * len(a.tokens ^ b.tokens) / union
    return cost + (0.5 if a.notes != b.notes else 0.0)


def _compare(
    ref_doc: Document,
    ref: list[_Slot],
    name: str,
    doc: Document,
    ver: list[_Slot],
    pairs: list[tuple[int | None, int | None]],
) -> list[Finding]:
    findings: list[Finding] = []
    matched = [(i, j) for i, j in pairs if i is not None and j is not None]
    crossed = _swaps(ref, ver, matched)
    for k, (i, j) in enumerate(matched):
        if k in crossed:
            continue
        a, b = ref[i], ver[j]
        if a.kind != b.kind:
            findings.append(
                Finding("kind", name, a.label, b.label, f"{a.kind} in the reference, {b.kind} here")
            )
        elif a.number != b.number and a.kind != "subparagraph":
            findings.append(
                Finding(
                    "number",
                    name,
                    a.label,
                    b.label,
                    "numbered differently",
                    (a.para.number or "",),
                    (b.para.number or "",),
                )
            )
        if a.notes != b.notes:
            findings.append(
                Finding(
                    "footnotes",
                    name,
                    a.label,
                    b.label,
                    f"cites {b.notes} footnotes where the reference cites {a.notes}",
                    (str(a.notes),),
                    (str(b.notes),),
                )
            )
        ratio = b.share / a.share
        if (
            min(a.weight, b.weight) >= LENGTH_MIN / LENGTH_RATIO
            and max(a.weight, b.weight) >= (LENGTH_MIN)
            and not 1 / LENGTH_RATIO <= ratio <= LENGTH_RATIO
        ):
            findings.append(
                Finding(
                    "length",
                    name,
                    a.label,
                    b.label,
                    f"{ratio:.1f} times as long as the reference, relative to the documents: "
                    "text lost or added?",
                )
            )
        lost = tuple(sorted(a.tokens - b.tokens))
        added = tuple(sorted(b.tokens - a.tokens))
        # A token said once more or once less and nothing else ("2024" repeated where
        # the English says it once) is how translations differ; a token that one
        # version lacks, or one occurrence replaced by another, is a finding.
        if (lost and added) or any(" #" not in t for t in lost + added):
            findings.append(
                Finding("tokens", name, a.label, b.label, "symbols or numbers differ", lost, added)
            )
    for k in sorted(crossed):
        i, j = matched[k]
        findings.append(
            Finding(
                "order",
                name,
                ref[i].label,
                ver[j].label,
                "this paragraph's text fits another position better: paragraphs swapped",
            )
        )
    for ri, vj in pairs:
        if vj is None and ri is not None:
            # The paragraph's tokens go with it: what a lone paragraph cites is what a
            # reader checks first, and a changed one is a change in the report.
            findings.append(
                Finding(
                    "missing",
                    name,
                    ref[ri].label,
                    None,
                    "no counterpart in this version",
                    tuple(sorted(ref[ri].tokens)),
                )
            )
        elif ri is None and vj is not None:
            findings.append(
                Finding(
                    "extra",
                    name,
                    None,
                    ver[vj].label,
                    "no counterpart in the reference",
                    (),
                    tuple(sorted(ver[vj].tokens)),
                )
            )
    findings.extend(_subparagraph_counts(ref, ver, name))
    if len(ref_doc.footnotes) != len(doc.footnotes):
        findings.append(
            Finding(
                "footnotes",
                name,
                None,
                None,
                f"{len(doc.footnotes)} footnotes where the reference has {len(ref_doc.footnotes)}",
                (str(len(ref_doc.footnotes)),),
                (str(len(doc.footnotes)),),
            )
        )
    if ref_doc.metadata.symbol and doc.metadata.symbol != ref_doc.metadata.symbol:
        findings.append(
            Finding(
                "symbol",
                name,
                None,
                None,
                "a different document symbol",
                (ref_doc.metadata.symbol,),
                (doc.metadata.symbol or "",),
            )
        )
    return findings


def _subparagraph_counts(ref: list[_Slot], ver: list[_Slot], name: str) -> list[Finding]:
    """Parents whose number of sub-paragraphs differs, keyed by the parent's number."""

    def count(slots: list[_Slot]) -> Counter[tuple[tuple[str, str | None], str]]:
        return Counter((s.part, s.para.parent or "") for s in slots if s.kind == "subparagraph")

    ref_counts, ver_counts = count(ref), count(ver)
    labels = {(s.part, s.para.parent or ""): s.label for s in ref if s.kind == "subparagraph"}
    out = []
    for key in sorted(set(ref_counts) | set(ver_counts), key=str):
        if ref_counts[key] != ver_counts[key]:
            label = labels.get(key, key[1]).split("(")[0]
            out.append(
                Finding(
                    "subparagraphs",
                    name,
                    label,
                    label,
                    f"{ver_counts[key]} sub-paragraphs where the reference has {ref_counts[key]}",
                    (str(ref_counts[key]),),
                    (str(ver_counts[key]),),
                )
            )
    return out


def concordance(docs: list[tuple[str, Document]]) -> Concordance:
    """Compare language versions of one resolution against a reference version.

    The reference is the English version where there is one (the UN's drafting
    language and the one most users read), else the first given.
    """
    if len(docs) < 2:
        raise ValueError("concordance needs at least two versions")
    langs = [language_of(d) for _, d in docs]
    ref_index = langs.index("en") if "en" in langs else 0
    ref_doc = docs[ref_index][1]
    ref_slots = _slots(ref_doc, langs[ref_index])
    versions = []
    per_version: list[list[Finding]] = []
    alignments = []
    for k, (name, doc) in enumerate(docs):
        versions.append(
            Version(name, langs[k], doc.metadata.symbol, len(doc.paragraphs), len(doc.footnotes))
        )
        if k == ref_index:
            continue
        slots = _slots(doc, langs[k])
        pairs = _align(ref_slots, slots)
        per_version.append(_compare(ref_doc, ref_slots, name, doc, slots, pairs))
        alignments.append(
            (
                name,
                tuple(
                    (
                        None if i is None else ref_slots[i].label,
                        None if j is None else slots[j].label,
                    )
                    for i, j in pairs
                ),
            )
        )
    findings = _mark_reference_suspects(per_version)
    return Concordance(versions[ref_index], tuple(versions), tuple(findings), tuple(alignments))


def _mark_reference_suspects(per_version: list[list[Finding]]) -> list[Finding]:
    """A finding every other version shares (two at least) points at the reference."""
    if len(per_version) < 2:
        return [f for fs in per_version for f in fs]

    def key(f: Finding) -> tuple[object, ...]:
        return (f.kind, f.reference_label, f.expected, f.found if f.kind != "extra" else ())

    shared = set.intersection(*({key(f) for f in fs} for fs in per_version))
    out = []
    for fs in per_version:
        for f in fs:
            if key(f) in shared:
                f = Finding(**{**f.__dict__, "reference_suspect": True})
            out.append(f)
    return out
