"""Injection (issue 6): nothing in a digest can run script or break the page.

A corpus of classic payloads is written into every field of every input format (titles zh/en,
authors, TL;DRs, abstracts, section labels, link fields, venue-table cells, file names) and into
the names the configuration gives (a taxonomy file's topic names, a corrections file's venues and
sections, issue 11), the real site is built from them, and then

* statically: no script but Material's and ours, no ``on*`` attribute, no href/src that is not
  relative, ``#...`` or http(s), the search index and the BibTeX text carry payloads only as
  escaped text, and every bad link was reported with its file and line;
* in Chromium: every kind of page is loaded, the language toggled, abstracts opened, BibTeX
  copied and a payload word searched, and no payload ever runs while its text shows literally.

Every payload, would it ever run, calls a marker: ``alert``/``confirm``/``prompt`` (a dialog),
``window.__pwned`` or ``console.log("PWNED")``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from browser_support import serve_directory, type_search  # `browser` comes from conftest.py
from conftest import ROOT

# --------------------------------------------------------------------------- the payloads

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 60  # 2,700 characters, no break

# (name, text). Every one of these goes into every prose field of every format.
PAYLOADS: list[tuple[str, str]] = [
    ("script", "<script>window.__pwned=1;alert(1)</script>"),
    ("img-onerror", '<img src=x onerror="window.__pwned=1;alert(1)">'),
    ("event-handler", '<b onmouseover="alert(1)" onclick="window.__pwned=1">hover me</b>'),
    ("broken-quotes", "\"'><img src=x onerror=alert(1)>"),
    ("textarea", "</textarea><script>window.__pwned=1</script>"),
    ("script-close", '</script><script>console.log("PWNED")</script>'),
    ("svg-onload", '<svg onload="window.__pwned=1"><svg/onload=alert(1)>'),
    ("iframe-srcdoc", '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>'),
    ("md-js-link", "[click me](javascript:alert(1))"),
    ("md-image-onerror", '![x](x" onerror="window.__pwned=1)'),
    ("autolink-js", "<javascript:alert(1)>"),
    ("entities", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("numeric-entities", "&#60;img src=x onerror=alert(1)&#62;"),
    ("double-encoded", "&amp;lt;script&amp;gt;window.__pwned=1&amp;lt;/script&amp;gt;"),
    ("jinja", "{{7*7}} {{ config }} {% raw %}{{ lipsum }}{% endraw %} {#x#}"),
    ("bidi", "\u202eevil\u202c \u2066isolate\u2069 gpj.exe"),
    ("zero-width", "zero\u200bwidth\u200d\ufeffjoiner\u2060"),
    # Before "nul": reading.py takes a NUL byte in a file's first 4 KB for a binary file (the
    # document is then refused by name); the long word pushes the NUL rows past that.
    ("long-word", LONG_WORD),
    ("nul", "nul\x00byte\x01\x1b[31m"),
    ("template-literal", "${alert(1)} `${window.__pwned=1}`"),
    ("css", "</style><style>body{display:none}</style>"),
    ("html-js-anchor", '<a href="javascript:alert(1)">anchor</a>'),
    ("details-ontoggle", '<details open ontoggle="window.__pwned=1">x</details>'),
    ("nested-tags", "<<script>script>alert(1)<</script>/script>"),
    ("comment", "<!--<img src=x onerror=alert(1)>-->"),
    ("mutation", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
    ("bibtex-break", "}, note = {pwned}, @misc{evil, title={\\input{/etc/passwd}"),
]

# (name, url) for link fields: none of these may ever reach an href or src.
BAD_URLS: list[tuple[str, str]] = [
    ("javascript", "javascript:alert(1)"),
    ("javascript-case", "JaVaScRiPt:window.__pwned=1"),
    ("data-html", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    ("data-html-plain", "data:text/html,alert(1)"),
    ("vbscript", "vbscript:msgbox(1)"),
    ("entity-javascript", "java&#x73;cript:alert(1)"),
]
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
# http, but with quotes that would close an attribute: read as a link, never emitted as one.
QUOTED_HTTP = 'https://example.com/a"onmouseover="window.__pwned=1'

# File names carry markup and quotes too (no `/`: it cannot be in a file name).
FILE_NAMES = {
    "footnote": "2024-04-02 <b>\"foot'note\" <img src=x onerror=alert(1)>.md",
    "daily": "daily <b>\"q'uote\" <script>alert(1)<b>.md",
    "venue": "ICCV2023 <b>\"venue'table\" <svg onload=alert(1)>.md",
}



FORMAT_NUMBER = {"footnote": 1, "daily": 2, "venue": 3}


def tag(fmt: str, index: int) -> str:
    """A word unique to one paper, so that papers never merge and tests can find them."""
    return f"Inj{fmt[0].upper()}{index:02d}"


def arxiv_id(fmt: str, index: int) -> str:
    return f"2401.{FORMAT_NUMBER[fmt]}{index:04d}"


def bad_url(index: int) -> str:
    return BAD_URLS[index % len(BAD_URLS)][1]


def table_safe(text: str) -> str:
    """A payload as it can stand in a markdown table cell (a cell cannot hold `|` or a newline)."""
    return text.replace("|", "\\|").replace("\n", " ")


# --------------------------------------------------------------------------- the documents


def footnote_document() -> str:
    rows, notes = [], []
    for index, (_, payload) in enumerate(PAYLOADS):
        key = tag("footnote", index)
        ident = arxiv_id("footnote", index)
        rows.append(
            f"| [^{index + 1}] | [{key} Title {table_safe(payload)}](https://arxiv.org/abs/{ident}) "
            f"| 中文摘要概括{key} {table_safe(payload)} |"
        )
        zh_abstract = f"中文摘要详细内容{key} {payload} " + "这是一段很长的中文摘要，用于测试。" * 20
        notes.append(
            f"[^{index + 1}]: 中文标题测试{key} {payload}\n\n"
            f"    English title {key} {payload}\n\n"
            f"    [https://arxiv.org/abs/{ident}](https://arxiv.org/abs/{ident})\n\n"
            f"    [{key} bad link]({bad_url(index)})\n\n"
            f"    {bad_url(index + 1)}\n\n"
            f"    [quoted]({QUOTED_HTTP})\n\n"
            f"    中文简述一句话概括{key} {payload}\n\n"
            f"    English TL;DR {key} {payload}.\n\n"
            f"    {zh_abstract}\n\n"
            f"    arXiv:{ident}v1 Announce Type: new  Abstract: English abstract {key} {payload} ends here.\n"
        )
    return (
        "# 摘要\n\n| Ref | Title | Summary |\n| --- | --- | --- |\n" + "\n".join(rows)
        + "\n\n# 详细\n\n" + "\n".join(notes)
    )


def daily_document() -> str:
    parts = ["## [UPDATED!] **2024-03-05** (Publish Time)\n"]
    for index, (name, payload) in enumerate(PAYLOADS):
        key = tag("daily", index)
        parts.append(f">## **Section{key} {payload}**\n>---\n")  # each paper in its own section
        pdf = f"<http://arxiv.org/pdf/{arxiv_id('daily', index)}v1>" if index % 2 else f"<{bad_url(index)}>"
        parts.append(
            f">>**index:** {index + 1}<br />\n"
            f"**Title:** **Daily title {key} {payload}**<br />\n"
            f"**Title_cn:** 每日标题{key} {payload}<br />\n"
            f"**Authors:** Alice {key}, Bob {payload}, Carol Smith<br />\n"
            f"**Abstract:** <details><summary>原文: </summary>Daily abstract {key} {payload} ends here.</details>\n"
            f"**Abstract_cn:** <details><summary>译文: </summary>每日摘要{key} {payload} 结束。</details>\n"
            f"**PDF:** {pdf}<br />\n"
            f"**Code:** [code]({bad_url(index + 1)})<br />\n"
        )
    return "\n".join(parts)


def venue_document() -> str:
    header = "| 年份 | 题目 | 中文题目 | 作者 | 摘要 | 中文摘要 | link | code | 会议 |\n" + "| --- " * 9 + "|\n"
    parts = ["# ICCV 2023\n"]
    for index, (name, payload) in enumerate(PAYLOADS):
        key = tag("venue", index)
        cell = table_safe(payload)
        link = (
            f"[link](https://openaccess.thecvf.com/content/ICCV2023/papers/{key}_paper.pdf)"
            if index % 2 else f"[link]({bad_url(index)})"
        )
        parts.append(f"## Heading{key} {payload}\n\n" + header)  # one table per paper, under a payload heading
        parts.append(
            f"| 2023 | Venue title {key} {cell} | 会议中文题目{key} {cell} | Dan {key}, Eve {cell} "
            f"| Venue abstract {key} {cell} ends here. | 会议中文摘要{key} {cell} 结束。 "
            f"| {link} | [code]({bad_url(index + 2)}) | ICCV 2023 {cell} |\n"
        )
    return "\n".join(parts)


def write_documents(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    documents = {"footnote": footnote_document(), "daily": daily_document(), "venue": venue_document()}
    paths = {}
    for fmt, text in documents.items():
        path = folder / FILE_NAMES[fmt]
        path.write_text(text, encoding="utf-8")
        paths[fmt] = path
    return paths


# --------------------------------------------------------------------------- names from the configuration
# Every payload also names a taxonomy topic (matched by a keyword to one daily paper), and the
# corrections file gives every footnote paper a venue and a section made of it. These names
# become page titles, which MkDocs and Material print unescaped.


def name_tag(source: str, index: int) -> str:
    """A word unique to one configured name: InjT (taxonomy), InjV (venue), InjS (section)."""
    return f"Inj{source}{index:02d}"


def taxonomy_topic_id(index: int) -> str:
    return f"hostile-{index:02d}"


def taxonomy_data() -> dict:
    return {"topics": [
        {"id": taxonomy_topic_id(index), "name_zh": f"主题名{name_tag('T', index)} {payload}",
         "name_en": f"TopicName{name_tag('T', index)} {payload}", "keywords_en": [tag("daily", index)]}
        for index, (_, payload) in enumerate(PAYLOADS)
    ]}


def corrections_data() -> dict:
    return {
        arxiv_id("footnote", index): {
            "venue": f"VenueName {name_tag('V', index)} {payload}",
            "sections": [f"SectionName {name_tag('S', index)} {payload}"],
        }
        for index, (_, payload) in enumerate(PAYLOADS)
    }


def write_configuration(folder: Path) -> Path:
    """A copy of the project's mkdocs.yml that reads the hostile taxonomy and corrections files."""
    taxonomy, corrections = folder / "taxonomy.yml", folder / "corrections.yml"
    taxonomy.write_text(yaml.safe_dump(taxonomy_data(), allow_unicode=True), encoding="utf-8")
    corrections.write_text(yaml.safe_dump(corrections_data(), allow_unicode=True), encoding="utf-8")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in (
        ("\ndocs_dir: docs\n", f"\ndocs_dir: {ROOT / 'docs'}\n"),
        ("\n  - hooks.py\n", f"\n  - {ROOT / 'hooks.py'}\n"),
        ("\n      corrections: corrections.yml\n", f"\n      corrections: {corrections}\n      taxonomy: {taxonomy}\n"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def build_payload_site(sources: Path, site_dir: Path, config: Path) -> subprocess.CompletedProcess:
    """The real `mkdocs build` (not --strict: bad links are warnings) pointed at ``sources``."""
    # `search: material` (still an option): its search_index.json is scanned for payloads here
    env = dict(os.environ, DIGEST_SOURCES=str(sources), RESEARCH_DIGEST_SEARCH="material")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env=env,
    )


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    """(site folder, build result, {format: document path}) of the site built from the payloads."""
    root = tmp_path_factory.mktemp("injection")
    sources = root / "digests"
    paths = write_documents(sources)
    site_dir = root / "site"
    result = build_payload_site(sources, site_dir, write_configuration(root))  # bounded by its timeout
    assert result.returncode == 0, result.stderr[-4000:]
    return site_dir, result, paths


# --------------------------------------------------------------------------- HTML scanning

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcdoc", "xlink:href", "poster", "data", "srcset", "background"}
SAFE_URL = re.compile(r"^(?:https?://[^\s\"'<>]+|#[^\s\"'<>]*|(?![a-zA-Z][a-zA-Z0-9+.\-]*:)[^\s\"'<>]*)$")
# What the generated part of a page (inside .rd-page) may be made of.
ARTICLE_TAGS = {
    "div", "h1", "h2", "h3", "p", "span", "small", "strong", "a", "article", "ul", "li", "nav",
    "details", "summary", "pre", "button",
    # the reading list: its import field, and a word for readers without JavaScript;
    # the archive index's go-to-date field
    "form", "label", "input", "noscript",
    # the statistics page: build-time SVG charts and their data tables
    "section", "svg", "g", "rect", "line", "text", "tspan", "title", "desc", "path",
    "table", "caption", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "figure", "figcaption",
    # the search results page: its form and the list search-page.js fills
    "form", "input", "label", "select", "option", "ol", "noscript",
}


class PageScan(HTMLParser):
    """Scripts, event-handler attributes, URLs, and the tags used inside the generated .rd-page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.handlers: list[tuple[str, str, str | None]] = []
        self.urls: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self.article_tags: set[str] = set()
        self.bibtex: list[str] = []
        self.header_topic: list[str] = []
        self.alternate_titles: list[str] = []
        self._script: list | None = None
        self._article_depth = 0
        self._bibtex: list[str] | None = None
        self._topic_depth = 0
        self._inner_tags_in_bibtex = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
            if name in URL_ATTRIBUTES:
                self.urls.append((tag, name, value or ""))
        if tag == "script":
            self._script = [values, ""]
            self.scripts.append(self._script)  # type: ignore[arg-type]
        if tag == "link" and values.get("rel") == "alternate":
            self.alternate_titles.append(values.get("title") or "")
        if self._article_depth:
            self.article_tags.add(tag)
            if tag not in VOID:
                self._article_depth += 1
        elif "rd-page" in classes:
            self._article_depth = 1
        if self._bibtex is not None:
            self._inner_tags_in_bibtex += 1
        if tag == "pre" and "rd-bibtex__text" in classes:
            self._bibtex = []
        if self._topic_depth and tag not in VOID:
            self._topic_depth += 1
        elif values.get("data-md-component") == "header-topic":
            self._topic_depth = 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None
        if self._article_depth and tag not in VOID:
            self._article_depth -= 1
        if tag == "pre" and self._bibtex is not None:
            self.bibtex.append("".join(self._bibtex))
            self._bibtex = None
        if self._topic_depth and tag not in VOID:
            self._topic_depth -= 1

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data
        if self._bibtex is not None:
            self._bibtex.append(data)
        if self._topic_depth:
            self.header_topic.append(data)


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(path for path in site_dir.rglob("*.html") if "assets" not in path.relative_to(site_dir).parts)


def scan(path: Path) -> PageScan:
    scanner = PageScan()
    scanner.feed(path.read_text(encoding="utf-8"))
    scanner.close()
    return scanner


EARLY_JS = (ROOT / "plugins" / "research_digest" / "assets" / "early.js").read_text(encoding="utf-8")
# Material's own inline scripts, by how they start; their text must also be the same on every page.
MATERIAL_INLINE = ("__md_scope=new URL(", "var palette=__md_get(", "var target=document.getElementById(location.hash")
SCRIPT_SRC = re.compile(r"^(?:\.\./)*(?:/research-digest/)?assets/(?:javascripts/bundle\.[0-9a-f]+\.min\.js|research-digest/(?:digest|reader|search-page|ui-language|paper-data|archive)\.js)$")


def allowed_script(attrs: dict[str, str | None], text: str) -> str | None:
    """Which allowed script this is (a name to compare across pages), or None."""
    if set(attrs) == {"src"} and not text.strip():
        return "src" if SCRIPT_SRC.match(attrs["src"] or "") else None
    if attrs.get("type") == "application/json" and set(attrs) == {"id", "type"} and attrs["id"] in ("__config", "rd-config"):
        json.loads(text)
        return attrs["id"]
    if set(attrs) - {"data-rd-titles"} == {"data-default"} and attrs["data-default"] in ("zh", "en", "both"):
        titles = json.loads(attrs.get("data-rd-titles") or "{}")  # the page's names: data, never code
        if not all(isinstance(name, str) for names in titles.values() for name in names):
            return None
        return "early" if text.strip() == EARLY_JS.strip() else None
    if not attrs:
        start = next((start for start in MATERIAL_INLINE if text.startswith(start)), None)
        return start and re.sub(r'new URL\("[^"]*"', 'new URL(BASE', text)
    return None


# --------------------------------------------------------------------------- the build


def expected_bad_links(fmt: str) -> int:
    count = len(PAYLOADS)
    if fmt == "footnote":
        # a markdown link and a bare address in every footnote; a bare `java&#x73;cript:` is no
        # address at all but a line of prose (it shows as text)
        return count + sum(1 for index in range(count) if "&" not in bad_url(index + 1))
    return count + sum(1 for index in range(count) if index % 2 == 0)  # code always, pdf/link every other


@pytest.mark.parametrize("fmt", ["footnote", "daily", "venue"])
def test_build_succeeds_and_warns_about_every_bad_link_with_file_and_line(payload_site, fmt):
    _, result, paths = payload_site
    path = paths[fmt]
    lines = len(path.read_text(encoding="utf-8").splitlines())
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING") and path.name in line]
    assert not any("is not text" in line or "no known digest format" in line for line in warnings), warnings[:3]
    link_warnings = []
    for line in warnings:
        match = re.search(re.escape(path.name) + r":(\d+): \[(abs_url|pdf_url|code_url|venue_url)\] (.*)$", line)
        if match:
            assert 1 <= int(match[1]) <= lines
            assert re.search(r"scheme|malformed|not an absolute", match[3]), line
            link_warnings.append(line)
    # (a venue title cell holding `[text](javascript:...)` is reported too)
    assert len(link_warnings) >= expected_bad_links(fmt), "\n".join(warnings[:10])
    for scheme in ("javascript", "data", "vbscript"):
        assert any(scheme in line.lower() for line in link_warnings), scheme


def test_no_payload_loses_its_paper_and_file_names_reach_pages_only_escaped(payload_site):
    site_dir, _, _ = payload_site
    text = "".join(path.read_text(encoding="utf-8") for path in (site_dir / "archive").rglob("index.html"))
    for fmt in ("footnote", "daily", "venue"):
        missing = [tag(fmt, index) for index in range(len(PAYLOADS)) if tag(fmt, index) not in text]
        assert missing == [], fmt
    # (papers.json names each appearance's source file, as a JSON string: that is data, not markup;
    # the statistics page lists the source documents, escaped)
    statistics = site_dir / "stats" / "index.html"
    marked_up = [
        path for path in site_dir.rglob("*") if path.suffix in (".html", ".xml", ".bib") and path != statistics
    ]
    everything = "".join(path.read_text(encoding="utf-8", errors="replace") for path in marked_up)
    for word in ("foot'note", "q'uote", "venue'table", "foot&#39;note", "foot&#x27;note"):
        assert word not in everything
    listed = statistics.read_text(encoding="utf-8")
    assert "&lt;b&gt;&#34;foot&#39;note&#34;" in listed and '<b>"foot' not in listed


# --------------------------------------------------------------------------- static checks


def test_only_materials_and_our_scripts_are_on_any_page(payload_site):
    site_dir, _, _ = payload_site
    kinds: dict[str, set[str]] = {}
    for path in html_pages(site_dir):
        names = []
        for attrs, text in scan(path).scripts:
            name = allowed_script(attrs, text)
            assert name is not None, f"{path.relative_to(site_dir)}: unexpected script {attrs} {text[:200]!r}"
            names.append(name if len(name) < 40 else name[:40])
            kinds.setdefault(name[:40], set()).add(name)
        # Material's 3 inline scripts, its bundle and config, our early script, config and 6 scripts
        assert len(names) == 13, (path, names)
    # each of Material's inline scripts is one and the same text on every page
    assert all(len(texts) == 1 for texts in kinds.values()), {k: len(v) for k, v in kinds.items()}


def test_no_event_handler_attribute_and_only_safe_urls_anywhere(payload_site):
    site_dir, _, _ = payload_site
    pages = html_pages(site_dir)
    assert len(pages) > 60
    for path in pages:
        page = scan(path)
        where = path.relative_to(site_dir)
        assert page.handlers == [], (where, page.handlers[:3])
        bad = [url for url in page.urls if not SAFE_URL.match(url[2])]
        assert bad == [], (where, bad[:3])
        for _, _, url in page.urls:
            assert not url.lower().lstrip().startswith(BAD_SCHEMES), (where, url)
        assert page.article_tags <= ARTICLE_TAGS, (where, page.article_tags - ARTICLE_TAGS)


def test_page_titles_header_and_feed_links_carry_no_markup(payload_site):
    """Regression: a section label, a taxonomy topic's name and a corrected venue or section become
    page titles, which Material prints unescaped in its header and <title>, and the feed <link
    title="..."> in the head (issue 11)."""
    site_dir, _, _ = payload_site
    topic_pages = sorted((site_dir / "topics").glob("*/index.html"))
    # one per section label of the daily and venue documents, per taxonomy topic, per corrected section
    assert len(topic_pages) >= 4 * len(PAYLOADS)
    venue_pages = sorted((site_dir / "venues").glob("*/index.html"))
    assert len(venue_pages) >= len(PAYLOADS)  # one per corrected venue
    for path in topic_pages + venue_pages:
        text = path.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        assert title and "<" not in title[1], (path, title)
        page = scan(path)
        topic = "".join(page.header_topic)
        assert "<" not in topic and ">" not in topic, (path, topic)
        for alternate in page.alternate_titles:
            assert not re.search(r"[<>\"]", alternate), (path, alternate)


CONFIGURED_NAME = re.compile(r"Inj[TVS]\d\d")


def configured_name_pages(site_dir: Path) -> dict[str, Path]:
    """{name tag: the first page of the listing a configured name titles}."""
    pages = {}
    for path in sorted([*(site_dir / "topics").glob("*/index.html"), *(site_dir / "venues").glob("*/index.html")]):
        heading = re.search(r'<h1 class="rd-title">(.*?)</h1>', path.read_text(encoding="utf-8"), re.S)
        found = CONFIGURED_NAME.search(heading[1]) if heading else None
        if found:
            pages[found[0]] = path
    return pages


def test_names_from_the_taxonomy_and_corrections_title_their_pages_as_plain_text(payload_site):
    """Issue 11: each hostile taxonomy name, corrected venue and corrected section has its page;
    its heading shows the name as escaped text, its page title in full-width forms."""
    site_dir, _, _ = payload_site
    pages = configured_name_pages(site_dir)
    assert sorted(pages) == sorted(name_tag(source, index) for source in "TVS" for index in range(len(PAYLOADS)))
    script = PAYLOADS[0][1]
    for source in "TVS":
        text = pages[name_tag(source, 0)].read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", text, re.S)[1]
        assert "＜script＞window.__pwned=1;alert(1)＜/script＞" in title, title
        heading = re.search(r'<h1 class="rd-title">(.*?)</h1>', text, re.S)[1]
        assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in heading and script not in heading


def test_search_index_parses_and_holds_payloads_only_as_escaped_text(payload_site):
    site_dir, _, _ = payload_site
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = []
    for doc in index["docs"]:
        for field in ("title", "text"):
            fragment = PageScan()
            fragment.feed(doc[field])  # Material renders these as HTML
            fragment.close()
            assert fragment.handlers == [] and fragment.scripts == [] and fragment.urls == [], doc["location"]
            tags = set(re.findall(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)", doc[field]))
            assert tags <= {"p", "code", "pre", "li", "ol", "ul", "strong", "em", "br"}, (doc["location"], tags)
        texts += [doc["title"], doc["text"]]
    joined = "\n".join(texts)
    for fmt in ("footnote", "daily", "venue"):  # every canonical card is indexed
        assert all(tag(fmt, index) in joined for index in range(len(PAYLOADS))), fmt
    assert "Daily title InjD03 \"'&gt;" in joined  # broken quotes, as escaped text
    assert "&lt;!----&gt;" in joined  # a left-over comment marker, as escaped text


ENTRY_FIELDS = {"title", "author", "year", "booktitle", "eprint", "archiveprefix", "primaryclass", "url", "abstract"}


def bibtex_entries(text: str):
    import bibtexparser

    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [], [str(block)[:200] for block in library.failed_blocks]
    return library.entries


def test_bibtex_in_the_pages_is_escaped_and_reads_back_as_one_entry(payload_site):
    site_dir, _, _ = payload_site
    seen = 0
    for path in sorted((site_dir / "archive").rglob("index.html")):
        page = scan(path)
        assert page._inner_tags_in_bibtex == 0, path  # nothing but text inside the <pre>
        for text in page.bibtex:
            entries = bibtex_entries(text)
            assert len(entries) == 1, text[:300]
            entry = entries[0]
            assert {name.lower() for name in entry.fields_dict} <= ENTRY_FIELDS, entry.fields_dict.keys()
            assert "note" not in {name.lower() for name in entry.fields_dict}
            seen += 1
    assert seen >= 3 * len(PAYLOADS)
    papers_bib = site_dir / "papers.bib"
    if papers_bib.exists():
        entries = bibtex_entries(papers_bib.read_text(encoding="utf-8"))
        assert len(entries) == 3 * len(PAYLOADS)
        for entry in entries:
            assert {name.lower() for name in entry.fields_dict} <= ENTRY_FIELDS


def test_feeds_and_json_exports_are_well_formed_and_hold_no_markup(payload_site):
    import xml.etree.ElementTree as ElementTree

    site_dir, _, _ = payload_site
    feeds = [path for path in site_dir.rglob("*.xml") if not path.name.startswith("sitemap")]
    for path in feeds:
        tree = ElementTree.parse(path)
        for element in tree.iter():
            if element.text and element.tag.split("}")[-1] in ("title", "description", "summary", "content", "name"):
                # RSS descriptions are read as HTML by feed readers: no payload may form an element.
                fragment = PageScan()
                fragment.feed(element.text)
                fragment.close()
                # (`<javascript:alert(1)>`, a markdown autolink left as text, is no element)
                elements = [name for name in fragment.tags if re.fullmatch(r"[a-z][a-z0-9-]*", name)]
                assert elements == [] and fragment.handlers == [], (path, element.text[:200])
    for path in site_dir.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- regressions (unit)


def test_tags_written_without_a_space_after_the_name_are_stripped():
    """Regression: `<svg/onload=...>` was kept as text (only `<svg onload=...>` counted as a tag)."""
    from research_digest.clean import repair

    assert repair("a <svg/onload=alert(1)> b <img/src=x/onerror=alert(1)> c <br/> d") == "a b c d"


def test_stripping_tags_never_leaves_a_new_tag_behind():
    """Regression: removing the inner tags of `<iframe srcdoc="<script>...">` left
    `<iframe srcdoc=" ... ">`, a complete tag, in titles (and so in the feeds)."""
    from research_digest.clean import repair

    assert repair('x <iframe srcdoc="<script>parent.__pwned=1</script>"></iframe> y') == "x y"
    hostile = '<a title="' * 40 + "<b>" + '">' * 40
    assert not re.search(r"<\s*/?[a-zA-Z]", repair(hostile))
    assert repair("a < b and c > d, n<k") == "a < b and c > d, n<k"  # comparisons are no tags


def test_section_labels_keep_no_markup_character():
    """Regression: a section label becomes a generated topic page's title, which Material prints
    unescaped (header, <title>) and the feed <link title="..."> in the head: one label ran script."""
    from research_digest.clean import clean_entry
    from research_digest.model import Entry

    entry = Entry("x.md", 1, "daily", title_en="T", section='A & B <svg/onload=alert(1)> "q" &amp;lt;i&amp;gt; R&D')
    cleaned, _ = clean_entry(entry)
    section = cleaned.entry.section
    assert not re.search(r"[<>\"]|&(?=#?[A-Za-z0-9])", section), section
    assert section.startswith("A & B ") and "＂q＂" in section
    assert cleaned.entry.title_en == "T"


# --------------------------------------------------------------------------- in the browser

LANGS = ("zh", "en", "both")
# Evaluated in the page after every step: what a payload would have left behind.
TRACES = """() => {
  const handlers = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) if (attr.name.startsWith('on')) handlers.push(el.tagName + ' ' + attr.name);
  }
  const foreign = document.querySelectorAll(
    '.rd-page script, .rd-page img, .rd-page svg, .rd-page iframe, .rd-page style, .rd-page math, ' +
    '.rd-page textarea, .rd-page object, .rd-page embed, .rd-page link, .rd-page form, ' +
    '.md-search-result script, .md-search-result img, .md-search-result iframe, .md-search-result style');
  const links = Array.from(document.querySelectorAll('.rd-page a[href], .md-search-result a[href]'))
    .map(a => a.href).filter(href => !/^https?:/i.test(href));
  return {pwned: typeof window.__pwned, handlers, foreign: foreign.length, links,
          scripts: document.scripts.length, hidden: getComputedStyle(document.body).display === 'none'};
}"""


@pytest.fixture(scope="module")
def served(payload_site, browser):
    site_dir, _, _ = payload_site
    with serve_directory(site_dir) as base_url:
        yield browser, base_url, site_dir


@pytest.fixture
def watched(served):
    """A page whose dialogs, console output and errors are recorded (dialogs are dismissed)."""
    browser, base_url, site_dir = served
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = context.new_page()
    page.events = {"dialogs": [], "console": [], "errors": []}

    def on_dialog(dialog):
        page.events["dialogs"].append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda message: page.events["console"].append(message.text))
    page.on("pageerror", lambda error: page.events["errors"].append(str(error)))
    page.base_url = base_url
    page.site_dir = site_dir
    yield page
    context.close()


def assert_untouched(page, where: str) -> None:
    traces = page.evaluate(TRACES)
    events = page.events
    assert events["dialogs"] == [], (where, events["dialogs"])
    assert not [line for line in events["console"] if "PWNED" in line], (where, events["console"])
    assert events["errors"] == [], (where, events["errors"])
    assert traces["pwned"] == "undefined", where
    assert traces["handlers"] == [], (where, traces["handlers"])
    assert traces["foreign"] == 0 and traces["links"] == [], (where, traces)
    assert traces["scripts"] == 13 and not traces["hidden"], (where, traces)


def payload_pages(site_dir: Path) -> list[str]:
    """Home, every day page (and the venue papers' year page), every topic page and venue page
    but those titled by configured names (test_configured_names_run_nothing_and_show_literally)."""
    paths = ["/"]
    configured = set(configured_name_pages(site_dir).values())
    for path in sorted(site_dir.rglob("index.html")):
        url = "/" + path.parent.relative_to(site_dir).as_posix() + "/"
        if path in configured:
            continue
        if re.fullmatch(r"/archive/\d{4}/\d{2}/\d{2}/|/archive/\d{4}/", url) or url.startswith(("/topics/", "/venues/")):
            paths.append(url)
    return paths


def choose(page, lang: str) -> None:
    page.locator(f'.rd-lang-switch__option[data-rd-value="{lang}"]').click()
    assert page.evaluate("document.documentElement.dataset.rdLang") == lang


def open_everything(page) -> None:
    """Open a few abstracts (and the authors and BibTeX folds) by clicking, the rest at once."""
    summaries = page.locator("details.rd-abstract:visible > summary")
    for index in range(min(3, summaries.count())):
        summaries.nth(index).click()
    page.evaluate("() => document.querySelectorAll('.rd-page details').forEach(d => { d.open = true; })")


@pytest.mark.browser
def test_no_payload_runs_on_any_page_in_any_language(watched):
    page = watched
    paths = payload_pages(page.site_dir)
    assert len(paths) > 2 * len(PAYLOADS)
    for path in paths:
        page.goto(page.base_url + path)
        assert_untouched(page, path)
        for lang in LANGS:
            choose(page, lang)
        open_everything(page)
        copy = page.locator(".rd-copy-bibtex:visible")
        if copy.count():
            copy.first.click()
            page.wait_for_selector(".rd-copy-bibtex[data-rd-state]")
        page.mouse.move(300, 400)  # hover handlers, were there any
        assert_untouched(page, path)


def card(page, key: str):
    return page.locator("article.rd-card", has_text=key).first


@pytest.mark.browser
def test_payload_text_is_shown_literally(watched):
    page = watched
    page.goto(page.base_url + "/archive/2024/03/05/?lang=both")
    open_everything(page)

    def title(key: str) -> str:
        return card(page, key).locator(".rd-card__title .rd-en").first.text_content()

    assert title(tag("daily", 3)).endswith("\"'>")  # broken quotes
    assert "{{7*7}} {{ config }} {% raw %}{{ lipsum }}{% endraw %} {#x#}" in title(tag("daily", 14))
    assert "${alert(1)} `${window.__pwned=1}`" in title(tag("daily", 19))
    assert "<!---->" in title(tag("daily", 24))  # what is left of a comment, as text
    assert "\u202eevil\u202c \u2066isolate\u2069 gpj.exe" in title(tag("daily", 15))
    assert "49" not in title(tag("daily", 14))
    # `[click me](javascript:alert(1))` is plain text, nowhere a link
    abstract = card(page, tag("daily", 8)).locator(".rd-abstract.rd-en .rd-abstract__text")
    assert "click me" in abstract.text_content() and abstract.locator("a").count() == 0
    # (its section label links to the topic page it names; no other link carries the text)
    # (author names link to the results page for that author: a URL of ours, the name only in it)
    assert card(page, tag("daily", 8)).locator("a:not(.rd-topic):not(.rd-author)", has_text="click me").count() == 0
    # the BibTeX shown is escaped BibTeX, not markup and not a second entry
    bibtex = card(page, tag("daily", 26)).locator(".rd-bibtex__text").text_content()
    assert "\\}, note = \\{pwned\\}" in bibtex and len(bibtex_entries(bibtex)) == 1
    assert_untouched(page, "literal")


def markup_free(text: str) -> str:
    """What a page title shows of a configured name: its markup characters in full-width forms."""
    text = text.replace("<", "＜").replace(">", "＞").replace('"', "＂")
    return re.sub(r"&(?=#?[A-Za-z0-9])", "＆", text)


@pytest.mark.browser
def test_configured_names_run_nothing_and_show_literally(watched):
    """Issue 11: no taxonomy topic's name, corrected venue or corrected section runs anything in
    the page title, Material's header or the page; the heading shows each literally, the title
    and header in full-width forms."""
    page = watched
    for name, path in configured_name_pages(page.site_dir).items():
        url = "/" + path.parent.relative_to(page.site_dir).as_posix() + "/?lang=both"
        page.goto(page.base_url + url)
        page.mouse.move(300, 200)  # hover handlers, were there any
        assert_untouched(page, url)
        payload_name, payload = PAYLOADS[int(name[-2:])]
        if payload_name == "nul":  # a browser shows a NUL byte as U+FFFD
            continue
        heading = page.locator("h1.rd-title :is(.rd-en, .rd-same)").first.text_content()  # a name the same in both: once
        assert f"{name} {payload}" in heading, (url, heading)
        assert markup_free(payload) in page.title(), (url, page.title())
        header = page.locator(".md-header__title").first.text_content()
        assert markup_free(payload) in header, (url, header)


@pytest.mark.browser
def test_copied_bibtex_is_the_escaped_entry(watched):
    page = watched
    page.goto(page.base_url + "/archive/2024/03/05/?lang=en")
    target = card(page, tag("daily", 26))
    target.locator("details.rd-bibtex > summary").click()
    target.locator(".rd-copy-bibtex").click()
    page.wait_for_selector(".rd-copy-bibtex[data-rd-state]")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == target.locator(".rd-bibtex__text").text_content().strip()
    entries = bibtex_entries(copied)
    assert len(entries) == 1 and "note" not in {name.lower() for name in entries[0].fields_dict}
    assert_untouched(page, "copy")


def search(page, query: str):
    return type_search(page, query, "li.md-search-result__item")


@pytest.mark.browser
@pytest.mark.parametrize("query", ["onerror", "alert", "InjD03", "pwned"])
def test_searching_a_payload_word_runs_nothing(watched, query):
    page = watched
    page.goto(page.base_url + "/")
    results = search(page, query)
    assert results.count() >= 1
    page.mouse.move(600, 300)
    assert_untouched(page, f"search {query}")
    if query == "InjD03":
        assert "\"'>" in results.first.text_content()  # shown as text, not parsed


@pytest.mark.browser
def test_hostile_query_and_hash_run_nothing(watched):
    page = watched
    hostile = quote("<script>alert(1)</script>", safe="")
    page.goto(page.base_url + f"/archive/2024/03/05/?lang={hostile}#%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert page.evaluate("document.documentElement.dataset.rdLang") in LANGS
    page.evaluate("() => { location.hash = '<img src=x onerror=alert(1)>'; }")
    page.wait_for_timeout(100)
    assert_untouched(page, "hash")


@pytest.mark.browser
def test_a_very_long_word_does_not_widen_the_page(watched):
    page = watched
    for path in ("/archive/2024/03/05/", "/venues/iccv-2023/"):
        page.goto(page.base_url + path + "?lang=both")
        open_everything(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
