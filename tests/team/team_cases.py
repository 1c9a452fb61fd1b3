"""Results files and exactly what the reader (read.py, and team-read.js after it) must say about each.

Every case is built from the real site's data, so quiz ids, content versions, guide and checklist
ids are the ones a person's browser writes today. The expected lines are filled in from the same
templates the reader uses (RESULTS_READ_STRINGS), with every value spelled out here: a change of
wording moves both, a change of what is said about a file shows as a diff.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from build_tools.catalog import RESULTS_READ_STRINGS, fill_in
from build_tools.results.model import FORMAT, SCHEMA_VERSION
from build_tools.results.read import result_fields
from build_tools.scoring import score

EXPORTED = "2026-12-02T08:00:00.000Z"
# What a quiz page writes for a person who took a quiz, the quiz and the self-assessment most cases use.
QUIZ = "quiz-delivering"
OTHER_QUIZ = "quiz-starting-well"
ASSESSMENT = "client-fit"
GUIDE = "check-your-first-impression"
CHECKLIST = "project-kickoff"
OLD_VERSION = "000000000000"  # 12 hexadecimal digits, but no version the site has


@dataclass(frozen=True)
class Case:
    name: str  # test id, e.g. "not-json"
    files: tuple[tuple[str, bytes], ...]  # usually one file; some cases need two
    statuses: tuple[str, ...]  # expected status per file
    lines: tuple[tuple[str, ...], ...]  # expected exact lines per file


def line(key: str, **values: object) -> str:
    """A line the reader says about a file, from its template."""
    return fill_in(RESULTS_READ_STRINGS[key], **values)


def invalid(problem: str) -> str:
    """The line for a file that breaks the format at `problem` (`path: what is wrong`)."""
    return line("invalid", problem=problem)


def attempt_id(number: int) -> str:
    """A UUID as the browser writes one, different for every number."""
    return f"6f1c2a9e-4b7d-4e21-9c3a-{number:012d}"


def correct_answers(site: dict, quiz_id: str) -> dict:
    """Full marks on a quiz; on a self-assessment, "4" for every statement."""
    key = site["quizzes"][quiz_id]["scoring"]
    if key["kind"] == "knowledge":
        return {question["id"]: list(question["correct"]) for question in key["questions"]}
    return {item["id"]: "4" for item in key["items"]}


def wrong_answers(site: dict, quiz_id: str) -> dict:
    """No points on a quiz: a wrong option for every question that has one; the orderings left unanswered."""
    answers = {}
    for question in site["quizzes"][quiz_id]["scoring"]["questions"]:
        wrong = [option for option in question["options"] if option not in question["correct"]]
        if question["type"] != "ordering":
            answers[question["id"]] = wrong[:1]
    return answers


def attempt(site: dict, quiz_id: str, number: int, answered: dict | None = None, **changes: Any) -> dict:
    """An attempt as the quiz page writes it for `answered` (default: full marks), scored by the real scorer.

    `changes` replace fields afterwards, the answers too: the file then claims a result its answers do not earn.
    """
    quiz = site["quizzes"][quiz_id]
    answers = correct_answers(site, quiz_id) if answered is None else answered
    result = score(quiz["scoring"], answers)
    entry = {
        "attempt_id": attempt_id(number),
        "quiz": quiz_id,
        "quiz_title": quiz["title"],
        "kind": quiz["kind"],
        "version": quiz["version"],
        "started": f"2026-12-01T09:{number % 60:02d}:00.000Z",
        "finished": f"2026-12-01T10:{number % 60:02d}:30.250Z",
        "answers": answers,
        **result_fields(result),
    }
    return {**entry, **changes}


def guide_read(site: dict, guide_id: str) -> dict:
    return {"id": guide_id, "title": site["guides"].get(guide_id, "A guide"), "date": "2026-11-30T17:45:00Z"}


def ticks(site: dict, checklist_id: str, ticked: list[str]) -> dict:
    entry = site["checklists"].get(checklist_id, {"title": "A checklist", "items": ticked})
    return {"id": checklist_id, "title": entry["title"], "total": len(entry["items"]), "ticked": ticked}


def results(*attempts: dict, name: str | None = "Ada Lovelace", guides_read: list | None = None,
            checklists: list | None = None, **changes: Any) -> dict:
    """A results file as My progress writes it; `changes` replace (or add) top-level fields."""
    data: dict[str, Any] = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "exported_at": EXPORTED,
                            "name": name, "attempts": list(attempts)}
    if guides_read is not None:
        data["guides_read"] = guides_read
    if checklists is not None:
        data["checklists"] = checklists
    return {**data, **changes}


def encoded(data: Any) -> bytes:
    """A file's bytes, as the browser's JSON.stringify(data, null, 2) writes them."""
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def _one(name: str, content: bytes, status: str, *lines: str) -> Case:
    return Case(name, ((f"{name}.json", content),), (status,), (tuple(lines),))


def _quiz_record(site: dict, quiz_id: str, **changes: Any) -> dict:
    """An older quiz download: the page's result object, before results files had attempts."""
    quiz, answers = site["quizzes"][quiz_id], correct_answers(site, quiz_id)
    record = {"quiz": quiz_id, "title": quiz["title"], "version": quiz["version"], "date": "2026-11-20T10:00:00.000Z",
              "name": "Grace Hopper", "answers": answers, "result": score(quiz["scoring"], answers)}
    return {**record, **changes}


