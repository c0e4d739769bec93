"""Browser tests of the front-end assets on the static demo page.

The page ``tests/fixtures/frontend_demo.html`` follows the HTML contract of the
server-side templates and loads ``plugins/research_digest/assets/{early.js,digest.js,
digest.css}`` by relative path. The repository root is served over HTTP and the page is
driven in headless Debian chromium (see ``browser_support``).

Screenshots go to ``test-artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser_support import serve_directory  # the `browser` fixture comes from conftest.py

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
DEMO_PATH = "/tests/fixtures/frontend_demo.html"
SHOTS = REPO / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 860}

NAV_LABELS = {
    "zh": ["首页", "归档", "2024 年 5 月", "主题", "大模型推理", "外部链接"],
    "en": ["Home", "Archive", "May 2024", "Topics", "LLM reasoning", "外部链接"],
    "both": ["首页 Home", "归档 Archive", "2024 年 5 月 May 2024", "主题 Topics",
             "大模型推理 LLM reasoning", "外部链接"],
}
TABS_LABELS = {
    "zh": ["首页", "归档", "主题"],
    "en": ["Home", "Archive", "Topics"],
    "both": ["首页 Home", "归档 Archive", "主题 Topics"],
}
TOGGLE_NAMES = {"zh": "中文", "en": "English", "both": "双语 / Bilingual"}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def base_url():
    with serve_directory(REPO) as url:
        yield url


@pytest.fixture(scope="module")
def demo_url(base_url):
    return base_url + DEMO_PATH


class PageErrors:
    """Collects console errors / uncaught exceptions of the pages it watches."""

    def __init__(self):
        self.messages: list[str] = []

    def watch(self, page, ignore: tuple[str, ...] = ()):
        def on_console(msg):
            if msg.type == "error" and not any(s in msg.text for s in ignore):
                self.messages.append(f"console.error: {msg.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.messages.append(f"pageerror: {exc}"))
        return page


@pytest.fixture
def errors():
    collector = PageErrors()
    yield collector
    assert collector.messages == [], "\n".join(collector.messages)


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport=DESKTOP)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, errors):
    return errors.watch(context.new_page())


# ---------------------------------------------------------------------------- helpers

TITLE_ZH = ".rd-card:nth-of-type(1) .rd-card__title > .rd-zh"
TITLE_EN = ".rd-card:nth-of-type(1) .rd-card__title > .rd-en"


def card(page, index):
    return page.locator("article.rd-card").nth(index)


def lang_of(page):
    return page.evaluate("document.documentElement.getAttribute('data-rd-lang')")


def radio(page, lang):
    return page.get_by_role("radio", name=TOGGLE_NAMES[lang], exact=True)


def checked_lang(page):
    return page.locator('.rd-lang-switch [role="radio"][aria-checked="true"]').get_attribute("data-rd-value")


def visible_texts(locator):
    return [el.inner_text().strip() for el in locator.all() if el.is_visible()]


def assert_mode(page, lang):
    """Visible text matches ``lang`` ("zh" | "en" | "both" | None = no attribute, no JS)
    on the demo's representative elements."""
    assert lang_of(page) == lang
    zh_title, en_title = page.locator(TITLE_ZH), page.locator(TITLE_EN)
    # card 2: Chinese title missing -> .rd-zh.rd-fallback holds the English title
    fb_zh = card(page, 1).locator(".rd-card__title > .rd-zh.rd-fallback")
    fb_en_title = card(page, 1).locator(".rd-card__title > .rd-en")
    # card 3: English title missing -> .rd-en.rd-fallback holds the Chinese title
    fb_en = card(page, 2).locator(".rd-card__title > .rd-en.rd-fallback")
    zh_only_title = card(page, 2).locator(".rd-card__title > .rd-zh")
    if lang == "zh":
        assert zh_title.is_visible() and not en_title.is_visible()
        assert fb_zh.is_visible() and not fb_en_title.is_visible()
        assert zh_only_title.is_visible() and not fb_en.is_visible()
        assert fb_zh.locator(".rd-mark").is_visible()
    elif lang == "en":
        assert en_title.is_visible() and not zh_title.is_visible()
        assert fb_en_title.is_visible() and not fb_zh.is_visible()
        assert fb_en.is_visible() and not zh_only_title.is_visible()
        assert fb_en.locator(".rd-mark").is_visible()
    else:  # "both", or None (no attribute, no JS)
        assert zh_title.is_visible() and en_title.is_visible()
        assert fb_en_title.is_visible() and not fb_zh.is_visible()
        assert zh_only_title.is_visible() and not fb_en.is_visible()
        for fb in page.locator(".rd-fallback").all():
            assert not fb.is_visible()
    # fallbacks keep their natural display (inline spans stay inline, details stay block)
    display = page.evaluate(
        """() => [...document.querySelectorAll('.rd-zh, .rd-en')]
                 .filter(e => getComputedStyle(e).display !== 'none')
                 // flex/grid items are blockified by CSS itself
                 .filter(e => !/flex|grid/.test(getComputedStyle(e.parentElement).display))
                 .map(e => [e.tagName, getComputedStyle(e).display])"""
    )
    for tag, disp in display:
        if tag == "SPAN":
            assert disp == "inline", (tag, disp)
        elif tag in ("DETAILS", "DIV", "P"):
            assert disp in ("block", "flow-root"), (tag, disp)


