"""Where `export -o DIR` and `import-gift -o FILE` write: every kind of bad path, atomic files, normal permissions.

Each refusal is one line naming the path and what to do, exit status 2, and nothing in
the folder afterwards: neither the file nor a temporary one. Tests run as root here, where
a read-only folder does not stop writes; those failures are made real by a path under a
file and by making the write itself fail, and the chmod test runs wherever it means something.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import ROOT

from build_tools.__main__ import main
from build_tools.lms import output
from build_tools.lms.output import PathError, write_export

FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
BANK = "// A small bank.\n::Plan:: What comes first? {=A plan ~Code}\n\n::Sun:: The sun is a star. {T}\n"
AS_ROOT = ("running as root, which writes into a read-only folder anyway (the failed-write tests cover this "
           "path); `unshare --user` runs it without root's rights")


def export(out: Path | str, *extra: str) -> int:
    return main(["export", "--format", "gift", "--root", str(FIXTURE), "-o", str(out), *extra])


def import_gift(source: Path | str, out: Path | str, *extra: str) -> int:
    return main(["import-gift", str(source), "-o", str(out), *extra])


def listing(folder: Path) -> list[str]:
    """Every name in the folder, hidden ones too (a temporary file starts with a dot)."""
    return sorted(path.name for path in folder.iterdir())


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    """Set the process's umask for one test, and put the old one back."""
    previous = os.umask(0o022)
    yield os.umask
    os.umask(previous)


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    source = tmp_path / "bank.gift"
    source.write_text(BANK, encoding="utf-8")
    return source


def fail_rename(monkeypatch) -> None:
    def refuse(source, target):  # what a read-only folder does to a non-root user
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(output.os, "replace", refuse)


def fail_writing(monkeypatch) -> None:
    """The disk fills up while the temporary file is being written."""
    real = output.os.fdopen

    class Full:
        def __init__(self, stream):
            self.stream = stream

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def fileno(self):
            return self.stream.fileno()

        def write(self, data):
            self.stream.write(data[:10])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fdopen", lambda handle, mode: Full(real(handle, mode)))


# --- export -o DIR ------------------------------------------------------------------------


def test_export_into_a_file_is_refused(tmp_path: Path, capsys) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine", encoding="utf-8")
    assert export(file) == 2
    assert capsys.readouterr().err == (f"{file}: is a file; give -o a folder for the exported files; "
                                       "nothing was written\n")
    assert file.read_text(encoding="utf-8") == "mine" and listing(tmp_path) == ["notes.txt"]


def test_export_under_a_file_is_refused(tmp_path: Path, capsys) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine", encoding="utf-8")
    assert export(file / "sub") == 2
    assert capsys.readouterr().err == (f"{file / 'sub'}: {file} is a file, not a folder; choose another path; "
                                       "nothing was written\n")
    assert listing(tmp_path) == ["notes.txt"]


def test_export_creates_its_folder_but_never_a_missing_parent(tmp_path: Path, capsys, umask) -> None:
    target = tmp_path / "typo" / "exports"
    assert export(target) == 2
    assert capsys.readouterr().err == (f"{target}: the folder {tmp_path / 'typo'} does not exist; create it first "
                                       "or check the path; nothing was written\n")
    assert listing(tmp_path) == []
    assert export(tmp_path / "exports") == 0
    assert capsys.readouterr().out == f"wrote {tmp_path / 'exports' / 'sample-quiz.gift'} (3 questions)\n"
    assert listing(tmp_path / "exports") == ["sample-quiz.gift"]
    assert mode(tmp_path / "exports") == 0o755


def test_export_refuses_to_replace_a_file_without_force(tmp_path: Path, capsys) -> None:
    gift = tmp_path / "sample-quiz.gift"
    gift.write_text("an older export", encoding="utf-8")
    gift.chmod(0o640)
    assert export(tmp_path) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (f"{gift}: already exists; pass --force to replace it or choose another folder; "
                                    "nothing was written")
    assert "Traceback" not in err
    assert gift.read_text(encoding="utf-8") == "an older export" and listing(tmp_path) == ["sample-quiz.gift"]
    assert export(tmp_path, "--force") == 0
    assert gift.read_text(encoding="utf-8").startswith("// Client Craft quiz: Check the basics")
    assert mode(gift) == 0o640  # as open() would have left it: a replaced file keeps its permissions
    assert listing(tmp_path) == ["sample-quiz.gift"]


