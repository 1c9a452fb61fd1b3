"""Scoring keys of small made-up quizzes, shared by the scorer's unit and differential tests."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from build_tools import models
from build_tools.scoring import scoring_data

QUIZ_FILE: TypeAdapter[models.Quiz | models.Assessment] = TypeAdapter(models.QuizFile)


def knowledge_key(questions: list[dict], pass_mark: int, chapter_of_guide: dict[str, str]) -> dict[str, Any]:
    """The scoring key of a validated knowledge quiz made of `questions`."""
    quiz = QUIZ_FILE.validate_python({
        "schema_version": 1, "last_reviewed": "2026-11-01",
        "kind": "knowledge", "id": "quiz", "title": "T", "description": "D",
        "pass_mark": pass_mark, "questions": questions,
    })
    return scoring_data(quiz, chapter_of_guide)


def assessment_key(labels: list[str], not_applicable: bool, dims: list[str], bands: list[dict],
                   overall_bands: list[dict], items: list[dict], min_answered: int = 60) -> dict[str, Any]:
    """The scoring key of a validated self-assessment."""
    quiz = QUIZ_FILE.validate_python({
        "schema_version": 1, "last_reviewed": "2026-11-01", "min_answered": min_answered,
        "kind": "assessment", "id": "self", "title": "T", "description": "D",
        "instructions": "I", "scale": {"labels": labels, "not_applicable": "N/A" if not_applicable else None},
        "dimensions": [{"id": d, "title": d} for d in dims], "bands": bands, "overall_bands": overall_bands,
        "items": items,
    })
    return scoring_data(quiz, {})
