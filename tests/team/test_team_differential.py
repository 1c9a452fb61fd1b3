"""The team page's reader and statistics (team-read.js, team-stats.js) against their Python twins.

Sets of results files are generated from the real site: honest downloads of simulated people, then
damaged the ways files are in practice (cut short, an older version of a quiz, another site's quiz,
a score edited by hand, garbage answers, two files of one person, the same file twice, old formats).
Each set goes through both readers and both statistics; the JavaScript must give exactly what Python
gives, every line about every file and every figure, down to the last bit of each double.
"""

from __future__ import annotations

import base64
import copy
import json
import random
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from support import ROOT
from team_cases import cases

from benchmarks.synth_results import person_file
from build_tools.catalog import RESULTS_READ_STRINGS
from build_tools.minify import minify_js
from build_tools.project import build_project
from build_tools.results.read import read_files
from build_tools.results.site_data import site_data
from build_tools.results.stats import analyse
from build_tools.scoring import scoring_module_source

ASSETS = ROOT / "build_tools" / "assets"
RUNNER = ROOT / "tests" / "js" / "team_runner.mjs"
MODULES = ("team-read.js", "team-stats.js", "results.js", "storage.js", "strings.js")
SETS_PER_EXAMPLE = 8


@pytest.fixture(scope="module")
def site() -> dict:
    return site_data(build_project(ROOT))


