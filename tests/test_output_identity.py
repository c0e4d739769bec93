"""The built site stays byte-identical to the recorded fingerprint (tests/site_fingerprint.py).

A change meant to alter the output re-records the fingerprint (`python tests/site_fingerprint.py
record`) in the same commit, so the diff shows which files it changed; a refactor does not.
"""

from __future__ import annotations

import json
import pytest

import site_fingerprint


@pytest.fixture(scope="module")
def built_fingerprints(tmp_path_factory) -> dict[str, dict[str, str]]:
    return site_fingerprint.site_fingerprints(tmp_path_factory.mktemp("fingerprint"))


@pytest.mark.parametrize("corpus", ["seeds", "synth-5000"])
def test_the_built_site_matches_its_recorded_fingerprint_file_for_file(built_fingerprints, corpus):
    recorded = json.loads(site_fingerprint.fixture_path(corpus).read_text())
    assert site_fingerprint.compare(recorded, built_fingerprints[corpus]) == []


def test_the_fingerprint_changes_when_one_byte_of_one_file_changes(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>x</p>")
    before = site_fingerprint.fingerprint(site, {})
    (site / "a" / "index.html").write_text("<p>y</p>")
    after = site_fingerprint.fingerprint(site, {})
    assert site_fingerprint.compare(before, after) == ["changed: a/index.html"]
