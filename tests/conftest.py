"""Shared pytest options and fixtures: one build of the real site and one Chromium per test process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support import CHROMIUM, CHROMIUM_ARGS, ROOT, build_site, serve_folder

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


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built once with `mkdocs build --strict` (PDFs included) into a temporary folder."""
    dest = tmp_path_factory.mktemp("real-site") / "site"
    build_site(ROOT / "mkdocs.yml", dest)
    return dest


@pytest.fixture(scope="session")
def real_site_url(real_site: Path) -> Iterator[str]:
    """The real site served on a free loopback port."""
    with serve_folder(real_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright: one per test process (Playwright's sync API allows one)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing at /usr/bin/chromium (`make browser` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser) -> Iterator[object]:  # noqa: ANN001 - a Playwright Browser
    """A fresh browser context: empty storage for every test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(context) -> Iterator[object]:  # noqa: ANN001 - a Playwright BrowserContext
    """A page that fails the test on any script error."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"script errors on the page: {errors}"
