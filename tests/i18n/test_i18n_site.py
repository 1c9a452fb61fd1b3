"""The site in every language, as built from the real content: the same pages, each in its language.

Read from the one real build of the run (tests/conftest.py); the browser tests beside this file
click through it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import ROOT

from build_tools import urls
from build_tools.__main__ import main
from build_tools.i18n.editions import languages_of
from build_tools.i18n.marks import UNTRANSLATED_END, UNTRANSLATED_START
from build_tools.mkdocs_yml import our_plugin_options, read_config
from build_tools.project import Project

LANGUAGES = [language for language in languages_of(our_plugin_options(read_config(ROOT / "mkdocs.yml"))["languages"])]
CODES = [language.code for language in LANGUAGES]
SITE = urls.Urls(directory_urls=False)
ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">')


def english_pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")
                  if path.relative_to(site).parts[0] not in CODES)


def test_the_languages_are_the_sources_languages() -> None:
    assert CODES == ["vi", "id", "zh", "nb"]


def test_every_language_ships_complete(capsys: pytest.CaptureFixture[str]) -> None:
    # A language that ships is 100 % translated with 0 fuzzy, and its catalogs are free of mistakes.
    assert main(["check", "--root", str(ROOT), "--complete"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    for code in CODES:
        assert re.search(rf"Translations: {code}: \d+ translated, 0 fuzzy, 0 untranslated \(100 %\)", out), out


@pytest.mark.parametrize("code", CODES)
def test_each_language_has_every_page_in_its_language(real_site: Path, code: str) -> None:
    pages = english_pages(real_site)
    edition = real_site / code
    assert sorted(path.relative_to(edition).as_posix() for path in edition.rglob("*.html")) == pages
    for page in pages:
        html = (edition / page).read_text(encoding="utf-8")
        assert f'<html lang="{code}"' in html, page
        # Every page says it is a translation, and by whom.
        language = next(language for language in LANGUAGES if language.code == code)
        assert language.translated_by in html, page


SWITCHER = re.compile(r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+" class="md-select__link" '
                      r'data-language="[^"]+"( aria-current="true")?>')


@pytest.mark.parametrize("code", ["en", *CODES])
def test_the_switcher_leads_to_the_same_page_in_every_language(real_site: Path, code: str) -> None:
    edition = real_site if code == "en" else real_site / code
    for page in english_pages(real_site):
        html = (edition / page).read_text(encoding="utf-8")
        links = SWITCHER.findall(html)
        if page == "404.html":
            # Served for any missing address, its links start at the server's root: no page to keep.
            assert not links
            continue
        assert [lang for _href, lang, _current in links] == ["en", *CODES], page
        assert [lang for _href, lang, current in links if current] == [code], page
        for href, lang, _current in links:
            target = ((edition / page).parent / href).resolve()
            expected = real_site / page if lang == "en" else real_site / lang / page
            assert target == expected.resolve(), (page, lang, href)
        # hreflang alternates need full addresses: this build has no site_url (see the test below).
        assert not ALTERNATE.findall(html), page


def test_no_page_or_file_keeps_the_marks_of_untranslated_text(real_site: Path) -> None:
    for path in real_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".js", ".xml", ".gift", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert UNTRANSLATED_START not in text and UNTRANSLATED_END not in text, path


@pytest.mark.parametrize("code", CODES)
def test_search_finds_only_its_own_languages_pages(real_site: Path, project: Project, code: str) -> None:
    index = json.loads((real_site / code / "search" / "search_index.json").read_text(encoding="utf-8"))
    english = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    # The same pages, as addresses inside this language's folder; no page of another language.
    assert locations == {doc["location"].split("#")[0] for doc in english["docs"]}
    assert not [location for location in locations if location.split("/")[0] in {"..", *CODES}]
    guide = next(iter(project.guides.values()))
    english_titles = {doc["title"] for doc in english["docs"]}
    titles = {doc["title"] for doc in index["docs"]}
    assert guide.title in english_titles and guide.title not in titles


def test_chinese_search_is_segmented_into_words(real_site: Path) -> None:
    index = json.loads((real_site / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "\u200b客户\u200b" in text  # 客户 (client) indexed as one word
    assert "[\\s\\u200b" in index["config"]["separator"]


@pytest.mark.parametrize("code", CODES)
def test_checklist_pdfs_are_in_each_language_with_fonts_that_cover_it(real_site: Path, project: Project,
                                                                      code: str) -> None:
    checklist = next(iter(project.checklists.values()))
    for pdf in (urls.checklist_pdf(checklist.id), urls.BOOKLET_PDF):
        reader = PdfReader(real_site / code / pdf)
        text = reader.pages[0].extract_text()
        assert checklist.title not in text, (code, pdf)
        fonts = {str(font["/BaseFont"]) for page in reader.pages
                 for font in (page["/Resources"].get("/Font") or {}).values()
                 for font in [font.get_object()]}
        if code == "zh":
            assert any("CJK" in font for font in fonts), fonts
        assert reader.metadata.title and UNTRANSLATED_START not in reader.metadata.title


@pytest.mark.parametrize("code", CODES)
def test_the_sources_page_points_out_the_article_written_in_its_language(real_site: Path, project: Project,
                                                                       code: str) -> None:
    html = (real_site / code / SITE.url(urls.SOURCES)).read_text(encoding="utf-8")
    source_language = "no" if code == "nb" else code
    written_here = [source.id for source in project.sources if source.language == source_language]
    assert written_here
    marked = re.findall(r'<section class="cc-source" id="([^"]+)".*?</section>', html, re.S)
    flagged = [source_id for source_id in marked
               if "data-source-this-language" in html.split(f'id="{source_id}"', 1)[1].split("</section>", 1)[0]]
    assert flagged == written_here
    english = (real_site / SITE.url(urls.SOURCES)).read_text(encoding="utf-8")
    assert "data-source-this-language" not in english


def quiz_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" data-quiz-data>(.*?)</script>', html, re.S)
    assert match, "no quiz data on the page"
    return json.loads(match.group(1))


def test_quiz_versions_are_the_same_in_every_language(real_site: Path, project: Project) -> None:
    # Saved answers and results files are keyed by quiz id and version: switching language keeps them.
    for quiz in project.quizzes.values():
        page = SITE.url(urls.quiz_page(quiz.id))
        english = quiz_data((real_site / page).read_text(encoding="utf-8"))
        for code in CODES:
            translated = quiz_data((real_site / code / page).read_text(encoding="utf-8"))
            assert translated["version"] == english["version"], (quiz.id, code)
            assert translated["title"] != english["title"], (quiz.id, code)
