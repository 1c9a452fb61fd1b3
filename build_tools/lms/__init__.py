"""Learning-platform formats: export quizzes as GIFT (Moodle), QTI 2.1 and SCORM 1.2, import GIFT banks.

`gift_export` writes the GIFT text format, `gift_parse` reads it and `gift_import` turns
what it read into a quiz file; `qti` writes QTI 2.1 content packages (the questions, for the
platform to score); `scorm` writes SCORM 1.2 packages (our own page, scored by our runtime,
reporting to the platform). This module holds
what the exports share: which questions a format can carry, the warnings for the ones it
cannot, and the files the site build ships beside each quiz page.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import models, urls
from ..project import Project

if TYPE_CHECKING:
    from ..render import Renderer

FORMATS = ("gift", "qti21", "scorm12")


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


@dataclass(frozen=True)
class Site:
    """What a SCORM package needs of the site beside the quiz: its content, and where it lives.

    `site_url` ("" when unknown) makes the package's guide links absolute; without it the package
    names the guides without linking them, since a learning platform serves it from elsewhere.
    """

    project: Project
    site_url: str = ""
    directory_urls: bool = False

    @functools.cached_property
    def renderer(self) -> Renderer:
        """One renderer for all the site's packages (it reads the whole project once)."""
        from ..render import Renderer

        return Renderer(self.project, directory_urls=self.directory_urls, site_url=self.site_url)


def export(quiz: models.Quiz | models.Assessment, fmt: str, site: Site | None = None) -> Export:
    """The quiz in format `fmt` (one of FORMATS), with what had to be left out.

    SCORM packages carry the quiz's page, so they need the `site` it belongs to.
    """
    if fmt == "scorm12":
        from .scorm import export_quiz as export_scorm

        if site is None:
            raise ValueError("a SCORM package needs the site its quiz belongs to")
        return export_scorm(quiz, site)
    if fmt == "gift":
        from .gift_export import export_quiz as export_gift

        return export_gift(quiz)
    if fmt == "qti21":
        from .qti import export_quiz as export_qti

        return export_qti(quiz)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


_EXPORT_PATHS = {"gift": urls.quiz_export_gift, "qti21": urls.quiz_export_qti, "scorm12": urls.quiz_export_scorm}


def export_path(quiz_id: str, fmt: str) -> str:
    """Site path of a quiz's export in format `fmt`."""
    return _EXPORT_PATHS[fmt](quiz_id)


def site_export_paths(quiz: models.Quiz | models.Assessment) -> list[tuple[str, str]]:
    """(format, site path) of every export the build ships for the quiz.

    A knowledge quiz: GIFT (when it has a question GIFT can carry), QTI 2.1 and SCORM 1.2; a
    self-assessment, which only our runtime can score: SCORM 1.2.
    """
    if not isinstance(quiz, models.Quiz):
        return [("scorm12", export_path(quiz.id, "scorm12"))]
    formats = ["gift"] if gift_questions(quiz) else []
    formats += ["qti21", "scorm12"]
    return [(fmt, export_path(quiz.id, fmt)) for fmt in formats]


def site_exports(site: Site) -> dict[str, bytes]:
    """The export files of every quiz and self-assessment, keyed by site path (what the download links point to)."""
    files: dict[str, bytes] = {}
    for quiz in site.project.quizzes.values():
        for fmt, path in site_export_paths(quiz):
            result = export(quiz, fmt, site)
            if result.questions:
                files[path] = result.content
    return files
