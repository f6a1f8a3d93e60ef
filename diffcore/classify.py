"""Change classes: the rollover (`technical`), form (`editorial`), or substance.

A recurring resolution changes every year in the same mechanical ways: session ordinals,
years and dates, the symbol of last year's resolution and of the new reports, agenda
item numbers. A delegate needs those told apart from the few changes of substance, so
every word-diff hunk (the "-"/"+" run between two "=" segments) gets a class:

- `editorial` when the two sides have the same letters and digits (punctuation, case,
  quotation marks, spacing, hyphenation, spelling variants), or only a cross-reference
  number changed ("paragraph 15 above", a renumbering);
- `technical` when every word that differs is a rollover token: a document symbol or
  resolution number ("78/7", "A/80/123"), a year, a month or a day beside one, an
  ordinal ("eighty-first"), a number after a reference word ("item 68"), or a word that
  comes and goes with a reference ("resolution" -> "resolutions ... and");
- `substantive` otherwise (a bare figure, "97 States" -> "99 States", is substance).

A change's class is its most significant hunk's (substantive > editorial > technical).
The words come from the language's `ChangeWords` (`diffcore/lang/`); a language
without them is classed by punctuation, symbols and figures only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from .comparison import CHANGE_CLASSES, ChangeClass, Comparison, Segment
from .lang import get as get_language
from .lang.spec import ChangeWords, Language
from .model import Paragraph
from .strength import mandate_changes, verb_changes
from .worddiff import rebuild, word_diff

__all__ = ["class_counts", "classified", "hidden", "hunk_class", "most_significant"]

_TOKEN = re.compile(r"\w(?:[\w/.()\-\u2010\u2011\u2013\u2019']*\w)?|[^\w\s]")
_YEAR = re.compile(r"^(?:1[89]|2[01])\d\d(?:[-\u2013](?:1[89]|2[01])?\d\d)?$")
_DAY = re.compile(r"^\d{1,2}(?:[-\u2013]\d{1,2})?$")
_NUMBER = re.compile(r"^\d[\d,.]*(?:[-\u2013]\d+)?$")
_NUMERIC_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
# What follows a resolution number: "217 A (III)", "33/141 A", "2730 (2024)".
_SUFFIX = re.compile(r"^(?:[a-z]|[ivxlcdm]+)$")
_EMPTY = ChangeWords()
# How far back a number looks for the word that makes it a reference ("items 68 and 70",
# "resolutions 1754 (2007) on 30 April 2007, 1783").
_REACH = 40
# What may stand between a reference word and its number in a list of references.
_LIST_WORDS = frozenset({",", ".", ";", "and", "(", ")", "of", "on"})
# Characters of the unchanged text before a hunk that are read for its context.
_CONTEXT = 400
# Deleted/inserted runs longer than this are not searched for rolled-over pairs.
_RUN = 12


def most_significant(classes: Iterable[ChangeClass]) -> ChangeClass | None:
    found = set(classes)
    return next((c for c in CHANGE_CLASSES if c in found), None)


_Prepared = tuple[ChangeWords, dict[str, int], "re.Pattern[str] | None"]
_PREPARED: dict[str, _Prepared] = {}


def _words(lang: Language) -> _Prepared:
    """The language's words, ordinals as a dict and its spelling-variant pattern.

    Kept by language code: hashing a whole `Language` would cost more than the work.
    """
    found = _PREPARED.get(lang.code)
    if found is None:
        words = lang.change_words or _EMPTY
        variants = sorted(dict(words.spelling_variants), key=len, reverse=True)
        pattern = (
            re.compile(r"\b(" + "|".join(map(re.escape, variants)) + r")\b") if variants else None
        )
        found = _PREPARED[lang.code] = (words, dict(words.ordinals), pattern)
    return found


def _letters(text: str, lang: Language) -> str:
    """The letters and digits of a text, case and spelling variants folded."""
    words, _ordinals, variants = _words(lang)
    folded = text.casefold()
    if variants is not None:
        usual = dict(words.spelling_variants)
        folded = variants.sub(lambda m: usual[m.group(1)], folded)
    return "".join(ch for ch in folded if ch.isalnum())


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_word(token: str) -> bool:
    return token[0].isalnum() or token[0] == "_"


def _anchored(
    norms: Sequence[str], i: int, anchors: frozenset[str], months: frozenset[str]
) -> bool:
    """Whether a number at `i` follows one of `anchors`, across a list of numbers."""
    for k in range(i - 1, max(-1, i - 1 - _REACH), -1):
        word = norms[k]
        if word in anchors:
            return True
        if not (
            word in _LIST_WORDS or word in months or _NUMBER.match(word) or _SUFFIX.match(word)
        ):
            return False
    return False


def _dated(norms: Sequence[str], i: int, months: frozenset[str]) -> bool:
    """Whether a day number stands in a date: "4 December", "14 and 15 September"."""
    if i and norms[i - 1] in months:
        return True
    for k in range(i + 1, min(len(norms), i + 5)):
        if norms[k] in months:
            return True
        if not (norms[k] in (",", "and", "to", "-", "\u2013") or _DAY.match(norms[k])):
            return False
    return False


def _span(n: str, months: frozenset[str], norms: Sequence[str], i: int) -> bool:
    """A span of dates or years in one token: "2012\u201331" (2012 to 31 July), "2024-2025"."""
    parts = re.split(r"[-\u2013]", n)
    if len(parts) < 2 or not any(_YEAR.match(p) for p in parts):
        return False
    return all(_YEAR.match(p) or (_DAY.match(p) and _dated(norms, i, months)) for p in parts)


def _suffix_of_reference(norms: Sequence[str], i: int, words: ChangeWords) -> bool:
    """A letter or roman numeral right after a reference number: "217 A (III)"."""
    k = _word_near(norms, i - 1, -1)
    if k is None or not (_NUMBER.match(norms[k]) or _SUFFIX.match(norms[k]) or "/" in norms[k]):
        return False
    if "/" in norms[k] and any(ch.isdigit() for ch in norms[k]):
        return True
    return _anchored(norms, k, words.reference_words, words.months)


def _token_kind(norms: Sequence[str], i: int, lang: Language) -> str:
    """ "technical", "editorial", "glue" or "substantive", for the word at `i`."""
    words, ordinals, _variants = _words(lang)
    n = norms[i]
    if "/" in n and any(ch.isdigit() for ch in n):
        return "technical"
    if _YEAR.match(n) or n in words.months or n in ordinals or _NUMERIC_ORDINAL.match(n):
        return "technical"
    if _SUFFIX.match(n) and _suffix_of_reference(norms, i, words):
        return "technical"
    if _NUMBER.match(n):
        after = norms[i + 1 : i + 4]
        if len(after) == 3 and after[0] == "(" and after[2] == ")" and _YEAR.match(after[1]):
            return "technical"  # "2730 (2024)": a Security Council resolution
        if _DAY.match(n) and _dated(norms, i, words.months):
            return "technical"
        if _span(n, words.months, norms, i):
            return "technical"
        if _anchored(norms, i, words.reference_words, words.months):
            return "technical"
        if _anchored(norms, i, words.renumber_words, words.months):
            return "editorial"
        return "substantive"
    if n in words.reference_glue:
        return "glue"
    return "substantive"


def _side(before: str, text: str, after: str) -> tuple[list[str], list[str], range]:
    """Tokens of one side of a hunk with a little context; `range` marks the hunk's own."""
    if len(before) > _CONTEXT:
        before = before[-_CONTEXT:].split(" ", 1)[-1]  # whole tokens only
    head = _tokens(before)[-_REACH:]
    after = after[:80]
    own = _tokens(text)
    raw = head + own + _tokens(after)[:3]
    return raw, [t.casefold() for t in raw], range(len(head), len(head) + len(own))


