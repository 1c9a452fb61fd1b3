"""GIFT export: our knowledge quizzes as Moodle's text format for question banks.

We write what Moodle's GIFT importer (question/format/gift/format.php) reads the way we
mean it: single choice as `=right ~wrong`, multiple choice as `~%weight%` on every option
(no `=`, so Moodle makes it "multiple answers allowed"), true/false as
`{TRUE#feedback if wrong#feedback if right}`, and `####` for the general feedback.
What GIFT cannot say, a question's points and its option ids, goes into comment lines
above it, which Moodle skips and our import reads back.
GIFT has no ordering questions and no self-assessments; those are skipped with a reason.

- `escape`: text as a GIFT fragment, special characters escaped.
- `percent`: a weight as GIFT writes it.
- `multiple_weights`: the GIFT weight of each option of a multiple-choice question.
- `points_comment`, `option_ids_comment`: the comment lines our import reads back.
- `question_text`: one question in GIFT.
- `skipped_items`: what of a quiz GIFT cannot carry, and why.
- `export_quiz`: the quiz as a `.gift` file.
"""

from __future__ import annotations

from .. import models
from . import Export, Skipped, gift_questions, text_fingerprint

# Every character GIFT gives a meaning to, escaped with a backslash; a line break becomes
# `\n` because a blank line would end the question.
_ESCAPES = str.maketrans({"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}",
                          ":": "\\:", "\n": "\\n"})
FORMAT = "[plain]"  # our question texts are plain text, not Markdown or HTML


def escape(text: str) -> str:
    """Text as a GIFT text fragment: special characters escaped, line breaks as `\\n`."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text.translate(_ESCAPES)


def _fragment(text: str) -> str:
    """An answer or feedback text; `[plain]` in front when the text itself starts with `%` or `[`.

    A leading `%` would be read as a weight and a leading `[` as a format name; an explicit
    format in front makes both parsers (Moodle's and gift-pegjs) read the text as it is.
    """
    escaped = escape(text)
    return f"{FORMAT}{escaped}" if escaped[:1] in ("%", "[") else escaped


def percent(value: float) -> str:
    """A weight as GIFT writes it: at most five decimals, no trailing zeros (`33.33333`).

    Five decimals are what Moodle's grade list uses (33.33333 %, 16.66667 %, 14.28571 %),
    so the weights of 1 to 8 right options all land exactly on a grade Moodle accepts.
    """
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def multiple_weights(question: models.MultipleChoice) -> list[float]:
    """The GIFT weight (percent) of each option of a multiple-choice question.

    Right options share 100 % equally, so only the complete right set reaches full marks.
    A wrong pick costs one share under `partial` (our rule: points × (right − wrong) / n,
    which Moodle also floors at 0) and everything under `all_or_nothing`. GIFT cannot say
    "all or nothing" exactly: Moodle still gives a share for an incomplete right set.
    """
    count = sum(option.correct for option in question.options) or 1
    share = 100 / count
    wrong = -share if question.scoring == "partial" else -100.0
    return [share if option.correct else wrong for option in question.options]


def _title(question_id: str) -> str:
    return f"::{escape(question_id)}::"


def _choice_lines(question: models.SingleChoice | models.MultipleChoice) -> list[str]:
    lines = []
    weights = multiple_weights(question) if isinstance(question, models.MultipleChoice) else None
    for index, option in enumerate(question.options):
        if weights is None:
            marker = "=" if option.correct else "~"
        else:
            marker = f"~%{percent(weights[index])}%"
        feedback = f"#{_fragment(option.feedback)}" if option.feedback else ""
        lines.append(f"{marker}{_fragment(option.text)}{feedback}")
    return lines


def _true_false_lines(question: models.TrueFalse) -> list[str]:
    # Moodle reads {TRUE#a#b} as: a = feedback for a wrong answer, b = for a right one.
    right = question.true_feedback if question.answer else question.false_feedback
    wrong = question.false_feedback if question.answer else question.true_feedback
    lines = ["TRUE" if question.answer else "FALSE"]
    if wrong or right:
        lines.append(f"#{_fragment(wrong) if wrong else ''}")
    if right:
        lines.append(f"#{_fragment(right)}")
    return lines


def points_comment(question: models.SingleChoice | models.MultipleChoice | models.TrueFalse) -> str:
    """`// single question, 2 points in Client Craft`: GIFT has no marks, so our import reads them from here."""
    points = "1 point" if question.points == 1 else f"{question.points} points"
    return f"// {question.type.replace('_', '/')} question, {points} in Client Craft"


def option_ids_comment(question: models.SingleChoice | models.MultipleChoice) -> str:
    """`// Client Craft option ids: plan (1a2b3c), …`: each option's id and its text's fingerprint.

    Moodle and gift-pegjs skip comment lines; our import gives each option whose text still
    has the fingerprint its id back, so a re-imported quiz keeps the ids answers are saved under.
    """
    ids = ", ".join(f"{option.id} ({text_fingerprint(option.text)})" for option in question.options)
    return f"// Client Craft option ids: {ids}"


def question_text(question: models.SingleChoice | models.MultipleChoice | models.TrueFalse) -> str:
    """One question in GIFT: comments, `::id::[plain]prompt{`, its answers, `####explanation`, `}`."""
    if isinstance(question, models.TrueFalse):
        answers = _true_false_lines(question)
    else:
        answers = _choice_lines(question)
    lines = [points_comment(question)]
    if not isinstance(question, models.TrueFalse):
        lines.append(option_ids_comment(question))
    lines += [f"{_title(question.id)}{FORMAT}{escape(question.prompt)}{{",
             *answers,
             f"####{_fragment(question.explanation)}",
             "}"]
    return "\n".join(lines)


def _comment(text: str) -> str:
    return "// " + " ".join(text.split())


def _category(title: str) -> str:
    # Moodle reads `/` as a sub-category separator and `//` as a literal slash.
    return "$CATEGORY: $course$/top/Client Craft/" + " ".join(title.split()).replace("/", "//")


def skipped_items(quiz: models.Quiz | models.Assessment) -> list[Skipped]:
    """Everything of the quiz that GIFT cannot carry, each with the reason."""
    if not isinstance(quiz, models.Quiz):
        return [Skipped(quiz.id, None, "self-assessment",
                        "GIFT has no rating-scale questions; use the quiz page instead")]
    return [Skipped(quiz.id, q.id, "ordering question", "GIFT has no ordering questions")
            for q in quiz.questions if isinstance(q, models.Ordering)]


def export_quiz(quiz: models.Quiz | models.Assessment) -> Export:
    """The quiz as a GIFT file; ordering questions and self-assessments are skipped with a reason."""
    skipped = tuple(skipped_items(quiz))
    questions = gift_questions(quiz)
    if not questions:
        return Export(f"{quiz.id}.gift", b"", 0, skipped)
    header = [
        _comment(f"Client Craft quiz: {quiz.title}"),
        _comment(f"Exported from quizzes/{quiz.id}.yml for Moodle's GIFT import "
                 f"(Question bank > Import > GIFT format)."),
        _comment(f"{len(questions)} question{'s' if len(questions) != 1 else ''}; "
                 f"pass mark in Client Craft: {quiz.pass_mark}%."),
    ]
    header += [_comment(f"Not included: {item.kind} '{item.item_id}' ({item.reason}).") for item in skipped]
    blocks = ["\n".join(header), _category(quiz.title), *(question_text(q) for q in questions)]
    text = "\n\n".join(blocks) + "\n"
    return Export(f"{quiz.id}.gift", text.encode("utf-8"), len(questions), skipped)
