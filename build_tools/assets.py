"""Static and generated files the site ships beside its pages: scripts, styles, PDFs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from . import catalog, lms
from .minify import minify_asset, minify_css, minify_js
from .pdf import checklist_pdfs
from .project import Project
from .scoring import scoring_module_source
from .urls import ASSETS as PREFIX

STATIC = Path(__file__).parent / "assets"
VENDOR = "vendor"  # the folder under STATIC of files we ship but did not write
# Styles every page needs before its first paint: inlined into each page's head (see site.py),
# so they are not shipped as a file that would block rendering.
INLINED = frozenset({"base.css", "client-craft.css"})  # in this order (sorted)
# The styles of one kind of page, which the page's template links: the last touch of each page puts
# them inline into its head instead (postprocess.inline_page_styles), so they are not shipped as files.
PAGE_STYLES = frozenset({"quiz.css", "checklist.css", "team.css"})


def static_assets() -> dict[str, bytes]:
    """Hand-written scripts, styles and vendored files, keyed by their site path.

    Our own scripts and styles ship minified; vendored files ship exactly as their authors made them.
    """
    files: dict[str, bytes] = {}
    for file in sorted(STATIC.rglob("*")):
        if not file.is_file() or file.name.startswith(".") or file.name in INLINED | PAGE_STYLES:
            continue
        path = file.relative_to(STATIC)
        content = file.read_bytes()
        if path.parts[0] != VENDOR:
            content = minify_asset(path.name, content)
        files[f"{PREFIX}/{path.as_posix()}"] = content
    return files


def inline_stylesheet(name: str) -> str:
    """One of the INLINED or PAGE_STYLES stylesheets, minified, to go into a page instead of shipping as a file."""
    css = minify_css((STATIC / name).read_text(encoding="utf-8")).strip()
    # A programming mistake in our own stylesheet, not an author's: it would end the element early.
    assert "</" not in css, f"{name}: an inlined stylesheet must not contain '</'"
    return css


def page_styles() -> dict[str, str]:
    """Each PAGE_STYLES stylesheet by file name, minified, for the pages that link it."""
    return {name: inline_stylesheet(name) for name in sorted(PAGE_STYLES)}


def site_assets(project: Project, *, pdf: bool = True, site_url: str = "",
                directory_urls: bool = False, plain_project: Project | None = None) -> dict[str, bytes | str]:
    """Every non-page file of the site: static assets, the generated scoring module and the PDFs.

    `site_url` and `directory_urls` shape the page address printed on each PDF; the defaults
    print site-relative paths as mkdocs.yml builds them (`use_directory_urls: false`).
    `plain_project` is the project without the marks of untranslated text (another language's
    edition), for the files that cannot mark a language.
    """
    files: dict[str, bytes | str] = dict(static_assets())
    files[f"{PREFIX}/scoring.js"] = minify_js(scoring_module_source())
    # The GIFT, QTI and SCORM files behind the download links on each quiz page: a learning platform
    # shows their text as it is, so English left in an edition goes in unmarked.
    with catalog.speaking(dataclasses.replace(catalog.current(), mark=False)):
        files.update(lms.site_exports(lms.Site(plain_project or project, site_url, directory_urls)))
    if pdf:
        files.update(checklist_pdfs(project, site_url, directory_urls=directory_urls))
    return files
