"""What several formats share: the file suffixes of markdown digests."""

from __future__ import annotations

# Markdown digests come as .md, .markdown or plain .txt; their content decides the format.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")
