"""The whole site as data: every page, file, navigation entry, stylesheet and script.

This is the one call a static-site generator needs. The MkDocs plugin feeds it to MkDocs in
memory; `python -m build_tools generate` writes it out as a plain MkDocs project. Nothing here
knows about MkDocs: paths are source paths (`a/b.md`) and site paths (`assets/x.js`).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import assets, catalog, offline
from .i18n.translate import Edition, mark_untranslated
from .markup import json_for_script
from .postprocess import finish_page
from .project import Project, build_project
from .render import NavEntry, Renderer, navigation, path_steps
from .review import DEFAULT_POLICY, ReviewPolicy


@dataclass(frozen=True)
class SiteOptions:
    """How the site is built: the generator's URL style and which optional parts to include."""

    directory_urls: bool = False
    """`a/b.md` becomes `a/b/` (True) or `a/b.html` (False), as in MkDocs' `use_directory_urls`."""
    site_url: str = ""
    """Where the site is hosted; printed checklists then carry the full address of their page."""
    pdf: bool = True
    """Render the checklist PDFs (the slowest part of a build)."""
    offline_copy: bool = True
    """Ship the service worker that keeps a copy of the site for offline reading."""


@dataclass(frozen=True)
class Script:
    """A script every page loads: its site path and whether it is an ES module."""

    path: str
    module: bool = True


@dataclass(frozen=True)
class Site:
    """Everything a generator needs to produce the site, and the two steps it runs afterwards."""

    project: Project
    options: SiteOptions
    pages: dict[str, str]
    """Source path (`chapter/guide.md`) → Markdown with HTML blocks, in navigation order."""
    files: dict[str, bytes]
    """Site path → bytes of every non-page file: scripts, styles, PDFs, LMS exports."""
    nav: tuple[NavEntry, ...]
    extra_css: tuple[str, ...]
    """Stylesheets every page links, as site paths."""
    extra_javascript: tuple[Script, ...]
    """Scripts every page loads."""
    head: str
    """Markup every page carries at the end of its head (the site-wide styles, inlined)."""
    page_styles: dict[str, str]
    """The styles of one kind of page (file name → CSS), inlined into the head of the pages that link them."""
    skip_text: str
    """The "Skip to content" link's text, as HTML, which every page gets first in its body."""
    theme_extra: dict[str, object]
    """Values for the theme's templates, under `extra` in the generator's config (see theme/partials)."""

    def nav_config(self) -> list[dict | str]:
        """The navigation in the form mkdocs.yml's `nav:` takes (titles escaped: the theme prints them as HTML)."""
        return [_nav_config(entry) for entry in self.nav]

    def finish_page(self, page_html: str) -> str:
        """Tidy one rendered HTML page (the generator calls this on each page it writes)."""
        # English left in another language's edition becomes lang="en" last, once the page is whole.
        return mark_untranslated(finish_page(page_html, self.head, self.skip_text, self.page_styles))

    def finish_build(self, site_dir: Path) -> None:
        """Run once the generator has written every file into `site_dir`."""
        if self.options.offline_copy:
            # The worker lists and hashes every built file, so it can only be written last.
            offline.write_worker(site_dir)


def site_of(project: Project, options: SiteOptions = SiteOptions(), edition: Edition | None = None) -> Site:
    """The site of an already validated project; with an `edition`, that language's site of it.

    An edition's project is the translated copy of `project` (see `i18n.translate`), and the
    interface speaks its language.
    """
    if edition is None:
        return _site_of(project, project, options)
    with catalog.speaking(edition.speaking):
        return _site_of(edition.project, edition.plain, options)


def _site_of(project: Project, plain: Project, options: SiteOptions) -> Site:
    renderer = Renderer(project, directory_urls=options.directory_urls, site_url=options.site_url)
    files = {path: content.encode("utf-8") if isinstance(content, str) else content
             for path, content in assets.site_assets(project, pdf=options.pdf, site_url=options.site_url,
                                                     directory_urls=options.directory_urls,
                                                     plain_project=plain).items()}
    # Every page shows the onboarding path's state (nav marks, Mark as read): path.js runs everywhere.
    scripts = (Script(PATH_SCRIPT),) + ((Script(offline.REGISTER_SCRIPT),) if options.offline_copy else ())
    return Site(
        project=project,
        options=options,
        pages={page.src_uri: page.markdown for page in renderer.pages()},
        files=files,
        nav=tuple(navigation(project)),
        extra_css=(),
        extra_javascript=scripts,
        head=inline_styles() + path_strings(),
        page_styles=assets.page_styles(),
        skip_text=html.escape(catalog.t("skip")),
        # The nav partial marks the link of each page on the path with data-nav-step="kind:id".
        theme_extra={THEME_STEPS: path_steps(renderer.route)},
    )


# Marks pages whose module scripts can run (not opened from a file, where browsers refuse modules),
# before the first paint, so the styles show script-only controls from the start (base.css).
SCRIPTS_CAN_RUN = ('<script>if(location.protocol!=="file:")'
                   'document.documentElement.setAttribute("data-cc-scripts","")</script>')


PATH_SCRIPT = "assets/client-craft/path.js"
THEME_STEPS = "client_craft_steps"


def path_strings() -> str:
    """The onboarding path's interface strings, which path.js reads on every page."""
    data = json_for_script(catalog.strings("path"))
    return f'<script type="application/json" id="cc-path-strings">{data}</script>'


def inline_styles() -> str:
    """What every page's head carries: the script-capability mark and the site-wide styles, inlined."""
    css = "".join(assets.inline_stylesheet(name) for name in sorted(assets.INLINED))
    return f"{SCRIPTS_CAN_RUN}<style>{css}</style>"


def build(root: Path, options: SiteOptions = SiteOptions(), *,
          hand_written: Mapping[str, str] | None = None, review: ReviewPolicy = DEFAULT_POLICY) -> Site:
    """Load and validate the content under `root` and return its whole site.

    `hand_written` lists the pages the generator already has and `review` says how overdue
    reviews count (see `build_project`). Raises ContentError with every problem when the
    content has mistakes.
    """
    return site_of(build_project(root, hand_written=hand_written, review=review), options)


def _nav_config(entry: NavEntry) -> dict | str:
    title = html.escape(entry.title)
    if entry.children:
        return {title: [_nav_config(child) for child in entry.children]}
    return {title: entry.src_uri}
