"""Find the content files, read them and turn each into its typed model.

Every problem is collected (never raised on the first one) so an author with five
mistakes sees five messages in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problem
from .kinds import CONTENT_FILE_SUFFIX, FILE_KINDS, SOURCE_FOLDERS, where_files_go
from .model_errors import validate_document
from .yamlfile import YamlDocument, YamlProblem, read_yaml

# Folders that hold one file per id; a `.yml` file anywhere else under the source folders is not read.
_FILE_FOLDERS = {kind.folder for kind in FILE_KINDS if not kind.single_file}
_SINGLE_FILES = {kind.pattern for kind in FILE_KINDS if kind.single_file}


@dataclass
class Loaded:
    """Every file that could be read, as a model, with its document for locating problems."""

    root: Path
    entries: list[tuple[str, YamlDocument, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Ids (and file names) of the files of each kind that could not be read. Their own problems
    # are reported; cross-file rules do not report every reference to them again.
    unreadable: dict[str, set[str]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[tuple[YamlDocument, Any]]:
        """(document, model) pairs of one kind, in file-name order."""
        return [(doc, model) for entry_kind, doc, model in self.entries if entry_kind == kind]


def load(root: Path) -> Loaded:
    """Read and validate every content file under `root`, one model per file."""
    loaded = Loaded(root)
    if not (root / "content").is_dir():
        # Almost always a wrong --root or working folder, not a missing sources file.
        loaded.problems.append(Problem("content/", 1, 1, "", f"no content/ folder in {root}; run this from the "
                                                             f"project folder, or point --root at it"))
        return loaded
    for file_kind in FILE_KINDS:
        kind, pattern, model_type = file_kind.name, file_kind.pattern, file_kind.model
        files = sorted(root.glob(pattern))
        if file_kind.single_file and not files:
            loaded.unreadable[kind] = {kind}  # so every cited point is not reported missing too
            loaded.problems.append(Problem(pattern, 1, 1, "", "the sources registry is missing; create the file "
                                                              "with `schema_version: 1` and a `sources:` list"))
        for file in files:
            display = file.relative_to(root).as_posix()
            try:
                document = read_yaml(file, display)
            except YamlProblem as error:
                loaded.problems.append(error.problem)
                loaded.unreadable.setdefault(kind, set()).add(file.stem)
                continue
            model, problems = validate_document(document, model_type)
            loaded.problems.extend(problems)
            if model is not None:
                loaded.entries.append((kind, document, model))
            else:
                names = loaded.unreadable.setdefault(kind, set())
                names.add(file.stem)
                if isinstance(document.data, dict) and isinstance(document.data.get("id"), str):
                    names.add(document.data["id"])
    loaded.problems.extend(_stray_files(root))
    return loaded


def _stray_files(root: Path) -> list[Problem]:
    """A `.yaml` file or a file in an unknown folder would be silently ignored: say so."""
    problems = []
    for folder in SOURCE_FOLDERS:
        for file in sorted((root / folder).rglob("*")):
            if not file.is_file() or file.name.startswith("."):
                continue
            relative = file.relative_to(root).as_posix()
            parent = file.parent.relative_to(root).as_posix()
            if file.suffix == ".yaml":
                problems.append(Problem(relative, 1, 1, "", f"this file is not read: content files end in .yml; "
                                                            f"rename it to {file.stem}.yml"))
            elif file.suffix == CONTENT_FILE_SUFFIX and parent not in _FILE_FOLDERS and relative not in _SINGLE_FILES:
                problems.append(Problem(relative, 1, 1, "", f"this file is not read: {where_files_go()}"))
    return problems
