"""libyaml (fast) and pure-Python composing give the same data and positions for every real file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support import ROOT

from build_tools import yamlfile

FILES = sorted([*ROOT.glob("content/**/*.yml"), *ROOT.glob("quizzes/*.yml"), *ROOT.glob("tests/fixtures/**/*.yml")])


@pytest.mark.parametrize("file", FILES, ids=lambda file: file.relative_to(ROOT).as_posix())
def test_fast_and_pure_python_paths_agree(file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = yamlfile.read_yaml(file, "x.yml")
    monkeypatch.setattr(yamlfile, "_compose_fast", lambda text, plain: None)
    slow = yamlfile.read_yaml(file, "x.yml")
    assert fast.data == slow.data
    assert fast.positions == slow.positions
    assert fast.key_positions == slow.key_positions


def test_fast_path_is_in_use() -> None:
    assert hasattr(yaml, "CSafeLoader"), "PyYAML was built without libyaml; reading content is ~10x slower"
    def compose(text: str) -> object:
        return yamlfile._compose_fast(text, yamlfile._scan(text, "x.yml"))

    assert compose("a: 1\n") is not None
    assert compose("a: &x 1\nb: *x\n") is None  # refused: left to the worded slow path
