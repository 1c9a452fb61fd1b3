"""Differential tests: the generated browser module and the Python reference must agree.

Hypothesis generates scoring keys and answer sets; all answer sets of one test go to
Node in a single batch (one process start per test instead of one per example), and
each JS result must equal the Python result exactly: same keys, same booleans and
nulls, and the same doubles bit for bit.

Synthetic keys are small, so their answer sets are drawn with Hypothesis strategies.
Real quiz files can have dozens of questions, where drawing every pick through
Hypothesis costs seconds per file; there Hypothesis draws seeds and a `random.Random`
generator with the same mix of honest, partial, stray and garbage answers expands them.
"""

from __future__ import annotations

import json
import math
import random
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from scoring_keys import QUIZ_FILE, assessment_key, knowledge_key
from support import ROOT

from build_tools.scoring import score, scoring_data, scoring_module_source
from build_tools.scoring.javascript import HEADER, compile_expr
from build_tools.scoring.spec import Add, And, Div, Eq, Floor, Ge, If, Max, Min, Mul, Num, Sub, Var, evaluate

RUNNER = Path(__file__).resolve().parent / "js" / "score_runner.mjs"

PER_TEST = 1000  # answer sets compared per question type, assessment shape and quiz file
EXAMPLES = 60  # hypothesis examples (quiz shapes) per test ...
SETS = (20, 30)  # ... each with this many answer sets, so EXAMPLES * SETS[0] >= PER_TEST
assert EXAMPLES * SETS[0] >= PER_TEST

# Ids include `constructor`: every JS object inherits a property of that name, so a
# careless `answers[id]` or `map[id]` in the module would find a function there.
IDS = ["a", "b", "c", "d", "e", "f", "g", "h", "x-1", "constructor"]
ITEM_IDS = [f"i{n}" for n in range(10)] + ["constructor"]
GUIDES = ["g1", "g2", "g3", "constructor"]
CHAPTERS = ["c1", "c2", "constructor"]
# Values a tampered form or stale storage may hold instead of an answer.
GARBAGE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 10),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=3),
    st.dictionaries(st.text(max_size=2), st.integers(0, 3), max_size=2),
    st.lists(st.integers(0, 3), max_size=2),
)


def _weighted(*choices: tuple[int, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """One of the strategies, picked in proportion to its weight."""
    table = [strategy for weight, strategy in choices for _ in range(weight)]
    return st.integers(0, len(table) - 1).flatmap(lambda index: table[index])


# --- Knowledge quizzes ------------------------------------------------------------------


# Partial shares in fifths are exact decimals that are inexact doubles (3 * 1/5 is not
# 3/5), and eighths put a total exactly on a rounding midpoint (x.xx5). Together they
# make any change in the order of operations visible in the rounded scores.
_TELLING = st.sampled_from([5, 8])


@st.composite
def _question(draw: st.DrawFn, qtype: str, scoring: str | None, qid: str) -> dict[str, Any]:
    question: dict[str, Any] = {
        "id": qid,
        "type": qtype,
        "prompt": "P",
        "explanation": "E",
        # Small points make totals land exactly on pass marks and half-way roundings.
        "points": draw(st.one_of(st.integers(1, 5), st.integers(1, 100))),
        "guides": draw(st.lists(st.sampled_from(GUIDES), min_size=1, max_size=3, unique=True)),
    }
    if qtype in ("single", "multiple"):
        ids = draw(st.lists(st.sampled_from(IDS), min_size=2, max_size=8, unique=True))
        if qtype == "single":
            correct = {draw(st.sampled_from(ids))}
        else:
            size = draw(st.one_of(_TELLING.filter(lambda n: n <= len(ids)), st.integers(1, len(ids))))
            correct = set(draw(st.permutations(ids))[:size])
            question["scoring"] = scoring
        question["options"] = [{"id": o, "text": o, "correct": o in correct} for o in ids]
    elif qtype == "true_false":
        question["answer"] = draw(st.booleans())
    else:
        size = draw(st.one_of(_TELLING, st.integers(3, 8)))
        ids = draw(st.lists(st.sampled_from(IDS), min_size=size, max_size=size, unique=True))
        question["steps"] = [{"id": s, "text": s} for s in ids]
        question["scoring"] = scoring
    return question


ALL_KINDS = [
    ("single", None),
    ("true_false", None),
    ("multiple", "all_or_nothing"),
    ("multiple", "partial"),
    ("ordering", "all_or_nothing"),
    ("ordering", "partial"),
]


@st.composite
def knowledge_data(draw: st.DrawFn, kinds: list[tuple[str, str | None]]) -> dict[str, Any]:
    """The scoring key of a quiz with 1-4 questions of the given kinds."""
    qids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=4, unique=True))
    questions = [draw(_question(*draw(st.sampled_from(kinds)), qid)) for qid in qids]
    pass_mark = draw(st.one_of(st.sampled_from([0, 50, 60, 100]), st.integers(0, 100)))
    chapter_of_guide = draw(st.dictionaries(st.sampled_from(GUIDES), st.sampled_from(CHAPTERS)))
    return knowledge_key(questions, pass_mark, chapter_of_guide)


