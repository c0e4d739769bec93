"""The parse cache: its key covers the code parsing really runs, and its entries cannot be
forged by someone who can only write files into the cache folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from research_digest import parse_cache

PACKAGE = Path(parse_cache.__file__).parent


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "research_digest"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "data", "assets", "templates"))
    return copy


def _version(package: Path) -> str:
    return parse_cache.code_version(package, parse_cache.PARSING_MODULES)


@pytest.mark.parametrize("module", ["clean.py", "sources/daily.py", "arxiv.py", "merge.py", "digest.py", "reading.py"])
def test_changing_a_module_that_parsing_imports_changes_the_parser_version(package_copy: Path, module: str) -> None:
    before = _version(package_copy)
    with (package_copy / module).open("a", encoding="utf-8") as file:
        file.write("\n# changed\n")
    assert _version(package_copy) != before


def test_a_module_newly_imported_by_a_parser_is_covered_from_then_on(package_copy: Path) -> None:
    (package_copy / "helper_new.py").write_text("VALUE = 1\n", encoding="utf-8")
    before = _version(package_copy)
    (package_copy / "helper_new.py").write_text("VALUE = 2\n", encoding="utf-8")
    assert _version(package_copy) == before  # nothing imports it yet
    with (package_copy / "clean.py").open("a", encoding="utf-8") as file:
        file.write("\nfrom .helper_new import VALUE  # noqa\n")
    imported = _version(package_copy)
    (package_copy / "helper_new.py").write_text("VALUE = 3\n", encoding="utf-8")
    assert _version(package_copy) != imported


def test_changing_a_module_parsing_does_not_import_keeps_the_parser_version(package_copy: Path) -> None:
    before = _version(package_copy)
    for module in ("charts.py", "search_index.py", "render.py", "plugin.py"):
        with (package_copy / module).open("a", encoding="utf-8") as file:
            file.write("\n# changed\n")
    assert _version(package_copy) == before


def test_the_parser_version_covers_the_libraries_parsing_imports() -> None:
    modules, libraries = parse_cache.imported_modules(PACKAGE, parse_cache.PARSING_MODULES)
    assert {"ftfy", "markdown_it", "charset_normalizer"} <= libraries
    assert PACKAGE / "sources" / "footnote.py" in modules and PACKAGE / "charts.py" not in modules
