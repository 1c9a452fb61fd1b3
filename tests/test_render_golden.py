"""Golden files pin the rendering of one guide and one chapter page (Markdown with HTML blocks).

Run `pytest tests/test_render_golden.py --update-golden` to accept a deliberate change, then review
the diff of tests/golden/*.md like any other change.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from build_tools.project import build_project
from build_tools.render import Renderer

GOLDEN = Path(__file__).parent / "golden"
PAGES = {
    "first-steps/plan-first.md": "guide.md",
    "first-steps/index.md": "chapter.md",
}


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    project = build_project(GOLDEN / "project")
    return {page.src_uri: page.markdown for page in Renderer(project, directory_urls=False).pages()}


@pytest.mark.parametrize("src_uri", sorted(PAGES))
def test_page_matches_golden_file(rendered: dict[str, str], src_uri: str, update_golden: bool) -> None:
    golden = GOLDEN / PAGES[src_uri]
    actual = rendered[src_uri]
    if update_golden:
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        str(golden), "rendered"))
    assert actual == expected, f"rendering changed; rerun with --update-golden if intended:\n{diff}"


def test_text_from_yaml_is_escaped(rendered: dict[str, str]) -> None:
    page = rendered["first-steps/plan-first.md"]
    assert "<script>" not in page and "<img" not in page and "<em>before" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "{% if x %}no template{% endif %}" in page  # Jinja syntax in content stays text
    assert "<strong>plainly</strong>" in page  # inline Markdown where the format allows it


def test_front_matter_title_is_escaped_for_material(rendered: dict[str, str]) -> None:
    # MkDocs inserts page titles into HTML unescaped, so the title is escaped once here.
    assert 'title: "Plan the work &lt;em&gt;before&lt;/em&gt; you start"' in rendered["first-steps/plan-first.md"]


def test_unsafe_urls_never_reach_the_page_even_past_validation() -> None:
    from build_tools.markup import TextOnlyMarkdown

    rendered = TextOnlyMarkdown().inline("Read [this][1] and ![i](javascript:x).\n\n[1]: javascript:alert(1)")
    assert "javascript:" not in rendered
    assert "<a>this</a>" in rendered


def test_indentation_is_dropped_but_never_text_or_preformatted_content() -> None:
    from build_tools.postprocess import strip_indentation

    page = ("<div>\n    <p>a &lt;script&gt; b</p>\n  <pre><code>keep\n    indented</code></pre>\n"
            "    <script>\n  const x = `a\n    b`;\n</script>\n  <span>c</span> <span>d</span>\n</div>")
    assert strip_indentation(page) == (
        "<div>\n<p>a &lt;script&gt; b</p>\n<pre><code>keep\n    indented</code></pre>\n"
        "<script>\n  const x = `a\n    b`;\n</script>\n<span>c</span> <span>d</span>\n</div>")
