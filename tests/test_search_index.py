"""The sharded paper index (search_index.py) and its reader (assets/search-worker.js, run in Node
when Node is installed): tokens, shards, determinism, plain-text JSON, sizes."""

from __future__ import annotations

import gzip
import json
import math
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from research_digest import search_index as S
from research_digest import search_tokens as T
from research_digest.digest import DigestOptions, build_digest
from research_digest.model import Links, Paper, PaperDate, Precision, Text
from research_digest.render import anchor_of, url_of
from research_digest.topics import Taxonomy
from research_digest.views import SiteOptions, build_site

WORKER = ROOT / "plugins" / "research_digest" / "assets" / "search-worker.js"
HOSTILE = "<img src=x onerror=window.__pwned=1>"


def seeds_site():
    digest = build_digest(DigestOptions(sources=(str(SEEDS),), base_dir=ROOT, corrections=ROOT / "corrections.yml"))
    papers, taxonomy = Taxonomy.default().assign(digest.papers)
    return papers, build_site(papers, taxonomy, SiteOptions())


@pytest.fixture(scope="module")
def seeds_index():
    papers, site = seeds_site()
    return papers, site, S.build_index(papers, site)


def load(index: S.SearchIndex, name: str):
    return S.read_file(index.files, name)


def raw(index: S.SearchIndex, name: str) -> bytes:
    """The file's JSON bytes, inflated if stored compressed."""
    content = index.files.get(name + S.GZ)
    return gzip.decompress(content) if content is not None else index.files[name]


def search(index: S.SearchIndex, query: str) -> list[str]:
    """A reference reader of the files (AND of the terms, prefixes over all shards): the
    locations of the papers found."""
    manifest = load(index, "manifest.json")
    found = None
    for _key, tokens, prefix in T.query_terms(query):
        term = None
        for token in tokens:
            docs = set()
            first = S.shard_of(token, manifest["shards"])
            for number in range(first, len(manifest["shards"])):
                if number > first and not manifest["shards"][number].startswith(token):
                    break
                for key, postings in load(index, f"s/{number}.json").items():
                    if key == token or (prefix and key.startswith(token)):
                        doc = 0
                        for value in postings:
                            doc += value >> manifest["bits"]
                            docs.add(doc)
            term = docs if term is None else term & docs
        found = term if found is None else found & term
    chunk = manifest["chunk"]
    locations = []
    for doc in sorted(found or ()):
        row = load(index, f"d/{doc // chunk}.json")[doc % chunk]
        locations.append(manifest["pages"][row[0]][0] + "#" + row[1])
    return locations


# --- tokens -------------------------------------------------------------------------------

def test_english_words_are_lowercased_and_split_on_punctuation():
    tokens = T.tokens("PaLM2-VAdapter: Progressively Aligned Vision-language Adapter")
    assert tokens == ["palm2", "vadapter", "progressively", "aligned", "vision", "language", "adapter"]
    assert T.tokens("Morales-Álvarez, O'Brien") == ["morales", "álvarez", "o", "brien"]
    assert T.tokens("ＡＢＣ full_width") == ["abc", "full", "width"]  # NFKC; "_" separates


def test_arxiv_ids_are_kept_whole_and_in_parts():
    tokens = T.tokens("arXiv:2402.10896v1 and 2312.0001")
    assert "2402.10896" in tokens and "2402" in tokens and "10896v1" in tokens
    assert "2312.0001" in tokens
    assert "1.5" not in T.tokens("version 1.5") and "2024.1" not in T.tokens("in 2024.1")


def test_chinese_is_indexed_as_bigrams_the_last_character_and_trigrams():
    assert T.tokens("视觉语言适配器") == ["视觉", "觉语", "语言", "言适", "适配", "配器", "器",
                                      "视觉语", "觉语言", "语言适", "言适配", "适配器"]
    assert T.tokens("猫") == ["猫"]
    assert T.tokens("PaLM2适配器，分割") == ["palm2", "适配", "配器", "器", "适配器", "分割", "割"]


def test_query_terms_match_the_index_tokens():
    assert T.query_terms("适配器") == [("适配器", ["适配器"], False)]
    assert T.query_terms("一个自监") == [("一个自监", ["一个自", "个自监"], False)]  # the characters in a row
    assert T.query_terms("分割") == [("分割", ["分割"], False)]
    assert T.query_terms("分") == [("分", ["分"], True)]  # prefix of 分割, 分类, …
    assert T.query_terms("VAdapter Yuille") == [("vadapter", ["vadapter"], True), ("yuille", ["yuille"], True)]
    assert T.query_terms("2402.10896") == [("2402.10896", ["2402.10896"], True)]
    assert T.query_terms("2402.108") == [("2402.108", ["2402.108"], True)]  # being typed
    assert T.query_terms("a") == [("a", ["a"], False)]