def hunk_class(
    old: str, new: str, lang: Language, before: str = "", after: str = ""
) -> ChangeClass:
    """The class of one hunk: `old` replaced by `new`, between `before` and `after`."""
    # Same letters and digits is editorial; punctuation alone never doubles a text.
    near = abs(len(old) - len(new)) <= max(len(old), len(new)) // 2 + 8
    if near and _letters(old, lang) == _letters(new, lang):
        return "editorial"
    o_raw, o_norm, o_own = _side(before, old, after)
    n_raw, n_norm, n_own = _side(before, new, after)
    o_words = Counter(o_norm[i] for i in o_own if _is_word(o_norm[i]))
    n_words = Counter(n_norm[i] for i in n_own if _is_word(n_norm[i]))
    gone, came = o_words - n_words, n_words - o_words
    o_marks = Counter(o_norm[i] for i in o_own if not _is_word(o_norm[i]))
    n_marks = Counter(n_norm[i] for i in n_own if not _is_word(n_norm[i]))
    kinds: set[str] = set()
    rest: list[Counter[str]] = []
    loose = False  # punctuation changed away from any rollover token: editorial
    sides = (
        (o_raw, o_norm, o_own, gone, o_marks - n_marks),
        (n_raw, n_norm, n_own, came, n_marks - o_marks),
    )
    for raw, norms, own, differing, marks in sides:
        left = Counter(differing)
        kept: Counter[str] = Counter()
        kind: dict[int, str] = {}
        for i in own:
            if left[norms[i]] > 0:
                left[norms[i]] -= 1
                kind[i] = _token_kind(norms, i, lang)
                if kind[i] == "substantive":
                    return "substantive"  # a word of substance: nothing more to learn
                kinds.add(kind[i])
            elif _is_word(raw[i]):
                kept[raw[i]] += 1
        for i in own:
            if marks[norms[i]] > 0 and not _is_word(norms[i]):
                marks[norms[i]] -= 1
                loose = loose or not _with_rollover(norms, i, kind, lang)
        rest.append(kept)
    if kinds == {"glue"} and _beside_reference(o_norm, o_own, lang):
        kinds = {"technical"}  # "... 2022[- and-]{+,+} 52/38": a list of references grew
    if not kinds or "substantive" in kinds or kinds == {"glue"}:
        return "substantive"  # reordered words, or words of substance
    if "editorial" in kinds or rest[0] != rest[1] or loose:
        return "editorial"  # a renumbering, or case or punctuation beside the rollover
    return "technical"


