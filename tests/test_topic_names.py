"""Every topic named in both languages: section label variants map to their topic, unknown labels
are named by the glossary or reported with a taxonomy entry; names the same in both languages
are shown once; a missing language is said in words."""

from __future__ import annotations

import re

import pytest
import yaml

from research_digest.bilingual import bi, label
from research_digest.label_match import glossary
from research_digest.labels import Label
from research_digest.model import Paper, Text
from research_digest.render import template_environment
from research_digest.report import unnamed_topics_report
from research_digest.taxonomy_data import label_key
from research_digest.topics import Taxonomy


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.default()


def topic_of(taxonomy: Taxonomy, section: str):
    assigned, extended = taxonomy.assign([Paper(id="a", title_en="Nothing to match here", sections=(section,))])
    return extended.topic(assigned[0].topics[0])


@pytest.mark.parametrize("section, topic_id", [
    ("模型压缩/优化", "efficient"),
    ("3D相关", "3d-cg"),
    ("半监督/无监督学习", "learning-paradigms"),
    ("3D-related", "3d-cg"),
    ("GAN/生成式/对抗式", "generative"),
    ("图像编辑/图像生成", "generative"),
    ("视觉定位/目标跟踪", "video"),
    ("检测与分割", "detection-segmentation"),
    ("**Model Compression / Optimization**", "efficient"),
])
def test_section_label_variants_real_digests_use_map_to_the_existing_topic(taxonomy, section, topic_id):
    assert topic_of(taxonomy, section).id == topic_id


@pytest.mark.parametrize("section, topic_id", [
    ("弱监督/自监督", "learning-paradigms"),  # each part an alias of the same topic
    ("量化/剪枝", "efficient"),
    ("人脸相关", "face-human"),  # a filler word dropped
    ("Medical Imaging Methods", "medical"),
])
def test_the_similarity_rule_reads_a_label_part_by_part(taxonomy, section, topic_id):
    assert topic_of(taxonomy, section).id == topic_id


def test_a_label_whose_words_name_two_topics_is_not_guessed(taxonomy):
    topic = topic_of(taxonomy, "Efficient Vision Transformers")
    assert topic.generated and topic.id == "efficient-vision-transformers"


@pytest.mark.parametrize("section", ["Nerf", "NeRF", "nerf", "神经辐射场", "NeRFs"])
def test_nerf_reads_nerf_in_english_and_has_a_chinese_name(taxonomy, section):
    topic = topic_of(taxonomy, section)
    assert (topic.id, topic.name_zh, topic.name_en) == ("nerf", "神经辐射场", "NeRF")


def test_spellings_of_one_glossary_term_share_one_topic(taxonomy):
    papers = [Paper(id=str(n), title_en="x", sections=(section,)) for n, section in enumerate(("Nerf", "神经辐射场", "OCR"))]
    assigned, extended = taxonomy.assign(papers)
    assert [paper.topics for paper in assigned] == [("nerf",), ("nerf",), ("ocr",)]
    assert (extended.topic("ocr").name_zh, extended.topic("ocr").name_en) == ("文字识别", "OCR")


def test_no_glossary_spelling_belongs_to_two_terms():
    from importlib import resources

    text = resources.files("research_digest").joinpath("data/glossary.yml").read_text(encoding="utf-8")
    owners: dict[str, str] = {}
    for term in yaml.safe_load(text)["terms"]:
        assert len(term) >= 2 and term[0] != term[1], term
        for spelling in term:
            assert owners.setdefault(label_key(str(spelling)), term[1]) == term[1], spelling
    assert len(glossary()) == len(owners)


def test_an_unknown_label_is_reported_by_check_with_an_entry_that_pastes_into_a_taxonomy(taxonomy):
    papers = [Paper(id="a", title_en="x", sections=("脑机协同计算",)), Paper(id="b", title_en="y", sections=("脑机协同计算",)),
              Paper(id="c", title_en="z", sections=("Nerf",))]
    lines = unnamed_topics_report(papers, taxonomy)
    assert lines[0].startswith("Unnamed topics: 1 section label(s)")
    entry = "\n".join(lines[1:])
    assert "(2 paper(s))" in entry and "name_en: 脑机协同计算  # the English name" in entry
    pasted = taxonomy.extended(yaml.safe_load("topics:\n" + entry.replace("name_en: 脑机协同计算", "name_en: Brain-Machine Computing")))
    topic = pasted.topic_for_label("脑机协同计算")
    assert (topic.name_zh, topic.name_en, topic.generated) == ("脑机协同计算", "Brain-Machine Computing", False)
    assert unnamed_topics_report(papers[2:], taxonomy) == []


# -- shown once, missing said in words ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["OCR", "ICCV 2023", "PDF"])
def test_a_name_the_same_in_both_languages_is_shown_once(name):
    html = str(label(Label(name, name)))
    assert html == f'<span class="rd-same">{name}</span>'
    assert str(bi("<b>", "<b>")) == '<span class="rd-same">&lt;b&gt;</span>'


def test_different_names_keep_a_slot_each():
    assert str(label(Label("文字识别", "OCR"))) == (
        '<span class="rd-zh" lang="zh">文字识别</span><span class="rd-en" lang="en">OCR</span>'
    )


def test_a_missing_language_is_said_in_words_in_the_slot_of_that_language():
    html = str(bi("只有中文", "", missing="tldr"))
    assert '<span class="rd-en rd-fallback" lang="zh">只有中文 <small class="rd-missing" lang="en">no English TL;DR</small>' in html
    html = str(bi("", "English only", "span", "rd-card__title-text", "title"))
    assert '<small class="rd-missing" lang="zh">中文标题暂缺</small>' in html
    assert "rd-mark" not in html and ">EN<" not in html


def test_a_card_says_which_abstract_is_missing_in_words():
    paper = Paper(id="x", title_en="Only English", tldr_zh=Text("仅中文总结"), abstract_en=Text("Only an English abstract."),
                  abstract_zh=Text(""))
    env = template_environment()
    macro = env.get_template("macros.html").module.abstract
    html = str(macro("zh", paper.abstract_zh, paper.abstract_en))
    assert '<small class="rd-missing" lang="zh">中文摘要暂缺</small>' in html
    html = str(macro("en", Text(""), Text("仅中文摘要")))
    assert '<small class="rd-missing" lang="en">no English abstract</small>' in html
    assert not re.search(r">(中|EN)</small>", html)
