"""Amendment documents as structured edits, and what became of them in the adopted text.

An amendment ("Delete the third preambular paragraph and operative paragraph 2", "In
operative paragraph 13, delete “...”", "After operative paragraph 3, insert a new
operative paragraph, reading: ...") is parsed into `Edit`s naming paragraphs of the
draft it amends. `check` then finds each target in that draft and follows it into the
adopted text through the draft -> adopted comparison: an edit the adopted text carries
out is `adopted`, one it ignores `rejected`, anything in between `partly`. The words the
instructions are written in are data (`diffcore.lang.en.AMENDMENT_WORDS`).

A target is found by its number first; when the amendment quotes text that paragraph
does not hold (amendments often amend a revised draft, "L.20/Rev.1", renumbered from the
draft at hand), by the paragraph that does hold the quoted text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .align import compare
from .comparison import Comparison
from .lang.en import AMENDMENT_WORDS as W
from .metadata import ordinal_to_int
from .model import Document, Paragraph
from .worddiff import similarity

Action = Literal[
    "delete-paragraph", "delete-text", "replace-text", "insert-paragraph", "insert-text"
]
Fate = Literal["adopted", "rejected", "partly"]
FATES: tuple[str, ...] = ("adopted", "rejected", "partly")

INSERTED_SAME = 0.9  # word similarity at which an inserted paragraph is the one adopted
INSERTED_NEAR = 0.5  # ... and at which it is partly reflected
KEPT = 0.5  # a paragraph to delete that is still this similar was kept
# A quoted passage to delete is deleted as asked when the adopted text keeps at most this
# share of its letters and puts at most this many words in its place; else it was rewritten.
REWRITTEN_KEPT = 0.2
REWRITTEN_WORDS = 2


def _w(key: str) -> str:
    return f"(?:{W[key]})"


# A quotation ends at a closing mark followed by a space, punctuation or the end (an
# apostrophe inside, "State’s", does not end it).
_QUOTE = r"[“\"](?P<{name}>.+?)[”\"](?=[\s.,;:]|$)"
_NUM = r"\d+(?:\s*\([a-z]{1,4}\))?"
_ORD = r"[a-z]+(?:-[a-z]+)?"


def _ref(named: bool) -> str:
    """One paragraph reference; `named` gives its parts group names (for reading it)."""

    def g(name: str) -> str:
        return f"?P<{name}>" if named else "?:"

    return (
        rf"(?:{_w('the')}\s+)?(?:({g('ord')}{_ORD}(?:\s*{_w('and')}\s*{_ORD})*)\s+)?"
        rf"({g('kind')}{_w('preambular')}|{_w('operative')})\s+{_w('paragraph')}"
        rf"(?:\s+({g('nums')}{_NUM}(?:\s*{_w('and')}\s*{_NUM})*))?"
    )


_REFS = rf"(?P<refs>{_ref(False)}(?:\s*{_w('and')}\s*{_ref(False)})*)"
_REF_RE = re.compile(_ref(True), re.I)
_NUM_RE = re.compile(_NUM)
_AMENDS_RE = re.compile(rf"{_w('amends')}\s+(?P<symbol>[AES]/\S+?)\.?(?:\s|$)", re.I)
_END = r"\s*[.;]?\s*$"
_PATTERNS: tuple[tuple[Action, str], ...] = (
    ("delete-paragraph", rf"^{_w('delete')}\s+{_REFS}{_END}"),
    (
        "delete-text",
        rf"^{_w('in')}\s+{_REFS}\s*,\s*{_w('delete')}\s+{_QUOTE.format(name='old')}{_END}",
    ),
    (
        "replace-text",
        rf"^{_w('in')}\s+{_REFS}\s*,\s*{_w('replace')}\s+{_QUOTE.format(name='old')}"
        rf"\s+{_w('with')}\s+{_QUOTE.format(name='new')}{_END}",
    ),
    (
        "insert-text",
        rf"^{_w('in')}\s+{_REFS}\s*,\s*(?P<position>{_w('after')}|{_w('before')})\s+"
        rf"{_QUOTE.format(name='old')}\s*,?\s*{_w('insert')}\s+{_QUOTE.format(name='new')}{_END}",
    ),
    (
        "insert-paragraph",
        rf"^(?P<position>{_w('after')}|{_w('before')})\s+{_REFS}\s*,\s*{_w('insert')}\s+"
        rf"{_w('new')}\s+(?:(?P<newkind>{_w('preambular')}|{_w('operative')})\s+)?"
        rf"paragraph\s*,?\s*(?:{_w('reading')})?\s*:?\s*(?:{_QUOTE.format(name='new')})?"
        rf"{_END}",
    ),
)
_INSTRUCTIONS = tuple((a, re.compile(p, re.I | re.S)) for a, p in _PATTERNS)


@dataclass(frozen=True)
class ParagraphRef:
    """A paragraph as an amendment names it: kind and printed number (PP by position)."""

    kind: Literal["preambular", "operative"]
    number: str

    @property
    def label(self) -> str:
        return f"{'PP' if self.kind == 'preambular' else 'OP'}{self.number}"


@dataclass(frozen=True)
class Edit:
    action: Action
    targets: tuple[ParagraphRef, ...]
    instruction: str  # as printed
    old: str | None = None  # the quoted text to delete or replace, or the insertion anchor
    new: str | None = None  # the replacement, or the inserted text
    position: Literal["after", "before"] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "targets": [t.label for t in self.targets],
            "old": self.old,
            "new": self.new,
            "position": self.position,
            "instruction": self.instruction,
        }


@dataclass(frozen=True)
class Amendment:
    symbol: str | None
    amends: str | None  # the draft's symbol, as the amendment names it
    sponsors: str | None
    edits: tuple[Edit, ...]
    unparsed: tuple[str, ...]  # instructions no pattern read

    @property
    def parsed(self) -> bool:
        return bool(self.edits) and not self.unparsed


@dataclass(frozen=True)
class TargetFate:
    target: str  # as the amendment names it (OP35)
    draft: tuple[str, ...]  # the draft paragraph ids it was found as
    adopted: tuple[str, ...]  # where those are in the adopted text
    fate: Fate
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "draft": list(self.draft),
            "adopted": list(self.adopted),
            "fate": self.fate,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class EditFate:
    edit: Edit
    fate: Fate
    targets: tuple[TargetFate, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.edit.to_dict(),
            "fate": self.fate,
            "checks": [t.to_dict() for t in self.targets],
        }


@dataclass(frozen=True)
class AmendmentCheck:
    amendment: Amendment
    draft: str  # labels of the documents checked against
    adopted: str
    fate: Fate | None  # None when nothing could be parsed
    edits: tuple[EditFate, ...]

    def to_dict(self) -> dict[str, Any]:
        a = self.amendment
        return {
            "symbol": a.symbol,
            "amends": a.amends,
            "sponsors": a.sponsors,
            "draft": self.draft,
            "adopted": self.adopted,
            "fate": self.fate,
            "edits": [e.to_dict() for e in self.edits],
            "unparsed": list(a.unparsed),
        }


# --- parsing ----------------------------------------------------------------------------


def _refs(text: str) -> tuple[ParagraphRef, ...]:
    out: list[ParagraphRef] = []
    for m in _REF_RE.finditer(text):
        kind: Literal["preambular", "operative"] = (
            "preambular" if re.fullmatch(W["preambular"], m["kind"], re.I) else "operative"
        )
        if m["nums"]:
            out.extend(ParagraphRef(kind, n.replace(" ", "")) for n in _NUM_RE.findall(m["nums"]))
        elif m["ord"]:
            ordinals = (ordinal_to_int(w) for w in re.findall(_ORD, m["ord"]))
            out.extend(ParagraphRef(kind, str(n)) for n in ordinals if n is not None)
    return tuple(out)


def _unquoted(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] in '“"' and text[-1] in '”"':
        return text[1:-1].strip()
    return text


def parse(doc: Document) -> Amendment:
    """Read an amendment document's instructions into edits against its draft.

    Every body paragraph is an instruction, except headings no pattern reads (the
    draft's title); the paragraph after "..., reading:" is the text to insert.
    """
    edits: list[Edit] = []
    unparsed: list[str] = []
    paras = [p for p in doc.paragraphs if p.text.strip()]
    i = 0
    while i < len(paras):
        para = paras[i]
        text = " ".join(para.text.split())
        i += 1
        for action, pattern in _INSTRUCTIONS:
            m = pattern.match(text)
            if m is None:
                continue
            groups = m.groupdict()
            new = groups.get("new")
            if action == "insert-paragraph" and not new and i < len(paras):
                new, i = _unquoted(paras[i].text), i + 1  # "..., reading:" and the text below
            said = groups.get("position")
            position: Literal["after", "before"] | None = (
                None if not said else "before" if re.fullmatch(W["before"], said, re.I) else "after"
            )
            edits.append(
                Edit(
                    action=action,
                    targets=_refs(m["refs"]),
                    instruction=text,
                    old=groups.get("old"),
                    new=new,
                    position=position,
                )
            )
            break
        else:
            if para.kind != "heading":
                unparsed.append(text)
    covers = " ".join(r.text for r in doc.removed) + " " + " ".join(p.text for p in paras)
    found = _AMENDS_RE.search(" ".join(covers.split()))
    return Amendment(
        symbol=doc.metadata.symbol,
        amends=found["symbol"] if found else doc.metadata.draft_symbol,
        sponsors=doc.metadata.sponsors,
        edits=tuple(edits),
        unparsed=tuple(unparsed),
    )


# --- checking against the adopted text --------------------------------------------------


def _norm(text: str) -> str:
    """Quotes, apostrophes and spacing as one form, so a quotation matches the text."""
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
    return " ".join(text.translate(table).split())


def _holds(text: str, quote: str) -> bool:
    return _norm(quote).strip(" ,;.") in _norm(text)


def _by_number(draft: Document, ref: ParagraphRef) -> Paragraph | None:
    body = [p for p in draft.paragraphs if p.part == "body" and p.kind == ref.kind]
    if ref.kind == "preambular":
        n = int(ref.number)
        return body[n - 1] if 0 < n <= len(body) else None
    return next((p for p in body if p.number == ref.number), None)


def _position(doc: Document, ref: ParagraphRef) -> int:
    """Where the referenced paragraph would stand in `doc` (for the nearest quote holder)."""
    para = _by_number(doc, ref)
    if para is not None:
        return doc.paragraphs.index(para)
    same = [n for n, p in enumerate(doc.paragraphs) if p.kind == ref.kind]
    n = int(re.sub(r"\D.*", "", ref.number) or 0)
    return same[min(max(n - 1, 0), len(same) - 1)] if same else 0


def _locate(doc: Document, ref: ParagraphRef, quote: str | None) -> tuple[Paragraph | None, str]:
    """The paragraph `ref` names in `doc`: by number, or the nearest one holding the quote."""
    para = _by_number(doc, ref)
    if quote is None or (para is not None and _holds(para.text, quote)):
        return para, "by number"
    at = _position(doc, ref)
    holding = [(abs(n - at), n) for n, p in enumerate(doc.paragraphs) if _holds(p.text, quote)]
    if holding:
        return doc.paragraphs[min(holding)[1]], "by the quoted text (numbered differently)"
    return para, "by number (the quoted text is not there)"


@dataclass(frozen=True)
class _Texts:
    """The draft, the adopted text, their comparison, and whether the draft is the very
    text the amendment amends (else its numbers are the amended revision's)."""

    draft: Document
    adopted: Document
    cmp: Comparison
    same_draft: bool

    def counterpart(self, pid: str) -> tuple[str, ...]:
        return next(c for c in self.cmp.changes if pid in c.old).new

    def source(self, pid: str) -> tuple[str, ...]:
        return next(c for c in self.cmp.changes if pid in c.new).old

    def text(self, ids: Sequence[str]) -> str:
        texts = {p.id: p.text for p in self.adopted.paragraphs}
        return " ".join(texts[i] for i in ids)


def _deleted_paragraph(ref: ParagraphRef, t: _Texts) -> TargetFate:
    if not t.same_draft:
        # The amended revision is not at hand; a rejected amendment leaves its numbering
        # in the adopted text, so the number is read there.
        kept = _by_number(t.adopted, ref)
        if kept is None:
            return TargetFate(ref.label, (), (), "adopted", "no such paragraph in the adopted text")
        return TargetFate(
            ref.label,
            t.source(kept.id),
            (kept.id,),
            "rejected",
            "numbered as in the amended revision (not in the corpus): still in the adopted text",
        )
    para = _by_number(t.draft, ref)
    if para is None:
        return TargetFate(ref.label, (), (), "partly", "not found in the draft")
    now = t.counterpart(para.id)
    if not now:
        return TargetFate(ref.label, (para.id,), (), "adopted", "deleted")
    sim = similarity(para.text, t.text(now))
    fate: Fate = "rejected" if sim >= KEPT else "partly"
    return TargetFate(ref.label, (para.id,), now, fate, f"kept ({sim:.0%} alike)")


def _rewrite(t: _Texts, para: Paragraph, quote: str) -> tuple[float, int]:
    """How the draft -> adopted word diff treats the quoted passage of `para`: the share of
    its letters kept, and the words inserted within or at its edges. A passage deleted as
    asked keeps none and gets none in its place; a rewritten one keeps or gets some."""
    change = next(c for c in t.cmp.changes if para.id in c.old)
    texts = {p.id: p.text for p in t.draft.paragraphs}
    base = sum(len(texts[i]) + 1 for i in change.old[: change.old.index(para.id)])
    wanted = _norm(quote).strip(" ,;.")
    at = _norm(para.text).find(wanted)  # _norm keeps offsets: whitespace is already single
    start, end = base + max(at, 0), base + max(at, 0) + len(wanted)
    kept = gone = inserted = 0
    pos = 0
    for op, text in change.diff:
        if op == "+":
            if start <= pos <= end:
                inserted += sum(1 for w in text.split() if any(c.isalnum() for c in w))
            continue
        inside = text[max(start - pos, 0) : max(end - pos, 0)]
        letters = sum(1 for c in inside if c.isalnum())
        if op == "=":
            kept += letters
        else:
            gone += letters
        pos += len(text)
    return (kept / (kept + gone) if kept + gone else 0.0), inserted


def _quoted(edit: Edit, ref: ParagraphRef, t: _Texts) -> TargetFate:
    assert edit.old is not None
    para, how = _locate(t.draft, ref, edit.old)
    now = t.counterpart(para.id) if para is not None else ()
    if not t.same_draft and not (now and _holds(t.text(now), edit.old)):
        # Numbered as in the amended revision: the adopted paragraph of that number holds
        # the quotation when the amendment was rejected.
        same, _ = _locate(t.adopted, ref, edit.old)
        if same is not None and _holds(same.text, edit.old):
            now = (same.id,)
    drafted = (para.id,) if para is not None else ()
    if not now:
        return TargetFate(ref.label, drafted, (), "partly", f"found {how}; paragraph deleted")
    text = t.text(now)
    has_old = _holds(text, edit.old)
    has_new = edit.new is not None and _holds(text, edit.new)
    fate: Fate
    if edit.action == "delete-text":
        fate = "rejected" if has_old else "adopted" if para is not None else "partly"
        said = "quoted text still there" if has_old else "quoted text gone"
        if fate == "adopted" and para is not None:
            kept, inserted = _rewrite(t, para, edit.old)
            if kept > REWRITTEN_KEPT or inserted > REWRITTEN_WORDS:
                fate = "partly"
                said = (
                    f"quoted passage rewritten, not deleted ({kept:.0%} of its words kept, "
                    f"{inserted} words inserted in its place)"
                )
    elif edit.action == "replace-text":
        fate = "adopted" if has_new and not has_old else "rejected" if has_old else "partly"
        said = f"quoted text {'kept' if has_old else 'gone'}"
        said += f", replacement {'present' if has_new else 'absent'}"
    else:  # insert-text
        fate = "adopted" if has_new else "rejected"
        said = "inserted text present" if has_new else "inserted text absent"
    return TargetFate(ref.label, drafted, now, fate, f"found {how}; {said}")


def _anchor(edit: Edit, t: _Texts) -> tuple[str, ...]:
    """The adopted paragraph(s) the insertion is placed against ("after OP3")."""
    if not edit.targets:
        return ()
    ref = edit.targets[0]
    if not t.same_draft:  # numbered as in a revision the corpus lacks: read in the adopted
        para = _by_number(t.adopted, ref)
        return (para.id,) if para is not None else ()
    para = _by_number(t.draft, ref)
    return t.counterpart(para.id) if para is not None else ()


def _fate_of_insert(edit: Edit, t: _Texts) -> TargetFate:
    assert edit.new is not None
    paras = t.adopted.paragraphs
    if not paras:
        return TargetFate("new paragraph", (), (), "rejected", "the adopted text is empty")
    sims = [similarity(edit.new, p.text) for p in paras]
    at = max(range(len(paras)), key=lambda n: sims[n])
    fate: Fate = (
        "adopted"
        if sims[at] >= INSERTED_SAME
        else "partly"
        if sims[at] >= INSERTED_NEAR
        else "rejected"
    )
    reason = f"closest adopted paragraph {sims[at]:.0%} alike"
    anchor = _anchor(edit, t)
    if fate != "rejected" and anchor and edit.targets and edit.position:
        ids = [p.id for p in paras]
        where = ids.index(anchor[-1] if edit.position == "after" else anchor[0])
        wanted = where + 1 if edit.position == "after" else where - 1
        said = f"{edit.position} {edit.targets[0].label}"
        reason += f", placed {said} as asked" if at == wanted else f", not placed {said}"
    return TargetFate("new paragraph", (), (paras[at].id,), fate, reason)


def _overall(fates: Sequence[Fate]) -> Fate:
    if all(f == "adopted" for f in fates):
        return "adopted"
    if all(f == "rejected" for f in fates):
        return "rejected"
    return "partly"


def check(
    amendment: Amendment, draft: Document, adopted: Document, cmp: Comparison | None = None
) -> AmendmentCheck:
    """Each edit of `amendment` followed from `draft` into `adopted`."""
    texts = _Texts(
        draft,
        adopted,
        cmp if cmp is not None else compare(draft, adopted),
        amendment.amends is None or amendment.amends == draft.metadata.symbol,
    )
    results: list[EditFate] = []
    for edit in amendment.edits:
        if edit.action == "insert-paragraph":
            targets: tuple[TargetFate, ...] = (_fate_of_insert(edit, texts),)
        elif edit.action == "delete-paragraph":
            targets = tuple(_deleted_paragraph(r, texts) for r in edit.targets)
        else:
            targets = tuple(_quoted(edit, r, texts) for r in edit.targets)
        fate = _overall([t.fate for t in targets]) if targets else "partly"
        results.append(EditFate(edit, fate, targets))
    return AmendmentCheck(
        amendment=amendment,
        draft=draft.label,
        adopted=adopted.label,
        fate=_overall([r.fate for r in results]) if results else None,
        edits=tuple(results),
    )
