"""A golden file pins the generated scoring module, so any change to what the browser scores with shows as a diff.

Run `pytest tests/quiz/test_scoring_golden.py --update-golden` to accept a deliberate change (a rule
edited in build_tools/scoring/spec.py, say), then review the diff of tests/golden/scoring.js like any
other change.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from build_tools.minify import minify_js
from build_tools.scoring import scoring_module_source

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "scoring.js"


def test_scoring_module_matches_golden_file(update_golden: bool) -> None:
    actual = scoring_module_source()
    if update_golden:
        GOLDEN.write_bytes(actual.encode("utf-8"))
    expected = GOLDEN.read_bytes().decode("utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        str(GOLDEN), "scoring_module_source()"))
    assert actual == expected, f"scoring.js changed; rerun with --update-golden if intended:\n{diff}"


def test_site_serves_the_golden_module_minified(quiz_site: Path) -> None:
    served = (quiz_site / "assets/client-craft/scoring.js").read_bytes().decode("utf-8")
    assert served == minify_js(GOLDEN.read_bytes().decode("utf-8"))
