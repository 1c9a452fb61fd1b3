"""The "File formats" reference page, derived from the models' JSON Schemas (results files included).

Authors read the same declaration the build validates against, so the page cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import TypeAdapter

from .kinds import FILE_KINDS
from .results.model import ResultFile


@dataclass(frozen=True)
class FieldDoc:
    """One field of one content type, as shown to authors."""

    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class TypeDoc:
    """One content type (a model) and its fields."""

    name: str
    anchor: str
    description: str
    fields: tuple[FieldDoc, ...]


@dataclass(frozen=True)
class FileKindDoc:
    """A kind of file: where it lives and the types it is made of."""

    kind: str
    pattern: str
    types: tuple[TypeDoc, ...]


def _type_name(schema: dict, defs: dict) -> str:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "const" in schema:
        return f"`{schema['const']}`"
    if "enum" in schema:
        return " or ".join(f"`{value}`" for value in schema["enum"])
    for combiner in ("anyOf", "oneOf"):
        if combiner in schema:
            names = [_type_name(option, defs) for option in schema[combiner] if option.get("type") != "null"]
            return " or ".join(names)
    kind = schema.get("type")
    if kind == "array":
        return f"list of {_type_name(schema.get('items', {}), defs)}"
    if kind == "string":
        if schema.get("x-inline-markdown"):
            return "text (inline Markdown)"
        return "id" if schema.get("pattern", "").startswith("^[a-z0-9]") and "/" not in schema["pattern"] else "text"
    return {"integer": "whole number", "boolean": "`true` or `false`", "number": "number"}.get(kind, "value")


def _type_doc(name: str, schema: dict, defs: dict) -> TypeDoc:
    required = set(schema.get("required", []))
    fields = []
    for field_name, field_schema in schema.get("properties", {}).items():
        description = field_schema.get("description", "")
        limits = []
        for key, label in (("minItems", "at least {} entries"), ("maxItems", "at most {} entries"),
                           ("minimum", "from {}"), ("maximum", "up to {}"), ("maxLength", "at most {} characters")):
            if key in field_schema:
                limits.append(label.format(field_schema[key]))
        if "default" in field_schema and field_schema["default"] not in (None, []):
            limits.append(f"default `{str(field_schema['default']).lower()}`")
        if limits:
            description = f"{description} ({'; '.join(limits)})".strip()
        fields.append(FieldDoc(field_name, _type_name(field_schema, defs), field_name in required, description))
    return TypeDoc(name, name.lower(), schema.get("description", ""), tuple(fields))


def _kind_doc(kind: str, pattern: str, model_type: object) -> FileKindDoc:
    schema = TypeAdapter(model_type).json_schema()
    defs = schema.get("$defs", {})
    types = []
    if "properties" in schema:
        types.append(_type_doc(schema.get("title", kind), schema, defs))
    for name in sorted(defs):
        types.append(_type_doc(name, defs[name], defs))
    return FileKindDoc(kind, pattern, tuple(types))


def file_formats() -> list[FileKindDoc]:
    """Every kind of content file with the documentation of its types, then the results file."""
    kinds = [_kind_doc(file_kind.name, file_kind.pattern, file_kind.model) for file_kind in FILE_KINDS]
    return [*kinds, _kind_doc("results", RESULTS_PATTERN, ResultFile)]


# Where results files come from: not a folder of the project, the downloads of the site's pages.
RESULTS_PATTERN = "Results files (.json downloads of quiz pages, checklists and My progress)"
