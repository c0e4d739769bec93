"""`mkdocs serve` rebuilds: after a new day's digest, only the pages it touches are rendered
again; the rest is taken over from the previous build. The result must be the very site a
cold build of the same sources gives."""

from __future__ import annotations

import contextlib
import functools
import filecmp
import os
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from research_digest.bench.synth import next_day, synthesise
from research_digest.carry_over import CarryOver

ROOT = Path(__file__).resolve().parent.parent
SERVE_URL = "http://127.0.0.1:8000/research-digest/"
# The sitemap lists reused pages after the rendered ones (serve only).
SERVE_ONLY_DIFFERENCES = {"sitemap.xml", "sitemap.xml.gz"}


def _config(site_dir: Path):
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    config.site_url = SERVE_URL
    config.plugins["research-digest"].config["page_size"] = 5  # topics of several pages from few papers
    return config


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    corpus = tmp_path / "corpus"
    synthesise(400, corpus, days=6, seed=3)
    monkeypatch.setenv("DIGEST_SOURCES", str(corpus))
    monkeypatch.setenv("RESEARCH_DIGEST_SEARCH", "sharded")  # page reuse needs an index built from data
    monkeypatch.chdir(ROOT)
    return corpus


def _sitemap(site: Path) -> set[tuple[str, str]]:
    return set(re.findall(r"<loc>(.*?)</loc>\s*(?:<lastmod>(.*?)</lastmod>)?", (site / "sitemap.xml").read_text(encoding="utf-8")))