def open_details(page):
    page.evaluate(
        """() => {
            const c = document.querySelectorAll('article.rd-card');
            c[0].querySelector('details.rd-bibtex').open = true;
            c[1].querySelector('details.rd-authors__more').open = true;
            c[1].querySelectorAll('details.rd-abstract').forEach(d => d.open = true);
        }"""
    )


def shoot(page, name, **kwargs):
    page.wait_for_timeout(300)  # let 125ms colour transitions finish
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    page.screenshot(path=str(path), **kwargs)
    return path


def material_stylesheets():
    """Material's real main/palette CSS from the installed package (or None)."""
    try:
        import material
    except ImportError:
        return None
    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    main = sorted(folder.glob("main.*.min.css"))
    palette = sorted(folder.glob("palette.*.min.css"))
    if not main or not palette:
        return None
    return main[0], palette[0]


# ------------------------------------------------------------------------------ tests


def test_without_javascript_both_languages_and_no_fallbacks(browser, demo_url):
    ctx = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(demo_url)
        assert lang_of(page) is None
        assert_mode(page, None)  # no attribute: both languages, fallbacks hidden
        assert page.locator(".rd-lang-switch").count() == 0
        shoot(page, "frontend-demo-nojs.png", full_page=True)
    finally:
        ctx.close()


def test_early_script_alone_applies_default_before_digest_js(browser, demo_url):
    ctx = browser.new_context(viewport=DESKTOP)
    try:
        ctx.route(re.compile(r".*/assets/digest\.js$"), lambda route: route.abort())
        page = ctx.new_page()
        page.goto(demo_url)
        assert lang_of(page) == "zh"  # data-default="zh"
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        assert_mode(page, "zh")
        assert page.locator(".rd-lang-switch").count() == 0
    finally:
        ctx.close()


def test_early_script_survives_blocked_storage(browser, demo_url):
    ctx = browser.new_context(viewport=DESKTOP)
    try:
        ctx.add_init_script(
            "Object.defineProperty(window, 'localStorage', {get() { throw new Error('blocked'); }});"
        )
        page = ctx.new_page()
        errors = PageErrors()
        errors.watch(page)
        page.goto(demo_url + "?lang=en")
        assert lang_of(page) == "en"
        radio(page, "both").click()
        assert_mode(page, "both")
        assert errors.messages == []
    finally:
        ctx.close()


