"""Reproducibility: two builds of the same sources with the same SOURCE_DATE_EPOCH are byte-identical."""

from __future__ import annotations

import difflib
from pathlib import Path

from support import ROOT, build_site


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` by its relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def first_difference(a: bytes, b: bytes) -> str:
    """Where two files part, readable: a line diff for text, an offset for binary."""
    try:
        diff = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), lineterm="", n=0)
        return "\n      ".join(list(diff)[2:8])
    except UnicodeDecodeError:
        offset = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        return f"binary, first difference at byte {offset} (sizes {len(a)} and {len(b)})"


def test_two_builds_are_byte_identical(real_site: Path, tmp_path: Path) -> None:
    # The run's build against a second one into another folder, from another working directory:
    # neither the folder, the working directory nor the time of the build may leak into the output.
    second = build_site(ROOT / "mkdocs.yml", tmp_path / "elsewhere" / "site", cwd=tmp_path)
    one, two = tree(real_site), tree(second)
    only = sorted(set(one) ^ set(two))
    differing = sorted(path for path in set(one) & set(two) if one[path] != two[path])
    print(f"reproducible: {len(one)} files compared, {len(differing)} differ, {len(only)} in one build only")
    report = [f"only in one build: {path}" for path in only]
    report += [f"differs: {path}\n      {first_difference(one[path], two[path])}" for path in differing]
    assert not report, "the two builds differ:\n" + "\n".join(report[:30])
