"""GIFT, Moodle's text format for question banks: export our quizzes, import a bank as YAML.

Export writes what Moodle's GIFT importer (question/format/gift/format.php) reads the way
we mean it: single choice as `=right ~wrong`, multiple choice as `~%weight%` on every
option (no `=`, so Moodle makes it "multiple answers allowed"), true/false as
`{TRUE#feedback if wrong#feedback if right}`, and `####` for the general feedback.
GIFT has no ordering questions and no self-assessments; those are skipped with a warning.

Import reads the same subset back into our quiz YAML. It follows Moodle's reading of a
file (blank lines end a question, `//` lines are comments, the first `{` … `}` holds the
answers), is strict where a file is plainly broken (every such problem is reported as
`FILE:LINE: message` and nothing is written), and reports valid questions it cannot
represent (short answer, numerical, matching, essay, …) one line each as not imported.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import models
from ..load import validate_document
from ..yamlfile import YamlDocument, YamlProblem, read_yaml
from . import Export, Skipped, gift_questions

# --- Export ---------------------------------------------------------------------------

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


def question_text(question: models.SingleChoice | models.MultipleChoice | models.TrueFalse) -> str:
    """One question in GIFT: comment, `::id::[plain]prompt{`, its answers, `####explanation`, `}`."""
    if isinstance(question, models.TrueFalse):
        answers = _true_false_lines(question)
    else:
        answers = _choice_lines(question)
    points = "1 point" if question.points == 1 else f"{question.points} points"
    lines = [f"// {question.type.replace('_', '/')} question, {points} in Client Craft",
             f"{_title(question.id)}{FORMAT}{escape(question.prompt)}{{",
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
        _comment(f"{len(questions)} questions; pass mark in Client Craft: {quiz.pass_mark}%."),
    ]
    header += [_comment(f"Not included: {item.kind} '{item.item_id}' ({item.reason}).") for item in skipped]
    blocks = ["\n".join(header), _category(quiz.title), *(question_text(q) for q in questions)]
    text = "\n\n".join(blocks) + "\n"
    return Export(f"{quiz.id}.gift", text.encode("utf-8"), len(questions), skipped)


# --- Import: reading GIFT -------------------------------------------------------------

_ESCAPABLE = {"\\": "\\", ":": ":", "#": "#", "=": "=", "{": "{", "}": "}", "~": "~", "n": "\n"}
_FORMAT_PREFIX = re.compile(r"^\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")


@dataclass(frozen=True)
class _Char:
    """One character of a question, whether a backslash escaped it, and its line."""

    ch: str
    escaped: bool
    line: int

    def special(self, chars: str) -> bool:
        return not self.escaped and self.ch in chars


@dataclass
class GiftAnswer:
    """One answer of a choice question as the file gives it."""

    line: int
    text: str
    weight: float  # percent: 100 for `=`, 0 for a plain `~`, else the `%weight%`
    feedback: str | None
    marker: str  # "=" or "~"


@dataclass
class GiftQuestion:
    """A question the importer can turn into one of ours."""

    line: int
    title: str | None
    type: str  # "single", "multiple" or "true_false"
    prompt: str
    explanation: str | None
    answers: list[GiftAnswer] = field(default_factory=list)
    scoring: str | None = None
    answer: bool | None = None
    true_feedback: str | None = None
    false_feedback: str | None = None


@dataclass(frozen=True)
class Diagnostic:
    """A located message about the GIFT file: an error, a note, or a question not imported."""

    line: int
    message: str


@dataclass
class GiftBank:
    """What a GIFT file holds: the questions we can import, and what we could not."""

    questions: list[GiftQuestion] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    not_imported: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    """Questions as lists of (line number, trimmed line): blank lines separate them, `//` lines go."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            if current:
                blocks.append(current)
            current = []
        elif not line.startswith("//"):  # comments go; Moodle reads them only for [id:] and [tag:]
            current.append((number, line))
    if current:
        blocks.append(current)
    return blocks