def test_export_names_every_file_already_there(tmp_path: Path) -> None:
    for name in ("a.gift", "b.gift"):
        (tmp_path / name).write_text("old", encoding="utf-8")
    with pytest.raises(PathError) as refused:
        write_export(tmp_path, "exports", {"a.gift": b"new", "b.gift": b"new", "c.gift": b"new"})
    assert str(refused.value) == ("exports: 2 of the files already exist (a.gift, b.gift); pass --force to replace "
                                  "them or choose another folder; nothing was written")
    assert listing(tmp_path) == ["a.gift", "b.gift"]


def test_export_over_a_folder_of_the_same_name_is_refused_even_with_force(tmp_path: Path, capsys) -> None:
    (tmp_path / "sample-quiz.gift").mkdir()
    assert export(tmp_path, "--force") == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{tmp_path / 'sample-quiz.gift'}: is a folder; remove it or choose another folder for the exported files; "
        "nothing was written")
    assert listing(tmp_path) == ["sample-quiz.gift"] and listing(tmp_path / "sample-quiz.gift") == []


@pytest.mark.parametrize("failure", [fail_rename, fail_writing])
def test_export_that_cannot_write_leaves_no_file_and_no_temporary_file(tmp_path: Path, capsys, monkeypatch,
                                                                      failure) -> None:
    failure(monkeypatch)
    reason = "Permission denied" if failure is fail_rename else "No space left on device"
    existing = tmp_path / "existing"
    existing.mkdir()
    assert export(existing) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{existing / 'sample-quiz.gift'}: cannot write there ({reason}); choose a folder you can write to; "
        "nothing was written")
    assert listing(existing) == []
    # A folder the export created for the files goes again with them.
    assert export(tmp_path / "new") == 2
    capsys.readouterr()
    assert listing(tmp_path) == ["existing"]


