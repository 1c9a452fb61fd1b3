"""A guide printed from the browser (A4): no site chrome, boxes kept whole, headings kept with their text."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from build_tools import urls
from build_tools.project import Project

pytestmark = pytest.mark.browser

# A guide of average length with one contested box: on screen it is about two screens long.
GUIDE = "steer-a-call-back-to-business"
# What must never reach paper: Material's chrome, the buttons, and the links to the next step.
CHROME = [".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-search", ".md-top", "button",
          ".md-button"]
# What stays with the text after it: section headings, box headings and the labels inside a box.
KEPT_WITH_NEXT = "article :is(h1, h2, h3), .cc-phrases dt, .cc-contested dt"


def guide_url(project: Project, base: str, guide_id: str) -> str:
    return base + urls.Urls(directory_urls=False).url(urls.guide_page(project.chapter_of_guide[guide_id], guide_id))


def flat(text: str) -> str:
    """Text with every run of whitespace (line ends of the PDF included) as one space."""
    return re.sub(r"\s+", " ", text).strip()


def printed_pages(page) -> list[str]:
    """The text of each page the current page prints to on A4, as Chromium prints it."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [flat(sheet.extract_text()) for sheet in reader.pages]


def computed(page, selector: str, prop: str) -> list[str]:
    """The computed value of the CSS property `prop` (in camelCase) of every element `selector` matches."""
    return page.eval_on_selector_all(selector, "(els, prop) => els.map(e => getComputedStyle(e)[prop])", prop)


def last_words(text: str, count: int = 6) -> str:
    return " ".join(flat(text).split()[-count:])


def test_a_guide_prints_on_two_pages_every_time(page, project: Project, real_site_url: str) -> None:
    page.goto(guide_url(project, real_site_url, GUIDE))
    first, second = printed_pages(page), printed_pages(page)
    assert len(first) <= 2, f"{GUIDE} prints on {len(first)} A4 pages"
    assert len(second) == len(first)
    text = " ".join(first)
    assert project.guides[GUIDE].title in text
    for word in ("Search", "Previous", "Next"):  # the header's search, the footer's page links
        assert word not in text, word


def test_no_guide_splits_a_box_or_ends_a_page_on_a_heading(page, project: Project, real_site_url: str) -> None:
    problems = []
    for guide_id in project.guides:
        page.goto(guide_url(project, real_site_url, guide_id))
        boxes = page.eval_on_selector_all(
            "aside.cc-contested", "els => els.map(e => [e.querySelector('h3').innerText, e.innerText])")
        # A heading without text would match the end of every page.
        headings = [flat(text) for text in page.eval_on_selector_all(KEPT_WITH_NEXT, "els => els.map(e => e.innerText)")
                    if text.strip()]
        sheets = printed_pages(page)
        for title, text in boxes:
            starts = next((i for i, sheet in enumerate(sheets) if flat(title) in sheet), None)
            if starts is None:
                problems.append(f"{guide_id}: the box {title!r} is not printed")
            elif last_words(text) not in sheets[starts]:
                problems.append(f"{guide_id}: the box {title!r} runs on past page {starts + 1}")
        for number, sheet in enumerate(sheets[:-1], start=1):
            alone = [heading for heading in headings if sheet.endswith(heading)]
            if alone:
                problems.append(f"{guide_id}: page {number} ends on the heading {alone[0]!r}")
    assert not problems, "\n".join(problems)


def test_print_styles_keep_boxes_whole_and_headings_with_their_text(page, project: Project,
                                                                    real_site_url: str) -> None:
    page.goto(guide_url(project, real_site_url, GUIDE))
    page.emulate_media(media="print")
    assert page.locator("aside.cc-contested").count() >= 1
    assert set(computed(page, "aside.cc-contested", "breakInside")) == {"avoid"}
    assert set(computed(page, KEPT_WITH_NEXT, "breakAfter")) == {"avoid"}
    for selector in CHROME:
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    # Body text at a book's size: 10.5 pt is 14 CSS pixels.
    size = page.eval_on_selector("article", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert 12 <= size <= 16, f"body text prints at {size} px"
