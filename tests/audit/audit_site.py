"""Shared pieces of the audits: building a site, the page types to visit, and driving each one.

Kept out of conftest.py so test modules can import them by name. The test folders have no
__init__.py, so pytest puts each on sys.path: hence the audit_ prefix, which no other folder uses.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# support: shared with the other test folders, so the audits use the same Chromium settings and
# the same fixed build date as the session's build of the real site (tests/conftest.py).
from support import CHROMIUM, CHROMIUM_ARGS, ROOT, SOURCE_DATE_EPOCH  # noqa: F401 - re-exported

from build_tools import urls
from build_tools.project import build_project

NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# A word from a guide's text, for the search checks.
SEARCH_WORD = "boundaries"


def build_site(project_dir: Path, dest: Path, cwd: Path | None = None) -> None:
    """`mkdocs build --strict` of `project_dir` into `dest`, with a fixed build date (run from `cwd`)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    env.pop("SITE_URL", None)  # the site must be checked as built by default: relative links only
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project_dir / "mkdocs.yml"),
         "-d", str(dest)],
        cwd=cwd or project_dir, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build of {project_dir} failed:\n{result.stdout}\n{result.stderr}")


def is_loopback(url: str) -> bool:
    """True for URLs that stay on this machine: loopback hosts, file:, data:, blob: and about:."""
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about", "chrome-error"):
        return True
    return (parts.hostname or "") in LOOPBACK_HOSTS or (parts.hostname or "").startswith("127.")


@dataclass(frozen=True)
class PageState:
    """A page in one state: its name, its path in the site and what to do after loading it."""

    name: str
    path: str
    action: str = "load"  # load | print | quiz-submit | assessment-submit | search | quiz-ready


@functools.lru_cache(maxsize=4)
def page_states(project_dir: Path = ROOT) -> tuple[PageState, ...]:
    """One page of every type the site has, chosen from the content so the list follows it."""
    project = build_project(project_dir)
    site = urls.Urls(directory_urls=False)
    chapter = project.chapters[0]
    # A guide with a contested block: it shows the most of the guide template.
    guide_id = project.contested[0][0].id if project.contested else chapter.guides[0]
    guide_path = site.url(urls.guide_page(project.chapter_of_guide[guide_id], guide_id))
    checklist = site.url(urls.checklist_page(next(iter(project.checklists))))
    knowledge = [q for q in project.quizzes.values() if q.kind == "knowledge"]
    # The at-end mode shows every question's feedback at once after submitting.
    knowledge.sort(key=lambda q: q.mode != "at_end")
    assessment = next(q for q in project.quizzes.values() if q.kind == "assessment")
    quiz = site.url(urls.quiz_page(knowledge[0].id))
    return (
        PageState("home", site.url(urls.HOME)),
        PageState("chapter", site.url(urls.chapter_page(chapter.id))),
        PageState("guide", guide_path),
        PageState("sources", site.url(urls.SOURCES)),
        PageState("disagreements", site.url(urls.DISAGREEMENTS)),
        PageState("checklists", site.url(urls.CHECKLISTS)),
        PageState("checklist", checklist),
        PageState("checklist-print", checklist, "print"),
        PageState("quizzes", site.url(urls.QUIZZES)),
        PageState("quiz", quiz, "quiz-ready"),
        PageState("quiz-submitted", quiz, "quiz-submit"),
        PageState("assessment-result", site.url(urls.quiz_page(assessment.id)), "assessment-submit"),
        PageState("search", site.url(urls.HOME), "search"),
        PageState("authors", site.url(urls.AUTHORS)),
        PageState("formats", site.url(urls.FORMATS)),
    )


def answer_everything(page) -> None:  # noqa: ANN001 - a Playwright Page
    """Give an answer to every question or item of the quiz on the page, as a person would."""
    for fieldset in page.locator("form[data-quiz-form] fieldset").all():
        selects = fieldset.locator("select")
        if selects.count():
            # Each position gets a different step, so the order is complete.
            for index, select in enumerate(selects.all()):
                values = [v for v in select.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
                select.select_option(values[index % len(values)])
            continue
        choice = fieldset.locator("input[type=radio], input[type=checkbox]").first
        choice.check()


def wait_for_quiz(page) -> None:  # noqa: ANN001 - a Playwright Page
    """Wait until quiz.js has taken over the form (it reveals the submit button)."""
    try:
        page.locator("[data-quiz-submit]").first.wait_for(state="visible", timeout=5000)
    except Exception as error:  # noqa: BLE001 - turned into a readable failure
        raise AssertionError(f"quiz.js never showed [data-quiz-submit] on {page.url}: {error}") from None


def submit_quiz(page) -> None:  # noqa: ANN001 - a Playwright Page
    """Answer everything, submit, and wait for the result to show."""
    wait_for_quiz(page)
    answer_everything(page)
    page.locator("[data-quiz-submit]").first.click()
    try:
        page.locator("[data-quiz-result]").first.wait_for(state="visible", timeout=5000)
    except Exception as error:  # noqa: BLE001 - turned into a readable failure
        raise AssertionError(f"no visible [data-quiz-result] after submitting on {page.url}: {error}") from None


def search(page, word: str = SEARCH_WORD) -> None:  # noqa: ANN001 - a Playwright Page
    """Open Material's search, type a word and wait for results, as a person would."""
    field = page.locator("input.md-search__input")
    if not field.is_visible():
        # On a phone the search field hides behind the header's search button.
        page.locator("label.md-header__button[for=__search]").first.click()
        field.wait_for(state="visible", timeout=5000)
    field.click()
    field.press_sequentially(word, delay=20)
    try:
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    except Exception as error:  # noqa: BLE001 - turned into a readable failure
        meta = page.locator(".md-search-result__meta").inner_text()
        raise AssertionError(f"search for {word!r} showed no results on {page.url} ({meta!r}): {error}") from None


def open_state(page, base_url: str, state: PageState) -> None:  # noqa: ANN001 - a Playwright Page
    """Load the page of `state` from `base_url` and bring it into that state."""
    page.emulate_media(media="screen")
    page.goto(base_url + state.path, wait_until="load")
    if state.action == "print":
        page.emulate_media(media="print")
    elif state.action == "quiz-ready":
        wait_for_quiz(page)
    elif state.action in ("quiz-submit", "assessment-submit"):
        submit_quiz(page)
    elif state.action == "search":
        search(page)


def require(tool: Path, what: str) -> None:
    """Fail with a hint when a tool is missing: a gate that skips would pass unnoticed."""
    if not tool.exists():
        raise AssertionError(f"{what} is missing at {tool}; `make test` installs the audit tools")
