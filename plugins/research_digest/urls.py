"""Addresses: which links may reach a page, and where MkDocs puts each generated page.

Plain functions shared by the renderer, the published files and the parsers (no templates here,
so that any of them can import this without importing the others).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

from .model import Paper

# What starts like an absolute http(s) address: the only links a parser keeps.
HTTP_URL = re.compile(r"^https?://\S", re.IGNORECASE)
# An http(s) address that can stand in an attribute as it is (no space, quote or angle bracket).
_SAFE_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
_NOT_IN_ANCHOR = re.compile(r"[^A-Za-z0-9._-]")


def safe_url(url: str) -> str:
    """The URL when it is an absolute http(s) link, else ""; nothing else ever reaches an href."""
    url = (url or "").strip()
    return url if _SAFE_URL.match(url) else ""


def anchor_of(paper: Paper) -> str:
    """The id of a paper's card on its pages."""
    return anchor_for(paper.id)


def anchor_for(paper_id: str) -> str:
    """The card's HTML id: other ASCII than letters, digits and ``._-`` becomes "-"; letters (and
    their marks) of other scripts stay, so two ids never share an anchor when their slugs differ."""
    if paper_id.isascii():
        return "p-" + _NOT_IN_ANCHOR.sub("-", paper_id)
    return "p-" + "".join(map(_anchor_char, paper_id))


def _anchor_char(char: str) -> str:
    if char.isascii():
        return char if char.isalnum() or char in "._-" else "-"
    return char if char.isalnum() or unicodedata.category(char)[0] == "M" else "-"


def url_of(path: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page with this source path (relative to the site root)."""
    if not directory_urls:
        return path[: -len(".md")] + ".html"
    if path == "index.md":
        return ""
    return path[: -len("index.md")] if path.endswith("/index.md") else path[: -len(".md")] + "/"


def relative_url(target: str, start: str) -> str:
    """Link from the page at URL ``start`` to URL ``target`` (both relative to the site root)."""
    start_dir = start if start.endswith("/") or not start else posixpath.dirname(start) + "/"
    relative = posixpath.relpath("/" + target, "/" + start_dir)
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return "./" if relative in (".", "./") else relative
