"""Unit tests of the Python reference scorer: every rule of the spec and its edges."""

from __future__ import annotations

from typing import Any

import pytest
from scoring_keys import assessment_key, knowledge_key

from build_tools.scoring import RULES, apply, score
from build_tools.scoring.spec import Add, Div, Floor, If, Max, Num, Var, evaluate, variables

CHAPTER_OF_GUIDE = {"g-one": "ch-one", "g-two": "ch-two"}


# --- Builders: real models, so scoring_data is exercised with every test ---------------


def _question(qid: str, qtype: str, points: int = 1, guides: tuple[str, ...] = ("g-one",), **extra: Any) -> dict:
    base = {"id": qid, "type": qtype, "prompt": "P", "explanation": "E", "points": points, "guides": list(guides)}
    return {**base, **extra}


def single(qid: str = "q", correct: str = "a", options: str = "abc", **kw: Any) -> dict:
    """A single-choice question whose options are the letters of `options`."""
    return _question(qid, "single", options=[{"id": o, "text": o, "correct": o == correct} for o in options], **kw)


def multiple(qid: str = "q", correct: str = "ab", options: str = "abcd", scoring: str = "partial", **kw: Any) -> dict:
    """A multiple-choice question; the letters in `correct` are the right options."""
    opts = [{"id": o, "text": o, "correct": o in correct} for o in options]
    return _question(qid, "multiple", scoring=scoring, options=opts, **kw)


def true_false(qid: str = "q", answer: bool = True, **kw: Any) -> dict:
    """A true/false question."""
    return _question(qid, "true_false", answer=answer, **kw)


def ordering(qid: str = "q", steps: str = "abcd", scoring: str = "partial", **kw: Any) -> dict:
    """An ordering question whose right order is the letters of `steps`."""
    return _question(qid, "ordering", scoring=scoring, steps=[{"id": s, "text": s} for s in steps], **kw)


def knowledge(*questions: dict, pass_mark: int = 50) -> dict[str, Any]:
    """The scoring key of a knowledge quiz made of `questions`."""
    return knowledge_key(list(questions), pass_mark, CHAPTER_OF_GUIDE)


BANDS = [{"id": "low", "min": 0, "max": 24}, {"id": "mid", "min": 25, "max": 50}, {"id": "high", "min": 51, "max": 100}]


def assessment(
    items: list[tuple[str, str, int, bool]], k: int = 5, na: bool = True, dims: tuple[str, ...] = ("d1", "d2"),
    min_answered: int = 50, max_weak: tuple[int | None, ...] = (None, None, None),
) -> dict[str, Any]:
    """The scoring key of an assessment; items are (id, dimension, weight, reverse)."""
    return assessment_key(
        [f"L{n}" for n in range(1, k + 1)], na, list(dims),
        [{**band, "label": band["id"]} for band in BANDS],
        [{**band, "id": f"all-{band['id']}", "label": band["id"], "max_weak": weak}
         for band, weak in zip(BANDS, max_weak, strict=True)],
        [{"id": i, "text": i, "dimension": d, "weight": w, "reverse": r} for i, d, w, r in items],
        min_answered=min_answered,
    )


def q_score(data: dict[str, Any], answers: dict[str, Any], qid: str = "q") -> Any:
    """The per-question score of `qid`."""
    return score(data, answers)["questions"][qid]["score"]


# --- The spec itself --------------------------------------------------------------------


def test_every_rule_declares_exactly_what_it_reads() -> None:
    for name, rule in RULES.items():
        assert variables(rule.expr) <= set(rule.params), name


def test_evaluate_keeps_tree_order_and_only_runs_the_chosen_branch() -> None:
    guarded = If(Var("d"), Div(Num(1), Var("d")), Num(0))
    assert evaluate(guarded, {"d": 0}) == 0  # no ZeroDivisionError: the branch is lazy
    assert evaluate(Floor(Add(Num(0.1), Num(0.2))), {}) == 0
    assert evaluate(Max(Num(0), Var("x")), {"x": -3}) == 0


def test_round2_rounds_half_up() -> None:
    assert apply("round2", 0.125) == 0.13  # round() would give 0.12
    assert apply("round2", 1 / 3) == 0.33
    assert apply("round2", 2 / 3) == 0.67


# --- Single, true/false ----------------------------------------------------------------


