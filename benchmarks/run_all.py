"""Every benchmark BENCHMARKS.md cites, one after the other, with the commit measured.

    .venv/bin/python benchmarks/run_all.py --quick   (make bench-quick: the small cases)
    .venv/bin/python benchmarks/run_all.py           (make bench-all: the figures as cited)
    .venv/bin/python benchmarks/run_all.py --only compare startup

The full run is the re-measure for BENCHMARKS.md: each benchmark with the arguments of
its section there (the hours-long ones included: the 100,000-document corpus, the
pdftotext and concordance sweeps), so the figures of every section come from one
commit, printed at the top. The quick run gives each benchmark its smallest useful
case, to check they all still run (about 3 minutes on a quiet machine). Run it on a
quiet machine for figures: the timings of a loaded one are not comparable.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _common import CORPUS_DIR, REPO_ROOT, print_facts, table


@dataclass(frozen=True)
class Bench:
    name: str  # short key for --only
    section: str  # the BENCHMARKS.md section the full run's figures go to
    full: tuple[str, ...]  # arguments as BENCHMARKS.md cites them
    quick: tuple[str, ...]
    runner: str = "python"  # or "pytest"
    target_exit: bool = False  # exits 1 when its target is missed (not a failure to run)


def first_pdfs(n: int) -> tuple[str, ...]:
    """The first `n` shared PDFs, for the quick pdftotext case."""
    return tuple(str(p) for p in sorted((CORPUS_DIR / "pdf").glob("*.pdf"))[:n])


LANGS = "en,fr,es,ru,ar,zh"
BENCHES = (
    Bench("startup", "Start-up", ("bench_startup.py",), ("bench_startup.py", "--quick")),
    Bench("guard", "Regression guard", ("guard.py",), ("guard.py", "--rounds", "5")),
    Bench(
        "normalize",
        "Normalize",
        ("bench_normalize.py",),
        ("bench_normalize.py", "--passes", "1"),
    ),
    Bench("compare", "Compare", ("bench_compare.py",), ("bench_compare.py", "--quick")),
    Bench("render", "Reports", ("bench_render.py",), ("bench_render.py", "--quick")),
    Bench(
        "alignment",
        "Alignment quality",
        ("alignment_quality.py",),
        ("alignment_quality.py", "--docs", "5", "--per-doc", "1"),
    ),
    Bench("pdf", "PDF reader", ("bench_pdf.py",), ("bench_pdf.py", "--quick")),
    Bench(
        "pdftotext",
        "Other extractors: pdftotext",
        ("bench_pdftotext.py", "-v"),
        ("bench_pdftotext.py", *first_pdfs(2)),
    ),
    Bench(
        "corpus",
        "Corpus store on the real corpus",
        ("bench_corpus.py", "--runs", "3", "--queries", "60"),
        ("bench_corpus.py", "--runs", "1", "--queries", "5"),  # ingests all 1,202 texts
        target_exit=True,
    ),
    Bench(
        "language-reuse",
        "Reuse in every language",
        ("bench_language_reuse.py", "--queries", "40"),
        ("bench_language_reuse.py", "--limit", "5", "--queries", "5"),
    ),
    Bench(
        "reuse-quality",
        "Reuse detection quality",
        ("-q", "-s", "tests/test_corpus_quality.py"),
        (),  # builds the whole corpus database: no small case
        runner="pytest",
    ),
    Bench(
        "corpus-scale",
        "Corpus store at scale",
        (
            "bench_corpus_scale.py",
            "--n",
            "100000",
            "--sample",
            "1000",
            "--db",
            "{work}/scale.sqlite",
        ),
        ("bench_corpus_scale.py", "--n", "200", "--sample", "10"),
        target_exit=True,
    ),
    Bench(
        "ingest-growth",
        "Why ingest slows as the corpus grows",
        # the same documents into a 10,000-document store and corpus-scale's 100,000
        (
            "bench_ingest_growth.py",
            "--large",
            "{work}/scale.sqlite",
            "--large-n",
            "100000",
            "--rounds",
            "2",
            "--work",
            "{work}/growth",
        ),
        (
            "bench_ingest_growth.py",
            "--large",
            "{work}/growth-quick/large.sqlite",
            "--large-n",
            "600",
            "--small-n",
            "200",
            "--extra",
            "40",
            "--rounds",
            "1",
            "--work",
            "{work}/growth-quick",
        ),
    ),
    Bench(
        "akn4un",
        "AKN4UN cross-check",
        ("akn4un_crosscheck.py", "-v"),
        ("akn4un_crosscheck.py", "--limit", "20"),
    ),
    Bench(
        "languages-alignment",
        "Languages: alignment quality",
        ("alignment_quality.py", "--languages", LANGS, "--docs", "60", "--per-doc", "5"),
        ("alignment_quality.py", "--languages", LANGS, "--docs", "2", "--per-doc", "1"),
    ),
    Bench(
        "languages-speed",
        "Languages: speed",
        ("bench_languages.py", "--docs", "60", "--passes", "3"),
        ("bench_languages.py", "--docs", "3", "--passes", "1"),
    ),
    Bench(
        "language-structure",
        "Language versions",
        ("language_structure.py",),
        ("language_structure.py",),  # no smaller case; about 10 s
        target_exit=True,
    ),
    Bench(
        "concordance",
        "Concordance of the six language versions",
        ("concordance_quality.py", "--findings", "findings.tsv"),
        ("concordance_quality.py", "--limit", "2"),
    ),
    Bench(
        "classification",
        "Change classes",
        ("classification_quality.py",),
        ("classification_quality.py", "--limit", "3"),
    ),
    Bench(
        "classification-speed",
        "Change classes",
        ("bench_classify.py",),
        ("bench_classify.py", "--runs", "1"),
    ),
    Bench(
        "history",
        "History of a text and amendments",
        ("bench_history.py", "--runs", "5"),
        ("bench_history.py", "--runs", "1", "--versions", "3"),
    ),
    Bench(
        "search-quality",
        "Agreed-language search",
        ("search_quality.py", "--db", "{work}/real.sqlite", "--phrases", "200", "--seed", "14"),
        ("search_quality.py", "--phrases", "10"),
    ),
    Bench(
        "search",
        "Agreed-language search",
        # the 100,000-document store corpus-scale wrote (built here when run --only search)
        (
            "bench_search.py",
            "--real-db",
            "{work}/real.sqlite",
            "--scale-db",
            "{work}/scale.sqlite",
            "--phrases",
            "200",
            "--seed",
            "14",
        ),
        ("bench_search.py", "--skip-scale", "--phrases", "20"),
    ),
    Bench(
        "spark",
        "Corpus on Spark",
        # the job on the store corpus-scale wrote (run them together), links compared
        (
            "bench_spark.py",
            "--n",
            "100000",
            "--prefixes",
            "25000,50000",
            "--db",
            "{work}/scale.sqlite",
            "--keep",
            "{work}/spark",
        ),
        ("bench_spark.py", "--n", "300", "--prefixes", ""),
    ),
    Bench(
        "serve",
        "Web interface",
        ("bench_serve.py",),
        ("bench_serve.py", "--seconds", "3", "--warmup", "2", "--documents", "20"),
    ),
    Bench(
        "sweep-figures",
        "(make sweep-figures)",
        ("sweep_figures.py",),
        ("sweep_figures.py", "--family", "seed"),
    ),
)


def command(bench: Bench, quick: bool, work: Path) -> list[str] | None:
    """The benchmark's command; ``{work}`` is a folder the run shares between benchmarks
    (the 100,000-document store that corpus-scale writes, search and spark read)."""
    args = tuple(a.replace("{work}", str(work)) for a in (bench.quick if quick else bench.full))
    if not args:
        return None
    bindir = Path(sys.executable).parent
    if bench.runner == "pytest":
        return [str(bindir / "pytest"), *args]
    return [sys.executable, f"benchmarks/{args[0]}", *args[1:]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the small case of each")
    parser.add_argument("--only", nargs="+", choices=[b.name for b in BENCHES], default=None)
    args = parser.parse_args()
    print(f"# {'Quick run' if args.quick else 'Full run'} of the benchmarks")
    print()
    print_facts()
    rows: list[list[str]] = []
    failed = 0
    start = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="resdiff-bench-"))
    for bench in BENCHES:
        if args.only and bench.name not in args.only:
            continue
        argv = command(bench, args.quick, work)
        if argv is None:
            rows.append([bench.name, bench.section, "-", "no small case"])
            continue
        shown = " ".join(argv).replace(sys.executable, ".venv/bin/python")
        shown = shown.replace(str(Path(sys.executable).parent), ".venv/bin")
        print(f"## {bench.section}: `{shown}`", flush=True)
        print(flush=True)
        t0 = time.perf_counter()
        code = subprocess.run(argv, cwd=REPO_ROOT, check=False).returncode
        seconds = time.perf_counter() - t0
        status = "ok" if code == 0 else f"exit {code}"
        if code == 1 and bench.target_exit:
            status += " (target missed)"
        elif code != 0:
            failed += 1
        rows.append([bench.name, bench.section, f"{seconds:.1f} s", status])
        print(flush=True)
    print("## Summary")
    print()
    print(table(["benchmark", "section of BENCHMARKS.md", "time", "status"], rows))
    print()
    shutil.rmtree(work, ignore_errors=True)
    print(f"total {time.perf_counter() - start:.0f} s; {failed} failed to run")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
