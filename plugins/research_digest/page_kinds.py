"""The kinds of generated page, each declared once: home, the date archive, topic and venue
listings, statistics, the search results page.

A kind says everything that differs between pages of that kind: the template it is rendered
with, its title in the navigation and its place there, whether Material's search indexes it,
whether it shows figures of the whole site, and where its pages live. Every view carries its
kind, and the rest of the code asks the kind instead of comparing names (Material's blog plugin
has a class per page kind, Hugo a ``Page.Kind`` whose templates are found by lookup). A new kind
of page is one declaration in ``PAGE_KINDS`` plus its template (and, for a listing of papers, the
function in views.py that lays out its pages; for one grouped by a facet, a ``Facet``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .labels import UI, Label, markup_free


@dataclass(frozen=True, eq=False)  # kinds are compared by identity: each is declared once
class PageKind:
    name: str  # also the page's CSS modifier: rd-page--{name}
    url: str  # source path of its (first) page, formatted with the view's facts: {year}, {key}...
    template: str = "listing.html"
    title: Label | None = None  # the heading of the one page of this kind, for kinds with one page
    nav: Label | None = None  # listed in the navigation under this title, in PAGE_KINDS order
    searchable: bool = False  # Material's search indexes it (where the papers' canonical cards are)
    whole_site: bool = False  # shows figures of the whole site, so it changes with any paper
    standalone: bool = False  # one page made from this declaration alone (no papers of its own)
    children_heading: Label | None = None  # above the links to its sub-listings
    papers_heading: Label | None = None  # above its own papers, when it has sub-listings too

    def __str__(self) -> str:
        return self.name

    def path(self, **facts: object) -> str:
        """The source path of the first page of the listing ``facts`` name (a day, a topic...)."""
        return self.url.format(**facts)

    def page_title(self, heading: Label) -> str:
        """The title MkDocs and the theme print for a page of this kind with this heading. They
        print it unescaped (the <title>, Material's header), and headings carry names from the
        taxonomy and corrections files: every page title is made markup-free here."""
        title = f"{self.nav.zh} {self.nav.en}" if self.nav is not None else str(heading)
        return markup_free(title)

    def title_label(self, heading: Label) -> Label:
        """The page title in each language, markup-free like ``page_title``."""
        return (self.nav or heading).markup_free()


HOME = PageKind("home", "index.md", "home.html", title=Label("论文速递", "Research Digest"),
                nav=Label("首页", "Home"), whole_site=True)
ARCHIVE_INDEX = PageKind("archive-index", "archive/index.md", title=Label("日期归档", "Archive"),
                         nav=Label("日期", "Archive"), whole_site=True, children_heading=UI["years"])
YEAR = PageKind("year", "archive/{year:04d}/index.md", searchable=True,
                children_heading=UI["months"], papers_heading=UI["only_year"])
MONTH = PageKind("month", "archive/{year:04d}/{month:02d}/index.md", searchable=True,
                 children_heading=UI["days"], papers_heading=UI["only_month"])
DAY = PageKind("day", "archive/{year:04d}/{month:02d}/{day:02d}/index.md", "day.html", searchable=True)
TOPIC_INDEX = PageKind("topic-index", "topics/index.md", title=Label("主题", "Topics"),
                       nav=Label("主题", "Topics"), whole_site=True)
TOPIC = PageKind("topic", "topics/{key}/index.md")
VENUE_INDEX = PageKind("venue-index", "venues/index.md", title=Label("会议", "Venues"),
                       nav=Label("会议", "Venues"), whole_site=True)
VENUE = PageKind("venue", "venues/{key}/index.md")
STATISTICS = PageKind("stats", "stats/index.md", "statistics.html", title=Label("统计", "Statistics"),
                      nav=Label("统计", "Statistics"), whole_site=True, standalone=True)
READING_LIST = PageKind("reading-list", "reading-list/index.md", "reading_list.html",
                        title=Label("待读", "Reading list"), nav=Label("待读", "Reading list"), standalone=True)
# The results page (search/?q=...): a shell filled in the browser by search-page.js.
SEARCH = PageKind("search", "search/index.md", "search.html", title=Label("搜索论文", "Search papers"),
                  standalone=True)

PAGE_KINDS: tuple[PageKind, ...] = (
    HOME, ARCHIVE_INDEX, YEAR, MONTH, DAY, TOPIC_INDEX, TOPIC, VENUE_INDEX, VENUE, STATISTICS, READING_LIST, SEARCH,
)
NAV_KINDS: tuple[PageKind, ...] = tuple(kind for kind in PAGE_KINDS if kind.nav is not None)

# Not a page: the view a card is rendered against once, before it is placed on its pages.
CARD = PageKind("card", "index.md", "card.html")
