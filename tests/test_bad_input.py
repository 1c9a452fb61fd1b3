"""Bad input is a feature: every mistake in tests/broken/ gets its exact, located message.

Each case is applied to a copy of the valid project in tests/fixtures/minimal/ and must
produce exactly its `# expect:` lines: the message an author needs, and no follow-on noise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import ROOT, run_mkdocs_build

from benchmarks.synth import english_only
from build_tools.errors import ContentError
from build_tools.project import Project, build_project

TESTS = Path(__file__).parent
REPO = ROOT
FIXTURE = TESTS / "fixtures" / "minimal"
BROKEN = TESTS / "broken"


@dataclass(frozen=True)
class Case:
    """One file of the corpus: where it goes and what the build must say about it."""

    name: str
    target: str
    expected: tuple[str, ...]
    valid: bool
    body: bytes


def read_case(path: Path) -> Case:
    """Parse the `# case/target/expect/valid:` header; the body is the whole file, header included."""
    body = path.read_bytes()
    fields: dict[str, list[str]] = {}
    for raw_line in body.split(b"\n"):
        if not raw_line.startswith(b"# "):
            break
        key, _, value = raw_line[2:].decode("utf-8").partition(": ")
        fields.setdefault(key, []).append(value)
    (target,) = fields["target"]
    return Case(path.stem, target, tuple(fields.get("expect", ())), "valid" in fields, body)


CASES = [read_case(path) for path in sorted(BROKEN.glob("*.yml"))]


def project_with(tmp_path: Path, *cases: Case) -> Path:
    """A copy of the valid fixture with each case written to its target."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    for case in cases:
        target = root / case.target
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(case.body)
    return root


def problems_of(root: Path) -> list[str]:
    """Every problem line the build reports; any exception but ContentError fails the test."""
    try:
        build_project(root)
    except ContentError as error:
        return [str(problem) for problem in error.problems]
    except Exception as error:
        pytest.fail(f"{type(error).__name__} escaped the build instead of a located problem: {error}")
    return []


# --- The corpus -----------------------------------------------------------------------


def test_the_fixture_itself_is_valid() -> None:
    project = build_project(FIXTURE)
    assert project.coverage().summary() == (
        "Source points: 2 total / 2 used / 0 excluded. Guides tested by quizzes: 2 of 2."
    )
    kinds = sorted(type(question).__name__ for question in project.quizzes["sample-quiz"].questions)
    assert kinds == ["MultipleChoice", "Ordering", "SingleChoice", "TrueFalse"]


def test_corpus_is_complete() -> None:
    assert len([case for case in CASES if not case.valid]) >= 30
    for case in CASES:
        assert case.valid != bool(case.expected), f"{case.name}: give `# expect:` lines, or `# valid:` alone"
        for line in case.expected:
            path, line_number, column, rest = line.split(":", 3)
            assert line_number.isdigit() and column.isdigit() and rest.startswith(" "), f"{case.name}: {line!r}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_file_gets_its_exact_message(case: Case, tmp_path: Path) -> None:
    problems = problems_of(project_with(tmp_path, case))
    assert sorted(problems) == sorted(case.expected)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_messages_point_at_an_existing_line(case: Case) -> None:
    # A message about the case's own file must point at one of its lines (not past the end).
    lines = case.body.split(b"\n")
    for expected in case.expected:
        path, line_number, column, _rest = expected.split(":", 3)
        if path == case.target:
            assert 1 <= int(line_number) <= len(lines), expected
            assert 1 <= int(column) <= len(lines[int(line_number) - 1]) + 1, expected


def test_norway_problem_language_no_stays_the_string_no(tmp_path: Path) -> None:
    (case,) = [case for case in CASES if case.name == "norway-language"]
    project: Project = build_project(project_with(tmp_path, case))
    assert project.sources[0].language == "no"