def test_shard_of_finds_the_range_holding_a_token():
    firsts = ["a", "cat", "dog", "分"]
    assert [S.shard_of(t, firsts) for t in ("a", "b", "cat", "cow", "zebra", "分割", "0")] == [0, 0, 1, 1, 2, 3, 0]


def test_tokens_sort_like_javascript_strings():
    # U+FF21 (BMP) sorts after an astral character in UTF-16 order, before it by code point
    assert sorted(["\uff21", "\U00020000"], key=T.utf16_key) == ["\U00020000", "\uff21"]


def test_auto_search_is_the_digest_index_at_every_size():
    assert S.search_mode("auto", 0) == S.search_mode("auto", 129) == S.search_mode("auto", 10**6) == "sharded"
    assert S.search_mode("material", 10**6) == "material"
    assert S.search_mode("sharded", 5) == "sharded"


# --- the index of the seeds ----------------------------------------------------------------

@pytest.mark.parametrize(
    "query, location",
    [
        ("分割", None),
        ("适配器", "archive/2024/02/16/#p-2402.10896"),
        ("VAdapter", "archive/2024/02/16/#p-2402.10896"),
        ("vadapt", "archive/2024/02/16/#p-2402.10896"),
        ("Yuille", "archive/2024/02/16/#p-2402.10896"),
        ("2402.10896", "archive/2024/02/16/#p-2402.10896"),
    ],
)
def test_seed_queries_find_the_canonical_cards(seeds_index, query, location):
    papers, site, index = seeds_index
    found = search(index, query)
    if location is None:
        assert len(found) >= 3, found
        assert all(item.startswith("archive/") and "#p-" in item for item in found)
    else:
        assert location in found, found


def test_every_paper_with_a_canonical_card_is_indexed_once(seeds_index):
    papers, site, index = seeds_index
    manifest = load(index, "manifest.json")
    rows = [row for number in range(math.ceil(manifest["docs"] / manifest["chunk"]))
            for row in load(index, f"d/{number}.json")]
    assert manifest["docs"] == len(rows) == len(papers)
    anchors = [row[1] for row in rows]
    assert len(set(anchors)) == len(anchors)
    for paper in papers:
        page = site.canonical[paper.id]
        row = rows[anchors.index(anchor_of(paper))]
        assert manifest["pages"][row[0]][0] == url_of(page)


def test_two_builds_are_byte_identical(seeds_index):
    papers, site, index = seeds_index
    again = S.build_index(*seeds_site())
    assert again.files == index.files and again.version == index.version


def test_files_are_compact_json_all_but_the_manifest_gzip_compressed(seeds_index):
    _, _, index = seeds_index
    assert set(index.files) - {"manifest.json"} and all(name.endswith(".json.gz") for name in set(index.files) - {"manifest.json"})
    for name, content in index.files.items():
        text = gzip.decompress(content) if name.endswith(S.GZ) else content
        assert text == S._json(json.loads(text.decode("utf-8"))), name  # compact, sorted keys
        assert not name.endswith(S.GZ) or content[4:8] == b"\0\0\0\0"  # no time stamp: the same bytes each build
    manifest = load(index, "manifest.json")
    assert manifest["v"] == S.FORMAT_VERSION and manifest["id"] == index.version and manifest["gz"] == 1
    assert "\\u" not in raw(index, "d/0.json").decode()  # CJK as UTF-8, not escapes
    shards = [load(index, f"s/{number}.json") for number in range(len(manifest["shards"]))]
    assert [next(iter(sorted(shard, key=T.utf16_key))) for shard in shards] == manifest["shards"]
    assert all(isinstance(value, int) for shard in shards for postings in shard.values() for value in postings)


def test_seed_index_is_small(seeds_index):
    _, _, index = seeds_index
    assert index.size < 800_000  # every word of both abstracts, and the abstracts for snippets
    assert max(len(content) for content in index.files.values()) < 40_000


