"""Quizzes and self-assessments in Chromium, taken as a person would: mouse, keyboard, reloads, retries.

Every result the page shows is compared with the Python reference scorer on the same answers.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from quizkit import (
    assert_hooks_match,
    axe_violations,
    extreme_answers,
    fill,
    knowledge_quiz,
    quiz_url,
    result_hooks,
    right_answers,
    scoring_key,
    start_order,
    step_order,
    wrong_answers,
)
from support import SiteServer, build_site, copy_project

from build_tools import catalog, models
from build_tools.project import Project
from build_tools.results.model import ResultFile
from build_tools.scoring import reference

pytestmark = pytest.mark.browser
S = catalog.script_strings()


def js(number: float) -> str:
    """A number as the page's script prints it (10, not 10.0)."""
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def shown(values: dict[str, Any]) -> dict[str, Any]:
    """Numbers of a result formatted as on the page, for filling catalog strings."""
    return {k: js(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for k, v in values.items()}




def first_of(key: dict[str, Any], qtype: str, skip: int = 0) -> dict[str, Any]:
    """The first (or skip+1-th) question of a type."""
    return [q for q in key["questions"] if q["type"] == qtype][skip]


def question(page: Page, qid: str) -> Locator:
    """The fieldset of a question."""
    return page.locator(f'[data-question-id="{qid}"]')


def option_order(page: Page) -> dict[str, list[str]]:
    """Option values of every choice question in page order (ordering lists are answers, not shuffled)."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll("[data-question-id]")].map(f => [
        f.dataset.questionId, [...f.querySelectorAll("input:not([type=hidden])")].map(i => i.value)]))""")


def version_of(page: Page) -> str:
    """The content version of the quiz on the page."""
    return page.locator("[data-quiz-id]").get_attribute("data-quiz-version")


def download(page: Page, name: str) -> bytes:
    """Click the result's download link with this text and return the file's bytes."""
    with page.expect_download() as info:
        page.locator("[data-quiz-result] a[download]", has_text=name).click()
    return Path(info.value.path()).read_bytes()


def storage_keys(page: Page) -> list[str]:
    return page.evaluate("() => Object.keys(localStorage).sort()")


# --- Knowledge quizzes -----------------------------------------------------------------------


