"""One document in five formats: text layer, PDF, DOCX, HTML and Akoma Ntoso.

DOCX, HTML and AKN are built from the normalized text layer (by the test generators
and by resdiff's AKN writer) and read back through the full `diffcore.load` path, so
format detection, the readers and the structure builder are all exercised. The PDF
is the original file in the shared corpus: it must not lose a paragraph of the text
layer and must agree on the words (the PDF reader sometimes splits a paragraph the
text layer ran together, which is why its check is not "all equal").
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

import diffcore
from diffcore import akn
from diffcore.model import Document

from .conftest import CORPUS_DIR, REPO_ROOT, TEXT_DIR
from .docxgen import document_to_docx
from .test_html_akn import to_html

STEMS = ["A_RES_80_9", "A_80_L.8", "A_C.3_80_L.4", "A_RES_79_7", "A_RES_80_6", "A_RES_78_8"]


def _docs(stem: str) -> Document:
    path = TEXT_DIR / f"{stem}.txt"
    if not path.exists():
        pytest.skip(f"corpus not found at {TEXT_DIR} (expected ../shared/corpus)")
    return diffcore.load(str(path))


def _all_equal(a: Document, b: Document) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    cmp = diffcore.compare(a, b)
    return [(c.op, c.old, c.new) for c in cmp.changes if c.op != "equal" or c.renumbered]


@pytest.mark.parametrize("stem", STEMS)
def test_five_formats_agree(stem: str, tmp_path: Path) -> None:
    text = _docs(stem)
    built = {
        "docx": document_to_docx(text),
        "html": to_html(text).encode("utf-8"),
        "akn": akn.write(text),
    }
    for fmt, data in built.items():
        path = tmp_path / f"{stem}.{fmt}"
        path.write_bytes(data)
        doc = diffcore.load(str(path))
        assert doc.source_format in (fmt, "akn"), (fmt, doc.source_format)
        assert not _all_equal(text, doc), (fmt, _all_equal(text, doc)[:5])
        assert [f.text for f in doc.footnotes] == [f.text for f in text.footnotes], fmt
    pdf = CORPUS_DIR / "pdf" / f"{stem}.pdf"
    if pdf.exists():
        from_pdf = diffcore.load(str(pdf))
        cmp = diffcore.compare(text, from_pdf)
        assert not [c for c in cmp.changes if c.op == "deleted"]
        changed = [c for c in cmp.changes if c.op not in ("equal", "split")]
        assert all(c.similarity >= 0.98 for c in changed), [(c.old, c.similarity) for c in changed]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from cli import main; main()", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_other_xml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    )
    res = run_cli("normalize", str(path))
    assert res.returncode == 2 and res.stderr.count("\n") == 1
    assert "root:" not in res.stdout + res.stderr


def test_akn_text_is_read_before_any_folding() -> None:
    doc = diffcore.loads("The General Assembly,\n\n1. Decides to act;\n")
    para = doc.paragraphs[1]
    tweaked = dataclasses.replace(para, text="Decides to act\u00a0now;")
    doc = dataclasses.replace(doc, paragraphs=(doc.paragraphs[0], tweaked))
    again = diffcore.loads(akn.write(doc).decode("utf-8"))
    assert again.paragraphs[1].text == "Decides to act\u00a0now;"


def test_control_characters_never_reach_output(tmp_path: Path) -> None:
    path = tmp_path / "ctl.txt"
    path.write_bytes(b"The General Assembly,\n\n1. Decides \x07to act;\n")
    res = run_cli("normalize", str(path), "--format", "akn")
    assert res.returncode == 0, res.stderr
    assert "Decides to act;" in res.stdout
