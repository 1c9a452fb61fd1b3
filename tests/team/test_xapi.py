"""Results as xAPI statements: the shape a learning record store expects, and every attempt read back whole."""

from __future__ import annotations

import copy
import json
import re
import uuid

import pytest

from build_tools.results.model import FORMAT, SCHEMA_VERSION, ResultFile
from build_tools.results.xapi import VERBS, attempt_from_statement, person_name, statements

SITE = "https://team.example.com/playbook/"
EXT = SITE + "xapi/"

QUIZ_PASSED = {
    "attempt_id": "6f1c2a9e-4b7d-4e21-9c3a-0d5e8f7b1a42",
    "quiz": "quiz-delivering",
    "quiz_title": "Check yourself: delivering and communicating",
    "kind": "knowledge",
    "version": "3f9a0c1b2d4e",
    "started": "2026-12-01T09:17:25.500Z",  # 754.5 seconds before finished
    "finished": "2026-12-01T09:30:00.000Z",
    "answers": {"slow-week-update": ["short-and-honest"],
                "members-area-request": ["repeat-back", "size-it", "recommend", "confirm-in-writing",
                                         "build-and-show"]},
    "score": 7,
    "max": 9,
    "percent": 77.8,
    "passed": True,
    "band": None,
    "dimensions": None,
}
# Saved before attempts had ids, versions, start times or answers. 55.6 / 100 * 100 is not 55.6.
QUIZ_LEGACY = {
    "attempt_id": "quiz-delivering@2026-11-02T09:00:00.000Z",
    "quiz": "quiz-delivering",
    "quiz_title": "Check yourself: delivering and communicating",
    "kind": "knowledge",
    "version": None,
    "started": None,
    "finished": "2026-11-02T09:00:00.000Z",
    "answers": None,
    "score": 5,
    "max": 9,
    "percent": 55.6,
    "passed": False,
    "band": None,
    "dimensions": None,
}
ASSESSMENT_SCORED = {
    "attempt_id": "b3e0d7c4-18a2-4f6e-a5d9-7c2b4e6f8a10",
    "quiz": "client-fit",
    "quiz_title": "Is this client a good fit?",
    "kind": "assessment",
    "version": "a1b2c3d4e5f6",
    "started": "2026-12-03T14:02:10+07:00",
    "finished": "2026-12-03T14:09:41.25+07:00",
    "answers": {"answers-clearly": "4", "raises-doubts-early": "5", "rude-or-dismissive": "1",
                "pays-on-time": "na"},
    "score": 81.3,
    "max": 100,
    "percent": 81.3,
    "passed": None,
    "band": "go",
    "dimensions": {"communication": {"score": 87.5, "band": "strong"},
                   "fair-dealing": {"score": 75, "band": "strong"}},
}
# Too few statements answered for an overall score: score, percent and band stay empty.
ASSESSMENT_UNSCORED = {
    "attempt_id": "0d9f4e2a-7c61-4b38-8e15-3a6b9c2d5f70",
    "quiz": "client-fit",
    "quiz_title": "Is this client a good fit?",
    "kind": "assessment",
    "version": "a1b2c3d4e5f6",
    "started": None,
    "finished": "2026-12-04T08:15:00Z",
    "answers": {"answers-clearly": "3", "raises-doubts-early": "na", "pays-on-time": "na"},
    "score": None,
    "max": 100,
    "percent": None,
    "passed": None,
    "band": None,
    "dimensions": {"communication": {"score": 50, "band": "watch-closely"},
                   "fair-dealing": {"score": None, "band": None}},
}
ATTEMPTS = [QUIZ_PASSED, QUIZ_LEGACY, ASSESSMENT_SCORED, ASSESSMENT_UNSCORED]


def results_file(name: str | None = "Dana Okafor", attempts: list[dict] = ATTEMPTS, **fields: object) -> dict:
    file = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "exported_at": "2026-12-05T17:40:12.345Z",
            "name": name, "attempts": copy.deepcopy(attempts), "guides_read": [], "checklists": []} | fields
    ResultFile.model_validate(file)  # a real results file, not merely something shaped like one
    return file


