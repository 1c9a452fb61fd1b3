"""Once a page has loaded over http, the whole site keeps working offline."""

from __future__ import annotations

import pytest


@pytest.mark.browser
def test_pages_not_yet_visited_open_offline(context, real_site_url: str) -> None:
    page = context.new_page()
    page.goto(real_site_url + "index.html")
    # `ready` resolves once the worker is active, i.e. after it has cached every page.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    context.set_offline(True)
    page.goto(real_site_url + "keeping-boundaries/steer-a-call-back-to-business.html")
    assert "Steer a call back to business" in page.title()
    page.goto(real_site_url + "checklists/keep-a-call-on-business.html")
    assert page.locator("[data-checklist-id]").count() == 1
    context.set_offline(False)
