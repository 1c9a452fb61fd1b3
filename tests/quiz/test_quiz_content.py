"""Onboarding content: every real quiz taken in the browser with all-right and all-wrong answers, and
every self-assessment with the highest- and lowest-scoring answers.

Right and wrong come from the YAML (through build_project), so a quiz whose key cannot be scored as
intended, or a page that disagrees with the Python reference scorer, fails here.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from quizkit import assert_hooks_match, extreme_answers, fill, quiz_url, right_answers, scoring_key, wrong_answers
from support import ROOT

from build_tools import models
from build_tools.project import Project, build_project

pytestmark = pytest.mark.browser
QUIZZES = build_project(ROOT).quizzes
KNOWLEDGE = sorted(q.id for q in QUIZZES.values() if isinstance(q, models.Quiz))
ASSESSMENTS = sorted(q.id for q in QUIZZES.values() if isinstance(q, models.Assessment))


def take(page: Page, base_url: str, project: Project, quiz_id: str, answers: dict) -> dict:
    """Open the quiz, answer through its controls, submit, and check the hooks against Python."""
    key = scoring_key(project, quiz_id)
    page.goto(quiz_url(base_url, quiz_id))
    fill(page, key, answers)
    page.locator("[data-quiz-submit]").click()
    if page.locator("[data-quiz-result]").is_hidden():
        # A question with no wrong option stays blank in the all-wrong run: submit past the warning.
        page.locator("[data-quiz-submit]").click()
    expect(page.locator("[data-quiz-result]")).to_be_visible()
    return assert_hooks_match(page, key, answers)


@pytest.mark.parametrize("quiz_id", KNOWLEDGE)
def test_all_right_scores_full_marks_and_passes(page: Page, base_url: str, project: Project, quiz_id: str) -> None:
    result = take(page, base_url, project, quiz_id, right_answers(scoring_key(project, quiz_id)))
    assert result["score"] == result["max"] > 0 and result["percent"] == 100 and result["passed"]
    assert page.locator("[data-quiz-result]").get_attribute("data-passed") == "true"
    assert result["review_guides"] == []


@pytest.mark.parametrize("quiz_id", KNOWLEDGE)
def test_all_wrong_scores_zero_and_fails(page: Page, base_url: str, project: Project, quiz_id: str) -> None:
    key = scoring_key(project, quiz_id)
    result = take(page, base_url, project, quiz_id, wrong_answers(key))
    assert result["score"] == 0 and not result["passed"]
    hooks = page.locator("[data-quiz-result]")
    assert (hooks.get_attribute("data-score"), hooks.get_attribute("data-passed")) == ("0", "false")
    # Every guide the quiz tests is offered for review, the guide whose questions are worth the
    # most points first (all are wrong), equal ones in the order the quiz meets them.
    lost: dict[str, int] = {}
    for question in key["questions"]:
        for guide in question["guides"]:
            lost[guide] = lost.get(guide, 0) + question["points"]
    assert result["review_guides"] == sorted(lost, key=lambda guide: -lost[guide])


def _top_and_bottom(bands: list[models.Band]) -> tuple[str, str]:
    """Ids of the highest and the lowest band."""
    ordered = sorted(bands, key=lambda band: band.min)
    return ordered[-1].id, ordered[0].id


@pytest.mark.parametrize("best", [True, False], ids=["highest", "lowest"])
@pytest.mark.parametrize("quiz_id", ASSESSMENTS)
def test_assessment_extremes_land_in_top_and_bottom_bands(
    page: Page, base_url: str, project: Project, quiz_id: str, best: bool,
) -> None:
    quiz = project.quizzes[quiz_id]
    assert isinstance(quiz, models.Assessment)
    key = scoring_key(project, quiz_id)
    result = take(page, base_url, project, quiz_id, extreme_answers(key, best=best))
    top, bottom = _top_and_bottom(list(quiz.overall_bands))
    dim_top, dim_bottom = _top_and_bottom(list(quiz.bands))
    assert result["score"] == (100 if best else 0)
    assert result["band"] == (top if best else bottom)
    assert page.locator("[data-quiz-result]").get_attribute("data-band") == result["band"]
    for dimension, value in result["dimensions"].items():
        assert value["band"] == (dim_top if best else dim_bottom), dimension
        row = page.locator(f'[data-quiz-result] [data-dimension="{dimension}"]')
        assert row.get_attribute("data-band") == value["band"]
        assert row.get_attribute("data-score") == ("100" if best else "0")
