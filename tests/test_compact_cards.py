"""Each paper's abstracts and BibTeX are stored once, on its full card on its canonical page;
every other listing shows a compact card that opens them in place (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import checked_page, serve_directory  # the `browser` fixture comes from conftest.py

PALM = "2402.10896"  # first seen on 2024-02-16, listed on the multimodal topic
TOPIC = "/topics/multimodal/"
CANONICAL = "/archive/2024/02/16/"


def _card(html: str, paper_id: str) -> str:
    match = re.search(rf'<article class="rd-card[^"]*" data-paper-id="{re.escape(paper_id)}".*?</article>', html, re.S)
    assert match, f"no card of {paper_id}"
    return match.group(0)


def test_a_topic_listing_shows_a_compact_card_whose_long_text_links_to_the_full_card(built_site: Path):
    card = _card((built_site / "topics/multimodal/index.html").read_text(encoding="utf-8"), PALM)
    assert "rd-card--compact" in card
    assert "rd-abstract__text" not in card and "rd-bibtex__text" not in card  # no long text here
    assert re.search(r'class="rd-full-card" href="\.\./\.\./archive/2024/02/16/#p-2402\.10896"', card)
    assert "PaLM2-VAdapter" in card and "arxiv.org/abs/2402.10896" in card  # title and links stay


def test_the_canonical_page_keeps_the_full_card_with_both_abstracts_and_bibtex(built_site: Path):
    card = _card((built_site / "archive/2024/02/16/index.html").read_text(encoding="utf-8"), PALM)
    assert "rd-card--compact" not in card
    assert card.count('class="rd-abstract__text"') == 2 and 'class="rd-bibtex__text">@' in card


def test_every_abstract_is_stored_once_in_the_pages(built_site: Path):
    """Each abstract's text is on exactly one generated page (the paper's canonical one)."""
    html = {path: path.read_text(encoding="utf-8") for path in built_site.rglob("index.html")}
    abstract = "This paper demonstrates that a progressively aligned language model can effectively bridge"
    holders = [path for path, text in html.items() if abstract in text]
    assert [path.relative_to(built_site).as_posix() for path in holders] == ["archive/2024/02/16/index.html"]


def test_a_topic_listing_leaves_out_each_cards_chip_of_that_topic(built_site: Path):
    """Every card on a topic's listing is of that topic: its chip there would be ~180 bytes a card."""
    listed = _card((built_site / "topics/multimodal/index.html").read_text(encoding="utf-8"), PALM)
    assert 'href="../../topics/multimodal/"' not in listed and 'class="rd-topic" href="../../topics/llm-nlp/"' in listed
    full = _card((built_site / "archive/2024/02/16/index.html").read_text(encoding="utf-8"), PALM)
    assert 'class="rd-topic" href="../../../../topics/multimodal/"' in full


def test_cards_carry_author_names_and_leave_links_labels_and_buttons_to_css_and_script(built_site: Path):
    """Per card, the words and links every card would repeat: the script and the stylesheet add them."""
    listed = _card((built_site / "topics/multimodal/index.html").read_text(encoding="utf-8"), PALM)
    full = _card((built_site / "archive/2024/02/16/index.html").read_text(encoding="utf-8"), PALM)
    for card in (listed, full):
        assert "<a>Alan Yuille</a>" in card and "search/?q=" not in card
        assert "Authors" not in card and "Permalink" not in card and "noopener" not in card
    assert "Copy BibTeX" not in full and '<a class="rd-full-card" href="../../archive/2024/02/16/#p-2402.10896"></a>' in listed
    assert len(listed.encode()) < 1600  # it was 2,505 bytes


@pytest.fixture(scope="module")
def site(built_site, browser):
    with serve_directory(built_site) as base_url:
        yield browser, base_url


@pytest.mark.browser
def test_unfolding_a_compact_card_shows_the_abstracts_and_a_copyable_bibtex_in_place(site):
    with checked_page(*site) as page:
        page.goto(page.base_url + TOPIC + "?lang=en")
        card = page.locator(f'article.rd-card--compact[data-paper-id="{PALM}"]')
        card.locator("details.rd-long-text > summary").click()
        abstract = card.locator("details.rd-abstract.rd-en .rd-abstract__text")
        abstract.wait_for()
        assert "progressively aligned language model" in abstract.inner_text()
        assert page.url.endswith(TOPIC + "?lang=en")  # opened in place, no navigation
        bibtex = card.locator(".rd-bibtex__text")
        assert bibtex.is_visible() and bibtex.inner_text().startswith("@")
        assert card.locator(".rd-copy-bibtex").is_visible()


@pytest.mark.browser
def test_with_javascript_author_names_link_to_their_results_and_labels_follow_the_language(site):
    with checked_page(*site) as page:
        page.goto(page.base_url + TOPIC + "?lang=en")
        card = page.locator(f'article.rd-card--compact[data-paper-id="{PALM}"]')
        author = card.locator("a.rd-author", has_text="Alan Yuille")
        assert author.get_attribute("href").endswith("/search/?q=author%3A%22Alan%20Yuille%22")
        label = "el => getComputedStyle(el, '::before').content"
        assert card.locator(".rd-authors").evaluate(label) == '"Authors: "'
        assert card.locator(".rd-full-card").evaluate(label) == '"Read on the full card"'
        page.locator('.rd-mode[data-rd-mode="list"]').click()
        assert card.locator(".rd-authors").evaluate(label) == "none"  # list mode: the names alone
        page.locator('.rd-mode[data-rd-mode="cards"]').click()
        page.goto(page.base_url + CANONICAL + "?lang=zh")
        full = page.locator(f'article.rd-card[data-paper-id="{PALM}"]')
        assert full.locator(".rd-authors").evaluate(label) == '"作者: "'
        full.locator("details.rd-bibtex > summary").click()
        assert full.locator(".rd-copy-bibtex .rd-zh").inner_text() == "复制 BibTeX"


@pytest.mark.browser
def test_without_javascript_the_compact_card_leads_to_the_full_card(site):
    browser, base_url = site
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + TOPIC)
        card = page.locator(f'article.rd-card--compact[data-paper-id="{PALM}"]')
        card.locator("details.rd-long-text > summary").click()
        link = card.locator("a.rd-full-card")
        assert link.is_visible() and link.evaluate("el => getComputedStyle(el, '::before').content").startswith('"在完整条目中阅读 / ')
        assert card.locator(".rd-authors a").first.get_attribute("href") is None  # names: the results page needs JavaScript
        link.click()
        page.wait_for_url(re.compile(re.escape(CANONICAL) + "#p-2402.10896$"))
        full = page.locator(f'article.rd-card[data-paper-id="{PALM}"]')
        full.locator("details.rd-abstract.rd-en > summary").click()
        assert "progressively aligned language model" in full.locator("details.rd-abstract.rd-en").inner_text()
        full.locator("details.rd-bibtex > summary").click()
        assert full.locator(".rd-bibtex__text").inner_text().startswith("@")
    finally:
        context.close()
