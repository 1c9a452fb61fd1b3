"""The gettext catalogs: what `i18n extract` lists, and how `i18n update` merges like msgmerge."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from support import ROOT

from build_tools.__main__ import main
from build_tools.i18n import catalogs
from build_tools.i18n.check import id_contexts
from build_tools.project import Project

FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
GUIDE = "content/guides/plan-the-work.yml"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the minimal project with its POT and Vietnamese catalogs."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    assert main(["i18n", "update", "vi", "--root", str(root)]) == 0
    return root


def read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def translate(path: Path, translations: dict[str, str]) -> None:
    """Fill in translations as a translator's tool would."""
    catalog = read(path)
    for message in catalog:
        if message.context in translations:
            message.string = translations[message.context]
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=catalogs.LINE_WIDTH)
    path.write_bytes(buffer.getvalue())


def test_the_template_lists_every_text_once_and_nothing_that_is_not_text(project: Project, tmp_path: Path) -> None:
    entries = catalogs.all_entries(ROOT)
    contexts = [entry.context for entry in entries]
    assert len(contexts) == len(set(contexts))
    assert not set(contexts) & id_contexts(project)
    # Every kind of text is there: a guide's step, a phrase, a question's option feedback, a band, the interface.
    guide = next(iter(project.guides.values()))
    english = {entry.context: entry.english for entry in entries}
    assert english[f"content/guides/{guide.id}.yml:steps/0"] == guide.steps[0]
    assert english[f"content/guides/{guide.id}.yml:phrases/0/say"] == guide.phrases[0].say
    quiz = project.quizzes["quiz-choosing-clients"]
    question = quiz.questions[0]
    option = question.options[0]
    assert english[f"quizzes/{quiz.id}.yml:questions/{question.id}/options/{option.id}/text"] == option.text
    assessment = project.quizzes["client-fit"]
    assert english[f"quizzes/client-fit.yml:bands/{assessment.bands[0].id}/label"] == assessment.bands[0].label
    assert english["interface/site:nav.home"] == "Home"
    assert english["interface/config:copyright"].startswith("Client Craft")
    # What is never translated: ids, references, scoring keys, the article's own title and file.
    assert not [c for c in contexts if c.rsplit("/", 1)[-1] in {"id", "guides", "correct", "weight", "document",
                                                                  "title_original", "points", "band", "version"}]


def test_the_committed_template_is_current(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    for part in ("content", "quizzes"):
        shutil.copytree(ROOT / part, copy / part)
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    path, _count = catalogs.extract(copy)
    assert path.read_text(encoding="utf-8") == (ROOT / catalogs.TEMPLATE).read_text(encoding="utf-8"), (
        "locales/client-craft.pot is out of date: run `python -m build_tools i18n extract`")


def test_every_text_carries_where_it_comes_from_and_what_to_keep(tree: Path) -> None:
    template = read(tree / catalogs.TEMPLATE)
    title = next(m for m in template if m.context == f"{GUIDE}:title")
    assert title.locations == [(GUIDE, 5)]  # the line of `title:`
    assert "At most 80 characters." in title.auto_comments
    summary = next(m for m in template if m.context == f"{GUIDE}:summary")
    assert any("keep every [link](target)" in note for note in summary.auto_comments)
    checklist_title = next(m for m in template if m.context == "interface/site:nav.checklist")
    assert any("{placeholder}" in note for note in checklist_title.auto_comments)


def test_update_splits_the_catalog_by_where_texts_live(tree: Path) -> None:
    for domain, start in (("content", "content/"), ("quizzes", "quizzes/"), ("interface", "interface/")):
        contexts = [m.context for m in read(catalogs.po_path(tree, "vi", domain)) if m.id]
        assert contexts and all(context.startswith(start) for context in contexts), domain


def test_update_marks_changed_english_fuzzy_and_removed_texts_obsolete(tree: Path) -> None:
    guide = tree / GUIDE
    original = guide.read_text(encoding="utf-8")
    guide.write_text(original.replace("  - Put a date on each one.\n", "  - Put a date on each one.\n"
                                                                      "  - Send the plan to the client.\n"),
                     encoding="utf-8")
    assert main(["i18n", "update", "vi", "--root", str(tree)]) == 0
    content = catalogs.po_path(tree, "vi", "content")
    translate(content, {f"{GUIDE}:title": "Lên kế hoạch cho công việc",
                        f"{GUIDE}:steps/2": "Gửi kế hoạch cho khách hàng."})
    # The title changes; the third step goes again.
    guide.write_text(original.replace("title: Plan the work before you start", "title: Plan the work first"),
                     encoding="utf-8")
    assert main(["i18n", "update", "vi", "--root", str(tree)]) == 0
    catalog = read(content)
    title = next(m for m in catalog if m.context == f"{GUIDE}:title")
    assert (title.id, title.string, title.fuzzy) == ("Plan the work first", "Lên kế hoạch cho công việc", True)
    # The English it was translated from, for the translator to compare (msgmerge's --previous).
    assert '#| msgid "Plan the work before you start"' in content.read_text(encoding="utf-8")
    assert [m.string for m in catalog.obsolete.values()] == ["Gửi kế hoạch cho khách hàng."]


def test_update_twice_changes_nothing(tree: Path) -> None:
    files = sorted((tree / "locales").rglob("*.po*"))
    before = {path: path.read_bytes() for path in files}
    assert main(["i18n", "update", "vi", "--root", str(tree)]) == 0
    assert {path: path.read_bytes() for path in files} == before


def test_update_refuses_what_is_not_a_language_code(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["i18n", "update", "../vi", "--root", str(tree)]) == 2
    assert capsys.readouterr().err.strip() == ("i18n update: '../vi' is not a language code; write it as ISO 639-1 "
                                               "does, such as `vi` or `nb` (`pt_BR` with a region)")


def test_update_refuses_a_code_babel_does_not_know(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Shaped like a code, but no edition could write its dates: refused before any catalog is made.
    assert main(["i18n", "update", "qq", "--root", str(tree)]) == 2
    assert capsys.readouterr().err.strip() == ("i18n update: `qq` is not a language Babel knows, so its dates and "
                                               "numbers cannot be written; use an ISO 639-1 code such as `vi`")
    assert not (tree / "locales" / "qq").exists()
