"""Reading results files (read.py, check.py): what is said about each file, who the people are, what counts."""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError
from support import ROOT
from team_cases import (
    ASSESSMENT,
    CHECKLIST,
    GUIDE,
    QUIZ,
    Case,
    attempt,
    cases,
    correct_answers,
    encoded,
    guide_read,
    line,
    results,
    ticks,
    wrong_answers,
)

from benchmarks.synth_results import team_files
from build_tools.catalog import RESULTS_READ_STRINGS
from build_tools.project import build_project
from build_tools.results.check import UNDERSTOOD, Problem, check, keywords_used, type_of
from build_tools.results.model import ResultFile, results_schema
from build_tools.results.read import epoch_ms, parse, read_files
from build_tools.results.site_data import site_data
from build_tools.results.stats import analyse
from build_tools.scoring import score

# Built once at collection: the cases are parameters, and a build of the real site takes a moment.
SITE = site_data(build_project(ROOT))
CASES = cases(SITE)


def read(*files: tuple[str, dict | bytes]) -> dict:
    """read_files of (file name, results file or bytes) pairs."""
    return read_files([(name, data if isinstance(data, bytes) else encoded(data)) for name, data in files], SITE)


# ---- Every case: the status and the exact lines of every file


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_file_gets_exactly_the_status_and_lines_its_case_expects(case: Case) -> None:
    reports = read_files(list(case.files), SITE)["files"]
    assert [report["file"] for report in reports] == [name for name, _ in case.files]
    assert [report["status"] for report in reports] == list(case.statuses)
    assert [report["lines"] for report in reports] == [list(lines) for lines in case.lines]


def _template_pattern(template: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in re.split(r"\{\w+\}", template)))


def test_the_cases_cover_every_line_the_reader_can_say() -> None:
    said = [text for case in CASES for lines in case.lines for text in lines]
    # Fragments of other lines, not lines of their own.
    fragments = {"quiz_count", "bad_date", "unnamed"}
    missing = [key for key, template in RESULTS_READ_STRINGS.items() if key not in fragments
               and not any(_template_pattern(template).fullmatch(text) for text in said)]
    assert missing == []


def test_the_cases_cover_every_problem_the_checker_names() -> None:
    said = " ".join(text for case in CASES for lines in case.lines for text in lines)
    # Each way check.py words a problem; "does not have the expected form" is tested on its own below,
    # as every pattern of the results schema says what it expects.
    wordings = ["is missing", "must be a text", "must be a number", "must be a whole number", "must be true or false",
                "must be a list", "or empty (null)", 'must be "', "must be one of", "must not be empty",
                "is longer than", "must be at least", "must be more than", "must be at most", "has more than",
                "is not a field of this format", "must be 12 hexadecimal digits", line("bad_date")]
    assert [wording for wording in wordings if wording not in said] == []


def test_a_file_of_exactly_the_largest_size_allowed_is_read() -> None:
    content = encoded(results(attempt(SITE, QUIZ, 1)))
    padded = content + b" " * (SITE["max_file_bytes"] - len(content))
    assert len(padded) == SITE["max_file_bytes"]
    assert read(("big.json", padded))["files"][0]["status"] == "counted"


# ---- People: files of one name are one person, everything counted once


def test_files_whose_names_differ_only_in_spaces_and_case_are_one_person() -> None:
    team = read(("monday.json", results(attempt(SITE, QUIZ, 1), name="  Ada   Lovelace ")),
                ("other.json", results(attempt(SITE, ASSESSMENT, 2), name="Grace Hopper")),
                ("friday.json", results(attempt(SITE, QUIZ, 3), name="ada\tLOVELACE")))
    assert [(person["name"], person["named"], person["files"]) for person in team["people"]] == [
        ("Ada Lovelace", True, ["monday.json", "friday.json"]),
        ("Grace Hopper", True, ["other.json"]),
    ]
    assert [entry["attempt_id"] for entry in team["people"][0]["attempts"]] == [
        attempt(SITE, QUIZ, 1)["attempt_id"], attempt(SITE, QUIZ, 3)["attempt_id"]]


