"""Layout shift: our scripts never move what a reader is looking at.

A PerformanceObserver, installed before any page script runs, records every layout shift over a
scripted visit (load, then use the page as a person would). A shift right after the reader's own
input (hadRecentInput) is expected, the browser's own rule for CLS; any other shift is a defect.
The verdict counts shifts, it never reads a clock.
"""

from __future__ import annotations

import pytest
from audit_site import open_state, page_states

OBSERVE = """
window.__ccShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__ccShifts.push({
      value: entry.value,
      sources: (entry.sources || []).map((source) => {
        const node = source.node && (source.node.nodeType === 1 ? source.node : source.node.parentElement);
        return node ? node.tagName.toLowerCase() + (node.className ? "." + String(node.className).trim()
          .split(/\\s+/).join(".") : "") : "(gone)";
      }),
    });
  }
}).observe({type: "layout-shift", buffered: true});
"""
# Loading and submitting each page type; checklists also get ticked. Printing moves nothing on screen,
# and search is Material's own widget, whose results arrive when its worker is done.
STATES = [s for s in page_states() if s.action not in ("print", "search")]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def shifts_after(page) -> list[dict]:
    """The shifts recorded so far, once the page has settled (two animation frames after idle)."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return page.evaluate("window.__ccShifts")


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("state", STATES, ids=[s.name for s in STATES])
def test_no_layout_shift_without_input(browser, site_url: str, state, viewport: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport], service_workers="block")
    context.add_init_script(OBSERVE)
    try:
        page = context.new_page()
        open_state(page, site_url, state)
        if state.name == "checklist":
            for box in page.locator("input[type=checkbox][data-item-id]").all()[:3]:
                box.check(force=True)
        shifts = shifts_after(page)
    finally:
        context.close()
    assert shifts == [], f"layout shifts on {state.name} ({state.path}, {viewport}): {shifts}"
