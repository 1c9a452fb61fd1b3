"""The team statistics (build_tools/results/stats.py) against worked examples.

The main example is Moodle's own: the 25 attempts × 7 questions of its quiz statistics walkthrough test
(mod/quiz/report/statistics/tests/fixtures/results00.csv), whose expected facility, discrimination index
and coefficient of internal consistency (Cronbach's alpha × 100) were worked out independently in a
spreadsheet (qstats00.csv and stats_from_steps_walkthrough_test.php in the Moodle repository).
"""

from __future__ import annotations

import math

import pytest

from build_tools.results.stats import correlation, cronbach_alpha, knowledge_figures, variance

# Marks per attempt and question, as in Moodle's results00.csv (every question is worth 1).
MOODLE_MARKS = [
    [1, 1, 1, 1, 1, 0, 1], [1, 1, 1, 1, 0.5, 1, 0], [1, 1, 1, 1, 0.5, 0, 1], [0, 0, 1, 1, 1, 0, 0],
    [1, 0, 1, 0, 0, 1, 0.5], [1, 1, 1, 1, 0.5, 0, 0.5], [0, 1, 1, 1, 0.5, 1, 0.5], [1, 1, 1, 0, 0.5, 1, 0.5],
    [1, 0, 1, 1, 1, 1, 1], [0, 1, 1, 0, 0.5, 1, 0.5], [0.8, 0, 1, 1, 0.5, 1, 0.5], [1, 1, 1, 0, 0.5, 1, 1],
    [1, 0, 1, 1, 0.5, 1, 0.5], [1, 0, 1, 1, 1, 0, 0.5], [0, 0, 1, 1, 0, 1, 1], [1, 0, 1, 0, 0.5, 1, 1],
    [0.8, 0, 1, 1, 0.5, 0, 1], [1, 0, 1, 1, 0, 1, 0.5], [1, 0, 1, 1, 0.5, 0, 0.5], [0, 1, 1, 0, 0.5, 1, 0],
    [1, 1, 0.3333333, 1, 0.5, 0, 0.5], [1, 1, 1, 0, 0.5, 0, 0.5], [1, 1, 1, 1, 0, 1, 0.5],
    [0, 0, 1, 0, 0.5, 1, 1], [0, 0, 1, 1, 1, 1, 1],
]
# Moodle's expected figures (qstats00.csv): facility, and discrimination index in percent.
MOODLE_FACILITY = [0.704, 0.48, 0.973333332, 0.68, 0.52, 0.64, 0.62]
MOODLE_DISCRIMINATION = [-7.0650767526, -28.8982125772, -9.1230674268, -22.6306444113, -17.6997047674,
                         -45.3785178421, -5.6543166602]
MOODLE_CIC = -87.2230935542  # Cronbach's alpha × 100


def columns(marks: list[list[float]]) -> list[list[float]]:
    return [[row[item] for row in marks] for item in range(len(marks[0]))]


def moodle_quiz() -> tuple[dict, list[dict]]:
    """Moodle's example as a quiz of this site and each attempt as read.py counts it."""
    ids = [f"q{number}" for number in range(1, 8)]
    quiz = {"scoring": {"questions": [{"id": qid, "points": 1} for qid in ids]},
            "questions": [{"id": qid, "options": []} for qid in ids]}
    firsts = [{"questions": dict(zip(ids, row, strict=True)), "answers": {}} for row in MOODLE_MARKS]
    return quiz, firsts


SITE = {"min_people": 5, "too_easy": 0.9, "too_hard": 0.2}


def test_facility_discrimination_and_alpha_match_moodles_worked_example() -> None:
    quiz, firsts = moodle_quiz()
    figures = knowledge_figures(quiz, firsts, SITE)
    assert figures["people"] == 25 and figures["enough"]
    for question, facility, discrimination in zip(figures["questions"], MOODLE_FACILITY, MOODLE_DISCRIMINATION,
                                                  strict=True):
        assert question["facility"] == pytest.approx(facility, abs=1e-8)
        assert question["discrimination"] * 100 == pytest.approx(discrimination, abs=1e-8)
    assert figures["alpha"] * 100 == pytest.approx(MOODLE_CIC, abs=1e-8)


def test_the_example_flags_what_a_reader_of_moodles_report_would() -> None:
    quiz, firsts = moodle_quiz()
    flags = {question["id"]: [flag["flag"] for flag in question["flags"]]
             for question in knowledge_figures(quiz, firsts, SITE)["questions"]}
    # Question 3 is answered right by nearly everyone; every question correlates negatively with the rest.
    assert flags["q3"] == ["too_easy", "negative"]
    assert all("negative" in found for found in flags.values())


