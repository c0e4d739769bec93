"""`mkdocs serve` watches the digest sources: a new digest appears in the open browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from conftest import ROOT, SEEDS

pytestmark = pytest.mark.browser

NEW_DIGEST = """## [UPDATED!] **2024-05-20** (Publish Time)

>## **多模态**
>---
>>**index:** 1<br />
**Title:** **Livereload Lanterns: A Freshly Announced Paper**<br />
**Title_cn:** 实时重载灯笼：刚刚发布的论文<br />
**Authors:** Ada Watcher, Bo Reloader<br />
**Abstract:** <details><summary>原文: </summary>We test that new digests reach the open browser.</details><br />
**PDF:** <https://arxiv.org/pdf/2405.99999v1><br />
**Code:** null<br />
"""
BOUND = 60  # seconds: a rebuild of the seeds takes about two


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_server(process: subprocess.Popen, port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"mkdocs serve exited: {process.stdout.read()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail("mkdocs serve did not start")


@pytest.fixture
def serving(tmp_path):
    """`mkdocs serve` (no flags beyond the address) on a copy of the seeds in a folder outside
    the project, named through DIGEST_SOURCES as a maintainer would."""
    digests = tmp_path / "digests"
    shutil.copytree(SEEDS, digests)
    port = _free_port()
    env = dict(os.environ, DIGEST_SOURCES=str(digests), NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{port}/")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(ROOT / "mkdocs.yml")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        _wait_for_server(process, port, time.monotonic() + BOUND)
        yield f"http://127.0.0.1:{port}/", digests
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_a_new_digest_file_appears_in_the_open_browser_without_a_restart(browser, serving):
    base, digests = serving
    page = browser.new_page()
    try:
        page.goto(base, wait_until="load")
        assert page.locator(".rd-card").count() > 0
        assert "Livereload Lanterns" not in page.content()
        time.sleep(1)  # let the live-reload script connect before the change
        (digests / "2024-05-20.md").write_text(NEW_DIGEST, encoding="utf-8")
        page.wait_for_selector(".rd-card:has-text('实时重载灯笼')", timeout=BOUND * 1000)  # zh is the default
        assert page.locator(".rd-card", has_text="Livereload Lanterns").count() == 1
        # deleting it takes it away again
        (digests / "2024-05-20.md").unlink()
        page.wait_for_function(
            "() => !document.body.textContent.includes('Livereload Lanterns')", timeout=BOUND * 1000
        )
    finally:
        page.close()


def _served_papers(base: str) -> str:
    import urllib.request

    with urllib.request.urlopen(base + "papers.json", timeout=30) as response:
        return response.read().decode("utf-8")


def _eventually(condition, what: str) -> None:
    """Poll until ``condition()`` holds; the bound is a timeout, not a speed check."""
    deadline = time.monotonic() + BOUND
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"not within {BOUND} s: {what}")


def test_a_sources_folder_deleted_and_made_again_is_watched_again(serving):
    """As `git checkout`, `rsync --delete` or a generator's clean step do: the folder goes (and
    its watch with it), comes back with other digests, and a digest added later still rebuilds."""
    import json

    base, digests = serving
    before = {paper["id"] for paper in json.loads(_served_papers(base))["papers"]}
    kept = sorted(digests.iterdir())[0]
    shutil.rmtree(digests)
    _eventually(lambda: json.loads(_served_papers(base))["papers"] == [], "the deleted sources' papers are gone")
    time.sleep(2)  # several polls with the folder missing: the folder's own watch has ended
    digests.mkdir()
    shutil.copy(SEEDS / kept.name, digests / kept.name)
    _eventually(lambda: json.loads(_served_papers(base))["papers"] != [], "the recreated folder is read")
    time.sleep(1)
    (digests / "2024-05-20.md").write_text(NEW_DIGEST, encoding="utf-8")
    _eventually(lambda: "Livereload Lanterns" in _served_papers(base), "the digest added afterwards is served")
    after = {paper["id"] for paper in json.loads(_served_papers(base))["papers"]}
    assert "2405.99999" in after and len(after - {"2405.99999"}) < len(before)  # the removed digests' papers are gone