def _differences(left: Path, right: Path) -> list[str]:
    files = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    files |= {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    return sorted(
        name for name in files - SERVE_ONLY_DIFFERENCES
        if not ((left / name).is_file() and (right / name).is_file() and filecmp.cmp(left / name, right / name, shallow=False))
    )


@contextlib.contextmanager
def _serving(site_dir: Path):
    """What `mkdocs serve` does around its builds: start up the plugins, shut them down."""
    config = _config(site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        yield config, config.plugins["research-digest"]
    finally:
        config.plugins.on_shutdown()


def _cold_build(site_dir: Path) -> None:
    """A one-off build (MkDocs hands the same plugin to every configuration of a process)."""
    config = _config(site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    build(config, serve_url=SERVE_URL)
    config.plugins.on_shutdown()


def _inodes(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_ino for path in site.rglob("*") if path.is_file()}


def test_a_rebuild_after_a_new_day_renders_only_what_changed_and_equals_a_cold_build(sources: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    with _serving(served) as (config, plugin):
        build(config, serve_url=SERVE_URL)
        first_pages = len(plugin.page_reuse.rendered)
        _, day = next_day(sources, repeats=2)  # and two older papers seen again
        build(_config(served), serve_url=SERVE_URL)  # serve reloads the configuration for each rebuild
        rendered, reused = dict(plugin.page_reuse.rendered), dict(plugin.page_reuse.reused)
        after_new_day = tmp_path / "after-new-day"
        shutil.copytree(served, after_new_day)

        build(_config(served), serve_url=SERVE_URL)  # nothing changed: nothing to render but whole-site pages
        assert {path for path, (_, inputs) in plugin.page_reuse.rendered.items() if inputs is not None} == set()
        assert plugin.page_reuse.written_files == {}
        kept_pages = plugin.page_reuse.folder
    assert not kept_pages.exists() and plugin.page_reuse is None

    cold = tmp_path / "cold"
    _cold_build(cold)
    assert _differences(after_new_day, cold) == []
    assert _sitemap(after_new_day) == _sitemap(cold)  # the same pages, reused ones listed after the rendered
    assert _differences(served, cold) == []

    assert len(rendered) < len(reused), (len(rendered), len(reused))
    assert any(re.fullmatch(r"topics/.+/page/\d+/index\.md", path) for path in reused)
    assert len(rendered) + len(reused) > first_pages  # the new day added pages
    day_page = served / "archive" / f"{day.year:04d}" / f"{day.month:02d}" / f"{day.day:02d}" / "index.html"
    assert "Fresh " in day_page.read_text(encoding="utf-8")
    assert any(path.startswith("topics/") for path in rendered)


def test_a_rebuild_after_a_new_day_writes_only_the_published_files_that_changed(sources: Path, tmp_path: Path) -> None:
    """Exports, feeds, filter data and the search index of an unchanged period are taken over from
    the previous build (the very files, moved back), not made and written again."""
    served = tmp_path / "served"
    with _serving(served) as (config, plugin):
        build(config, serve_url=SERVE_URL)
        before = _inodes(served)
        next_day(sources, repeats=0)
        build(_config(served), serve_url=SERVE_URL)
        written, taken_over = set(plugin.page_reuse.written_files), set(plugin.page_reuse.reused_files)
        after = _inodes(served)
    _cold_build(tmp_path / "cold")
    assert _differences(served, tmp_path / "cold") == []

    assert any(path.startswith("search/digest/s/") for path in written)  # the new papers' words
    for folder in ("search/digest/d/", "search/digest/a/", "exports/"):
        assert any(path.startswith(folder) for path in taken_over), folder
    assert "exports.json" in written and "papers.schema.json" in taken_over
    assert all(after[path] == before[path] for path in taken_over)  # not written again


def test_a_changed_setting_renders_every_page_again(sources: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    with _serving(served) as (config, plugin):
        build(config, serve_url=SERVE_URL)
        changed = _config(served)
        changed.site_url = SERVE_URL + "elsewhere/"
        build(changed, serve_url=SERVE_URL)
        assert plugin.page_reuse.reused == {}


def test_a_plain_build_reuses_nothing(sources: Path, tmp_path: Path) -> None:
    config = _config(tmp_path / "site")
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    assert config.plugins["research-digest"].page_reuse is None


calls: list[tuple] = []


def _upper(value: str, *more: object) -> str:
    calls.append((value, *more))
    return value.upper()


def test_carry_over_hands_back_the_value_of_an_equal_call_of_the_previous_build_only() -> None:
    carry = CarryOver()
    calls.clear()
    assert carry.get(_upper, "a", 1) == "A"
    carry.next_build()
    assert carry.get(_upper, "a", 1) == "A"  # the same call: kept
    assert carry.get(_upper, "b") == "B"
    carry.next_build()
    assert carry.get(_upper, "a", 2) == "A"  # any argument differs: computed again
    carry.next_build()
    carry.next_build()  # a build that did not ask for "b" lets it go
    assert carry.get(_upper, "b") == "B"
    carry.forget()
    assert carry.get(_upper, "a", 2) == "A"
    assert calls == [("a", 1), ("b",), ("a", 2), ("b",), ("a", 2)]


def test_carry_over_refuses_a_computation_that_reads_more_than_its_arguments() -> None:
    """A closure or a bound method reads values the key does not hold: they could change
    unseen, and only `mkdocs serve` would show the stale result."""
    from research_digest.carry_over import NO_CARRY_OVER

    suffix = "!"
    for carry in (CarryOver(), NO_CARRY_OVER):
        with pytest.raises(TypeError):
            carry.get(lambda value: value + suffix, "a")
        with pytest.raises(TypeError):
            carry.get("{}!".format, "a")
        with pytest.raises(TypeError):
            carry.get(lambda: "constant")


def test_every_argument_a_card_is_made_of_is_part_of_its_key() -> None:
    """A card links to its date pages: another date path renders the card again, where a
    hand-written key of topic and venue links would have handed back the old card."""
    import dataclasses

    from research_digest.render import CardLinks, _render_card, template_environment

    template = template_environment().get_template("card.html")
    carry = CarryOver()
    digest_paper = _a_seed_paper()
    links = CardLinks((), "", (("\x00rd-root\x00archive/2024/01/02/", _date_label(digest_paper)),), (), None)
    first = carry.get(functools.partial(_render_card, template), digest_paper, links)
    carry.next_build()
    moved = dataclasses.replace(links, dates=(("\x00rd-root\x00elsewhere/", links.dates[0][1]),))
    second = carry.get(functools.partial(_render_card, template), digest_paper, moved)
    assert "elsewhere/" in second and "elsewhere/" not in first


def _a_seed_paper():
    from research_digest.digest import DigestOptions, build_digest

    digest = build_digest(DigestOptions(sources=("seeds/",), base_dir=ROOT, freeze=False))
    return next(paper for paper in digest.papers if paper.dates)


def _date_label(paper):
    from research_digest.labels import date_label

    return date_label(paper.dates[0])


def test_folders_of_killed_serve_processes_are_removed(tmp_path: Path) -> None:
    import subprocess
    import sys

    from research_digest.page_reuse import FOLDER_PREFIX, remove_abandoned_folders

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = tmp_path / f"{FOLDER_PREFIX}{ended.stdout.strip()}-abc"
    running = tmp_path / f"{FOLDER_PREFIX}{os.getpid()}-abc"
    other = tmp_path / f"{FOLDER_PREFIX}not-a-pid"
    for folder in (abandoned, running, other):
        (folder / "index.html").parent.mkdir(parents=True)
        (folder / "index.html").write_text("x")
    remove_abandoned_folders(tmp_path)
    assert not abandoned.exists() and running.exists() and other.exists()


def test_serve_frees_what_earlier_builds_left_and_freezes_only_between_builds(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Objects frozen while alive and dropped later in a reference cycle (MkDocs' pages and
    files are such cycles) would never be freed: serve freezes only between builds."""
    import gc
    import weakref

    from mkdocs.structure.pages import Page

    pages: list[weakref.ref] = []
    original = Page.__init__

    def recorded(self, *args, **kwargs):
        original(self, *args, **kwargs)
        pages.append(weakref.ref(self))

    monkeypatch.setattr(Page, "__init__", recorded)
    monkeypatch.setattr("research_digest.heap.IDLE_DELAY", 3600)  # the test settles itself
    gc.unfreeze()
    try:
        with _serving(tmp_path / "served") as (config, plugin):
            build(config, serve_url=SERVE_URL)
            first_build = list(pages)
            assert gc.get_freeze_count() == 0  # a serve build freezes nothing while it runs
            plugin.heap.settle()  # what the idle timer does
            assert gc.get_freeze_count() > 0
            next_day(sources)
            build(_config(tmp_path / "served"), serve_url=SERVE_URL)
            plugin.heap.settle()
            assert first_build and all(ref() is None for ref in first_build)
    finally:
        gc.unfreeze()
    build(_config(tmp_path / "built"))  # a one-off build freezes what parsing left
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
