"""Errors that the CLI turns into a one-line message and exit status 2."""


class ResdiffError(Exception):
    """Anything the user can fix: bad input, unreadable file, unsupported format."""


class InputError(ResdiffError):
    """The input cannot be read as a document."""
