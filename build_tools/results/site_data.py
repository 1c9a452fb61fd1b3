"""What a reader of results files must know about this site: its quizzes, versions, guides, checklists.

The team page carries this object as JSON and `python -m build_tools results` builds the same one,
so both judge a file against the same quiz ids, content versions and scoring keys.
"""

from __future__ import annotations

from .. import catalog, models
from ..client_data import quiz_version
from ..path import onboarding_path
from ..project import Project
from ..scoring import scoring_data
from .model import results_schema

# Item analysis is shown for a quiz (or a dimension) once this many people have a counted attempt:
# with fewer, one person moves a facility by more than 20 points and a correlation can take almost
# any value (see the team page and the author docs).
MIN_PEOPLE = 5
# A question most people get right, or most get wrong, tells little about who learned the guide.
TOO_EASY = 0.9  # facility above this
TOO_HARD = 0.2  # facility below this
# The largest file the readers accept; the largest real export (20 attempts of every quiz) is far smaller.
MAX_FILE_BYTES = 5_000_000


def _question(question: models.SingleChoice | models.MultipleChoice | models.TrueFalse | models.Ordering) -> dict:
    if isinstance(question, models.TrueFalse):
        options = [{"id": "true", "text": "True", "correct": question.answer},
                   {"id": "false", "text": "False", "correct": not question.answer}]
    elif isinstance(question, models.Ordering):
        options = []  # every step is placed by everyone: there are no wrong options to count
    else:
        options = [{"id": option.id, "text": option.text, "correct": option.correct} for option in question.options]
    return {"id": question.id, "prompt": question.prompt, "type": question.type, "options": options}


def _quiz(project: Project, quiz: models.Quiz | models.Assessment, short: str) -> dict:
    entry: dict = {"title": quiz.title, "short": short, "kind": quiz.kind, "version": quiz_version(project, quiz),
                   "scoring": scoring_data(quiz, project.chapter_of_guide)}
    if isinstance(quiz, models.Quiz):
        entry["questions"] = [_question(question) for question in quiz.questions]
    else:
        entry["dimensions"] = [{"id": dimension.id, "title": dimension.title} for dimension in quiz.dimensions]
        entry["bands"] = {band.id: band.label for band in quiz.bands}
        entry["overall_bands"] = {band.id: band.label for band in quiz.overall_bands}
    return entry


def _in_path_order(project: Project) -> list[tuple[models.Quiz | models.Assessment, str]]:
    """(quiz, short title for a table column) in the order of the onboarding path, self-assessments last."""
    route = onboarding_path(project)
    quizzes = [(quiz, stage.chapter.title if len(stage.quizzes) == 1 else quiz.title)
               for stage in route.stages for quiz in stage.quizzes]
    final = catalog.t("nav.final_check")
    quizzes += [(quiz, final if len(route.final_checks) == 1 else quiz.title) for quiz in route.final_checks]
    return quizzes + [(quiz, quiz.title) for quiz in route.assessments]


def site_data(project: Project) -> dict:
    """The JSON-ready description of this site that reading and analysing results files needs."""
    in_order = _in_path_order(project)
    return {
        "quizzes": {quiz.id: _quiz(project, quiz, short) for quiz, short in in_order},
        # The quizzes' order, for tables and loops: JSON objects carry none a reader may rely on.
        "order": [quiz.id for quiz, _ in in_order],
        "guides": {guide.id: guide.title for chapter in project.chapters for guide in project.guides_of(chapter)},
        "checklists": {checklist.id: {"title": checklist.title,
                                      "items": [item.id for section in checklist.sections for item in section.items]}
                       for checklist in project.checklists.values()},
        "min_people": MIN_PEOPLE,
        "too_easy": TOO_EASY,
        "too_hard": TOO_HARD,
        "max_file_bytes": MAX_FILE_BYTES,
        "schema": results_schema(),
    }
