from pathlib import Path

import pytest
from conftest import SEEDS, mkdocs_build
from test_cli_and_config import run_check, write_config

from research_digest.corrections import apply_corrections, load_corrections
from research_digest.model import Links, Paper, Text


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "corrections.yml"
    path.write_text(text, encoding="utf-8")
    return path


PAPERS = [Paper("2402.10882", title_en="T", authors=("A",)), Paper("some-slug", title_en="S")]


def test_overrides_any_field_by_id(tmp_path):
    path = write(tmp_path, """
2402.10882:
  title_zh: 中文标题
  authors: [Pablo Morales-Álvarez, B]
  abstract_en: {text: "Full.", truncated: false}
  tldr_zh: 总结
  links: {code: "https://github.com/x/y"}
  year: 2024
""")
    corrections, problems = load_corrections(path, "corrections.yml")
    papers, applied = apply_corrections(PAPERS, corrections, "corrections.yml")
    assert problems == [] and applied == []
    paper = papers[0]
    assert paper.title_zh == "中文标题"
    assert paper.authors == ("Pablo Morales-Álvarez", "B")
    assert paper.abstract_en == Text("Full.", False)
    assert paper.tldr_zh == Text("总结", False)
    assert paper.links == Links(code="https://github.com/x/y")
    assert paper.year == 2024
    assert papers[1] is PAPERS[1]


def test_unknown_ids_and_fields_are_reported_with_their_line(tmp_path):
    path = write(tmp_path, "nope:\n  title_en: x\n2402.10882:\n  colour: red\n  year: soon\n")
    corrections, problems = load_corrections(path, "c.yml")
    papers, applied = apply_corrections(PAPERS, corrections, "c.yml")
    assert problems == []
    assert [(p.line, p.skipped, p.notice) for p in applied] == [(1, False, True), (4, False, False), (5, False, False)]
    assert "no paper has the id 'nope'" in applied[0].reason
    assert "colour" in applied[1].reason and "year" in applied[2].reason
    assert papers == PAPERS


def test_broken_yaml_is_a_problem_not_a_traceback(tmp_path):
    _, problems = load_corrections(write(tmp_path, "a: [unclosed\n"), "c.yml")
    assert problems and "not valid YAML" in problems[0].reason
    _, problems = load_corrections(write(tmp_path, "- a list\n"), "c.yml")
    assert problems and "must map" in problems[0].reason
    assert load_corrections(write(tmp_path, ""), "c.yml") == ([], [])


def test_links_must_be_http(tmp_path):
    corrections, _ = load_corrections(write(tmp_path, "2402.10882:\n  links: {code: 'javascript:alert(1)'}\n"), "c.yml")
    papers, applied = apply_corrections(PAPERS, corrections, "c.yml")
    assert papers[0].links.code == ""
    assert applied and "http" in applied[0].reason


@pytest.mark.parametrize(
    ("setting", "field"),
    [
        ("year: .inf", "year"),
        ("year: .nan", "year"),
        ("year: true", "year"),
        ("year: 2024.5", "year"),
        ("year: 99999999999999999999999", "year"),
        ("arxiv_version: [2]", "arxiv_version"),
        ("title_en: [a, b]", "title_en"),
        ("venue: {name: ICCV}", "venue"),
        ("title_en: .inf", "title_en"),
        ("authors: {Ada: Lovelace}", "authors"),
        ("authors: [[Ada], Alan]", "authors"),
        ("sections: 3", "sections"),
        ("abstract_en: [x]", "abstract_en"),
        ("abstract_en: {text: [x]}", "abstract_en"),
        ("abstract_en: {text: x, truncated: maybe}", "abstract_en"),
        ("tldr_zh: {text: x, cut: true}", "tldr_zh"),
        ("links: {code: [https://github.com/x/y]}", "links"),
        ("links: [https://github.com/x/y]", "links"),
    ],
)
def test_a_correction_that_cannot_be_applied_is_a_warning_naming_file_line_and_field(tmp_path, setting, field):
    path = write(tmp_path, f"2402.10882:\n  title_zh: 好标题\n  {setting}\n")
    corrections, problems = load_corrections(path, "c.yml")
    papers, applied = apply_corrections(PAPERS, corrections, "c.yml")
    assert problems == []
    [problem] = applied
    assert (problem.source, problem.line, problem.field, problem.skipped) == ("c.yml", 3, field, False)
    assert str(problem).startswith(f"c.yml:3: [{field}] cannot set {field!r} of 2402.10882")
    assert papers[0].title_zh == "好标题"  # the fields that can be applied still are


def test_numbers_and_impossible_dates_are_text_where_text_is_expected(tmp_path):
    path = write(tmp_path, "2402.10882:\n  title_en: 1984\n  venue: 2024-02-30\n  authors: [Ada, 42]\n"
                           "  year: '2023'\n2402.10880:\n  title_zh: 零\n")
    corrections, problems = load_corrections(path, "c.yml")
    papers, applied = apply_corrections([*PAPERS, Paper("2402.10880", title_en="Z")], corrections, "c.yml")
    assert problems == [] and applied == []
    assert (papers[0].title_en, papers[0].venue, papers[0].authors, papers[0].year) == ("1984", "2024-02-30", ("Ada", "42"), 2023)
    assert papers[2].title_zh == "零"  # the id is read as written, not as the number 2402.1088


def test_a_correction_that_cannot_be_applied_never_breaks_the_build(tmp_path):
    corrections = tmp_path / "corrections.yml"
    corrections.write_text("2402.10882:\n  title_zh: 好\n  year: .inf\n  authors: {a: b}\n", encoding="utf-8")
    config = write_config(tmp_path, f"      sources: ['{SEEDS}']\n      corrections: corrections.yml\n")
    result = mkdocs_build(tmp_path / "site", config=config)
    assert "Traceback" not in result.stderr
    assert result.returncode != 0  # --strict: a warning fails the build
    assert "corrections.yml:3: [year] cannot set 'year' of 2402.10882" in result.stderr
    assert "corrections.yml:4: [authors] cannot set 'authors'" in result.stderr
    check = run_check("-f", str(config), cwd=tmp_path)
    assert "corrections.yml:3: [year]" in check.stdout and "Traceback" not in check.stderr
