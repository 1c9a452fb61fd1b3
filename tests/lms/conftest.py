"""Fixtures of the LMS export/import tests: the real project, quiz builders and gift-pegjs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter
from support import ROOT

from build_tools import models
from build_tools.project import Project

GIFT_PARSE = Path(__file__).with_name("gift_parse.mjs")
GIFT_PEGJS = ROOT / "node_modules" / "gift-pegjs"
QUIZ: TypeAdapter[models.Quiz] = TypeAdapter(models.Quiz)


@pytest.fixture(scope="session")
def knowledge_quizzes(project: Project) -> list[models.Quiz]:
    quizzes = [q for q in project.quizzes.values() if isinstance(q, models.Quiz)]
    assert len(quizzes) >= 5, "expected the real knowledge quizzes in quizzes/"
    return quizzes


def gift_pegjs(files: list[Path]) -> dict[str, Any]:
    """What the independent gift-pegjs parser reads from each file, keyed by path."""
    node = shutil.which("node")
    if node is None or not GIFT_PEGJS.is_dir():
        pytest.fail("these tests need Node and node_modules/gift-pegjs: run `npm ci` (make test does)")
    done = subprocess.run([node, str(GIFT_PARSE), *map(str, files)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def make_quiz(questions: list[dict[str, Any]], **fields: Any) -> models.Quiz:
    """A validated knowledge quiz from plain question dicts (guides and explanation filled in)."""
    data = {"schema_version": 1, "last_reviewed": "2026-11-01",
            "kind": "knowledge", "id": "sample", "title": "Sample quiz",
            "description": "A quiz for tests.", "pass_mark": 60, **fields,
            "questions": [{"guides": ["some-guide"], "explanation": "Because.", **q} for q in questions]}
    return QUIZ.validate_python(data)


@pytest.fixture(scope="session")
def parse_with_gift_pegjs():
    """The gift-pegjs helper, as a fixture (test modules do not import conftest)."""
    return gift_pegjs


@pytest.fixture(scope="session")
def quiz_from():
    """The quiz builder, as a fixture."""
    return make_quiz
