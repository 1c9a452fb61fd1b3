"""`python -m build_tools check`: compiler-style lines on stderr, JSON on request, exit status."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

TESTS = Path(__file__).parent
REPO = ROOT
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


# --- export and import-gift: output paths, as a person meets them ---------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m build_tools ARGS` from the repository."""
    return subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=300, check=False)


def test_export_into_a_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    file = tmp_path / "exports"
    file.write_text("not a folder", encoding="utf-8")
    result = run("export", "--format", "qti21", "--root", str(FIXTURE), "-o", str(file))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"{file}: is a file; give -o a folder for the exported files; nothing was written\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"]


def test_export_twice_needs_force(tmp_path: Path) -> None:
    first = run("export", "--format", "qti21", "--root", str(FIXTURE), "-o", str(tmp_path))
    assert first.returncode == 0, first.stderr
    again = run("export", "--format", "qti21", "--root", str(FIXTURE), "-o", str(tmp_path))
    assert again.returncode == 2 and again.stdout == "" and "Traceback" not in again.stderr
    assert again.stderr.splitlines()[-1] == (f"{tmp_path / 'sample-quiz-qti21.zip'}: already exists; pass --force "
                                             "to replace it or choose another folder; nothing was written")
    forced = run("export", "--format", "qti21", "--root", str(FIXTURE), "-o", str(tmp_path), "--force")
    assert forced.returncode == 0, forced.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample-quiz-qti21.zip"]


def test_import_gift_into_a_missing_folder_or_a_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bank = tmp_path / "week-one.gift"
    bank.write_text("::Plan:: What comes first? {=A plan ~Code}\n", encoding="utf-8")
    missing = run("import-gift", str(bank), "-o", str(tmp_path / "quizes" / "week-one.yml"))
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr == (f"{tmp_path / 'quizes' / 'week-one.yml'}: the folder {tmp_path / 'quizes'} does not "
                              "exist; create it first or check the path; nothing was written\n")
    folder = run("import-gift", str(bank), "-o", str(tmp_path))
    assert folder.returncode == 2 and folder.stdout == ""
    assert folder.stderr == (f"{tmp_path}: is a folder; give -o the quiz file to write in it, e.g. "
                             f"{tmp_path / 'week-one.yml'}; nothing was written\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["week-one.gift"]
