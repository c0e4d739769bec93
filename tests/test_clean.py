from conftest import ROOT

from research_digest.clean import (
    AUTHORS_CAP, LABEL_CAP, PROSE_CAP, TITLE_CAP, clean_entry, lost_bytes, normalise_title, repair, repair_prose,
)
from research_digest.digest import DigestOptions, build_digest
from research_digest.model import Entry, Text


def test_repairs_mojibake_that_can_be_decoded():
    assert repair("MÃ¡rquez-Neila") == "Márquez-Neila"
    assert repair("TardÃ³s") == "Tardós"


def test_reports_bytes_that_were_lost():
    assert lost_bytes("Morales-Ãlvarez")
    assert lost_bytes(repair("GroÃbrÃ¶hmer"))
    assert not lost_bytes("Álvarez and São Paulo, naïve café")


def test_latex_escapes_become_plain_text():
    assert repair(r"improves accuracy by 5\% \& speed \_fast") == "improves accuracy by 5% & speed _fast"


def test_whitespace_and_stray_tags_are_removed():
    assert repair("  a\n\tb <br /> c <details><summary>x</summary>d</details> ") == "a b c x d"
    assert repair("x &amp; y") == "x & y"
    assert repair("a < b and c > d") == "a < b and c > d"


def test_replacement_char_marks_truncation_and_is_dropped():
    assert repair_prose("数据集和算法的空白。使用40个\ufffd", english=False) == Text("数据集和算法的空白。使用40个", True)


def test_complete_chinese_and_english_prose_is_not_truncated():
    assert repair_prose("这是完整的摘要。", english=False) == Text("这是完整的摘要。", False)
    long_sentence = "We study a problem. " * 20
    assert not repair_prose(long_sentence, english=True).truncated
    with_url = "x " * 120 + "Code is at https://github.com/sheenanwar/STF-module"
    assert not repair_prose(with_url, english=True).truncated


def test_english_cut_mid_word_is_truncated():
    cut = "word " * 60 + "to their failure to account for the spar"
    assert repair_prose(cut, english=True) == Text(cut.strip(), True)
    assert not repair_prose("short text without period", english=True).truncated


def test_ellipsis_marks_truncation():
    assert repair_prose("A long abstract ...", english=True) == Text("A long abstract", True)


def test_clean_entry_reports_field_line_and_file():
    entry = Entry("venues/ICCV2023.md", 7, "venue-table", title_en="T", authors=("Pablo Morales-Ãlvarez", "R. Molina"))
    cleaned, problems = clean_entry(entry)
    assert cleaned.entry.authors == ("Pablo Morales-Ãlvarez", "R. Molina")
    assert [(p.source, p.line, p.field, p.skipped) for p in problems] == [("venues/ICCV2023.md", 7, "authors", False)]
    assert "Morales-Ãlvarez" in problems[0].reason


def test_normalised_titles_ignore_case_width_and_punctuation():
    assert normalise_title("Universal Prompt Optimizer: for Safe T2I.") == normalise_title("universal prompt optimizer for safe t2i")
    assert normalise_title("ＡＢＣ") == normalise_title("abc")


def test_the_plain_text_shortcut_cleans_exactly_as_ftfy_would(monkeypatch):
    import re

    from research_digest import clean

    samples = [
        "Plain ASCII title: a study (2024)", "基于扩散模型的图像分割，效果显著。", "截断的摘要\ufffd",
        "&lt;script&gt;alert(1)&lt;/script&gt;", "&amp;lt;b&amp;gt; double", "<b>bold</b> &amp; more",
        "Morales-Ãlvarez", "GroÃ\x9fbröhmer", "â€œquotedâ€\x9d", "全角（括号）与 “引号” — dash…",
        "ﬁne ligature", "tab\tand\nnewline", "zero\u200bwidth", "bidi \u202eevil",
    ]
    fast = [(clean.repair(text), clean.lost_bytes(text)) for text in samples]
    monkeypatch.setattr(clean, "_PLAIN_TEXT", re.compile("(?!)"))
    assert fast == [(clean.repair(text), clean.lost_bytes(text)) for text in samples]


