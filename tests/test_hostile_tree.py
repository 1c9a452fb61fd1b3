"""The file system as it really is: links, loops, pipes, editors' leftovers and ids that take another's place.

Each case runs `python -m build_tools check` in a child process, as an author would, with a
ceiling on its run time: a build that hangs (a named pipe opened for reading would) fails
instead of blocking the suite. Every message is compared exactly.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

from benchmarks.synth import english_only
from build_tools import load
from build_tools.errors import ContentError
from build_tools.project import build_project

FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
GUIDES = "content/guides"


def fixture_copy(tmp_path: Path, *, with_pages: bool = False) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root, symlinks=True)
    if with_pages:  # the hand-written pages and the mkdocs.yml that names their folder
        shutil.copytree(ROOT / "pages", root / "pages")
        shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        english_only(root / "mkdocs.yml")  # no catalogs here: the English edition only
    return root


def check(root: Path) -> tuple[int, list[str]]:
    """Exit status and output lines of `check` on `root` (the count line aside)."""
    done = subprocess.run([sys.executable, "-m", "build_tools", "check", "--root", str(root)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    return done.returncode, [line for line in output.splitlines() if not re.match(r"\d+ problems? found", line)]


def test_editors_leftovers_are_skipped(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    guides = root / GUIDES
    os.symlink("someone@laptop.4242:1700000000", guides / ".#plan-the-work.yml")  # Emacs lock: a dangling link
    (guides / "#plan-the-work.yml#").write_text("half-saved: [", encoding="utf-8")  # Emacs auto-save
    (guides / "plan-the-work.yml~").write_text("old: copy", encoding="utf-8")  # backup
    (guides / ".plan-the-work.yml.swp").write_bytes(b"\x00\x01vim swap")  # Vim
    (guides / ".~lock.plan-the-work.yml#").write_text("LibreOffice lock", encoding="utf-8")
    status, lines = check(root)
    assert status == 0, lines
    assert lines[0].startswith("Content is valid.")


@pytest.mark.parametrize(("make", "message"), [
    (lambda g: os.symlink("missing.yml", g / "gone.yml"),
     "content/guides/gone.yml:1:1: is a symbolic link to a file that does not exist; remove the link or restore its "
     "target"),
    (lambda g: (os.symlink("loop-b.yml", g / "loop-a.yml"), os.symlink("loop-a.yml", g / "loop-b.yml")),
     "content/guides/loop-a.yml:1:1: is a symbolic link that leads back to itself (a loop); remove it"),
    (lambda g: (g / "notes.yml").mkdir(),
     "content/guides/notes.yml:1:1: is a folder, not a file; content files are YAML files, so rename the folder "
     "(no .yml)"),
    (lambda g: os.mkfifo(g / "pipe.yml"),
     "content/guides/pipe.yml:1:1: is not a regular file (a named pipe, socket or device); remove it"),
], ids=["dangling-link", "link-loop", "folder", "named-pipe"])
def test_an_entry_that_is_not_a_file_gets_one_line(tmp_path: Path, make, message: str) -> None:
    root = fixture_copy(tmp_path)
    make(root / GUIDES)
    status, lines = check(root)
    assert status == 1
    assert message in lines
    assert len([line for line in lines if "loop-b" not in line]) == 1, lines


def test_a_link_out_of_the_project_is_refused_unread(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "credentials.yml"
    secret.parent.mkdir()
    secret.write_text("schema_version: 1\nid: s3cr3t-token-value\n", encoding="utf-8")
    root = fixture_copy(tmp_path)
    os.symlink(secret, root / GUIDES / "credentials.yml")
    status, lines = check(root)
    assert status == 1
    assert lines == ["content/guides/credentials.yml:1:1: is a symbolic link to a file outside the project, which "
                     "the build does not read; copy the file into the project instead"]


def test_a_file_that_is_not_content_is_never_echoed(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    (root / GUIDES / "id_rsa.yml").write_text(
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
        "-----END OPENSSH PRIVATE KEY-----\n", encoding="utf-8")
    status, lines = check(root)
    assert status == 1
    assert lines == ["content/guides/id_rsa.yml:1:1: expected a mapping of fields (`name: value` lines, starting "
                     "with `schema_version: 1`), found text"]


def test_a_file_that_cannot_be_read_gets_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root every file is readable, so the refusal of the operating system is played here.
    root = fixture_copy(tmp_path)
    target = root / GUIDES / "plan-the-work.yml"
    real_access = os.access
    monkeypatch.setattr(load.os, "access", lambda path, mode: real_access(path, mode) and Path(path) != target)
    with pytest.raises(ContentError) as caught:
        build_project(root)
    lines = [str(p) for p in caught.value.problems]
    assert "content/guides/plan-the-work.yml:1:1: cannot be read (permission denied); check the file's permissions" \
        in lines


@pytest.mark.parametrize(("folder", "message"), [
    ("quizzes", "quizzes/:1:1: no quizzes/ folder in {root}; create it and put the quizzes and self-assessments in it"),
    ("content/guides", "content/guides/:1:1: no content/guides/ folder in {root}; create it and put the guides in it"),
])
def test_a_missing_folder_is_an_error(tmp_path: Path, folder: str, message: str) -> None:
    root = fixture_copy(tmp_path)
    shutil.rmtree(root / folder)
    status, lines = check(root)
    assert status == 1
    assert message.format(root=root) in lines


def test_a_file_where_a_folder_belongs_is_an_error(tmp_path: Path) -> None:
    root = fixture_copy(tmp_path)
    shutil.rmtree(root / "quizzes")
    (root / "quizzes").write_text("not a folder\n", encoding="utf-8")
    status, lines = check(root)
    assert status == 1
    assert "quizzes/:1:1: is not a folder; quizzes/ must be a folder holding the quizzes and self-assessments" in lines


def with_checklist_items(tmp_path: Path, count: int) -> Path:
    """The fixture with `count` items in the first section of its checklist."""
    root = fixture_copy(tmp_path)
    checklist = root / "content/checklists/kickoff.yml"
    head = checklist.read_text(encoding="utf-8").split("    items:\n")[0]
    checklist.write_text(head + "    items:\n" + "".join(
        f"      - id: item-{n}\n        text: Item {n}\n        guide: plan-the-work\n" for n in range(count)),
        encoding="utf-8")
    return root


def test_a_checklist_of_ten_thousand_items_is_refused_at_once(tmp_path: Path) -> None:
    status, lines = check(with_checklist_items(tmp_path, 10_000))
    assert status == 1
    assert lines == ["content/checklists/kickoff.yml:10003:9: the file holds more than 20,000 values; split it into "
                     "several files"]


def test_a_long_list_gets_its_limit(tmp_path: Path) -> None:
    status, lines = check(with_checklist_items(tmp_path, 11))
    assert status == 1
    assert lines == ["content/checklists/kickoff.yml:10:7: sections[0].items: allows at most 10 entries, found 11"]


# --- ids that would take another page's place -------------------------------------------


def rename(root: Path, folder: str, old: str, new: str) -> None:
    """Give the file `folder/old.yml` the id `new`, and every reference to it in the project too."""
    (root / folder / f"{old}.yml").rename(root / folder / f"{new}.yml")
    for path in root.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, text), encoding="utf-8")


@pytest.mark.parametrize(("folder", "old", "new", "message"), [
    ("content/chapters", "basics", "checklists",
     "content/chapters/checklists.yml:3:5: id: chapter 'checklists' would be written to checklists/index.html, "
     "which is already the checklists overview; choose another id"),
    ("content/chapters", "basics", "quizzes",
     "content/chapters/quizzes.yml:3:5: id: chapter 'quizzes' would be written to quizzes/index.html, which is "
     "already the quizzes overview; choose another id"),
    ("content/chapters", "basics", "authors",
     "content/chapters/authors.yml:3:5: id: chapter 'authors' would be written to authors/index.html, which is "
     "already the hand-written page pages/authors/index.md; choose another id"),
    ("content/guides", "plan-the-work", "index",
     "content/guides/index.yml:3:5: id: guide 'index' would be written to basics/index.html, which is already "
     "chapter 'basics' (content/chapters/basics.yml:3); choose another id"),
    ("content/checklists", "kickoff", "index",
     "content/checklists/index.yml:3:5: id: checklist 'index' would be written to checklists/index.html, which is "
     "already the checklists overview; choose another id"),
    ("content/checklists", "kickoff", "client-craft-checklists",
     "content/checklists/client-craft-checklists.yml:3:5: id: the PDF of checklist 'client-craft-checklists' would "
     "be written to checklists/pdf/client-craft-checklists.pdf, which is already the booklet of all checklists; "
     "choose another id"),
    ("quizzes", "sample-quiz", "index",
     "quizzes/index.yml:4:5: id: quiz 'index' would be written to quizzes/index.html, which is already the quizzes "
     "overview; choose another id"),
], ids=["chapter-checklists", "chapter-quizzes", "chapter-authors", "guide-index", "checklist-index",
        "checklist-booklet", "quiz-index"])
def test_an_id_that_takes_another_pages_place(tmp_path: Path, folder: str, old: str, new: str, message: str) -> None:
    root = fixture_copy(tmp_path, with_pages=True)
    rename(root, folder, old, new)
    status, lines = check(root)
    assert status == 1
    assert lines == [message]


def test_a_chapter_named_like_a_page_clashes_under_directory_urls(tmp_path: Path) -> None:
    # `sources.md` is `sources/` with directory URLs, which is also where chapter `sources` would go.
    root = fixture_copy(tmp_path)
    rename(root, "content/chapters", "basics", "sources")
    status, lines = check(root)
    assert status == 1
    assert lines == ["content/chapters/sources.yml:3:5: id: chapter 'sources' would be written to "
                     "sources/index.html, which is already the Sources page; choose another id"]
