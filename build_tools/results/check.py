"""A results file checked against its JSON Schema, with the message a team lead reads.

Only the keywords the results schema uses are understood (a test holds the schema to them), and
assets/team-read.js interprets them the same way, so the team page and the command line say the
same thing about the same file. Patterns match the whole text; `$` never accepts a final newline.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

# Keywords that change what is valid; the others (title, description, default, $schema, $id,
# x-expected) only describe.
UNDERSTOOD = frozenset({"type", "const", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum",
                        "exclusiveMinimum", "items", "maxItems", "properties", "required", "additionalProperties",
                        "anyOf", "$ref"})

_TYPE_WORDS = {"string": "a text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "an object", "null": "empty (null)"}


class Problem(Exception):
    """The first place where a value breaks the schema, as `path: what is wrong`."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


def type_of(value: Any) -> str:
    """The JSON type of a parsed value; integers are numbers without a fraction, as in JavaScript."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        try:
            return "integer" if float(value).is_integer() else "number"
        except OverflowError:
            return "number"  # beyond a double: JavaScript reads it as Infinity
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _is(value: Any, wanted: str) -> bool:
    kind = type_of(value)
    return kind == wanted or (wanted == "number" and kind == "integer")


def _key_path(path: str, key: str) -> str:
    """`attempts[0].score`; a key that is not a plain name is quoted: `answers["a b"]`."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", key):
        return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    return f"{path}.{key}" if path else key


@cache
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text[:-1] + r"\Z" if text.endswith("$") else text)


def check(value: Any, schema: dict, root: dict | None = None, path: str = "", expected: str = "") -> None:
    """Raise Problem at the first part of `value` that `schema` does not allow."""
    root = root or schema
    expected = schema.get("x-expected", expected)
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return check(value, target, root, path, expected)
    if "anyOf" in schema:
        branches = schema["anyOf"]
        fitting = [branch for branch in branches if "type" not in branch or _is(value, branch["type"])]
        if not fitting:
            wanted = " or ".join(_TYPE_WORDS[branch["type"]] for branch in branches)
            raise Problem(path, f"must be {wanted}")
        return check(value, fitting[0], root, path, expected)
    if "type" in schema and not _is(value, schema["type"]):
        raise Problem(path, f"must be {_TYPE_WORDS[schema['type']]}")
    if "const" in schema and value != schema["const"]:
        raise Problem(path, f'must be "{schema["const"]}"')
    if "enum" in schema and value not in schema["enum"]:
        raise Problem(path, "must be one of " + ", ".join(f'"{option}"' for option in schema["enum"]))
    if isinstance(value, str):
        # Lengths in UTF-16 code units, as JavaScript counts them.
        length = len(value.encode("utf-16-le")) // 2
        if length < schema.get("minLength", 0):
            raise Problem(path, "must not be empty")
        if "maxLength" in schema and length > schema["maxLength"]:
            raise Problem(path, f"is longer than {schema['maxLength']} characters")
        if "pattern" in schema and not _pattern(schema["pattern"]).match(value):
            raise Problem(path, f"must be {expected}" if expected else "does not have the expected form")
    elif type_of(value) in {"integer", "number"}:
        if "minimum" in schema and value < schema["minimum"]:
            raise Problem(path, f"must be at least {schema['minimum']}")
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            raise Problem(path, f"must be more than {schema['exclusiveMinimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            raise Problem(path, f"must be at most {schema['maximum']}")
    elif isinstance(value, list):
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            raise Problem(path, f"has more than {schema['maxItems']} entries")
        for index, item in enumerate(value):
            check(item, schema.get("items", {}), root, f"{path}[{index}]")
    elif isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                raise Problem(_key_path(path, name), "is missing")
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            where = _key_path(path, key)
            if key in properties:
                check(item, properties[key], root, where)
            elif extra is False:
                raise Problem(where, "is not a field of this format")
            elif isinstance(extra, dict):
                check(item, extra, root, where)
    return None


def keywords_used(schema: Any) -> set[str]:
    """Every keyword in a schema, at any depth (property names are not keywords)."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            if key in {"properties", "$defs"}:
                for child in value.values():
                    found |= keywords_used(child)
            elif key not in {"enum", "const", "required", "default"}:
                found |= keywords_used(value)
    elif isinstance(schema, list):
        for child in schema:
            found |= keywords_used(child)
    return found
