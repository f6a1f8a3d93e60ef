"""Command-line wiring. Logic lives in `diffcore` and `renderers`; this only connects."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from diffcore import akn
from diffcore.align import compare as compare_documents
from diffcore.api import load
from diffcore.comparison import Comparison
from diffcore.errors import ResdiffError
from diffcore.mailer import send as send_mail
from diffcore.model import Document
from diffcore.source import DEFAULT_MAX_SIZE
from renderers import (
    comparison_json,
    document_json,
    document_text,
    email_message,
    redline,
    sidebyside,
    unified,
    wdiff,
)

EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2
F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> None:
    click.echo(f"resdiff: {message}", err=True)
    sys.exit(EXIT_TROUBLE)


def write_output(text: str, out: str | None, color: bool = False) -> None:
    if out in (None, "-"):
        click.echo(text, nl=False, color=color or None)
        return
    write_bytes(text.encode("utf-8"), out)


def write_bytes(data: bytes, out: str | None) -> None:
    if out in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    assert out is not None
    try:
        with open(out, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        fail(f"{out}: cannot write: {exc.strerror or exc}")


def read_document(path: str, max_size: int, docx_view: str = "accepted") -> Document:
    try:
        return load(path, max_size=max_size, docx_view=docx_view)
    except ResdiffError as exc:
        fail(str(exc))
    except RecursionError:
        fail(f"{path}: document structure too deeply nested")
    raise AssertionError("unreachable")


def max_size_option(func: F) -> F:
    func = click.option(
        "--docx-view",
        type=click.Choice(["accepted", "original"]),
        default="accepted",
        show_default=True,
        help="DOCX with tracked changes: read the accepted text or the original.",
    )(func)
    return click.option(
        "--max-size",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_SIZE,
        show_default=True,
        help="Refuse inputs larger than this many bytes.",
    )(func)


class Group(click.Group):
    """Turns usage errors into one line and exit status 2, like diff(1)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            fail(f"{exc.format_message()}{hint}".replace("\n", " "))
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            fail("aborted")
        except click.ClickException as exc:
            fail(exc.format_message())
        except KeyboardInterrupt:
            fail("interrupted")
        return None


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="resdiff")
def main() -> None:
    """Compare versions of United Nations resolutions, paragraph by paragraph."""


@main.command()
@click.argument("file", type=str)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text", "akn"]),
    default="text",
    show_default=True,
    help="json: resdiff.document/1; text: one paragraph a line (git textconv); "
    "akn: Akoma Ntoso 3.0 XML.",
)
@click.option("-o", "--output", "out", type=str, default=None, help="Write here, not stdout.")
@max_size_option
def normalize(file: str, fmt: str, out: str | None, max_size: int, docx_view: str) -> None:
    """Read FILE (any supported format; "-" for stdin) into paragraph-aligned structure."""
    doc = read_document(file, max_size, docx_view)
    if fmt == "akn":
        try:
            data = akn.write(doc)
        except ResdiffError as exc:
            fail(str(exc))
        write_bytes(data, out)
        return
    rendered = document_json.render(doc) if fmt == "json" else document_text.render(doc)
    write_output(rendered, out)


def use_color(choice: str, out: str | None) -> bool:
    if choice == "always":
        return True
    if choice == "never" or out not in (None, "-") or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@main.command()
@click.argument("old", type=str)
@click.argument("new", type=str)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["unified", "wdiff", "json", "html", "redline"]),
    default="unified",
    show_default=True,
    help="unified: a hunk per changed paragraph; wdiff: the new text with inline changes; "
    "json: resdiff.comparison/1; html: side-by-side report; redline: inline HTML redline.",
)
@click.option("-o", "--output", "out", type=str, default=None, help="Write here, not stdout.")
@click.option(
    "--context",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Unchanged paragraphs shown around each change (unified).",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="ANSI colours; auto means on a terminal, and never with NO_COLOR set.",
)
@click.option("--ignore-case", is_flag=True, help="Treat upper and lower case as equal.")
@click.option("--ignore-punctuation", is_flag=True, help="Treat punctuation changes as equal.")
@click.option(
    "--ignore-footnote-markers",
    is_flag=True,
    help="Do not report paragraphs whose footnote references changed.",
)
@max_size_option
def compare(
    old: str,
    new: str,
    fmt: str,
    out: str | None,
    context: int,
    color: str,
    ignore_case: bool,
    ignore_punctuation: bool,
    ignore_footnote_markers: bool,
    max_size: int,
    docx_view: str,
) -> None:
    """Compare OLD with NEW paragraph by paragraph. Exit 0: same, 1: different, 2: trouble."""
    cmp = run_compare(
        old, new, max_size, ignore_case, ignore_punctuation, ignore_footnote_markers, docx_view
    )
    painted = use_color(color, out)
    if fmt == "json":
        rendered = comparison_json.render(cmp)
    elif fmt == "html":
        rendered = sidebyside.render(cmp)
    elif fmt == "redline":
        rendered = redline.render(cmp)
    elif fmt == "wdiff":
        rendered = wdiff.render(cmp, color=painted)
    else:
        rendered = unified.render(cmp, context=context, color=painted)
    write_output(rendered, out, color=painted)
    sys.exit(EXIT_DIFFERENT if cmp.has_differences else EXIT_SAME)


