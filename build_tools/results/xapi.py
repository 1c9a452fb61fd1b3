"""Attempts of a results file as xAPI 1.0.3 statements, one per attempt, with nothing lost.

`<site>` is the site's address ending in one "/", `…/` short for `<site>xapi/`. Field by field:

- attempt_id: `id` and `context.registration`: the attempt id itself when it is a UUID, else the
  UUID version 5 of `<site>attempts/<attempt_id>` (URL namespace); always `context.extensions` `…/attempt-id`
- quiz: `object.id` `<site>quizzes/<quiz>/` (type `http://adlnet.gov/expapi/activities/assessment`)
- quiz_title: `object.definition.name` `en-US`
- kind: `context.extensions` `…/kind`; the verb: `passed` or `failed` for a quiz, `completed` for a
  self-assessment (`http://adlnet.gov/expapi/verbs/…`)
- version: `context.extensions` `…/content-version`
- started: `context.extensions` `…/started`; `result.duration` `PT<seconds>S`, finished less started
  (none when started is empty or later than finished)
- finished: `timestamp`
- answers: `result.extensions` `…/answers`
- score: `result.score.raw`; for a self-assessment no `result.score` at all while the score is empty
- max: `result.score.max` for a quiz, 100 for a self-assessment (`min` is 0)
- percent: `result.score.scaled` (percent / 100) and, exactly, `result.extensions` `…/percent`
- passed: `result.success` (none for a self-assessment) and the verb
- band, dimensions: a self-assessment's `result.extensions` `…/band` and `…/dimensions`
- the file's name: `actor.name` and `actor.account.name` (`homePage` `<site>`); with no name, account name
  `unnamed-` and 12 hex digits of the SHA-256 of the file's exported_at and attempt ids, one a line

The file's exported_at is not an attempt's: it stays out, so the same attempt read from two files of a
named person makes the same statement, which a learning record store accepts twice without conflict.
(Two files of a person without a name make two accounts: nothing in them says they are one person.)

Also `result.completion` true, `context.platform` "Client Craft", `version` "1.0.3".
`attempt_from_statement` reads an attempt back; `statements` checks that it does, for every attempt,
and raises ValueError for one the mapping would change (a quiz with a band, a self-assessment out of
anything but 100: attempts the model allows but the site never writes).
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta
from typing import Any

VERBS = "http://adlnet.gov/expapi/verbs/"
ACTIVITY_TYPE = "http://adlnet.gov/expapi/activities/assessment"
PLATFORM = "Client Craft"


def _site(home_page: str) -> str:
    return home_page.rstrip("/") + "/"


def _statement_id(attempt_id: str, site: str) -> str:
    """The attempt id when it is a UUID as the browser writes it; otherwise a UUID made from it, the same every time."""
    try:
        if str(uuid.UUID(attempt_id)) == attempt_id:
            return attempt_id
    except ValueError:
        pass
    return str(uuid.uuid5(uuid.NAMESPACE_URL, site + "attempts/" + attempt_id))


def _actor(data: dict, site: str) -> dict:
    name = data.get("name")
    if name:
        return {"objectType": "Agent", "name": name, "account": {"homePage": site, "name": name}}
    # An identifier is required, and a made-up one must not join two people: this one is the file's own,
    # so the same file gives the same account and another file another. Ids cannot hold a line break.
    text = "\n".join([data["exported_at"], *(attempt["attempt_id"] for attempt in data["attempts"])])
    return {"objectType": "Agent", "account": {"homePage": site,
                                               "name": "unnamed-" + hashlib.sha256(text.encode()).hexdigest()[:12]}}


def _duration(started: str | None, finished: str) -> str | None:
    """`PT754.5S`: whole milliseconds, which is all a timestamp of the format holds."""
    if started is None:
        return None
    try:
        elapsed = datetime.fromisoformat(finished) - datetime.fromisoformat(started)
    except ValueError:
        return None  # the pattern lets 30 February through; there is no duration to give then
    milliseconds = elapsed // timedelta(milliseconds=1)  # exact: no float on the way
    if milliseconds < 0:
        return None
    seconds, fraction = divmod(milliseconds, 1000)
    return f"PT{seconds}.{fraction:03d}".rstrip("0") + "S" if fraction else f"PT{seconds}S"


def _score(attempt: dict) -> dict | None:
    score, percent = attempt["score"], attempt["percent"]
    if attempt["kind"] == "assessment":
        # A self-assessment scores 0 to 100; scaled may not pass 1 even if a file claims more.
        return None if score is None else {"raw": score, "min": 0, "max": 100, "scaled": min(1, score / 100)}
    # A quiz always says out of how much, even in a file with no score.
    result: dict[str, Any] = {} if score is None else {"raw": score}
    result |= {"min": 0, "max": attempt["max"]}
    if percent is not None:
        result["scaled"] = min(1, percent / 100)
    return result


def _statement(attempt: dict, data: dict, site: str) -> dict:
    ext = site + "xapi/"
    knowledge = attempt["kind"] == "knowledge"
    statement_id = _statement_id(attempt["attempt_id"], site)
    verb = "completed" if not knowledge or attempt["passed"] is None else "passed" if attempt["passed"] else "failed"
    result: dict[str, Any] = {"completion": True}
    if attempt["passed"] is not None:
        result["success"] = attempt["passed"]
    if (score := _score(attempt)) is not None:
        result["score"] = score
    if (duration := _duration(attempt["started"], attempt["finished"])) is not None:
        result["duration"] = duration
    # percent / 100 is rounded (29 / 100 * 100 is 28.999999999999996), so the percent itself goes too.
    result["extensions"] = {ext + "answers": attempt["answers"], ext + "percent": attempt["percent"]}
    if not knowledge:
        result["extensions"] |= {ext + "band": attempt["band"], ext + "dimensions": attempt["dimensions"]}
    return {
        "id": statement_id,
        "actor": _actor(data, site),
        "verb": {"id": VERBS + verb, "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": f"{site}quizzes/{attempt['quiz']}/",
                   "definition": {"name": {"en-US": attempt["quiz_title"]}, "type": ACTIVITY_TYPE}},
        "result": result,
        "context": {
            "registration": statement_id,
            "platform": PLATFORM,
            "extensions": {ext + "attempt-id": attempt["attempt_id"], ext + "content-version": attempt["version"],
                           ext + "kind": attempt["kind"], ext + "started": attempt["started"]},
        },
        "timestamp": attempt["finished"],
        "version": "1.0.3",
    }


def statements(data: dict, home_page: str) -> list[dict]:
    """One xAPI 1.0.3 statement per attempt of a (checked) results file, in the file's order."""
    site = _site(home_page)
    made = []
    for index, attempt in enumerate(data["attempts"]):
        statement = _statement(attempt, data, site)
        back = attempt_from_statement(statement, site)
        # Sending a statement that says something else than the file would be worse than sending none.
        if back != attempt:
            changed = ", ".join(key for key in attempt if back.get(key) != attempt[key])
            raise ValueError(f"attempts[{index}] ({attempt['attempt_id']}): {changed} would not survive as xAPI")
        made.append(statement)
    return made


def attempt_from_statement(statement: dict, home_page: str) -> dict:
    """The attempt a statement of `statements` was made from, every field of it."""
    ext = _site(home_page) + "xapi/"
    result, context = statement["result"], statement["context"]["extensions"]
    extensions = result["extensions"]
    score = result.get("score", {})
    quiz = statement["object"]["id"].removeprefix(_site(home_page) + "quizzes/").removesuffix("/")
    return {
        "attempt_id": context[ext + "attempt-id"],
        "quiz": quiz,
        "quiz_title": statement["object"]["definition"]["name"]["en-US"],
        "kind": context[ext + "kind"],
        "version": context[ext + "content-version"],
        "started": context[ext + "started"],
        "finished": statement["timestamp"],
        "answers": extensions[ext + "answers"],
        "score": score.get("raw"),
        "max": score.get("max", 100),
        "percent": extensions[ext + "percent"],
        "passed": result.get("success"),
        "band": extensions.get(ext + "band"),
        "dimensions": extensions.get(ext + "dimensions"),
    }


def person_name(statement: dict) -> str | None:
    """The name the person gave, or None for a file without one (its account name is made up)."""
    return statement["actor"].get("name")
