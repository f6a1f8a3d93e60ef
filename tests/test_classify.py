"""Change classes (diffcore.classify), verb and mandate changes, and how renderers show them.

Real documents from ../shared/corpus: a pure rollover (A/RES/79/7 -> A/RES/80/4), a
series pair with verb and mandate changes (A/RES/78/69 -> A/RES/79/144), generated
rollovers and planted verb changes over session-80 resolutions (tests/classgen.py), and
the labelled set (tests/classlabels.py) on a sample of the real series.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

import diffcore
from diffcore.align import compare
from diffcore.classify import classified, hidden, hunk_class
from diffcore.comparison import CHANGE_CLASSES, Comparison
from diffcore.lang import get
from renderers import comparison_json, email_message, redline, sidebyside, unified, wdiff
from renderers.classes import summary_line

from .classgen import planted_verbs, rolled_over, series_pairs
from .classlabels import hand_labels, label_changes, rule_label
from .conftest import REPO_ROOT
from .test_compare import run_cli, schema_errors

CORPUS = REPO_ROOT.parent / "shared" / "corpus"
TEXT = CORPUS / "text"
EN = get("en")
needs_corpus = pytest.mark.skipif(
    not (TEXT / "A_RES_80_4.txt").exists(), reason="../shared/corpus/text is not there"
)


def text_path(symbol: str) -> Path:
    return TEXT / (symbol.replace("/", "_") + ".txt")


def classified_pair(old: str, new: str) -> Comparison:
    return compare(
        diffcore.load(str(text_path(old))), diffcore.load(str(text_path(new))), classify=True
    )


@needs_corpus
def test_a_pure_rollover_is_technical_through_and_through() -> None:
    cmp = classified_pair("A/RES/79/7", "A/RES/80/4")
    changed = [c for c in cmp.changes if c.is_change]
    assert changed and all(c.cls == "technical" for c in changed)
    assert all(h == "technical" for c in changed for h in c.hunk_classes)
    assert not cmp.verb_changes and not cmp.mandate_changes
    assert summary_line(cmp) == f"0 substantive, {len(changed)} technical, 0 editorial changes"


@needs_corpus
def test_verb_and_mandate_changes_of_a_real_series() -> None:
    cmp = classified_pair("A/RES/78/69", "A/RES/79/144")
    verbs = {(v.paragraph, v.old, v.new, v.direction) for v in cmp.verb_changes}
    assert ("op359", "Welcomes", "Notes", "weakened") in verbs
    assert ("op365", "Notes with appreciation", "Welcomes", "strengthened") in verbs
    new_requests = [m for m in cmp.mandate_changes if m.change == "new"]
    assert any(m.addressee == "the Secretary-General" for m in new_requests)
    line = summary_line(cmp)
    assert "operative verbs weakened" in line or "operative verb weakened" in line
    assert "new request" in line and "to the Secretary-General" in line


def test_hunk_classes_follow_the_written_rules() -> None:
    cases = [
        ("seventy-ninth", "eightieth", "at its ", " session", "technical"),
        (
            "78/220 of 19 December 2023",
            "79/183 of 17 December 2024",
            "resolution ",
            ",",
            "technical",
        ),
        (" and", ",", "of 4 April 2022", " 52/38 of", "technical"),
        ("eightieth session,", "eighty-first session", "at its ", " under", "editorial"),
        ("parties", "Parties", "States ", " to", "editorial"),
        ("health-care", "healthcare", "the ", " systems", "editorial"),
        ("15", "16", "paragraph ", " above", "editorial"),
        ("97", "99", "notes that ", " States", "substantive"),
        ("and ", "", "31 December 2030, ", "encourages", "substantive"),
        ("Urges", "Encourages", "", " States", "substantive"),
    ]
    for old, new, before, after, want in cases:
        assert hunk_class(old, new, EN, before, after) == want, (old, new)


def test_the_labeller_is_its_own_rule() -> None:
    """The labelled set's rule works on whole paragraphs, without the classifier."""
    assert rule_label("at its seventy-ninth session", "at its eightieth session") == "technical"
    assert (
        rule_label(
            "Recalling its resolutions 76/5 of 6 December 2021 and 77/38 of 7 December 2022,",
            "Recalling its resolutions 76/5 of 6 December 2021, 77/38 of 7 December 2022 "
            "and 78/17 of 4 December 2023,",
        )
        == "technical"
    )
    assert rule_label("States parties", "States Parties") == "editorial"
    assert rule_label("Urges States", "Encourages States") == "substantive"
    assert rule_label("x", "x", moved=True) == "substantive"


