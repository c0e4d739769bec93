"""Shared fixtures: the site built from the real seeds with the real `mkdocs build --strict`."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(Path(__file__).parent))

# Tests parse many throw-away folders: keep their parse cache out of the project's .cache/
# (builds run in subprocesses inherit this).
os.environ.setdefault("RESEARCH_DIGEST_CACHE", tempfile.mkdtemp(prefix="research-digest-cache-"))
# and the key that signs its entries out of the user's ~/.config
os.environ.setdefault("RESEARCH_DIGEST_CACHE_KEY", os.path.join(tempfile.mkdtemp(prefix="research-digest-key-"), "cache-key"))

# One Playwright session per test process: every browser test shares this fixture.
from browser_support import browser  # noqa: E402,F401


def mkdocs_build(site_dir: Path, *extra: str, config: Path = ROOT / "mkdocs.yml", env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env=env,
    )


@pytest.fixture
def private_parse_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A disk parse cache of the test's own, and an empty memory cache before and after."""
    from research_digest import environment, parse_cache

    folder = tmp_path / "parse-cache"
    monkeypatch.setenv(environment.CACHE_ENV, str(folder))
    parse_cache.clear_memory()
    yield folder
    parse_cache.clear_memory()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def scale():
    """The 25,000-paper synthetic site (``scale_site.py``), served: ``(ScaleSite, base_url)``."""
    from browser_support import serve_directory
    from scale_site import scale_site

    built = scale_site()
    with serve_directory(built.site) as base_url:
        yield built, base_url
