"""The default size cap of a review email, apart so the command line can show it as an
option default without importing the email package and Jinja2."""

from __future__ import annotations

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
