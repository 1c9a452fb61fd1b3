"""GIFT import: round trips, a Moodle-style bank, unsupported questions, broken files, the CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import ROOT

from build_tools import models
from build_tools.__main__ import main
from build_tools.errors import ContentError, Problem
from build_tools.lms import gift_questions
from build_tools.lms.gift_export import export_quiz
from build_tools.lms.gift_import import import_gift, quiz_data, quiz_yaml
from build_tools.lms.gift_parse import parse
from build_tools.project import build_project
from build_tools.yamlfile import read_yaml


def comparable(question: models.SingleChoice | models.MultipleChoice | models.TrueFalse) -> dict[str, Any]:
    """What a GIFT round trip must keep: the question, its points, its options (ids, which are right), all texts."""
    entry: dict[str, Any] = {"id": question.id, "type": question.type, "points": question.points,
                             "prompt": question.prompt, "explanation": question.explanation}
    if isinstance(question, models.TrueFalse):
        entry.update(answer=question.answer, true_feedback=question.true_feedback,
                     false_feedback=question.false_feedback)
    else:
        entry["options"] = [(o.id, o.text, o.correct, o.feedback) for o in question.options]
        if isinstance(question, models.MultipleChoice):
            entry["scoring"] = question.scoring
    return entry


def comparable_yaml(question: dict[str, Any]) -> dict[str, Any]:
    """The same view of a question as the importer wrote it."""
    entry: dict[str, Any] = {"id": question["id"], "type": question["type"], "points": question.get("points", 1),
                             "prompt": question["prompt"], "explanation": question.get("explanation")}
    if question["type"] == "true_false":
        entry.update(answer=question["answer"], true_feedback=question.get("true_feedback"),
                     false_feedback=question.get("false_feedback"))
    else:
        entry["options"] = [(o["id"], o["text"], o.get("correct", False), o.get("feedback"))
                            for o in question["options"]]
        if question["type"] == "multiple":
            entry["scoring"] = question["scoring"]
    return entry


def read_back(path: Path) -> dict[str, Any]:
    """The imported file as our strict YAML reader sees it."""
    return read_yaml(path, path.name).data


# --- Round trip ---------------------------------------------------------------------------


def test_every_real_quiz_survives_export_and_import(tmp_path: Path, knowledge_quizzes: list[models.Quiz]) -> None:
    (tmp_path / "quizzes").mkdir()
    for quiz in knowledge_quizzes:
        source = tmp_path / f"{quiz.id}.gift"
        source.write_bytes(export_quiz(quiz).content)
        target = tmp_path / "quizzes" / f"{quiz.id}.yml"
        result = import_gift(source, target)
        assert result.errors == [] and result.not_imported == [] and result.notes == [], quiz.id
        data = read_back(target)
        assert data["title"] == quiz.title and data["pass_mark"] == quiz.pass_mark
        # Same questions, points, option ids and texts: everything GIFT carries comes back.
        assert [comparable_yaml(q) for q in data["questions"]] == [comparable(q) for q in gift_questions(quiz)]


_TEXT = st.text(alphabet=st.sampled_from(list("ab cZ~=#{}:\\\n\t%[]/->.é中")), min_size=1, max_size=24).filter(
    lambda s: s.strip() != "")


def _expected(text: str) -> str:
    # GIFT keeps escaped line breaks but, like a web page, runs of blanks are one space.
    return re.sub(r"[ \t]+", " ", text.strip())


@st.composite
def _quizzes(draw: st.DrawFn) -> dict[str, Any]:
    questions = []
    for number in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["single", "multiple", "true_false"]))
        question: dict[str, Any] = {"id": f"q{number}", "type": kind, "prompt": draw(_TEXT),
                                    "points": draw(st.integers(1, 100)), "explanation": draw(_TEXT), "guides": ["g"]}
        if kind == "true_false":
            question["answer"] = draw(st.booleans())
            for key in ("true_feedback", "false_feedback"):
                if draw(st.booleans()):
                    question[key] = draw(_TEXT)
        else:
            size = draw(st.integers(2, 8))
            if kind == "single":
                right = {draw(st.integers(0, size - 1))}
            else:
                # At least one wrong option: without one, GIFT weights cannot tell the two scorings apart.
                right = set(draw(st.lists(st.integers(0, size - 2), min_size=1, unique=True)))
                question["scoring"] = draw(st.sampled_from(["partial", "all_or_nothing"]))
            question["options"] = [
                {"id": f"o{i}", "text": draw(_TEXT), "correct": i in right,
                 **({"feedback": draw(_TEXT)} if draw(st.booleans()) else {})} for i in range(size)]
        questions.append(question)
    return {"schema_version": 1, "last_reviewed": "2026-11-01",
            "kind": "knowledge", "id": "random", "title": "Random quiz",
            "description": "D.", "pass_mark": 50, "questions": questions}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_quizzes())
def test_any_text_survives_export_import_and_yaml(data: dict[str, Any]) -> None:
    from pydantic import TypeAdapter

    quiz = TypeAdapter(models.Quiz).validate_python(data)
    bank = parse(export_quiz(quiz).content.decode("utf-8"), "random.gift")
    assert bank.errors == [] and bank.not_imported == [] and bank.notes == []
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "random.yml"
        target.write_text(quiz_yaml(quiz_data(bank, "random", "random.gift"), "random.gift", schema_comment=False),
                          encoding="utf-8")
        written = read_back(target)
    expected = []
    for question in quiz.questions:
        entry = comparable(question)
        for key in ("prompt", "explanation", "true_feedback", "false_feedback"):
            if entry.get(key) is not None:
                entry[key] = _expected(entry[key])
        if "options" in entry:
            entry["options"] = [(i, _expected(t), c, _expected(f) if f else None) for i, t, c, f in entry["options"]]
        if entry.get("scoring") and sum(c for _i, _t, c, _f in entry["options"]) == 1:
            # One right option: both rules score every answer alike and GIFT writes the same
            # weights (+100, −100), so the importer reads them as all or nothing.
            entry["scoring"] = "all_or_nothing"
        expected.append(entry)
    assert [comparable_yaml(q) for q in written["questions"]] == expected


# --- A bank from Moodle -------------------------------------------------------------------

BANK = """\
// Exported from our old Moodle course.
$CATEGORY: $course$/top/Onboarding/Week 1