def is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def test_one_statement_per_attempt_of_the_xapi_shape() -> None:
    made = statements(results_file(), SITE)
    assert [statement["timestamp"] for statement in made] == [attempt["finished"] for attempt in ATTEMPTS]
    for statement, attempt in zip(made, ATTEMPTS, strict=True):
        assert is_uuid(statement["id"])
        assert statement["version"] == "1.0.3"
        assert statement["actor"]["objectType"] == "Agent"
        assert statement["actor"]["account"] == {"homePage": SITE, "name": "Dana Okafor"}
        verb = statement["verb"]
        assert verb["id"] == VERBS + verb["display"]["en-US"]
        assert statement["object"] == {
            "objectType": "Activity", "id": f"{SITE}quizzes/{attempt['quiz']}/",
            "definition": {"name": {"en-US": attempt["quiz_title"]},
                           "type": "http://adlnet.gov/expapi/activities/assessment"}}
        assert statement["result"]["completion"] is True
        assert statement["context"]["registration"] == statement["id"]
        assert statement["context"]["platform"] == "Client Craft"
        assert EXT + "exported-at" not in statement["context"]["extensions"]  # the file's, not the attempt's
        extensions = {**statement["result"]["extensions"], **statement["context"]["extensions"]}
        assert all(key.startswith(EXT) for key in extensions)
    # Statement ids identify attempts, so no two attempts may share one.
    assert len({statement["id"] for statement in made}) == len(ATTEMPTS)


def test_verbs_say_passed_failed_or_completed() -> None:
    made = statements(results_file(), SITE)
    assert [statement["verb"]["display"]["en-US"] for statement in made] == ["passed", "failed", "completed",
                                                                             "completed"]
    assert [statement["result"].get("success") for statement in made] == [True, False, None, None]
    assert "success" not in made[2]["result"] and "success" not in made[3]["result"]


def test_uuid_attempt_ids_are_the_statement_ids_and_others_give_the_same_uuid_every_time() -> None:
    made = statements(results_file(), SITE)
    assert made[0]["id"] == QUIZ_PASSED["attempt_id"]
    legacy = uuid.UUID(made[1]["id"])
    assert legacy.version == 5
    assert legacy == uuid.uuid5(uuid.NAMESPACE_URL, SITE + "attempts/quiz-delivering@2026-11-02T09:00:00.000Z")
    assert made[1]["context"]["extensions"][EXT + "attempt-id"] == QUIZ_LEGACY["attempt_id"]


def test_an_attempt_id_in_capitals_is_not_taken_as_the_statement_id() -> None:
    # The statement id must be the UUID's lower-case form; the attempt id as written stays in an extension.
    upper = QUIZ_PASSED | {"attempt_id": QUIZ_PASSED["attempt_id"].upper()}
    (statement,) = statements(results_file(attempts=[upper]), SITE)
    assert statement["id"] != upper["attempt_id"].lower() and is_uuid(statement["id"])
    assert attempt_from_statement(statement, SITE) == upper


def test_the_same_file_gives_the_same_statements_whatever_the_site_address_ends_with() -> None:
    file = results_file()
    first = statements(file, SITE)
    assert statements(copy.deepcopy(file), SITE) == first
    assert statements(file, SITE.rstrip("/")) == first
    assert statements(file, SITE + "/") == first
    assert file == results_file()  # the file itself is left as it was


@pytest.mark.parametrize("through_json", [False, True], ids=["as-made", "through-json"])
def test_every_attempt_comes_back_whole(through_json: bool) -> None:
    made = statements(results_file(), SITE)
    if through_json:  # as a record store would hand them back
        made = json.loads(json.dumps(made))
    assert [attempt_from_statement(statement, SITE) for statement in made] == ATTEMPTS
    # Exactly, not merely equal as numbers: 55.6 / 100 * 100 would have come back as 55.60000000000001.
    assert attempt_from_statement(made[1], SITE)["percent"] == 55.6 != made[1]["result"]["score"]["scaled"] * 100


