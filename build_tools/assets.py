"""Static and generated files the site ships beside its pages: scripts, styles, PDFs."""

from __future__ import annotations

from pathlib import Path

from .project import Project
from .scoring import scoring_module_source
from .urls import ASSETS as PREFIX

STATIC = Path(__file__).parent / "assets"


def static_assets() -> dict[str, bytes]:
    """Hand-written scripts, styles and vendored files, keyed by their site path."""
    return {
        f"{PREFIX}/{file.relative_to(STATIC).as_posix()}": file.read_bytes()
        for file in sorted(STATIC.rglob("*"))
        if file.is_file() and not file.name.startswith(".")
    }


def site_assets(project: Project, *, pdf: bool = True) -> dict[str, bytes | str]:
    """Every non-page file of the site: static assets plus the generated scoring module."""
    files: dict[str, bytes | str] = dict(static_assets())
    files[f"{PREFIX}/scoring.js"] = scoring_module_source()
    return files
