"""Write the whole site as a plain MkDocs project that needs neither our plugin nor this library.

`python -m build_tools generate --out DIR` writes `DIR/docs/` (every page as Markdown and every
file), `DIR/theme/` (the theme overrides), `DIR/hooks/` (the site's two last steps as MkDocs
hooks, standard-library code copied from this package) and `DIR/mkdocs.yml`: the project's own
config with our plugin replaced by an explicit `nav`, the extra CSS and scripts and the hooks.
`mkdocs build --strict -f DIR/mkdocs.yml` then builds the same site as the plugin does.

MkDocs' `!ENV` and `!relative` tags in mkdocs.yml are kept as they are, so the generated project
reads the same environment variables; they are resolved here only where the pages depend on them.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from . import offline, postprocess
from .mkdocs_yml import (
    PLUGIN,
    ConfigFileError,
    config_text,
    hand_written_pages,
    our_plugin_options,
    plugin_name,
    read_config,
    resolve,
)
from .permissions import current_umask
from .review import ReviewPolicyError, policy_from_plugin_options
from .site import Site, SiteOptions, build

CONFIG_NAME = "mkdocs.yml"
# The first line of every generated mkdocs.yml: a folder that starts with it may be generated again.
MARKER = "# Written by `python -m build_tools generate`; build with `mkdocs build`."
# The hooks import these copies by module name; MkDocs puts the hooks' folder on sys.path.
HOOK_MODULES = {"client_craft_offline.py": offline, "client_craft_postprocess.py": postprocess}
HOOK_FILE = "client_craft_hooks.py"
HEAD_FILE = "client_craft_head.html"
STYLES_FILE = "client_craft_styles.json"
HOOK_SOURCE = '''"""The site's last steps, as MkDocs hooks (written by `python -m build_tools generate`)."""

import json
from pathlib import Path

from client_craft_offline import write_worker
from client_craft_postprocess import finish_page
from mkdocs.plugins import event_priority

OFFLINE_COPY = {offline_copy}
HEAD = (Path(__file__).parent / "{head_file}").read_text(encoding="utf-8")
STYLES = json.loads((Path(__file__).parent / "{styles_file}").read_text(encoding="utf-8"))
SKIP_TEXT = {skip_text!r}


def on_post_page(output, **kwargs):
    """Inline the site-wide and the page's own styles, add the skip link and drop the indentation, as the
    client-craft plugin does."""
    return finish_page(output, HEAD, SKIP_TEXT, STYLES)


# After Material's offline plugin (-100) has written search_index.js, which the offline copy includes.
@event_priority(-110)
def on_post_build(config, **kwargs):
    """Write the service worker of the offline copy once every file is in the site folder."""
    if OFFLINE_COPY:
        write_worker(Path(config["site_dir"]))
