"""Smoke test of `make bench`: every benchmark code path at 1× with one repetition.

It checks the shape of what the benchmarks produce (valid synthetic content, the plain
twin, the tables of RESULTS.md), never the timings themselves.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT as REPO

from benchmarks import baseline, lighthouse, peers, perf, report, run, synth
from benchmarks.budgets import BudgetFileError, load_budgets
from benchmarks.pages import PAGE_TYPES
from build_tools.project import build_project
from build_tools.render import Renderer


def _table(text: str, heading: str) -> list[list[str]]:
    """Rows (without header and rule) of the first table after `heading`."""
    after = text.split(heading, 1)[1]
    lines = []
    for line in after.strip().splitlines():
        if not line.startswith("|"):
            if lines:
                break
            continue
        lines.append([cell.strip() for cell in line.strip("|").split("|")])
    assert len(lines) >= 3, f"no table rows after {heading!r}"
    return lines[2:]


def _number(cell: str) -> float:
    match = re.search(r"\d+(?:\.\d+)?", cell.replace(",", ""))
    assert match, f"no number in {cell!r}"
    return float(match.group())


def test_synthetic_copies_validate_with_suffixed_ids(tmp_path: Path) -> None:
    real = build_project(REPO)
    made = synth.make_project(tmp_path / "x2", 2)
    project = build_project(made.root)
    assert len(project.guides) == 2 * len(real.guides) == made.guides
    assert len(project.checklists) == 2 * len(real.checklists)
    assert len(project.quizzes) == 2 * len(real.quizzes)
    assert len(project.chapters) == len(real.chapters)  # shared: chapter order is limited to 1–99
    copy = next(g for g in project.guides.values() if g.id.endswith("-k2"))
    assert all(ref.split("/")[0].endswith("-k2") for ref in copy.sources)
    assert all(related.endswith("-k2") for related in copy.related)
    assert {s.id for s in project.sources} >= {f"{s.id}-k2" for s in real.sources}


def test_the_sources_of_a_large_copy_stay_within_a_content_files_limits() -> None:
    import yaml

    from build_tools.yamlfile import MAX_FILE_BYTES, MAX_VALUES

    text, fit = synth._sources(synth._read(REPO / "content" / "sources.yml"), 100)
    assert 1 <= fit < 100  # the cap holds, and at least the real sources are there
    assert len(text.encode()) <= MAX_FILE_BYTES
    assert sum(isinstance(event, yaml.ScalarEvent) for event in yaml.parse(text)) <= MAX_VALUES


def test_plain_twin_has_our_pages_without_our_plugin(tmp_path: Path) -> None:
    root = synth.copy_real_project(tmp_path / "x1")
    pages = baseline.write_plain_project(root, tmp_path / "plain")
    generated = Renderer(build_project(root), directory_urls=False).pages()
    assert pages == len(generated) + sum(1 for _ in (root / "pages").rglob("*.md"))
    config = baseline.load_config(tmp_path / "plain" / "mkdocs.yml")
    assert "client-craft" not in [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert {"search", "offline"} <= {p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]}
    assert config["nav"] and (tmp_path / "plain" / "docs" / "assets/client-craft/scoring.js").is_file()
    assert not list((tmp_path / "plain" / "docs").rglob("*.pdf"))  # like with like: ours_nopdf has none either


def test_results_keep_older_runs_newest_first(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    report.write_results(path, "| old row |", "## Run of old\n\nold tables")
    report.write_results(path, "| new row |", "## Run of new\n\nnew tables")
    text = path.read_text()
    assert text.count("# Benchmarks") == 1
    assert text.index("| new row |") < text.index("| old row |")
    assert text.index("## Run of new") < text.index("## Run of old")
    # Every explanation belongs to the header, written once above the runs, never carried along with them.
    for explanation in ("- **Build cost.**", "- **Lighthouse performance.**"):
        assert text.count(explanation) == 1
        assert text.index(explanation) < text.index(report.RUNS)
    # A header of an older layout (fewer columns) is replaced, never kept among the rows.
    older = text.replace(report.TREND_HEADER[0], "| Date (UTC) | Commit |").replace(report.TREND_HEADER[1], "|---|---|")
    path.write_text(older)
    report.write_results(path, "| newest row |", "## Run of newest\n\nnewest tables")
    rows = _table(path.read_text(), "<!-- trend:start -->")
    assert [row[0] for row in rows] == ["newest row", "new row", "old row"]


@pytest.mark.browser
def test_run_at_1x_writes_every_table(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    # In a process of its own: Playwright's sync API allows one driver per process, and the
    # browser tests of this test process may hold it.
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--scales", "1", "--build-scales", "1", "--runs", "1=1",
         "--reload-runs", "1", "--reload-without-pdf", "--answer-sets", "20", "--rounds", "1",
         "--lighthouse-runs", "1", "--lighthouse-pages", "quiz",
         "--output", str(output), "--work", str(tmp_path / "work")],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = output.read_text()
    assert "Machine: " in text and " cores " in text and "memory" in text

    trend = _table(text, "<!-- trend:start -->")
    assert len(trend) == 1 and len(trend[0]) == len(report.TREND_HEADER[0].strip("|").split("|"))

    (build,) = _table(text, "### Build cost")
    assert build[0] == "1×" and _number(build[1]) > 50  # every page of the real site
    assert _number(build[6]) > 0 and _number(build[7]) > 0  # both ratios

    assert [row[0] for row in _table(text, "### Our pipeline alone")] == ["1×"]
    assert [row[0] for row in _table(text, "### make check")] == ["1×"]
    english, edition = _table(text, "### Live reload")  # the English site, and the first other language's
    assert "CLIENT_CRAFT_LANGUAGE" not in english[1] and "CLIENT_CRAFT_LANGUAGE=" in edition[1]
    assert all(row[2] == "1" and _number(row[4]) > 0 for row in (english, edition))

    weights = _table(text, "### Bytes per page")
    assert [row[0] for row in weights] == [*run.PAGE_TYPES, "**Material baseline**"]
    quiz = weights[run.PAGE_TYPES.index("quiz")]
    assert "quiz.js" in quiz[5] and "scoring.js" in quiz[5]  # module imports are followed

    scoring = _table(text, "### Quiz scoring")
    assert [row[1] for row in scoring] == ["knowledge", "assessment"]
    assert all(_number(row[5]) > 0 for row in scoring)

    packages = _table(text, "### SCORM 1.2 packages")
    quiz_ids = sorted(build_project(REPO).quizzes)
    assert [row[0] for row in packages] == [f"`{quiz_id}-scorm12.zip`" for quiz_id in quiz_ids]
    assert all(0 < _number(row[3]) < _number(row[4]) and _number(row[5]) < 1 for row in packages)

    (team,) = _table(text, "### Team results in Chromium")
    assert team[2] == "500" and _number(team[4]) > 0 and _number(team[6]) > 0  # measured, with its ratio to 2 s

    speed = _table(text, "### Lighthouse performance")
    peer_rows = ["**Material baseline**", *(["**mkdocs-quiz**"] if peers.mkdocs_quiz_installed() else [])]
    assert [row[0] for row in speed] == ["quiz", *peer_rows]  # measured side by side
    assert all(0 <= _number(row[3]) <= 100 for row in speed)  # a figure is reported; never judged
    assert re.fullmatch(r"[+−]\d+", speed[0][4]) and all(row[4] == "–" for row in speed[1:])
    assert all(_number(row[12]) > 0 and _number(row[13]) > 0 and _number(row[14]) > 0 for row in speed)
    assert re.fullmatch(r"quiz [+−]\d+", trend[0][-2])  # the trend keeps our score minus the best peer's

    editions = _table(text, "### Every language beside the English site alone")
    assert [re.sub(r"\d+", "N", row[0].split(",")[0]) for row in editions] == [
        "English only", "all N languages", "English only", "all N languages"]
    assert _number(editions[0][3]) == 1.0 and [_number(row[4]) for row in editions[::2]] == [1.0, 1.0]
    assert all(_number(row[2]) > 0 for row in editions)
    cold, warm = (_number(row[3]) for row in editions[1::2])
    assert trend[0][-1].startswith(f"{warm:.2f} (cold {cold:.2f}, like for like warm ")
    if not peers.mkdocs_quiz_installed():
        assert "mkdocs-quiz is not installed" in text


def test_the_budgets_file_covers_every_page_type() -> None:
    budgets = load_budgets()
    assert set(budgets.pages) == set(PAGE_TYPES)
    assert budgets.quiz_runtime_gzip_bytes == 12288
    assert budgets.scorm_package_zip_kb == 40  # the budget for every package
    assert budgets.search_index_gzip_kb <= 60  # the page-speed issue's ceiling for today's content
    # Fewer elements per question than before (24 and 23 a question).
    assert budgets.elements_per_question < 24 and budgets.elements_per_statement < 23


@pytest.mark.parametrize(("text", "message"), [
    ("[quiz_runtime]\ngzip_bytes = 8192\n[page.home]\nhtml_kb = 1\n",
     "budgets.toml: [page.home]: unknown [], missing ['dom_elements', 'html_gzip_kb', 'our_css_gzip_kb', "
     "'our_css_kb', 'our_js_gzip_kb', 'our_js_kb', 'requests']"),
    ("[quiz_runtime]\ngzip_bytes = 8192\n[page.home]\n" + "".join(
        f"{name} = 1\n" for name in ("html_kb", "html_gzip_kb", "our_js_kb", "our_js_gzip_kb", "our_css_kb",
                                     "our_css_gzip_kb", "requests")) + "dom_elements = true\n",
     "budgets.toml: [page.home].dom_elements: expected a number, found True"),
    ("[page]\n", "budgets.toml: [quiz_runtime] needs `gzip_bytes = <whole number>`"),
    ("[quiz_runtime]\ngzip_bytes = 8192\n[scorm_package]\nzip_kb = \"40\"\n",
     "budgets.toml: [scorm_package] needs `zip_kb = <number>`"),
    ("[quiz_runtime]\ngzip_bytes = 8192\n[scorm_package]\nzip_kb = 40\n[search_index]\ngzip_kb = 60\n",
     "budgets.toml: [quiz_page] needs `elements_per_question = <number>`"),
])
def test_a_broken_budgets_file_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "budgets.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BudgetFileError) as caught:
        load_budgets(path)
    assert str(caught.value) == message


def test_the_lighthouse_table_reports_medians() -> None:
    run_of = lighthouse.Run({"performance": 0.9, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0},
                            {"FCP": 1500.0, "LCP": 2100.0, "TBT": 80.0, "CLS": 0.0, "SI": 1600.0, "TTI": 2200.0},
                            {}, 1800.0)
    slower = lighthouse.Run({**run_of.scores, "performance": 0.7}, {**run_of.metrics, "FCP": 2500.0}, {}, 1600.0)
    values = lighthouse.medians([run_of, slower, run_of])
    assert values["performance"] == 0.9 and values["FCP"] == 1500.0 and values["benchmarkIndex"] == 1800.0
    peer = {"page": "one paragraph", "runs": 3, "peer": True, **lighthouse.medians([slower, slower, run_of])}
    rows = perf.table({"quiz": {"page": "quizzes/a.html", "runs": 3, **values}, "**peer**": peer}).splitlines()
    assert rows[-2].startswith("| quiz | `quizzes/a.html` | 3 | **90** | +20 | 100 | 100 | 100 | 1.50 s | 2.10 s | "
                               "80 ms |")
    assert rows[-1].startswith("| **peer** | `one paragraph` | 3 | **70** | – |")
    assert perf.versus_peers({"quiz": values, "**peer**": peer}) == {"quiz": 20}


def test_the_mkdocs_quiz_peer_holds_every_question_it_can_express() -> None:
    quiz = build_project(REPO).quizzes["onboarding-final"]
    text, count = peers.quiz_markdown(quiz)
    expressible = [q for q in quiz.questions if q.type != "ordering"]
    assert count == len(expressible) == text.count("<quiz>") == text.count("</quiz>")
    blocks = re.findall(r"<quiz>\n(.*?)</quiz>", text, re.S)
    for question, block in zip(expressible, blocks, strict=True):
        lines = block.splitlines()
        assert lines[0] == " ".join(question.prompt.split())
        answers = [line for line in lines if line.startswith("- [")]
        if question.type == "true_false":
            right, wrong = ("x", " ") if question.answer else (" ", "x")
            assert answers == [f"- [{right}] True", f"- [{wrong}] False"]
        else:
            assert [line.startswith("- [x]") for line in answers] == [option.correct for option in question.options]
        assert lines[-1] == " ".join(question.explanation.split())
