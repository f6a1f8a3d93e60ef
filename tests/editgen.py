"""Controlled edits over real documents, with known ground truth.

`edit_document(doc, rng, donors=...)` applies a few edits of the kinds a real drafting
round makes and returns the edited document together with a `Truth`: for every
paragraph of the edited document, the paragraph(s) of the original it comes from and
the `Change.op` a perfect aligner would report; for every paragraph of the original,
which edit (if any) touched it.

Edit kinds (`EDIT_KINDS`):

* ``move``: an operative paragraph of at least 40 characters (no sub-paragraphs, not a
  chapeau) goes to another place in its numbered run, past at least two paragraphs with
  unique text, so that "which paragraph moved" has one answer;
* ``split``: an operative or preambular paragraph is cut in two at a sentence boundary
  (or, where it has none, between two operative clauses: "..., and requests ..." ->
  "... ." + "Requests ...");
* ``merge``: two adjacent operative (or preambular) paragraphs become one;
* ``insert``: a new operative paragraph, its text taken from an unrelated document;
* ``delete``: an operative (without sub-paragraphs) or preambular paragraph goes;
* ``footnotes``: the first footnote is dropped and the markers after it shift down by
  one (the paragraphs that cited it change; the others keep their notes);
* ``pp_to_op``: a preambular paragraph ("Recalling ...,") becomes the first operative
  paragraph ("Recalls ....") -- in place when it was the last preambular paragraph,
  otherwise moved to the head of the operative part;
* ``words``: a few words of one to three paragraphs inserted, deleted or replaced.

Outside `EDIT_KINDS` (so the mixed and single sets above stay as they are), asked for by
name with ``kinds=[MOVE_EDITED]``:

* ``move_edited``: a ``move`` past two to four paragraphs that get word edits: all of
  them, or (half the time, when it passes three or more) all but one.  Only the moved
  paragraph is "moved"; the ones it passed are "modified" (or "equal") in place.
  Anchoring on exact text alone keeps the moved paragraph in order and reports every
  edited paragraph it passed as moved instead (or, with one left identical, a tie that
  text length decides).

Operative paragraphs are renumbered the way a real draft is: every numbered run (1, 2,
3, ... within one part/section) is numbered again from its original start after the
edits, sub-paragraph numbers and parents follow their paragraph, and ids are rebuilt
from the new numbers the way the reader builds them ("op4", "annex-op4-a", "pp3"), so
an id names a different paragraph in the two versions exactly as in real pairs.  Ids
stay unique ("~2" appended on a clash, as the reader does).

Edits are kept apart: a paragraph next to an edited one is not edited again, so each
truth entry has a single, unambiguous explanation.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from diffcore import lang
from diffcore.comparison import Comparison
from diffcore.model import Document, Footnote, Paragraph

EDIT_KINDS: tuple[str, ...] = (
    "move",
    "split",
    "merge",
    "insert",
    "delete",
    "footnotes",
    "pp_to_op",
    "words",
)

MOVE_EDITED = "move_edited"
MOVE_EDITED_PASSED = (2, 4)  # how many paragraphs the move passes, all of them edited

MOVE_MIN_CHARS = 40
SPLIT_MIN_CHARS = 30
WORDS_MIN = 8

# Preambular participle -> operative verb.
PARTICIPLES: dict[str, str] = {
    "Acknowledging": "Acknowledges",
    "Affirming": "Affirms",
    "Bearing": "Bears",
    "Commending": "Commends",
    "Condemning": "Condemns",
    "Considering": "Considers",
    "Deploring": "Deplores",
    "Emphasizing": "Emphasizes",
    "Encouraging": "Encourages",
    "Expressing": "Expresses",
    "Highlighting": "Highlights",
    "Noting": "Notes",
    "Reaffirming": "Reaffirms",
    "Recalling": "Recalls",
    "Recognizing": "Recognizes",
    "Reiterating": "Reiterates",
    "Stressing": "Stresses",
    "Taking": "Takes",
    "Underlining": "Underlines",
    "Underscoring": "Underscores",
    "Urging": "Urges",
    "Welcoming": "Welcomes",
}

# Words a drafter adds or swaps in.
VOCABULARY: tuple[str, ...] = (
    "further",
    "also",
    "relevant",
    "effective",
    "international",
    "national",
    "urgently",
    "strongly",
    "continued",
    "full",
    "regional",
    "appropriate",
    "sustainable",
    "inclusive",
    "timely",
    "comprehensive",
    "voluntary",
    "concrete",
    "respective",
    "meaningful",
)

_ABBREVIATIONS = frozenset({"no", "nos", "vol", "para", "paras", "art", "arts", "mr", "ms", "dr"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_VERBS = (
    "acknowledges|affirms|appeals|approves|calls|commends|condemns|decides|deplores|"
    "emphasizes|encourages|endorses|expresses|highlights|invites|notes|reaffirms|"
    "recognizes|recommends|reiterates|requests|stresses|supports|takes|underlines|"
    "underscores|urges|welcomes"
)
_CLAUSE = re.compile(rf"(?:, and|; and|;) (?=(?:(?:also|further|again) )?(?:{_VERBS})\b)")
_OP_ID = re.compile(r"^(?P<pre>.*?)op(?P<n>\d+)(?P<rest>(?:-[^~]*)?)(?:~\d+)?$")
_PP_ID = re.compile(r"^(?P<pre>.*?)pp\d+(?P<rest>(?:-[^~]*)?)(?:~\d+)?$")


@dataclass(frozen=True)
class Style:
    """How a language writes what the edits touch: words, sentences, paragraph ends.

    English keeps the rules above unchanged.  For the other languages a word inserted
    or swapped in is one of the document's own words (so the text stays in its
    language), Chinese "words" are pairs of ideographs, and a preambular paragraph
    becomes operative only where the language's form allows it without a table of
    verb forms: Chinese verbs do not inflect (回顾...， -> 回顾...。) and an Arabic
    preambular paragraph is its operative form after "وإذ" (وإذ تشير -> تشير).
    """

    code: str
    sentence_end: re.Pattern[str]
    clause: re.Pattern[str] | None
    joiner: str  # between words: " ", or "" in Chinese
    full_stop: str
    pp_ends: str  # characters a preambular paragraph ends with
    to_operative: Callable[[str], str | None]  # preambular text -> operative, or None


def _english_operative(text: str) -> str | None:
    word, rest = text.split(" ", 1) if " " in text else (text, "")
    verb = PARTICIPLES.get(word)
    return None if verb is None else (verb + " " + rest).rstrip()[:-1] + "."


def _chinese_operative(text: str) -> str | None:
    return text[:-1] + "。" if text[:2] in _ZH_OPENERS else None


def _arabic_operative(text: str) -> str | None:
    for particle in ("وإذ ", "إذ "):
        if text.startswith(particle):
            return text[len(particle) :].rstrip()[:-1] + "."
    return None


_ZH_OPENERS = lang.get("zh").pp_openers
_LATIN_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ])")
_RU_END = re.compile(r"(?<=[.!?])\s+(?=[А-ЯЁA-Z])")
_AR_END = re.compile(r"(?<=[.!?])\s+(?=\w)")
_ZH_END = re.compile(r"(?<=[。！？])(?=\w)")
STYLES: dict[str, Style] = {
    "en": Style("en", _SENTENCE_END, _CLAUSE, " ", ".", ",;", _english_operative),
    "fr": Style("fr", _LATIN_END, None, " ", ".", ",;", lambda _: None),
    "es": Style("es", _LATIN_END, None, " ", ".", ",;", lambda _: None),
    "ru": Style("ru", _RU_END, None, " ", ".", ",;", lambda _: None),
    "ar": Style("ar", _AR_END, None, " ", ".", "،؛,;", _arabic_operative),
    "zh": Style("zh", _ZH_END, None, "", "。", "，；", _chinese_operative),
}


def style_of(doc: Document) -> Style:
    """The edit style of a document's language (told from its text when not recorded)."""
    code = doc.metadata.language or lang.detect(" ".join(p.text for p in doc.paragraphs[:20])).code
    return STYLES.get(lang.get(code).code, STYLES["en"])


