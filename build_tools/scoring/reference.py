"""The Python reference scorer: interprets the rules of `spec.py` over a scoring key.

The aggregation below (counting picks, summing in question order, looking up bands) is
mirrored line for line by the template in `javascript.py`; every formula comes from the
spec. Sums run left to right from 0 in authored order because float addition is not
associative and the browser adds in that order too.
"""

from __future__ import annotations

from typing import Any

from build_tools.scoring.spec import apply, question_rule_name


def _picks(answer: object) -> list[object]:
    # A bare string is one pick (what a radio group posts); anything but a list or a
    # string is garbage and counts as no answer at all.
    if isinstance(answer, list):
        return answer
    if isinstance(answer, str):
        return [answer]
    return []


def _count(question: dict[str, Any], answer: object) -> tuple[int, int]:
    """(right, wrong) for one question, ignoring unknown ids and non-strings."""
    options: list[str] = question["options"]
    correct: list[str] = question["correct"]
    picks = _picks(answer)
    right = wrong = 0
    if question["type"] == "ordering":
        # Position i holds the step chosen for it; positions past the last step and
        # empty or unknown entries are ignored.
        for position in range(min(len(picks), len(correct))):
            step = picks[position]
            if isinstance(step, str) and step in options:
                if step == correct[position]:
                    right += 1
                else:
                    wrong += 1
    else:
        seen: list[str] = []  # each id counts once, however often a form repeats it
        for pick in picks:
            if isinstance(pick, str) and pick in options and pick not in seen:
                seen.append(pick)
                if pick in correct:
                    right += 1
                else:
                    wrong += 1
    return right, wrong


def _bands(bands: list[dict[str, Any]], score: int | None) -> str | None:
    if score is None:
        return None
    for band in bands:
        if apply("in_band", score, band["min"], band["max"]):
            return band["id"]
    return None


def _knowledge(data: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    total: int | float = 0
    maximum = 0
    questions: dict[str, dict[str, Any]] = {}
    chapters: dict[str, list[int | float]] = {}
    # Guide → points its questions lost, in the order the guides are first met.
    missed: dict[str, int | float] = {}
    for question in data["questions"]:
        right, wrong = _count(question, answers.get(question["id"]))
        rule = question_rule_name(question["type"], question["scoring"])
        raw = apply(rule, question["points"], right, wrong, len(question["correct"]))
        full = apply("full_points", raw, question["points"])
        # Per-question scores are rounded for display only; totals use the raw values.
        questions[question["id"]] = {"score": apply("round2", raw), "max": question["points"], "correct": full}
        total = total + raw  # type: ignore[operator]
        maximum = maximum + question["points"]
        chapter = question["chapter"]
        if chapter is not None:
            entry = chapters.setdefault(chapter, [0, 0])
            entry[0] = entry[0] + raw  # type: ignore[operator]
            entry[1] = entry[1] + question["points"]
        if not full:
            for guide in question["guides"]:
                missed[guide] = missed.get(guide, 0) + (question["points"] - raw)
    score = apply("round2", total)
    # Most missed first; equal losses (compared rounded, so 1/3 + 2/3 equals 1) keep their order.
    review = sorted(missed, key=lambda guide: -apply("round2", missed[guide]))
    return {
        "kind": "knowledge",
        "score": score,
        "max": maximum,
        "percent": apply("percent", score, maximum),
        "passed": apply("passed", score, maximum, data["pass_mark"]),
        "questions": questions,
        "chapters": {chapter: {"score": apply("round2", s), "max": m} for chapter, (s, m) in chapters.items()},
        "review_guides": review,
    }


def _overall_band(data: dict[str, Any], score: int | None, weak: int) -> str | None:
    """The band of the overall score, moved down while it allows fewer weak dimensions than there are."""
    bands = data["overall_bands"]  # lowest first
    if score is None:
        return None
    index = next((i for i, band in enumerate(bands) if apply("in_band", score, band["min"], band["max"])), None)
    if index is None:
        return None
    while index > 0 and bands[index]["max_weak"] is not None and weak > bands[index]["max_weak"]:
        index -= 1
    return bands[index]["id"]


def _assessment(data: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    k: int = data["scale_points"]
    valid = [str(n) for n in range(1, k + 1)]  # exactly "1".."k"; "na" and garbage are skipped
    sums: dict[str, list[int]] = {dimension: [0, 0] for dimension in data["dimensions"]}
    counts: dict[str, list[int]] = {dimension: [0, 0] for dimension in data["dimensions"]}  # scored, total
    num = den = answered = 0
    for item in data["items"]:
        entry = sums.get(item["dimension"])
        if entry is None:
            continue
        given = answers.get(item["id"])
        tally = counts[item["dimension"]]
        if item["weight"] > 0:
            tally[1] += 1
        if not isinstance(given, str) or given not in valid:
            continue
        answered += 1
        if item["weight"] > 0:
            tally[0] += 1
        value = apply("item_value", valid.index(given) + 1, k, item["reverse"])
        term = apply("weighted_value", item["weight"], value)
        span = apply("weighted_range", item["weight"], k)
        entry[0] = entry[0] + term  # type: ignore[operator]
        entry[1] = entry[1] + span  # type: ignore[operator]
        num = num + term  # type: ignore[operator]
        den = den + span  # type: ignore[operator]
    dimensions: dict[str, dict[str, Any]] = {}
    complete = True
    for dimension, (dim_num, dim_den) in sums.items():
        scored, total = counts[dimension]
        enough = apply("enough_answers", scored, total, data["min_answered"])
        complete = complete and bool(enough)
        dim_score = apply("dimension_score", dim_num, dim_den) if enough else None
        dimensions[dimension] = {"score": dim_score, "band": _bands(data["bands"], dim_score)}  # type: ignore[arg-type]
    # The overall result waits until every dimension has enough answers.
    overall = apply("dimension_score", num, den) if complete else None
    lowest = _bands(data["bands"], 0)
    weak = sum(1 for part in dimensions.values() if part["band"] == lowest)
    return {
        "kind": "assessment",
        "score": overall,
        "band": _overall_band(data, overall, weak),  # type: ignore[arg-type]
        "dimensions": dimensions,
        "answered": answered,
    }


def score(data: dict[str, Any], answers: dict[str, list[str] | str]) -> dict[str, Any]:
    """Score one set of answers against a scoring key; garbage in answers is ignored."""
    # Answers come from a reader's browser (or its storage), so trust nothing about them.
    safe: dict[str, Any] = answers if isinstance(answers, dict) else {}
    if data["kind"] == "knowledge":
        return _knowledge(data, safe)
    return _assessment(data, safe)
