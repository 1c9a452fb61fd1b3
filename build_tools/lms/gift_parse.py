"""GIFT reading: a question bank's text as the questions our quizzes can hold, and what they cannot.

The reader follows Moodle's reading of a file (blank lines end a question, `//` lines are
comments, the first `{` … `}` holds the answers) and keeps only what Client Craft quizzes
can express: single choice, multiple choice and true/false, also as missing-word questions
(answers in the middle of the text, shown as a `_____` blank, as in Moodle). True/false
answers are `T`, `TRUE`, `F` and `FALSE` in any case. It also reads back the comments our
export writes above each question: its points and its option ids. It is strict where a file is
plainly broken (an error, located at the line and column of the offending character) and
reports valid questions it cannot represent (short answer, numerical, matching, essay, …)
one each as not imported, so the author sees everything that did not come through.

- `parse`: GIFT text as a `GiftBank` of questions, errors, notes and questions not imported.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..errors import Problem

_ESCAPABLE = {"\\": "\\", ":": ":", "#": "#", "=": "=", "{": "{", "}": "}", "~": "~", "n": "\n"}
_BLANKS = " \t\n\r"  # unescaped, these are white space; a question's text folds runs of them
_FORMAT_PREFIX = re.compile(r"^\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
BLANK = "_____"  # where a missing-word question's answers stand in its text, as Moodle shows it
# The comments our export writes (gift_export.points_comment, option_ids_comment, the header).
_POINTS_COMMENT = re.compile(r"^//\s*(?:single|multiple|true/false) question, ([0-9]{1,3}) points? in Client Craft$")
_OPTION_IDS_COMMENT = re.compile(r"^//\s*Client Craft option ids: (.*)$")
_OPTION_ID = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*) \(([0-9a-f]{6})\)$")
_PASS_MARK_COMMENT = re.compile(r"^//\s*[0-9]+ questions?; pass mark in Client Craft: ([0-9]{1,3})%\.$")


class _Line(NamedTuple):
    """One non-blank line of a question: its number, the column its text starts at, the trimmed text."""

    number: int
    column: int
    text: str


@dataclass(frozen=True)
class _Char:
    """One character of a question, whether a backslash escaped it, and where it stands in the file."""

    ch: str
    escaped: bool
    line: int
    column: int

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
    points: int | None = None  # from our export's comment; Moodle's GIFT has no marks
    option_ids: list[tuple[str, str]] = field(default_factory=list)  # (id, text fingerprint) from our export


@dataclass
class GiftBank:
    """What a GIFT file holds: the questions we can import, and what we could not, located in the file."""

    questions: list[GiftQuestion] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    pass_mark: int | None = None  # from our export's header comment
    errors: list[Problem] = field(default_factory=list)
    not_imported: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def _blocks(text: str) -> list[tuple[list[_Line], list[str]]]:
    """Questions as lists of their lines and of their `//` comment lines: blank lines separate them.

    A group of comment lines alone is no question; its comments come with an empty list of lines.
    """
    blocks: list[tuple[list[_Line], list[str]]] = []
    current: list[_Line] = []
    comments: list[str] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            if current or comments:
                blocks.append((current, comments))
            current, comments = [], []
        elif line.startswith("//"):  # comments are no text; Moodle reads them only for [id:] and [tag:]
            comments.append(line)
        else:
            current.append(_Line(number, len(raw) - len(raw.lstrip()) + 1, line))
    if current or comments:
        blocks.append((current, comments))
    return blocks


def _comment_values(question: GiftQuestion, comments: list[str]) -> None:
    """The points and option ids our export wrote above the question, if it did."""
    for comment in comments:
        points = _POINTS_COMMENT.match(comment)
        if points:
            question.points = int(points.group(1))
        ids = _OPTION_IDS_COMMENT.match(comment)
        if ids:
            entries = [_OPTION_ID.match(entry.strip()) for entry in ids.group(1).split(",")]
            question.option_ids = [(m.group(1), m.group(2)) for m in entries if m]


def _chars(lines: list[_Line]) -> list[_Char]:
    """The block as characters, with `\\x` escapes resolved and line breaks kept as unescaped `\\n`."""
    chars: list[_Char] = []
    for index, (number, column, line) in enumerate(lines):
        if index:
            chars.append(_Char("\n", False, number, column))
        position = 0
        while position < len(line):
            ch = line[position]
            following = line[position + 1] if position + 1 < len(line) else ""
            if ch == "\\" and following in _ESCAPABLE:
                chars.append(_Char(_ESCAPABLE[following], True, number, column + position))
                position += 2
            else:
                # A lone backslash is text, as in Moodle.
                chars.append(_Char(ch, ch == "\\", number, column + position))
                position += 1
    return chars


def _find(chars: list[_Char], token: str, start: int = 0, end: int | None = None) -> int:
    """Index of the first unescaped `token` in chars[start:end], or -1."""
    end = len(chars) if end is None else min(end, len(chars))  # a question may be shorter than `end`
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
        if char.special(_BLANKS):
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
    if head.upper() in _TRUE_FALSE:
        return "true_false"
    return "short answer"


class _BlockReader:
    """Reads one question block; collects errors, notes and not-imported reports into the bank."""

    def __init__(self, bank: GiftBank, path: str, lines: list[_Line], comments: list[str]):
        self.bank = bank
        self.path = path
        self.format = "moodle"  # the format of the question being read
        self.chars = _chars(lines)
        self.comments = comments
        self.start = self.chars[0]  # where reports about the whole question point

    def problem(self, at: _Char, message: str) -> Problem:
        return Problem(self.path, at.line, at.column, "", message)

    def error(self, at: _Char, message: str) -> None:
        self.bank.errors.append(self.problem(at, message))

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
                self.error(chars[0], "the question title opened with '::' is never closed; "
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
            self.error(chars[closing], "'}' closes an answer block that was never opened; "
                                       "escape it as '\\}' if it is text")
            return
        if closing < 0:
            self.error(chars[opening], "'{' opens the answers but no '}' closes them "
                                       "(a blank line ends a question)")
            return
        nested = _find(chars, "{", opening + 1, closing)
        if nested >= 0:
            self.error(chars[nested], "a second '{' inside the answers; escape it as '\\{' if it is text")
            return
        after = chars[closing + 1:]
        extra = _find(after, "{")
        if extra < 0:
            extra = _find(after, "}")
        if extra >= 0:
            self.error(after[extra], "a question has one answer block; escape '{' and '}' in text as "
                                     "'\\{' and '\\}'")
            return
        if _text(after)[1]:
            # Missing word: Moodle puts a blank where the answers stand, with the text around it as it is.
            at = chars[opening]
            fmt, prompt = _text([*chars[start:opening], _Char(BLANK, True, at.line, at.column), *after])
        else:
            fmt, prompt = _text(chars[start:opening])
        self.answers(title, fmt, prompt, chars[opening + 1:closing])

    def not_imported(self, kind: str, title: str | None, prompt: str, reason: str = "") -> None:
        message = f"not imported: {kind} question '{_label(title, prompt)}'"
        self.bank.not_imported.append(self.problem(self.start, message + (f": {reason}" if reason else "")))

    def note(self, title: str | None, prompt: str, message: str) -> None:
        self.bank.notes.append(self.problem(self.start, f"note: '{_label(title, prompt)}': {message}"))

    def answers(self, title: str | None, fmt: str, prompt: str, body: list[_Char]) -> None:
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
        question = GiftQuestion(self.start.line, title, "", prompt, explanation)
        _comment_values(question, self.comments)
        if kind == "true_false":
            self.true_false(question, body)
        else:
            self.choice(question, body)

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
        written = _text(parts[0])[1]
        answer = _TRUE_FALSE[written.upper()]
        if written not in _TRUE_FALSE:
            self.note(question.title, question.prompt,
                      f"'{{{written}}}' was read as {'true' if answer else 'false'}; Moodle reads only T, TRUE, F "
                      f"and FALSE in capitals as true/false and would import it as a short-answer question")
        wrong = _text(parts[1], self.format)[1] or None if len(parts) > 1 else None
        right = _text(parts[2], self.format)[1] or None if len(parts) > 2 else None
        question.type = "true_false"
        question.answer = answer
        question.true_feedback, question.false_feedback = (right, wrong) if answer else (wrong, right)
        self.accept(question)

    def choice(self, question: GiftQuestion, body: list[_Char]) -> None:
        # A choice block has an unescaped `~` (see `_answer_kind`), so there is a first marker.
        markers = [i for i, c in enumerate(body) if c.special("=~")]
        before = _text(body[:markers[0]])[1]
        if before:
            first = next(c for c in body if not c.special(_BLANKS))
            self.error(first, f"text '{before[:30]}' before the first answer; start every answer with '=' or '~'")
            return
        answers: list[GiftAnswer] = []
        ok = True
        for position, index in enumerate(markers):
            end = markers[position + 1] if position + 1 < len(markers) else len(body)
            answer = self.answer(body[index], body[index + 1:end])
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

    def answer(self, marker: _Char, chars: list[_Char]) -> GiftAnswer | None:
        # Leading blanks may sit between the marker and a weight: `~ %50% text`.
        start = 0
        while start < len(chars) and chars[start].special(" \t\n"):
            start += 1
        chars = chars[start:]
        weight = 100.0 if marker.ch == "=" else 0.0
        if chars and chars[0].special("%"):
            close = _find(chars, "%", 1)
            hash_at = _find(chars, "#")
            if close < 0 or (0 <= hash_at < close):
                self.error(chars[0], "the weight opened with '%' is never closed; write it as '%50%'")
                return None
            raw = "".join(c.ch for c in chars[1:close]).strip()
            if not _WEIGHT.match(raw):
                self.error(chars[0], f"weight '%{raw}%' is not a number; write a percent such as '%50%' "
                                     f"or '%-25%'")
                return None
            weight = float(raw)
            if not -100 <= weight <= 100:
                self.error(chars[0], f"weight '%{raw}%' is outside -100 to 100")
                return None
            chars = chars[close + 1:]
        split = _find(chars, "#")
        text_chars, feedback_chars = (chars, []) if split < 0 else (chars[:split], chars[split + 1:])
        text = _text(text_chars, self.format)[1]
        if not text:
            self.error(marker, f"answer '{marker.ch}' has no text; write the answer after '{marker.ch}'")
            return None
        feedback = _text(feedback_chars, self.format)[1] or None
        return GiftAnswer(marker.line, text, weight, feedback, marker.ch)

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


def parse(text: str, path: str) -> GiftBank:
    """Read GIFT text into a bank of importable questions, and problems located in `path` (as shown)."""
    bank = GiftBank()
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for lines, comments in _blocks(text):
        if bank.pass_mark is None:
            marks = [m for m in map(_PASS_MARK_COMMENT.match, comments) if m]
            bank.pass_mark = int(marks[0].group(1)) if marks and int(marks[0].group(1)) <= 100 else None
        if lines:
            _BlockReader(bank, path, lines, comments).read()
    return bank
