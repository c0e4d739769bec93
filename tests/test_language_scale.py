"""Text and language on the 25,000-paper synthetic site (``scale``): every page kind speaks the
chosen language (English mode shows no Chinese outside content that exists only in Chinese, 中文
shows none of the site's or the theme's English words), passes axe-core (no serious or critical
violation, no heading out of order), logs no console error, loads nothing that answers 404,
draws its formulas as MathML and shows no raw TeX; on a phone nothing scrolls the page sideways
and what scrolls (charts, the chip row) shows a cue.

The full matrix of schemes, languages and screens runs on the seeds (test_accessibility.py,
test_ui_language.py); here each page kind is visited once per language, in three runs that
between them cover light and dark, desktop and phone. Axe checks each page but the cards after
its first six (the same template again; on pages of 50-90 cards they made axe ten times slower)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from browser_support import axe_findings, watch_for_problems
from test_ui_language import CJK, COLLECT, ENGLISH_UI

pytestmark = [pytest.mark.scale, pytest.mark.browser]

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
PALETTE = {"default": 0, "slate": 1}


@dataclass(frozen=True)
class Run:
    lang: str
    scheme: str
    viewport: dict

    def __str__(self) -> str:
        return f"{self.lang}-{'dark' if self.scheme == 'slate' else 'light'}-{self.viewport['width']}"


RUNS = [Run("zh", "default", DESKTOP), Run("en", "slate", PHONE), Run("both", "default", PHONE)]
CARDS_CHECKED = 6

# TeX a reader should never see, shown or folded away (BibTeX aside, which may keep it): a formula
# between dollars (not a price: "$5 and $10"), a command, Markdown's bold-italic markers, the
# translator's label.
RAW_TEX = re.compile(r"\$[^$\s\d][^$]*?\$|\\(?:textit|textbf|emph|texttt|cite|ref|mathcal|frac|bf|phi|times)\b|\*\*\*|中文翻译")
CARD_WITH_MATH = re.compile(
    r'<article class="rd-card[^"]*"[^>]*data-paper-id="([^"]+)"[^>]*>\s*<h[23] class="rd-card__title" id="([^"]+)">'
    r'<span class="rd-zh[^"]*" lang="zh">(.*?)</span><span class="rd-en[^"]*" lang="en">((?:(?!</span>).)*<math.*?)</span>'
)
PAGE_FACTS = """() => ({
  tex: (() => { const parts = [], walker = document.createTreeWalker(document.querySelector('.md-content') || document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement.closest('.rd-bibtex, script, style')) parts.push(n.nodeValue);
    return parts.join(' '); })(),
  math: [...document.querySelectorAll('.md-content math')].filter(m => m.checkVisibility()).length,
  sideways: document.scrollingElement.scrollWidth - innerWidth,
  scheme: document.body.dataset.mdColorScheme })"""


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


@lru_cache(maxsize=None)
def page_kinds(site: Path) -> tuple[dict[str, str], str, str]:
    """Each page kind's address on the site (the day: one with a formula in a card's English
    title), the anchor of that card, and the reading list's entry for it."""
    for day in sorted(site.glob("archive/*/*/*/index.html")):
        found = CARD_WITH_MATH.search(day.read_text(encoding="utf-8"))
        if found:
            break
    else:
        raise AssertionError("no day page of the scale site has a formula in a card's title")
    paper_id, anchor, title_zh, title_en = found.groups()
    day_path = "/" + day.parent.relative_to(site).as_posix() + "/"
    month, year = day_path.rsplit("/", 2)[0] + "/", day_path.rsplit("/", 3)[0] + "/"
    venue = next(path.name for path in sorted((site / "venues").iterdir()) if (path / "index.html").is_file())
    name = re.match(r"[A-Za-z][\w+-]+", text_of(title_en)).group()
    kinds = {
        "home": "/", "archive index": "/archive/", "year": year, "month": month, "day": day_path,
        "topic index": "/topics/", "topic": "/topics/multimodal/", "venue index": "/venues/", "venue": f"/venues/{venue}/",
        "statistics": "/stats/", "search results": f"/search/?q={name}", "reading list": "/reading-list/",
    }
    starred = json.dumps([{"id": paper_id, "first": "-".join(day_path.strip("/").split("/")[1:]), "url": day_path.lstrip("/") + "#" + anchor,
                           "authors": "", "title_zh": text_of(title_zh), "title_en": text_of(title_en)}], ensure_ascii=False)
    return kinds, anchor, starred


