"""The build as a list of named steps: load → validate → resolve.

`build_project` returns a fully resolved, read-only Project or raises ContentError with
every problem; nothing is written anywhere before it returns.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import models
from .clashes import clashes
from .errors import ContentError, Problem
from .load import load
from .mkdocs_yml import hand_written_pages
from .review import DEFAULT_POLICY, ReviewPolicy, build_day, review_notes
from .validate import check


@dataclass(frozen=True)
class Coverage:
    """How much of the sources and guides the playbook and quizzes use."""

    points_total: int
    points_used: int
    points_excluded: int
    guides_total: int
    guides_tested: int

    def summary(self) -> str:
        """A one-paragraph report for the terminal."""
        return (
            f"Source points: {self.points_total} total / {self.points_used} used / "
            f"{self.points_excluded} excluded. "
            f"Guides tested by quizzes: {self.guides_tested} of {self.guides_total}."
        )


@dataclass(frozen=True)
class Project:
    """All content, validated and cross-linked, in reading order."""

    sources: tuple[models.Source, ...]
    chapters: tuple[models.Chapter, ...]
    guides: dict[str, models.Guide]
    checklists: dict[str, models.Checklist]
    quizzes: dict[str, models.Quiz | models.Assessment]
    contested_entries: dict[str, models.Contested] = field(default_factory=dict)
    releases: tuple[models.Release, ...] = ()
    chapter_of_guide: dict[str, str] = field(default_factory=dict)
    guides_citing: dict[str, tuple[str, ...]] = field(default_factory=dict)
    questions_testing: dict[str, int] = field(default_factory=dict)
    review_notes: tuple[Problem, ...] = ()
    """Files due for a review (see `build_tools.review`); never problems, unless the policy is strict."""
    english: Project | None = None
    """The English project this one is translated from (None: this is the English). Quiz versions come
    from it, so answers saved in one language still count in another."""

    @property
    def chapter_by_id(self) -> dict[str, models.Chapter]:
        """Chapters keyed by id."""
        return {chapter.id: chapter for chapter in self.chapters}

    def guides_of(self, chapter: models.Chapter) -> list[models.Guide]:
        """The chapter's guides in reading order."""
        return [self.guides[guide_id] for guide_id in chapter.guides]

    def point(self, ref: str) -> tuple[models.Source, models.SourcePoint]:
        """The source and point that `source-id/point-id` names."""
        source_id, point_id = ref.split("/")
        source = next(s for s in self.sources if s.id == source_id)
        return source, next(p for p in source.points if p.id == point_id)

    def coverage(self) -> Coverage:
        """Counts for the coverage report."""
        points = [(s.id, p) for s in self.sources for p in s.points]
        return Coverage(
            points_total=len(points),
            points_used=sum(1 for s_id, p in points if self.guides_citing.get(f"{s_id}/{p.id}")),
            points_excluded=sum(1 for _s, p in points if p.excluded),
            guides_total=len(self.guides),
            guides_tested=sum(1 for g in self.guides if self.questions_testing.get(g)),
        )

    def quizzes_in_order(self) -> list[models.Quiz | models.Assessment]:
        """Chapter quizzes in chapter order, then the other knowledge quizzes, then self-assessments."""
        order = {chapter.id: chapter.order for chapter in self.chapters}

        def key(quiz: models.Quiz | models.Assessment) -> tuple:
            if isinstance(quiz, models.Assessment):
                return (2, 0, quiz.title)
            return (0, order[quiz.chapter], quiz.title) if quiz.chapter else (1, 0, quiz.title)

        return sorted(self.quizzes.values(), key=key)

    def contested_of(self, guide: models.Guide) -> list[models.Contested]:
        """The contested entries a guide shows, in its order."""
        return [self.contested_entries[entry_id] for entry_id in guide.contested]

    @property
    def contested(self) -> list[tuple[models.Contested, list[models.Guide]]]:
        """Every contested entry once, with the guides that show it, in the order a reader meets them."""
        shown: dict[str, list[models.Guide]] = {}
        for chapter in self.chapters:
            for guide in self.guides_of(chapter):
                for entry_id in guide.contested:
                    shown.setdefault(entry_id, []).append(guide)
        return [(self.contested_entries[entry_id], guides) for entry_id, guides in shown.items()]


def build_project(root: Path, *, hand_written: Mapping[str, str] | None = None,
                  review: ReviewPolicy = DEFAULT_POLICY, today: datetime.date | None = None) -> Project:
    """Load, validate and resolve the content under `root`.

    `hand_written` names the pages the generator already has (source path → how to show it), so
    that no generated page may take their place; by default they are read from `root/mkdocs.yml`.
    Files due for a review are listed in `Project.review_notes`, or, with a strict `review`
    policy, are problems too. `today` defaults to the build day (see `review.build_day`).
    """
    loaded = load(root)
    if hand_written is None:
        hand_written = hand_written_pages(root)
    problems = loaded.problems + check(loaded) + list(clashes(loaded, hand_written))
    # A day given is the day for both checks; otherwise a file reviewed since the build's date
    # (SOURCE_DATE_EPOCH, the last commit) is not from the future.
    notes = list(review_notes(loaded, review, today, today) if today else
                 review_notes(loaded, review, build_day(), datetime.date.today()))
    if review.strict:
        problems += notes
    if problems:
        raise ContentError(problems)
    return dataclasses.replace(resolve(loaded), review_notes=tuple(sorted(notes)))


def resolve(loaded) -> Project:
    """Turn validated files into the cross-linked Project."""
    sources = tuple(source for _doc, registry in loaded.of_kind("sources") for source in registry.sources)
    chapters = tuple(sorted((c for _d, c in loaded.of_kind("chapter")), key=lambda c: c.order))
    guides = {g.id: g for _d, g in loaded.of_kind("guide")}
    chapter_of_guide = {guide_id: chapter.id for chapter in chapters for guide_id in chapter.guides}
    citing: dict[str, list[str]] = {}
    for chapter in chapters:
        for guide_id in chapter.guides:
            for ref in guides[guide_id].sources:
                citing.setdefault(ref, []).append(guide_id)
    quizzes = {q.id: q for _d, q in loaded.of_kind("quiz")}
    testing: dict[str, int] = {}
    for quiz in quizzes.values():
        if isinstance(quiz, models.Quiz):
            for question in quiz.questions:
                for guide_id in question.guides:
                    testing[guide_id] = testing.get(guide_id, 0) + 1
    return Project(
        sources=sources,
        chapters=chapters,
        guides=guides,
        checklists={c.id: c for _d, c in loaded.of_kind("checklist")},
        quizzes=quizzes,
        contested_entries={entry.id: entry for _d, registry in loaded.of_kind("contested")
                           for entry in registry.entries},
        releases=tuple(release for _d, log in loaded.of_kind("changes") for release in log.releases),
        chapter_of_guide=chapter_of_guide,
        guides_citing={ref: tuple(ids) for ref, ids in citing.items()},
        questions_testing=testing,
    )
