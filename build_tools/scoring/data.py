"""The scoring key of a quiz or self-assessment: the JSON object a page embeds.

It holds only what scoring needs (ids, points, the right answers, weights, bands), so
both scorers read the same small object and neither has to know the content models.
"""

from __future__ import annotations

from typing import Any

from build_tools.models import Assessment, MultipleChoice, Ordering, Quiz, SingleChoice, TrueFalse


def _question(
    question: SingleChoice | MultipleChoice | TrueFalse | Ordering, chapter_of_guide: dict[str, str]
) -> dict[str, Any]:
    if isinstance(question, TrueFalse):
        # True/false inputs carry the values `true` and `false`, like option ids.
        options = ["true", "false"]
        correct = ["true" if question.answer else "false"]
    elif isinstance(question, Ordering):
        # Steps are authored in the right order (or carry positions), so that order is the key.
        options = [step.id for step in question.right_order]
        correct = list(options)
    else:
        options = [option.id for option in question.options]
        correct = [option.id for option in question.options if option.correct]
    return {
        "id": question.id,
        "type": question.type,
        "points": question.points,
        # Only the types with a choice of scoring carry one; the others have one rule.
        "scoring": getattr(question, "scoring", None),
        "options": options,
        "correct": correct,
        # A question counts towards the chapter of the first guide it tests: that is the
        # guide it was written for, the others are supporting reading.
        "chapter": chapter_of_guide.get(question.guides[0]),
        "guides": list(question.guides),
    }


def scoring_data(quiz: Quiz | Assessment, chapter_of_guide: dict[str, str]) -> dict[str, Any]:
    """Return the JSON-ready scoring key of a validated Quiz or Assessment."""
    if isinstance(quiz, Quiz):
        return {
            "kind": "knowledge",
            "id": quiz.id,
            "pass_mark": quiz.pass_mark,
            "questions": [_question(question, chapter_of_guide) for question in quiz.questions],
        }
    if isinstance(quiz, Assessment):
        return {
            "kind": "assessment",
            "id": quiz.id,
            "scale_points": len(quiz.scale.labels),
            "not_applicable": quiz.scale.not_applicable is not None,
            "dimensions": [dimension.id for dimension in quiz.dimensions],
            "items": [
                {"id": item.id, "dimension": item.dimension, "weight": item.weight, "reverse": item.reverse}
                for item in quiz.items
            ],
            "min_answered": quiz.min_answered,
            "bands": [{"id": band.id, "min": band.min, "max": band.max} for band in quiz.bands],
            # Lowest first: a result with too many weak dimensions steps down this list.
            "overall_bands": [{"id": band.id, "min": band.min, "max": band.max, "max_weak": band.max_weak}
                              for band in sorted(quiz.overall_bands, key=lambda band: band.min)],
        }
    raise TypeError(f"expected a Quiz or an Assessment, got {type(quiz).__name__}")
