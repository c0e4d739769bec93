"""What several formats share: the file suffixes of markdown digests, what counts as blank, and
which links are kept (http(s) only; the scheme of any other names it in the warning)."""

from __future__ import annotations

import re

from ..urls import HTTP_URL  # noqa: F401 - the one rule of which links are kept, for the formats

# Markdown digests come as .md, .markdown or plain .txt; their content decides the format.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")

URL_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")  # with .match: the scheme of any other

_INVISIBLE = "\ufeff\u200b"  # a BOM, zero-width spaces: no content either


def without_blank_ends(text: str) -> str:
    """``text`` without white space or invisible characters at either end."""
    previous = None
    while text != previous:  # strip() returns the string itself when there is nothing to strip
        previous, text = text, text.strip().strip(_INVISIBLE)
    return text
