"""Where each generated page lands and how pages link to each other.

Kept apart from MkDocs so the library can feed another generator: the rules match MkDocs'
own (`use_directory_urls` on: `a/b.md` → `a/b/`; off: `a/b.html`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

HOME = "index.md"
SOURCES = "sources.md"
DISAGREEMENTS = "disagreements.md"
CHANGES = "changes.md"
PROGRESS = "progress.md"
TEAM = "team.md"
CHECKLISTS = "checklists/index.md"
QUIZZES = "quizzes/index.md"
AUTHORS = "authors/index.md"
FORMATS = "authors/formats.md"
ASSETS = "assets/client-craft"


def chapter_page(chapter_id: str) -> str:
    """Source path of a chapter's page."""
    return f"{chapter_id}/index.md"


def guide_page(chapter_id: str, guide_id: str) -> str:
    """Source path of a guide's page, inside its chapter's folder."""
    return f"{chapter_id}/{guide_id}.md"


def checklist_page(checklist_id: str) -> str:
    """Source path of a checklist's page."""
    return f"checklists/{checklist_id}.md"


def checklist_pdf(checklist_id: str) -> str:
    """Path of a checklist's PDF."""
    return f"checklists/pdf/{checklist_id}.pdf"


BOOKLET_PDF = "checklists/pdf/client-craft-checklists.pdf"


def quiz_page(quiz_id: str) -> str:
    """Source path of a quiz's page."""
    return f"quizzes/{quiz_id}.md"


QUIZ_EXPORTS = "quizzes/export"


def quiz_export_gift(quiz_id: str) -> str:
    """Path of a quiz's GIFT file for Moodle."""
    return f"{QUIZ_EXPORTS}/{quiz_id}.gift"


def quiz_export_scorm(quiz_id: str) -> str:
    """Site path of a quiz's or self-assessment's SCORM 1.2 package."""
    return f"{QUIZ_EXPORTS}/{quiz_id}-scorm12.zip"


def quiz_export_qti(quiz_id: str) -> str:
    """Path of a quiz's QTI 2.1 content package."""
    return f"{QUIZ_EXPORTS}/{quiz_id}-qti21.zip"


@dataclass(frozen=True)
class Urls:
    """Turns source paths into URLs, relative to the page that links."""

    directory_urls: bool = True

    def url(self, src: str) -> str:
        """Site-root-relative URL of a page (`.md`) or a file (anything else)."""
        if not src.endswith(".md"):
            return src
        stem = src[:-3]
        if stem == "index" or stem.endswith("/index"):
            folder = stem[: -len("index")]
            return folder if self.directory_urls else f"{folder}index.html"
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def output_file(self, src: str) -> str:
        """The file a page (`.md`) or file is written to, relative to the site root."""
        url = self.url(src)
        return f"{url}index.html" if url.endswith("/") or url == "" else url

    def relative(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """URL of `to_src` as written on the page `from_src`."""
        from_url = self.url(from_src)
        # The folder the linking page sits in ("" at the site root); relpath needs a relative start,
        # never "/", or it would measure from the build's working directory.
        base = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url)
        target = self.url(to_src)
        rel = posixpath.relpath(target or ".", base or ".")
        if target.endswith("/") or target == "":
            rel = "./" if rel == "." else rel + "/"
        return rel + (f"#{anchor}" if anchor else "")
