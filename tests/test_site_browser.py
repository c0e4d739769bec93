"""The built seed site in headless Chromium: the language toggle and bilingual search."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import checked_page, serve_directory, type_search  # the `browser` fixture comes from conftest.py

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
DAY = "/archive/2024/02/16/"
TOPIC = "/topics/multimodal/"
PALM_ZH = "PaLM2-VAdapter：逐步对齐的语言模型打造强大的视觉语言适配器"
PALM_EN = "PaLM2-VAdapter: Progressively Aligned Language Model Makes a Strong Vision-language Adapter"


@pytest.fixture(scope="module")
def site(built_site, browser):
    with serve_directory(built_site) as base_url:
        yield browser, base_url


@pytest.fixture
def page(site):
    with checked_page(*site) as page:
        yield page


def title_visibility(page, anchor: str) -> tuple[bool, bool]:
    heading = page.locator(f'.rd-card__title[id="{anchor}"]')  # h2 or h3, as the page's outline has it
    return heading.locator(".rd-zh").first.is_visible(), heading.locator(".rd-en").first.is_visible()


def choose(page, label: str) -> None:
    page.get_by_role("radio", name=label).first.click()


@pytest.mark.parametrize("path", [DAY, TOPIC])
def test_toggle_switches_titles_labels_and_headings(page, path):
    page.goto(page.base_url + path)
    assert title_visibility(page, "p-2402.10896") == (True, False)  # default: 中文
    assert page.locator("h1 .rd-zh").first.is_visible()
    choose(page, "English")
    assert title_visibility(page, "p-2402.10896") == (False, True)
    assert page.locator(".rd-authors").first.evaluate("el => getComputedStyle(el, '::before').content") == '"Authors: "'
    assert not page.locator("h1 .rd-zh").first.is_visible()
    choose(page, "双语")
    assert title_visibility(page, "p-2402.10896") == (True, True)
    choose(page, "中文")
    assert title_visibility(page, "p-2402.10896") == (True, False)


def test_search_box_and_subscribe_line_follow_the_toggle(page):
    page.goto(page.base_url + TOPIC)
    search = page.locator("input.md-search__input")
    assert search.get_attribute("placeholder") == "搜索"
    assert page.locator(".rd-downloads .rd-label .rd-zh").is_visible()
    choose(page, "English")
    assert search.get_attribute("placeholder") == "Search"
    assert page.locator(".rd-downloads .rd-label .rd-en").is_visible()
    assert page.locator(".rd-downloads a", has_text="RSS").get_attribute("href").endswith("/topics/multimodal/feed.xml")


def test_choice_persists_across_navigation_and_reload(page):
    page.goto(page.base_url + DAY)
    choose(page, "English")
    page.locator("a.rd-topic").first.click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.dataset.rdLang") == "en"
    page.reload()
    assert page.evaluate("document.documentElement.dataset.rdLang") == "en"
    assert page.locator("h1 .rd-en").first.is_visible()


def test_lang_parameter_wins(page):
    page.goto(page.base_url + DAY + "?lang=both")
    assert title_visibility(page, "p-2402.10896") == (True, True)
    page.goto(page.base_url + DAY + "?lang=en")
    assert title_visibility(page, "p-2402.10896") == (False, True)


def test_paper_without_chinese_shows_english_saying_so_in_words(page):
    page.goto(page.base_url + "/venues/iccv-2023/")
    card = page.locator("article.rd-card").first
    assert card.locator(".rd-card__title .rd-zh.rd-fallback").is_visible()
    assert card.locator(".rd-card__title .rd-zh.rd-fallback .rd-missing").inner_text() == "中文标题暂缺"


def search(page, query: str):
    page.goto(page.base_url + "/")
    return type_search(page, query)


@pytest.mark.parametrize(
    "query, anchor",
    [
        ("2402.10896", "p-2402.10896"),  # arXiv id
        ("Yuille", "p-2402.10896"),  # an author's surname
        ("VAdapter", "p-2402.10896"),  # an English word of the title
        ("适配器", "p-2402.10896"),  # a Chinese word of the title
    ],
)
def test_search_finds_the_paper_and_leads_to_its_card(page, query, anchor):
    results = search(page, query)
    hrefs = [results.nth(i).get_attribute("href") for i in range(min(results.count(), 10))]
    target = next((href for href in hrefs if href.endswith("#" + anchor)), None)
    assert target, hrefs
    page.locator(f'li.md-search-result__item a[href="{target}"]').first.click()
    page.wait_for_url("**#" + anchor)
    assert page.locator(f"h3#{anchor}".replace(".", r"\.")).is_visible()


def test_chinese_topic_word_finds_segmentation_papers(page):
    results = search(page, "分割")
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    cards = [href for href in hrefs if "#p-" in href]
    assert len(cards) >= 3
    # results are grouped under the archive page that holds the cards, never under listings
    assert hrefs[0].split("?")[0].endswith("/search/"), hrefs  # first: "all N papers", the results page
    assert all("/archive/" in href for href in hrefs[1:]), hrefs


def test_screenshots_of_each_page_in_each_language(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in (("home", "/"), ("topic", TOPIC), ("day", DAY)):
        for lang in ("zh", "en", "both"):
            page.goto(f"{page.base_url}{path}?lang={lang}")
            page.screenshot(path=str(SCREENSHOTS / f"site-{name}-{lang}.png"))
            assert (SCREENSHOTS / f"site-{name}-{lang}.png").stat().st_size > 10_000
