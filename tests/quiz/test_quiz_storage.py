"""Saved progress and history in Chromium: two tabs at once, storage that refuses, and saved state
that is well-formed JSON but wrong. Each case checks the exact notice the reader gets.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from quizkit import assert_hooks_match, fill, knowledge_quiz, quiz_url, right_answers, scoring_key, wrong_answers

from build_tools import catalog, models
from build_tools.project import Project

pytestmark = pytest.mark.browser
S = catalog.script_strings()
DATE = "2024-05-01T10:00:00.000Z"

# Storage that refuses every write, as a full store does; and storage a privacy setting forbids.
FULL = ("Storage.prototype.setItem = function () {"
        " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };")
FORBIDDEN = ("Object.defineProperty(window, 'localStorage', {"
             " get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });")
# A tab that never hears of other tabs' writes: the race two tabs run when both write at nearly the same time.
DEAF = "addEventListener('storage', (event) => event.stopImmediatePropagation(), true);"
# Counts how often a notice is filled in from now on (announce() empties it first, then fills it).
COUNT_FILLS = """(selector) => {
  const box = document.querySelector(selector);
  window.__fills = 0;
  new MutationObserver(() => { if (box.textContent) window.__fills++; })
    .observe(box, {childList: true, characterData: true, subtree: true});
}"""




def first_of(key: dict[str, Any], qtype: str) -> dict[str, Any]:
    return next(q for q in key["questions"] if q["type"] == qtype)


def option_order(page: Page) -> list[list[str]]:
    """Option values of every question in page order (ordering: its steps from the top of the list)."""
    return page.evaluate("""() => [...document.querySelectorAll("[data-question-id]")].map(f =>
        [...f.querySelectorAll("input:not([type=hidden])")].map(o => o.value))""")


def keys_of(page: Page) -> dict[str, str]:
    """The progress and history keys of the quiz on the page."""
    root = page.locator("[data-quiz-id]")
    quiz_id, version = root.get_attribute("data-quiz-id"), root.get_attribute("data-quiz-version")
    return {"progress": f"client-craft:quiz:{quiz_id}:{version}", "history": f"client-craft:quiz-history:{quiz_id}"}


def stored(page: Page, key: str) -> Any:
    raw = page.evaluate("k => localStorage.getItem(k)", key)
    return None if raw is None else json.loads(raw)


def put(page: Page, key: str, value: Any) -> None:
    text = value if isinstance(value, str) else json.dumps(value)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, text])


@pytest.fixture
def tabs(context: BrowserContext) -> Iterator[list[Page]]:
    """Two tabs of one browser (shared storage), each failing the test on a script error."""
    pages, errors = [], []
    for _ in range(2):
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        pages.append(tab)
    yield pages
    assert not errors, f"script errors on the page: {errors}"


# --- Two tabs ------------------------------------------------------------------------------------


def test_two_tabs_follow_each_other_and_keep_every_attempt(tabs: list[Page], base_url: str, project: Project) -> None:
    quiz_id = knowledge_quiz(project, mode="at_end", shuffle=True)
    key = scoring_key(project, quiz_id)
    right, wrong = right_answers(key), wrong_answers(key)
    a, b = tabs
    for tab in tabs:
        tab.goto(quiz_url(base_url, quiz_id))
    first = first_of(key, "single")["id"]

    # An answer given in one tab shows in the other, which says where it came from and takes the
    # same shuffle (the attempt's seed).
    fill(a, key, {first: right[first]})
    expect(b.locator("[data-quiz-notice]")).to_have_text(S["synced"])
    expect(b.locator(f'input[name="{first}"][value="{right[first][0]}"]')).to_be_checked()
    assert option_order(b) == option_order(a)
    expect(a.locator("[data-quiz-notice]")).to_be_hidden()

    # Finished in one tab: the other shows the same result and the same single attempt.
    fill(a, key, right)
    a.locator("[data-quiz-submit]").click()
    assert_hooks_match(a, key, right)
    expect(b.locator("[data-quiz-result]")).to_be_visible()
    assert_hooks_match(b, key, right)
    for tab in tabs:
        expect(tab.locator("[data-quiz-history] li")).to_have_count(1)

    # "Start again" in the other tab starts the new attempt in both, with one order.
    b.bring_to_front()
    b.locator("[data-quiz-result] button", has_text=S["retry"]).click()
    expect(a.locator("[data-quiz-result]")).to_be_hidden()
    expect(a.locator("[data-quiz-notice]")).to_have_text(S["synced"])
    expect(a.locator("[data-quiz-form] input:checked")).to_have_count(0)
    expect(a.locator("[data-quiz-submit]")).to_be_visible()
    assert option_order(a) == option_order(b)

    fill(b, key, wrong)
    b.locator("[data-quiz-submit]").click()
    assert_hooks_match(b, key, wrong)
    assert_hooks_match(a, key, wrong)
    for tab in tabs:
        expect(tab.locator("[data-quiz-history] li")).to_have_count(2)
    assert len(stored(a, keys_of(a)["history"])) == 2


def test_attempts_finished_in_two_tabs_at_once_are_both_kept(tabs: list[Page], base_url: str,
                                                             project: Project) -> None:
    # The second tab does not hear of the first one's attempt before finishing its own (the
    # storage event is lost, or comes too late): it must merge with what is saved, not overwrite it.
    quiz_id = knowledge_quiz(project, mode="at_end")
    key = scoring_key(project, quiz_id)
    right, wrong = right_answers(key), wrong_answers(key)
    a, b = tabs
    b.add_init_script(DEAF)
    for tab in tabs:
        tab.goto(quiz_url(base_url, quiz_id))
    fill(a, key, right)
    a.locator("[data-quiz-submit]").click()
    expect(a.locator("[data-quiz-history] li")).to_have_count(1)
    fill(b, key, wrong)
    expect(b.locator("[data-quiz-notice]")).to_be_hidden()  # b heard nothing
    expect(b.locator("[data-quiz-history] li")).to_have_count(0)
    b.locator("[data-quiz-submit]").click()
    assert_hooks_match(b, key, wrong)
    expect(b.locator("[data-quiz-history] li")).to_have_count(2)
    history = stored(b, keys_of(b)["history"])
    assert [entry["passed"] for entry in history] == [True, False]
    assert history[0]["date"] < history[1]["date"]
    # a hears b's attempt, and both stay after a reload.
    expect(a.locator("[data-quiz-history] li")).to_have_count(2)
    a.reload()
    expect(a.locator("[data-quiz-history] li")).to_have_count(2)


def test_history_merges_by_attempt_and_keeps_the_last_20(page: Page, base_url: str, project: Project) -> None:
    quiz_id = knowledge_quiz(project, mode="at_end")
    key = scoring_key(project, quiz_id)
    page.goto(quiz_url(base_url, quiz_id))
    history_key = keys_of(page)["history"]
    # 20 attempts saved by another tab (written here, so this tab hears no event), one of them twice
    # over under another seed: same date, different attempt.
    old = [{"date": f"2024-05-{day:02}T10:00:00.000Z", "seed": day, "score": 1, "max": 2, "percent": 50,
            "passed": False} for day in range(1, 21)]
    twin = {**old[-1], "seed": 99}
    put(page, history_key, old + [twin])
    fill(page, key, right_answers(key))
    page.locator("[data-quiz-submit]").click()
    history = stored(page, history_key)
    assert len(history) == 20
    assert history[:-1] == (old + [twin])[2:]  # the oldest go first; the twin is its own attempt
    assert history[-1]["passed"] is True and history[-1]["date"] > twin["date"]
    expect(page.locator("[data-quiz-history] li")).to_have_count(20)


# --- Storage that refuses -------------------------------------------------------------------------


@pytest.mark.parametrize("script", [FULL, FORBIDDEN], ids=["full", "forbidden"])
def test_refused_storage_is_said_once_and_the_quiz_still_scores(context: BrowserContext, base_url: str,
                                                                project: Project, script: str) -> None:
    context.add_init_script(script)
    page = context.new_page()
    errors: list[str] = []
    # Material's own scripts may trip over forbidden storage; ours must not.
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    quiz_id = knowledge_quiz(project, mode="per_question")
    key = scoring_key(project, quiz_id)
    right = right_answers(key)
    page.goto(quiz_url(base_url, quiz_id))
    notice = page.locator("[data-quiz-notice]")
    expect(notice).to_be_hidden()  # nothing is written on load, so nothing to say yet
    questions = key["questions"]
    fill(page, key, {questions[0]["id"]: right[questions[0]["id"]]})
    expect(notice).to_have_text(S["not_saved"])
    page.evaluate(COUNT_FILLS, "[data-quiz-notice]")
    # More answers, a checked question: every one a refused write, none said again.
    fill(page, key, {q["id"]: right[q["id"]] for q in questions[1:4]})
    page.locator(f'[data-question-id="{questions[1]["id"]}"] [data-question-check]').click()
    expect(page.locator(f'[data-question-id="{questions[1]["id"]}"] [data-question-feedback]')).to_contain_text(
        S["correct"])
    fill(page, key, {q["id"]: right[q["id"]] for q in questions[4:]})
    expect(notice).to_have_text(S["not_saved"])
    expect(page.get_by_text(S["not_saved"])).to_have_count(1)
    assert page.evaluate("window.__fills") == 0
    page.locator("[data-quiz-submit]").click()
    assert_hooks_match(page, key, right)
    expect(page.locator("[data-quiz-history] li")).to_have_count(1)  # this visit's attempt, not kept
    assert page.evaluate("window.__fills") == 0
    assert not [e for e in errors if "client-craft/" in e], errors


# --- Saved state that is well-formed but wrong ----------------------------------------------------


def knowledge_records(key: dict[str, Any]) -> list[tuple[str, Any]]:
    """Progress records that parse as JSON but do not fit the quiz, by what is wrong with them."""
    right = right_answers(key)
    single, order = first_of(key, "single"), first_of(key, "ordering")
    some = {single["id"]: right[single["id"]]}
    base = {"seed": 7, "answers": some, "checked": [], "done": None}
    return [
        ("finished with no answers", {**base, "answers": {}, "done": DATE}),
        ("finished with no step chosen", {**base, "answers": {order["id"]: [""] * len(order["correct"])},
                                          "done": DATE}),
        ("finished without a date", {**base, "done": "yesterday"}),
        ("finished at a number", {**base, "done": 5}),
        ("seed a string", {**base, "seed": "7"}),
        ("seed negative", {**base, "seed": -1}),
        ("seed a fraction", {**base, "seed": 1.5}),
        ("seed missing", {k: v for k, v in base.items() if k != "seed"}),
        ("answers not an object", {**base, "answers": None}),
        ("unknown question", {**base, "answers": {**some, "no-such-question": ["a"]}}),
        ("unknown option", {**base, "answers": {single["id"]: ["no-such-option"]}}),
        ("answer not a list", {**base, "answers": {single["id"]: right[single["id"]][0]}}),
        ("answer a number", {**base, "answers": {single["id"]: [1]}}),
        ("a name from Object.prototype", {**base, "answers": {**some, "constructor": ["x"]}}),
        ("ordering too short", {**base, "answers": {order["id"]: right[order["id"]][:1]}}),
        ("checked an unknown question", {**base, "checked": ["no-such-question"]}),
        ("checked an unanswered question", {**base, "checked": [order["id"]]}),
        ("checked not a list", {**base, "checked": {}}),
    ]


def assert_reset_with_corrupt_notice(page: Page, progress_key: str) -> None:
    expect(page.locator("[data-quiz-notice]")).to_have_text(S["corrupt"])
    expect(page.locator("[data-quiz-form] input:checked")).to_have_count(0)
    assert page.locator("[data-order]").evaluate_all(  # every list back in its starting order
        "l => l.every(o => [...o.children].every((li, i) => li.dataset.index == i))")
    expect(page.locator("[data-quiz-form] fieldset:disabled")).to_have_count(0)
    expect(page.locator("[data-question-feedback]:visible")).to_have_count(0)
    expect(page.locator("[data-quiz-result]")).to_be_hidden()
    expect(page.locator("[data-quiz-submit]")).to_be_visible()
    assert stored(page, progress_key) is None


def test_wrong_progress_resets_with_the_corrupt_notice(page: Page, base_url: str, project: Project) -> None:
    quiz_id = knowledge_quiz(project, mode="per_question")
    key = scoring_key(project, quiz_id)
    page.goto(quiz_url(base_url, quiz_id))
    progress_key = keys_of(page)["progress"]
    for name, record in knowledge_records(key):
        put(page, progress_key, record)
        page.reload()
        try:
            assert_reset_with_corrupt_notice(page, progress_key)
        except AssertionError as error:
            raise AssertionError(f"{name}: {record}") from error

    # The same records' valid neighbours are restored: a checked answered question, a finished attempt.
    right = right_answers(key)
    single = first_of(key, "single")["id"]
    put(page, progress_key, {"seed": 7, "answers": {single: right[single]}, "checked": [single], "done": None})
    page.reload()
    expect(page.locator("[data-quiz-notice]")).to_have_text(S["resume"])
    expect(page.locator(f'[data-question-id="{single}"] [data-question-feedback]')).to_contain_text(S["correct"])
    put(page, progress_key, {"seed": 7, "answers": {single: right[single]}, "checked": [], "done": DATE})
    page.reload()
    expect(page.locator("[data-quiz-result]")).to_be_visible()
    assert_hooks_match(page, key, {single: right[single]})


def test_wrong_assessment_progress_resets_with_the_corrupt_notice(page: Page, base_url: str,
                                                                  project: Project) -> None:
    quiz = next(q for q in project.quizzes.values() if isinstance(q, models.Assessment))
    key = scoring_key(project, quiz.id)
    item = key["items"][0]["id"]
    page.goto(quiz_url(base_url, quiz.id))
    progress_key = keys_of(page)["progress"]
    base = {"seed": 7, "answers": {}, "checked": [], "done": None}
    for record in [{**base, "done": DATE}, {**base, "answers": {item: str(key["scale_points"] + 1)}},
                   {**base, "answers": {item: ["3"]}}, {**base, "answers": {item: 3}},
                   {**base, "answers": {"no-such-item": "3"}}]:
        put(page, progress_key, record)
        page.reload()
        try:
            assert_reset_with_corrupt_notice(page, progress_key)
        except AssertionError as error:
            raise AssertionError(str(record)) from error


def test_history_entries_that_cannot_be_shown_are_dropped_with_the_notice(page: Page, base_url: str,
                                                                         project: Project) -> None:
    quiz_id = knowledge_quiz(project, mode="at_end")
    page.goto(quiz_url(base_url, quiz_id))
    history_key = keys_of(page)["history"]
    good = {"date": DATE, "seed": 1, "score": 3, "max": 4, "percent": 75, "passed": True}
    bad = [None, 5, {"date": "x"}, {**good, "date": 1}, {**good, "score": "3"}, {**good, "passed": "yes"},
           {k: v for k, v in good.items() if k != "max"}]
    put(page, history_key, [good, *bad])
    page.reload()
    expect(page.locator("[data-quiz-notice]")).to_have_text(S["corrupt"])
    expect(page.locator("[data-quiz-history] li")).to_have_count(1)
    assert stored(page, history_key) == [good]  # saved again without them: said once, not on every visit
    page.reload()
    expect(page.locator("[data-quiz-notice]")).to_be_hidden()
    for value in ['{"date": 1}', "{}", '"x"', "null"]:
        put(page, history_key, value)
        page.reload()
        expect(page.locator("[data-quiz-notice]")).to_have_text(S["corrupt"])
        expect(page.locator("[data-quiz-history]")).to_contain_text(S["history_empty"])


def test_nothing_answered_is_never_scored(page: Page, base_url: str, project: Project) -> None:
    for quiz_id in (knowledge_quiz(project, mode="at_end"),
                    next(q.id for q in project.quizzes.values() if isinstance(q, models.Assessment))):
        page.goto(quiz_url(base_url, quiz_id))
        for _ in range(2):  # a second press does not score blanks either when every answer is blank
            page.locator("[data-quiz-submit]").click()
            expect(page.get_by_role("status").filter(has_text=S["nothing_answered"])).to_be_visible()
            expect(page.locator("[data-quiz-result]")).to_be_hidden()
        assert stored(page, keys_of(page)["history"]) is None
