"""Pydantic's validation errors, worded for authors and located in their YAML.

Pydantic says `string_type` at `('questions', 2, 'single', 'prompt')`; an author needs
`quizzes/fit.yml:14:7: questions[2].prompt: expected text, found a list; …`. This module
turns the one into the other: it drops the union tags pydantic inserts into locations, finds
the line and column of the value, and words each kind of error with the fix.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import Problem
from .kinds import KIND
from .markup import excerpt
from .models import KEY_TERM_PATTERN, PAGE_REF_PATTERN
from .yamlfile import YamlDocument, dotted


def validate_document(document: YamlDocument, model_type: Any) -> tuple[Any, list[Problem]]:
    """The document's data as `model_type`, or None and the located problems."""
    if not isinstance(document.data, dict):
        line, column = document.position(())
        return None, [Problem(document.path, line, column, "",
                              f"expected a mapping of fields (`name: value` lines, starting with "
                              f"`schema_version: 1`), found {_describe(document.data, quote=False)}")]
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
    if path and path[-1] == "[key]":
        # A mapping's key is wrong (only `waive:` has a fixed set of keys): point at the key itself.
        path = path[:-1]
        line, column = document.position(path, key=True)
        return Problem(document.path, line, column, dotted(path), _unknown_key(str(path[-1]), error))
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


def _describe(value: Any, *, quote: bool = True) -> str:
    """What a value is, for a message; text is quoted short and cleaned, or not at all.

    A file that is not a mapping may not be content at all (a key or a password file dropped in
    the wrong folder), so its text is never repeated (`quote=False`).
    """
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}" if quote else "a number"
    if isinstance(value, str):
        return f"'{excerpt(value, 40)}'" if quote else "text"
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
        if isinstance(value, dict) and len(path) == 2 and path[0] == "contested":
            # The format before content/contested.yml held each entry inside its guide.
            return (f"expected the id of an entry in {KIND['contested'].pattern}, found a whole entry; move it "
                    f"into that file with an `id:` and a `title:`, and list only its id here")
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
        if ctx.get("pattern") == KEY_TERM_PATTERN:
            return (f"{found} is not a key term; use a word or short phrase of letters, digits, spaces, hyphens "
                    f"and apostrophes, e.g. 'late payment'")
        if ctx.get("pattern") == PAGE_REF_PATTERN:
            return (f"{found} is not a page of the playbook; write `guide/<id>`, `checklist/<id>`, `quiz/<id>`, "
                    f"`chapter/<id>`, `sources` or `disagreements`")
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


def _unknown_key(name: str, error: Any) -> str:
    """`waive: {long-option: …}`: the one mapping whose keys are a fixed list (the item-writing rules)."""
    expected = str(error.get("ctx", {}).get("expected", ""))
    allowed = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",") if part.strip(" '")]
    close = _closest(name, allowed)
    hint = f" (did you mean '{close}'?)" if close else f"; the rules are {', '.join(allowed)}"
    return f"'{name}' is not an item-writing rule{hint}"


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
