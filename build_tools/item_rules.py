"""Item-writing rules: the clues that let someone pass a quiz without knowing the answer.

Each rule follows a guideline from Haladyna, Downing & Rodriguez (2002), "A review of
multiple-choice item-writing guidelines": options of about equal length and the same form, no
absolute words that only wrong options carry, no "all/none of the above", negative stems that are
marked, no cue that names the advice we criticise, true/false keys in balance, and no question
asked twice. Every rule is named in RULES, so a problem carries its id and an author can waive it
for one question (or one quiz) with `waive: {rule-id: reason}`; a waiver the rule does not need is
a problem too, so waivers cannot outlive the text they excused.
"""

from __future__ import annotations

import re
import statistics
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from . import models
from .errors import Problem
from .load import Loaded
from .yamlfile import YamlDocument, dotted

# Thresholds, documented on the author page; change them there too.
KEY_LONGEST_SHARE = 1 / 3
"""At most this share of a quiz's choice questions may have the right option as the longest."""
LENGTH_RATIO = 2.0
"""An option this many times as long (or as short) as its siblings' mean stands out..."""
LENGTH_MIN_DIFFERENCE = 30
"""...when it also differs from that mean by at least this many characters."""
TRUE_SHARE = (0.35, 0.65)
"""With 4 or more true/false statements in a quiz, the share that is true stays in this range."""
TRUE_FALSE_MIN = 4
SIMILAR_STEMS = 0.5
"""Two prompts whose word pairs overlap this much (Jaccard index) ask the same question."""
MIN_STEM_WORDS = 6

ABSOLUTE_WORDS = ("always", "never", "only", "just", "completely", "entirely", "totally", "absolutely",
                  "no matter what", "at all costs", "every time", "whatever")
