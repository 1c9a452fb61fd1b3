"""Checklist pages in Chromium: ticking, saved state, Reset and Undo, keyboard use, printing, the index."""

from __future__ import annotations

import io
import json
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from build_tools import catalog, models, urls
from build_tools.path import onboarding_path
from build_tools.project import Project

pytestmark = pytest.mark.browser

STORAGE_PREFIX = "client-craft:checklist:"
NOT_SAVED = catalog.script_strings()["not_saved"]
# The buttons that need the script: print as shown, print a blank copy, and Reset.
SCRIPT_BUTTONS = ("data-checklist-print", "data-checklist-print-blank", "data-checklist-reset")
TICK = '"✓"'  # the computed `content` of a printed box that holds a tick
BLANK = '""'
# What must never reach paper: Material's chrome and every button.
CHROME = [".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-search", ".md-top", "button",
          "[data-checklist-toolbar]", ".cc-item__guide"]


def items_of(checklist: models.Checklist) -> list[models.ChecklistItem]:
    return [item for section in checklist.sections for item in section.items]


@pytest.fixture(scope="module")
def checklist(project: Project) -> models.Checklist:
    """A checklist with hints, so aria-describedby is exercised too."""
    return next(c for c in project.checklists.values() if any(i.hint for i in items_of(c)))


@pytest.fixture
def url(base_url: str, checklist: models.Checklist) -> str:
    return base_url + urls.Urls(directory_urls=False).url(urls.checklist_page(checklist.id))


def progress(done: int, total: int) -> str:
    return catalog.t("checklist.progress", done=done, total=total)


def box(page, item_id: str):
    return page.locator(f'[data-checklist-id] input[type="checkbox"][data-item-id="{item_id}"]')


def two_tabs(context, url: str, *, deaf_second: bool = False) -> tuple:
    """The checklist open in two tabs of one browser; `deaf_second` keeps the second from hearing the first."""
    first, second = context.new_page(), context.new_page()
    if deaf_second:
        second.add_init_script(DEAF)
    for tab in (first, second):
        tab.goto(url)
    return first, second


def saved(page, checklist_id: str) -> object:
    raw = page.evaluate("key => localStorage.getItem(key)", STORAGE_PREFIX + checklist_id)
    return None if raw is None else json.loads(raw)


def ticked_ids(page) -> list[str]:
    return page.eval_on_selector_all("[data-item-id]", "els => els.filter(e => e.checked).map(e => e.dataset.itemId)")


def test_every_checkbox_is_named_by_its_item_and_described_by_its_hint(page, url, checklist) -> None:
    page.goto(url)
    root = page.locator(f'[data-checklist-id="{checklist.id}"]')
    assert root.count() == 1
    assert catalog.t("checklist.when") in page.locator(".cc-when").inner_text()
    assert checklist.when_to_use in page.locator(".cc-when").inner_text()
    for item in items_of(checklist):
        named = page.get_by_role("checkbox", name=item.text, exact=True)
        assert named.count() == 1, item.id
        assert named.get_attribute("data-item-id") == item.id
        if item.hint:
            hint_id = named.get_attribute("aria-describedby")
            assert page.locator(f"#{hint_id}").inner_text() == item.hint
    status = page.get_by_role("status")
    assert status.inner_text() == progress(0, len(items_of(checklist)))
    for hook in SCRIPT_BUTTONS:
        assert page.locator(f"[{hook}]").is_visible(), hook
    assert not page.locator("[data-checklist-undo]").is_visible()  # nothing to undo yet


def test_ticks_survive_a_reload(page, url, checklist) -> None:
    items = items_of(checklist)
    page.goto(url)
    box(page, items[0].id).check()
    box(page, items[3].id).check()
    assert page.get_by_role("status").inner_text() == progress(2, len(items))
    assert saved(page, checklist.id) == {"v": 1, "ticked": [items[0].id, items[3].id]}
    page.reload()
    assert ticked_ids(page) == [items[0].id, items[3].id]
    assert page.get_by_role("status").inner_text() == progress(2, len(items))
    box(page, items[0].id).uncheck()
    page.reload()
    assert ticked_ids(page) == [items[3].id]


