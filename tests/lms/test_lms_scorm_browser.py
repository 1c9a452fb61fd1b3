"""Every SCORM 1.2 package played in Chromium inside a learning platform we did not write.

The harness page (tests/lms/scorm_harness/) makes npm `scorm-again`'s SCORM 1.2 runtime the
`window.API` of a page that plays the package in a frame, as platforms do. Each test takes the quiz
through its controls, then reads what the platform recorded and compares it with what the Python
reference scorer says of the same answers. Also: a resumed attempt, a platform that refuses values
or the start, no platform at all, and the package opened from a folder.
"""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import urllib.parse
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Frame, Page, expect
from quiz.quizkit import extreme_answers, fill, right_answers, scoring_key, wrong_answers
from support import NODE_MODULES, serve_folder

from build_tools import catalog, lms
from build_tools.lms import scorm
from build_tools.project import Project
from build_tools.scoring import reference

pytestmark = pytest.mark.browser
HARNESS = Path(__file__).with_name("scorm_harness")
SCORM_AGAIN = NODE_MODULES / "scorm-again" / "dist" / "scorm12.min.js"
LETTERS = "abcdefghijklmnopqrstuvwxyz"
TYPES = {"single": "choice", "multiple": "choice", "true_false": "true-false", "ordering": "sequencing"}
TIMESPAN = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")
SITE_URL = "https://playbook.example.com/"
S = catalog.SCORM_SCRIPT_STRINGS