def test_per_question_quiz_with_mouse_keyboard_and_reload(page: Page, base_url: str, project: Project) -> None:
    quiz_id = knowledge_quiz(project, mode="per_question")
    key = scoring_key(project, quiz_id)
    right, wrong = right_answers(key), wrong_answers(key)
    page.goto(quiz_url(base_url, quiz_id))
    expect(page.locator("[data-quiz-submit]")).to_be_visible()
    expect(page.locator("[data-quiz-notice]")).to_be_hidden()
    expect(page.locator("[data-quiz-history]")).to_contain_text(S["history_empty"])
    given: dict[str, Any] = {}

    # Ordering, with the mouse: choose each position's step, then "Check answer".
    order_q = first_of(key, "ordering")
    fill(page, key, {order_q["id"]: right[order_q["id"]]})
    given[order_q["id"]] = right[order_q["id"]]
    box = question(page, order_q["id"])
    box.locator("[data-question-check]").click()
    feedback = box.locator("[data-question-feedback]")
    expect(feedback).to_be_focused()
    expect(feedback).to_contain_text(S["correct"])
    expect(feedback).to_contain_text(S["right_order"])
    assert box.evaluate("f => f.disabled")
    expect(box.locator("[data-question-check]")).to_be_hidden()

    # Single choice, by keyboard: from the question's text, Tab into the group, arrow to the right
    # option, Tab to the button, Enter.
    single = first_of(key, "single")
    box = question(page, single["id"])
    values = box.locator("input").evaluate_all("l => l.map(i => i.value)")
    target = values.index(right[single["id"]][0])
    box.locator("legend").click()
    page.keyboard.press("Tab")
    expect(box.locator("input").first).to_be_focused()
    page.keyboard.press("Space" if target == 0 else "ArrowDown")
    for _ in range(target - 1):
        page.keyboard.press("ArrowDown")
    expect(box.locator(f'input[value="{values[target]}"]')).to_be_checked()
    page.keyboard.press("Tab")
    expect(box.locator("[data-question-check]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(box.locator("[data-question-feedback]")).to_be_focused()
    expect(box.locator("[data-question-feedback]")).to_contain_text(S["correct"])
    given[single["id"]] = right[single["id"]]

    # True/false, by keyboard: Space picks the focused answer, Enter checks the question (not the quiz).
    tf = first_of(key, "true_false")
    box = question(page, tf["id"])
    box.locator(f'input[value="{right[tf["id"]][0]}"]').focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    expect(box.locator("[data-question-feedback]")).to_be_focused()
    expect(box.locator("[data-question-feedback]")).to_contain_text(S["correct"])
    expect(page.locator("[data-quiz-result]")).to_be_hidden()
    given[tf["id"]] = right[tf["id"]]

    # A wrong single answer: "Not quite.", the option's own feedback, and the right answer marked in words.
    wrong_single = first_of(key, "single", skip=1)
    box = question(page, wrong_single["id"])
    box.locator("[data-question-check]").click()
    expect(box.locator("[data-question-feedback]")).to_contain_text(S["choose_first"])
    assert not box.evaluate("f => f.disabled"), "checking a blank question must not lock it"
    fill(page, key, {wrong_single["id"]: wrong[wrong_single["id"]]})
    expect(box.locator("[data-question-feedback]")).to_be_hidden()
    box.locator("[data-question-check]").click()
    feedback = box.locator("[data-question-feedback]")
    expect(feedback).to_contain_text(S["wrong"])
    quiz = project.quizzes[quiz_id]
    picked = next(o for q in quiz.questions if q.id == wrong_single["id"] for o in q.options
                  if o.id == wrong[wrong_single["id"]][0])
    if picked.feedback:
        expect(feedback).to_contain_text(" ".join(picked.feedback.split()))
    right_label = box.locator("label", has=page.locator(f'input[value="{right[wrong_single["id"]][0]}"]'))
    expect(right_label).to_contain_text(S["right_answer"])
    given[wrong_single["id"]] = wrong[wrong_single["id"]]

    # Two more answered but not checked, then a reload in the middle of the quiz.
    unchecked = [q for q in key["questions"] if q["id"] not in given][:2]
    for q in unchecked:
        fill(page, key, {q["id"]: right[q["id"]]})
        given[q["id"]] = right[q["id"]]
    page.reload()
    expect(page.locator("[data-quiz-notice]")).to_have_text(S["resume"])
    for qid in [order_q["id"], single["id"], tf["id"], wrong_single["id"]]:
        assert question(page, qid).evaluate("f => f.disabled"), f"{qid} should stay checked after a reload"
        expect(question(page, qid).locator("[data-question-feedback]")).to_be_visible()
    for q in unchecked:
        assert not question(page, q["id"]).evaluate("f => f.disabled")
        expect(question(page, q["id"]).locator("[data-question-feedback]")).to_be_hidden()
    for qid, picks in given.items():
        if qid == order_q["id"]:
            assert step_order(page, qid) == picks
        else:
            for value in picks:
                expect(question(page, qid).locator(f'input[value="{value}"]')).to_be_checked()

    # Finish: one question wrong, one left blank, the rest right; submit from the keyboard.
    rest = [q for q in key["questions"] if q["id"] not in given]
    blank, rest = rest[-1], rest[:-1]
    for n, q in enumerate(rest):
        given[q["id"]] = wrong[q["id"]] if n == 0 else right[q["id"]]
        fill(page, key, {q["id"]: given[q["id"]]})
    page.locator("[data-quiz-submit]").focus()
    page.keyboard.press("Enter")
    # The first submit with a blank warns once, beside the button, naming the question ...
    number = [q["id"] for q in key["questions"]].index(blank["id"]) + 1
    warning = page.locator(".cc-quiz__actions").locator("xpath=preceding-sibling::*[1]")
    expect(warning).to_have_text(S["missing_submit"].format(count=1, numbers=number))
    expect(warning).to_have_attribute("role", "status")
    expect(page.locator("[data-quiz-submit]")).to_be_focused()
    expect(page.locator("[data-quiz-result]")).to_be_hidden()
    # ... the second scores it as it is.
    page.locator("[data-quiz-submit]").click()
    result = page.locator("[data-quiz-result]")
    expect(result).to_be_visible()
    expect(result).to_be_focused()
    expect(warning).to_be_hidden()
    expect(page.locator("[data-quiz-submit]")).to_be_hidden()
    expected = assert_hooks_match(page, key, given)
    expect(result).to_contain_text(S["score"].format(**shown(expected)))
    expect(question(page, blank["id"]).locator("[data-question-feedback]")).to_contain_text(S["unanswered"])
    for q in key["questions"]:
        expect(question(page, q["id"]).locator("[data-question-feedback]")).to_be_visible()
    # Chapter breakdown and the guides to review, as links.
    for chapter, value in expected["chapters"].items():
        title = next(c.title for c in project.chapters if c.id == chapter)
        expect(result).to_contain_text(S["chapter_score"].format(title=title, **shown(value)))
    links = result.locator("a:not([download])")
    assert links.evaluate_all("l => l.map(a => a.textContent)") == [
        project.guides[g].title for g in expected["review_guides"]]
    # The JSON is a results file (build_tools/results) holding this attempt as the reference scores it.
    exported = json.loads(download(page, S["export_json"]))
    ResultFile.model_validate(exported)
    (attempt,) = exported["attempts"]
    assert (attempt["quiz"], attempt["kind"], attempt["version"]) == (key["id"], "knowledge", version_of(page))
    assert {field: attempt[field] for field in ("score", "max", "percent", "passed")} == {
        field: expected[field] for field in ("score", "max", "percent", "passed")}
    assert uuid.UUID(attempt["attempt_id"]).version == 4
    assert attempt["started"] <= attempt["finished"]
    ordering = {q["id"] for q in key["questions"] if q["type"] == "ordering"}
    assert {qid: v if qid in ordering else sorted(v) for qid, v in attempt["answers"].items() if any(v)} == {
        qid: v if qid in ordering else sorted(v) for qid, v in given.items()}
    rows = list(csv.reader(io.StringIO(download(page, S["export_csv"]).decode("utf-8"), newline="")))
    # Plain UTF-8 (no byte order mark); every row says which quiz, whose (no name given) and when.
    assert rows[0] == ["quiz", "quiz_title", "name", "finished", "question", "answer", "score", "max", "result"]
    assert {(r[0], r[2], r[3]) for r in rows[1:]} == {(key["id"], "", attempt["finished"])}
    assert [r[4] for r in rows[1:-1]] == [q["id"] for q in key["questions"]]
    assert rows[-1][4] == "total" and float(rows[-1][6]) == expected["score"]
    # The attempt is in the history, and a reload shows the finished result again.
    expect(page.locator("[data-quiz-history] li")).to_have_count(1)
    page.reload()
    expect(page.locator("[data-quiz-result]")).to_be_visible()
    assert_hooks_match(page, key, given)
    expect(page.locator("[data-quiz-history] li")).to_have_count(1)


def test_at_end_quiz_shuffles_stably_and_retry_starts_over(page: Page, base_url: str, project: Project) -> None:
    quiz_id = knowledge_quiz(project, mode="at_end", shuffle=True)
    key = scoring_key(project, quiz_id)
    right, wrong = right_answers(key), wrong_answers(key)
    page.goto(quiz_url(base_url, quiz_id))
    expect(page.locator("[data-question-check]")).to_have_count(0)
    first = option_order(page)
    authored = {q["id"]: q["options"] for q in key["questions"] if q["type"] in ("single", "multiple")}
    assert any(first[qid] != options for qid, options in authored.items()), "options were not shuffled"
    for q in key["questions"]:
        if q["type"] == "ordering":
            assert start_order(page, q["id"]) != right[q["id"]], "an ordering list must not start in the right order"

    half = key["questions"][: len(key["questions"]) // 2]
    given = {q["id"]: right[q["id"]] for q in half}
    fill(page, key, given)
    page.reload()
    assert option_order(page) == first, "a reload must keep the attempt's order"
    for qid, picks in given.items():
        if question(page, qid).locator("[data-order]").count():
            assert step_order(page, qid) == picks
            continue
        for value in picks:
            expect(question(page, qid).locator(f'input[value="{value}"]')).to_be_checked()
    expect(page.locator("[data-question-feedback]:visible")).to_have_count(0)

    rest = {q["id"]: wrong[q["id"]] for q in key["questions"][len(half):]}
    fill(page, key, rest)
    given |= rest
    page.locator("[data-quiz-submit]").click()
    expect(page.locator("[data-quiz-result]")).to_be_focused()
    expect(page.locator("[data-question-feedback]:visible")).to_have_count(len(key["questions"]))
    assert_hooks_match(page, key, given)
    expect(page.locator("[data-quiz-result] .cc-verdict")).to_contain_text(
        S["failed" if not reference.score(key, given)["passed"] else "passed"].format(mark=key["pass_mark"]))

    # Start again: answers, feedback and hooks are gone; a new attempt gets a new order.
    page.locator("[data-quiz-result] button", has_text=S["retry"]).click()
    expect(page.locator("[data-quiz-result]")).to_be_hidden()
    assert "score" not in result_hooks(page)
    expect(page.locator("[data-question-feedback]:visible")).to_have_count(0)
    expect(page.locator("[data-quiz-form] input:checked")).to_have_count(0)
    expect(page.locator("[data-quiz-submit]")).to_be_visible()
    assert page.evaluate("() => document.activeElement.matches('[data-quiz-form] input, [data-quiz-form] button')")
    assert option_order(page) != first, "a new attempt should get a new shuffle"
    page.reload()
    expect(page.locator("[data-quiz-result]")).to_be_hidden()

    fill(page, key, right)
    page.locator("[data-quiz-submit]").click()
    assert_hooks_match(page, key, right)
    assert result_hooks(page)["passed"] == "true"
    expect(page.locator("[data-quiz-history] li")).to_have_count(2)


def test_editing_a_quiz_discards_stale_progress_with_a_notice(
    page: Page, base_url: str, site_server: SiteServer, project: Project, tmp_path: Path,
) -> None:
    quiz_id = knowledge_quiz(project, mode="per_question")
    key = scoring_key(project, quiz_id)
    assessment = next(q.id for q in project.quizzes.values() if isinstance(q, models.Assessment))
    assessment_key = scoring_key(project, assessment)

    # The same content with one explanation edited, rebuilt (without PDFs, which play no part here).
    copy = copy_project(tmp_path / "project")
    quiz_file = copy / "quizzes" / f"{quiz_id}.yml"
    text = quiz_file.read_text(encoding="utf-8")
    quiz_file.write_text(text.replace("    explanation: >-\n", "    explanation: >-\n      Edited.\n", 1),
                         encoding="utf-8")
    edited = build_site(copy / "mkdocs.yml", tmp_path / "site", pdf=False)

    page.goto(quiz_url(base_url, quiz_id))
    first = key["questions"][0]
    fill(page, key, {first["id"]: right_answers(key)[first["id"]]})
    page.goto(quiz_url(base_url, assessment))
    item = assessment_key["items"][0]["id"]
    fill(page, assessment_key, {item: "2"})
    old_keys = storage_keys(page)
    assert any(k.startswith(f"client-craft:quiz:{quiz_id}:") for k in old_keys)

    with site_server.serving(edited):
        page.goto(quiz_url(base_url, quiz_id))
        notice = page.locator("[data-quiz-notice]")
        expect(notice).to_be_visible()
        expect(notice).to_have_text(S["stale"])
        expect(page.locator("[data-quiz-form] input:checked")).to_have_count(0)
        lists = page.locator("[data-order]").evaluate_all("l => l.map(o => o.closest('fieldset').dataset.questionId)")
        for qid in lists:
            assert step_order(page, qid) == start_order(page, qid), "an edited quiz starts its lists afresh"
        assert not [k for k in storage_keys(page) if k.startswith(f"client-craft:quiz:{quiz_id}:")]
        # Other quizzes did not change, so their progress stays.
        page.goto(quiz_url(base_url, assessment))
        expect(page.locator("[data-quiz-notice]")).to_have_text(S["resume"])
        expect(page.locator(f'input[name="{item}"][value="2"]')).to_be_checked()


def test_corrupt_storage_resets_without_breaking_the_page(page: Page, base_url: str, project: Project) -> None:
    quiz_id = knowledge_quiz(project, mode="at_end")
    key = scoring_key(project, quiz_id)
    page.goto(quiz_url(base_url, quiz_id))
    version = page.locator("[data-quiz-id]").get_attribute("data-quiz-version")
    progress, history = f"client-craft:quiz:{quiz_id}:{version}", f"client-craft:quiz-history:{quiz_id}"
    notice = page.locator("[data-quiz-notice]")

    for bad in ["{not json", "null", "[]", '{"seed": "x", "answers": null, "checked": []}',
                '{"seed": 1, "answers": {}, "checked": [], "done": 5}']:
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [progress, bad])
        page.reload()
        expect(notice).to_have_text(S["corrupt"])
        assert progress not in storage_keys(page), bad

    # Well-formed progress with nonsense answers is no progress of this quiz either (more such
    # records in test_quiz_storage.py).
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [progress, json.dumps(
        {"seed": 7, "checked": ["nope"], "done": None,
         "answers": {key["questions"][0]["id"]: [1, None, "no-such-option"], "constructor": ["x"], "other": "y"}})])
    page.reload()
    expect(notice).to_have_text(S["corrupt"])
    expect(page.locator("[data-quiz-form] input:checked")).to_have_count(0)
    assert progress not in storage_keys(page)

    # A broken history is cleared too, and the page still scores.
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [history, '[{"date": 1}, null]'])
    page.reload()
    expect(notice).to_have_text(S["corrupt"])
    right = right_answers(key)
    fill(page, key, right)
    page.locator("[data-quiz-submit]").click()
    assert_hooks_match(page, key, right)
    expect(page.locator("[data-quiz-history] li")).to_have_count(1)
    saved = json.loads(page.evaluate("k => localStorage.getItem(k)", progress))
    assert saved["done"] and saved["answers"]