def test_reset_clears_ticks_and_saved_state(page, url, checklist) -> None:
    items = items_of(checklist)
    page.goto(url)
    for item in items[:3]:
        box(page, item.id).check()
    page.locator("[data-checklist-reset]").click()
    assert ticked_ids(page) == []
    status = page.get_by_role("status").inner_text()
    assert catalog.t("checklist.reset_done") in status and progress(0, len(items)) in status
    assert saved(page, checklist.id) is None
    page.reload()
    assert ticked_ids(page) == []


def focused_hook(page) -> str:
    """The data-checklist-* hook of the focused element, or its tag name if it has none."""
    return page.evaluate("(() => { const e = document.activeElement;"
                         " return e.getAttributeNames().find(n => n.startsWith('data-checklist-')) ?? e.tagName; })()")


def test_undo_after_reset_puts_the_ticks_back_by_keyboard(page, url, checklist) -> None:
    items = items_of(checklist)
    page.goto(url)
    for item in (items[4], items[0], items[2]):
        box(page, item.id).check()
    before = saved(page, checklist.id)
    reset, undo = page.locator("[data-checklist-reset]"), page.locator("[data-checklist-undo]")
    reset.focus()
    page.keyboard.press("Enter")
    assert ticked_ids(page) == [] and saved(page, checklist.id) is None
    # Said in the status line, and Undo takes the focus: one more key press takes the reset back.
    expect(page.get_by_role("status")).to_have_text(f"{catalog.t('checklist.reset_done')} {progress(0, len(items))}")
    expect(undo).to_be_visible()
    expect(undo).to_be_focused()
    assert undo.get_attribute("type") == "button"
    assert page.get_by_role("button", name=catalog.t("checklist.undo"), exact=True).count() == 1
    page.keyboard.press("Enter")
    assert ticked_ids(page) == [items[0].id, items[2].id, items[4].id]
    assert sorted(saved(page, checklist.id)["ticked"]) == sorted(before["ticked"])
    expect(page.get_by_role("status")).to_have_text(f"{catalog.t('checklist.undo_done')} {progress(3, len(items))}")
    # Undo is gone, and the focus is back where the reader pressed Reset, not at the top of the page.
    expect(undo).to_be_hidden()
    assert focused_hook(page) == "data-checklist-reset"
    page.reload()
    assert ticked_ids(page) == [items[0].id, items[2].id, items[4].id]


def test_undo_lasts_until_the_next_tick_or_a_reload(page, url, checklist) -> None:
    items = items_of(checklist)
    undo = page.locator("[data-checklist-undo]")
    page.goto(url)
    page.locator("[data-checklist-reset]").click()
    assert not undo.is_visible()  # nothing was ticked, so there is nothing to put back
    box(page, items[0].id).check()
    box(page, items[1].id).check()
    page.locator("[data-checklist-reset]").click()
    expect(undo).to_be_visible()
    box(page, items[3].id).check()
    # The tick ends it: putting the old ticks back now would undo this tick too.
    expect(undo).to_be_hidden()
    assert ticked_ids(page) == [items[3].id]
    assert page.get_by_role("status").inner_text() == progress(1, len(items))
    page.locator("[data-checklist-reset]").click()
    expect(undo).to_be_visible()
    page.reload()
    expect(undo).to_be_hidden()
    assert ticked_ids(page) == [] and saved(page, checklist.id) is None


def test_a_tick_in_another_tab_ends_undo(context, url, checklist) -> None:
    items = items_of(checklist)
    first, second = two_tabs(context, url)
    box(first, items[0].id).check()
    first.locator("[data-checklist-reset]").click()
    expect(first.locator("[data-checklist-undo]")).to_be_focused()
    box(second, items[1].id).check()
    expect(first.locator("[data-checklist-undo]")).to_be_hidden()
    expect(box(first, items[1].id)).to_be_checked()
    assert focused_hook(first) == "data-checklist-reset"
    assert saved(first, checklist.id) == {"v": 1, "ticked": [items[1].id]}