@pytest.fixture(scope="module")
def platform(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(base URL, folder): the harness, scorm-again and every package unpacked in its own folder, served."""
    if not SCORM_AGAIN.is_file():
        pytest.fail("these tests need node_modules/scorm-again: run `npm ci` (make test does)")
    folder = tmp_path_factory.mktemp("platform")
    for file in HARNESS.iterdir():
        shutil.copy(file, folder / file.name)
    shutil.copy(SCORM_AGAIN, folder / SCORM_AGAIN.name)
    site = lms.Site(project, SITE_URL)
    for quiz in project.quizzes.values():
        with zipfile.ZipFile(io.BytesIO(lms.export(quiz, "scorm12", site).content)) as archive:
            archive.extractall(folder / quiz.id)
    with serve_folder(folder) as url:
        yield url, folder


@pytest.fixture
def lms_page(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile (empty storage), so only the platform can give answers back."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors


def play(page: Page, base: str, quiz_id: str, *, state: dict | None = None, refuse: str = "") -> Frame:
    """Open the harness playing `quiz_id`; returns the quiz's frame once the bridge has spoken."""
    query = {"package": quiz_id, **({"state": json.dumps(state)} if state else {}), **({"refuse": refuse} if refuse
                                                                                          else {})}
    page.goto(f"{base}index.html?{urllib.parse.urlencode(query)}")
    frame = page.locator("iframe").element_handle().content_frame()
    frame.wait_for_selector("[data-quiz-id][data-lms]")
    return frame


def cmi(page: Page) -> dict[str, Any]:
    """What the platform holds, as scorm-again writes it out."""
    return page.evaluate("JSON.parse(JSON.stringify(lms.cmi))")


def calls(page: Page) -> list[list[Any]]:
    return page.evaluate("calls")


def leave(page: Page) -> None:
    """The platform closes the quiz (its frame goes), as when the learner moves on."""
    page.evaluate("document.querySelector('iframe').remove()")
    page.wait_for_function("calls.some(c => c[0] == 'LMSFinish')")


def js(number: float) -> str:
    """A number as the page's script writes it (60, not 60.0)."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def mixed_answers(key: dict[str, Any]) -> dict[str, Any]:
    """Right, wrong and partly right answers in turn (a self-assessment: every point of the scale)."""
    if key["kind"] == "assessment":
        values = [str(point) for point in range(1, key["scale_points"] + 1)] + (["na"] if key["not_applicable"]
                                                                                 else [])
        return {item["id"]: values[index % len(values)] for index, item in enumerate(key["items"])}
    right, wrong = right_answers(key), wrong_answers(key)
    answers = {}
    for index, question in enumerate(key["questions"]):
        qid = question["id"]
        if index % 3 == 2 and question["type"] == "ordering":
            correct = question["correct"]
            answers[qid] = [correct[1], correct[0], *correct[2:]]  # partly right
        elif index % 3 == 2 and question["type"] == "multiple":
            answers[qid] = question["correct"][:1]
        else:
            answers[qid] = (right if index % 3 != 1 else wrong)[qid]
    return answers


def expected_interactions(key: dict[str, Any], answers: dict[str, Any]) -> list[dict[str, Any]]:
    """cmi.interactions as scorm.py documents them, worked out in Python from the answers."""
    if key["kind"] == "assessment":
        return [{"id": item["id"], "type": "likert", "weighting": js(item["weight"]),
                 "student_response": "0" if answers.get(item["id"]) == "na" else answers.get(item["id"], ""),
                 "result": "neutral", "correct_responses": {}} for item in key["items"]]
    parts = reference.score(key, answers)["questions"]
    made = []
    for question in key["questions"]:
        def letters(values: list[str], question: dict = question) -> str:
            if question["type"] == "true_false":
                return ",".join(value[0] for value in values)
            picked = [LETTERS[question["options"].index(value)] for value in values]
            return ",".join(picked if question["type"] == "ordering" else sorted(picked))

        part = parts[question["id"]]
        result = "correct" if part["correct"] else js(part["score"]) if part["score"] > 0 else "wrong"
        made.append({"id": question["id"], "type": TYPES[question["type"]], "weighting": js(question["points"]),
                     "student_response": letters(answers.get(question["id"], [])), "result": result,
                     "correct_responses": {"0": {"pattern": letters(question["correct"])}}})
    return made


def assert_recorded(page: Page, key: dict[str, Any], answers: dict[str, Any], pass_mark: int | None) -> None:
    """The platform holds the score, status, session time and one interaction per question."""
    data, expected = cmi(page), reference.score(key, answers)
    core = data["core"]
    assert (core["score"]["min"], core["score"]["max"]) == ("0", "100")
    if key["kind"] == "knowledge":
        raw = math.floor(expected["score"] * 1000 / expected["max"] + 1e-6) / 10
        assert core["score"]["raw"] == js(raw)
        assert core["lesson_status"] == ("passed" if expected["passed"] else "failed")
        assert (float(core["score"]["raw"]) >= pass_mark) == expected["passed"]  # as the mastery score says
    else:
        assert core["score"]["raw"] == ("" if expected["score"] is None else js(expected["score"]))
        assert core["lesson_status"] == "completed"
    assert TIMESPAN.match(core["session_time"]), core["session_time"]
    recorded = list(data["interactions"].values())
    for entry in recorded:
        assert re.fullmatch(r"\d{2}:\d{2}:\d{2}", entry.pop("time"))
        entry.pop("latency"), entry.pop("objectives")
    assert recorded == expected_interactions(key, answers)


def assert_every_call_checked(page: Page) -> None:
    """Each call the bridge made was followed by LMSGetLastError (return values alone do not tell)."""
    made = calls(page)
    for index, (method, args, _value) in enumerate(made):
        if method not in ("LMSGetLastError", "LMSGetErrorString"):
            assert made[index + 1][0] == "LMSGetLastError", (method, args)


def submit(frame: Frame) -> None:
    frame.locator("[data-quiz-submit]").click()
    if frame.locator("[data-quiz-blanks]").is_visible():
        frame.locator("[data-quiz-submit]").click()  # the second press scores the blanks as they are
    frame.wait_for_selector("[data-quiz-result]:not([hidden])")


@pytest.mark.parametrize("quiz_id", ["quiz-choosing-clients", "quiz-delivering", "quiz-keeping-boundaries",
                                     "quiz-starting-well", "quiz-when-it-goes-wrong", "onboarding-final",
                                     "client-fit", "my-client-habits", "partnership-balance"])
def test_the_platform_records_score_status_time_and_every_answer(
        project: Project, platform: tuple[str, Path], lms_page: Page, quiz_id: str) -> None:
    assert set(project.quizzes) == {"quiz-choosing-clients", "quiz-delivering", "quiz-keeping-boundaries",
                                    "quiz-starting-well", "quiz-when-it-goes-wrong", "onboarding-final",
                                    "client-fit", "my-client-habits", "partnership-balance"}, "a quiz was added"
    key, quiz = scoring_key(project, quiz_id), project.quizzes[quiz_id]
    frame = play(lms_page, platform[0], quiz_id)
    assert frame.locator("[data-quiz-id]").get_attribute("data-lms") == "connected"
    expect(frame.locator("[data-lms-status]")).to_have_text(S["connected"])
    assert cmi(lms_page)["core"]["lesson_status"] == "incomplete"  # once opened
    answers = mixed_answers(key)
    fill(frame, key, answers)
    submit(frame)
    assert_recorded(lms_page, key, answers, getattr(quiz, "pass_mark", None))
    assert frame.locator("[data-quiz-id]").get_attribute("data-lms-errors") is None
    leave(lms_page)
    made = calls(lms_page)
    assert ["LMSSetValue", ["cmi.core.exit", ""], "true"] in made  # finished: no resume
    assert [call[0] for call in made].count("LMSFinish") == 1 and made[-2][0] == "LMSFinish"
    assert_every_call_checked(lms_page)


def test_a_learner_who_comes_back_finds_the_answers_the_platform_kept(
        project: Project, platform: tuple[str, Path], browser: Browser, lms_page: Page) -> None:
    quiz_id = "quiz-delivering"
    key = scoring_key(project, quiz_id)
    half = dict(list(mixed_answers(key).items())[: len(key["questions"]) // 2])
    frame = play(lms_page, platform[0], quiz_id)
    fill(frame, key, half)
    kept = cmi(lms_page)["suspend_data"]
    assert kept and json.loads(kept)["v"] == frame.locator("[data-quiz-id]").get_attribute("data-quiz-version")
    leave(lms_page)
    assert ["LMSSetValue", ["cmi.core.exit", "suspend"], "true"] in calls(lms_page)

    # Another browser: nothing in its storage, so the answers can only come from the platform.
    context = browser.new_context()
    try:
        page = context.new_page()
        frame = play(page, platform[0], quiz_id, state={"core": {"entry": "resume", "lesson_status": "incomplete"},
                                                        "suspend_data": kept})
        expect(frame.locator("[data-quiz-notice]")).to_have_text(catalog.script_strings()["resume"])
        for qid, given in half.items():
            question = next(q for q in key["questions"] if q["id"] == qid)
            if question["type"] == "ordering":
                order = frame.locator(f'[data-question-id="{qid}"] [data-order] input').evaluate_all(
                    "l => l.map(i => i.value)")
                assert order == given
            else:
                for value in given:
                    expect(frame.locator(f'input[name="{qid}"][value="{value}"]')).to_be_checked()
        rest = {qid: value for qid, value in mixed_answers(key).items() if qid not in half}
        fill(frame, key, rest)
        submit(frame)
        assert_recorded(page, key, {**half, **rest}, project.quizzes[quiz_id].pass_mark)
    finally:
        context.close()


def test_the_largest_quiz_with_every_answer_fits_in_suspend_data(
        project: Project, platform: tuple[str, Path], lms_page: Page) -> None:
    quiz_id = max(project.quizzes, key=lambda q: scorm.suspend_data_bound(project.quizzes[q]))
    key = scoring_key(project, quiz_id)
    answers = {}
    for question in key.get("questions", []):
        kind = question["type"]
        answers[question["id"]] = (list(question["options"]) if kind == "multiple" else
                                   list(reversed(question["correct"])) if kind == "ordering" else
                                   [question["options"][-1]])
    frame = play(lms_page, platform[0], quiz_id)
    fill(frame, key, answers)
    submit(frame)
    kept = cmi(lms_page)["suspend_data"]
    assert json.loads(kept)["d"]  # the finished attempt
    assert len(kept) <= scorm.suspend_data_bound(project.quizzes[quiz_id]) < scorm.SUSPEND_DATA_LIMIT


def test_a_platform_that_refuses_every_value_leaves_the_quiz_working_and_saved_here(
        project: Project, platform: tuple[str, Path], lms_page: Page) -> None:
    quiz_id = "quiz-starting-well"
    key = scoring_key(project, quiz_id)
    frame = play(lms_page, platform[0], quiz_id, refuse="*")
    answers = right_answers(key)
    fill(frame, key, dict(list(answers.items())[:2]))
    root = frame.locator("[data-quiz-id]")
    expect(root).to_have_attribute("data-lms", "refused")
    expect(frame.locator("[data-lms-status]")).to_have_text(catalog.fill_in(S["refused"], code="351",
                                                                            text="General Set Failure"))
    made = calls(lms_page)
    refused = [index for index, call in enumerate(made) if call[0] == "LMSSetValue" and call[2] == "false"]
    assert refused and all(made[index + 1] == ["LMSGetLastError", [], "351"] for index in refused)
    # This browser keeps the answers, and the quiz still scores.
    stored = frame.evaluate("Object.keys(localStorage).filter(k => k.startsWith('client-craft:quiz:'))")
    assert stored
    fill(frame, key, dict(list(answers.items())[2:]))
    submit(frame)
    assert frame.locator("[data-quiz-result]").get_attribute("data-passed") == "true"
    assert int(root.get_attribute("data-lms-errors")) >= len(refused)
    # Opened again in this browser (the platform kept nothing): the finished attempt is still shown.
    frame = play(lms_page, platform[0], quiz_id, refuse="*")
    expect(frame.locator("[data-quiz-result]")).to_be_visible()


def test_a_platform_that_refuses_only_the_saved_answers_still_gets_the_result(
        project: Project, platform: tuple[str, Path], lms_page: Page) -> None:
    quiz_id = "quiz-delivering"
    key = scoring_key(project, quiz_id)
    frame = play(lms_page, platform[0], quiz_id, refuse="cmi.suspend_data")
    answers = mixed_answers(key)
    fill(frame, key, answers)
    submit(frame)
    assert frame.locator("[data-quiz-id]").get_attribute("data-lms") == "refused"
    assert_recorded(lms_page, key, answers, project.quizzes[quiz_id].pass_mark)


def test_a_platform_that_will_not_start_the_quiz_is_told_of_nothing(
        project: Project, platform: tuple[str, Path], lms_page: Page) -> None:
    frame = play(lms_page, platform[0], "client-fit", refuse="LMSInitialize")
    expect(frame.locator("[data-lms-status]")).to_have_text(S["not_started"])
    key = scoring_key(project, "client-fit")
    fill(frame, key, extreme_answers(key, best=True))
    submit(frame)
    assert [call[0] for call in calls(lms_page)] == ["LMSInitialize", "LMSGetLastError", "LMSGetErrorString"]


def test_without_a_platform_the_package_is_the_quiz_page(project: Project, platform: tuple[str, Path],
                                                         lms_page: Page) -> None:
    base, folder = platform
    for address in (f"{base}quiz-keeping-boundaries/index.html",
                    (folder / "quiz-keeping-boundaries" / "index.html").as_uri()):  # served, and from a folder
        key = scoring_key(project, "quiz-keeping-boundaries")
        lms_page.goto(address)
        root = lms_page.locator("[data-quiz-id]")
        expect(root).to_have_attribute("data-lms", "none")
        expect(lms_page.locator("[data-lms-status]")).to_have_text(S["none"])
        expect(lms_page.locator("[data-quiz-needs-js]")).to_be_hidden()
        answers = wrong_answers(key)
        fill(lms_page, key, answers)
        submit(lms_page)
        expected = reference.score(key, answers)
        result = lms_page.locator("[data-quiz-result]")
        assert float(result.get_attribute("data-score")) == expected["score"]
        assert result.get_attribute("data-passed") == "false"
        # The review list links the guides on the site, in a new tab.
        link = result.locator("a[href^='https://']").first
        assert link.get_attribute("href").startswith(SITE_URL) and link.get_attribute("target") == "_blank"