def _word_near(norms: Sequence[str], k: int, step: int) -> int | None:
    while 0 <= k < len(norms):
        if _is_word(norms[k]):
            return k
        k += step
    return None


def _beside_reference(norms: Sequence[str], own: range, lang: Language) -> bool:
    """Whether the nearest words on both sides of a hunk are rollover tokens."""
    for k in (_word_near(norms, own.start - 1, -1), _word_near(norms, own.stop, 1)):
        if k is None or _token_kind(norms, k, lang) != "technical":
            return False
    return True


def _with_rollover(norms: Sequence[str], i: int, kind: dict[int, str], lang: Language) -> bool:
    """Whether a changed punctuation mark goes with the rollover: brackets, a mark against
    a changed rollover token ("2022," dropped with its date), or a list separator."""
    if norms[i] in ("(", ")"):
        return True
    near = [_word_near(norms, i - 1, -1), _word_near(norms, i + 1, 1)]
    if any(k is not None and kind.get(k) in ("technical", "glue") for k in near):
        return True
    return all(k is not None and _token_kind(norms, k, lang) in ("technical", "glue") for k in near)


def skeleton(text: str, lang: Language) -> tuple[str, ...]:
    """The text with each run of rollover tokens (and the words and punctuation between
    them) as one "#": two texts with the same skeleton differ only by the rollover.

    A word diff may pair list items across a shifted rollover ("2011, Supplement No. 11
    (E/2011/31); ibid., 2012, ..."), so hunks alone can miss a pure rollover.
    """
    words, _ordinals, _variants = _words(lang)
    raw = _tokens(text)
    norms = [t.casefold() for t in raw]
    marks = [
        "#" if _is_word(t) and _token_kind(norms, i, lang) == "technical" else norms[i]
        for i, t in enumerate(raw)
    ]
    out: list[str] = []
    pending: list[str] = []
    for mark in [*marks, ""]:
        if mark and (mark == "#" or mark in words.reference_glue or mark in _LIST_WORDS):
            pending.append(mark)
            continue
        if "#" in pending:
            # Words before and between rollover tokens go with them; those after stay.
            last = len(pending) - pending[::-1].index("#")
            pending = ["#", *pending[last:]]
        out += pending
        pending = []
        out.append(mark)
    return tuple(out[:-1])


