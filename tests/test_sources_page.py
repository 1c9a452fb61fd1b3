"""The Sources page and the page of disagreements, read in Chromium as a reader meets them."""

from __future__ import annotations

import pytest

from build_tools import catalog, urls
from build_tools.project import Project

pytestmark = pytest.mark.browser

SITE = urls.Urls(directory_urls=False)


@pytest.fixture
def sources(page, real_site_url: str):
    page.goto(real_site_url + SITE.url(urls.SOURCES))
    return page


def test_sources_page_shows_no_file_names(sources, project: Project) -> None:
    text = sources.locator("article").inner_text()
    for source in project.sources:
        assert source.document not in text, source.id
    assert ".txt" not in text


def test_each_point_is_numbered_once(sources, project: Project) -> None:
    # The section label carries the article's own number ("1. Làm việc…"); the list adds none of its own.
    markers = sources.eval_on_selector_all(".cc-points", "els => els.map(e => getComputedStyle(e).listStyleType)")
    assert len(markers) == len(project.sources)
    assert not {"decimal", "decimal-leading-zero"} & set(markers)
    first, point = project.sources[0], project.sources[0].points[0]
    shown = sources.locator(f"#{first.id}--{point.id}").inner_text()
    assert shown.startswith(point.section) and shown.count(point.section) == 1


def test_contents_list_leads_to_each_article(sources, project: Project) -> None:
    contents = sources.get_by_role("navigation", name=catalog.t("sources.contents"))
    links = contents.get_by_role("link")
    assert links.all_inner_texts() == [source.title_en for source in project.sources]
    last = project.sources[-1]
    contents.get_by_role("link", name=last.title_en).click()
    heading = sources.locator(f"#{last.id}-title")
    assert sources.url.endswith(f"#{last.id}")
    assert heading.inner_text() == last.title_en
    # In view below the fixed header, not hidden behind it.
    header_bottom = sources.locator(".md-header").bounding_box()["height"]
    top = heading.bounding_box()["y"]
    assert header_bottom <= top < sources.viewport_size["height"] / 2


def test_a_guides_citation_lands_on_its_point(page, project: Project, real_site_url: str) -> None:
    guide = next(iter(project.guides.values()))
    page.goto(real_site_url + SITE.url(urls.guide_page(project.chapter_of_guide[guide.id], guide.id)))
    ref = guide.sources[0]
    source, point = project.point(ref)
    page.locator(f".cc-sources a[href$='#{ref.replace('/', '--')}']").click()
    target = page.locator(":target")
    assert target.get_attribute("id") == ref.replace("/", "--")
    assert point.summary in target.inner_text()
    assert target.is_visible()


def test_disagreements_name_each_entry_and_part_guides_and_citations(page, project: Project,
                                                                    real_site_url: str) -> None:
    page.goto(real_site_url + SITE.url(urls.DISAGREEMENTS))
    headings = page.locator("article section.cc-contested > h2").all_inner_texts()
    assert headings == [entry.title for entry, _guides in project.contested]
    assert not [heading for heading in headings if heading.endswith(("…", "..."))]
    for entry, guides in project.contested:
        box = f"section:has(> h2[id='{entry.id}'])"
        kind = page.locator(f"{box} .cc-contested__kind").inner_text()
        # "Discussed in A; B": guide titles may hold commas of their own, so a comma would not part them.
        listed = kind.split(catalog.t("disagreements.in_guides"), 1)[1].strip()
        assert listed.split("; ") == [guide.title for guide in guides], entry.id
        # Between two citations of a claim comes a separator, never nothing.
        between = page.eval_on_selector_all(
            f"{box} .cc-cite + .cc-cite",
            "els => els.map(e => e.previousSibling && e.previousSibling.nodeType === 3 ? e.previousSibling.data : '')")
        assert all(text == "; " for text in between), (entry.id, between)