def _units(text: str, style: Style) -> list[str]:
    """The words an edit works on: space-separated, or pairs of characters in Chinese."""
    if style.joiner:
        return text.split(style.joiner)
    return [text[k : k + 2] for k in range(0, len(text), 2)]


@dataclass(frozen=True)
class Link:
    """Where one paragraph of the edited document comes from."""

    old: tuple[str, ...]  # ids in the original, in order; () for an inserted paragraph
    op: str  # the Change.op a perfect aligner reports
    edit: str | None  # the edit kind that produced it; None when untouched


@dataclass(frozen=True)
class Truth:
    links: dict[str, Link]  # new id -> link, for every paragraph of the edited document
    old_edit: dict[str, str | None]  # old id -> edit that touched it (None: untouched)
    deleted: frozenset[str]  # old ids with no counterpart
    edits: tuple[str, ...]  # edit kinds applied, in order
    footnote_map: dict[str, str | None] = field(default_factory=dict)  # old -> new marker

    def pairs(self) -> set[tuple[str, str]]:
        """Every true (old id, new id) link."""
        return {(o, n) for n, link in self.links.items() for o in link.old}

    def pair_edit(self, old_id: str | None, new_id: str | None) -> str:
        """The edit a (possibly wrong) predicted pair is to be charged to."""
        kind = self.links[new_id].edit if new_id is not None else None
        if kind is None and old_id is not None:
            kind = self.old_edit.get(old_id)
        return kind or "none"


@dataclass
class _Item:
    para: Paragraph
    origin: tuple[str, ...]
    op: str = "equal"
    edit: str | None = None
    run: int | None = None  # numbered run of an operative paragraph
    locked: bool = False
    new_id_hint: str | None = None  # prefix source for paragraphs without an old id


