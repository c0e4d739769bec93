"""The bilingual topic taxonomy: loading, validation, label mapping, keyword rules, categories."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from research_digest.model import Paper, Text
from research_digest.topics import OTHER_ID, Taxonomy, TaxonomyError, Topic, category_name, is_slug

SEEDS = Path(__file__).parent.parent / "seeds"
DAILY_SEED = SEEDS / "001_466e798c07ea2cbe.txt"


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.default()


def topics_of(taxonomy: Taxonomy, **fields) -> tuple[str, ...]:
    papers, _ = taxonomy.assign([Paper(id="x", **fields)])
    return papers[0].topics


def daily_section_labels() -> list[str]:
    return re.findall(r"^>## \*\*(.+?)\*\*", DAILY_SEED.read_text(encoding="utf-8"), re.MULTILINE)


# -- the default taxonomy ----------------------------------------------------------------------


def test_default_taxonomy_loads_with_other_last(taxonomy):
    ids = [topic.id for topic in taxonomy.topics]
    assert 15 <= len(ids) <= 22
    assert ids[-1] == OTHER_ID == Taxonomy.OTHER_ID
    assert len(set(ids)) == len(ids)
    assert all(is_slug(topic_id) for topic_id in ids)
    for topic in taxonomy.topics:
        assert topic.name_zh and topic.name_en and not topic.generated
    assert taxonomy.topic("other").name_zh == "其他"
    assert taxonomy.topic("other").name_en == "Other"


def test_default_taxonomy_has_keywords_in_both_languages(taxonomy):
    for topic in taxonomy.topics:
        if topic.id != OTHER_ID:
            assert topic.keywords_zh and topic.keywords_en, topic.id


def test_default_taxonomy_is_the_same_object_each_time():
    assert Taxonomy.default() is Taxonomy.default()


def test_shipped_taxonomy_file_round_trips(tmp_path):
    from importlib import resources

    text = resources.files("research_digest").joinpath("data/taxonomy.yml").read_text(encoding="utf-8")
    path = tmp_path / "taxonomy.yml"
    path.write_text(text, encoding="utf-8")
    loaded = Taxonomy.load(path)
    assert [topic.id for topic in loaded] == [topic.id for topic in Taxonomy.default()]


# -- section labels ----------------------------------------------------------------------------


def test_every_daily_seed_section_label_maps_to_a_shipped_topic(taxonomy):
    labels = daily_section_labels()
    assert labels == ["多模态", "分类/检测/识别/分割/...", "图像理解", "Transformer", "3D/CG", "各类学习方式", "其他"]
    mapped = {label: taxonomy.topic_for_label(label) for label in labels}
    assert {label: topic.id for label, topic in mapped.items()} == {
        "多模态": "multimodal",
        "分类/检测/识别/分割/...": "detection-segmentation",
        "图像理解": "image-understanding",
        "Transformer": "transformer",
        "3D/CG": "3d-cg",
        "各类学习方式": "learning-paradigms",
        "其他": "other",
    }
    assert not any(topic.generated for topic in mapped.values())


def test_daily_seed_labels_never_extend_the_taxonomy(taxonomy):
    labels = daily_section_labels()
    papers = [Paper(id=str(n), title_en="Nothing here", sections=(label,)) for n, label in enumerate(labels)]
    assigned, extended = taxonomy.assign(papers)
    assert extended is taxonomy
    assert [paper.topics for paper in assigned] == [
        ("multimodal",),
        ("detection-segmentation",),
        ("image-understanding",),
        ("transformer",),
        ("3d-cg",),
        ("learning-paradigms",),
        ("other",),
    ]


@pytest.mark.parametrize(
    "label",
    ["**3D/CG**", " 3d cg ", "3D / CG", "３Ｄ／ＣＧ", "3d-cg", "3D Vision and Graphics", "三维视觉与图形学"],
)
def test_labels_are_compared_without_case_width_spaces_or_punctuation(taxonomy, label):
    assert taxonomy.topic_for_label(label).id == "3d-cg"


def test_section_label_with_or_without_trailing_ellipsis(taxonomy):
    for label in ("分类/检测/识别/分割/...", "分类/检测/识别/分割", "分类 / 检测 / 识别 / 分割 / …"):
        assert taxonomy.topic_for_label(label).id == "detection-segmentation"


def test_unknown_chinese_label_becomes_a_generated_topic_with_a_stable_id(taxonomy):
    papers = [Paper(id="a", title_en="Nothing here", sections=("量子计算",))]
    assigned, extended = taxonomy.assign(papers)
    expected_id = "t-" + hashlib.sha1("量子计算".encode()).hexdigest()[:8]
    assert assigned[0].topics == (expected_id,)
    topic = extended.topic(expected_id)
    assert topic == Topic(expected_id, "量子计算", "量子计算", aliases=("量子计算",), generated=True)
    assert extended.topics[-1].id == OTHER_ID and extended.topics[-2] is topic
    assert extended.topic_for_label("量子计算") is topic
    assert taxonomy.topic(expected_id) is None  # the original is untouched
    again, _ = taxonomy.assign(papers)
    assert again[0].topics == (expected_id,)


def test_unknown_english_labels_are_slugged_and_merged_by_spelling(taxonomy):
    papers = [
        Paper(id="a", title_en="x", sections=("Quantum Stuff",)),
        Paper(id="b", title_en="x", sections=("quantum  stuff!",)),
        Paper(id="c", title_en="x", sections=("Café Vision", "多模态")),
    ]
    assigned, extended = taxonomy.assign(papers)
    assert assigned[0].topics == ("quantum-stuff",) == assigned[1].topics
    cafe = "t-" + hashlib.sha1("cafévision".encode()).hexdigest()[:8]
    assert assigned[2].topics == ("multimodal", cafe)
    assert [topic.id for topic in extended.topics[-3:]] == ["quantum-stuff", cafe, OTHER_ID]
    assert extended.topic("quantum-stuff").name_en == "Quantum Stuff"
    assert extended.topic("quantum-stuff").generated


def test_generated_topics_come_after_shipped_ones_in_each_paper(taxonomy):
    assigned, _ = taxonomy.assign([Paper(id="a", title_en="x", sections=("Zzz New Area", "多模态", "其他"))])
    assert assigned[0].topics == ("multimodal", "zzz-new-area")


def test_labels_without_letters_give_no_topic(taxonomy):
    assert topics_of(taxonomy, title_en="x", sections=("...", "**")) == (OTHER_ID,)


# -- keyword rules -----------------------------------------------------------------------------


def test_chinese_only_paper_gets_topics_from_chinese_keywords(taxonomy):
    assert topics_of(taxonomy, title_zh="基于扩散模型的医学图像分割") == (
        "generative",
        "detection-segmentation",
        "medical",
    )
    assert topics_of(taxonomy, tldr_zh=Text("提出了一种新的点云配准方法。")) == ("3d-cg",)


def test_english_only_paper_gets_topics_from_english_keywords(taxonomy):
    assert topics_of(taxonomy, title_en="Gaussian Splatting for Novel View Synthesis") == ("3d-cg",)
    assert topics_of(taxonomy, tldr_en=Text("We prune and quantize vision transformers.")) == (
        "transformer",
        "efficient",
    )


def test_english_keywords_embedded_in_chinese_text(taxonomy):
    assert topics_of(taxonomy, tldr_zh=Text("本文基于CLIP提出了新方法")) == ("multimodal",)


def test_acronyms_match_whole_words_with_their_case(taxonomy):
    assert topics_of(taxonomy, title_en="Robust object tracking in a distinct context") == ("video",)
    assert topics_of(taxonomy, title_en="An object in fact") == (OTHER_ID,)
    assert topics_of(taxonomy, title_en="Reading ct values") == (OTHER_ID,)
    assert topics_of(taxonomy, title_en="Denoising low-dose CT") == ("image-restoration", "medical")
    assert topics_of(taxonomy, title_en="Registering CTs") == ("medical",)
    assert topics_of(taxonomy, title_en="Cutting a video clip") == ("video",)
    assert topics_of(taxonomy, title_en="Prompting CLIP") == ("multimodal",)


def test_words_match_whole_with_plurals_and_any_separator(taxonomy):
    assert topics_of(taxonomy, title_en="Transformers all the way") == ("transformer",)
    assert topics_of(taxonomy, title_en="Transformerless") == (OTHER_ID,)
    assert topics_of(taxonomy, title_en="Vision Language pretraining")[0] == "multimodal"
    assert topics_of(taxonomy, title_en="Point-Clouds everywhere") == ("3d-cg",)
    assert topics_of(taxonomy, title_en="Joint modalities and multimodalities") == ("multimodal",)
    # Both spellings of the shipped keywords "bird's-eye view" and "birds-eye view" match.
    assert topics_of(taxonomy, title_en="Birds eye view maps") == ("autonomous-driving",)
    assert topics_of(taxonomy, title_en="Bird’s-Eye-View maps") == ("autonomous-driving",)


def test_a_keyword_inside_a_longer_one_does_not_count(taxonomy):
    # "language model" (LLM topic) lies inside "vision-language model" (multimodal).
    assert topics_of(taxonomy, title_en="Large Vision-Language Models See") == ("multimodal",)
    assert topics_of(taxonomy, title_zh="视觉语言模型的幻觉") == ("multimodal",)
    assert topics_of(taxonomy, title_en="Large Language Models See") == ("llm-nlp",)


def test_paper_with_several_topics_in_taxonomy_order(taxonomy):
    topics = topics_of(
        taxonomy,
        title_en="Federated diffusion models for brain tumor segmentation",
        sections=("Transformer",),
    )
    assert topics == ("generative", "detection-segmentation", "medical", "transformer", "learning-paradigms")
    order = [topic.id for topic in taxonomy.topics]
    assert list(topics) == sorted(topics, key=order.index)


def test_paper_with_no_topic_goes_to_other(taxonomy):
    assert topics_of(taxonomy, title_en="On the Number of Things", title_zh="论事物的数量") == (OTHER_ID,)
    assert topics_of(taxonomy) == (OTHER_ID,)


def test_other_section_gives_way_to_keyword_topics(taxonomy):
    assert topics_of(taxonomy, title_en="On Things", sections=("其他",)) == (OTHER_ID,)
    assert topics_of(taxonomy, title_en="Adversarial Things", sections=("其他",)) == ("security-privacy",)


ONE_KEYWORD = "We study a problem. Our method is evaluated on segmentation."
TWO_KEYWORDS = "We study a problem. Our method is evaluated on segmentation and object detection."
NESTED_KEYWORDS = "We study semantic segmentation, a kind of segmentation."


def test_abstract_needs_two_different_keywords_of_a_topic(taxonomy):
    assert topics_of(taxonomy, title_en="A Plain Title", abstract_en=Text(ONE_KEYWORD)) == (OTHER_ID,)
    two = topics_of(taxonomy, title_en="A Plain Title", abstract_en=Text(TWO_KEYWORDS))
    assert two == ("detection-segmentation",)
    assert topics_of(taxonomy, title_en="A Plain Title", abstract_en=Text(NESTED_KEYWORDS)) == (OTHER_ID,)
    assert topics_of(taxonomy, title_zh="一个标题", abstract_zh=Text("本文研究语义分割与目标检测。")) == (
        "detection-segmentation",
    )


def test_abstract_is_read_when_titles_give_no_topic_unless_always(taxonomy):
    paper = Paper(id="x", title_en="Diffusion for Everything", abstract_en=Text(TWO_KEYWORDS))
    assert taxonomy.assign([paper])[0][0].topics == ("generative",)
    assert taxonomy.assign([paper], abstracts="always")[0][0].topics == ("generative", "detection-segmentation")
    with pytest.raises(ValueError, match="abstracts must be one of"):
        taxonomy.assign([paper], abstracts="sometimes")


def test_the_english_abstract_is_preferred_over_its_translation(taxonomy):
    paper = Paper(
        id="x",
        title_en="A Plain Title",
        abstract_en=Text("Nothing in particular."),
        abstract_zh=Text("本文研究语义分割与目标检测。"),
    )
    assert taxonomy.assign([paper])[0][0].topics == (OTHER_ID,)


def test_assign_keeps_every_other_field_and_unchanged_papers(taxonomy):
    paper = Paper(id="x", title_en="Video Matters", authors=("A",), category="cs.CV", sections=("多模态",))
    [assigned], _ = taxonomy.assign([paper])
    assert assigned == Paper(
        id="x", title_en="Video Matters", authors=("A",), category="cs.CV", sections=("多模态",),
        topics=("multimodal", "video"),
    )
    [again], _ = taxonomy.assign([assigned])
    assert again is assigned


def test_assign_survives_hostile_text(taxonomy):
    hostile = Paper(
        id="x",
        title_en="\ud800 CT\x00\x01 \ufffd" * 50,
        title_zh="\x01医学\ud83d" + "多" * 5000 + "模态",
        tldr_zh=Text("(?:" * 30),
        abstract_en=Text("s" * 100_000),
    )
    [assigned], _ = taxonomy.assign([hostile])
    assert assigned.topics == ("multimodal", "medical")


@settings(max_examples=150, deadline=None)
@given(
    title=st.text(max_size=80),
    tldr=st.text(max_size=80),
    abstract=st.text(max_size=200),
    sections=st.lists(st.text(max_size=12), max_size=3),
)
def test_assign_never_raises_and_always_gives_known_topics(title, tldr, abstract, sections):
    taxonomy = Taxonomy.default()
    paper = Paper(id="x", title_en=title, tldr_zh=Text(tldr), abstract_en=Text(abstract), sections=tuple(sections))
    [assigned], extended = taxonomy.assign([paper])
    assert assigned.topics
    assert len(set(assigned.topics)) == len(assigned.topics)
    assert all(extended.topic(topic_id) is not None for topic_id in assigned.topics)
    assert OTHER_ID not in assigned.topics or assigned.topics == (OTHER_ID,)


# -- validation --------------------------------------------------------------------------------


def topic(**fields) -> dict:
    return {"id": "t", "name_zh": "主题", "name_en": "Topic", **fields}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([{"name_zh": "主题", "name_en": "Topic"}], r"my\.yml: topic 1 has no id"),
        (
            [topic(), topic(name_en="Other Topic", name_zh="另一个")],
            r"topic 2 \('t'\): duplicate topic id 't' \(also topic 1\)",
        ),
        ([topic(id="Video Stuff")], r"id 'Video Stuff' is not a slug"),
        ([topic(id="video_stuff")], r"is not a slug"),
        ([topic(id="-video")], r"is not a slug"),
        ([topic(id=7)], r"topic 1: id must be a string, not int"),
        ([{"id": "t", "name_en": "Topic"}], r"topic 1 \('t'\): name_zh is missing"),
        ([{"id": "t", "name_zh": "主题"}], r"name_en is missing"),
        ([topic(name_en="  ")], r"name_en must be a non-empty string"),
        ([topic(name_zh=["主题"])], r"name_zh must be a non-empty string"),
        ([topic(aliases=3)], r"aliases must be a list of strings, not int"),
        ([topic(aliases={"a": 1})], r"aliases must be a list of strings, not dict"),
        ([topic(keywords_en=["fine", 1])], r"keywords_en\[1\] must be a string, not int"),
        ([topic(keywords_zh=[""])], r"keywords_zh\[0\] is empty"),
        ([topic(keyword_en=["x"])], r"unknown field 'keyword_en'"),
        ([topic(keywords_zh=["CT"])], r"Chinese keyword 'CT' is plain ASCII"),
        ([topic(keywords_en=["naïve"])], r"English keyword 'naïve' has non-ASCII characters"),
        ([topic(keywords_en=["--"])], r"English keyword '--' has no letters or digits"),
        ([topic(aliases=["..."])], r"alias '...' has no letters or digits"),
        (
            [topic(), topic(id="u", name_zh="另一个", name_en="Topic")],
            r"'Topic' of topic 'u' and 'Topic' of topic 't' are the same label",
        ),
        (["t"], r"topic 1 must be a mapping"),
        ("t", r"a taxonomy is a list of topics or a mapping"),
        ({"topics": topic()}, r"topics must be a list, not dict"),
        ({"topics": [], "extra": 1}, r"unknown key 'extra'"),
        ({"topics": [], "replace": "yes"}, r"replace must be true or false"),
    ],
)
def test_bad_taxonomy_data_is_refused_naming_the_problem(data, message):
    with pytest.raises(TaxonomyError, match=message) as error:
        Taxonomy.from_data(data, "my.yml")
    assert str(error.value).startswith("my.yml")


def test_minimal_taxonomy_gets_an_other_topic():
    taxonomy = Taxonomy.from_data({"topics": [topic(keywords_en=["thing"])]})
    assert [t.id for t in taxonomy.topics] == ["t", OTHER_ID]
    assert topics_of(taxonomy, title_en="Things") == ("t",)
    assert topics_of(taxonomy, title_en="Stuff") == (OTHER_ID,)


def test_empty_taxonomy_has_only_other():
    taxonomy = Taxonomy.from_data([])
    assert [t.id for t in taxonomy.topics] == [OTHER_ID]
    assert topics_of(taxonomy, title_en="CT of the brain", sections=("多模态",)) == (
        "t-" + hashlib.sha1("多模态".encode()).hexdigest()[:8],
    )


def test_other_is_moved_last():
    other = {"id": "other", "name_zh": "杂项", "name_en": "Misc"}
    taxonomy = Taxonomy.from_data([other, topic()])
    assert [t.id for t in taxonomy.topics] == ["t", OTHER_ID]
    assert taxonomy.topic(OTHER_ID).name_zh == "杂项"


# -- extending ---------------------------------------------------------------------------------


def test_extended_merges_into_a_topic_with_the_same_id(taxonomy):
    extended = taxonomy.extended(
        [{"id": "multimodal", "name_en": "Multimodality", "aliases": ["图文多模态"], "keywords_en": ["omni-modal"]}]
    )
    multimodal = extended.topic("multimodal")
    assert multimodal.name_en == "Multimodality"
    assert multimodal.name_zh == taxonomy.topic("multimodal").name_zh
    assert multimodal.aliases[: len(taxonomy.topic("multimodal").aliases)] == taxonomy.topic("multimodal").aliases
    assert extended.topic_for_label("图文多模态") is multimodal
    assert topics_of(extended, title_en="Omni-modal models") == ("multimodal",)
    assert topics_of(extended, title_en="Prompting CLIP") == ("multimodal",)  # old keywords kept
    assert [t.id for t in extended.topics] == [t.id for t in taxonomy.topics]
    assert taxonomy.topic("multimodal").name_en == "Multimodal Learning"


def test_extended_adds_new_topics_before_other(taxonomy):
    extended = taxonomy.extended(
        {"topics": [{"id": "quantum", "name_zh": "量子计算", "name_en": "Quantum Computing",
                     "aliases": ["量子"], "keywords_zh": ["量子"], "keywords_en": ["quantum", "qubit"]}]}
    )
    assert [t.id for t in extended.topics][-2:] == ["quantum", OTHER_ID]
    assert topics_of(extended, title_en="Qubits for all") == ("quantum",)
    assert topics_of(extended, title_zh="量子神经网络") == ("quantum",)
    assigned, result = extended.assign([Paper(id="x", title_en="x", sections=("量子",))])
    assert assigned[0].topics == ("quantum",) and result is extended


def test_extended_with_replace_keeps_only_the_given_topics(taxonomy):
    replaced = taxonomy.extended({"replace": True, "topics": [topic(keywords_en=["thing"])]})
    assert [t.id for t in replaced.topics] == ["t", OTHER_ID]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([{"id": "quantum", "name_zh": "量子"}], r"cfg: topic 1 \('quantum'\): name_en is missing \(a new topic"),
        ([{"id": "video", "aliases": ["x"]}, {"id": "video", "aliases": ["y"]}], r"duplicate topic id \(also topic"),
        ([{"id": "video", "aliases": ["3D/CG"]}], r"'3D/CG' of topic 'video' are the same label"),
        ([{"id": "video", "keywords_en": "fine", "aliases": [1]}], r"aliases\[0\] must be a string"),
    ],
)
def test_bad_extensions_are_refused(taxonomy, data, message):
    with pytest.raises(TaxonomyError, match=message):
        taxonomy.extended(data, "cfg")


def test_load_and_from_config(tmp_path):
    path = tmp_path / "topics.yml"
    data = {"topics": [topic(keywords_en=["thing"])]}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert [t.id for t in Taxonomy.load(path).topics] == ["t", OTHER_ID]
    configured = Taxonomy.from_config("topics.yml", base_dir=tmp_path)
    assert [t.id for t in configured.topics][-2:] == ["t", OTHER_ID]
    assert len(configured) == len(Taxonomy.default()) + 1
    assert Taxonomy.from_config(None) is Taxonomy.default()
    assert [t.id for t in Taxonomy.default().extended({})] == [t.id for t in Taxonomy.default()]
    inline = Taxonomy.from_config([{"id": "video", "aliases": ["影像序列"]}])
    assert inline.topic_for_label("影像序列").id == "video"


def test_unreadable_taxonomy_files_are_taxonomy_errors(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("topics:\n  - id: a\n    name_zh: [unclosed\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"broken\.yml:\d+: not valid YAML"):
        Taxonomy.load(broken)
    with pytest.raises(TaxonomyError, match="cannot be read"):
        Taxonomy.load(tmp_path / "missing.yml")


# -- arXiv categories --------------------------------------------------------------------------


def test_category_names():
    assert category_name("cs.CV") == ("计算机视觉与模式识别", "Computer Vision and Pattern Recognition")
    assert category_name("eess.IV") == ("图像与视频处理", "Image and Video Processing")
    assert category_name(" CS.cv ") == category_name("cs.CV")
    assert category_name("cs.XX") is None
    assert category_name("") is None


@pytest.mark.parametrize(
    "code",
    ["cs.CV", "cs.LG", "cs.AI", "cs.CL", "cs.RO", "cs.CR", "cs.MM", "cs.GR", "cs.HC", "cs.IR", "cs.NE",
     "cs.SD", "cs.CY", "eess.IV", "eess.SP", "eess.AS", "stat.ML", "q-bio.NC", "q-bio.QM", "physics.med-ph",
     "math.OC"],
)
def test_common_categories_have_both_names(code):
    name_zh, name_en = category_name(code)
    assert name_zh and name_en
    assert not name_zh.isascii() and name_en.isascii()


def test_errors_in_a_taxonomy_file_name_its_line(tmp_path):
    path = tmp_path / "topics.yml"
    path.write_text(
        "replace: false\ntopics:\n  - id: video\n    aliases: [x]\n\n  - id: quantum\n    name_zh: 量子\n"
        "    name_en: Quantum\n    keywords_zh: [CT]\n", encoding="utf-8",
    )
    with pytest.raises(TaxonomyError, match=r"topics\.yml:6: topic 2 \('quantum'\): Chinese keyword 'CT'"):
        Taxonomy.from_config(str(path))
    path.write_text("topics:\n  - id: quantum\n    name_zh: 量子\n    name_en: [Quantum]\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"topics\.yml:4: topic 1 \('quantum'\): name_en must be"):
        Taxonomy.from_config(str(path))
    path.write_text("topics:\n  - {id: a, name_zh: 甲, name_en: A}\n  - {id: a, name_zh: 乙, name_en: B}\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"topics\.yml:3: topic 2 \('a'\): duplicate topic id"):
        Taxonomy.load(path)
    path.write_text("topics:\n  - {id: a, name_zh: 甲, name_en: A}\n  - {id: b, name_zh: 乙, name_en: a}\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"topics\.yml:3: topic 2 \('b'\): 'a' of topic 'b' and 'a' of topic 'a'"):
        Taxonomy.load(path)


def test_an_impossible_date_in_a_taxonomy_file_is_a_named_error_not_a_traceback(tmp_path):
    path = tmp_path / "topics.yml"
    path.write_text("- id: t\n  name_zh: 主题\n  name_en: 2024-02-30\n  aliases: [2024-13-45]\n", encoding="utf-8")
    assert Taxonomy.load(path).topic("t").name_en == "2024-02-30"
    path.write_text("- id: t\n  name_zh: 主题\n  name_en: T\n  aliases: [2024-02-16]\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"topics\.yml:4: topic 1 \('t'\): aliases\[0\] must be a string, not date"):
        Taxonomy.load(path)
