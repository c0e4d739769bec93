"""Which pages the site has: home, the date archive, topic and venue listings.

Every listing comes from one generic path: group papers by a facet, then paginate the groups
into views. A view is a page kind (page_kinds.py), a title, a source path and the papers (or
sub-listings) it shows.
Each paper's canonical card lives in the archive, on the page of its earliest date.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from .calendars import Calendar, month_calendar, years_calendar
from .day_layout import day_order, day_page_size
from .labels import UI, Label, date_label, month_label, topic_label, year_label
from .merge import slugify
from .model import Paper, PaperDate, Precision
from .page_kinds import (
    ARCHIVE_INDEX, DAY, HOME, MONTH, PAGE_KINDS, TOPIC, TOPIC_INDEX, VENUE, VENUE_INDEX, YEAR, PageKind,
)
from .topics import Taxonomy


@dataclass(frozen=True)
class Link:
    """A pointer to another view, with how many papers lie behind it."""

    path: str
    title: Label
    count: int = 0


@dataclass(frozen=True)
class View:
    kind: PageKind
    path: str  # source path of the virtual page, e.g. "archive/2024/02/16/index.md"
    title: Label
    papers: tuple[Paper, ...] = ()
    canonical: bool = False  # the cards here are the papers' canonical cards (indexed by search)
    children: tuple[Link, ...] = ()
    page: int = 1
    pages: int = 1
    first_page: str = ""  # path of page 1 of this listing
    parents: tuple[Link, ...] = ()  # breadcrumbs, outermost first
    facet_key: str = ""  # topic id, venue slug or date key this listing is about
    total: int = 0  # papers in the whole listing, over all its pages
    newer: str = ""  # growing listings (topics, venues): the page of the next newer papers
    older: str = ""  # ... and of the next older ones
    span: tuple[PaperDate, ...] = ()  # an older page's oldest and newest date, for its title
    calendar: Calendar | None = None  # a month's days, or the archive index's months (calendars.py)
    earlier: Link | None = None  # a day (month) page: the day (month) before it that has papers ...
    later: Link | None = None  # ... and the one after
    page_links: tuple[Link, ...] = ()  # growing listings: numbered pages around this one
    months: tuple[Link, ...] = ()  # growing listings' first page: the page each month starts on
    period_topics: tuple[Link, ...] = ()  # a month page: its papers' topics, with counts
    total_in_period: int = 0  # a month page: papers seen in the month (its days' too)

    def page_path(self, page: int) -> str:
        return paged_path(self.first_page or self.path, page)


@dataclass(frozen=True)
class SiteOptions:
    page_size: int = 100  # compact cards (~1 kB): a page's theme markup (~20 kB) is shared by more papers
    archive_page_size: int = 50
    home_size: int = 30


@dataclass
class Site:
    views: list[View] = field(default_factory=list)
    canonical: dict[str, str] = field(default_factory=dict)  # paper id -> path of its canonical card's page
    facet_paths: dict[str, dict[str, str]] = field(default_factory=dict)  # facet name -> key -> listing path
    date_paths: dict[str, str] = field(default_factory=dict)  # date key -> archive page path


def paged_path(first: str, page: int) -> str:
    if page <= 1:
        return first
    folder = first[: -len("index.md")]
    return f"{folder}page/{page}/index.md"


def _paginate(
    make: Callable[[int, int, tuple[Paper, ...]], View], papers: Sequence[Paper], size: int
) -> list[View]:
    pages = max(1, math.ceil(len(papers) / size))
    return [
        replace(make(page, pages, tuple(papers[(page - 1) * size : page * size])), total=len(papers))
        for page in range(1, pages + 1)
    ]


def _growing_pages(
    make: Callable[[str, tuple[Paper, ...]], View], first: str, newest: Sequence[Paper], size: int
) -> list[View]:
    """A listing that grows at its new end, paginated so that pages keep their papers: the
    first page holds the newest ``size`` to ``2 * size - 1`` papers, and each older page
    ``size`` papers, numbered from the oldest (``page/1/`` is the oldest). A new day changes the
    first page only, and adds a page when it overflows: the older pages, their links and every
    link to them stay as they were (bookmarks, caches and incremental rebuilds rely on it)."""
    count = len(newest)
    older_pages = max(0, count // size - 1)
    first_count = count - older_pages * size
    paths = [first] + [older_path(first, number) for number in range(older_pages, 0, -1)]  # newest first
    chunks = [tuple(newest[:first_count])] + [
        tuple(newest[first_count + index * size : first_count + (index + 1) * size]) for index in range(older_pages)
    ]
    views = []
    for index, (path, chunk) in enumerate(zip(paths, chunks)):
        dates = [paper.first_date for paper in chunk if paper.first_date]
        views.append(replace(
            make(path, chunk), total=count if not index else 0,  # a total would change every page
            newer=paths[index - 1] if index else "", older=paths[index + 1] if index + 1 < len(paths) else "",
            span=(min(dates), max(dates)) if index and dates else (),
            page_links=_numbered_links(first, older_pages, older_pages - index + 1 if index else None),
            months=_month_starts(paths, chunks) if not index and older_pages else (),
        ))
    return views


def _numbered_links(first: str, older_pages: int, current: int | None) -> tuple[Link, ...]:
    """The latest page, then older pages by number: a window around the current one and the
    oldest (page 1). Only one number above the current one: a new page then changes no page
    but the first and the newest older one (see _growing_pages)."""
    if not older_pages:
        return ()
    top = older_pages if current is None else min(older_pages, current + 1)
    bottom = top - 4 if current is None else current - 2
    numbers = sorted({*range(max(1, bottom), top + 1), 1}, reverse=True)
    latest = Link(first, UI["latest"])
    return (latest, *(Link(older_path(first, number), Label(str(number), str(number)), number) for number in numbers))


def _month_starts(paths: Sequence[str], chunks: Sequence[tuple[Paper, ...]]) -> tuple[Link, ...]:
    """Each month's papers start on the page that holds its newest paper, newest month first."""
    starts: dict[tuple[int, int], str] = {}
    for path, chunk in zip(paths, chunks):
        for paper in chunk:
            date = paper.first_date
            if date is not None and date.precision is not Precision.YEAR:
                starts.setdefault((date.value.year, date.value.month), path)
    return tuple(Link(path, month_label(year, month)) for (year, month), path in starts.items())


