"""Shared pytest options and fixtures: one build of the real site per run, one Chromium per test process."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import CHROMIUM, CHROMIUM_ARGS, ROOT, SiteServer, built_once, run_mkdocs_build, source_tree

from build_tools.project import Project, build_project


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files under tests/golden/ from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def project() -> Project:
    """The real content, validated."""
    return build_project(ROOT)


def shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder all test processes of this run share (pytest-xdist gives each worker its own base)."""
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared"


def _build_real_site(dest: Path) -> dict:
    before = source_tree()
    result = run_mkdocs_build(ROOT / "mkdocs.yml", dest, pdf=True, cwd=ROOT)
    after = source_tree()
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    return {"returncode": result.returncode, "output": result.stdout + result.stderr, "changed": changed}


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The real content built once per run with `mkdocs build --strict` (PDFs included), and its record.

    The record holds MkDocs' output and the source files the build changed (there must be none).
    """
    site, record = built_once(shared_dir(tmp_path_factory), "real-site", _build_real_site)
    if record["returncode"] != 0:
        pytest.fail(f"mkdocs build --strict of the real content failed:\n{record['output']}")
    return site, record


@pytest.fixture(scope="session")
def real_site(real_build: tuple[Path, dict]) -> Path:
    """The real site, built once per run; tests read it and never write into it."""
    return real_build[0]


@pytest.fixture(scope="session")
def site_server(real_site: Path) -> Iterator[SiteServer]:
    """The real site served as a host would; a test that swaps its folder uses `SiteServer.serving`."""
    server = SiteServer(real_site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def real_site_url(site_server: SiteServer) -> str:
    """Base URL of the served real site (ending in `/`)."""
    return site_server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright: one per test process (Playwright's sync API allows one)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing at /usr/bin/chromium (`make browser` installs it)")
    from playwright.sync_api import expect, sync_playwright

    # The same ceiling for assertions that wait (expect's own default is 5 s).
    expect.set_options(timeout=60_000)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser) -> Iterator[object]:
    """A fresh browser context: empty storage for every test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True)
    # A ceiling for every wait, not a measurement: a loaded machine makes a test slower, never red.
    context.set_default_timeout(60_000)
    yield context
    context.close()


@pytest.fixture
def page(context) -> Iterator[object]:
    """A page that fails the test on any script error."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"script errors on the page: {errors}"