def test_keyboard_only_ticking(page, url, checklist) -> None:
    items = items_of(checklist)
    page.goto(url)

    def tab_to(item_id: str) -> None:
        for _ in range(400):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement?.dataset?.itemId") == item_id:
                return
        raise AssertionError(f"Tab never reached the checkbox of {item_id}")

    tab_to(items[0].id)
    # A visible focus indicator on the focused checkbox.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.press("Space")
    tab_to(items[1].id)
    page.keyboard.press("Space")
    page.keyboard.press("Space")  # untick again
    tab_to(items[2].id)
    page.keyboard.press("Space")
    assert ticked_ids(page) == [items[0].id, items[2].id]
    assert page.get_by_role("status").inner_text() == progress(2, len(items))
    page.reload()
    assert ticked_ids(page) == [items[0].id, items[2].id]


@pytest.mark.parametrize("stored", [
    "{not json",
    '{"ticked":"x"}',
    "[1,2]",
    "null",
    '"a string"',
    "42",
    '{"v":2,"ticked":["x"]}',
    '{"v":1}',
    '{"v":1,"ticked":{"0":"a"}}',
])
def test_corrupt_saved_data_is_ignored_then_overwritten(page, url, checklist, stored) -> None:
    items = items_of(checklist)
    page.goto(url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_PREFIX + checklist.id, stored])
    page.reload()
    assert ticked_ids(page) == []
    assert page.get_by_role("status").inner_text() == progress(0, len(items))
    # Left alone until the next tick, which replaces it with valid state.
    assert page.evaluate("key => localStorage.getItem(key)", STORAGE_PREFIX + checklist.id) == stored
    box(page, items[1].id).check()
    assert saved(page, checklist.id) == {"v": 1, "ticked": [items[1].id]}


def test_wrong_item_values_are_skipped(page, url, checklist) -> None:
    items = items_of(checklist)
    page.goto(url)
    value = json.dumps({"v": 1, "ticked": [1, None, {"id": items[0].id}, items[2].id, items[2].id]})
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_PREFIX + checklist.id, value])
    page.reload()
    assert ticked_ids(page) == [items[2].id]


def test_ticks_of_removed_items_are_dropped(page, url, checklist) -> None:
    # As after a YAML edit: the saved state names an item the page no longer has.
    items = items_of(checklist)
    page.goto(url)
    stored = {"v": 1, "ticked": [items[0].id, "an-item-that-was-removed", items[4].id]}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [STORAGE_PREFIX + checklist.id, json.dumps(stored)])
    page.reload()
    assert ticked_ids(page) == [items[0].id, items[4].id]
    assert page.get_by_role("status").inner_text() == progress(2, len(items))
    assert saved(page, checklist.id) == {"v": 1, "ticked": [items[0].id, items[4].id]}


# Storage that refuses every write, as a full store does; and storage a privacy setting forbids.
FULL = ("Storage.prototype.setItem = function () {"
        " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };")
FORBIDDEN = "Object.defineProperty(window, 'localStorage', {get() { throw new Error('blocked'); }})"
# A tab that never hears of other tabs' writes: the race two tabs run when both tick at nearly the same time.
DEAF = "addEventListener('storage', (event) => event.stopImmediatePropagation(), true);"


@pytest.mark.parametrize("script", [FULL, FORBIDDEN], ids=["full", "forbidden"])
def test_refused_storage_is_said_once_and_ticking_still_works(browser, base_url, checklist, script) -> None:
    context = browser.new_context()
    context.add_init_script(script)
    page = context.new_page()
    errors: list[str] = []
    # Material's own scripts throw when storage is blocked; ours (checklist.js and the modules it
    # imports, beside it in assets/client-craft/) must not.
    ours = re.compile(r"client-craft/[\w-]+\.js")
    page.on("pageerror", lambda error: errors.append(error.stack) if ours.search(error.stack or "") else None)
    page.goto(base_url + urls.Urls(directory_urls=False).url(urls.checklist_page(checklist.id)))
    items = items_of(checklist)
    notice = page.locator("[data-checklist-notice]")
    assert not notice.is_visible()  # nothing is written on load, so nothing to say yet
    box(page, items[0].id).check()
    expect(notice).to_have_text(NOT_SAVED)
    expect(notice).to_have_attribute("role", "status")
    # Counts how often the notice is filled in from now on: never again, whatever is ticked.
    page.evaluate("""() => {
      const box = document.querySelector("[data-checklist-notice]");
      window.__fills = 0;
      new MutationObserver(() => window.__fills++).observe(box, {childList: true, characterData: true, subtree: true});
    }""")
    for item in items[1:4]:
        box(page, item.id).check()
    box(page, items[1].id).uncheck()
    page.locator("[data-checklist-reset]").click()
    box(page, items[2].id).check()
    assert ticked_ids(page) == [items[2].id]
    assert page.locator("[data-checklist-progress]").inner_text() == progress(1, len(items))
    expect(page.get_by_text(NOT_SAVED)).to_have_count(1)
    assert page.evaluate("window.__fills") == 0
    assert errors == []
    context.close()


