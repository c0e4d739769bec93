"""Plain-text reports of a Digest, shared by the command line and the plugin's strict mode."""

from __future__ import annotations

from collections.abc import Sequence

from .clean import normalise_title
from .digest import Digest
from .grouping import RULE_TITLE_EN, RULE_TITLE_ZH, authors_contradict
from .label_match import taxonomy_entry
from .model import Paper, Problem
from .topics import Taxonomy


def problem_summary(problems: Sequence[Problem]) -> str:
    lines = [f"research-digest: {len(problems)} problem(s) in the digest sources:"]
    lines += [f"  {problem.kind}: {problem}" for problem in problems]
    return "\n".join(lines)


def merge_report(digest: Digest, listed: bool = False) -> list[str]:
    """How entries became papers: every entry is one appearance of exactly one paper. Listed:
    each merge with the rule that joined each entry, and the title matches kept apart."""
    merged = [paper for paper in digest.papers if len(paper.appearances) > 1]
    entries = sum(len(paper.appearances) for paper in merged)
    lines = [f"Merged: {len(merged)} paper(s) seen in more than one entry ({entries} entries)"]
    if listed:
        for paper in merged:
            places = ", ".join(
                f"{seen.source}:{seen.line}" + (f" ({seen.merged_by})" if seen.merged_by else "")
                for seen in paper.appearances
            )
            lines.append(f"    {paper.id}: {places}")
    apart = kept_apart(digest.papers)
    if apart or listed:
        lines.append(f"Kept apart: {len(apart)} title match(es) between different papers")
    if listed:
        lines += [f"    {first} / {second}: {rule} {title!r}: {reason}" for first, second, rule, title, reason in apart]
    with_id = {paper.arxiv_id.lower() for paper in digest.papers if paper.arxiv_id}
    without_id = sum(1 for paper in digest.papers if not paper.arxiv_id)
    lines.append(f"Papers: {len(with_id)} arXiv id(s) + {without_id} without an id")
    return lines


def kept_apart(papers: Sequence[Paper]) -> list[tuple[str, str, str, str, str]]:
    """(paper id, paper id, rule, title, why) for each two papers that share a title."""
    by_title: dict[tuple[str, str], list[tuple[Paper, str]]] = {}
    for paper in papers:
        for rule, titles in ((RULE_TITLE_EN, (paper.title_en, *paper.earlier_titles)),
                             (RULE_TITLE_ZH, (paper.title_zh, *paper.earlier_titles_zh))):
            for key, title in {normalise_title(title): title for title in reversed(titles)}.items():
                if len(key) >= 8:
                    by_title.setdefault((rule, key), []).append((paper, title))
    found: dict[tuple[str, str], tuple[str, str, str, str, str]] = {}
    for (rule, _), sharing in by_title.items():
        for number, (first, title) in enumerate(sharing):
            for second, _ in sharing[number + 1:]:
                if (first.id, second.id) not in found:
                    found[first.id, second.id] = (first.id, second.id, rule, title, _why_apart(first, second))
    return list(found.values())


def _why_apart(first: Paper, second: Paper) -> str:
    if first.arxiv_id and second.arxiv_id:
        return "different arXiv ids"
    if authors_contradict(first.authors, second.authors):
        return "no author in common"
    return "no author in common with another of their entries"


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


def unnamed_topics_report(papers: Sequence[Paper], taxonomy: Taxonomy) -> list[str]:
    """The section labels that name no topic and no glossary term (their topics have one name
    for both languages), each with a taxonomy entry to paste and complete."""
    assigned, extended = taxonomy.assign(papers)
    unnamed = [topic for topic in extended.topics if topic.generated and topic.name_zh == topic.name_en]
    if not unnamed:
        return []
    counts = {topic.id: sum(1 for paper in assigned if topic.id in paper.topics) for topic in unnamed}
    lines = [f"Unnamed topics: {len(unnamed)} section label(s) name no topic and no glossary term; "
             "add them to the site's taxonomy file (under `topics:`) with their other name:"]
    lines += [taxonomy_entry(topic, counts[topic.id]) for topic in unnamed]
    return lines
