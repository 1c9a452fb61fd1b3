"""Unit tests of the strict YAML reader and the content models: types are never guessed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from build_tools import models
from build_tools.errors import Problem
from build_tools.model_errors import validate_document
from build_tools.yamlfile import YamlDocument, YamlProblem, dotted, read_yaml

QUIZ_FILE: TypeAdapter[models.Quiz | models.Assessment] = TypeAdapter(models.QuizFile)


def parse(tmp_path: Path, text: str | bytes) -> YamlDocument:
    """read_yaml on `text` written to a file named f.yml."""
    file = tmp_path / "f.yml"
    file.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return read_yaml(file, "f.yml")


def refusal(tmp_path: Path, text: str | bytes) -> str:
    """The problem line read_yaml raises for `text`."""
    with pytest.raises(YamlProblem) as caught:
        parse(tmp_path, text)
    return str(caught.value.problem)


# --- YAML 1.2 scalars ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        ("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False),
        # YAML 1.1 booleans are plain words in YAML 1.2: `no` is Norwegian, not false.
        ("no", "no"), ("No", "No"), ("yes", "yes"), ("on", "on"), ("off", "off"), ("y", "y"), ("n", "n"),
        ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None),
        ("0", 0), ("42", 42), ("-7", -7), ("+3", 3), ("010", 10),
        ("1.5", 1.5), ("1e3", 1000.0), (".5", 0.5),
        # Forms YAML 1.1 (or PyYAML) would turn into other types stay text.
        ("0x1F", "0x1F"), ("0o17", "0o17"), ("1_000", "1_000"), (".inf", ".inf"), (".nan", ".nan"),
        ("2024-05-01", "2024-05-01"), ("12:30", "12:30"), ("1.", 1.0),
        ('"no"', "no"), ("'true'", "true"), ('"42"', "42"), ('"null"', "null"), ("!!str 5", "5"),
    ],
)
def test_scalars_follow_yaml_1_2_core_schema(tmp_path: Path, literal: str, value: Any) -> None:
    data = parse(tmp_path, f"value: {literal}\n").data
    assert data == {"value": value}
    assert type(data["value"]) is type(value)


def test_block_text_is_text(tmp_path: Path) -> None:
    data = parse(tmp_path, "a: >-\n  no\n  more\nb: |\n  42\n").data
    assert data == {"a": "no more", "b": "42\n"}


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    assert parse(tmp_path, b"\xef\xbb\xbfid: x\n").data == {"id": "x"}


# --- Positions -------------------------------------------------------------------------


def test_positions_of_values_and_keys(tmp_path: Path) -> None:
    document = parse(tmp_path, "# comment\nid: x\nitems:\n  - text: a\n    guide: g\n  - text: b\n")
    assert document.position(()) == (2, 1)
    assert document.position(("id",)) == (2, 5)
    assert document.position(("id",), key=True) == (2, 1)
    assert document.position(("items",)) == (4, 3)
    assert document.position(("items", 1)) == (6, 5)
    assert document.position(("items", 0, "guide")) == (5, 12)
    assert document.position(("items", 0, "guide"), key=True) == (5, 5)


def test_position_of_a_missing_value_is_its_nearest_parent(tmp_path: Path) -> None:
    document = parse(tmp_path, "id: x\nitems:\n  - text: a\n")
    assert document.position(("items", 0, "hint")) == (3, 5)
    assert document.position(("items", 7, "text")) == (3, 3)
    assert document.position(("nothing", "here")) == (1, 1)


def test_positions_with_windows_line_endings(tmp_path: Path) -> None:
    document = parse(tmp_path, b"a: 1\r\nb:\r\n  - y: 2\r\n")
    assert document.data == {"a": 1, "b": [{"y": 2}]}
    assert document.position(("b", 0, "y")) == (3, 8)


def test_dotted_paths() -> None:
    assert dotted(()) == ""
    assert dotted(("questions", 2, "options")) == "questions[2].options"
    assert dotted(("sections", 0, "items", 1, "id")) == "sections[0].items[1].id"


# --- What the reader refuses -----------------------------------------------------------


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    assert refusal(tmp_path, "id: a\ntitle: x\nsteps: []\ntitle: y\n") == (
        "f.yml:4:1: title: duplicate key 'title' (first set on line 2); keep one of them"
    )


def test_duplicate_key_in_a_nested_mapping(tmp_path: Path) -> None:
    assert refusal(tmp_path, "items:\n  - id: a\n    id: b\n") == (
        "f.yml:3:5: items[0].id: duplicate key 'id' (first set on line 2); keep one of them"
    )


def test_alias_bomb_is_refused_at_its_first_anchor(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
        for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
    assert refusal(tmp_path, bomb).startswith("f.yml:1:4: '&a' is a YAML anchor")


def test_tags_are_refused_rather_than_dropping_words(tmp_path: Path) -> None:
    # PyYAML would read `!Note: check` as the text "check" with a tag `!Note:`.
    assert refusal(tmp_path, "hint: !Note: check the date\n").startswith("f.yml:1:7: '!Note:' is a YAML tag")
    assert refusal(tmp_path, "n: !!int 5\n").startswith("f.yml:1:4: '!!int' is a YAML tag")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"", "f.yml:1:1: file is empty; start with `schema_version: 1`"),
        (b"# only a comment\n", "f.yml:1:1: file is empty; start with `schema_version: 1`"),
        (b"a: caf\xe9\n", "f.yml:1:7: byte 0xe9 is not UTF-8; save the file as UTF-8"),
        (b"a: 1\nb: x\x07y\n", "f.yml:2:5: control character U+0007 is not allowed in YAML; delete it "
                              "(it is invisible in most editors)"),
        (b"a:\n\t- b\n", "f.yml:2:1: tab character; YAML indentation must use spaces, so replace the tab with "
                         "spaces"),
        (b"a: 'open\nb: 2\n", "f.yml:1:4: quoted text that is never closed; add the closing quote mark at the end "
                              "of the text"),
        (b"a: 1\n---\nb: 2\n", "f.yml:2:1: a content file holds one document; remove the `---` line"),
    ],
)
def test_unreadable_files_get_one_located_problem(tmp_path: Path, text: bytes, expected: str) -> None:
    assert refusal(tmp_path, text) == expected


def test_size_limit_is_checked_before_parsing(tmp_path: Path) -> None:
    assert refusal(tmp_path, b"a: [" + b"x, " * 400_000 + b"x]\n") == (
        "f.yml:1:1: file is 1.2 MB; content files must be under 1 MB, so split it into several files"
    )


# --- Models: strict types --------------------------------------------------------------


def option(**fields: Any) -> dict[str, Any]:
    """A valid option with `fields` changed."""
    return {"id": "a", "text": "An answer", **fields}


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"correct": 1}, "bool_type"),          # strict: 1 is not true
        ({"correct": "yes"}, "bool_type"),
        ({"correct": "true"}, "bool_type"),
        ({"text": 42}, "string_type"),          # strict: no number-to-text coercion
        ({"text": None}, "string_type"),
        ({"text": "   "}, "value_error"),       # blank text is a mistake
        ({"id": "Bad Id"}, "string_pattern_mismatch"),
        ({"id": "a--b"}, "string_pattern_mismatch"),
        ({"colour": "red"}, "extra_forbidden"),
    ],
)
def test_option_is_strict(fields: dict[str, Any], error: str) -> None:
    with pytest.raises(ValidationError) as caught:
        models.Option.model_validate(option(**fields))
    assert [item["type"] for item in caught.value.errors()] == [error]


def test_optional_fields_accept_null_and_default() -> None:
    assert models.Option.model_validate(option(feedback=None)).feedback is None
    assert models.Option.model_validate(option()).correct is False
    assert models.SourcePoint.model_validate({"id": "p", "section": "1.", "summary": "S"}).excluded is None


def test_models_are_read_only() -> None:
    with pytest.raises(ValidationError):
        models.Option.model_validate(option()).text = "changed"  # type: ignore[misc]


def test_whole_numbers_are_not_fractions_or_text() -> None:
    band = {"id": "b", "min": 0, "max": 100, "label": "All"}
    assert models.Band.model_validate(band).max == 100
    for wrong in (99.5, "100", True):
        with pytest.raises(ValidationError):
            models.Band.model_validate({**band, "max": wrong})


def question(qtype: str, **fields: Any) -> dict[str, Any]:
    """A minimal question of `qtype`."""
    return {"id": "q", "type": qtype, "prompt": "P", "explanation": "E", "guides": ["g"], **fields}


def test_questions_are_chosen_by_their_type() -> None:
    quiz = {"schema_version": 1, "last_reviewed": "2026-11-01",
            "kind": "knowledge", "id": "k", "title": "T", "description": "D", "pass_mark": 50,
            "questions": [question("true_false", answer=True),
                          question("ordering", steps=[{"id": s, "text": s} for s in "abc"])]}
    parsed = QUIZ_FILE.validate_python(quiz)
    assert isinstance(parsed, models.Quiz)
    assert [type(q) for q in parsed.questions] == [models.TrueFalse, models.Ordering]
    assert parsed.mode == "at_end" and parsed.shuffle is False and parsed.questions[0].points == 1


@pytest.mark.parametrize(
    "target",
    ["https://example.com/a?b=c", "http://example.com", "mailto:someone@example.com", "#steps", "other-guide.md",
     "other-guide.md#why", "../checklists/kickoff.md", "./page.md"],
)
def test_safe_link_targets_are_allowed(target: str) -> None:
    assert TypeAdapter(models.InlineMarkdown).validate_python(f"See [this]({target}).")


@pytest.mark.parametrize(
    "target", ["javascript:alert(1)", "JavaScript:alert(1)", "<javascript:alert(1)>", " javascript:x",
               "data:text/html,hi", "vbscript:x", "file:///etc/passwd", "javascript&#58;alert(1)"],
)
def test_unsafe_link_targets_are_refused(target: str) -> None:
    with pytest.raises(ValidationError, match="is not allowed"):
        TypeAdapter(models.InlineMarkdown).validate_python(f"See [this]({target}).")


def test_reference_style_javascript_link_is_refused() -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(models.InlineMarkdown).validate_python("Read [this][1].\n\n[1]: javascript:alert(1)")


def test_guide_title_is_limited_to_80_characters() -> None:
    assert models.Guide.model_json_schema()["properties"]["title"]["maxLength"] == 80


# --- From data to located problems (model_errors.validate_document) -----------------------------


def problems(tmp_path: Path, text: str, model_type: Any) -> list[str]:
    """validate_document's problem lines for `text` read as `model_type`."""
    model, found = validate_document(parse(tmp_path, text), model_type)
    assert (model is None) == bool(found)
    return [str(problem) for problem in found]


