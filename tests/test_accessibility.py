"""Accessibility of the built seed site in headless Chromium: axe-core finds no serious or
critical violation (nor a heading out of order) on any page kind, in light and dark, 中文 / English / 双语, on a desktop and a
390 px phone; no page logs a console error or loads anything that answers 404; the skip link,
the focus ring, text sizes, the permalink on touch screens and the statistics charts on a phone."""

from __future__ import annotations

import pytest
from browser_support import axe_findings, serve_directory, watch_for_problems

pytestmark = pytest.mark.browser

PAGE_KINDS = {
    "home": "/", "archive index": "/archive/", "year": "/archive/2024/", "month": "/archive/2024/02/",
    "day": "/archive/2024/02/16/", "topic index": "/topics/", "topic": "/topics/multimodal/",
    "venue index": "/venues/", "venue": "/venues/iccv-2023/", "statistics": "/stats/", "about (hand-written)": "/about/",
    "search results": "/search/?q=分割", "reading list": "/reading-list/",
}
# A paper on the reading list, so that the list page shows a card (reader.js builds it).
STARRED = ('[{"id": "2402.10896", "first": "2024-02-16", "url": "archive/2024/02/16/#p-2402.10896", "authors": "Junfei Xiao",'
           ' "title_zh": "PaLM2-VAdapter：逐步对齐的语言模型打造强大的视觉语言适配器",'
           ' "title_en": "PaLM2-VAdapter: Progressively Aligned Language Model Makes a Strong Vision-language Adapter"}]')
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
# Every pair of (scheme, language, screen) appears in one of these six runs (a pairwise design:
# the twelve combinations cost twice the time and find nothing these miss).
COMBINATIONS = [
    ("default", "zh", DESKTOP), ("slate", "zh", PHONE), ("default", "en", PHONE),
    ("slate", "en", DESKTOP), ("default", "both", DESKTOP), ("slate", "both", PHONE),
]
PALETTE = {"default": 0, "slate": 1}


@pytest.fixture(scope="module")
def base_url(built_site):
    with serve_directory(built_site) as base:
        yield base


def new_context(browser, scheme: str, lang: str, viewport: dict, starred: bool = False, **options):
    context = browser.new_context(viewport=viewport, **options)
    if starred:
        context.add_init_script(f"localStorage.setItem('rd-stars', {STARRED!r})")
    context.add_init_script(
        f"localStorage.setItem('rd-lang', '{lang}');"
        f"localStorage.setItem('/.__palette', JSON.stringify({{index: {PALETTE[scheme]}, color: {{scheme: '{scheme}'}}}}))"
    )
    return context


