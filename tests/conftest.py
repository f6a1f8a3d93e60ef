"""Shared fixtures: the real-document corpus next to the repository.

The corpus lives outside the repository, at `../shared/corpus` from the repository
root (see its README). Tests that need it skip with a clear reason where it is absent.

Corpus samples are chosen deterministically (evenly spaced over the sorted file names)
so that a failure names the same file on every run and every machine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = REPO_ROOT.parent / "shared" / "corpus"
SEED_PATH = CORPUS_DIR / "seed" / "A_RES_72_1.ods.txt"
TEXT_DIR = CORPUS_DIR / "text"
SCHEMA_PATH = REPO_ROOT / "diffcore" / "schemas" / "resdiff.document-2.schema.json"

# Sample sizes for the parametrized corpus tests (see pytest_generate_tests).
IDEMPOTENCE_SAMPLE = 60
CLI_SAMPLE = 20

_MISSING = f"real-document corpus not found at {CORPUS_DIR} (expected ../shared/corpus)"


def _text_files() -> list[Path]:
    return sorted(TEXT_DIR.glob("*.txt")) if TEXT_DIR.is_dir() else []


def evenly_spaced(items: list[Path], n: int) -> list[Path]:
    """`n` items spread evenly over `items`, first and last included, order kept."""
    if len(items) <= n:
        return list(items)
    if n == 1:
        return [items[0]]
    return [items[round(i * (len(items) - 1) / (n - 1))] for i in range(n)]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def schema_path() -> Path:
    return SCHEMA_PATH


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS_DIR.is_dir():
        pytest.skip(_MISSING)
    return CORPUS_DIR


@pytest.fixture(scope="session")
def seed_path(corpus_dir: Path) -> Path:
    if not SEED_PATH.is_file():
        pytest.skip(f"seed document not found at {SEED_PATH}")
    return SEED_PATH


@pytest.fixture(scope="session")
def text_files(corpus_dir: Path) -> list[Path]:
    files = _text_files()
    if not files:
        pytest.skip(f"no PDF text layers (*.txt) found in {TEXT_DIR}")
    return files


@pytest.fixture(scope="session")
def text_sample(text_files: list[Path]) -> list[Path]:
    """The deterministic sample behind `sample_text_file`, as one list."""
    return evenly_spaced(text_files, IDEMPOTENCE_SAMPLE)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize `sample_text_file` / `cli_sample_file` over a deterministic corpus sample.

    Test ids are the file names, so a failure says which document broke. Where the
    corpus is absent the test is collected once and skipped with the reason.
    """
    for name, size in (("sample_text_file", IDEMPOTENCE_SAMPLE), ("cli_sample_file", CLI_SAMPLE)):
        if name not in metafunc.fixturenames:
            continue
        files = evenly_spaced(_text_files(), size)
        if files:
            metafunc.parametrize(name, files, ids=[f.stem for f in files])
        else:
            reason = _MISSING if not CORPUS_DIR.is_dir() else f"no *.txt files in {TEXT_DIR}"
            metafunc.parametrize(
                name, [pytest.param(None, marks=pytest.mark.skip(reason=reason))], ids=["corpus"]
            )


# --- Corpus database shared by test_corpus_store.py and test_corpus_quality.py -----------


@pytest.fixture(scope="session")
def full_corpus_db(text_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every text in ../shared/corpus/text, added by one uninterrupted `resdiff corpus add`.

    Built once per session (about 20 s); read it only, or copy it first
    (`conftest_corpus.copy_db`).
    """
    from .conftest_corpus import build_full_db

    return build_full_db(tmp_path_factory.mktemp("corpus") / "full.sqlite")


# Debian's Chromium, launched for the browser tests with no background traffic.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# --- The Spark module's synthetic corpus (tests/conftest_spark.py) -----------------------


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start building test_spark.py's synthetic corpus while the tests before it run."""
    from .conftest_spark import start_early

    start_early(session)


def pytest_sessionfinish(session: pytest.Session) -> None:
    from .conftest_spark import stop_early

    stop_early(session)
