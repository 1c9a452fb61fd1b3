"""Team figures from the attempts read (read.py): who did what, and which questions work.

Classical test theory, computed as Moodle's quiz statistics report does (docs.moodle.org, "Quiz
statistics calculations"): facility is the mean score on a question as a share of its points;
discrimination is the correlation of the question's score with the score on the rest of the quiz
(the corrected point-biserial, Moodle's "discrimination index" divided by 100); Cronbach's alpha
is k/(k-1) * (1 - sum of question variances / variance of the totals). Item analysis uses each
person's first attempt, before the quiz's own feedback taught them the answers.

Mirrored line for line by assets/team-stats.js. Every sum runs left to right in a fixed order
(people as read, questions as authored) with + - * / and sqrt only, so both give the same doubles.
"""

from __future__ import annotations

import math


def _mean(values: list[float]) -> float:
    total = 0.0
    for value in values:
        total = total + value
    return total / len(values)


def variance(values: list[float]) -> float:
    """Population variance (divided by n): the ratios below are the same with n - 1."""
    centre = _mean(values)
    total = 0.0
    for value in values:
        total = total + (value - centre) * (value - centre)
    return total / len(values)


def _constant(values: list[float]) -> bool:
    # Tested exactly: a mean of equal values can differ from them in the last bit.
    return all(value == values[0] for value in values)


