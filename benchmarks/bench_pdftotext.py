"""poppler `pdftotext` output against resdiff's own reading of the same PDF.

    .venv/bin/python benchmarks/bench_pdftotext.py [-v] [--viewer] [PDF ...]

For every PDF in ../shared/corpus/pdf (or those named), runs `pdftotext` plain and
`-layout`, normalizes the text, and compares it with `diffcore.compare` against the
PDF reader's document (pdfium, the reference). `--viewer` adds the text a user copies
out of Chromium's PDF viewer (select all, copy; see viewer_copy.py). Target (issue #10,
point 3): >= 98% of paragraphs equal, the same footnotes, the same metadata, <= 0.5% of
words differing.
`tests/test_pdftotext.py` checks the same figures on a sample with `measure` below.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from diffcore import Document, compare, load, loads  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from viewer_copy import viewer  # noqa: E402

PDF_DIR = ROOT.parent / "shared" / "corpus" / "pdf"
MODES = ("plain", "layout")


@dataclass(frozen=True)
class Agreement:
    """How one text rendering of a PDF agrees with the PDF reader's document."""

    name: str
    mode: str
    paragraphs: int  # in the PDF reading
    equal: int  # of those, aligned as equal (same text, number and notes)
    footnotes_same: bool
    metadata_same: bool
    words: int  # in the PDF reading
    words_differing: int  # added plus removed
    detected_as: str


def pdftotext(pdf: Path, mode: str) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if mode == "layout" else [])
    done = subprocess.run([*args, str(pdf), "-"], capture_output=True, check=True, timeout=120)
    return done.stdout.decode("utf-8")


def has_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


def words_of(doc: Document) -> int:
    return sum(1 for p in doc.paragraphs for t in p.text.split() if any(ch.isalnum() for ch in t))


def measure(
    pdf: Path, mode: str, reference: Document | None = None, text: str | None = None
) -> Agreement:
    """`text` is the rendering to measure; by default pdftotext's in `mode`."""
    ref = reference if reference is not None else load(str(pdf))
    doc = loads(text if text is not None else pdftotext(pdf, mode), pdf.stem + ".txt")
    cmp = compare(ref, doc)
    equal = sum(len(c.old) for c in cmp.changes if not c.is_change)
    summary = cmp.summary
    return Agreement(
        name=pdf.name,
        mode=mode,
        paragraphs=len(ref.paragraphs),
        equal=equal,
        footnotes_same=ref.footnotes == doc.footnotes,
        metadata_same=ref.metadata == doc.metadata,
        words=words_of(ref),
        words_differing=summary["words_added"] + summary["words_removed"],
        detected_as=doc.source_format,
    )


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    modes = (*MODES, "viewer") if "--viewer" in argv else MODES
    named = [Path(a) for a in argv if not a.startswith("-")]
    if not has_pdftotext():
        print("pdftotext not installed (Debian: poppler-utils)", file=sys.stderr)
        return 2
    files = named or (sorted(PDF_DIR.glob("*.pdf")) if PDF_DIR.is_dir() else [])
    if not files:
        print(f"no PDFs at {PDF_DIR} (expected ../shared/corpus/pdf)", file=sys.stderr)
        return 2
    results: dict[str, list[Agreement]] = {m: [] for m in modes}
    start = time.perf_counter()
    with ExitStack() as stack:
        copy = stack.enter_context(viewer(files[0].parent)) if "viewer" in modes else None
        for pdf in files:
            _measure_all(pdf, modes, copy, results, verbose)
    elapsed = time.perf_counter() - start
    print(f"{len(files)} PDFs, {' and '.join(modes)}, against the PDF reader")
    for mode in modes:
        _report(mode, results[mode])
    print(f"{elapsed:.1f} s")
    return 0


def _measure_all(
    pdf: Path,
    modes: tuple[str, ...],
    copy: Callable[[str], str | None] | None,
    results: dict[str, list[Agreement]],
    verbose: bool,
) -> None:
    ref = load(str(pdf))
    for mode in modes:
        text = None
        if mode == "viewer":
            assert copy is not None
            text = copy(pdf.name)
            if text is None:
                print(f"  viewer {pdf.name}: Chromium's viewer gave no text")
                continue
        a = measure(pdf, mode, ref, text)
        results[mode].append(a)
        if verbose and (
            a.equal < a.paragraphs
            or not a.footnotes_same
            or not a.metadata_same
            or a.words_differing
        ):
            print(
                f"  {mode:6} {a.name}: {a.equal}/{a.paragraphs} equal, "
                f"footnotes {'same' if a.footnotes_same else 'DIFFER'}, "
                f"metadata {'same' if a.metadata_same else 'DIFFER'}, "
                f"{a.words_differing} words differ, read as {a.detected_as}"
            )


def _report(mode: str, rs: list[Agreement]) -> None:
    paras = sum(r.paragraphs for r in rs)
    equal = sum(r.equal for r in rs)
    words = sum(r.words for r in rs)
    differing = sum(r.words_differing for r in rs)
    fn = sum(r.footnotes_same for r in rs)
    meta = sum(r.metadata_same for r in rs)
    print(
        f"{mode:6}: paragraphs equal {equal}/{paras} = {100 * equal / max(paras, 1):.2f}%; "
        f"footnotes same {fn}/{len(rs)}; metadata same {meta}/{len(rs)}; "
        f"words differing {differing}/{words} = {100 * differing / max(words, 1):.3f}%"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
