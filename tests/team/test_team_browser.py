"""The team page in Chromium, the way a lead uses it: people take quizzes on the real site and download
their results; the lead loads the files, reads the tables, sorts, downloads the CSV, and comes back.

Hooks (data-*) the tests read: [data-team-input], [data-team-drop], [data-team-files] li[data-file]
[data-file-status], [data-team-summary], table[data-team-people] tr[data-person] td[data-quiz]
[data-best-percent][data-passed], th[aria-sort] button[data-sort-key], a[data-team-csv],
table[data-team-assessment] tr[data-dimension][data-n][data-mean][data-sd], table[data-team-items]
tr[data-question][data-facility][data-discrimination][data-flags], [data-team-not-enough],
[data-team-keep], [data-team-clear].
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from support import ROOT, describe_violations, open_file_chooser_by_keyboard, run_axe, tab_to

from benchmarks.synth_results import team_files
from build_tools import urls
from build_tools.catalog import RESULTS_READ_STRINGS, TEAM_SCRIPT_STRINGS, fill_in
from build_tools.project import Project
from build_tools.results.read import read_files
from build_tools.results.site_data import site_data
from build_tools.results.stats import analyse

sys.path.insert(0, str(ROOT / "tests" / "quiz"))  # the quiz tests' helpers answer a quiz as a person does
from quizkit import extreme_answers, fill, right_answers, scoring_key, wrong_answers

SITE = urls.Urls(directory_urls=False)
CHAPTER_QUIZ = "quiz-choosing-clients"
ASSESSMENT = "client-fit"


def open_page(browser: Browser, url: str) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True,
                                  service_workers="block")
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(url)
    return page


def submit(page: Page) -> None:
    """Submit, confirming once if questions were left blank."""
    page.locator("[data-quiz-submit]").click()
    if page.locator("[data-quiz-result]").is_hidden():
        page.locator("[data-quiz-submit]").click()
    expect(page.locator("[data-quiz-result]")).to_be_visible()


def download(page: Page, locator: str, folder: Path, name: str) -> Path:
    with page.expect_download() as info:
        page.locator(locator).click()
    target = folder / name
    info.value.save_as(target)
    return target


def take_quizzes(browser: Browser, base_url: str, project: Project, name: str, *, knows: bool, best: bool) -> Page:
    """A new hire with their own browser: their name on My progress, a chapter quiz and a self-assessment."""
    page = open_page(browser, base_url + SITE.url(urls.PROGRESS))
    page.locator("[data-progress-name]").fill(name)
    key = scoring_key(project, CHAPTER_QUIZ)
    page.goto(base_url + SITE.url(urls.quiz_page(CHAPTER_QUIZ)))
    fill(page, key, right_answers(key) if knows else wrong_answers(key))
    submit(page)
    key = scoring_key(project, ASSESSMENT)
    page.goto(base_url + SITE.url(urls.quiz_page(ASSESSMENT)))
    fill(page, key, extreme_answers(key, best=best))
    submit(page)
    return page




def team_page(browser: Browser, base_url: str) -> tuple[Page, list[str]]:
    """The team page in a fresh browser, and every address it asks for."""
    page = open_page(browser, "about:blank")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + SITE.url(urls.TEAM))
    expect(page.locator("[data-team-needs-js]")).to_have_count(0)
    page.errors = errors  # type: ignore[attr-defined]
    return page, requests


def test_a_lead_loads_three_peoples_downloads_and_sees_who_did_what(browser: Browser, real_site_url: str,
                                                                      project: Project, tmp_path: Path) -> None:
    base_url = real_site_url
    # Three people, each in their own browser, each downloading in another way.
    ana = take_quizzes(browser, base_url, project, "Ana Lima", knows=True, best=True)
    ana.goto(base_url + SITE.url(urls.PROGRESS))
    files = [download(ana, "[data-progress-export]", tmp_path, "ana.json")]
    bo = take_quizzes(browser, base_url, project, "Bo Chen", knows=False, best=False)
    files.append(download(bo, '[data-quiz-export="json"]', tmp_path, "bo-assessment.json"))  # that result only
    bo.goto(base_url + SITE.url(urls.PROGRESS))
    files.append(download(bo, "[data-progress-export]", tmp_path, "bo.json"))
    cy = take_quizzes(browser, base_url, project, "Cy Okafor", knows=True, best=False)
    checklist = next(iter(project.checklists.values()))
    cy.goto(base_url + SITE.url(urls.checklist_page(checklist.id)))
    cy.locator("[data-item-id]").first.check()
    files.append(download(cy, "[data-checklist-export]", tmp_path, "cy-ticks.json"))
    cy.goto(base_url + SITE.url(urls.PROGRESS))
    files.append(download(cy, "[data-progress-export]", tmp_path, "cy.json"))
    # One file cut short, one from an older version of the quiz.
    (tmp_path / "broken.json").write_text(files[0].read_text()[:200])
    stale = json.loads(files[1].read_text())
    stale["name"] = "Dee Stale"
    stale["attempts"][0]["version"] = "0123456789ab"
    (tmp_path / "stale.json").write_text(json.dumps(stale))
    files += [tmp_path / "broken.json", tmp_path / "stale.json"]
    for person in (ana, bo, cy):  # their browsers are done: the lead's has the machine to itself
        person.context.close()

    lead, requests = team_page(browser, base_url)
    # Keyboard only: the file picker opens from the focused input.
    tab_to(lead, lead.locator("[data-team-input]"))
    chooser = open_file_chooser_by_keyboard(lead, lead.locator("[data-team-input]"))
    chooser.set_files([str(file) for file in files])

    table = lead.locator("table[data-team-people]")
    expect(table.locator("tr[data-person]")).to_have_count(3)
    lines = lead.locator("[data-team-files] li")
    expect(lines).to_have_count(len(files))
    status = {name: lead.locator(f'[data-file="{name}"]') for name in
              ("ana.json", "bo-assessment.json", "bo.json", "cy-ticks.json", "cy.json", "broken.json", "stale.json")}
    for name in ("ana.json", "bo-assessment.json", "bo.json", "cy-ticks.json", "cy.json"):
        expect(status[name]).to_have_attribute("data-file-status", "counted")
    expect(status["broken.json"]).to_have_attribute("data-file-status", "skipped")
    expect(status["broken.json"]).to_contain_text(RESULTS_READ_STRINGS["not_json"])
    expect(status["stale.json"]).to_have_attribute("data-file-status", "skipped")
    expect(status["stale.json"]).to_contain_text("Not counted (stale version): 1 attempt(s)")
    expect(status["stale.json"]).to_contain_text(RESULTS_READ_STRINGS["nothing"])
    # Bo's two downloads hold the same attempt: counted once, and said so.
    expect(status["bo.json"]).to_contain_text(fill_in(RESULTS_READ_STRINGS["duplicate"], count=1))
    expect(lead.locator("[data-team-summary]")).to_contain_text(
        f"{len(files)} file(s) read: 3 people, 6 attempts counted, 2 file(s) skipped.")
    assert "Dee Stale" not in table.inner_text()

    # The people table: best result per quiz as the scorer gives it, the band of the self-assessment.
    cells = {name: table.locator(f'tr[data-person="{name}"] td[data-quiz="{CHAPTER_QUIZ}"]')
             for name in ("Ana Lima", "Bo Chen", "Cy Okafor")}
    expect(cells["Ana Lima"]).to_have_attribute("data-best-percent", "100")
    expect(cells["Ana Lima"]).to_have_attribute("data-passed", "true")
    expect(cells["Bo Chen"]).to_have_attribute("data-best-percent", "0")
    expect(cells["Bo Chen"]).to_have_attribute("data-passed", "false")
    expect(table.locator('tr[data-person="Cy Okafor"] td[data-checklists]')).to_have_attribute("data-checklists", "0")
    ana_assessed = table.locator(f'tr[data-person="Ana Lima"] td[data-quiz="{ASSESSMENT}"]')
    expect(ana_assessed).to_have_attribute("data-score", "100")
    dimensions = lead.locator(f'table[data-team-assessment="{ASSESSMENT}"] tr[data-dimension]')
    expect(dimensions.first).to_have_attribute("data-n", "3")
    # Three people are fewer than the minimum: the item analysis says so instead of showing figures.
    expect(lead.locator(f'[data-team-not-enough="{CHAPTER_QUIZ}"]')).to_be_visible()
    expect(lead.locator("table[data-team-items]")).to_have_count(0)

    # Sorting by keyboard: the chapter quiz's column, highest first, then lowest first.
    sort = lead.locator(f'button[data-sort-key="{CHAPTER_QUIZ}"]')
    tab_to(lead, sort)
    lead.keyboard.press("Enter")
    header = lead.locator(f'th:has(button[data-sort-key="{CHAPTER_QUIZ}"])')
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(lead.locator(f'button[data-sort-key="{CHAPTER_QUIZ}"]')).to_be_focused()
    order = table.locator("tr[data-person]").evaluate_all("rows => rows.map(row => row.dataset.person)")
    assert order[-1] == "Bo Chen" and order[0] in {"Ana Lima", "Cy Okafor"}
    lead.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert table.locator("tr[data-person]").first.get_attribute("data-person") == "Bo Chen"

    # The CSV: a row per person and quiz taken.
    with lead.expect_download() as info:
        lead.locator("[data-team-csv]").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"), newline="")))
    assert sorted((row["person"], row["quiz"]) for row in rows) == sorted(
        (person, quiz) for person in ("Ana Lima", "Bo Chen", "Cy Okafor") for quiz in (CHAPTER_QUIZ, ASSESSMENT))
    ana = next(row for row in rows if row["person"] == "Ana Lima" and row["quiz"] == CHAPTER_QUIZ)
    assert (ana["best_percent"], ana["passed"]) == ("100", "true")

    violations = run_axe(lead)
    assert violations == [], describe_violations(violations)
    outside = [url for url in requests if not url.startswith((base_url, "blob:", "data:", "about:"))]
    assert outside == [], f"requests beyond the site: {outside}"
    assert lead.errors == []  # type: ignore[attr-defined]


def test_figures_on_the_page_are_the_python_reports(browser: Browser, real_site_url: str, project: Project,
                                                     tmp_path: Path) -> None:
    site = site_data(project)
    files = team_files(site, 12, seed=4)
    for name, content in files:
        (tmp_path / name).write_bytes(content)
    expected = analyse(read_files(files, site), site)
    lead, _ = team_page(browser, real_site_url)
    # Dropped on the box rather than picked.
    handle = lead.evaluate_handle("""files => {
        const transfer = new DataTransfer();
        for (const [name, text] of files) transfer.items.add(new File([text], name, { type: "application/json" }));
        return transfer;
    }""", [[name, content.decode()] for name, content in files])
    lead.locator("[data-team-drop]").dispatch_event("drop", {"dataTransfer": handle})
    expect(lead.locator("table[data-team-people] tr[data-person]")).to_have_count(12)
    for quiz_id, figures in expected["knowledge"].items():
        rows = lead.locator(f'table[data-team-items="{quiz_id}"] tr[data-question]')
        expect(rows).to_have_count(len(figures["questions"]))
        shown = rows.evaluate_all("rows => rows.map(row => [row.dataset.question, row.dataset.facility, "
                                  "row.dataset.discrimination, row.dataset.flags])")
        assert shown == [[question["id"], repr(question["facility"]).removesuffix(".0"),
                          "" if question["discrimination"] is None else repr(question["discrimination"]),
                          " ".join(flag["flag"] for flag in question["flags"])] for question in figures["questions"]]
    for quiz_id, figures in expected["assessments"].items():
        means = lead.locator(f'table[data-team-assessment="{quiz_id}"] tr[data-dimension]').evaluate_all(
            "rows => rows.map(row => [row.dataset.dimension, Number(row.dataset.mean), Number(row.dataset.n)])")
        assert means[:-1] == [[row["id"], row["mean"], row["n"]] for row in figures["dimensions"]]
    violations = run_axe(lead)
    assert violations == [], describe_violations(violations)


def test_results_are_kept_only_when_the_lead_asks(browser: Browser, real_site_url: str, project: Project,
                                                   tmp_path: Path) -> None:
    site = site_data(project)
    paths = []
    for name, content in team_files(site, 2, seed=8):
        (tmp_path / name).write_bytes(content)
        paths.append(str(tmp_path / name))
    lead, _ = team_page(browser, real_site_url)
    lead.set_input_files("[data-team-input]", paths)
    expect(lead.locator("tr[data-person]")).to_have_count(2)
    lead.reload()
    expect(lead.locator("[data-team-files] li")).to_have_count(0)  # nothing kept by default
    expect(lead.locator("[data-team-results]")).to_be_hidden()
    assert lead.evaluate("Object.keys(localStorage).filter(key => key.startsWith('client-craft:team'))") == []

    lead.set_input_files("[data-team-input]", paths)
    lead.locator("[data-team-keep]").check()
    lead.reload()
    expect(lead.locator("tr[data-person]")).to_have_count(2)
    expect(lead.locator("[data-team-keep]")).to_be_checked()
    lead.locator("[data-team-clear]").click()
    expect(lead.locator("[data-team-results]")).to_be_hidden()
    expect(lead.locator("[data-team-input]")).to_be_focused()
    lead.reload()
    expect(lead.locator("[data-team-files] li")).to_have_count(0)


def test_a_browser_that_refuses_to_keep_the_files_says_so(browser: Browser, real_site_url: str, project: Project,
                                                          tmp_path: Path) -> None:
    ((name, content),) = team_files(site_data(project), 1, seed=3)
    (tmp_path / name).write_bytes(content)
    lead = open_page(browser, "about:blank")
    # Storage that is full for anything this big: every write of the team's files throws.
    lead.context.add_init_script("""{
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
            if (key === "client-craft:team") throw new DOMException("full", "QuotaExceededError");
            return setItem.call(this, key, value);
        };
    }""")
    lead.goto(real_site_url + SITE.url(urls.TEAM))
    lead.set_input_files("[data-team-input]", str(tmp_path / name))
    lead.locator("[data-team-keep]").check()
    expect(lead.locator("[data-team-summary]")).to_contain_text(TEAM_SCRIPT_STRINGS["not_kept"])
    expect(lead.locator("tr[data-person]")).to_have_count(1)  # the files stay for this visit
