"""Find the content files, read them and turn each into its typed model.

Every problem is collected (never raised on the first one) so an author with five
mistakes sees five messages in one run.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import models
from .errors import Problem
from .yamlfile import YamlDocument, YamlProblem, dotted, read_yaml

# Where each kind of file lives, relative to the project root, and the model that reads it.
LAYOUT: tuple[tuple[str, str, Any], ...] = (
    ("sources", "content/sources.yml", models.SourcesFile),
    ("chapter", "content/chapters/*.yml", models.Chapter),
    ("guide", "content/guides/*.yml", models.Guide),
    ("checklist", "content/checklists/*.yml", models.Checklist),
    ("quiz", "quizzes/*.yml", models.QuizFile),
)
_ALLOWED_FOLDERS = {"content", "content/chapters", "content/guides", "content/checklists", "quizzes"}


@dataclass
class Loaded:
    """Every file that could be read, as a model, with its document for locating problems."""

    root: Path
    entries: list[tuple[str, YamlDocument, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Ids (and file names) of the files of each kind that could not be read. Their own problems
    # are reported; cross-file rules do not report every reference to them again.
    unreadable: dict[str, set[str]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[tuple[YamlDocument, Any]]:
        """(document, model) pairs of one kind, in file-name order."""
        return [(doc, model) for entry_kind, doc, model in self.entries if entry_kind == kind]


def load(root: Path) -> Loaded:
    """Read and validate every content file under `root`, one model per file."""
    loaded = Loaded(root)
    if not (root / "content").is_dir():
        # Almost always a wrong --root or working folder, not a missing sources file.
        loaded.problems.append(Problem("content/", 1, 1, "", f"no content/ folder in {root}; run this from the "
                                                             f"project folder, or point --root at it"))
        return loaded
    for kind, pattern, model_type in LAYOUT:
        files = sorted(root.glob(pattern))
        if kind == "sources" and not files:
            loaded.unreadable["sources"] = {"sources"}  # so every cited point is not reported missing too
            loaded.problems.append(Problem(pattern, 1, 1, "", "the sources registry is missing; create the file "
                                                              "with `schema_version: 1` and a `sources:` list"))
        for file in files:
            display = file.relative_to(root).as_posix()
            try:
                document = read_yaml(file, display)
            except YamlProblem as error:
                loaded.problems.append(error.problem)
                loaded.unreadable.setdefault(kind, set()).add(file.stem)
                continue
            model, problems = validate_document(document, model_type)
            loaded.problems.extend(problems)
            if model is not None:
                loaded.entries.append((kind, document, model))
            else:
                names = loaded.unreadable.setdefault(kind, set())
                names.add(file.stem)
                if isinstance(document.data, dict) and isinstance(document.data.get("id"), str):
                    names.add(document.data["id"])
    loaded.problems.extend(_stray_files(root))
    return loaded


def _stray_files(root: Path) -> list[Problem]:
    """A `.yaml` file or a file in an unknown folder would be silently ignored: say so."""
    problems = []
    for folder in ("content", "quizzes"):
        for file in sorted((root / folder).rglob("*")):
            if not file.is_file() or file.name.startswith("."):
                continue
            relative = file.relative_to(root).as_posix()
            parent = file.parent.relative_to(root).as_posix()
            if file.suffix == ".yaml":
                problems.append(Problem(relative, 1, 1, "", f"this file is not read: content files end in .yml; "
                                                            f"rename it to {file.stem}.yml"))
            elif file.suffix == ".yml" and (parent not in _ALLOWED_FOLDERS or parent == "content") \
                    and relative != "content/sources.yml":
                problems.append(
                    Problem(relative, 1, 1, "", "this file is not read: put chapters in content/chapters/, guides in "
                            "content/guides/, checklists in content/checklists/ and quizzes in quizzes/")
                )
    return problems


def validate_document(document: YamlDocument, model_type: Any) -> tuple[Any, list[Problem]]:
    """The document's data as `model_type`, or None and the located problems."""
    if not isinstance(document.data, dict):
        line, column = document.position(())
        return None, [Problem(document.path, line, column, "",
                              f"expected a mapping of fields (`name: value` lines, starting with "
                              f"`schema_version: 1`), found {_describe(document.data)}")]
    adapter = model_type if isinstance(model_type, TypeAdapter) else TypeAdapter(model_type)
    try:
        return adapter.validate_python(document.data), []
    except ValidationError as error:
        errors = error.errors(include_url=False)
    # A misspelt required field shows up twice, as unknown and as missing; the did-you-mean
    # of the unknown one already names the fix, so the missing one is left out.
    suggested = set()
    for item in errors:
        if item["type"] == "extra_forbidden":
            path = _data_path(document.data, item["loc"])
            close = _closest(str(path[-1]), _allowed_fields(model_type, document.data, path[:-1]))
            if close:
                suggested.add(path[:-1] + (close,))
    problems = [_problem(document, model_type, item) for item in errors
                if not (item["type"] == "missing" and _data_path(document.data, item["loc"]) in suggested)]
    return None, problems


