"""The one table of content file kinds: where each lives and which model reads it.

Loading, the stray-file check, reference hints, the editor schemas and the "File formats" page
all read this table, so a new kind of file (or a moved folder) is declared once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import models


@dataclass(frozen=True)
class FileKind:
    """A kind of content file."""

    name: str
    """Short name used in schemas and messages: `guide`."""
    pattern: str
    """Where the files live, relative to the project root: `content/guides/*.yml`."""
    model: Any
    """The model (or tagged union) that reads one file."""
    plural: str
    """What the folder holds, for messages: `guides`."""
    required: bool = True
    """Whether a playbook must have this folder (or file): a site without guides is a mistake."""

    @property
    def folder(self) -> str:
        """The folder of the files: `content/guides`."""
        return self.pattern.rsplit("/", 1)[0]

    @property
    def single_file(self) -> bool:
        """True for a kind with one fixed file (the sources registry), not one file per id."""
        return "*" not in self.pattern

    def file_of(self, file_id: str) -> str:
        """The file that declares `file_id`: `content/guides/plan-first.yml`."""
        return self.pattern.replace("*", file_id)


# In reading order: the sources first, since every guide cites them.
FILE_KINDS: tuple[FileKind, ...] = (
    FileKind("sources", "content/sources.yml", models.SourcesFile, "the sources registry"),
    FileKind("contested", "content/contested.yml", models.ContestedFile, "the contested advice", required=False),
    FileKind("chapter", "content/chapters/*.yml", models.Chapter, "chapters"),
    FileKind("guide", "content/guides/*.yml", models.Guide, "guides"),
    FileKind("checklist", "content/checklists/*.yml", models.Checklist, "checklists", required=False),
    FileKind("quiz", "quizzes/*.yml", models.QuizFile, "quizzes and self-assessments"),
    FileKind("changes", "content/changes.yml", models.ChangesFile, "the change log", required=False),
)
KIND: dict[str, FileKind] = {kind.name: kind for kind in FILE_KINDS}
# The top-level folders an author edits; `mkdocs serve` watches them.
SOURCE_FOLDERS: tuple[str, ...] = tuple(dict.fromkeys(kind.pattern.split("/", 1)[0] for kind in FILE_KINDS))
CONTENT_FILE_SUFFIX = ".yml"


def where_files_go() -> str:
    """One sentence telling where each kind of file belongs, for messages about misplaced files."""
    places = [f"{kind.plural} in {kind.folder}/" for kind in FILE_KINDS if not kind.single_file]
    return "put " + ", ".join(places[:-1]) + " and " + places[-1]
