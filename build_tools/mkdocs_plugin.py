"""The MkDocs adapter: a thin layer over `build_tools.site`, the library's one call for a whole site.

It validates everything in `on_config`, before MkDocs cleans or writes `site/`, so an
invalid content tree writes nothing. Generated files live in memory (`File.generated`);
nothing is written into the source tree. This is the only module that imports MkDocs.
"""

from __future__ import annotations

import html
import logging
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, file_sort_key

from .errors import ContentError, Problem, problems_found
from .kinds import SOURCE_FOLDERS
from .mkdocs_yml import pages_in
from .project import Project, build_project
from .review import DEFAULT_INTERVAL_MONTHS, ReviewPolicy, ReviewPolicyError
from .site import Site, SiteOptions, site_of

log = logging.getLogger("mkdocs.plugins.client_craft")


class ClientCraftConfig(Config):
    """Options of the `client-craft` plugin in mkdocs.yml."""

    root = c.Type(str, default=".")
    """Folder holding `content/` and `quizzes/`, relative to mkdocs.yml."""

    pdf = c.Type(bool, default=True)
    """Build the checklist PDFs (turn off for a faster build, e.g. `pdf: !ENV [CLIENT_CRAFT_PDF, true]`)."""

    offline_copy = c.Type(bool, default=True)
    """Ship a service worker so the site keeps working offline once a page has loaded."""

    review_interval_months = c.Type(int, default=DEFAULT_INTERVAL_MONTHS)
    """How long a page may go without a review (its `last_reviewed`) before the build notes it."""

    review_strict = c.Type(bool, default=False)
    """Stop the build, instead of noting it, when a page is due for a review."""


class ClientCraftPlugin(BasePlugin[ClientCraftConfig]):
    """Adds the playbook's pages, scripts and PDFs to the MkDocs build."""

    def __init__(self) -> None:
        self.project: Project | None = None
        self.site: Site | None = None
        self.serving = False
        self.problems: list[Problem] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether we serve: defining this hook also keeps one plugin object across rebuilds."""
        self.serving = command == "serve"

    def _review_policy(self) -> ReviewPolicy:
        try:
            return ReviewPolicy(self.config.review_interval_months, self.config.review_strict)
        except ReviewPolicyError as error:
            raise PluginError(f"client-craft plugin in mkdocs.yml: {error}") from None

    def _root(self, config: MkDocsConfig) -> Path:
        return (Path(config.config_file_path).parent / self.config.root).resolve()

    # Validation comes first (high priority) so nothing else runs on broken content.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and validate all content, render the site; stop the build with every problem listed."""
        try:
            # The docs folder's own pages count too: no generated page may take their place.
            docs = Path(config.docs_dir)
            shown = docs.relative_to(self._root(config)).as_posix() if docs.is_relative_to(self._root(config)) \
                else docs.name
            self.project = build_project(self._root(config), hand_written=pages_in(docs, shown),
                                         review=self._review_policy())
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
        # Informational, not a warning: MkDocs' strict mode would turn a date passing into a failed
        # build. `review_strict: true` is the switch for a team that wants exactly that.
        for note in self.project.review_notes:
            log.info(f"Review due: {note}")
        # No offline copy while authoring: a cached page must never hide a fresh edit.
        options = SiteOptions(directory_urls=config.use_directory_urls, site_url=config.site_url or "",
                              pdf=self.config.pdf, offline_copy=self.config.offline_copy and not self.serving)
        self.site = site_of(self.project, options)
        config.nav = self.site.nav_config()
        config.extra.update(self.site.theme_extra)
        for stylesheet in self.site.extra_css:
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        for script in self.site.extra_javascript:
            value = ExtraScriptValue(script.path)
            if script.module:
                value.type = "module"
            config.extra_javascript.append(value)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add every generated page and file as an in-memory file."""
        assert self.site is not None
        for src_uri, markdown in self.site.pages.items():
            files.append(File.generated(config, src_uri, content=markdown))
        for path, content in self.site.files.items():
            files.append(File.generated(config, path, content=content))
        # In the order MkDocs gives files read from disk, so the search index (and with it the
        # offline copy) comes out the same as a plain build of `python -m build_tools generate`.
        return Files(sorted(files, key=file_sort_key))

    def on_page_content(self, html_content: str, **kwargs: object) -> str:
        """While serving with content mistakes, show them above every page."""
        if not self.problems:
            return html_content
        items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in self.problems)
        summary = f"{problems_found(self.problems)}; showing the last good version."
        banner = (f'<div class="admonition failure cc-build-errors" role="alert"><p class="admonition-title">'
                  f"{summary}</p><ul>{items}</ul></div>")
        return banner + html_content

    def on_post_page(self, output: str, **kwargs: object) -> str:
        """Give each page the site's last touch (see `Site.finish_page`)."""
        assert self.site is not None
        return self.site.finish_page(output)

    # After Material's offline plugin (-100) has written search_index.js, which the offline copy includes.
    @event_priority(-110)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Run the site's last step on the written folder (the offline copy's service worker)."""
        assert self.site is not None
        self.site.finish_build(Path(config.site_dir))

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Rebuild and reload the page when any content or quiz file changes."""
        root = self._root(config)
        for folder in SOURCE_FOLDERS:
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        server.watch(str(Path(__file__).parent))
        return server