def diff_classes(diff: Sequence[Segment], lang: Language) -> tuple[ChangeClass, ...]:
    """One class per hunk of a word diff, in order."""
    out: list[ChangeClass] = []
    k = 0
    while k < len(diff):
        if diff[k][0] == "=":
            k += 1
            continue
        before = diff[k - 1][1] if k and diff[k - 1][0] == "=" else ""
        old = new = ""
        while k < len(diff) and diff[k][0] != "=":
            if diff[k][0] == "-":
                old += diff[k][1]
            else:
                new += diff[k][1]
            k += 1
        after = diff[k][1] if k < len(diff) else ""
        out.append(hunk_class(old, new, lang, before, after))
    return tuple(out)


def _change_class(
    op: str, changed: bool, hunks: Sequence[ChangeClass], notes: Sequence[ChangeClass]
) -> ChangeClass | None:
    if not changed:
        return None
    if op == "moved":
        return "substantive"  # where a paragraph stands is part of what it says
    found = most_significant([*hunks, *notes])
    # Renumbering, a split or merge without a word changed: the form, not the text.
    return found or "editorial"


def _cited(paras: dict[str, Paragraph], ids: Sequence[str], notes: dict[str, str]) -> str:
    return " ".join(notes.get(m, "") for i in ids for m in paras[i].footnote_refs)


def _could_roll(old: str, new: str, lang: Language) -> bool:
    """A quick test before `skeleton`: every word in one text and not the other could be
    a rollover token (it has a digit, or is a month, ordinal or reference word)."""
    words, ordinals, _variants = _words(lang)
    a = Counter(t.casefold() for t in _tokens(old) if _is_word(t))
    b = Counter(t.casefold() for t in _tokens(new) if _is_word(t))
    for w in (a - b) + (b - a):
        if not (
            any(ch.isdigit() for ch in w)
            or w in words.months
            or w in ordinals
            or w in words.reference_glue
            or w in words.reference_words
            or w in _LIST_WORDS
            or _SUFFIX.match(w)
        ):
            return False
    return True


def _rolled(
    old: str, new: str, hunks: tuple[ChangeClass, ...], lang: Language
) -> tuple[ChangeClass, ...]:
    """Hunks of substance that are a rollover the word diff paired across list items."""
    if "substantive" not in hunks or not _could_roll(old, new, lang):
        return hunks
    if skeleton(old, lang) != skeleton(new, lang):
        return hunks
    return tuple("technical" if h == "substantive" else h for h in hunks)


