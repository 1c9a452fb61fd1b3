"""Once a page has loaded over http, the whole site keeps working offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from build_tools import offline

pytestmark = pytest.mark.browser

NOT_SAVED = offline.NOT_SAVED_STRINGS
GUIDE = "keeping-boundaries/steer-a-call-back-to-business.html"


def install_copy(page, site_url: str) -> None:
    """Open the home page online and wait until the worker has cached the site."""
    page.goto(site_url + "index.html")
    # `ready` resolves once the worker is active, i.e. after it has cached every page.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")


def console_errors(page) -> list[str]:
    """A list that fills with every error the page logs to the console from now on."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


def test_pages_not_yet_visited_open_offline(context, real_site_url: str) -> None:
    page = context.new_page()
    install_copy(page, real_site_url)
    context.set_offline(True)
    page.goto(real_site_url + GUIDE)
    assert "Steer a call back to business" in page.title()
    page.goto(real_site_url + "checklists/keep-a-call-on-business.html")
    assert page.locator("[data-checklist-id]").count() == 1
    page.goto(real_site_url)  # the site's address itself: its index.html from the copy
    expect(page.locator(".md-header")).to_be_visible()
    context.set_offline(False)


def test_a_page_missing_from_the_copy_says_so_offline(context, page, real_site_url: str, tmp_path: Path) -> None:
    errors = console_errors(page)
    install_copy(page, real_site_url)
    # As for a page published after this device made its copy: the copy does not hold it.
    page.evaluate("""url => caches.keys().then(keys => Promise.all(
        keys.map(key => caches.open(key).then(cache => cache.delete(url)))))""", real_site_url + GUIDE)
    context.set_offline(True)
    page.goto(real_site_url + GUIDE)
    page.screenshot(path=str(tmp_path / "not-saved.png"))
    assert page.url == real_site_url + GUIDE  # the address asked for, not the home page's
    assert page.locator("h1").inner_text() == NOT_SAVED["heading"]
    assert NOT_SAVED["reason"] in page.locator("main").inner_text()
    # Styled: the site's typeface and a filled button, not the browser's bare defaults.
    assert "sans-serif" in page.evaluate("getComputedStyle(document.body).fontFamily")
    retry = page.get_by_role("link", name=NOT_SAVED["retry_label"])
    assert retry.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"

    page.get_by_role("link", name=NOT_SAVED["home_label"]).click()
    # The real home page, from the copy (waited for: the click only starts the navigation).
    expect(page).to_have_url(real_site_url + "index.html")
    expect(page.locator(".md-header")).to_be_visible()

    page.goto(real_site_url + GUIDE)
    context.set_offline(False)
    page.get_by_role("link", name=NOT_SAVED["retry_label"]).click()
    assert "Steer a call back to business" in page.title()
    assert errors == []


def test_an_address_the_site_lacks_gets_the_same_note_offline(context, page, real_site_url: str) -> None:
    errors = console_errors(page)
    install_copy(page, real_site_url)
    context.set_offline(True)
    page.goto(real_site_url + "delivering/no-such-guide.html")
    assert page.locator("h1").inner_text() == NOT_SAVED["heading"]
    assert errors == []
    # A file that is not a page fails like any request offline, rather than arriving as a page.
    outcome = page.evaluate("fetch('missing.js').then(r => r.headers.get('content-type'), () => 'network error')")
    assert outcome == "network error"
    context.set_offline(False)
