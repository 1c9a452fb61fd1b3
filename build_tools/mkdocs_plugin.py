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

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, file_sort_key

from . import catalog, pdf
from .compiled_templates import COMPILED_TEMPLATES
from .errors import ContentError, Problem, problems_found
from .i18n.catalogs import LOCALES
from .i18n.editions import ENGLISH, Catalogs, Language, LanguageError, checked_catalogs, languages_of
from .i18n.marks import unmarked
from .i18n.pages import edition_page, switcher_extra
from .i18n.sitemaps import write_folder_sitemaps
from .i18n.translate import Edition
from .kinds import SOURCE_FOLDERS
from .mkdocs_yml import pages_in
from .project import Project, build_project
from .review import DEFAULT_INTERVAL_MONTHS, ReviewPolicy, ReviewPolicyError
from .site import Site, SiteOptions, site_of

log = logging.getLogger("mkdocs.plugins.client_craft")
PLUGIN_NAME = "client-craft"  # the entry point's name, as mkdocs.yml lists the plugin
# The texts of mkdocs.yml a reader sees, translated in each edition like the interface (catalog.config_text).
CONFIG_TEXTS = ("site_description", "copyright")


class LanguageConfig(Config):
    """One entry of the plugin's `languages:`: a language the site is also published in."""

    code = c.Type(str)
    """`vi`: the edition's folder (`/vi/`), its catalogs (`locales/vi/`) and Material's interface language."""
    translated_by = c.Type(str)
    """Who or what translated it, written in that language; every page of the edition says so."""
    name = c.Type(str, default="")
    """The language's own name in the language switcher (default: Babel's, e.g. `Tiếng Việt`)."""


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

    cache_dir = c.Type(str, default=".cache/client-craft")
    """Where rendered PDFs are kept between builds, relative to mkdocs.yml (empty: no cache on disk)."""

    languages = c.ListOfItems(c.SubConfig(LanguageConfig), default=[])
    """The languages the site is also published in, each under its own folder (`/vi/`), from `locales/`."""

    serve_language = c.Type(str, default=ENGLISH)
    """The one edition `mkdocs serve` shows, at the root (`en`, or a code under `languages:`): serving every
    edition would rebuild all of them on each edit, several seconds instead of one."""


