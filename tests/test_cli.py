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
    "content/checklists/kickoff.yml:14:1: tab character; YAML indentation must use spaces, so replace the tab "
    "with spaces",
    "content/guides/plan-the-work.yml:18:1: unknown field 'relatd' (did you mean 'related'?)",
    "quizzes/sample-quiz.yml:18:7: questions[0].options: a single-choice question needs exactly one correct "
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
    assert json.loads(result.stdout) == {"problems": [], "count": 0, "notes": []}


# --- Reviews due: notes by default, problems when strict -----------------------------------

# The fixture's five reviewed files are all dated 2026-11-01; twelve months on is 2027-11-01.
DUE = [
    f"review due: {path}:{line}:16: last_reviewed: this {what} was last reviewed on 2026-11-01, more than "
    f"{{months}} ago (the review interval); check it against {against}, then set `last_reviewed` to the day you did"
    for path, line, what, against in [
        ("content/checklists/kickoff.yml", 4, "checklist", "the guides it draws on"),
        ("content/guides/plan-the-work.yml", 4, "guide", "its sources"),
        ("content/guides/report-progress.yml", 4, "guide", "its sources"),
        ("quizzes/sample-assessment.yml", 5, "self-assessment", "the guides it draws on"),
        ("quizzes/sample-quiz.yml", 5, "quiz", "the guides it draws on"),
    ]
]


def test_check_is_quiet_about_reviews_within_the_interval() -> None:
    result = check(FIXTURE, "--today", "2027-11-01")
    assert result.returncode == 0
    assert result.stderr == ""


def test_check_notes_reviews_past_the_interval_and_still_passes() -> None:
    result = check(FIXTURE, "--today", "2027-11-02")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [line.format(months="12 months") for line in DUE]
    assert result.stdout.strip().endswith("5 files are due for a review.")


def test_review_strict_turns_the_notes_into_problems() -> None:
    result = check(FIXTURE, "--today", "2027-11-02", "--review-strict")
    assert result.returncode == 1
    problems = [line.removeprefix("review due: ").format(months="12 months") for line in DUE]
    assert result.stderr.splitlines() == [*problems, "5 problems found; nothing was built."]


def test_the_interval_and_strictness_come_from_the_plugin_options(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - client-craft:\n      review_interval_months: 1\n"
                                     "      review_strict: true\n", encoding="utf-8")
    assert check(root, "--today", "2026-12-01").returncode == 0
    result = check(root, "--today", "2026-12-02")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == DUE[0].removeprefix("review due: ").format(months="1 month")


def test_a_review_date_after_today_is_noted(tmp_path: Path) -> None:
    result = check(FIXTURE, "--today", "2026-10-31")
    assert result.returncode == 0
    assert result.stderr.splitlines()[0] == (
        "review due: content/checklists/kickoff.yml:4:16: last_reviewed: 2026-11-01 is after today (2026-10-31); "
        "write the day the review took place")


@pytest.mark.parametrize(("options", "message"), [
    ("review_interval_months: 0", "review_interval_months must be a whole number of months from 1 to 120, found 0"),
    ("review_interval_months: twelve", "review_interval_months must be a whole number of months from 1 to 120, "
                                       "found 'twelve'"),
    ("review_strict: sometimes", "review_strict must be true or false, found 'sometimes'"),
])
def test_unusable_review_options_are_named(tmp_path: Path, options: str, message: str) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / "mkdocs.yml").write_text(f"site_name: T\nplugins:\n  - client-craft:\n      {options}\n", encoding="utf-8")
    result = check(root)
    assert result.returncode == 2
    assert result.stderr.strip() == f"{root / 'mkdocs.yml'}: client-craft plugin: {message}"


def test_json_carries_the_review_notes() -> None:
    result = check(FIXTURE, "--format", "json", "--today", "2027-11-02")
    notes = json.loads(result.stdout)["notes"]
    assert [note["path"] for note in notes] == [line.split(" ")[2].split(":")[0] for line in DUE]


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