def _chars(lines: list[tuple[int, str]]) -> list[_Char]:
    """The block as characters, with `\\x` escapes resolved and line breaks kept as unescaped `\\n`."""
    chars: list[_Char] = []
    for index, (number, line) in enumerate(lines):
        if index:
            chars.append(_Char("\n", False, number))
        position = 0
        while position < len(line):
            ch = line[position]
            following = line[position + 1] if position + 1 < len(line) else ""
            if ch == "\\" and following in _ESCAPABLE:
                chars.append(_Char(_ESCAPABLE[following], True, number))
                position += 2
            else:
                # A lone backslash is text, as in Moodle.
                chars.append(_Char(ch, ch == "\\", number))
                position += 1
    return chars


def _find(chars: list[_Char], token: str, start: int = 0, end: int | None = None) -> int:
    """Index of the first unescaped `token` in chars[start:end], or -1."""
    end = len(chars) if end is None else end
    for index in range(start, end - len(token) + 1):
        if all(chars[index + k].special(token[k]) for k in range(len(token))):
            return index
    return -1


def _rfind(chars: list[_Char], token: str) -> int:
    for index in range(len(chars) - len(token), -1, -1):
        if all(chars[index + k].special(token[k]) for k in range(len(token))):
            return index
    return -1


def _text(chars: list[_Char], default: str = "moodle") -> tuple[str, str]:
    """(format, text): raw line breaks and runs of spaces become one space, as in a web page.

    A `[format]` in front of the text wins; otherwise the text has the `default` format
    (answers and feedback take the format of their question, as in Moodle).
    """
    parts: list[str] = []
    pending_space = False
    for char in chars:
        if not char.escaped and char.ch in " \t\n\r":
            pending_space = bool(parts)
            continue
        if pending_space:
            parts.append(" ")
            pending_space = False
        parts.append(char.ch)
    text = "".join(parts)
    fmt = default
    match = _FORMAT_PREFIX.match(text)
    if match:
        fmt = match.group(1)
        text = text[match.end():]
    text = text.strip()
    if fmt == "html":
        text = _html_to_text(text)
    return fmt, text


def _html_to_text(text: str) -> str:
    """HTML reduced to its words: our texts are plain, and a tag would show as text on the page."""
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", text, flags=re.I)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _label(title: str | None, prompt: str) -> str:
    if title:
        return title
    words = prompt.split()
    return " ".join(words[:8]) + (" …" if len(words) > 8 else "")


def _answer_kind(answer_chars: list[_Char]) -> str:
    """Moodle's own test of what kind of question an answer block is."""
    text = "".join(c.ch if not c.escaped else "\0" for c in answer_chars).strip()
    if not text:
        return "essay"
    if text[0] == "#":
        return "numerical"
    if "~" in text:
        return "choice"
    if "=" in text and _find(answer_chars, "->") >= 0:
        return "matching"
    head = text.split("#", 1)[0].strip()
    if head in ("T", "TRUE", "F", "FALSE"):
        return "true_false"
    return "short answer"