@pytest.fixture(scope="module", params=[False, True], ids=["source", "minified"])
def modules(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The browser's modules in a folder, as written or as the build minifies them."""
    folder = tmp_path_factory.mktemp("team-minified" if request.param else "team-source")
    sources = {name: (ASSETS / name).read_text(encoding="utf-8") for name in MODULES}
    sources["scoring.js"] = scoring_module_source()
    for name, source in sources.items():
        (folder / name).write_text(minify_js(source) if request.param else source, encoding="utf-8")
    return folder


def in_node(folder: Path, site: dict, sets: list[list[tuple[str, bytes]]]) -> list[dict]:
    payload = {"site": site, "strings": RESULTS_READ_STRINGS,
               "sets": [[[name, base64.b64encode(content).decode()] for name, content in files] for files in sets]}
    result = subprocess.run(["node", str(RUNNER), str(folder)], input=json.dumps(payload).encode(),
                            capture_output=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return json.loads(result.stdout)


def in_python(site: dict, files: list[tuple[str, bytes]]) -> dict:
    # Through JSON, as the browser's figures come: tuples become lists, and nothing else may change.
    return json.loads(json.dumps(analyse(read_files(files, site), site)))


# ---- Damage done to honest files, each as real files get it

def _attempts(data: dict, rng: random.Random) -> list[dict]:
    return [attempt for attempt in data["attempts"] if rng.random() < 0.4] or data["attempts"][:1]


def garble_answers(data: dict, rng: random.Random) -> None:
    for attempt in _attempts(data, rng):
        for key in list(attempt["answers"])[:3]:
            attempt["answers"][key] = rng.choice([["zzz"], ["constructor", "zzz"], "1", "9", "na", "", [], ["a", "a"]])
        attempt["answers"]["constructor"] = ["x"]


def damage(data: dict, rng: random.Random, site: dict) -> None:
    """One kind of damage, picked by `rng`, done to a parsed file."""
    kind = rng.choice(["stale", "unversioned", "other", "tamper", "garble", "unnamed", "bad-date", "extra",
                       "no-answers", "kind", "none", "none", "none"])
    if kind == "stale":
        for attempt in _attempts(data, rng):
            attempt["version"] = "0123456789ab"
    elif kind == "unversioned":
        for attempt in _attempts(data, rng):
            attempt["version"] = None
    elif kind == "other":
        for attempt in _attempts(data, rng):
            attempt["quiz"] = rng.choice(["not-a-quiz", "other-site-quiz", "constructor"])
    elif kind == "tamper":
        for attempt in _attempts(data, rng):
            attempt["score"] = (attempt["score"] or 0) + 1
            attempt["band"] = None
    elif kind == "garble":
        garble_answers(data, rng)
    elif kind == "unnamed":
        data["name"] = None
    elif kind == "bad-date":
        data["attempts"][0]["finished"] = "2026-02-30T10:00:00.000Z"
    elif kind == "extra":
        data["attempts"][-1]["comment"] = "added by hand"
    elif kind == "no-answers":
        for attempt in _attempts(data, rng):
            attempt["answers"] = None
    elif kind == "kind":
        data["attempts"][0]["kind"] = "assessment" if data["attempts"][0]["kind"] == "knowledge" else "knowledge"


def legacy_record(attempt: dict, name: str | None) -> dict:
    """An attempt as an old quiz download held it."""
    knowledge = attempt["kind"] == "knowledge"
    result = {"kind": attempt["kind"], "score": attempt["score"]}
    result |= {"max": attempt["max"], "percent": attempt["percent"], "passed": attempt["passed"]} if knowledge else {
        "band": attempt["band"], "dimensions": attempt["dimensions"]}
    return {"quiz": attempt["quiz"], "title": attempt["quiz_title"], "version": attempt["version"],
            "date": attempt["finished"], "name": name, "answers": attempt["answers"], "result": result}


def team_set(site: dict, seed: int) -> tuple[list[tuple[str, bytes]], dict]:
    """A set of files as a lead might collect them, and the site settings to read them with."""
    rng = random.Random(seed)
    people = rng.randint(1, 14)
    quizzes = list(site["quizzes"])
    files: list[tuple[str, bytes]] = []
    for number in range(people):
        taken = rng.sample(quizzes, rng.randint(1, len(quizzes)))
        data = person_file(site, f"Person {number}", rng, quizzes=taken, attempts_each=rng.randint(1, 3))
        if rng.random() < 0.35:
            damage(data, rng, site)
        text = json.dumps(data)
        shape = rng.random()
        if shape < 0.06:
            text = text[: len(text) // 2]  # a download cut short
        elif shape < 0.12:
            text = json.dumps(legacy_record(data["attempts"][0], data["name"]))
        elif shape < 0.16:
            text = "\ufeff" + text  # saved by an editor that adds a byte order mark
        files.append((f"p{number}.json", text.encode()))
        if rng.random() < 0.15:  # the same person again: another download, name typed differently
            again = copy.deepcopy(data)
            again["name"] = f"  person  {number} ".upper() if data["name"] else None
            files.append((f"p{number}-again.json", json.dumps(again).encode()))
    if rng.random() < 0.3 and files:
        files.append(files[rng.randrange(len(files))])  # one file picked twice
    options = dict(site, min_people=rng.choice([1, 2, 5, 40]))
    return files, options


@settings(max_examples=12, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seeds=st.lists(st.integers(0, 2**32 - 1), min_size=SETS_PER_EXAMPLE, max_size=SETS_PER_EXAMPLE))
def test_browser_and_python_read_and_analyse_generated_teams_identically(modules: Path, site: dict,
                                                                          seeds: list[int]) -> None:
    sets = [team_set(site, seed) for seed in seeds]
    # One site per Node run: the sets that share their settings go together.
    for minimum in sorted({options["min_people"] for _, options in sets}):
        batch = [files for files, options in sets if options["min_people"] == minimum]
        options = dict(site, min_people=minimum)
        for files, from_js in zip(batch, in_node(modules, options, batch), strict=True):
            assert from_js == in_python(options, files)


def test_the_generated_teams_exercise_every_kind_of_line(site: dict) -> None:
    """The differential test is only as good as what it feeds: its sets must meet every rule."""
    seen: set[str] = set()
    statuses: set[str] = set()
    templates = {key: text.split("{")[0] for key, text in RESULTS_READ_STRINGS.items()}
    for seed in range(120):
        files, options = team_set(site, seed)
        for report in read_files(files, options)["files"]:
            statuses.add(report["status"])
            for line in report["lines"]:
                seen |= {key for key, start in templates.items() if start and line.startswith(start)}
    assert statuses == {"counted", "partly", "skipped"}
    wanted = {"not_json", "invalid", "legacy_quiz", "counted", "other_site", "unversioned", "stale", "no_answers",
              "duplicate", "rescored", "nothing"}
    assert wanted <= seen, wanted - seen


def test_browser_and_python_say_the_same_about_every_broken_file(modules: Path, site: dict) -> None:
    """Every case of the reader's tests (team_cases.py), read in Node: the same status and the same words."""
    all_cases = cases(site)
    for case, from_js in zip(all_cases, in_node(modules, site, [list(case.files) for case in all_cases]), strict=True):
        assert [(report["status"], report["lines"]) for report in from_js["files"]] == [
            (status, list(lines)) for status, lines in zip(case.statuses, case.lines, strict=True)], case.name
