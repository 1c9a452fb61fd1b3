"""JSON Schemas for editors and for results files, derived from the models (`make schemas` writes them)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from .kinds import FILE_KINDS
from .results.model import results_schema

SCHEMA_DIR = Path(__file__).parent / "schemas"


def schema_documents() -> dict[str, str]:
    """File name → JSON Schema text for each kind of content file."""
    documents = {}
    for file_kind in FILE_KINDS:
        kind, pattern, model_type = file_kind.name, file_kind.pattern, file_kind.model
        schema = TypeAdapter(model_type).json_schema()
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://client-craft.invalid/schemas/{kind}.schema.json",
            "title": schema.get("title", kind),
            "description": f"Client Craft {kind} file ({pattern}).",
            **{key: value for key, value in schema.items() if key not in {"title", "description"}},
        }
        documents[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    # Not a content file: the results people download from the site (build_tools/results/model.py).
    documents["results.schema.json"] = json.dumps(results_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return documents


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema into `folder`; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_documents().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path = SCHEMA_DIR) -> list[str]:
    """Names of committed schemas that differ from what the models declare."""
    return [name for name, text in schema_documents().items()
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
