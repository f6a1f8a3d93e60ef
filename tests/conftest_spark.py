"""The SQLite side of test_spark.py's synthetic corpus, built in a child process.

The reference (10,000 synthetic documents stored with links, which is what `corpus
reindex` writes) and the export the Spark job reads take some 160 CPU-seconds (120 in
the child, 40 in the `prepare` worker it starts), all before the job can start. When
test_spark.py is among the tests a session runs, conftest.py starts this child as soon
as collection ends, so the Spark module finds its input ready; the tests before it
share the machine with the child meanwhile (BENCHMARKS.md, "At `33de677`"). Run alone,
the module starts it itself.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
import threading
import traceback
from contextlib import closing
from multiprocessing import get_context
from pathlib import Path

import pytest

from .conftest import REPO_ROOT, TEXT_DIR

SYNTHETIC_DOCS = 10_000


def _ingest_and_export(db: Path, reference: Path, export: Path, n: int, errors: Path) -> None:
    """The SQLite path over n synthetic documents (`prepare` in a worker process and the
    writer with links, as `corpus add` stores them), kept as the reference; and the
    export of the store, written from the prepared keys as each document is stored."""
    os.setpgrp()  # its own process group, with the worker it starts: `stop` ends both
    try:
        if str(REPO_ROOT / "benchmarks") not in sys.path:
            sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
        from bench_spark import build_store

        build_store(db, n, links=True, export=export)
        with closing(sqlite3.connect(db)) as conn, closing(sqlite3.connect(reference)) as copy:
            conn.backup(copy)
    except BaseException:
        errors.write_text(traceback.format_exc(), encoding="utf-8")
        raise SystemExit(1) from None


class SyntheticBuild:
    """The child building the synthetic corpus's store, reference and export in `work`."""

    def __init__(self, work: Path, n: int = SYNTHETIC_DOCS) -> None:
        self.work = work
        self.paths = (work / "synthetic.sqlite", work / "reference.sqlite", work / "in")
        self._errors = work / "errors.txt"
        # A process of its own, not a pool's (daemonic) worker: it starts the `prepare`
        # worker of `corpus add` itself.
        self._child = get_context("spawn").Process(
            target=_ingest_and_export, args=(*self.paths, n, self._errors)
        )
        self._child.start()
        self._stopped = threading.Event()

    def wait(self) -> tuple[Path, Path, Path]:
        """The three paths, once the child has finished; its traceback if it failed."""
        while self._child.exitcode is None:
            if self._stopped.is_set():
                raise RuntimeError("the synthetic corpus's build was stopped")
            self._child.join(0.5)
        if self._child.exitcode != 0:
            shown = self._errors.read_text("utf-8") if self._errors.exists() else ""
            raise RuntimeError(f"the synthetic corpus's build failed:\n{shown}")
        return self.paths

    def stop(self) -> None:
        """End the child, finished or not (a session stopped early must not wait)."""
        self._stopped.set()
        if self._child.exitcode is None and self._child.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._child.pid, signal.SIGTERM)
        self._child.join()


_KEY = pytest.StashKey[SyntheticBuild]()


def spark_runnable() -> bool:
    """Whether test_spark.py would run here rather than skip."""
    return (
        all(importlib.util.find_spec(m) is not None for m in ("pyspark", "pyarrow"))
        and shutil.which("java") is not None
        and TEXT_DIR.is_dir()
    )


def start_early(session: pytest.Session) -> None:
    """Start the build when collection selected a test of test_spark.py."""
    if session.config.option.collectonly:
        return
    if any(item.path.name == "test_spark.py" for item in session.items) and spark_runnable():
        work = Path(tempfile.mkdtemp(prefix="resdiff-spark-synthetic-"))
        session.config.stash[_KEY] = SyntheticBuild(work)


def stop_early(session: pytest.Session) -> None:
    build = session.config.stash.get(_KEY, None)
    if build is not None:
        build.stop()
        shutil.rmtree(build.work, ignore_errors=True)
        del session.config.stash[_KEY]


def started(config: pytest.Config) -> SyntheticBuild | None:
    """The build started with the session, if any."""
    return config.stash.get(_KEY, None)
