"""python -m research_digest.bench {synth,run,profile,search} ..."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from .run import BARE_MAX, ROOT, profile_build, run_benchmark
from .search_bytes import default_search_files
from .sizes import breakdown_table, site_breakdown
from .synth import synthesise


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 1000,5000,25000, not {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive numbers")
    return sizes


def _function(text: str):
    """``package.module:function``, e.g. a function listing the files a sharded search fetches."""
    module, _, name = text.partition(":")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        raise argparse.ArgumentTypeError(f"cannot load {text!r}: {error}") from None


def synth(args: argparse.Namespace) -> int:
    manifest = synthesise(args.papers, Path(args.out), days=args.days, seed=args.seed)
    print(json.dumps(asdict(manifest), indent=2, sort_keys=True))
    return 0


def run(args: argparse.Namespace) -> int:
    out = None if args.out == "-" else Path(args.out)
    work = Path(args.workdir) if args.workdir else None
    print(run_benchmark(args.sizes, out, seed=args.seed, work=work, search_files=args.search_files,
                        bare_max=args.bare_max))
    return 0


def profile(args: argparse.Namespace) -> int:
    work = Path(args.workdir or tempfile.mkdtemp(prefix="rd-profile-"))
    print(profile_build(args.papers, work, seed=args.seed, top=args.top))
    print(f"profile kept in {work / 'build.prof'}", file=sys.stderr)
    return 0


def sizes(args: argparse.Namespace) -> int:
    print(breakdown_table(site_breakdown(Path(args.site)), args.papers))
    return 0


def search(args: argparse.Namespace) -> int:
    from .search_report import run_search_benchmark, write_section

    work = Path(args.workdir) if args.workdir else None
    text, _ = run_search_benchmark(None if args.corpus else args.papers, Path(args.corpus) if args.corpus else None,
                                   per_kind=args.per_kind, seed=args.seed, lunr=args.lunr, lunr_sample=args.lunr_sample,
                                   pagefind=args.pagefind, work=work)
    print(text)
    if args.out != "-":
        write_section(text, Path(args.out))
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m research_digest.bench", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)

    s = commands.add_parser("synth", help="write a synthetic corpus of digests")
    s.add_argument("--papers", type=int, required=True, help="distinct papers to write")
    s.add_argument("--days", type=int, default=None, help="daily digests (default: one per ~80 papers)")
    s.add_argument("--out", required=True, help="folder to write into (empty, or a corpus written before)")
    s.add_argument("--seed", type=int, default=0)
    s.set_defaults(handler=synth)

    r = commands.add_parser("run", help="build sites from synthetic corpora and tabulate the cost")
    r.add_argument("--sizes", type=_sizes, default=[1000, 5000, 25000], help="comma-separated paper counts")
    r.add_argument("--out", default=str(ROOT / "benchmarks" / "results.md"), help="results file ('-': none)")
    r.add_argument("--seed", type=int, default=0)
    r.add_argument("--workdir", default=None, help="keep corpora and sites here (default: a temp folder, removed)")
    r.add_argument("--search-files", type=_function, default=default_search_files,
                   help="module:function(site_dir) -> files a first search fetches")
    r.add_argument("--bare-max", type=int, default=BARE_MAX,
                   help=f"build the bare-MkDocs floor only up to this many papers (default {BARE_MAX:,})")
    r.set_defaults(handler=run)

    p = commands.add_parser("profile", help="one cold build under cProfile; print what dominates")
    p.add_argument("--papers", type=int, default=5000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--workdir", default=None)
    p.set_defaults(handler=profile)
    z = commands.add_parser("sizes", help="a built site's bytes by top folder and file kind, in all and per paper")
    z.add_argument("site", help="the built site folder")
    z.add_argument("--papers", type=int, required=True, help="papers in it (for the per-paper column)")
    z.set_defaults(handler=sizes)
    q = commands.add_parser("search", help="find sampled papers again in headless Chromium: hit@1, hit@10, latency, bytes")
    q.add_argument("--papers", type=int, default=5000, help="synthetic papers (without --corpus)")
    q.add_argument("--corpus", default=None, help="a folder of digests instead of a synthetic corpus")
    q.add_argument("--per-kind", type=int, default=60, help="sampled papers per query kind")
    q.add_argument("--seed", type=int, default=0)
    q.add_argument("--lunr", action="store_true", help="also Material's lunr search (a second build, search: material)")
    q.add_argument("--lunr-sample", type=int, default=None, help="at most this many queries for lunr (it is slow)")
    q.add_argument("--pagefind", action="store_true", help="also Pagefind (python -m pagefind) over the same HTML")
    q.add_argument("--workdir", default=None, help="keep corpus and sites here (default: a temp folder, kept)")
    q.add_argument("--out", default=str(ROOT / "benchmarks" / "README.md"), help="README to put the table in ('-': none)")
    q.set_defaults(handler=search)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    raise SystemExit(main())