class _Editor:
    def __init__(self, doc: Document, rng: random.Random, donors: Sequence[Document]) -> None:
        self.doc = doc
        self.rng = rng
        self.donors = donors
        self.items: list[_Item] = []
        self.run_start: dict[int, int] = {}
        self.run_prefix: dict[int, str] = {}
        self.old_edit: dict[str, str | None] = {p.id: None for p in doc.paragraphs}
        self.deleted: set[str] = set()
        self.drop_first_footnote = False
        self.style = style_of(doc)
        self._vocabulary: list[str] | None = None
        self._key_count = Counter(_key(p.text) for p in doc.paragraphs)
        prev: tuple[tuple[str, str | None], int, int] | None = None  # section, number, run
        for p in doc.paragraphs:
            item = _Item(p, (p.id,))
            if _numbered_op(p):
                n = int(p.number or "0")
                section = (p.part, p.part_label)
                if prev is not None and prev[0] == section and prev[1] + 1 == n:
                    run = prev[2]
                else:
                    run = len(self.run_start)
                    self.run_start[run] = n
                    m = _OP_ID.match(p.id)
                    self.run_prefix[run] = m.group("pre") if m else ""
                item.run = run
                prev = (section, n, run)
            self.items.append(item)

    # ---------------------------------------------------------------- helpers

    @property
    def vocabulary(self) -> Sequence[str]:
        """Words a drafter adds or swaps in: English ones, or the document's own."""
        if self.style.code == "en":
            return VOCABULARY
        if self._vocabulary is None:
            own = {w for p in self.doc.paragraphs for w in _units(p.text, self.style)}
            self._vocabulary = sorted(w for w in own if len(w) > 1 and w[:1].isalpha())
        return self._vocabulary

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.items) and not self.items[i].locked

    def lock_around(self, *idxs: int) -> None:
        for i in idxs:
            for k in (i - 1, i, i + 1):
                if 0 <= k < len(self.items):
                    self.items[k].locked = True

    def has_children(self, i: int) -> bool:
        nxt = self.items[i + 1].para if i + 1 < len(self.items) else None
        return nxt is not None and nxt.kind == "subparagraph"

    def touch(self, item: _Item, edit: str, op: str) -> None:
        item.edit, item.op = edit, op
        for o in item.origin:
            self.old_edit[o] = edit

    def unique(self, item: _Item) -> bool:
        return item.edit is None and self._key_count[_key(item.para.text)] == 1

    def slots_in_run(self, run: int) -> list[int]:
        """Positions where an operative paragraph of `run` may be placed (insert before)."""
        idxs = [i for i, it in enumerate(self.items) if it.run == run]
        if not idxs:
            return []
        slots = list(idxs)
        end = idxs[-1] + 1
        while end < len(self.items) and self.items[end].para.kind == "subparagraph":
            end += 1
        slots.append(end)
        return slots

    # ---------------------------------------------------------------- edits

    def move(self) -> bool:
        cands = self.movable()
        for i in cands:
            item = self.items[i]
            assert item.run is not None
            rest = self.items[:i] + self.items[i + 1 :]
            saved, self.items = self.items, rest
            slots = self.slots_in_run(item.run)
            self.items = saved
            options = []
            for s in slots:
                lo, hi = (s, i) if s < i else (i, s)
                passed = rest[lo:hi]
                if len(passed) < 2 or sum(self.unique(p) for p in passed) < 2:
                    continue
                if any(p.locked for p in passed):
                    continue
                if (s > 0 and rest[s - 1].locked) or (s < len(rest) and rest[s].locked):
                    continue
                options.append(s)
            if not options:
                continue
            s = self.rng.choice(options)
            for k in (i - 1, i):  # the neighbours of the hole it leaves
                if 0 <= k < len(rest):
                    rest[k].locked = True
            rest.insert(s, item)
            self.items = rest
            self.touch(item, "move", "moved")
            self.lock_around(s)
            return True
        return False

    def movable(self) -> list[int]:
        """Paragraphs a move may take, shuffled: whole, unique, long, without children."""
        cands = [
            i
            for i, it in enumerate(self.items)
            if self.free(i)
            and it.run is not None
            and self.unique(it)  # a repeated text could have come from either place
            and len(it.para.text) >= MOVE_MIN_CHARS
            and not it.para.text.rstrip().endswith(":")
            and not self.has_children(i)
        ]
        self.rng.shuffle(cands)
        return cands

    def move_edited(self) -> bool:
        """A move whose passed paragraphs (all, or all but one) have words edited."""
        lo_n, hi_n = MOVE_EDITED_PASSED
        cands = self.movable()
        for i in cands:
            item = self.items[i]
            assert item.run is not None
            rest = self.items[:i] + self.items[i + 1 :]
            saved, self.items = self.items, rest
            slots = self.slots_in_run(item.run)
            self.items = saved
            options = []
            for s in slots:
                lo, hi = (s, i) if s < i else (i, s)
                passed = rest[lo:hi]
                if not lo_n <= len(passed) <= hi_n or any(p.locked for p in passed):
                    continue
                if not all(
                    self.unique(p)
                    and p.para.kind != "heading"
                    and len(p.para.text.split()) >= WORDS_MIN
                    for p in passed
                ):
                    continue
                if (s > 0 and rest[s - 1].locked) or (s < len(rest) and rest[s].locked):
                    continue
                options.append((s, lo, hi))
            if not options:
                continue
            s, lo, hi = self.rng.choice(options)
            passed = rest[lo:hi]
            same = None  # a passed paragraph left as it is
            if len(passed) >= 3 and self.rng.random() < 0.5:
                same = self.rng.randrange(len(passed))
            edited = [(p, edit_words(p.para, self.rng)) for k, p in enumerate(passed) if k != same]
            if any(para.text == p.para.text for p, para in edited):
                continue
            for p, para in edited:
                p.para = para
                self.touch(p, MOVE_EDITED, "modified")
            for k in (i - 1, i):  # the neighbours of the hole it leaves
                if 0 <= k < len(rest):
                    rest[k].locked = True
            rest.insert(s, item)
            self.items = rest
            self.touch(item, MOVE_EDITED, "moved")
            passed_ids = {id(p) for p in passed}
            self.lock_around(s, *(k for k, it in enumerate(rest) if id(it) in passed_ids))
            return True
        return False

    def split(self) -> bool:
        cands = [
            i
            for i, it in enumerate(self.items)
            if self.free(i)
            and (it.run is not None or it.para.kind == "preambular")
            and not self.has_children(i)
            and _split_points(it.para.text, self.style)
        ]
        if not cands:
            return False
        i = self.rng.choice(cands)
        item = self.items[i]
        p = item.para
        cut, start, reworded = self.rng.choice(_split_points(p.text, self.style))
        head, tail = p.text[:cut], p.text[start:]
        if reworded:
            head, tail = head + ".", tail[:1].upper() + tail[1:]
        first_refs: list[tuple[str, int]] = []
        second_refs: list[tuple[str, int]] = []
        for ref, off in zip(p.footnote_refs, p.footnote_offsets, strict=True):
            if off < start:
                first_refs.append((ref, min(off, cut)))
            else:
                second_refs.append((ref, off - start))
        a = _with_refs(replace(p, text=head), first_refs)
        b = _with_refs(
            replace(p, text=tail, id=p.id + "-split", number=None, parent=None),
            second_refs,
        )
        item.para = a
        second = _Item(b, item.origin, run=item.run, new_id_hint=p.id)
        self.items.insert(i + 1, second)
        self.touch(item, "split", "split")
        self.touch(second, "split", "split")
        self.lock_around(i, i + 1)
        return True

    def merge(self) -> bool:
        cands = []
        for i in range(len(self.items) - 1):
            a, b = self.items[i], self.items[i + 1]
            if not (self.free(i) and self.free(i + 1)) or self.has_children(i + 1):
                continue
            both_op = a.run is not None and a.run == b.run
            both_pp = a.para.kind == b.para.kind == "preambular"
            if (both_op or both_pp) and a.para.text and b.para.text:
                cands.append(i)
        if not cands:
            return False
        i = self.rng.choice(cands)
        a, b = self.items[i], self.items[i + 1]
        shift = len(a.para.text) + len(self.style.joiner)
        refs = list(zip(a.para.footnote_refs, a.para.footnote_offsets, strict=True))
        refs += [
            (r, o + shift)
            for r, o in zip(b.para.footnote_refs, b.para.footnote_offsets, strict=True)
        ]
        glue = self.style.joiner
        a.para = _with_refs(replace(a.para, text=a.para.text + glue + b.para.text), refs)
        a.origin = a.origin + b.origin
        del self.items[i + 1]
        self.touch(a, "merge", "merged")
        self.lock_around(i)
        return True

    def insert(self) -> bool:
        texts = self._donor_texts()
        runs = sorted(self.run_start)
        if not texts or not runs:
            return False
        slots = [
            (s, r)
            for r in runs
            for s in self.slots_in_run(r)
            if (s == 0 or self.free(s - 1)) and (s >= len(self.items) or self.free(s))
        ]
        if not slots:
            return False
        s, run = self.rng.choice(slots)
        text = self.rng.choice(texts)
        base = next(it.para for it in self.items if it.run == run)
        para = Paragraph(
            id="inserted",
            kind="operative",
            text=text,
            number="0",
            part=base.part,
            part_label=base.part_label,
        )
        item = _Item(para, (), op="inserted", edit="insert", run=run, new_id_hint=base.id)
        self.items.insert(s, item)
        self.lock_around(s)
        return True

    def _donor_texts(self) -> list[str]:
        """Operative texts of other documents sharing little with this one."""
        own = [_words(p.text) for p in self.doc.paragraphs]
        out: list[str] = []
        for donor in self.donors:
            if donor.metadata.title and donor.metadata.title == self.doc.metadata.title:
                continue
            for p in donor.paragraphs:
                if p.kind != "operative" or len(p.text) < MOVE_MIN_CHARS:
                    continue
                w = _words(p.text)
                if self._key_count[_key(p.text)] == 0 and all(_jaccard(w, o) < 0.4 for o in own):
                    out.append(p.text)
        return out

    def delete(self) -> bool:
        cands = [
            i
            for i, it in enumerate(self.items)
            if self.free(i)
            and (it.run is not None or it.para.kind == "preambular")
            and not self.has_children(i)
        ]
        if not cands:
            return False
        i = self.rng.choice(cands)
        item = self.items.pop(i)
        for o in item.origin:
            self.old_edit[o] = "delete"
            self.deleted.add(o)
        self.lock_around(i - 1, i)
        return True

    def footnotes(self) -> bool:
        fns = self.doc.footnotes
        if self.drop_first_footnote or not fns or not all(f.marker.isdigit() for f in fns):
            return False
        first = fns[0].marker
        citing = [it for it in self.items if first in it.para.footnote_refs]
        if any(it.edit is not None for it in citing):
            return False
        self.drop_first_footnote = True
        for it in citing:
            self.touch(it, "footnotes", "modified")
            it.locked = True
        return True

    def pp_to_op(self) -> bool:
        for i, it in enumerate(self.items):
            if it.run is not None:
                first_op, run = i, it.run
                break
        else:
            return False
        part = self.items[first_op].para.part
        cands = []
        for i, it in enumerate(self.items[:first_op]):
            p = it.para
            if not (
                self.free(i)
                and p.kind == "preambular"
                and p.part == part
                and p.text[-1:] in self.style.pp_ends
                and self.style.to_operative(p.text) is not None
                and not self.has_children(i)
            ):
                continue
            passed = self.items[i + 1 : first_op]
            if not passed or (
                len(p.text) >= MOVE_MIN_CHARS
                and len(passed) >= 2
                and sum(self.unique(q) for q in passed) >= 2
                and not any(q.locked for q in passed)
                and self.free(first_op)
            ):
                cands.append(i)
        if not cands:
            return False
        i = self.rng.choice(cands)
        for k in (i - 1, i + 1):
            if 0 <= k < len(self.items):
                self.items[k].locked = True
        item = self.items.pop(i)
        p = item.para
        text = self.style.to_operative(p.text) or p.text
        # The first word changed (or went): markers after it shift with the text's end.
        word = len(p.text.split(" ", 1)[0]) if self.style.joiner else 2
        delta = len(text) - len(p.text)
        refs = [
            (r, o + delta if o > word else o)
            for r, o in zip(p.footnote_refs, p.footnote_offsets, strict=True)
        ]
        item.para = _with_refs(
            replace(p, kind="operative", text=text, number="0", parent=None), refs
        )
        item.run = run
        item.new_id_hint = self.run_prefix[run] + "op0"
        moved = i != first_op - 1
        self.items.insert(first_op - 1, item)
        self.touch(item, "pp_to_op", "moved" if moved else "modified")
        self.lock_around(first_op - 1)
        return True

    def words(self) -> bool:
        cands = [
            i
            for i, it in enumerate(self.items)
            if self.free(i)
            and it.para.kind != "heading"
            and len(_units(it.para.text, self.style)) >= WORDS_MIN
        ]
        if not cands:
            return False
        picked = self.rng.sample(cands, min(len(cands), self.rng.randint(1, 3)))
        done = False
        for i in sorted(picked):
            if not self.free(i):
                continue
            item = self.items[i]
            para = edit_words(item.para, self.rng, style=self.style, vocabulary=self.vocabulary)
            if para.text == item.para.text:
                continue
            item.para = para
            self.touch(item, "words", "modified")
            self.lock_around(i)
            done = True
        return done

    # ---------------------------------------------------------------- result

    def build(self) -> tuple[Document, dict[str, Link]]:
        # Numbers: each run again from its start, sub-paragraphs following their parent.
        counters = dict(self.run_start)
        current: tuple[str, str] | None = None  # (old number, new number) of the last op
        paras: list[Paragraph] = []
        for it in self.items:
            p = it.para
            if it.run is not None:
                new_number = str(counters[it.run])
                counters[it.run] += 1
                old_number = p.number or ""
                current = (old_number, new_number)
                m = _OP_ID.match(it.new_id_hint or p.id)
                if m and not m.group("rest"):
                    pid = f"{m.group('pre')}op{new_number}"
                elif it.new_id_hint:
                    pid = f"{self.run_prefix[it.run]}op{new_number}"
                else:
                    pid = p.id
                p = replace(p, number=new_number, id=pid)
            elif p.kind == "subparagraph" and current is not None:
                old_n, new_n = current
                number, parent, pid = p.number, p.parent, p.id
                if number and number.startswith(old_n + "("):
                    number = new_n + number[len(old_n) :]
                if parent and (parent == old_n or parent.startswith(old_n + "(")):
                    parent = new_n + parent[len(old_n) :]
                m = _OP_ID.match(pid)
                if m and m.group("n") == old_n and old_n != new_n:
                    pid = f"{m.group('pre')}op{new_n}{m.group('rest')}"
                p = replace(p, number=number, parent=parent, id=pid)
            elif p.kind == "operative":
                current = None  # an unnumbered operative paragraph: its own sub-paragraphs
            paras.append(p)
        # Preambular ids counted again per prefix; their sub-paragraphs follow.
        pp_count: Counter[str] = Counter()
        last_pp: tuple[str, str] | None = None  # (old id, new id)
        for k, p in enumerate(paras):
            if p.kind == "preambular":
                old_id = p.id
                m = _PP_ID.match(self.items[k].new_id_hint or p.id)
                if m and not m.group("rest"):
                    pre = m.group("pre")
                    pp_count[pre] += 1
                    paras[k] = replace(p, id=f"{pre}pp{pp_count[pre]}")
                last_pp = (old_id, paras[k].id)
            elif p.kind == "subparagraph" and last_pp is not None and last_pp[0] != last_pp[1]:
                old_id, new_id = last_pp
                parent, pid = p.parent, p.id
                if parent == old_id:
                    parent = new_id
                if pid.startswith(old_id + "-"):
                    pid = new_id + pid[len(old_id) :]
                paras[k] = replace(p, parent=parent, id=pid)
            elif p.kind != "subparagraph":
                last_pp = None
        # Footnotes: the first dropped, the rest shifted down.
        footnotes = self.doc.footnotes
        fmap: dict[str, str | None] = {f.marker: f.marker for f in footnotes}
        if self.drop_first_footnote:
            first = footnotes[0].marker
            fmap = {
                f.marker: (None if f.marker == first else str(int(f.marker) - 1)) for f in footnotes
            }
            footnotes = tuple(Footnote(str(int(f.marker) - 1), f.text) for f in footnotes[1:])
            for k, p in enumerate(paras):
                kept = [
                    (fmap.get(r) or r, o)
                    for r, o in zip(p.footnote_refs, p.footnote_offsets, strict=True)
                    if r != first
                ]
                paras[k] = _with_refs(p, kept)
        self.footnote_map = fmap
        # Unique ids, as the reader makes them.
        used: set[str] = set()
        links: dict[str, Link] = {}
        for k, (it, p) in enumerate(zip(self.items, paras, strict=True)):
            pid = p.id
            if pid in used:
                n = 2
                while f"{pid}~{n}" in used:
                    n += 1
                pid = f"{pid}~{n}"
                paras[k] = replace(p, id=pid)
            used.add(pid)
            links[pid] = Link(it.origin, it.op, it.edit)
        doc = replace(self.doc, paragraphs=tuple(paras), footnotes=footnotes)
        return doc, links