def test_files_without_a_name_are_separate_unnamed_people() -> None:
    team = read(("a.json", results(attempt(SITE, QUIZ, 1), name=None)),
                ("b.json", results(attempt(SITE, QUIZ, 2), name=None)),
                ("c.json", results(attempt(SITE, QUIZ, 3), name=" \t ")))  # only spaces: no name either
    assert [(person["name"], person["named"], person["files"]) for person in team["people"]] == [
        (line("unnamed", file="a.json"), False, ["a.json"]),
        (line("unnamed", file="b.json"), False, ["b.json"]),
        (line("unnamed", file="c.json"), False, ["c.json"]),
    ]


def test_a_person_named_like_an_unnamed_files_placeholder_is_their_own_person() -> None:
    team = read(("a.json", results(attempt(SITE, QUIZ, 1), name=None)),
                ("b.json", results(attempt(SITE, QUIZ, 2), name="File 0")))
    assert [(person["name"], person["files"]) for person in team["people"]] == [
        (line("unnamed", file="a.json"), ["a.json"]), ("File 0", ["b.json"])]


def test_a_name_with_bytes_that_are_not_utf_8_is_read_with_replacement_characters() -> None:
    content = encoded(results(attempt(SITE, QUIZ, 1), name="Ren\x00e")).replace(b"\\u0000", b"\xe9")
    assert read(("latin-1.json", content))["people"][0]["name"] == "Ren\ufffde"


def test_an_attempt_found_in_two_files_counts_once() -> None:
    first, second = attempt(SITE, QUIZ, 1), attempt(SITE, QUIZ, 2)
    team = read(("old.json", results(first)), ("new.json", results(first, second)), ("again.json", results(first)))
    assert len(team["people"]) == 1
    person = team["people"][0]
    assert [entry["attempt_id"] for entry in person["attempts"]] == [first["attempt_id"], second["attempt_id"]]
    # The third file held nothing new: it is skipped and not one of the person's files.
    assert person["files"] == ["old.json", "new.json"]
    assert analyse(team, SITE)["people"][0]["quizzes"][QUIZ]["attempts"] == 2


def test_guides_read_merge_without_duplicates() -> None:
    guides = list(SITE["guides"])
    team = read(("a.json", results(guides_read=[guide_read(SITE, guides[0]), guide_read(SITE, guides[1]),
                                                guide_read(SITE, guides[0])])),
                ("b.json", results(guides_read=[guide_read(SITE, guides[1]), guide_read(SITE, guides[2])])))
    assert team["people"][0]["guides"] == guides[:3]
    assert analyse(team, SITE)["people"][0]["guides_read"] == 3


def test_a_checklist_is_done_only_when_every_item_is_ticked_across_the_files() -> None:
    items = SITE["checklists"][CHECKLIST]["items"]
    half = len(items) // 2
    first = results(checklists=[ticks(SITE, CHECKLIST, items[:half + 1])])
    rest = results(checklists=[ticks(SITE, CHECKLIST, items[half:])])
    almost = results(checklists=[ticks(SITE, CHECKLIST, items[half:-1])])
    done = read(("a.json", first), ("b.json", rest))
    assert done["people"][0]["ticks"] == {CHECKLIST: items}  # the item in both files once, in order
    assert analyse(done, SITE)["people"][0]["checklists_done"] == 1
    assert analyse(read(("a.json", first), ("b.json", almost)), SITE)["people"][0]["checklists_done"] == 0
    assert analyse(read(("a.json", first)), SITE)["people"][0]["checklists_done"] == 0


def test_ticks_of_items_a_checklist_does_not_have_do_not_make_it_done() -> None:
    items = SITE["checklists"][CHECKLIST]["items"]
    team = read(("a.json", results(checklists=[ticks(SITE, CHECKLIST, [*items[:-1], "not-an-item"])])))
    assert team["people"][0]["ticks"] == {CHECKLIST: items[:-1]}
    assert analyse(team, SITE)["people"][0]["checklists_done"] == 0


