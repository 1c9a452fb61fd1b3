"""The site in other languages, clicked through in Chromium: switching language keeps the page and what
the reader did on it; search finds words of its own language; English left in an edition is marked.

Hooks (data-*) the tests read: a.md-select__link[data-language] (the switcher), [data-untranslated-note],
[data-english-only-note], [data-source-this-language], and the quiz and checklist hooks of their own tests.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from playwright.sync_api import Page, expect
from support import ROOT, SiteServer, build_site

from build_tools import catalog, urls
from build_tools.i18n.catalogs import all_entries
from build_tools.project import Project

sys.path.insert(0, str(ROOT / "tests" / "quiz"))  # the quiz tests' helpers answer a quiz as a person does
from quizkit import fill, right_answers, scoring_key

pytestmark = pytest.mark.browser

SITE = urls.Urls(directory_urls=False)
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
SITE_URL = "https://playbook.example.org/client-craft/"


def switch_language(page: Page, code: str) -> None:
    """Open the header's language switcher and pick a language, as a reader does."""
    page.locator(".md-header__option .md-select > button").click()
    link = page.locator(f"a.md-select__link[data-language='{code}']")
    expect(link).to_be_visible()
    link.click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_switching_language_on_a_guide_keeps_the_guide(page: Page, real_site_url: str, project: Project) -> None:
    chapter = project.chapters[1]
    guide = project.guides[chapter.guides[0]]
    path = SITE.url(urls.guide_page(chapter.id, guide.id))
    page.goto(real_site_url + path)
    switch_language(page, "vi")
    assert page.url == real_site_url + "vi/" + path
    heading = page.locator("article h1").inner_text()
    assert heading and heading != guide.title
    switch_language(page, "zh")
    assert page.url == real_site_url + "zh/" + path
    switch_language(page, "en")
    assert page.url == real_site_url + path
    expect(page.locator("article h1")).to_have_text(guide.title)


def test_switching_language_on_a_checklist_keeps_the_ticks(page: Page, real_site_url: str, project: Project) -> None:
    checklist = next(iter(project.checklists.values()))
    items = [item for section in checklist.sections for item in section.items]
    page.goto(real_site_url + SITE.url(urls.checklist_page(checklist.id)))
    for item in (items[0], items[2]):
        page.locator(f'input[data-item-id="{item.id}"]').check()
    switch_language(page, "nb")
    # The ticks are kept by the checklist's id, so they are the same in every language.
    expect(page.locator("input[data-item-id]:checked")).to_have_count(2)
    ticked = page.locator("input[data-item-id]:checked").evaluate_all("boxes => boxes.map(b => b.dataset.itemId)")
    assert ticked == [items[0].id, items[2].id]
    progress = page.locator("[data-checklist-progress]").inner_text()
    assert "2" in progress and progress != catalog.t("checklist.progress", done=2, total=len(items))


def test_switching_language_mid_quiz_keeps_the_answers(page: Page, real_site_url: str, project: Project) -> None:
    quiz_id = "quiz-choosing-clients"
    key = scoring_key(project, quiz_id)
    choices = {q["id"] for q in key["questions"] if q["type"] != "ordering"}
    first_two = dict([(qid, given) for qid, given in right_answers(key).items() if qid in choices][:2])
    page.goto(real_site_url + SITE.url(urls.quiz_page(quiz_id)))
    fill(page, key, first_two)
    switch_language(page, "id")
    for question_id, values in first_two.items():
        for value in values if isinstance(values, list) else [values]:
            expect(page.locator(f'input[name="{question_id}"][value="{value}"]')).to_be_checked()
    # The quiz goes on in Indonesian and scores the answers given in English.
    fill(page, key, {qid: given for qid, given in right_answers(key).items() if qid not in first_two})
    page.locator("[data-quiz-submit]").click()
    result = page.locator("[data-quiz-result]")
    expect(result).to_be_visible()
    expect(result).to_have_attribute("data-passed", "true")


def search(page: Page, word: str) -> list[str]:
    """Type into Material's search and return the addresses of the results."""
    page.locator("input.md-search__input").click()
    page.keyboard.type(word)
    # Chinese is typed through an input method, which commits the word with a key press (Material's search
    # reads the field on key up); typed text without a key of its own gets one here, as from that press.
    page.keyboard.press("End")
    expect(page.locator(".md-search-result__link").first).to_be_visible()
    return page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")


def test_chinese_search_finds_a_guide_by_a_two_character_word(page: Page, real_site_url: str,
                                                             project: Project) -> None:
    page.goto(real_site_url + "zh/" + SITE.url(urls.HOME))
    found = search(page, "边界")  # "boundaries": the chapter on keeping them and its guides
    chapter = next(chapter for chapter in project.chapters if chapter.id == "keeping-boundaries")
    assert any(f"/zh/{chapter.id}/" in href for href in found), found
    assert all("/zh/" in href for href in found), found