def _rollover_pairs(
    texts: Sequence[tuple[str, str, str]], lang: Language
) -> dict[int, ChangeClass]:
    """Deleted and inserted neighbours that are one text rolled over, and their class.

    When every reference of a short paragraph changes, the aligner sees two unrelated
    texts; their word diff still shows the rollover. `texts` holds (op, old, new).
    """
    out: dict[int, ChangeClass] = {}
    run: list[int] = []
    for k, (op, _old, _new) in enumerate([*texts, ("equal", "", "")]):
        if op in ("deleted", "inserted") and len(run) < _RUN:
            run.append(k)
            continue
        gone = [i for i in run if texts[i][0] == "deleted"]
        came = [j for j in run if texts[j][0] == "inserted"]
        for i in gone:
            for j in came:
                a, b = texts[i][1], texts[j][2]
                if j in out or not 0.7 <= len(a) / max(1, len(b)) <= 1.4:
                    continue
                if skeleton(a, lang) == skeleton(b, lang):
                    out[i] = out[j] = "technical"
                    break
        run = [k] if op in ("deleted", "inserted") else []
    return out


def classified(cmp: Comparison) -> Comparison:
    """The comparison with every change, hunk, verb and mandate change classed.

    Idempotent: a comparison already classified is returned as it is.
    """
    if cmp.classified:
        return cmp
    lang = get_language(cmp.new.metadata.language or cmp.old.metadata.language)
    notes = []
    for f in cmp.footnotes:
        hunks = diff_classes(f.diff, lang) if f.op != "equal" else ()
        cls = _change_class(f.op, f.op != "equal" or f.renumbered, hunks, ())
        notes.append(replace(f, cls=cls, hunk_classes=hunks))
    texts = [(f.op, rebuild(f.diff, "old"), rebuild(f.diff, "new")) for f in notes]
    paired = _rollover_pairs(texts, lang)
    notes = [
        replace(f, cls=paired[k], hunk_classes=(paired[k],)) if k in paired else f
        for k, f in enumerate(notes)
    ]
    old_notes = {f.marker: f.text for f in cmp.old.footnotes}
    new_notes = {f.marker: f.text for f in cmp.new.footnotes}
    # By id once, not a scan of the document for every change whose notes changed.
    old_paras = {p.id: p for p in cmp.old.paragraphs}
    new_paras = {p.id: p for p in cmp.new.paragraphs}
    changes = []
    for c in cmp.changes:
        hunks = diff_classes(c.diff, lang) if c.op != "equal" else ()
        cited: tuple[ChangeClass, ...] = ()
        if c.footnotes_changed:
            was, now = _cited(old_paras, c.old, old_notes), _cited(new_paras, c.new, new_notes)
            if was != now:
                cited = _rolled(was, now, diff_classes(word_diff(was, now, lang=lang), lang), lang)
        if "substantive" in hunks and c.old and c.new:
            hunks = _rolled(rebuild(c.diff, "old"), rebuild(c.diff, "new"), hunks, lang)
        cls = _change_class(c.op, c.is_change, hunks, cited)
        changes.append(replace(c, cls=cls, hunk_classes=hunks) if cls or hunks else c)
    paired = _rollover_pairs(
        [(c.op, rebuild(c.diff, "old"), rebuild(c.diff, "new")) for c in changes], lang
    )
    changes = [
        replace(c, cls=paired[k], hunk_classes=(paired[k],)) if k in paired else c
        for k, c in enumerate(changes)
    ]
    done = replace(cmp, changes=tuple(changes), footnotes=tuple(notes), classified=True)
    return replace(
        done,
        verb_changes=verb_changes(done, lang),
        mandate_changes=mandate_changes(done, lang),
    )


def class_counts(cmp: Comparison) -> dict[str, int]:
    """Changed paragraphs per class, most significant first."""
    counts: dict[str, int] = {c: 0 for c in CHANGE_CLASSES}
    for c in cmp.changes:
        if c.cls is not None:
            counts[c.cls] += 1
    return counts


def hidden(cmp: Comparison, classes: Iterable[ChangeClass]) -> Comparison:
    """The comparison, classified, with changes of these classes left out by renderers."""
    keep = tuple(c for c in CHANGE_CLASSES if c in set(classes))
    return replace(classified(cmp), hidden=keep)
