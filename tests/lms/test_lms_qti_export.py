"""QTI 2.1 packages, checked by parsing: the package, each item's structure, and its scoring.

The scoring check runs each item's responseProcessing with a small interpreter of the QTI
expressions we use and compares the SCORE with our reference scorer, for every possible
answer (every subset of options, every order of up to six steps).
"""

from __future__ import annotations

import io
import itertools
import random
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from support import ROOT

from build_tools import models
from build_tools.__main__ import main
from build_tools.lms import export
from build_tools.lms.qti import export_quiz
from build_tools.scoring import score, scoring_data
from build_tools.scoring.spec import apply

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"


def package(quiz: models.Quiz) -> dict[str, bytes]:
    content = export_quiz(quiz).content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        return {info.filename: archive.read(info) for info in archive.infolist()}


def parse(data: bytes) -> ET.Element:
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(data)  # raises on XML that is not well-formed


# --- A small interpreter of QTI response processing ---------------------------------------

Value = Any  # None (NULL), a number, a string, or ("multiple"|"ordered", [values])


class Item:
    """Runs an assessmentItem's responseProcessing for one response."""

    def __init__(self, element: ET.Element):
        self.element = element
        declaration = element.find(f"{QTI}responseDeclaration")
        self.cardinality = declaration.get("cardinality")
        correct = [v.text for v in declaration.findall(f"{QTI}correctResponse/{QTI}value")]
        self.correct = correct[0] if self.cardinality == "single" else (self.cardinality, correct)
        self.mapping = declaration.find(f"{QTI}mapping")
        self.defaults = {}
        for outcome in element.findall(f"{QTI}outcomeDeclaration"):
            default = outcome.find(f"{QTI}defaultValue/{QTI}value")
            self.defaults[outcome.get("identifier")] = None if default is None else float(default.text)

    def run(self, response: Value) -> dict[str, Value]:
        self.env = {"RESPONSE": response, **self.defaults}
        for rule in self.element.find(f"{QTI}responseProcessing"):
            self.rule(rule)
        return self.env

    def rule(self, rule: ET.Element) -> None:
        tag = rule.tag.removeprefix(QTI)
        if tag == "setOutcomeValue":
            self.env[rule.get("identifier")] = self.expr(rule[0])
        elif tag == "responseCondition":
            for branch in rule:
                kind = branch.tag.removeprefix(QTI)
                if kind == "responseElse" or self.expr(branch[0]) is True:
                    for inner in (branch if kind == "responseElse" else branch[1:]):
                        self.rule(inner)
                    return
        else:
            raise AssertionError(f"unexpected rule {tag}")

    def expr(self, node: ET.Element) -> Value:
        tag = node.tag.removeprefix(QTI)
        args = [self.expr(child) for child in node] if tag not in ("variable", "correct", "baseValue") else []
        if tag == "variable":
            return self.env[node.get("identifier")]
        if tag == "correct":
            return self.correct
        if tag == "baseValue":
            kind = node.get("baseType")
            return node.text if kind == "identifier" else (int(node.text) if kind == "integer" else float(node.text))
        if tag == "isNull":
            value = args[0]
            return value is None or (isinstance(value, tuple) and not value[1])
        if tag == "match":
            left, right = args
            if left is None or right is None:
                return None
            if isinstance(left, tuple):
                if left[0] == "multiple":
                    return Counter(left[1]) == Counter(right[1])
                return left[1] == right[1]
            return left == right
        if tag == "mapResponse":
            response = self.env["RESPONSE"]
            if response is None:
                return 0.0
            values = set(response[1]) if isinstance(response, tuple) else {response}
            table = {e.get("mapKey"): float(e.get("mappedValue")) for e in self.mapping}
            total = sum(table.get(v, float(self.mapping.get("defaultValue"))) for v in values)
            lower, upper = self.mapping.get("lowerBound"), self.mapping.get("upperBound")
            total = max(float(lower), total) if lower is not None else total
            return min(float(upper), total) if upper is not None else total
        if tag == "index":
            container = args[0]
            n = int(node.get("n"))
            return None if container is None or n > len(container[1]) else container[1][n - 1]
        if tag in ("sum", "product"):
            if any(a is None for a in args):
                return None
            result = args[0]
            for value in args[1:]:
                result = result + value if tag == "sum" else result * value
            return result
        if tag == "divide":
            return None if None in args or args[1] == 0 else args[0] / args[1]
        if tag == "multiple":
            values: list[str] = []
            for value in args:
                if isinstance(value, tuple):
                    values += value[1]
                elif value is not None:
                    values.append(value)
            return ("multiple", values)
        raise AssertionError(f"unexpected expression {tag}")


