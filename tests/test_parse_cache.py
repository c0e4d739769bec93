"""The parse cache: its key covers the code parsing really runs, and its entries cannot be
forged by someone who can only write files into the cache folder."""

from __future__ import annotations

import logging
import pickle
import shutil
import stat
from pathlib import Path

import pytest

from research_digest import environment
from research_digest import cache_trust, parse_cache

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


# --- entries only this user can have written ---------------------------------------------------

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class _RunsCode:
    """Unpickling this creates the marker file: what a hand-made cache entry could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "code ran"))


def _seed_document(name: str = "000_4d930b09bd2532f5.txt"):
    from research_digest.reading import read_document

    document, problem = read_document(SEEDS / name, SEEDS)
    assert problem is None, problem
    return document


def _parse(document):
    from research_digest.digest import parse_document

    return parse_document(document)


def _refuse(document):
    raise AssertionError("parsed again, but the cache should have answered")


def _entry(folder: Path) -> Path:
    [entry] = folder.glob("*.pickle")
    return entry


def _cached(document):
    parse_cache.clear_memory()
    return parse_cache.cached_parse(document, SEEDS, _parse)


@pytest.fixture
def seed_names() -> list[str]:
    return sorted(path.name for path in SEEDS.iterdir() if path.suffix in (".md", ".txt"))


def test_a_hand_made_entry_with_the_right_first_line_is_never_unpickled(private_parse_cache: Path, tmp_path: Path) -> None:
    document = _seed_document()
    fresh = _cached(document)
    entry = _entry(private_parse_cache)
    marker = tmp_path / "marker"
    header = parse_cache.document_key(document).encode("ascii") + b"\n"
    forged_mac = b"\0" * 32
    for forged in (header + pickle.dumps(_RunsCode(marker)), header + forged_mac + pickle.dumps(_RunsCode(marker))):
        entry.write_bytes(forged)
        assert _cached(document) == fresh
        assert not marker.exists()


def test_an_entry_copied_from_another_document_is_ignored(private_parse_cache: Path, seed_names: list[str]) -> None:
    """A genuine entry, signed with the right key, of another document: it would replace this
    document's papers with the other's."""
    first, second = _seed_document(seed_names[0]), _seed_document(seed_names[1])
    fresh = _cached(first)
    first_entry = _entry(private_parse_cache)
    first_entry.rename(private_parse_cache / "first.keep")
    _cached(second)
    second_entry = _entry(private_parse_cache)
    second_bytes = second_entry.read_bytes()
    key = parse_cache.document_key(first).encode("ascii") + b"\n"
    second_entry.rename(first_entry)  # the second document's entry under the first one's name...
    assert _cached(first) == fresh
    first_entry.write_bytes(key + second_bytes[second_bytes.index(b"\n") + 1 :])  # ...and with its key line
    assert _cached(first) == fresh


@pytest.mark.parametrize("damage", ["tampered", "truncated"])
def test_a_tampered_or_truncated_entry_is_ignored_and_rewritten(private_parse_cache: Path, damage: str) -> None:
    document = _seed_document()
    fresh = _cached(document)
    entry = _entry(private_parse_cache)
    stored = bytearray(entry.read_bytes())
    if damage == "tampered":
        stored[-40] ^= 0x01
    else:
        del stored[len(stored) // 2 :]
    entry.write_bytes(bytes(stored))
    assert _cached(document) == fresh
    parse_cache.clear_memory()
    assert parse_cache.cached_parse(document, SEEDS, _refuse) == fresh  # rewritten, and verifies


def test_entries_signed_with_another_users_key_are_ignored(private_parse_cache: Path, tmp_path, monkeypatch) -> None:
    document = _seed_document()
    fresh = _cached(document)
    monkeypatch.setenv(cache_trust.KEY_ENV, str(tmp_path / "another-user" / "cache-key"))
    calls = []
    parse_cache.clear_memory()
    assert parse_cache.cached_parse(document, SEEDS, lambda doc: calls.append(doc) or _parse(doc)) == fresh
    assert calls == [document]


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o757])
def test_a_cache_folder_others_can_write_to_is_not_used_and_says_so(
    private_parse_cache: Path, mode: int, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    document = _seed_document()
    fresh = _cached(document)
    entry = _entry(private_parse_cache)
    marker = tmp_path / "marker"
    private_parse_cache.chmod(mode)
    entry.write_bytes(parse_cache.document_key(document).encode("ascii") + b"\n" + pickle.dumps(_RunsCode(marker)))
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.research_digest"):
        assert _cached(document) == fresh
        assert _cached(document) == fresh
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1 and str(private_parse_cache) in warnings[0] and "writable by other users" in warnings[0]
    assert not marker.exists()
    assert entry.read_bytes().endswith(pickle.dumps(_RunsCode(marker)))  # neither read nor rewritten
    private_parse_cache.chmod(0o700)


def test_a_key_file_others_can_read_is_not_used(private_parse_cache: Path, tmp_path, monkeypatch, caplog) -> None:
    key = tmp_path / "shared" / "cache-key"
    key.parent.mkdir()
    key.write_text("x" * 64, encoding="ascii")
    key.chmod(0o644)
    monkeypatch.setenv(cache_trust.KEY_ENV, str(key))
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.research_digest"):
        _cached(_seed_document())
    assert not list(private_parse_cache.glob("*.pickle"))
    assert any("readable or writable by other users" in record.getMessage() for record in caplog.records)


def test_the_key_is_made_private_outside_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache_trust.KEY_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = cache_trust.key_file()
    assert path == tmp_path / "config" / "research-digest" / "cache-key"
    secret = cache_trust.secret_key()
    assert secret and len(secret) >= 32 and path.read_bytes() == secret
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert cache_trust.key_file() == Path.home() / ".config" / "research-digest" / "cache-key"


def test_entries_written_by_forked_workers_verify(private_parse_cache: Path, tmp_path: Path, monkeypatch) -> None:
    from research_digest import parallel
    from research_digest.bench.synth import synthesise
    from research_digest.digest import DigestOptions, build_digest

    corpus = tmp_path / "corpus"
    synthesise(120, corpus, days=4, seed=5)
    monkeypatch.setattr(parallel, "MIN_SIZE_FOR_WORKERS", 0)
    monkeypatch.setenv(environment.WORKERS_ENV, "2")
    monkeypatch.setattr(parallel, "fork_is_safe", lambda: True)  # as test_parallel_parse.workers_allowed
    forked = []
    map_pickled = parallel.map_pickled
    monkeypatch.setattr(parallel, "map_pickled", lambda *args: forked.append(1) or map_pickled(*args))
    options = DigestOptions((str(corpus),), corpus, freeze=False)
    cold = build_digest(options)
    assert forked
    parse_cache.clear_memory()
    monkeypatch.setattr("research_digest.digest.parse_document", _refuse)
    assert build_digest(options) == cold  # every entry came from the disk, verified


def test_a_key_kept_inside_the_cache_folder_is_not_used(private_parse_cache: Path, monkeypatch, caplog) -> None:
    """Whoever can write into the cache folder could then write the key as well."""
    private_parse_cache.mkdir(mode=0o700)
    monkeypatch.setenv(cache_trust.KEY_ENV, str(private_parse_cache / "cache-key"))
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.research_digest"):
        _cached(_seed_document())
    assert not list(private_parse_cache.glob("*.pickle")) and not (private_parse_cache / "cache-key").exists()
    assert any("key that signs its entries is inside it" in record.getMessage() for record in caplog.records)


def test_a_rebuild_reads_only_the_documents_whose_files_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` at 100,000 papers: reading and hashing every document again cost seconds."""
    import os

    from research_digest import digest as digest_module
    from research_digest.digest import DigestOptions, build_digest

    monkeypatch.setenv(environment.CACHE_ENV, "off")
    corpus = tmp_path / "digests"
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", corpus)
    read: list[str] = []
    real_read = digest_module.read_document

    def counting_read(path, *args):
        read.append(path.name)
        return real_read(path, *args)

    monkeypatch.setattr(digest_module, "read_document", counting_read)
    options = DigestOptions(sources=(str(corpus),), base_dir=tmp_path, freeze=False)
    parse_cache.clear_memory()
    first = build_digest(options)
    documents = len(read)
    read.clear()
    assert build_digest(options).papers == first.papers and read == []

    paper = next(paper for paper in first.papers if paper.title_en and paper.appearances)
    word = max(paper.title_en.split(), key=len)
    changed = tmp_path / paper.appearances[0].source
    stat_before = changed.stat()
    changed.write_text(changed.read_text(encoding="utf-8").replace(word, "Zyzzyva"), encoding="utf-8")
    os.utime(changed, ns=(stat_before.st_atime_ns, stat_before.st_mtime_ns))  # even with its old time stamp
    again = build_digest(options)
    assert read == [changed.name] and documents > 1
    assert any("Zyzzyva" in paper.title_en for paper in again.papers)
    parse_cache.clear_memory()
