"""`python -m build_tools results report|to-xapi`: what a team lead sees in a terminal, a CSV or JSON; exit codes."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest
from support import ROOT
from team_cases import ASSESSMENT, QUIZ, attempt, encoded, results

from benchmarks.synth_results import person_file, team_files
from build_tools.__main__ import main
from build_tools.catalog import RESULTS_READ_STRINGS, TEAM_SCRIPT_STRINGS, fill_in
from build_tools.project import build_project
from build_tools.results.read import read_files
from build_tools.results.site_data import site_data
from build_tools.results.stats import analyse

HOME = "https://team.example.com/playbook/"
HOSTILE = '=HYPERLINK("x")'
NOT_JSON = fill_in(RESULTS_READ_STRINGS["not_json"])


@pytest.fixture(scope="module")
def site() -> dict:
    return site_data(build_project(ROOT))


@pytest.fixture(scope="module")
def team(site: dict, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Five people who took every quiz (enough for item analysis), one with a name a spreadsheet would run, one
    file that is not JSON."""
    folder = tmp_path_factory.mktemp("team")
    files = team_files(site, 5)
    files.append(("hostile.json", encoded(person_file(site, HOSTILE, random.Random(7), quizzes=[QUIZ, ASSESSMENT]))))
    files.append(("notes.json", b"{x"))
    for name, content in files:
        (folder / name).write_bytes(content)
    return [folder / name for name, _ in files]


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """`python -m build_tools ARGS` in this process: exit code, stdout, stderr."""
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def report(capsys: pytest.CaptureFixture[str], files: list[Path], *options: str) -> tuple[int, str, str]:
    return run(capsys, "results", "report", *files, *options, "--root", ROOT)


def figures_of(files: list[Path], site: dict) -> dict:
    """What the team page makes of the files, through JSON as the command prints it."""
    return json.loads(json.dumps(analyse(read_files([(path.name, path.read_bytes()) for path in files], site), site)))


