"""The 25,000-paper synthetic site builds and holds every paper the generator wrote."""

from __future__ import annotations

import gzip
import json

import pytest

pytestmark = pytest.mark.scale


def test_the_scale_site_holds_every_generated_paper_once(scale):
    built, _ = scale
    records = [json.loads(line) for line in gzip.open(built.site / "papers.jsonl.gz", "rt", encoding="utf-8")]
    assert len(records) == built.manifest()["papers"] == built.papers
    assert len({record["id"] for record in records}) == built.papers
