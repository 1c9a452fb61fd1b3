"""`mkdocs serve` rebuilds on YAML edits and keeps serving the last good site on mistakes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import build_env, copy_project

ROOT = Path(__file__).resolve().parents[1]
PAGE = "starting-well/keep-your-professional-presence.html"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, predicate, timeout: float = 300) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _fetch(url)
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"condition not met within {timeout}s; last page began: {last[:300]!r}")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    project = copy_project(tmp_path_factory.mktemp("serve"))
    port = _free_port()
    # Checklist PDFs are not what this test is about; keep rebuilds quick.
    env = build_env(pdf=False)
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base + PAGE, lambda html: "Keep your professional presence" in html or "<title>" in html)
        yield project, base
    finally:
        process.terminate()
        process.wait(timeout=60)


def test_editing_a_guide_rebuilds_the_page(served: tuple[Path, str]) -> None:
    project, base = served
    guide = project / "content/guides/keep-your-professional-presence.yml"
    text = guide.read_text(encoding="utf-8")
    marker = "Freshly edited summary sentence"
    guide.write_text(text.replace("\nsummary: ", f"\nsummary: {marker}. ", 1), encoding="utf-8")
    _wait_for(base + PAGE, lambda html: marker in html)


def test_a_mistake_keeps_the_last_good_site_and_shows_the_problem(served: tuple[Path, str]) -> None:
    project, base = served
    guide = project / "content/guides/keep-your-professional-presence.yml"
    good = guide.read_text(encoding="utf-8")
    guide.write_text(good.replace("\ntitle: ", "\ntitel: ", 1), encoding="utf-8")
    page = _wait_for(base + PAGE, lambda html: "cc-build-errors" in html)
    assert "unknown field &#x27;titel&#x27; (did you mean &#x27;title&#x27;?)" in page
    assert "content/guides/keep-your-professional-presence.yml:" in page
    guide.write_text(good, encoding="utf-8")
    _wait_for(base + PAGE, lambda html: "cc-build-errors" not in html and "<title>" in html)
