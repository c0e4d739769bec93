"""The reader's daily loop in headless Chromium, on a desktop (1280x900) and a 390 px phone: day
pages by topic, filters over a whole listing, moving through time, list mode, the reading list and
the copy-link button. The seeds have one day, so moving through time uses a small synthetic corpus
(the project's own generator) as well."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest
from browser_support import serve_directory  # the `browser` fixture comes from conftest.py
from conftest import mkdocs_build

from research_digest.bench.synth import synthesise

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
DAY = "/archive/2024/02/16/"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def seeds(built_site):
    with serve_directory(built_site) as base_url:
        yield base_url, built_site


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    work = tmp_path_factory.mktemp("reader")
    synthesise(1800, work / "corpus", seed=5)  # the largest topic over 3 pages of 100
    env = {**os.environ, "DIGEST_SOURCES": str(work / "corpus"), "PYTHONPATH": os.pathsep.join(sys.path)}
    result = mkdocs_build(work / "site", env=env)
    assert result.returncode == 0, result.stderr
    with serve_directory(work / "site") as base_url:
        yield base_url, work / "site"


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser):
    context = browser.new_context(viewport=VIEWPORTS[request.param], has_touch=request.param == "phone")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.device = request.param
    yield page
    context.close()
    assert errors == []


def _days(site: Path) -> list[str]:
    return sorted("/" + str(path.parent.relative_to(site)) + "/" for path in site.glob("archive/*/*/*/index.html"))


def _updated_day(site: Path) -> str:
    return next(day for day in _days(site) if 'id="g-updated"' in (site / day.strip("/") / "index.html").read_text())


# --- 1. day pages show the day --------------------------------------------------------------

def test_a_day_page_lists_its_new_papers_by_topic_with_chips_then_the_updated_ones_folded(page, synthetic):
    base, site = synthetic
    day = _updated_day(site)
    page.goto(base + day + "?lang=en")
    chips = page.locator(".rd-chips .rd-chip")
    groups = page.locator("section.rd-group")
    assert chips.count() == groups.count() + 1  # one chip per topic group, and one for "Updated"
    first_chip = chips.first
    count = int(first_chip.locator(".rd-chip__count").inner_text())
    target = "#" + first_chip.get_attribute("href").split("#")[-1]
    assert page.locator(f"{target} .rd-card").count() == count
    first_chip.click()
    assert page.locator(target).is_visible()
    updated = page.locator("details#g-updated")
    assert not updated.evaluate("node => node.open")
    assert re.match(r"Updated \(\d+\)", updated.locator("> summary").inner_text())
    updated.locator("> summary").click()
    label = updated.locator(".rd-seen-before").first.inner_text()
    assert re.search(r"(v\d+ · )?first seen \w+ \d+, \d{4}", label), label
    # every updated paper was first seen before this day; every grouped one on it
    day_key = page.locator("[data-rd-day]").first.get_attribute("data-rd-day")
    firsts = [node.get_attribute("data-first") for node in updated.locator(".rd-card__actions").all()]
    assert firsts and all(first < day_key for first in firsts)
    assert all(node.get_attribute("data-first") == day_key for node in groups.locator(".rd-card__actions").all())


def test_the_home_page_shows_the_latest_day_in_the_same_layout(page, seeds):
    base, _ = seeds
    page.goto(base + "/?lang=en")
    assert page.locator(".rd-listing section.rd-group").count() >= 2
    assert page.locator(".rd-chips .rd-chip").count() >= 2


def test_the_cards_dates_are_labelled(page, seeds):
    base, _ = seeds
    page.goto(base + DAY + "?lang=en")
    first = page.locator(".rd-card .rd-meta .rd-date").first.evaluate("a => getComputedStyle(a, '::before').content")
    assert first == '"first seen "'
    page.goto(base + DAY + "?lang=zh")
    assert page.locator(".rd-card .rd-meta .rd-date").first.evaluate("a => getComputedStyle(a, '::before').content") == '"首次出现 "'


# --- 2. filters over the whole listing ------------------------------------------------------

def _largest_topic(site: Path) -> str:
    topics = [path.parent for path in site.glob("topics/*/filter.json")]
    folder = max(topics, key=lambda folder: len(json.loads((folder / "filter.json").read_text())["papers"]))
    return "/" + str(folder.relative_to(site)) + "/"


def test_has_code_filters_the_whole_topic_not_only_its_first_page_and_lands_in_the_url(page, synthetic):
    base, site = synthetic
    topic = _largest_topic(site)
    data = json.loads((site / topic.strip("/") / "filter.json").read_text())
    with_code = [row for row in data["papers"] if row[4] & 1]
    on_first_page = (site / topic.strip("/") / "index.html").read_text().count("rd-link--code")
    assert len(with_code) > on_first_page  # the filter must reach the older pages
    page.goto(base + topic + "?lang=en")
    page.locator(".rd-toolbar__filter").click()
    page.locator(".rd-filters__code input").check()
    page.wait_for_selector(".rd-filter-results__count")
    assert page.locator(".rd-filter-results__count").inner_text().startswith(f"{len(with_code)} / {len(data['papers'])}")
    assert page.locator(".rd-listing").is_hidden() and "code=1" in page.url
    rows = page.locator(".rd-filter-results .rd-card--row")
    assert rows.count() == min(len(with_code), 50)  # a step of 50, then "show more"
    page.locator(".rd-filter-results__more").click()
    page.wait_for_function(f"document.querySelectorAll('.rd-filter-results .rd-card--row').length === {min(len(with_code), 100)}")
    anchor = json.loads((site / topic.strip("/") / "filter-text-0.json").read_text())[data["papers"].index(with_code[0])][3]
    first = rows.first.locator("a").first.get_attribute("href")
    assert first.endswith("#" + anchor) and "/archive/" in first  # newest first, to its card


def test_a_shared_filter_url_opens_filtered_and_follows_the_language_toggle(page, synthetic):
    base, site = synthetic
    topic = _largest_topic(site)
    data = json.loads((site / topic.strip("/") / "filter.json").read_text())
    other = next(entry for entry in data["topics"] if entry[0] != topic.strip("/").split("/")[-1])
    expected = [row for row in data["papers"] if row[4] & 1 and data["topics"].index(other) in row[3]]
    page.goto(base + topic + f"?lang=en&code=1&topic={other[0]}")
    page.wait_for_selector(".rd-filter-results__count")
    assert page.locator(".rd-filter-results__count").inner_text().startswith(f"{len(expected)} /")
    assert page.locator(f'.rd-filter-topic[data-value="{other[0]}"]').get_attribute("aria-pressed") == "true"
    title = page.locator(".rd-filter-results .rd-card__title").first
    if expected:
        assert title.locator(".rd-en").is_visible() and not title.locator(".rd-zh").is_visible()
        page.get_by_role("radio", name="中文").first.click()
        assert title.locator(".rd-zh").is_visible() and not title.locator(".rd-en").is_visible()
    page.locator(".rd-filters__text").fill("zzzz-no-such-title")
    page.wait_for_function("document.querySelector('.rd-filter-results__count').textContent.startsWith('0 /')")
    page.locator(".rd-filters__clear").click()
    assert page.locator(".rd-listing").is_visible() and "code=" not in page.url


def test_the_text_filter_finds_a_title_word_on_a_day_and_without_javascript_the_listing_is_whole(page, browser, seeds):
    base, site = seeds
    page.goto(base + DAY + "?lang=en&q=PaLM2")
    page.wait_for_selector(".rd-filter-results__count")
    assert page.locator(".rd-filter-results__count").inner_text().startswith("1 /")
    context = browser.new_context(java_script_enabled=False)
    bare = context.new_page()
    bare.goto(base + DAY + "?code=1")
    assert bare.locator(".rd-toolbar").is_hidden() and bare.locator(".rd-card__actions").first.is_hidden()
    assert bare.locator(".rd-listing .rd-card").count() == len(json.loads((site / DAY.strip("/") / "filter.json").read_text())["papers"])
    context.close()


# --- 3. moving through time -----------------------------------------------------------------

def test_previous_and_next_day_links_and_the_arrow_keys_move_between_days(page, synthetic):
    base, site = synthetic
    days = _days(site)
    page.goto(base + days[1])
    assert page.locator(".rd-daynav__earlier").first.evaluate("a => a.href") == base + days[0]
    page.locator("body").press("ArrowRight")
    page.wait_for_url(re.compile(re.escape(days[2]) + "$"))
    page.locator("body").press("ArrowLeft")
    page.wait_for_url(re.compile(re.escape(days[1]) + "$"))
    page.goto(base + days[0])
    assert page.locator(".rd-daynav__earlier").count() == 0 and page.locator(".rd-daynav__later").count() == 2
    page.goto(base + days[0] + "?q=x")  # a filter in the URL opens the filters
    page.locator(".rd-filters__text").press("ArrowRight")  # typing in a field never leaves the page
    assert page.url.split("?")[0].endswith(days[0])


def test_topic_pages_number_their_pages_and_jump_to_a_month(page, synthetic):
    base, site = synthetic
    topic = _largest_topic(site)
    page.goto(base + topic + "?lang=en")
    numbers = page.locator(".rd-pagination .rd-pagination__page")
    assert numbers.count() >= 3 and page.locator(".rd-pagination__current").inner_text() == "Latest"
    assert numbers.last.inner_text() == "1"
    numbers.last.click()
    page.wait_for_url(re.compile(r"/page/1/$"))
    assert page.locator(".rd-pagination__current").inner_text() == "1"
    page.locator(".rd-months a").click()
    page.wait_for_url(re.compile("#rd-months$"))
    months = page.locator("#rd-months")
    page.wait_for_function("document.getElementById('rd-months') && document.getElementById('rd-months').open")
    links = months.locator("a")
    assert links.count() >= 1
    links.last.click()
    page.wait_for_load_state()
    assert "/topics/" in page.url


# --- 4. list mode ---------------------------------------------------------------------------

def test_list_mode_shows_at_least_twelve_papers_and_is_remembered(page, synthetic):
    base, site = synthetic
    topic = _largest_topic(site)
    page.goto(base + topic + "?lang=en")
    page.locator('.rd-mode[data-rd-mode="list"]').click()
    page.reload()
    assert page.locator('.rd-mode[data-rd-mode="list"]').get_attribute("aria-pressed") == "true"
    height = VIEWPORTS[page.device]["height"]
    visible = page.evaluate(
        "h => [...document.querySelectorAll('.rd-listing .rd-card')].filter(c => {"
        " const r = c.getBoundingClientRect(); return r.top >= 0 && r.bottom <= h; }).length", height)
    page.locator(".rd-listing .rd-card").first.scroll_into_view_if_needed()
    if page.device == "desktop":
        first_top = page.evaluate("document.querySelector('.rd-listing .rd-card').getBoundingClientRect().top")
        per_card = page.evaluate(
            "(() => { const c = [...document.querySelectorAll('.rd-listing .rd-card')].slice(0, 13);"
            " return (c[12].getBoundingClientRect().bottom - c[0].getBoundingClientRect().top); })()")
        assert per_card <= height - 60, (per_card, first_top, visible)  # 13 cards fit below the header
    card = page.locator(".rd-listing .rd-card").first
    abstract = card.locator("details.rd-abstract:visible").first
    abstract.locator("summary").click()
    assert abstract.evaluate("node => node.open")
    page.locator('.rd-mode[data-rd-mode="cards"]').click()
    assert not page.evaluate("document.documentElement.classList.contains('rd-listmode')")


# --- 5. reading list ------------------------------------------------------------------------

def test_a_starred_paper_is_on_the_reading_list_exported_removed_and_imported_again(page, seeds, tmp_path):
    base, _ = seeds
    page.goto(base + DAY + "?lang=en")
    card = page.locator(".rd-listing .rd-card").nth(2)
    paper_id = card.get_attribute("data-paper-id")
    title = card.locator(".rd-card__title .rd-en").first.inner_text()
    card.locator(".rd-star").click()
    assert card.locator(".rd-star").get_attribute("aria-pressed") == "true"
    page.goto(base + "/reading-list/?lang=en")
    listed = page.locator(".rd-reading__cards .rd-card")
    assert listed.count() == 1 and listed.first.get_attribute("data-paper-id") == paper_id
    assert listed.first.locator(".rd-card__title").inner_text().strip() == title
    listed.first.locator("details.rd-abstract > summary").click()  # its abstract, from the site's own data
    page.wait_for_function("document.querySelector('.rd-reading__cards .rd-abstract__text .rd-en')")
    assert len(listed.first.locator(".rd-abstract__text .rd-en").inner_text()) > 100
    with page.expect_download() as bib:
        page.locator(".rd-reading__bibtex").click()
    assert "@" in Path(bib.value.path()).read_text() and "title" in Path(bib.value.path()).read_text()
    with page.expect_download() as exported:
        page.locator(".rd-reading__json").click()
    saved = tmp_path / "list.json"
    bib_path = Path(exported.value.path())
    saved.write_text(bib_path.read_text())
    assert json.loads(saved.read_text())["papers"][0]["id"] == paper_id
    listed.first.locator(".rd-reading__remove").click()
    assert listed.count() == 0 and page.locator(".rd-reading__empty").is_visible()
    page.locator(".rd-reading__import input").set_input_files(str(saved))
    page.wait_for_selector(".rd-reading__cards .rd-card")
    assert listed.first.get_attribute("data-paper-id") == paper_id
    href = listed.first.locator(".rd-card__title a").get_attribute("href")
    page.goto(href)
    assert page.locator(f'.rd-card[data-paper-id="{paper_id}"] .rd-star').get_attribute("aria-pressed") == "true"


def test_papers_first_seen_after_the_previous_visit_are_marked_new(page, synthetic):
    base, site = synthetic
    days = _days(site)
    page.goto(base + days[-3])  # the first visit remembers the newest day seen
    assert page.locator(".rd-badge--new-since").count() == 0
    page.context.clear_cookies()
    page.evaluate("sessionStorage.clear()")
    page.goto(base + "/?lang=en")  # a later visit: the latest day is new
    previous = days[-3].strip("/").split("/", 1)[1].replace("/", "-")
    firsts = [node.get_attribute("data-first") for node in page.locator(".rd-card--new-since .rd-card__actions").all()]
    assert firsts and all(first > previous for first in firsts)
    unmarked = page.locator(".rd-listing .rd-card:not(.rd-card--new-since) .rd-card__actions").all()
    assert all(node.get_attribute("data-first") <= previous for node in unmarked)
    assert page.locator(".rd-badge--new-since").first.inner_text() == "New since your last visit"


# --- 6. sharing -----------------------------------------------------------------------------

def test_copy_link_copies_the_cards_link_in_the_readers_language(page, seeds):
    base, _ = seeds
    page.goto(base + "/topics/multimodal/?lang=en")
    card = page.locator(".rd-listing .rd-card").first
    paper_id = card.get_attribute("data-paper-id")
    button = card.locator(".rd-copy-link")
    assert button.is_visible()
    if page.device == "phone":
        button.tap()
    else:
        button.click()
    page.wait_for_selector(".rd-copy-link[data-rd-state]")
    link = button.get_attribute("data-rd-link")
    assert link.startswith(base + "/archive/") and link.endswith("?lang=en#p-" + paper_id)
    if button.get_attribute("data-rd-state") == "copied":
        assert page.evaluate("navigator.clipboard.readText()") == link


# --- screenshots ----------------------------------------------------------------------------

def test_screenshots_of_a_day_a_filtered_topic_and_the_reading_list(page, seeds, synthetic):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base, site = synthetic
    topic = _largest_topic(site)
    page.goto(seeds[0] + DAY)
    page.locator(".rd-listing .rd-card .rd-star").first.click()
    shots = (("day", seeds[0] + DAY + "?lang={lang}"), ("topic-filtered", base + topic + "?lang={lang}&code=1"),
             ("reading-list", seeds[0] + "/reading-list/?lang={lang}"))
    for name, url in shots:
        for lang in ("zh", "en"):
            page.goto(url.format(lang=lang))
            if name == "topic-filtered":
                page.wait_for_selector(".rd-filter-results__count")
            path = SCREENSHOTS / f"reader-{name}-{lang}-{page.device}.png"
            page.screenshot(path=str(path))
            assert path.stat().st_size > 10_000