def correlation(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r of two equally long lists; None when either does not vary."""
    if len(xs) < 2 or _constant(xs) or _constant(ys):
        return None
    mean_x, mean_y = _mean(xs), _mean(ys)
    sum_xy = sum_xx = sum_yy = 0.0
    for x, y in zip(xs, ys, strict=True):
        sum_xy = sum_xy + (x - mean_x) * (y - mean_y)
        sum_xx = sum_xx + (x - mean_x) * (x - mean_x)
        sum_yy = sum_yy + (y - mean_y) * (y - mean_y)
    return sum_xy / math.sqrt(sum_xx * sum_yy)


def _totals(columns: list[list[float]]) -> list[float]:
    totals = []
    for person in range(len(columns[0])):
        total = 0.0
        for column in columns:
            total = total + column[person]
        totals.append(total)
    return totals


def cronbach_alpha(columns: list[list[float]]) -> float | None:
    """Cronbach's alpha of item scores (one list per item, people in the same order); None if undefined."""
    items = len(columns)
    if items < 2 or len(columns[0]) < 2:
        return None
    totals = _totals(columns)
    if _constant(totals):
        return None
    item_variance = 0.0
    for column in columns:
        item_variance = item_variance + variance(column)
    return items / (items - 1) * (1 - item_variance / variance(totals))


def _picks(answer: object) -> list[str]:
    picks = answer if isinstance(answer, list) else [answer] if isinstance(answer, str) else []
    return list(dict.fromkeys(pick for pick in picks if isinstance(pick, str)))


def _by_time(attempts: list[dict], quiz_id: str) -> list[dict]:
    return sorted((attempt for attempt in attempts if attempt["quiz"] == quiz_id), key=lambda attempt: attempt["time"])


def _question_figures(question: dict, points: float, scores: list[float], rests: list[float], answers: list[object],
                      site: dict) -> dict:
    facility = _mean(scores) / points
    discrimination = correlation(scores, rests)
    picks: dict[str, int] = {option["id"]: 0 for option in question["options"]}
    blank = 0
    for answer in answers:
        chosen = _picks(answer)
        blank += not chosen
        for pick in chosen:
            if pick in picks:
                picks[pick] += 1
    flags: list[dict] = []
    if facility > site["too_easy"]:
        flags.append({"flag": "too_easy"})
    if facility < site["too_hard"]:
        flags.append({"flag": "too_hard"})
    if discrimination is not None and discrimination < 0:
        flags.append({"flag": "negative"})
    unused = [option["id"] for option in question["options"] if not option["correct"] and picks[option["id"]] == 0]
    if unused:
        flags.append({"flag": "unused", "options": unused})
    return {"id": question["id"], "facility": facility, "discrimination": discrimination, "picks": picks,
            "blank": blank, "flags": flags}


def knowledge_figures(quiz: dict, firsts: list[dict], site: dict) -> dict:
    """Item analysis of one quiz from each person's first attempt."""
    people = len(firsts)
    if people < site["min_people"]:
        return {"people": people, "enough": False, "alpha": None, "questions": []}
    keys = quiz["scoring"]["questions"]
    columns = [[attempt["questions"][key["id"]] for attempt in firsts] for key in keys]
    totals = _totals(columns)
    figures = []
    for key, question, column in zip(keys, quiz["questions"], columns, strict=True):
        rests = [total - score for total, score in zip(totals, column, strict=True)]
        answers = [attempt["answers"].get(key["id"]) for attempt in firsts]
        figures.append(_question_figures(question, key["points"], column, rests, answers, site))
    return {"people": people, "enough": True, "alpha": cronbach_alpha(columns), "questions": figures}


def _spread(values: list[float]) -> dict:
    if not values:
        return {"n": 0, "mean": None, "sd": None, "min": None, "max": None}
    return {"n": len(values), "mean": _mean(values), "sd": math.sqrt(variance(values)),
            "min": min(values), "max": max(values)}


def _item_value(answer: object, scale: int, reverse: bool) -> int | None:
    if not isinstance(answer, str) or answer not in [str(value) for value in range(1, scale + 1)]:
        return None
    value = int(answer)
    return scale + 1 - value if reverse else value


def assessment_figures(quiz: dict, lasts: list[dict], firsts: list[dict], site: dict) -> dict:
    """The team's scores per dimension (latest attempts) and each dimension's alpha (first attempts)."""
    key = quiz["scoring"]
    dimensions = []
    for dimension in quiz["dimensions"]:
        scores = [attempt["dimensions"][dimension["id"]]["score"] for attempt in lasts]
        items = [item for item in key["items"] if item["dimension"] == dimension["id"]]
        rows = []
        for attempt in firsts:
            values = [_item_value(attempt["answers"].get(item["id"]), key["scale_points"], item["reverse"])
                      for item in items]
            if all(value is not None for value in values):
                rows.append(values)
        enough = len(rows) >= site["min_people"]
        columns = [[row[index] for row in rows] for index in range(len(items))]
        dimensions.append({"id": dimension["id"], **_spread([score for score in scores if score is not None]),
                           "alpha_people": len(rows), "alpha": cronbach_alpha(columns) if enough else None})
    overall = _spread([attempt["score"] for attempt in lasts if attempt["score"] is not None])
    return {"people": len(lasts), "dimensions": dimensions, "overall": overall}


def _person_figures(person: dict, site: dict) -> dict:
    quizzes = {}
    for quiz_id in site["order"]:
        attempts = _by_time(person["attempts"], quiz_id)
        if not attempts:
            continue
        best = None
        for attempt in attempts:
            if best is None or attempt["percent"] is not None and (best["percent"] is None
                                                                    or attempt["percent"] >= best["percent"]):
                best = attempt
        last = attempts[-1]
        quizzes[quiz_id] = {"attempts": len(attempts),
                            "best": {field: best[field] for field in ("score", "max", "percent", "passed", "finished")},
                            "last": {field: last[field] for field in ("score", "percent", "band", "finished")},
                            "passed": any(attempt["passed"] is True for attempt in attempts)}
    done = [checklist for checklist, ticked in person["ticks"].items()
            if len(ticked) == len(site["checklists"][checklist]["items"])]
    return {"name": person["name"], "named": person["named"], "files": person["files"], "quizzes": quizzes,
            "guides_read": len(person["guides"]), "checklists_done": len(done)}


def analyse(team: dict, site: dict) -> dict:
    """Every figure of the team page from what read_files returned."""
    knowledge, assessments = {}, {}
    for quiz_id in site["order"]:
        quiz = site["quizzes"][quiz_id]
        histories = [_by_time(person["attempts"], quiz_id) for person in team["people"]]
        histories = [history for history in histories if history]
        if not histories:
            continue
        firsts = [history[0] for history in histories]
        if quiz["kind"] == "knowledge":
            knowledge[quiz_id] = knowledge_figures(quiz, firsts, site)
        else:
            assessments[quiz_id] = assessment_figures(quiz, [history[-1] for history in histories], firsts, site)
    return {"files": team["files"], "people": [_person_figures(person, site) for person in team["people"]],
            "knowledge": knowledge, "assessments": assessments,
            "guides_total": len(site["guides"]), "checklists_total": len(site["checklists"])}
