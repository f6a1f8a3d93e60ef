"""Command-line wiring. Logic lives in `diffcore` and `renderers`; this only connects."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import TYPE_CHECKING, Any, TypeVar

import click

# Only what the option declarations need is imported here; each command imports the
# rest itself, so `--version` or a text compare never loads numpy, lxml, sqlite3,
# Jinja2 or the email package (tests/test_startup.py checks it).
from diffcore import __version__
from diffcore.corpus.thresholds import FLOOR, NEAR_VERBATIM
from diffcore.errors import ResdiffError
from diffcore.source import DEFAULT_MAX_SIZE
from renderers.email_size import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from diffcore.comparison import ChangeClass, Comparison
    from diffcore.corpus import CorpusStore
    from diffcore.corpus.ingest import AddResult
    from diffcore.corpus.query import Target
    from diffcore.model import Document

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


def write_atomically(data: bytes, out: str | None) -> None:
    """Write to a temporary file beside `out`, then rename: no partial file on error."""
    if out in (None, "-"):
        write_bytes(data, out)
        return
    assert out is not None
    folder = os.path.dirname(os.path.abspath(out))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".resdiff-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as open() would create it, not mkstemp's 0600
        os.replace(tmp, out)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        fail(f"{out}: cannot write: {exc.strerror or exc}")


def read_document(path: str, max_size: int, docx_view: str = "accepted") -> Document:
    from diffcore.api import load

    try:
        return load(path, max_size=max_size, docx_view=docx_view)
    except ResdiffError as exc:
        fail(str(exc))
    except RecursionError:
        fail(f"{path}: document structure too deeply nested")
    raise AssertionError("unreachable")


def _classes(value: str) -> tuple[ChangeClass, ...]:
    from diffcore.comparison import CHANGE_CLASSES

    names = [k.strip() for k in value.split(",") if k.strip()]
    bad = [k for k in names if k not in CHANGE_CLASSES]
    if bad:
        raise click.BadParameter(
            f"unknown change class {bad[0]!r} (use {', '.join(CHANGE_CLASSES)})"
        )
    return tuple(c for c in CHANGE_CLASSES if c in names)


def hide_option(func: F) -> F:
    return click.option(
        "--hide",
        type=str,
        default="",
        help="Leave out changes of these classes, comma-separated: technical, editorial, "
        "substantive (e.g. --hide technical,editorial); the summary says what was hidden.",
    )(func)


def size_cap_option(func: F) -> F:
    return click.option(
        "--max-size",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_SIZE,
        show_default=True,
        help="Refuse inputs larger than this many bytes.",
    )(func)


def max_size_option(func: F) -> F:
    func = click.option(
        "--docx-view",
        type=click.Choice(["accepted", "original"]),
        default="accepted",
        show_default=True,
        help="DOCX with tracked changes: read the accepted text or the original.",
    )(func)
    return size_cap_option(func)


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
@click.version_option(__version__, package_name="resdiff")
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
    help="json: resdiff.document/2; text: one paragraph a line (git textconv); "
    "akn: Akoma Ntoso 3.0 XML.",
)
@click.option("-o", "--output", "out", type=str, default=None, help="Write here, not stdout.")
@max_size_option
def normalize(file: str, fmt: str, out: str | None, max_size: int, docx_view: str) -> None:
    """Read FILE (any supported format; "-" for stdin) into paragraph-aligned structure."""
    doc = read_document(file, max_size, docx_view)
    if fmt == "akn":
        from diffcore import akn

        try:
            data = akn.write(doc)
        except ResdiffError as exc:
            fail(str(exc))
        write_bytes(data, out)
        return
    from renderers import document_json, document_text

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
    type=click.Choice(["unified", "wdiff", "json", "html", "redline", "docx"]),
    default="unified",
    show_default=True,
    help="unified: a hunk per changed paragraph; wdiff: the new text with inline changes; "
    "json: resdiff.comparison/2; html: side-by-side report; redline: inline HTML redline; "
    "docx: Word document with tracked changes (needs -o).",
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
@click.option(
    "--amendment",
    "amendments",
    type=str,
    multiple=True,
    help="An amendment document to OLD: say whether NEW adopted it (repeatable; text and "
    "HTML formats).",
)
@hide_option
@click.option("--author", default="resdiff", show_default=True, help="DOCX revision author.")
@click.option(
    "--date", "rev_date", default=None, help="DOCX revision date (default: the new version's)."
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
    amendments: tuple[str, ...],
    hide: str,
    author: str,
    rev_date: str | None,
    max_size: int,
    docx_view: str,
) -> None:
    """Compare OLD with NEW paragraph by paragraph. Exit 0: same, 1: different, 2: trouble."""
    hide_classes = _classes(hide)
    if fmt == "docx" and out in (None, "-") and sys.stdout.isatty():
        fail("a DOCX is binary: write it with -o FILE.docx (or redirect stdout)")
    cmp = run_compare(
        old, new, max_size, ignore_case, ignore_punctuation, ignore_footnote_markers, docx_view
    )
    from diffcore.classify import hidden

    cmp = hidden(cmp, hide_classes)
    painted = use_color(color, out)
    if amendments and fmt in ("json", "docx"):
        fail(
            "--amendment is shown in text and HTML; for JSON use 'resdiff history OLD NEW "
            "--amendment FILE --format json' (resdiff.history/1)"
        )
    checks = amendment_checks(amendments, cmp, max_size, docx_view)
    if fmt == "docx":
        from renderers import docx_redline  # lazily: only this format needs it

        try:
            data = docx_redline.render(cmp, author=author, date=rev_date)
        except ResdiffError as exc:
            fail(str(exc))
        write_atomically(data, out)
        sys.exit(EXIT_DIFFERENT if cmp.has_differences else EXIT_SAME)
    if fmt == "json":
        from renderers import comparison_json

        rendered = comparison_json.render(cmp)
    elif fmt == "html":
        from renderers import sidebyside

        rendered = sidebyside.render(cmp, amendments=checks)
    elif fmt == "redline":
        from renderers import redline

        rendered = redline.render(cmp, amendments=checks)
    elif fmt == "wdiff":
        from renderers import wdiff

        rendered = wdiff.render(cmp, color=painted)
    else:
        from renderers import unified

        rendered = unified.render(cmp, context=context, color=painted)
    if checks and fmt in ("unified", "wdiff"):
        from renderers.history_text import amendment_lines
        from renderers.textmarkup import Style

        lines = [line for c in checks for line in ("", *amendment_lines(c, Style(painted)))]
        rendered += "\n".join(lines) + "\n"
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
    from diffcore.align import compare as compare_documents

    return compare_documents(
        read_document(old, max_size, docx_view),
        read_document(new, max_size, docx_view),
        ignore_case=ignore_case,
        ignore_punctuation=ignore_punctuation,
        ignore_footnote_markers=ignore_footnote_markers,
        classify=True,
    )


def amendment_checks(
    paths: tuple[str, ...], cmp: Comparison, max_size: int, docx_view: str
) -> tuple[Any, ...]:
    """Each amendment document parsed and followed from the old text into the new."""
    if not paths:
        return ()
    from diffcore.amendments import check, parse

    docs = read_amendments(paths, max_size, docx_view)
    return tuple(check(parse(doc), cmp.old, cmp.new, cmp) for doc in docs)


def read_amendments(paths: tuple[str, ...], max_size: int, docx_view: str) -> list[Document]:
    """The amendment documents; one stating no edit resdiff can read is bad input."""
    from diffcore.amendments import parse

    docs = [read_document(path, max_size, docx_view) for path in paths]
    for path, doc in zip(paths, docs, strict=True):
        if not parse(doc).edits:
            fail(f'{path}: no amendment instructions found ("Delete operative paragraph 3", ...)')
    return docs


def _attachments(value: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    bad = [k for k in kinds if k not in ("html", "json", "docx")]
    if bad:
        raise click.BadParameter(f"unknown attachment kind {bad[0]!r} (use html, json, docx)")
    return kinds


@main.command()
@click.argument("old", type=str)
@click.argument("new", type=str)
@click.option("-o", "--output", "out", type=str, default=None, help="Write the .eml here.")
@click.option(
    "--to", "to", multiple=True, help="Recipient; repeatable, or several comma-separated."
)
@click.option(
    "--cc", "cc", multiple=True, help="Copy recipient; repeatable, or several comma-separated."
)
@click.option("--from", "sender", type=str, default=None, help="Sender address.")
@click.option(
    "--subject", type=str, default=None, help="Default: Comparison: OLD -> NEW (N changes)."
)
@click.option(
    "--attach",
    default="html",
    show_default=True,
    help="Attachments, comma-separated: html (side-by-side report), json, docx (Word redline).",
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
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse to write or send a larger message.",
)
@hide_option
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
    hide: str,
    max_size: int,
    docx_view: str,
) -> None:
    """Build a review email comparing OLD with NEW (.eml), and optionally send it."""
    from diffcore.mailer import send as send_mail
    from renderers import email_headers, email_message

    if not out and not do_send:
        fail("nothing to do: give -o FILE.eml, --send, or both")
    kinds = _attachments(attach)
    hide_classes = _classes(hide)
    try:
        email_headers.check_options(to, cc, sender, subject)
    except ResdiffError as exc:
        fail(str(exc))
    from diffcore.classify import hidden

    cmp = hidden(run_compare(old, new, max_size, docx_view=docx_view), hide_classes)
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


# --- corpus: store, reuse, trace, series ------------------------------------------------


def db_option(func: F) -> F:
    return click.option(
        "--db",
        type=str,
        default=None,
        help="Corpus database (default: $RESDIFF_DB, else corpus.sqlite in the user data folder).",
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(func)


@contextmanager
def corpus_store(db: str | None, *, create: bool = False) -> Iterator[CorpusStore]:
    """An open corpus; database trouble of any kind becomes one line and exit 2."""
    import sqlite3

    from diffcore.corpus import default_db_path, open_store

    path = db or str(default_db_path())
    try:
        with open_store(path, create=create) as store:
            yield store
    except ResdiffError as exc:
        fail(str(exc))
    except sqlite3.DatabaseError as exc:
        message = str(exc)
        if "malformed" in message or "not a database" in message:
            fail(f"{path}: corrupt or unreadable corpus database ({message})")
        fail(f"{path}: corpus database error ({message})")


def resolve_target(store: CorpusStore, spec: str, max_size: int) -> Target:
    from diffcore.corpus.query import resolve

    try:
        return resolve(store, spec, max_size)
    except ResdiffError as exc:
        fail(str(exc))
    except RecursionError:
        fail(f"{spec}: document structure too deeply nested")
    raise AssertionError("unreachable")


@main.group(cls=click.Group)
def corpus() -> None:
    """Store documents so `reuse`, `trace` and `series` can find earlier language."""


@corpus.command("add")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or per-file lines.")
@click.option(
    "--no-links",
    is_flag=True,
    help="Store the documents without detecting reuse (then 'corpus export --parquet', "
    "the job elsewhere, 'corpus import-links'; or 'corpus reindex').",
)
@size_cap_option
def corpus_add(
    paths: tuple[str, ...], db: str | None, quiet: bool, no_links: bool, max_size: int
) -> None:
    """Add files, or every file under folders, to the corpus (again: nothing changes)."""
    from diffcore.corpus.ingest import add_paths, expand_paths

    files = list(expand_paths(paths))
    counts: dict[str, int] = {}
    show_bar = not quiet and sys.stderr.isatty()
    with corpus_store(db, create=True) as store:
        with (
            click.progressbar(length=len(files), label="Adding", file=sys.stderr, show_pos=True)
            if show_bar
            else nullcontext() as bar
        ):

            def progress(result: AddResult) -> None:
                counts[result.status] = counts.get(result.status, 0) + 1
                if result.status == "failed":
                    click.echo(
                        f"\nresdiff: {result.error}" if show_bar else f"resdiff: {result.error}",
                        err=True,
                    )
                elif not quiet and not show_bar:
                    label = result.document.label if result.document else ""
                    click.echo(f"{result.status}: {result.path} {label}".rstrip(), err=True)
                if bar is not None:
                    bar.update(1)

            add_paths(store, files, max_size=max_size, progress=progress, links=not no_links)
        summary = ", ".join(
            f"{counts.get(k, 0)} {k}" for k in ("added", "new version", "unchanged", "failed")
        )
        click.echo(f"{summary} ({len(store.documents())} documents in {store.path})", err=True)
    if counts.get("failed"):
        sys.exit(EXIT_TROUBLE)


@corpus.command("list")
@db_option
@json_option
def corpus_list(db: str | None, as_json: bool) -> None:
    """The stored documents, oldest session first."""
    with corpus_store(db) as store:
        docs = sorted(store.documents().values(), key=lambda d: (d.order, d.symbol or "", d.id))
        if as_json:
            write_output(
                json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=2) + "\n", None
            )
            return
        lines = [
            f"{'id':>6}  {'symbol':<24} {'lang':<4} {'v':>2} {'session':>7}  {'date':<10}"
            f" {'paras':>5}  title"
        ]
        for d in docs:
            lines.append(
                f"{d.id:>6}  {d.symbol or '-':<24} {d.language:<4} {d.version:>2}"
                f" {d.session or '-':>7}  {d.date or '-':<10} {d.n_paragraphs:>5}  {d.title or ''}"
            )
        write_output("\n".join(lines) + "\n", None)


@corpus.command("show")
@click.argument("ref")
@db_option
@json_option
def corpus_show(ref: str, db: str | None, as_json: bool) -> None:
    """One stored document (a symbol, SYMBOL@version, SYMBOL@fr or #id) and its versions."""
    with corpus_store(db) as store:
        info = store.find(ref)
        if info is None:
            fail(f"{ref}: no such document in {store.path}")
        assert info is not None
        versions = sorted(
            (
                d
                for d in store.documents().values()
                if info.symbol and d.symbol == info.symbol and d.language == info.language
            ),
            key=lambda d: d.version,
        )
        refs = [
            r for (r,) in store.conn.execute("SELECT symbol FROM refs WHERE document=?", (info.id,))
        ]
        if as_json:
            data = info.to_dict() | {
                "versions": [d.to_dict() for d in versions],
                "cites": refs,
            }
            write_output(json.dumps(data, ensure_ascii=False, indent=2) + "\n", None)
            return
        lines = [f"{k}: {v}" for k, v in info.to_dict().items() if v is not None]
        if len(versions) > 1:
            lines.append("versions: " + ", ".join(f"#{d.id} v{d.version}" for d in versions))
        if refs:
            lines.append("cites: " + ", ".join(refs))
        write_output("\n".join(lines) + "\n", None)


@corpus.command("remove")
@click.argument("refs", nargs=-1, required=True)
@db_option
@json_option
def corpus_remove(refs: tuple[str, ...], db: str | None, as_json: bool) -> None:
    """Remove documents (by symbol, SYMBOL@version, SYMBOL@fr or #id) and their index entries."""
    with corpus_store(db) as store:
        infos = []
        for ref in refs:
            info = store.find(ref)
            if info is None:
                fail(f"{ref}: no such document in {store.path}; nothing removed")
            infos.append(info)
        for info in infos:
            assert info is not None
            store.remove(info.id)
            if not as_json:
                click.echo(f"removed {info.label} (#{info.id})", err=True)
        if as_json:
            removed = [i.to_dict() for i in infos if i is not None]
            write_output(json.dumps(removed, ensure_ascii=False, indent=2) + "\n", None)


def emit(
    fmt: str,
    out: str | None,
    color: str,
    as_text: Callable[[bool], str],
    as_json: Callable[[], str],
) -> None:
    """Write a corpus answer as JSON, or as text with colour where wanted."""
    if fmt == "json":
        write_output(as_json(), out)
        return
    paint = use_color(color, out)
    write_output(as_text(paint), out, color=paint)


@corpus.command("reindex")
@db_option
def corpus_reindex(db: str | None) -> None:
    """Rebuild the reuse index and links from the stored paragraphs (one batch job)."""
    from diffcore.corpus.ingest import reindex

    with corpus_store(db) as store:
        docs = store.documents()
        show_bar = sys.stderr.isatty()
        with (
            click.progressbar(length=len(docs), label="Reindexing", file=sys.stderr, show_pos=True)
            if show_bar
            else nullcontext() as bar
        ):
            reindex(store, progress=(lambda _info: bar.update(1)) if bar is not None else None)
        counts = store.stats()
        click.echo(
            f"reindexed {counts['documents']} documents: {counts['shingles']} shingle and "
            f"{counts['bands']} band postings, {counts['links']} links",
            err=True,
        )


@corpus.command("export")
@click.option(
    "--parquet",
    "folder",
    required=True,
    type=str,
    help="New or empty folder for the Parquet tables (documents, paragraphs, keys).",
)
@db_option
def corpus_export(folder: str, db: str | None) -> None:
    """Write the corpus as the reuse job's input tables, for 'resdiff-spark reindex'."""
    from diffcore.corpus.exchange import export_parquet

    with corpus_store(db) as store:
        counts = export_parquet(store, folder)
    click.echo(
        f"exported {counts['documents']} documents, {counts['paragraphs']} paragraphs,"
        f" {counts['fingerprints']} fingerprints and {counts['bands']} band keys to {folder}",
        err=True,
    )


@corpus.command("import-links")
@click.argument("folder", type=str)
@db_option
def corpus_import_links(folder: str, db: str | None) -> None:
    """Replace the postings and links with those the job wrote to FOLDER."""
    from diffcore.corpus.exchange import import_links

    with corpus_store(db) as store:
        counts = import_links(store, folder)
    click.echo(
        f"imported {counts['links']} links, {counts['shingles']} shingle and"
        f" {counts['bands']} band postings from {folder}",
        err=True,
    )


def similarity_option(func: F) -> F:
    return click.option(
        "--min-similarity",
        type=click.FloatRange(FLOOR, 1.0),
        default=NEAR_VERBATIM,
        show_default=True,
        help="Lowest word similarity (2*LCS/(len1+len2)) that counts as near-verbatim.",
    )(func)


def report_options(choices: list[str], help: str | None = None) -> Callable[[F], F]:
    """--format and -o/--output, as every report command of the corpus and concordance
    spells them."""

    def decorate(func: F) -> F:
        func = click.option(
            "-o", "--output", "out", type=str, default=None, help="Write here, not stdout."
        )(func)
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(choices),
            default="text",
            show_default=True,
            help=help,
        )(func)

    return decorate


