"""When each page was last checked against its sources, and which ones are due for a review.

Every guide, checklist, quiz and self-assessment carries `last_reviewed`. A page reviewed longer
ago than the review interval (12 months unless mkdocs.yml says otherwise) gets a note; in strict
mode the note is a problem and nothing is built. "Today" is SOURCE_DATE_EPOCH when it is set, so a
build of a given commit says the same thing on any day it is repeated.
"""

from __future__ import annotations

import calendar
import datetime
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .errors import Problem
from .load import Loaded
from .yamlfile import dotted

# The kinds of file that carry `last_reviewed`.
REVIEWED_KINDS = ("guide", "checklist", "quiz")
DEFAULT_INTERVAL_MONTHS = 12
MAX_INTERVAL_MONTHS = 120


class ReviewPolicyError(ValueError):
    """The review settings in mkdocs.yml are not usable."""


@dataclass(frozen=True)
class ReviewPolicy:
    """How often pages must be reviewed, and whether an overdue page stops the build."""

    interval_months: int = DEFAULT_INTERVAL_MONTHS
    strict: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.interval_months, bool) or not isinstance(self.interval_months, int) \
                or not 1 <= self.interval_months <= MAX_INTERVAL_MONTHS:
            raise ReviewPolicyError(f"review_interval_months must be a whole number of months from 1 to "
                                    f"{MAX_INTERVAL_MONTHS}, found {self.interval_months!r}")
        if not isinstance(self.strict, bool):
            raise ReviewPolicyError(f"review_strict must be true or false, found {self.strict!r}")


DEFAULT_POLICY = ReviewPolicy()


def policy_from_plugin_options(options: dict[str, Any]) -> ReviewPolicy:
    """The policy the `client-craft` plugin's options in mkdocs.yml declare (defaults for what is missing)."""
    return ReviewPolicy(interval_months=options.get("review_interval_months", DEFAULT_INTERVAL_MONTHS),
                        strict=options.get("review_strict", False))


def build_day() -> datetime.date:
    """The day a build counts as "today": from SOURCE_DATE_EPOCH (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def review_notes(loaded: Loaded, policy: ReviewPolicy, today: datetime.date,
                 latest: datetime.date | None = None) -> Iterator[Problem]:
    """A note for each file reviewed longer ago than the interval before `today`, or dated after `latest`.

    `latest` (default `today`) is the last day a review can have happened. A build dated by
    SOURCE_DATE_EPOCH passes the clock's day here: a file reviewed since the last commit is not
    from the future.
    """
    months = policy.interval_months
    latest = max(today, latest or today)
    for kind in REVIEWED_KINDS:
        for document, model in loaded.of_kind(kind):
            what = "self-assessment" if getattr(model, "kind", "") == "assessment" else kind
            against = "its sources" if kind == "guide" else "the guides it draws on"
            reviewed = model.last_reviewed
            line, column = document.position(("last_reviewed",))
            where = dotted(("last_reviewed",))
            if reviewed > latest:
                yield Problem(document.path, line, column, where,
                              f"{reviewed.isoformat()} is after today ({latest.isoformat()}); write the day the "
                              f"review took place")
            elif add_months(reviewed, months) < today:
                yield Problem(document.path, line, column, where,
                              f"this {what} was last reviewed on {reviewed.isoformat()}, more than {months} month"
                              f"{'s' if months != 1 else ''} ago (the review interval); check it against {against}, "
                              f"then set `last_reviewed` to the day you did")
