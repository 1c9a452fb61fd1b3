"""Shared pieces of the audits: building a site, the page types to visit, and driving each one.

Kept out of conftest.py so test modules can import them by name. The test folders have no
__init__.py, so pytest puts each on sys.path: hence the audit_ prefix, which no other folder uses.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# support: shared with the other test folders (one build, one server, one axe runner, one Chromium setup).
from support import AXE, CHROMIUM, CHROMIUM_ARGS, NODE_MODULES, ROOT  # noqa: F401 - re-exported

from build_tools import urls
from build_tools.project import build_project

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# A word from a guide's text, for the search checks.
SEARCH_WORD = "boundaries"


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
    guide_id = project.contested[0][1][0].id if project.contested else chapter.guides[0]
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
        *([PageState("changes", site.url(urls.CHANGES))] if project.releases else []),
        PageState("checklists", site.url(urls.CHECKLISTS)),
        PageState("checklist", checklist),
        PageState("checklist-print", checklist, "print"),
        PageState("quizzes", site.url(urls.QUIZZES)),
        PageState("quiz", quiz, "quiz-ready"),
        PageState("quiz-submitted", quiz, "quiz-submit"),
        PageState("assessment", site.url(urls.quiz_page(assessment.id)), "quiz-ready"),
        PageState("assessment-result", site.url(urls.quiz_page(assessment.id)), "assessment-submit"),
        PageState("progress", site.url(urls.PROGRESS)),
        PageState("team", site.url(urls.TEAM)),
        PageState("search", site.url(urls.HOME), "search"),
        PageState("authors", site.url(urls.AUTHORS)),
        PageState("formats", site.url(urls.FORMATS)),
    )


# The page types each other language is audited on: one of each template whose text and scripts the
# language changes (search is clicked through per language in tests/i18n, with words of that language;
# the other types share these templates' parts). HTML validity and links cover every page of every language.
LANGUAGE_STATES = ("home", "guide", "sources", "checklist", "quiz-submitted", "assessment-result", "team")


@functools.lru_cache(maxsize=4)
def language_states(project_dir: Path = ROOT) -> tuple[PageState, ...]:
    """The pages of LANGUAGE_STATES in every language of the site besides English (`vi/index.html`…)."""
    from build_tools.i18n.editions import languages_of
    from build_tools.mkdocs_yml import our_plugin_options, read_config

    options = our_plugin_options(read_config(project_dir / "mkdocs.yml")) or {}
    codes = [language.code for language in languages_of(options.get("languages") or [])]
    return tuple(PageState(f"{code}-{state.name}", f"{code}/{state.path}", state.action)
                 for code in codes for state in page_states(project_dir) if state.name in LANGUAGE_STATES)


def answer_everything(page) -> None:
    """Give an answer to every question or item of the quiz on the page, as a person would."""
    for fieldset in page.locator("form[data-quiz-form] fieldset").all():
        if fieldset.locator("[data-order]").count():
            fieldset.locator('[data-move="1"]').first.click()  # one move makes the list an answer
            continue
        choice = fieldset.locator("input[type=radio], input[type=checkbox]").first
        choice.check()


def wait_for_quiz(page) -> None:
    """Wait until quiz.js has taken over the form (it reveals the submit button)."""
    try:
        page.locator("[data-quiz-submit]").first.wait_for(state="visible")
    except Exception as error:
        raise AssertionError(f"quiz.js never showed [data-quiz-submit] on {page.url}: {error}") from None


def submit_quiz(page) -> None:
    """Answer everything, submit, and wait for the result to show."""
    wait_for_quiz(page)
    answer_everything(page)
    page.locator("[data-quiz-submit]").first.click()
    try:
        page.locator("[data-quiz-result]").first.wait_for(state="visible")
    except Exception as error:
        raise AssertionError(f"no visible [data-quiz-result] after submitting on {page.url}: {error}") from None


def search(page, word: str = SEARCH_WORD) -> None:
    """Open Material's search, type a word and wait for results, as a person would."""
    field = page.locator("input.md-search__input")
    if not field.is_visible():
        # On a phone the search field hides behind the header's search button.
        page.locator("label.md-header__button[for=__search]").first.click()
        field.wait_for(state="visible")
    field.click()
    field.press_sequentially(word, delay=20)
    try:
        page.locator(".md-search-result__item").first.wait_for(state="visible")
    except Exception as error:
        meta = page.locator(".md-search-result__meta").inner_text()
        raise AssertionError(f"search for {word!r} showed no results on {page.url} ({meta!r}): {error}") from None


def open_state(page, base_url: str, state: PageState) -> None:
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
