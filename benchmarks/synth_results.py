"""Results files of simulated people, as the site's pages export them, for tests and benchmarks.

Each person has an ability; on each question they pick the right answer with a probability that
grows with it, so the figures behave like a real team's (harder questions, stronger people).
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import UTC, datetime, timedelta

from build_tools.results.model import FORMAT, SCHEMA_VERSION
from build_tools.results.read import result_fields
from build_tools.scoring import score

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _knowledge_answers(key: dict, ability: float, rng: random.Random) -> dict:
    answers: dict = {}
    for question in key["questions"]:
        if rng.random() < 0.03:
            continue  # left blank
        knows = rng.random() < ability
        options, correct = question["options"], question["correct"]
        if question["type"] == "ordering":
            order = list(correct)
            if not knows:
                rng.shuffle(order)
            answers[question["id"]] = order
        elif question["type"] == "multiple":
            picks = [option for option in options if (option in correct) == (knows or rng.random() < 0.5)]
            answers[question["id"]] = picks or [rng.choice(options)]
        else:
            wrong = [option for option in options if option not in correct] or options
            answers[question["id"]] = [correct[0] if knows else rng.choice(wrong)]
    return answers


def _assessment_answers(key: dict, ability: float, rng: random.Random) -> dict:
    points = key["scale_points"]
    answers = {}
    for item in key["items"]:
        if key["not_applicable"] and rng.random() < 0.04:
            answers[item["id"]] = "na"
            continue
        leaning = ability * (points - 1) + 1 + rng.gauss(0, 0.8)
        value = min(points, max(1, round(points + 1 - leaning if item["reverse"] else leaning)))
        answers[item["id"]] = str(value)
    return answers


def attempt(quiz_id: str, quiz: dict, ability: float, rng: random.Random, finished: datetime) -> dict:
    """One attempt, with its result as the quiz page scores it."""
    key = quiz["scoring"]
    knowledge = key["kind"] == "knowledge"
    answers = (_knowledge_answers if knowledge else _assessment_answers)(key, ability, rng)
    result = score(key, answers)
    return {
        "attempt_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "quiz": quiz_id, "quiz_title": quiz["title"], "kind": key["kind"], "version": quiz["version"],
        "started": _timestamp(finished - timedelta(minutes=rng.randint(3, 25))), "finished": _timestamp(finished),
        "answers": answers, **result_fields(result),
    }


def person_file(site: dict, name: str | None, rng: random.Random, quizzes: list[str] | None = None,
                attempts_each: int = 1) -> dict:
    """A My progress download of one simulated person who took `quizzes` (default: all)."""
    ability = rng.uniform(0.25, 0.95)
    moment = START + timedelta(hours=rng.randint(0, 500))
    attempts = []
    for quiz_id in quizzes or list(site["quizzes"]):
        for _ in range(attempts_each):
            moment += timedelta(minutes=rng.randint(30, 3000))
            attempts.append(attempt(quiz_id, site["quizzes"][quiz_id], ability, rng, moment))
            ability = min(0.98, ability + 0.05)  # a second try is a little better
    guides = list(site["guides"])[: rng.randint(0, len(site["guides"]))]
    exported = _timestamp(moment + timedelta(hours=1))
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "exported_at": exported, "name": name,
            "attempts": attempts,
            "guides_read": [{"id": guide, "title": site["guides"][guide], "date": _timestamp(START)}
                            for guide in guides],
            "checklists": [{"id": checklist, "title": entry["title"], "total": len(entry["items"]),
                            "ticked": entry["items"][: rng.randint(1, len(entry["items"]))]}
                           for checklist, entry in list(site["checklists"].items())[:2]]}


def team_files(site: dict, people: int, seed: int = 1, **options) -> list[tuple[str, bytes]]:
    """(file name, bytes) of `people` simulated people's downloads."""
    rng = random.Random(seed)
    return [(f"person-{number:03d}.json",
             json.dumps(person_file(site, f"Person {number}", rng, **options), indent=2).encode())
            for number in range(1, people + 1)]
