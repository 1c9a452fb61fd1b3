"""Learning-platform formats: export quizzes as GIFT (Moodle) and QTI 2.1, import GIFT banks.

`gift_export` writes the GIFT text format, `gift_parse` reads it and `gift_import` turns
what it read into a quiz file; `qti` writes QTI 2.1 content packages. This module holds
what the exports share: which questions a format can carry, the warnings for the ones it
cannot, and the files the site build ships beside each quiz page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .. import models, urls

FORMATS = ("gift", "qti21")


@dataclass(frozen=True)
class Skipped:
    """A quiz or question left out of an export, and why (printed as a warning)."""

    quiz_id: str
    item_id: str | None
    kind: str
    reason: str

    def __str__(self) -> str:
        if self.item_id is None:
            return f"{self.quiz_id}: skipped {self.kind} '{self.quiz_id}': {self.reason}"
        return f"{self.quiz_id}: skipped {self.kind} '{self.item_id}': {self.reason}"


@dataclass(frozen=True)
class Export:
    """One exported file: its name, its bytes, and everything the format had to leave out.

    `questions` is 0 (and `content` empty) when the format can carry nothing of the quiz;
    `skipped` then says why, and no file should be written.
    """

    filename: str
    content: bytes
    questions: int
    skipped: tuple[Skipped, ...]


def text_fingerprint(text: str) -> str:
    """Six hex digits that tell one option text from another, whatever its white space.

    The GIFT export writes each option's id with the fingerprint of its text, and the import
    gives an option back its id only while its text still has that fingerprint: reordered
    options keep their ids, and an option whose text changed gets a new one.
    """
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:6]


def gift_questions(quiz: models.Quiz | models.Assessment) -> list[models.SingleChoice | models.MultipleChoice |
                                                                  models.TrueFalse]:
    """The questions of a quiz that GIFT can carry (none for a self-assessment)."""
    if not isinstance(quiz, models.Quiz):
        return []
    return [q for q in quiz.questions if not isinstance(q, models.Ordering)]


def export(quiz: models.Quiz | models.Assessment, fmt: str) -> Export:
    """The quiz in format `fmt` ("gift" or "qti21"), with what had to be left out."""
    if fmt == "gift":
        from .gift_export import export_quiz as export_gift

        return export_gift(quiz)
    if fmt == "qti21":
        from .qti import export_quiz as export_qti

        return export_qti(quiz)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def export_path(quiz_id: str, fmt: str) -> str:
    """Site path of a quiz's export in format `fmt`."""
    return urls.quiz_export_gift(quiz_id) if fmt == "gift" else urls.quiz_export_qti(quiz_id)


def site_export_paths(quiz: models.Quiz | models.Assessment) -> list[tuple[str, str]]:
    """(format, site path) of every export the build ships for the quiz; none for self-assessments."""
    if not isinstance(quiz, models.Quiz):
        return []
    formats = ["gift"] if gift_questions(quiz) else []
    formats.append("qti21")
    return [(fmt, export_path(quiz.id, fmt)) for fmt in formats]


def site_exports(quizzes: dict[str, models.Quiz | models.Assessment]) -> dict[str, bytes]:
    """The export files of every knowledge quiz, keyed by site path (what the download links point to)."""
    files: dict[str, bytes] = {}
    for quiz in quizzes.values():
        for fmt, path in site_export_paths(quiz):
            result = export(quiz, fmt)
            if result.questions:
                files[path] = result.content
    return files
