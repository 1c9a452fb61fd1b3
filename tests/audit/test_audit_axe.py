"""Accessibility: axe-core finds no violation on any page type, in any state a reader sees."""

from __future__ import annotations

import pytest
from audit_site import language_states, open_state, page_states
from support import describe_violations, run_axe

STATES = page_states()
LANGUAGE_STATES = language_states()
@pytest.mark.browser
@pytest.mark.parametrize("state", STATES, ids=[s.name for s in STATES])
def test_axe_finds_no_violation(page, site_url: str, state) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_state(page, site_url, state)
    violations = run_axe(page)
    assert not violations, f"axe on {state.name} ({state.path}, {state.action}):\n{describe_violations(violations)}"
    assert not errors, f"script errors on {state.name} ({state.path}): {errors}"


@pytest.mark.browser
@pytest.mark.parametrize("state", LANGUAGE_STATES, ids=[s.name for s in LANGUAGE_STATES])
def test_axe_finds_no_violation_in_every_language(page, site_url: str, state) -> None:
    test_axe_finds_no_violation(page, site_url, state)


@pytest.mark.browser
@pytest.mark.parametrize("name", ["home", "guide", "checklist", "quiz-submitted", "search"])
def test_axe_dark_scheme(browser, site_url: str, name: str) -> None:
    """Material's dark palette follows the reader's system setting: it must pass too."""
    state = next(s for s in STATES if s.name == name)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    try:
        page = context.new_page()
        open_state(page, site_url, state)
        violations = run_axe(page)
    finally:
        context.close()
    assert not violations, f"axe on {name} in the dark scheme:\n{describe_violations(violations)}"