def new_context(browser, run: Run, starred: str):
    context = browser.new_context(viewport=run.viewport)
    context.add_init_script(
        f"localStorage.setItem('rd-lang', '{run.lang}'); localStorage.setItem('rd-stars', {json.dumps(starred)});"
        f"localStorage.setItem('/.__palette', JSON.stringify({{index: {PALETTE[run.scheme]}, color: {{scheme: '{run.scheme}'}}}}))"
    )
    return context


def language_problems(run: Run, kind: str, texts: list[dict]) -> list[tuple]:
    if run.lang == "en":
        return [("chinese in English mode", kind, item["text"][:60], item["where"]) for item in texts
                if CJK.search(item["text"]) and not item["exempt"]]
    if run.lang == "zh":
        return [("english in 中文 mode", kind, item["text"], item["where"]) for item in texts if not item["exempt"]
                and any(item["text"] == word or item["text"].startswith(word + ":") for word in ENGLISH_UI)]
    return []


def axe_problems(axe, page, kind: str) -> list[tuple]:
    # the cards after the first few are the same template again: axe reads the whole page's tree
    # even for what it is told to leave out, so they leave (the page's other checks are done)
    page.evaluate(f"() => [...document.querySelectorAll('.rd-card')].slice({CARDS_CHECKED}).forEach(card => card.remove())")
    # and no element is caught halfway through a fade (Material's back-to-top button on a scroll)
    page.add_style_tag(content="*, ::before, ::after { transition: none !important; animation: none !important; }")
    return [("axe", *finding) for finding in axe_findings(axe, page, kind)]


@pytest.mark.parametrize("run", RUNS, ids=str)
def test_every_page_kind_of_the_scale_site_speaks_the_chosen_language_passes_axe_and_loads_cleanly(browser, scale, run):
    from axe_playwright_python.sync_playwright import Axe

    built, base_url = scale
    kinds, anchor, starred = page_kinds(built.site)
    axe, problems = Axe(), []
    context = new_context(browser, run, starred)
    try:
        page = context.new_page()
        watch_for_problems(page, problems)
        for kind, path in kinds.items():
            page.goto(base_url + path)
            page.wait_for_load_state("networkidle")  # search results and the reading list come from scripts
            facts = page.evaluate(PAGE_FACTS)
            assert facts["scheme"] == run.scheme
            problems += language_problems(run, kind, page.evaluate(COLLECT))
            problems += [("raw TeX", kind, match.group()) for match in RAW_TEX.finditer(facts["tex"])]
            if facts["sideways"] > 0:
                problems.append(("scrolls sideways", kind, facts["sideways"]))
            if kind == "day":
                problems += math_problems(page, run, anchor, facts["math"])
            problems += axe_problems(axe, page, kind)  # last: it takes most cards away
    finally:
        context.close()
    assert not problems, "\n".join(map(repr, problems))


def math_problems(page, run: Run, anchor: str, shown: int) -> list[tuple]:
    """The card's title draws its formula as MathML (in English and 双语: the formula is in the
    English title); a screenshot of the card for review."""
    title = page.locator(f'.rd-card__title[id="{anchor}"]')
    drawn = title.evaluate("t => [...t.querySelectorAll('math')].filter(m => m.checkVisibility()).map(m => getComputedStyle(m).display)")
    card = page.locator("article.rd-card", has=title)
    card.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    card.screenshot(path=str(SCREENSHOTS / f"math-card-scale-{run.lang}.png"))
    page.evaluate("window.scrollTo(0, 0)")
    expected = 0 if run.lang == "zh" else 1
    if len(drawn) < expected or any(display not in ("math", "inline math") for display in drawn) or shown < expected:
        return [("math not drawn", run.lang, drawn, shown)]
    return []


def test_on_a_phone_the_scale_sites_charts_and_chip_row_scroll_with_a_cue(browser, scale):
    built, base_url = scale
    kinds, _, starred = page_kinds(built.site)
    context = new_context(browser, RUNS[2], starred)
    try:
        page = context.new_page()
        page.goto(base_url + "/stats/")
        frames = page.evaluate("""() => [...document.querySelectorAll('.rd-chart__frame, .rd-chart__table-wrap')].map(f => ({
          scrolls: f.scrollWidth > f.clientWidth + 1, tabindex: f.getAttribute('tabindex'),
          cue: getComputedStyle(f).backgroundImage.includes('gradient')}))""")
        assert frames and any(frame["scrolls"] for frame in frames)  # the charts keep a legible size
        assert all(frame["tabindex"] == "0" and frame["cue"] for frame in frames if frame["scrolls"])
        page.goto(base_url + kinds["day"])
        row = page.locator("nav.rd-chips").evaluate(
            "r => ({ scrolls: r.scrollWidth > r.clientWidth + 1, fade: getComputedStyle(r).maskImage })")
        assert row["scrolls"] and "gradient" in row["fade"]
    finally:
        context.close()
