"""The CSV download: no cell can run as a formula in any spreadsheet, and Python's csv reads it as UTF-8.

A spreadsheet runs a cell that starts with = + - @ (some after spaces, quotes, tab or CR). Some
split lines on ";" or tab instead of ",", and some ignore quotes, so a cell can also begin after
any , ; tab or line break inside a value. The checks below read the file every one of those ways.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect
from quizkit import extreme_answers, fill, quiz_url, scoring_key

from build_tools import catalog, models
from build_tools.minify import minify_js
from build_tools.project import Project

ASSETS = Path(__file__).resolve().parents[2] / "build_tools" / "assets"
S = catalog.script_strings()
# Where a reader could start a cell, and what would make that cell a formula there.
SEPARATORS = re.compile(r"[,;\t\r\n]")
FORMULA = re.compile(r'[\s"]*[=+\-@]')
HOSTILE = [
    "=1+1", "+1", "-1", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "\t", "\r", '=HYPERLINK("https://example.com","x")',
    "=cmd|' /C calc'!A0", " =1+1", '"=1+1"', "=", "-", "@",
    "a;=1+1", ";=HYPERLINK(\"https://example.com\")", "a\t=1+1", "a,=1+1", "a\n=1+1", "a\r\n@x", "a\r+1",
    "a;;=1", "a;\t=1", "a; -1", 'a;"=1+1"', "a,\"=1\";\"-2\"", "\t\t=1",
    "plain text", "", 'say "hi"', "naïve – “quoted”, €", "a;b\tc", "x-1", "e-mail@example.com",
]
# The module that writes every CSV download (results.js), from source and as the build minifies it.
RUNNER = """import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const { csvText } = await import(pathToFileURL(process.argv[2]).href);
process.stdout.write(csvText(JSON.parse(readFileSync(0, "utf8"))));
"""


def without_marks(cell: str) -> str:
    """A cell with the ' the writer put in front of each would-be formula taken out again."""
    return re.sub(r"(^|[,;\t\r\n])'", r"\1", cell)


def assert_no_formula(text: str) -> list[list[str]]:
    """Every cell of `text`, read as RFC 4180 CSV and split again on every separator, starts as
    text; so does every piece of the raw file split the same way, as a reader that ignores quotes
    sees it. Returns the rows."""
    assert not text.startswith("\ufeff"), "no byte order mark: Python's csv reads plain UTF-8"
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for row in rows:
        for cell in row:
            for piece in [cell, *SEPARATORS.split(cell)]:
                assert not FORMULA.match(piece) and not piece.startswith(("\t", "\r")), (piece, cell)
    for piece in SEPARATORS.split(text):
        assert not FORMULA.match(piece), piece
    return rows


def csv_text_in_node(folder: Path, rows: list[list[Any]]) -> str:
    (folder / "runner.mjs").write_text(RUNNER, encoding="utf-8")
    result = subprocess.run(["node", str(folder / "runner.mjs"), str(folder / "results.js")],
                            input=json.dumps(rows).encode("utf-8"), capture_output=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return result.stdout.decode("utf-8")  # bytes: a text pipe would turn the CRs into newlines


@pytest.mark.parametrize("minified", [False, True], ids=["source", "minified"])
def test_csv_cells_never_start_a_formula(tmp_path: Path, minified: bool) -> None:
    modules = {name: (ASSETS / name).read_text(encoding="utf-8") for name in ("results.js", "storage.js")}
    for name, source in modules.items():
        (tmp_path / name).write_text(minify_js(source) if minified else source, encoding="utf-8")
    values: list[Any] = [*HOSTILE, 0, 4.5, 100, None]
    rows = [["id", "value", "score"], *[[f"row{n}", value, n] for n, value in enumerate(values)]]
    text = csv_text_in_node(tmp_path, rows)
    assert text.count("\r\n") >= len(rows)
    parsed = assert_no_formula(text)
    assert len(parsed) == len(rows) and all(len(row) == 3 for row in parsed)
    for (_, value, n), (_, cell, number) in zip(rows[1:], parsed[1:], strict=True):
        assert without_marks(cell) == ("" if value is None else str(value)), (value, cell)
        assert number == str(n)
        if value is not None and not re.search(r'(^|[,;\t\r\n])[\s"]*[=+\-@\t\r]', str(value)):
            assert cell == str(value), "a harmless value is written as it is"


def test_downloaded_csv_is_safe_with_hostile_titles(page: Page, base_url: str, project: Project) -> None:
    quiz = next(q for q in project.quizzes.values() if isinstance(q, models.Assessment))
    key = scoring_key(project, quiz.id)
    hostile_titles = ['Fit;=HYPERLINK("https://example.com","x")\t+1', "=1+1", "Tab\t=1+1", "Line\n@SUM(A1:A9)",
                      '"=1+1"', "-1", "Comma,=1+1", " +1"]
    titles = {dimension: hostile_titles[n % len(hostile_titles)] for n, dimension in enumerate(key["dimensions"])}

    # The page as served, with hostile dimension titles in its data (as YAML could hold them).
    def hostile(route: Route) -> None:
        response = route.fetch()
        html = response.text()
        found = re.search(r'(<script type="application/json" data-quiz-data>)(.*?)(</script>)', html, flags=re.S)
        data = json.loads(found.group(2))
        for dimension, title in titles.items():
            data["dimensions"][dimension]["title"] = title
        body = html[:found.start(2)] + json.dumps(data).replace("<", "\\u003c") + html[found.end(2):]
        route.fulfill(response=response, body=body)

    page.route(f"**/quizzes/{quiz.id}.html", hostile)
    page.goto(quiz_url(base_url, quiz.id))
    fill(page, key, extreme_answers(key, best=True))
    page.locator("[data-quiz-submit]").click()
    expect(page.locator("[data-quiz-result]")).to_be_visible()
    with page.expect_download() as info:
        page.locator("[data-quiz-result] a[download]", has_text=S["export_csv"]).click()
    data = Path(info.value.path()).read_bytes()
    rows = assert_no_formula(data.decode("utf-8"))
    # Every row names the quiz, the person (no name was entered) and when it was finished.
    assert rows[0] == ["quiz", "quiz_title", "name", "finished", "dimension", "title", "score", "max", "band"]
    assert {tuple(row[:3]) for row in rows[1:]} == {(quiz.id, quiz.title, "")}
    assert len({row[3] for row in rows[1:]}) == 1 and rows[1][3].startswith("20")
    assert {row[4]: without_marks(row[5]) for row in rows[1:-1]} == titles
    assert rows[-1][4] == "overall"