// [id:q1] a comment Moodle keeps for the id number
::Grant's tomb:: Who is buried in Grant's tomb?{~Grant ~Jefferson =no one#Right, nobody is buried there.
####It is a tomb above ground.}

::Capital:: What is the capital of France? {=Paris =paris}

::Pi:: What is pi to two decimals? {#3.14:0.005}

::Pairs:: Match the animals. {
  =cat -> cat food
  =dog -> dog food
}

::Essay:: Describe your last project. {}

Grant is {~buried =entombed ~living} in Grant's tomb.

Read the next questions carefully.

::Sun:: The sun rises in the east.{T}

::Flat earth::The earth is flat.{FALSE#No, think again.#Right: it is round.####Ships vanish hull first.}

::Two people:: Which two people are entombed in Grant's tomb? {
   ~%-100%No one
   ~%50%Grant
   ~%50%Grant's wife
   ~%-100%Grant's father
}

::Fruit:: Which of these are fruit? {
   ~%50%Apple #Yes.
   ~%50%Pear
   ~Carrot #A root.
}

::Bold::[html]<p>Which word is <b>bold</b>?</p>{=<b>this</b> one ~that &amp; other}

::Either:: Pick a letter. {=A =B ~C}

::Partial single:: Which is best? {=Best ~%50%Good ~Bad}

::Too many:: Pick one. {=1 ~2 ~3 ~4 ~5 ~6 ~7 ~8 ~9}
"""


def _place(text: str, needle: str, mark: str | None = None) -> str:
    """`LINE:COLUMN` of `mark` (default: the line's first character) on the first line holding `needle`."""
    number, line = next((number, line) for number, line in enumerate(text.split("\n"), 1) if needle in line)
    column = line.index(mark) + 1 if mark else len(line) - len(line.lstrip()) + 1
    return f"{number}:{column}"


def test_a_moodle_bank_imports_choice_and_true_false_and_reports_the_rest(tmp_path: Path) -> None:
    source = tmp_path / "bank.gift"
    source.write_text(BANK, encoding="utf-8")
    target = tmp_path / "quizzes" / "week-one.yml"
    target.parent.mkdir()
    result = import_gift(source, target, source_display="bank.gift")
    assert result.errors == []
    at = lambda needle: _place(BANK, needle)  # noqa: E731 - a local shorthand
    assert list(map(str, result.not_imported)) == [
        f"bank.gift:{at('::Capital::')}: not imported: short answer question 'Capital'",
        f"bank.gift:{at('::Pi::')}: not imported: numerical question 'Pi'",
        f"bank.gift:{at('::Pairs::')}: not imported: matching question 'Pairs'",
        f"bank.gift:{at('::Essay::')}: not imported: essay question 'Essay'",
        f"bank.gift:{at('Read the next')}: not imported: description question 'Read the next questions carefully.'",
        f"bank.gift:{at('::Either::')}: not imported: multiple-choice question 'Either': 2 answers are fully "
        "right, and a single-choice question has exactly one",
        f"bank.gift:{at('::Too many::')}: not imported: multiple-choice question 'Too many': it has 9 answers; "
        "Client Craft questions have 2 to 8",
    ]
    assert list(map(str, result.notes)) == [
        f"bank.gift:{at('::Fruit::')}: note: 'Fruit': its weights differ from Client Craft's scoring, so it was "
        "imported with scoring 'partial': each right pick earns 1/2 of the points and each wrong pick costs 1/2",
        f"bank.gift:{at('::Bold::')}: note: 'Bold': HTML formatting was removed; our question texts are plain text",
        f"bank.gift:{at('::Partial single::')}: note: 'Partial single': partial-credit weights dropped: a "
        "single-choice question scores only its one right answer",
    ]
    data = read_back(target)
    assert data["id"] == "week-one" and data["title"] == "Week 1"
    questions = {q["id"]: q for q in data["questions"]}
    assert list(questions) == ["grant-s-tomb", "grant-is-in-grant-s-tomb", "sun", "flat-earth", "two-people", "fruit",
                               "bold", "partial-single"]
    # Missing word: the blank stands where the answers were, as Moodle shows it.
    assert comparable_yaml(questions["grant-is-in-grant-s-tomb"]) == {
        "id": "grant-is-in-grant-s-tomb", "type": "single", "points": 1, "prompt": "Grant is _____ in Grant's tomb.",
        "explanation": None, "options": [("buried", "buried", False, None), ("entombed", "entombed", True, None),
                                         ("living", "living", False, None)]}
    assert comparable_yaml(questions["grant-s-tomb"]) == {
        "id": "grant-s-tomb", "type": "single", "points": 1, "prompt": "Who is buried in Grant's tomb?",
        "explanation": "It is a tomb above ground.",
        "options": [("grant", "Grant", False, None), ("jefferson", "Jefferson", False, None),
                    ("no-one", "no one", True, "Right, nobody is buried there.")]}
    assert questions["sun"] == {"id": "sun", "type": "true_false", "prompt": "The sun rises in the east.",
                                "answer": True}
    # {FALSE#a#b}: Moodle shows a for a wrong answer (true) and b for a right one (false).
    assert comparable_yaml(questions["flat-earth"]) == {
        "id": "flat-earth", "type": "true_false", "points": 1, "prompt": "The earth is flat.",
        "explanation": "Ships vanish hull first.", "answer": False,
        "true_feedback": "No, think again.", "false_feedback": "Right: it is round."}
    two = comparable_yaml(questions["two-people"])
    assert two["scoring"] == "all_or_nothing"
    assert [(text, right) for _id, text, right, _feedback in two["options"]] == [
        ("No one", False), ("Grant", True), ("Grant's wife", True), ("Grant's father", False)]
    assert questions["fruit"]["scoring"] == "partial"
    assert [o["text"] for o in questions["bold"]["options"]] == ["this one", "that & other"]
    assert questions["bold"]["prompt"] == "Which word is bold?"
    assert [o.get("correct", False) for o in questions["partial-single"]["options"]] == [True, False, False]
    text = target.read_text(encoding="utf-8")
    assert text.count("# TODO: add `guides:`") == 8
    assert text.count("# TODO: add `explanation:`") == 6  # only two questions had general feedback
    assert not re.search(r"^\s*guides:", text, flags=re.M)  # left out, so `make check` names it


def _add_links(text: str, guide_id: str) -> str:
    """What the author does after importing: a guide per question and the missing explanations."""
    text = text.replace("    # TODO: add `guides:` with the ids of the guides this question tests.",
                        f"    guides:\n      - {guide_id}")
    return re.sub(r"    # TODO: add `explanation:`.*", "    explanation: Written by the author.", text)


def test_imported_quiz_passes_check_once_guides_are_added(tmp_path: Path, project) -> None:
    root = tmp_path / "site"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "quizzes", root / "quizzes")
    source = tmp_path / "bank.gift"
    source.write_text(BANK, encoding="utf-8")
    target = root / "quizzes" / "week-one.yml"
    assert import_gift(source, target).written == target
    # As imported, `make check` names exactly what is missing: guides everywhere, six explanations.
    with pytest.raises(ContentError) as failure:
        build_project(root)
    problems = failure.value.problems
    assert {p.path for p in problems} == {"quizzes/week-one.yml"}
    missing = [re.match(r"missing required field '(\w+)'", p.message) for p in problems]
    assert all(missing), [p.message for p in problems]
    fields = [m.group(1) for m in missing if m]
    assert fields.count("guides") == 8 and fields.count("explanation") == 6 and len(fields) == 14
    target.write_text(_add_links(target.read_text(encoding="utf-8"), next(iter(project.guides))), encoding="utf-8")
    imported = build_project(root).quizzes["week-one"]
    assert isinstance(imported, models.Quiz) and len(imported.questions) == 8
    assert main(["check", "--root", str(root)]) == 0


# --- Broken files -------------------------------------------------------------------------

BROKEN = """\
::Fine:: A question that is fine. {=yes ~no}

::Open title A title that never closes {=a ~b}

::Unclosed:: The answers never close {
=a
~b

::Stray:: A stray } brace {=a ~b}

::Weight:: A weight that is no number {~%abc%a ~b}

::Range:: A weight out of range {~%150%a =b}

::Empty:: An empty answer {~ =b}

::Before:: Text before the answers {oops ~a =b}

::Nested:: Nested { =a {b} ~c}

::Unclosed weight:: {~%50 a =b}
"""


def test_a_broken_file_gives_file_line_errors_and_writes_nothing(tmp_path: Path, capsys) -> None:
    source = tmp_path / "broken.gift"
    source.write_text(BROKEN, encoding="utf-8")
    folder = tmp_path / "quizzes"
    folder.mkdir()
    status = main(["import-gift", str(source), "-o", str(folder / "broken.yml")])
    err = capsys.readouterr().err
    assert status == 1
    at = lambda needle, mark=None: _place(BROKEN, needle, mark)  # noqa: E731 - a local shorthand
    shown = str(source)
    expected = [
        f"{shown}:{at('::Open title')}: the question title opened with '::' is never closed; write '::title::' "
        "or escape the colons as '\\:'",
        f"{shown}:{at('The answers never close', '{')}: '{{' opens the answers but no '}}' closes them (a blank "
        "line ends a question)",
        f"{shown}:{at('::Stray::', '}')}: '}}' closes an answer block that was never opened; escape it as '\\}}' "
        "if it is text",
        f"{shown}:{at('::Weight::', '%')}: weight '%abc%' is not a number; write a percent such as '%50%' or "
        "'%-25%'",
        f"{shown}:{at('::Range::', '%')}: weight '%150%' is outside -100 to 100",
        f"{shown}:{at('::Empty::', '~')}: answer '~' has no text; write the answer after '~'",
        f"{shown}:{at('::Before::', 'oops')}: text 'oops' before the first answer; start every answer with '=' "
        "or '~'",
        f"{shown}:{at('::Nested::', '{b')}: a second '{{' inside the answers; escape it as '\\{{' if it is text",
        f"{shown}:{at('::Unclosed weight::', '%')}: the weight opened with '%' is never closed; write it as '%50%'",
    ]
    assert err.splitlines()[: len(expected)] == expected
    assert err.splitlines()[-1] == f"nothing was written to {folder / 'broken.yml'}"
    assert list(folder.iterdir()) == []  # no file, no temporary file


def test_errors_name_the_line_and_column_inside_a_multi_line_question(tmp_path: Path) -> None:
    text = "::Multi::\nWhich?\n{\n  =right\n\t ~%x%wrong\n}\n"
    source = tmp_path / "b.gift"
    source.write_text(text, encoding="utf-8")
    result = import_gift(source, tmp_path / "b.yml", source_display="b.gift")
    assert result.errors == [Problem("b.gift", 5, 4, "", "weight '%x%' is not a number; write a percent such as "
                                                        "'%50%' or '%-25%'")]
    assert result.written is None and not (tmp_path / "b.yml").exists()


def test_a_question_shorter_than_a_title_marker_is_read_not_a_crash() -> None:
    bank = parse("::Q:: Fine {=a ~b}\n\n:\n", "one.gift")
    assert list(map(str, bank.not_imported)) == ["one.gift:3:1: not imported: description question ':'"]
    assert bank.errors == [] and len(bank.questions) == 1


def test_a_file_that_is_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    source = tmp_path / "latin1.gift"
    source.write_bytes("::Q:: Fine {=a ~b}\n\n::Q2:: Caf\xe9 {=a ~b}\n".encode("latin-1"))
    result = import_gift(source, tmp_path / "latin1.yml", source_display="latin1.gift")
    assert list(map(str, result.errors)) == ["latin1.gift:3:11: byte 0xe9 is not UTF-8; save the file as UTF-8"]


def test_a_bank_without_importable_questions_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "short.gift"
    source.write_text("::Capital:: Capital of France? {=Paris}\n", encoding="utf-8")
    result = import_gift(source, tmp_path / "short.yml", source_display="short.gift")
    assert list(map(str, result.not_imported)) == ["short.gift:1:1: not imported: short answer question 'Capital'"]
    assert list(map(str, result.errors)) == ["short.gift:1:1: no multiple-choice or true/false question to import"]
    assert not (tmp_path / "short.yml").exists()


# --- Command line -------------------------------------------------------------------------


def test_cli_refuses_to_overwrite_and_bad_names(tmp_path: Path, capsys) -> None:
    source = tmp_path / "bank.gift"
    source.write_text(BANK, encoding="utf-8")
    target = tmp_path / "quizzes" / "week-one.yml"
    target.parent.mkdir()
    assert main(["import-gift", str(source), "-o", str(target)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith(f"wrote {target}: 8 questions imported, 7 not imported.")
    assert "not imported: numerical question 'Pi'" in out.err
    before = target.read_bytes()
    assert main(["import-gift", str(source), "-o", str(target)]) == 2
    assert capsys.readouterr().err == (f"{target}: already exists; choose another name or pass --force to replace "
                                       "it; nothing was written\n")
    assert target.read_bytes() == before
    assert main(["import-gift", str(source), "-o", str(target), "--force"]) == 0
    capsys.readouterr()
    assert main(["import-gift", str(source), "-o", str(tmp_path / "My Bank.yml")]) == 1
    assert "e.g. " + str(tmp_path / "my-bank.yml") in capsys.readouterr().err
    assert main(["import-gift", str(tmp_path / "missing.gift"), "-o", str(target)]) == 2


def test_cli_runs_as_a_module(tmp_path: Path, knowledge_quizzes: list[models.Quiz]) -> None:
    quiz = knowledge_quizzes[0]
    export = subprocess.run([sys.executable, "-m", "build_tools", "export", "--format", "gift", quiz.id,
                             "-o", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert export.returncode == 0, export.stderr
    gift = tmp_path / "out" / f"{quiz.id}.gift"
    assert export.stdout == f"wrote {gift} ({len(gift_questions(quiz))} questions)\n"
    (tmp_path / "quizzes").mkdir()
    imported = subprocess.run([sys.executable, "-m", "build_tools", "import-gift", str(gift), "-o",
                               str(tmp_path / "quizzes" / "again.yml")], cwd=ROOT, capture_output=True, text=True,
                              check=False)
    assert imported.returncode == 0, imported.stderr
    assert (tmp_path / "quizzes" / "again.yml").is_file()