def test_five_megabyte_file_is_refused_before_parsing(tmp_path: Path) -> None:
    root = project_with(tmp_path)
    # Valid YAML, so only the size check can refuse it; parsing 5 MB would take PyYAML many seconds.
    big = (FIXTURE / "content/guides/plan-the-work.yml").read_bytes().split(b"pitfalls:")[0]
    big += b"pitfalls:\n" + b"  - Planning alone and never showing the plan.\n" * 100_000
    big += b"# " + b"x" * (5_000_000 - len(big) - 3) + b"\n"
    assert len(big) == 5_000_000
    (root / "content/guides/plan-the-work.yml").write_bytes(big)
    assert problems_of(root) == [
        "content/guides/plan-the-work.yml:1:1: file is 5.0 MB; content files must be under 1 MB, "
        "so split it into several files"
    ]


def test_missing_sources_registry(tmp_path: Path) -> None:
    root = project_with(tmp_path)
    (root / "content/sources.yml").unlink()
    # One problem, not one more for every point the guides cite.
    assert problems_of(root) == [
        "content/sources.yml:1:1: the sources registry is missing; create the file with `schema_version: 1` "
        "and a `sources:` list"
    ]


def test_wrong_root_says_so(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == [
        f"content/:1:1: no content/ folder in {tmp_path}; run this from the project folder, or point --root at it"
    ]


# Cases in different files that do not interact: together they must report the union.
MIXED = ("yaml-tab", "unknown-question-type", "bands-gap", "dangling-chapter-guide", "dangling-related-guide",
         "uncovered-source-point")


def mixed_cases() -> list[Case]:
    """Several mistakes in several files, one file each."""
    chosen = [case for case in CASES if case.name in MIXED]
    assert len({case.target for case in chosen}) == len(MIXED)
    return chosen


def test_every_mistake_in_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    chosen = mixed_cases()
    problems = problems_of(project_with(tmp_path, *chosen))
    assert sorted(problems) == sorted(line for case in chosen for line in case.expected)
    assert len({line.split(":")[0] for line in problems}) == len(MIXED)


# --- mkdocs build ---------------------------------------------------------------------


def mkdocs_tree(tmp_path: Path, *cases: Case) -> Path:
    """mkdocs.yml, pages/ and theme/ of the repository around the fixture content."""
    root = project_with(tmp_path, *cases)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    english_only(root / "mkdocs.yml")  # no catalogs here: the English edition only
    for folder in ("pages", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def mkdocs_build(root: Path, *, strict: bool = True, pdf: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` on `root` into root/site, as an author would."""
    return run_mkdocs_build(root / "mkdocs.yml", root / "site", strict=strict, pdf=pdf)


def test_mkdocs_build_of_broken_content_stops_with_the_same_messages(tmp_path: Path) -> None:
    chosen = mixed_cases()
    root = mkdocs_tree(tmp_path, *chosen)
    site = root / "site"
    site.mkdir()
    (site / "marker.txt").write_text("left by an earlier build\n", encoding="utf-8")
    before = os.stat(site / "marker.txt")

    result = mkdocs_build(root)
    output = result.stdout + result.stderr

    assert result.returncode != 0
    assert "Traceback" not in output
    for case in chosen:
        for line in case.expected:
            assert line in output.splitlines(), f"missing from mkdocs output: {line}\n{output}"
    # Validation runs before MkDocs cleans or writes site/: the old build is untouched.
    assert sorted(path.name for path in site.iterdir()) == ["marker.txt"]
    after = os.stat(site / "marker.txt")
    assert (after.st_mtime_ns, after.st_size) == (before.st_mtime_ns, before.st_size)


def test_mkdocs_build_of_the_fixture_succeeds(tmp_path: Path) -> None:
    # The control for the test above: the same tree without the mistakes builds.
    root = mkdocs_tree(tmp_path)
    # Not strict: pages/ may link to real guides that the two-guide fixture does not have.
    # PDFs take seconds and are tested elsewhere; this only shows the tree itself is buildable.
    result = mkdocs_build(root, strict=False, pdf=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (root / "site" / "index.html").is_file()