class _BlockReader:
    """Reads one question block; collects errors, notes and not-imported reports into the bank."""

    def __init__(self, bank: GiftBank, lines: list[tuple[int, str]]):
        self.bank = bank
        self.format = "moodle"  # the format of the question being read
        self.first_line = lines[0][0]
        self.chars = _chars(lines)

    def error(self, line: int, message: str) -> None:
        self.bank.errors.append(Diagnostic(line, message))

    def read(self) -> None:
        chars = self.chars
        plain = "".join(c.ch for c in chars)
        if plain.startswith("$CATEGORY:"):
            self.bank.categories.append(plain[len("$CATEGORY:"):].split("\n", 1)[0].strip())
            return
        title: str | None = None
        start = 0
        if _find(chars, "::", 0, 2) == 0:
            close = _find(chars, "::", 2)
            if close < 0:
                self.error(chars[0].line, "the question title opened with '::' is never closed; "
                                          "write '::title::' or escape the colons as '\\:'")
                return
            title = _text(chars[2:close])[1] or None
            start = close + 2
        opening = _find(chars, "{", start)
        closing = _find(chars, "}", start)
        if opening < 0 and closing < 0:
            fmt_text = _text(chars[start:])[1]
            self.not_imported("description", title, fmt_text)
            return
        if opening < 0 or (closing >= 0 and closing < opening):
            self.error(chars[closing].line, "'}' closes an answer block that was never opened; "
                                            "escape it as '\\}' if it is text")
            return
        if closing < 0:
            self.error(chars[opening].line, "'{' opens the answers but no '}' closes them "
                                            "(a blank line ends a question)")
            return
        nested = _find(chars, "{", opening + 1, closing)
        if nested >= 0:
            self.error(chars[nested].line, "a second '{' inside the answers; escape it as '\\{' if it is text")
            return
        after = chars[closing + 1:]
        extra = _find(after, "{")
        if extra < 0:
            extra = _find(after, "}")
        if extra >= 0:
            self.error(after[extra].line, "a question has one answer block; escape '{' and '}' in text as "
                                          "'\\{' and '\\}'")
            return
        fmt, prompt = _text(chars[start:opening])
        rest = _text(after)[1]
        if rest:
            self.not_imported("missing-word", title, f"{prompt} _____ {rest}")
            return
        self.answers(title, fmt, prompt, chars[opening + 1:closing], chars[opening].line)

    def not_imported(self, kind: str, title: str | None, prompt: str, reason: str = "") -> None:
        message = f"not imported: {kind} question '{_label(title, prompt)}'"
        self.bank.not_imported.append(Diagnostic(self.first_line, message + (f": {reason}" if reason else "")))

    def note(self, title: str | None, prompt: str, message: str) -> None:
        self.bank.notes.append(Diagnostic(self.first_line, f"note: '{_label(title, prompt)}': {message}"))

    def answers(self, title: str | None, fmt: str, prompt: str, body: list[_Char], line: int) -> None:
        self.format = fmt
        general = _rfind(body, "####")
        explanation = None
        if general >= 0:
            explanation = _text(body[general + 4:], fmt)[1] or None
            body = body[:general]
        kind = _answer_kind(body)
        if kind in ("essay", "numerical", "matching", "short answer"):
            self.not_imported(kind, title, prompt)
            return
        question = GiftQuestion(self.first_line, title, "", prompt, explanation)
        if kind == "true_false":
            self.true_false(question, body)
        else:
            self.choice(question, body, line)

    def accept(self, question: GiftQuestion) -> None:
        """Add a fully read question to the bank, unless it has no text to ask."""
        kind = "true/false" if question.type == "true_false" else "multiple-choice"
        if not question.prompt:
            self.not_imported(kind, question.title, question.prompt, "it has no question text")
            return
        if self.format == "html":
            self.note(question.title, question.prompt, "HTML formatting was removed; our question texts are plain text")
        self.bank.questions.append(question)

    def true_false(self, question: GiftQuestion, body: list[_Char]) -> None:
        parts: list[list[_Char]] = [[]]
        for char in body:
            if char.special("#") and len(parts) < 3:
                parts.append([])
            else:
                parts[-1].append(char)
        answer = _text(parts[0])[1] in ("T", "TRUE")
        wrong = _text(parts[1], self.format)[1] or None if len(parts) > 1 else None
        right = _text(parts[2], self.format)[1] or None if len(parts) > 2 else None
        question.type = "true_false"
        question.answer = answer
        question.true_feedback, question.false_feedback = (right, wrong) if answer else (wrong, right)
        self.accept(question)

    def choice(self, question: GiftQuestion, body: list[_Char], line: int) -> None:
        markers = [i for i, c in enumerate(body) if c.special("=~")]
        before = _text(body[:markers[0]])[1] if markers else ""
        if before:
            self.error(body[0].line if body else line,
                       f"text '{before[:30]}' before the first answer; start every answer with '=' or '~'")
            return
        answers: list[GiftAnswer] = []
        ok = True
        for position, index in enumerate(markers):
            end = markers[position + 1] if position + 1 < len(markers) else len(body)
            answer = self.answer(body[index].ch, body[index + 1:end], body[index].line)
            if answer is None:
                ok = False
            else:
                answers.append(answer)
        if not ok:
            return
        question.answers = answers
        title, prompt = question.title, question.prompt
        if not 2 <= len(answers) <= 8:
            self.not_imported("multiple-choice", title, prompt,
                              f"it has {len(answers)} answers; Client Craft questions have 2 to 8")
            return
        if any(a.marker == "=" for a in answers):
            self.single(question)
        else:
            self.multiple(question)

    def answer(self, marker: str, chars: list[_Char], line: int) -> GiftAnswer | None:
        # Leading blanks may sit between the marker and a weight: `~ %50% text`.
        start = 0
        while start < len(chars) and not chars[start].escaped and chars[start].ch in " \t\n":
            start += 1
        chars = chars[start:]
        weight = 100.0 if marker == "=" else 0.0
        if chars and chars[0].special("%"):
            close = _find(chars, "%", 1)
            hash_at = _find(chars, "#")
            if close < 0 or (0 <= hash_at < close):
                self.error(chars[0].line, "the weight opened with '%' is never closed; write it as '%50%'")
                return None
            raw = "".join(c.ch for c in chars[1:close]).strip()
            if not _WEIGHT.match(raw):
                self.error(chars[0].line, f"weight '%{raw}%' is not a number; write a percent such as '%50%' "
                                          f"or '%-25%'")
                return None
            weight = float(raw)
            if not -100 <= weight <= 100:
                self.error(chars[0].line, f"weight '%{raw}%' is outside -100 to 100")
                return None
            chars = chars[close + 1:]
        split = _find(chars, "#")
        text_chars, feedback_chars = (chars, []) if split < 0 else (chars[:split], chars[split + 1:])
        text = _text(text_chars, self.format)[1]
        if not text:
            self.error(line, f"answer '{marker}' has no text; write the answer after '{marker}'")
            return None
        feedback = _text(feedback_chars, self.format)[1] or None
        return GiftAnswer(line, text, weight, feedback, marker)

    def single(self, question: GiftQuestion) -> None:
        title, prompt, answers = question.title, question.prompt, question.answers
        full = [a for a in answers if a.weight >= 100]
        if len(full) != 1:
            self.not_imported("multiple-choice", title, prompt,
                              f"{len(full)} answers are fully right, and a single-choice question has exactly one")
            return
        if any(a is not full[0] and a.weight != 0 for a in answers):
            self.note(title, prompt, "partial-credit weights dropped: a single-choice question "
                                     "scores only its one right answer")
        question.type = "single"
        self.accept(question)

    def multiple(self, question: GiftQuestion) -> None:
        title, prompt, answers = question.title, question.prompt, question.answers
        right = [a for a in answers if a.weight > 0]
        if not right:
            self.not_imported("multiple-choice", title, prompt, "no answer has a positive weight, so none is right")
            return
        share = 100 / len(right)
        wrong = [a for a in answers if a.weight <= 0]
        all_or_nothing = bool(wrong) and all(a.weight <= -100 for a in wrong)
        question.type = "multiple"
        question.scoring = "all_or_nothing" if all_or_nothing else "partial"
        expected_wrong = -100.0 if all_or_nothing else -share
        unequal = any(abs(a.weight - share) > 0.01 for a in right)
        if unequal or any(abs(a.weight - expected_wrong) > 0.01 for a in wrong):
            rule = ("only the complete set of right answers scores" if all_or_nothing else
                    f"each right pick earns 1/{len(right)} of the points and each wrong pick costs 1/{len(right)}")
            self.note(title, prompt, f"its weights differ from Client Craft's scoring, so it was imported with "
                                     f"scoring '{question.scoring}': {rule}")
        self.accept(question)


