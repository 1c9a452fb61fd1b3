"""Fixtures of the quiz tests: the real site served from a folder a test can swap for a rebuilt one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support import SiteServer


@pytest.fixture(scope="session")
def quiz_site(real_site: Path) -> Path:
    """The real site, built once per test process (never the shared site/ others rebuild)."""
    return real_site


@pytest.fixture(scope="session")
def site_server(quiz_site: Path) -> Iterator[SiteServer]:
    """The built site, served; tests that swap its folder must put it back."""
    server = SiteServer(quiz_site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def base_url(site_server: SiteServer) -> str:
    """Base URL of the served site."""
    return site_server.url