def _knowledge_answer(question: dict[str, Any]) -> st.SearchStrategy[Any]:
    ids: list[str] = question["options"]
    stray = st.sampled_from(["", "zz", "constructor", "true", "a"])
    if question["type"] == "ordering":
        n = len(ids)
        blanked = st.tuples(st.permutations(ids), st.lists(st.booleans(), min_size=n, max_size=n)).map(
            lambda pair: [step if keep else "" for step, keep in zip(*pair, strict=True)]
        )
        return _weighted(
            (2, st.just(list(question["correct"]))),
            (6, st.permutations(ids)),
            (3, blanked),
            (2, st.lists(st.one_of(st.sampled_from(ids), stray, GARBAGE), max_size=n + 2)),
            (1, GARBAGE),
        )
    return _weighted(
        (2, st.just(list(question["correct"]))),
        (5, st.lists(st.sampled_from(ids), max_size=len(ids), unique=True)),
        (2, st.lists(st.sampled_from(ids), max_size=len(ids) + 3)),  # repeats must count once
        (2, st.sampled_from(ids)),
        (2, st.lists(st.one_of(st.sampled_from(ids), stray, GARBAGE), max_size=len(ids) + 2)),
        (1, GARBAGE),
    )


def knowledge_answers(data: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Answer sets for a knowledge scoring key: honest, partial, stray and garbage."""
    optional = {q["id"]: _knowledge_answer(q) for q in data["questions"]}
    optional.setdefault("not-a-question", st.lists(st.sampled_from(IDS), max_size=2))
    return _weighted((19, st.fixed_dictionaries({}, optional=optional)), (1, GARBAGE))


# --- Self-assessments -------------------------------------------------------------------


@st.composite
def _bands(draw: st.DrawFn, prefix: str) -> list[dict[str, Any]]:
    # Integer ranges that tile 0..100, as validation guarantees.
    cuts = sorted(draw(st.sets(st.integers(1, 100), max_size=4)))
    edges = [0, *cuts, 101]
    return [
        {"id": f"{prefix}{n}", "min": low, "max": high - 1, "label": "L"}
        for n, (low, high) in enumerate(zip(edges, edges[1:], strict=False))
    ]


@st.composite
def assessment_data(draw: st.DrawFn, k: int, not_applicable: bool) -> dict[str, Any]:
    """The scoring key of an assessment on a k-point scale."""
    dims = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True))
    item_ids = draw(st.lists(st.sampled_from(ITEM_IDS), min_size=1, max_size=8, unique=True))
    items = [
        {
            "id": item,
            "text": "T",
            "dimension": draw(st.sampled_from(dims)),
            "weight": draw(st.sampled_from([0, 1, 1, 1, 2, 3, 7, 10])),
            "reverse": draw(st.booleans()),
        }
        for item in item_ids
    ]
    overall = draw(_bands("o"))
    # Above the lowest band, each allows no more weak dimensions than the band below (validation).
    allowed = 3
    for band in overall[1:]:
        allowed = draw(st.integers(0, allowed))
        band["max_weak"] = allowed
    return assessment_key([f"L{n}" for n in range(k)], not_applicable, dims, draw(_bands("b")),
                          overall, items, min_answered=draw(st.sampled_from([1, 34, 50, 60, 67, 100])))


def likert_answers(data: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Answer sets for an assessment key: full, mixed with N/A and garbage, all N/A."""
    k = data["scale_points"]
    valid = st.sampled_from([str(n) for n in range(1, k + 1)])
    stray = st.sampled_from(["0", str(k + 1), "6", "", "NA", " 1", "1.0", "constructor"])
    one = _weighted((8, valid), (2, st.just("na")), (1, stray), (1, GARBAGE))
    ids = [item["id"] for item in data["items"]]
    return _weighted(
        (10, st.fixed_dictionaries({}, optional={i: one for i in ids})),
        (6, st.fixed_dictionaries({i: valid for i in ids})),
        (2, st.just({i: "na" for i in ids})),
        (1, GARBAGE),
    )


# --- Seeded answer generators for real quiz files ---------------------------------------

GARBAGE_VALUES: list[Any] = [None, True, False, 0, 3, -1, 1.5, "", "x", "constructor", {"a": 1}, [1], [None], [[]]]
STRAY_IDS = ["", "zz", "constructor", "true", "na"]


def _random_pick(question: dict[str, Any], rnd: random.Random) -> Any:
    ids: list[str] = question["options"]
    roll = rnd.random()
    if roll < 0.05:
        return rnd.choice(GARBAGE_VALUES)
    if roll < 0.2:
        return list(question["correct"])
    noisy = [rnd.choice(ids + STRAY_IDS + GARBAGE_VALUES[:6]) for _ in range(rnd.randint(0, len(ids) + 2))]
    if question["type"] == "ordering":
        order = rnd.sample(ids, len(ids))
        if roll < 0.6:
            return order
        if roll < 0.85:
            return [step if rnd.random() < 0.7 else "" for step in order]
        return noisy
    if roll < 0.65:
        return rnd.sample(ids, rnd.randint(0, len(ids)))
    if roll < 0.8:
        return rnd.choice(ids)
    return noisy


def random_knowledge_answers(data: dict[str, Any], rnd: random.Random) -> Any:
    """One answer set for a knowledge key, like knowledge_answers but without Hypothesis."""
    if rnd.random() < 0.03:
        return rnd.choice(GARBAGE_VALUES)
    answers = {q["id"]: _random_pick(q, rnd) for q in data["questions"] if rnd.random() < 0.85}
    if rnd.random() < 0.1:
        answers["not-a-question"] = ["a"]
    return answers


def random_likert_answers(data: dict[str, Any], rnd: random.Random) -> Any:
    """One answer set for an assessment key, like likert_answers but without Hypothesis."""
    k = data["scale_points"]
    valid = [str(n) for n in range(1, k + 1)]
    stray = ["0", str(k + 1), "6", "", "NA", " 1", "1.0", *GARBAGE_VALUES]
    ids = [item["id"] for item in data["items"]]
    roll = rnd.random()
    if roll < 0.03:
        return rnd.choice(GARBAGE_VALUES)
    if roll < 0.1:
        return {i: "na" for i in ids}
    if roll < 0.4:
        return {i: rnd.choice(valid) for i in ids}
    answers: dict[str, Any] = {}
    for i in ids:
        pick = rnd.random()
        if pick < 0.15:
            continue
        answers[i] = "na" if pick < 0.3 else rnd.choice(stray) if pick < 0.38 else rnd.choice(valid)
    return answers


# --- Running both scorers ---------------------------------------------------------------


@pytest.fixture(scope="session")
def module_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated module, written where the runner can import it."""
    path = tmp_path_factory.mktemp("scoring") / "scoring.mjs"
    path.write_text(scoring_module_source(), encoding="utf-8")
    return path


def _with_answer_sets(
    data: st.SearchStrategy[dict[str, Any]], answers_of: Callable[[dict[str, Any]], st.SearchStrategy[Any]]
) -> st.SearchStrategy[tuple[dict[str, Any], list[Any]]]:
    """A key and a list of answer sets drawn for it."""
    return data.flatmap(lambda d: st.tuples(st.just(d), st.lists(answers_of(d), min_size=SETS[0], max_size=SETS[1])))


def _collect(examples: st.SearchStrategy[tuple[dict[str, Any], list[Any]]]) -> list[dict[str, Any]]:
    """Let hypothesis generate keys and answer sets, and gather them for one batch."""
    cases: list[dict[str, Any]] = []

    # Only the generate phase: the body just records, so there is nothing to shrink; a
    # mismatch is reported below with the smallest failing cases instead.
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(examples)
    def gather(example: tuple[dict[str, Any], list[Any]]) -> None:
        key, answer_sets = example
        cases.extend({"data": key, "answers": answers} for answers in answer_sets)

    gather()
    return cases


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON values, with no bool/number confusion (Python says True == 1)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)  # JSON has one number type; the doubles must match
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _node(module: Path, cases: list[dict[str, Any]]) -> list[Any]:
    """Results of the module's score() for every case, from one Node process."""
    run = subprocess.run(
        ["node", str(RUNNER), str(module)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    results: list[Any] = json.loads(run.stdout)
    assert len(results) == len(cases)
    return results


def _compare(cases: list[Any], from_py: list[Any], from_js: list[Any]) -> None:
    """Fail with the smallest differing cases unless every pair is identical."""
    failures = [
        (case, py, js) for case, py, js in zip(cases, from_py, from_js, strict=True) if not (py == js and _same(py, js))
    ]
    failures.sort(key=lambda failure: len(json.dumps(failure[0])))
    assert not failures, f"{len(failures)} of {len(cases)} differ; smallest:\n" + "\n".join(
        json.dumps({"case": case, "python": py, "javascript": js}) for case, py, js in failures[:3]
    )


def _check(cases: list[dict[str, Any]], module: Path) -> None:
    """Score every case in Node (one process) and in Python; demand identical results."""
    assert len(cases) >= PER_TEST, f"only {len(cases)} answer sets were generated"
    from_js = _node(module, cases)
    # Round-trip the reference through JSON too: it must be JSON-ready, like the page's.
    from_py = [json.loads(json.dumps(score(case["data"], case["answers"]), allow_nan=False)) for case in cases]
    _compare(cases, from_py, from_js)


# --- Tests ------------------------------------------------------------------------------


def test_module_is_small_and_says_it_is_generated() -> None:
    source = scoring_module_source()
    assert source.startswith(HEADER + "\n")
    assert len(source.encode()) < 3.5 * 1024  # the rules and two aggregations: a few kilobytes, not a library
    assert "Math.round" not in source and "toFixed" not in source


@pytest.mark.parametrize("kind", [*ALL_KINDS, ("mixed", None)], ids=lambda kind: "/".join(filter(None, kind)))
def test_knowledge_questions_agree(kind: tuple[str, str | None], module_path: Path) -> None:
    kinds = ALL_KINDS if kind[0] == "mixed" else [kind]
    cases = _collect(_with_answer_sets(knowledge_data(kinds), knowledge_answers))
    # Random pass marks rarely sit where passing is decided by the exact comparison, so
    # add a twin of each case whose mark is its percent rounded up: exactly at the mark,
    # or just above a score whose percent only rounds up to it (59.96 % vs 60).
    for case in list(cases):
        mark = math.ceil(score(case["data"], case["answers"])["percent"])
        if mark != case["data"]["pass_mark"]:
            cases.append({"data": {**case["data"], "pass_mark": mark}, "answers": case["answers"]})
    _check(cases, module_path)


@pytest.mark.parametrize(("k", "not_applicable"), [(4, False), (4, True), (5, False), (5, True)])
def test_assessments_agree(k: int, not_applicable: bool, module_path: Path) -> None:
    _check(_collect(_with_answer_sets(assessment_data(k, not_applicable), likert_answers)), module_path)


def _chapter_of_guide() -> dict[str, str]:
    # Read leniently: chapters are being written right now, and the mapping only feeds
    # the per-chapter breakdown, which both scorers compute from the same key anyway.
    mapping: dict[str, str] = {}
    for path in sorted((ROOT / "content" / "chapters").glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(document, dict) and isinstance(document.get("id"), str):
            for guide in document.get("guides") or []:
                if isinstance(guide, str):
                    mapping.setdefault(guide, document["id"])
    return mapping


QUIZ_FILES = sorted((ROOT / "quizzes").glob("*.yml"))


@pytest.mark.parametrize("path", QUIZ_FILES, ids=[path.name for path in QUIZ_FILES])
def test_quiz_files_agree(path: Path, module_path: Path) -> None:
    quiz = QUIZ_FILE.validate_python(yaml.safe_load(path.read_text(encoding="utf-8")))
    data = scoring_data(quiz, _chapter_of_guide())
    generate = random_knowledge_answers if data["kind"] == "knowledge" else random_likert_answers
    # Hypothesis picks distinct seeds; each seed expands to a run of answer sets.
    seeded = st.integers(0, 2**64 - 1).map(
        lambda seed: (data, [generate(data, random.Random(seed)) for _ in range(SETS[0])])
    )
    _check(_collect(seeded), module_path)


# --- The compiler on its own ------------------------------------------------------------

_LEAVES = st.one_of(
    st.sampled_from([Var("a"), Var("b"), Var("c")]),
    st.integers(-9, 9).map(Num),
    st.sampled_from([0.1, 0.5, 0.7, 1 / 3, 2.5]).map(Num),
)
# Operands stay within a few powers of ten and divisors stay away from 0, so every value
# is finite and every integer below 2**53, where Python ints and JS doubles coincide.
_DIVISORS = st.one_of(st.sampled_from([Var("a"), Var("b"), Var("c")]), st.sampled_from([3, 7, 0.3, -0.6]).map(Num))
_EXPRESSIONS = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.builds(Add, inner, inner),
        st.builds(Sub, inner, inner),
        st.builds(Mul, inner, inner),
        st.builds(Div, inner, _DIVISORS),
        st.builds(Max, inner, inner),
        st.builds(Min, inner, inner),
        st.builds(Floor, inner),
        st.builds(If, st.builds(Ge, inner, inner), inner, inner),
        st.builds(If, st.builds(And, st.builds(Eq, inner, inner), st.builds(Ge, inner, inner)), inner, inner),
    ),
    max_leaves=6,
)
_INPUTS = st.lists(
    st.one_of(
        st.integers(1, 50).flatmap(lambda n: st.sampled_from([n, -n])),
        st.floats(0.5, 50).flatmap(lambda x: st.sampled_from([x, -x])),
    ),
    min_size=3,
    max_size=3,
)


def test_compiled_expressions_agree_with_the_interpreter(tmp_path: Path) -> None:
    """Random trees, compiled to JS and interpreted in Python, give identical doubles."""
    names = {"a": "a", "b": "b", "c": "c"}
    trees: list[Any] = []
    cases: list[dict[str, Any]] = []

    @settings(
        max_examples=400,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(_EXPRESSIONS, st.lists(_INPUTS, min_size=3, max_size=3))
    def gather(tree: Any, inputs: list[list[float]]) -> None:
        trees.append(tree)
        cases.extend({"data": {"fn": len(trees) - 1}, "answers": values} for values in inputs)

    gather()
    # A stand-in module with the runner's interface: score(data, answers) applies tree
    # number data.fn to the inputs in answers.
    module = tmp_path / "expressions.mjs"
    functions = ",".join(f"(a,b,c)=>{compile_expr(tree, names)}" for tree in trees)
    module.write_text(f"const F=[{functions}];export function score(d,a){{return F[d.fn](...a)}}\n")
    from_py = [evaluate(trees[case["data"]["fn"]], dict(zip("abc", case["answers"], strict=True))) for case in cases]
    _compare(cases, [json.loads(json.dumps(value, allow_nan=False)) for value in from_py], _node(module, cases))
