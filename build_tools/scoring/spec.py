"""The scoring rules of quizzes and self-assessments, declared once, as data.

Every rule is a small expression tree over named inputs. `reference.py` interprets the
trees in Python and `javascript.py` compiles the same trees to the browser module, so
the score a reader sees on the page and the score our tests check cannot drift apart:
a rule changes here, in one place, or not at all.

The language only has operations that give the same IEEE double in CPython and in
JavaScript when applied in the same order: + - * /, floor, max, min and comparisons.
Rounding is spelled out as floor(x + 0.5) because Python's round() rounds half to even
while JavaScript's Math.round and toFixed have rules of their own. Every integer the
rules meet (points, counts, weights) stays far below 2**53, where Python's exact ints
and JavaScript's doubles are the same numbers.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass

Value = int | float | bool | None


class _Node:
    """Operator sugar so rules read like the formulas they are (and keep their order)."""

    def __add__(self, other: Operand) -> Add:
        return Add(self, lit(other))

    def __radd__(self, other: Operand) -> Add:
        return Add(lit(other), self)

    def __sub__(self, other: Operand) -> Sub:
        return Sub(self, lit(other))

    def __rsub__(self, other: Operand) -> Sub:
        return Sub(lit(other), self)

    def __mul__(self, other: Operand) -> Mul:
        return Mul(self, lit(other))

    def __rmul__(self, other: Operand) -> Mul:
        return Mul(lit(other), self)

    def __truediv__(self, other: Operand) -> Div:
        return Div(self, lit(other))

    def __rtruediv__(self, other: Operand) -> Div:
        return Div(lit(other), self)


@dataclass(frozen=True)
class Num(_Node):
    """A number literal."""

    value: int | float


@dataclass(frozen=True)
class Null(_Node):
    """No value: `None` in Python, `null` in JavaScript (e.g. a score nobody can compute)."""


@dataclass(frozen=True)
class Var(_Node):
    """An input of the rule, by name."""

    name: str


@dataclass(frozen=True)
class Binary(_Node):
    """A node with two operands, evaluated left first."""

    left: Expr
    right: Expr

    def __post_init__(self) -> None:
        # Accept plain numbers as operands (Eq(count, 0)); store them as literals.
        object.__setattr__(self, "left", lit(self.left))
        object.__setattr__(self, "right", lit(self.right))


@dataclass(frozen=True)
class Add(Binary):
    """left + right."""


@dataclass(frozen=True)
class Sub(Binary):
    """left - right."""


@dataclass(frozen=True)
class Mul(Binary):
    """left * right."""


@dataclass(frozen=True)
class Div(Binary):
    """left / right (true division; guard the divisor with If)."""


@dataclass(frozen=True)
class Max(Binary):
    """The larger of left and right."""


@dataclass(frozen=True)
class Min(Binary):
    """The smaller of left and right."""


@dataclass(frozen=True)
class Eq(Binary):
    """left equals right (numbers)."""


@dataclass(frozen=True)
class Ge(Binary):
    """left >= right."""


@dataclass(frozen=True)
class And(Binary):
    """Both left and right are true."""


@dataclass(frozen=True)
class Floor(_Node):
    """The largest integer <= arg."""

    arg: Expr

    def __post_init__(self) -> None:
        object.__setattr__(self, "arg", lit(self.arg))


@dataclass(frozen=True)
class If(_Node):
    """`then` when cond is true, else `other`; only the chosen branch is evaluated."""

    cond: Expr
    then: Expr
    other: Expr

    def __post_init__(self) -> None:
        object.__setattr__(self, "then", lit(self.then))
        object.__setattr__(self, "other", lit(self.other))


Expr = Num | Null | Var | Add | Sub | Mul | Div | Max | Min | Eq | Ge | And | Floor | If
Operand = Expr | int | float


def lit(value: Operand) -> Expr:
    """Wrap a Python number as a Num literal; leave expressions as they are."""
    if isinstance(value, bool):
        raise TypeError("booleans are not numbers in a rule; use a Var")
    return Num(value) if isinstance(value, (int, float)) else value


@dataclass(frozen=True)
class Rule:
    """A named formula: the inputs it takes, in call order, and its expression."""

    params: tuple[str, ...]
    expr: Expr


# Python's operators for the binary nodes. The JavaScript compiler has its own table;
# both keep the tree's evaluation order, which is what makes their doubles identical.
BINARY_PY: dict[type[Binary], Callable[[Value, Value], Value]] = {
    Add: operator.add,
    Sub: operator.sub,
    Mul: operator.mul,
    Div: operator.truediv,
    Max: max,
    Min: min,
    Eq: operator.eq,
    Ge: operator.ge,
    And: lambda a, b: bool(a) and bool(b),
}


def evaluate(expr: Expr, env: Mapping[str, Value]) -> Value:
    """Evaluate an expression tree with the given inputs, exactly as the spec says."""
    if isinstance(expr, Num):
        return expr.value
    if isinstance(expr, Null):
        return None
    if isinstance(expr, Var):
        return env[expr.name]
    if isinstance(expr, If):
        return evaluate(expr.then if evaluate(expr.cond, env) else expr.other, env)
    if isinstance(expr, Floor):
        return math.floor(evaluate(expr.arg, env))  # type: ignore[arg-type]
    if isinstance(expr, And):
        # Short-circuit like JavaScript's && so a guard can protect the right side.
        return bool(evaluate(expr.left, env)) and bool(evaluate(expr.right, env))
    if isinstance(expr, Binary):
        return BINARY_PY[type(expr)](evaluate(expr.left, env), evaluate(expr.right, env))
    raise TypeError(f"not a scoring expression: {expr!r}")


def variables(expr: Expr) -> set[str]:
    """Names of every Var the expression reads (used to check rules declare their inputs)."""
    if isinstance(expr, Var):
        return {expr.name}
    if isinstance(expr, Binary):
        return variables(expr.left) | variables(expr.right)
    if isinstance(expr, Floor):
        return variables(expr.arg)
    if isinstance(expr, If):
        return variables(expr.cond) | variables(expr.then) | variables(expr.other)
    return set()


# --- Knowledge quizzes ----------------------------------------------------------------
#
# Every question rule takes the same four inputs, so the aggregation code in both
# languages calls them alike:
#   points  the question's points;
#   right   options picked that are correct (choice questions, each id counted once),
#           or positions holding the step that belongs there (ordering);
#   wrong   options picked that are not correct, or positions holding another step;
#   count   how many options are correct, or how many steps there are.
# Ids the question does not know and empty positions count as neither right nor wrong,
# so a stale or tampered form can neither earn nor cost points with them.

QUESTION_PARAMS = ("points", "right", "wrong", "count")
points, right, wrong, count = (Var(name) for name in QUESTION_PARAMS)


def _answered_only(expr: Expr) -> Expr:
    # An unanswered question scores 0 whatever its rule would say about "no picks"
    # (e.g. a choice question without correct options must not reward skipping it).
    return If(Eq(right + wrong, 0), 0, expr)


# Single choice and true/false: one pick, and it is the right one. Checking both counts
# (not just `right`) means a form that submits several ids cannot hedge its bets.
_ONE_RIGHT_PICK = _answered_only(If(And(Eq(right, 1), Eq(wrong, 0)), points, 0))

QUESTION_RULES: dict[str, Rule] = {
    "single": Rule(QUESTION_PARAMS, _ONE_RIGHT_PICK),
    "true_false": Rule(QUESTION_PARAMS, _ONE_RIGHT_PICK),
    # Exactly the correct set: every correct option picked and nothing else.
    "multiple/all_or_nothing": Rule(
        QUESTION_PARAMS, _answered_only(If(And(Eq(right, count), Eq(wrong, 0)), points, 0))
    ),
    # Each right pick earns a share, each wrong pick takes a share away, so ticking every
    # box is not a strategy; max(0, …) keeps a question from costing points elsewhere.
    # Multiply before dividing: points*k/n is exact when k == n, so full marks stay exact.
    "multiple/partial": Rule(
        QUESTION_PARAMS,
        _answered_only(If(Eq(count, 0), 0, points * Max(0, right - wrong) / count)),
    ),
    # Every step in its place.
    "ordering/all_or_nothing": Rule(QUESTION_PARAMS, _answered_only(If(Eq(right, count), points, 0))),
    # A share per step in its place; a misplaced step costs nothing beyond its own share
    # (one early slip should not zero an otherwise right sequence).
    "ordering/partial": Rule(QUESTION_PARAMS, _answered_only(If(Eq(count, 0), 0, points * right / count))),
}


def question_rule_name(qtype: str, scoring: str | None) -> str:
    """The QUESTION_RULES key of a question type and its scoring mode (None for one-pick types)."""
    return f"{qtype}/{scoring}" if scoring else qtype


score_, max_, pass_mark, x = Var("score"), Var("max"), Var("pass_mark"), Var("x")

QUIZ_RULES: dict[str, Rule] = {
    # "correct" means full points, so a partial answer is shown as not (yet) right and
    # its guides are offered for review.
    "full_points": Rule(("score", "points"), Eq(score_, points)),
    # Two decimals, half up. Partial shares like 1/3 make long fractions; floor(x*100+0.5)
    # rounds the same way in both languages, where round() and toFixed() do not.
    "round2": Rule(("x",), Floor(x * 100 + 0.5) / 100),
    # One decimal of a percent, half up; a quiz without points has 0 %, not NaN.
    "percent": Rule(("score", "max"), If(Eq(max_, 0), 0, Floor(score_ / max_ * 1000 + 0.5) / 10)),
    # Compare by cross-multiplying, not by the rounded percent: 59.96 % is shown as 60.0
    # but must not pass a 60 % mark, while exactly the mark passes.
    "passed": Rule(("score", "max", "pass_mark"), Ge(score_ * 100, pass_mark * max_)),
}

# --- Self-assessments -----------------------------------------------------------------

answer, k, reverse, weight, value, num, den = (
    Var(name) for name in ("answer", "k", "reverse", "weight", "value", "num", "den")
)
band_min, band_max = Var("min"), Var("max")
_v = answer - 1  # answers "1".."k" become 0..k-1 so the lowest label is worth nothing

LIKERT_RULES: dict[str, Rule] = {
    # A reversed item ("I skip the contract when the client is a friend") counts from the
    # other end of the scale, so a high score always means the better habit.
    "item_value": Rule(("answer", "k", "reverse"), If(reverse, (k - 1) - _v, _v)),
    # Numerator and denominator terms of a dimension. N/A and unanswered items add to
    # neither, so they leave the denominator instead of counting as the lowest answer;
    # weight 0 keeps an item on the page without letting it move the score.
    "weighted_value": Rule(("weight", "value"), weight * value),
    "weighted_range": Rule(("weight", "k"), weight * (k - 1)),
    # round-half-up of 100*num/den using integers only: floor((2*100*num + den) / (2*den)).
    # The inputs are small integers, so every step is exact in both languages. With no
    # weighted answer at all there is nothing to score, which is null, not 0.
    "dimension_score": Rule(("num", "den"), If(Eq(den, 0), Null(), Floor((2 * (100 * num) + den) / (2 * den)))),
    # Bands are inclusive integer ranges; validation guarantees they tile 0..100, so the
    # first match is the only match.
    "in_band": Rule(("score", "min", "max"), And(Ge(score_, band_min), Ge(band_max, score_))),
    # A dimension is scored once enough of its statements have a scale answer: scored/total of
    # at least min_answered percent, cross-multiplied so no fraction is rounded.
    "enough_answers": Rule(("scored", "total", "min_answered"),
                           Ge(Var("scored") * 100, Var("min_answered") * Var("total"))),
}

# Every rule, by name: what the reference interprets and the JavaScript compiler emits.
RULES: dict[str, Rule] = {**QUESTION_RULES, **QUIZ_RULES, **LIKERT_RULES}

for _name, _rule in RULES.items():
    # Fail at import, not in a reader's browser, if a rule reads an undeclared input.
    _undeclared = variables(_rule.expr) - set(_rule.params)
    if _undeclared:
        raise ValueError(f"rule {_name} reads undeclared inputs {sorted(_undeclared)}")


def apply(name: str, *args: Value) -> Value:
    """Evaluate the named rule with positional inputs in its declared order."""
    rule = RULES[name]
    return evaluate(rule.expr, dict(zip(rule.params, args, strict=True)))
