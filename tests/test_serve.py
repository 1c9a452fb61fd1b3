"""`mkdocs serve` rebuilds on YAML edits and keeps serving the last good site on mistakes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from html import unescape as html_unescape
from pathlib import Path

import pytest
from support import build_env, copy_project

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
    start = max(0, last.find("cc-build-errors") - 60)
    shown = last[start:start + 600] if "cc-build-errors" in last else last[:300]
    raise AssertionError(f"condition not met within {timeout}s; the last page served had: {shown!r}")


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


def _hostile_entries(outside: Path) -> list[tuple[str, object, str | None]]:
    """(name, how to make it in content/guides/, the problem line it must show, or None when skipped)."""
    return [
        ("dangling link", lambda g: os.symlink("missing.yml", g / "gone.yml"),
         "content/guides/gone.yml:1:1: is a symbolic link to a file that does not exist"),
        ("link loop", lambda g: os.symlink("loop.yml", g / "loop.yml"),
         "content/guides/loop.yml:1:1: is a symbolic link that leads back to itself (a loop)"),
        ("folder named like a file", lambda g: (g / "notes.yml").mkdir(),
         "content/guides/notes.yml:1:1: is a folder, not a file"),
        ("named pipe", lambda g: os.mkfifo(g / "pipe.yml"),
         "content/guides/pipe.yml:1:1: is not a regular file (a named pipe, socket or device)"),
        ("link out of the project", lambda g: os.symlink(outside, g / "outside.yml"),
         "content/guides/outside.yml:1:1: is a symbolic link to a file outside the project"),
        ("not YAML content", lambda g: (g / "key.yml").write_text("-----BEGIN KEY-----\nc2VjcmV0\n", encoding="utf-8"),
         "content/guides/key.yml:1:1: expected a mapping of fields"),
        ("Emacs lock link", lambda g: os.symlink("me@host.1:1", g / ".#keep-your-professional-presence.yml"), None),
        ("backup file", lambda g: (g / "keep-your-professional-presence.yml~").write_text("x: [", encoding="utf-8"),
         None),
    ]


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        path.rmdir()
    else:
        path.unlink()


def test_hostile_files_never_stop_the_server(served: tuple[Path, str], tmp_path: Path) -> None:
    """Each hostile entry in turn: the server keeps answering, with the banner, and recovers when it goes."""
    project, base = served
    guides = project / "content/guides"
    outside = tmp_path / "outside.yml"
    outside.write_text("schema_version: 1\nid: secret-from-outside\n", encoding="utf-8")
    guide = guides / "keep-your-professional-presence.yml"
    good = guide.read_text(encoding="utf-8")
    for number, (name, make, expected) in enumerate(_hostile_entries(outside)):
        before = set(os.listdir(guides))
        make(guides)
        created = [guides / entry for entry in set(os.listdir(guides)) - before]
        started = time.monotonic()
        if expected is None:
            # Skipped without a word: a real edit made at the same time shows, and no banner does.
            marker = f"Edited beside an editor's file {number}"
            guide.write_text(good.replace("\nsummary: ", f"\nsummary: {marker}. ", 1), encoding="utf-8")
            page = _wait_for(base + PAGE, lambda html, m=marker: m in html)
            assert "cc-build-errors" not in page, name
        else:
            # MkDocs' watcher reacts to files written, not to new links, folders or pipes: the author's
            # next save (played here) rebuilds, and from then on the banner names the entry.
            guide.write_text(good, encoding="utf-8")
            page = _wait_for(base + PAGE, lambda html, e=expected: html_unescape(e) in html_unescape(html))
            assert "cc-build-errors" in page and "secret-from-outside" not in page and "c2VjcmV0" not in page, name
        # Measured and shown, not judged: a busy machine may take longer to rebuild.
        print(f"serve: {name}: banner state shown after {time.monotonic() - started:.1f} s")
        for path in created:
            _remove(path)
        guide.write_text(good, encoding="utf-8")
        _wait_for(base + PAGE, lambda html: "cc-build-errors" not in html and "Edited beside" not in html
                  and "<title>" in html)
