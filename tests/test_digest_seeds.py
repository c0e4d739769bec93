"""The ingestion core on the real seeds: counts, merged papers and real field values."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from conftest import ROOT

from research_digest.digest import DigestOptions, build_digest
from research_digest.model import DateOrigin, Precision

A, B, A2, A3, C = (f"seeds/{name}" for name in (
    "000_4d930b09bd2532f5.txt", "001_466e798c07ea2cbe.txt", "002_d7b3bf122039df21.txt",
    "003_daa8b05561275366.txt", "004_8365cecda7d1ee74.txt",
))


@pytest.fixture(scope="module")
def digest():
    return build_digest(DigestOptions(("seeds/",), ROOT, corrections=ROOT / "corrections.yml"))


def test_counts_per_document_and_after_merging(digest):
    assert {d.name: (d.format, d.entries) for d in digest.documents} == {
        A: ("footnote", 23), B: ("daily", 39), A2: ("footnote", 23), A3: ("footnote", 4), C: ("venue-table", 41),
    }
    assert digest.entry_count == 130
    assert len(digest.papers) == 129
    assert digest.skipped == ()
    assert digest.problems == ()  # the shipped corrections settle the three mojibake warnings


def test_counts_per_section_of_the_daily_digest(digest):
    sections = Counter(a.section for p in digest.papers for a in p.appearances if a.source == B)
    assert sections == {"多模态": 10, "分类/检测/识别/分割/...": 14, "图像理解": 2, "Transformer": 3,
                        "3D/CG": 2, "各类学习方式": 1, "其他": 7}


def test_merged_paper_takes_the_best_of_both_digests(digest):
    paper = digest.paper("2402.10882")
    assert [(a.source, a.format) for a in paper.appearances] == [(A, "footnote"), (B, "daily")]
    assert paper.tldr_zh.text.startswith("提出了第一个通用提示优化器，用于在黑盒场景中安全生成文本到图像")
    assert paper.authors == ("Zongyu Wu", "Hongcheng Gao", "Yueze Wang", "Xiang Zhang", "Suhang Wang")
    assert not paper.abstract_en.truncated and len(paper.abstract_en.text) > 1000
    assert paper.abstract_en.text.endswith(".")
    assert paper.announce_type == "cross" and paper.sections == ("其他",)
    assert [(d.key, d.precision) for d in paper.dates] == [("2024-02-16", Precision.DAY)]


def test_footnote_paper_fields(digest):
    paper = digest.paper("2404.01964")
    assert paper.title_zh == "基于CAM的方法可以穿墙而过"
    assert paper.title_en == "CAM-Based Methods Can See through Walls"
    assert paper.arxiv_version == 1 and paper.announce_type == "cross"
    assert paper.links.abstract == "https://arxiv.org/abs/2404.01964"
    assert paper.links.pdf == "https://arxiv.org/pdf/2404.01964"
    assert paper.abstract_en.text.startswith("CAM-based methods are widely-used post-hoc interpretability")
    assert not paper.abstract_en.truncated  # 948 characters, ends with its full stop
    cut = digest.paper("2403.10573").abstract_en  # cut by the generator at 1,000 characters
    assert cut.truncated and cut.text.endswith("to account for the spar")
    assert paper.abstract_zh.text.endswith("误解释。") and not paper.abstract_zh.truncated
    assert [(d.key, d.precision, d.origin) for d in paper.dates] == [("2024-04", Precision.MONTH, DateOrigin.ARXIV_ID)]


def test_old_style_title_suffix_gives_category_and_version(digest):
    paper = digest.paper("2308.01472")
    assert paper.title_en == "Reverse Stable Diffusion: What prompt was used to generate this image?"
    assert paper.category == "cs.CV"
    assert paper.links.abstract == "http://arxiv.org/abs/2308.01472"


def test_daily_paper_fields(digest):
    paper = digest.paper("2402.10896")
    assert paper.title_zh == "PaLM2-VAdapter：逐步对齐的语言模型打造强大的视觉语言适配器"
    assert paper.authors == ("Junfei Xiao", "Zheng Xu", "Alan Yuille", "Shen Yan", "Boyu Wang")
    assert paper.links.pdf == "http://arxiv.org/pdf/2402.10896v1"
    assert paper.links.abstract == "https://arxiv.org/abs/2402.10896"
    assert paper.links.code == ""
    assert paper.dates[0].value == dt.date(2024, 2, 16) and paper.dates[0].origin is DateOrigin.DOCUMENT
    assert "<" not in paper.abstract_en.text and "原文" not in paper.abstract_en.text


def test_venue_paper_fields_and_corrections(digest):
    paper = digest.paper("probabilistic-modeling-of-inter-and-intra-observer-variability-in-medical-image")
    assert paper.venue == "ICCV" and paper.year == 2023
    assert paper.authors == ("Arne Schmidt", "Pablo Morales-Álvarez", "Rafael Molina")
    assert paper.links.venue.startswith("https://openaccess.thecvf.com/content/ICCV2023/papers/Schmidt_")
    assert [(d.key, d.precision, d.origin) for d in paper.dates] == [("2023", Precision.YEAR, DateOrigin.VENUE_YEAR)]
    assert paper.title_zh == "" and paper.abstract_zh.text


def test_no_field_holds_markup(digest):
    for paper in digest.papers:
        for text in (paper.title_en, paper.title_zh, paper.tldr_zh.text, paper.abstract_en.text,
                     paper.abstract_zh.text, *paper.authors, *paper.sections):
            assert "<br" not in text and "<details" not in text and "**" not in text and "\ufffd" not in text


def test_without_corrections_the_lost_bytes_are_reported_with_file_line_and_field():
    digest = build_digest(DigestOptions(("seeds/",), ROOT))
    assert sorted((p.source, p.line, p.field) for p in digest.problems) == [(C, 4, "authors"), (C, 19, "authors"), (C, 40, "authors")]
    assert all(not p.skipped for p in digest.problems)
