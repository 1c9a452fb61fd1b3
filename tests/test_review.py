"""Review dates: the interval, the build's day, and what strict mode does (build_tools.review)."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from support import copy_project, run_mkdocs_build

from build_tools.errors import ContentError
from build_tools.project import build_project
from build_tools.review import ReviewPolicy, ReviewPolicyError, add_months, build_day

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
Day = datetime.date


@pytest.mark.parametrize(("start", "months", "expected"), [
    (Day(2026, 11, 1), 12, Day(2027, 11, 1)),
    (Day(2026, 1, 31), 1, Day(2026, 2, 28)),   # no 31 February: the month's last day
    (Day(2027, 12, 31), 2, Day(2028, 2, 29)),  # a leap year
    (Day(2026, 12, 15), 1, Day(2027, 1, 15)),
])
def test_add_months_keeps_the_day_where_the_calendar_allows(start: Day, months: int, expected: Day) -> None:
    assert add_months(start, months) == expected


def test_the_build_day_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01 00:00 UTC
    assert build_day() == Day(2026, 12, 1)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_day() == Day.today()


def test_notes_by_default_and_problems_when_strict() -> None:
    project = build_project(FIXTURE, today=Day(2027, 11, 2))
    assert len(project.review_notes) == 5
    with pytest.raises(ContentError) as error:
        build_project(FIXTURE, review=ReviewPolicy(strict=True), today=Day(2027, 11, 2))
    assert [p.location for p in error.value.problems] == ["last_reviewed"] * 5
    assert build_project(FIXTURE, review=ReviewPolicy(strict=True), today=Day(2027, 11, 1)).review_notes == ()


def test_a_shorter_interval_is_due_sooner() -> None:
    assert len(build_project(FIXTURE, review=ReviewPolicy(interval_months=3), today=Day(2027, 2, 2)).review_notes) == 5
    assert build_project(FIXTURE, review=ReviewPolicy(interval_months=3), today=Day(2027, 2, 1)).review_notes == ()


@pytest.mark.parametrize("months", [0, 121, True, "12"])
def test_an_unusable_interval_is_refused(months: object) -> None:
    with pytest.raises(ReviewPolicyError):
        ReviewPolicy(interval_months=months)  # type: ignore[arg-type]


def test_mkdocs_builds_with_review_notes_and_stops_in_strict_mode(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    guide = project / "content/guides/be-direct-in-group-meetings.yml"  # a guide the change log does not name
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("last_reviewed: 2026-", "last_reviewed: 2019-", 1), encoding="utf-8")
    config = project / "mkdocs.yml"
    result = run_mkdocs_build(config, tmp_path / "site", pdf=False)
    assert result.returncode == 0, result.stderr  # a note, not a warning: strict MkDocs still builds
    assert f"Review due: content/guides/{guide.name}:" in result.stderr
    config.write_text(config.read_text(encoding="utf-8").replace(
        "pdf: !ENV [CLIENT_CRAFT_PDF, true]", "pdf: !ENV [CLIENT_CRAFT_PDF, true]\n      review_strict: true"),
        encoding="utf-8")
    shutil.rmtree(tmp_path / "site", ignore_errors=True)
    result = run_mkdocs_build(config, tmp_path / "site", pdf=False)
    assert result.returncode != 0
    assert f"content/guides/{guide.name}:" in result.stderr and "was last reviewed on 2019-" in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()  # nothing half-written