def edit_document(
    doc: Document,
    rng: random.Random,
    *,
    donors: Sequence[Document] = (),
    kinds: Iterable[str] | None = None,
    n_edits: int | None = None,
) -> tuple[Document, Truth]:
    """Apply edits to `doc` and return the edited document and its ground truth.

    `kinds` lists the edits to try, in order (an edit that finds no place is skipped);
    by default 1 to 3 distinct kinds (or `n_edits`) are drawn from `rng`.  `donors` are
    documents to take inserted text from (unrelated ones; same-title documents and
    paragraphs close to this document's are passed over).
    """
    editor = _Editor(doc, rng, donors)
    if kinds is None:
        n = n_edits if n_edits is not None else rng.randint(1, 3)
        kinds = rng.sample(EDIT_KINDS, min(n, len(EDIT_KINDS)))
    applied = [kind for kind in kinds if getattr(editor, kind)()]
    new_doc, links = editor.build()
    truth = Truth(
        links=links,
        old_edit=editor.old_edit,
        deleted=frozenset(editor.deleted),
        edits=tuple(applied),
        footnote_map=editor.footnote_map,
    )
    return new_doc, truth


# ------------------------------------------------------------------- word edits


def edit_words(
    p: Paragraph,
    rng: random.Random,
    n: int | None = None,
    *,
    style: Style | None = None,
    vocabulary: Sequence[str] = VOCABULARY,
) -> Paragraph:
    """A few words of `p` inserted, deleted or replaced; footnote markers stay on their word."""
    style = style or STYLES["en"]
    sep = len(style.joiner)
    words = _units(p.text, style)
    # Footnote markers attached to (word index, offset within the word).
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + sep
    marks: list[list[tuple[str, int]]] = [[] for _ in words]
    for ref, off in zip(p.footnote_refs, p.footnote_offsets, strict=True):
        k = max(0, min(len(words) - 1, _bisect_right(starts, off) - 1))
        marks[k].append((ref, min(off - starts[k], len(words[k]))))
    count = n if n is not None else rng.randint(1, max(1, min(3, len(words) // 10)))
    for _ in range(count):
        op = rng.choice(("insert", "delete", "replace"))
        k = rng.randrange(len(words))
        if op == "insert":
            words.insert(k, rng.choice(vocabulary))
            marks.insert(k, [])
        elif op == "delete" and len(words) > 2:
            gone = marks.pop(k)
            del words[k]
            target = max(0, k - 1)
            marks[target].extend((r, len(words[target])) for r, _ in gone)
        else:
            choices = [v for v in vocabulary if v != words[k]]
            words[k] = rng.choice(choices)
            marks[k] = [(r, min(o, len(words[k]))) for r, o in marks[k]]
    text = style.joiner.join(words)
    refs: list[tuple[str, int]] = []
    pos = 0
    for w, ms in zip(words, marks, strict=True):
        refs.extend((r, pos + o) for r, o in ms)
        pos += len(w) + sep
    return _with_refs(replace(p, text=text), refs)


# ------------------------------------------------------------------- scoring


@dataclass
class Score:
    """Pairing quality of one or many comparisons against their truth, per edit kind."""

    true_pairs: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)  # true pairs predicted
    predicted: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)  # predicted pairs that are true
    false_moves: Counter[str] = field(default_factory=Counter)
    units: Counter[str] = field(default_factory=Counter)  # truth entries (new + deleted)
    op_ok: Counter[str] = field(default_factory=Counter)  # of which the op is right
    edits: Counter[str] = field(default_factory=Counter)  # edits applied
    errors: list[str] = field(default_factory=list)

    def add(self, cmp: Comparison, truth: Truth, label: str = "") -> None:
        true = truth.pairs()
        for kind in truth.edits:
            self.edits[kind] += 1
        for o, n in true:
            self.true_pairs[truth.pair_edit(o, n)] += 1
        op_of_new: dict[str, str] = {}
        op_of_old: dict[str, str] = {}
        for c in cmp.changes:
            for n in c.new:
                op_of_new[n] = c.op
            for o in c.old:
                op_of_old[o] = c.op
            pairs = {(o, n) for o in c.old for n in c.new}
            for o, n in pairs:
                kind = truth.pair_edit(o, n)
                self.predicted[kind] += 1
                if (o, n) in true:
                    self.correct[kind] += 1
                    self.found[kind] += 1
                elif len(self.errors) < 200:
                    self.errors.append(f"{label}: false pair {o} -> {n} ({c.op}, {kind})")
            if c.op == "moved":
                ok = all((o, n) in true and truth.links[n].op == "moved" for o, n in pairs)
                if not ok:
                    kind = truth.pair_edit(c.old[0], c.new[0])
                    self.false_moves[kind] += 1
                    self.errors.append(f"{label}: false move {c.old} -> {c.new} ({kind})")
        predicted_all = {(o, n) for c in cmp.changes for o in c.old for n in c.new}
        for o, n in sorted(true - predicted_all):
            if len(self.errors) < 200:
                kind = truth.pair_edit(o, n)
                self.errors.append(f"{label}: missed pair {o} -> {n} ({kind})")
        for n, link in truth.links.items():
            kind = link.edit or "none"
            self.units[kind] += 1
            if op_of_new.get(n) == link.op:
                self.op_ok[kind] += 1
        for o in truth.deleted:
            self.units["delete"] += 1
            if op_of_old.get(o) == "deleted":
                self.op_ok["delete"] += 1

    def precision(self, kind: str | None = None) -> float:
        p = _total(self.predicted, kind)
        return _total(self.correct, kind) / p if p else 1.0

    def recall(self, kind: str | None = None) -> float:
        t = _total(self.true_pairs, kind)
        return _total(self.found, kind) / t if t else 1.0

    def op_accuracy(self, kind: str | None = None) -> float:
        u = _total(self.units, kind)
        return _total(self.op_ok, kind) / u if u else 1.0

    def n_false_moves(self, kind: str | None = None) -> int:
        return _total(self.false_moves, kind)

    def table(self) -> str:
        rows = [("kind", "edits", "pairs", "precision", "recall", "false moves", "op accuracy")]
        extra = sorted(k for k in self.units if k not in EDIT_KINDS and k != "none")
        for kind in (*EDIT_KINDS, *extra, "none", None):
            name = kind or "all"
            rows.append(
                (
                    name,
                    str(self.edits[kind] if kind else sum(self.edits.values())),
                    str(_total(self.true_pairs, kind)),
                    f"{self.precision(kind):.4f}",
                    f"{self.recall(kind):.4f}",
                    str(self.n_false_moves(kind)),
                    f"{self.op_accuracy(kind):.4f}",
                )
            )
        widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
        return "\n".join(
            "  ".join(
                cell.rjust(w) if k else cell.ljust(w)
                for k, (cell, w) in enumerate(zip(r, widths, strict=True))
            )
            for r in rows
        )


def _total(counter: Counter[str], kind: str | None) -> int:
    return counter[kind] if kind is not None else sum(counter.values())


# ------------------------------------------------------------------- small helpers


def _numbered_op(p: Paragraph) -> bool:
    return p.kind == "operative" and p.number is not None and p.number.isdigit()


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{4,}", text.casefold())}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _with_refs(p: Paragraph, refs: Sequence[tuple[str, int]]) -> Paragraph:
    ordered = sorted(refs, key=lambda r: r[1])
    return replace(
        p,
        footnote_refs=tuple(r for r, _ in ordered),
        footnote_offsets=tuple(min(max(o, 0), len(p.text)) for _, o in ordered),
    )


def _split_points(text: str, style: Style | None = None) -> list[tuple[int, int, bool]]:
    """Where `text` can be cut in two real pieces: (end of first, start of second, reworded).

    Sentence boundaries (". The") cut the text as it is.  Resolutions rarely have more
    than one sentence a paragraph, so, failing those, a paragraph joining two operative
    clauses (", and requests the Secretary-General ...") is cut there the way a drafter
    splits it: the first piece ends with a full stop, the second starts with a capital
    ("reworded").
    """
    style = style or STYLES["en"]
    out: list[tuple[int, int, bool]] = []
    for m in style.sentence_end.finditer(text):
        cut, start = m.start(), m.end()
        before = text[:cut].rsplit(" ", 1)[-1].rstrip(".!?").casefold()
        if style.joiner and (before in _ABBREVIATIONS or len(before) < 3 or "." in before):
            continue
        if cut >= SPLIT_MIN_CHARS and len(text) - start >= SPLIT_MIN_CHARS:
            out.append((cut, start, False))
    if out or style.clause is None:
        return out
    for m in style.clause.finditer(text):
        cut, start = m.start(), m.end()
        if cut >= SPLIT_MIN_CHARS and len(text) - start >= SPLIT_MIN_CHARS:
            out.append((cut, start, True))
    return out


def _bisect_right(values: list[int], x: int) -> int:
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if x < values[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


# ------------------------------------------------------------------- batches and checks


def plan_kinds(rng: random.Random, index: int) -> list[str]:
    """The edits for the `index`-th generated document: one kind in turn, 0-2 more at random.

    Taking the first kind in turn keeps every kind about equally represented however the
    random extras fall.
    """
    first = EDIT_KINDS[index % len(EDIT_KINDS)]
    others = [k for k in EDIT_KINDS if k != first]
    return [first, *rng.sample(others, rng.randint(0, 2))]


def generate(
    docs: Sequence[Document], per_doc: int
) -> Iterable[tuple[str, Document, Document, Truth]]:
    """`per_doc` edited versions of each document: (label, original, edited, truth).

    Deterministic: the random generator of each version is seeded with the document's
    symbol (or source) and the version number.  Inserted text comes from the documents a
    third and a half of the list away (unrelated ones: see `edit_document`).
    """
    n = len(docs)
    for k, doc in enumerate(docs):
        donors = [docs[(k + n // 2) % n], docs[(k + n // 3) % n]] if n > 1 else []
        name = doc.metadata.symbol or doc.source or str(k)
        for s in range(per_doc):
            rng = random.Random(f"{name}:{s}")
            kinds = plan_kinds(rng, k * per_doc + s)
            new, truth = edit_document(doc, rng, donors=donors, kinds=kinds)
            yield f"{name}#{s}", doc, new, truth


def check_edit(old: Document, new: Document, truth: Truth) -> list[str]:
    """What is inconsistent in a generated (old, new, truth) triple; [] when all is well."""
    problems: list[str] = []
    ids = [p.id for p in new.paragraphs]
    if len(set(ids)) != len(ids):
        problems.append(f"duplicate ids: {sorted(k for k, v in Counter(ids).items() if v > 1)}")
    if set(ids) != set(truth.links):
        problems.append("truth does not cover exactly the new paragraphs")
    old_by_id = {p.id: p for p in old.paragraphs}
    uses: Counter[str] = Counter(o for link in truth.links.values() for o in link.old)
    for o in old_by_id:
        expected = 0 if o in truth.deleted else 1
        split = [link for link in truth.links.values() if o in link.old and link.op == "split"]
        if split:
            expected = len(split)
        if uses[o] != expected:
            problems.append(f"old {o} used {uses[o]} times, expected {expected}")
    markers = {f.marker for f in new.footnotes}
    last_op: str | None = None
    for p in new.paragraphs:
        link = truth.links.get(p.id)
        if link and link.op == "equal":
            before = old_by_id[link.old[0]]
            if (before.text, before.kind) != (p.text, p.kind):
                problems.append(f"{p.id}: 'equal' but text or kind changed")
        if len(p.footnote_refs) != len(p.footnote_offsets):
            problems.append(f"{p.id}: footnote refs and offsets differ in length")
        if any(not 0 <= o <= len(p.text) for o in p.footnote_offsets):
            problems.append(f"{p.id}: footnote offset outside the text")
        if list(p.footnote_offsets) != sorted(p.footnote_offsets):
            problems.append(f"{p.id}: footnote offsets out of order")
        old_markers = {f.marker for f in old.footnotes}
        for ref in p.footnote_refs:
            if ref not in markers and ref in old_markers:
                problems.append(f"{p.id}: footnote {ref} missing")
        if p.kind == "operative":
            last_op = p.number
        elif p.kind == "subparagraph" and p.number and p.number[:1].isdigit():
            head = p.number.split("(", 1)[0]
            if last_op is not None and last_op.isdigit() and head != last_op:
                problems.append(f"{p.id}: number {p.number} under operative {last_op}")
    # Numbered runs: consecutive, in the same places as in the original.
    old_starts = Counter(_run_starts(old))
    new_starts = Counter(_run_starts(new))
    if old_starts != new_starts:
        problems.append(f"numbered runs differ: {old_starts} -> {new_starts}")
    return problems


def _run_starts(doc: Document) -> list[tuple[str, str | None, int]]:
    starts = []
    prev: tuple[str, str | None, int] | None = None
    for p in doc.paragraphs:
        if not _numbered_op(p):
            continue
        n = int(p.number or "0")
        here = (p.part, p.part_label, n)
        if prev is None or prev[:2] != here[:2] or prev[2] + 1 != n:
            starts.append(here)
        prev = here
    return starts