def test_a_tick_in_another_tab_shows_here(context, url, checklist) -> None:
    items = items_of(checklist)
    first, second = two_tabs(context, url)
    box(first, items[0].id).check()
    expect(box(second, items[0].id)).to_be_checked()
    expect(second.locator("[data-checklist-progress]")).to_have_text(progress(1, len(items)))
    box(second, items[0].id).uncheck()
    expect(box(first, items[0].id)).not_to_be_checked()


def test_ticks_in_two_tabs_at_nearly_the_same_time_are_all_kept(context, url, checklist) -> None:
    # The second tab has not heard of the first one's tick when it ticks: its tick goes onto what
    # is saved, not onto its own older view.
    items = items_of(checklist)
    first, second = two_tabs(context, url, deaf_second=True)
    box(first, items[0].id).check()
    box(first, items[1].id).check()
    assert ticked_ids(second) == []  # it heard nothing
    box(second, items[2].id).check()
    assert saved(second, checklist.id) == {"v": 1, "ticked": [items[0].id, items[1].id, items[2].id]}
    expect(box(first, items[2].id)).to_be_checked()
    second.reload()
    assert ticked_ids(second) == [items[0].id, items[1].id, items[2].id]


def marks(page, checklist: models.Checklist) -> list[str]:
    """The mark each box of the checklist shows, in item order (in print media: the printed box)."""
    return [page.evaluate("id => getComputedStyle(document.querySelector(`label[for$=\"--${id}\"]`), "
                          "'::before').content", item.id) for item in items_of(checklist)]


def printed_ticks(page) -> int:
    """How many ticks the page prints, read from the PDF Chromium prints it to."""
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return sum(p.extract_text().count("✓") for p in reader.pages)


def test_printing_shows_the_ticks_unless_a_blank_copy_is_asked_for(page, url, checklist) -> None:
    items = items_of(checklist)
    # The dialog cannot be driven headless: each button's print is then checked as it would go out.
    page.add_init_script("window.print = () => { window.__prints = (window.__prints ?? 0) + 1; };")
    page.goto(url)
    box(page, items[1].id).check()
    box(page, items[3].id).check()
    shown = [TICK if item.id in (items[1].id, items[3].id) else BLANK for item in items]

    # The browser's own Print (Ctrl+P), no button pressed: what is on screen, ticks included.
    page.emulate_media(media="print")
    assert marks(page, checklist) == shown
    assert printed_ticks(page) == 2

    # "Print a blank copy": no tick at all, while the screen keeps them.
    page.emulate_media(media="screen")
    page.locator("[data-checklist-print-blank]").click()
    page.emulate_media(media="print")
    assert marks(page, checklist) == [BLANK] * len(items)
    assert printed_ticks(page) == 0
    assert ticked_ids(page) == [items[1].id, items[3].id]

    # After that print, printing shows the ticks again; and so does our Print button.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert marks(page, checklist) == shown
    page.emulate_media(media="screen")
    page.locator("[data-checklist-print]").click()
    page.emulate_media(media="print")
    assert marks(page, checklist) == shown
    assert page.evaluate("window.__prints") == 2


def test_print_view_has_no_site_chrome(page, url, checklist, tmp_path) -> None:
    items = items_of(checklist)
    page.goto(url)
    box(page, items[0].id).check()
    page.emulate_media(media="print")
    page.screenshot(path=str(tmp_path / "print.png"), full_page=True)
    for selector in CHROME:
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    assert page.locator("h1").is_visible()
    assert page.locator(".cc-when").is_visible()
    assert page.locator(".cc-print-fields").is_visible()
    assert page.locator(".cc-print-url").is_visible()
    assert page.locator("[data-checklist-url]").inner_text() == url  # the real address, filled in by the script
    for item in items:
        assert page.locator(f'label[for="{checklist.id}--{item.id}"]').is_visible()

    # Each box is drawn: the ticked one with its tick, the others empty.
    assert marks(page, checklist)[:2] == [TICK, BLANK]


