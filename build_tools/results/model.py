"""The results file, declared once: the model below, its JSON Schema (`make schemas`) and the docs.

A person's browser writes it (a quiz result, a checklist, or everything from My progress); the team
page and `python -m build_tools results` read it. Each attempt holds what an xAPI statement needs
(see xapi.py), so nothing is lost on the way to a learning record store.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT = "client-craft-results"
SCHEMA_VERSION = 1

# Patterns are full matches in both readers (check.py, team-read.js): [0-9], never \d, which in
# Python also matches other scripts' digits.
_TIMESTAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})$"
_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ATTEMPT_ID = r"^[A-Za-z0-9][A-Za-z0-9@:._+-]{0,199}$"
_VERSION = r"^[0-9a-f]{12}$"

Timestamp = Annotated[str, Field(pattern=_TIMESTAMP, json_schema_extra={
    "x-expected": "a date and time such as 2026-12-01T09:30:00.000Z"})]
Id = Annotated[str, Field(pattern=_ID, max_length=120, json_schema_extra={
    "x-expected": "an id in lower case such as quiz-starting-well"})]
Text = Annotated[str, Field(min_length=1, max_length=300)]


class _Strict(BaseModel):
    # A field the format does not have is a mistake (or another program's file), not something to ignore.
    model_config = ConfigDict(extra="forbid")


class DimensionResult(_Strict):
    """One dimension of a self-assessment attempt."""

    score: float | None = Field(ge=0, le=100, description="0 to 100; empty when too few statements were answered.")
    band: Id | None = Field(description="Id of the dimension's band; empty with no score.")


class Attempt(_Strict):
    """One finished attempt at a quiz or self-assessment."""

    attempt_id: str = Field(pattern=_ATTEMPT_ID, json_schema_extra={
        "x-expected": "letters, digits and @ : . _ + - only (a UUID for attempts finished since results carry one)"},
        description="Unique per attempt: a UUID, or `<quiz>@<finished>` for an attempt saved before attempts "
                    "had ids. Files that share an attempt are counted once.")
    quiz: Id = Field(description="Id of the quiz or self-assessment.")
    quiz_title: Text = Field(description="Its title when the attempt was made.")
    kind: Literal["knowledge", "assessment"]
    version: str | None = Field(pattern=_VERSION, json_schema_extra={"x-expected": "12 hexadecimal digits"},
                                description="The quiz's content version (12 hexadecimal digits) when the attempt "
                                            "was made; empty for attempts saved before results carried it.")
    started: Timestamp | None = Field(description="When the first answer was given; empty if not recorded.")
    finished: Timestamp = Field(description="When the attempt was submitted.")
    answers: dict[str, list[Annotated[str, Field(max_length=120)]] | Annotated[str, Field(max_length=120)]] | None = \
        Field(description="Every answer by question id: a list of option ids (the steps in order, for ordering "
                          "questions) for a quiz, one scale value (`1`…, or `na`) per statement for a "
                          "self-assessment. Empty for attempts saved before answers were kept.")
    score: float | None = Field(ge=0, description="Points (a quiz) or 0 to 100 (a self-assessment; empty "
                                                  "until every dimension has enough answers).")
    max: float = Field(gt=0, description="Points possible; 100 for a self-assessment.")
    percent: float | None = Field(ge=0, le=100, description="Score as a percentage of max.")
    passed: bool | None = Field(description="Whether a quiz's pass mark was reached; empty for a self-assessment.")
    band: Id | None = Field(description="A self-assessment's overall band id; empty for a quiz.")
    dimensions: dict[str, DimensionResult] | None = Field(
        description="A self-assessment's score and band per dimension id; empty for a quiz.")


class GuideRead(_Strict):
    """A guide the person marked as read."""

    id: Id
    title: Text
    date: Timestamp = Field(description="When it was marked read.")


class ChecklistTicks(_Strict):
    """A checklist with at least one item ticked."""

    id: Id
    title: Text
    total: int = Field(ge=0, description="How many items the checklist has.")
    ticked: list[Id] = Field(max_length=500, description="Ids of the ticked items.")


class ResultFile(_Strict):
    """A file of results exported from Client Craft: by a quiz page, a checklist page or My progress."""

    format: Literal["client-craft-results"] = Field(description="Always `client-craft-results`.")
    schema_version: Literal[1] = Field(description="The version of this format: 1.")
    exported_at: Timestamp = Field(description="When the file was made.")
    name: Annotated[str, Field(max_length=200)] | None = Field(
        description="The person's name as they entered it on My progress; empty if they gave none.")
    attempts: list[Attempt] = Field(max_length=5000, description="Finished attempts, each quiz's oldest first.")
    guides_read: list[GuideRead] = Field(default=[], max_length=2000)
    checklists: list[ChecklistTicks] = Field(default=[], max_length=500)


def results_schema() -> dict:
    """The JSON Schema of a results file, as committed in build_tools/schemas/results.schema.json."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(ResultFile).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://client-craft.invalid/schemas/results.schema.json",
        "title": "ResultFile",
        "description": "Client Craft results file (exported JSON), format version 1.",
        **{key: value for key, value in schema.items() if key not in {"title", "description"}},
    }
