"""Fixtures of the site audits: names for the run's one strict build of the real site, served with gzip.

The build, the server and the browser, context and page fixtures come from tests/conftest.py:
Playwright's sync API allows one instance per process, so every test folder shares that Chromium.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "audit: quality gates of the built site (make audit)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Everything in this folder is an audit, so `-m audit` and `-m "not audit"` both work.
    audit_dir = Path(__file__).parent
    for item in items:
        if audit_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.audit)


@pytest.fixture(scope="session")
def built_site(real_site: Path) -> Path:
    """The real content built once per run with `mkdocs build --strict`."""
    return real_site


@pytest.fixture(scope="session")
def site_url(real_site_url: str) -> str:
    """Base URL of the built site, served with gzip on 127.0.0.1 as a host would serve it."""
    return real_site_url
