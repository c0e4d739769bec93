"""Topic and venue listings grow at their new end; their older pages must keep their papers
and links as days are added (bookmarks, caches and `mkdocs serve`'s page reuse rely on it)."""

from __future__ import annotations

import datetime as dt

import pytest

from research_digest.labels import Label
from research_digest.model import Paper, PaperDate, Precision
from research_digest.page_kinds import TOPIC
from research_digest.views import View, _growing_pages, newest_first

FIRST = "topics/t/index.md"


def _papers(count: int) -> list[Paper]:
    start = dt.date(2024, 1, 1)
    return [
        Paper(f"2401.{number:05d}", dates=(PaperDate(start + dt.timedelta(days=number // 3), Precision.DAY),))
        for number in range(count)
    ]


def _pages(papers: list[Paper], size: int = 5) -> dict[str, View]:
    def make(path: str, chunk: tuple[Paper, ...]) -> View:
        return View(TOPIC, path, Label("t", "t"), chunk, first_page=FIRST)

    return {view.path: view for view in _growing_pages(make, FIRST, newest_first(papers), size)}


@pytest.mark.parametrize("count", [0, 1, 4, 5, 9, 10, 11, 14, 15, 16, 37])
def test_every_paper_once_newest_first_with_a_full_first_page(count: int) -> None:
    papers = _papers(count)
    pages = list(_pages(papers).values())
    shown = [paper for view in pages for paper in view.papers]
    assert shown == newest_first(papers)
    assert pages[0].path == FIRST and pages[0].total == count
    if count >= 5:
        assert 5 <= len(pages[0].papers) <= 9
    assert all(len(view.papers) == 5 for view in pages[1:])


def test_links_run_from_the_newest_page_to_the_oldest() -> None:
    pages = _pages(_papers(17))  # first page 7 papers, then page/2 and page/1
    assert list(pages) == [FIRST, "topics/t/page/2/index.md", "topics/t/page/1/index.md"]
    first, second, oldest = pages.values()
    assert (first.newer, first.older) == ("", second.path)
    assert (second.newer, second.older) == (FIRST, oldest.path)
    assert (oldest.newer, oldest.older) == (second.path, "")
    assert oldest.span == (oldest.papers[-1].first_date, oldest.papers[0].first_date) and not first.span


@pytest.mark.parametrize("added", [1, 3, 5, 12])
def test_adding_new_papers_leaves_the_older_pages_as_they_were(added: int) -> None:
    papers = _papers(40)
    before, after = _pages(papers[:23]), _pages(papers[: 23 + added])
    changed = {path for path in before if before[path] != after.get(path)}
    newest_older = next(iter(before.values())).older  # its "newer" link may now point at a new page
    assert changed <= {FIRST, newest_older}
    assert all(before[path].papers == after[path].papers for path in before if path != FIRST)
