"""Read one YAML file into plain data plus the line and column of every value.

PyYAML's own loader is too forgiving for hand-written content: it keeps the last of two
duplicate keys, expands alias bombs, and reads `no` (Norwegian!) as `false`. We compose the
node tree with PyYAML and build the data ourselves, with YAML 1.2 core-schema scalars.
"""

from __future__ import annotations

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
    """Composes nodes but refuses anchors and aliases, which our content never needs."""

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (&name, *name) are not supported; write the value out in full",
                problem_mark=mark,
            )
        return super().compose_node(parent, index)


def read_yaml(file: Path, display_path: str) -> YamlDocument:
    """Parse `file`; raise YamlProblem with a located, human message when it is not usable."""
    raw = file.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            Problem(
                display_path, 1, 1, "",
                f"file is {len(raw) / 1_000_000:.1f} MB; content files must be under "
                f"{MAX_FILE_BYTES // 1_000_000} MB, so split it into several files",
            )
        )
    text = _decode(raw, display_path)
    try:
        node = yaml.compose(text, Loader=_StrictComposer)
    except yaml.MarkedYAMLError as error:
        raise YamlProblem(_yaml_problem(error, display_path)) from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML raises marked errors for text input
        raise YamlProblem(Problem(display_path, 1, 1, "", f"not valid YAML: {error}")) from None
    document = YamlDocument(display_path, None)
    if node is None:
        raise YamlProblem(Problem(display_path, 1, 1, "", "file is empty; start with `schema_version: 1`"))
    document.data = _build(node, (), document)
    return document


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
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (error.problem or "").strip()
    if "'\\t'" in problem or "\\t" in problem:
        message = "tab character; YAML indentation must use spaces, not tabs"
    elif problem.startswith("anchors and aliases"):
        message = problem
    else:
        context = f" {error.context}" if error.context else ""
        message = f"not valid YAML:{context} {problem}".replace("  ", " ")
        message += "; check indentation and quote text that contains ': ' or starts with a special character"
    return Problem(display_path, line, column, "", message)


def _build(node: yaml.Node, path: Path_, document: YamlDocument) -> Any:
    document.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(
                    Problem(document.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                            dotted(path), "keys must be plain words")
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
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    """YAML 1.2 core schema: only true/false are booleans, so `no` stays the string 'no'."""
    value = node.value
    if node.style is not None or node.tag == "tag:yaml.org,2002:str":  # quoted or block text
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def dotted(path: Path_) -> str:
    """`('questions', 2, 'options')` → `questions[2].options`, the form our messages use."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text

