"""The statistics page: its numbers on the real seeds, its SVG charts, escaping, edge cases."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from conftest import ROOT

from research_digest import chart_geometry, charts, stats
from research_digest.digest import DigestOptions, DocumentReport, build_digest
from research_digest.model import Appearance, Links, Paper, PaperDate, Precision, Text
from research_digest.topics import Taxonomy, Topic

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def seeds():
    digest = build_digest(DigestOptions(("seeds/",), ROOT, corrections=ROOT / "corrections.yml"))
    papers, taxonomy = Taxonomy.default().assign(digest.papers)
    return papers, taxonomy, digest


@pytest.fixture(scope="module")
def seed_stats(seeds):
    papers, taxonomy, digest = seeds
    return stats.site_statistics(papers, taxonomy, digest.documents)


@pytest.fixture(scope="module")
def seed_html(seed_stats):
    return str(stats.render_statistics(seed_stats))


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(chunk) for chunk in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)]


def classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


# ------------------------------------------------------------------------- the numbers


def test_months_count_every_paper_with_a_month_or_day_date_once(seeds, seed_stats):
    papers, _, _ = seeds
    with_month = [p for p in papers if any(d.precision is not Precision.YEAR for d in p.dates)]
    assert seed_stats.papers == 129
    assert seed_stats.month_dated == len(with_month) == 88
    assert sum(m.papers for m in seed_stats.months) == len(with_month)
    assert all(sum(m.by_group) == m.papers for m in seed_stats.months)
    assert seed_stats.year_only == 41  # the venue table's papers: only the year is known
    # every month from the first to the last, empty ones included, in order
    keys = [m.key for m in seed_stats.months]
    assert keys[0] == "2021-12" and keys[-1] == "2024-04" and len(keys) == 29
    assert keys == sorted(keys)
    by_month = {m.key: m.papers for m in seed_stats.months}
    assert by_month["2024-02"] == 51  # the daily digest's 39 papers of 2024-02-16 plus 12 arXiv ids
    assert by_month["2022-01"] == 0


def test_topic_sizes_are_the_papers_per_topic(seeds, seed_stats):
    papers, taxonomy, _ = seeds
    expected = Counter(topic for paper in papers for topic in paper.topics)
    assert {t.id: t.papers for t in seed_stats.topics} == dict(expected)
    sizes = [t.papers for t in seed_stats.topics if t.id != "other"]
    assert sizes == sorted(sizes, reverse=True)
    assert seed_stats.topics[0].label.en == "Medical Imaging" and seed_stats.topics[0].papers == 47
    # nine colours of their own, the rest share Other's grey
    assert len(seed_stats.groups) == 10 and seed_stats.groups[-1].label.en == "Other"
    assert [g.colour for g in seed_stats.groups] == list(range(10))
    other = seed_stats.groups[-1]
    assert "other" in other.topics and len(other.topics) == len(seed_stats.topics) - 9


def test_code_counts(seeds, seed_stats):
    papers, _, _ = seeds
    assert seed_stats.code_links == sum(1 for p in papers if p.links.code)
    # The seeds' Code fields are empty, but 18 abstracts name a GitHub repository: those become links.
    assert seed_stats.code_links == 18 and seed_stats.code_mentions == 0 and seed_stats.with_code == 18
    assert sum(m.with_code for m in seed_stats.months) == 5  # the daily digest's, on 2024-02-16
    assert stats.code_kind(Paper("x", links=Links(code="https://github.com/a/b"))) == "link"
    assert stats.code_kind(Paper("x", abstract_en=Text("Code: github.com/owner/repo."))) == "abstract"
    assert stats.code_kind(Paper("x", abstract_en=Text("We use GitHub issues."))) == ""
    assert stats.code_kind(Paper("x", links=Links(code="javascript:alert(1)"))) == ""


def test_documents_are_the_five_seeds(seed_stats):
    assert [(d.file_name, d.format, d.entries) for d in seed_stats.documents] == [
        ("000_4d930b09bd2532f5.txt", "footnote", 23),
        ("001_466e798c07ea2cbe.txt", "daily", 39),
        ("002_d7b3bf122039df21.txt", "footnote", 23),
        ("003_daa8b05561275366.txt", "footnote", 4),
        ("004_8365cecda7d1ee74.txt", "venue-table", 41),
    ]
    assert seed_stats.entries == 130
    assert seed_stats.documents[1].format_label.en == "Daily arXiv digest"
    assert seed_stats.documents[4].papers == 41


# -------------------------------------------------------------------------- the charts


def test_every_chart_is_an_accessible_svg_that_parses(seed_html):
    drawn = svgs(seed_html)
    assert len(drawn) == 4
    for svg in drawn:
        assert svg.get("role") == "img" and svg.get("viewBox", "").startswith("0 0 ")
        assert svg.get("width") == "100%"
        assert " / " in svg.get("aria-label")  # both languages
        assert svg[0].tag == SVG + "title" and svg[0].text == svg.get("aria-label")
    # and the numbers are there as tables too
    assert seed_html.count('<table class="rd-chart__table">') == 4
    assert seed_html.count("<details class=\"rd-chart__data\">") == 4


def test_every_label_and_tooltip_exists_in_both_languages(seed_html):
    for svg in svgs(seed_html):
        texts = list(svg.iter(SVG + "text"))
        zh = [t for t in texts if "rd-zh" in classes(t)]
        en = [t for t in texts if "rd-en" in classes(t)]
        both = [t for t in texts if "rd-both" in classes(t)]
        assert zh and len(zh) == len(en) == len(both)
        for text in texts:  # a label without language class is the same in both: a number or file name
            if not classes(text) & {"rd-zh", "rd-en", "rd-both"}:
                assert re.fullmatch(r"[\d,.%–·/ ]+|[\w.-]+\.txt", text.text), text.text
        hits = [g for g in svg.iter(SVG + "g") if "rd-chart__hits" in classes(g)]
        assert [classes(g) - {"rd-chart__hits"} for g in hits] == [{"rd-zh"}, {"rd-en"}, {"rd-both"}]
        tips = [[r.find(SVG + "title").text for r in g.iter(SVG + "rect")] for g in hits]
        assert len(tips[0]) == len(tips[1]) == len(tips[2]) > 0
        assert all(re.search(r"[\u4e00-\u9fff]", tip) for tip in tips[0])
        assert all(re.search(r"[A-Za-z]{3}", tip) and not re.search(r"[\u4e00-\u9fff]", tip) for tip in tips[1]
                   if "医" not in tip)
    assert "医学影像" in seed_html and "Medical Imaging" in seed_html
    assert 'class="rd-zh rd-chart__tick" lang="zh">3月</text>' in seed_html
    assert 'class="rd-en rd-chart__tick" lang="en">Mar</text>' in seed_html


def test_the_language_rules_cover_the_svg_labels():
    css = (ROOT / "plugins/research_digest/assets/stats.css").read_text(encoding="utf-8")
    digest_css = (ROOT / "plugins/research_digest/assets/digest.css").read_text(encoding="utf-8")
    assert 'html[data-rd-lang="zh"] .rd-en' in digest_css and "display: none" in digest_css
    assert re.search(r"\.rd-statistics \.rd-both \{\s*display: none;", css)
    assert re.search(r'\):not\(\[data-rd-lang="en"\]\) \.rd-statistics svg \.rd-en \{\s*display: none;', css)
    for number in range(10):  # the palette, with dark overrides
        assert css.count(f"--rd-chart-{number}:") == 2


def test_hostile_topic_and_file_names_are_escaped():
    taxonomy = Taxonomy([Topic("evil", HOSTILE, HOSTILE + '"onmouseover="x')])
    papers = [Paper("p1", title_en="T", topics=("evil",), dates=(PaperDate(dt.date(2024, 2, 1), Precision.DAY),),
                    appearances=(Appearance(f"d/{HOSTILE}.md", 1, "daily"),))]
    documents = [DocumentReport(f"d/{HOSTILE}.md", "daily", 1), DocumentReport("x/<b>&amp;.md", None, 0)]
    html = str(stats.render_statistics(stats.site_statistics(papers, taxonomy, documents)))
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '"onmouseover' not in html
    assert "&lt;b&gt;&amp;amp;.md" in html
    drawn = svgs(html)  # the SVG still parses, and shows the names as text
    assert len(drawn) == 4
    for svg in drawn:
        shown = [element.text or "" for element in svg.iter() if element.tag in (SVG + "text", SVG + "title")]
        assert any(HOSTILE in text for text in shown)


def test_an_empty_collection_renders():
    statistics = stats.site_statistics([], Taxonomy.default(), ())
    assert statistics.months == () and statistics.topics == () and statistics.papers == 0
    html = str(stats.render_statistics(statistics))
    assert "<svg" not in html and "暂无论文" in html and "No papers yet" in html


def test_papers_without_months_draw_no_time_axis():
    papers = [Paper("p", title_en="T", topics=("other",), dates=(PaperDate(dt.date(2023, 1, 1), Precision.YEAR),))]
    statistics = stats.site_statistics(papers, Taxonomy.default(), ())
    html = str(stats.render_statistics(statistics))
    assert statistics.months == () and statistics.year_only == 1
    assert len(svgs(html)) == 2  # topics and code; no months, no documents


def _many(months: int, topics: int, per_month: int = 25):
    taxonomy = Taxonomy([Topic(f"t{i}", f"主题{i}", f"Topic {i}") for i in range(topics)])
    papers = []
    for n in range(months * per_month):
        month = n % months
        date = PaperDate(dt.date(2022 + month // 12, month % 12 + 1, 1), Precision.DAY)
        papers.append(Paper(f"p{n}", title_en="T", topics=(f"t{n * 7 % topics}",), dates=(date,)))
    return stats.site_statistics(papers, taxonomy, ())


def test_many_months_and_topics_stay_legible():
    statistics = _many(24, 20)
    assert len(statistics.months) == 24 and len(statistics.groups) == 10
    assert statistics.groups[-1].id == stats.OTHER_GROUP and len(statistics.groups[-1].topics) == 11
    chart = charts.month_chart(statistics)
    ticks = [t for t in chart.texts if "rd-chart__tick" in t.css and not t.words.neutral]
    assert 6 <= len(ticks) <= 12  # every other month
    # no two month labels closer than their width
    xs = sorted(t.x for t in ticks)
    assert min(b - a for a, b in zip(xs, xs[1:])) >= 30
    years = [t.words.en for t in chart.texts if "rd-chart__year" in t.css]
    assert years == ["2022", "2023"]
    assert len(charts.statistics_charts(statistics)) == 4


def test_a_long_time_span_keeps_the_last_months_and_an_earlier_bar():
    statistics = _many(60, 5, 3)
    assert len(statistics.months) == stats.MAX_MONTHS
    assert statistics.months[0].key == stats.EARLIER and statistics.months[0].papers == 3 * (60 - 35)
    assert sum(m.papers for m in statistics.months) == 180 == statistics.month_dated


def test_long_labels_are_cut_to_fit():
    long = "Detection, Recognition, Segmentation and a great many other things besides"
    cut = chart_geometry.fit(long, 236)
    assert cut.endswith("…") and chart_geometry.text_width(cut) <= 236
    assert chart_geometry.fit("医学影像", 236) == "医学影像"
    assert chart_geometry.nice_ticks(51) == [0, 20, 40, 60]
    assert chart_geometry.nice_ticks(0) == [0, 1]
