"""The editor schemas are current, and every content file tells its editor where its schema is."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support import ROOT as REPO

from build_tools.kinds import FILE_KINDS
from build_tools.schemas import SCHEMA_DIR, schema_documents

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
PREFIX = "# yaml-language-server: $schema="


def test_committed_schemas_match_the_models() -> None:
    expected = schema_documents()
    committed = {path.name: path.read_text(encoding="utf-8") for path in SCHEMA_DIR.glob("*.json")}
    assert sorted(committed) == sorted(expected), "schema files differ from the models' list: run `make schemas`"
    stale = [name for name, text in expected.items() if committed[name] != text]
    assert not stale, f"build_tools/schemas/ is out of date for {', '.join(stale)}: run `make schemas` and commit it"


@pytest.mark.parametrize("name", sorted(schema_documents()))
def test_schema_is_json_schema_2020_12(name: str) -> None:
    schema = json.loads(schema_documents()[name])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}")
    # Editors only warn about unknown fields when the schema forbids them, as the models do.
    definitions = [schema, *schema.get("$defs", {}).values()]
    assert all(d.get("additionalProperties") is False for d in definitions if d.get("type") == "object")


def content_files(root: Path) -> list[tuple[str, Path]]:
    """(kind, file) for every content file the build reads under `root`."""
    return [(kind.name, file) for kind in FILE_KINDS for file in sorted(root.glob(kind.pattern))]


FILES = [(kind, file) for root in (REPO, FIXTURE) for kind, file in content_files(root)]


def test_there_are_content_files_to_check() -> None:
    kinds = {kind for kind, file in FILES if file.is_relative_to(REPO / "content") or
             file.is_relative_to(REPO / "quizzes")}
    assert kinds == {kind.name for kind in FILE_KINDS}


@pytest.mark.parametrize(("kind", "file"), FILES, ids=[str(file.relative_to(REPO)) for _kind, file in FILES])
def test_first_line_points_at_the_right_schema(kind: str, file: Path) -> None:
    first_line = file.read_text(encoding="utf-8").split("\n", 1)[0]
    schema = SCHEMA_DIR / f"{kind}.schema.json"
    expected = PREFIX + Path(os.path.relpath(schema, file.parent)).as_posix()
    assert first_line == expected, f"{file.relative_to(REPO)}: make the first line `{expected}`"
    assert (file.parent / first_line.removeprefix(PREFIX)).resolve() == schema.resolve()
    assert schema.is_file()
