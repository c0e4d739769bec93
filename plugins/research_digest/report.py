"""Plain-text reports of a Digest, shared by the command line and the plugin's strict mode."""

from __future__ import annotations

from collections.abc import Sequence

from .digest import Digest
from .model import Problem


def problem_summary(problems: Sequence[Problem]) -> str:
    lines = [f"research-digest: {len(problems)} problem(s) in the digest sources:"]
    lines += [f"  {problem.kind}: {problem}" for problem in problems]
    return "\n".join(lines)


def merge_report(digest: Digest, listed: bool = False) -> list[str]:
    """How entries became papers: every entry is one appearance of exactly one paper."""
    merged = [paper for paper in digest.papers if len(paper.appearances) > 1]
    entries = sum(len(paper.appearances) for paper in merged)
    lines = [f"Merged: {len(merged)} paper(s) seen in more than one entry ({entries} entries)"]
    if listed:
        for paper in merged:
            places = ", ".join(f"{seen.source}:{seen.line}" for seen in paper.appearances)
            lines.append(f"    {paper.id}: {places}")
    return lines


def check_report(digest: Digest, list_merges: bool = False) -> str:
    """Per document: its format, paper count and warnings; then the totals."""
    width = max((len(document.name) for document in digest.documents), default=10)
    lines = []
    for document in digest.documents:
        fmt = document.format or "unknown"
        encoding = "" if document.encoding == "utf-8" else f"  (decoded as {document.encoding})"
        lines.append(f"{document.name:<{width}}  {fmt:<12} {document.entries:>6} papers{encoding}")
        lines += [f"    {p.kind}: {p}" for p in document.problems]
    documented = {p for document in digest.documents for p in document.problems}
    other = [problem for problem in digest.problems if problem not in documented]
    lines += [f"{p.kind}: {p}" for p in other]
    lines += merge_report(digest, list_merges)
    skipped = len(digest.skipped)
    warnings = len(digest.warnings)
    lines.append(
        f"Total: {len(digest.documents)} documents, {digest.entry_count} entries, "
        f"{len(digest.papers)} papers after merging, {skipped} skipped, "
        f"{warnings} warnings"
    )
    return "\n".join(lines)
