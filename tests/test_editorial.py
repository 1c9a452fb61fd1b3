"""The editor's checks on the real playbook: faithful to the sources, in our own words, one voice.

The build already refuses what a rule can decide for any playbook (a citation whose key terms
the guide never uses, a disagreement written twice, a page changed after its last review). These
tests hold the real content to what the editorial pass fixed, so that a later edit which brings a
mistake back fails here, with the passage named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from support import ROOT

from build_tools import models
from build_tools.project import Project, build_project

# A run of this many words shared with our English rendering of a source point is a passage that
# follows the source sentence by sentence; shorter runs are names and set phrases ("the first call").
LONGEST_SHARED_RUN = 9
GENDERED = re.compile(r"\b(she|her|hers|herself|he|him|his|himself)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def project() -> Project:
    return build_project(ROOT)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def _runs(words: list[str], length: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + length]) for i in range(len(words) - length + 1)}


def _texts(value: object) -> Iterator[str]:
    """Every string inside a YAML value, ids and references aside."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in {"id", "guides", "sources", "related", "points", "guide", "contested", "chapter", "page"}:
                yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _authored_files() -> list[Path]:
    return sorted([*(ROOT / "content/guides").glob("*.yml"), *(ROOT / "content/checklists").glob("*.yml"),
                   *(ROOT / "quizzes").glob("*.yml")])


@pytest.mark.parametrize("path", _authored_files(), ids=lambda path: path.stem)
def test_no_passage_follows_a_source_point_word_for_word(project: Project, path: Path) -> None:
    words = _words(" ".join(_texts(yaml.safe_load(path.read_text(encoding="utf-8")))))
    ours = _runs(words, LONGEST_SHARED_RUN + 1)
    for source in project.sources:
        for point in source.points:
            shared = ours & _runs(_words(point.summary), LONGEST_SHARED_RUN + 1)
            assert not shared, (f"{path.relative_to(ROOT)} repeats {source.id}/{point.id} word for word: "
                                f"'{' '.join(sorted(shared)[0])}'; say it in our own words")


def test_every_cited_point_declares_key_terms(project: Project) -> None:
    # Without terms the build cannot tell a used citation from a token one.
    bare = [f"{s.id}/{p.id}" for s in project.sources for p in s.points if not p.excluded and not p.terms]
    assert bare == []


def test_each_disagreement_is_written_once(project: Project) -> None:
    claims = [entry.claim for entry, _guides in project.contested]
    assert len(claims) == len(set(claims)) == len(project.contested_entries)
    shown_twice = [entry.id for entry, guides in project.contested if len(guides) > 1]
    # The four that used to be written out on two guides each are now one entry shown on both.
    assert len(shown_twice) >= 4


def test_the_tension_between_rapport_and_distance_is_on_the_page(project: Project) -> None:
    pair = {"chatty-client-boundaries/warm-but-businesslike", "habits-that-drive-partners-away/personal-feelings"}
    entries = [entry for entry, _guides in project.contested if pair <= set(entry.points)]
    assert [entry.kind for entry in entries] == ["disagreement"]


def test_manipulative_advice_is_flagged_as_such(project: Project) -> None:
    kinds = {ref: entry.kind for entry, _guides in project.contested for ref in entry.points}
    assert kinds["satisfied-client-steps/step5-stage-upset"] == "manipulative"
    assert kinds["satisfied-client-steps/step8-inflate-difficulty"] == "manipulative"


def test_sources_metadata_says_only_what_the_articles_say(project: Project) -> None:
    by_id = {source.id: source for source in project.sources}
    assert by_id["satisfied-client-steps"].title_original is None  # the article has no heading
    assert by_id["habits-that-drive-partners-away"].published is None  # the year was the site footer's
    assert by_id["good-fit-client"].author in (None, "Not stated")  # the article names no author


