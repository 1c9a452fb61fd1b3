"""Typed models of every content file: the one declaration of our formats.

Validation, the JSON Schemas for editors and the "File formats" page for authors
are all derived from these classes, so a field is documented where it is declared.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from . import markup

SCHEMA_VERSION = 1

# Languages a source may be written in; the name is shown on the Sources page.
LANGUAGES = {
    "en": "English",
    "id": "Indonesian",
    "no": "Norwegian",
    "vi": "Vietnamese",
    "zh": "Chinese",
}

_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_POINT_REF = r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$"


# Characters that change how text reads without being seen: bidirectional overrides and isolates
# can make a line display in another order than it is written (U+202A–U+202E, U+2066–U+2069).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_invisible(character: str) -> bool:
    """Whitespace, or a format character such as a zero-width space: nothing a reader can see."""
    return character.isspace() or unicodedata.category(character) in {"Cf", "Cc", "Zs", "Zl", "Zp"}


# The control characters (Unicode category Cc: C0, DEL and C1) but newline and tab, and the bidi controls,
# as one pattern: every text of every file and every translation goes through this check.
_HIDDEN_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(_BIDI_CONTROLS)) + "]")


def _not_blank(value: str) -> str:
    """Text must carry something visible, and no control character a reader cannot see."""
    hidden = _HIDDEN_CONTROL.search(value)
    if hidden:
        raise ValueError(f"contains the invisible control character U+{ord(hidden.group()):04X}; delete it "
                         f"(it often comes with text pasted from another program)")
    if all(_is_invisible(character) for character in value):
        raise ValueError("must not be empty; write the text or remove the field")
    return value


def _safe_links(value: str) -> str:
    """Every link and image the inline Markdown makes, checked as the browser will read it."""
    for kind, target in markup.link_targets(value):
        problem = markup.unsafe_target(kind, target)
        if problem:
            raise ValueError(problem)
    return value


Slug = Annotated[
    str,
    Field(
        pattern=_SLUG,
        max_length=64,
        description="Stable id: lowercase letters, digits and single hyphens, e.g. `set-boundaries`.",
    ),
]
Text = Annotated[str, Field(max_length=2000), AfterValidator(_not_blank)]
ShortText = Annotated[str, Field(max_length=160), AfterValidator(_not_blank)]
# Limits inside Annotated win over a Field() on the attribute, so tighter limits get their own type.
Title = Annotated[str, Field(max_length=80), AfterValidator(_not_blank)]
ItemText = Annotated[str, Field(max_length=120), AfterValidator(_not_blank)]
InlineMarkdown = Annotated[
    str,
    Field(
        max_length=4000,
        description="Text that may use inline Markdown: `*emphasis*`, `**strong**`, `` `code` `` and `[links](https://…)`.",
        json_schema_extra={"x-inline-markdown": True},
    ),
    AfterValidator(_not_blank),
    AfterValidator(_safe_links),
]
# A word or short phrase matched in guide text, never shown: letters, digits, spaces, hyphens, apostrophes.
KEY_TERM_PATTERN = r"^\w[\w' -]*$"
KeyTerm = Annotated[str, Field(pattern=KEY_TERM_PATTERN, max_length=60,
                               description="A word or short phrase, e.g. `late payment` or `win-win`.")]
PointRef = Annotated[
    str,
    Field(
        pattern=_POINT_REF,
        description="A source point as `source-id/point-id`, e.g. `unequal-partnership/late-payment`.",
    ),
]
def _not_a_boolean(value: object) -> object:
    # `true == 1` in Python, so a Literal[1] alone would take `schema_version: true`.
    if isinstance(value, bool):
        raise ValueError(f"expected the number 1, found {str(value).lower()}; write `schema_version: 1`")
    return value


SchemaVersion = Annotated[Literal[1], BeforeValidator(_not_a_boolean),
                          Field(description="Format version of this file; currently `1`.")]
Minutes = Annotated[int, Field(ge=1, le=240, description="Minutes a reader needs to finish.")]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: object) -> object:
    """`2026-11-30` → a date. YAML gives dates as text here, so the form is checked, then the calendar."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        shown = str(value).lower() if isinstance(value, bool) else repr(value) if isinstance(value, str) else value
        raise ValueError(f"expected a date written as YYYY-MM-DD (e.g. 2026-11-30), found {shown}")
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value} is not a day of the calendar; check the month (01–12) and the day") from None