def _progress_download(site: dict) -> dict:
    """An older My progress download: attempts as the quiz pages' histories kept them, no answers or versions."""
    kickoff = site["checklists"][CHECKLIST]
    return {
        "format": "client-craft-progress", "format_version": 1, "exported_at": "2026-11-25T12:00:00.000Z",
        "name": "Grace Hopper",
        "guides_read": [guide_read(site, GUIDE)],
        "checklists": [ticks(site, CHECKLIST, kickoff["items"][:3])],
        "quizzes": [
            {"id": QUIZ, "title": site["quizzes"][QUIZ]["title"], "kind": "knowledge",
             "attempts": [{"date": "2026-11-02T09:00:00.000Z", "score": 9, "max": 15, "percent": 60, "passed": False}]},
            {"id": ASSESSMENT, "title": site["quizzes"][ASSESSMENT]["title"], "kind": "assessment",
             "attempts": [{"date": "2026-11-03T09:00:00.000Z", "score": 62.5, "band": "go-with-conditions"}]},
        ],
    }


def _quizzes(site: dict, counts: dict[str, int]) -> str:
    """`“Title” (2), “Other title” (1)`: the quizzes of a line, with the site's titles."""
    return ", ".join(line("quiz_count", title=site["quizzes"][quiz]["title"], count=count)
                     for quiz, count in counts.items())


