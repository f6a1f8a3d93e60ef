"""`resdiff normalize` as a user runs it: a real process, real files, real exit codes."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import diffcore
from diffcore.model import Document

REPO_ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = REPO_ROOT / "diffcore" / "schemas" / "resdiff.document-2.schema.json"
# Runs the same entry point as the `resdiff` script, in whatever interpreter runs pytest.
CLI = [sys.executable, "-c", "from cli import main; main()"]
TIMEOUT = 60


def run_cli(
    *args: str | Path, stdin: bytes | None = None, cwd: Path = REPO_ROOT
) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    # `cli` is a top-level module of the repository; make it importable from anywhere.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [*CLI, *map(str, args)],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=TIMEOUT,
        check=False,
    )


@cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def schema_errors(instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message[:300]}"
        for e in validator().iter_errors(instance)
    ]


def normalize_json(path: str | Path) -> dict[str, Any]:
    proc = run_cli("normalize", path, "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stderr == b""
    data: dict[str, Any] = json.loads(proc.stdout.decode("utf-8"))
    return data


def paragraph_dicts(doc: Document) -> list[dict[str, Any]]:
    return [p.to_dict() for p in doc.paragraphs]


def assert_one_line_error(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert err.endswith("\n"), repr(err)
    assert lines[0].startswith("resdiff: "), err
    assert len(lines[0]) > len("resdiff: "), err
    assert proc.stdout == b"", proc.stdout[:200]
    return lines[0]


# --------------------------------------------------------------------------- schema


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def _walk_objects(node: Any, path: str = "#") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        found.append((path, node))
        for key, value in node.items():
            found.extend(_walk_objects(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_walk_objects(value, f"{path}/{i}"))
    return found


def test_schema_is_strict_and_documented() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    for path, node in _walk_objects(schema):
        if "properties" in node and "/allOf/" not in path:
            assert node.get("additionalProperties") is False, path
            assert set(node.get("required", [])) == set(node["properties"]), path
            for key, prop in node["properties"].items():
                assert prop.get("description"), f"{path}/properties/{key} has no description"


def test_schema_fields_match_the_model() -> None:
    from diffcore.model import Footnote, Metadata, Paragraph

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    meta = schema["properties"]["metadata"]["properties"]
    para = schema["$defs"]["paragraph"]["properties"]
    note = schema["$defs"]["footnote"]["properties"]
    assert list(meta) == list(Metadata().to_dict())
    assert list(para) == list(Paragraph(id="x", kind="text", text="x").to_dict())
    assert list(note) == list(Footnote("1", "x").to_dict())
    assert para["kind"]["enum"] == ["preambular", "operative", "subparagraph", "heading", "text"]
    assert meta["session"]["type"] == ["integer", "null"]
    assert meta["agenda_items"]["type"] == "array"
    assert meta["agenda_items"]["items"]["type"] == "string"


def test_seed_json_validates(seed_path: Path) -> None:
    data = normalize_json(seed_path)
    assert schema_errors(data) == []
    assert data["schema"] == "resdiff.document/2"
    assert data["source"] == {"name": str(seed_path), "format": "ods-text"}
    assert data["metadata"]["symbol"] == "A/RES/72/1"
    assert [p["id"] for p in data["paragraphs"]] == [
        p.id for p in diffcore.load(str(seed_path)).paragraphs
    ]


def test_json_matches_library(seed_path: Path) -> None:
    data = normalize_json(seed_path)
    doc = diffcore.load(str(seed_path))
    assert data["metadata"] == doc.metadata.to_dict()
    assert data["paragraphs"] == paragraph_dicts(doc)
    assert data["footnotes"] == [fn.to_dict() for fn in doc.footnotes]


def test_corpus_json_validates(cli_sample_file: Path) -> None:
    data = normalize_json(cli_sample_file)
    assert schema_errors(data) == []
    assert data["source"]["format"] == "pdf-text"


def test_schema_rejects_extra_and_missing_keys(seed_path: Path) -> None:
    data = normalize_json(seed_path)
    extra = json.loads(json.dumps(data))
    extra["paragraphs"][0]["extra"] = 1
    assert schema_errors(extra)
    missing = json.loads(json.dumps(data))
    del missing["metadata"]["job_number"]
    assert schema_errors(missing)
    bad_kind = json.loads(json.dumps(data))
    bad_kind["paragraphs"][0]["kind"] = "annex"
    assert schema_errors(bad_kind)
    bad_session = json.loads(json.dumps(data))
    bad_session["metadata"]["session"] = "72"
    assert schema_errors(bad_session)


# --------------------------------------------------------------------------- I/O


def test_output_file(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    proc = run_cli("normalize", seed_path, "--format", "json", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    assert proc.stderr == b""
    written = out.read_bytes()
    assert written == run_cli("normalize", seed_path, "--format", "json").stdout
    assert schema_errors(json.loads(written.decode("utf-8"))) == []


def test_output_file_text(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.txt"
    proc = run_cli("normalize", seed_path, "--output", out)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    assert out.read_bytes() == run_cli("normalize", seed_path).stdout
    assert b"\r" not in out.read_bytes()


def test_output_to_unwritable_place_is_one_line_error(seed_path: Path, tmp_path: Path) -> None:
    proc = run_cli("normalize", seed_path, "-o", tmp_path / "no" / "such" / "dir" / "x.txt")
    assert_one_line_error(proc)


def test_stdin(seed_path: Path) -> None:
    from_file = run_cli("normalize", seed_path, "--format", "json")
    from_stdin = run_cli("normalize", "-", "--format", "json", stdin=seed_path.read_bytes())
    assert from_stdin.returncode == 0, from_stdin.stderr
    data = json.loads(from_stdin.stdout)
    assert schema_errors(data) == []
    assert data["source"]["name"] == "<stdin>"
    expected = json.loads(from_file.stdout)
    assert data["paragraphs"] == expected["paragraphs"]
    assert data["metadata"] == expected["metadata"]
    assert data["footnotes"] == expected["footnotes"]


def test_text_output_reads_back_to_same_document(seed_path: Path) -> None:
    proc = run_cli("normalize", seed_path, "--format", "text")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")
    assert text.startswith("resdiff-text/1\n")
    original = diffcore.load(str(seed_path))
    again = diffcore.loads(text)
    assert paragraph_dicts(again) == paragraph_dicts(original)
    assert again.footnotes == original.footnotes
    assert again.metadata == original.metadata


def test_text_output_normalizes_to_itself(seed_path: Path, tmp_path: Path) -> None:
    """normalize(normalize(x)) == normalize(x), through the CLI, file and stdin."""
    first = run_cli("normalize", seed_path)
    assert first.returncode == 0, first.stderr
    canon = tmp_path / "seed.resdiff.txt"
    canon.write_bytes(first.stdout)
    second = run_cli("normalize", canon)
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    third = run_cli("normalize", "-", stdin=first.stdout)
    assert third.stdout == first.stdout
    as_json = json.loads(run_cli("normalize", canon, "--format", "json").stdout)
    assert as_json["source"]["format"] == "resdiff-text"
    assert schema_errors(as_json) == []


def test_corpus_text_output_reads_back(cli_sample_file: Path) -> None:
    proc = run_cli("normalize", cli_sample_file)
    assert proc.returncode == 0, proc.stderr
    again = diffcore.loads(proc.stdout.decode("utf-8"))
    assert paragraph_dicts(again) == paragraph_dicts(diffcore.load(str(cli_sample_file)))


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "name, encode",
    [
        ("utf8-bom.txt", lambda s: b"\xef\xbb\xbf" + s.encode("utf-8")),
        ("utf16-bom.txt", lambda s: s.encode("utf-16")),
        ("utf16le-bom.txt", lambda s: b"\xff\xfe" + s.encode("utf-16-le")),
        ("utf16be-bom.txt", lambda s: b"\xfe\xff" + s.encode("utf-16-be")),
        ("crlf.txt", lambda s: s.replace("\n", "\r\n").encode("utf-8")),
    ],
)
def test_encodings_read_like_plain_seed(
    seed_path: Path, tmp_path: Path, name: str, encode: Any
) -> None:
    text = seed_path.read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(encode(text))
    plain = normalize_json(seed_path)
    other = normalize_json(path)
    assert other["paragraphs"] == plain["paragraphs"]
    assert other["footnotes"] == plain["footnotes"]
    assert other["metadata"] == plain["metadata"]
    assert "\ufeff" not in json.dumps(other, ensure_ascii=False)


def test_utf16_via_library(seed_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "seed16.txt"
    path.write_bytes(seed_path.read_text(encoding="utf-8").encode("utf-16"))
    assert diffcore.load(str(path)).paragraphs == diffcore.load(str(seed_path)).paragraphs


# --------------------------------------------------------------------------- bad input


def _random_bytes_with_nuls(size: int) -> bytes:
    rng = random.Random(20240501)
    data = bytearray(rng.randrange(256) for _ in range(size))
    for i in range(0, size, 7):
        data[i] = 0
    return bytes(data)


BAD_CONTENT = {
    "empty": b"",
    "whitespace-only": b"  \n\t\n\r\n   \n",
    "random-bytes-with-nuls": _random_bytes_with_nuls(4096),
    "nul-bytes-only": b"\x00" * 512,
    "text-with-nul": b"Recalling its resolution 64/293,\n\x00\x00\x00\x00\n1.\tDecides;\n",
    "latin-1": "caf\xe9".encode("latin-1"),
    "latin-1-longer": "The General Assembly,\n\n1.\tWelcomes the caf\xe9 proposal;\n".encode(
        "latin-1"
    ),
    "bom-then-binary": b"\xef\xbb\xbf" + bytes(range(0, 32)) * 40,
    "utf16-bom-lone-surrogate": b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8",
    "pdf-magic": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n",
    "zip-magic": b"PK\x03\x04" + b"\x00" * 60,
}


@pytest.mark.parametrize("name", sorted(BAD_CONTENT))
def test_bad_content_is_one_line_error(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(BAD_CONTENT[name])
    line = assert_one_line_error(run_cli("normalize", path))
    assert str(path) in line


@pytest.mark.parametrize("name", ["empty", "whitespace-only", "random-bytes-with-nuls", "latin-1"])
def test_bad_stdin_is_one_line_error(name: str) -> None:
    line = assert_one_line_error(run_cli("normalize", "-", stdin=BAD_CONTENT[name]))
    assert "<stdin>" in line


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-file.txt"
    line = assert_one_line_error(run_cli("normalize", missing))
    assert str(missing) in line


def test_directory(tmp_path: Path) -> None:
    line = assert_one_line_error(run_cli("normalize", tmp_path))
    assert str(tmp_path) in line


@pytest.mark.parametrize("binary", ["/bin/ls", sys.executable])
def test_executable_binary(binary: str) -> None:
    if not Path(binary).is_file():
        pytest.skip(f"{binary} not present on this system")
    assert_one_line_error(run_cli("normalize", binary))


def test_over_max_size(seed_path: Path) -> None:
    size = seed_path.stat().st_size
    line = assert_one_line_error(run_cli("normalize", seed_path, "--max-size", str(size - 1)))
    assert str(seed_path) in line
    ok = run_cli("normalize", seed_path, "--max-size", str(size))
    assert ok.returncode == 0, ok.stderr


def test_stdin_over_max_size(seed_path: Path) -> None:
    data = seed_path.read_bytes()
    line = assert_one_line_error(
        run_cli("normalize", "-", "--max-size", str(len(data) - 1), stdin=data)
    )
    assert "<stdin>" in line