def responses(question: models.SingleChoice | models.MultipleChoice | models.TrueFalse | models.Ordering):
    """Every answer (or a fair sample): pairs of (QTI response, answer as our scorer takes it)."""
    yield None, None
    if isinstance(question, models.TrueFalse):
        for value in ("true", "false"):
            yield value, value
    elif isinstance(question, models.SingleChoice):
        for option in question.options:
            yield f"o-{option.id}", option.id
    elif isinstance(question, models.MultipleChoice):
        ids = [o.id for o in question.options]
        for size in range(1, len(ids) + 1):
            for picked in itertools.combinations(ids, size):
                yield ("multiple", [f"o-{i}" for i in picked]), list(picked)
    else:
        ids = [s.id for s in question.right_order]
        orders = list(itertools.permutations(ids)) if len(ids) <= 6 else \
            [tuple(ids), tuple(reversed(ids))] + [tuple(random.Random(n).sample(ids, len(ids))) for n in range(200)]
        for order in orders:
            yield ("ordered", [f"s-{i}" for i in order]), list(order)


def test_every_item_scores_every_answer_as_our_scorer_does(knowledge_quizzes: list[models.Quiz]) -> None:
    checked = 0
    for quiz in knowledge_quizzes:
        files = package(quiz)
        key = scoring_data(quiz, {})
        for question in quiz.questions:
            item = Item(parse(files[f"items/{question.id}.xml"]))
            for response, answer in responses(question):
                outcome = item.run(response)
                expected = score(key, {} if answer is None else {question.id: answer})["questions"][question.id]
                assert apply("round2", outcome["SCORE"]) == expected["score"], (quiz.id, question.id, answer)
                assert (outcome["SCORE"] == question.points) is expected["correct"], (quiz.id, question.id, answer)
                checked += 1
    assert checked > 1000


# --- Structure ----------------------------------------------------------------------------


def test_packages_have_a_manifest_a_test_and_one_item_per_question(knowledge_quizzes: list[models.Quiz]) -> None:
    for quiz in knowledge_quizzes:
        files = package(quiz)
        manifest = parse(files["imsmanifest.xml"])
        assert manifest.tag == f"{CP}manifest"
        assert manifest.findtext(f"{CP}metadata/{CP}schema") == "QTIv2.1 Package"
        assert manifest.findtext(f"{CP}metadata/{CP}schemaversion") == "1.0.0"
        assert "imscp_v1p1" in manifest.get(f"{XSI}schemaLocation")
        resources = manifest.findall(f"{CP}resources/{CP}resource")
        tests = [r for r in resources if r.get("type") == "imsqti_test_xmlv2p1"]
        items = [r for r in resources if r.get("type") == "imsqti_item_xmlv2p1"]
        assert len(tests) == 1 and len(items) == len(quiz.questions) == len(resources) - 1
        assert [r.get("href") for r in items] == [f"items/{q.id}.xml" for q in quiz.questions]
        referenced = {f.get("href") for r in resources for f in r.findall(f"{CP}file")}
        assert referenced == set(files) - {"imsmanifest.xml"}, "every file is listed and every listed file exists"
        item_ids = {r.get("identifier") for r in items}
        assert {d.get("identifierref") for d in tests[0].findall(f"{CP}dependency")} == item_ids
        test = parse(files[tests[0].get("href")])
        assert test.tag == f"{QTI}assessmentTest" and test.get("title") == quiz.title
        refs = test.findall(f"{QTI}testPart/{QTI}assessmentSection/{QTI}assessmentItemRef")
        assert [r.get("href") for r in refs] == [f"items/{q.id}.xml" for q in quiz.questions]
        assert test.find(f"{QTI}outcomeProcessing/{QTI}setOutcomeValue[@identifier='PASS']") is not None
        assert float(test.find(f"{QTI}outcomeDeclaration[@identifier='SCORE']").get("normalMaximum")) == sum(
            q.points for q in quiz.questions)


