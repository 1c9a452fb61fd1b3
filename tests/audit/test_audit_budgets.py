"""Page budgets: bytes, requests and DOM size of the largest page of every type, from benchmarks/budgets.toml.

Every number here is a count, the same on a quiet and on a loaded machine. A page over budget
fails with the measured value beside its budget; raise a budget only on purpose, in the commit
that needs it.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import pytest

from benchmarks.budgets import load_budgets
from benchmarks.pages import PAGE_TYPES, largest_of_each_type, pages_by_type
from benchmarks.weights import OURS, page_weight
from build_tools import urls
from build_tools.markup import plain_text
from build_tools.project import Project

BUDGETS = load_budgets()
KB = 1000


@pytest.fixture(scope="module")
def largest(real_site: Path, project: Project) -> dict[str, str]:
    """The largest built page of each type."""
    return largest_of_each_type(real_site, pages_by_type(project))


def test_every_page_type_has_a_budget() -> None:
    assert set(BUDGETS.pages) == set(PAGE_TYPES)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_bytes_stay_within_budget(real_site: Path, largest: dict[str, str], page_type: str) -> None:
    budget, weight = BUDGETS.pages[page_type], page_weight(real_site, largest[page_type])
    measured = {
        "html_kb": weight.html.raw, "html_gzip_kb": weight.html.gzip,
        "our_js_kb": weight.our_js.raw, "our_js_gzip_kb": weight.our_js.gzip,
        "our_css_kb": weight.our_css.raw, "our_css_gzip_kb": weight.our_css.gzip,
    }
    over = [f"{name}: {value / KB:.1f} > {getattr(budget, name)}" for name, value in measured.items()
            if value > getattr(budget, name) * KB]
    print(f"budget {page_type} ({largest[page_type]}): " + ", ".join(f"{k}={v / KB:.1f}" for k, v in measured.items()))
    assert not over, f"{largest[page_type]} is over budget:\n" + "\n".join(over)


@pytest.fixture(scope="module")
def loads(browser, real_site_url: str, largest: dict[str, str]) -> dict[str, dict]:
    """What loading each page does in Chromium: requests, elements, and how each resource of ours blocked."""
    # The offline copy's worker fetches the whole site in the background; a reader's page makes
    # only the requests it needs, so the worker is blocked while counting.
    context = browser.new_context(service_workers="block")
    results = {}
    try:
        for page_type, path in largest.items():
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda request, seen=requests: seen.append(request.url))
            page.goto(real_site_url + path, wait_until="networkidle")
            results[page_type] = {
                "requests": requests,
                "dom_elements": page.evaluate("document.getElementsByTagName('*').length"),
                "resources": page.evaluate(
                    "performance.getEntriesByType('resource').map(e => [e.name, e.renderBlockingStatus])"),
            }
            page.close()
    finally:
        context.close()
    return results


@pytest.mark.browser
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_requests_and_dom_size_stay_within_budget(loads: dict[str, dict], page_type: str) -> None:
    budget, measured = BUDGETS.pages[page_type], loads[page_type]
    print(f"budget {page_type}: {len(measured['requests'])} requests, {measured['dom_elements']} elements")
    assert len(measured["requests"]) <= budget.requests, "\n".join(measured["requests"])
    assert measured["dom_elements"] <= budget.dom_elements


@pytest.mark.browser
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_resource_of_ours_blocks_rendering(loads: dict[str, dict], page_type: str) -> None:
    # Chromium's own verdict (Resource Timing's renderBlockingStatus): a stylesheet or classic
    # script in the head blocks the first paint; our styles are inlined and our scripts load late.
    ours = [(url, status) for url, status in loads[page_type]["resources"] if f"/{OURS}" in url]
    assert ours, "no resource of ours was loaded: is the page right?"
    blocking = [url for url, status in ours if status != "non-blocking"]
    assert not blocking, f"render-blocking on {page_type}: {blocking}"


# --- the search index, stylesheets and elements per question (the page-speed gates) ---------------


def _index(real_site: Path) -> dict:
    return json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_the_search_index_stays_within_budget(real_site: Path) -> None:
    raw = (real_site / "search" / "search_index.json").read_bytes()
    size = len(gzip.compress(raw, compresslevel=6))
    print(f"search index: {len(raw) / KB:.1f} KB, {size / KB:.1f} KB gzip")
    assert size <= BUDGETS.search_index_gzip_kb * KB, f"search index is {size / KB:.1f} KB gzip"


def test_the_search_index_serves_readers(real_site: Path, project: Project) -> None:
    """Every guide, checklist, quiz and self-assessment can be found by its title and description; the
    questions' options, the file formats and the author pages cannot."""
    docs = _index(real_site)["docs"]
    pages = {entry["location"].split("#")[0] for entry in docs}
    found = {html.unescape(entry["title"]) for entry in docs}
    text = html.unescape(" ".join(entry["text"] for entry in docs))
    site = urls.Urls(directory_urls=False)
    for guide in project.guides.values():
        assert guide.title in found, guide.id
    for checklist in project.checklists.values():
        assert checklist.title in found and site.url(urls.checklist_page(checklist.id)) in pages
    for quiz in project.quizzes.values():
        assert quiz.title in found, quiz.id
        assert plain_text(quiz.description).split(".")[0] in text, quiz.id
        for question in getattr(quiz, "questions", []):
            for option in getattr(question, "options", []):
                assert option.text not in text, (quiz.id, option.id)
    assert not any(page.startswith("authors/") for page in pages), "the author pages are left out"


def test_no_page_links_a_stylesheet_of_ours(real_site: Path) -> None:
    """Our styles are in each page (site-wide ones and the page's own), never a request before the paint."""
    for page in real_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
        assert not [link for link in links if f"{OURS}" in link], page
        assert len(links) <= 2, f"{page}: {links}"  # Material's own stylesheet and its palette


@pytest.mark.browser
def test_quiz_pages_stay_within_their_elements_per_question(browser, real_site_url: str, project: Project) -> None:
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        for quiz in project.quizzes.values():
            page.goto(real_site_url + urls.Urls(False).url(urls.quiz_page(quiz.id)), wait_until="networkidle")
            per_question = page.evaluate("""() => { const questions = document.querySelectorAll('[data-question-id]');
                return [...questions].reduce((n, q) => n + q.getElementsByTagName('*').length + 1, 0)
                    / questions.length; }""")
            budget = BUDGETS.elements_per_question if quiz.kind == "knowledge" else BUDGETS.elements_per_statement
            print(f"{quiz.id}: {per_question:.1f} elements per question")
            assert per_question <= budget, f"{quiz.id}: {per_question:.1f} elements per question > {budget}"
    finally:
        context.close()


def test_no_script_holds_back_the_first_paint(real_site: Path) -> None:
    """Every script a page fetches is deferred (or a module, deferred by nature), Material's bundle too:
    the page paints before any script runs, and the bundle's search index is fetched after the paint."""
    blocking = {}
    for page in real_site.rglob("*.html"):
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page.read_text(encoding="utf-8"))
        held = [tag for tag in tags if not re.search(r'\bdefer\b|\basync\b|type="module"', tag)]
        if held:
            blocking[str(page.relative_to(real_site))] = held
    assert not blocking, f"scripts that block the parser: {blocking}"
