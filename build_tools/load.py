"""Find the content files, read them and turn each into its typed model.

Every problem is collected (never raised on the first one) so an author with five
mistakes sees five messages in one run.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problem
from .kinds import CONTENT_FILE_SUFFIX, FILE_KINDS, SOURCE_FOLDERS, FileKind, where_files_go
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
    loaded.problems.extend(_missing_folders(root))
    for file_kind in FILE_KINDS:
        kind = file_kind.name
        files, problems = content_files(root, file_kind)
        loaded.problems.extend(problems)
        if problems:
            loaded.unreadable.setdefault(kind, set()).update(Path(p.path).stem for p in problems)
        if file_kind.single_file and file_kind.required and not files and not problems:
            loaded.unreadable[kind] = {kind}  # so every cited point is not reported missing too
            loaded.problems.append(Problem(file_kind.pattern, 1, 1, "", "the sources registry is missing; create "
                                           "the file with `schema_version: 1` and a `sources:` list"))
        elif file_kind.single_file and problems:
            loaded.unreadable[kind] = {kind}
        for file in files:
            display = file.relative_to(root).as_posix()
            try:
                document = read_yaml(file, display)
            except YamlProblem as error:
                loaded.problems.append(error.problem)
                loaded.unreadable.setdefault(kind, set()).add(file.stem)
                continue
            model, problems = validate_document(document, file_kind.model)
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


def is_editor_temporary(name: str) -> bool:
    """True for files editors leave beside the ones being edited, which the build skips without a word.

    Emacs lock links (`.#guide.yml`) and auto-saves (`#guide.yml#`), backups (`guide.yml~`), and any
    hidden file (`.guide.yml.swp` of Vim, `.~lock.guide.yml#` of LibreOffice): none is content.
    """
    return name.startswith((".", "#")) or name.endswith(("~", "#"))


def content_files(root: Path, file_kind: FileKind) -> tuple[list[Path], list[Problem]]:
    """The readable files of one kind, in name order, and a problem for each entry that is not one.

    Nothing here opens a file: a named pipe would block the build, and a link out of the project
    must be refused without reading what it points to.
    """
    if file_kind.single_file:
        candidate = root / file_kind.pattern
        names = [candidate.name] if os.path.lexists(candidate) else []
        folder = candidate.parent
    else:
        folder = root / file_kind.folder
        try:
            names = sorted(entry.name for entry in os.scandir(folder)
                           if entry.name.endswith(CONTENT_FILE_SUFFIX) and not is_editor_temporary(entry.name))
        except OSError:
            return [], []  # a missing or unreadable folder is reported once, by _missing_folders
    files, problems = [], []
    for name in names:
        path = folder / name
        problem = _not_a_content_file(root, path)
        if problem:
            problems.append(Problem(path.relative_to(root).as_posix(), 1, 1, "", problem))
        else:
            files.append(path)
    return files, problems


def _not_a_content_file(root: Path, path: Path) -> str | None:
    """Why `path` cannot be read as a content file, or None when it can."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            return "is a symbolic link to a file that does not exist; remove the link or restore its target"
        except (RuntimeError, OSError) as error:  # a loop: Python raises RuntimeError or ELOOP
            if isinstance(error, OSError) and error.errno != errno.ELOOP:
                return f"cannot be read ({error.strerror}); check the file and its permissions"
            return "is a symbolic link that leads back to itself (a loop); remove it"
        if not target.is_relative_to(root.resolve()):
            return ("is a symbolic link to a file outside the project, which the build does not read; copy the "
                    "file into the project instead")
    try:
        info = path.stat()
    except OSError as error:
        return f"cannot be read ({error.strerror}); check the file and its permissions"
    if stat.S_ISDIR(info.st_mode):
        return f"is a folder, not a file; content files are YAML files, so rename the folder (no {CONTENT_FILE_SUFFIX})"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a named pipe, socket or device); remove it"
    if not os.access(path, os.R_OK):
        return "cannot be read (permission denied); check the file's permissions"
    return None


def _missing_folders(root: Path) -> list[Problem]:
    """Each folder a kind of file lives in must exist: an empty playbook is a mistake, not a site."""
    problems = []
    for folder in dict.fromkeys(kind.folder for kind in FILE_KINDS):
        path = root / folder
        needed = any(kind.required for kind in FILE_KINDS if kind.folder == folder)
        if path.is_dir() or not (needed or path.exists() or path.is_symlink()):
            continue
        what = ", ".join(kind.plural for kind in FILE_KINDS if kind.folder == folder and not kind.single_file)
        if path.exists() or path.is_symlink():
            message = f"is not a folder; {folder}/ must be a folder holding the {what}"
        else:
            message = f"no {folder}/ folder in {root}; create it and put the {what} in it"
        problems.append(Problem(f"{folder}/", 1, 1, "", message))
    return problems


def _stray_files(root: Path) -> list[Problem]:
    """A `.yaml` file or a file in an unknown folder would be silently ignored: say so."""
    problems = []
    for folder in SOURCE_FOLDERS:
        # os.walk does not follow links to folders, so a link loop cannot trap it.
        for directory, subfolders, names in os.walk(root / folder):
            subfolders[:] = sorted(name for name in subfolders if not is_editor_temporary(name))
            parent = Path(directory).relative_to(root).as_posix()
            for name in sorted(names):
                if is_editor_temporary(name):
                    continue
                relative = f"{parent}/{name}"
                stem, suffix = os.path.splitext(name)
                if suffix == ".yaml":
                    problems.append(Problem(relative, 1, 1, "", f"this file is not read: content files end in .yml; "
                                                                f"rename it to {stem}.yml"))
                elif suffix == CONTENT_FILE_SUFFIX and parent not in _FILE_FOLDERS and relative not in _SINGLE_FILES:
                    problems.append(Problem(relative, 1, 1, "", f"this file is not read: {where_files_go()}"))
    return problems