def test_single_right_wrong_unanswered() -> None:
    data = knowledge(single(points=3))
    assert score(data, {"q": ["a"]})["questions"]["q"] == {"score": 3, "max": 3, "correct": True}
    assert score(data, {"q": ["b"]})["questions"]["q"] == {"score": 0, "max": 3, "correct": False}
    assert score(data, {})["questions"]["q"] == {"score": 0, "max": 3, "correct": False}
    assert q_score(data, {"q": []}) == 0


def test_single_a_bare_string_is_one_pick_and_hedging_scores_nothing() -> None:
    data = knowledge(single())
    assert q_score(data, {"q": "a"}) == 1
    assert q_score(data, {"q": ["a", "b"]}) == 0
    assert q_score(data, {"q": ["a", "a"]}) == 1  # a repeated id is still one pick
    assert q_score(data, {"q": ["a", "zz"]}) == 1  # unknown ids are ignored


def test_true_false() -> None:
    data = knowledge(true_false(answer=False, points=2))
    assert data["questions"][0]["options"] == ["true", "false"]
    assert data["questions"][0]["correct"] == ["false"]
    assert q_score(data, {"q": ["false"]}) == 2
    assert q_score(data, {"q": ["true"]}) == 0
    assert q_score(data, {"q": ["true", "false"]}) == 0
    assert q_score(data, {}) == 0


# --- Multiple ---------------------------------------------------------------------------


def test_multiple_all_or_nothing_needs_the_exact_set() -> None:
    data = knowledge(multiple(scoring="all_or_nothing", points=4))
    assert q_score(data, {"q": ["a", "b"]}) == 4
    assert q_score(data, {"q": ["b", "a"]}) == 4
    assert q_score(data, {"q": ["a"]}) == 0
    assert q_score(data, {"q": ["a", "b", "c"]}) == 0
    assert q_score(data, {}) == 0


def test_multiple_partial_shares_and_penalties() -> None:
    data = knowledge(multiple(correct="abc", options="abcde", points=3))
    assert q_score(data, {"q": ["a", "b", "c"]}) == 3
    assert q_score(data, {"q": ["a", "b"]}) == 2
    assert q_score(data, {"q": ["a", "b", "d"]}) == 1
    assert q_score(data, {"q": ["a", "a", "a"]}) == 1  # repeats count once


def test_multiple_partial_never_goes_below_zero() -> None:
    data = knowledge(multiple(correct="ab", options="abcde", points=5), single("s"))
    result = score(data, {"q": ["a", "c", "d", "e"], "s": ["a"]})
    assert result["questions"]["q"]["score"] == 0
    assert result["score"] == 1  # a bad question does not cost points elsewhere


def test_multiple_partial_fraction_is_rounded_for_display_not_for_the_total() -> None:
    data = knowledge(multiple("m1", correct="abc", options="abc"), multiple("m2", correct="abc", options="abc"))
    result = score(data, {"m1": ["a"], "m2": ["a"]})
    assert result["questions"]["m1"] == {"score": 0.33, "max": 1, "correct": False}
    assert result["score"] == 0.67  # round2(1/3 + 1/3), not 0.33 + 0.33


# --- Ordering ---------------------------------------------------------------------------


def test_ordering_all_or_nothing() -> None:
    data = knowledge(ordering(scoring="all_or_nothing", points=2))
    assert q_score(data, {"q": ["a", "b", "c", "d"]}) == 2
    assert q_score(data, {"q": ["a", "b", "d", "c"]}) == 0
    assert q_score(data, {"q": ["a", "b", "c", ""]}) == 0
    assert q_score(data, {}) == 0


def test_ordering_partial_and_empty_positions() -> None:
    data = knowledge(ordering(points=4))
    assert q_score(data, {"q": ["a", "b", "d", "c"]}) == 2
    assert q_score(data, {"q": ["a", "", "", "d"]}) == 2
    assert q_score(data, {"q": ["a", "b"]}) == 2  # missing positions are empty
    assert q_score(data, {"q": ["", "", "", ""]}) == 0
    assert q_score(data, {"q": ["a", "b", "c", "d", "a"]}) == 4  # extra positions are ignored
    assert q_score(data, {"q": ["x", 7, None, "d"]}) == 1  # garbage in a position is empty
    assert q_score(data, {"q": ["d", "c", "b", "a"]}) == 0


def test_ordering_partial_eighths_round_half_up() -> None:
    data = knowledge(ordering(points=1, steps="abcdefgh"))
    assert q_score(data, {"q": ["a"]}) == 0.13


# --- Totals, percent, pass ---------------------------------------------------------------


