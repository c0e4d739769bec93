"""The scale benchmark: for each corpus size, synthesise a corpus, time the parse (cold and warm),
build the site with the project's mkdocs.yml, measure what it produced, and build the same pages
as a bare MkDocs + Material site (no plugin of ours) for the floor.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import environment, parse_cache
from ..digest import DigestOptions, build_digest
from .search_bytes import SHARDED_MANIFEST, SearchFiles, default_search_files, first_search_bytes
from .serve import time_serve_update
from .sizes import breakdown_table, site_breakdown
from .synth import synthesise

ROOT = Path(__file__).resolve().parents[3]
PROJECT_CONFIG = ROOT / "mkdocs.yml"
BARE_NAV = ("index.md", "archive/index.md", "topics/index.md", "venues/index.md", "about/index.md")
RESULTS_START, RESULTS_END = "<!-- bench:results -->", "<!-- /bench:results -->"

# --- building and measuring a site ----------------------------------------------------------


@dataclass
class Build:
    seconds: float = 0.0
    peak_rss: int = 0  # bytes
    site_bytes: int = 0
    pages: int = 0
    largest_page: int = 0
    largest_path: str = ""
    largest_file: int = 0  # of any kind: GitHub refuses files over 100 MB
    largest_file_path: str = ""
    error: str = ""
    cpu: float = 0.0  # user + system seconds
    parts: dict[tuple[str, str], int] = field(default_factory=dict)  # bytes by (top folder, file kind)


def run_measured(command: Sequence[str], env: dict[str, str], log_path: Path, cwd: Path = ROOT) -> tuple[float, int, int, float]:
    """(seconds, peak RSS in bytes, exit status, CPU seconds) of one subprocess. The peak is the
    child's own ru_maxrss (os.wait4: getrusage(RUSAGE_CHILDREN) for this one child); its CPU time
    (user + system) is what a busy machine does not inflate."""
    with log_path.open("wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen(list(command), cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
            cpu = usage.ru_utime + usage.ru_stime
        else:  # pragma: no cover - no rusage on this platform
            process.wait()
            peak, cpu = 0, 0.0
        return time.perf_counter() - start, peak, process.returncode, cpu


def mkdocs_build(config: Path, site_dir: Path, env: dict[str, str], log_path: Path) -> Build:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site_dir)]
    seconds, peak, status, cpu = run_measured(command, env, log_path, cwd=config.parent)
    build = Build(seconds, peak, cpu=cpu)
    if status != 0:
        build.error = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
        return build
    build.site_bytes, build.pages, build.largest_page, build.largest_path = site_stats(site_dir)
    build.largest_file, build.largest_file_path = largest_file(site_dir)
    build.parts = dict(site_breakdown(site_dir))
    return build


def largest_file(site_dir: Path) -> tuple[int, str]:
    """The size and path of the biggest file in the site."""
    sizes = [(path.stat().st_size, path.relative_to(site_dir).as_posix()) for path in site_dir.rglob("*") if path.is_file()]
    return max(sizes, default=(0, ""))


def site_stats(site_dir: Path) -> tuple[int, int, int, str]:
    """(bytes on disk, HTML pages, size of the largest page, its path)."""
    total, pages, largest, largest_path = 0, 0, 0, ""
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            pages += 1
            if size > largest:
                largest, largest_path = size, path.relative_to(site_dir).as_posix()
    return total, pages, largest, largest_path


# --- the bare MkDocs + Material floor -------------------------------------------------------


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml tags (!ENV, !!python/name:) as nothing: only plain settings are copied."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def article_html(page: str) -> str:
    """The inner HTML of Material's ``<article class="md-content__inner">``: the page's content."""
    start = page.find('<article class="md-content__inner')
    end = page.rfind("</article>")
    if start < 0 or end < start:
        return ""
    return page[page.index(">", start) + 1 : end].strip()


def _indexed_pages(site_dir: Path) -> set[str]:
    """Pages (as `archive/2024/` locations) our site makes searchable: those in Material's index
    and, with the sharded paper index, the pages its results point to."""
    pages: set[str] = set()
    index = site_dir / "search" / "search_index.json"
    if index.exists():
        docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
        pages |= {doc.get("location", "").split("#")[0] for doc in docs}
    manifest = site_dir / SHARDED_MANIFEST
    if manifest.exists():
        pages |= {page[0].split("#")[0] for page in json.loads(manifest.read_text(encoding="utf-8")).get("pages", [])}
    return pages


def _page_title(page: str, site_name: str) -> str:
    match = re.search(r"<title>(.*?)</title>", page, re.S)
    title = match.group(1).strip() if match else ""
    suffix = f" - {site_name}"
    return title[: -len(suffix)] if title.endswith(suffix) else title


def bare_docs(site_dir: Path, docs_dir: Path, site_name: str) -> int:
    """Every HTML page of ``site_dir`` (but 404) as a Markdown page of raw HTML at the same path,
    with its title and its search exclusion. Returns how many pages were written."""
    indexed = _indexed_pages(site_dir)
    count = 0
    for html_path in sorted(site_dir.rglob("*.html")):
        relative = html_path.relative_to(site_dir)
        if relative.as_posix() == "404.html":
            continue
        page = html_path.read_text(encoding="utf-8")
        meta: dict[str, object] = {"title": _page_title(page, site_name), "hide": ["toc"]}
        location = relative.parent.as_posix() + "/" if relative.parent.parts else ""
        if location not in indexed:
            meta["search"] = {"exclude": True}
        target = docs_dir / relative.with_suffix(".md")
        target.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
        target.write_text(f"---\n{front}---\n\n<div>\n{article_html(page)}\n</div>\n", encoding="utf-8")
        count += 1
    return count


def bare_config(project_config: Path, docs_dir: Path) -> dict[str, object]:
    """The project's site name, theme and search settings; no plugin of ours, the same short nav."""
    project = yaml.load(project_config.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    search = next(
        (plugin for plugin in project.get("plugins") or [] if plugin == "search" or (isinstance(plugin, dict) and "search" in plugin)),
        "search",
    )
    return {
        "site_name": project.get("site_name", "Bare"),
        "docs_dir": str(docs_dir),
        "theme": project.get("theme", {"name": "material"}),
        "plugins": [search],
        "nav": [path for path in BARE_NAV if (docs_dir / path).exists()],
    }


def bare_build(site_dir: Path, work: Path, env: dict[str, str]) -> Build:
    project = yaml.load(PROJECT_CONFIG.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    docs = work / "docs"
    bare_docs(site_dir, docs, str(project.get("site_name", "")))
    config = work / "mkdocs.yml"
    config.write_text(yaml.safe_dump(bare_config(PROJECT_CONFIG, docs), allow_unicode=True), encoding="utf-8")
    return mkdocs_build(config, work / "site", env, work / "build.log")


# --- parse timing -----------------------------------------------------------------------------


def digest_options(corpus: Path, cache_dir: Path | None = None) -> DigestOptions:
    """The project's options (source dates, corrections) with the corpus as the only source."""
    from ..cli import settings

    options = settings(PROJECT_CONFIG, [str(corpus)]).digest
    return dataclasses.replace(options, base_dir=ROOT, **({"cache_folder": cache_dir} if cache_dir else {}))


def _timed(call: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def time_parse(corpus: Path, cache_dir: Path) -> tuple[float, float, float, int]:
    """(cold, warm from the disk cache, warm from memory) seconds of build_digest, and papers."""
    options = digest_options(corpus, cache_dir)
    parse_cache.clear_memory()
    cold, digest = _timed(lambda: build_digest(options))
    parse_cache.clear_memory()
    warm_disk, _ = _timed(lambda: build_digest(options))
    warm_memory, _ = _timed(lambda: build_digest(options))
    parse_cache.clear_memory()
    return cold, warm_disk, warm_memory, len(digest.papers)  # type: ignore[attr-defined]


# --- one size, and the table ------------------------------------------------------------------


@dataclass
class Result:
    papers: int
    documents: int = 0
    corpus_bytes: int = 0
    parse_cold: float = 0.0
    parse_warm_disk: float = 0.0
    parse_warm_memory: float = 0.0
    build: Build = field(default_factory=Build)
    warm: Build = field(default_factory=Build)  # the same build again, its parse cache filled
    bare: Build = field(default_factory=Build)
    bare_skipped: bool = False
    search_bytes: int = 0
    search_gzip: int = 0
    serve_update: float | None = None


def _folder_bytes(folder: Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file() and path.suffix in (".md", ".txt")]
    return len(files), sum(path.stat().st_size for path in files)


FAR_FUTURE_EPOCH = 2_208_988_800  # 2040-01-01: the reference day of benchmark builds
BARE_MAX = 25_000  # above this many papers the bare-MkDocs floor is not built (hours at 100,000)


def measure(papers: int, work: Path, seed: int = 0, search_files: SearchFiles = default_search_files,
            bare_max: int = BARE_MAX) -> Result:
    corpus, site = work / "corpus", work / "site"
    synthesise(papers, corpus, seed=seed)
    result = Result(papers)
    result.documents, result.corpus_bytes = _folder_bytes(corpus)
    result.parse_cold, result.parse_warm_disk, result.parse_warm_memory, _ = time_parse(corpus, work / "parse-cache")
    env = {**os.environ, "DIGEST_SOURCES": str(corpus), environment.CACHE_ENV: str(work / "build-cache"),
           # a large corpus runs years ahead of the clock: its dates are not typos (digest.py)
           "SOURCE_DATE_EPOCH": str(FAR_FUTURE_EPOCH)}
    result.build = mkdocs_build(PROJECT_CONFIG, site, env, work / "build.log")
    if not result.build.error:
        result.search_bytes, result.search_gzip = first_search_bytes(site, search_files)
        if papers <= bare_max:
            (work / "bare").mkdir(exist_ok=True)
            result.bare = bare_build(site, work / "bare", env)
        else:
            result.bare_skipped = True
        result.warm = mkdocs_build(PROJECT_CONFIG, site, env, work / "build-warm.log")
        result.serve_update = time_serve_update(corpus, env, work / "serve.log", PROJECT_CONFIG, ROOT)
    return result


def _mb(value: int) -> str:
    return f"{value / 1e6:.1f} MB" if value >= 1e5 else f"{value / 1e3:.0f} kB"


def _s(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


COLUMNS = (
    ("papers", lambda r: f"{r.papers:,}"),
    ("documents", lambda r: f"{r.documents:,}"),
    ("corpus", lambda r: _mb(r.corpus_bytes)),
    ("parse cold", lambda r: _s(r.parse_cold)),
    ("parse warm (disk)", lambda r: _s(r.parse_warm_disk)),
    ("parse warm (memory)", lambda r: _s(r.parse_warm_memory)),
    ("build", lambda r: _s(r.build.seconds) if not r.build.error else "failed"),
    ("warm build", lambda r: (_s(r.warm.seconds) if not r.warm.error else "failed") if r.warm.seconds else "–"),
    ("build CPU (cold / warm)", lambda r: f"{_s(r.build.cpu)} / {_s(r.warm.cpu)}" if r.build.cpu else "–"),
    ("peak RSS", lambda r: _mb(max(r.build.peak_rss, r.warm.peak_rss))),
    ("site size", lambda r: _mb(r.build.site_bytes)),
    ("pages", lambda r: f"{r.build.pages:,}"),
    ("largest page", lambda r: f"{_mb(r.build.largest_page)} ({r.build.largest_path})" if r.build.largest_path else "–"),
    ("largest file", lambda r: f"{_mb(r.build.largest_file)} ({r.build.largest_file_path})" if r.build.largest_file_path else "–"),
    ("first search", lambda r: _mb(r.search_bytes)),
    ("first search (gzip)", lambda r: _mb(r.search_gzip)),
    ("bare build", lambda r: "skipped" if r.bare_skipped else _s(r.bare.seconds) if r.bare.seconds and not r.bare.error else "–"),
    ("bare peak RSS", lambda r: _mb(r.bare.peak_rss) if r.bare.peak_rss else "–"),
    ("bare site size", lambda r: _mb(r.bare.site_bytes) if r.bare.site_bytes else "–"),
    ("serve: new day shown", lambda r: _s(r.serve_update) if r.serve_update is not None else "–"),
    ("build / bare", lambda r: f"{r.build.seconds / r.bare.seconds:.2f}×" if r.bare.seconds and not r.bare.error else "–"),
)


def table(results: Sequence[Result]) -> str:
    lines = ["| " + " | ".join(name for name, _ in COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell(result) for _, cell in COLUMNS) + " |" for result in results]
    return "\n".join(lines)


def machine() -> str:
    """One line naming the machine: cores, CPU model, RAM, Python."""
    cpu, ram = platform.processor() or "unknown CPU", "unknown"
    with contextlib.suppress(OSError):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    with contextlib.suppress(OSError, StopIteration):
        kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
        ram = f"{kb / 1024**2:.1f} GiB"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " (load average %.1f at the end of the run)" % os.getloadavg()[0] if hasattr(os, "getloadavg") else ""
    return f"{cores} cores (nproc), {cpu}, {ram} RAM, Python {platform.python_version()}, {platform.system()}{load}"


def report(results: Sequence[Result], seed: int) -> str:
    failures = [f"\nBuild of {r.papers:,} papers failed:\n```\n{r.build.error or r.bare.error}\n```"
                for r in results if r.build.error or r.bare.error]
    parts = [f"\nWhat the site of {r.papers:,} papers is made of:\n\n{breakdown_table(r.build.parts, r.papers)}\n"
             for r in results if r.build.parts]
    return (
        f"Run {dt.datetime.now().isoformat(timespec='minutes')} on {machine()}; seed {seed}.\n\n"
        + table(results) + "\n" + "".join(failures) + "".join(parts)
    )


def write_results(text: str, out: Path) -> None:
    """Write the results file, and the same text between the markers of the README beside it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("# Benchmark results\n\n" + text + "\n", encoding="utf-8")
    readme = out.parent / "README.md"
    if readme.exists():
        current = readme.read_text(encoding="utf-8")
        start, end = current.find(RESULTS_START), current.find(RESULTS_END)
        if 0 <= start < end:
            updated = current[: start + len(RESULTS_START)] + "\n" + text + "\n" + current[end:]
            readme.write_text(updated, encoding="utf-8")


def run_benchmark(
    sizes: Sequence[int], out: Path | None, seed: int = 0, work: Path | None = None,
    search_files: SearchFiles = default_search_files, bare_max: int = BARE_MAX,
) -> str:
    root = work or Path(tempfile.mkdtemp(prefix="rd-bench-"))
    results = []
    try:
        for size in sizes:
            folder = root / f"n{size}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            results.append(measure(size, folder, seed, search_files, bare_max))
            print(table(results[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    finally:
        if work is None:
            shutil.rmtree(root, ignore_errors=True)
    text = report(results, seed)
    if out is not None:
        write_results(text, out)
    return text


# --- profiling a build ------------------------------------------------------------------------


def profile_build(papers: int, work: Path, seed: int = 0, top: int = 30) -> str:
    """Run one cold ``mkdocs build`` under cProfile; the functions that dominate it."""
    import pstats
    from io import StringIO

    corpus = work / "corpus"
    synthesise(papers, corpus, seed=seed)
    env = {**os.environ, "DIGEST_SOURCES": str(corpus), environment.CACHE_ENV: str(work / "build-cache")}
    profile = work / "build.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "mkdocs", "build",
               "-f", str(PROJECT_CONFIG), "-d", str(work / "site")]
    seconds, peak, status, _ = run_measured(command, env, work / "profile.log")
    out = StringIO()
    out.write(f"profiled build of {papers:,} papers: {seconds:.1f} s, exit {status}, peak {_mb(peak)}\n")
    if profile.exists():
        stats = pstats.Stats(str(profile), stream=out)
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()
