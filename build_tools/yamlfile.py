"""Read one YAML file into plain data plus the line and column of every value.

PyYAML's own loader is too forgiving for hand-written content: it keeps the last of two
duplicate keys, expands alias bombs, and reads `no` (Norwegian!) as `false`. We compose the
node tree with PyYAML and build the data ourselves, with YAML 1.2 core-schema scalars.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

MAX_FILE_BYTES = 1_000_000  # the largest real file is ~20 KB; a 1 MB file is a mistake

Path_ = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_PLAIN = "tag:client-craft,2024:plain"  # an unquoted scalar, typed by `_scalar`
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


@dataclass
class YamlDocument:
    """The data of one file and where each value (and each mapping key) stands in it."""

    path: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `path`, or of its nearest existing parent."""
        table = self.key_positions if key else self.positions
        while path:
            if path in table:
                return table[path]
            if not key and path in self.key_positions:
                return self.key_positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class YamlProblem(Exception):
    """A file that cannot be read as YAML at all."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


class _StrictComposer(yaml.SafeLoader):
    """Composes nodes but refuses anchors, aliases and tags, which our content never needs.

    Refusing them also refuses alias bombs, and catches Markdown that YAML misreads:
    `*emphasis*` at the start of a value is an alias, `!Note: …` a tag that swallows words.
    """

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.MarkedYAMLError(
                problem=f"'*{event.anchor}' is a YAML alias, which content files do not use; if this is text "
                        f"(such as *emphasis*), put the whole value in quotes",
                problem_mark=event.start_mark,
            )
        if getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem=f"'&{event.anchor}' is a YAML anchor, which content files do not use; write each value "
                        f"out in full, or put text that starts with '&' in quotes",
                problem_mark=event.start_mark,
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "tag:yaml.org,2002:str"):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise yaml.MarkedYAMLError(
                problem=f"'{shown}' is a YAML tag, which content files do not use; put text that starts with "
                        f"'!' in quotes",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)

    def resolve(self, kind, value, implicit):
        """Mark plain scalars instead of typing them by YAML 1.1 rules; `_scalar` applies YAML 1.2."""
        if kind is yaml.ScalarNode and implicit[0]:
            return _PLAIN
        return yaml.resolver.Resolver.resolve(self, kind, value, implicit)


if hasattr(yaml, "CSafeLoader"):

    class _FastComposer(yaml.CSafeLoader):  # type: ignore[misc, valid-type]
        """libyaml's composer with our scalar rule (the file was checked for anchors, aliases and tags)."""

        resolve = _StrictComposer.resolve


def read_yaml(file: Path, display_path: str) -> YamlDocument:
    """Parse `file`; raise YamlProblem with a located, human message when it is not usable."""
    try:
        # Never more than the limit and a byte: a huge file is refused without reading all of it.
        with file.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        size = max(len(raw), file.stat().st_size)
    except OSError as error:
        raise YamlProblem(Problem(display_path, 1, 1, "", f"cannot be read ({error.strerror}); check the file "
                                                          f"and its permissions")) from None
    if size > MAX_FILE_BYTES:
        raise YamlProblem(
            Problem(
                display_path, 1, 1, "",
                f"file is {size / 1_000_000:.1f} MB; content files must be under "
                f"{MAX_FILE_BYTES // 1_000_000} MB, so split it into several files",
            )
        )
    text = _decode(raw, display_path)
    node = _compose_fast(text, _scan(text, display_path))
    try:
        if node is None:
            node = yaml.compose(text, Loader=_StrictComposer)
    except yaml.MarkedYAMLError as error:
        raise YamlProblem(_yaml_problem(error, display_path)) from None
    except yaml.reader.ReaderError as error:
        # A control character (often pasted from a word processor) that YAML forbids.
        position = error.position
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        raise YamlProblem(
            Problem(display_path, line, column, "",
                    f"control character U+{error.character:04X} is not allowed in YAML; delete it "
                    f"(it is invisible in most editors)")
        ) from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML raises marked errors for text input
        raise YamlProblem(Problem(display_path, 1, 1, "", f"not valid YAML: {error}")) from None
    document = YamlDocument(display_path, None)
    if node is None or node is _EMPTY:
        raise YamlProblem(Problem(display_path, 1, 1, "", "file is empty; start with `schema_version: 1`"))
    document.data = _build(node, (), document)
    return document


_EMPTY = object()  # a document with no node at all

# Our deepest file nests six levels and the largest holds about 600 values. Far past these, a file
# is a mistake (or an attack); refusing it early keeps every build short and free of recursion.
MAX_DEPTH = 20
MAX_VALUES = 20_000


def _refuse(display_path: str, event: yaml.Event, message: str) -> YamlProblem:
    mark = event.start_mark
    return YamlProblem(Problem(display_path, mark.line + 1, mark.column + 1, "", message))


def _scan(text: str, display_path: str) -> bool:
    """One pass over the parse events, before anything is built from the file.

    Refuses deep nesting and huge numbers of values (raises YamlProblem), and tells whether the
    file is plain: no anchor, alias or tag, so that libyaml's fast composer may read it.
    """
    depth, values, plain = 0, 0, True
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) or \
                    getattr(event, "tag", None) not in (None, "tag:yaml.org,2002:str"):
                plain = False
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _refuse(display_path, event, f"values are nested more than {MAX_DEPTH} levels deep here; "
                                                       f"content files need a few levels at most, so check the "
                                                       f"indentation")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                values += 1
                if values > MAX_VALUES:
                    raise _refuse(display_path, event, f"the file holds more than {MAX_VALUES:,} values; split it "
                                                       f"into several files")
    except yaml.YAMLError:
        return False  # not valid YAML: the pure-Python composer words the problem exactly
    return plain