def test_totals_percent_and_pass() -> None:
    data = knowledge(single("s1", points=2), single("s2", points=1), pass_mark=60)
    result = score(data, {"s1": ["a"], "s2": ["b"]})
    assert (result["score"], result["max"], result["percent"], result["passed"]) == (2, 3, 66.7, True)
    assert score(data, {"s2": ["a"]})["percent"] == 33.3


def test_percent_rounds_half_up() -> None:
    # 0.25 of 4 points is 6.25 %: half up gives 6.3 where half-to-even gives 6.2.
    data = knowledge(ordering("o", points=2, steps="abcdefgh"), single("s", points=2))
    result = score(data, {"o": ["a"]})
    assert (result["score"], result["percent"]) == (0.25, 6.3)


def test_pass_exactly_at_the_mark() -> None:
    data = knowledge(single("s1"), single("s2"), pass_mark=50)
    result = score(data, {"s1": ["a"], "s2": ["b"]})
    assert (result["percent"], result["passed"]) == (50.0, True)
    assert score(data, {"s1": ["b"]})["passed"] is False


def test_pass_compares_exactly_not_the_rounded_percent() -> None:
    # 0.33 of 34 points shows as 1.0 % but is below a 1 % mark.
    data = knowledge(ordering("o", steps="abc"), *(single(f"s{n}", points=11) for n in range(3)), pass_mark=1)
    result = score(data, {"o": ["a"]})
    assert (result["score"], result["max"], result["percent"], result["passed"]) == (0.33, 34, 1.0, False)


def test_pass_mark_zero_passes_with_no_answers() -> None:
    data = knowledge(single(), pass_mark=0)
    assert score(data, {})["passed"] is True
    assert score(data, {})["percent"] == 0


# --- Chapters and review guides ----------------------------------------------------------


def test_chapters_and_review_guides() -> None:
    data = knowledge(
        single("s1", guides=("g-one", "g-two")),
        multiple("m", guides=("g-two", "g-x"), points=3),
        single("s2", guides=("g-x",)),
        true_false("t", guides=("g-one",)),
    )
    assert [q["chapter"] for q in data["questions"]] == ["ch-one", "ch-two", None, "ch-one"]
    result = score(data, {"s1": ["a"], "m": ["a"], "s2": ["b"], "t": ["false"]})
    assert result["chapters"] == {"ch-one": {"score": 1, "max": 2}, "ch-two": {"score": 1.5, "max": 3}}
    # Guides of questions without full points, once each, most points lost first: g-x lost 1.5 (m)
    # + 1 (s2), g-two 1.5 (m), g-one 1 (t).
    assert result["review_guides"] == ["g-x", "g-two", "g-one"]
    assert score(data, {"s1": ["a"], "m": ["a", "b"], "s2": ["a"], "t": ["true"]})["review_guides"] == []


def test_review_guides_tie_keeps_the_order_they_are_met_in() -> None:
    data = knowledge(
        single("s1", guides=("g-one",)),
        multiple("m", guides=("g-two",), points=3),
        single("s3", guides=("g-three",), points=3),
    )
    # Each question is wrong: g-one loses 1, g-two and g-three 3 each. The tie keeps the order the
    # guides are first met in (m before s3); the smaller loss comes last.
    result = score(data, {"s1": ["b"], "m": ["c"], "s3": ["b"]})
    assert [result["questions"][q]["score"] for q in ("s1", "m", "s3")] == [0, 0, 0]
    assert result["review_guides"] == ["g-two", "g-three", "g-one"]
    # Half of m right: g-two now loses 1.5, less than g-three's 3.
    assert score(data, {"s1": ["b"], "m": ["a"], "s3": ["b"]})["review_guides"] == ["g-three", "g-two", "g-one"]


def test_knowledge_result_shape() -> None:
    result = score(knowledge(single()), {"q": ["a"]})
    assert result == {
        "kind": "knowledge",
        "score": 1,
        "max": 1,
        "percent": 100,
        "passed": True,
        "questions": {"q": {"score": 1, "max": 1, "correct": True}},
        "chapters": {"ch-one": {"score": 1, "max": 1}},
        "review_guides": [],
    }


@pytest.mark.parametrize(
    "answers", [None, [], "a", 3, {"q": None}, {"q": 5}, {"q": {"a": 1}}, {"q": [["a"]]}, {"nope": ["a"]}, {7: "x"}]
)
def test_garbage_answers_score_zero_without_errors(answers: Any) -> None:
    result = score(knowledge(single(), multiple("m"), ordering("o")), answers)
    assert result["score"] == 0
    assert result["review_guides"] == ["g-one"]


# --- Data ---------------------------------------------------------------------------------


