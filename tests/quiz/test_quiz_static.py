"""The quiz runtime without a browser: its weight, where it loads, its strings and its safety rules."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from build_tools import catalog
from build_tools.project import Project
from build_tools.render import Renderer

ASSETS = Path(__file__).resolve().parents[2] / "build_tools" / "assets"
RUNTIME = ("quiz.js", "quiz.css", "scoring.js")
BUDGET = 8 * 1024


def test_runtime_stays_under_8_kb_gzip(quiz_site: Path) -> None:
    # Level 6 is what most servers use; level 9 would flatter the numbers slightly.
    sizes = {name: len(gzip.compress((quiz_site / "assets/client-craft" / name).read_bytes(), compresslevel=6))
             for name in RUNTIME}
    assert sum(sizes.values()) < BUDGET, f"quiz runtime is {sum(sizes.values())} bytes gzip: {sizes}"


def test_runtime_loads_only_on_quiz_pages(quiz_site: Path, project: Project) -> None:
    quiz_pages = {quiz_site / "quizzes" / f"{quiz_id}.html" for quiz_id in project.quizzes}
    for page in quiz_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        loads = ("client-craft/quiz.js" in text, "client-craft/quiz.css" in text)
        if page in quiz_pages:
            assert loads == (True, True), page
            assert re.search(r'<script type="module" src="[^"]*quiz\.js">', text), page
            assert re.search(r'<link rel="stylesheet" href="[^"]*quiz\.css">', text), page
        else:
            assert loads == (False, False), f"{page} loads the quiz runtime"


def test_runtime_follows_the_client_code_rules() -> None:
    source = (ASSETS / "quiz.js").read_text(encoding="utf-8")
    for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(", "new Function", "document.write"):
        assert banned not in source, banned
    assert source.startswith("// ") and 'import { score } from "./scoring.js";' in source


def test_every_string_the_runtime_uses_is_in_the_catalog() -> None:
    source = (ASSETS / "quiz.js").read_text(encoding="utf-8")
    keys = set(re.findall(r'\bt\("(\w+)"\s*[,)]', source))
    keys |= {"export_json", "export_csv"}  # built as "export_" + extension
    keys |= set(re.findall(r'"(missing_\w+|passed_short|failed_short|passed|failed)"', source))
    keys |= set(re.findall(r'msg = "(\w+)"', source))  # notices shown as t(msg)
    assert keys - set(catalog.script_strings()) == set()
    assert {"correct", "wrong", "stale", "corrupt", "resume", "history"} <= keys


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
    assert data == expected
    assert f'data-quiz-version="{data["version"]}"' in text
    # Strings the script needs travel with the data, so it carries no interface text of its own.
    assert data["strings"] == catalog.script_strings()


def test_assessment_bands_carry_their_advice(project: Project) -> None:
    renderer = Renderer(project, directory_urls=False)
    data = renderer.quiz_client_data(project.quizzes["client-fit"], "quizzes/client-fit.md")
    model = {band.id: band for band in project.quizzes["client-fit"].bands}
    for band_id, band in data["bands"].items():
        assert band["guides"] == list(model[band_id].guides)
        assert band["checklists"] == list(model[band_id].checklists)
        for guide in band["guides"]:
            assert guide in data["guides"]
        for checklist in band["checklists"]:
            assert checklist in data["checklists"]
