"""The onboarding path in the built site, read from its HTML: order, navigation, Previous/Next,
the skip link, titles and reading times. Browser behaviour is in test_path_walk.py."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from pathlib import Path

import pytest

from build_tools import urls
from build_tools.path import checklist_placement, onboarding_path
from build_tools.project import Project
from build_tools.render import Renderer, navigation

SITE = urls.Urls(directory_urls=False)


def html_of(site: Path, src: str) -> str:
    return (site / SITE.output_file(src)).read_text(encoding="utf-8")


def path_pages(project: Project) -> list[str]:
    """Source paths of the path in order: each stage's page, guides, checklists, quiz; final check; My progress."""
    route = onboarding_path(project)
    pages = []
    for stage in route.stages:
        pages.append(urls.chapter_page(stage.chapter.id))
        pages += [urls.guide_page(stage.chapter.id, guide.id) for guide in stage.guides]
        pages += [urls.checklist_page(checklist.id) for checklist in stage.checklists]
        pages += [urls.quiz_page(quiz.id) for quiz in stage.quizzes]
    return pages + [urls.quiz_page(quiz.id) for quiz in route.final_checks] + [urls.PROGRESS]


def footer_link(page_html: str, direction: str) -> str | None:
    found = re.search(rf'<a href="([^"]*)" class="md-footer__link md-footer__link--{direction}"', page_html)
    return found.group(1) if found else None


def test_every_checklist_is_on_the_path_once_in_the_stage_it_draws_on_most(project: Project) -> None:
    route = onboarding_path(project)
    placed = [checklist.id for _, checklist in route.checklists_by_stage]
    assert sorted(placed) == sorted(project.checklists)
    for chapter, checklist in route.checklists_by_stage:
        by_chapter = Counter(project.chapter_of_guide[item.guide] for section in checklist.sections
                             for item in section.items)
        assert by_chapter[chapter.id] == max(by_chapter.values()), checklist.id
    # Today's content: the discovery call belongs to choosing clients, the kickoff to starting well.
    placement = checklist_placement(project)
    assert placement["discovery-call-fit"][0] == "choosing-clients"
    assert placement["project-kickoff"][0] == "starting-well"


def test_navigation_follows_the_path_with_self_assessments_apart_and_authors_last(project: Project) -> None:
    entries = navigation(project)
    route = onboarding_path(project)
    titles = [entry.title for entry in entries]
    chapters = [stage.chapter.title for stage in route.stages]
    assert titles[1:1 + len(chapters)] == chapters
    for entry, stage in zip(entries[1:], route.stages, strict=False):
        assert [child.src_uri for child in entry.children] == [
            urls.chapter_page(stage.chapter.id), *[urls.guide_page(stage.chapter.id, g.id) for g in stage.guides],
            *[urls.checklist_page(c.id) for c in stage.checklists], *[urls.quiz_page(q.id) for q in stage.quizzes]]
    assessments = next(entry for entry in entries if entry.title == "Self-assessments")
    assert [child.src_uri for child in assessments.children] == [urls.quiz_page(a.id) for a in route.assessments]
    assert entries[-1].title == "For team leads"
    assert [child.src_uri for child in entries[-1].children] == [urls.TEAM, urls.AUTHORS, urls.FORMATS]
    assert titles.index("Final onboarding check") < titles.index("My progress") < titles.index("Self-assessments")


@pytest.mark.parametrize("direction", ["next", "prev"])
def test_previous_and_next_follow_the_path(real_site: Path, project: Project, direction: str) -> None:
    pages = path_pages(project)
    pairs = zip(pages, pages[1:], strict=False) if direction == "next" else zip(pages[1:], pages, strict=False)
    for here, there in pairs:
        link = footer_link(html_of(real_site, here), direction)
        assert link is not None, f"{here} has no {direction} link"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(SITE.url(here)), link))
        assert target == SITE.url(there), f"{direction} of {here} is {target}, not {SITE.url(there)}"


def test_only_the_current_chapter_is_expanded_in_the_navigation(real_site: Path, project: Project) -> None:
    route = onboarding_path(project)
    first, second = route.stages[0], route.stages[1]
    page = html_of(real_site, urls.guide_page(first.chapter.id, first.guides[0].id))
    nav = page[page.index('md-nav--primary'):page.index('md-sidebar--secondary')]
    for guide in first.guides:
        assert f"{guide.id}.html" in nav, guide.id
    for guide in second.guides:
        assert f"{guide.id}.html" not in nav, f"{guide.id} of another chapter is in the nav"
    assert "formats.html" not in nav  # the author pages fold away at the end


def test_every_page_starts_with_a_skip_link_to_its_content(real_site: Path) -> None:
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        if page.name == "404.html" or "pdf" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        if "md-skip" not in text and "md-content" not in text:
            continue  # not a page of the theme (e.g. the printable checklist sources)
        body = text[text.index("<body"):]
        first_link = re.search(r"<a\s[^>]*>", body).group(0)
        assert 'href="#cc-content"' in first_link and "md-skip" in first_link, page
        assert 'id="cc-content"' in text, page
        assert body.count("md-skip") == 1, page


def test_home_title_names_the_site_once(real_site: Path) -> None:
    assert re.search(r"<title>([^<]*)</title>", html_of(real_site, urls.HOME)).group(1) == "Client Craft"


def test_guides_show_their_reading_time(real_site: Path, project: Project) -> None:
    renderer = Renderer(project, directory_urls=False)
    for guide in project.guides.values():
        minutes = renderer.reading_minutes(guide)
        assert 1 <= minutes <= 15
        text = html_of(real_site, renderer.guide_src(guide.id))
        assert f"{minutes} min read" in text, guide.id


def test_learning_platform_downloads_are_folded_away(real_site: Path, project: Project) -> None:
    for quiz in project.quizzes.values():
        text = html_of(real_site, urls.quiz_page(quiz.id))
        for link in re.finditer(r'<a href="[^"]*(?:\.gift|-qti21\.zip)"', text):
            before = text[:link.start()]
            assert before.rfind("<details") > before.rfind("</details>"), f"{quiz.id}: a download outside <details>"
