"""Reports on Arabic and Chinese texts: lang/dir markup, text outputs, email encoding.

Real AKN4UN texts from ../shared/corpus against edited copies (tests/multilingual.py);
the browser checks of the same reports are in test_browser_languages.py.
"""

from __future__ import annotations

import dataclasses
import re
from email import message_from_bytes, policy
from email.message import EmailMessage

import diffcore
from diffcore.comparison import Comparison
from diffcore.model import Document
from renderers import email_message, redline, sidebyside, textdir, unified, wdiff

from . import multilingual

ISOLATES = re.compile("[\u2066-\u2069]")


def with_language(doc: Document, lang: str | None) -> Document:
    return dataclasses.replace(doc, metadata=dataclasses.replace(doc.metadata, language=lang))


def strip_new_side(line: str) -> str:
    """The new text back from a wdiff line body: removals dropped, insertion marks removed."""
    line = ISOLATES.sub("", line)
    line = re.sub(r"\[-.*?-\]", "", line)
    return line.replace("{+", "").replace("+}", "")


def test_sidebyside_marks_each_side_and_mirrors_the_grid() -> None:
    html = sidebyside.render(multilingual.comparison("ar"))
    assert '<html lang="en" dir="ltr">' in html
    assert html.count('<div class="cell old" lang="ar" dir="rtl">') > 40
    assert html.count('<div class="cell new" lang="ar" dir="rtl">') > 40
    assert 'class="cell old">' not in html and 'class="cell new">' not in html
    assert '<div class="docs" dir="rtl">' in html
    assert re.search(r'<div class="row [^"]*" dir="rtl">', html)
    assert 'dir="ltr">' in html  # the English row heads and symbols stay left to right
    zh = sidebyside.render(multilingual.comparison("zh"))
    assert zh.count('<div class="cell new" lang="zh" dir="ltr">') > 40
    assert '<div class="docs" dir="ltr">' in zh


def test_each_side_carries_its_own_language() -> None:
    """English against Arabic: no mirrored grid, each column in its own language."""
    ar = with_language(diffcore.load(str(multilingual.source_path("ar"))), "ar")
    en_path = multilingual.AKN4UN / "en" / "A_RES_80_9.en.xml"
    en = with_language(diffcore.load(str(en_path)), "en")
    html = sidebyside.render(diffcore.compare(en, ar))
    assert '<div class="docs" dir="ltr">' in html
    assert '<div class="cell old" lang="en" dir="ltr">' in html
    assert '<div class="cell new" lang="ar" dir="rtl">' in html
    assert 'dir="rtl">' not in html.split('<div class="cell new"')[0].split("<main>")[1]


def test_unknown_language_is_not_guessed() -> None:
    cmp = multilingual.comparison("ar")
    old, new = with_language(cmp.old, None), with_language(cmp.new, 'ar" onload="x')
    html = sidebyside.render(diffcore.compare(old, new))
    assert '<div class="cell old" lang="" dir="auto">' in html
    assert '<div class="cell new" lang="" dir="auto">' in html  # a malformed tag is unknown
    assert 'onload="' not in html  # shown escaped in the metadata table only
    assert '<div class="docs" dir="ltr">' in html


def test_redline_paragraphs_read_right_to_left() -> None:
    html = redline.render(multilingual.comparison("ar"))
    assert '<html lang="en" dir="ltr">' in html
    assert html.count('lang="ar" dir="rtl"><bdi class="lab">') > 40


def test_text_outputs_isolate_arabic_and_keep_chinese_as_is() -> None:
    ar = multilingual.comparison("ar")
    out = unified.render(ar)
    changed = [line for line in out.splitlines() if line.startswith(("- ", "+ "))]
    assert changed and all(
        line[2] == textdir.RLI and line.endswith(textdir.PDI) for line in changed
    )
    assert "[-" in out and "{+" in out
    zh = multilingual.comparison("zh")
    for text in (unified.render(zh), wdiff.render(zh)):
        assert not ISOLATES.search(text)
    # Unknown language: the isolate is chosen from the text itself.
    guess = diffcore.compare(with_language(ar.old, None), with_language(ar.new, None))
    assert all(
        line[2] == textdir.FSI
        for line in unified.render(guess).splitlines()
        if line.startswith(("- ", "+ "))
    )


def test_wdiff_gives_back_the_new_text_without_added_spaces() -> None:
    """No ASCII-space assumption: dropping the markup leaves exactly the new paragraph."""
    for lang in ("ar", "zh"):
        cmp = multilingual.comparison(lang)
        out = wdiff.render(cmp, changed_only=True)
        modified = [c for c in cmp.changes if c.op == "modified" and len(c.new) == 1]
        assert len(modified) >= 5
        bodies = [block.split(": ", 1)[1] for block in out.strip().split("\n\n")]
        for c in modified:
            assert strip_new_side(bodies[_index(cmp, c.new)]) == cmp.new.paragraph(c.new[0]).text


def _index(cmp: Comparison, new: tuple[str, ...]) -> int:
    changed = [c for c in cmp.changes if c.is_change]
    return next(k for k, c in enumerate(changed) if c.new == new)


def _parsed(msg: EmailMessage) -> EmailMessage:
    back = message_from_bytes(msg.as_bytes(), policy=policy.default)
    assert isinstance(back, EmailMessage)
    return back


def test_email_headers_are_rfc2047_encoded_and_parse_back() -> None:
    subject = "مقارنة A/RES/80/9 — 比较决议"
    msg = email_message.build(
        multilingual.comparison("ar"),
        to=("علي <ali@example.org>", '"Zhang, Wei 张伟" <zhang@example.org>'),
        sender="张伟 <zhang@example.org>",
        subject=subject,
    )
    raw = msg.as_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0]
    head.decode("ascii")  # raises if any header byte is not ASCII
    assert b"=?utf-8?" in head
    assert max(len(line) for line in head.split(b"\r\n")) <= 78
    back = _parsed(msg)
    assert back["Subject"] == subject
    assert [(a.display_name, a.addr_spec) for a in back["To"].addresses] == [
        ("علي", "ali@example.org"),
        ("Zhang, Wei 张伟", "zhang@example.org"),
    ]
    assert back["From"].addresses[0].display_name == "张伟"


def test_email_parts_are_utf8_and_keep_the_script() -> None:
    for lang in ("ar", "zh"):
        cmp = multilingual.comparison(lang)
        back = _parsed(email_message.build(cmp, to=("a@example.org",), sender="b@example.org"))
        parts = {p.get_content_type(): p for p in back.walk() if not p.is_multipart()}
        texts = [p for p in back.walk() if p.get_content_maintype() == "text"]
        assert len(texts) == 3 and all(p.get_content_charset() == "utf-8" for p in texts)
        plain = parts["text/plain"].get_content()
        deleted = next(c for c in cmp.changes if c.op == "deleted")
        assert cmp.old.paragraph(deleted.old[0]).text in ISOLATES.sub("", plain)
        body = next(
            p
            for p in texts
            if p.get_content_disposition() is None and p.get_content_type() == "text/html"
        ).get_content()
        direction = "rtl" if lang == "ar" else "ltr"
        assert f'lang="{lang}" dir="{direction}"' in body
        edge = "right" if lang == "ar" else "left"
        assert f"border-{edge}:3px" in body
        assert "Noto Naskh Arabic" in body and "Noto Serif CJK SC" in body
