"""Helpers of the quiz tests: answer sets from the scoring key, filling a quiz page, reading its hooks.

These only use the public hooks of a quiz page (input names and values, [data-quiz-submit],
[data-quiz-result], [data-dimension]), so a team can copy them to test its own quizzes.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Frame, Page
from support import run_axe

from build_tools import models
from build_tools.project import Project
from build_tools.scoring import reference, scoring_data

Answers = dict[str, Any]


def quiz_url(base_url: str, quiz_id: str) -> str:
    """Address of a quiz's page on the served site."""
    return f"{base_url}quizzes/{quiz_id}.html"


def scoring_key(project: Project, quiz_id: str) -> dict[str, Any]:
    """The scoring key the page embeds, computed in Python from the YAML."""
    return scoring_data(project.quizzes[quiz_id], project.chapter_of_guide)


def right_answers(key: dict[str, Any]) -> Answers:
    """Every knowledge question answered fully right."""
    return {q["id"]: list(q["correct"]) for q in key["questions"]}


def wrong_answers(key: dict[str, Any]) -> Answers:
    """Every knowledge question answered so that it earns nothing."""
    answers: Answers = {}
    for q in key["questions"]:
        if q["type"] == "ordering":
            # Shift every step one place: none stays where it belongs.
            answers[q["id"]] = q["correct"][1:] + q["correct"][:1]
        else:
            wrong = [o for o in q["options"] if o not in q["correct"]]
            answers[q["id"]] = wrong[:1] if q["type"] != "multiple" else wrong
    return answers


def extreme_answers(key: dict[str, Any], *, best: bool) -> Answers:
    """Every statement answered at the end of the scale that scores highest (or lowest)."""
    top, bottom = str(key["scale_points"]), "1"
    return {item["id"]: (top if best != item["reverse"] else bottom) for item in key["items"]}


def fill(page: Page | Frame, key: dict[str, Any], answers: Answers) -> None:
    """Answer through the page's controls (or a frame's, as a learning platform shows a quiz) as a person would."""
    # In the front tab, as a person would: Chromium runs a tab behind another at one timer a second,
    # and each click would wait for it.
    (page.page if isinstance(page, Frame) else page).bring_to_front()
    for question in key.get("questions", key.get("items", [])):
        qid = question["id"]
        given = answers.get(qid)
        if given is None:
            continue
        if question.get("type") == "ordering":
            put_in_order(page, qid, given)
        else:
            for value in [given] if isinstance(given, str) else given:
                page.locator(f'input[name="{qid}"][value="{value}"]').check()


def step_order(page: Page, qid: str) -> list[str]:
    """The steps of an ordering question from the top of its list down."""
    return page.locator(f'[data-question-id="{qid}"] [data-order] input').evaluate_all("l => l.map(i => i.value)")


def start_order(page: Page, qid: str) -> list[str]:
    """The order an ordering question's list starts in (its steps by their `data-index`)."""
    return page.locator(f'[data-question-id="{qid}"] [data-order] li').evaluate_all(
        "l => l.sort((a, b) => a.dataset.index - b.dataset.index).map(li => li.querySelector('input').value)")


def put_in_order(page: Page, qid: str, order: list[str]) -> None:
    """Move the steps with their arrow buttons until the list reads `order`, as a person would."""
    moves = 0
    for position, step in enumerate(order):
        button = page.locator(f'[data-question-id="{qid}"] li:has(input[value="{step}"]) [data-move="-1"]')
        for _ in range(step_order(page, qid).index(step) - position):
            button.click()
            moves += 1
    if not moves:  # already in that order: a move and back makes it the person's answer
        first = page.locator(f'[data-question-id="{qid}"] [data-order] li').first
        first.locator('[data-move="1"]').click()
        page.locator(f'[data-question-id="{qid}"] li:has(input[value="{order[0]}"]) [data-move="-1"]').click()
    assert step_order(page, qid) == order


def result_hooks(page: Page) -> dict[str, str]:
    """The data-* attributes of the result region."""
    return page.locator("[data-quiz-result]").evaluate("e => Object.assign({}, e.dataset)")


def dimension_hooks(page: Page) -> dict[str, dict[str, str]]:
    """data-score and data-band of every [data-dimension] element, by dimension id."""
    return page.locator("[data-quiz-result]").evaluate(
        """e => Object.fromEntries([...e.querySelectorAll("[data-dimension]")].map(
            d => [d.dataset.dimension, {score: d.dataset.score, band: d.dataset.band}]))""")


def assert_hooks_match(page: Page, key: dict[str, Any], answers: Answers) -> dict[str, Any]:
    """The page's result hooks equal what the Python reference scorer says; returns that result."""
    expected = reference.score(key, answers)
    hooks = result_hooks(page)
    if key["kind"] == "knowledge":
        assert float(hooks["score"]) == expected["score"]
        assert float(hooks["maxScore"]) == expected["max"]
        assert float(hooks["percent"]) == expected["percent"]
        assert hooks["passed"] == ("true" if expected["passed"] else "false")
    else:
        assert hooks["score"] == ("" if expected["score"] is None else str(expected["score"]))
        assert hooks["maxScore"] == "100"
        assert hooks["band"] == (expected["band"] or "")
        dims = dimension_hooks(page)
        assert list(dims) == key["dimensions"]
        for dim, value in expected["dimensions"].items():
            assert dims[dim]["score"] == ("" if value["score"] is None else str(value["score"]))
            assert dims[dim]["band"] == (value["band"] or "")
    return expected


def axe_violations(page: Page) -> list[dict]:
    """axe-core's violations on the page as it is now (the toolkit's one runner, tests/support.py)."""
    return run_axe(page)


def knowledge_quiz(project: Project, *, mode: str, shuffle: bool | None = None) -> str:
    """Id of the first knowledge quiz in `mode` (and shuffle setting) with every question type."""
    for quiz in project.quizzes.values():
        if isinstance(quiz, models.Quiz) and quiz.mode == mode and shuffle in (None, quiz.shuffle):
            if {q.type for q in quiz.questions} >= {"ordering", "single", "true_false", "multiple"}:
                return quiz.id
    pytest.skip(f"no {mode} quiz with every question type")
