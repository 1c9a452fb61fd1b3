"""No third-party request on any page type, and the site works from disk (file://) with search."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from audit_site import is_loopback, language_states, open_state, page_states, search

LANGUAGE_STATES = language_states()
STATES = page_states() + LANGUAGE_STATES


def block_other_hosts(context) -> None:
    """Stop any request to another host before it leaves (it is still seen by "request" listeners)."""
    context.route(lambda url: not is_loopback(url), lambda route: route.abort())


@pytest.mark.browser
def test_recorder_sees_requests_to_other_hosts(context, site_url: str) -> None:
    """The check itself: an image from another host is recorded (and blocked, so nothing leaves)."""
    outside: list[str] = []
    context.on("request", lambda request: None if is_loopback(request.url) else outside.append(request.url))
    block_other_hosts(context)
    page = context.new_page()
    page.goto(site_url + "index.html")
    # Waits for the request itself, however long a busy machine takes to send it.
    with page.expect_request("https://third-party.invalid/p.png"):
        page.evaluate("() => document.body.append(Object.assign(new Image(), {src: 'https://third-party.invalid/p.png'}))")
    assert outside == ["https://third-party.invalid/p.png"]


@pytest.mark.browser
def test_no_request_leaves_the_machine(context, site_url: str) -> None:
    """Every page type, in every state and every language, only ever asks 127.0.0.1 for anything."""
    outside: list[str] = []
    seen: list[str] = []
    current = {"state": ""}

    def record(request) -> None:
        seen.append(request.url)
        if not is_loopback(request.url):
            outside.append(f"{current['state']}: {request.resource_type} {request.url}")

    # On the context, so requests from workers and every page of the context count too.
    context.on("request", record)
    block_other_hosts(context)
    page = context.new_page()
    for state in STATES:
        current["state"] = state.name
        if state in LANGUAGE_STATES:
            # Answers are kept by quiz id in every language: start each language's quiz afresh.
            page.evaluate("() => localStorage.clear()")
        open_state(page, site_url, state)
        page.wait_for_load_state("networkidle")
    print(f"third-party: {len(seen)} requests over {len(STATES)} page states, {len(outside)} outside loopback")
    assert len(seen) > len(STATES), "no requests were recorded: is the listener attached?"
    assert not outside, "requests to other hosts:\n" + "\n".join(outside)


@pytest.mark.browser
def test_site_works_from_disk_with_search(context, built_site: Path) -> None:
    """Opened as files, with no server: pages load, styles apply and search finds a guide."""
    outside: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: None if is_loopback(request.url) else outside.append(request.url))
    block_other_hosts(context)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((built_site / "index.html").as_uri(), wait_until="load")
    # Material's stylesheet applied: the header is laid out as a bar, not unstyled text.
    assert page.locator("header.md-header").evaluate("e => getComputedStyle(e).position") in ("sticky", "fixed")
    search(page)
    results = page.locator(".md-search-result__item")
    first = results.first.locator("a").first.get_attribute("href") or ""
    assert results.count() >= 1
    # A result opens its page from disk.
    results.first.locator("a").first.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).scheme == "file" and urlsplit(page.url).path.endswith(".html"), (first, page.url)
    assert page.locator("article h1").count() == 1, f"{page.url} did not open a page"
    assert not outside, f"requests to other hosts from file://: {outside}"
    assert not errors, f"script errors from file://: {errors}"