# ---- Re-scoring: the figures rest on the answers, never on a score the file claims


def test_a_counted_attempt_carries_the_scorers_result_not_the_files() -> None:
    key = SITE["quizzes"][QUIZ]["scoring"]
    best, worst = score(key, correct_answers(SITE, QUIZ)), score(key, wrong_answers(SITE, QUIZ))
    modest = attempt(SITE, QUIZ, 1, score=0, percent=0, passed=False)  # full marks, claimed as none
    boastful = attempt(SITE, QUIZ, 2, wrong_answers(SITE, QUIZ), score=best["max"], percent=100, passed=True)
    counted = read(("a.json", results(modest, boastful)))["people"][0]["attempts"]
    assert best["percent"] == 100 and best["passed"] and worst["score"] == 0 and not worst["passed"]
    assert [(entry["score"], entry["max"], entry["percent"], entry["passed"]) for entry in counted] == [
        (best["score"], best["max"], 100, True), (worst["score"], worst["max"], worst["percent"], False)]
    assert counted[0]["questions"] == {question: part["score"] for question, part in best["questions"].items()}


def test_a_counted_self_assessment_carries_the_scorers_band_and_dimensions() -> None:
    claimed = attempt(SITE, ASSESSMENT, 1, score=99, percent=99, band="go",
                      dimensions={"communication": {"score": 100, "band": "strong"}})
    counted = read(("a.json", results(claimed)))["people"][0]["attempts"][0]
    result = score(SITE["quizzes"][ASSESSMENT]["scoring"], correct_answers(SITE, ASSESSMENT))
    assert result["score"] != 99
    assert (counted["score"], counted["max"], counted["percent"], counted["passed"], counted["band"],
            counted["dimensions"], counted["questions"]) == (
        result["score"], 100, result["score"], None, result["band"], result["dimensions"], None)


# ---- epoch_ms: the same milliseconds as a browser, for real dates only

