"""Rendered math on the seed site: MathML in the built pages, plain text in papers.json, and in
Chromium the formula drawn as math in each language mode (screenshots for review)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser_support import checked_page, serve_directory

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
DAY = "archive/2024/02/16/index.html"
U2MRPD = "p-2402.10609"  # "U$^2$MRPD: Unsupervised undersampled MRI reconstruction ..." in the seeds
LANGUAGES = {"zh": "中文", "en": "English", "both": "双语"}


def card_html(built_site: Path, anchor: str) -> str:
    html = (built_site / DAY).read_text(encoding="utf-8")
    start = html.index(f'id="{anchor}"')
    return html[html.rfind("<article", 0, start): html.index("</article>", start)]


def test_seed_titles_tldrs_and_abstracts_with_tex_are_mathml_without_any_script(built_site):
    card = card_html(built_site, U2MRPD)
    title = card[: card.index("</h3>")]
    assert title.count("<math") == 2 and "<msup>" in title and "$" not in title  # both languages' titles
    abstract = card[card.index('class="rd-abstract'):]
    assert "<math" in abstract and "$^2$" not in abstract and "{\\bf" not in abstract
    assert "<strong>first</strong>" in abstract
    pages = "".join(path.read_text(encoding="utf-8") for path in built_site.rglob("*.html"))
    assert "mathjax" not in pages.lower() and "katex" not in pages.lower()


def test_papers_json_has_the_plain_text_of_formulas(built_site):
    records = {record["id"]: record for record in json.loads((built_site / "papers.json").read_text(encoding="utf-8"))["papers"]}
    record = records["2402.10609"]
    assert record["title"]["en"].startswith("U^2MRPD: Unsupervised")
    assert "$" not in json.dumps(record, ensure_ascii=False)


def test_no_page_shows_a_name_twice_or_a_letter_mark(built_site):
    doubled = re.compile(r'<span class="rd-zh[^"]*" lang="zh">([^<]+)</span><span class="rd-en[^"]*" lang="en">\1</span>')
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not doubled.search(html), (path, doubled.search(html).group())
        assert 'class="rd-mark"' not in html, path
    venues = (built_site / "venues/index.html").read_text(encoding="utf-8")
    assert '<span class="rd-same">ICCV 2023</span>' in venues


@pytest.mark.browser
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_card_with_math_renders_mathml_in_each_language(built_site, browser, language):
    with serve_directory(built_site) as base_url, checked_page(browser, base_url) as page:
        page.goto(f"{base_url}/archive/2024/02/16/?lang={language}")
        heading = page.locator(f"h3#{U2MRPD}".replace(".", r"\."))
        visible = [math for math in heading.locator("math").all() if math.is_visible()]
        assert len(visible) == (2 if language == "both" else 1)
        for math in visible:
            assert math.evaluate("element => getComputedStyle(element).display") in ("math", "inline math", "block math")
            box, two = math.bounding_box(), math.locator("mn").bounding_box()
            assert box["width"] > 0 and two["y"] < box["y"] + box["height"] / 2  # a superscript, raised
        assert "$" not in heading.inner_text()
        card = page.locator("article.rd-card", has=heading)
        card.locator("details.rd-abstract:visible summary").first.click()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        card.screenshot(path=str(SCREENSHOTS / f"math-card-{language}.png"))


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory) -> Path:
    """A site of 400 synthetic papers: the generator writes TeX, translator leftovers and label variants."""
    import os

    from conftest import mkdocs_build
    from research_digest.bench.synth import synthesise

    work = tmp_path_factory.mktemp("synthetic-math")
    synthesise(400, work / "corpus", seed=11)
    env = {**os.environ, "DIGEST_SOURCES": str(work / "corpus"), "RESEARCH_DIGEST_CACHE": "off"}
    result = mkdocs_build(work / "site", env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return work / "site"


def test_the_synthetic_site_has_math_and_named_variant_topics(synthetic_site):
    pages = {path: path.read_text(encoding="utf-8") for path in synthetic_site.rglob("*.html")}
    titles = [title for html in pages.values() for title in re.findall(r'<h3 class="rd-card__title".*?</h3>', html)]
    assert sum("<math" in title for title in titles) >= 4
    assert not any("$" in re.sub(r"<[^>]+>", "", title) or "中文翻译" in title for title in titles)
    assert '<span class="rd-zh" lang="zh">神经辐射场</span><span class="rd-en" lang="en">NeRF</span>' in "".join(pages.values())


@pytest.mark.browser
def test_synthetic_cards_with_math_render_mathml_in_each_language(synthetic_site, browser):
    page_path, anchor = next(
        (path, match.group(1)) for path in sorted(synthetic_site.rglob("archive/*/*/*/index.html"))
        if (match := re.search(r'<h3 class="rd-card__title" id="([^"]+)">(?:(?!</h3>).)*<math', path.read_text(encoding="utf-8")))
    )
    url = "/" + page_path.parent.relative_to(synthetic_site).as_posix() + "/"
    with serve_directory(synthetic_site) as base_url, checked_page(browser, base_url) as page:
        for language in LANGUAGES:
            page.goto(f"{base_url}{url}?lang={language}")
            heading = page.locator(f"h3#{anchor}".replace(".", r"\."))
            shown = [math for math in heading.locator("math").all() if math.is_visible()]
            assert language == "zh" or shown  # the generator writes TeX in English titles
            assert all(math.evaluate("e => getComputedStyle(e).display") in ("math", "inline math") for math in shown)
            assert "$" not in heading.inner_text()


DISPLAY_MATH_DIGEST = (
    "## [UPDATED!] **2024-03-01** (Publish Time)\n\n>## **多模态**\n>---\n"
    ">>**index:** 1<br />\n**Title:** **$$\\mathcal{L}_{\\text{total}}$$ Loss for Detection**<br />\n"
    "**Title_cn:** $$\\mathcal{L}_{\\text{total}}$$ 检测损失<br />\n**Authors:** Ann Lee<br />\n"
    "**Abstract:** <details><summary>原文: </summary>An abstract.</details>\n"
    "**PDF:** <http://arxiv.org/pdf/2402.00001v1><br />\n**Code:** null<br />\n"
)
# The title's lines, top to bottom, and the gaps between them (and the box's edges): a formula
# that opened a line of its own left an empty line under the text before it.
TITLE_GAPS = """t => { const range = document.createRange(); range.selectNodeContents(t);
  const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0).sort((a, b) => a.top - b.top);
  const lines = [];
  for (const r of rects) { const last = lines[lines.length - 1];
    if (last && (r.top + r.bottom) / 2 < last[1]) last[1] = Math.max(last[1], r.bottom); else lines.push([r.top, r.bottom]); }
  const box = t.getBoundingClientRect(), style = getComputedStyle(t);
  return { size: parseFloat(style.fontSize), lines: lines.length, gaps: [lines[0][0] - box.top - parseFloat(style.paddingTop),
    ...lines.slice(1).map((line, i) => line[0] - lines[i][1]), box.bottom - parseFloat(style.paddingBottom) - lines[lines.length - 1][1]] }; }"""


@pytest.fixture(scope="module")
def display_math_site(tmp_path_factory) -> Path:
    from conftest import mkdocs_build

    work = tmp_path_factory.mktemp("display-math")
    (work / "digests").mkdir()
    (work / "digests" / "2024-03-01.md").write_text(DISPLAY_MATH_DIGEST, encoding="utf-8")
    (work / "docs").mkdir()
    (work / "mkdocs.yml").write_text("site_name: t\nsite_url: https://example.org/t/\ntheme: {name: material, font: false}\n"
                                     "plugins:\n  - search\n  - research-digest:\n      sources: [digests/]\n", encoding="utf-8")
    result = mkdocs_build(work / "site", config=work / "mkdocs.yml")
    assert result.returncode == 0, result.stderr[-3000:]
    return work / "site"


@pytest.mark.browser
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_title_with_display_math_keeps_it_in_line_without_a_blank_line_on_a_phone(display_math_site, browser, language):
    with serve_directory(display_math_site) as base_url:
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
        try:
            page = context.new_page()
            page.goto(f"{base_url}/archive/2024/03/01/?lang={language}")
            title = page.locator(".rd-card__title").first
            shown = [math for math in title.locator("math").all() if math.is_visible()]
            assert len(shown) == (2 if language == "both" else 1)
            assert all(math.evaluate("e => getComputedStyle(e).display") in ("math", "inline math") for math in shown)
            layout = title.evaluate(TITLE_GAPS)
            assert layout["lines"] == (2 if language == "both" else 1)
            assert max(layout["gaps"]) < layout["size"] / 2, layout
        finally:
            context.close()
