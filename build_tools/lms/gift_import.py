"""GIFT import: a parsed question bank as a quiz file of ours, ready for the author to link to guides.

The questions become quiz data, then YAML in the house style of our hand-written files,
with a TODO comment where the author has to add what GIFT cannot say: the guides each
question tests, and missing explanations. Ids are stable: a question's id is its title
(made into an id if it is not one), an option's id the one our export wrote for it while
its text is unchanged, else made from its own text, so importing the same bank again gives
the same ids. Points and the pass mark come back from our export's comments. Nothing is
written when the bank has errors or the output path cannot take the file; the file is
written whole or not at all, with the permissions `open()` would give it.

- `slugify`: an id from text.
- `quiz_data`: a bank's questions as the plain data of one quiz.
- `quiz_yaml`: quiz data as YAML in our house style, with the author's TODO comments.
- `import_gift`: turn a GIFT file into a quiz file and say what came through and what did not.
"""

from __future__ import annotations

import datetime
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import models
from ..errors import Problem
from ..model_errors import validate_document
from ..review import build_day
from ..yamlfile import YamlDocument, YamlProblem, read_yaml
from . import text_fingerprint
from .gift_parse import GiftBank, GiftQuestion, parse
from .output import check_import_target, read_source, write_import

_SLUG_WORD = re.compile(r"[a-z0-9]+")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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


def _is_id(text: str | None) -> bool:
    return bool(text) and len(text) <= 64 and _ID.fullmatch(text) is not None


def _option_ids(question: GiftQuestion) -> list[str]:
    """Each answer's id: the one our export wrote while the text has its fingerprint, else from its own text.

    An id made from text depends on that text only (a clash with an earlier option adds the
    text's fingerprint, not a running number), so changing, adding or removing one option
    leaves the other options' ids as they were (unless two texts make the same id).
    """
    fingerprints = [text_fingerprint(answer.text) for answer in question.answers]
    carried: dict[str, list[str]] = {}
    seen: set[str] = set()
    for option_id, fingerprint in question.option_ids:
        if _is_id(option_id) and option_id not in seen:
            seen.add(option_id)
            carried.setdefault(fingerprint, []).append(option_id)
    ids: list[str | None] = [carried[f].pop(0) if carried.get(f) else None for f in fingerprints]
    taken = {option_id for option_id in ids if option_id}
    for index, answer in enumerate(question.answers):
        if ids[index] is None:
            base = slugify(answer.text, max_words=4, max_length=40, skip_filler=True)
            base = f"{base}-{fingerprints[index]}" if base in taken else base
            ids[index] = _unique(base, taken, f"option-{fingerprints[index]}")
    return [option_id or "" for option_id in ids]


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


def quiz_data(bank: GiftBank, quiz_id: str, source_name: str, *, imported_on: datetime.date | None = None) \
        -> dict[str, Any]:
    """Our quiz as plain data, without `guides:` (the author adds them) or missing explanations."""
    title = next((t for t in map(_category_title, bank.categories) if t), "")
    if not title:
        stem = re.sub(r"[-_]+", " ", Path(source_name).stem).strip() or quiz_id
        title = stem[:1].upper() + stem[1:]
    questions = []
    taken: set[str] = set()
    for number, question in enumerate(bank.questions, 1):
        name = question.title or ""
        base = name if _is_id(name) else slugify(name) or slugify(question.prompt)
        entry: dict[str, Any] = {"id": _unique(base, taken, f"question-{number}"), "type": question.type}
        if question.type == "multiple":
            entry["scoring"] = question.scoring
        if question.points is not None and question.points != 1:
            entry["points"] = question.points
        entry["prompt"] = question.prompt
        if question.type == "true_false":
            entry["answer"] = question.answer
            if question.true_feedback:
                entry["true_feedback"] = question.true_feedback
            if question.false_feedback:
                entry["false_feedback"] = question.false_feedback
        else:
            options = []
            for option_id, answer in zip(_option_ids(question), question.answers, strict=True):
                option: dict[str, Any] = {"id": option_id, "text": answer.text}
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
        # Required, and honest for a fresh import: nobody has reviewed the questions since.
        "last_reviewed": (imported_on or build_day()).isoformat(),
        "title": _shorten(title, 80),
        "description": f"Questions imported from the question bank `{Path(source_name).name}`.",
        "pass_mark": 75 if bank.pass_mark is None else bank.pass_mark,
        "questions": questions,
    }


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, like our hand-written files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
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
# tests (see the TODO lines), then add a `chapter:` if the quiz checks one chapter. `last_reviewed`
# is the day of the import: set it again once you have checked the questions against the guides.
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
    """What `import_gift` did: problems located in either file, how many questions went in, the file written.

    `errors` stopped the import, so nothing was written. `not_imported` are valid questions
    our quizzes cannot hold; `notes` are changes made on the way in, and what `make check`
    will find in the written file besides the missing guides and explanations. `report` is
    not imported and notes together, in the order the author meets them.
    """

    errors: list[Problem] = field(default_factory=list)
    not_imported: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    report: list[Problem] = field(default_factory=list)
    imported: int = 0
    written: Path | None = None


