"""arXiv identifiers, as they appear in links and title suffixes."""

from __future__ import annotations

import re
from dataclasses import dataclass

# New-style ids (0704.0001 onwards; 5-digit numbers since 1501) and old-style ids (hep-th/9901001).
_ID = r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v(?P<version>\d+))?"
_ARXIV_URL = re.compile(
    r"^https?://(?:www\.|export\.)?arxiv\.org/(?P<kind>abs|pdf|html)/" + _ID + r"(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_BARE_ID = re.compile(r"(?:arXiv:)?" + _ID, re.IGNORECASE)
# `. (arXiv:2401.16468v1 [cs.CV])` and `. (arXiv:2308.01472v2 [cs.CV] UPDATED)` at the end of old titles.
TITLE_SUFFIX = re.compile(
    r"\s*\.?\s*\(arXiv:" + _ID + r"\s*(?:\[(?P<category>[a-zA-Z\-]+(?:\.[a-zA-Z\-]+)?)\])?"
    r"\s*(?P<updated>UPDATED)?\s*\)\s*$"
)


@dataclass(frozen=True)
class ArxivRef:
    id: str
    version: int | None = None
    kind: str = "abs"

    @property
    def abs_url(self) -> str:
        return f"https://arxiv.org/abs/{self.id}"

    @property
    def pdf_url(self) -> str:
        return f"https://arxiv.org/pdf/{self.id}"


def ref_from_url(url: str) -> ArxivRef | None:
    """The arXiv id in an abs/pdf/html link, or None for any other link."""
    match = _ARXIV_URL.match(url.strip())
    if not match:
        return None
    version = match.group("version")
    return ArxivRef(match.group("id"), int(version) if version else None, match.group("kind").lower())


def ref_from_text(text: str) -> ArxivRef | None:
    """An id written as ``arXiv:2404.01964v1`` or ``2404.01964``."""
    match = _BARE_ID.fullmatch(text.strip())
    if not match:
        return None
    version = match.group("version")
    return ArxivRef(match.group("id"), int(version) if version else None)


def year_month(arxiv_id: str) -> tuple[int, int] | None:
    """The submission year and month encoded in a new-style id (``2402.10882`` -> 2024, 2)."""
    match = re.match(r"^(\d{2})(\d{2})\.\d{4,5}$", arxiv_id)
    if not match:
        match = re.match(r"^[a-z\-.A-Z]+/(\d{2})(\d{2})\d{3}$", arxiv_id)
        if not match:
            return None
    yy, mm = int(match.group(1)), int(match.group(2))
    if not 1 <= mm <= 12:
        return None
    return (2000 + yy if yy < 91 else 1900 + yy), mm
