"""`resdiff history`: paragraph lives and word attribution across the chains of the corpus.

The acceptance check (tests/history_check.py) compares each history with the pairwise
comparisons it is built from and traces every word of the last version back through
them. `make test` runs it on an evenly spaced sample of ../shared/corpus/chains.json;
`make sweep` (RESDIFF_SWEEP=full) on all 188 chains.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import diffcore
from diffcore.history import History, Version, build
from diffcore.worddiff import tokenize
from renderers import history_html, history_json, history_text
from renderers.history_view import Labels

from .conftest import CORPUS_DIR, REPO_ROOT
from .conftest_corpus import run_cli
from .history_check import chain_versions, chains, check_history, text_path

FULL = os.environ.get("RESDIFF_SWEEP") == "full"
SAMPLE = 12
SCHEMA = REPO_ROOT / "diffcore" / "schemas" / "resdiff.history-1.schema.json"

pytestmark = pytest.mark.skipif(
    not (CORPUS_DIR / "chains.json").is_file(),
    reason=f"real-document corpus not found at {CORPUS_DIR} (expected ../shared/corpus)",
)


def _chain_params() -> list[Any]:
    if not (CORPUS_DIR / "chains.json").is_file():
        return []
    every = chains()
    if not FULL:
        step = max(1, len(every) // SAMPLE)
        every = every[::step][:SAMPLE]
    return [pytest.param(c, id=c["id"]) for c in every]


def _chain(chain_id: str) -> dict[str, Any]:
    return next(c for c in chains() if c["id"] == chain_id)


@pytest.fixture(scope="module")
def child_rights() -> History:
    """GA80-190, rights of the child: A/RES/78/187 -> A/C.3/80/L.20 -> A/RES/80/190."""
    return build(chain_versions(_chain("GA80-190")))


@pytest.mark.parametrize("chain", _chain_params())
def test_history_agrees_with_pairwise_comparisons(chain: dict[str, Any]) -> None:
    history = build(chain_versions(chain))
    assert check_history(history) == []


def test_all_chains_are_in_the_corpus() -> None:
    every = chains()
    assert len(every) == 188
    missing = [
        v["symbol"] for c in every for v in c["versions"] if not text_path(v["symbol"]).is_file()
    ]
    assert missing == []


def test_checker_catches_a_wrong_attribution(child_rights: History) -> None:
    """The acceptance check can fail: credit one run of words to another version."""
    attr = child_rights.attribution
    n = next(i for i, a in enumerate(attr) if any(k == 2 for k, _ in a.runs))
    runs = tuple((1 if k == 2 else k, t) for k, t in attr[n].runs)
    wrong = replace(
        child_rights, attribution=(*attr[:n], replace(attr[n], runs=runs), *attr[n + 1 :])
    )
    problems = check_history(wrong)
    assert problems and all("attributed to 1, traced to 2" in p for p in problems)


def test_checker_catches_a_lost_step(child_rights: History) -> None:
    life = next(life for life in child_rights.lives if len(life.steps) == 2)
    lives = tuple(replace(x, steps=x.steps[:1]) if x is life else x for x in child_rights.lives)
    assert "the lives' steps are not the comparisons' changes" in check_history(
        replace(child_rights, lives=lives)
    )


def test_amended_words_are_credited_to_the_adopted_text(child_rights: History) -> None:
    """A/C.3/80/L.63 replaced the fourth Buenos Aires conference in PP13 by the fifth, in
    Durban: words the adopted text (v3) introduced, next to words of A/RES/78/187 (v1)."""
    last = child_rights.versions[-1].document
    pp13 = next(a for a in child_rights.attribution if a.paragraph == "pp13")
    assert last.paragraph("pp13").text == "".join(t for _, t in pp13.runs)
    by_version = {k: " ".join(t for v, t in pp13.runs if v == k) for k in (0, 1, 2)}
    assert "Durban, South Africa, from 15 to 20 May 2022" in by_version[2]
    assert "fifth" in by_version[2].split()
    assert "Reaffirming the Vienna Declaration" in by_version[0]


def test_lives_say_when_a_paragraph_appeared_changed_and_was_dropped(
    child_rights: History,
) -> None:
    lives = child_rights.lives
    dropped = [life for life in lives if life.dropped is not None]
    later = [life for life in lives if life.appeared > 0]
    assert dropped and later
    for life in dropped:
        assert life.steps[-1].change.op in ("deleted", "merged") or not life.final
    # the last version's paragraphs in its reading order, each in exactly one life
    final = [pid for life in lives for pid in life.final]
    assert sorted(final) == sorted(p.id for p in child_rights.versions[-1].document.paragraphs)
    order = {p.id: n for n, p in enumerate(child_rights.versions[-1].document.paragraphs)}
    firsts = [order[life.final[0]] for life in lives if life.final]
    assert firsts == sorted(firsts)


def test_words_by_version_add_up(child_rights: History) -> None:
    last = child_rights.versions[-1].document
    words = sum(1 for p in last.paragraphs for t in tokenize(p.text) if any(c.isalnum() for c in t))
    assert sum(child_rights.words_by_version()) == words


def test_a_history_needs_two_versions() -> None:
    doc = diffcore.load(str(text_path("A/RES/80/190")))
    with pytest.raises(diffcore.InputError):
        build([Version(doc)])


def test_json_matches_schema_and_is_deterministic(child_rights: History) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    rendered = history_json.render(child_rights)
    data = json.loads(rendered)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema"] == "resdiff.history/1"
    assert [v["version"] for v in data["versions"]] == [1, 2, 3]
    steps = sum(len(life["steps"]) for life in data["lives"])
    assert steps == sum(len(c.changes) for c in child_rights.comparisons)
    assert rendered == history_json.render(build(chain_versions(_chain("GA80-190"))))


def test_html_escapes_text_and_shows_every_version(child_rights: History) -> None:
    last = child_rights.versions[-1].document
    para = last.paragraphs[3]
    hostile = replace(para, text=para.text + " <script>alert(1)</script>")
    doc = replace(last, paragraphs=(*last.paragraphs[:3], hostile, *last.paragraphs[4:]))
    history = build([*child_rights.versions[:-1], Version(doc, "adopted")])
    page = history_html.render(history)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    for v in history.versions:
        assert v.label in page
    assert page == history_html.render(history)


def test_text_report_names_versions_and_steps(child_rights: History) -> None:
    text = history_text.render(child_rights)
    assert text.startswith("resdiff history: 3 versions\n")
    assert "  v2  A/C.3/80/L.20  (draft)" in text
    assert "v3 modified" in text and "dropped in v2" in text
    assert "Who wrote A/RES/80/190 (v3)" in text
    assert "  v2 renumbered OP8 -> OP6: " in text  # an unchanged paragraph, renumbered


def test_step_descriptions(child_rights: History) -> None:
    labels = Labels(child_rights)
    views = [labels.step(s) for life in child_rights.lives for s in life.steps]
    renumbered = [v for v in views if v.op == "equal" and v.step.change.renumbered]
    assert renumbered and all(v.what.startswith("renumbered OP") for v in renumbered)
    assert {v.what for v in views if v.op == "equal" and not v.step.change.is_change} == {
        "unchanged"
    }
    assert all(v.what.startswith("modified ") for v in views if v.op == "modified")


# --- command line -----------------------------------------------------------------------


def _paths(*symbols: str) -> list[str]:
    return [str(text_path(s)) for s in symbols]


def test_cli_history_formats(tmp_path: Path) -> None:
    files = _paths("A/RES/78/187", "A/C.3/80/L.20", "A/RES/80/190")
    amendment = _paths("A/C.3/80/L.63")[0]
    out = tmp_path / "h.json"
    proc = run_cli("history", *files, "--amendment", amendment, "--format", "json", "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [a["fate"] for a in data["amendments"]] == ["adopted"]
    proc = run_cli("history", *files, "--format", "html")
    assert proc.returncode == 1 and proc.stdout.startswith("<!DOCTYPE html>")
    proc = run_cli("history", *files, "--color", "never")
    assert proc.returncode == 1 and "Who wrote A/RES/80/190" in proc.stdout


def test_cli_history_of_identical_versions_exits_0() -> None:
    path = _paths("A/RES/80/190")[0]
    proc = run_cli("history", path, path)
    assert proc.returncode == 0, proc.stderr


def test_cli_history_trouble_is_one_line(tmp_path: Path) -> None:
    one = _paths("A/RES/80/190")[0]
    cases = [
        (["history", one], "at least two versions"),
        (["history", "no-such-file.txt", one, "--db", str(tmp_path / "none.sqlite")], "no corpus"),
        (["history", one, one, "--amendment", "no-such-file.txt"], "no-such-file.txt"),
        (["history", one, one, "--amendment", one], "no amendment instructions found"),
        (["compare", one, one, "--amendment", one], "no amendment instructions found"),
        (["compare", one, one, "--amendment", one, "--format", "json"], "for JSON use"),
    ]
    for args, message in cases:
        proc = run_cli(*args)
        assert proc.returncode == 2, args
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("resdiff: "), proc.stderr
        assert message in proc.stderr


def test_cli_history_series_from_corpus(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    files = _paths("A/RES/78/187", "A/RES/80/190")
    added = run_cli("corpus", "add", *files, "--db", str(db), "-q")
    assert added.returncode == 0, added.stderr
    proc = run_cli("history", "--series", "A/RES/80/190", "--db", str(db), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert [v["label"] for v in data["versions"]] == ["A/RES/78/187", "A/RES/80/190"]
    symbols = run_cli(
        "history", "A/RES/78/187", "A/RES/80/190", "--db", str(db), "--format", "json"
    )
    assert json.loads(symbols.stdout)["lives"] == data["lives"]