def _check_output(text: str, target: Path, display: str) -> list[Problem]:
    """Problems `make check` would report besides the missing guides and explanations (e.g. too long)."""
    try:
        with tempfile.TemporaryDirectory() as folder:
            probe = Path(folder) / target.name
            probe.write_text(text, encoding="utf-8")
            document = read_yaml(probe, display)
    except YamlProblem as problem:  # pragma: no cover - our own dump always reads back
        return [problem.problem]
    except OSError:  # pragma: no cover - no temporary folder: `make check` still reports the same
        return []
    data = document.data
    filled = {**data, "questions": [{"guides": ["todo"], "explanation": "todo", **q} for q in data["questions"]]}
    _model, problems = validate_document(YamlDocument(document.path, filled, document.positions,
                                                      document.key_positions), models.Quiz)
    return problems


def _target_problem(target: Path, display: str) -> Problem | None:
    """Why the quiz cannot go to `target`: a name that is no quiz id."""
    quiz_id = target.stem
    if target.suffix != ".yml" or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", quiz_id) or len(quiz_id) > 64:
        example = target.with_name((slugify(quiz_id, max_words=8) or "imported-quiz") + ".yml")
        return Problem(display, 1, 1, "", "the file name is the quiz id, so it must be lowercase letters, "
                                          f"digits and hyphens ending in .yml, e.g. {example}")
    return None


def _decode(raw: bytes, display: str) -> str | Problem:
    """The file as text, or where its first byte that is not UTF-8 stands."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[:error.start].decode("utf-8").removeprefix("\ufeff")  # valid up to the bad byte
        line_start = before.rfind("\n") + 1
        return Problem(display, before.count("\n") + 1, len(before) - line_start + 1, "",
                       f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8")


def import_gift(source: Path, target: Path, *, source_display: str | None = None,
                target_display: str | None = None, force: bool = False) -> ImportResult:
    """Turn the GIFT bank `source` into the quiz file `target`; write nothing if the bank has errors.

    Raises `PathError` (nothing written) when `source` cannot be read, or `target` is a folder,
    its folder does not exist, it exists and `force` is not given, or it cannot be written.
    """
    shown = source_display or str(source)
    shown_target = target_display or str(target)
    result = ImportResult()
    raw = read_source(source, shown)
    example = (slugify(source.stem, max_words=8) or "imported-quiz") + ".yml"
    check_import_target(target, shown_target, force=force, example=example)
    refused = _target_problem(target, shown_target)
    if refused:
        result.errors.append(refused)
        return result
    check_import_target(target, shown_target, force=force, name_checked=True)
    text = _decode(raw, shown)
    if isinstance(text, Problem):
        result.errors.append(text)
        return result
    bank = parse(text, shown)
    result.errors = bank.errors
    result.not_imported = bank.not_imported
    result.notes = bank.notes
    # Problems sort by place, then message, and on one line "not imported: …" sorts before "note: …".
    result.report = sorted(bank.not_imported + bank.notes)
    if result.errors:
        return result
    if not bank.questions:
        result.errors.append(Problem(shown, 1, 1, "", "no multiple-choice or true/false question to import"))
        return result
    output = quiz_yaml(quiz_data(bank, target.stem, source.name), source.name,
                       schema_comment=target.parent.name == "quizzes")
    problems = _check_output(output, target, shown_target)
    result.notes += problems
    result.report += problems
    write_import(target, shown_target, output, force=force)
    result.imported = len(bank.questions)
    result.written = target
    return result