def test_works_when_storage_is_forbidden(context: BrowserContext, base_url: str, project: Project) -> None:
    # Some privacy settings make every use of localStorage throw.
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('no', 'SecurityError'); }});")
    page = context.new_page()
    errors: list[str] = []
    # Material's own scripts may trip over the missing storage; ours must not.
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    quiz_id = knowledge_quiz(project, mode="at_end")
    key = scoring_key(project, quiz_id)
    page.goto(quiz_url(base_url, quiz_id))
    fill(page, key, right_answers(key))
    page.locator("[data-quiz-submit]").click()
    assert_hooks_match(page, key, right_answers(key))
    assert not [e for e in errors if "client-craft/" in e], errors


def test_without_javascript_the_questions_show_and_say_scoring_needs_it(
    browser: Browser, base_url: str, project: Project,
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for kind in (models.Quiz, models.Assessment):
            quiz_id = next(q.id for q in project.quizzes.values() if isinstance(q, kind))
            page.goto(quiz_url(base_url, quiz_id))
            expect(page.locator("[data-quiz-needs-js]")).to_be_visible()
            expect(page.locator("[data-quiz-needs-js]")).to_have_text(catalog.t("quiz.no_js"))
            expect(page.locator("fieldset").first).to_be_visible()
            expect(page.locator("[data-quiz-submit]")).to_be_hidden()
    finally:
        context.close()


def test_print_my_result_shows_only_the_result(page: Page, base_url: str, project: Project) -> None:
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    quiz_id = knowledge_quiz(project, mode="at_end")
    key = scoring_key(project, quiz_id)
    page.goto(quiz_url(base_url, quiz_id))
    fill(page, key, right_answers(key))
    page.locator("[data-quiz-submit]").click()
    page.locator("[data-quiz-result] button", has_text=S["print_result"]).click()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    expect(page.locator("[data-quiz-result]")).to_be_visible()
    expect(page.locator("[data-quiz-form]")).to_be_hidden()
    expect(page.locator("[data-quiz-history]")).to_be_hidden()
    expect(page.locator("[data-quiz-result] button").first).to_be_hidden()
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    expect(page.locator("[data-quiz-form]")).to_be_visible()


# --- Self-assessments --------------------------------------------------------------------------


def test_assessment_result_has_bands_chart_table_and_advice(page: Page, base_url: str, project: Project) -> None:
    quiz = next(q for q in project.quizzes.values() if isinstance(q, models.Assessment) and q.scale.not_applicable)
    key = scoring_key(project, quiz.id)
    page.goto(quiz_url(base_url, quiz.id))
    # A different middling answer per statement, so the dimensions differ.
    answers = {item["id"]: str(2 + n % 3) for n, item in enumerate(key["items"])}
    fill(page, key, answers)
    page.locator("[data-quiz-submit]").click()
    result = page.locator("[data-quiz-result]")
    expect(result).to_be_focused()
    expected = assert_hooks_match(page, key, answers)
    overall = next(b for b in quiz.overall_bands if b.id == expected["band"])
    expect(result).to_contain_text(S["overall_result"].format(band=overall.label, score=expected["score"]))
    # The chart is an image with a name; the same numbers are in a table screen readers can read.
    chart = result.locator("svg[role=img]")
    expect(chart).to_have_attribute("aria-label", S["chart_label"])
    expect(chart.locator("rect.cc-chart__bar")).to_have_count(len(key["dimensions"]))
    rows = result.locator("table tbody tr")
    expect(rows).to_have_count(len(key["dimensions"]))
    for dimension in quiz.dimensions:
        row = result.locator(f'tr[data-dimension="{dimension.id}"]')
        expect(row.locator("th")).to_have_text(dimension.title)
        value = expected["dimensions"][dimension.id]
        band = next(b for b in quiz.bands if b.id == value["band"])
        expect(row.locator("td").first).to_have_text(str(value["score"]))
        expect(row.locator("td").last).to_have_text(band.label)
    # Advice follows the scores: each dimension below the top band, weakest first, with its own
    # guides and checklists for the band it is in.
    top = next(b.id for b in quiz.bands if b.max == 100)
    weak = sorted((d for d in quiz.dimensions if expected["dimensions"][d.id]["band"] != top),
                  key=lambda d: expected["dimensions"][d.id]["score"])
    assert weak, "the middling answers should leave some dimension below the top band"
    headings = result.locator("h4").all_text_contents()
    labels = {b.id: b.label for b in quiz.bands}
    wanted = [S["dimension_advice"].format(title=d.title, band=labels[expected["dimensions"][d.id]["band"]])
              for d in weak]
    assert [h for h in headings if h in wanted] == [w for w in wanted if w in headings]
    first = weak[0]
    advice = next(a for a in first.advice if a.band == expected["dimensions"][first.id]["band"])
    section = result.locator("h4", has_text=first.title).locator("xpath=following-sibling::ul[1]")
    for guide in advice.guides:
        expect(section.get_by_role("link", name=project.guides[guide].title)).to_be_visible()
    for checklist in advice.checklists:
        expect(section.get_by_role("link", name=project.checklists[checklist].title)).to_be_visible()
    rows = list(csv.reader(io.StringIO(download(page, S["export_csv"]).decode("utf-8"), newline="")))
    assert rows[0][4] == "dimension"
    assert rows[-1][4:] == ["overall", "", str(expected["score"]), "100", expected["band"]]
    assert axe_violations(page) == []


def test_too_few_answers_in_a_dimension_says_so_and_the_overall_waits(
    page: Page, base_url: str, project: Project,
) -> None:
    quiz = next(q for q in project.quizzes.values() if isinstance(q, models.Assessment) and q.scale.not_applicable)
    key = scoring_key(project, quiz.id)
    page.goto(quiz_url(base_url, quiz.id))
    skipped = key["dimensions"][0]
    answers = {item["id"]: ("na" if item["dimension"] == skipped else "4") for item in key["items"]}
    fill(page, key, answers)
    page.locator("[data-quiz-submit]").click()
    expected = assert_hooks_match(page, key, answers)
    assert expected["dimensions"][skipped]["score"] is None and expected["score"] is None
    result = page.locator("[data-quiz-result]")
    expect(result.locator(f'tr[data-dimension="{skipped}"]')).to_contain_text(S["no_score"])
    expect(result.locator(".cc-result__score")).to_have_text(S["no_score"])
    assert result_hooks(page)["band"] == ""


def test_assessment_warns_once_about_blank_statements(page: Page, base_url: str, project: Project) -> None:
    quiz_id = next(q.id for q in project.quizzes.values() if isinstance(q, models.Assessment))
    key = scoring_key(project, quiz_id)
    page.goto(quiz_url(base_url, quiz_id))
    answers = {item["id"]: "3" for item in key["items"][:-2]}
    fill(page, key, answers)
    page.locator("[data-quiz-submit]").click()
    n = len(key["items"])
    expect(page.get_by_role("status").filter(has_text=S["missing_items"].format(count=2, numbers=f"{n - 1}, {n}")))\
        .to_be_visible()
    expect(page.locator("[data-quiz-result]")).to_be_hidden()
    page.locator("[data-quiz-submit]").click()
    expect(page.locator("[data-quiz-result]")).to_be_visible()
    assert_hooks_match(page, key, answers)


# --- Accessibility -------------------------------------------------------------------------------


def test_axe_finds_nothing_before_and_after_submitting(page: Page, base_url: str, project: Project) -> None:
    for mode in ("per_question", "at_end"):
        quiz_id = knowledge_quiz(project, mode=mode)
        key = scoring_key(project, quiz_id)
        page.goto(quiz_url(base_url, quiz_id))
        assert axe_violations(page) == [], f"{quiz_id} before answering"
        if mode == "per_question":
            q = key["questions"][0]
            fill(page, key, {q["id"]: wrong_answers(key)[q["id"]]})
            question(page, q["id"]).locator("[data-question-check]").click()
            assert axe_violations(page) == [], f"{quiz_id} after checking a question"
        fill(page, key, {qid: v for qid, v in right_answers(key).items()
                         if not question(page, qid).evaluate("f => f.disabled")})
        page.locator("[data-quiz-submit]").click()
        expect(page.locator("[data-quiz-result]")).to_be_visible()
        assert axe_violations(page) == [], f"{quiz_id} after submitting"


def test_assessment_top_and_bottom_scores_on_a_phone(browser: Browser, base_url: str, project: Project) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        quiz_id = next(q.id for q in project.quizzes.values() if isinstance(q, models.Assessment))
        key = scoring_key(project, quiz_id)
        page.goto(quiz_url(base_url, quiz_id))
        answers = extreme_answers(key, best=True)
        fill(page, key, answers)
        page.locator("[data-quiz-submit]").click()
        assert_hooks_match(page, key, answers)
        # Nothing overflows the phone's width.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_an_ordering_question_by_keyboard_only(page: Page, base_url: str, project: Project) -> None:
    quiz_id = next(q.id for q in project.quizzes.values() if isinstance(q, models.Quiz)
                   and any(isinstance(x, models.Ordering) for x in q.questions))
    key = scoring_key(project, quiz_id)
    order_q = next(q for q in key["questions"] if q["type"] == "ordering")
    qid, right = order_q["id"], order_q["correct"]
    page.goto(quiz_url(base_url, quiz_id))
    assert step_order(page, qid) == start_order(page, qid)
    # Every step is listed once, and none starts in its right place.
    assert sorted(step_order(page, qid)) == sorted(right)
    assert all(a != b for a, b in zip(step_order(page, qid), right, strict=True))
    status = question(page, qid).locator("[data-order-status]")
    for position, step in enumerate(right):
        up = question(page, qid).locator(f'li:has(input[value="{step}"]) [data-move="-1"]')
        up.focus()
        for _ in range(step_order(page, qid).index(step) - position):
            page.keyboard.press("Enter")  # the focus stays on the moved step's button
            expect(up).to_be_focused()
    assert step_order(page, qid) == right
    expect(status).to_have_text(re.compile(r"^Now \d+ of \d+\.$"))
    label = question(page, qid).locator("[data-move]").first.get_attribute("aria-label")
    assert label.startswith("Move ")  # the button says which step it moves
    page.reload()  # the order is kept
    assert step_order(page, qid) == right
