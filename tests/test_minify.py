"""build_tools.minify: our scripts and styles ship smaller and do exactly what their source does."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from build_tools import assets
from build_tools.minify import minify_asset, minify_css, minify_js
from build_tools.project import Project
from build_tools.scoring import scoring_data, scoring_module_source

RUNNER = Path(__file__).parent / "js" / "score_runner.mjs"
OURS = sorted(path for path in assets.STATIC.rglob("*")
              if path.is_file() and path.relative_to(assets.STATIC).parts[0] != assets.VENDOR)

# Everything a minifier can get wrong: strings, regexes and templates that look like comments or
# hold whitespace, a regex after `return`, a line that ASI ends, and a licence comment.
SAMPLE = r"""/*! Example 1.0 | MIT licence */
// A line comment.
const spaced = "a  //  b /* not a comment */  c";
const quoted = 'it\'s   "quoted"';
const pattern = /[/"]\s+\/\/ */g;  /* a block comment */
const template = `x  ${spaced.length  +  1}  // y`;
function check(text) {
  return /^\s*$/.test(text)
}
let counter = 1
counter
++counter
const values = [spaced.replace(pattern, "|"), quoted, template, check("  "), check(" x "), counter, 1 - -1, 2 + +"3"];
console.log(JSON.stringify(values));
"""


def _node(*args: str, stdin: str | None = None) -> str:
    result = subprocess.run(["node", *args], input=stdin, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_minified_js_is_smaller_and_runs_like_its_source(tmp_path: Path) -> None:
    minified = minify_js(SAMPLE)
    assert len(minified) < len(SAMPLE)
    assert "A line comment" not in minified and "a block comment" not in minified
    assert minified.startswith("/*! Example 1.0 | MIT licence */")  # licences stay
    for literal in ('"a  //  b /* not a comment */  c"', r"""'it\'s   "quoted"'""", r"""/[/"]\s+\/\/ */g""",
                    "`x  ${", "}  // y`"):
        assert literal in minified, literal
    (tmp_path / "source.mjs").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "minified.mjs").write_text(minified, encoding="utf-8")
    assert _node(str(tmp_path / "minified.mjs")) == _node(str(tmp_path / "source.mjs"))


def test_minify_is_deterministic() -> None:
    assert assets.static_assets() == assets.static_assets()
    assert minify_js(scoring_module_source()) == minify_js(scoring_module_source())


@pytest.mark.parametrize("path", OURS, ids=lambda path: path.name)
def test_our_scripts_and_styles_ship_minified(path: Path) -> None:
    if path.name in assets.INLINED | assets.PAGE_STYLES:
        # Inlined into a page's head instead of shipped as a file; minified all the same.
        assert f"{assets.PREFIX}/{path.name}" not in assets.static_assets()
        shipped = assets.inline_stylesheet(path.name).encode("utf-8")
    else:
        shipped = assets.static_assets()[f"{assets.PREFIX}/{path.relative_to(assets.STATIC).as_posix()}"]
    assert shipped == minify_asset(path.name, path.read_bytes()).strip()
    assert len(shipped) < len(path.read_bytes())


def test_vendored_files_ship_as_they_are() -> None:
    vendored = [path for path in assets.STATIC.rglob("*") if path.is_file() and path not in OURS]
    assert vendored, "the iframe-worker shim and its licence"
    shipped = assets.static_assets()
    for path in vendored:
        assert shipped[f"{assets.PREFIX}/{path.relative_to(assets.STATIC).as_posix()}"] == path.read_bytes()


def test_other_files_pass_unchanged() -> None:
    assert minify_asset("iframe-worker.LICENSE", b"  MIT  /* x */ ") == b"  MIT  /* x */ "
    assert minify_asset("guide.pdf", b"%PDF  ") == b"%PDF  "


def test_every_shipped_script_parses_as_a_module(tmp_path: Path) -> None:
    scripts = {path.name: minify_asset(path.name, path.read_bytes()) for path in OURS if path.suffix == ".js"}
    scripts["scoring.js"] = minify_js(scoring_module_source()).encode("utf-8")
    for name, content in scripts.items():
        module = tmp_path / f"{name}.mjs"
        module.write_bytes(content)
        _node("--check", str(module))


def _answer_sets(key: dict[str, Any]) -> list[dict[str, Any]]:
    """Right, wrong, blank, every option and stray answers for a knowledge key; each scale point for an assessment."""
    if key["kind"] == "knowledge":
        questions = key["questions"]
        return [
            {q["id"]: list(q["correct"]) for q in questions},
            {q["id"]: [o for o in q["options"] if o not in q["correct"]][:1] for q in questions},
            {q["id"]: list(q["options"]) for q in questions},
            {q["id"]: list(reversed(q["options"])) for q in questions},
            {q["id"]: ["no such option", 3] for q in questions},
            {},
        ]
    values = [str(point) for point in range(1, key["scale_points"] + 1)] + ["na"]
    items = key["items"]
    sets: list[dict[str, Any]] = [{item["id"]: value for item in items} for value in values]
    sets.append({item["id"]: values[i % len(values)] for i, item in enumerate(items)})
    sets.append({})
    return sets


def test_minified_scoring_module_scores_like_its_source(project: Project, tmp_path: Path) -> None:
    cases = [{"data": key, "answers": answers}
             for quiz in project.quizzes.values()
             for key in [scoring_data(quiz, project.chapter_of_guide)]
             for answers in _answer_sets(key)]
    assert {case["data"]["kind"] for case in cases} == {"knowledge", "assessment"}
    source, minified = tmp_path / "source.mjs", tmp_path / "minified.mjs"
    source.write_text(scoring_module_source(), encoding="utf-8")
    minified.write_text(minify_js(scoring_module_source()), encoding="utf-8")
    stdin = json.dumps(cases)
    assert json.loads(_node(str(RUNNER), str(minified), stdin=stdin)) == json.loads(
        _node(str(RUNNER), str(source), stdin=stdin))


# The rules Chromium reads from a style sheet: selectors or conditions, then the declarations.
# A value that holds var() is kept as written, so rcssmin's dropping the spaces around commas and
# brackets (`hsla(0, 0%, …)` to `hsla(0,0%,…)`) is undone before comparing: nothing reads those spaces.
CSS_RULES = r"""css => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  const tidy = (text) => text.replace(/\s*([,()])\s*/g, "$1").trim();
  const read = (rule) => rule.style ? [rule.selectorText, tidy(rule.style.cssText)]
    : rule.cssRules ? [rule.conditionText ?? rule.name ?? "", [...rule.cssRules].map(read)] : rule.cssText;
  return [...sheet.cssRules].map(read);
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", [path for path in OURS if path.suffix == ".css"], ids=lambda path: path.name)
def test_minified_css_has_the_same_rules_in_chromium(page, path: Path) -> None:  # page: a Playwright Page
    source = path.read_text(encoding="utf-8")
    minified = minify_css(source)
    assert len(minified) < len(source)
    parsed = page.evaluate(CSS_RULES, source)
    assert parsed and page.evaluate(CSS_RULES, minified) == parsed