def older_path(first: str, number: int) -> str:
    return f"{first[: -len('index.md')]}page/{number}/index.md"


def newest_first(papers: Iterable[Paper]) -> list[Paper]:
    """Newest earliest-date first; papers of one date keep their source order."""
    return _by_first_date(papers, newest=True)


def oldest_first(papers: Iterable[Paper]) -> list[Paper]:
    """Oldest earliest-date first; papers of one date keep their source order."""
    return _by_first_date(papers, newest=False)


def _by_first_date(papers: Iterable[Paper], *, newest: bool) -> list[Paper]:
    sign = -1 if newest else 1
    indexed = list(enumerate(papers))
    indexed.sort(key=lambda item: (sign * (item[1].first_date.value.toordinal() if item[1].first_date else 0), item[0]))
    return [paper for _, paper in indexed]


# --- the date archive -------------------------------------------------------------------

def archive_path(date: PaperDate) -> str:
    kind = {Precision.DAY: DAY, Precision.MONTH: MONTH}.get(date.precision, YEAR)
    return kind.path(year=date.value.year, month=date.value.month, day=date.value.day)


def _papers_on(papers: Sequence[Paper]) -> dict[PaperDate, list[Paper]]:
    """Papers by each date they appeared on (a paper seen on two days is listed under both)."""
    by_date: dict[PaperDate, list[Paper]] = defaultdict(list)
    for paper in papers:
        for date in paper.dates:
            by_date[date].append(paper)
    return by_date


def archive_views(
    papers: Sequence[Paper], options: SiteOptions, site: Site, taxonomy: Taxonomy | None = None
) -> list[View]:
    by_date = _papers_on(papers)
    if taxonomy is not None:
        by_date = {date: (day_order(members, date.key, taxonomy) if date.precision is Precision.DAY else members)
                   for date, members in by_date.items()}
    years = sorted({date.value.year for date in by_date}, reverse=True)
    views: list[View] = []
    root = Link(ARCHIVE_INDEX.path(), ARCHIVE_INDEX.title)
    year_links, heat_rows = [], []
    for year in years:
        year_views, count = _year_views(year, by_date, options, site, root)
        views.extend(year_views)
        year_links.append(Link(year_views[0].path, year_label(year), count))
        months = {view.facet_key: view for view in year_views if view.kind is MONTH and view.page == 1}
        heat_rows.append((year, year_views[0].path, year_label(year), count, {
            int(key[5:]): (view.path, view.title, view.total_in_period) for key, view in months.items()}))
    views = _months_linked(views, papers, taxonomy)
    views.insert(0, View(ARCHIVE_INDEX, root.path, root.title, children=tuple(year_links),
                         calendar=years_calendar(heat_rows)))
    return _linked_days(views)


def _linked_days(views: list[View]) -> list[View]:
    """Every page of a day links to the day before and the day after (those with papers)."""
    days = sorted({view.facet_key: view for view in views if view.kind is DAY and view.page == 1}.items())
    links = {key: Link(view.path, view.title) for key, view in days}
    keys = [key for key, _ in days]
    neighbours = {
        key: (links[keys[index - 1]] if index else None, links[keys[index + 1]] if index + 1 < len(keys) else None)
        for index, key in enumerate(keys)
    }
    return [
        replace(view, earlier=neighbours[view.facet_key][0], later=neighbours[view.facet_key][1])
        if view.kind is DAY else view
        for view in views
    ]