def _ms(moment: datetime) -> int:
    return (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(milliseconds=1)


@pytest.mark.parametrize(("text", "expected"), [
    ("1970-01-01T00:00:00Z", 0),
    ("1969-12-31T23:59:59.999Z", -1),
    ("2000-03-01T00:00:00.5+01:00", _ms(datetime(2000, 3, 1, 0, 0, 0, 500_000, tzinfo=timezone(timedelta(hours=1))))),
    ("2026-12-01T09:30-05:30", _ms(datetime(2026, 12, 1, 9, 30, tzinfo=timezone(-timedelta(hours=5, minutes=30))))),
    ("2026-12-01T09:30:00.05Z", _ms(datetime(2026, 12, 1, 9, 30, tzinfo=UTC)) + 50),
    ("2024-02-29T12:00:00Z", _ms(datetime(2024, 2, 29, 12, tzinfo=UTC))),
    ("2000-02-29T00:00:00Z", _ms(datetime(2000, 2, 29, tzinfo=UTC))),  # divisible by 400: a leap year
    ("0001-01-01T00:00:00Z", _ms(datetime(1, 1, 1, tzinfo=UTC))),
])
def test_epoch_ms_of_a_real_date_is_its_exact_milliseconds(text: str, expected: int) -> None:
    assert epoch_ms(text) == expected


def test_a_one_digit_fraction_is_tenths_of_a_second() -> None:
    assert epoch_ms("1970-01-01T00:00:05.5Z") == 5500
    assert epoch_ms("1970-01-01T00:00:00.5Z") == 500


@pytest.mark.parametrize("text", [
    "2023-02-29T12:00:00Z", "2100-02-29T12:00:00Z",  # not leap years
    "2026-04-31T12:00:00Z", "2026-13-01T12:00:00Z", "2026-00-10T12:00:00Z", "2026-01-00T12:00:00Z",
    "2026-12-01T24:00:00Z", "2026-12-01T23:60:00Z", "2026-12-01T23:59:60Z", "2026-12-01T12:00:00+24:00",
    "2026-12-01T12:00:00+01:60", "2026-12-01", "2026-12-01T12:00:00", "2026-12-01T12:00:00Z\n",
])
def test_epoch_ms_of_a_date_that_does_not_exist_or_is_not_of_the_format_is_none(text: str) -> None:
    assert epoch_ms(text) is None


# ---- check.py: the keywords it understands, and agreement with the model


def test_the_checker_understands_every_keyword_the_results_schema_uses() -> None:
    describing = {"title", "description", "default", "$schema", "$id", "x-expected", "$defs"}
    assert keywords_used(results_schema()) <= UNDERSTOOD | describing


def test_a_pattern_without_an_expected_form_says_the_text_does_not_have_it() -> None:
    schema = {"type": "object", "properties": {"code": {"type": "string", "pattern": "^[a-z]+$"}}}
    with pytest.raises(Problem) as caught:
        check({"code": "abc\n"}, schema)
    assert str(caught.value) == "code: does not have the expected form"
    assert (caught.value.path, caught.value.message) == ("code", "does not have the expected form")
    check({"code": "abc"}, schema)


def test_a_problem_of_the_whole_value_has_no_path() -> None:
    with pytest.raises(Problem) as caught:
        check([], results_schema())
    assert str(caught.value) == "must be an object"


@pytest.mark.parametrize(("value", "kind"), [
    (None, "null"), (True, "boolean"), (1, "integer"), (1.0, "integer"), (1.5, "number"), (-0.0, "integer"),
    (10**400, "number"),  # beyond a double, which JavaScript reads as Infinity
    (float("inf"), "number"), ("1", "string"), ([], "array"), ({}, "object"),
])
def test_json_types_are_named_as_javascript_sees_them(value: object, kind: str) -> None:
    assert type_of(value) == kind


def _accepted(content: bytes) -> dict | None:
    return parse(content, SITE)[0]


def test_every_file_the_checker_accepts_the_model_accepts_too() -> None:
    contents = [content for case in CASES for _, content in case.files]
    contents += [content for _, content in team_files(SITE, 30)]
    accepted = [data for data in map(_accepted, contents) if data is not None]
    assert len(accepted) > 50  # the honest synthetic files and every case read without a problem
    for data in accepted:
        ResultFile.model_validate(copy.deepcopy(data))


# Rejected by both. Not every rejection is shared: the checker alone refuses 30 February (the model
# checks the form of a date only), counts lengths in UTF-16 code units as JavaScript does, and takes
# 1 for a number, never for true.
REJECTED_BY_BOTH = ["missing-exported-at", "missing-finished", "score-as-text", "name-as-number",
                    "attempts-as-object", "extra-field", "extra-field-in-attempt", "bad-version",
                    "version-with-final-newline", "bad-quiz-id", "title-too-long", "empty-title", "kind-not-known",
                    "schema-version-0", "schema-version-1.5", "negative-score", "percent-over-100", "max-of-zero",
                    "dimension-score-over-100", "too-many-ticks", "total-with-a-fraction"]


@pytest.mark.parametrize("name", REJECTED_BY_BOTH)
def test_a_file_the_checker_rejects_the_model_rejects_too(name: str) -> None:
    case = next(case for case in CASES if case.name == name)
    content = case.files[0][1]
    assert _accepted(content) is None
    with pytest.raises(ValidationError):
        ResultFile.model_validate(json.loads(content))


def test_the_guide_and_checklist_the_cases_use_are_the_sites() -> None:
    # The cases would be about another site otherwise, and every line in them wrong for the right reason.
    assert GUIDE in SITE["guides"] and CHECKLIST in SITE["checklists"]
    assert SITE["quizzes"][QUIZ]["kind"] == "knowledge" and SITE["quizzes"][ASSESSMENT]["kind"] == "assessment"
