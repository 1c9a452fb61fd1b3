"""The test toolkit every folder shares: one ROOT, one build helper, one static server, one axe runner.

The static server lives in `benchmarks/static_server.py`, since Lighthouse there needs the same one.

Nothing here decides pass or fail from a clock: waits have generous ceilings and only ever
shorten when the awaited thing happens, so a busy machine makes a test slower, never red.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.static_server import SiteServer, serve_folder  # noqa: F401 - the toolkit's server

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium as Playwright drives it here: no downloaded browser, no background traffic.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SOURCE_DATE_EPOCH = "1700000000"
# What a project copy needs to build: the content, the hand-written pages and theme, and mkdocs.yml.
PROJECT_PARTS = ("content", "quizzes", "pages", "theme", "locales")
# A ceiling, not a measurement: on a loaded machine a build may take many times its usual second.
BUILD_TIMEOUT = 900


# --- building ----------------------------------------------------------------------------------


def build_env(*, pdf: bool = True, **extra: str) -> dict[str, str]:
    """The environment of a test build: fixed dates, no SITE_URL, PDFs on or off through mkdocs.yml's `!ENV`."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH,
               CLIENT_CRAFT_PDF="true" if pdf else "false", **extra)
    env.pop("SITE_URL", None)  # the site is checked as built by default: relative links only
    return env


def copy_project(dest: Path, source: Path = ROOT, *, languages: bool = False) -> Path:
    """A throwaway copy of the project (content, pages, theme, mkdocs.yml) at `dest`; returns `dest`.

    English only unless `languages`: each other language is a whole build of its own, and a test about
    something else need not pay for four more (tests/i18n and the real site's build cover them).
    """
    from benchmarks.synth import english_only

    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        if (source / part).is_dir() and (languages or part != "locales"):
            shutil.copytree(source / part, dest / part)
    shutil.copy2(source / "mkdocs.yml", dest / "mkdocs.yml")
    if not languages:
        english_only(dest / "mkdocs.yml")
    return dest


def run_mkdocs_build(config: Path, dest: Path, *, pdf: bool = True, strict: bool = True,
                     cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of `config` into `dest` as an author runs it; returns the finished process."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict" if strict else "--no-strict",
               "-f", str(config), "-d", str(dest)]
    return subprocess.run(command, cwd=cwd or config.parent, env=build_env(pdf=pdf), capture_output=True,
                          text=True, timeout=BUILD_TIMEOUT, check=False)


def build_site(config: Path, dest: Path, *, pdf: bool = True, cwd: Path | None = None) -> Path:
    """`mkdocs build --strict` of `config` into `dest`, failing the test with MkDocs' output if it fails."""
    result = run_mkdocs_build(config, dest, pdf=pdf, cwd=cwd)
    assert result.returncode == 0, f"mkdocs build of {config} failed:\n{result.stdout}\n{result.stderr}"
    return dest


def source_tree(root: Path = ROOT) -> dict[str, str]:
    """Path → SHA-256 of every file an author or developer writes, to prove a build changes none."""
    import hashlib

    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for folder in (*PROJECT_PARTS, "build_tools")
            for path in sorted((root / folder).rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts}


def built_once(shared_dir: Path, name: str, make: Callable[[Path], dict[str, Any]]) -> tuple[Path, dict[str, Any]]:
    """The folder `shared_dir/name`, made by `make(folder)` once for all test processes of a run.

    pytest-xdist runs several worker processes; each asks for the same build, the first one
    builds it under a file lock and the others wait for it and reuse it. `make` returns a small
    record (e.g. the build's output) that every caller gets back with the folder.
    """
    shared_dir.mkdir(parents=True, exist_ok=True)
    folder, record_file = shared_dir / name, shared_dir / f"{name}.json"
    with (shared_dir / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not record_file.is_file():
                if folder.exists():
                    shutil.rmtree(folder)  # a build that failed half-way in an earlier process
                record = make(folder)
                record_file.write_text(json.dumps(record), encoding="utf-8")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return folder, json.loads(record_file.read_text(encoding="utf-8"))


# --- accessibility -----------------------------------------------------------------------------

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary, html: n.html.slice(0, 160)})),
  }));
}"""
# Transitions are switched off before axe looks: a colour caught mid-animation (a button fading
# into its hover state) would make the contrast result depend on timing.
_SETTLE = """() => {
  if (document.getElementById("cc-test-no-motion")) return;
  const style = document.createElement("style");
  style.id = "cc-test-no-motion";
  style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
  document.head.append(style);
}"""


def run_axe(page: Any) -> list[dict]:
    """axe-core's violations on the page as it is now (transitions settled, pointer out of the way)."""
    if not AXE.exists():
        raise AssertionError(f"axe-core is missing at {AXE}; `make test` installs it (npm ci)")
    page.mouse.move(1, 1)
    page.evaluate(_SETTLE)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(_RUN_AXE, AXE_TAGS)


def describe_violations(violations: list[dict]) -> str:
    """Violations as a readable list: rule, impact, help, then each element and why it fails."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}\n      {node['html']}\n      {summary}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


TAB_LIMIT = 400  # more Tab presses than any page has stops: a control never reached fails the test


def tab_to(page: Any, target: Any) -> None:
    """Press Tab (forward, wrapping round the page) until `target` has the focus, as a keyboard user does."""
    for _ in range(TAB_LIMIT):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


# Chromium now and then drops the file chooser of a key press on a loaded machine (Playwright's own
# suite has the same flake: the browser never reports the dialog). A person presses again; so does the test,
# with the focus checked first so that a page which moves the focus away still fails.
FILE_CHOOSER_PRESSES = 3


def open_file_chooser_by_keyboard(page: Any, target: Any, key: str = "Space") -> Any:
    """Press `key` on the focused file input `target` until its file chooser opens; return the chooser."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    for _ in range(FILE_CHOOSER_PRESSES):
        assert target.evaluate("element => element === document.activeElement"), f"the focus left {target}"
        try:
            with page.expect_file_chooser(timeout=15_000) as chooser:
                page.keyboard.press(key)
            return chooser.value
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"{key} on {target} opened no file chooser in {FILE_CHOOSER_PRESSES} presses")
