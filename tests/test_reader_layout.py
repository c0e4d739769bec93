"""The reader's daily loop without a browser: a day's order and groups, its page size, the links
between days, numbered topic pages, the filter data of a listing and the reading-list page."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from research_digest.day_layout import DAY_PAGE_BYTES, day_groups, day_order, day_page_size, primary_topic
from research_digest.filter_data import CODE, NEW, TEXT_CHUNK, filter_files, search_numbers
from research_digest.labels import Label
from research_digest.model import Links, Paper, PaperDate, Precision, Text
from research_digest.page_kinds import DAY, TOPIC
from research_digest.topics import Taxonomy
from research_digest.views import SiteOptions, View, _growing_pages, build_site, newest_first

TAXONOMY = Taxonomy.default()


def _day(day: int) -> PaperDate:
    return PaperDate(dt.date(2024, 3, day), Precision.DAY)


def _paper(number: int, topics: tuple[str, ...], days: tuple[int, ...], sections: tuple[str, ...] = (), **fields) -> Paper:
    return Paper(f"2403.{number:05d}", title_en=f"Paper {number}", topics=topics, sections=sections,
                 dates=tuple(_day(day) for day in days), **fields)


def test_a_days_new_papers_come_first_by_primary_topic_and_papers_seen_before_follow() -> None:
    old = _paper(1, ("multimodal",), (4, 5), arxiv_version=3)
    video = _paper(2, ("multimodal", "video"), (5,), sections=("Video Understanding",))
    generative = _paper(3, ("generative",), (5,))
    multimodal = _paper(4, ("multimodal", "generative"), (5,))
    ordered = day_order([old, video, generative, multimodal], "2024-03-05", TAXONOMY)
    assert [paper.id for paper in ordered] == [multimodal.id, generative.id, video.id, old.id]
    assert primary_topic(video, TAXONOMY) == "video"  # its section label outranks its first keyword topic
    groups, updated = day_groups(ordered, "2024-03-05", TAXONOMY)
    assert [(group.topic, len(group.papers)) for group in groups] == [("multimodal", 1), ("generative", 1), ("video", 1)]
    assert groups[0].title == Label("多模态", "Multimodal Learning") and updated == [old]


def test_a_busy_day_stays_on_one_page_and_a_day_over_a_megabyte_is_split_evenly() -> None:
    abstract = Text("word " * 400)  # about 2 KB in each language: about 7 KB a card
    papers = [_paper(number, ("multimodal",), (5,), abstract_en=abstract, abstract_zh=abstract) for number in range(201)]
    assert day_page_size(papers[:120]) == 120  # about 0.9 MB
    assert day_page_size(papers) == 101  # about 1.5 MB: two even pages, not a full one and a stub
    assert day_page_size(papers, budget=10 * DAY_PAGE_BYTES) == 201


def test_every_day_page_links_to_the_day_before_and_the_day_after() -> None:
    papers = [_paper(1, ("multimodal",), (1,)), _paper(2, ("video",), (4,)), _paper(3, ("video",), (9,))]
    site = build_site(papers, TAXONOMY, SiteOptions())
    days = {view.facet_key: view for view in site.views if view.kind is DAY}
    assert (days["2024-03-01"].earlier, days["2024-03-01"].later.path) == (None, "archive/2024/03/04/index.md")
    assert days["2024-03-04"].earlier.path == "archive/2024/03/01/index.md"
    assert days["2024-03-04"].later.title == Label("2024年3月9日", "Mar 9, 2024")
    assert days["2024-03-09"].later is None


def test_topic_pages_number_the_latest_a_window_and_the_oldest_and_the_first_lists_each_months_page() -> None:
    papers = [_paper(number, ("video",), (1 + number % 28,)) for number in range(60)]
    papers += [Paper(f"2402.{n:05d}", topics=("video",), dates=(PaperDate(dt.date(2024, 2, 3), Precision.DAY),)) for n in range(5)]

    def make(path: str, chunk: tuple[Paper, ...]) -> View:
        return View(TOPIC, path, Label("t", "t"), chunk, first_page="topics/t/index.md")

    views = _growing_pages(make, "topics/t/index.md", newest_first(papers), 5)  # 13 pages: latest, 12 .. 1
    first, oldest = views[0], views[-1]
    assert [link.title.en for link in first.page_links] == ["Latest", "12", "11", "10", "9", "8", "1"]
    assert [link.title.en for link in views[6].page_links] == ["Latest", "8", "7", "6", "5", "1"]  # page 7
    assert [link.title.en for link in oldest.page_links] == ["Latest", "2", "1"]
    assert [link.title.en for link in first.months] == ["March 2024", "February 2024"]
    assert first.months[1].path == "topics/t/page/1/index.md" and not oldest.months


def test_a_listings_filter_data_holds_every_paper_of_all_its_pages_with_its_flags() -> None:
    day = [_paper(n, ("video",), (5,), links=Links(code="https://github.com/x/y") if n % 2 else Links(),
                  title_zh="标题</script>") for n in range(130)]
    seen_before = _paper(999, ("video",), (2, 5), arxiv_version=2)
    site = build_site(day + [seen_before], TAXONOMY, SiteOptions(page_size=20))
    files = filter_files(site, TAXONOMY)
    topic = json.loads(files["topics/video/filter.json"])
    assert len(topic["papers"]) == 131 and topic["topics"] == [["video", "视频理解", "Video Understanding"]]
    assert sum(1 for row in topic["papers"] if row[4] & CODE) == 65
    on_day = json.loads(files["archive/2024/03/05/filter.json"])
    texts = [row for n in range(3) for row in json.loads(files[f"archive/2024/03/05/filter-text-{n}.json"])]
    anchors = [text[3] for text in texts]
    flags = {anchor: row[4] & NEW for anchor, row in zip(anchors, on_day["papers"])}
    assert flags["p-2403.00999"] == 0 and flags["p-2403.00001"] == NEW
    row = on_day["papers"][anchors.index("p-2403.00999")]
    assert on_day["pages"][row[1]] == "archive/2024/03/02/" and row[2] == "2024-03-02" and row[7] == 2
    assert anchors[-1] == "p-2403.00999"  # the day's order: the papers seen before last
    assert on_day["texts"] == 3 and texts[0][1] == "标题</script>"
    assert TEXT_CHUNK == 50 and len(json.loads(files["topics/video/filter-text-2.json"])) == 31


def test_a_listings_filter_data_numbers_its_papers_as_the_search_index_does(built_site: Path) -> None:
    """The text filter keeps the papers the search index finds by their number there."""
    index = built_site / "search" / "digest"
    chunk = json.loads((index / "manifest.json").read_text(encoding="utf-8"))["chunk"]
    for listing in ("topics/multimodal", "archive/2024/02/16", "."):
        data = json.loads((built_site / listing / "filter.json").read_text(encoding="utf-8"))
        texts = [row for n in range(data["texts"]) for row in json.loads((built_site / listing / f"filter-text-{n}.json").read_text(encoding="utf-8"))]
        doc = -1
        for row, text in zip(data["papers"], texts, strict=True):
            doc += row[0]
            indexed = json.loads(gzip.decompress((index / "d" / f"{doc // chunk}.json.gz").read_bytes()))[doc % chunk]
            assert indexed[1] == text[3]


def test_the_reading_list_page_is_built_and_in_the_navigation(built_site: Path) -> None:
    page = (built_site / "reading-list" / "index.html").read_text(encoding="utf-8")
    assert 'class="rd-reading"' in page and "rd-reading__import" in page
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="reading-list/"' in home


FILTER_QUERIES = """
const fs = require("fs"), path = require("path");
const w = require(%(worker)s);
const fetcher = url => w.parseBytes(fs.readFileSync(path.join(%(root)s, new URL(url).pathname)));
const engine = new w.Engine({docs: []}, fetcher, "file:///assets/research-digest/search-worker.js?index=../../search/digest/");
(async () => {
  const out = {};
  for (const q of %(queries)s) out[q] = await engine.docs(q, 3);
  console.log(JSON.stringify(out));
})();
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_search_worker_finds_the_papers_with_the_words_in_a_title_or_author_for_the_text_filter(tmp_path: Path) -> None:
    from research_digest.search_index import build_index

    papers = [_paper(1, ("video",), (5,), authors=("Ada Lovelace",), abstract_en=Text("about diffusion")),
              Paper("2403.00002", title_en="Sparse diffusion adapters", authors=("Alan Turing",), topics=("video",), dates=(_day(6),))]
    site = build_site(papers, TAXONOMY, SiteOptions())
    build_index(papers, site).write(tmp_path / "site")
    worker = Path(__file__).resolve().parent.parent / "plugins" / "research_digest" / "assets" / "search-worker.js"
    queries = ["diffusion", "lovelace", "spar", "sparse adapters", "sparse lovelace", "nothing"]
    script = FILTER_QUERIES % {"worker": json.dumps(str(worker)), "root": json.dumps(str(tmp_path / "site")), "queries": json.dumps(queries)}
    (tmp_path / "run.js").write_text(script, encoding="utf-8")
    result = subprocess.run([shutil.which("node"), str(tmp_path / "run.js")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    numbers = search_numbers(papers, site)
    found = {query: sorted(docs) for query, docs in json.loads(result.stdout).items()}
    assert found == {"diffusion": [numbers["2403.00002"]],  # paper 1 has it in its abstract only
                     "lovelace": [numbers["2403.00001"]], "spar": [numbers["2403.00002"]],
                     "sparse adapters": [numbers["2403.00002"]], "sparse lovelace": [], "nothing": []}
