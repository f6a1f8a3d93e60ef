"""The PDF reader against the text layers of the same documents, and bad PDFs."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import diffcore
from diffcore.errors import InputError
from diffcore.model import Document
from diffcore.worddiff import counts

from .conftest import CORPUS_DIR, REPO_ROOT, TEXT_DIR

PDF_DIR = CORPUS_DIR / "pdf"
PDFS = sorted(PDF_DIR.glob("*.pdf")) if PDF_DIR.is_dir() else []
pdfium = pytest.importorskip("pypdfium2")


def furniture(doc: Document) -> list[tuple[str, str]]:
    found = []
    job = doc.metadata.job_number or "\x00"
    for p in doc.paragraphs:
        t = p.text
        if (
            re.search(r"\*\d{6,}\*", t)
            or job in t
            or re.fullmatch(r"\d{1,3}/\d{1,3}", t.strip())
            or (doc.metadata.symbol and t.strip().rstrip("*") == doc.metadata.symbol)
            or re.search(r"_{5,}\s+\d{1,3}\s+[A-Z]", t)
            or "Please recycle" in t
        ):
            found.append((p.id, t[:80]))
    return found


_CACHE: dict[Path, tuple[Document, Document | None]] = {}


def read_pair(path: Path) -> tuple[Document, Document | None]:
    """The PDF and its text layer, read once for all tests of this module."""
    if path not in _CACHE:
        text_layer = TEXT_DIR / f"{path.stem}.txt"
        base = diffcore.load(str(text_layer)) if text_layer.exists() else None
        _CACHE[path] = (diffcore.load(str(path)), base)
    return _CACHE[path]


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdf_beats_text_layer(path: Path) -> None:
    doc, base = read_pair(path)
    assert doc.source_format == "pdf"
    assert not furniture(doc)
    if base is None:
        assert doc.paragraphs and doc.metadata.symbol
        return
    cmp = diffcore.compare(base, doc)
    missing = [c.old for c in cmp.changes if c.op == "deleted"]
    assert not missing, f"paragraphs of the text layer missing from the PDF: {missing}"
    assert not cmp.metadata, [(m.field, m.old, m.new) for m in cmp.metadata]


def test_words_agree_with_text_layers() -> None:
    if not PDFS:
        pytest.skip(f"no PDFs at {PDF_DIR} (expected ../shared/corpus)")
    removed = total = 0
    for path in PDFS:
        doc, base = read_pair(path)
        if base is None:
            continue
        total += sum(len(p.text.split()) for p in base.paragraphs)
        for c in diffcore.compare(base, doc).changes:
            if c.op != "equal":
                removed += counts(c.diff)[1]
    assert total > 500_000
    assert removed / total < 0.0005, f"{removed} of {total} words differ"


def _blank_pdf() -> bytes:
    doc = pdfium.PdfDocument.new()
    doc.new_page(612, 792)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_scanned_pdf_without_text_layer() -> None:
    with pytest.raises(InputError, match="no text layer"):
        diffcore.api.read_bytes(_blank_pdf(), "scan.pdf")


def test_truncated_pdf(tmp_path: Path) -> None:
    if not PDFS:
        pytest.skip(f"no PDFs at {PDF_DIR}")
    data = PDFS[0].read_bytes()
    with pytest.raises(InputError, match="damaged or truncated"):
        diffcore.api.read_bytes(data[: len(data) // 3], "cut.pdf")


def test_encrypted_pdf(tmp_path: Path) -> None:
    pikepdf = pytest.importorskip("pikepdf", reason="pikepdf (test extra) makes the encrypted file")
    if not PDFS:
        pytest.skip(f"no PDFs at {PDF_DIR}")
    target = tmp_path / "locked.pdf"
    with pikepdf.open(PDFS[0]) as pdf:
        pdf.save(target, encryption=pikepdf.Encryption(owner="o", user="secret"))
    with pytest.raises(InputError, match="encrypted"):
        diffcore.load(str(target))


@pytest.mark.parametrize("kind", ["blank", "cut"])
def test_cli_bad_pdf_one_line(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.pdf"
    if kind == "blank":
        path.write_bytes(_blank_pdf())
    else:
        if not PDFS:
            pytest.skip(f"no PDFs at {PDF_DIR}")
        path.write_bytes(PDFS[0].read_bytes()[:5000])
    res = subprocess.run(
        [sys.executable, "-c", "from cli import main; main()", "normalize", str(path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("resdiff:")
    assert "Traceback" not in res.stderr


def _pdf(name: str) -> Path:
    path = PDF_DIR / name
    if not path.is_file():
        pytest.skip(f"{path} not found (expected ../shared/corpus/pdf)")
    return path


def test_word_spaces_measured_between_advance_boxes() -> None:
    """ "of the" where the ink of "f" nearly meets "t"; one word where an italic title
    changes font inside a word ("Resolutions") or justification spaces letters apart."""
    doc, _ = read_pair(_pdf("A_80_L.16.pdf"))
    assert any(
        p.text.startswith("Taking note further of the recent recognition") for p in doc.paragraphs
    )
    doc, _ = read_pair(_pdf("A_RES_79_144.pdf"))
    assert "vol. I, Resolutions Adopted by the Conference" in doc.footnotes[5].text
    doc, _ = read_pair(_pdf("A_80_L.14.pdf"))
    assert "and seeking" in " ".join(p.text for p in doc.paragraphs)


def test_label_printed_without_its_full_stop() -> None:
    """A/RES/79/160 prints "26   Condemns" and "27   Affirms": the numbers are labels."""
    doc, _ = read_pair(_pdf("A_RES_79_160.pdf"))
    ops = [p.number for p in doc.paragraphs if p.kind == "operative"]
    assert ops == [str(k) for k in range(1, 76)]
    assert doc.paragraph("op26").text.startswith("Condemns without reservation")
