"""Opened from disk, pages say plainly what cannot run there; served, the scripts take over."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools import catalog

PAGES = {
    "quizzes/quiz-delivering.html": ("[data-quiz-needs-js]", "quiz.no_js"),
    "quizzes/client-fit.html": ("[data-quiz-needs-js]", "quiz.no_js"),
    "checklists/keep-a-call-on-business.html": ("[data-checklist-needs-js]", "checklist.no_js"),
}


@pytest.mark.browser
@pytest.mark.parametrize("path", sorted(PAGES))
def test_from_disk_the_page_explains_that_its_script_cannot_run(context, real_site: Path, path: str) -> None:
    selector, key = PAGES[path]
    page = context.new_page()
    page.goto((real_site / path).as_uri())
    notice = page.locator(selector)
    notice.wait_for(state="visible")
    assert notice.inner_text() == catalog.t(key)
    assert page.locator("fieldset, .cc-item").first.is_visible()  # the content itself is all there


@pytest.mark.browser
@pytest.mark.parametrize("path", sorted(PAGES))
def test_served_the_script_removes_the_notice(page, real_site_url: str, path: str) -> None:
    selector, _key = PAGES[path]
    page.goto(real_site_url + path)
    page.wait_for_function(f"!document.querySelector('{selector}')")
