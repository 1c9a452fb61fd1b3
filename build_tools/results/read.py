"""Reading results files from people: each file checked, its attempts counted or set aside, and why.

Mirrored line for line by assets/team-read.js; tests/team/test_team_differential.py feeds both the
same files and compares what they make of them. Attempts count only when they are of a quiz this site
has, at this site's version of it, with their answers: the answers are scored again here, so the
figures never rest on a score a file merely claims.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..catalog import RESULTS_READ_STRINGS, fill_in
from ..scoring import score
from .check import Problem, check, type_of
from .model import FORMAT, SCHEMA_VERSION

_TIMESTAMP = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,3}))?)?"
                        r"(?:Z|([+-])([0-9]{2}):([0-9]{2}))")


def say(key: str, **values: object) -> str:
    """One line about a file, in the words the team page uses."""
    return fill_in(RESULTS_READ_STRINGS[key], **values)


def epoch_ms(text: str) -> int | None:
    """Milliseconds since 1970 of a timestamp of the format, or None if the date does not exist.

    Computed from the fields (days from the civil date, after Howard Hinnant), not by a date library:
    browsers accept 30 February and roll it over, Python refuses it, and both readers must agree.
    """
    match = _TIMESTAMP.fullmatch(text)
    if not match:
        return None
    year, month, day, hour, minute = (int(match[index]) for index in range(1, 6))
    second = int(match[6] or 0)
    millis = int((match[7] or "0").ljust(3, "0"))
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days_in_month = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    offset_hours, offset_minutes = int(match[9] or 0), int(match[10] or 0)
    if not (1 <= month <= 12 and 1 <= day <= days_in_month[month - 1] and hour <= 23 and minute <= 59
            and second <= 59 and offset_hours <= 23 and offset_minutes <= 59):
        return None
    shifted = year - 1 if month <= 2 else year
    era = shifted // 400
    year_of_era = shifted - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    days = era * 146097 + day_of_era - 719468
    offset = (offset_hours * 60 + offset_minutes) * (-1 if match[8] == "-" else 1)
    return ((days * 24 + hour) * 60 + minute - offset) * 60000 + second * 1000 + millis


def _get(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _attempt_id(quiz: Any, date: Any) -> str:
    # An attempt saved before attempts had ids is named by its quiz and the moment it was finished.
    return f"{quiz}@{date}" if isinstance(quiz, str) and isinstance(date, str) else ""


def _from_quiz_record(record: dict) -> dict:
    """An older quiz download ({quiz, title, version, date, name, answers, result}) as a results file."""
    result = _get(record, "result")
    knowledge = _get(result, "kind") != "assessment"
    dimensions = _get(result, "dimensions")
    attempt = {
        "attempt_id": _attempt_id(record.get("quiz"), record.get("date")),
        "quiz": record.get("quiz"),
        "quiz_title": record.get("title"),
        "kind": "knowledge" if knowledge else "assessment",
        "version": record.get("version"),
        "started": None,
        "finished": record.get("date"),
        "answers": record.get("answers"),
        "score": _get(result, "score"),
        "max": _get(result, "max") if knowledge else 100,
        "percent": _get(result, "percent") if knowledge else _get(result, "score"),
        "passed": _get(result, "passed") if knowledge else None,
        "band": None if knowledge else _get(result, "band"),
        "dimensions": None if knowledge or not isinstance(dimensions, dict) else {
            key: {"score": _get(part, "score"), "band": _get(part, "band")} for key, part in dimensions.items()},
    }
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "exported_at": record.get("date"),
            "name": record.get("name"), "attempts": [attempt]}


def _from_progress(progress: dict) -> dict:
    """An older My progress download (client-craft-progress 1) as a results file."""
    attempts = []
    for quiz in _list(progress.get("quizzes")):
        knowledge = _get(quiz, "kind") != "assessment"
        for entry in _list(_get(quiz, "attempts")):
            attempts.append({
                "attempt_id": _attempt_id(_get(quiz, "id"), _get(entry, "date")),
                "quiz": _get(quiz, "id"),
                "quiz_title": _get(quiz, "title"),
                "kind": "knowledge" if knowledge else "assessment",
                "version": None,
                "started": None,
                "finished": _get(entry, "date"),
                "answers": None,
                "score": _get(entry, "score"),
                "max": _get(entry, "max") if knowledge else 100,
                "percent": _get(entry, "percent") if knowledge else _get(entry, "score"),
                "passed": _get(entry, "passed") if knowledge else None,
                "band": None if knowledge else _get(entry, "band"),
                "dimensions": None,
            })
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "exported_at": progress.get("exported_at"),
            "name": progress.get("name"), "attempts": attempts,
            "guides_read": _list(progress.get("guides_read")), "checklists": _list(progress.get("checklists"))}


def _refuse_constant(name: str) -> None:
    raise ValueError(name)  # NaN and Infinity are not JSON, whatever Python's parser allows


def _dates_in(data: dict) -> list[tuple[str, Any]]:
    """(path, value) of every timestamp of a checked file, in the order the file holds them."""
    dates = [("exported_at", data["exported_at"])]
    for index, attempt in enumerate(data["attempts"]):
        dates += [(f"attempts[{index}].started", attempt["started"]),
                  (f"attempts[{index}].finished", attempt["finished"])]
    dates += [(f"guides_read[{index}].date", guide["date"]) for index, guide in enumerate(data.get("guides_read", []))]
    return [(path, value) for path, value in dates if value is not None]


def parse(content: bytes, site: dict) -> tuple[dict | None, list[str]]:
    """A file's content as a checked results file (None if it cannot be one) and the lines about it so far."""
    if len(content) > site["max_file_bytes"]:
        return None, [say("too_big", size=site["max_file_bytes"] // 1_000_000)]
    # As a browser reads a file: a byte order mark dropped, bytes that are not UTF-8 replaced.
    text = content.decode("utf-8", errors="replace").removeprefix("\ufeff")
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return None, [say("not_json")]
    if not isinstance(data, dict):
        return None, [say("not_results")]
    lines = []
    if data.get("format") == "client-craft-progress" and type_of(data.get("format_version")) == "integer" \
            and data.get("format_version") == 1:
        data = _from_progress(data)
        lines.append(say("legacy_progress"))
    elif "format" not in data and all(key in data for key in ("quiz", "date", "answers", "result")):
        data = _from_quiz_record(data)
        lines.append(say("legacy_quiz"))
    elif data.get("format") != FORMAT:
        return None, [say("not_results")]
    version = data.get("schema_version")
    if type_of(version) == "integer" and version > SCHEMA_VERSION:
        return None, [say("newer", version=int(version))]
    try:
        check(data, site["schema"])
        for path, value in _dates_in(data):
            if epoch_ms(value) is None:
                raise Problem(path, say("bad_date"))
    except Problem as problem:
        return None, [*lines, say("invalid", problem=str(problem))]
    return data, lines


def person_key(name: str | None) -> str:
    """Files with the same name (spaces and case aside) are one person's."""
    return re.sub(r"[ \t\r\n]+", " ", name or "").strip(" ").lower()


def result_fields(result: dict) -> dict:
    """An attempt's score, max, percent, passed, band and dimensions from the scorer's result of its answers."""
    knowledge = result["kind"] == "knowledge"
    return {
        "score": result["score"],
        "max": result["max"] if knowledge else 100,
        "percent": result["percent"] if knowledge else result["score"],
        "passed": result["passed"] if knowledge else None,
        "band": None if knowledge else result["band"],
        "dimensions": None if knowledge else result["dimensions"],
    }


def _scored_again(attempt: dict, quiz: dict) -> tuple[dict, bool]:
    """The attempt as counted (scored from its answers) and whether the file's own score differed."""
    result = score(quiz["scoring"], attempt["answers"])
    knowledge = result["kind"] == "knowledge"
    counted = {
        "attempt_id": attempt["attempt_id"],
        "quiz": attempt["quiz"],
        "finished": attempt["finished"],
        "time": epoch_ms(attempt["finished"]),
        "answers": attempt["answers"],
        **result_fields(result),
        "questions": {key: part["score"] for key, part in result["questions"].items()} if knowledge else None,
    }
    differs = attempt["score"] != counted["score"] or (
        attempt["passed"] != counted["passed"] if knowledge else attempt["band"] != counted["band"])
    return counted, differs


def _counts_line(key: str, counts: dict[str, int], site: dict) -> list[str]:
    """One line for attempts set aside for one reason, naming each quiz with its count."""
    if not counts:
        return []
    quizzes = ", ".join(say("quiz_count", title=site["quizzes"][quiz]["title"], count=count)
                        for quiz, count in counts.items())
    return [say(key, count=sum(counts.values()), quizzes=quizzes)]


def read_files(files: list[tuple[str, bytes]], site: dict) -> dict:
    """What the files say, as the team page shows it: a report per file and the people with their attempts."""
    reports: list[dict] = []
    people: list[dict] = []
    by_key: dict[str, dict] = {}
    seen: set[str] = set()
    for file_name, content in files:
        data, lines = parse(content, site)
        report = {"file": file_name, "status": "skipped", "lines": lines}
        reports.append(report)
        if data is None:
            continue
        counted: list[dict] = []
        other_site: list[str] = []
        unversioned: dict[str, int] = {}
        stale: dict[str, int] = {}
        no_answers: dict[str, int] = {}
        duplicates = rescored = 0
        for attempt in data["attempts"]:
            quiz = site["quizzes"].get(attempt["quiz"])
            if quiz is None or quiz["kind"] != attempt["kind"]:
                other_site.append(attempt["quiz"])
            elif attempt["version"] is None:
                unversioned[attempt["quiz"]] = unversioned.get(attempt["quiz"], 0) + 1
            elif attempt["version"] != quiz["version"]:
                stale[attempt["quiz"]] = stale.get(attempt["quiz"], 0) + 1
            elif attempt["answers"] is None:
                no_answers[attempt["quiz"]] = no_answers.get(attempt["quiz"], 0) + 1
            elif attempt["attempt_id"] in seen:
                duplicates += 1
            else:
                seen.add(attempt["attempt_id"])
                entry, differs = _scored_again(attempt, quiz)
                rescored += differs
                counted.append(entry)
        guides = [guide["id"] for guide in data.get("guides_read", []) if guide["id"] in site["guides"]]
        known = [entry for entry in data.get("checklists", []) if entry["id"] in site["checklists"]]
        # A checklist counts with at least one tick of an item it still has.
        checklists = [entry for entry in known if set(entry["ticked"]) & set(site["checklists"][entry["id"]]["items"])]
        unknown = len(data.get("guides_read", [])) - len(guides) + len(data.get("checklists", [])) - len(known)
        if counted:
            lines.append(say("counted", count=len(counted)))
        if other_site:
            names = list(dict.fromkeys(other_site))
            shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
            lines.append(say("other_site", count=len(other_site), quizzes=shown))
        lines += _counts_line("unversioned", unversioned, site)
        lines += _counts_line("stale", stale, site)
        lines += _counts_line("no_answers", no_answers, site)
        if duplicates:
            lines.append(say("duplicate", count=duplicates))
        if rescored:
            lines.append(say("rescored", count=rescored))
        if unknown:
            lines.append(say("unknown_items", count=unknown))
        if not (counted or guides or checklists):
            lines.append(say("nothing"))
            continue
        set_aside = other_site or unversioned or stale or no_answers or unknown
        report["status"] = "partly" if set_aside else "counted"
        key = person_key(data["name"])
        person = by_key.get(key) if key else None
        if person is None:
            name = re.sub(r"[ \t\r\n]+", " ", data["name"] or "").strip(" ")
            person = {"name": name or say("unnamed", file=file_name), "named": bool(key), "files": [],
                      "attempts": [], "guides": [], "ticks": {}}
            people.append(person)
            if key:  # a file without a name is a person of its own
                by_key[key] = person
        person["files"].append(file_name)
        person["attempts"] += counted
        for guide in guides:
            if guide not in person["guides"]:
                person["guides"].append(guide)
        for entry in checklists:
            items = site["checklists"][entry["id"]]["items"]
            ticked = person["ticks"].setdefault(entry["id"], [])
            for item in entry["ticked"]:
                if item in items and item not in ticked:
                    ticked.append(item)
    return {"files": reports, "people": people}