def parse(text: str) -> GiftBank:
    """Read GIFT text into a bank of importable questions, errors, notes and what was not imported."""
    bank = GiftBank()
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for lines in _blocks(text):
        _BlockReader(bank, lines).read()
    return bank


# --- Import: writing our YAML ---------------------------------------------------------

_SLUG_WORD = re.compile(r"[a-z0-9]+")


# Words that make an option id longer without telling options apart.
_FILLER = frozenset("a an and are as at be by for from in is it its of on or that the this to was will with "
                    "you your".split())


def slugify(text: str, max_words: int = 6, max_length: int = 48, *, skip_filler: bool = False) -> str:
    """An id from text: the first words in lowercase ASCII joined by hyphens (may be empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _SLUG_WORD.findall(ascii_text.lower())
    if skip_filler:
        words = [w for w in words if w not in _FILLER] or words
    slug = ""
    for word in words[:max_words]:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug


def _unique(base: str, taken: set[str], fallback: str) -> str:
    base = base or fallback
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def _category_title(category: str) -> str:
    """The last part of a Moodle category path (`$course$/top/Bank/Week 1` → `Week 1`)."""
    parts = [p.replace("\0", "/").strip() for p in category.replace("//", "\0").split("/")]
    parts = [p for p in parts if p and p not in ("$course$", "$cat1$", "$cat2$", "$cat3$", "$module$",
                                                 "$system$", "top")]
    return parts[-1] if parts else ""


def quiz_data(bank: GiftBank, quiz_id: str, source_name: str) -> dict[str, Any]:
    """Our quiz as plain data, without `guides:` (the author adds them) or missing explanations."""
    title = next((t for t in map(_category_title, bank.categories) if t), "")
    if not title:
        stem = re.sub(r"[-_]+", " ", Path(source_name).stem).strip() or quiz_id
        title = stem[:1].upper() + stem[1:]
    questions = []
    taken: set[str] = set()
    for number, question in enumerate(bank.questions, 1):
        base = slugify(question.title or "") or slugify(question.prompt)
        entry: dict[str, Any] = {"id": _unique(base, taken, f"question-{number}"), "type": question.type}
        if question.type == "multiple":
            entry["scoring"] = question.scoring
        entry["prompt"] = question.prompt
        if question.type == "true_false":
            entry["answer"] = question.answer
            if question.true_feedback:
                entry["true_feedback"] = question.true_feedback
            if question.false_feedback:
                entry["false_feedback"] = question.false_feedback
        else:
            options = []
            option_ids: set[str] = set()
            for o_number, answer in enumerate(question.answers, 1):
                base_id = slugify(answer.text, max_words=4, max_length=40, skip_filler=True)
                option: dict[str, Any] = {"id": _unique(base_id, option_ids, f"option-{o_number}"), "text": answer.text}
                correct = answer.weight >= 100 if question.type == "single" else answer.weight > 0
                if correct:
                    option["correct"] = True
                if answer.feedback:
                    option["feedback"] = answer.feedback
                options.append(option)
            entry["options"] = options
        if question.explanation:
            entry["explanation"] = question.explanation
        questions.append(entry)
    return {
        "schema_version": 1,
        "kind": "knowledge",
        "id": quiz_id,
        "title": _shorten(title, 80),
        "description": f"Questions imported from the question bank `{Path(source_name).name}`.",
        "pass_mark": 75,
        "questions": questions,
    }


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, like our hand-written files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: ARG002
        return super().increase_indent(flow, False)


# Text our YAML reader (YAML 1.2 core schema) would read as something else than text.
_NOT_PLAIN = re.compile(r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)?$")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if len(value) > 70:
        # Long text folded like our hand-written files (`>-`); PyYAML quotes it instead when
        # folding could not keep it exact (e.g. trailing or doubled spaces).
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">")
    if _NOT_PLAIN.match(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)

_HEADER = """\
# Imported from {source} by `python -m build_tools import-gift`.
# Before `make check` passes, give every question a `guides:` list with the ids of the guides it
# tests (see the TODO lines), then add a `chapter:` if the quiz checks one chapter.
"""


def quiz_yaml(data: dict[str, Any], source_name: str, *, schema_comment: bool) -> str:
    """The quiz as YAML in our house style, with a TODO comment on every question that needs links."""
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    out: list[str] = []
    if schema_comment:
        out.append("# yaml-language-server: $schema=../build_tools/schemas/quiz.schema.json")
    out.extend(_HEADER.format(source=Path(source_name).name).splitlines())
    questions = iter(data["questions"])
    for line in text.splitlines():
        if line.startswith("pass_mark: "):
            line += "  # percent of the points needed to pass; set your team's own"
        out.append(line)
        if line.startswith("  - id: "):
            question = next(questions)
            out.append("    # TODO: add `guides:` with the ids of the guides this question tests.")
            if "explanation" not in question:
                out.append("    # TODO: add `explanation:`, the reasoning shown after answering "
                           "(the GIFT file had no general feedback).")
    return "\n".join(out) + "\n"


@dataclass
class ImportResult:
    """What `import_gift` did: located messages, how many questions went in, and the file written."""

    errors: list[str] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    imported: int = 0
    written: Path | None = None
    report: list[str] = field(default_factory=list)  # not imported and notes together, in file order


def _check_output(text: str, target: Path, display: str) -> list[str]:
    """Problems `make check` would report besides the missing guides and explanations (e.g. too long)."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / target.name
        probe.write_text(text, encoding="utf-8")
        try:
            document = read_yaml(probe, display)
        except YamlProblem as problem:  # pragma: no cover - our own dump always reads back
            return [str(problem.problem)]
    data = document.data
    filled = {**data, "questions": [{"guides": ["todo"], "explanation": "todo", **q} for q in data["questions"]]}
    _model, problems = validate_document(YamlDocument(document.path, filled, document.positions,
                                                      document.key_positions), models.Quiz)
    return [str(problem) for problem in problems]


