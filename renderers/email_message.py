"""A review email: summary and changed paragraphs in the body, full report attached.

Mail clients drop <style> blocks and classes, so the HTML body carries its styling in
`style` attributes. Boundaries come from a hash of the content and no Date or
Message-ID is set here, so the same comparison always gives the same bytes; a real
send adds those two headers at delivery time.
"""

from __future__ import annotations

import hashlib
import re
from email.message import EmailMessage
from email.policy import SMTP

from markupsafe import Markup, escape

from diffcore.classify import classified
from diffcore.comparison import Comparison
from diffcore.errors import ResdiffError

from . import comparison_json, email_headers, sidebyside, textdir, wdiff
from .classes import header_lines
from .email_size import DEFAULT_MAX_BYTES
from .html_view import build_view, doc_info, environment
from .labels import group_label

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_CHANGES = 200  # changed paragraphs quoted in the body; the rest are in the attachment
_DEL = 'style="color:#8b0000;background:#fde8e8;text-decoration:line-through;"'
_INS = 'style="color:#0b5a0b;background:#e3f4e3;text-decoration:underline;"'


def change_count(cmp: Comparison) -> int:
    return sum(1 for c in cmp.changes if c.is_change)


def default_subject(cmp: Comparison) -> str:
    n = change_count(cmp)
    return f"Comparison: {cmp.old.label} -> {cmp.new.label} ({n} change{'s' if n != 1 else ''})"


def _inline_html(segments: tuple[tuple[str, str], ...]) -> Markup:
    out = []
    for op, text in segments:
        t = escape(text)
        if op == "-":
            out.append(f"<del {_DEL}>{t}</del>")
        elif op == "+":
            out.append(f"<ins {_INS}>{t}</ins>")
        else:
            out.append(str(t))
    return Markup("".join(out))


def html_body(cmp: Comparison) -> str:
    view = build_view(cmp)
    s = view.summary
    counts = [
        (k.replace("_", " "), s[k])
        for k in (
            "modified",
            "inserted",
            "deleted",
            "moved",
            "split",
            "merged",
            "renumbered",
            "words_added",
            "words_removed",
        )
    ]
    counts.append(("footnote changes", sum(1 for f in view.footnotes if f["changed"])))
    counts.append(("metadata changes", len(view.metadata)))
    items = []
    for row in view.changes[:BODY_CHANGES]:
        c = row.change
        assert c is not None
        where = f"{group_label(view.old_label, c.old)} \u2192 {group_label(view.new_label, c.new)}"
        # The diff reads in the new text's language, a deleted paragraph in the old's;
        # the rule goes where lines start, as mail clients ignore logical CSS properties.
        doc = cmp.new if c.new else cmp.old
        edge = "right" if textdir.direction(textdir.language(doc)) == "rtl" else "left"
        items.append(
            {
                "op": c.op,
                "cls": c.cls,
                "where": where,
                "html": _inline_html(c.diff),
                "attrs": textdir.attrs(doc),
                "edge": edge,
            }
        )
    template = environment().get_template("email.html.j2")
    return template.render(
        old=doc_info(cmp.old),
        new=doc_info(cmp.new),
        counts=counts,
        items=items,
        more=max(0, len(view.changes) - BODY_CHANGES),
        metadata=view.metadata,
        classes=view.classes,
    )


def text_body(cmp: Comparison) -> str:
    cmp = classified(cmp)
    s = cmp.summary
    lines = [
        f"Comparison: {cmp.old.label} -> {cmp.new.label}",
        "",
        *header_lines(cmp),
        "",
        f"{s['modified']} modified, {s['inserted']} inserted, {s['deleted']} deleted, "
        f"{s['moved']} moved, {s['split']} split, {s['merged']} merged, "
        f"{s['renumbered']} renumbered paragraphs; {s['words_added']} words added, "
        f"{s['words_removed']} removed.",
    ]
    for m in cmp.metadata:
        was = textdir.isolated(str(m.old), cmp.old) if m.old is not None else "(none)"
        now = textdir.isolated(str(m.new), cmp.new) if m.new is not None else "(none)"
        lines.append(f"{m.field}: {was} -> {now}")
    lines += ["", "Changed paragraphs ([-removed-] {+added+}):", ""]
    changed = wdiff.render(cmp, changed_only=True).strip()
    lines.append(changed or "(no paragraph changed)")
    lines += ["", "The full side-by-side report is attached."]
    return "\n".join(lines) + "\n"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "_", text).strip("_") or "document"


def build(
    cmp: Comparison,
    *,
    to: tuple[str, ...] = (),
    cc: tuple[str, ...] = (),
    sender: str | None = None,
    subject: str | None = None,
    attach: tuple[str, ...] = ("html",),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> EmailMessage:
    cmp = classified(cmp)  # once, for the bodies and attachments alike
    # Checked before anything is built: a bad value is one ResdiffError, not a traceback.
    to_addresses = email_headers.addresses(to, "--to")
    cc_addresses = email_headers.addresses(cc, "--cc")
    from_address = email_headers.address(sender, "--from") if sender is not None else None
    if subject:
        email_headers.check_text(subject, "--subject")
    else:
        subject = email_headers.single_line(default_subject(cmp))
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = subject
    if from_address is not None:
        msg["From"] = from_address
    if to_addresses:
        msg["To"] = to_addresses
    if cc_addresses:
        msg["Cc"] = cc_addresses
    msg.set_content(text_body(cmp))
    msg.add_alternative(html_body(cmp), subtype="html")
    stem = f"{_slug(cmp.old.label)}--{_slug(cmp.new.label)}"
    for kind in attach:
        if kind == "html":
            data = sidebyside.render(cmp).encode("utf-8")
            msg.add_attachment(
                data,
                maintype="text",
                subtype="html",
                filename=f"{stem}.html",
                params={"charset": "utf-8"},  # text/* defaults to US-ASCII without it
            )
        elif kind == "json":
            data = comparison_json.render(cmp).encode("utf-8")
            msg.add_attachment(
                data, maintype="application", subtype="json", filename=f"{stem}.json"
            )
        elif kind == "docx":
            from . import docx_redline  # lazily: lxml packaging only when asked for

            maintype, subtype = DOCX_TYPE.split("/")
            msg.add_attachment(
                docx_redline.render(cmp),
                maintype=maintype,
                subtype=subtype,
                filename=f"{stem}.docx",
            )
        else:
            raise ResdiffError(f"unknown attachment kind {kind!r} (use html, json, docx)")
    _fix_boundaries(msg)
    size = len(msg.as_bytes())
    if size > max_bytes:
        raise ResdiffError(
            f"message is {size} bytes, over the limit of {max_bytes} bytes; "
            "not written or sent (raise it with --max-message-size)"
        )
    return msg


def _fix_boundaries(msg: EmailMessage) -> None:
    """Content-derived MIME boundaries: byte-identical output for identical input."""
    parts = [p for p in msg.walk() if p.is_multipart()]
    # Innermost first, so an outer hash covers inner parts that are already fixed.
    for depth, part in reversed(list(enumerate(parts))):
        if part.is_multipart():
            digest = hashlib.sha256(b"".join(p.as_bytes() for p in part.iter_parts())).hexdigest()[
                :24
            ]
            part.set_boundary(f"==resdiff-{depth}-{digest}==")