def test_vietnamese_search_matches_words_with_their_diacritics(page: Page, real_site_url: str) -> None:
    page.goto(real_site_url + "vi/" + SITE.url(urls.HOME))
    found = search(page, "ranh giới")  # "boundaries"
    assert any("/vi/keeping-boundaries/" in href for href in found), found
    assert all("/vi/" in href for href in found), found
    # The words found are shown with their diacritics.
    shown = " ".join(page.locator(".md-search-result__article").all_inner_texts()).lower()
    assert "ranh giới" in shown


def test_author_pages_say_they_are_in_english(page: Page, real_site_url: str) -> None:
    page.goto(real_site_url + "nb/" + SITE.url(urls.AUTHORS))
    note = page.locator("[data-english-only-note]")
    expect(note).to_be_visible()
    assert page.locator("article [lang='en']").count() == 1


fuzzy_site_dir: dict[str, Path] = {}


@pytest.fixture(scope="module")
def fuzzy_site(tmp_path_factory: pytest.TempPathFactory) -> SiteServer:
    """The minimal project in Vietnamese with one text translated and the guide's title fuzzy."""
    root = tmp_path_factory.mktemp("fuzzy") / "project"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(ROOT / "theme", root / "theme")
    (root / "pages" / "authors").mkdir(parents=True)
    (root / "pages" / "authors" / "index.md").write_text("# For authors\n\nHow to write the YAML.\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace('site_url: !ENV [SITE_URL, ""]', f"site_url: {SITE_URL}")
    start = config.index("      languages:")
    (root / "mkdocs.yml").write_text(config[:start] + "      languages:\n        - code: vi\n"
                                     "          translated_by: người thử nghiệm\n"
                                     + config[config.index("\nvalidation:"):], encoding="utf-8")
    english = {entry.context: entry for entry in all_entries(root)}
    for domain in ("content", "quizzes", "interface"):
        po = Catalog(locale="vi")
        for context, entry in english.items():
            if context.startswith(f"{domain}/"):
                translation = {"content/guides/plan-the-work.yml:summary": "Viết một kế hoạch ngắn và chia sẻ "
                                                                             "với khách hàng.",
                               "content/guides/plan-the-work.yml:title": "Lên kế hoạch trước khi bắt đầu"}.get(context)
                flags = ["fuzzy"] if context.endswith("plan-the-work.yml:title") else []
                po.add(entry.english, translation or "", context=context, flags=flags)
        path = root / "locales" / "vi" / "LC_MESSAGES" / f"{domain}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, po)
    site = build_site(root / "mkdocs.yml", root.parent / "site", pdf=False)
    fuzzy_site_dir["site"] = site
    server = SiteServer(site)
    yield server
    server.close()


def test_a_fuzzy_entry_shows_the_english_marked_with_a_note(page: Page, fuzzy_site: SiteServer) -> None:
    page.goto(fuzzy_site.url + "vi/" + SITE.url(urls.guide_page("basics", "plan-the-work")))
    note = page.locator("[data-untranslated-note]")
    expect(note).to_be_visible()
    expect(note).to_have_attribute("role", "note")
    # The fuzzy title is shown in English, marked as English for screen readers; never blank.
    title = page.locator("article h1")
    expect(title).to_have_text("Plan the work before you start")
    assert title.locator("[lang='en']").count() == 1 or title.get_attribute("lang") == "en"
    # The translated summary is Vietnamese, without a mark.
    summary = page.get_by_text("Viết một kế hoạch ngắn và chia sẻ với khách hàng.")
    expect(summary).to_be_visible()
    assert summary.evaluate("e => e.closest('[lang]').getAttribute('lang')") == "vi"


def test_with_a_site_url_the_head_names_the_same_page_in_each_language(fuzzy_site: SiteServer) -> None:
    page = SITE.url(urls.guide_page("basics", "plan-the-work"))
    for edition, folder in (("en", ""), ("vi", "vi/")):
        html = (fuzzy_site_dir["site"] / folder / page).read_text(encoding="utf-8")
        alternates = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html)
        assert alternates == [(SITE_URL + page, "en"), (SITE_URL + page, "x-default"),
                              (SITE_URL + "vi/" + page, "vi")], edition


def test_every_alternate_has_the_sitemap_materials_bundle_asks_for(fuzzy_site: SiteServer) -> None:
    # Material's bundle fetches `sitemap.xml` beside each alternate; a missing one is a 404 and a console
    # error on every page of a hosted site.
    site = fuzzy_site_dir["site"]
    asked = 0
    for path in site.rglob("*.html"):
        for href, _language in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">',
                                          path.read_text(encoding="utf-8")):
            sitemap = urljoin(href, "sitemap.xml")
            assert sitemap.startswith(SITE_URL), sitemap
            local = site / sitemap.removeprefix(SITE_URL)
            assert local.is_file(), f"{path.relative_to(site)}: no {local.relative_to(site)} for {href}"
            assert f"<loc>{href}</loc>" in local.read_text(encoding="utf-8"), f"{local} does not list {href}"
            asked += 1
    assert asked > 0