@main.command("reuse")
@click.argument("doc")
@db_option
@similarity_option
@report_options(
    ["text", "json", "html"],
    "text: summary and paragraphs; json: resdiff.reuse/1; html: shaded report.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="ANSI colours in text output.",
)
@size_cap_option
def reuse_command(
    doc: str,
    db: str | None,
    min_similarity: float,
    fmt: str,
    out: str | None,
    color: str,
    max_size: int,
) -> None:
    """Where each paragraph of DOC (a file, or a symbol in the corpus) was used before."""
    from diffcore.corpus.query import reuse
    from renderers import reuse_json, reuse_text

    with corpus_store(db) as store:
        report = reuse(store, resolve_target(store, doc, max_size), min_similarity)
    if fmt == "html":
        from renderers import reuse_html  # Jinja2 is loaded only for HTML.

        write_output(reuse_html.render(report), out)
        return
    emit(
        fmt,
        out,
        color,
        lambda paint: reuse_text.render_reuse(report, color=paint),
        lambda: reuse_json.render_reuse(report),
    )


@main.command("trace")
@click.argument("doc")
@click.argument("para")
@db_option
@similarity_option
@report_options(["text", "json"])
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True
)
def trace_command(
    doc: str,
    para: str,
    db: str | None,
    min_similarity: float,
    fmt: str,
    out: str | None,
    color: str,
) -> None:
    """The lineage of paragraph PARA of DOC (id, label like OP3/PP2, or number) back in time."""
    from diffcore.corpus.query import trace
    from renderers import reuse_json, reuse_text

    with corpus_store(db) as store:
        target = resolve_target(store, doc, DEFAULT_MAX_SIZE)
        try:
            lineage = trace(store, target, para, min_similarity)
        except ResdiffError as exc:
            fail(str(exc))
    emit(
        fmt,
        out,
        color,
        lambda paint: reuse_text.render_trace(lineage, color=paint),
        lambda: reuse_json.render_trace(lineage),
    )


