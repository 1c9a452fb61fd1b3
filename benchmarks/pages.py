"""The page types of the site and which built pages belong to each: one list for budgets and benchmarks."""

from __future__ import annotations

from pathlib import Path

from build_tools import models, urls
from build_tools.project import Project, build_project

# Every kind of page the site has, in reading order.
PAGE_TYPES = ("home", "chapter", "guide", "sources", "disagreements", "changes", "checklists", "checklist", "quizzes",
              "quiz", "assessment", "progress", "team", "authors", "formats")


def pages_by_type(project: Project) -> dict[str, list[str]]:
    """Built HTML paths (`use_directory_urls: false`) of every page, by page type."""
    to_html = urls.Urls(directory_urls=False).url
    kinds: dict[str, list[str]] = {kind: [] for kind in PAGE_TYPES}
    for kind, src in (("home", urls.HOME), ("sources", urls.SOURCES), ("disagreements", urls.DISAGREEMENTS),
                      ("checklists", urls.CHECKLISTS), ("quizzes", urls.QUIZZES), ("progress", urls.PROGRESS),
                      ("team", urls.TEAM), ("authors", urls.AUTHORS),
                      ("formats", urls.FORMATS)):
        kinds[kind].append(to_html(src))
    if project.releases:  # the What changed page exists once the change log does
        kinds["changes"].append(to_html(urls.CHANGES))
    for chapter in project.chapters:
        kinds["chapter"].append(to_html(urls.chapter_page(chapter.id)))
        kinds["guide"] += [to_html(urls.guide_page(chapter.id, guide_id)) for guide_id in chapter.guides]
    kinds["checklist"] += [to_html(urls.checklist_page(checklist_id)) for checklist_id in project.checklists]
    for quiz in project.quizzes.values():
        kind = "quiz" if isinstance(quiz, models.Quiz) else "assessment"
        kinds[kind].append(to_html(urls.quiz_page(quiz.id)))
    return kinds


def page_kinds(root: Path) -> dict[str, list[str]]:
    """Built HTML paths of the project at `root` by page type."""
    return pages_by_type(build_project(root))


def largest_of_each_type(site: Path, kinds: dict[str, list[str]]) -> dict[str, str]:
    """The page with the most HTML bytes of each type: the one a budget must hold for."""
    return {kind: max(pages, key=lambda page: ((site / page).stat().st_size, page))
            for kind, pages in kinds.items() if pages}