def test_toggle_switches_languages(page, demo_url):
    page.goto(demo_url)
    group = page.get_by_role("radiogroup", name="语言 / Language")
    assert group.count() == 1
    assert group.get_by_role("radio").count() == 3
    assert checked_lang(page) == "zh"
    assert_mode(page, "zh")
    assert visible_texts(page.locator(".md-nav__link")) == NAV_LABELS["zh"]

    page.evaluate(
        "window.__events = []; document.addEventListener('rd:langchange', e => __events.push(e.detail))"
    )
    for lang, html_lang in (("en", "en"), ("both", "zh-CN"), ("zh", "zh-CN"), ("en", "en")):
        radio(page, lang).click()
        assert_mode(page, lang)
        assert checked_lang(page) == lang
        assert radio(page, lang).get_attribute("tabindex") == "0"
        assert page.locator('.rd-lang-switch [role="radio"][tabindex="0"]').count() == 1
        assert page.evaluate("document.documentElement.lang") == html_lang
        assert page.evaluate("localStorage.getItem('rd-lang')") == lang
        assert visible_texts(page.locator(".md-nav__link")) == NAV_LABELS[lang]
        assert [t.inner_text().strip() for t in page.locator(".md-tabs__link").all()] == TABS_LABELS[lang]
        assert "lang=" not in page.url  # no param before -> none added

    events = page.evaluate("window.__events")
    assert [e["lang"] for e in events] == ["en", "both", "zh", "en"]
    assert [e["previous"] for e in events] == ["zh", "en", "both", "zh"]
    # clicking the active option is a no-op (no event)
    radio(page, "en").click()
    assert len(page.evaluate("window.__events")) == 4


def test_toggle_inserted_once_between_palette_and_search(page, demo_url):
    page.goto(demo_url)
    order = page.evaluate(
        """() => [...document.querySelector('.md-header__inner').children].map(e =>
              e.matches('[data-md-component=palette]') ? 'palette' :
              e.matches('.rd-lang-switch') ? 'lang' :
              e.matches('label[for=__search]') ? 'search' : null).filter(Boolean)"""
    )
    assert order == ["palette", "lang", "search"]


def test_choice_persists_across_reload(page, demo_url):
    page.goto(demo_url)
    radio(page, "en").click()
    page.reload()
    assert lang_of(page) == "en"
    assert checked_lang(page) == "en"
    assert_mode(page, "en")
    radio(page, "both").click()
    page.goto(demo_url)
    assert_mode(page, "both")
    assert checked_lang(page) == "both"


def test_lang_param_wins_and_is_kept_in_sync(page, demo_url):
    page.goto(demo_url)
    radio(page, "zh").click()
    assert page.evaluate("localStorage.getItem('rd-lang')") == "zh"

    page.goto(demo_url + "?lang=en#2405-01234")
    assert_mode(page, "en")
    assert checked_lang(page) == "en"
    assert page.evaluate("localStorage.getItem('rd-lang')") == "en"  # param is persisted

    entries = page.evaluate("history.length")
    radio(page, "both").click()  # URL had ?lang= -> updated in place
    assert page.url.endswith("?lang=both#2405-01234")
    assert page.evaluate("history.length") == entries  # replaceState, no new entry

    page.goto(demo_url)  # no param: stored choice
    assert_mode(page, "both")
    page.goto(demo_url + "?lang=bogus")  # invalid value ignored
    assert_mode(page, "both")


def test_keyboard_operation_of_radiogroup(page, demo_url):
    page.goto(demo_url)
    # Tab from the palette toggle lands on the checked radio (roving tabindex)
    page.focus("#demo-palette")
    page.keyboard.press("Tab")
    focused = lambda: page.evaluate("document.activeElement.getAttribute('data-rd-value')")  # noqa: E731
    assert focused() == "zh"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "visible focus ring expected"

    page.keyboard.press("ArrowRight")
    assert focused() == "en" and checked_lang(page) == "en"
    assert_mode(page, "en")
    page.keyboard.press("ArrowRight")
    assert focused() == "both" and checked_lang(page) == "both"
    page.keyboard.press("ArrowRight")  # wraps around
    assert focused() == "zh" and checked_lang(page) == "zh"
    page.keyboard.press("ArrowLeft")
    assert focused() == "both" and checked_lang(page) == "both"
    page.keyboard.press("Home")
    assert focused() == "zh" and checked_lang(page) == "zh"
    page.keyboard.press("End")
    assert focused() == "both" and checked_lang(page) == "both"

    # Enter / Space select the focused option
    radio(page, "en").focus()
    page.keyboard.press("Enter")
    assert checked_lang(page) == "en"
    assert_mode(page, "en")
    radio(page, "zh").focus()
    page.keyboard.press("Space")
    assert checked_lang(page) == "zh"
    assert page.evaluate("window.scrollY") == 0  # arrow keys/space did not scroll the page


