"""Start-up cost: each command imports only what it uses (issue #16, point 1).

Every case runs the command in a fresh interpreter and inspects `sys.modules` at the
end, so the assertions hold whatever the machine's speed: a text compare must not load
numpy, lxml, Jinja2, the email package, sqlite3, the corpus store or renderers it does
not use. Timing is `benchmarks/bench_startup.py`'s job.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO_ROOT, SEED_PATH, TEXT_DIR

OLD = TEXT_DIR / "A_80_L.8.txt"
NEW = TEXT_DIR / "A_RES_80_9.txt"

# Runs `cli.main(argv)` and prints its exit status, output size and loaded modules.
PROBE = """
import contextlib, io, json, sys
import cli
out = io.StringIO()
code = 0
try:
    with contextlib.redirect_stdout(out):
        cli.main(sys.argv[1:], prog_name="resdiff")
except SystemExit as exc:
    code = exc.code
print(json.dumps({"exit": code, "output": out.getvalue(), "modules": sorted(sys.modules)}))
"""

# Top-level packages no text command needs.
HEAVY = ("numpy", "lxml", "jinja2", "email", "sqlite3", "_sqlite3", "rapidfuzz", "pypdfium2")
# The web framework is for `resdiff serve` alone.
HEAVY += ("fastapi", "starlette", "uvicorn", "pydantic", "python_multipart", "anyio")
# The corpus package may load only its lazy __init__ and the thresholds the options show.
CORPUS_ALLOWED = {"diffcore.corpus", "diffcore.corpus.thresholds"}


def loaded_after(*argv: str) -> tuple[int, str, set[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        cwd=REPO_ROOT,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )
    result = json.loads(proc.stdout)
    return result["exit"], result["output"], set(result["modules"])


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def corpus_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith("diffcore.corpus")} - CORPUS_ALLOWED


def renderers_loaded(modules: set[str]) -> set[str]:
    return {m.split(".", 1)[1] for m in modules if m.startswith("renderers.")}


def need_pair() -> None:
    if not (OLD.exists() and NEW.exists()):
        pytest.skip(f"real-document corpus not found at {TEXT_DIR} (expected ../shared/corpus)")


@pytest.mark.parametrize(
    ("fmt", "renderers"),
    [
        ("json", {"comparison_json"}),
        ("unified", {"unified", "classes", "labels", "textdir", "textmarkup"}),
    ],
)
def test_text_compare_imports_only_what_it_uses(fmt: str, renderers: set[str]) -> None:
    need_pair()
    code, output, modules = loaded_after("compare", str(OLD), str(NEW), "--format", fmt)
    assert code in (0, 1), output
    if fmt == "json":
        assert json.loads(output)["schema"].startswith("resdiff.comparison")
    else:
        assert output.strip()
    assert heavy(modules) == []
    assert corpus_modules(modules) == set()
    # email_size holds the --max-message-size default the option list shows.
    assert renderers_loaded(modules) - {"email_size"} == renderers
    assert "diffcore.akn" not in modules and "diffcore.readers.html" not in modules


def test_normalize_seed_needs_no_aligner() -> None:
    if not SEED_PATH.exists():
        pytest.skip(f"seed document not found at {SEED_PATH} (expected ../shared/corpus)")
    code, output, modules = loaded_after("normalize", str(SEED_PATH))
    assert code == 0 and output.startswith("resdiff-text/1")
    assert heavy(modules) == []
    assert corpus_modules(modules) == set()
    assert {"diffcore.align", "diffcore.worddiff", "diff_match_patch"}.isdisjoint(modules)


def test_version_loads_no_reader() -> None:
    code, output, modules = loaded_after("--version")
    assert code == 0
    assert output.startswith("resdiff, version ")
    assert "importlib.metadata" not in modules  # the version is read from diffcore
    assert {m for m in modules if m.startswith(("diffcore.", "renderers."))} == {
        "diffcore.corpus",
        "diffcore.corpus.thresholds",
        "diffcore.errors",
        "diffcore.source",
        "renderers.email_size",
    }


def test_help_lists_every_command() -> None:
    code, output, _ = loaded_after("--help")
    assert code == 0
    commands = output.split("Commands:", 1)[1].split()
    for name in (
        "compare",
        "normalize",
        "email",
        "corpus",
        "reuse",
        "trace",
        "series",
        "concordance",
        "serve",
    ):
        assert name in commands


def test_version_matches_the_package_metadata() -> None:
    """`--version` reads diffcore.__version__; pyproject takes the version from there."""
    from importlib.metadata import version

    import diffcore

    assert diffcore.__version__ == version("resdiff")
    assert 'version = { attr = "diffcore.__version__" }' in (
        Path(REPO_ROOT) / "pyproject.toml"
    ).read_text(encoding="utf-8")


def test_console_script_answers_version_without_click() -> None:
    """The `resdiff` script (cli_entry.main) prints what click would, without click."""
    probe = (
        "import json, sys\n"
        "sys.argv = ['resdiff', '--version']\n"
        "import cli_entry\n"
        "cli_entry.main()\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO_ROOT,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )
    line, modules = proc.stdout.split("\n", 1)
    assert "click" not in json.loads(modules)
    _, via_click, _ = loaded_after("--version")
    assert line + "\n" == via_click


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\xef\xbb\xbb<?xml version='1.0'?><x/>", "xml"),  # bytes-level BOM strip, as before
        (b"\xff\xfe" + "<html><p>x</p></html>".encode("utf-16-le"), "html"),
        (b"\xef\xbb\xbf\n <akomaNtoso><doc/></akomaNtoso>", "akn"),
        (b"   \n1. Decides to convene the meeting;\n", None),
        (b"\x80<html><body><p>x</p></body></html>", "html"),  # undecodable byte ignored
    ],
)
def test_sniffing_without_markup_readers_keeps_its_answers(data: bytes, kind: str | None) -> None:
    """Text that cannot open with a tag is ruled out before lxml is imported; the
    answers for markup are those of the AKN, HTML and XML checks."""
    from diffcore.readers import sniff_markup

    assert sniff_markup(data) == kind
