"""`python -m build_tools generate`: the whole site as a plain MkDocs project that builds the same site."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, build_env, build_site, copy_project

from benchmarks.synth import english_only
from build_tools.site import SiteOptions, build

# Material wraps each page's own content in this element; everything else is the theme around it.
MAIN = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def generate(out: Path, *extra: str, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools", "generate", "--out", str(out),
                           "--config", str(config), *extra],
                          cwd=ROOT, env=build_env(pdf=False), capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated") / "project"
    result = generate(out)
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stdout
    return out


@pytest.fixture(scope="module")
def plain_site(generated: Path) -> Path:
    """The generated project built by plain `mkdocs build --strict`, without our plugin."""
    return build_site(generated / "mkdocs.yml", generated.parent / "site", pdf=False)


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our plugin's build of the real project in English only: `generate` writes the English edition (the
    other languages are whole builds of their own, which only the plugin runs)."""
    project = copy_project(tmp_path_factory.mktemp("english") / "project")
    english_only(project / "mkdocs.yml")
    return build_site(project / "mkdocs.yml", project.parent / "site", pdf=False)


def html_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_the_generated_config_has_no_plugin_of_ours(generated: Path) -> None:
    text = (generated / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- client-craft" not in text and "client-craft:" not in text
    assert "site_url: !ENV [SITE_URL, '']" in text  # MkDocs' tags are kept, not resolved away
    assert "nav:" in text and "hooks:" in text


def test_the_generated_project_needs_no_code_of_ours(generated: Path) -> None:
    for script in (generated / "hooks").glob("*.py"):
        imported = {alias.name.split(".")[0] for node in ast.walk(ast.parse(script.read_text(encoding="utf-8")))
                    if isinstance(node, ast.Import | ast.ImportFrom)
                    for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])}
        assert "build_tools" not in imported, script.name


def test_plain_mkdocs_builds_the_same_pages(plain_site: Path, english_site: Path) -> None:
    ours, plain = html_pages(english_site), html_pages(plain_site)
    assert sorted(plain) == sorted(ours)
    differing = [path for path in ours if MAIN.search(ours[path]).group(1) != MAIN.search(plain[path]).group(1)]
    assert differing == [], f"main content differs on {differing[:10]}"
    # Not only the content: the whole page, theme and navigation included, is the same.
    assert [path for path in ours if ours[path] != plain[path]] == []


def test_plain_mkdocs_builds_the_same_files(plain_site: Path, english_site: Path) -> None:
    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    ours, plain = files(english_site), files(plain_site)
    assert set(ours) == set(plain)
    # The offline copy's worker lists every file and its hash, PDFs aside: the same worker, the same site.
    assert [path for path in plain if plain[path] != ours[path]] == []


def test_the_site_api_lists_every_page_and_file() -> None:
    site = build(ROOT, SiteOptions(pdf=False))
    assert "index.md" in site.pages and "authors/formats.md" in site.pages
    assert all(path.endswith(".md") for path in site.pages)
    assert "assets/client-craft/scoring.js" in site.files
    assert [entry.title for entry in site.nav][0] == "Home"
    assert "<style>" in site.head and site.extra_javascript


def test_generate_refuses_a_file_or_a_full_folder_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "taken.txt"
    target.write_text("mine\n", encoding="utf-8")
    result = generate(target)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{target}: is a file; give a folder to write the project into; nothing was written"
    assert target.read_text(encoding="utf-8") == "mine\n"

    folder = tmp_path / "full"
    folder.mkdir()
    (folder / "keep.md").write_text("keep\n", encoding="utf-8")
    result = generate(folder)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"{folder}: the folder is not empty; choose a new folder or pass --force to "
                                     f"replace it; nothing was written")
    assert [p.name for p in folder.iterdir()] == ["keep.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "taken.txt"]  # no staging folder left behind


def test_generating_again_into_the_same_folder_replaces_it(tmp_path: Path) -> None:
    out = tmp_path / "project"
    assert generate(out).returncode == 0
    (out / "docs" / "stale.md").write_text("# Left from before\n", encoding="utf-8")
    again = generate(out)  # an earlier output of generate: no --force needed
    assert again.returncode == 0, again.stderr
    assert not (out / "docs" / "stale.md").exists() and (out / "docs" / "index.md").is_file()


def test_generate_of_broken_content_lists_the_problems_and_writes_nothing(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: Broken\nplugins:\n  - client-craft\n", encoding="utf-8")
    result = generate(tmp_path / "out", config=project / "mkdocs.yml")
    assert result.returncode == 1
    assert "content/sources.yml:1:1: the sources registry is missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_generate_needs_the_plugin_in_the_config(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Plain\n", encoding="utf-8")
    result = generate(tmp_path / "out", config=config)
    assert result.returncode == 2
    assert result.stderr.strip() == ("mkdocs.yml does not list the `client-craft` plugin, so there is no playbook "
                                     "to generate; nothing was written")
