"""The quiz runtime without a browser: its weight, where it loads, its strings and the rules of our scripts."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from benchmarks.budgets import load_budgets
from build_tools import assets, catalog, client_data
from build_tools.minify import minify_js
from build_tools.project import Project
from build_tools.render import Renderer

ASSETS = Path(__file__).resolve().parents[2] / "build_tools" / "assets"
# Our own script modules (vendor/ holds files we ship but did not write).
SOURCES = sorted(ASSETS.glob("*.js"))
GENERATED = {"scoring.js"}  # written by the build (build_tools.scoring.javascript), not kept in assets/
BUDGET = load_budgets().quiz_runtime_gzip_bytes  # benchmarks/budgets.toml
# Every module specifier: import … from "x", import "x", import("x"), export … from "x".
IMPORT = re.compile(r"""(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']""")


def imports(source: str) -> list[str]:
    """The module specifiers in a script, comments left out (minified, it has none)."""
    return IMPORT.findall(minify_js(source))


def runtime(site: Path) -> list[str]:
    """quiz.js and every module it imports directly or through others: the quiz runtime's scripts."""
    folder = site / "assets/client-craft"
    modules: list[str] = []
    queue = ["quiz.js"]
    while queue:
        name = queue.pop(0)
        if name in modules:
            continue
        modules.append(name)
        for specifier in imports((folder / name).read_text(encoding="utf-8")):
            # All our modules sit in one folder; anything else would escape this budget unseen.
            assert re.fullmatch(r"\./[\w.-]+\.js", specifier), f"{name} imports {specifier!r}: follow it here"
            queue.append(specifier[2:])
    return modules


def test_runtime_stays_within_its_gzip_budget(quiz_site: Path) -> None:
    files = runtime(quiz_site)
    assert {"quiz.js", "scoring.js"} <= set(files)
    # As served: minified by the build. Level 6 is what most servers use; level 9 would flatter the numbers slightly.
    sizes = {name: len(gzip.compress((quiz_site / "assets/client-craft" / name).read_bytes(), compresslevel=6))
             for name in files}
    # quiz.css travels inside each quiz page's head (postprocess.inline_page_styles), still part of the runtime.
    sizes["quiz.css"] = len(gzip.compress(assets.inline_stylesheet("quiz.css").encode("utf-8"), compresslevel=6))
    assert sum(sizes.values()) < BUDGET, f"quiz runtime is {sum(sizes.values())} bytes gzip: {sizes}"


def test_runtime_loads_only_on_quiz_pages(quiz_site: Path, project: Project) -> None:
    # In English at the root and in each other language under its folder.
    editions = [quiz_site, *(folder for folder in quiz_site.iterdir() if (folder / "sitemap.xml").exists())]
    quiz_pages = {edition / "quizzes" / f"{quiz_id}.html" for edition in editions for quiz_id in project.quizzes}
    assert len(editions) > 1
    for page in quiz_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        loads = ("client-craft/quiz.js" in text, '<style data-cc-style="quiz.css">' in text)
        if page in quiz_pages:
            assert loads == (True, True), page
            assert re.search(r'<script type="module" src="[^"]*quiz\.js">', text), page
            assert text.index('<style data-cc-style="quiz.css">') < text.index("</head>"), page
        else:
            assert loads == (False, False), f"{page} loads the quiz runtime"


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_scripts_follow_the_client_code_rules(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "new Function", "document.write"):
        assert banned not in source, banned
    assert source.startswith("// "), "each module starts by saying what it is for"
    # Framework-free ES modules that import only each other, by relative path.
    known = {other.name for other in SOURCES} | GENERATED
    for specifier in imports(source):
        assert specifier.startswith("./") and specifier[2:] in known, specifier


def test_quiz_and_checklist_share_their_helpers() -> None:
    quiz, checklist = ((ASSETS / name).read_text(encoding="utf-8") for name in ("quiz.js", "checklist.js"))
    assert 'import { score } from "./scoring.js";' in quiz
    shared = set(imports(quiz)) & set(imports(checklist))
    assert {"./storage.js", "./strings.js"} <= shared
    # Storage is reached only through storage.js, which guards every access.
    for name, source in (("quiz.js", quiz), ("checklist.js", checklist)):
        assert "localStorage" not in minify_js(source), name


def test_every_string_the_scripts_use_is_in_the_catalog() -> None:
    # Minified, the sources have no comments that could look like uses.
    source = "\n".join(minify_js(path.read_text(encoding="utf-8")) for path in SOURCES)
    keys = set(re.findall(r'\bt\("(\w+)"[,)]', source))
    keys |= set(re.findall(r'"(missing_\w+|passed_short|failed_short|passed|failed)"', source))
    keys |= set(re.findall(r'\bnotice\|*="(\w+)"', source))  # notices shown as t(notice)
    keys |= set(re.findall(r"(?<![\w/])strings\.(\w+)", source))  # checklist.js reads the strings directly
    # path.js, progress.js and the team page's scripts read their own catalogs (every page's head, their data).
    known = set(catalog.script_strings()) | set(catalog.PATH_SCRIPT_STRINGS) | set(catalog.PROGRESS_SCRIPT_STRINGS)
    known |= set(catalog.TEAM_SCRIPT_STRINGS)
    assert keys - known == set()
    assert {"correct", "wrong", "stale", "corrupt", "resume", "synced", "not_saved", "history_empty", "progress",
            "reset_done"} <= keys


def test_pages_have_no_inline_handlers(quiz_site: Path, project: Project) -> None:
    for quiz_id in project.quizzes:
        text = (quiz_site / "quizzes" / f"{quiz_id}.html").read_text(encoding="utf-8")
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", text), quiz_id


@pytest.mark.parametrize("quiz_id", ["quiz-starting-well", "client-fit"])
def test_client_data_is_json_in_a_script_element(quiz_site: Path, project: Project, quiz_id: str) -> None:
    text = (quiz_site / "quizzes" / f"{quiz_id}.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" data-quiz-data>(.*?)</script>', text, flags=re.S)
    assert match
    data = json.loads(match.group(1))
    expected = Renderer(project, directory_urls=False).quiz_client_data(project.quizzes[quiz_id],
                                                                         f"quizzes/{quiz_id}.md")
    # The option texts are in the form already: the page ships them once (the version still covers them).
    assert data == client_data.without_option_texts(expected)
    assert not any("options" in entry for entry in data.get("questions", {}).values())
    assert data["version"] == expected["version"]
    assert f'data-quiz-version="{data["version"]}"' in text
    # Strings the script needs travel with the data, so it carries no interface text of its own.
    assert data["strings"] == catalog.script_strings()


def test_each_dimension_carries_its_advice_per_band(project: Project) -> None:
    quiz = project.quizzes["client-fit"]
    renderer = Renderer(project, directory_urls=False)
    data = renderer.quiz_client_data(quiz, "quizzes/client-fit.md")
    for dimension in quiz.dimensions:
        shipped = data["dimensions"][dimension.id]["advice"]
        assert set(shipped) == {advice.band for advice in dimension.advice}
        for advice in dimension.advice:
            assert shipped[advice.band] == {"guides": list(advice.guides), "checklists": list(advice.checklists)}
            assert all(guide in data["guides"] for guide in advice.guides)  # with their titles and links
            assert all(checklist in data["checklists"] for checklist in advice.checklists)
