"""Negotiation drafts: PP/OP labels become kinds and numbers, bracketed text stays text."""

from __future__ import annotations

import diffcore

DRAFT = """The General Assembly,

PP1 Recalling its resolution 64/293,

PP 2. [alt: Noting] [Welcoming] the report of the Secretary-General,

OP1 Decides to convene a meeting;

OP 2 Requests the Secretary-General to report [at its eighty-first session];

OP 2 bis Invites Member States to contribute;

OP3. Decides to remain seized of the matter.
"""

PRINTED = """The General Assembly,

Recalling its resolution 64/293,

[alt: Noting] [Welcoming] the report of the Secretary-General,

1. Decides to convene a meeting;

2. Requests the Secretary-General to report [at its eighty-first session];

3. Invites Member States to contribute;

4. Decides to remain seized of the matter.
"""


def test_labels_become_kinds_and_numbers() -> None:
    doc = diffcore.loads(DRAFT)
    got = [(p.kind, p.number, p.text[:20]) for p in doc.paragraphs]
    assert got == [
        ("text", None, "The General Assembly"),
        ("preambular", None, "Recalling its resolu"),
        ("preambular", None, "[alt: Noting] [Welco"),
        ("operative", "1", "Decides to convene a"),
        ("operative", "2", "Requests the Secreta"),
        ("operative", "2 bis", "Invites Member State"),
        ("operative", "3", "Decides to remain se"),
    ]
    assert not any(p.text.startswith(("PP", "OP")) for p in doc.paragraphs)


def test_bracketed_negotiation_text_is_kept() -> None:
    doc = diffcore.loads(DRAFT)
    assert doc.paragraphs[2].text.startswith("[alt: Noting] [Welcoming] the report")
    assert doc.paragraphs[4].text.endswith("[at its eighty-first session];")


def test_labelled_draft_against_printed_text() -> None:
    cmp = diffcore.compare(diffcore.loads(DRAFT), diffcore.loads(PRINTED))
    ops = [(c.op, c.renumbered) for c in cmp.changes]
    # Same words throughout: only OP 2 bis -> 3 and OP3 -> 4 are renumbered.
    assert all(op == "equal" for op, _r in ops)
    assert sum(1 for _op, r in ops if r) == 2


def test_header_one_paragraph_a_line() -> None:
    """Word files put each header line in its own paragraph: the agenda title follows
    the agenda item, and the document title comes after the draft line."""
    doc = diffcore.loads(
        "Seventy-ninth session\n\nAgenda item 11\n\nSport for development and peace\n\n"
        "Draft resolution\n\nSport as an enabler of sustainable development\n\n"
        "The General Assembly,\n\nRecalling its resolution 77/27,\n\n1. Decides to act;\n"
    )
    m = doc.metadata
    assert (m.session, m.agenda_items, m.doc_type) == (79, ("11",), "draft")
    assert m.agenda_title == "Sport for development and peace"
    assert m.title == "Sport as an enabler of sustainable development"
    assert [p.kind for p in doc.paragraphs] == ["text", "preambular", "operative"]