def test_copy_bibtex_writes_clipboard_and_shows_copied(browser, demo_url, errors):
    ctx = browser.new_context(viewport=DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = errors.watch(ctx.new_page())
        page.goto(demo_url)
        first = card(page, 0)
        first.locator("details.rd-bibtex > summary").click()
        expected = first.locator("pre.rd-bibtex__text").inner_text().strip()
        button = first.locator(".rd-copy-bibtex")
        button.click()
        page.wait_for_function("() => document.querySelector('.rd-copy-bibtex[data-rd-state=copied]')")
        assert page.evaluate("navigator.clipboard.readText()").strip() == expected
        assert visible_texts(button.locator(".rd-zh, .rd-en")) == ["已复制"]
        assert button.locator(".rd-en").inner_text() == "Copied"
        page.wait_for_function("() => document.getElementById('rd-live')?.textContent.includes('BibTeX')")
        live = page.locator("#rd-live")
        assert live.get_attribute("aria-live") == "polite"
        # the transient state goes away again
        page.wait_for_function(
            "() => !document.querySelector('.rd-copy-bibtex[data-rd-state]')", timeout=5000
        )
        assert visible_texts(button.locator(".rd-zh, .rd-en")) == ["复制 BibTeX"]

        # English mode shows the English label; second card, fallback path (no async clipboard)
        radio(page, "en").click()
        page.evaluate(
            "() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); }"
        )
        second = card(page, 1)
        second.locator("details.rd-bibtex > summary").click()
        expected2 = second.locator("pre.rd-bibtex__text").inner_text().strip()
        second.locator(".rd-copy-bibtex").click()
        page.wait_for_function("() => document.querySelectorAll('.rd-copy-bibtex[data-rd-state]').length")
        assert second.locator(".rd-copy-bibtex").get_attribute("data-rd-state") == "copied"
        assert visible_texts(second.locator(".rd-copy-bibtex .rd-zh, .rd-copy-bibtex .rd-en")) == ["Copied"]
        assert page.evaluate("navigator.clipboard.readText()").strip() == expected2
        page.wait_for_function(
            "() => document.getElementById('rd-live').textContent === 'BibTeX copied'"
        )
    finally:
        ctx.close()


def test_scroll_position_is_kept_when_switching(page, demo_url):
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(demo_url)
    target = card(page, 3)
    page.evaluate(
        "el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 150)",
        target.element_handle(),
    )
    top = lambda: page.evaluate("el => el.getBoundingClientRect().top", target.element_handle())  # noqa: E731
    before = top()
    assert abs(before - 150) <= 1
    scrolls = []
    for lang in ("en", "both", "zh", "both", "en"):
        radio(page, lang).click()
        page.wait_for_timeout(50)
        assert abs(top() - before) <= 2, f"card moved after switching to {lang}"
        scrolls.append(page.evaluate("window.scrollY"))
    assert len(set(scrolls)) > 1  # the layout really changed above the card


def test_hash_target_card_is_highlighted(page, demo_url):
    page.goto(demo_url + "#2405-05678")
    page.wait_for_function(
        "() => document.querySelectorAll('.rd-card--target').length === 1"
    )
    assert "rd-card--target" in card(page, 1).get_attribute("class")
    animation = page.evaluate(
        "getComputedStyle(document.querySelector('.rd-card--target')).animationName"
    )
    assert animation == "rd-card-target"
    page.wait_for_function("() => !document.querySelector('.rd-card--target')", timeout=6000)
    # clicking a permalink on the same page highlights that card (hashchange)
    card(page, 3).locator(".rd-card__title").hover()
    card(page, 3).locator(".headerlink").click()
    page.wait_for_function("() => document.querySelectorAll('.rd-card--target').length === 1")
    assert "rd-card--target" in card(page, 3).get_attribute("class")


def test_instant_navigation_is_idempotent(browser, demo_url, errors):
    """Simulate Material's instant navigation: document$ re-emits after the
    container is swapped; the header (and the toggle) stay."""
    ctx = browser.new_context(viewport=DESKTOP)
    try:
        ctx.add_init_script(
            """
            window.document$ = (function () {
              var subs = [], last, has = false;
              return {
                subscribe: function (fn) { subs.push(fn); if (has) fn(last); return { unsubscribe: function () {} }; },
                next: function (v) { last = v; has = true; subs.slice().forEach(function (f) { f(v); }); }
              };
            })();
            document.addEventListener('DOMContentLoaded', function () { window.document$.next(document); });
            window.location$ = { subscribe: function (fn) { window.__locationSubscribers = (window.__locationSubscribers || []).concat(fn); } };
            """
        )
        page = errors.watch(ctx.new_page())
        page.goto(demo_url)
        radio(page, "en").click()
        assert visible_texts(page.locator(".md-nav__link")) == NAV_LABELS["en"]
        # swap the container like Material does (server-rendered zh labels again),
        # re-execute scripts found in it, then emit document$
        page.evaluate(
            """() => {
              const c = document.querySelector('[data-md-component=container]');
              const clone = c.cloneNode(true);
              clone.querySelectorAll('.md-nav__link .md-ellipsis').forEach(s => s.textContent = '主题');
              clone.querySelectorAll('.md-nav__link').forEach(a => a.setAttribute('href', 'topics/'));
              // Material 9.8 re-creates inline scripts of the container without their
              // attributes: the config must survive that (site-wide, cached)
              const cfg = clone.querySelector('#rd-config');
              cfg.removeAttribute('id'); cfg.removeAttribute('type'); cfg.textContent = '';
              c.replaceWith(clone);
              const s = document.createElement('script');
              s.src = '../../plugins/research_digest/assets/digest.js';
              s.onload = () => { window.__reloaded = true; };
              document.body.appendChild(s);
            }"""
        )
        page.wait_for_function("window.__reloaded === true")
        page.evaluate("window.document$.next(document)")
        page.evaluate("window.document$.next(document)")
        assert page.locator(".rd-lang-switch").count() == 1
        assert page.locator('[role="radiogroup"]').count() == 1
        assert set(visible_texts(page.locator(".md-nav__link"))) == {"Topics"}
        assert_mode(page, "en")
        # event handlers are bound once: one click -> one event
        page.evaluate("window.__n = 0; document.addEventListener('rd:langchange', () => __n++)")
        radio(page, "zh").click()
        assert page.evaluate("window.__n") == 1
        assert set(visible_texts(page.locator(".md-nav__link"))) == {"主题"}
        # copy buttons still work through delegation after the swap
        ctx.grant_permissions(["clipboard-read", "clipboard-write"])
        card(page, 0).locator("details.rd-bibtex > summary").click()
        card(page, 0).locator(".rd-copy-bibtex").click()
        page.wait_for_function("() => document.querySelector('.rd-copy-bibtex[data-rd-state=copied]')")
        assert page.locator(".rd-copy-bibtex[data-rd-state]").count() == 1
        # same-page anchors: Material pushes the URL (no hashchange) and emits location$
        page.evaluate(
            """() => { history.pushState(null, '', '#2405-11111');
                       window.__locationSubscribers.forEach(f => f(new URL(location.href))); }"""
        )
        page.wait_for_function("() => document.querySelectorAll('.rd-card--target').length === 1")
        assert "rd-card--target" in card(page, 3).get_attribute("class")
    finally:
        ctx.close()


def test_mobile_header_fits_360px(browser, demo_url, errors):
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                              is_mobile=True, has_touch=True)
    try:
        page = errors.watch(ctx.new_page())
        page.goto(demo_url + "?lang=both")
        switch = page.locator(".rd-lang-switch")
        assert switch.is_visible()
        assert visible_texts(page.locator(".rd-lang-switch__short")) == ["中", "EN", "双"]
        assert visible_texts(page.locator(".rd-lang-switch__long")) == []
        box = switch.bounding_box()
        search = page.locator('label[for="__search"]').bounding_box()
        palette = page.locator("#demo-palette").bounding_box()
        header = page.locator(".md-header").bounding_box()
        assert box["x"] >= palette["x"] + palette["width"] - 1
        assert box["x"] + box["width"] <= search["x"] + 1
        assert search["x"] + search["width"] <= 360
        assert header["height"] <= 49  # nothing wrapped
        for option in page.locator(".rd-lang-switch__option").all():
            b = option.bounding_box()
            assert b["height"] >= 24 and b["width"] >= 24  # touch target
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        radio(page, "en").tap()
        assert_mode(page, "en")
        shoot(page, "frontend-demo-mobile-en.png")
        radio(page, "both").tap()
        shoot(page, "frontend-demo-mobile-both.png", full_page=True)
    finally:
        ctx.close()