def test_each_item_has_the_structure_platforms_import(knowledge_quizzes: list[models.Quiz]) -> None:
    for quiz in knowledge_quizzes:
        files = package(quiz)
        for question in quiz.questions:
            where = f"{quiz.id}/{question.id}"
            item = parse(files[f"items/{question.id}.xml"])
            assert item.tag == f"{QTI}assessmentItem", where
            assert item.get("identifier") == f"q-{question.id}" and item.get("adaptive") == "false", where
            assert "imsqti_v2p1" in item.get(f"{XSI}schemaLocation"), where
            # The order the QTI schema requires.
            order = [child.tag.removeprefix(QTI) for child in item]
            assert order == sorted(order, key=["responseDeclaration", "outcomeDeclaration", "itemBody",
                                               "responseProcessing", "modalFeedback"].index), where
            response = item.find(f"{QTI}responseDeclaration[@identifier='RESPONSE']")
            correct = [v.text for v in response.findall(f"{QTI}correctResponse/{QTI}value")]
            score = item.find(f"{QTI}outcomeDeclaration[@identifier='SCORE']")
            assert score.get("baseType") == "float" and score.get("cardinality") == "single", where
            assert float(score.get("normalMaximum")) == question.points, where
            assert item.find(f"{QTI}outcomeDeclaration[@identifier='FEEDBACK']") is not None, where
            assert item.find(f"{QTI}responseProcessing") is not None, where
            body = item.find(f"{QTI}itemBody")
            if isinstance(question, models.Ordering):
                interaction = body.find(f"{QTI}orderInteraction")
                assert response.get("cardinality") == "ordered", where
                assert correct == [f"s-{s.id}" for s in question.right_order], where
                choices = {c.get("identifier"): c.text for c in interaction.findall(f"{QTI}simpleChoice")}
                assert choices == {f"s-{s.id}": s.text for s in question.steps}, where
                expected_feedback = {}
            else:
                interaction = body.find(f"{QTI}choiceInteraction")
                multiple = isinstance(question, models.MultipleChoice)
                assert interaction.get("maxChoices") == ("0" if multiple else "1"), where
                assert response.get("cardinality") == ("multiple" if multiple else "single"), where
                choices = {c.get("identifier"): c.text for c in interaction.findall(f"{QTI}simpleChoice")}
                if isinstance(question, models.TrueFalse):
                    assert choices == {"true": "True", "false": "False"}, where
                    assert correct == ["true" if question.answer else "false"], where
                    expected_feedback = {"true": question.true_feedback, "false": question.false_feedback}
                else:
                    assert choices == {f"o-{o.id}": o.text for o in question.options}, where
                    assert correct == [f"o-{o.id}" for o in question.options if o.correct], where
                    expected_feedback = {f"o-{o.id}": o.feedback for o in question.options}
            assert interaction.get("responseIdentifier") == "RESPONSE", where
            assert interaction.findtext(f"{QTI}prompt") == question.prompt, where
            mapping = response.find(f"{QTI}mapping")
            partial_multiple = isinstance(question, models.MultipleChoice) and question.scoring == "partial"
            assert (mapping is not None) is partial_multiple, where
            feedback = {f.get("identifier"): " ".join(p.text for p in f.findall(f"{QTI}p"))
                        for f in item.findall(f"{QTI}modalFeedback")}
            assert all(f.get("outcomeIdentifier") == "FEEDBACK" for f in item.findall(f"{QTI}modalFeedback"))
            expected = {k: " ".join(v.split("\n\n")) for k, v in expected_feedback.items() if v}
            expected["EXPLANATION"] = question.explanation
            assert feedback == expected, where


