"""One document, several renderings: once normalized, they compare as all equal.

The renderings are made mechanically from real files, the way users get them: the
ODS export pasted without its trailer, the same text hard-wrapped like an email, and
PDF text layers whose lines break at other widths (each version of a PDF wraps
differently).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

import diffcore
from diffcore.model import Document

from .conftest import SEED_PATH, TEXT_DIR, evenly_spaced


def assert_same_paragraphs(a: Document, b: Document) -> None:
    cmp = diffcore.compare(a, b)
    bad = [(c.op, c.old, c.new) for c in cmp.changes if c.op != "equal" or c.renumbered]
    assert not bad, bad[:10]
    assert [p.id for p in a.paragraphs] == [p.id for p in b.paragraphs]
    assert [(f.marker, f.text) for f in a.footnotes] == [(f.marker, f.text) for f in b.footnotes]


def seed_body() -> str:
    if not SEED_PATH.exists():
        pytest.skip(f"seed not found at {SEED_PATH} (expected ../shared/corpus)")
    text = SEED_PATH.read_text(encoding="utf-8")
    body = text[: text.index("[Start1]<<ODS")]
    return body.split("\n", 1)[1]  # the leading "[Start1]" marker


def test_seed_pasted_without_trailer() -> None:
    ods = diffcore.load(str(SEED_PATH))
    pasted = diffcore.loads(seed_body())
    assert pasted.source_format == "text"
    assert_same_paragraphs(ods, pasted)
    for key in ("doc_type", "session", "agenda_items", "adopted_on", "draft_symbol", "title"):
        assert getattr(pasted.metadata, key) == getattr(ods.metadata, key), key


def test_seed_hard_wrapped_like_an_email() -> None:
    ods = diffcore.load(str(SEED_PATH))
    blocks = []
    for line in seed_body().split("\n"):
        if not line.strip():
            continue
        m = re.match(r"^\s*(\d+\.|\(\w+\))\t(.*)$", line)
        if m:  # a numbered paragraph: label, then the text wrapped under it
            blocks.append(textwrap.fill(f"{m.group(1)} {m.group(2)}", 72))
        else:
            blocks.append(textwrap.fill(line.strip(), 72))
    wrapped = diffcore.loads("\n\n".join(blocks) + "\n")
    assert wrapped.source_format == "text"
    assert_same_paragraphs(ods, wrapped)


LABEL = re.compile(r"^\s*(?:\d{1,3}\.|\([a-z]{1,4}\))(?:\s|$)")


def _starts_paragraph(prev: str, line: str) -> bool:
    """Where print starts a paragraph on a new line: a label, or a preambular opener."""
    if LABEL.match(line):
        return True
    word = line.strip().split(" ", 1)[0]
    return (
        prev.rstrip().endswith((",", ";", ".", ":")) and word[:1].isupper() and word.endswith("ing")
    )


def _join(lines: list[str]) -> str:
    out = ""
    for raw in lines:
        line = raw.strip()
        if out.endswith("-") and out[-2:-1].isalpha():
            out += line  # a line-end hyphen stays a hyphen: "self-" + "determination"
        else:
            out = f"{out} {line}" if out else line
    return out


def rewrap_text_layer(text: str, width: int) -> str:
    """Re-break running text at another width; furniture, labels and short lines stay."""
    pages = []
    for page in text.split("\n\n"):
        out: list[str] = []
        run: list[str] = []
        for line in page.split("\n"):
            long_prose = len(line.strip()) > 50 and not re.match(r"^\s*(\d+|\*)\s{1,2}\S", line)
            if run and (not long_prose or _starts_paragraph(run[-1], line)):
                out.extend(_wrap(run, width))
                run = []
            if long_prose:
                run.append(line)
            else:
                out.append(line)
        out.extend(_wrap(run, width))
        pages.append("\n".join(out))
    return "\n\n".join(pages)


def _wrap(run: list[str], width: int) -> list[str]:
    if len(run) < 2:
        return run
    return textwrap.wrap(_join(run), width, break_on_hyphens=False)


def _sample() -> list[Path]:
    files = sorted(TEXT_DIR.glob("*.txt")) if TEXT_DIR.is_dir() else []
    return evenly_spaced(files, 25)


@pytest.mark.parametrize("path", _sample(), ids=lambda p: p.name)
def test_text_layer_wrapped_differently(path: Path) -> None:
    original = path.read_text(encoding="utf-8")
    rewrapped = rewrap_text_layer(original, 64)
    assert rewrapped != original
    a = diffcore.loads(original)
    b = diffcore.loads(rewrapped)
    assert b.source_format == "pdf-text"
    cmp = diffcore.compare(a, b)
    bad = [(c.op, c.old, c.new) for c in cmp.changes if c.op != "equal"]
    assert not bad, bad[:10]


def test_sample_is_not_empty() -> None:
    if not TEXT_DIR.is_dir():
        pytest.skip(f"corpus not found at {TEXT_DIR} (expected ../shared/corpus)")
    assert len(_sample()) == 25
