"""`python -m build_tools check`: compiler-style lines on stderr, JSON on request, exit status."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURE = TESTS / "fixtures" / "minimal"
BROKEN = TESTS / "broken"

# Three mistakes in three files, with the lines the command must print for them.
MISTAKES = {
    "quizzes/sample-quiz.yml": "single-no-correct.yml",
    "content/checklists/kickoff.yml": "yaml-tab.yml",
    "content/guides/plan-the-work.yml": "unknown-field-typo.yml",
}
EXPECTED = [
    "content/checklists/kickoff.yml:13:1: tab character; YAML indentation must use spaces, so replace the tab "
    "with spaces",
    "content/guides/plan-the-work.yml:17:1: unknown field 'relatd' (did you mean 'related'?)",
    "quizzes/sample-quiz.yml:17:7: questions[0].options: a single-choice question needs exactly one correct "
    "option (found 0); mark it with `correct: true`",
]


def check(root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """Run the command as a person would, from the repository, on the project at `root`."""
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "check", "--root", str(root), *options],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )


@pytest.fixture
def broken_root(tmp_path: Path) -> Path:
    """The fixture project with MISTAKES written over three of its files."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    for target, case in MISTAKES.items():
        shutil.copyfile(BROKEN / case, root / target)
    return root


def test_check_prints_every_problem_and_exits_1(broken_root: Path) -> None:
    result = check(broken_root)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [*EXPECTED, "3 problems found; nothing was built."]
    assert "Traceback" not in result.stderr


def test_check_json_lists_the_same_problems(broken_root: Path) -> None:
    result = check(broken_root, "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["count"] == 3
    lines = [
        f"{p['path']}:{p['line']}:{p['column']}: " + (f"{p['location']}: " if p["location"] else "") + p["message"]
        for p in document["problems"]
    ]
    assert lines == EXPECTED
    assert set(document["problems"][0]) == {"path", "line", "column", "location", "message"}
    assert isinstance(document["problems"][0]["line"], int)


def test_check_on_valid_content_reports_coverage_and_exits_0() -> None:
    result = check(FIXTURE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "Content is valid. Source points: 2 total / 2 used / 0 excluded. Guides tested by quizzes: 2 of 2."
    )
    assert result.stderr == ""


def test_check_json_on_valid_content() -> None:
    result = check(FIXTURE, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"problems": [], "count": 0}


def test_check_with_a_wrong_root_says_where_it_looked(tmp_path: Path) -> None:
    result = check(tmp_path / "nowhere")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"content/:1:1: no content/ folder in {tmp_path / 'nowhere'}; run this from the project folder, "
        f"or point --root at it"
    )


def test_check_of_the_repository_content_passes() -> None:
    # The real playbook must stay valid; `make check` runs the same command.
    result = check(REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Content is valid.")