def _problem(document: YamlDocument, model_type: Any, error: Any) -> Problem:
    path = _data_path(document.data, error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        name = path[-1]
        line, column = document.position(path, key=True)
        return Problem(document.path, line, column, dotted(path[:-1]),
                       _unknown_field(str(name), _allowed_fields(model_type, document.data, path[:-1])))
    if kind == "missing":
        line, column = document.position(path[:-1])
        return Problem(document.path, line, column, dotted(path[:-1]),
                       f"missing required field '{path[-1]}'; add a `{path[-1]}:` line")
    if kind in {"union_tag_invalid", "union_tag_not_found"}:
        # The mistake is in the `type:`/`kind:` line (or its absence), not the whole mapping.
        name = str(error.get("ctx", {}).get("discriminator", "type")).strip("'")
        tags = ", ".join(f"'{tag}'" for tag in _union_tags(_annotation_at(model_type, document.data, path)))
        if kind == "union_tag_not_found":
            line, column = document.position(path)
            return Problem(document.path, line, column, dotted(path),
                           f"missing required field '{name}'; add a `{name}:` line with one of {tags}")
        line, column = document.position(path + (name,))
        return Problem(document.path, line, column, dotted(path + (name,)),
                       f"unknown {name} '{error['ctx'].get('tag')}'; use one of {tags}")
    line, column = document.position(path)
    message = _message(error, document.data, path)
    if message.startswith("must not be empty"):
        message = "must not be empty; " + _blank_fix(model_type, document.data, path)
    return Problem(document.path, line, column, dotted(path), message)


def _blank_fix(model_type: Any, data: Any, path: tuple) -> str:
    """How to fix blank text: a list entry goes away, a required field needs its text."""
    if path and isinstance(path[-1], int):
        return "write the text or remove this entry"
    model = _pick_model(_annotation_at(model_type, data, path[:-1]), _node_at(data, path[:-1]))
    if isinstance(model, type) and issubclass(model, BaseModel) and path and path[-1] in model.model_fields:
        if model.model_fields[path[-1]].is_required():
            return "write the text"
    return "write the text or remove the field"


def _data_path(data: Any, loc: tuple) -> tuple:
    """Pydantic's location minus the union tags it inserts (e.g. `'single'` for a question)."""
    path: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part not in node and part in (
            node.get("type"), node.get("kind")
        ):
            continue
        path.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(path)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{value[:40]}{'…' if len(value) > 40 else ''}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_YAML11_BOOLEANS = {"yes": True, "y": True, "on": True, "no": False, "n": False, "off": False}


def _message(error: Any, data: Any, path: tuple) -> str:
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    found = _describe(value)
    name = path[-1] if path and isinstance(path[-1], str) else None
    if kind in {"string_type", "str_type"}:
        if value is None:
            return f"expected text, found nothing; write the text after `{name}:`" if name else \
                "expected text, found nothing; write the text or remove this entry"
        if isinstance(value, dict):
            return ("expected text, found a mapping (`name: value` lines); write the text itself, and put it in "
                    "quotes if it contains ': '")
        if isinstance(value, list):
            return "expected text, found a list; write one text, not lines starting with '- '"
        return f"expected text, found {found}; put it in quotes if it is meant as text"
    if kind == "int_type":
        if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
            return f"expected a whole number, found the text {found}; remove the quotes"
        return f"expected a whole number, found {found}"
    if kind == "bool_type":
        if isinstance(value, str) and value.lower() in _YAML11_BOOLEANS:
            meant = "true" if _YAML11_BOOLEANS[value.lower()] else "false"
            return (f"expected true or false, found the text {found}; write `{meant}` (only true and false are "
                    f"booleans)")
        if isinstance(value, str) and value.lower() in {"true", "false"}:
            return f"expected true or false, found the text {found}; remove the quotes"
        return f"expected true or false, found {found}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- '), found {found}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected a mapping of fields (`name: value` lines), found {found}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        if " or " not in expected and "," not in expected:
            return f"must be {expected}, found {found}"
        return f"must be one of {expected}, found {found}"
    if kind == "string_pattern_mismatch":
        if "/" in str(ctx.get("pattern", "")):
            return f"{found} is not a source point reference; write it as 'source-id/point-id'"
        return (f"{found} is not a valid id; use lowercase letters, digits and single hyphens, "
                f"e.g. 'set-boundaries'")
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} entries, found {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"allows at most {ctx.get('max_length')} entries, found {ctx.get('actual_length')}"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; keep it to {ctx.get('max_length')} or fewer"
    if kind in {"greater_than_equal", "less_than_equal"}:
        bound = "at least" if kind == "greater_than_equal" else "at most"
        limit = ctx.get("ge", ctx.get("le"))
        return f"must be {bound} {limit}, found {found}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _closest(name: str, allowed: list[str]) -> str | None:
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_field(name: str, allowed: list[str]) -> str:
    close = _closest(name, allowed)
    if close:
        return f"unknown field '{name}' (did you mean '{close}'?)"
    return f"unknown field '{name}'; allowed fields: {', '.join(allowed)}"


def _node_at(data: Any, path: tuple) -> Any:
    node = data
    for part in path:
        node = node[part] if _has(node, part) else None
    return node


def _annotation_at(model_type: Any, data: Any, path: tuple) -> Any:
    """The declared type of the value at `path`, walking the declaration alongside the data."""
    annotation, node = model_type, data
    for part in path:
        annotation = _pick_model(annotation, node)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            annotation = annotation.model_fields[part].annotation if part in annotation.model_fields else None
        else:
            args = typing.get_args(annotation)
            annotation = args[0] if args else None
        node = node[part] if _has(node, part) else None
    return annotation


def _allowed_fields(model_type: Any, data: Any, path: tuple) -> list[str]:
    """Field names of the model found at `path`."""
    annotation = _pick_model(_annotation_at(model_type, data, path), _node_at(data, path))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _union_tags(annotation: Any) -> list[str]:
    """The `type:`/`kind:` values a tagged union accepts, in declaration order."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return [tag for member in typing.get_args(annotation) if (tag := _tag_of(member))]


def _has(node: Any, part: Any) -> bool:
    return (isinstance(node, dict) and part in node) or (isinstance(node, list) and isinstance(part, int)
                                                         and part < len(node))


def _pick_model(annotation: Any, node: Any) -> Any:
    """Unwrap Annotated/Optional/list and choose the union member whose tag the data names."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            chosen = members[0] if len(members) == 1 else None
            for member in members:
                tag = _tag_of(member)
                if tag and isinstance(node, dict) and tag in (node.get("type"), node.get("kind")):
                    chosen = member
            return chosen
        else:
            return annotation


def _tag_of(member: Any) -> str | None:
    if isinstance(member, type) and issubclass(member, BaseModel):
        for name in ("type", "kind"):
            field_info = member.model_fields.get(name)
            if field_info is not None:
                args = typing.get_args(field_info.annotation)
                if args:
                    return args[0]
    return None