def test_discrimination_is_the_item_rest_correlation_not_the_item_total_one() -> None:
    item = [1, 1, 0, 0, 1]
    rest = [3, 2, 2, 1, 0]
    total = [i + r for i, r in zip(item, rest, strict=True)]
    quiz = {"scoring": {"questions": [{"id": "a", "points": 1}, {"id": "b", "points": 3}]},
            "questions": [{"id": "a", "options": []}, {"id": "b", "options": []}]}
    firsts = [{"questions": {"a": i, "b": r}, "answers": {}} for i, r in zip(item, rest, strict=True)]
    figures = knowledge_figures(quiz, firsts, SITE)
    assert figures["questions"][0]["discrimination"] == correlation(item, rest)
    assert figures["questions"][0]["discrimination"] != pytest.approx(correlation(item, total))


def test_alpha_by_its_textbook_formula_on_a_small_table() -> None:
    # Three items, four people: item variances 0.25, 0.25 and 0.171875 (population); the totals 3, 2, 1.5
    # and 0 vary by 1.171875; alpha = 3/2 × (1 − 0.671875 / 1.171875) = 0.64.
    table = [[1, 1, 0, 0], [1, 0, 1, 0], [1, 1, 0.5, 0]]
    assert [variance(column) for column in table] == [0.25, 0.25, 0.171875]
    assert variance([3, 2, 1.5, 0]) == 1.171875
    assert cronbach_alpha(table) == pytest.approx(0.64)


def test_alpha_and_correlation_are_the_same_with_sample_or_population_variances() -> None:
    # Moodle divides by n - 1, we by n: the ratios in both formulas cancel the difference.
    marks = columns(MOODLE_MARKS)
    totals = [sum(row) for row in MOODLE_MARKS]
    n = len(totals)
    sample = [variance(column) * n / (n - 1) for column in marks]
    by_sample = 7 / 6 * (1 - sum(sample) / (variance(totals) * n / (n - 1)))
    assert cronbach_alpha(marks) == pytest.approx(by_sample)


def test_figures_that_are_not_defined_are_none_not_a_number() -> None:
    assert correlation([1, 1, 1], [0, 1, 2]) is None  # an item everyone scored the same on
    assert correlation([0, 1, 2], [5, 5, 5]) is None
    assert correlation([1], [2]) is None
    assert cronbach_alpha([[1, 0, 1]]) is None  # one item
    assert cronbach_alpha([[1, 1], [0, 0]]) is None  # every total the same
    # A mean of equal thirds is not exactly a third: the test for "no spread" must be exact.
    thirds = [0.33, 0.33, 0.33, 0.33, 0.33, 0.33, 0.33]
    assert correlation(thirds, [1, 2, 3, 4, 5, 6, 7]) is None


def test_below_the_minimum_number_of_people_no_figure_is_given() -> None:
    quiz, firsts = moodle_quiz()
    figures = knowledge_figures(quiz, firsts[:4], SITE)
    assert figures == {"people": 4, "enough": False, "alpha": None, "questions": []}
    assert knowledge_figures(quiz, firsts[:5], SITE)["enough"]


def test_flags_for_easy_hard_and_unpicked_options() -> None:
    options = [{"id": "right", "correct": True}, {"id": "lure", "correct": False}, {"id": "dead", "correct": False}]
    quiz = {"scoring": {"questions": [{"id": "easy", "points": 1}, {"id": "hard", "points": 2}]},
            "questions": [{"id": "easy", "options": options}, {"id": "hard", "options": []}]}
    firsts = [{"questions": {"easy": 1, "hard": 0}, "answers": {"easy": ["right"]}} for _ in range(9)]
    firsts.append({"questions": {"easy": 0, "hard": 1}, "answers": {"easy": ["lure", "lure"], "hard": []}})
    easy, hard = knowledge_figures(quiz, firsts, SITE)["questions"]
    assert easy["facility"] == 0.9 and [flag["flag"] for flag in easy["flags"]] == ["negative", "unused"]
    assert easy["flags"][1]["options"] == ["dead"]
    assert easy["picks"] == {"right": 9, "lure": 1, "dead": 0}  # a repeated pick counts once
    assert hard["facility"] == 0.05 and hard["blank"] == 10
    assert [flag["flag"] for flag in hard["flags"]] == ["too_hard", "negative"]
    assert math.isclose(easy["discrimination"], -1.0)
