"""What several formats share: the file suffixes of markdown digests, what counts as blank."""

from __future__ import annotations

# Markdown digests come as .md, .markdown or plain .txt; their content decides the format.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")

_INVISIBLE = "\ufeff\u200b"  # a BOM, zero-width spaces: no content either


def without_blank_ends(text: str) -> str:
    """``text`` without white space or invisible characters at either end."""
    previous = None
    while text != previous:  # strip() returns the string itself when there is nothing to strip
        previous, text = text, text.strip().strip(_INVISIBLE)
    return text