def test_scores_are_scaled_within_the_range_xapi_allows() -> None:
    made = statements(results_file(), SITE)
    assert made[0]["result"]["score"] == {"raw": 7, "min": 0, "max": 9, "scaled": 0.778}
    assert made[2]["result"]["score"] == {"raw": 81.3, "min": 0, "max": 100, "scaled": 0.813}
    assert "score" not in made[3]["result"]  # no overall score yet, and xAPI has no empty score
    for statement in made[:3]:
        score = statement["result"]["score"]
        assert -1 <= score["scaled"] <= 1 and score["min"] <= score["raw"] <= score["max"]
    full = QUIZ_PASSED | {"score": 9, "percent": 100}
    (statement,) = statements(results_file(attempts=[full]), SITE)
    assert statement["result"]["score"]["scaled"] == 1


def test_duration_from_started_to_finished() -> None:
    made = statements(results_file(), SITE)
    assert made[0]["result"]["duration"] == "PT754.5S"
    assert made[2]["result"]["duration"] == "PT451.25S"
    assert "duration" not in made[1]["result"] and "duration" not in made[3]["result"]  # started is empty


@pytest.mark.parametrize(("started", "finished", "duration"), [
    ("2026-12-03T07:02:10Z", "2026-12-03T14:09:41.250+07:00", "PT451.25S"),  # offsets count
    ("2026-12-01T09:30Z", "2026-12-01T09:30:00.000Z", "PT0S"),
    ("2026-12-01T09:00:00Z", "2026-12-01T10:00:00.001Z", "PT3600.001S"),
    ("2026-12-01T09:30:00.000Z", "2026-12-01T09:29:59.999Z", None),  # a clock put back: never negative
    ("2026-02-30T09:00:00Z", "2026-12-01T09:30:00Z", None),  # the pattern allows it; no date has it
])
def test_duration_of_any_timestamps_of_the_format(started: str, finished: str, duration: str | None) -> None:
    attempt = QUIZ_PASSED | {"started": started, "finished": finished}
    (statement,) = statements(results_file(attempts=[attempt]), SITE)
    assert statement["result"].get("duration") == duration
    assert duration is None or re.fullmatch(r"PT[0-9]+(\.[0-9]{1,3})?S", duration)
    assert attempt_from_statement(statement, SITE) == attempt


def test_a_file_without_a_name_gets_an_account_of_its_own() -> None:
    file = results_file(name=None)
    made = statements(file, SITE)
    accounts = {json.dumps(statement["actor"], sort_keys=True) for statement in made}
    assert len(accounts) == 1  # one person, one actor for all their attempts
    actor = made[0]["actor"]
    assert "name" not in actor and person_name(made[0]) is None
    assert re.fullmatch(r"unnamed-[0-9a-f]{12}", actor["account"]["name"])
    assert actor["account"]["homePage"] == SITE
    assert statements(copy.deepcopy(file), SITE)[0]["actor"] == actor
    # Another file is another account: nothing joins two people who gave no name.
    other = results_file(name=None, exported_at="2026-12-06T08:00:00.000Z")
    assert statements(other, SITE)[0]["actor"] != actor
    assert [attempt_from_statement(statement, SITE) for statement in made] == ATTEMPTS


def test_person_name_is_the_name_the_file_gives() -> None:
    (statement,) = statements(results_file(name="Jun Watanabe", attempts=[QUIZ_PASSED]), SITE)
    assert person_name(statement) == "Jun Watanabe" == statement["actor"]["account"]["name"]


def test_an_attempt_the_site_never_writes_is_refused_rather_than_changed() -> None:
    # The model allows a quiz with a band; a quiz's statement has nowhere to keep one.
    odd = QUIZ_PASSED | {"band": "go"}
    with pytest.raises(ValueError, match=r"attempts\[1\] .*: band would not survive"):
        statements(results_file(attempts=[QUIZ_LEGACY, odd]), SITE)
