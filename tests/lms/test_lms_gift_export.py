"""GIFT export, checked by gift-pegjs (an independent parser) against our quiz models."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from build_tools import models
from build_tools.lms import export, gift_questions
from build_tools.lms.gift_export import escape, export_quiz, multiple_weights, percent

# Moodle accepts only these grades (fractions of the mark) for an answer: get_grade_options().
MOODLE_GRADES = [1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0]


def pegjs_text(text: str) -> str:
    """What gift-pegjs returns for our text in [plain] format: runs of blanks become one space."""
    return re.sub(r"[^\S\n]{2,}", " ", text.replace("\r\n", "\n").strip())


def text_of(node: dict[str, Any] | None) -> str | None:
    assert node is None or node["format"] == "plain", node
    return None if node is None else node["text"]


def assert_matches_model(quiz: models.Quiz, parsed: list[dict[str, Any]]) -> None:
    """gift-pegjs read the same questions, answers, correctness, weights and feedback as the model."""
    category, *questions = parsed
    assert category == {"type": "Category", "title": f"$course$/top/Client Craft/{quiz.title.replace('/', '//')}"}
    expected = gift_questions(quiz)
    assert [q["title"] for q in questions] == [q.id for q in expected]
    for question, read in zip(expected, questions, strict=True):
        where = f"{quiz.id}/{question.id}"
        assert text_of(read["stem"]) == pegjs_text(question.prompt), where
        assert read["hasEmbeddedAnswers"] is False, where
        assert text_of(read["globalFeedback"]) == pegjs_text(question.explanation), where
        if isinstance(question, models.TrueFalse):
            assert read["type"] == "TF", where
            assert read["isTrue"] is question.answer, where
            # gift-pegjs names the two feedbacks by position; Moodle reads the first as the
            # feedback for a wrong answer and the second as the one for a right answer.
            right = question.true_feedback if question.answer else question.false_feedback
            wrong = question.false_feedback if question.answer else question.true_feedback
            assert text_of(read["trueFeedback"]) == (pegjs_text(wrong) if wrong else None), where
            assert text_of(read["falseFeedback"]) == (pegjs_text(right) if right else None), where
            continue
        assert read["type"] == "MC", where
        choices = read["choices"]
        assert [text_of(c["text"]) for c in choices] == [pegjs_text(o.text) for o in question.options], where
        assert [text_of(c["feedback"]) for c in choices] == [
            pegjs_text(o.feedback) if o.feedback else None for o in question.options], where
        if isinstance(question, models.SingleChoice):
            assert [c["isCorrect"] for c in choices] == [o.correct for o in question.options], where
            assert all(c["weight"] is None for c in choices), where
        else:
            # Every option carries a weight and none is `=`, which makes Moodle allow several answers.
            assert not any(c["isCorrect"] for c in choices), where
            weights = [c["weight"] for c in choices]
            assert weights == [float(percent(w)) for w in multiple_weights(question)], where
            right_count = sum(o.correct for o in question.options)
            for option, weight in zip(question.options, weights, strict=True):
                if option.correct:
                    assert weight == pytest.approx(100 / right_count, abs=1e-4), where
                elif question.scoring == "partial":
                    assert weight == pytest.approx(-100 / right_count, abs=1e-4), where
                else:
                    assert weight == -100, where
            assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=1e-3), where


def test_gift_pegjs_reads_every_real_quiz_as_the_model_says(tmp_path: Path, knowledge_quizzes: list[models.Quiz],
                                                            parse_with_gift_pegjs) -> None:
    files = {}
    for quiz in knowledge_quizzes:
        result = export_quiz(quiz)
        assert result.questions == len(gift_questions(quiz)) > 0
        files[quiz.id] = tmp_path / result.filename
        files[quiz.id].write_bytes(result.content)
    parsed = parse_with_gift_pegjs(list(files.values()))
    for quiz in knowledge_quizzes:
        entry = parsed[str(files[quiz.id])]
        assert "error" not in entry, f"{quiz.id}: gift-pegjs rejected the export: {entry.get('error')}"
        assert_matches_model(quiz, entry["questions"])


NASTY = [
    "Curly {braces}, a colon: here, a=b, ~tilde, #hash and a back\\slash",
    "Two lines:\nthe second // is not a comment",
    "%50% of clients pay late",
    "[html] is not a format here",
    "Ends with a backslash \\",
    "->arrow and ::double colons::",
    "####four hashes and =%100% inside",
    "Ünïcödé — “quotes” and 中文",
]


@pytest.fixture
def nasty_quiz(quiz_from) -> models.Quiz:
    """Every character GIFT treats specially, in every field that is exported."""
    return quiz_from([
        {"id": "escape-single", "type": "single", "prompt": NASTY[0] + "\n" + NASTY[1], "explanation": NASTY[1],
         "options": [{"id": f"o{i}", "text": text, "correct": i == 2, "feedback": NASTY[-1 - i]}
                     for i, text in enumerate(NASTY)]},
        {"id": "escape-multiple", "type": "multiple", "scoring": "all_or_nothing", "prompt": NASTY[5],
         "explanation": NASTY[6],
         "options": [{"id": f"o{i}", "text": text, "correct": i % 2 == 0} for i, text in enumerate(NASTY)]},
        {"id": "escape-partial", "type": "multiple", "scoring": "partial", "prompt": NASTY[3], "points": 3,
         "options": [{"id": f"o{i}", "text": text, "correct": i < 7, "feedback": "[bracket] feedback"}
                     for i, text in enumerate(NASTY)]},
        {"id": "tf-only-right", "type": "true_false", "answer": False, "prompt": NASTY[2],
         "false_feedback": "Right: {it is} false."},
        {"id": "tf-only-wrong", "type": "true_false", "answer": True, "prompt": NASTY[4],
         "false_feedback": "Wrong = false."},
        {"id": "tf-both", "type": "true_false", "answer": True, "prompt": NASTY[7],
         "true_feedback": "Yes #1", "false_feedback": "No ~ never"},
        {"id": "tf-none", "type": "true_false", "answer": False, "prompt": "Plain statement."},
        {"id": "skipped-order", "type": "ordering", "prompt": "Order these.",
         "steps": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}]},
    ], title="Before/after: {all} the = tricky ~ titles")


def test_gift_pegjs_reads_special_characters_back_unchanged(tmp_path: Path, nasty_quiz: models.Quiz,
                                                           parse_with_gift_pegjs) -> None:
    file = tmp_path / "nasty.gift"
    file.write_bytes(export_quiz(nasty_quiz).content)
    entry = parse_with_gift_pegjs([file])[str(file)]
    assert "error" not in entry, entry.get("error")
    assert_matches_model(nasty_quiz, entry["questions"])


def test_special_characters_are_escaped_and_line_breaks_kept_on_one_line() -> None:
    assert escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert escape("one\ntwo\r\nthree") == "one\\ntwo\\nthree"
    assert escape("  padded  ") == "padded"


def test_every_weight_is_a_grade_moodle_accepts(nasty_quiz: models.Quiz, knowledge_quizzes: list[models.Quiz],
                                                quiz_from) -> None:
    sizes = quiz_from([{"id": f"m{n}", "type": "multiple", "scoring": scoring, "prompt": "Pick.",
                        "options": [{"id": f"o{i}", "text": f"Option {i}", "correct": i < n} for i in range(8)]}
                       for n in range(1, 9) for scoring in ("partial", "all_or_nothing")])
    for quiz in (*knowledge_quizzes, nasty_quiz, sizes):
        for question in quiz.questions:
            if isinstance(question, models.MultipleChoice):
                for weight in multiple_weights(question):
                    fraction = abs(float(percent(weight))) / 100
                    # Moodle's own tolerance in match_grade_options(): 0.00001.
                    assert any(abs(fraction - grade) < 0.00001 for grade in MOODLE_GRADES), (question.id, weight)


def test_ordering_questions_and_assessments_are_skipped_with_a_warning_naming_each(
        project, knowledge_quizzes: list[models.Quiz]) -> None:
    for quiz in knowledge_quizzes:
        result = export_quiz(quiz)
        ordering = [q.id for q in quiz.questions if isinstance(q, models.Ordering)]
        assert [s.item_id for s in result.skipped] == ordering
        text = result.content.decode("utf-8")
        for question_id in ordering:
            assert f"skipped ordering question '{question_id}'" in str(
                next(s for s in result.skipped if s.item_id == question_id))
            assert f"// Not included: ordering question '{question_id}'" in text
            assert f"::{question_id}::" not in text
    assessments = [q for q in project.quizzes.values() if isinstance(q, models.Assessment)]
    assert assessments
    for assessment in assessments:
        result = export(assessment, "gift")
        assert result.questions == 0 and result.content == b""
        assert [str(s) for s in result.skipped] == [
            f"{assessment.id}: skipped self-assessment '{assessment.id}': "
            "GIFT has no rating-scale questions; use the quiz page instead"]


def test_radio_or_checkboxes_follow_moodles_equals_rule(nasty_quiz: models.Quiz) -> None:
    text = export_quiz(nasty_quiz).content.decode("utf-8")
    blocks = {re.search(r"^::([a-z0-9-]+)::", b, flags=re.M).group(1): b
              for b in text.split("\n\n") if "::" in b and b.startswith("// ")}
    answers = {qid: block.split("{", 1)[1] for qid, block in blocks.items()}
    # Moodle: an unescaped `=` in the answers means one answer only; none means several allowed.
    unescaped = re.compile(r"(?<!\\)(?:\\\\)*=")
    assert len(unescaped.findall(answers["escape-single"])) == 1
    assert not unescaped.findall(answers["escape-multiple"])
    assert not unescaped.findall(answers["escape-partial"])
    # No question contains a blank line, which would end it early.
    assert all("\n\n" not in block for block in blocks.values())
