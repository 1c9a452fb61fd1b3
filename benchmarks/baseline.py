"""The comparison sites: the same pages as a plain MkDocs project, and Material's bare page.

The plain twin is what `python -m build_tools generate` writes: every page as a real `.md`
file, the same mkdocs.yml minus our plugin (search, offline and the theme stay), an explicit
nav equal to ours and the same static files. Building it with plain `mkdocs build` is what the
pages would cost if someone wrote them by hand. Its PDFs are left out, so *ours, no PDF*
against *plain* compares like with like.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from build_tools.generate import generate
from build_tools.mkdocs_yml import read_config

PLUGIN = "client-craft"
# mkdocs.yml reads the plugin's `pdf` option from this variable (`!ENV [CLIENT_CRAFT_PDF, true]`).
NO_PDF = {"CLIENT_CRAFT_PDF": "false"}


def load_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as data (MkDocs' `!ENV` tags kept as they are)."""
    return read_config(path)


def write_plain_project(project_root: Path, dest: Path) -> int:
    """Write the plain MkDocs twin of the project at `project_root` into `dest`; return its page count."""
    generate(project_root / "mkdocs.yml", dest, force=True, pdf=False)
    return sum(1 for _ in (dest / "docs").rglob("*.md"))


def write_material_baseline(dest: Path) -> None:
    """A plain Material site of one Markdown page with one paragraph: the theme's own weight."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "docs").mkdir(parents=True)
    (dest / "docs" / "index.md").write_text(
        "# A plain page\n\nOne paragraph of ordinary Markdown text, about as long as a guide's summary, "
        "so the page weighs what Material itself adds around content.\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Material baseline",
        "use_directory_urls": False,
        "theme": {"name": "material", "font": False},
        "plugins": ["search", "offline"],
    }, sort_keys=False), encoding="utf-8")