def test_export_that_fails_half_way_says_what_it_wrote(tmp_path: Path, monkeypatch) -> None:
    real = output.os.replace

    def second_fails(source, target):
        if Path(target).name == "b.gift":
            raise PermissionError(13, "Permission denied")
        real(source, target)

    monkeypatch.setattr(output.os, "replace", second_fails)
    with pytest.raises(PathError) as refused:
        write_export(tmp_path, "exports", {"a.gift": b"a", "b.gift": b"b", "c.gift": b"c"})
    assert str(refused.value) == ("exports/b.gift: cannot write there (Permission denied); choose a folder you can "
                                  "write to; only a.gift was written")
    assert listing(tmp_path) == ["a.gift"]


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """An empty folder nobody may write into, made writable again afterwards so it can be removed."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


@pytest.mark.skipif(os.geteuid() == 0, reason=AS_ROOT)
def test_export_into_a_read_only_folder(read_only_folder: Path, capsys) -> None:
    folder = read_only_folder
    assert export(folder) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{folder / 'sample-quiz.gift'}: cannot write there (Permission denied); choose a folder you can write "
        "to; nothing was written")
    assert listing(folder) == []


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_exported_files_get_the_mode_open_would_give(tmp_path: Path, umask, mask: int, expected: int) -> None:
    umask(mask)
    assert export(tmp_path) == 0
    reference = tmp_path / "reference.txt"
    with open(reference, "w", encoding="utf-8") as stream:
        stream.write("made by open()")
    assert mode(tmp_path / "sample-quiz.gift") == mode(reference) == expected


# --- import-gift -o FILE ------------------------------------------------------------------


def test_import_into_a_folder_is_refused_with_a_file_name_to_use(tmp_path: Path, bank: Path, capsys) -> None:
    folder = tmp_path / "quizzes"
    folder.mkdir()
    assert import_gift(bank, folder) == 2
    assert capsys.readouterr().err == (f"{folder}: is a folder; give -o the quiz file to write in it, e.g. "
                                       f"{folder / 'bank.yml'}; nothing was written\n")
    assert listing(folder) == []


def test_import_into_a_missing_folder_does_not_create_it(tmp_path: Path, bank: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert import_gift("bank.gift", "quizes/new-bank.yml") == 2
    assert capsys.readouterr().err == ("quizes/new-bank.yml: the folder quizes does not exist; create it first or "
                                       "check the path; nothing was written\n")
    assert listing(tmp_path) == ["bank.gift"]


def test_import_under_a_file_is_refused(tmp_path: Path, bank: Path, capsys) -> None:
    assert import_gift(bank, bank / "new-bank.yml") == 2
    assert capsys.readouterr().err == (f"{bank / 'new-bank.yml'}: {bank} is a file, not a folder; choose another "
                                       "path; nothing was written\n")
    assert listing(tmp_path) == ["bank.gift"]


def test_import_refuses_to_replace_a_file_without_force(tmp_path: Path, bank: Path, capsys) -> None:
    target = tmp_path / "new-bank.yml"
    target.write_text("# my edits\n", encoding="utf-8")
    target.chmod(0o664)
    assert import_gift(bank, target) == 2
    assert capsys.readouterr().err == (f"{target}: already exists; choose another name or pass --force to replace "
                                       "it; nothing was written\n")
    assert target.read_text(encoding="utf-8") == "# my edits\n"
    assert import_gift(bank, target, "--force") == 0
    assert capsys.readouterr().out.startswith(f"wrote {target}: 2 questions imported.")
    assert mode(target) == 0o664 and listing(tmp_path) == ["bank.gift", "new-bank.yml"]


@pytest.mark.parametrize("failure", [fail_rename, fail_writing])
def test_import_that_cannot_write_leaves_no_file_and_no_temporary_file(tmp_path: Path, bank: Path, capsys,
                                                                      monkeypatch, failure) -> None:
    failure(monkeypatch)
    reason = "Permission denied" if failure is fail_rename else "No space left on device"
    target = tmp_path / "new-bank.yml"
    assert import_gift(bank, target) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{target}: cannot write there ({reason}); choose a folder you can write to; nothing was written")
    assert listing(tmp_path) == ["bank.gift"]


@pytest.mark.skipif(os.geteuid() == 0, reason=AS_ROOT)
def test_import_into_a_read_only_folder(read_only_folder: Path, bank: Path, capsys) -> None:
    folder = read_only_folder
    assert import_gift(bank, folder / "new-bank.yml") == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"{folder / 'new-bank.yml'}: cannot write there (Permission denied); choose a folder you can write to; "
        "nothing was written")
    assert listing(folder) == []


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o027, 0o640)])
def test_imported_file_gets_the_mode_open_would_give(tmp_path: Path, bank: Path, umask, mask: int,
                                                     expected: int) -> None:
    umask(mask)
    target = tmp_path / "new-bank.yml"
    assert import_gift(bank, target) == 0
    reference = tmp_path / "reference.txt"
    with open(reference, "w", encoding="utf-8") as stream:
        stream.write("made by open()")
    assert mode(target) == mode(reference) == expected


def test_import_from_a_folder_or_an_unreadable_file_is_refused(tmp_path: Path, bank: Path, capsys,
                                                               monkeypatch) -> None:
    target = tmp_path / "new-bank.yml"
    assert import_gift(tmp_path, target) == 2
    assert capsys.readouterr().err == f"{tmp_path}: is a folder; give the GIFT file to import\n"
    assert import_gift(tmp_path / "nothing.gift", target) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'nothing.gift'}: no such file\n"

    pipe = tmp_path / "pipe.gift"
    os.mkfifo(pipe)
    assert import_gift(pipe, target) == 2  # at once: reading a named pipe would wait for a writer
    assert capsys.readouterr().err == (f"{pipe}: is not a regular file (a named pipe, socket or device); give the "
                                       "GIFT file to import\n")
    pipe.unlink()

    def unreadable(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    assert import_gift(bank, target) == 2
    assert capsys.readouterr().err == (f"{bank}: cannot read it (Permission denied); check its permissions; "
                                       "nothing was written\n")
    assert listing(tmp_path) == ["bank.gift"]
