"""The onboarding path: the order a new hire meets the playbook in, chapter by chapter.

Each chapter is a stage: its page, its guides in reading order, the checklists for that stage,
then its quiz. The final check and the self-assessments come after every stage. The navigation,
Previous/Next, the home page and My progress all follow this one order.

A checklist belongs to the stage whose guides it draws on most (ties go to the earlier chapter),
and within a stage it comes in the order of the guide it draws on most: a checklist is a tool for
a moment of the engagement, and its items say which moment that is. Authors never list it twice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import models, urls
from .project import Project


@dataclass(frozen=True)
class Step:
    """One page on the path: what it is, the content it shows and its source path."""

    kind: str
    """`chapter`, `guide`, `checklist` or `quiz`."""
    item: models.Chapter | models.Guide | models.Checklist | models.Quiz
    src: str
    stage: int
    """The stage's number (1 is the first); 0 for the final check."""


@dataclass(frozen=True)
class Stage:
    """One chapter of the path with everything a new hire does in it."""

    chapter: models.Chapter
    guides: tuple[models.Guide, ...]
    checklists: tuple[models.Checklist, ...]
    quizzes: tuple[models.Quiz, ...]


@dataclass(frozen=True)
class OnboardingPath:
    """Every stage, then the knowledge quizzes of no chapter (the final check), then the self-assessments."""

    stages: tuple[Stage, ...]
    final_checks: tuple[models.Quiz, ...]
    assessments: tuple[models.Assessment, ...]

    def stage_of(self, chapter_id: str) -> Stage:
        """The stage of a chapter."""
        return next(stage for stage in self.stages if stage.chapter.id == chapter_id)

    @property
    def steps(self) -> list[Step]:
        """Every page on the path in order: each stage's page, guides, checklists and quiz; then the final check."""
        steps = []
        for number, stage in enumerate(self.stages, start=1):
            chapter = stage.chapter
            steps.append(Step("chapter", chapter, urls.chapter_page(chapter.id), number))
            steps += [Step("guide", guide, urls.guide_page(chapter.id, guide.id), number) for guide in stage.guides]
            steps += [Step("checklist", c, urls.checklist_page(c.id), number) for c in stage.checklists]
            steps += [Step("quiz", quiz, urls.quiz_page(quiz.id), number) for quiz in stage.quizzes]
        return steps + [Step("quiz", quiz, urls.quiz_page(quiz.id), 0) for quiz in self.final_checks]

    @property
    def checklists_by_stage(self) -> list[tuple[models.Chapter, models.Checklist]]:
        """Every checklist with its chapter, in path order."""
        return [(stage.chapter, checklist) for stage in self.stages for checklist in stage.checklists]


def checklist_placement(project: Project) -> dict[str, tuple[str, int]]:
    """Checklist id → (chapter id, position of the guide it draws on most within that chapter)."""
    order = {chapter.id: index for index, chapter in enumerate(project.chapters)}
    placement = {}
    for checklist in project.checklists.values():
        by_guide = Counter(item.guide for section in checklist.sections for item in section.items)
        by_chapter = Counter()
        for guide_id, count in by_guide.items():
            by_chapter[project.chapter_of_guide[guide_id]] += count
        chapter_id = min(by_chapter, key=lambda chapter: (-by_chapter[chapter], order[chapter]))
        guides = project.chapter_by_id[chapter_id].guides
        main_guide = min((g for g in by_guide if g in guides), key=lambda g: (-by_guide[g], guides.index(g)))
        placement[checklist.id] = (chapter_id, guides.index(main_guide))
    return placement


def onboarding_path(project: Project) -> OnboardingPath:
    """The path through the project's content."""
    placement = checklist_placement(project)
    stages = []
    for chapter in project.chapters:
        checklists = sorted((c for c in project.checklists.values() if placement[c.id][0] == chapter.id),
                            key=lambda c: (placement[c.id][1], c.title))
        quizzes = tuple(q for q in project.quizzes_in_order() if isinstance(q, models.Quiz) and q.chapter == chapter.id)
        stages.append(Stage(chapter, tuple(project.guides_of(chapter)), tuple(checklists), quizzes))
    ordered = project.quizzes_in_order()
    return OnboardingPath(
        stages=tuple(stages),
        final_checks=tuple(q for q in ordered if isinstance(q, models.Quiz) and not q.chapter),
        assessments=tuple(q for q in ordered if isinstance(q, models.Assessment)),
    )