def test_misspelt_required_field_is_reported_once(tmp_path: Path) -> None:
    text = "id: o\ntxt: An answer\n"
    assert problems(tmp_path, text, models.Option) == [
        "f.yml:2:1: unknown field 'txt' (did you mean 'text'?)",
    ]


def test_blank_text_fix_depends_on_whether_the_field_is_required(tmp_path: Path) -> None:
    assert problems(tmp_path, "id: o\ntext: ' '\nfeedback: ''\n", models.Option) == [
        "f.yml:2:7: text: must not be empty; write the text",
        "f.yml:3:11: feedback: must not be empty; write the text or remove the field",
    ]


def test_wrong_discriminator_points_at_its_line(tmp_path: Path) -> None:
    text = "schema_version: 1\nid: q\ntitle: T\nkind: poll\n"
    assert problems(tmp_path, text, models.QuizFile) == [
        "f.yml:4:7: kind: unknown kind 'poll'; use one of 'knowledge', 'assessment'",
    ]


def test_a_document_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert problems(tmp_path, "just some words\n", models.Chapter) == [
        "f.yml:1:1: expected a mapping of fields (`name: value` lines, starting with `schema_version: 1`), "
        "found text",  # never repeated: a file that is not a mapping may not be content at all
    ]


def test_problem_line_format() -> None:
    assert str(Problem("a.yml", 3, 5, "questions[0]", "msg")) == "a.yml:3:5: questions[0]: msg"
    assert str(Problem("a.yml", 1, 1, "", "msg")) == "a.yml:1:1: msg"