def cases(site: dict) -> list[Case]:
    """Every rule of the reader and the format's checker, each at least once."""
    one = attempt(site, QUIZ, 1)
    good = encoded(results(one))
    counted = line("counted", count=1)
    nothing = line("nothing")
    timestamp = "a date and time such as 2026-12-01T09:30:00.000Z"
    an_id = "an id in lower case such as quiz-starting-well"
    too_big = site["max_file_bytes"] + 1
    delivering = site["quizzes"][QUIZ]["title"]
    question = site["quizzes"][QUIZ]["scoring"]["questions"][0]["id"]

    def with_attempt(**changes: Any) -> bytes:
        return encoded(results(attempt(site, QUIZ, 1, **changes)))

    def without(field: str) -> dict:
        return {key: value for key, value in one.items() if key != field}

    found = [
        # ---- Not a results file at all
        _one("too-big", b" " * too_big, "skipped", line("too_big", size=5)),
        _one("not-json", b"{x", "skipped", line("not_json")),
        _one("empty-file", b"", "skipped", line("not_json")),
        _one("nan", b'{"a": NaN}', "skipped", line("not_json")),
        _one("infinity", b"[-Infinity]", "skipped", line("not_json")),
        # A file saved as UTF-16 by an editor: its bytes are not UTF-8 text.
        _one("utf-16", json.dumps(results(one)).encode("utf-16"), "skipped", line("not_json")),
        _one("array", b"[]", "skipped", line("not_results")),
        _one("text", b'"text"', "skipped", line("not_results")),
        _one("null", b"null", "skipped", line("not_results")),
        _one("number", b"5", "skipped", line("not_results")),
        _one("object-without-format", encoded({"name": "Ada", "attempts": [one]}), "skipped", line("not_results")),
        _one("another-format", encoded(results(one, format="someone-elses-results")), "skipped",
             line("not_results")),
        _one("progress-format-2", encoded({**_progress_download(site), "format_version": 2}), "skipped",
             line("not_results")),
        _one("newer-schema-version", encoded(results(one, schema_version=2)), "skipped", line("newer", version=2)),
        # 2.0 is the whole number 2, in JSON as in JavaScript; the line names it as 2.
        _one("newer-schema-version-as-2.0", encoded(results(one, schema_version=2.0)), "skipped",
             line("newer", version=2)),
        # ---- Read as text the way a browser reads it
        _one("byte-order-mark", b"\xef\xbb\xbf" + good, "counted", counted),
        _one("bytes-not-utf-8", encoded(results(one, name="Ren\x00e")).replace(b"\\u0000", b"\xe9"), "counted",
             counted),
        # ---- A field missing, of the wrong type, or not in the format
        _one("missing-exported-at", encoded({key: value for key, value in results(one).items()
                                             if key != "exported_at"}),
             "skipped", invalid("exported_at: is missing")),
        _one("missing-finished", encoded(results(without("finished"))), "skipped",
             invalid("attempts[0].finished: is missing")),
        _one("score-as-text", with_attempt(score="high"), "skipped",
             invalid("attempts[0].score: must be a number or empty (null)")),
        _one("max-as-text", with_attempt(max="15"), "skipped", invalid("attempts[0].max: must be a number")),
        _one("passed-as-number", with_attempt(passed=1), "skipped",
             invalid("attempts[0].passed: must be true or false or empty (null)")),
        _one("name-as-number", encoded(results(one, name=42)), "skipped",
             invalid("name: must be a text or empty (null)")),
        _one("attempts-as-object", encoded(results(name="Ada", attempts={"0": one})), "skipped",
             invalid("attempts: must be a list")),
        _one("answer-as-number", with_attempt(answers={question: 5}), "skipped",
             invalid(f"attempts[0].answers.{question}: must be a list or a text")),
        _one("answer-list-of-numbers", with_attempt(answers={question: [1]}), "skipped",
             invalid(f"attempts[0].answers.{question}[0]: must be a text")),
        # A key that is not a plain name is quoted in the path.
        _one("answer-with-odd-key", with_attempt(answers={"1st answer": None}), "skipped",
             invalid('attempts[0].answers["1st answer"]: must be a list or a text')),
        _one("total-with-a-fraction", encoded(results(one, checklists=[{**ticks(site, CHECKLIST, []), "total": 2.5}])),
             "skipped", invalid("checklists[0].total: must be a whole number")),
        # A number without a fraction is a whole number however it is written, as in JavaScript.
        _one("total-written-as-14.0", encoded(results(one, checklists=[{**ticks(site, CHECKLIST, []), "total": 14.0}])),
             "counted", counted),
        _one("extra-field", encoded(results(one, colour="blue")), "skipped",
             invalid("colour: is not a field of this format")),
        _one("extra-field-with-odd-name", encoded(results(one, **{"my notes": "hi"})), "skipped",
             invalid('["my notes"]: is not a field of this format')),
        _one("extra-field-in-attempt", with_attempt(note="retake"), "skipped",
             invalid("attempts[0].note: is not a field of this format")),
        # ---- Text of the wrong form or length
        _one("bad-version", with_attempt(version="xyz"), "skipped",
             invalid("attempts[0].version: must be 12 hexadecimal digits")),
        # `$` matches the end of the text only, never before a final newline.
        _one("version-with-final-newline", with_attempt(version=site["quizzes"][QUIZ]["version"] + "\n"), "skipped",
             invalid("attempts[0].version: must be 12 hexadecimal digits")),
        _one("bad-finished", with_attempt(finished="yesterday"), "skipped",
             invalid(f"attempts[0].finished: must be {timestamp}")),
        _one("bad-quiz-id", with_attempt(quiz="Bad Id"), "skipped", invalid(f"attempts[0].quiz: must be {an_id}")),
        _one("bad-attempt-id", with_attempt(attempt_id="my attempt"), "skipped",
             invalid("attempts[0].attempt_id: must be letters, digits and @ : . _ + - only (a UUID for attempts "
                     "finished since results carry one)")),
        _one("bad-ticked-id", encoded(results(one, checklists=[ticks(site, CHECKLIST, ["Kick Off"])])), "skipped",
             invalid(f"checklists[0].ticked[0]: must be {an_id}")),
        _one("date-that-does-not-exist", encoded(results(one, exported_at="2026-02-30T10:00:00Z")), "skipped",
             invalid("exported_at: " + line("bad_date"))),
        _one("start-that-does-not-exist", with_attempt(started="2026-11-31T09:00:00Z"), "skipped",
             invalid("attempts[0].started: " + line("bad_date"))),
        _one("guide-read-at-24-00", encoded(results(one, guides_read=[{**guide_read(site, GUIDE),
                                                                        "date": "2026-11-30T24:00:00Z"}])),
             "skipped", invalid("guides_read[0].date: " + line("bad_date"))),
        _one("title-too-long", with_attempt(quiz_title="x" * 301), "skipped",
             invalid("attempts[0].quiz_title: is longer than 300 characters")),
        # Lengths are counted in UTF-16 code units, as JavaScript counts them: an emoji is two.
        _one("name-too-long-in-utf-16", encoded(results(one, name="\U0001f600" * 101)), "skipped",
             invalid("name: is longer than 200 characters")),
        _one("name-just-short-enough-in-utf-16", encoded(results(one, name="\U0001f600" * 100)), "counted", counted),
        _one("empty-title", with_attempt(quiz_title=""), "skipped",
             invalid("attempts[0].quiz_title: must not be empty")),
        _one("kind-not-known", with_attempt(kind="exam"), "skipped",
             invalid('attempts[0].kind: must be one of "knowledge", "assessment"')),
        # ---- Constants and numbers out of range
        _one("schema-version-0", encoded(results(one, schema_version=0)), "skipped",
             invalid('schema_version: must be "1"')),
        _one("schema-version-1.5", encoded(results(one, schema_version=1.5)), "skipped",
             invalid("schema_version: must be a whole number")),
        _one("schema-version-as-text", encoded(results(one, schema_version="1")), "skipped",
             invalid("schema_version: must be a whole number")),
        _one("negative-score", with_attempt(score=-1), "skipped", invalid("attempts[0].score: must be at least 0")),
        _one("percent-over-100", with_attempt(percent=100.5), "skipped",
             invalid("attempts[0].percent: must be at most 100")),
        _one("max-of-zero", with_attempt(max=0), "skipped", invalid("attempts[0].max: must be more than 0")),
        _one("dimension-score-over-100",
             encoded(results(attempt(site, ASSESSMENT, 1,
                                     dimensions={"communication": {"score": 101, "band": "strong"}}))),
             "skipped", invalid("attempts[0].dimensions.communication.score: must be at most 100")),
        _one("too-many-ticks", encoded(results(one, checklists=[ticks(site, CHECKLIST, ["a"] * 501)])), "skipped",
             invalid("checklists[0].ticked: has more than 500 entries")),
        # The first problem in the file's own order is the one named.
        _one("two-problems", with_attempt(quiz_title="", version="xyz"), "skipped",
             invalid("attempts[0].quiz_title: must not be empty")),
        # ---- Valid files whose attempts are set aside, each for its reason
        _one("other-site", encoded(results(*[attempt(site, QUIZ, number, quiz=quiz) for number, quiz in enumerate(
            ["intro-quiz", "safety-quiz", "intro-quiz", "pricing-quiz", "legal-quiz", "ethics-quiz", "sales-quiz"])])),
             "skipped", line("other_site", count=7,
                             quizzes="intro-quiz, safety-quiz, pricing-quiz, legal-quiz, ethics-quiz, …"), nothing),
        _one("other-site-five-quizzes", encoded(results(*[attempt(site, QUIZ, number, quiz=quiz) for number, quiz in
                                                          enumerate(["a", "b", "c", "d", "e"])])),
             "skipped", line("other_site", count=5, quizzes="a, b, c, d, e"), nothing),
        _one("knowledge-attempt-called-assessment", with_attempt(kind="assessment"), "skipped",
             line("other_site", count=1, quizzes=QUIZ), nothing),
        _one("stale-version", with_attempt(version=OLD_VERSION), "skipped",
             line("stale", count=1, quizzes=f"“{delivering}” (1)"), nothing),
        _one("unversioned", with_attempt(version=None), "skipped",
             line("unversioned", count=1, quizzes=f"“{delivering}” (1)"), nothing),
        _one("no-answers", with_attempt(answers=None), "skipped",
             line("no_answers", count=1, quizzes=f"“{delivering}” (1)"), nothing),
        _one("several-quizzes-some-stale", encoded(results(
            attempt(site, QUIZ, 1), attempt(site, OTHER_QUIZ, 2, version=OLD_VERSION),
            attempt(site, "quiz-keeping-boundaries", 3, version=OLD_VERSION), attempt(site, ASSESSMENT, 4),
            attempt(site, "quiz-keeping-boundaries", 5, version=OLD_VERSION))),
             "partly", line("counted", count=2),
             line("stale", count=3, quizzes=_quizzes(site, {OTHER_QUIZ: 1, "quiz-keeping-boundaries": 2}))),
        _one("rescored", with_attempt(score=0, percent=0, passed=False), "counted", counted,
             line("rescored", count=1)),
        # Only score and pass (a quiz) or band (a self-assessment) are compared with the answers' result.
        _one("rescored-pass", with_attempt(passed=False), "counted", counted, line("rescored", count=1)),
        _one("rescored-band", encoded(results(attempt(site, ASSESSMENT, 1, band="walk-away"))), "counted", counted,
             line("rescored", count=1)),
        _one("percent-not-compared", with_attempt(percent=12), "counted", counted),
        _one("same-attempt-twice-in-a-file", encoded(results(one, one)), "counted", counted,
             line("duplicate", count=1)),
        _one("unknown-guides-and-checklists", encoded(results(
            one, guides_read=[guide_read(site, "no-such-guide")],
            checklists=[ticks(site, "no-such-checklist", ["a"])])),
             "partly", counted, line("unknown_items", count=2)),
        _one("only-unknown-guides", encoded(results(guides_read=[guide_read(site, "no-such-guide")])), "skipped",
             line("unknown_items", count=1), nothing),
        _one("nothing", encoded(results()), "skipped", nothing),
        # Guides and ticks are worth counting on their own, and there is nothing to say about them.
        _one("guides-and-ticks-only", encoded(results(guides_read=[guide_read(site, GUIDE)],
                                                      checklists=[ticks(site, CHECKLIST, ["draft-the-plan"])])),
             "counted"),
        _one("every-reason-at-once", encoded(results(
            attempt(site, QUIZ, 1, score=0), attempt(site, QUIZ, 1), attempt(site, QUIZ, 2, quiz="intro-quiz"),
            attempt(site, ASSESSMENT, 3, version=None), attempt(site, OTHER_QUIZ, 4, version=OLD_VERSION),
            attempt(site, OTHER_QUIZ, 5, answers=None, score=None), attempt(site, OTHER_QUIZ, 6),
            guides_read=[guide_read(site, "no-such-guide")])),
             "partly", line("counted", count=2), line("other_site", count=1, quizzes="intro-quiz"),
             line("unversioned", count=1, quizzes=_quizzes(site, {ASSESSMENT: 1})),
             line("stale", count=1, quizzes=_quizzes(site, {OTHER_QUIZ: 1})),
             line("no_answers", count=1, quizzes=_quizzes(site, {OTHER_QUIZ: 1})),
             line("duplicate", count=1), line("rescored", count=1), line("unknown_items", count=1)),
        # ---- Older downloads
        _one("old-quiz-download", encoded(_quiz_record(site, QUIZ)), "counted", line("legacy_quiz"), counted),
        _one("old-self-assessment-download", encoded(_quiz_record(site, ASSESSMENT)), "counted", line("legacy_quiz"),
             counted),
        _one("old-quiz-download-stale", encoded(_quiz_record(site, QUIZ, version=OLD_VERSION)), "skipped",
             line("legacy_quiz"), line("stale", count=1, quizzes=f"“{delivering}” (1)"), nothing),
        # Its date is the file's date too, so that is where the problem shows.
        _one("old-quiz-download-bad-date", encoded(_quiz_record(site, QUIZ, date="yesterday")), "skipped",
             line("legacy_quiz"), invalid(f"exported_at: must be {timestamp}")),
        _one("old-progress-download", encoded(_progress_download(site)), "partly", line("legacy_progress"),
             line("unversioned", count=2, quizzes=_quizzes(site, {QUIZ: 1, ASSESSMENT: 1}))),
        # ---- Two files
        Case("same-attempt-in-two-files", (("first.json", good), ("again.json", good)), ("counted", "skipped"),
             ((counted,), (line("duplicate", count=1), nothing))),
        Case("a-known-attempt-and-a-new-one", (("first.json", good),
                                                ("later.json", encoded(results(one, attempt(site, QUIZ, 2))))),
             ("counted", "counted"), ((counted,), (counted, line("duplicate", count=1)))),
    ]
    names = [case.name for case in found]
    assert len(names) == len(set(names)), "two cases share a name"
    return found
