"""A new hire walks the first stage of the onboarding path with the keyboard only, as the issue asks:
reads the chapter's guides, ticks its checklist, passes its quiz, then finds the home page, the
navigation, the Quizzes index and My progress updated, and all of it still there after a reload.
axe-core checks every state on the way.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from support import describe_violations, run_axe, tab_to

from build_tools import urls
from build_tools.path import onboarding_path
from build_tools.project import Project
from build_tools.results.model import ResultFile
from build_tools.scoring import scoring_data

SITE = urls.Urls(directory_urls=False)




def assert_axe_clean(page: Page, state: str) -> None:
    violations = run_axe(page)
    assert violations == [], f"axe on {state}:\n{describe_violations(violations)}"


def answer_by_keyboard(page: Page, key: dict, answers: dict) -> None:
    """Each question answered with Tab, arrows, Space and Enter only."""
    for question in key["questions"]:
        qid, given = question["id"], answers[question["id"]]
        fieldset = page.locator(f'[data-question-id="{qid}"]')
        if question["type"] == "ordering":
            for position, step in enumerate(given):
                up = fieldset.locator(f'li:has(input[value="{step}"]) [data-move="-1"]')
                order = fieldset.locator("[data-order] input").evaluate_all("l => l.map(i => i.value)")
                for _ in range(order.index(step) - position):
                    tab_to(page, up)
                    page.keyboard.press("Enter")  # the focus stays on the button as the step moves
        elif question["type"] == "multiple":
            for value in given:
                tab_to(page, fieldset.locator(f'input[value="{value}"]'))
                page.keyboard.press("Space")
        else:  # one pick: Tab into the group, then arrows move the choice
            values = fieldset.locator("input").evaluate_all("l => l.map(i => i.value)")
            tab_to(page, fieldset.locator("input").first)
            target = values.index(given[0])
            page.keyboard.press("Space" if target == 0 else "ArrowDown")
            for _ in range(target - 1):
                page.keyboard.press("ArrowDown")
        assert fieldset.locator("input:checked").count() or question["type"] == "ordering"


@pytest.mark.browser
def test_new_hire_walks_the_first_stage_by_keyboard(page: Page, base_url: str, project: Project) -> None:
    stage = onboarding_path(project).stages[0]
    guides, checklist, quiz = stage.guides, stage.checklists[0], stage.quizzes[0]
    total_steps = len(guides) + len(stage.checklists) + len(stage.quizzes)

    # Home: the first key press reaches "Skip to content"; the path starts at the first guide.
    page.goto(base_url)
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    cont = page.locator("a[data-continue]")
    expect(cont).to_have_text(f"Start with {guides[0].title}")
    expect(page.locator(f'[data-stage="{stage.chapter.id}"] [data-stage-progress]')).to_have_text(
        f"0 of {total_steps} done")
    assert_axe_clean(page, "home, nothing done")
    tab_to(page, cont)
    page.keyboard.press("Enter")

    # Each guide: Mark as read, then the next step on the path, by keyboard.
    for number, guide in enumerate(guides):
        expect(page.locator("h1")).to_have_text(guide.title)
        button = page.locator(f'[data-mark-read="{guide.id}"]')
        tab_to(page, button)
        page.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(page.locator(f'.md-nav a [data-nav-step="guide:{guide.id}"]').first).to_have_text("Read")
        if number == 0:
            assert_axe_clean(page, "a guide marked read")
        next_link = page.locator("a[data-next-step]")
        expected = guides[number + 1].title if number + 1 < len(guides) else f"Checklist: {checklist.title}"
        expect(next_link).to_have_text(f"Next: {expected}")
        tab_to(page, next_link)
        page.keyboard.press("Enter")

    # The stage's checklist: every item ticked with Space.
    expect(page).to_have_url(re.compile(re.escape(SITE.url(urls.checklist_page(checklist.id))) + "$"))
    # The address changes as the navigation starts: wait for the page itself before counting its boxes,
    # and for its script (it removes the no-script notice as it sets every box from storage, so a box
    # ticked before it ran would be unticked again).
    expect(page.locator("h1")).to_have_text(checklist.title)
    expect(page.locator("[data-checklist-needs-js]")).to_have_count(0)
    boxes = page.locator("input[type=checkbox][data-item-id]")
    for index in range(boxes.count()):
        tab_to(page, boxes.nth(index))
        page.keyboard.press("Space")
    expect(page.locator("input[type=checkbox][data-item-id]:checked")).to_have_count(boxes.count())
    assert_axe_clean(page, "a checklist fully ticked")

    # The footer's Next leads on along the path to the chapter quiz (the last checklist of the stage
    # here; with more, the next one).
    following = stage.checklists[1].title if len(stage.checklists) > 1 else quiz.title
    footer_next = page.locator("a.md-footer__link--next")
    expect(footer_next).to_contain_text("Chapter quiz" if following == quiz.title else following)
    tab_to(page, footer_next)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(quiz.title)

    # The quiz: the count follows the answers; submitted, it passes.
    key = scoring_data(quiz, project.chapter_of_guide)
    answered = page.locator("[data-quiz-answered]")
    expect(answered).to_have_text(f"0 of {len(key['questions'])} answered")
    answer_by_keyboard(page, key, {question["id"]: list(question["correct"]) for question in key["questions"]})
    expect(answered).to_have_text(f"{len(key['questions'])} of {len(key['questions'])} answered")
    submit = page.locator("[data-quiz-submit]")
    tab_to(page, submit)
    page.keyboard.press("Enter")
    expect(page.locator("[data-quiz-result]")).to_have_attribute("data-passed", "true")
    expect(page.locator("[data-quiz-last]")).to_contain_text("Your last result: ")
    assert_axe_clean(page, "a passed quiz")

    # Everything shows the stage as done, and still does after a reload.
    for reload in (False, True):
        page.goto(base_url)
        if reload:
            page.reload()
        expect(page.locator(f'[data-stage="{stage.chapter.id}"] [data-stage-progress]')).to_have_text(
            f"{total_steps} of {total_steps} done")
        for guide in guides:
            expect(page.locator(f'[data-path] [data-step="guide:{guide.id}"]')).to_have_attribute("data-state", "read")
        expect(page.locator(f'[data-path] [data-step="checklist:{checklist.id}"] [data-step-state]')).to_have_text(
            "Done")
        expect(page.locator(f'[data-path] [data-step="quiz:{quiz.id}"] [data-step-state]')).to_have_text(
            re.compile(r"^Passed: \d+(\.\d)?%$"))
        # The next step not done is the first guide of the second stage.
        second = onboarding_path(project).stages[1]
        expect(page.locator("a[data-continue]")).to_have_text(
            f"Continue where you left off: {second.guides[0].title}")
        assert_axe_clean(page, "home, first stage done")

        page.goto(base_url + SITE.url(urls.QUIZZES))
        expect(page.locator(f'[data-quiz-listing="{quiz.id}"] [data-step-state]')).to_have_text(
            re.compile(r"^Passed: "))

        page.goto(base_url + SITE.url(urls.PROGRESS))
        row = page.locator(f'[data-progress-quiz="{quiz.id}"]')
        expect(row.locator('[data-cell="best"]')).to_have_text(re.compile(r"^\d+(\.\d)?%$"))
        expect(row.locator("[data-step-state]")).to_have_text(re.compile(r"^Passed: "))
        chapter_quizzes = sum(len(s.quizzes) for s in onboarding_path(project).stages)
        expect(page.locator("[data-progress-final]")).to_have_text(
            f"1 of {chapter_quizzes} chapter quizzes passed. The final check is recommended once you have "
            "passed them all.")
        stage_row = page.locator(f'[data-progress-stage="{stage.chapter.id}"]')
        expect(stage_row.locator('[data-cell="guides"]')).to_have_text(f"{len(guides)} of {len(guides)}")
        assert_axe_clean(page, "My progress")


@pytest.mark.browser
def test_my_progress_exports_everything_and_prints_a_named_record(page: Page, base_url: str, project: Project) -> None:
    stage = onboarding_path(project).stages[0]
    quiz, guide = stage.quizzes[0], stage.guides[0]
    date = "2026-11-30T10:00:00.000Z"
    history = [{"date": date, "score": 5, "max": 12, "percent": 41.7, "passed": False},
               {"date": date, "score": 10, "max": 12, "percent": 83.3, "passed": True}]
    page.goto(base_url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [f"client-craft:quiz-history:{quiz.id}", json.dumps(history)])
    page.goto(base_url + SITE.url(urls.guide_page(stage.chapter.id, guide.id)))
    page.locator(f'[data-mark-read="{guide.id}"]').click()

    page.goto(base_url + SITE.url(urls.PROGRESS))
    row = page.locator(f'[data-progress-quiz="{quiz.id}"]')
    expect(row.locator('[data-cell="best"]')).to_have_text("83.3%")
    expect(row.locator('[data-cell="last"]')).to_have_text("83.3%")
    page.locator("[data-progress-name]").fill("Linh Tran")

    with page.expect_download() as info:
        page.locator("[data-progress-export]").click()
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    # A results file (build_tools/results): attempts saved before they carried ids, versions and answers
    # are exported with `<quiz>@<finished>` as their id and nothing made up for the rest.
    ResultFile.model_validate(exported)
    assert exported["format"] == "client-craft-results" and exported["name"] == "Linh Tran"
    assert [entry["id"] for entry in exported["guides_read"]] == [guide.id]
    assert exported["attempts"] == [
        {"attempt_id": f"{quiz.id}@{date}", "quiz": quiz.id, "quiz_title": quiz.title, "kind": "knowledge",
         "version": None, "started": None, "finished": date, "answers": None, "band": None, "dimensions": None,
         **entry} for entry in ({key: value for key, value in saved.items() if key != "date"} for saved in history)]

    # The printed record: its title names the person, and says when it was printed; no controls.
    page.evaluate("window.print = () => {}")
    page.locator("[data-progress-print]").click()
    page.emulate_media(media="print")
    expect(page.locator("[data-progress-record]")).to_be_visible()
    expect(page.locator("[data-progress-record]")).to_have_text("Onboarding record of Linh Tran")
    expect(page.locator("[data-progress-printed]")).to_have_text(re.compile(r"^Printed on .+\.$"))
    expect(page.locator("[data-progress-print]")).to_be_hidden()
    expect(page.locator("[data-progress-name]")).to_be_hidden()
    # The name stays in this browser: a reload shows it again.
    page.emulate_media(media="screen")
    page.reload()
    expect(page.locator("[data-progress-name]")).to_have_value("Linh Tran")
