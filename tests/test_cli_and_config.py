"""The command line and the plugin's options, on real seeds and hostile folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEEDS, mkdocs_build

DAILY = """## [UPDATED!] **2024-03-05** (Publish Time)

>## **多模态**
>---
>>**index:** 1<br />
**Title:** **A Good Paper**<br />
**Title_cn:** 一篇好论文<br />
**Authors:** Ada Lovelace, Alan Turing<br />
**PDF:** <http://arxiv.org/pdf/2403.00001v2><br />
**Code:** null<br />
>>**index:** 2<br />
**Authors:** Nobody<br />
**PDF:** <http://arxiv.org/pdf/2403.00002v1><br />
"""


def run_check(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "research_digest", "check", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, env=env,
    )


def test_check_on_the_seeds_reports_formats_counts_and_totals(tmp_path):
    result = run_check(str(SEEDS), cwd=tmp_path)  # no mkdocs.yml here, so no corrections either
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "001_466e798c07ea2cbe.txt  daily" in out
    assert "Total: 5 documents, 130 entries, 129 papers after merging, 0 skipped, 3 warnings" in out
    assert "004_8365cecda7d1ee74.txt:4: [authors] unrecoverable mojibake: 'Morales-Ãlvarez'" in out


def test_check_without_paths_reads_what_the_plugin_reads():
    result = run_check()
    assert result.returncode == 0
    assert "129 papers after merging, 0 skipped, 0 warnings" in result.stdout  # corrections applied


def test_digest_sources_environment_variable_overrides(tmp_path):
    (tmp_path / "2024-03-05.md").write_text(DAILY, encoding="utf-8")
    env = dict(os.environ, DIGEST_SOURCES=f"{tmp_path}{os.pathsep}{SEEDS / '003_daa8b05561275366.txt'}")
    result = run_check(env=env)
    assert "Total: 2 documents, 5 entries, 5 papers after merging, 1 skipped" in result.stdout
    assert "001_466e798c07ea2cbe" not in result.stdout  # the configured seeds/ were replaced
    assert "note: corrections.yml:3: no paper has the id" in result.stdout


def test_malformed_entry_is_skipped_with_file_line_and_reason_and_exit_1(tmp_path):
    (tmp_path / "2024-03-05.md").write_text(DAILY, encoding="utf-8")
    result = run_check(str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert "skipped: " in result.stdout and "2024-03-05.md:11:" in result.stdout and "no title" in result.stdout
    assert "1 entries, 1 papers after merging, 1 skipped" in result.stdout


def test_unknown_unreadable_and_odd_documents_are_reported_by_name(tmp_path):
    (tmp_path / "notes.md").write_text("# Shopping list\n\n- milk\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "gbk.md").write_bytes(DAILY.encode("gb18030"))
    result = run_check(str(tmp_path), cwd=tmp_path)
    out = result.stdout
    assert "notes.md" in out and "no known digest format" in out
    assert "binary.txt" in out and "not text" in out
    assert "folder.md" in out and "is a folder" in out
    assert "gbk.md" in out and "decoded as gb18030" in out


def test_gbk_document_is_decoded_not_garbled(tmp_path):
    from research_digest.digest import DigestOptions, build_digest

    (tmp_path / "gbk.md").write_bytes(DAILY.encode("gbk"))
    digest = build_digest(DigestOptions(("gbk.md",), tmp_path))
    assert digest.papers[0].title_zh == "一篇好论文"
    assert digest.papers[0].sections == ("多模态",)


def test_missing_source_is_reported(tmp_path):
    result = run_check(str(tmp_path / "nowhere"), cwd=tmp_path)
    assert "no digest documents found" in result.stdout


def write_config(tmp_path: Path, plugin_options: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    config.write_text(
        "site_name: t\ntheme: {name: material, font: false}\nplugins:\n  - search\n  - research-digest:\n"
        + plugin_options, encoding="utf-8",
    )
    return config


def test_a_wrong_option_is_a_clear_configuration_error(tmp_path):
    config = write_config(tmp_path, "      page_size: lots\n      colour: red\n")
    result = mkdocs_build(tmp_path / "site", config=config)
    assert result.returncode != 0
    assert "page_size" in result.stderr and "Traceback" not in result.stderr
    config = write_config(tmp_path, "      source_dates: {'a.md': someday}\n")
    result = mkdocs_build(tmp_path / "site", config=config)
    assert "someday" in result.stderr and "Traceback" not in result.stderr


def test_strict_option_fails_the_build_listing_every_problem(tmp_path):
    (tmp_path / "2024-03-05.md").write_text(DAILY, encoding="utf-8")
    (tmp_path / "notes.md").write_text("hello\n", encoding="utf-8")
    config = write_config(tmp_path, f"      sources: ['{tmp_path}/*.md']\n      strict: true\n")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "site")],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "2 problem(s)" in result.stderr
    assert "2024-03-05.md:11" in result.stderr and "notes.md" in result.stderr


def test_a_broken_document_still_leaves_every_other_paper_on_the_site(tmp_path):
    (tmp_path / "2024-03-05.md").write_text(DAILY, encoding="utf-8")
    config = write_config(tmp_path, f"      sources: ['{tmp_path}/2024-03-05.md', '{SEEDS}']\n")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "site")],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "no title" in result.stderr
    html = (tmp_path / "site" / "archive/2024/03/05/index.html").read_text(encoding="utf-8")
    assert "一篇好论文" in html
    assert (tmp_path / "site" / "archive/2024/02/16/index.html").exists()