def import_gift(source: Path, target: Path, *, source_display: str | None = None,
                target_display: str | None = None, force: bool = False) -> ImportResult:
    """Turn the GIFT bank `source` into the quiz file `target`; write nothing if the bank has errors."""
    shown = source_display or str(source)
    shown_target = target_display or str(target)
    result = ImportResult()
    quiz_id = target.stem
    if target.suffix != ".yml" or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", quiz_id) or len(quiz_id) > 64:
        suggestion = slugify(target.stem, max_words=8) or "imported-quiz"
        result.errors.append(f"{shown_target}: the file name is the quiz id, so it must be lowercase letters, "
                             f"digits and hyphens ending in .yml, e.g. {target.with_name(suggestion + '.yml')}")
        return result
    if target.exists() and not force:
        result.errors.append(f"{shown_target}: already exists; choose another name or pass --force to replace it")
        return result
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        result.errors.append(f"{shown}:{line}: byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8")
        return result
    bank = parse(text)
    result.errors = [f"{shown}:{d.line}: {d.message}" for d in bank.errors]
    result.not_imported = [f"{shown}:{d.line}: {d.message}" for d in bank.not_imported]
    result.notes = [f"{shown}:{d.line}: {d.message}" for d in bank.notes]
    located = sorted([(d.line, 0, f"{shown}:{d.line}: {d.message}") for d in bank.not_imported]
                     + [(d.line, 1, f"{shown}:{d.line}: {d.message}") for d in bank.notes])
    result.report = [text for _line, _kind, text in located]
    if result.errors:
        return result
    if not bank.questions:
        result.errors.append(f"{shown}:1: no multiple-choice or true/false question to import")
        return result
    data = quiz_data(bank, quiz_id, source.name)
    output = quiz_yaml(data, source.name, schema_comment=target.parent.name == "quizzes")
    problems = _check_output(output, target, shown_target)
    result.notes += problems
    result.report += problems
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write next to the target and rename, so an interrupted import leaves no half file.
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(output)
    os.replace(temporary, target)
    result.imported = len(bank.questions)
    result.written = target
    return result
