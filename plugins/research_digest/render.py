"""Views -> HTML, through Jinja templates with autoescaping: digest text is untrusted."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from .bilingual import TEMPLATE_GLOBALS
from .carry_over import NO_CARRY_OVER, CarryOver
from .day_layout import DayGroup, day_groups
from .filter_data import FILTERED_KINDS, filter_path
from .bibtex import bibtex_entry, citation_key
from .labels import UI, Label, date_label, topic_label
from .model import Paper, PaperDate
from .page_kinds import CARD, TOPIC
from .publish import Publication
from .tex import rich_html
from .topics import Taxonomy, category_name
from .urls import anchor_for, anchor_of, relative_url, safe_url, url_of
from .views import Site, View, venue_key

AUTHORS_SHOWN = 8

# A card is rendered once per paper and placed on many pages (its day, topics, venue, home).
# What differs from page to page is filled into these markers: the way back to the site root,
# the permalink, and whether this is the paper's canonical card.
ROOT = "\x00rd-root\x00"
PERMALINK = "\x00rd-permalink\x00"
LISTED_CLASS = "\x00rd-listed-class\x00"
LISTED_ATTRIBUTES = "\x00rd-listed-attributes\x00"
# and the title's heading level, which follows the page's outline: h2 under the page's h1, h3
# under a group's or section's h2
TITLE_TAG = "\x00rd-title-tag\x00"


@dataclass
class RenderOptions:
    default_language: str = "zh"
    directory_urls: bool = True


@lru_cache(maxsize=None)
def template_environment() -> Environment:
    """One for the process: `mkdocs serve` rebuilds reuse its compiled templates (it still
    reloads a template file that changed)."""
    env = Environment(
        loader=PackageLoader("research_digest", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        TEMPLATE_GLOBALS, UI=UI, AUTHORS_SHOWN=AUTHORS_SHOWN,
        LISTED_CLASS=Markup(LISTED_CLASS), LISTED_ATTRIBUTES=Markup(LISTED_ATTRIBUTES), TITLE_TAG=Markup(TITLE_TAG),
    )
    env.filters.update(safe_url=safe_url, anchor=anchor_of, tex=rich_html)
    return env


class Renderer:
    def __init__(
        self, site: Site, taxonomy: Taxonomy, options: RenderOptions, publication: Publication | None = None,
        carry_over: CarryOver = NO_CARRY_OVER,
    ) -> None:
        self.site = site
        self.carry_over = carry_over
        self.publication = publication
        self.taxonomy = taxonomy
        self.options = options
        self.env = template_environment()
        self._cards: dict[str, str] = {}
        self._templates: dict[str, Any] = {}

    def template(self, name: str) -> Any:
        template = self._templates.get(name)
        if template is None:
            template = self._templates[name] = self.env.get_template(name)
        return template

    def page_html(self, view: View, **context: Any) -> str:
        """The page's HTML, from the template of its kind; ``context`` is what that template
        needs besides the view (the home page: the whole site's figures)."""
        return self.template(view.kind.template).render(view=view, page=PageContext(self, view), **context)

    def card_template(self, paper: Paper, compact: bool) -> str:
        """The paper's card with markers where pages differ, rendered once and kept. The full
        card is shown once (on the paper's canonical page) and not kept; the compact one, on
        every other listing, is."""
        card = self._cards.get(paper.id) if compact else None
        if card is not None:
            self._last_use(paper.id)
        else:
            context = CardContext(self, View(CARD, CARD.path(), Label("", "")))
            links = CardLinks(
                tuple(context.topic_links(paper)), context.venue_link(paper), tuple(context.date_links(paper)),
                tuple(context.also_posted_links(paper)),
                self.publication.citation_keys.get(paper.id) if self.publication else None,
                compact,
            )
            card = self.carry_over.get(self._card_renderer, paper, links)
            if compact:
                self._cards[paper.id] = card
                self._last_use(paper.id)
        return card

    def _last_use(self, paper_id: str) -> None:
        """Forget a compact card once the last page that lists it has it (a build renders each
        page once): the cards of 100,000 papers would hold hundreds of megabytes to the end."""
        left = self._compact_uses[paper_id] = self._compact_uses.get(paper_id, 0) - 1
        if left <= 0:
            del self._cards[paper_id]

    @cached_property
    def _compact_uses(self) -> dict[str, int]:
        """How many pages show each paper's compact card."""
        uses: dict[str, int] = {}
        for view in self.site.views:
            for paper in view.papers:
                if not (view.canonical and self.site.canonical.get(paper.id) == view.path):
                    uses[paper.id] = uses.get(paper.id, 0) + 1
        return uses

    @cached_property
    def _card_renderer(self) -> partial[str]:
        return partial(_render_card, self.template(CARD.template))

    def card_html(self, paper: Paper, context: PageContext, canonical: bool, level: int = 3) -> Markup:
        # A paper without a canonical page (no date) has its full card wherever it is listed.
        compact = not canonical and paper.id in self.site.canonical
        card = self.card_template(paper, compact)
        if compact and context.view.kind is TOPIC:
            card = _without_topic_chip(card, self.own_topic_href(context.view))
        html = (
            card
            .replace(ROOT, context.root_prefix)
            .replace(PERMALINK, context.permalink(paper))
            .replace(LISTED_CLASS, "" if canonical or compact else " rd-card--listed")
            .replace(LISTED_ATTRIBUTES, "" if canonical else " data-search-exclude")
            .replace(TITLE_TAG, f"h{level}")
        )
        return Markup(html)

    def own_topic_href(self, view: View) -> str:
        """The link a card's chip of this topic listing's own topic has (see CardContext.href)."""
        path = self.site.facet_paths["topic"].get(view.facet_key, "")
        return ROOT + url_of(path, self.options.directory_urls) if path else ""


def _without_topic_chip(card: str, href: str) -> str:
    """A compact card on a topic's listing leaves out its chip of that topic: every card there has it."""
    start = card.find(f'<a class="rd-topic" href="{escape(href)}">') if href else -1
    if start < 0:
        return card
    end = card.find("</a> ", start) + len("</a> ")
    return card[:start] + card[end:]


class PageContext:
    """What templates need to know about the page being rendered: how to link from it."""

    def __init__(self, renderer: Renderer, view: View) -> None:
        self.renderer = renderer
        self.view = view
        self.url = url_of(view.path, renderer.options.directory_urls)

    @property
    def root_prefix(self) -> str:
        """The relative way from this page to the site root: "../../" or "./"."""
        return "../" * self.url.count("/") or "./"

    def href(self, path: str) -> str:
        return relative_url(url_of(path, self.renderer.options.directory_urls), self.url)

    def card(self, paper: Paper, level: int = 3) -> Markup:
        """The paper's card, its title a heading of ``level`` (2 where no heading stands between
        the page's h1 and the cards)."""
        return self.renderer.card_html(paper, self, self.is_canonical(paper), level)

    def is_canonical(self, paper: Paper) -> bool:
        return self.view.canonical and self.renderer.site.canonical.get(paper.id) == self.view.path

    def permalink(self, paper: Paper) -> str:
        """Where the paper's canonical card is, from this page."""
        path = self.renderer.site.canonical.get(paper.id)
        if path is None or path == self.view.path:
            return "#" + anchor_of(paper)
        return self.href(path) + "#" + anchor_of(paper)

    def date_links(self, paper: Paper) -> list[tuple[str, Label]]:
        return [
            (self.href(self.renderer.site.date_paths[date.key]), date_label(date))
            for date in paper.dates if date.key in self.renderer.site.date_paths
        ]

    def topic_links(self, paper: Paper) -> list[tuple[str, Label]]:
        taxonomy, paths = self.renderer.taxonomy, self.renderer.site.facet_paths["topic"]
        return [
            (self.href(paths[topic_id]), topic_label(taxonomy, topic_id))
            for topic_id in paper.topics if topic_id in paths and taxonomy.topic(topic_id)
        ]

    def also_posted_links(self, paper: Paper) -> list[tuple[str, str]]:
        """(href, id) of the other papers with this paper's title: their canonical cards."""
        links = []
        for other in paper.also_posted_as:
            path = self.renderer.site.canonical.get(other)
            links.append((self.href(path) + "#" + anchor_for(other) if path else "", other))
        return links

    def venue_link(self, paper: Paper) -> str:
        keys = venue_key(paper)
        path = self.renderer.site.facet_paths["venue"].get(keys[0]) if keys else None
        return self.href(path) if path else ""

    def category(self, paper: Paper) -> Label | None:
        return category_label(paper)

    def bibtex(self, paper: Paper) -> str:
        publication = self.renderer.publication
        key = (publication.citation_keys.get(paper.id) if publication else None) or citation_key(paper)
        return bibtex_entry(paper, key, with_abstract=False)

    def downloads(self) -> list[tuple[str, str, str]]:
        """(href, label, MIME type) of this listing's feeds and exports, for its subscribe line."""
        publication = self.renderer.publication
        listing = self.view.first_page or self.view.path
        if publication is None:
            return []
        links = []
        feed = publication.feeds.get(listing)
        if feed is not None:
            links += [(self.file_href(feed.rss_path), "RSS", "application/rss+xml"),
                      (self.file_href(feed.atom_path), "Atom", "application/atom+xml")]
        bib = publication.bibliographies.get(listing)
        if bib is not None:
            links.append((self.file_href(bib), "BibTeX", "application/gzip" if bib.endswith(".gz") else "application/x-bibtex"))
        if listing == "index.md":
            links.append((self.file_href(publication.json_download), "JSON", "application/json"))
        return links

    def file_href(self, path: str) -> str:
        """Link from this page to a published file (not a page) such as topics/x/feed.xml."""
        return relative_url(path, self.url)

    def date_label(self, date: PaperDate) -> Label:
        return date_label(date)

    def day_layout(self) -> tuple[list[DayGroup], list[Paper]]:
        """This day's (or the home page's latest day's) new papers by topic, and those seen before."""
        return day_groups(self.view.papers, self.view.facet_key, self.renderer.taxonomy)

    def filter_href(self) -> str:
        """The listing's filter data (filter_data.py), or "" for a page that has none."""
        if self.view.kind not in FILTERED_KINDS or not (self.view.papers or self.view.total):
            return ""
        return self.file_href(filter_path(self.view))


@dataclass(frozen=True)
class CardLinks:
    """Everything a card shows besides its paper, as the card template's ``page``: links
    relative to the ROOT marker, and the BibTeX key. A card is a function of the two."""

    topics: tuple[tuple[str, Label], ...]
    venue: str
    dates: tuple[tuple[str, Label], ...]
    also_posted: tuple[tuple[str, str], ...]
    citation_key: str | None
    compact: bool = False  # a listing's card: the long text stays on the full card

    def topic_links(self, paper: Paper) -> tuple[tuple[str, Label], ...]:
        return self.topics

    def venue_link(self, paper: Paper) -> str:
        return self.venue

    def date_links(self, paper: Paper) -> tuple[tuple[str, Label], ...]:
        return self.dates

    def also_posted_links(self, paper: Paper) -> tuple[tuple[str, str], ...]:
        return self.also_posted

    def permalink(self, paper: Paper) -> str:
        return PERMALINK

    def category(self, paper: Paper) -> Label | None:
        return category_label(paper)

    def bibtex(self, paper: Paper) -> str:
        return bibtex_entry(paper, self.citation_key or citation_key(paper), with_abstract=False)


def _render_card(template: Any, paper: Paper, links: CardLinks) -> str:
    return template.render(paper=paper, page=links)


def category_label(paper: Paper) -> Label | None:
    if not paper.category:
        return None
    names = category_name(paper.category)
    return Label(names[0], names[1]) if names else Label(paper.category, paper.category)


class CardContext(PageContext):
    """Links from a card rendered for every page at once: relative to the ROOT marker."""

    def href(self, path: str) -> str:
        return ROOT + url_of(path, self.renderer.options.directory_urls)

    def permalink(self, paper: Paper) -> str:
        return PERMALINK