# Real names from many languages, spelled right: none of them is mojibake.
DIACRITIC_NAMES = [
    # Vietnamese
    "Hoàng-Ân", "Nguyễn Văn Thắng", "Trần Quốc Tuấn", "Lê Thị Hồng Gấm", "Phạm Đức Ánh", "Võ Nguyên Giáp",
    "Đặng Thái Sơn", "Ngô Bảo Châu", "Huỳnh Tấn Phát", "Bùi Xuân Phái", "Ân Khải", "Âu Cơ",
    # Polish
    "Łukasz Kaiser", "Wojciech Zaremba", "Paweł Świętek", "Małgorzata Żółtowska", "Grzegorz Brzęczyszczykiewicz",
    "Krzysztof Kieślowski", "Zbigniew Łęski", "Agnieszka Ćwiklińska",
    # Czech and Slovak
    "Žižek", "Antonín Dvořák", "Bohumil Hrabal", "Jiří Matoušek", "Tomáš Mikolov", "Lukáš Burget", "Ľudovít Štúr",
    "Jaroslav Hašek", "Věra Čáslavská", "Ondřej Bojar",
    # Turkish
    "Çağlar Gülçehre", "Şükrü Saracoğlu", "İsmail Güzelsoy", "Oğuz Atay", "Gökhan Tür", "Ümit Özdağ",
    # Nordic and Icelandic
    "Ørsted", "Ångström", "Søren Kierkegaard", "Ædel", "Bjørn Dæhlie", "Åsa Larsson", "Jens Økland",
    "Guðrún Ósvífursdóttir", "Þórður Sæmundsson", "Jón Guðnason", "Hrafnhildur Þórhallsdóttir",
    "Håkan Nesser", "Pär Lagerkvist",
    # German
    "Jürgen Schmidhuber", "Bernhard Schölkopf", "Björn Ommer", "Großbröhmer", "Günter Klambauer",
    "Jörg Lücke", "Matthias Bethge-Müller", "Ute Höß",
    # Spanish
    "Ñúñez", "Pablo Morales-Álvarez", "Javier Rodríguez-Puigvert", "Víctor M. Batlle", "Juan D. Tardós",
    "Íñigo Errejón", "Begoña Ibáñez", "José Muñoz", "Ángela Martín", "Ramón y Cajal", "Núria Sánchez",
    # Portuguese
    "João Magalhães", "Ângelo Gonçalves", "Conceição Evaristo", "São Paulo", "Luís de Camões",
    "Sebastião Salgado", "Estêvão Gomes", "Irmã Dulce", "Ivã Araújo", "Mônica Brandão",
    # French
    "Hervé Jégou", "Mathieu Aubry", "Léon Bottou", "Françoise Sagan", "Gaël Varoquaux", "Anaïs Nin",
    "Chloé Zhao", "Jérôme Pesenti", "Benoît Sagot", "Éric Moulines", "Hélène Cixous", "Ève Curie",
    # Hungarian
    "Pál Erdős", "László Lovász", "Endre Szemerédi", "Győző Mihailich", "Ödön Lechner", "Zoltán Kodály",
    # Romanian
    "Ștefan Odobleja", "Țuțea", "Mircea Eliade", "Brâncuși", "Ioana Pârvulescu", "Învățătorul Ăla",
    # Croatian, Slovenian, Serbian Latin, Baltic
    "Đorđe Balašević", "Slavoj Žižek", "Nikola Tesla", "Kārlis Ulmanis", "Jūratė Kazickaitė", "Vytautas Landsbergis",
    # Catalan, Italian, Dutch, Welsh, Esperanto
    "Pompeu Fabra i Poch", "Niccolò Paganini", "Ruud Gullit-Ëlmer", "Dafydd ap Gwilym-Ŵyn", "Ĉeĥa Ŝtrumpo",
    # Maltese, Albanian, Basque, Irish
    "Ġużè Ellul Mercer", "Ħamrun", "Naim Frashëri", "Xabier Lete", "Seán Ó Ríordáin", "Máirtín Ó Cadhain",
]

REAL_MOJIBAKE = ["Morales-Ãlvarez", "GroÃbröhmer", "VÃctor", "Javier RodrÃguez-Puigvert", "Ãlvaro", "GroÃ"]


def test_correct_names_with_diacritics_are_not_taken_for_mojibake():
    assert len(DIACRITIC_NAMES) >= 100
    flagged = [name for name in DIACRITIC_NAMES if lost_bytes(repair(name))]
    assert flagged == []
    assert [name for name in DIACRITIC_NAMES if repair(name) != name] == []
    entry = Entry("a.md", 3, "venue-table", title_en="T", authors=tuple(DIACRITIC_NAMES))
    assert clean_entry(entry)[1] == []


def test_real_mojibake_is_still_caught():
    assert [name for name in REAL_MOJIBAKE if not lost_bytes(repair(name))] == []
    entry = Entry("a.md", 3, "venue-table", title_en="T", authors=("Hoàng-Ân", "Pablo Morales-Ãlvarez"))
    problems = clean_entry(entry)[1]
    assert [(p.field, p.line) for p in problems] == [("authors", 3)] and "Morales-Ãlvarez" in problems[0].reason


def test_the_seeds_give_exactly_the_three_real_mojibake_warnings():
    seed = "seeds/004_8365cecda7d1ee74.txt"
    bare = build_digest(DigestOptions(("seeds/",), ROOT, freeze=False))
    assert [(p.source, p.line, p.field) for p in bare.problems] == [(seed, 4, "authors"), (seed, 19, "authors"), (seed, 40, "authors")]
    corrected = build_digest(DigestOptions(("seeds/",), ROOT, corrections=ROOT / "corrections.yml", freeze=False))
    assert corrected.problems == ()


def test_a_huge_field_is_cut_to_its_cap_with_a_warning_naming_file_line_and_field():
    huge = "All work and no play makes a dull model. " * 100_000  # 4.1 MB
    entry = Entry(
        "digests/huge.md", 12, "daily", title_en="T" * 50_000, authors=("A. Author",) * 5_000 + ("N" * 900,),
        abstract_en=huge, tldr_zh="很长" * 30_000, section="S" * 10_000, code_url="https://github.com/" + "x" * 5_000,
    )
    cleaned, problems = clean_entry(entry)
    assert cleaned.abstract_en.truncated and len(cleaned.abstract_en.text) <= PROSE_CAP
    assert cleaned.tldr_zh.truncated and len(cleaned.tldr_zh.text) <= PROSE_CAP
    assert len(cleaned.entry.title_en) == TITLE_CAP and len(cleaned.entry.section) <= LABEL_CAP
    assert len(cleaned.entry.authors) == AUTHORS_CAP and cleaned.entry.code_url == ""
    assert {(p.source, p.line, p.skipped) for p in problems} == {("digests/huge.md", 12, False)}
    assert {p.field for p in problems} == {"abstract_en", "tldr_zh", "title_en", "authors", "section", "code_url"}
    assert "4,100,000 characters" in next(p.reason for p in problems if p.field == "abstract_en")


def test_fields_of_real_size_are_not_cut():
    entry = Entry("a.md", 1, "daily", title_en="A Title", authors=("A. Author",) * 300, abstract_en="Words. " * 300)
    cleaned, problems = clean_entry(entry)
    assert problems == [] and not cleaned.abstract_en.truncated and len(cleaned.entry.authors) == 300
