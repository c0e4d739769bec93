from pathlib import Path

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
    assert [(p.line, p.skipped, p.notice) for p in applied] == [(1, False, True), (3, False, False), (3, False, False)]
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
