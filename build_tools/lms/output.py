"""Where `export` and `import-gift` write: checked paths, whole files or none, the user's own permissions.

Every path is checked before anything is written, and every file is written next to its
target under a hidden temporary name, then renamed into place; on any failure the temporary
files go again, so a folder never holds half a file or a stray `.tmp`. `tempfile` creates
files readable by their owner only (0600); ours get the mode `open()` would give them: the
replaced file's own mode, or 0666 without the bits of the user's umask.

- `PathError`: a path the command cannot use; its message names the path and what to do.
- `file_mode`: the permissions `open()` would give a file written at a path.
- `check_export_folder`: refuse an export folder that cannot take the files.
- `write_export`: write an export's files into its folder, all or none.
- `check_import_target`: refuse a quiz file path that cannot take the import.
- `write_import`: write an imported quiz file, whole or not at all.
- `read_source`: the bytes of the file to import, or a `PathError` saying why not.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from ..permissions import current_umask

NOTHING = "nothing was written"


class PathError(Exception):
    """A path the command cannot use (exit status 2); the message names it and what to do."""


def file_mode(path: Path) -> int:
    """The permissions `open(path, "w")` would give: those of the file it replaces, else 0666 minus the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def _kind(path: Path, shown: str) -> str:
    """What is at `path`: "missing", "folder" or "file" (anything else); a path it cannot look at is refused."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError as error:
        raise PathError(f"{shown}: cannot reach it ({error.strerror or error}); check the path and the "
                        f"permissions of its folders; {NOTHING}") from None
    return "folder" if stat.S_ISDIR(mode) else "file"


def _parent(shown: str, path: Path) -> str:
    """The parent of a shown path, as the user would type it."""
    return os.path.dirname(shown.rstrip(os.sep)) or str(path.parent)


def _check_parent(path: Path, shown: str, missing_fix: str) -> None:
    """The folder `path` goes into must exist: a typo must not create stray folders."""
    parent, parent_shown = path.parent, _parent(shown, path)
    kind = _kind(parent, parent_shown)
    if kind == "missing":
        raise PathError(f"{shown}: the folder {parent_shown} does not exist; {missing_fix}; {NOTHING}")
    if kind == "file":
        raise PathError(f"{shown}: {parent_shown} is a file, not a folder; choose another path; {NOTHING}")


def _shown_in(folder_shown: str, name: str) -> str:
    return os.path.join(folder_shown, name)


def check_export_folder(folder: Path, shown: str) -> None:
    """Refuse an export folder that is a file, or that would need more than itself created."""
    kind = _kind(folder, shown)
    if kind == "file":
        raise PathError(f"{shown}: is a file; give -o a folder for the exported files; {NOTHING}")
    if kind == "missing":
        _check_parent(folder, shown, "create it first or check the path")


def _check_export_files(folder: Path, shown: str, names: list[str], force: bool) -> None:
    existing = []
    for name in names:
        kind = _kind(folder / name, _shown_in(shown, name))
        if kind == "folder":
            raise PathError(f"{_shown_in(shown, name)}: is a folder; remove it or choose another folder for "
                            f"the exported files; {NOTHING}")
        if kind == "file":
            existing.append(name)
    if existing and not force:
        if len(existing) == 1:
            raise PathError(f"{_shown_in(shown, existing[0])}: already exists; pass --force to replace it or "
                            f"choose another folder; {NOTHING}")
        raise PathError(f"{shown}: {len(existing)} of the files already exist ({', '.join(existing)}); pass "
                        f"--force to replace them or choose another folder; {NOTHING}")


def _cannot_write(shown: str, error: OSError, written: list[str]) -> PathError:
    done = f"only {', '.join(written)} {'was' if len(written) == 1 else 'were'} written" if written else NOTHING
    return PathError(f"{shown}: cannot write there ({error.strerror or error}); choose a folder you can write to; "
                     f"{done}")


def _stage(target: Path, content: bytes) -> Path:
    """The content in a hidden file beside `target`, with the mode `open()` would give `target`."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            with contextlib.suppress(OSError):  # a file system without modes (FAT) keeps its own
                os.fchmod(stream.fileno(), file_mode(target))
            stream.write(content)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return Path(temporary)


def _write_all(folder: Path, files: dict[str, tuple[bytes, str]]) -> list[Path]:
    """Stage every file (name → content, path as shown), then rename each into place; on failure remove the rest."""
    staged: dict[str, Path] = {}
    written: list[str] = []
    current = ""
    try:
        for name, (content, shown) in files.items():
            current = shown
            staged[name] = _stage(folder / name, content)
        for name, temporary in staged.items():
            current = files[name][1]
            os.replace(temporary, folder / name)
            written.append(name)
    except OSError as error:
        raise _cannot_write(current, error, written) from None
    finally:
        for name, temporary in staged.items():
            if name not in written:
                temporary.unlink(missing_ok=True)
    return [folder / name for name in files]


def write_export(folder: Path, shown: str, files: dict[str, bytes], *, force: bool = False) -> list[Path]:
    """Write `files` (name → bytes) into `folder`, all of them or, on any problem, none.

    The folder is created when its parent exists; an existing file is replaced only with
    `force`. Raises `PathError` naming the path and what to do.
    """
    check_export_folder(folder, shown)
    created = False
    if _kind(folder, shown) == "missing":
        try:
            folder.mkdir()
        except OSError as error:
            raise _cannot_write(shown, error, []) from None
        created = True
    try:
        _check_export_files(folder, shown, list(files), force)
        return _write_all(folder, {name: (content, _shown_in(shown, name)) for name, content in files.items()})
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only while empty: a file renamed into place before a failure stays
        raise


def check_import_target(target: Path, shown: str, *, force: bool = False, name_checked: bool = False,
                        example: str = "my-bank.yml") -> None:
    """Refuse a quiz file path that is a folder, whose folder is missing, or that exists without `force`.

    With `name_checked` false only the folder test runs (it comes before the test of the
    file name, which is a quiz id); the rest runs once the name is known to be good.
    `example` is the file name suggested in the folder when `target` is one.
    """
    kind = _kind(target, shown)
    if kind == "folder":
        raise PathError(f"{shown}: is a folder; give -o the quiz file to write in it, e.g. "
                        f"{_shown_in(shown, example)}; {NOTHING}")
    if not name_checked:
        return
    _check_parent(target, shown, "create it first or check the path")
    if kind == "file" and not force:
        raise PathError(f"{shown}: already exists; choose another name or pass --force to replace it; {NOTHING}")


def write_import(target: Path, shown: str, text: str, *, force: bool = False) -> None:
    """Write the quiz file whole or not at all; raises `PathError` naming the path and what to do."""
    check_import_target(target, shown, force=force, name_checked=True)
    _write_all(target.parent, {target.name: (text.encode("utf-8"), shown)})


def read_source(source: Path, shown: str) -> bytes:
    """The bytes of the file to import; raises `PathError` when it is missing, a folder or unreadable."""
    kind = _kind(source, shown)
    if kind == "missing":
        raise PathError(f"{shown}: no such file")
    if kind == "folder":
        raise PathError(f"{shown}: is a folder; give the GIFT file to import")
    try:
        if not stat.S_ISREG(source.stat().st_mode):  # reading a named pipe would wait for ever
            raise PathError(f"{shown}: is not a regular file (a named pipe, socket or device); give the GIFT file "
                            f"to import")
        return source.read_bytes()
    except OSError as error:
        raise PathError(f"{shown}: cannot read it ({error.strerror or error}); check its permissions; "
                        f"{NOTHING}") from None
