"""The benchmark's ``mkdocs serve`` timing: how long until a new day's papers are in the browser."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from .synth import next_day

SERVE_TIMEOUT = 600
SERVE_REPEATS = 2  # papers of a month before seen again in the new day (new versions, cross-lists)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_log(log_path: Path, text: str, count: int, process: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if log_path.read_text(encoding="utf-8", errors="replace").count(text) >= count:
            return True
        time.sleep(0.05)
    return False


def time_serve_update(corpus: Path, env: dict[str, str], log_path: Path, config: Path, cwd: Path) -> float | None:
    """Seconds from writing the next day's digest into the corpus of a running ``mkdocs serve``
    until that day's page is served with its new papers and the server tells browsers to reload
    (``next_day`` adds the digest; it is removed again afterwards). None when it failed."""
    import urllib.request

    port = _free_port()
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    added = None
    try:
        if not _wait_for_log(log_path, "Serving on", 1, process, SERVE_TIMEOUT):
            return None
        time.sleep(3.0)  # idle after the first build, as a served site is before its next edit
        start = time.perf_counter()
        added, day = next_day(corpus, repeats=SERVE_REPEATS)
        if not _wait_for_log(log_path, "Reloading browsers", 1, process, SERVE_TIMEOUT):
            return None
        seconds = time.perf_counter() - start
        served = re.search(r"Serving on (http://\S+)", log_path.read_text(encoding="utf-8", errors="replace"))
        url = f"{served.group(1).rstrip('/')}/archive/{day.year:04d}/{day.month:02d}/{day.day:02d}/" if served else ""
        with urllib.request.urlopen(url, timeout=30) as response:
            return seconds if "Fresh " in response.read().decode("utf-8") else None
    except OSError:
        return None
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs serve shuts its plugins down
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        if added is not None:
            added.unlink(missing_ok=True)