def test_scoring_data_of_a_knowledge_quiz() -> None:
    data = knowledge(single("s", guides=("g-x",)), multiple("m", scoring="all_or_nothing"), ordering("o", steps="cab"))
    assert data == {
        "kind": "knowledge",
        "id": "quiz",
        "pass_mark": 50,
        "questions": [
            {"id": "s", "type": "single", "points": 1, "scoring": None, "options": ["a", "b", "c"],
             "correct": ["a"], "chapter": None, "guides": ["g-x"]},
            {"id": "m", "type": "multiple", "points": 1, "scoring": "all_or_nothing", "options": ["a", "b", "c", "d"],
             "correct": ["a", "b"], "chapter": "ch-one", "guides": ["g-one"]},
            {"id": "o", "type": "ordering", "points": 1, "scoring": "partial", "options": ["c", "a", "b"],
             "correct": ["c", "a", "b"], "chapter": "ch-one", "guides": ["g-one"]},
        ],
    }  # fmt: skip


def test_scoring_data_of_an_assessment() -> None:
    data = assessment([("i1", "d1", 2, True), ("i2", "d2", 1, False)], k=4, na=False)
    assert data == {
        "kind": "assessment",
        "id": "self",
        "scale_points": 4,
        "not_applicable": False,
        "dimensions": ["d1", "d2"],
        "items": [
            {"id": "i1", "dimension": "d1", "weight": 2, "reverse": True},
            {"id": "i2", "dimension": "d2", "weight": 1, "reverse": False},
        ],
        "min_answered": 50,
        "bands": BANDS,
        "overall_bands": [{**band, "id": f"all-{band['id']}", "max_weak": None} for band in BANDS],
    }


# --- Likert -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("k", "given", "reverse", "value"),
    [(5, "1", False, 0), (5, "5", False, 4), (5, "5", True, 0), (5, "2", True, 3),
     (4, "1", False, 0), (4, "4", False, 3), (4, "4", True, 0), (4, "1", True, 3), (4, "2", True, 2)],
)  # fmt: skip
def test_item_value_with_reverse(k: int, given: str, reverse: bool, value: int) -> None:
    assert apply("item_value", int(given), k, reverse) == value
    data = assessment([("i", "d1", 1, reverse)], k=k, dims=("d1",))
    assert score(data, {"i": given})["score"] == round(100 * value / (k - 1) + 0.001)


def test_dimension_score_rounds_half_up_in_integers() -> None:
    # (3 + 2) / 8 = 62.5 % -> 63 (half to even would say 62).
    data = assessment([("i1", "d1", 1, False), ("i2", "d1", 1, False)], dims=("d1",))
    assert score(data, {"i1": "4", "i2": "3"})["dimensions"]["d1"]["score"] == 63
    assert score(data, {"i1": "2", "i2": "1"})["dimensions"]["d1"]["score"] == 13  # 12.5 -> 13


def test_weights_and_overall_score() -> None:
    data = assessment([("a", "d1", 3, False), ("b", "d1", 1, True), ("c", "d2", 2, False)], k=4)
    result = score(data, {"a": "4", "b": "4", "c": "2"})
    # d1: (3*3 + 1*0) / (3*3 + 1*3) = 9/12 = 75; d2: 2*1 / 2*3 = 33.3 -> 33
    assert result["dimensions"] == {"d1": {"score": 75, "band": "high"}, "d2": {"score": 33, "band": "mid"}}
    # overall: (9 + 0 + 2) / (9 + 3 + 6) = 11/18 = 61.1 -> 61
    assert (result["score"], result["band"], result["answered"]) == (61, "all-high", 3)


def test_weight_zero_items_do_not_move_the_score() -> None:
    data = assessment([("a", "d1", 1, False), ("z", "d1", 0, False)], dims=("d1",))
    assert score(data, {"a": "5", "z": "1"})["score"] == 100
    only_zero = score(data, {"z": "3"})
    assert (only_zero["score"], only_zero["band"], only_zero["answered"]) == (None, None, 1)


def test_all_not_applicable_gives_no_score_and_no_band() -> None:
    data = assessment([("a", "d1", 1, False), ("b", "d2", 1, False)])
    result = score(data, {"a": "na", "b": "na"})
    assert result == {
        "kind": "assessment",
        "score": None,
        "band": None,
        "dimensions": {"d1": {"score": None, "band": None}, "d2": {"score": None, "band": None}},
        "answered": 0,
    }
    assert score(data, {}) == result


