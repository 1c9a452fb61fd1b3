"""Bad input in translation files: every mistake a clear `file:line` message, in `check` and in the build.

Each case writes one PO file into a copy of the minimal project and expects exactly the lines an
author (or translator) sees from `python -m build_tools check`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import ROOT, run_mkdocs_build

from build_tools.__main__ import main

FIXTURE = ROOT / "tests" / "fixtures" / "minimal"
PO = "locales/vi/LC_MESSAGES/{domain}.po"
HEADER = 'msgid ""\nmsgstr ""\n"Language: vi\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
GUIDE = "content/guides/plan-the-work.yml"
ANSWER = "quizzes/sample-quiz.yml:questions/silence-is-fine/answer"
CONTENT, QUIZZES, INTERFACE = (PO.format(domain=domain) for domain in ("content", "quizzes", "interface"))
UPDATE = "run `python -m build_tools i18n update vi`"
NOT_USED = "the file is not used until this is fixed (a PO editor such as Poedit shows the line)"


def entry(context: str, english: str, translation: str) -> str:
    return f'msgctxt "{context}"\nmsgid "{english}"\nmsgstr "{translation}"\n\n'


CASES = {
    "syntax-error": ("content", HEADER + f'msgctxt "{GUIDE}:title"\nmsgid "Plan the work before you start"\n'
                                         f'msgstr "Lên kế hoạch\n',
                     [f"{PO.format(domain='content')}:8:1: PO syntax: a string is not closed, or a quote inside it is "
                      f"not written as \\\"; {NOT_USED}"]),
    "unknown-keyword": ("content", HEADER + f'msgctxt "{GUIDE}:title"\nmsgid "Plan the work before you start"\n'
                                            f'msgtsr "Lên kế hoạch"\n',
                        [f"{PO.format(domain='content')}:8:1: PO syntax: `msgtsr` is not a PO keyword (msgctxt, msgid, "
                         f"msgstr), and the line is neither a quoted string nor a comment; {NOT_USED}"]),
    "broken-placeholder": ("interface", HEADER + entry("interface/site:nav.checklist", "Checklist: {title}",
                                                       "Danh sách: {tittle}"),
                           [f"{PO.format(domain='interface')}:6:1: interface/site:nav.checklist: the placeholders must "
                            f"stay as in the English: {{title}} of the English is missing; {{tittle}} is not in the "
                            f"English; copy each {{name}} unchanged, it is filled in on the page"]),
    "broken-link": ("content", HEADER + entry(f"{GUIDE}:summary", "Write a short plan and share it with the client.",
                                              "[Kế hoạch](https://example.com) ngắn."),
                    [f"{PO.format(domain='content')}:6:1: {GUIDE}:summary: the link targets must stay as in the "
                     f"English: https://example.com is not in the English; translate the link text in [brackets], keep "
                     f"the (target) as it is"]),
    "too-long": ("content", HEADER + entry(f"{GUIDE}:title", "Plan the work before you start", "Lập kế hoạch " * 10),
                 [f"{PO.format(domain='content')}:6:1: {GUIDE}:title: the translation is 130 characters, over this "
                  f"field's limit of 80; shorten it"]),
    "stale-context": ("content", HEADER + entry("content/guides/gone.yml:title", "A guide that was deleted", "Cũ"),
                      [f"{CONTENT}:6:1: content/guides/gone.yml:title: no text has this context any more (it was "
                       f"moved or deleted); {UPDATE} to mark it obsolete"]),
    "translated-id": ("content", HEADER + entry(f"{GUIDE}:id", "plan-the-work", "lap-ke-hoach"),
                      [f"{PO.format(domain='content')}:6:1: {GUIDE}:id: is an id, a reference or a scoring value, and "
                       f"those are never translated; delete the entry"]),
    "translated-answer-key": ("quizzes", HEADER + entry(ANSWER, "false", "sai"),
                              [f"{QUIZZES}:6:1: {ANSWER}: is an id, a reference or a scoring value, and those are "
                               f"never translated; delete the entry"]),
    "no-context": ("content", HEADER + 'msgid "Plan the work before you start"\nmsgstr "Lên kế hoạch"\n',
                   [f"{CONTENT}:6:1: entry without a context (msgctxt), so it belongs to no text; {UPDATE} and "
                    f"translate the entries it writes"]),
    "twice": ("content", HEADER + entry(f"{GUIDE}:title", "Plan the work before you start", "A")
              + entry(f"{GUIDE}:title", "Plan the work before you start", "B"),
              [f'{PO.format(domain="content")}:10:1: PO syntax: the context "{GUIDE}:title" is given twice (first at '
               f"line 6); keep one entry"]),
}


def project_with(tmp_path: Path, domain: str, text: str | bytes) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    path = root / PO.format(domain=domain)
    path.parent.mkdir(parents=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root


def problems_of(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["check", "--root", str(root)]) == 1
    return [line for line in capsys.readouterr().err.splitlines() if not line.endswith("nothing was built.")]


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_translation_is_named_at_its_line(case: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    domain, text, expected = CASES[case]
    root = project_with(tmp_path, domain, text)
    assert problems_of(root, capsys) == expected


def test_a_translation_of_english_that_changed_since_shows_the_new_english(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    # An author edits the English before anyone runs `i18n update`: not a mistake, the page falls back to
    # the new English and the entry counts as fuzzy (so a shipped language fails `check --complete`).
    root = project_with(tmp_path, "content", HEADER + entry(f"{GUIDE}:title", "Plan the work", "Lên kế hoạch"))
    assert main(["check", "--root", str(root)]) == 0
    assert "Translations: vi: 0 translated, 1 fuzzy, 407 untranslated (0 %)" in capsys.readouterr().out


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project_with(tmp_path, "content", HEADER.encode() + entry(f"{GUIDE}:title", "Plan the work before you start",
                                                                     "L\u00e9n").encode("latin-1"))
    assert problems_of(root, capsys) == [f"{PO.format(domain='content')}:8:1: is not UTF-8 text from this line on; "
                                         f"save the file as UTF-8 (the encoding every PO editor offers)"]


def test_a_good_translation_passes_and_is_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project_with(tmp_path, "content", HEADER + entry(f"{GUIDE}:title", "Plan the work before you start",
                                                            "Lên kế hoạch trước khi bắt tay vào việc"))
    assert main(["check", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert "Translations: vi: 1 translated, 0 fuzzy, 407 untranslated (0 %)" in out
    # A language that ships must be complete; --complete says what is missing.
    assert main(["check", "--root", str(root), "--complete"]) == 1
    assert "locales/vi:1:1: vi: 1 translated, 0 fuzzy, 407 untranslated (0 %): a language that ships is 100 % " \
           "translated with 0 fuzzy" in capsys.readouterr().err


def test_the_build_stops_on_a_broken_catalog_and_writes_nothing(tmp_path: Path) -> None:
    root = project_with(tmp_path, "interface", HEADER + entry("interface/site:nav.checklist", "Checklist: {title}",
                                                              "Danh sách: {tittle}"))
    shutil.copytree(ROOT / "theme", root / "theme")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("      languages:")
    end = config.index("        - code: id")
    (root / "mkdocs.yml").write_text(config[:start] + config[start:end] + "\n".join(
        line for line in config[end:].splitlines() if not line.startswith(("        - code:", "          ")))
        + "\n", encoding="utf-8")
    (root / "pages").mkdir()
    site = tmp_path / "site"
    result = run_mkdocs_build(root / "mkdocs.yml", site, pdf=False)
    assert result.returncode != 0
    assert (f"{PO.format(domain='interface')}:6:1: interface/site:nav.checklist: the placeholders must stay as in "
            f"the English") in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()
