"""English mode is English and 中文 is Chinese: the site's and the theme's own words (titles,
navigation, labels, screen-reader texts, search messages) follow the 中文 / English / 双语 toggle,
on the seeds and on a synthetic corpus; with JavaScript off the page shows both languages."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browser_support import serve_directory
from conftest import mkdocs_build

from research_digest.labels import UI

SEEDS_PAGES = ["/", "/archive/", "/archive/2024/", "/archive/2024/02/", "/archive/2024/02/16/", "/topics/",
               "/topics/multimodal/", "/venues/", "/venues/iccv-2023/", "/stats/", "/about/",
               "/search/?q=分割", "/reading-list/"]
SYNTH_PAGES = ["/", "/archive/", "/topics/", "/stats/"]
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e]")

# The site's and Material's English words a reader could meet in 中文 mode (content such as
# abstracts, names and terms like arXiv, PDF, BibTeX, RSS aside).
TERMS = {"PDF", "arXiv", "BibTeX", "RSS", "Atom", "JSON", "TL;DR"}
MATERIAL_EN = ["Skip to content", "Back to top", "Header", "Footer", "Navigation", "Search", "Share", "Clear",
               "Initializing search", "Type to start searching", "Table of contents", "Previous", "Next",
               "Copy to clipboard", "Dark mode", "Light mode", "Language"]
ENGLISH_UI = sorted({label.en for label in UI.values() if label.en not in TERMS} | set(MATERIAL_EN))

# A paper on the reading list, so that the list page shows a card (reader.js builds it).
STARRED = ('[{"id": "2402.10896", "first": "2024-02-16", "url": "archive/2024/02/16/#p-2402.10896", "authors": "Junfei Xiao",'
           ' "title_zh": "PaLM2-VAdapter：逐步对齐的语言模型打造强大的视觉语言适配器",'
           ' "title_en": "PaLM2-VAdapter: Progressively Aligned Language Model Makes a Strong Vision-language Adapter"}]')

# Visible text and the screen-reader texts (aria-label, title, placeholder) of a page, each with
# whether it sits in content that exists only in Chinese (.rd-fallback: the card says so; a search
# hit's snippet, which quotes the abstract in the language the question matched), in the
# language toggle (each choice is named in its own language) or in the Markdown of a hand-written
# page (written by the site's author, in whatever languages they chose).
COLLECT = """() => {
  const out = [];
  const handWritten = !document.querySelector('.md-content .rd-page, .md-content [class^="rd-"]');
  const exempt = el => !!el.closest('.rd-fallback, .rd-search-hit__snippet, .rd-lang-switch, [data-rd-component="lang-switch"]')
    || (handWritten && !!el.closest('.md-content'));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue.trim(), el = n.parentElement;
    if (!text || !el || el.closest('script, style, noscript, svg title')) continue;
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const rects = el.getClientRects();
    if (!rects.length) continue;
    out.push({ text, exempt: exempt(el), where: el.outerHTML.slice(0, 120) });
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute(name);
      if (v && !(el.closest('.md-search') && getComputedStyle(el).display === 'none'))
        out.push({ text: v.trim(), exempt: exempt(el), where: name + ' of ' + el.outerHTML.slice(0, 120) });
    }
  }
  out.push({ text: document.title, exempt: false, where: '<title>' });
  return out;
}"""


def synth_build(folder: Path, papers: int) -> Path:
    from research_digest.bench.synth import synthesise

    synthesise(papers, folder / "corpus")
    env = {**os.environ, "DIGEST_SOURCES": str(folder / "corpus")}
    env.pop("RESEARCH_DIGEST_SEARCH", None)
    result = mkdocs_build(folder / "site", env=env)
    assert result.returncode == 0, result.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def sites(built_site, tmp_path_factory):
    return {"seeds": (built_site, SEEDS_PAGES), "synthetic": (synth_build(tmp_path_factory.mktemp("synth"), 300), SYNTH_PAGES)}


def texts_in(browser, site: Path, pages: list[str], lang: str, width: int = 1280) -> list[tuple[str, dict]]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(f"localStorage.setItem('rd-lang', '{lang}'); localStorage.setItem('rd-stars', {STARRED!r})")
    found = []
    try:
        with serve_directory(site) as base:
            page = context.new_page()
            for path in pages:
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                found += [(path, item) for item in page.evaluate(COLLECT)]
    finally:
        context.close()
    return found


@pytest.mark.browser
@pytest.mark.parametrize("corpus", ["seeds", "synthetic"])
@pytest.mark.parametrize("width", [1280, 390])
def test_english_mode_shows_no_chinese_outside_content_that_exists_only_in_chinese(browser, sites, corpus, width):
    site, pages = sites[corpus]
    chinese = [(path, item["text"][:60], item["where"]) for path, item in texts_in(browser, site, pages, "en", width)
               if CJK.search(item["text"]) and not item["exempt"]]
    assert chinese == []


@pytest.mark.browser
@pytest.mark.parametrize("corpus", ["seeds", "synthetic"])
def test_chinese_mode_shows_no_english_words_of_the_site_or_the_theme(browser, sites, corpus):
    site, pages = sites[corpus]
    english = [(path, item["text"], item["where"]) for path, item in texts_in(browser, site, pages, "zh")
               if not item["exempt"] and any(item["text"] == word or item["text"].startswith(word + ":")
                                             for word in ENGLISH_UI)]
    assert english == []


@pytest.mark.browser
def test_tab_and_header_titles_follow_the_toggle_also_after_instant_navigation(browser, built_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        with serve_directory(built_site) as base:
            page = context.new_page()
            page.goto(base + "/topics/multimodal/")
            assert page.title() == "多模态 - 论文速递"
            topic = page.locator("[data-md-component=header-topic]")
            page.get_by_role("radio", name="English").first.click()
            assert page.title() == "Multimodal Learning - Research Digest"
            assert topic.locator(".rd-en").is_visible() and not topic.locator(".rd-zh").is_visible()
            page.get_by_role("radio", name="双语").first.click()
            assert page.title() == "多模态 · Multimodal Learning - Research Digest 论文速递"
            page.get_by_role("radio", name="English").first.click()
            page.locator("a.md-nav__link[href$='stats/']").first.click()
            page.wait_for_url("**/stats/")
            page.wait_for_function("document.title === 'Statistics - Research Digest'")
            assert page.locator("[data-md-component=header-topic] .rd-en").inner_text() == "Statistics"
    finally:
        context.close()


@pytest.mark.browser
def test_theme_labels_and_search_messages_follow_the_toggle(browser, built_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("localStorage.setItem('rd-lang', 'en')")
    try:
        with serve_directory(built_site) as base:
            page = context.new_page()
            page.goto(base + "/archive/2024/02/16/")
            assert page.locator(".md-header__inner").get_attribute("aria-label") == "Header"
            assert page.locator(".md-search").get_attribute("aria-label") == "Search"
            assert page.locator(".md-skip").inner_text().strip() == "Skip to content"
            assert page.locator(".md-top").inner_text().strip() == "Back to top"
            page.locator("label.md-search__icon, .md-search__input").first.click()
            meta = page.locator(".md-search-result__meta")
            page.wait_for_function("() => /searching|Initializing/.test(document.querySelector('.md-search-result__meta').textContent)")
            page.locator("input.md-search__input").fill("zzzzqqq")
            page.locator("input.md-search__input").press("End")
            page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.includes('No matching')")
            page.evaluate("window.__rdDigest.setLang('zh')")  # the open search covers the toggle
            assert meta.inner_text().strip() == "没有找到符合条件的结果"
            assert page.locator(".md-header__inner").get_attribute("aria-label") == "页眉"
    finally:
        context.close()


@pytest.mark.browser
def test_without_javascript_titles_and_labels_show_both_languages(browser, built_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        with serve_directory(built_site) as base:
            page = context.new_page()
            page.goto(base + "/topics/multimodal/")
            topic = page.locator("[data-md-component=header-topic]")
            assert topic.locator(".rd-zh").is_visible() and topic.locator(".rd-en").is_visible()
            assert "多模态" in page.title() and "Multimodal Learning" in page.title()
    finally:
        context.close()


def test_a_site_without_venue_papers_has_no_venues_page_in_its_navigation(tmp_path):
    digests = tmp_path / "digests"
    digests.mkdir()
    (digests / "2024-03-01.md").write_text(
        "## [UPDATED!] **2024-03-01** (Publish Time)\n\n>## **多模态**\n>---\n"
        ">>**index:** 1<br />\n**Title:** **A Paper**<br />\n**Title_cn:** 一篇论文<br />\n"
        "**Authors:** Ann Lee<br />\n**Abstract:** <details><summary>原文: </summary>An abstract.</details>\n"
        "**PDF:** <http://arxiv.org/pdf/2402.00001v1><br />\n**Code:** null<br />\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\nsite_url: https://example.org/t/\ntheme: {name: material, font: false}\n"
                      "plugins:\n  - search\n  - research-digest:\n      sources: [digests/]\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", config=config)
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('md-nav--primary'):home.index('</nav>', home.index('md-nav--primary'))]
    assert 'topics/' in nav and 'venues/' not in nav
    assert '"venues/"' not in home  # nor in the toggle's navigation labels
