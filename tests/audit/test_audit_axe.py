"""Accessibility: axe-core finds no violation on any page type, in any state a reader sees."""

from __future__ import annotations

import pytest
from audit_site import AXE, open_state, page_states, require

STATES = page_states()
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary, html: n.html.slice(0, 160)})),
  }));
}"""


def describe(violations: list[dict]) -> str:
    """Violations as a readable list: rule, impact, help, then each element and why it fails."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}\n      {node['html']}\n      {summary}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


def run_axe(page) -> list[dict]:  # noqa: ANN001 - a Playwright Page
    """Inject axe-core into the page and return its violations."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, AXE_TAGS)


@pytest.mark.browser
@pytest.mark.parametrize("state", STATES, ids=[s.name for s in STATES])
def test_axe_finds_no_violation(page, site_url: str, state) -> None:  # noqa: ANN001
    require(AXE, "axe-core")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_state(page, site_url, state)
    violations = run_axe(page)
    assert not violations, f"axe on {state.name} ({state.path}, {state.action}):\n{describe(violations)}"
    assert not errors, f"script errors on {state.name} ({state.path}): {errors}"


@pytest.mark.browser
@pytest.mark.parametrize("name", ["home", "guide", "checklist", "quiz-submitted", "search"])
def test_axe_dark_scheme(browser, site_url: str, name: str) -> None:  # noqa: ANN001
    """Material's dark palette follows the reader's system setting: it must pass too."""
    require(AXE, "axe-core")
    state = next(s for s in STATES if s.name == name)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    try:
        page = context.new_page()
        open_state(page, site_url, state)
        violations = run_axe(page)
    finally:
        context.close()
    assert not violations, f"axe on {name} in the dark scheme:\n{describe(violations)}"
