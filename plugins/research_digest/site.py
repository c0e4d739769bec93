"""The generated part of the site: topics assigned, views laid out, each page's front matter and
HTML. Plain Python; the MkDocs plugin only hands these pages to MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import attrgetter
from typing import Any

import yaml
from markupsafe import Markup

from .carry_over import NO_CARRY_OVER, CarryOver
from .digest import Digest
from .filter_data import filter_files
from .labels import Label, date_label
from .page_kinds import ARCHIVE_INDEX, NAV_KINDS, TOPIC_INDEX, PageKind
from .publish import Publication, PublishOptions, publish
from .render import Renderer, RenderOptions
from .stats import render_statistics, site_statistics
from .topics import Taxonomy
from .urls import url_of
from .views import FACETS, Site, SiteOptions, View, build_site, latest_date


@dataclass(frozen=True)
class GeneratedPage:
    view: View
    material_search: bool = True

    @cached_property
    def source(self) -> str:
        """The virtual Markdown file: front matter only."""
        return front_matter(self.view, self.material_search)


@dataclass
class SiteBuild:
    digest: Digest
    taxonomy: Taxonomy
    site: Site
    renderer: Renderer
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    publication: Publication = field(default_factory=Publication)

    def render(self, path: str) -> str:
        return self.renderer.page_html(self.pages[path].view, build=self)

    @cached_property
    def statistics(self) -> Markup:
        """The statistics page's body."""
        return render_statistics(site_statistics(
            self.digest.papers, self.taxonomy, self.digest.documents, self.renderer.carry_over))

    @cached_property
    def figures(self) -> dict[str, Any]:
        """The home page's figures of the whole site."""
        papers = self.digest.papers
        dates = [date for paper in papers for date in paper.dates]
        order = attrgetter("sort_key")
        first, last = (min(dates, key=order), max(dates, key=order)) if dates else (None, None)
        latest = latest_date(papers)
        topic_index = next((view for view in self.site.views if view.kind is TOPIC_INDEX), None)
        return {
            "papers": len(papers),
            "topics": len(self.site.facet_paths["topic"]),
            "venues": len(self.site.facet_paths["venue"]),
            "first": date_label(first) if first else None,
            "last": date_label(last) if last else None,
            "latest": date_label(latest) if latest else None,
            "latest_path": self.site.date_paths.get(latest.key, ARCHIVE_INDEX.path()) if latest else "",
            "latest_count": sum(1 for paper in papers if latest in paper.dates) if latest else 0,
            "topic_links": topic_index.children if topic_index else (),
        }

    def nav_kinds(self) -> tuple[PageKind, ...]:
        """The page kinds the navigation lists: a facet's index only when the facet has pages (no
        empty "Venues" page in the navigation of a site without venue papers)."""
        empty = {facet.index for facet in FACETS if not self.site.facet_paths.get(facet.name)}
        return tuple(kind for kind in NAV_KINDS if kind not in empty)

    def title_label(self, path: str) -> Label | None:
        """A generated page's title in both languages (the tab and header titles follow the
        language toggle); None for hand-written pages."""
        page = self.pages.get(path)
        return page.view.kind.title_label(page.view.title) if page else None

    def client_config(self) -> dict[str, Any]:
        """What the language toggle needs in the browser: default language and nav labels."""
        nav = {url_of(kind.path()): [kind.nav.zh, kind.nav.en] for kind in self.nav_kinds() if kind.path() in self.pages}
        return {"defaultLang": self.renderer.options.default_language, "nav": nav}

    def update_date(self, path: str) -> str | None:
        """The sitemap's lastmod, from the data rather than the clock (so builds are reproducible):
        the newest date among a page's papers, else the newest date of the whole digest."""
        page = self.pages.get(path)
        if not (page and page.view.papers):
            return self.newest_date
        dates = [date.value for paper in page.view.papers for date in paper.dates]
        return max(dates).isoformat() if dates else self.newest_date

    @cached_property
    def newest_date(self) -> str | None:
        dates = [date.value for paper in self.digest.papers for date in paper.dates]
        return max(dates).isoformat() if dates else None

    def page_inputs(self, path: str) -> tuple | None:
        """Everything the page's HTML is made from besides the site-wide setup (configuration,
        theme, taxonomy, which topics and venues have pages): equal inputs, equal page. None for
        the pages that show whole-site figures (home, statistics, the indexes)."""
        view = self.pages[path].view
        if view.kind.whole_site:
            return None
        listing = view.first_page or view.path
        keys, canonical = self.publication.citation_keys, self.site.canonical
        return (
            view,
            tuple((canonical.get(paper.id), keys.get(paper.id)) for paper in view.papers),
            self.publication.feeds.get(listing), self.publication.bibliographies.get(listing),
        )


def front_matter(view: View, material_search: bool = True) -> str:
    meta: dict[str, Any] = {"title": view.kind.page_title(view.title), "hide": ["toc"]}
    if not (view.kind.searchable and material_search):  # sharded search: see search_index.py
        meta["search"] = {"exclude": True}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n"


def build_site_pages(
    digest: Digest,
    taxonomy: Taxonomy,
    site_options: SiteOptions,
    render: RenderOptions,
    *,
    skip: set[str] = frozenset(),
    publish_options: PublishOptions | None = None,
    material_search: bool = True,
    carry_over: CarryOver = NO_CARRY_OVER,
) -> SiteBuild:
    """Assign topics, lay out the views and prepare each page. Views whose path a hand-written
    page already has (``skip``) are left to the hand-written page."""
    papers, taxonomy = taxonomy.assign(digest.papers, carry_over=carry_over)
    digest = replace(digest, papers=tuple(papers))
    site = build_site(papers, taxonomy, site_options)
    publication = publish(papers, site, taxonomy, publish_options or PublishOptions(
        language=render.default_language, directory_urls=render.directory_urls), carry_over)
    publication.files.update(filter_files(site, taxonomy, render.directory_urls, papers, carry_over))
    renderer = Renderer(site, taxonomy, render, publication, carry_over)
    pages = {view.path: GeneratedPage(view, material_search) for view in site.views if view.path not in skip}
    return SiteBuild(digest, taxonomy, site, renderer, pages, publication)
