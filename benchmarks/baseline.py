"""The comparison sites: the same pages as hand-written Markdown, and Material's bare page.

`write_plain_project` takes the Markdown our renderer produces and writes it as real `.md`
files into a docs folder, with the same mkdocs.yml minus our plugin (search, offline and the
theme stay), an explicit nav equal to ours and the same static assets copied in. Building
that with plain `mkdocs build` is what the pages would cost if someone wrote them by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from build_tools import assets
from build_tools.mkdocs_plugin import _nav_config
from build_tools.project import build_project
from build_tools.render import Renderer, navigation

PLUGIN = "client-craft"


def _plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def load_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as data, with `!ENV` tags resolved the way MkDocs resolves them."""
    with path.open(encoding="utf-8") as handle:
        return yaml_load(handle)


def write_config(path: Path, config: dict[str, Any]) -> None:
    """Write a mkdocs.yml."""
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_nopdf_config(root: Path) -> Path:
    """`mkdocs-nopdf.yml` beside the project's mkdocs.yml: the same site with our plugin's `pdf: false`."""
    config = load_config(root / "mkdocs.yml")
    plugins = []
    for entry in config.get("plugins", []):
        if _plugin_name(entry) == PLUGIN:
            options = (entry.get(PLUGIN) if isinstance(entry, dict) else None) or {}
            entry = {PLUGIN: {**options, "pdf": False}}
        plugins.append(entry)
    config["plugins"] = plugins
    target = root / "mkdocs-nopdf.yml"
    write_config(target, config)
    return target


def write_plain_project(project_root: Path, dest: Path) -> int:
    """Write the hand-written-Markdown twin of the project at `project_root` into `dest`; return its page count."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    config = load_config(project_root / "mkdocs.yml")
    project = build_project(project_root)
    renderer = Renderer(project, directory_urls=bool(config.get("use_directory_urls", True)),
                        site_url=config.get("site_url") or "")
    docs = dest / "docs"
    # Hand-written pages first, so a generated page with the same path wins, as in our build.
    source_docs = project_root / config.get("docs_dir", "docs")
    if source_docs.is_dir():
        shutil.copytree(source_docs, docs)
    docs.mkdir(exist_ok=True)
    pages = renderer.pages()
    for page in pages:
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    for path, content in assets.site_assets(project, pdf=False).items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        shutil.copytree(project_root / theme["custom_dir"], dest / "theme")
        theme["custom_dir"] = "theme"
    config["theme"] = theme
    config["docs_dir"] = "docs"
    config["plugins"] = [entry for entry in config.get("plugins", []) if _plugin_name(entry) != PLUGIN]
    config["nav"] = [_nav_config(entry) for entry in navigation(project)]
    stylesheet = f"{assets.PREFIX}/client-craft.css"
    config["extra_css"] = [*config.get("extra_css", []), *([stylesheet] if stylesheet not in
                                                          config.get("extra_css", []) else [])]
    write_config(dest / "mkdocs.yml", config)
    return sum(1 for _ in docs.rglob("*.md"))


def write_material_baseline(dest: Path) -> None:
    """A plain Material site of one Markdown page with one paragraph: the theme's own weight."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "docs").mkdir(parents=True)
    (dest / "docs" / "index.md").write_text(
        "# A plain page\n\nOne paragraph of ordinary Markdown text, about as long as a guide's summary, "
        "so the page weighs what Material itself adds around content.\n", encoding="utf-8")
    write_config(dest / "mkdocs.yml", {
        "site_name": "Material baseline",
        "use_directory_urls": False,
        "theme": {"name": "material", "font": False},
        "plugins": ["search", "offline"],
    })