@pytest.mark.parametrize("scheme,lang,viewport", COMBINATIONS, ids=lambda v: v if isinstance(v, str) else str(v["width"]))
def test_no_serious_axe_violation_console_error_or_404_on_any_page_kind(browser, base_url, scheme, lang, viewport):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = new_context(browser, scheme, lang, viewport, starred=True)
    problems: list[tuple] = []
    try:
        page = context.new_page()
        watch_for_problems(page, problems)
        for kind, path in PAGE_KINDS.items():
            page.goto(base_url + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
            problems += axe_findings(axe, page, kind)
    finally:
        context.close()
    assert problems == []


def test_the_skip_link_is_the_first_stop_and_moves_past_the_header(browser, base_url):
    context = new_context(browser, "default", "en", DESKTOP)
    try:
        page = context.new_page()
        page.goto(base_url + "/topics/multimodal/")
        page.keyboard.press("Tab")
        skip = page.locator(".md-skip")
        assert page.evaluate("document.activeElement.classList.contains('md-skip')")
        assert skip.is_visible() and skip.inner_text().strip() == "Skip to content"
        page.keyboard.press("Enter")
        page.wait_for_function("document.activeElement && document.activeElement.id === 'rd-main'")
        page.keyboard.press("Tab")  # the next stop is inside the content, not the header's 14 controls
        assert page.evaluate("!!document.activeElement.closest('.md-content')")
    finally:
        context.close()


def test_focused_links_and_buttons_show_a_focus_ring(browser, base_url):
    context = new_context(browser, "slate", "zh", DESKTOP)
    try:
        page = context.new_page()
        page.goto(base_url + "/archive/2024/02/16/")
        page.locator(".md-skip").focus()
        page.keyboard.press("Enter")
        # the skip link moves the focus to the content's start once the jump is done: tab on from there
        page.wait_for_function("document.activeElement && document.activeElement.id === 'rd-main'")
        checked = 0
        for _ in range(8):
            page.keyboard.press("Tab")
            # which element has the focus and how it is outlined, read at one moment
            focused = page.evaluate("""(() => { const el = document.activeElement;
                if (!el.matches('a, button, summary, input, [tabindex="0"]')) return null;
                const s = getComputedStyle(el);
                return [s.outlineStyle, parseFloat(s.outlineWidth), el.outerHTML.slice(0, 120)]; })()""")
            if focused is None:
                continue
            assert focused[0] != "none" and focused[1] >= 2, focused[2]
            checked += 1
        assert checked >= 3
    finally:
        context.close()


SMALL_TEXT = """() => [...document.querySelectorAll('.md-content *:not(svg *)')].filter(el =>
  [...el.childNodes].some(n => n.nodeType === 3 && n.nodeValue.trim()) && el.getClientRects().length
  && parseFloat(getComputedStyle(el).fontSize) < 11).map(el => el.outerHTML.slice(0, 100))"""


@pytest.mark.parametrize("lang", ["zh", "both"])
def test_no_text_is_smaller_than_11_px(browser, base_url, lang):
    context = new_context(browser, "default", lang, PHONE, starred=True)
    try:
        page = context.new_page()
        for path in ("/archive/2024/02/16/", "/topics/multimodal/", "/stats/", "/search/?q=分割", "/reading-list/"):
            page.goto(base_url + path)
            page.wait_for_load_state("networkidle")  # the results and the reading list come from scripts
            assert page.evaluate(SMALL_TEXT) == []
    finally:
        context.close()


def test_authors_keep_the_space_before_and_more_and_counts_stand_by_their_word(browser, base_url):
    context = new_context(browser, "default", "en", DESKTOP)
    try:
        page = context.new_page()
        page.goto(base_url + "/archive/2024/02/16/")
        gap = page.evaluate("""() => { const d = document.querySelector('details.rd-authors__more');
          const r = document.createRange(); r.setStart(d.previousSibling, d.previousSibling.length - 1);
          r.setEnd(d.previousSibling, d.previousSibling.length);
          return d.querySelector('summary .rd-en').getBoundingClientRect().left - r.getBoundingClientRect().right; }""")
        assert gap >= 3  # "Nan Duan and 1 more", not "Nan Duanand 1 more"
        page.goto(base_url + "/topics/multimodal/")
        gap = page.evaluate("""() => { const p = document.querySelector('p.rd-stats'); const r = document.createRange();
          r.selectNodeContents(p.firstChild); const word = p.querySelector('.rd-en');
          return word.getBoundingClientRect().left - r.getBoundingClientRect().right; }""")
        assert gap < 8  # "27 papers", one space apart
    finally:
        context.close()


def test_the_permalink_shows_on_touch_screens(browser, base_url):
    context = new_context(browser, "default", "zh", PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base_url + "/archive/2024/02/16/")
        if not page.evaluate("matchMedia('(hover: none)').matches"):
            pytest.skip("this Chromium does not emulate a touch-only screen")
        assert page.locator(".rd-card .headerlink").first.evaluate("el => getComputedStyle(el).opacity") == "1"
    finally:
        context.close()


def test_statistics_charts_fit_a_phone_or_scroll_with_a_cue_and_keyboard_access(browser, base_url):
    context = new_context(browser, "default", "zh", PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + "/stats/")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
        frames = page.evaluate("""() => [...document.querySelectorAll('.rd-chart__frame')].map(f => ({
          scrolls: f.scrollWidth > f.clientWidth + 1, tabindex: f.getAttribute('tabindex'),
          cue: getComputedStyle(f).backgroundImage.includes('gradient')}))""")
        assert frames
        for frame in frames:
            assert not frame["scrolls"] or (frame["tabindex"] == "0" and frame["cue"])
    finally:
        context.close()


def test_the_topic_chip_row_on_a_phone_fades_at_its_edge_and_lets_its_last_chip_scroll_clear(browser, base_url):
    context = new_context(browser, "default", "en", PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + "/archive/2024/02/16/")
        row = page.locator("nav.rd-chips")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
        facts = row.evaluate("""r => ({ scrolls: r.scrollWidth > r.clientWidth + 1,
          fade: parseFloat((getComputedStyle(r).maskImage.match(/([\\d.]+)px\\)$/) || [0, 0])[1]) })""")
        assert facts["scrolls"] and facts["fade"] >= 16  # a visible fade where more chips wait
        last_chip_clearance = """r => r.getBoundingClientRect().right - r.querySelector('.rd-chip:last-of-type').getBoundingClientRect().right"""
        row.evaluate("r => { r.scrollLeft = r.scrollWidth; }")
        assert row.evaluate(last_chip_clearance) >= facts["fade"]  # scrolled to its end, the last chip is clear of the fade
        row.evaluate("r => { r.scrollLeft = 0; }")
        row.locator(".rd-chip").last.focus()  # and a keyboard user reaching it sees it whole
        assert row.evaluate(last_chip_clearance) >= facts["fade"] - 1
    finally:
        context.close()
