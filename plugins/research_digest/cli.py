"""``python -m research_digest check [PATHS...]``: read digests exactly as the site does and
report what was found and what went wrong."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .digest import build_digest
from .options import PluginOptions, SiteSettings, resolve
from .report import check_report, unnamed_topics_report
from .topics import TaxonomyError


def settings(config_file: Path, paths: list[str], environ: dict[str, str] | None = None) -> SiteSettings:
    """What the plugin would resolve for ``config_file`` (the defaults when there is none), with
    ``paths`` replacing its sources. Exits with a message when the options are wrong."""
    if config_file.exists():
        from .mkdocs_config import plugin_options

        plugin, base_dir, name = plugin_options(config_file), config_file.resolve().parent, config_file.name
    else:
        plugin, base_dir, name = PluginOptions(), Path.cwd(), "defaults"
    try:
        return resolve(plugin, base_dir, environ, paths=paths, paths_base=Path.cwd(), config_name=name)
    except TaxonomyError as error:
        raise SystemExit(f"research-digest taxonomy: {error}") from error


def check(args: argparse.Namespace) -> int:
    if args.config_file is not None and not Path(args.config_file).is_file():
        raise SystemExit(f"{args.config_file}: no such file")
    options = settings(Path(args.config_file or "mkdocs.yml"), args.paths)
    digest = build_digest(options.digest)
    print(check_report(digest, list_merges=args.merges))
    for line in unnamed_topics_report(digest.papers, options.taxonomy):
        print(line)
    return 1 if digest.skipped or not digest.documents else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="research_digest", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="parse digests and report formats, counts and problems")
    check_parser.add_argument("paths", nargs="*", help="files, folders or globs (default: the plugin's sources)")
    check_parser.add_argument(
        "-f", "--config-file", default=None,
        help="mkdocs.yml whose research-digest options to use (default: ./mkdocs.yml when present)",
    )
    check_parser.add_argument(
        "--merges", action="store_true",
        help="list every merge with the rule that joined each entry, and the title matches kept apart and why",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    return check(args)
