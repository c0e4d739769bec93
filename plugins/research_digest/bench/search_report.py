"""Runs the search benchmark end to end (corpus, sites, queries, engines) and tabulates it for
benchmarks/README.md (between ``<!-- bench:search -->`` markers)."""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .. import environment
from ..digest import build_digest
from .run import PROJECT_CONFIG, ROOT, digest_options, machine, mkdocs_build
from .search_bench import EngineRun, launch, pagefind_index, run_digest, run_lunr, run_pagefind, summary
from .search_queries import query_kinds, sample_queries
from .synth import synthesise

START, END = "<!-- bench:search -->", "<!-- /bench:search -->"
README = ROOT / "benchmarks" / "README.md"


def build_sites(corpus: Path, work: Path, material: bool) -> tuple[Path, Path | None]:
    """The site with the digest's index (``search: auto``) and, if asked, with Material's."""
    env = {**os.environ, "DIGEST_SOURCES": str(corpus), environment.CACHE_ENV: str(work / "build-cache")}
    env.pop("RESEARCH_DIGEST_SEARCH", None)
    sites = []
    for name, mode in (("site", None), ("site-material", "material")):
        if mode is None or material:
            site = work / name
            build = mkdocs_build(PROJECT_CONFIG, site, {**env, **({"RESEARCH_DIGEST_SEARCH": mode} if mode else {})},
                                 work / f"{name}.log")
            if build.error:
                raise RuntimeError(f"mkdocs build failed:\n{build.error}")
            sites.append(site)
        else:
            sites.append(None)
    return sites[0], sites[1]


def run_search_benchmark(papers: int | None, corpus: Path | None, *, per_kind: int = 60, seed: int = 0,
                         lunr: bool = False, lunr_sample: int | None = None, pagefind: bool = False,
                         work: Path | None = None) -> tuple[str, list[EngineRun]]:
    from playwright.sync_api import sync_playwright

    work = work or Path(tempfile.mkdtemp(prefix="rd-search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = corpus.resolve() if corpus is not None else None
    if corpus is None:
        corpus = work / "corpus"
        synthesise(papers or 5000, corpus, seed=seed)
    digest = build_digest(digest_options(corpus))
    queries = sample_queries(digest.papers, per_kind, seed)
    site, material_site = build_sites(corpus, work, lunr)
    runs: list[EngineRun] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        runs.append(run_digest(browser, site, queries))
        if lunr and material_site is not None:
            chosen = _subsample(queries, lunr_sample, seed)
            try:
                runs.append(run_lunr(browser, material_site, chosen))
            except Exception as error:  # noqa: BLE001 - at 25,000 papers lunr's tab may crash: report, keep the rest
                runs.append(EngineRun("Material lunr", note=f"failed: {str(error).splitlines()[0][:200]}"))
            if len(chosen) < len(queries) and runs[-1].outcomes:
                runs[-1].note = f"{len(chosen)} of the {len(queries)} queries (--lunr-sample)"
        if pagefind:
            error = pagefind_index(site)
            runs.append(run_pagefind(browser, site, queries) if not error else EngineRun("Pagefind", note=error))
        browser.close()
    label = f"{len(digest.papers):,} papers ({corpus.name if papers is None else 'synthetic'})"
    return report(label, runs, per_kind, seed), runs


def _subsample(queries: Sequence, size: int | None, seed: int) -> list:
    if not size or size >= len(queries):
        return list(queries)
    by_kind: dict[str, list] = {}
    for query in queries:
        by_kind.setdefault(query.kind, []).append(query)
    rng = random.Random(seed)
    each = max(1, size // len(by_kind))
    return [query for kind in by_kind.values() for query in rng.sample(kind, min(each, len(kind)))]


def _kb(value: float) -> str:
    return f"{value / 1e6:.1f} MB" if value >= 1e6 else f"{value / 1e3:.0f} KB"


def report(label: str, runs: Sequence[EngineRun], per_kind: int, seed: int) -> str:
    tables = [summary(run) for run in runs]
    head = "| query kind (hit@1 / hit@10, %) | " + " | ".join(run.name for run in runs) + " |"
    lines = [f"#### {label}", "", f"Up to {per_kind} sampled papers per kind, seed {seed}; {machine()}.", "",
             head, "|---" * (len(runs) + 1) + "|"]
    for kind in query_kinds([]):
        cells = []
        for table in tables:
            row = table.get(kind)
            cells.append(f"{row['hit1']:.0f} / {row['hit10']:.0f} (n={row['n']:.0f}"
                         f"{', ' + str(int(row['timeouts'])) + ' timed out' if row['timeouts'] else ''})" if row else "–")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    rows = (("search box answers after the page's load event (cold page), median / p90", "usable_median", "usable_p90", "ms"),
            ("first query latency, median / p90", "first_median", "first_p90", "ms"),
            ("warm page latency, median / p90", "warm_median", "warm_p90", "ms"),
            ("search data per first query (gzip), median / p90", "bytes_median", "bytes_p90", "bytes"))
    for title, median, p90, unit in rows:
        cells = [(f"{t['*'][median]:.0f} / {t['*'][p90]:.0f} ms" if unit == "ms" else f"{_kb(t['*'][median])} / {_kb(t['*'][p90])}")
                 if median in t.get("*", {}) else "–" for t in tables]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    notes = [f"- {run.name}: setup (download and index) {run.setup_ms / 1000:.1f} s" for run in runs if run.setup_ms]
    notes += [f"- {run.name}: {run.note}" for run in runs if run.note]
    return "\n".join(lines + ([""] + notes if notes else [])) + "\n"


def write_section(text: str, out: Path = README) -> None:
    """Put ``text`` between the search markers of ``out`` (appending the section once)."""
    current = out.read_text(encoding="utf-8") if out.exists() else ""
    block = f"{START}\n{text}{END}"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        current = before + block + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n## Search: finding a paper again\n\n" + block + "\n"
    out.write_text(current, encoding="utf-8")