@needs_corpus
def test_generated_rollovers_are_technical_and_planted_verbs_found() -> None:
    rng = random.Random(13)
    docs = sorted(TEXT.glob("A_RES_80_*.txt"))
    rolled = planted = 0
    for path in rng.sample(docs, 25):
        doc = diffcore.load(str(path))
        new = rolled_over(doc)
        if new is not None:
            cmp = compare(doc, new, classify=True)
            hunks = [h for c in cmp.changes for h in c.hunk_classes]
            assert hunks and set(hunks) == {"technical"}, (doc.label, Counter(hunks))
            assert {c.cls for c in cmp.changes if c.is_change} == {"technical"}, doc.label
            rolled += 1
        for edited, truth in planted_verbs(doc, rng):
            cmp = compare(doc, edited, classify=True)
            found = [v for v in cmp.verb_changes if v.paragraph == truth.paragraph]
            assert found and found[0].direction == truth.direction, (doc.label, truth)
            planted += 1
    assert rolled >= 20 and planted >= 20


@needs_corpus
def test_labelled_set_sample_precision_and_recall() -> None:
    pairs = series_pairs(CORPUS / "chains.json", TEXT)[::8]
    hand = hand_labels()
    confusion: Counter[tuple[str, str | None]] = Counter()
    for old, new in pairs:
        cmp = compare(diffcore.load(str(old)), diffcore.load(str(new)), classify=True)
        for item in label_changes(cmp, hand):
            confusion[(item.label, item.predicted)] += 1
    for cls in CHANGE_CLASSES:
        labelled = sum(n for (lab, _p), n in confusion.items() if lab == cls)
        predicted = sum(n for (_l, p), n in confusion.items() if p == cls)
        assert labelled >= 20, cls
        assert confusion[(cls, cls)] / predicted >= 0.95, (cls, confusion)
        assert confusion[(cls, cls)] / labelled >= 0.95, (cls, confusion)


@needs_corpus
def test_json_carries_classes_and_validates() -> None:
    cmp = classified_pair("A/RES/78/69", "A/RES/79/144")
    data = json.loads(comparison_json.render(cmp))
    assert data["schema"] == "resdiff.comparison/2"
    assert schema_errors(data) == []
    assert sum(data["classes"].values()) == sum(1 for c in data["changes"] if c["class"])
    for change in data["changes"]:
        for seg in change["diff"]:
            assert (len(seg) == 2) == (seg[0] == "=")
    assert data["verb_changes"][0]["direction"] in ("strengthened", "weakened")
    shown = json.loads(comparison_json.render(hidden(cmp, ["technical", "editorial"])))
    assert {c["class"] for c in shown["changes"]} <= {"substantive", None}
    assert shown["hidden"]["changes"] == data["classes"]["technical"] + data["classes"]["editorial"]
    assert schema_errors(shown) == []


@needs_corpus
def test_every_renderer_shows_the_summary_and_hides_what_it_is_told() -> None:
    cmp = hidden(classified_pair("A/RES/79/7", "A/RES/80/4"), ["technical"])
    line = summary_line(cmp)
    note = "hidden: 5 technical changes (--hide technical)"
    out = unified.render(cmp)
    assert f"# {line}\n# {note}\n" in out and "@@ PP" not in out and "@@ OP" not in out
    assert wdiff.render(cmp).startswith(f"# {line}\n# {note}\n\n")
    assert "[-" not in wdiff.render(cmp) and wdiff.render(cmp, changed_only=True) == "\n"
    for html in (sidebyside.render(cmp), redline.render(cmp)):
        assert f'<p class="classes">{line}</p>' in html and note in html
        assert "<del>" not in html.split('id="footnotes"')[0].split("<main")[1]
    msg = email_message.build(cmp)
    body = msg.get_body(("plain",))
    assert body is not None and line in body.get_content()
    # Not hidden, the classes show on each change.
    full = classified(classified_pair("A/RES/79/7", "A/RES/80/4"))
    assert '<span class="cls">technical</span>' in sidebyside.render(full)


def test_library_compare_is_unchanged_without_classify() -> None:
    a = diffcore.loads("The General Assembly,\n\n1. Decides to act at its eightieth session.\n")
    b = diffcore.loads("The General Assembly,\n\n1. Decides to act at its eighty-first session.\n")
    plain = diffcore.compare(a, b)
    assert not plain.classified and all(c.cls is None for c in plain.changes)
    done = classified(plain)
    assert classified(done) is done
    assert [c.cls for c in done.changes if c.is_change] == ["technical"]
    assert done.changes[0].diff == plain.changes[0].diff


@needs_corpus
def test_cli_hide_says_what_it_hid_and_refuses_unknown_classes() -> None:
    old, new = text_path("A/RES/79/7"), text_path("A/RES/80/4")
    proc = run_cli("compare", old, new, "--hide", "technical,editorial")
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1
    assert "# hidden: 5 technical changes (--hide editorial,technical)" in out
    bad = run_cli("compare", old, new, "--hide", "technical,cosmetic")
    err = bad.stderr.decode("utf-8")
    assert bad.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("resdiff: ") and "cosmetic" in err