def hostile_papers(count: int = 3) -> list[Paper]:
    day = PaperDate(__import__("datetime").date(2024, 3, 1), Precision.DAY)
    papers = [Paper(id="2403.00001", title_en=HOSTILE + " Segmentation & <b>bold</b>", title_zh="恶意<script>标题",
                    authors=("Eve <i>Hacker</i>",), tldr_en=Text("a \"quoted\" <tldr>"), dates=(day,),
                    arxiv_id="2403.00001", links=Links())]
    for number in range(2, count + 1):
        papers.append(Paper(id=f"2403.{number:05d}", title_en=f"Plain paper {number}", dates=(day,),
                            arxiv_id=f"2403.{number:05d}"))
    return papers


def test_text_is_stored_as_text_never_as_html():
    papers = hostile_papers()
    site = build_site(papers, Taxonomy.default(), SiteOptions())
    index = S.build_index(papers, site)
    row = load(index, "d/0.json")[0]
    assert row[2] == HOSTILE + " Segmentation & <b>bold</b>" and row[3] == "恶意<script>标题"
    assert "&lt;" not in raw(index, "d/0.json").decode()
    assert "archive/2024/03/01/#p-2403.00001" in search(index, "onerror")


# --- at scale --------------------------------------------------------------------------------

def synthetic_papers(count: int) -> list[Paper]:
    """Papers with a realistic mix of English and Chinese words (cheap, deterministic)."""
    import datetime as dt
    import random

    rng = random.Random(5)
    en = [f"{a}{b}" for a in ("seg", "det", "gen", "vis", "lan", "ada", "tra", "dif", "rec", "ali") for b in
          ("mentation", "ection", "eration", "ion", "guage", "pter", "nsformer", "fusion", "overy", "gnment",
           "ment", "ing", "er", "ness", "ity", "al")]
    zh = "视觉语言模型分割检测生成扩散图像视频三维重建对齐适配器注意力机制高效鲁棒自监督学习医学"
    papers = []
    for number in range(count):
        day = PaperDate(dt.date(2024, 1, 1) + dt.timedelta(days=number // 80), Precision.DAY)
        words = " ".join(rng.choice(en) + rng.choice(("", "", "s", str(rng.randrange(99)))) for _ in range(9))
        chinese = "".join(rng.choice(zh) for _ in range(18))
        tldr = "".join(rng.choice(zh) for _ in range(70))
        papers.append(Paper(
            id=f"24{number // 10000:02d}.{number % 10000:05d}", title_en=words.title(), title_zh=chinese,
            authors=tuple(f"Author{rng.randrange(5000)} Name{rng.randrange(3000)}" for _ in range(5)),
            tldr_zh=Text(tldr), tldr_en=Text(" ".join(rng.choice(en) for _ in range(25))),
            arxiv_id=f"24{number // 10000:02d}.{number % 10000:05d}", dates=(day,)))
    return papers


def test_a_query_reads_little_of_a_large_index():
    papers = synthetic_papers(4000)
    site = build_site(papers, Taxonomy.default(), SiteOptions())
    index = S.build_index(papers, site)
    manifest = load(index, "manifest.json")
    assert len(index.files["manifest.json"]) < 20_000
    shard_sizes = [len(raw(index, f"s/{n}.json")) for n in range(len(manifest["shards"]))]
    chunk_sizes = [len(raw(index, name[: -len(S.GZ)])) for name in index.files if name.startswith("d/")]
    # a shard holds about SHARD_BYTES, more only when one token's postings are bigger
    assert sorted(shard_sizes)[len(shard_sizes) // 2] <= S.SHARD_BYTES * 1.2
    assert max(chunk_sizes) < 40_000
    # the worst case of a query: the manifest, two shards per term, a chunk per result
    for query in ("分割", "segmentation", "ada"):
        terms = T.query_terms(query)
        budget = len(index.files["manifest.json"]) + 20 * max(chunk_sizes)
        budget += sum(2 * max(shard_sizes) for _ in terms)
        assert budget < 1_500_000 - 700_000  # what the page and Material's assets leave


# --- the worker's reading, in Node --------------------------------------------------------

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")


def run_node(script: str, tmp_path: Path) -> object:
    path = tmp_path / "run.js"
    path.write_text(script, encoding="utf-8")
    result = subprocess.run([NODE, str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@needs_node
def test_worker_tokenises_like_the_index(seeds_index, tmp_path):
    papers, _, _ = seeds_index
    texts = [text for paper in papers for text in (paper.title_en, paper.title_zh, paper.tldr_zh.text,
                                                   " ".join(paper.authors), paper.abstract_en.text[:300])]
    texts += ["ＡＢＣ_x 适配 2402.10896v1 O'Brien Ünïcode 한국어 カタカナ 𠀀字"]
    queries = ["适配器", "分", "VAdapter Yuille", "2402.108", "a", "PaLM2-VAdapter", "x_y 视觉"]
    out = run_node(
        f"const w = require({json.dumps(str(WORKER))});\n"
        f"const texts = {json.dumps(texts, ensure_ascii=False)};\n"
        f"const queries = {json.dumps(queries, ensure_ascii=False)};\n"
        "console.log(JSON.stringify({tokens: texts.map(w.tokenize), queries: queries.map(q =>"
        " w.parseQuery(q).map(t => [t.key, t.tokens, t.prefix]))}));\n",
        tmp_path,
    )
    assert out["tokens"] == [T.tokens(text) for text in texts]
    assert out["queries"] == [[list(term) for term in T.query_terms(q)] for q in queries]


ENGINE = """
const fs = require("fs"), path = require("path");
const w = require(%(worker)s);
const root = %(root)s;
const fetcher = url => new Promise((ok, fail) => {
  const u = new URL(url);
  fs.readFile(path.join(root, u.pathname), (e, bytes) => e ? fail(e) : ok(w.parseBytes(bytes)));
});
const docs = [{location: "about/", title: "关于\\u200b About", text: "<p>本站\\u200b由 research-digest 生成 &amp; more</p>"}];
const engine = new w.Engine({docs, options: {suggest: true}}, fetcher, "file:///assets/research-digest/search-worker.js?v=x&index=../../search/digest/");
(async () => {
  const out = {};
  for (const q of %(queries)s) out[q] = await engine.search(q);
  console.log(JSON.stringify(out));
})();
"""


def engine_results(index: S.SearchIndex, queries: list[str], tmp_path: Path) -> dict:
    site = tmp_path / "site"
    index.write(site)
    script = ENGINE % {"worker": json.dumps(str(WORKER)), "root": json.dumps(str(site)),
                       "queries": json.dumps(queries, ensure_ascii=False)}
    return run_node(script, tmp_path)


@needs_node
def test_worker_answers_in_materials_format(seeds_index, tmp_path):
    _, _, index = seeds_index
    queries = ["分割", "适配器", "VAdapter", "Yuille", "2402.10896", "research-digest", "vadapt", "VAdapter nothingatall"]
    out = engine_results(index, queries, tmp_path)
    for query in queries[:5]:
        groups = out[query]["items"]
        assert groups, query
        locations = [item["location"] for group in groups for item in group]
        for group in groups:  # every group has its page (an item without "#") and items with terms
            assert sum("#" not in item["location"] for item in group) == 1
            assert all({"location", "title", "text", "score", "terms"} <= set(item) for item in group)
        if query != "分割":
            assert locations[0] == "archive/2024/02/16/#p-2402.10896", (query, locations[:3])
    assert len([l for g in out["分割"]["items"] for l in (i["location"] for i in g) if "#p-" in l]) >= 3
    assert "<mark>" in out["Yuille"]["items"][0][0]["text"]
    assert out["research-digest"]["items"][0][0]["location"] == "about/"
    assert out["vadapt"]["suggest"] == ["vadapter"]
    missing = out["VAdapter nothingatall"]["items"][0][0]["terms"]  # OR, with the missing term shown
    assert missing == {"vadapter": True, "nothingatall": False}


@needs_node
def test_worker_escapes_every_string_it_puts_into_html(tmp_path):
    papers = hostile_papers()
    index = S.build_index(papers, build_site(papers, Taxonomy.default(), SiteOptions()))
    out = engine_results(index, ["onerror", "恶意", "hacker", "quoted"], tmp_path)
    for query, result in out.items():
        html = " ".join(item["title"] + item["text"] for group in result["items"] for item in group)
        assert "<img" not in html and "<script" not in html and "<b>" not in html and "<i>" not in html, html
        assert "<mark>" in html, (query, html)
    title = out["onerror"]["items"][0][0]["title"]
    assert title.startswith("&lt;img src=x <mark>onerror</mark>=window.__pwned=1&gt;"), title


def test_an_index_carried_over_between_builds_equals_one_built_from_scratch(monkeypatch):
    """mkdocs serve keeps the postings between builds: a new day's papers are appended, the
    postings of a paper that changed, went or moved are rewritten. Each time the files must be
    the ones a build from scratch writes."""
    import dataclasses

    from research_digest.carry_over import CarryOver

    papers = synthetic_papers(700)
    appended: list[range] = []
    append = S.Postings._append
    monkeypatch.setattr(S.Postings, "_append", lambda self, numbers: (appended.append(numbers), append(self, numbers)))

    def index_of(chosen, carry_over=None):
        site = build_site(chosen, Taxonomy.default(), SiteOptions())
        return S.build_index(chosen, site, carry_over=carry_over) if carry_over else S.build_index(chosen, site)

    changed = dataclasses.replace(papers[10], title_en="Changed Title Words", authors=("New Author",))
    builds = [
        papers[:600],  # the first build
        papers,  # a hundred papers of newer days
        papers[:10] + [changed] + papers[11:],  # an old paper seen again, changed
        papers[:10] + [changed] + papers[11:20] + papers[21:],  # an old paper gone
        [changed] + papers[:3] + papers[4:10] + papers[11:],  # input order changed: the same day's papers move
    ]
    compressed: list[int] = []
    compress = S.compress
    monkeypatch.setattr(S, "compress", lambda content: (compressed.append(len(content)), compress(content))[1])
    carry = CarryOver()
    for number, chosen in enumerate(builds):
        carry.next_build()
        appended.clear()
        files = index_of(chosen, carry).files
        if number == 0:  # a rebuild of the same papers compresses nothing again but meta.json
            carry.next_build()
            compressed.clear()
            assert index_of(chosen, carry).files == files and len(compressed) == 1
        assert files == index_of(chosen).files, number
        if number == 1:
            assert appended[0] == range(600, 700)  # only the new papers were added
        if number == 2:
            assert appended[0] == range(700, 700)  # the changed paper rewritten in place
    shards = [gzip.decompress(content) for name, content in files.items() if name.startswith("s/")]
    assert shards and all(content == S._json(json.loads(content)) for content in shards)  # as json.dumps writes it


# --- ranking (issue 13) -------------------------------------------------------------------------

def ranking_papers() -> list[Paper]:
    """Small inline papers, each query's target the OLDEST of its rivals (newer wins a tie)."""
    import datetime as dt

    filler = " ".join(f"filler{number}" for number in range(80))  # pushes a word past any lead
    def paper(number: int, title: str, authors=(), abstract: str = "", tldr: str = "") -> Paper:
        day = PaperDate(dt.date(2024, 3, 1) + dt.timedelta(days=number), Precision.DAY)
        return Paper(id=f"2403.{number:05d}", title_en=title, authors=tuple(authors), dates=(day,),
                     abstract_en=Text(abstract), tldr_en=Text(tldr), arxiv_id=f"2403.{number:05d}")
    return [
        paper(1, "Demand Forecasting", abstract=f"{filler} a sudden surge in demand"),
        paper(2, "Surgical Scene Understanding"),
        paper(3, "Surgery Video Models"),
        paper(4, "Lattice Methods", authors=("Wei Zhang", "Ann Lee")),
        paper(5, "Lattice Tricks", authors=("Ann Lee", "Wei Zhang")),
        paper(6, "Graph Neural Networks for Molecules"),
        paper(7, "Neural Fields on a Graph"),
        paper(8, "Machine Learning at Scale", authors=("Ann Lee",)),
        paper(9, "Quiet Title", authors=("Li Ma",)),
        paper(10, "Another Machine Paper", authors=("Bob Ray",)),
        paper(11, "Memorial Volume", authors=("Wei Li", "Carl Zhang")),
        paper(12, "Sparse Depth Completion with Confidence Maps"),
        paper(13, "Confidence Maps for Sparse Depth Completion"),
    ]


@needs_node
def test_ranking_puts_whole_words_first_authors_and_phrases_first(tmp_path):
    papers = ranking_papers()
    index = S.build_index(papers, build_site(papers, Taxonomy.default(), SiteOptions()))
    queries = ["surge", "zhang", "graph neural", "ma", 'author:"Wei Zhang"', "sparse completion maps"]
    out = engine_results(index, queries, tmp_path)

    def first(query: str) -> str:
        locations = [item["location"] for group in out[query]["items"] for item in group if "#p-" in item["location"]]
        return locations[0].split("#p-")[1]
    assert first("surge") == "2403.00001"  # a whole word deep in an abstract beats title prefixes
    assert first("zhang") == "2403.00004"  # the first author before a later one
    assert first("graph neural") == "2403.00006"  # the words adjacent and in order
    assert first("ma") == "2403.00009"  # the author Ma, not "machine"
    assert out['author:"Wei Zhang"']["total"] == 2  # that exact name, not Wei Li with Carl Zhang
    assert first("sparse completion maps") == "2403.00012"  # a title with the words in the query's order
