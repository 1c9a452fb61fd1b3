"""Fixtures of the site audits: the session's one strict build of the real site, served with gzip.

The browser, context and page fixtures come from tests/conftest.py: Playwright's sync API allows
one instance per process, so every test folder shares that one Chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from audit_server import serve


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
    """The real content built once per session with `mkdocs build --strict` (tests/conftest.py)."""
    return real_site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built site, served with gzip on 127.0.0.1 as a host would serve it."""
    with serve(built_site) as url:
        yield url
