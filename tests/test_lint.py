"""Ruff keeps the code tidy; only the MkDocs plugin may depend on MkDocs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from support import ROOT

# The one adapter to MkDocs; everything else is a library any generator can use.
MKDOCS_ADAPTER = ROOT / "build_tools" / "mkdocs_plugin.py"


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise",
                             "build_tools", "benchmarks", "tests"], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module `path` imports (statements only, not text in strings)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_plugin_imports_mkdocs() -> None:
    # benchmarks/.work holds generated projects, whose hooks are MkDocs' by design.
    modules = sorted([*(ROOT / "build_tools").rglob("*.py"),
                      *(p for p in (ROOT / "benchmarks").rglob("*.py") if ".work" not in p.parts)])
    offenders = [p.relative_to(ROOT).as_posix() for p in modules
                 if p != MKDOCS_ADAPTER and {"mkdocs", "material"} & imported_modules(p)]
    assert offenders == []
    assert "mkdocs" in imported_modules(MKDOCS_ADAPTER)
