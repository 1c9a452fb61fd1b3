"""Live reload: seconds from saving a guide's YAML to `mkdocs serve` serving the rebuilt page."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from build_tools import urls
from build_tools.project import build_project

from .synth import _dump, _read
from .timing import environment

POLL = 0.02  # seconds between requests while waiting for the new text
SERVE_LANGUAGE = "CLIENT_CRAFT_LANGUAGE"  # mkdocs.yml's `serve_language: !ENV [CLIENT_CRAFT_LANGUAGE, en]`


@dataclass(frozen=True)
class ReloadResult:
    """Seconds per edit, the page watched, the server's start-up time and the config served."""

    seconds: tuple[float, ...]
    page: str
    startup: float
    config: str = "mkdocs.yml"
    language: str = ""
    """The edition served, when not the English one."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_for(url: str, text: str, deadline: float, process: subprocess.Popen) -> float:
    """Poll `url` until its body contains `text`; return the moment it did."""
    while time.perf_counter() < deadline:
        body = _get(url)
        if body is not None and text in body:
            return time.perf_counter()
        if process.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {process.returncode}")
        time.sleep(POLL)
    raise TimeoutError(f"{url} did not show {text!r} in time")


@contextlib.contextmanager
def serving(root: Path, port: int, log: Path, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen]:
    """`mkdocs serve` of the project at `root` on `port` (with `env` added), stopped (by its pid) on exit."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}",
             "--livereload"],
            cwd=root, env=environment(**(env or {})), stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def measure(root: Path, runs: int = 3, timeout: float = 180.0, env: dict[str, str] | None = None) -> ReloadResult:
    """Edit the first guide's summary `runs` times and time each edit until the new text is served.

    `env` is added to the server's environment (nothing: mkdocs.yml as `make serve` serves it).
    """
    project = build_project(root)
    chapter = project.chapters[0]
    guide_id = chapter.guides[0]
    page_url = urls.Urls(directory_urls=False).url(urls.guide_page(chapter.id, guide_id))
    guide_file = root / "content" / "guides" / f"{guide_id}.yml"
    data = _read(guide_file)
    original = data["summary"]
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page_url}"
    seconds: list[float] = []
    config = " ".join(["mkdocs.yml", *(f"{name}={value}" for name, value in (env or {}).items())])
    with serving(root, port, root / "serve.log", env) as process:
        start = time.perf_counter()
        # The first page served means the initial build is done: time starts from a warm server. (Any page:
        # in another language's edition the summary is translated.)
        ready = _wait_for(url, "</html>", start + timeout, process)
        for run in range(runs):
            marker = f"benchmark-edit-{run}-{time.time_ns()}"
            text = _dump({**data, "summary": f"{original} {marker}"})
            time.sleep(0.5)  # let the watcher settle after the previous rebuild
            saved = time.perf_counter()
            guide_file.write_text(text, encoding="utf-8")
            seconds.append(_wait_for(url, marker, saved + timeout, process) - saved)
    guide_file.write_text(_dump(data), encoding="utf-8")
    language = (env or {}).get(SERVE_LANGUAGE, "")
    return ReloadResult(tuple(seconds), page_url, ready - start, config, "" if language == "en" else language)
