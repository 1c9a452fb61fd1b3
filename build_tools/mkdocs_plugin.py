"""The MkDocs adapter: a thin layer that asks the library for pages and assets.

It validates everything in `on_config`, before MkDocs cleans or writes `site/`, so an
invalid content tree writes nothing. Generated files live in memory (`File.generated`);
nothing is written into the source tree.
"""

from __future__ import annotations

import html
import logging
import re
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import assets, offline
from .errors import ContentError, Problem, problems_found
from .project import Project, build_project
from .render import NavEntry, Renderer, navigation

log = logging.getLogger("mkdocs.plugins.client_craft")


class ClientCraftConfig(Config):
    """Options of the `client-craft` plugin in mkdocs.yml."""

    root = c.Type(str, default=".")
    """Folder holding `content/` and `quizzes/`, relative to mkdocs.yml."""

    pdf = c.Type(bool, default=True)
    """Build the checklist PDFs (turn off for a faster `mkdocs serve`)."""

    offline_copy = c.Type(bool, default=True)
    """Ship a service worker so the site keeps working offline once a page has loaded."""


class ClientCraftPlugin(BasePlugin[ClientCraftConfig]):
    """Adds the playbook's pages, scripts and PDFs to the MkDocs build."""

    def __init__(self) -> None:
        self.project: Project | None = None
        self.renderer: Renderer | None = None
        self.serving = False
        self.problems: list[Problem] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether we serve: defining this hook also keeps one plugin object across rebuilds."""
        self.serving = command == "serve"

    def _root(self, config: MkDocsConfig) -> Path:
        return (Path(config.config_file_path).parent / self.config.root).resolve()

    # Validation comes first (high priority) so nothing else runs on broken content.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and validate all content; stop the build with every problem listed."""
        try:
            self.project = build_project(self._root(config))
            self.problems = []
        except ContentError as error:
            if not (self.serving and self.project is not None):
                raise PluginError(f"Content has problems:\n{error}") from None
            # While serving, a mistake must not take the site away: keep the last good content,
            # list the problems in the terminal and on every page. (Printed, not logged, because
            # a logged error would abort the build in strict mode and leave the server stuck.)
            self.problems = error.problems
            print(f"Content has problems; still serving the last good version:\n{error}", file=sys.stderr)
        log.info(self.project.coverage().summary())
        self.renderer = Renderer(self.project, directory_urls=config.use_directory_urls,
                                 site_url=config.site_url or "")
        config.nav = [_nav_config(entry) for entry in navigation(self.project)]
        stylesheet = f"{assets.PREFIX}/client-craft.css"
        if stylesheet not in config.extra_css:
            config.extra_css.append(stylesheet)
        # No offline copy while authoring: a cached page must never hide a fresh edit.
        if self.config.offline_copy and not self.serving:
            script = ExtraScriptValue(offline.REGISTER_SCRIPT)
            script.type = "module"
            config.extra_javascript.append(script)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add every generated page and asset as an in-memory file."""
        assert self.renderer is not None and self.project is not None
        for page in self.renderer.pages():
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        for path, content in assets.site_assets(
            self.project, pdf=self.config.pdf, site_url=config.site_url or "",
            directory_urls=config.use_directory_urls,
        ).items():
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_content(self, html_content: str, **kwargs: object) -> str:
        """While serving with content mistakes, show them above every page."""
        if not self.problems:
            return html_content
        items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in self.problems)
        summary = f"{problems_found(self.problems)}; showing the last good version."
        banner = (f'<div class="admonition failure cc-build-errors" role="alert"><p class="admonition-title">'
                  f"{summary}</p><ul>{items}</ul></div>")
        return banner + html_content

    # After Material's offline plugin (-100) has written search_index.js, which the copy includes.
    @event_priority(-110)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the service worker that keeps an offline copy of the built site."""
        if self.config.offline_copy and not self.serving:
            offline.write_worker(Path(config.site_dir))

    def on_post_page(self, output: str, **kwargs: object) -> str:
        """Drop the theme's indentation: the largest pages then fit one network round trip on mobile."""
        return strip_indentation(output)

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # noqa: ANN001, ANN201 - MkDocs' signature
        """Rebuild and reload the page when any content or quiz file changes."""
        root = self._root(config)
        for folder in ("content", "quizzes"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        server.watch(str(Path(__file__).parent))
        return server


# Whitespace matters inside these elements, so their content is left exactly as it is.
_PRESERVED = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_INDENTATION = re.compile(r"\n[ \t]+")


def strip_indentation(page: str) -> str:
    """Remove the spaces that start lines, outside preformatted elements; never touches text itself.

    A line break stays, so words on either side stay apart; only the indentation after it goes.
    (A general HTML minifier was tried and rejected: it decoded escaped text back into markup.)
    """
    parts, last = [], 0
    for match in _PRESERVED.finditer(page):
        parts.append(_INDENTATION.sub("\n", page[last:match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_INDENTATION.sub("\n", page[last:]))
    return "".join(parts)


def _nav_config(entry: NavEntry) -> dict | str:
    """A NavEntry in mkdocs.yml's nav form; titles are escaped since Material prints them as HTML."""
    title = html.escape(entry.title)
    if entry.children:
        return {title: [_nav_config(child) for child in entry.children]}
    return {title: entry.src_uri}
