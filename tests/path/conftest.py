"""Fixtures of the onboarding-path tests: names for the shared build of the real site."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def base_url(real_site_url: str) -> str:
    """URL of the built site, served on a free loopback port (ends in `/`)."""
    return real_site_url