@main.command("series")
@click.argument("doc")
@db_option
@report_options(["text", "json"])
def series_command(doc: str, db: str | None, fmt: str, out: str | None) -> None:
    """DOC's resolutions across sessions (same title, cited predecessors), step by step."""
    from diffcore.corpus.query import series
    from renderers import reuse_json, reuse_text

    with corpus_store(db) as store:
        chain = series(store, resolve_target(store, doc, DEFAULT_MAX_SIZE))
    if fmt == "json":
        write_output(reuse_json.render_series(chain), out)
    else:
        write_output(reuse_text.render_series(chain), out)


@main.command("search")
@click.argument("query")
@db_option
@click.option("--session", type=int, default=None, help="Only documents of this session.")
@click.option("--since", type=str, default=None, help="Only documents dated on or after this.")
@click.option("--body", type=click.Choice(["GA", "SC"]), default=None, help="Only this organ.")
@click.option(
    "--kind",
    type=click.Choice(["preambular", "operative"]),
    default=None,
    help="Only preambular or operative paragraphs (with their sub-paragraphs).",
)
@click.option("--language", type=str, default=None, help="Only documents in this language.")
@click.option("--limit", type=int, default=20, show_default=True, help="Hits shown in each tier.")
@report_options(
    ["text", "json", "html"],
    "json: resdiff.search/1; html: one self-contained page, matches marked.",
)
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True
)
def search_command(
    query: str,
    db: str | None,
    session: int | None,
    since: str | None,
    body: str | None,
    kind: str | None,
    language: str | None,
    limit: int,
    fmt: str,
    out: str | None,
    color: str,
) -> None:
    """Where the corpus used the phrase QUERY: verbatim, near-verbatim, then related
    paragraphs, closest and most recent first, with its use per session."""
    from diffcore.corpus.search import search
    from diffcore.corpus.search_results import SearchError, SearchQuery
    from renderers import search_json, search_text

    ask = SearchQuery(
        phrase=query,
        session=session,
        since=since,
        body=body,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        language=language,
        limit=limit,
    )
    try:
        ask.check()
    except SearchError as exc:
        fail(str(exc))
    with corpus_store(db) as store:
        try:
            result = search(store, ask)
        except SearchError as exc:
            fail(str(exc))
    if fmt == "html":
        from renderers import search_html  # Jinja2 is loaded only for HTML.

        write_output(search_html.render(result), out)
        return
    emit(
        fmt,
        out,
        color,
        lambda paint: search_text.render(result, color=paint),
        lambda: search_json.render(result),
    )


