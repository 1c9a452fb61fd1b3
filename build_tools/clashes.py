"""Every page and file the build writes has its own address: no id may take another's place.

A guide called `index` would replace its chapter's page, a chapter called `checklists` the
checklists overview, a checklist called like the booklet the booklet's PDF. Here every output
the content asks for is listed with who asks for it, under both URL styles MkDocs offers (a site
may switch between them), and each address that two claim is reported at the id of the later one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from . import models, urls
from .errors import Problem
from .load import Loaded
from .yamlfile import YamlDocument, dotted

# Pages the build always writes, whatever the content.
SITE_PAGES = {
    urls.HOME: "the home page",
    urls.SOURCES: "the Sources page",
    urls.DISAGREEMENTS: "the page of disagreements between the sources",
    urls.CHANGES: "the What changed page",
    urls.CHECKLISTS: "the checklists overview",
    urls.QUIZZES: "the quizzes overview",
    urls.FORMATS: "the File formats page",
}
SITE_FILES = {urls.BOOKLET_PDF: "the booklet of all checklists"}


@dataclass(frozen=True)
class Claim:
    """One output someone asks for: what it is and where that is declared (no document: built in)."""

    what: str
    document: YamlDocument | None = None
    path: tuple = ()

    def where(self) -> str:
        """`content/chapters/x.yml:3` or nothing, for a message that names the other claimant."""
        if self.document is None:
            return ""
        return f" ({self.document.path}:{self.document.position(self.path)[0]})"


def output_files(src: str) -> set[str]:
    """The files a page or file of source path `src` is written to, under either URL style."""
    return {urls.Urls(directory_urls=style).output_file(src) for style in (False, True)}


def claims(loaded: Loaded, hand_written: Mapping[str, str]) -> Iterator[tuple[str, Claim]]:
    """(source path, claim) of every page and file the content and the site ask for, in reading order."""
    for src, what in SITE_PAGES.items():
        yield src, Claim(what)
    for src, what in SITE_FILES.items():
        yield src, Claim(what)
    for src, shown in sorted(hand_written.items()):
        yield src, Claim(f"the hand-written page {shown}")
    chapter_of: dict[str, str] = {}
    for document, chapter in loaded.of_kind("chapter"):
        yield urls.chapter_page(chapter.id), Claim(f"chapter '{chapter.id}'", document, ("id",))
        for guide_id in chapter.guides:
            chapter_of.setdefault(guide_id, chapter.id)
    for document, guide in loaded.of_kind("guide"):
        if guide.id in chapter_of:
            yield urls.guide_page(chapter_of[guide.id], guide.id), Claim(f"guide '{guide.id}'", document, ("id",))
    for document, checklist in loaded.of_kind("checklist"):
        claim = Claim(f"checklist '{checklist.id}'", document, ("id",))
        yield urls.checklist_page(checklist.id), claim
        yield urls.checklist_pdf(checklist.id), Claim(f"the PDF of checklist '{checklist.id}'", document, ("id",))
    for document, quiz in loaded.of_kind("quiz"):
        yield urls.quiz_page(quiz.id), Claim(f"quiz '{quiz.id}'", document, ("id",))
        if isinstance(quiz, models.Quiz):
            for export in (urls.quiz_export_gift(quiz.id), urls.quiz_export_qti(quiz.id)):
                yield export, Claim(f"an export of quiz '{quiz.id}'", document, ("id",))


def clashes(loaded: Loaded, hand_written: Mapping[str, str] | None = None) -> Iterator[Problem]:
    """A problem for each output that a second claimant would overwrite.

    `hand_written` maps the source path of each page the generator already has (MkDocs' docs
    folder) to how to name it, e.g. `authors/index.md` → `pages/authors/index.md`.
    """
    owner: dict[str, Claim] = {}
    for src, claim in claims(loaded, hand_written or {}):
        for output in sorted(output_files(src)):
            first = owner.setdefault(output, claim)
            if first is claim:
                continue
            if claim.document is None or claim.what == first.what:
                # Built-in and hand-written pages are MkDocs' to compare; two files with the same id
                # are already reported as a duplicate id.
                continue
            line, column = claim.document.position(claim.path)
            yield Problem(claim.document.path, line, column, dotted(claim.path),
                          f"{claim.what} would be written to {output}, which is already {first.what}"
                          f"{first.where()}; choose another id")
            break