def test_feedback_shown_is_the_picked_options_and_the_explanation(knowledge_quizzes: list[models.Quiz]) -> None:
    quiz = knowledge_quizzes[0]
    question = next(q for q in quiz.questions if isinstance(q, models.MultipleChoice))
    item = Item(parse(package(quiz)[f"items/{question.id}.xml"]))
    picked = [f"o-{o.id}" for o in question.options[:2]]
    assert item.run(("multiple", picked))["FEEDBACK"] == ("multiple", [*picked, "EXPLANATION"])


def test_explicit_positions_decide_the_right_order(quiz_from) -> None:
    quiz = quiz_from([{"id": "by-position", "type": "ordering", "scoring": "partial", "prompt": "Order.",
                       "steps": [{"id": "c", "text": "Third", "position": 3}, {"id": "a", "text": "First",
                                                                               "position": 1},
                                 {"id": "b", "text": "Second", "position": 2}]}])
    item = parse(package(quiz)["items/by-position.xml"])
    assert [v.text for v in item.findall(f"{QTI}responseDeclaration/{QTI}correctResponse/{QTI}value")] == [
        "s-a", "s-b", "s-c"]
    assert Item(item).run(("ordered", ["s-a", "s-b", "s-c"]))["SCORE"] == 1
    assert Item(item).run(("ordered", ["s-c", "s-b", "s-a"]))["SCORE"] == pytest.approx(1 / 3)


def test_xml_special_characters_stay_text(quiz_from) -> None:
    text = 'Tags <b>stay</b> & "quotes" \'too\'\nand a second line'
    quiz = quiz_from([{"id": "xml", "type": "single", "prompt": text, "explanation": "A\n\nB <i>",
                       "options": [{"id": "a", "text": text, "correct": True, "feedback": "&amp;"},
                                   {"id": "b", "text": "Other"}]}], title='A <title> & "more"')
    files = package(quiz)
    item = parse(files["items/xml.xml"])
    assert item.findtext(f"{QTI}itemBody/{QTI}choiceInteraction/{QTI}prompt") == text
    assert item.find(f"{QTI}itemBody//{QTI}b") is None
    explanation = item.find(f"{QTI}modalFeedback[@identifier='EXPLANATION']")
    assert [p.text for p in explanation] == ["A", "B <i>"]
    assert parse(files["sample.xml"]).get("title") == 'A <title> & "more"'


def test_zip_is_byte_reproducible_with_sorted_entries_and_fixed_times(knowledge_quizzes: list[models.Quiz]) -> None:
    quiz = knowledge_quizzes[0]
    first, second = export_quiz(quiz).content, export_quiz(quiz).content
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert {info.external_attr >> 16 for info in archive.infolist()} == {0o100644}


def test_assessments_are_skipped_with_a_reason(project) -> None:
    for quiz in project.quizzes.values():
        if isinstance(quiz, models.Assessment):
            result = export(quiz, "qti21")
            assert result.questions == 0 and result.content == b""
            assert result.skipped[0].kind == "self-assessment" and result.skipped[0].quiz_id == quiz.id


def test_cli_exports_every_quiz_and_names_what_it_skips(tmp_path: Path, project, capsys) -> None:
    root = ["--root", str(ROOT)]
    assert main(["export", "--format", "qti21", "-o", str(tmp_path), *root]) == 0
    out = capsys.readouterr()
    knowledge = [q for q in project.quizzes.values() if isinstance(q, models.Quiz)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{q.id}-qti21.zip" for q in knowledge)
    for quiz in project.quizzes.values():
        if isinstance(quiz, models.Assessment):
            assert f"warning: {quiz.id}: skipped self-assessment '{quiz.id}'" in out.err
    assert main(["export", "--format", "gift", "no-such-quiz", "-o", str(tmp_path), *root]) == 2
    assert "unknown quiz id: no-such-quiz" in capsys.readouterr().err
    assessment = next(q for q in project.quizzes.values() if isinstance(q, models.Assessment))
    assert main(["export", "--format", "gift", assessment.id, "-o", str(tmp_path / "none"), *root]) == 1
    assert not (tmp_path / "none").exists()