def _compose_fast(text: str, plain: bool) -> yaml.Node | object | None:
    """Compose a plain file (see `_scan`) with libyaml: about ten times faster than pure Python.

    Returns None when libyaml is missing or the file is not plain; the pure-Python composer then
    reads it and words what we refuse exactly.
    """
    if not plain or not hasattr(yaml, "CSafeLoader"):
        return None
    loader = _FastComposer(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return _EMPTY if node is None else node


def _decode(raw: bytes, display_path: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(
            Problem(
                display_path, line, column, "",
                f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8",
            )
        ) from None
    return text.removeprefix("\ufeff")


def _yaml_problem(error: yaml.MarkedYAMLError, display_path: str) -> Problem:
    """PyYAML's parser jargon turned into what went wrong, where, and how to fix it."""
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    mark = error.problem_mark or error.context_mark
    if "'\\t'" in problem:
        message = "tab character; YAML indentation must use spaces, so replace the tab with spaces"
    elif problem.startswith("'") and "content files do not use" in problem:  # our own refusals
        message = problem
    elif "quoted scalar" in context and "end of stream" in problem:
        # The end of the file is where PyYAML gives up; the opening quote is where to look.
        mark = error.context_mark or mark
        message = "quoted text that is never closed; add the closing quote mark at the end of the text"
    elif "escape character" in problem:
        message = (f"{problem.replace('found unknown', 'unknown')} in double-quoted text; use single quotes, "
                   "or write a backslash as \\\\")
    elif problem == "mapping values are not allowed here":
        message = ("unexpected ': ' here; put text that contains ': ' in quotes, or indent this line like the "
                   "lines around it")
    elif "could not find expected ':'" in problem:
        mark = error.context_mark or mark
        message = ("expected a field (`name: value`) on this line; if it continues the text above, indent it "
                   "further, or quote the text")
    elif "scanning an alias" in context or "scanning an anchor" in context:
        mark = error.context_mark or mark
        sign = "*" if "alias" in context else "&"
        message = f"text that starts with '{sign}' must be in quotes (YAML reads {sign}word specially)"
    elif "cannot start any token" in problem:
        character = problem.split("'")[1] if problem.count("'") >= 2 else "this character"
        message = f"a value cannot start with '{character}'; put the whole value in quotes"
    elif "flow sequence" in context or "flow mapping" in context:
        mark = error.context_mark or mark
        bracket, closing = ("[", "]") if "sequence" in context else ("{", "}")
        message = (f"the '{bracket}' here starts a YAML list or mapping that is never closed with '{closing}'; "
                   f"close it, or put text that starts with '{bracket}' in quotes")
    elif "but found another document" in problem:
        message = "a content file holds one document; remove the `---` line"
    elif "expected <block end>" in problem and _text_before(mark):
        message = ("unexpected text after the end of a value; if the text starts with a quoted word, put the "
                   "whole text in quotes, e.g. '\"Quoted\" and more'")
    elif "expected <block end>" in problem:
        message = "this line does not line up with the lines around it; check its indentation"
    else:
        message = f"not valid YAML: {context} {problem}".replace("  ", " ").strip()
        message += "; check indentation and quote text that contains ': ' or starts with a special character"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(display_path, line, column, "", message)


def _text_before(mark: yaml.Mark | None) -> bool:
    """True when something other than indentation precedes `mark` on its line."""
    buffer = getattr(mark, "buffer", None)
    if not isinstance(buffer, str):
        return False
    start = buffer.rfind("\n", 0, mark.pointer) + 1
    return bool(buffer[start:mark.pointer].strip())


def _build(node: yaml.Node, path: Path_, document: YamlDocument) -> Any:
    document.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(
                    Problem(document.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                            dotted(path), "a key must be a plain field name such as `title`, not a list or "
                            "mapping")
                )
            key = key_node.value
            key_position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first_line = document.key_positions[path + (key,)][0]
                raise YamlProblem(
                    Problem(document.path, *key_position, dotted(path + (key,)),
                            f"duplicate key '{key}' (first set on line {first_line}); keep one of them")
                )
            document.key_positions[path + (key,)] = key_position
            result[key] = _build(value_node, path + (key,), document)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, path + (index,), document) for index, child in enumerate(node.value)]
    try:
        return _scalar(node)
    except _NumberTooLong:
        size = f"{len(node.value):,} characters long" if len(node.value) > MAX_DIGITS else "too large to hold"
        raise YamlProblem(Problem(document.path, node.start_mark.line + 1, node.start_mark.column + 1,
                                  dotted(path), f"this number is {size}; numbers in content files have at most "
                                  f"{MAX_DIGITS} digits")) from None


def _scalar(node: yaml.ScalarNode) -> Any:
    """YAML 1.2 core schema: only true/false are booleans, so `no` stays the string 'no'."""
    value = node.value
    if node.tag != _PLAIN:  # quoted or block text, or an explicit !!str
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        if len(value.lstrip("+-")) > MAX_DIGITS:
            raise _NumberTooLong(value)
        return int(value)
    if _FLOAT.match(value):
        number = float(value)
        if not math.isfinite(number) or len(value) > 3 * MAX_DIGITS:
            raise _NumberTooLong(value)
        return number
    return value


# No number in a content file has more than three digits; Python refuses to read a number of
# more than 4,300 digits at all, so a long one must be stopped here, with its place.
MAX_DIGITS = 15


class _NumberTooLong(ValueError):
    """A number longer than any content file needs."""


def dotted(path: Path_) -> str:
    """`('questions', 2, 'options')` → `questions[2].options`, the form our messages use."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text

