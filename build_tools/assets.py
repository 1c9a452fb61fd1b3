"""Static and generated files the site ships beside its pages: scripts, styles, PDFs."""

from __future__ import annotations

from pathlib import Path

from . import lms
from .pdf import checklist_pdfs
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


def site_assets(project: Project, *, pdf: bool = True, site_url: str = "",
                directory_urls: bool = False) -> dict[str, bytes | str]:
    """Every non-page file of the site: static assets, the generated scoring module and the PDFs.

    `site_url` and `directory_urls` shape the page address printed on each PDF; the defaults
    print site-relative paths as mkdocs.yml builds them (`use_directory_urls: false`).
    """
    files: dict[str, bytes | str] = dict(static_assets())
    files[f"{PREFIX}/scoring.js"] = scoring_module_source()
    # The GIFT and QTI files behind the download links on each knowledge quiz page.
    files.update(lms.site_exports(project.quizzes))
    if pdf:
        files.update(checklist_pdfs(project, site_url, directory_urls=directory_urls))
    return files
