"""The synthetic site at the scale the issues name: 25,000 papers from the project's own generator,
built once per version of the code and shared by every test process (and every later run).

A build of 25,000 papers takes about 45 s of CPU, so it is kept in ``.cache/scale-site/<key>``,
where the key hashes the plugin's code, the site configuration and the generator's settings; a
change to any of them builds anew and removes the old build. xdist workers wait on a file lock
while one of them builds. ``RD_SCALE_PAPERS`` sets another size (a small one while iterating).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "scale-site"
SEED = 0
# 2026-01-01: a fixed clock, so every build of one key is the same site.
SOURCE_DATE_EPOCH = "1767225600"
KEYED = ("plugins", "docs", "mkdocs.yml", "hooks.py", "tests/scale_site.py")


@dataclass(frozen=True)
class ScaleSite:
    papers: int
    corpus: Path
    site: Path

    def manifest(self) -> dict:
        return json.loads((self.corpus / "corpus.json").read_text(encoding="utf-8"))


def scale_papers() -> int:
    return int(os.environ.get("RD_SCALE_PAPERS", "25000"))


def _code_key(papers: int) -> str:
    digest = hashlib.sha256(f"{papers}:{SEED}:{SOURCE_DATE_EPOCH}".encode())
    for name in KEYED:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(ROOT).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _build(folder: Path, papers: int) -> None:
    from research_digest.bench.synth import synthesise

    work = folder.with_name(folder.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    synthesise(papers, work / "corpus", seed=SEED)
    env = {**os.environ, "DIGEST_SOURCES": str(work / "corpus"), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
           "RESEARCH_DIGEST_CACHE": str(work / "parse-cache"), "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("RESEARCH_DIGEST_SEARCH", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(work / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    if result.returncode:
        raise RuntimeError(f"the {papers}-paper site did not build:\n{result.stderr[-4000:]}")
    shutil.rmtree(work / "parse-cache", ignore_errors=True)
    work.rename(folder)


def scale_site() -> ScaleSite:
    """The built site (building it first unless this version of the code built it before)."""
    papers = scale_papers()
    CACHE.mkdir(parents=True, exist_ok=True)
    folder = CACHE / _code_key(papers)
    with open(CACHE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "site" / "index.html").is_file():
            for old in CACHE.iterdir():
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
            _build(folder, papers)
    return ScaleSite(papers, folder / "corpus", folder / "site")
