"""The search results page (search/?q=..., search-page.js over the digest's own index, `search: auto`)
on the built seed site in headless Chromium: true counts, pages, filters, sort, the back button,
shareable links, the language toggle, author links from cards, exact highlighting, snippets from
abstracts, and a result leading to its card."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from browser_support import checked_page, serve_directory, type_search  # `browser` comes from conftest.py
from test_search_index import seeds_site

from research_digest import search_tokens as T

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seed_papers():
    papers, _ = seeds_site()
    return papers


@pytest.fixture(scope="module")
def served(built_site, browser):
    with serve_directory(built_site) as base_url:
        yield browser, base_url + "/"


@pytest.fixture
def page(served):
    with checked_page(*served) as page:
        yield page


def open_results(page, query: str, **params: str) -> None:
    extra = "".join(f"&{key}={quote(value)}" for key, value in params.items())
    page.goto(f"{page.base_url}search/?q={quote(query)}{extra}")
    wait_results(page)


def wait_results(page) -> None:
    page.wait_for_function("() => { const s = document.getElementById('rd-search');"
                           " return s && s.hasAttribute('data-count') && !s.querySelector('.rd-search__status').textContent.includes('…')"
                           " && (s.getAttribute('data-count') === '0' || s.querySelectorAll('.rd-search-hit').length > 0); }",
                           timeout=20000)


def count(page) -> int:
    return int(page.get_attribute("#rd-search", "data-count"))


def hits(page):
    return page.locator(".rd-search-hit")


def containing(papers, text: str, with_code: bool = False) -> list:
    """The papers with ``text`` in any field the index reads."""
    found = []
    for paper in papers:
        fields = [paper.title_en, paper.title_zh, *paper.earlier_titles, *paper.earlier_titles_zh, paper.tldr_zh.text,
                  paper.tldr_en.text, paper.abstract_zh.text, paper.abstract_en.text]
        if any(text in field for field in fields) and (paper.links.code or not with_code):
            found.append(paper)
    return found


def test_the_results_page_counts_every_match_and_pages_through_them_with_a_working_back_button(page, seed_papers):
    expected = len(containing(seed_papers, "分割"))
    assert expected > 20  # more than one page
    open_results(page, "分割")
    assert count(page) == expected
    assert hits(page).count() == 20
    first_page = hits(page).first.locator(".rd-search-hit__title").get_attribute("href")
    page.locator('.rd-search__pages a[rel="next"]').first.click()
    wait_results(page)
    assert "page=2" in page.url and hits(page).count() == expected - 20
    assert page.locator(".rd-search__results").get_attribute("start") == "21"
    page.go_back()
    page.wait_for_function("() => !location.search.includes('page=2')")
    page.wait_for_function("() => document.querySelectorAll('.rd-search-hit').length === 20", timeout=20000)
    wait_results(page)
    assert hits(page).first.locator(".rd-search-hit__title").get_attribute("href") == first_page


def test_filters_narrow_the_matches_and_live_in_the_shareable_url(page, seed_papers):
    with_code = len(containing(seed_papers, "分割", with_code=True))
    open_results(page, "分割")
    page.locator('input[name="code"]').check()
    page.wait_for_function("() => location.search.includes('code=1')")
    wait_results(page)
    assert count(page) == with_code < len(containing(seed_papers, "分割"))
    assert hits(page).locator(".rd-badge--code").count() == min(with_code, 20)
    page.goto(page.url)  # the same URL, shared: the same answer
    wait_results(page)
    assert count(page) == with_code and page.locator('input[name="code"]').is_checked()

    open_results(page, "segmentation", **{"from": "2024-02-16", "to": "2024-02-16"})
    dates = hits(page).locator(".rd-date").all_inner_texts()
    assert dates and set(dates) == {"2024-02-16"}
    topic = page.locator('select[name="topic"] option').nth(1).get_attribute("value")
    page.locator('select[name="topic"]').select_option(topic)
    page.wait_for_function(f"() => location.search.includes('topic={topic}')")
    wait_results(page)
    chips = [hit.locator(".rd-topic").evaluate_all("links => links.map(a => a.getAttribute('href'))")
             for hit in hits(page).all()]
    assert all(any(f"/topics/{topic}/" in href for href in hrefs) for hrefs in chips), chips


def test_newest_first_sorts_by_date(page):
    open_results(page, "segmentation", sort="newest")
    dates = hits(page).locator(".rd-date").all_inner_texts()
    assert len(dates) > 5 and dates == sorted(dates, reverse=True)


def test_the_page_speaks_the_readers_language(page):
    open_results(page, "Yuille", lang="en")
    status = page.locator(".rd-search__status")
    assert re.match(r"\d+ papers", status.inner_text()), status.inner_text()
    assert page.locator(".rd-search__q").get_attribute("placeholder").startswith("Title")
    assert page.locator('select[name="sort"] option').first.inner_text() == "Relevance"
    open_results(page, "Yuille", lang="zh")
    assert status.inner_text().startswith("共"), status.inner_text()
    assert page.locator('select[name="sort"] option').first.inner_text() == "相关度"
    open_results(page, "nosuchwordanywhere", lang="en")
    assert status.inner_text() == "No papers found."


def test_an_author_name_on_a_card_opens_that_authors_papers(page, seed_papers):
    expected = sum("Alan Yuille" in paper.authors for paper in seed_papers)
    page.goto(page.base_url + "archive/2024/02/16/")
    page.locator("#p-2402\\.10896").locator("xpath=..").locator("a.rd-author", has_text="Alan Yuille").click()
    wait_results(page)
    assert 'author:"Alan Yuille"' in page.locator(".rd-search__q").input_value()
    assert count(page) == expected >= 1
    hrefs = hits(page).locator(".rd-search-hit__title").evaluate_all("links => links.map(a => a.href)")
    assert any(href.endswith("#p-2402.10896") for href in hrefs)


def test_highlighting_marks_the_query_exactly(page):
    open_results(page, "分割", lang="zh")
    marks = page.locator(".rd-search-hit mark").all_inner_texts()
    assert marks and set(marks) == {"分割"}
    html = page.locator(".rd-search__results").inner_html()
    assert "分布" in html and "<mark>分布" not in html  # 分布 shown, never marked


def test_a_word_deep_in_an_abstract_is_found_and_shown_in_its_snippet(page, seed_papers):
    counts: dict[str, int] = {}
    for paper in seed_papers:
        for token in T.tokens(paper.abstract_en.text):
            counts[token] = counts.get(token, 0) + 1
    shown = {token for paper in seed_papers for text in (paper.title_en, paper.tldr_en.text, paper.abstract_en.text[:400])
             for token in T.tokens(text)}
    word = next(token for token, n in sorted(counts.items()) if n == 1 and token.isalpha() and len(token) > 7 and token not in shown)
    open_results(page, word)
    assert count(page) >= 1
    snippet = hits(page).first.locator(".rd-search-hit__snippet")
    assert word in snippet.locator("mark").first.inner_text().lower()


def test_a_result_leads_to_its_card_scrolled_into_view_and_outlined(page):
    open_results(page, "VAdapter")
    hits(page).first.locator(".rd-search-hit__title").click()
    page.wait_for_url("**#p-2402.10896")
    card = page.locator("article.rd-card:has(> #p-2402\\.10896)")
    card.wait_for()
    assert card.evaluate("c => c.matches('.rd-card:has(> .rd-card__title:target)')")
    assert card.evaluate("c => { const r = c.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")


def test_the_search_box_offers_all_results_and_enter_opens_them(page):
    page.goto(page.base_url)
    results = type_search(page, "分割")
    first = results.first
    assert "/search/?q=" in first.get_attribute("href")
    assert re.search(r"\d+", first.inner_text())
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url("**/search/?q=*")
    wait_results(page)
    assert count(page) > 20