def test_the_unnamed_indonesian_author_is_never_given_a_gender(project: Project) -> None:
    texts = [point.summary for point in next(s for s in project.sources if s.id == "good-fit-client").points]
    for guide in project.guides.values():
        texts += [guide.summary, guide.why, *guide.steps, *guide.pitfalls]
    texts += [entry.claim + " " + entry.concern for entry in project.contested_entries.values()]
    for text in texts:
        for sentence in re.split(r"(?<=[.;:])\s+", text):
            if "Indonesian" in sentence or "author" in sentence.lower():
                assert not GENDERED.search(sentence), sentence


def test_guides_read_the_sources_as_they_are_written(project: Project) -> None:
    guides = project.guides
    assert "straight away" in guides["pause-before-you-react"].summary  # "Jangan bereaksi terlebih dahulu"
    assert "sometimes" in guides["check-your-first-impression"].why
    assert "all the time" not in guides["reset-boundaries-with-a-chatty-client"].why  # "some past teachers"
    pressure = " ".join([guides["refuse-the-please-me-dynamic"].why])
    assert "being the client gives no one the right" in pressure


def test_no_checklist_recommends_what_a_guide_rejects(project: Project) -> None:
    items = {item.id: item for checklist in project.checklists.values() for section in checklist.sections
             for item in section.items}
    before = " ".join(f"{i.text} {i.hint or ''}" for s in project.checklists["before-you-promise"].sections
                      for i in s.items).lower()
    assert "room to deliver" not in before and "don't pad" in before
    reason = items["give-honest-reason"]
    assert "busier schedule" not in reason.text
    assert "real reason" in reason.text


# Openings of items that describe an attitude rather than a thing one can do and tick.
MINDSET_OPENINGS = ("be ", "stay ", "keep it ", "remember", "remind yourself", "ask yourself", "wait until",
                    "notice how", "check your motive", "speak ")


def test_every_checklist_item_is_something_one_can_tick(project: Project) -> None:
    mindsets = [f"{checklist.id}/{item.id}: {item.text}" for checklist in project.checklists.values()
                for section in checklist.sections for item in section.items
                if item.text.lower().startswith(MINDSET_OPENINGS)]
    assert mindsets == []


def test_quiz_feedback_does_not_repeat_the_advice_the_playbook_questions(project: Project) -> None:
    quiz = project.quizzes["quiz-delivering"]
    assert isinstance(quiz, models.Quiz)
    feedback = " ".join(option.feedback or "" for question in quiz.questions
                        for option in getattr(question, "options", []))
    for phrase in ("follow the client's wishes", "whatever the client wants", "the client's wishes decide"):
        assert phrase not in feedback.lower()


def test_every_reviewed_file_says_when_and_the_log_matches(project: Project) -> None:
    reviewed = [*project.guides.values(), *project.checklists.values(), *project.quizzes.values()]
    assert all(item.last_reviewed for item in reviewed)
    assert project.releases, "content/changes.yml lists what each release changed"
    newest = project.releases[0]
    assert all(change.why for change in newest.changes)


def test_the_author_page_documents_every_item_writing_rule() -> None:
    from build_tools.item_rules import RULE_IDS

    page = (ROOT / "pages/authors/index.md").read_text(encoding="utf-8")
    assert [rule for rule in RULE_IDS if f"| `{rule}` |" not in page] == []


def test_the_key_is_the_longest_option_in_at_most_30_percent_of_all_choice_questions(project: Project) -> None:
    from build_tools.item_rules import _is_choice, _key_is_longest

    choice = [q for quiz in project.quizzes.values() if isinstance(quiz, models.Quiz)
              for q in quiz.questions if _is_choice(q)]
    longest = [q.id for q in choice if _key_is_longest(q)]
    assert len(longest) <= 0.3 * len(choice), f"{len(longest)} of {len(choice)}: {longest}"


def test_no_real_quiz_needs_a_waiver(project: Project) -> None:
    waived = [f"{quiz.id}/{q.id}: {list(q.waive)}" for quiz in project.quizzes.values()
              if isinstance(quiz, models.Quiz) for q in quiz.questions if q.waive]
    waived += [f"{quiz.id}: {list(quiz.waive)}" for quiz in project.quizzes.values()
               if isinstance(quiz, models.Quiz) and quiz.waive]
    assert waived == []