class ClientCraftPlugin(BasePlugin[ClientCraftConfig]):
    """Adds the playbook's pages, scripts and PDFs to the MkDocs build."""

    def __init__(self) -> None:
        self.project: Project | None = None
        self.site: Site | None = None
        self.serving = False
        self.problems: list[Problem] = []
        self.catalogs: Catalogs | None = None
        self.edition: Edition | None = None
        """The language this build's pages are in (None: English)."""
        self.language: Language | None = None
        self.parent: ClientCraftPlugin | None = None
        """The English build that runs this one, for another language's edition (it has read everything)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether we serve: defining this hook also keeps one plugin object across rebuilds."""
        self.serving = command == "serve"
        # Material's search segments Chinese with jieba, which reports loading its dictionary on every build.
        logging.getLogger("jieba").setLevel(logging.WARNING)

    def _review_policy(self) -> ReviewPolicy:
        try:
            return ReviewPolicy(self.config.review_interval_months, self.config.review_strict)
        except ReviewPolicyError as error:
            raise PluginError(f"client-craft plugin in mkdocs.yml: {error}") from None

    def _root(self, config: MkDocsConfig) -> Path:
        return (Path(config.config_file_path).parent / self.config.root).resolve()

    def _languages(self) -> tuple[Language, ...]:
        try:
            return languages_of(dict(option) for option in self.config.languages)
        except LanguageError as error:
            raise PluginError(f"client-craft plugin in mkdocs.yml: {error}") from None

    def _load(self, config: MkDocsConfig) -> None:
        """Load and validate the content and every language's catalogs (the English build does this once)."""
        try:
            # The docs folder's own pages count too: no generated page may take their place.
            docs = Path(config.docs_dir)
            shown = docs.relative_to(self._root(config)).as_posix() if docs.is_relative_to(self._root(config)) \
                else docs.name
            project = build_project(self._root(config), hand_written=pages_in(docs, shown),
                                    review=self._review_policy())
            languages = self._languages()
            if self.serving and self.config.serve_language == ENGLISH:
                languages = ()  # only the English is served: its reloads need no catalog
            elif self.serving:
                languages = tuple(language for language in languages if language.code == self.config.serve_language)
                if not languages:
                    raise PluginError(f"client-craft plugin in mkdocs.yml: serve_language "
                                      f"`{self.config.serve_language}` is not one of the `languages:`")
            catalogs, problems = checked_catalogs(self._root(config), project, languages)
            if problems:
                raise ContentError(problems)
            self.project, self.catalogs, self.problems = project, catalogs, []
        except ContentError as error:
            if not (self.serving and self.project is not None):
                raise PluginError(f"Content has problems:\n{error}") from None
            # While serving, a mistake must not take the site away: keep the last good content,
            # list the problems in the terminal and on every page. (Printed, not logged, because
            # a logged error would abort the build in strict mode and leave the server stuck.)
            self.problems = error.problems
            print(f"Content has problems; still serving the last good version:\n{error}", file=sys.stderr)
        log.info(self.project.coverage().summary())
        for line in self.catalogs.summary():
            log.info(f"Translations: {line}")
        # Informational too: an author who moves a text must not wait for the catalogs to build the site.
        for stale in self.catalogs.stale:
            log.info(f"Translation of a text that is gone, not used: {stale}")
        # Informational, not a warning: MkDocs' strict mode would turn a date passing into a failed
        # build. `review_strict: true` is the switch for a team that wants exactly that.
        for note in self.project.review_notes:
            log.info(f"Review due: {note}")

    # Validation comes first (high priority) so nothing else runs on broken content.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and validate all content, render the site; stop the build with every problem listed."""
        if self.parent is None:
            cache = self.config.cache_dir
            pdf.use_disk_cache(Path(config.config_file_path).parent / cache / "pdf" if cache else None)
            self._load(config)
            if self.serving and self.config.serve_language != ENGLISH:
                self.language = self.catalogs.languages[0]
        else:
            self.project, self.catalogs = self.parent.project, self.parent.catalogs
        assert self.project is not None and self.catalogs is not None
        if self.language is not None:
            self.edition = self.catalogs.edition(self.project, self.language)
            self._speak(config)
        # No offline copy while authoring: a cached page must never hide a fresh edit.
        options = SiteOptions(directory_urls=config.use_directory_urls, site_url=config.site_url or "",
                              pdf=self.config.pdf, offline_copy=self.config.offline_copy and not self.serving)
        self.site = site_of(self.project, options, self.edition)
        config.nav = self.site.nav_config()
        config.extra.update(self.site.theme_extra)
        if not self.serving:
            config.extra.update(switcher_extra(self.catalogs.languages, self.language, config.site_url or ""))
        for stylesheet in self.site.extra_css:
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        for script in self.site.extra_javascript:
            value = ExtraScriptValue(script.path)
            if script.module:
                value.type = "module"
            config.extra_javascript.append(value)
        return config

    def _speak(self, config: MkDocsConfig) -> None:
        """Put the edition's language into what Material shows: its interface, and the texts of mkdocs.yml."""
        assert self.edition is not None and self.language is not None
        config.theme["language"] = self.language.code
        with catalog.speaking(self.edition.speaking):
            for key in CONFIG_TEXTS:
                if config.get(key):
                    config[key] = unmarked(catalog.config_text(key, config[key]))
            note = catalog.t("edition.translated_by", translated_by=self.language.translated_by)
            config.copyright = f"{config.copyright or ''} {unmarked(note)}".strip()
            for number, scheme in enumerate(config.theme.get("palette") or []):
                toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
                if toggle and toggle.get("name"):
                    toggle["name"] = unmarked(catalog.config_text(f"palette/{number}", toggle["name"]))

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Share compiled templates between this build's editions (and the rebuilds of `mkdocs serve`)."""
        env.bytecode_cache = COMPILED_TEMPLATES
        return env

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

    def on_page_content(self, html_content: str, *, page, **kwargs: object) -> str:
        """Say where a page of an edition is still English; while serving with mistakes, list them on every page."""
        if self.edition is not None:
            with catalog.speaking(self.edition.speaking):
                html_content = edition_page(html_content, page.file.src_uri)
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
        if config.site_url and self.catalogs.languages:
            # Before the offline copy lists the files: the alternates' sitemaps are part of the site.
            write_folder_sitemaps(Path(config.site_dir), config.site_url)
        self.site.finish_build(Path(config.site_dir))
        if self.parent is None and not self.serving:
            # Each language's site goes into its own folder, once the English one is complete (its offline
            # copy lists only its own files: each edition's service worker keeps its own folder).
            for language in self.catalogs.languages:
                self._build_edition(config, language)

    def _build_edition(self, config: MkDocsConfig, language: Language) -> None:
        """Build the site of one language into `site_dir/<code>/`, from the content read already."""
        site_url = config.site_url.rstrip("/") + f"/{language.code}/" if config.site_url else None
        edition_config = load_config(config.config_file_path, site_dir=str(Path(config.site_dir) / language.code),
                                     site_url=site_url, strict=config.strict,
                                     use_directory_urls=config.use_directory_urls)
        plugin = edition_config.plugins[PLUGIN_NAME]
        assert isinstance(plugin, ClientCraftPlugin)
        plugin.parent, plugin.language = self, language
        edition_config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(edition_config)
        finally:
            edition_config.plugins.on_shutdown()

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Rebuild and reload the page when any content or quiz file changes."""
        root = self._root(config)
        # The catalogs too: a translator serving their language sees each saved PO file.
        for folder in (*SOURCE_FOLDERS, LOCALES):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        server.watch(str(Path(__file__).parent))
        return server
