"""A fingerprint of a built site: the SHA-256 of every file, by path relative to the site.

Refactors must not change what the site looks like; ``test_output_identity`` compares the
fingerprint of a fresh build of the seeds and of the 5,000-paper synthetic corpus with the one
recorded in ``tests/fixtures/``. Record anew (after a change that is meant to change the output):

    python tests/site_fingerprint.py record
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SYNTH_PAPERS = 5000
# Material's own files change with its release, not with our code.
THEME_FOLDERS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/")


def fingerprint(site: Path, folders: dict[str, Path]) -> dict[str, str]:
    """Each file's hash, with the absolute folders the build ran in replaced by their names."""
    prints = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and not relative.startswith(THEME_FOLDERS):
            content = path.read_bytes()
            for name, folder in folders.items():
                content = content.replace(str(folder).encode(), f"<{name}>".encode())
            prints[relative] = hashlib.sha256(content).hexdigest()
    return prints


def build(sources: str, site: Path, cache: Path) -> None:
    env = {**os.environ, "DIGEST_SOURCES": sources, "RESEARCH_DIGEST_CACHE": str(cache),
           "SITE_URL": "https://example.github.io/research-digest/", "SOURCE_DATE_EPOCH": "1767225600"}
    env.pop("RESEARCH_DIGEST_SEARCH", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode:
        raise RuntimeError(result.stderr)


def synth_corpus(out: Path) -> Path:
    from research_digest.bench.synth import synthesise

    synthesise(SYNTH_PAPERS, out)
    return out


def site_fingerprints(work: Path) -> dict[str, dict[str, str]]:
    corpora = {"seeds": str(ROOT / "seeds"), "synth-5000": str(synth_corpus(work / "corpus"))}
    prints = {}
    for name, sources in corpora.items():
        site = work / f"site-{name}"
        build(sources, site, work / "cache")
        prints[name] = fingerprint(site, {"work": work, "root": ROOT})
    return prints


def fixture_path(name: str) -> Path:
    return FIXTURES / f"site-fingerprint-{name}.json"


def compare(recorded: dict[str, str], built: dict[str, str]) -> list[str]:
    differences = [f"missing: {path}" for path in sorted(set(recorded) - set(built))]
    differences += [f"added: {path}" for path in sorted(set(built) - set(recorded))]
    differences += [f"changed: {path}" for path in sorted(set(recorded) & set(built)) if recorded[path] != built[path]]
    return differences


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "compare"
    with tempfile.TemporaryDirectory(prefix="rd-fingerprint-") as work:
        prints = site_fingerprints(Path(work))
    status = 0
    for name, built in prints.items():
        path = fixture_path(name)
        if command == "record":
            path.write_text(json.dumps(built, indent=0, sort_keys=True) + "\n")
            print(f"recorded {len(built)} files in {path}")
            continue
        differences = compare(json.loads(path.read_text()), built)
        print(f"{name}: {len(built)} files, {len(differences)} differences")
        for line in differences[:40]:
            print("   ", line)
        status |= bool(differences)
    return status


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "plugins"))
    raise SystemExit(main(sys.argv[1:]))
