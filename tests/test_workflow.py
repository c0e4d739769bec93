"""The GitHub Pages workflow: valid YAML, current Pages actions, and its build step runs here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


def uses(job: str) -> dict[str, str]:
    return dict(step["uses"].split("@") for step in steps(job) if "uses" in step)


def test_triggers_on_push_to_main_and_by_hand():
    triggers = workflow().get("on") or workflow()[True]  # PyYAML reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers


def test_uses_the_current_pages_actions():
    data = workflow()
    build = uses("build")
    assert build["actions/upload-pages-artifact"] == "v4" and build["actions/configure-pages"] == "v5"
    assert uses("deploy") == {"actions/deploy-pages": "v4"}
    assert data["jobs"]["deploy"]["needs"] == "build"
    assert data["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    python = next(step for step in steps("build") if step.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"


def test_the_build_step_is_strict_and_succeeds_locally(tmp_path):
    build = next(step for step in steps("build") if step.get("name") == "Build")
    command = build["run"]
    assert "--strict" in command
    for name in ("mkdocs.yml", "corrections.yml", "docs", "seeds", "hooks.py"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        elif source.exists():
            shutil.copy(source, tmp_path / name)
    env = dict(os.environ, SITE_URL="https://someone.github.io/a-fork/", NO_MKDOCS_2_WARNING="1")
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    result = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    artifact = tmp_path / next(step for step in steps("build") if "upload-pages-artifact" in step.get("uses", ""))["with"]["path"]
    assert (artifact / "index.html").is_file()
    assert "https://someone.github.io/a-fork/" in (artifact / "feed.xml").read_text(encoding="utf-8")


def test_only_the_deploy_job_may_write_and_every_job_has_a_time_limit():
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    jobs = data["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in jobs["build"]
    for name, job in jobs.items():
        assert isinstance(job.get("timeout-minutes"), int) and 0 < job["timeout-minutes"] <= 60, name


def test_checkout_keeps_no_credentials_for_later_steps():
    for name in workflow()["jobs"]:
        for step in steps(name):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


ZIZMOR = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")


@pytest.mark.skipif(not Path(ZIZMOR).exists(), reason="zizmor is not installed")
def test_zizmor_finds_no_excessive_permissions_and_no_persisted_credentials():
    # unpinned-uses stays: pinning actions by commit SHA needs GitHub, and this runs offline.
    result = subprocess.run(
        [ZIZMOR, "--offline", "--format", "json", "--persona", "pedantic", str(WORKFLOW)],
        capture_output=True, text=True, timeout=120,
    )
    findings = json.loads(result.stdout)
    kinds = {finding["ident"] for finding in findings}
    assert not kinds & {"excessive-permissions", "artipacked", "undocumented-permissions"}, kinds
