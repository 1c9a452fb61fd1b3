"""Lighthouse, mobile profile, on one page of every type: accessibility, best practices and SEO = 100.

These three categories are verdicts on the page itself (names, contrast, valid links, console
errors, meta tags), so they give the same answer on a quiet and on a loaded machine. Performance
is a measurement of the machine at a moment: it is reported by `make bench` (medians beside
Material's own page) and by `make audit`'s report, never gated here.
"""

from __future__ import annotations

import pytest
from audit_site import page_states

from benchmarks import lighthouse

# One page per type: the states that only differ by an action (print, submit, search) share a page.
PAGES = {state.name: state.path for state in page_states() if state.action in ("load", "quiz-ready")}


@pytest.fixture(scope="module")
def lighthouse_runs(site_url: str) -> dict[str, list[lighthouse.Run]]:
    """One Lighthouse run of every page type, all in one Chromium."""
    runs = lighthouse.run({name: site_url + path for name, path in PAGES.items()}, categories=lighthouse.GATED)
    for name, (result, *_rest) in runs.items():
        print(f"lighthouse {name}: " + " ".join(f"{c}={round(s * 100)}" for c, s in result.scores.items()))
    return runs


def test_every_page_type_is_audited() -> None:
    assert {"home", "chapter", "guide", "sources", "disagreements", "checklists", "checklist", "quizzes", "quiz",
            "assessment", "authors", "formats"} <= set(PAGES)


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAGES))
def test_lighthouse_gated_categories_are_100(lighthouse_runs: dict[str, list[lighthouse.Run]], name: str) -> None:
    result = lighthouse_runs[name][0]
    below = [category for category in lighthouse.GATED if result.scores.get(category, 0) < 1]
    assert not below, f"lighthouse on {name} ({PAGES[name]}):\n" + "\n".join(result.explain(c) for c in below)
