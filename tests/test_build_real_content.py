"""Build tests on the real content: the playbook's promises, checked on what the build produces."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_tools import models
from build_tools.project import Project


@pytest.fixture(scope="module")
def site(real_site: Path) -> Path:
    """The run's one build of the real content (tests/conftest.py)."""
    return real_site


def test_the_build_prints_the_coverage_report(real_build: tuple[Path, dict]) -> None:
    assert "Source points:" in real_build[1]["output"]  # the coverage report is printed on every build


def test_every_source_point_is_used_or_excluded(project: Project) -> None:
    coverage = project.coverage()
    assert coverage.points_total == coverage.points_used + coverage.points_excluded
    assert len(project.sources) == 5
    assert {source.language for source in project.sources} == {"vi", "id", "zh", "no"}


def test_playbook_has_enough_guides_with_steps_and_phrases(project: Project) -> None:
    assert len(project.guides) >= 25
    for guide in project.guides.values():
        assert len(guide.steps) >= 2 and guide.phrases, guide.id
    assert len(project.chapters) >= 4


def test_manipulative_advice_is_marked_contested(project: Project) -> None:
    contested_points = {ref for entry, _guides in project.contested for ref in entry.points}
    for ref in ("satisfied-client-steps/step5-stage-upset", "satisfied-client-steps/step8-inflate-difficulty"):
        assert ref in contested_points
    assert any(entry.kind == "disagreement" for entry, _guides in project.contested)


def test_every_guide_page_shows_its_sources(project: Project, site: Path) -> None:
    for chapter in project.chapters:
        for guide in project.guides_of(chapter):
            html = (site / chapter.id / f"{guide.id}.html").read_text(encoding="utf-8")
            for ref in guide.sources:
                assert f"sources.html#{ref.replace('/', '--')}" in html, (guide.id, ref)


def test_sources_page_lists_articles_points_and_guides(project: Project, site: Path) -> None:
    html = (site / "sources.html").read_text(encoding="utf-8")
    for source in project.sources:
        assert f'id="{source.id}"' in html
        for point in source.points:
            assert f'id="{source.id}--{point.id}"' in html
    assert "Vietnamese" in html and "Indonesian" in html and "Chinese" in html and "Norwegian" in html


def test_disagreements_page_collects_every_contested_entry_once(project: Project, site: Path) -> None:
    html = (site / "disagreements.html").read_text(encoding="utf-8")
    assert html.count('class="cc-contested cc-contested--') == len(project.contested_entries)
    for entry, guides in project.contested:
        assert html.count(f'<h2 id="{entry.id}">') == 1
        for guide in guides:  # "Discussed in" links every guide that shows the entry
            assert f'href="{project.chapter_of_guide[guide.id]}/{guide.id}.html"' in html, (entry.id, guide.id)


def test_a_shared_entry_is_shown_on_each_of_its_guides(project: Project, site: Path) -> None:
    for entry, guides in project.contested:
        for guide in guides:
            html = (site / project.chapter_of_guide[guide.id] / f"{guide.id}.html").read_text(encoding="utf-8")
            assert f'id="contested-{entry.id}"' in html, (entry.id, guide.id)
            others = [other for other in guides if other is not guide]
            for other in others:  # "Also discussed in" leads to the other guides
                assert f"{other.id}.html" in html


def test_pages_say_when_they_were_last_reviewed(project: Project, site: Path) -> None:
    guide = next(iter(project.guides.values()))
    checks = [(site / project.chapter_of_guide[guide.id] / f"{guide.id}.html", guide)]
    checks += [(site / "checklists" / f"{c.id}.html", c) for c in project.checklists.values()]
    checks += [(site / "quizzes" / f"{q.id}.html", q) for q in project.quizzes.values()]
    for page, model in checks:
        html = page.read_text(encoding="utf-8")
        assert f'Last reviewed <time datetime="{model.last_reviewed.isoformat()}">' in html, page


def test_what_changed_lists_each_release_with_links_to_the_pages(project: Project, site: Path) -> None:
    html = (site / "changes.html").read_text(encoding="utf-8")
    for release in project.releases:
        assert f"{release.version} " in html
        for change in release.changes:
            if change.page.startswith("guide/"):
                guide_id = change.page.removeprefix("guide/")
                assert f'href="{project.chapter_of_guide[guide_id]}/{guide_id}.html"' in html
    positions = [html.index(f">{release.version} <") for release in project.releases]
    assert positions == sorted(positions)  # newest first, as the log lists them
    assert 'href="changes.html"' in (site / "index.html").read_text(encoding="utf-8")  # in the navigation


def test_search_index_finds_guides_by_their_words(project: Project, site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for chapter in project.chapters:
        for guide_id in chapter.guides:
            assert f"{chapter.id}/{guide_id}.html" in locations
    text = " ".join(doc["text"] for doc in index["docs"]).lower()
    assert "boundary" in text and "late payment" in text.replace("late-payment", "late payment")


def test_quizzes_index_lists_every_quiz_with_length_and_time(project: Project, site: Path) -> None:
    html = (site / "quizzes" / "index.html").read_text(encoding="utf-8")
    for quiz in project.quizzes.values():
        assert f'data-quiz-listing="{quiz.id}"' in html
        count = len(quiz.questions) if isinstance(quiz, models.Quiz) else len(quiz.items)
        assert re.search(rf'data-quiz-listing="{quiz.id}".*?{count} (questions|statements) · about \d+ min', html, re.S)


def test_no_page_requests_a_third_party_host(site: Path) -> None:
    pattern = re.compile(r'(?:src|href)="(https?://[^"]+)"')
    for page in site.rglob("*.html"):
        for url in pattern.findall(page.read_text(encoding="utf-8")):
            # Links a reader may follow are fine; nothing may be loaded from elsewhere.
            assert not url.endswith((".js", ".css", ".woff2", ".woff", ".png", ".svg")), (page, url)
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in (site / "index.html").read_text(encoding="utf-8")


def test_nothing_is_written_into_the_source_tree(real_build: tuple[Path, dict]) -> None:
    # Generated pages live in memory: the build adds no file to, and changes none in, the sources
    # (the build's record compares every source file's hash before and after it ran).
    assert real_build[1]["changed"] == []
