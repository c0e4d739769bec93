"""Site-level MkDocs hooks for this digest site (registered under `hooks:` in mkdocs.yml).

The research-digest plugin does the work; these hooks only tailor this one site:
- jieba (Material's Chinese search segmentation) prints a banner on every build: keep it quiet;
- a hand-written page may write `<!-- digest-totals -->` to show the collection's totals.
"""

from __future__ import annotations

import logging

TOTALS_MARKER = "<!-- digest-totals -->"


def on_startup(command, dirty):
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def on_page_markdown(markdown, page, config, files):
    if TOTALS_MARKER not in markdown:
        return markdown
    plugin = config.plugins.get("research-digest")
    digest = getattr(plugin, "digest", None)
    if digest is None:
        return markdown
    totals = (
        f"**{len(digest.papers)}** 篇论文 papers · **{len(digest.documents)}** 份文档 documents · "
        f"**{digest.entry_count}** 条条目 entries"
    )
    return markdown.replace(TOTALS_MARKER, totals)