def table(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows, "no CSV at all"
    return rows


# ---- results report


def test_the_text_report_gives_every_file_with_its_lines_and_every_person(
        capsys: pytest.CaptureFixture[str], team: list[Path], site: dict) -> None:
    code, out, err = report(capsys, team)
    assert code == 0 and err == ""
    figures = figures_of(team, site)
    lines = out.splitlines()
    assert lines[0] == "Files"
    assert lines[1:8] == [f"  {entry['file']}: {TEAM_SCRIPT_STRINGS['status.' + entry['status']]}: "
                          f"{' '.join(entry['lines'])}" for entry in figures["files"]]
    assert "  notes.json: Skipped: " + NOT_JSON in lines
    assert "  person-001.json: Read: Attempts counted: 9." in lines
    assert lines[8:10] == ["", "People (6)"]
    assert [line.split(":")[0] for line in lines[10:16]] == [
        "  Person 1", "  Person 2", "  Person 3", "  Person 4", "  Person 5", "  " + HOSTILE]
    assert [line.split("; guides read ")[1] for line in lines[10:16]] == [
        f"{person['guides_read']} of {len(site['guides'])}; checklists done {person['checklists_done']} of "
        f"{len(site['checklists'])}" for person in figures["people"]]
    assert "Questions" in lines and "Self-assessments" in lines


def test_json_is_exactly_what_the_team_page_makes_of_the_same_files(
        capsys: pytest.CaptureFixture[str], team: list[Path], site: dict) -> None:
    code, out, err = report(capsys, team, "--format", "json")
    assert code == 0
    assert json.loads(out) == figures_of(team, site)
    # The lines about each file go to the terminal, the figures alone to the output.
    assert f"notes.json: {NOT_JSON}" in err.splitlines()
    assert "person-003.json: Attempts counted: 9." in err.splitlines()


def test_the_items_table_has_a_row_per_question_of_each_quiz(
        capsys: pytest.CaptureFixture[str], team: list[Path], site: dict) -> None:
    code, out, _ = report(capsys, team, "--format", "csv")
    assert code == 0
    rows = table(out)
    assert rows[0] == ["quiz", "quiz_title", "people", "alpha", "number", "question", "prompt", "facility",
                       "discrimination", "blank", "picks", "flags"]
    knowledge = [quiz for quiz in site["order"] if site["quizzes"][quiz]["kind"] == "knowledge"]
    assert [(row[0], row[4], row[5]) for row in rows[1:]] == [
        (quiz, str(number), question["id"]) for quiz in knowledge
        for number, question in enumerate(site["quizzes"][quiz]["questions"], 1)]
    people = {quiz: 6 if quiz == QUIZ else 5 for quiz in knowledge}  # the sixth person took one quiz
    assert all(row[2] == str(people[row[0]]) for row in rows[1:])


def test_the_items_table_is_made_when_a_quiz_has_too_few_people_for_item_analysis(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, site: dict) -> None:
    file = tmp_path / "ada.json"
    file.write_bytes(encoded(results(attempt(site, QUIZ, 1))))
    code, out, _ = report(capsys, [file], "--format", "csv")
    assert code == 0
    assert table(out)[0][:2] == ["quiz", "quiz_title"]
    assert len(table(out)) == 1  # one person is too few for figures, so no question has a row


def test_the_people_table_has_a_row_per_person_and_quiz_and_disarms_a_formula_in_a_name(
        capsys: pytest.CaptureFixture[str], team: list[Path], site: dict) -> None:
    code, out, _ = report(capsys, team, "--format", "csv", "--table", "people")
    assert code == 0
    rows = table(out)
    assert rows[0] == ["person", "files", "quiz", "quiz_title", "kind", "attempts", "best_score", "max",
                       "best_percent", "passed", "best_finished", "last_score", "last_band", "last_finished",
                       "guides_read", "checklists_done"]
    expected = [(person["name"], quiz) for person in figures_of(team, site)["people"] for quiz in person["quizzes"]]
    assert len(expected) == 5 * len(site["quizzes"]) + 2
    assert [(row[0], row[2]) for row in rows[1:]] == [
        ("'" + name if name == HOSTILE else name, quiz) for name, quiz in expected]
    hostile = [row for row in rows[1:] if row[1] == "hostile.json"]
    assert [row[0] for row in hostile] == ["'" + HOSTILE] * 2
    assert {row[4] for row in rows[1:]} == {"knowledge", "assessment"}


def test_the_dimensions_table_has_a_row_per_dimension_of_each_self_assessment(
        capsys: pytest.CaptureFixture[str], team: list[Path], site: dict) -> None:
    code, out, _ = report(capsys, team, "--format", "csv", "--table", "dimensions")
    assert code == 0
    rows = table(out)
    assert rows[0] == ["assessment", "dimension", "title", "n", "mean", "sd", "min", "max", "alpha_people", "alpha"]
    assessments = [quiz for quiz in site["order"] if site["quizzes"][quiz]["kind"] == "assessment"]
    assert [(row[0], row[1], row[2]) for row in rows[1:]] == [
        (quiz, dimension["id"], dimension["title"]) for quiz in assessments
        for dimension in site["quizzes"][quiz]["dimensions"]]


def test_nobody_counted_is_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    files = [tmp_path / "a.json", tmp_path / "b.json"]
    files[0].write_bytes(b"[]")
    files[1].write_bytes(encoded(results()))  # valid, but holds nothing
    code, out, err = report(capsys, files)
    assert code == 1 and err == ""
    assert "People (0)" in out.splitlines()
    assert "  b.json: Skipped: " + fill_in(RESULTS_READ_STRINGS["nothing"]) in out.splitlines()


def test_a_person_with_only_guides_read_is_someone_counted(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, site: dict) -> None:
    file = tmp_path / "reader.json"
    guide = next(iter(site["guides"]))
    file.write_bytes(encoded(results(guides_read=[{"id": guide, "title": "A guide", "date": "2026-11-30T17:45:00Z"}])))
    code, out, _ = report(capsys, [file])
    assert code == 0
    assert f"  Ada Lovelace: –; guides read 1 of {len(site['guides'])}; checklists done 0 of " \
           f"{len(site['checklists'])}" in out.splitlines()


def test_a_missing_file_is_exit_2_and_nothing_is_reported(
        capsys: pytest.CaptureFixture[str], team: list[Path], tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    code, out, err = report(capsys, [team[0], missing])
    assert code == 2 and out == ""
    assert err == f"{missing}: cannot read it (No such file or directory); nothing was reported\n"


def test_a_root_without_content_is_exit_2_with_the_content_problem(
        capsys: pytest.CaptureFixture[str], team: list[Path], tmp_path: Path) -> None:
    code, out, err = run(capsys, "results", "report", team[0], "--root", tmp_path)
    assert code == 2 and out == ""
    assert err.splitlines()[0].startswith(f"content/:1:1: no content/ folder in {tmp_path}")


# ---- results to-xapi


def test_to_xapi_prints_one_statement_per_attempt(capsys: pytest.CaptureFixture[str], team: list[Path]) -> None:
    code, out, err = run(capsys, "results", "to-xapi", team[0], "--home-page", HOME)
    assert code == 0 and err == ""
    made = json.loads(out)
    attempts = json.loads(team[0].read_bytes())["attempts"]
    assert isinstance(made, list) and len(made) == len(attempts)
    assert [statement["object"]["id"] for statement in made] == [f"{HOME}quizzes/{entry['quiz']}/"
                                                                 for entry in attempts]
    assert [statement["timestamp"] for statement in made] == [entry["finished"] for entry in attempts]
    assert {statement["actor"]["name"] for statement in made} == {"Person 1"}


def test_to_xapi_of_an_older_download_says_so_on_stderr_and_still_prints(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, site: dict) -> None:
    file = tmp_path / "progress.json"
    file.write_bytes(encoded({"format": "client-craft-progress", "format_version": 1,
                              "exported_at": "2026-11-25T12:00:00.000Z", "name": None, "guides_read": [],
                              "checklists": [], "quizzes": [{"id": QUIZ, "title": site["quizzes"][QUIZ]["title"],
                                                             "kind": "knowledge", "attempts": [
                                  {"date": "2026-11-02T09:00:00.000Z", "score": 9, "max": 15, "percent": 60,
                                   "passed": False}]}]}))
    code, out, err = run(capsys, "results", "to-xapi", file, "--home-page", HOME)
    assert code == 0
    assert err == f"{file}: {fill_in(RESULTS_READ_STRINGS['legacy_progress'])}\n"
    [statement] = json.loads(out)
    assert statement["verb"]["display"]["en-US"] == "failed"
    assert statement["result"]["score"] == {"raw": 9, "min": 0, "max": 15, "scaled": 0.6}


def test_to_xapi_without_a_home_page_or_site_url_is_exit_2(
        capsys: pytest.CaptureFixture[str], team: list[Path], tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Team\n", encoding="utf-8")
    code, out, err = run(capsys, "results", "to-xapi", team[0], "--root", tmp_path)
    assert code == 2 and out == ""
    assert err == ("say where the site lives, as the statements name its quizzes by their address: --home-page "
                   "https://…/ (or set site_url in mkdocs.yml)\n")


def test_to_xapi_takes_the_home_page_from_an_http_site_url_only(
        capsys: pytest.CaptureFixture[str], team: list[Path], tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Team\nsite_url: file:///srv/playbook/\n", encoding="utf-8")
    assert run(capsys, "results", "to-xapi", team[0], "--root", tmp_path)[0] == 2
    (tmp_path / "mkdocs.yml").write_text("site_name: Team\nsite_url: https://lead.example.org/cc\n", encoding="utf-8")
    code, out, _ = run(capsys, "results", "to-xapi", team[0], "--root", tmp_path)
    assert code == 0
    assert json.loads(out)[0]["object"]["id"].startswith("https://lead.example.org/cc/quizzes/")


def test_to_xapi_of_a_file_that_is_not_a_results_file_is_exit_1(
        capsys: pytest.CaptureFixture[str], team: list[Path]) -> None:
    broken = team[-1]  # notes.json
    code, out, err = run(capsys, "results", "to-xapi", broken, "--home-page", HOME)
    assert code == 1 and out == ""
    assert err == f"{broken}: {NOT_JSON}\n"


def test_to_xapi_of_a_file_breaking_the_format_names_the_problem(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, site: dict) -> None:
    file = tmp_path / "edited.json"
    file.write_bytes(encoded(results(attempt(site, QUIZ, 1, percent=101))))
    code, out, err = run(capsys, "results", "to-xapi", file, "--home-page", HOME)
    assert code == 1 and out == ""
    assert err == f"{file}: " + fill_in(RESULTS_READ_STRINGS["invalid"],
                                        problem="attempts[0].percent: must be at most 100") + "\n"


def test_to_xapi_refuses_an_attempt_that_would_not_survive_as_a_statement(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, site: dict) -> None:
    # The format lets a quiz attempt carry a band; a statement of a quiz has nowhere to put it.
    file = tmp_path / "odd.json"
    odd = attempt(site, QUIZ, 1, band="go")
    file.write_bytes(encoded(results(odd)))
    code, out, err = run(capsys, "results", "to-xapi", file, "--home-page", HOME)
    assert code == 1 and out == ""
    assert err == f"{file}: attempts[0] ({odd['attempt_id']}): band would not survive as xAPI; nothing was printed\n"


def test_to_xapi_of_a_missing_file_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    code, out, err = run(capsys, "results", "to-xapi", missing, "--home-page", HOME)
    assert code == 2 and out == ""
    assert err == f"{missing}: cannot read it (No such file or directory); nothing was reported\n"