Day = Annotated[datetime.date, BeforeValidator(_iso_date),
                Field(description="A date written as `YYYY-MM-DD`, e.g. `2026-11-30`.")]


class Model(BaseModel):
    """Base of every content model: unknown fields are errors and types are never guessed."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def is_inline_markdown(model: type[BaseModel], field_name: str) -> bool:
    """True when the field is declared as inline Markdown (rendered, not just escaped)."""
    extra = model.model_fields[field_name].json_schema_extra
    return isinstance(extra, dict) and bool(extra.get("x-inline-markdown"))


# --- Sources --------------------------------------------------------------------------


class SourcePoint(Model):
    """One distinct piece of advice, sign or step that a source article makes."""

    id: Slug
    section: ShortText = Field(
        description="Where the point is in the article, in its own language or numbering (e.g. `2.` or the heading)."
    )
    summary: Text = Field(description="The point in our own words, in English.")
    excluded: Text | None = Field(
        default=None,
        description="Why the playbook deliberately does not use this point. Leave out when a guide cites it.",
    )
    terms: list[KeyTerm] = Field(
        default=[], max_length=8,
        description="Key terms of the point (`late payment`, `invoice`): a guide that cites the point must use "
        "at least one of them, so a citation cannot be a token. Matched without case, at the start of a word, "
        "so `promise` also finds `promised`.",
    )


class Source(Model):
    """An article the playbook draws on."""

    id: Slug
    title_original: ShortText | None = Field(
        default=None, description="The title as the article gives it, in its language; leave it out when the "
        "article has no heading (`title_en` is then a name of ours).")
    title_en: ShortText = Field(description="The title translated into English.")
    language: Literal["en", "id", "no", "vi", "zh"] = Field(description="ISO 639-1 code of the article's language.")
    publisher: ShortText = Field(description="Who published the article, as the article states it.")
    author: ShortText | None = Field(default=None, description="The author as the article names them, if it does.")
    published: ShortText | None = Field(default=None, description="Publication date as the article gives it.")
    document: ShortText = Field(description="File name of the article in the team's source collection.")
    points: list[SourcePoint] = Field(min_length=1, max_length=40,
                                      description="The numbered points the article makes, in its order.")


class SourcesFile(Model):
    """`content/sources.yml`: the registry of source articles."""

    schema_version: SchemaVersion
    # A ceiling against runaway lists: the benchmarks hold hundreds of copies of the five real sources.
    sources: list[Source] = Field(min_length=1, max_length=1000)


# --- Guidance -------------------------------------------------------------------------


class Chapter(Model):
    """`content/chapters/*.yml`: one stage in the life of a client engagement."""

    schema_version: SchemaVersion
    id: Slug
    order: int = Field(ge=1, le=99, description="Position of the chapter in the playbook (1 comes first).")
    title: ShortText
    summary: InlineMarkdown = Field(description="One or two sentences on what the chapter covers.")
    # A ceiling against runaway lists, not an editorial limit: the benchmarks grow chapters to 900 guides.
    guides: list[Slug] = Field(min_length=1, max_length=1000,
                               description="Ids of the chapter's guides, in reading order.")


class Phrase(Model):
    """Words a person can actually say in a given moment."""

    situation: ShortText = Field(description="When to say it, e.g. `Twenty minutes in, still on small talk`.")
    say: Text = Field(description="The words themselves, as you would say them.")


class Contested(Model):
    """Advice from a source that we do not follow as given, shown openly on every page it concerns."""

    id: Slug = Field(description="Stable id; guides list it under `contested:` to show the entry.")
    title: Title = Field(description="A short heading that names the question, e.g. `Promise less, or show no doubt?`.")
    kind: Literal["manipulative", "disagreement", "risky"] = Field(
        description="`manipulative`: it works on the client rather than with them; "
        "`disagreement`: sources contradict each other; `risky`: sound in part, harmful if followed literally."
    )
    points: list[PointRef] = Field(min_length=1, max_length=6, description="The source points that give this advice.")
    claim: Text = Field(description="What the source advises, fairly stated in our words.")
    concern: Text = Field(description="Why we do not follow it as given.")
    recommendation: InlineMarkdown = Field(description="What we recommend instead, and why.")


class ContestedFile(Model):
    """`content/contested.yml`: every piece of source advice we do not follow as given, each written once."""

    schema_version: SchemaVersion
    # A ceiling against runaway lists: the benchmarks hold copies of the real entries.
    entries: list[Contested] = Field(min_length=1, max_length=1000)


class Provenance(Model):
    """Who looked at a page last, and when: shown on the page and checked against the review interval."""

    last_reviewed: Day = Field(description="When an editor last checked this file against its sources.")
    owner: ShortText | None = Field(default=None, description="Who keeps this file up to date (a person or team).")


class Guide(Provenance):
    """`content/guides/*.yml`: one piece of guidance a reader can act on the same day."""

    schema_version: SchemaVersion
    id: Slug
    title: Title = Field(description="A short title that starts with a verb.")
    summary: InlineMarkdown = Field(description="One paragraph: what to do.")
    why: InlineMarkdown = Field(description="Why it matters.")
    steps: list[InlineMarkdown] = Field(min_length=2, max_length=12,
                                        description="How to do it, as concrete steps in order.")
    phrases: list[Phrase] = Field(min_length=1, max_length=8, description="Example phrases a person can say.")
    pitfalls: list[InlineMarkdown] = Field(min_length=1, max_length=8,
                                           description="Mistakes people make when they try this.")
    related: list[Slug] = Field(default=[], max_length=12, description="Ids of related guides.")
    sources: list[PointRef] = Field(min_length=1, max_length=12, description="The source points this guide draws on.")
    contested: list[Slug] = Field(default=[], max_length=6, description="Ids of entries in "
                                  "`content/contested.yml`: source advice this guide does not follow as given.")


# --- Checklists -----------------------------------------------------------------------


class ChecklistItem(Model):
    """One thing to do, ticked on screen or on paper."""

    id: Slug = Field(description="Stable id; ticks saved in a browser survive edits as long as the id stays.")
    text: ItemText = Field(description="A short imperative line, e.g. `Confirm the budget range`.")
    hint: ShortText | None = Field(default=None, description="An optional one-line hint.")
    guide: Slug = Field(description="Id of the guide this item comes from.")


class ChecklistSection(Model):
    """A group of items, e.g. `Before the call`."""

    title: ShortText
    items: list[ChecklistItem] = Field(min_length=1, max_length=10)


class Checklist(Provenance):
    """`content/checklists/*.yml`: a checklist for one moment of client work."""

    schema_version: SchemaVersion
    id: Slug
    title: Title
    when_to_use: Text = Field(description="One line telling the reader when this checklist helps.")
    sections: list[ChecklistSection] = Field(min_length=1, max_length=8)


# --- Knowledge quizzes ----------------------------------------------------------------


class Option(Model):
    """An answer a quiz taker can pick."""

    id: Slug = Field(description="Stable id; it is the `value` of the option's input.")
    text: Text
    correct: bool = Field(default=False, description="`true` for a right answer.")
    feedback: Text | None = Field(default=None, description="Why this option is right or wrong.")


# The item-writing rules (build_tools/item_rules.py) an author may waive, with a reason.
ItemRuleId = Literal["key-longest", "option-length", "absolute-words", "all-none-of-the-above", "negative-stem",
                     "source-hint", "true-false-balance", "duplicate-stem"]
Waivers = Annotated[dict[ItemRuleId, Text], Field(
    default={}, max_length=8,
    description="Item-writing rules this question (or quiz) is excused from, each with the reason, e.g. "
    "`{option-length: The short option is the point of the question.}`.")]


class _Question(Model):
    id: Slug = Field(description="Stable id; it is the `name` of the question's inputs.")
    prompt: Text = Field(description="The question, ideally a scenario from real client work.")
    points: int = Field(default=1, ge=1, le=100, description="Points for a fully right answer.")
    explanation: Text = Field(description="Shown after answering: the reasoning behind the right answer.")
    guides: list[Slug] = Field(min_length=1, max_length=6, description="Ids of the guides this question tests.")
    waive: Waivers


class SingleChoice(_Question):
    """Exactly one option is right."""

    type: Literal["single"]
    options: list[Option] = Field(min_length=2, max_length=8)


class MultipleChoice(_Question):
    """Select all that apply."""

    type: Literal["multiple"]
    scoring: Literal["all_or_nothing", "partial"] = Field(
        default="all_or_nothing",
        description="`partial`: each right pick earns a share of the points, each wrong pick takes one away, "
        "never below 0.",
    )
    options: list[Option] = Field(min_length=2, max_length=8)


class TrueFalse(_Question):
    """A statement that is true or false; its inputs have the values `true` and `false`."""

    type: Literal["true_false"]
    answer: bool = Field(description="Whether the statement in `prompt` is true.")
    true_feedback: Text | None = Field(default=None, description="Feedback for someone who answers true.")
    false_feedback: Text | None = Field(default=None, description="Feedback for someone who answers false.")


class OrderStep(Model):
    """One step of an ordering question."""

    id: Slug
    text: ShortText
    position: int | None = Field(
        default=None, ge=1, description="Optional place of the step in the right order (1 first); "
        "give it on every step or on none, then the listed order is the answer.",
    )


class Ordering(_Question):
    """Put steps in order. Write `steps` in the right order; the page shuffles them."""

    type: Literal["ordering"]
    scoring: Literal["all_or_nothing", "partial"] = Field(
        default="all_or_nothing", description="`partial`: a share of the points for each step in its right place."
    )
    steps: list[OrderStep] = Field(min_length=3, max_length=8, description="The steps, in the right order "
        "(or each with its `position`).")

    @property
    def right_order(self) -> list[OrderStep]:
        """The steps in the right order: by `position` when every step has one, else as listed."""
        if all(step.position is not None for step in self.steps):
            return sorted(self.steps, key=lambda step: step.position)
        return list(self.steps)


Question = Annotated[SingleChoice | MultipleChoice | TrueFalse | Ordering, Field(discriminator="type")]


class Quiz(Provenance):
    """`quizzes/*.yml` with `kind: knowledge`: an onboarding check scored in the browser."""

    schema_version: SchemaVersion
    kind: Literal["knowledge"]
    id: Slug
    title: Title
    description: InlineMarkdown
    chapter: Slug | None = Field(
        default=None, description="Id of the chapter this quiz checks; none for a final check."
    )
    mode: Literal["per_question", "at_end"] = Field(
        default="at_end", description="`per_question`: feedback after each answer; `at_end`: one submit."
    )
    shuffle: bool = Field(default=False, description="Shuffle options (stable for one attempt).")
    pass_mark: int = Field(ge=0, le=100, description="Percent of the points needed to pass.")
    minutes: Minutes | None = Field(default=None, description="Time to complete; default one minute per question.")
    questions: list[Question] = Field(min_length=1, max_length=60)
    waive: Waivers


# --- Self-assessments -----------------------------------------------------------------


class Scale(Model):
    """The answer scale shared by every item of an assessment."""

    labels: list[ShortText] = Field(
        min_length=4, max_length=5, description="4 or 5 labels from lowest to highest, e.g. `Never` … `Always`."
    )
    not_applicable: ShortText | None = Field(
        default=None, description="Label of an extra 'not applicable' answer; such answers leave the item out."
    )


class BandAdvice(Model):
    """What to read and use when one dimension scores in one band."""

    band: Slug = Field(description="Id of a band in `bands`.")
    guides: list[Slug] = Field(default=[], max_length=10, description="Guides to read.")
    checklists: list[Slug] = Field(default=[], max_length=10, description="Checklists to use.")


class Dimension(Model):
    """One aspect the assessment measures, scored 0–100."""

    id: Slug
    title: ShortText
    description: Text | None = None
    advice: list[BandAdvice] = Field(
        default=[], max_length=8, description="This dimension's own guides and checklists for each band below the "
        "top one: a result recommends, for each weak dimension, its material, weakest first.")


class Band(Model):
    """A score range with its meaning; bands must cover 0–100 with no gap and no overlap."""

    id: Slug
    min: int = Field(ge=0, le=100, description="Lowest score in the band (inclusive).")
    max: int = Field(ge=0, le=100, description="Highest score in the band (inclusive).")
    label: ShortText
    text: InlineMarkdown | None = Field(default=None, description="What this result means and what to do next.")


class OverallBand(Band):
    """A range of the overall score, with what to do next; it never contradicts the dimensions."""

    guides: list[Slug] = Field(default=[], max_length=10, description="Guides recommended for this result.")
    checklists: list[Slug] = Field(default=[], max_length=10, description="Checklists recommended for this result.")
    max_weak: int | None = Field(
        default=None, ge=0, le=10,
        description="At most this many dimensions may score in the lowest band (the one from 0) for the result to "
        "be this band; with more, the result moves down a band. Every band but the lowest declares it, and a "
        "higher band allows no more than the band below it.")


class Item(Model):
    """A statement rated on the scale."""

    id: Slug = Field(description="Stable id; it is the `name` of the item's inputs.")
    text: Text
    dimension: Slug = Field(description="Id of the dimension this item belongs to.")
    weight: int = Field(default=1, ge=0, le=10, description="Weight of the item within its dimension (0 ignores it).")
    reverse: bool = Field(default=False, description="`true` when agreeing more means scoring lower.")


class Assessment(Provenance):
    """`quizzes/*.yml` with `kind: assessment`: a self-assessment on a Likert scale."""

    schema_version: SchemaVersion
    kind: Literal["assessment"]
    id: Slug
    title: Title
    description: InlineMarkdown
    instructions: InlineMarkdown = Field(description="How to answer.")
    minutes: Minutes | None = Field(default=None, description="Time to complete; default one minute per 4 items.")
    scale: Scale
    dimensions: list[Dimension] = Field(min_length=1, max_length=10)
    min_answered: int = Field(
        default=60, ge=1, le=100,
        description="Percent of a dimension's statements (weight above 0) that must be answered on the scale, not "
        "'not applicable', before it gets a score; below it the dimension shows 'Not enough answers' and the overall "
        "result waits.")
    bands: list[Band] = Field(min_length=1, max_length=8, description="Bands for each dimension's score.")
    overall_bands: list[OverallBand] = Field(min_length=1, max_length=8,
                                             description="Bands for the overall score, with next steps.")
    items: list[Item] = Field(min_length=1, max_length=80)


QuizFile = Annotated[Quiz | Assessment, Field(discriminator="kind")]


# --- The change log -------------------------------------------------------------------

PAGE_REF_PATTERN = r"^(?:(?:chapter|guide|checklist|quiz)/[a-z0-9]+(?:-[a-z0-9]+)*|sources|disagreements)$"
PageRef = Annotated[
    str,
    Field(
        pattern=PAGE_REF_PATTERN,
        description="The page that changed: `guide/<id>`, `checklist/<id>`, `quiz/<id>` (also self-assessments), "
        "`chapter/<id>`, `sources` or `disagreements`.",
    ),
]


class Change(Model):
    """One page changed in a release, and why."""

    page: PageRef
    why: Text = Field(description="What changed and why, for a reader who knew the page before.")


class Release(Model):
    """A published version of the playbook."""

    version: ShortText = Field(description="The name of the release, e.g. `2026.12`.")
    date: Day
    summary: InlineMarkdown | None = Field(default=None, description="One paragraph on the release as a whole.")
    changes: list[Change] = Field(min_length=1, max_length=200)


class ChangesFile(Model):
    """`content/changes.yml`: what changed in each release, newest first, kept by the authors."""

    schema_version: SchemaVersion
    releases: list[Release] = Field(min_length=1, max_length=1000)