def test_print_hides_toggle_and_buttons(page, demo_url):
    page.goto(demo_url)
    card(page, 0).locator("details.rd-bibtex > summary").click()
    page.emulate_media(media="print")
    assert not page.locator(".rd-lang-switch").is_visible()
    assert not card(page, 0).locator(".rd-copy-bibtex").is_visible()
    assert not page.locator(".rd-pagination").is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".rd-lang-switch").is_visible()


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_screenshots(browser, demo_url, errors, lang):
    """Full-page screenshots (light + dark) for visual review."""
    ctx = browser.new_context(viewport=DESKTOP)
    try:
        page = errors.watch(ctx.new_page())
        page.goto(f"{demo_url}?lang={lang}")
        open_details(page)
        assert_mode(page, lang)
        shoot(page, f"frontend-demo-{lang}.png", full_page=True)
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        shoot(page, f"frontend-demo-{lang}-dark.png", full_page=True)
    finally:
        ctx.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_with_real_material_stylesheets(browser, demo_url, errors, scheme):
    """Swap the stand-in for Material's real CSS: our styles must win over
    Material's admonition-style details/summary, list and heading rules."""
    sheets = material_stylesheets()
    if sheets is None:
        pytest.skip("mkdocs-material is not installed")
    main_css, palette_css = sheets
    ctx = browser.new_context(viewport=DESKTOP)
    try:
        ctx.route("**/__material__/main.css", lambda r: r.fulfill(path=str(main_css)))
        ctx.route("**/__material__/palette.css", lambda r: r.fulfill(path=str(palette_css)))

        def swap(route):
            html = route.fetch().text()
            html, n = re.subn(
                r'<style id="material-standin">.*?</style>',
                '<link rel="stylesheet" href="/__material__/main.css">'
                '<link rel="stylesheet" href="/__material__/palette.css">',
                html, flags=re.S,
            )
            assert n == 1
            route.fulfill(body=html, content_type="text/html; charset=utf-8")

        ctx.route(re.compile(r".*/frontend_demo\.html(\?.*)?$"), swap)
        page = errors.watch(ctx.new_page())
        page.goto(demo_url + "?lang=both")
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        open_details(page)
        assert_mode(page, "both")
        styles = page.evaluate(
            """() => {
              const c = document.querySelector('article.rd-card');
              const cs = (el, p) => getComputedStyle(el, p || null);
              const d = c.querySelector('details.rd-abstract'), s = d.querySelector('summary');
              const li = document.querySelector('.rd-grid__item');
              const t = c.querySelector('.rd-card__title');
              return {
                detailsBorder: cs(d).borderTopWidth, detailsShadow: cs(d).boxShadow,
                summaryBg: cs(s).backgroundColor, summaryAfter: cs(s, '::after').display,
                liMargin: cs(li).marginLeft, gridDisplay: cs(li.parentElement).display,
                titleWeight: cs(t).fontWeight, titleSize: parseFloat(cs(t).fontSize),
                rootSize: parseFloat(cs(document.documentElement).fontSize),
              };
            }"""
        )
        assert styles["detailsBorder"] == "0px"
        assert styles["detailsShadow"] == "none"
        assert styles["summaryBg"] in ("rgba(0, 0, 0, 0)", "transparent")
        assert styles["summaryAfter"] == "none"
        assert styles["liMargin"] == "0px"
        assert styles["gridDisplay"] == "grid"
        assert styles["titleWeight"] == "600"
        assert 1.05 <= styles["titleSize"] / styles["rootSize"] <= 1.15
        suffix = "" if scheme == "default" else "-dark"
        shoot(page, f"frontend-demo-material{suffix}.png", full_page=True)
    finally:
        ctx.close()
