"""The MkDocs adapter: configuration, virtual pages, navigation and live reload. The work
itself happens in the core (digest -> topics -> views -> render)."""

from __future__ import annotations

import dataclasses
import gzip
import logging
import os
import shutil
from collections.abc import Iterable
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_build_date

from .carry_over import NO_CARRY_OVER, CarryOver
from .config import ResearchDigestConfig
from .digest import Digest, build_digest
from .heap import HeapSettler
from .bilingual import label
from .labels import split_name
from .options import SiteSettings, resolve
from .page_reuse import PageReuse, signature, write_file
from .publish import normalised_site_url
from .report import problem_summary
from .search_index import INDEX_DIR, WORKER_ASSET, SearchPlan, plan_search
from .site import SiteBuild, build_site_pages
from .source_watch import SourceWatch
from .topics import TaxonomyError
from .urls import url_of

log = logging.getLogger("mkdocs.plugins.research_digest")

ASSET_FOLDER = "assets/research-digest"
ASSETS = (
    "digest.css", "stats.css", "reader.css", "search.css",
    "digest.js", "reader.js", "search-page.js", "ui-language.js", "paper-data.js", "archive.js",
)
SKIP_TARGET = "rd-main"  # the skip link's target, at the start of the content (overrides/main.html)


def _asset_text(name: str) -> str:
    return resources.files("research_digest").joinpath("assets", name).read_text(encoding="utf-8")