def _months_linked(views: list[View], papers: Sequence[Paper], taxonomy: Taxonomy | None) -> list[View]:
    """Each month's first page with the months before and after it, and its papers' topics."""
    months = sorted((view.facet_key, index) for index, view in enumerate(views) if view.kind is MONTH and view.page == 1)
    topics = _topics_by_month(papers, taxonomy) if taxonomy is not None else {}
    linked = list(views)
    for position, (key, index) in enumerate(months):
        before = views[months[position - 1][1]] if position else None
        after = views[months[position + 1][1]] if position + 1 < len(months) else None
        linked[index] = replace(
            views[index], period_topics=topics.get(key, ()),
            earlier=Link(before.path, before.title) if before else None,
            later=Link(after.path, after.title) if after else None,
        )
    return linked


def _topics_by_month(papers: Sequence[Paper], taxonomy: Taxonomy) -> dict[str, tuple[Link, ...]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for paper in papers:
        months = {date.key[:7] for date in paper.dates if date.precision is not Precision.YEAR}
        for month in months:
            for topic_id in paper.topics:
                counts[month][topic_id] += 1
    order = {topic.id: position for position, topic in enumerate(taxonomy.topics)}
    return {
        month: tuple(Link(TOPIC.path(key=topic_id), topic_label(taxonomy, topic_id), count)
                     for topic_id, count in sorted(by_topic.items(), key=lambda item: (-item[1], order.get(item[0], 0))))
        for month, by_topic in counts.items()
    }


def _year_views(year: int, by_date: dict[PaperDate, list[Paper]], options: SiteOptions, site: Site, root: Link):
    in_year = {date: papers for date, papers in by_date.items() if date.value.year == year}
    year_key = next((d for d in in_year if d.precision is Precision.YEAR), None)
    months = sorted({d.value.month for d in in_year if d.precision is not Precision.YEAR}, reverse=True)
    year_link = Link(YEAR.path(year=year), year_label(year))
    views: list[View] = []
    month_links = []
    for month in months:
        month_views = _month_views(year, month, in_year, options, site, (root, year_link))
        views.extend(month_views)
        count = month_views[0].total_in_period
        month_links.append(Link(month_views[0].path, month_label(year, month), count))
    own = in_year.get(year_key, []) if year_key else []
    year_views = _listing_views(
        YEAR, year_link.path, year_link.title, own, options.archive_page_size, site,
        canonical_key=year_key, children=tuple(month_links), parents=(root,), facet_key=f"{year:04d}",
    )
    total = len({p.id for ps in in_year.values() for p in ps})
    return year_views + views, total


def _month_views(year, month, in_year, options: SiteOptions, site: Site, parents) -> list[View]:
    month_key = next((d for d in in_year if d.precision is Precision.MONTH and d.value.month == month), None)
    days = sorted((d for d in in_year if d.precision is Precision.DAY and d.value.month == month), reverse=True)
    month_path = MONTH.path(year=year, month=month)
    title = month_label(year, month)
    views: list[View] = []
    day_links = []
    month_parent = Link(month_path, title)
    for day in days:
        day_views = _listing_views(
            DAY, archive_path(day), date_label(day), in_year[day], day_page_size(in_year[day]), site,
            canonical_key=day, parents=parents + (month_parent,), facet_key=day.key,
        )
        views.extend(day_views)
        day_links.append(Link(day_views[0].path, date_label(day), len(in_year[day])))
    own = in_year.get(month_key, []) if month_key else []
    month_views = _listing_views(
        MONTH, month_path, title, own, options.archive_page_size, site,
        canonical_key=month_key, children=tuple(day_links), parents=parents, facet_key=f"{year:04d}-{month:02d}",
    )
    in_month = {p.id for d, ps in in_year.items() if d.precision is not Precision.YEAR and d.value.month == month for p in ps}
    days = {day.value.day: (link.path, link.title, link.count) for day, link in zip(days, day_links)}
    month_views[0] = replace(month_views[0], calendar=month_calendar(year, month, days), total_in_period=len(in_month))
    return month_views + views


def _listing_views(
    kind: PageKind, path: str, title: Label, papers: Sequence[Paper], size: int, site: Site, *,
    canonical_key: PaperDate | None = None, children: tuple[Link, ...] = (), parents: tuple[Link, ...] = (),
    facet_key: str = "",
) -> list[View]:
    """One archive listing, paginated; cards are canonical for papers whose earliest date this is."""

    def make(page: int, pages: int, chunk: tuple[Paper, ...]) -> View:
        return View(
            kind, paged_path(path, page), title, chunk, canonical=canonical_key is not None,
            children=children if page == 1 else (), page=page, pages=pages, first_page=path,
            parents=parents, facet_key=facet_key,
        )

    views = _paginate(make, list(papers), size)
    if canonical_key is not None:
        site.date_paths[canonical_key.key] = path
        for view in views:
            for paper in view.papers:
                if paper.first_date == canonical_key:
                    site.canonical.setdefault(paper.id, view.path)
    return views


# --- topics and venues: the generic facet listing ------------------------------------------

@dataclass(frozen=True)
class Facet:
    """A way of grouping papers into listings: a page of its ``listing`` kind for each group (a
    topic, a venue), one of its ``index`` kind linking to them all. A new facet (authors, "with
    code") is one declaration in FACETS plus its two page kinds."""

    name: str  # keys Site.facet_paths
    listing: PageKind
    index: PageKind
    keys_of: Callable[[Paper], Iterable[str]]
    title_of: Callable[[str, Sequence[Paper], Taxonomy], Label]  # a group's title from its key and papers
    order: Callable[[list[str], dict[str, Label], Taxonomy], list[str]]  # keys, in the order shown


def facet_views(
    papers: Sequence[Paper], facet: Facet, taxonomy: Taxonomy, page_size: int
) -> tuple[list[View], dict[str, str]]:
    groups: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        for key in facet.keys_of(paper):
            groups[key].append(paper)
    titles = {key: facet.title_of(key, members, taxonomy) for key, members in groups.items()}
    root = Link(facet.index.path(), facet.index.title)
    views: list[View] = []
    paths: dict[str, str] = {}
    links = []
    for key in facet.order(list(groups), titles, taxonomy):
        first = paths[key] = facet.listing.path(key=key)
        listing = newest_first(groups[key])

        def make(path: str, chunk: tuple[Paper, ...], key: str = key, first: str = first) -> View:
            return View(facet.listing, path, titles[key], chunk, first_page=first, parents=(root,), facet_key=key)

        views.extend(_growing_pages(make, first, listing, page_size))
        links.append(Link(first, titles[key], len(listing)))
    views.insert(0, View(facet.index, root.path, root.title, children=tuple(links)))
    return views, paths


def _in_taxonomy_order(keys: list[str], titles: dict[str, Label], taxonomy: Taxonomy) -> list[str]:
    order = {topic.id: position for position, topic in enumerate(taxonomy.topics)}
    return sorted(keys, key=lambda key: (order.get(key, len(order)), key))


def venue_key(paper: Paper) -> list[str]:
    if not paper.venue:
        return []
    return [slugify(f"{paper.venue} {paper.year or ''}".strip())]


def _venue_title(key: str, papers: Sequence[Paper], taxonomy: Taxonomy) -> Label:
    name = f"{papers[-1].venue} {papers[-1].year or ''}".strip()
    return Label(name, name)


def _newest_year_first(keys: list[str], titles: dict[str, Label], taxonomy: Taxonomy) -> list[str]:
    return sorted(keys, key=lambda key: (titles[key].en.rsplit(" ", 1)[-1], key), reverse=True)


TOPICS = Facet("topic", TOPIC, TOPIC_INDEX, lambda paper: paper.topics,
               lambda key, papers, taxonomy: topic_label(taxonomy, key), _in_taxonomy_order)
VENUES = Facet("venue", VENUE, VENUE_INDEX, venue_key, _venue_title, _newest_year_first)
FACETS: tuple[Facet, ...] = (TOPICS, VENUES)


# --- the whole site ----------------------------------------------------------------------

def build_site(papers: Sequence[Paper], taxonomy: Taxonomy, options: SiteOptions) -> Site:
    site = Site()
    views = [home_view(papers, options, taxonomy)] + archive_views(papers, options, site, taxonomy)
    for facet in FACETS:
        listings, site.facet_paths[facet.name] = facet_views(papers, facet, taxonomy, options.page_size)
        views += listings
    standalone = [
        View(kind, kind.path(), kind.title or Label(kind.name, kind.name)) for kind in PAGE_KINDS if kind.standalone
    ]
    site.views = views + standalone
    return site


def latest_date(papers: Sequence[Paper]) -> PaperDate | None:
    dates = [date for paper in papers for date in paper.dates]
    return max(dates, key=lambda date: (date.value, -date.precision.rank)) if dates else None


def home_view(papers: Sequence[Paper], options: SiteOptions, taxonomy: Taxonomy | None = None) -> View:
    latest = latest_date(papers)
    on_latest = [paper for paper in papers if latest in paper.dates] if latest else []
    if latest is not None and taxonomy is not None:
        on_latest = day_order(on_latest, latest.key, taxonomy)
    return View(HOME, HOME.path(), HOME.title, tuple(on_latest[: options.home_size]),
                facet_key=latest.key if latest else "")