@main.command("history")
@click.argument("versions", nargs=-1)
@click.option(
    "--series",
    "series_of",
    type=str,
    default=None,
    help="Start with the series the corpus knows for this document (symbol or file); "
    "VERSIONS follow it.",
)
@click.option(
    "--amendment",
    "amendments",
    type=str,
    multiple=True,
    help="An amendment document, checked against the draft it amends and the last version "
    "(repeatable).",
)
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="json: resdiff.history/1; html: one self-contained page, a column per version.",
)
@click.option("-o", "--output", "out", type=str, default=None, help="Write here, not stdout.")
@click.option(
    "--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True
)
@max_size_option
def history_command(
    versions: tuple[str, ...],
    series_of: str | None,
    amendments: tuple[str, ...],
    db: str | None,
    fmt: str,
    out: str | None,
    color: str,
    max_size: int,
    docx_view: str,
) -> None:
    """Each paragraph's life across VERSIONS (files, or symbols in the corpus), oldest first,
    and which version wrote each word of the last. Exit 0: no differences, 1: some, 2: trouble.
    """
    from diffcore.corpus.query import series_documents
    from diffcore.history import Version, build, with_amendments
    from renderers import history_html, history_json, history_text

    chain: list[Version] = []
    if series_of is not None or any(not os.path.exists(v) and v != "-" for v in versions):
        with corpus_store(db) as store:
            if series_of is not None:
                target = resolve_target(store, series_of, max_size)
                for doc, relation in series_documents(store, target):
                    chain.append(Version(doc, relation))
            for spec in versions:
                chain.append(Version(resolve_target(store, spec, max_size).document))
    else:
        chain = [Version(read_document(v, max_size, docx_view)) for v in versions]
    if len(chain) < 2:
        fail("history needs at least two versions (files, symbols, or --series)")
    result = build(chain)
    if amendments:
        result = with_amendments(result, read_amendments(amendments, max_size, docx_view))
    if fmt == "json":
        write_output(history_json.render(result), out)
    elif fmt == "html":
        write_output(history_html.render(result), out)
    else:
        painted = use_color(color, out)
        write_output(history_text.render(result, color=painted), out, color=painted)
    changed = any(c.has_differences for c in result.comparisons)
    sys.exit(EXIT_DIFFERENT if changed else EXIT_SAME)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@db_option
