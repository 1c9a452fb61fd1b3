"""`python -m build_tools results report`: the team page's figures in a terminal, a CSV or JSON.

The figures are the same objects the team page shows (read.py, stats.py); this module only lays them out.
"""

from __future__ import annotations

import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal

from ..catalog import TEAM_SCRIPT_STRINGS, fill_in

TABLES = ("items", "people", "dimensions")


def _t(key: str, **values: object) -> str:
    return fill_in(TEAM_SCRIPT_STRINGS[key], **values)


def _number(value: float | None, digits: int) -> str:
    """As the team page writes it (JavaScript's toFixed rounds an exact half up, Python's format to even)."""
    if value is None:
        return "–"
    return str(Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


def _flag_text(flag: dict, question: dict) -> str:
    if flag["flag"] != "unused":
        return _t("flag." + flag["flag"])
    letters = [chr(65 + [option["id"] for option in question["options"]].index(option)) for option in flag["options"]]
    return _t("flag.unused", options=", ".join(letters))


def text_report(figures: dict, site: dict) -> str:
    """Everything, for reading in a terminal."""
    lines = ["Files"]
    lines += [f"  {report['file']}: {_t('status.' + report['status'])}: {' '.join(report['lines'])}"
              for report in figures["files"]]
    lines += ["", f"People ({len(figures['people'])})"]
    for person in figures["people"]:
        results = []
        for quiz_id, result in person["quizzes"].items():
            quiz = site["quizzes"][quiz_id]
            if quiz["kind"] == "knowledge":
                verdict = _t("passed" if result["passed"] else "not_passed")
                results.append(f"{quiz['short']} {result['best']['percent']:g}% {verdict}")
            else:
                band = quiz["overall_bands"].get(result["last"]["band"], "–")
                results.append(f"{quiz['short']} {band} ({_number(result['last']['score'], 0)})")
        lines.append(f"  {person['name']}: {'; '.join(results) or '–'}; guides read {person['guides_read']} of "
                     f"{figures['guides_total']}; checklists done {person['checklists_done']} of "
                     f"{figures['checklists_total']}")
    if figures["assessments"]:
        lines += ["", "Self-assessments"]
    for quiz_id, entry in figures["assessments"].items():
        quiz = site["quizzes"][quiz_id]
        lines.append(f"  {quiz['title']}: {_t('people_count', count=entry['people'])}")
        titles = {dimension["id"]: dimension["title"] for dimension in quiz["dimensions"]}
        for row in [*entry["dimensions"], {**entry["overall"], "id": None}]:
            title = titles.get(row["id"], _t("overall"))
            alpha = f", alpha {_number(row['alpha'], 2)}" if row["id"] else ""
            lines.append(f"    {title}: mean {_number(row['mean'], 1)}, SD {_number(row['sd'], 1)}, lowest "
                         f"{_number(row['min'], 0)}, highest {_number(row['max'], 0)} (n={row['n']}){alpha}")
    if figures["knowledge"]:
        lines += ["", "Questions"]
    for quiz_id, entry in figures["knowledge"].items():
        quiz = site["quizzes"][quiz_id]
        lines.append(f"  {quiz['title']}")
        if not entry["enough"]:
            lines.append("    " + _t("not_enough", count=entry["people"], min=site["min_people"]))
            continue
        lines.append("    " + _t("quiz_people", count=entry["people"], alpha=_number(entry["alpha"], 2)))
        for number, (row, question) in enumerate(zip(entry["questions"], quiz["questions"], strict=True), 1):
            picks = " ".join(f"{chr(65 + index)}={row['picks'][option['id']]}{'*' if option['correct'] else ''}"
                             for index, option in enumerate(question["options"]))
            lines.append(f"    {number}. {row['id']}: facility {_percent(row['facility'])}, discrimination "
                         f"{_number(row['discrimination'], 2)}{'; ' + picks if picks else ''}")
            lines += [f"       {_flag_text(flag, question)}" for flag in row["flags"]]
    return "\n".join(lines) + "\n"


def _cell(value: object) -> str:
    """One CSV cell, guarded against spreadsheet formulas as assets/results.js guards the browser's."""
    text = re.sub(r"([,;\t\r\n])(?=[\s\"]*[=+\-@\t\r])", r"\1'", "\n" + ("" if value is None else str(value)))[1:]
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if re.search(r"[\",;\t\r\n]", text) else text


def _csv(rows: list[list[object]]) -> str:
    out = io.StringIO()
    for row in rows:
        out.write(",".join(_cell(value) for value in row) + "\r\n")
    return out.getvalue()


def _value(value: object) -> object:
    return "true" if value is True else "false" if value is False else value


def csv_report(figures: dict, site: dict, table: str) -> str:
    """One table as CSV: `items` (a row per question), `people` (per person and quiz), `dimensions`."""
    if table == "people":
        rows: list[list[object]] = [["person", "files", "quiz", "quiz_title", "kind", "attempts", "best_score", "max",
                                     "best_percent", "passed", "best_finished", "last_score", "last_band",
                                     "last_finished", "guides_read", "checklists_done"]]
        for person in figures["people"]:
            for quiz_id, result in person["quizzes"].items():
                quiz, best, last = site["quizzes"][quiz_id], result["best"], result["last"]
                knowledge = quiz["kind"] == "knowledge"
                rows.append([person["name"], " ".join(person["files"]), quiz_id, quiz["title"], quiz["kind"],
                             result["attempts"], *([best["score"], best["max"], best["percent"],
                                                    _value(result["passed"]), best["finished"]]
                                                   if knowledge else ["", "", "", "", ""]),
                             last["score"], last["band"], last["finished"], person["guides_read"],
                             person["checklists_done"]])
        return _csv(rows)
    if table == "dimensions":
        rows = [["assessment", "dimension", "title", "n", "mean", "sd", "min", "max", "alpha_people", "alpha"]]
        for quiz_id, entry in figures["assessments"].items():
            titles = {dimension["id"]: dimension["title"] for dimension in site["quizzes"][quiz_id]["dimensions"]}
            for row in entry["dimensions"]:
                rows.append([quiz_id, row["id"], titles[row["id"]], row["n"], row["mean"], row["sd"], row["min"],
                             row["max"], row["alpha_people"], row["alpha"]])
        return _csv(rows)
    rows = [["quiz", "quiz_title", "people", "alpha", "number", "question", "prompt", "facility", "discrimination",
             "blank", "picks", "flags"]]
    for quiz_id, entry in figures["knowledge"].items():
        quiz = site["quizzes"][quiz_id]
        # Below the minimum number of people a quiz has no figures (stats.py), so no rows either.
        for number, (row, question) in enumerate(zip(entry["questions"], quiz["questions"] if entry["enough"] else [],
                                                      strict=True), 1):
            picks = "; ".join(f"{option['id']}={row['picks'][option['id']]}" for option in question["options"])
            rows.append([quiz_id, quiz["title"], entry["people"], entry["alpha"], number, row["id"],
                         question["prompt"], row["facility"], row["discrimination"], row["blank"], picks,
                         " ".join(flag["flag"] for flag in row["flags"])])
    return _csv(rows)


def json_report(figures: dict) -> str:
    """Every figure, as the team page computes them."""
    return json.dumps(figures, ensure_ascii=False, indent=2) + "\n"