'''


class GenerateError(Exception):
    """The project cannot be written out (not a content mistake: those raise ContentError)."""


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """Our plugin's options in mkdocs.yml, resolved; a project without the plugin has nothing to generate."""
    options = our_plugin_options(config)
    if options is None:
        raise GenerateError(f"{CONFIG_NAME} does not list the `{PLUGIN}` plugin, so there is no playbook to generate")
    return options


def site_options(config: dict[str, Any], options: dict[str, Any]) -> SiteOptions:
    """The site options that mkdocs.yml and the plugin's options ask for (MkDocs' defaults otherwise)."""
    return SiteOptions(
        directory_urls=bool(resolve(config.get("use_directory_urls", True))),
        site_url=resolve(config.get("site_url")) or "",
        pdf=bool(options.get("pdf", True)),
        offline_copy=bool(options.get("offline_copy", True)),
    )


def plain_config(config: dict[str, Any], site: Site) -> dict[str, Any]:
    """The project's mkdocs.yml for the generated folder: our plugin out, its output spelled out."""
    plain = dict(config)
    plain["docs_dir"] = "docs"
    plain["plugins"] = [entry for entry in config.get("plugins") or [] if plugin_name(entry) != PLUGIN]
    plain["nav"] = site.nav_config()
    extra_css = list(config.get("extra_css") or [])
    plain["extra_css"] = extra_css + [path for path in site.extra_css if path not in extra_css]
    plain["extra_javascript"] = list(config.get("extra_javascript") or []) + [
        {"path": script.path, "type": "module"} if script.module else script.path for script in site.extra_javascript]
    plain["extra"] = {**(config.get("extra") or {}), **site.theme_extra}
    plain["hooks"] = list(config.get("hooks") or []) + [f"hooks/{HOOK_FILE}"]
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        plain["theme"] = {**theme, "custom_dir": "theme"}
    return plain


def _write(path: Path, content: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)


def _fill(folder: Path, project_dir: Path, config: dict[str, Any], site: Site) -> None:
    """Write every file of the generated project into the empty `folder`."""
    docs = folder / "docs"
    # Hand-written pages first, so a generated page of the same path replaces it, as in the plugin's build.
    hand_written = project_dir / str(resolve(config.get("docs_dir", "docs")))
    if hand_written.is_dir():
        shutil.copytree(hand_written, docs, ignore=shutil.ignore_patterns(".*"))
    for src_uri, markdown in site.pages.items():
        _write(docs / src_uri, markdown)
    for path, content in site.files.items():
        _write(docs / path, content)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.copytree(project_dir / str(resolve(theme["custom_dir"])), folder / "theme")
    for name, module in HOOK_MODULES.items():
        _write(folder / "hooks" / name, Path(module.__file__).read_text(encoding="utf-8"))
    _write(folder / "hooks" / HEAD_FILE, site.head)
    _write(folder / "hooks" / STYLES_FILE, json.dumps(site.page_styles, ensure_ascii=False, indent=1))
    _write(folder / "hooks" / HOOK_FILE, HOOK_SOURCE.format(offline_copy=site.options.offline_copy,
                                                            head_file=HEAD_FILE, styles_file=STYLES_FILE,
                                                            skip_text=site.skip_text))
    text = config_text(plain_config(config, site))
    _write(folder / CONFIG_NAME, f"{MARKER}\n{text}")


def generate(config_path: Path, out: Path, *, force: bool = False, pdf: bool | None = None) -> Site:
    """Write the plain MkDocs project of the site that `config_path` describes into `out`.

    `pdf` overrides the plugin's `pdf` option (None: as mkdocs.yml says).

    Nothing is written when the content has mistakes (ContentError) or `out` cannot take the
    project (GenerateError); the folder appears complete or not at all.
    """
    try:
        config = read_config(config_path)
    except ConfigFileError as error:
        raise GenerateError(str(error)) from None
    options = plugin_options(config)
    project_dir = config_path.parent
    root = (project_dir / str(options.get("root", "."))).resolve()
    if out.exists() and not out.is_dir():
        raise GenerateError(f"{out}: is a file; give a folder to write the project into")
    if out.is_dir() and any(out.iterdir()) and not force and not _generated_before(out):
        raise GenerateError(f"{out}: the folder is not empty; choose a new folder or pass --force to replace it")
    if pdf is not None:
        options["pdf"] = pdf
    try:
        review = policy_from_plugin_options(options)
    except ReviewPolicyError as error:
        raise GenerateError(f"{config_path}: {error}") from None
    site = build(root, site_options(config, options), hand_written=hand_written_pages(project_dir, config),
                 review=review)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".generate-", dir=out.parent))
    try:
        _fill(staging, project_dir, config, site)
        staging.chmod(0o777 & ~current_umask())  # mkdtemp made it for its owner only
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return site


def _generated_before(folder: Path) -> bool:
    """True when `folder` holds an earlier output of `generate`, which may be replaced without --force."""
    try:
        with (folder / CONFIG_NAME).open(encoding="utf-8") as handle:
            return handle.readline().rstrip("\n") == MARKER
    except (OSError, UnicodeDecodeError):
        return False