_ABSOLUTE = re.compile(r"\b(" + "|".join(re.escape(word) for word in ABSOLUTE_WORDS) + r")\b", re.IGNORECASE)
_ALL_OR_NONE = re.compile(r"\b(all|none|both|neither) of (the above|these|them)\b", re.IGNORECASE)
_NEGATIVE = re.compile(r"\b(not|never|except|least)\b|n't\b", re.IGNORECASE)
_SOURCE_HINT = re.compile(
    r"\b(one|a|another|some|our|the|this) (source|sources|article|articles|author|playbook|guide|blog post)\b"
    r"[^.?!]{0,60}?\b(advises?|says?|recommends?|suggests?|claims?|tells? you|holds?|argues?)\b"
    r"|\baccording to (one|a|our|the) (source|article|author|playbook)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One thing a rule found: where, and what to do."""

    document: YamlDocument
    path: tuple
    message: str
    waivable_at: tuple
    """The path whose `waive:` may excuse it: a question (`("questions", 3)`) or the quiz (`()`)."""


@dataclass(frozen=True)
class Rule:
    """A named item-writing rule."""

    id: str
    scope: str
    """`question` (waived on the question) or `quiz` (waived on the quiz)."""
    summary: str
    find: Callable[[list[tuple[YamlDocument, models.Quiz]]], Iterator[Finding]] = field(repr=False)


def _choices(question: object) -> list[models.Option]:
    return list(getattr(question, "options", []) or [])


def _is_choice(question: object) -> bool:
    """A choice question with a usable key (a broken key has its own problem; clues would be noise)."""
    if isinstance(question, models.SingleChoice):
        return sum(option.correct for option in question.options) == 1
    return isinstance(question, models.MultipleChoice) and any(option.correct for option in question.options)


def _key_is_longest(question: models.SingleChoice | models.MultipleChoice) -> bool:
    lengths = [len(option.text) for option in question.options]
    longest = max(lengths)
    if lengths.count(longest) > 1:
        return False
    return question.options[lengths.index(longest)].correct


def key_longest(quizzes: list[tuple[YamlDocument, models.Quiz]]) -> Iterator[Finding]:
    """Quizzes where the right option is the longest in too many choice questions (any language)."""
    for document, quiz in quizzes:
        choice = [(index, q) for index, q in enumerate(quiz.questions) if _is_choice(q)]
        longest = [q.id for _index, q in choice if _key_is_longest(q)]
        if choice and len(longest) > KEY_LONGEST_SHARE * len(choice):
            allowed = int(KEY_LONGEST_SHARE * len(choice))
            yield Finding(document, ("questions",),
                          f"the right option is the longest in {len(longest)} of {len(choice)} choice questions "
                          f"({', '.join(longest)}), so length gives the answer away; at most {allowed} may be: "
                          f"shorten those keys or write wrong options as full and careful as the key", ())


def option_length(quizzes: list[tuple[YamlDocument, models.Quiz]], *,
                   min_difference: int = LENGTH_MIN_DIFFERENCE) -> Iterator[Finding]:
    """Options far longer or shorter than their siblings; `min_difference` in characters of the quiz's script."""
    for document, quiz in quizzes:
        for q_index, question in enumerate(quiz.questions):
            options = _choices(question)
            if len(options) < 2:
                continue
            found: list[tuple[int, int, float]] = []
            for o_index, option in enumerate(options):
                others = statistics.fmean(len(o.text) for i, o in enumerate(options) if i != o_index)
                length = len(option.text)
                if abs(length - others) >= min_difference and (
                        length >= LENGTH_RATIO * others or length * LENGTH_RATIO <= others):
                    found.append((o_index, length, others))
            # A long option makes its siblings look short: name the long one, and a short one only alone.
            longer = [item for item in found if item[1] > item[2]]
            for o_index, length, others in longer or found:
                how = "longer" if length > others else "shorter"
                yield Finding(document, ("questions", q_index, "options", o_index, "text"),
                              f"this option has {length} characters and the others {others:.0f} on average; an "
                              f"option much {how} than its siblings stands out, so bring it close to theirs",
                              ("questions", q_index))


def _absolute_words(quizzes: list[tuple[YamlDocument, models.Quiz]]) -> Iterator[Finding]:
    for document, quiz in quizzes:
        for q_index, question in enumerate(quiz.questions):
            if isinstance(question, models.TrueFalse):
                match = _ABSOLUTE.search(question.prompt)
                if not question.answer and match:
                    yield Finding(document, ("questions", q_index, "prompt"),
                                  f"a false statement with '{match.group(0)}' in it is easy to reject without "
                                  f"knowing why; state the mistake people really make, without the absolute",
                                  ("questions", q_index))
                continue
            options = _choices(question)
            if any(_ABSOLUTE.search(o.text) for o in options if o.correct):
                continue
            for o_index, option in enumerate(options):
                match = _ABSOLUTE.search(option.text)
                if not option.correct and match:
                    yield Finding(document, ("questions", q_index, "options", o_index, "text"),
                                  f"'{match.group(0)}' appears only in wrong options, which marks them as wrong; "
                                  f"reword this option without it", ("questions", q_index))


def _all_or_none(quizzes: list[tuple[YamlDocument, models.Quiz]]) -> Iterator[Finding]:
    for document, quiz in quizzes:
        for q_index, question in enumerate(quiz.questions):
            for o_index, option in enumerate(_choices(question)):
                match = _ALL_OR_NONE.search(option.text)
                if match:
                    yield Finding(document, ("questions", q_index, "options", o_index, "text"),
                                  f"'{match.group(0)}' can be answered by spotting two right (or wrong) options; "
                                  f"make it a `type: multiple` question or write a real option",
                                  ("questions", q_index))


def _question_sentence(prompt: str) -> str:
    """The last sentence of a prompt: the question itself, after any scenario."""
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", prompt.strip()) if s]
    return sentences[-1] if sentences else prompt


def _negative_stem(quizzes: list[tuple[YamlDocument, models.Quiz]]) -> Iterator[Finding]:
    for document, quiz in quizzes:
        for q_index, question in enumerate(quiz.questions):
            if isinstance(question, models.TrueFalse):
                continue  # a statement, not a question: "not" is part of what is claimed
            sentence = _question_sentence(question.prompt)
            for match in _NEGATIVE.finditer(sentence):
                word = match.group(0)
                emphasised = word.isupper() or re.search(rf"(\*\*|\*|_){re.escape(word)}\1", sentence)
                if not emphasised:
                    yield Finding(document, ("questions", q_index, "prompt"),
                                  f"the question asks in the negative ('{word}') without marking it, so a quick "
                                  f"reader answers the opposite; ask it positively, or write the word in capitals "
                                  f"or **bold**", ("questions", q_index))
                    break


def _source_hint(quizzes: list[tuple[YamlDocument, models.Quiz]]) -> Iterator[Finding]:
    for document, quiz in quizzes:
        for q_index, question in enumerate(quiz.questions):
            texts = [("prompt", question.prompt)]
            texts += [(("options", i, "text"), o.text) for i, o in enumerate(_choices(question))]
            for where, text in texts:
                match = _SOURCE_HINT.search(text)
                if match:
                    path = ("questions", q_index, *((where,) if isinstance(where, str) else where))
                    yield Finding(document, path,
                                  f"'{match.group(0)}' points at the advice the playbook takes a view on, so the "
                                  f"reader can answer by recall instead of judgment; describe the situation instead",
                                  ("questions", q_index))


def _true_false_balance(quizzes: list[tuple[YamlDocument, models.Quiz]]) -> Iterator[Finding]:
    low, high = TRUE_SHARE
    for document, quiz in quizzes:
        answers = [q.answer for q in quiz.questions if isinstance(q, models.TrueFalse)]
        if len(answers) < TRUE_FALSE_MIN:
            continue
        share = sum(answers) / len(answers)
        if not low <= share <= high:
            yield Finding(document, ("questions",),
                          f"{sum(answers)} of {len(answers)} true/false statements are true ({share:.0%}); keep "
                          f"between {low:.0%} and {high:.0%} true, so that always answering "
                          f"'{'false' if share < low else 'true'}' does not pay", ())


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def _duplicate_stem(quizzes: list[tuple[YamlDocument, models.Quiz]]) -> Iterator[Finding]:
    # Word pairs, indexed: each prompt is compared only with prompts it shares a pair with, so the
    # check stays fast for hundreds of quizzes.
    seen: list[tuple[YamlDocument, models.Quiz, int, frozenset]] = []
    index: dict[tuple[str, str], list[int]] = {}
    for document, quiz in quizzes:
        for q_index, question in enumerate(quiz.questions):
            if "duplicate-stem" in question.waive:
                continue  # an author's reason covers it (item_problems does not ask for its use)
            words = _words(question.prompt)
            if len(words) < MIN_STEM_WORDS:
                continue
            pairs = frozenset(zip(words, words[1:], strict=False))
            shared: dict[int, int] = {}
            for pair in pairs:
                for other in index.get(pair, ()):
                    shared[other] = shared.get(other, 0) + 1
            # Jaccard index of the two prompts' word pairs; the earliest of equally similar prompts wins.
            similarity = {other: count / (len(pairs) + len(seen[other][3]) - count) for other, count in shared.items()}
            closest = max(similarity, key=lambda other: (similarity[other], -other), default=None)
            if closest is not None and similarity[closest] >= SIMILAR_STEMS:
                other_document, other_quiz, other_index, _pairs = seen[closest]
                where = "" if other_document is document else f" of {other_document.path}"
                yield Finding(document, ("questions", q_index, "prompt"),
                              f"this question is {similarity[closest]:.0%} the same as "
                              f"'{other_quiz.questions[other_index].id}'{where}; a reader who took one has "
                              f"seen the other, so write a new scenario", ("questions", q_index))
                continue
            for pair in pairs:
                index.setdefault(pair, []).append(len(seen))
            seen.append((document, quiz, q_index, pairs))


RULES: tuple[Rule, ...] = (
    Rule("key-longest", "quiz", "The right option is the longest in more than a third of a quiz's choice questions.",
         key_longest),
    Rule("option-length", "question", "An option is far longer or shorter than its siblings.", option_length),
    Rule("absolute-words", "question", "Absolute words (always, never, only, just…) appear only in wrong options, "
         "or in a false statement.", _absolute_words),
    Rule("all-none-of-the-above", "question", "An option reads 'all of the above' or 'none of the above'.",
         _all_or_none),
    Rule("negative-stem", "question", "The question asks in the negative (not, except, least) without marking it.",
         _negative_stem),
    Rule("source-hint", "question", "The prompt or an option names a source's advice ('one source advises…').",
         _source_hint),
    Rule("true-false-balance", "quiz", "Fewer than 35 % or more than 65 % of a quiz's true/false statements "
         "are true (with 4 or more).", _true_false_balance),
    Rule("duplicate-stem", "question", "Two questions, in one quiz or two, ask nearly the same thing.",
         _duplicate_stem),
)
RULE_IDS = tuple(rule.id for rule in RULES)
# The models declare which ids `waive:` takes; the two lists are one list.
assert set(RULE_IDS) == set(typing.get_args(models.ItemRuleId)), "models.ItemRuleId and RULES differ"


def waivers_of(quiz: models.Quiz, at: tuple) -> dict[str, str]:
    """The waivers of the quiz (`at` is `()`) or of the question at `("questions", n)`."""
    return quiz.waive if not at else quiz.questions[at[1]].waive


def item_problems(loaded: Loaded) -> Iterator[Problem]:
    """Every item-writing finding not waived, and every waiver no finding needs or that sits at the wrong level."""
    quizzes = [(document, quiz) for document, quiz in loaded.of_kind("quiz") if isinstance(quiz, models.Quiz)]
    quiz_at = {document.path: quiz for document, quiz in quizzes}
    used: set[tuple[str, tuple, str]] = set()
    for rule in RULES:
        for finding in rule.find(quizzes):
            if rule.id in waivers_of(quiz_at[finding.document.path], finding.waivable_at):
                used.add((finding.document.path, finding.waivable_at, rule.id))
                continue
            yield _problem(finding.document, finding.path, rule.id, finding.message)
    scope = {rule.id: rule.scope for rule in RULES}
    for document, quiz in quizzes:
        places = [((), quiz.waive)] + [(("questions", i), q.waive) for i, q in enumerate(quiz.questions)]
        for at, waivers in places:
            for rule_id in waivers:
                path = (*at, "waive", rule_id)
                wanted = "quiz" if not at else "question"
                if scope[rule_id] != wanted:
                    where = "the quiz's own `waive:` (beside `pass_mark`)" if scope[rule_id] == "quiz" else \
                        "the `waive:` of the question it concerns"
                    yield _problem(document, path, rule_id, f"this rule is judged per {scope[rule_id]}, so waive "
                                                            f"it in {where}")
                elif rule_id == "duplicate-stem" and at:
                    continue  # waived stems are left out of the comparison, so there is nothing to count
                elif (document.path, at, rule_id) not in used:
                    yield _problem(document, path, rule_id, "the rule finds nothing to waive here; remove the "
                                                            "waiver so it cannot hide a later mistake")


def _problem(document: YamlDocument, path: tuple, rule_id: str, message: str) -> Problem:
    line, column = document.position(path)
    return Problem(document.path, line, column, dotted(path), f"[{rule_id}] {message}")
