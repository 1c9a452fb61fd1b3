"""Layout shift: our scripts never move what a reader is looking at.

A PerformanceObserver, installed before any page script runs, records every layout shift over a
scripted visit (load, then use the page as a person would). A shift right after the reader's own
input (hadRecentInput) is expected, the browser's own rule for CLS; any other shift is a defect.
The verdict counts shifts, it never reads a clock.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from audit_site import open_state, page_states

from benchmarks.screenshots import seeded_storage, storage_script
from benchmarks.static_server import content_type

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


def shifts_by_page(context, visits: dict[str, object]) -> dict[str, list[dict]]:
    """Each visit (name → a function that opens a new page at its state) with the shifts it recorded, if any."""
    found = {}
    for name, visit in visits.items():
        page = context.new_page()
        visit(page)
        shifts = shifts_after(page)
        if shifts:
            found[name] = shifts
        page.close()
    return found


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


class _PausingInTables(BaseHTTPRequestHandler):
    """Serves a built site, pausing each page after the first row of its first tables, as a slow network does.

    The browser paints what it has during a pause; a table whose columns widen when later rows arrive
    then moves the rows already painted. The pause gives the browser time to paint; the verdict still
    only counts shifts (on a machine too busy to paint in time the test passes without proving much).
    Every table of a page takes the same styles, so a few pauses per page prove what all of them would.
    """

    PAUSE_SECONDS = 0.6
    PAUSED_TABLES = 3
    site: Path

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: test output is for failures."""

    def do_GET(self) -> None:
        """Serve a file, in pieces if it is a page with tables."""
        relative = self.path.split("?")[0].lstrip("/") or "index.html"
        target = self.site / relative
        if not target.is_file():
            self.send_error(404)
            return
        body = target.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", content_type(target))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        first_rows = re.finditer(rb"<tbody>\s*<tr>.*?</tr>", body, re.S) if target.suffix == ".html" else ()
        cuts = [row.end() for row in first_rows][:self.PAUSED_TABLES]
        start = 0
        for cut in cuts:
            self.wfile.write(body[start:cut])
            self.wfile.flush()
            time.sleep(self.PAUSE_SECONDS)
            start = cut
        self.wfile.write(body[start:])


def pages_with_tables(site: Path) -> list[str]:
    """The English pages that have a table, as paths inside the site.

    Another language's edition renders its pages from the same templates and styles, so its tables
    behave as the English ones do; its author pages are the English text itself.
    """
    editions = {index.parent.parent for index in site.glob("*/search/search_index.json")}
    return sorted(str(page.relative_to(site)) for page in site.rglob("*.html")
                  if not editions & set(page.parents) and b"<table" in page.read_bytes())


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_tables_do_not_move_while_the_page_is_still_arriving(browser, built_site: Path, viewport: str) -> None:
    handler = type("Handler", (_PausingInTables,), {"site": built_site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport=VIEWPORTS[viewport], service_workers="block")
    context.add_init_script(OBSERVE)
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        pages = pages_with_tables(built_site)
        assert pages, "no page of the site has a table: this test guards nothing"
        found = shifts_by_page(context, {path: lambda page, path=path: page.goto(base + path) for path in pages})
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert found == {}, f"tables moved while their page was loading ({viewport}): {found}"


def returning_storage(project) -> dict[str, str]:
    """The screenshots' returning reader, with an attempt at every knowledge quiz too, so the quiz page
    visited, whichever it is, shows a last result."""
    storage = seeded_storage(project)
    attempts = json.dumps([{"date": "2026-12-01T09:30:00.000Z", "score": 4, "max": 12, "percent": 33.3,
                            "passed": False}])
    storage.update({f"client-craft:quiz-history:{quiz.id}": attempts for quiz in project.quizzes.values()
                    if quiz.kind == "knowledge" and f"client-craft:quiz-history:{quiz.id}" not in storage})
    return storage


RETURNING = ("home", "chapter", "guide", "checklists", "quizzes", "quiz", "progress")


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_returning_readers_states_move_nothing(browser, site_url: str, project, viewport: str) -> None:
    states = {state.name: state for state in page_states() if state.action in ("load", "quiz-ready")}
    seed = storage_script(returning_storage(project))
    context = browser.new_context(viewport=VIEWPORTS[viewport], service_workers="block")
    context.add_init_script(seed + OBSERVE)
    try:
        found = shifts_by_page(context, {
            name: lambda page, name=name: open_state(page, site_url, states[name]) for name in RETURNING})
    finally:
        context.close()
    assert found == {}, f"layout shifts for a returning reader ({viewport}): {found}"
