"""Sharded search (search: sharded, here forced with RESEARCH_DIGEST_SEARCH) in headless Chromium:
Material's own search box answered by search-worker.js from the sharded index, the site served
under a sub-path as on GitHub Pages."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
import yaml
import browser_support
from browser_support import checked_page, serve_directory, type_query  # `browser` comes from conftest.py
from conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.browser

PREFIX = "/research-digest/"  # the path of site_url in mkdocs.yml
PALM = "p-2402.10896"
BUDGET = 1_500_000  # bytes a reader downloads before the first result
HOSTILE = "<img src=x onerror=window.__pwned=1>"


def build(root: Path, config: Path = ROOT / "mkdocs.yml") -> Path:
    site = root / PREFIX.strip("/")
    result = mkdocs_build(site, config=config, env={**os.environ, "RESEARCH_DIGEST_SEARCH": "sharded"})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory, browser):
    root = tmp_path_factory.mktemp("sharded")
    site = build(root)
    assert (site / "search" / "digest" / "manifest.json").is_file()
    material = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert all(not doc["location"].startswith("archive/") for doc in material["docs"])  # hand-written only
    with serve_directory(root) as base_url:
        yield browser, base_url + PREFIX


@pytest.fixture
def page(sharded_site):
    with checked_page(*sharded_site) as page:
        page.transferred = []
        page.context.on("response", lambda response: page.transferred.append(response))
        yield page


def open_search(page, path: str = "") -> None:
    page.goto(page.base_url + path)
    browser_support.open_search(page)


def hrefs_of(results) -> list[str]:
    return [results.nth(i).get_attribute("href") or "" for i in range(results.count())]


def bytes_of(responses) -> int:
    total = 0
    for response in responses:
        try:
            total += len(response.body())
        except Exception:  # redirects and the like have no body
            pass
    return total


@pytest.mark.parametrize("query", ["2402.10896", "Yuille", "VAdapter", "适配器"])
def test_search_finds_the_paper_and_leads_to_its_card(page, query):
    open_search(page)
    results = type_query(page, query)
    hrefs = hrefs_of(results)
    target = next((href for href in hrefs if href.endswith("#" + PALM)), None)
    assert target, hrefs
    assert PREFIX + "archive/2024/02/16/" in target  # its canonical archive page, under the sub-path
    page.locator(f'li.md-search-result__item a[href="{target}"]').first.click()
    page.wait_for_url("**#" + PALM)
    assert page.locator(f"h3#{PALM}".replace(".", r"\.")).is_visible()


def test_chinese_word_finds_segmentation_papers_grouped_under_archive_pages(page):
    open_search(page)
    results = type_query(page, "分割")
    hrefs = hrefs_of(results)
    assert len([href for href in hrefs if "#p-" in href]) >= 3, hrefs
    assert hrefs[0].split("?")[0].endswith("/search/"), hrefs  # first: "all N papers", the results page
    assert all("/archive/" in href for href in hrefs[1:]), hrefs
    assert page.locator(".md-search-result mark").count() > 0  # highlighted by the worker


def test_hand_written_pages_are_still_found(page):
    open_search(page)
    hrefs = hrefs_of(type_query(page, "readable"))
    assert any("/about/" in href for href in hrefs), hrefs


def test_bytes_and_time_to_first_result(page, record_property):
    open_search(page)
    results = type_query(page, "适配器")
    assert any(href.endswith("#" + PALM) for href in hrefs_of(results))
    transferred = bytes_of(page.transferred)
    urls = [response.url for response in page.transferred]
    assert any("/search/digest/s/" in url for url in urls) and any("/search/digest/d/" in url for url in urls)
    record_property("bytes_to_first_result", transferred)
    assert transferred < BUDGET, transferred
    # warm page: the time from a keystroke to the rendered results, for words not fetched before
    timings = {}
    for query in ("Yuille", "segmentation", "2402.10896", "视觉"):
        page.locator("input.md-search__input").fill("")
        timings[query] = page.evaluate(
            """query => new Promise(done => {
                 const list = document.querySelector('.md-search-result__list');
                 const input = document.querySelector('input.md-search__input');
                 const start = performance.now();
                 const observer = new MutationObserver(() => {
                   if (list.querySelector('li')) { observer.disconnect(); done(performance.now() - start); }
                 });
                 observer.observe(list, {childList: true});
                 input.value = query;
                 input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
               })""",
            query,
        )
    record_property("ms_to_results", timings)
    print("bytes to first result:", transferred, "ms to results:", timings)
    assert max(timings.values()) < 300, timings


def test_search_works_after_instant_navigation(page):
    open_search(page)
    type_query(page, "Yuille")
    page.keyboard.press("Escape")
    page.locator("a.rd-topic").first.click()  # instant navigation: no reload, same worker
    page.wait_for_url("**/topics/**")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    hrefs = hrefs_of(type_query(page, "VAdapter"))
    assert any(href.endswith("#" + PALM) for href in hrefs), hrefs


class _EnvDefaults(yaml.SafeLoader):
    """mkdocs.yml as a plain mapping: ``!ENV [NAME, default]`` is its default."""


_EnvDefaults.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, browser):
    """A one-paper corpus whose title (set through corrections, the one way markup survives
    cleaning) is an XSS attempt."""
    root = tmp_path_factory.mktemp("hostile")
    sources = root / "digests"
    sources.mkdir()
    (sources / "day.md").write_text(
        "## [UPDATED!] **2024-03-01** (Publish Time)\n\n>## **多模态**\n>---\n>>**index:** 1<br />\n"
        "**Title:** **Hostile Segmentation**<br />\n**Title_cn:** 恶意分割标题<br />\n"
        "**Authors:** Eve Mallory, Alan Yuille<br />\n"
        "**Abstract:** <details><summary>原文: </summary>We test escaping.</details>\n"
        "**Abstract_cn:** <details><summary>译文: </summary>我们测试转义。</details>\n"
        "**PDF:** <http://arxiv.org/pdf/2403.00001v1><br />\n**Code:** null<br />\n",
        encoding="utf-8",
    )
    corrections = root / "corrections.yml"
    corrections.write_text(yaml.safe_dump({"2403.00001": {"title_en": f"Hostile {HOSTILE} Segmentation",
                                                          "title_zh": f"恶意{HOSTILE}分割标题"}},
                                          allow_unicode=True), encoding="utf-8")
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvDefaults)
    config["docs_dir"] = str(ROOT / config.get("docs_dir", "docs"))
    config["hooks"] = [str(ROOT / hook) for hook in config.get("hooks") or []]
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "research-digest" in plugin:
            plugin["research-digest"].update(sources=[str(sources)], corrections=str(corrections))
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build(root / "out", config_file)
    with serve_directory(root / "out") as base_url:
        yield browser, base_url + PREFIX


@pytest.mark.parametrize("query", ["onerror", "恶意", "Hostile"])
def test_hostile_title_is_shown_literally_and_never_runs(hostile_site, query):
    browser, base_url = hostile_site
    context = browser.new_context()
    page = context.new_page()
    page.base_url = base_url
    try:
        open_search(page)
        type_query(page, query)
        text = page.locator("li.md-search-result__item").first.inner_text()
        assert HOSTILE in text, text
        assert page.locator(".md-search-result img").count() == 0
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned") is None
    finally:
        context.close()


def test_the_index_arrives_compressed_as_stored_and_is_read(page):
    """The shards, chunks and abstracts are stored as .json.gz and sent as they are (a static
    host's bytes on the wire); the worker inflates them. A host that declares them
    Content-Encoding: gzip (the browser inflates) serves an index that answers as well."""
    open_search(page)
    results = type_query(page, "适配器")
    assert any(href.endswith("#" + PALM) for href in hrefs_of(results))
    fetched = [response for response in page.transferred if "/search/digest/" in response.url]
    index_files = [response for response in fetched if "/s/" in response.url or "/d/" in response.url]
    assert index_files and all(response.url.split("?")[0].endswith(".json.gz") for response in index_files)
    assert all(response.body()[:2] == b"\x1f\x8b" for response in index_files)  # not inflated on the way


def test_a_host_that_inflates_the_index_on_the_way_serves_it_as_well(sharded_site):
    browser, base_url = sharded_site
    inflated = []
    with checked_page(browser, base_url) as page:
        def inflate(route):
            response = route.fetch()
            inflated.append(route.request.url)
            route.fulfill(response=response, body=gzip.decompress(response.body()), headers={
                **response.headers, "content-type": "application/json"})
        page.context.route("**/search/digest/**/*.gz*", inflate)
        open_search(page)
        assert any(href.endswith("#" + PALM) for href in hrefs_of(type_query(page, "Yuille")))
    assert any("/s/" in url for url in inflated) and any("/d/" in url for url in inflated)