def test_print_view_is_black_on_white_in_dark_mode(browser, url) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(url)
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate("[getComputedStyle(document.body).backgroundColor,"
                            " getComputedStyle(document.querySelector('.cc-item label')).color]")
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_page_fits_the_paper_and_keeps_items_whole(page, url, checklist, paper) -> None:
    page.goto(url)
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]
    assert len(pages) <= 2
    text = " ".join(pages)
    for word in ("Search", "Previous", "Next", catalog.t("checklist.reset"), catalog.t("checklist.pdf")):
        assert word not in text, word
    for item in items_of(checklist):
        # Whole on exactly one page: no item splits across a page break or goes missing.
        assert sum(item.text in p for p in pages) == 1, item.text


def test_js_off_keeps_printing_and_hides_script_buttons(browser, url, checklist) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    for hook in SCRIPT_BUTTONS:
        assert not page.locator(f"[{hook}]").is_visible(), hook
    pdf_link = page.get_by_role("link", name=catalog.t("checklist.pdf"))
    assert pdf_link.get_attribute("href") == f"pdf/{checklist.id}.pdf"
    # The browser's own Print still prints the boxes as ticked on screen, and no address: without a
    # site_url the page knows only its site-relative path, which leads nowhere from paper.
    box(page, items_of(checklist)[0].id).check()
    page.emulate_media(media="print")
    assert marks(page, checklist)[:2] == [TICK, BLANK]
    assert not page.locator(".cc-print-url").is_visible()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    assert f"{checklist.id}.html" not in text and catalog.t("checklist.online") not in text
    context.close()


def test_index_links_every_pdf_and_the_booklet(page, base_url, project, checklist_site) -> None:
    page.goto(base_url + urls.Urls(directory_urls=False).url(urls.CHECKLISTS))
    hrefs = page.eval_on_selector_all("a[href$='.pdf']", "els => els.map(e => e.getAttribute('href'))")
    expected = {urls.checklist_pdf(c) for c in project.checklists} | {urls.BOOKLET_PDF}
    assert {f"checklists/{h}" for h in hrefs} == expected
    for path in expected:
        response = page.request.get(base_url + path)
        assert response.ok and response.headers["content-type"] == "application/pdf", path
        assert response.body().startswith(b"%PDF-")


def test_index_lists_the_checklists_by_stage_under_their_chapters(page, base_url, project) -> None:
    site = urls.Urls(directory_urls=False)
    page.goto(base_url + site.url(urls.CHECKLISTS))
    by_stage = onboarding_path(project).checklists_by_stage
    # In the order of the stages of an engagement, not of the alphabet.
    titles = page.locator(".cc-card__title").all_inner_texts()
    assert titles == [checklist.title for _chapter, checklist in by_stage]
    listed = page.eval_on_selector_all("[data-checklist-listing]", "cards => cards.map(card => ["
                                       "card.closest('[data-checklists-stage]').dataset.checklistsStage,"
                                       " card.dataset.checklistListing])")
    assert listed == [[chapter.id, checklist.id] for chapter, checklist in by_stage]
    for chapter_id in dict.fromkeys(chapter.id for chapter, _checklist in by_stage):
        chapter = project.chapter_by_id[chapter_id]
        name = catalog.t("checklists.stage", number=project.chapters.index(chapter) + 1, title=chapter.title)
        # A region named by its stage, whose heading links to the chapter page.
        region = page.get_by_role("region", name=name, exact=True)
        assert region.get_attribute("data-checklists-stage") == chapter_id
        link = region.get_by_role("heading", level=2).get_by_role("link", name=name, exact=True)
        assert link.evaluate("a => a.href") == base_url + site.url(urls.chapter_page(chapter_id))
    for _chapter, checklist in by_stage:
        card = page.locator(f'[data-checklist-listing="{checklist.id}"]')
        title = card.get_by_role("heading", level=3).get_by_role("link", name=checklist.title, exact=True)
        assert title.evaluate("a => a.href") == base_url + site.url(urls.checklist_page(checklist.id))
        expect(card).to_contain_text(checklist.when_to_use)