def test_not_applicable_leaves_the_denominator() -> None:
    data = assessment([("a", "d1", 1, False), ("b", "d1", 1, False)], dims=("d1",))
    assert score(data, {"a": "5", "b": "na"})["score"] == 100
    assert score(data, {"a": "5"})["score"] == 100
    assert score(data, {"a": "5", "b": "1"})["score"] == 50


@pytest.mark.parametrize("given", ["0", "6", "", " 3", "3.0", "NA", 3, None, ["3"], True])
def test_garbage_likert_answers_are_ignored(given: Any) -> None:
    data = assessment([("a", "d1", 1, False), ("b", "d1", 1, False)], dims=("d1",))
    result = score(data, {"a": "3", "b": given})
    assert (result["score"], result["answered"]) == (50, 1)


@pytest.mark.parametrize(
    ("given", "expected", "band"),
    [("1", 0, "low"), ("2", 25, "mid"), ("3", 50, "mid"), ("4", 75, "high"), ("5", 100, "high")],
)
def test_band_edges_are_inclusive(given: str, expected: int, band: str) -> None:
    # Bands low 0-24, mid 25-50, high 51-100: 0 and 25 sit on a min, 50 and 100 on a max.
    data = assessment([("a", "d1", 1, False)], dims=("d1",))
    result = score(data, {"a": given})
    assert result["dimensions"]["d1"] == {"score": expected, "band": band}
    assert result["band"] == f"all-{band}"


def test_band_at_the_max_edge_of_a_low_band_and_the_min_of_the_next() -> None:
    items = [("a", "d1", 10, False), ("b", "d1", 10, False), ("c", "d1", 4, False), ("e", "d1", 1, False)]
    data = assessment(items, dims=("d1",))
    # (10*2 + 10*0 + 4*1 + 1*0) / (25*4) = 24 %: the max of `low`.
    assert score(data, {"a": "3", "b": "1", "c": "2", "e": "1"})["dimensions"]["d1"] == {"score": 24, "band": "low"}
    # One more point is 25 %: the min of `mid`.
    assert score(data, {"a": "3", "b": "1", "c": "2", "e": "2"})["dimensions"]["d1"] == {"score": 25, "band": "mid"}


def test_a_dimension_with_too_few_answers_has_no_score_and_the_overall_waits() -> None:
    items = [("a", "d1", 1, False), ("b", "d1", 1, False), ("c", "d1", 1, False), ("d", "d2", 1, False)]
    data = assessment(items, min_answered=60)
    # d1: 1 of 3 answered (33 %) is below 60 %; d2 is complete, yet the overall result waits.
    result = score(data, {"a": "5", "b": "na", "d": "5"})
    assert result["dimensions"] == {"d1": {"score": None, "band": None}, "d2": {"score": 100, "band": "high"}}
    assert (result["score"], result["band"]) == (None, None)
    # Two of three (67 %) is enough.
    result = score(data, {"a": "5", "b": "1", "d": "5"})
    assert result["dimensions"]["d1"]["score"] == 50 and result["score"] == 67


def test_exactly_the_minimum_share_is_enough() -> None:
    data = assessment([("a", "d1", 1, False), ("b", "d1", 1, False)], dims=("d1",), min_answered=50)
    assert score(data, {"a": "5"})["score"] == 100  # 1 of 2 = 50 %: enough
    data = assessment([("a", "d1", 1, False), ("b", "d1", 1, False)], dims=("d1",), min_answered=51)
    assert score(data, {"a": "5"})["score"] is None


def test_the_overall_band_steps_down_while_it_allows_fewer_weak_dimensions() -> None:
    # Three dimensions; a weak one scores in the lowest band (0–24).
    items = [(f"i{n}", f"d{n}", 1, False) for n in (1, 2, 3)]
    data = assessment(items, dims=("d1", "d2", "d3"), max_weak=(None, 1, 0))
    # 100, 100, 0: the overall score (67) is in the top band, which allows no weak dimension,
    # and the middle band allows one: the result is the middle band.
    result = score(data, {"i1": "5", "i2": "5", "i3": "1"})
    assert (result["score"], result["band"]) == (67, "all-mid")
    # Two weak dimensions: down to the lowest band, whatever the score.
    data = assessment(items, dims=("d1", "d2", "d3"), max_weak=(None, 1, 0))
    result = score(data, {"i1": "5", "i2": "1", "i3": "1"})
    assert (result["score"], result["band"]) == (33, "all-low")
    # No weak dimension: the band of the score.
    assert score(data, {"i1": "5", "i2": "3", "i3": "5"})["band"] == "all-high"