@click.option("--allow-writes", is_flag=True, help="Let web users add documents to the corpus.")
@click.option(
    "--token-file",
    type=str,
    default=None,
    help="Require the token on this file's first line (else $RESDIFF_TOKEN, if set).",
)
@size_cap_option
def serve_command(
    host: str,
    port: int,
    db: str | None,
    allow_writes: bool,
    token_file: str | None,
    max_size: int,
) -> None:
    """A local web application: compare, corpus and their JSON API (needs the web extra)."""
    try:
        from diffcore.web.config import ServeConfig, read_token
        from diffcore.web.server import serve
    except ImportError as exc:
        fail(f"serve needs the web extra: pip install 'resdiff[web]' ({exc})")
    try:
        config = ServeConfig(host, port, db, allow_writes, read_token(token_file), max_size)
        serve(config)
    except ResdiffError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot serve on {host}:{port}: {exc.strerror or exc}")


@main.command("concordance")
@click.argument("files", nargs=-1, required=True)
@report_options(
    ["text", "json", "html"], "json: resdiff.concordance/1; html: one self-contained page."
)
@max_size_option
def concordance_command(
    files: tuple[str, ...], fmt: str, out: str | None, max_size: int, docx_view: str
) -> None:
    """Check language versions of one resolution against each other.

    Paragraphs missing or extra, numbering, sub-paragraphs, footnotes, and symbols,
    numbers and dates that differ within aligned paragraphs. The English version is the
    reference where given. Exit 0: consistent, 1: findings, 2: trouble.
    """
    from diffcore.concordance import concordance
    from renderers import concordance_html, concordance_json, concordance_text

    docs = [(path, read_document(path, max_size, docx_view)) for path in files]
    if len(docs) < 2:
        fail("concordance needs at least two versions of the document")
    result = concordance(docs)
    renderer = {"json": concordance_json, "html": concordance_html}.get(fmt, concordance_text)
    write_output(renderer.render(result), out)
    sys.exit(EXIT_SAME if result.consistent else EXIT_DIFFERENT)


if __name__ == "__main__":
    main()
