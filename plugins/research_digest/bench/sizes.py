"""What a built site's bytes are made of: by top folder and file kind, in all and per paper.

``python -m research_digest.bench sizes SITE --papers N`` prints the table; ``bench run`` adds one
per size to its report, so the README's per-paper costs come from a measured build.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path

# the kinds a site's files are grouped by: an export is compressed or not, a page is HTML
KINDS = ((".html",), (".json.gz", ".bib.gz", ".jsonl.gz", ".xml.gz"), (".json",), (".bib",), (".xml",))


def file_kind(name: str) -> str:
    for suffixes in KINDS:
        if name.endswith(suffixes):
            return "gzip" if len(suffixes) > 1 else suffixes[0].lstrip(".")
    return "other"


def part_of(relative: str) -> str:
    """The folder a file counts under ("topics/", "archive/"), or "top-level" for the root's files."""
    head, slash, _ = relative.partition("/")
    return head + "/" if slash else "top-level"


def site_breakdown(site_dir: Path) -> Counter[tuple[str, str]]:
    """Bytes by (part, kind)."""
    sizes: Counter[tuple[str, str]] = Counter()
    for path in site_dir.rglob("*"):
        if path.is_file():
            relative = path.relative_to(site_dir).as_posix()
            sizes[part_of(relative), file_kind(path.name)] += path.stat().st_size
    return sizes


def _kb(value: float) -> str:
    return f"{value / 1e3:.2f} kB"


def breakdown_table(sizes: Mapping[tuple[str, str], int], papers: int) -> str:
    """A Markdown table: each part's bytes in all and per paper, largest first, with its kinds."""
    parts: Counter[str] = Counter()
    for (part, _), size in sizes.items():
        parts[part] += size
    lines = ["| part | in all | per paper | by kind (per paper) |", "| --- | --- | --- | --- |"]
    for part, size in parts.most_common():
        kinds = sorted(((kind, value) for (owner, kind), value in sizes.items() if owner == part), key=lambda kv: -kv[1])
        detail = ", ".join(f"{kind} {_kb(value / papers)}" for kind, value in kinds if value)
        lines.append(f"| {part} | {size / 1e6:.1f} MB | {_kb(size / papers)} | {detail} |")
    total = sum(parts.values())
    lines.append(f"| **site** | **{total / 1e6:.1f} MB** | **{_kb(total / papers)}** | |")
    return "\n".join(lines)
