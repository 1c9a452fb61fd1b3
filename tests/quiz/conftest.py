"""Fixtures of the quiz tests: names for the run's one build of the real site (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import SiteServer


@pytest.fixture(scope="session")
def quiz_site(real_site: Path) -> Path:
    """The real site, built once per run (never the shared site/ folder that `make build` writes)."""
    return real_site


@pytest.fixture(scope="session")
def base_url(site_server: SiteServer) -> str:
    """Base URL of the served site."""
    return site_server.url