def run_compare(
    old: str,
    new: str,
    max_size: int,
    ignore_case: bool = False,
    ignore_punctuation: bool = False,
    ignore_footnote_markers: bool = False,
    docx_view: str = "accepted",
) -> Comparison:
    return compare_documents(
        read_document(old, max_size, docx_view),
        read_document(new, max_size, docx_view),
        ignore_case=ignore_case,
        ignore_punctuation=ignore_punctuation,
        ignore_footnote_markers=ignore_footnote_markers,
    )


def _attachments(value: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    bad = [k for k in kinds if k not in ("html", "json")]
    if bad:
        raise click.BadParameter(f"unknown attachment kind {bad[0]!r} (use html, json)")
    return kinds


@main.command()
@click.argument("old", type=str)
@click.argument("new", type=str)
@click.option("-o", "--output", "out", type=str, default=None, help="Write the .eml here.")
@click.option("--to", "to", multiple=True, help="Recipient (repeatable).")
@click.option("--cc", "cc", multiple=True, help="Copy recipient (repeatable).")
@click.option("--from", "sender", type=str, default=None, help="Sender address.")
@click.option(
    "--subject", type=str, default=None, help="Default: Comparison: OLD -> NEW (N changes)."
)
@click.option(
    "--attach",
    default="html",
    show_default=True,
    help="Attachments, comma-separated: html (side-by-side report), json.",
)
@click.option("--send", "do_send", is_flag=True, help="Deliver through SMTP as well.")
@click.option("--smtp-host", default="localhost", show_default=True)
@click.option(
    "--smtp-port", type=click.IntRange(1, 65535), default=None, help="Default by security."
)
@click.option(
    "--smtp-security",
    type=click.Choice(["starttls", "ssl", "none"]),
    default="starttls",
    show_default=True,
)
@click.option(
    "--smtp-user", default=None, help="Login; the password is read from RESDIFF_SMTP_PASSWORD."
)
@click.option("--smtp-cafile", default=None, help="CA bundle to trust for the SMTP server.")
@click.option(
    "--smtp-timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds to wait for the SMTP server.",
)
@click.option(
    "--max-message-size",
    type=click.IntRange(min=1),
    default=email_message.DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse to write or send a larger message.",
)
@max_size_option
def email(
    old: str,
    new: str,
    out: str | None,
    to: tuple[str, ...],
    cc: tuple[str, ...],
    sender: str | None,
    subject: str | None,
    attach: str,
    do_send: bool,
    smtp_host: str,
    smtp_port: int | None,
    smtp_security: str,
    smtp_user: str | None,
    smtp_cafile: str | None,
    smtp_timeout: float,
    max_message_size: int,
    max_size: int,
    docx_view: str,
) -> None:
    """Build a review email comparing OLD with NEW (.eml), and optionally send it."""
    if not out and not do_send:
        fail("nothing to do: give -o FILE.eml, --send, or both")
    kinds = _attachments(attach)
    cmp = run_compare(old, new, max_size, docx_view=docx_view)
    try:
        msg = email_message.build(
            cmp,
            to=to,
            cc=cc,
            sender=sender,
            subject=subject,
            attach=kinds,
            max_bytes=max_message_size,
        )
        if out:
            data = msg.as_bytes()
            write_bytes(data, out)
            click.echo(f"wrote {out} ({len(data)} bytes)", err=True)
        if do_send:
            recipients = send_mail(
                msg,
                host=smtp_host,
                port=smtp_port,
                security=smtp_security,
                user=smtp_user,
                cafile=smtp_cafile,
                timeout=smtp_timeout,
            )
            click.echo(f"sent to {', '.join(recipients)} via {smtp_host}", err=True)
    except ResdiffError as exc:
        fail(str(exc))


if __name__ == "__main__":
    main()
