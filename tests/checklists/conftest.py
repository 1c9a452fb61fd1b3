"""Fixtures of the checklist tests: names for the shared build of the real site."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def checklist_site(real_site: Path) -> Path:
    """The real site built with `mkdocs build --strict` (PDFs included)."""
    return real_site


@pytest.fixture(scope="session")
def base_url(real_site_url: str) -> str:
    """URL of the built site, served on a free loopback port."""
    return real_site_url
