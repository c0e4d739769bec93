"""``python -m research_digest check [PATHS...]``: read digests exactly as the site does and
report what was found and what went wrong."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .digest import DigestOptions, build_digest
from .report import check_report


def _options_from_mkdocs(config_file: Path, paths: list[str]) -> DigestOptions:
    """The options the plugin would use for ``config_file``, with ``paths`` replacing its sources."""
    from .mkdocs_config import plugin_options

    options = plugin_options(config_file)
    if paths:
        options = DigestOptions(tuple(paths), Path.cwd(), options.source_dates, options.corrections)
    return options


def check(args: argparse.Namespace) -> int:
    config_file = Path(args.config_file)
    if config_file.exists():
        options = _options_from_mkdocs(config_file, args.paths)
    else:
        options = DigestOptions(tuple(args.paths or ["seeds/"]), Path.cwd())
    digest = build_digest(options)
    print(check_report(digest, list_merges=args.merges))
    return 1 if digest.skipped else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="research_digest", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="parse digests and report formats, counts and problems")
    check_parser.add_argument("paths", nargs="*", help="files, folders or globs (default: the plugin's sources)")
    check_parser.add_argument(
        "-f", "--config-file", default="mkdocs.yml",
        help="mkdocs.yml whose research-digest options to use (default: ./mkdocs.yml when present)",
    )
    check_parser.add_argument(
        "--merges", action="store_true",
        help="list every merge with the rule that joined each entry, and the title matches kept apart and why",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    return check(args)
