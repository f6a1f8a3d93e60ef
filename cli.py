"""Command-line wiring. Logic lives in `diffcore` and `renderers`; this only connects."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from diffcore.api import load
from diffcore.errors import ResdiffError
from diffcore.model import Document
from diffcore.source import DEFAULT_MAX_SIZE
from renderers import document_json, document_text

EXIT_TROUBLE = 2
F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> None:
    click.echo(f"resdiff: {message}", err=True)
    sys.exit(EXIT_TROUBLE)


def write_output(text: str, out: str | None) -> None:
    if out in (None, "-"):
        click.echo(text, nl=False)
        return
    assert out is not None
    try:
        with open(out, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        fail(f"{out}: cannot write: {exc.strerror or exc}")


def read_document(path: str, max_size: int) -> Document:
    try:
        return load(path, max_size=max_size)
    except ResdiffError as exc:
        fail(str(exc))
    except RecursionError:
        fail(f"{path}: document structure too deeply nested")
    raise AssertionError("unreachable")


def max_size_option(func: F) -> F:
    return click.option(
        "--max-size",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_SIZE,
        show_default=True,
        help="Refuse inputs larger than this many bytes.",
    )(func)


class Group(click.Group):
    """Turns usage errors into exit status 2 with one line, like diff(1)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("standalone_mode", True)
        return super().main(*args, **kwargs)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="resdiff")
def main() -> None:
    """Compare versions of United Nations resolutions, paragraph by paragraph."""


@main.command()
@click.argument("file", type=str)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default="text",
    show_default=True,
    help="json: resdiff.document/1; text: one paragraph a line (git textconv).",
)
@click.option("-o", "--output", "out", type=str, default=None, help="Write here, not stdout.")
@max_size_option
def normalize(file: str, fmt: str, out: str | None, max_size: int) -> None:
    """Read FILE (any supported format; "-" for stdin) into paragraph-aligned structure."""
    doc = read_document(file, max_size)
    rendered = document_json.render(doc) if fmt == "json" else document_text.render(doc)
    write_output(rendered, out)


if __name__ == "__main__":
    main()
