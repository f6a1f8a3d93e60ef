"""The JSON answers of `reuse`, `trace` and `series` follow their published schemas.

Built from real documents (a yearly series and the 2017/2025 declarations) and run
through the command line, as users get them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from .conftest import REPO_ROOT, SEED_PATH, TEXT_DIR

SCHEMAS = REPO_ROOT / "diffcore" / "schemas"
FILES = ["A_RES_78_7.txt", "A_RES_79_7.txt", "A_80_L.6.txt", "A_RES_80_4.txt", "A_RES_80_9.txt"]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not TEXT_DIR.is_dir():
        pytest.skip(f"real-document corpus not found at {TEXT_DIR}")
    path = tmp_path_factory.mktemp("corpus") / "c.sqlite"
    paths = [str(TEXT_DIR / name) for name in FILES] + [str(SEED_PATH)]
    done = cli("corpus", "add", *paths, "--db", str(path), "-q")
    assert done.returncode == 0, done.stderr
    return path


def check(kind: str, text: str) -> dict[str, Any]:
    schema = json.loads((SCHEMAS / f"resdiff.{kind}-1.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data: dict[str, Any] = json.loads(text)
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert not errors, errors[:5]
    return data


@pytest.mark.parametrize("symbol", ["A/RES/80/4", "A/RES/80/9", "A/RES/72/1"])
def test_reuse_json_follows_its_schema(db: Path, symbol: str) -> None:
    done = cli("reuse", symbol, "--db", str(db), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = check("reuse", done.stdout)
    assert data["document"]["symbol"] == symbol
    statuses = [p["reuse"] for p in data["paragraphs"] if p["words"]]
    assert data["summary"]["new_paragraphs"] == statuses.count("new")
    again = cli("reuse", symbol, "--db", str(db), "--format", "json")
    assert again.stdout == done.stdout  # byte-identical run to run


def test_reuse_json_of_a_file_not_in_the_corpus(db: Path, tmp_path: Path) -> None:
    """A draft edited by hand: not stored, still answered, still to the schema."""
    text = (TEXT_DIR / "A_RES_80_4.txt").read_text("utf-8")
    edited = tmp_path / "draft.txt"
    edited.write_text(text.replace("Once again urges", "Urges once more"), "utf-8")
    done = cli("reuse", str(edited), "--db", str(db), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = check("reuse", done.stdout)
    assert data["document"]["id"] is None
    assert data["sources"][0]["document"]["symbol"] == "A/RES/79/7"


def test_trace_and_series_json_follow_their_schemas(db: Path) -> None:
    done = cli("trace", "A/RES/80/4", "PP1", "--db", str(db), "--format", "json")
    assert done.returncode == 0, done.stderr
    steps = check("trace", done.stdout)["steps"]
    assert [s["document"]["symbol"] for s in steps] == ["A/RES/80/4", "A/RES/79/7", "A/RES/78/7"]
    done = cli("series", "A/RES/80/4", "--db", str(db), "--format", "json")
    assert done.returncode == 0, done.stderr
    series = check("series", done.stdout)
    assert [s["document"]["symbol"] for s in series["steps"]] == [
        "A/RES/78/7",
        "A/RES/79/7",
        "A/RES/80/4",
    ]
    assert series["steps"][0]["changes_from_previous"] is None