class ResearchDigestPlugin(BasePlugin[ResearchDigestConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.digest: Digest | None = None
        self.build: SiteBuild | None = None
        self.options: SiteSettings | None = None
        self.watched: tuple[Path, ...] = ()  # what `mkdocs serve` watches besides MkDocs' own files
        self.search = SearchPlan()
        self.carry_over: CarryOver = NO_CARRY_OVER
        self.page_reuse: PageReuse | None = None
        self.heap: HeapSettler | None = None
        self.source_watch: SourceWatch | None = None

    # --- mkdocs serve: rebuilds take over what has not changed ------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        serving = command == "serve"
        self.on_shutdown()
        self.carry_over = CarryOver() if serving else NO_CARRY_OVER
        self.page_reuse = PageReuse() if serving else None
        self.heap = HeapSettler() if serving else None

    def on_shutdown(self) -> None:
        if self.page_reuse is not None:
            self.page_reuse.close()
        if self.heap is not None:
            self.heap.close()
        if self.source_watch is not None:
            self.source_watch.close()
        self.carry_over, self.page_reuse, self.heap, self.source_watch = NO_CARRY_OVER, None, None, None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.page_reuse is not None:  # before MkDocs cleans the site folder
            self.page_reuse.set_aside(config.site_dir)

    def on_build_error(self, *, error: Exception) -> None:
        if self.page_reuse is not None:
            self.page_reuse.abandon()
        if self.heap is not None:
            self.heap.build_ends()

    def _site_signature(self, config: MkDocsConfig) -> str:
        settings = [repr(sorted((key, repr(value)) for key, value in self.config.items())),
                    repr(config.site_url), repr(config.use_directory_urls), repr(config.theme.dirs)]
        templates = resources.files("research_digest").joinpath("templates")
        roots = [config.config_file_path, config.docs_dir, config.theme.custom_dir, str(templates),
                 self.options.taxonomy_file if self.options else None]
        return signature(settings, roots)

    # --- configuration -------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.heap is not None:
            self.heap.build_starts()
        base_dir = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        config_name = Path(config.config_file_path).name if config.config_file_path else "mkdocs.yml"
        try:
            self.options = resolve(self.config.plugin_options(), base_dir, config_name=config_name)
        except TaxonomyError as error:
            raise PluginError(f"research-digest taxonomy: {error}") from error
        self.watched = self.options.watched
        overrides = str(resources.files("research_digest").joinpath("templates", "overrides"))
        position = 1 if config.theme.custom_dir else 0
        if overrides not in config.theme.dirs:
            config.theme.dirs.insert(position, overrides)
        for name in ASSETS:
            path = f"{ASSET_FOLDER}/{name}"
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if path not in [str(item) for item in target]:
                target.append(path)
        return config

    # --- pages ---------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        reuse = self.page_reuse
        if reuse is not None and not reuse.begin(self._site_signature(config)):
            self.carry_over.forget()
        self.carry_over.next_build()
        options = self.options
        assert options is not None
        self.digest = build_digest(dataclasses.replace(options.digest, freeze=reuse is None))
        self._report(self.digest)
        handwritten = {file.src_uri for file in files}
        self.search = plan_search(options.search, len(self.digest.papers))
        self.build = build_site_pages(
            self.digest, options.taxonomy, options.site, options.render_options(config.use_directory_urls),
            skip=handwritten,
            publish_options=options.publish_options(normalised_site_url(config.site_url), config.use_directory_urls),
            material_search=not self.search.sharded,
            carry_over=self.carry_over,
        )
        # Pages are reused only when they feed no search index: Material's is built from pages.
        reuse = reuse if self.search.sharded else None
        in_nav = {kind.path() for kind in self.build.nav_kinds()}  # MkDocs' navigation needs their files
        for path, page in self.build.pages.items():
            if reuse is not None and path not in in_nav:
                output = File(path, None, config.site_dir, config.use_directory_urls).dest_uri
                if reuse.reuse(path, output, self.build.page_inputs(path)):
                    continue
            # Listing pages are reached from the four in the navigation, not listed in it.
            files.append(File.generated(config, path, content=page.source, inclusion=InclusionLevel.NOT_IN_NAV))
        self._write_publication(files, config, handwritten)
        if not config.site_url:
            log.info("research-digest: no site_url in mkdocs.yml, so no RSS/Atom feeds (they need absolute links)")
        for name in ASSETS:
            files.append(File.generated(config, f"{ASSET_FOLDER}/{name}", content=_asset_text(name)))
        if self.search.sharded:  # Material's search box over our sharded index (search_index.py)
            self.search.build(self.build.digest.papers, self.build.site, asset_folder=ASSET_FOLDER,
                              directory_urls=config.use_directory_urls, default_language=self.config.language,
                              carry_over=self.carry_over)
            files.append(File.generated(config, self.search.worker, content=_asset_text(WORKER_ASSET)))
            log.info("research-digest: sharded search index, %d papers, %d files, %d bytes",
                     self.search.index.papers, len(self.search.index.files), self.search.index.size)
            # now, so that the pages are rendered without it
            if self.page_reuse is None:  # a dirty build's older index goes
                shutil.rmtree(Path(config.site_dir) / INDEX_DIR, ignore_errors=True)
            self._write_files(config.site_dir, {f"{INDEX_DIR}/{name}": content
                                                for name, content in self.search.index.files.items()})
            self.search.index.files = {}
        return files

    def _write_publication(self, files: Files, config: MkDocsConfig, handwritten: set[str]) -> None:
        """Exports and feeds go to the site folder now and are dropped (at 100,000 papers they are
        most of a gigabyte of text), yet stay known to MkDocs: pages may link to them."""
        assert self.build is not None
        published = self.build.publication.files
        for path in sorted(published):
            content = published.pop(path)
            if path in handwritten:
                continue
            self._write_files(config.site_dir, {path: content})
            files.append(WrittenFile(path, None, config.site_dir, config.use_directory_urls))

    def _write_files(self, site_dir: str, contents: dict[str, str | bytes]) -> None:
        """Into the site folder, except what ``mkdocs serve`` takes over unchanged (page_reuse.py)."""
        reuse = self.page_reuse
        for path, content in contents.items():
            if reuse is None or not reuse.reuse_file(path, content):
                write_file(site_dir, path, content)

    def _report(self, digest: Digest) -> None:
        for problem in digest.problems:
            (log.info if problem.notice else log.warning)("%s", problem)
        log.info(
            "research-digest: %d documents, %d entries, %d papers",
            len(digest.documents), digest.entry_count, len(digest.papers),
        )
        failing = [problem for problem in digest.problems if not problem.notice]
        if self.config.strict and failing:
            raise PluginError(problem_summary(failing))

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """The page kinds declared for the navigation first (home, archive, topics, venues,
        statistics: page_kinds.py), then the hand-written pages; the hundreds of generated listing
        pages stay out of the navigation (every page renders all of it)."""
        assert self.build is not None
        ours = [files.get_file_from_path(kind.path()) for kind in self.build.nav_kinds()]
        items: list[Any] = [file.page for file in ours if file is not None and file.page is not None]
        generated = set(self.build.pages)
        items += [item for item in (_without_generated(item, generated) for item in nav.items) if item is not None]
        pages = [page for page in _pages_of(items)]
        return Navigation(items, pages)

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.build and not os.environ.get("SOURCE_DATE_EPOCH"):
            page.update_date = self.build.update_date(page.file.src_uri) or page.update_date
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.build and page.file.src_uri in self.build.pages:
            return ""  # generated pages are rendered from templates, not Markdown
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.build and page.file.src_uri in self.build.pages:
            # Material links its skip-to-content link to the first heading of the page's table of
            # contents, and generated pages have none: give them one, pointing at main.html's anchor.
            page.toc = TableOfContents([AnchorLink(page.title or "", SKIP_TARGET, 1)])
            return ""  # rendered when MkDocs writes the page (on_page_context), then dropped
        return html

    @event_priority(100)  # before Material's search plugin, which reads the page's content
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        """A generated page's HTML exists only while MkDocs writes the page: MkDocs keeps every
        page's content from reading to the end of the build, which at 100,000 papers was
        gigabytes."""
        if self.build and page.file.src_uri in self.build.pages:
            page.content = self.build.render(page.file.src_uri)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.build and page.file.src_uri in self.build.pages:
            page.content = ""
        return output

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        assert self.build is not None
        env.globals["research_digest"] = {
            "default_language": self.config.language,
            "early_js": Markup(_asset_text("early.js")),
            "client_config": self.build.client_config(),
            "site_name": split_name(config.site_name or ""),
            "title": self.build.title_label,
            "skip_target": SKIP_TARGET,
            "label": label,
            "split_name": split_name,
            "feeds": self.build.publication.links_for,
            "search": self.search.template_data(),
        }
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.page_reuse is not None:
            self.page_reuse.finish(config.site_dir)
            if self.page_reuse.reused:
                self._add_to_sitemap(config, self.page_reuse.reused)
                log.info("research-digest: %d generated pages rendered, %d unchanged and reused",
                         len(self.page_reuse.rendered), len(self.page_reuse.reused))
        if self.heap is not None:
            self.heap.build_ends()
        if self.source_watch is not None:
            self.source_watch.check(self.watched)

    def _add_to_sitemap(self, config: MkDocsConfig, paths: Iterable[str]) -> None:
        """MkDocs lists the pages it rendered; the reused ones belong in the sitemap too (Material's
        instant navigation only takes over links to pages the sitemap lists)."""
        sitemap = Path(config.site_dir) / "sitemap.xml"
        if not (self.build and sitemap.is_file()):
            return
        entries = []
        for path in paths:
            url = escape(urljoin(config.site_url or "", url_of(path, config.use_directory_urls)))
            date = get_build_date() if os.environ.get("SOURCE_DATE_EPOCH") else self.build.update_date(path)
            lastmod = f"<lastmod>{date}</lastmod>" if date else ""
            entries.append(f"    <url>\n         <loc>{url}</loc>\n         {lastmod}\n    </url>\n")
        text = sitemap.read_text(encoding="utf-8").replace("</urlset>", "".join(entries) + "</urlset>")
        sitemap.write_text(text, encoding="utf-8")
        with gzip.GzipFile(str(sitemap) + ".gz", "wb", mtime=0) as compressed:
            compressed.write(text.encode("utf-8"))

    # --- live reload ---------------------------------------------------------------------

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Watch the sources, also through their deletion and return (see source_watch.py)."""
        self.source_watch = SourceWatch(server, self.watched)
        return server


class WrittenFile(File):
    """A published file the plugin has written into the site folder itself."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def _without_generated(item: Any, generated: set[str]) -> Any:
    if isinstance(item, Page):
        return None if item.file.src_uri in generated else item
    if isinstance(item, Section):
        children = [child for child in (_without_generated(c, generated) for c in item.children) if child is not None]
        if not children:
            return None
        item.children = children
        return item
    return item


def _pages_of(items: list[Any]) -> list[Page]:
    pages = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages.extend(_pages_of(item.children))
    return pages
