"""QTI 2.1 content packages: one assessmentItem per question, a test, and imsmanifest.xml.

We write the subset learning platforms import: choiceInteraction (single, multiple,
true/false) and orderInteraction, a correctResponse for every item, a SCORE outcome and
modalFeedback. Response processing spells out the rules of the standard templates
(match_correct, map_response) instead of naming them, for two reasons: a template only
sets SCORE, so feedback would never show, and the rules can then score in the item's
points exactly as our own scorer does (points × share, multiplied before dividing).

The zip is byte-reproducible (lms/package.py).
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from .. import catalog, models
from . import Export, Skipped
from .package import XSI, element, reproducible_zip, xml_document

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ITEM_TYPE = "imsqti_item_xmlv2p1"
TEST_TYPE = "imsqti_test_xmlv2p1"
EXPLANATION = "EXPLANATION"  # the FEEDBACK value that shows the general explanation


_el = functools.partial(element, ns=QTI)


def _number(value: float) -> str:
    """A number as XML text: `2`, not `2.0`; fractions in full precision."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def item_identifier(question_id: str) -> str:
    """The QTI identifier of a question (identifiers may not start with a digit, our ids may)."""
    return f"q-{question_id}"


def choice_identifier(choice_id: str, kind: str = "o") -> str:
    """The QTI identifier of an option (`o-…`) or a step (`s-…`)."""
    return f"{kind}-{choice_id}"


def item_path(question_id: str) -> str:
    """Where the item of a question sits in the package."""
    return f"items/{question_id}.xml"


def _paragraphs(parent: ET.Element, text: str) -> None:
    for block in [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]:
        _el(parent, "p", text=block)


def _set(parent: ET.Element, identifier: str, expression: ET.Element) -> None:
    rule = _el(parent, "setOutcomeValue", {"identifier": identifier})
    rule.append(expression)


def _base(value: str | float, base_type: str = "float") -> ET.Element:
    return _el(None, "baseValue", {"baseType": base_type}, value if isinstance(value, str) else _number(value))


def _variable(identifier: str) -> ET.Element:
    return _el(None, "variable", {"identifier": identifier})


def _op(tag: str, *children: ET.Element, **attrib: str) -> ET.Element:
    made = _el(None, tag, attrib)
    made.extend(children)
    return made


def _match_correct(processing: ET.Element, points: int) -> None:
    """The match_correct template, scoring the item's points instead of 1."""
    condition = _el(processing, "responseCondition")
    branch = _el(condition, "responseIf")
    branch.append(_op("match", _variable("RESPONSE"), _op("correct", identifier="RESPONSE")))
    _set(branch, "SCORE", _base(points))
    _set(_el(condition, "responseElse"), "SCORE", _base(0))


def _unanswered_else(processing: ET.Element, score: ET.Element) -> None:
    """The map_response template's shape: no answer scores 0, otherwise `score`."""
    condition = _el(processing, "responseCondition")
    branch = _el(condition, "responseIf")
    branch.append(_op("isNull", _variable("RESPONSE")))
    _set(branch, "SCORE", _base(0))
    _set(_el(condition, "responseElse"), "SCORE", score)


def _declarations(item: ET.Element, cardinality: str, correct: Iterable[str]) -> ET.Element:
    response = _el(item, "responseDeclaration", {"identifier": "RESPONSE", "cardinality": cardinality,
                                                 "baseType": "identifier"})
    values = _el(response, "correctResponse")
    for value in correct:
        _el(values, "value", text=value)
    return response


def _outcomes(item: ET.Element, points: int) -> None:
    score = _el(item, "outcomeDeclaration", {"identifier": "SCORE", "cardinality": "single", "baseType": "float",
                                             "normalMaximum": _number(points), "normalMinimum": "0"})
    _el(_el(score, "defaultValue"), "value", text="0")
    maximum = _el(item, "outcomeDeclaration", {"identifier": "MAXSCORE", "cardinality": "single",
                                               "baseType": "float"})
    _el(_el(maximum, "defaultValue"), "value", text=_number(points))
    _el(item, "outcomeDeclaration", {"identifier": "FEEDBACK", "cardinality": "multiple", "baseType": "identifier"})


def _feedback(item: ET.Element, identifier: str, text: str | None) -> None:
    if text:
        feedback = _el(item, "modalFeedback", {"outcomeIdentifier": "FEEDBACK", "identifier": identifier,
                                               "showHide": "show"})
        _paragraphs(feedback, text)


def assessment_item(question: models.SingleChoice | models.MultipleChoice | models.TrueFalse | models.Ordering,
                    *, shuffle: bool = False) -> ET.Element:
    """One question as a QTI 2.1 assessmentItem element."""
    item = _el(None, "assessmentItem", {
        f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
        "identifier": item_identifier(question.id),
        "title": question.id,
        "adaptive": "false",
        "timeDependent": "false",
        XML_LANG: "en",
    })
    points = question.points
    feedbacks: list[tuple[str, str | None]] = []
    if isinstance(question, models.Ordering):
        steps = question.right_order
        response = _declarations(item, "ordered", [choice_identifier(s.id, "s") for s in steps])
    elif isinstance(question, models.TrueFalse):
        response = _declarations(item, "single", ["true" if question.answer else "false"])
        choices = [("true", catalog.t("quiz.true")), ("false", catalog.t("quiz.false"))]
        feedbacks = [("true", question.true_feedback), ("false", question.false_feedback)]
    else:
        cardinality = "multiple" if isinstance(question, models.MultipleChoice) else "single"
        response = _declarations(item, cardinality, [choice_identifier(o.id) for o in question.options if o.correct])
        choices = [(choice_identifier(o.id), o.text) for o in question.options]
        feedbacks = [(choice_identifier(o.id), o.feedback) for o in question.options]
    partial_multiple = isinstance(question, models.MultipleChoice) and question.scoring == "partial"
    if partial_multiple:
        # map_response: +1 per right pick, −1 per wrong one, floored at 0; the rule below turns
        # that count into points exactly as our scorer does.
        right = sum(o.correct for o in question.options)
        mapping = _el(response, "mapping", {"lowerBound": "0", "upperBound": _number(right), "defaultValue": "0"})
        for option in question.options:
            _el(mapping, "mapEntry", {"mapKey": choice_identifier(option.id),
                                      "mappedValue": "1" if option.correct else "-1"})
    _outcomes(item, points)
    partial_order = isinstance(question, models.Ordering) and question.scoring == "partial"
    if partial_order:
        placed = _el(item, "outcomeDeclaration", {"identifier": "PLACED", "cardinality": "single",
                                                  "baseType": "integer"})
        _el(_el(placed, "defaultValue"), "value", text="0")

    body = _el(item, "itemBody")
    if isinstance(question, models.Ordering):
        interaction = _el(body, "orderInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "true"})
        _el(interaction, "prompt", text=question.prompt)
        # Listed by id, not in the answer's order, for platforms that do not shuffle.
        for step in sorted(question.steps, key=lambda s: s.id):
            _el(interaction, "simpleChoice", {"identifier": choice_identifier(step.id, "s")}, step.text)
    else:
        interaction = _el(body, "choiceInteraction", {
            "responseIdentifier": "RESPONSE",
            "shuffle": "true" if shuffle and not isinstance(question, models.TrueFalse) else "false",
            "maxChoices": "0" if isinstance(question, models.MultipleChoice) else "1",
        })
        _el(interaction, "prompt", text=question.prompt)
        for identifier, text in choices:
            _el(interaction, "simpleChoice", {"identifier": identifier}, text)

    processing = _el(item, "responseProcessing")
    if partial_multiple:
        count = sum(o.correct for o in question.options)
        _unanswered_else(processing, _op("divide", _op("product", _base(points), _op("mapResponse",
                                                                                    identifier="RESPONSE")),
                                         _base(count)))
    elif partial_order:
        steps = question.right_order
        for position, step in enumerate(steps, 1):
            condition = _el(processing, "responseCondition")
            branch = _el(condition, "responseIf")
            branch.append(_op("match", _op("index", _variable("RESPONSE"), n=str(position)),
                              _base(choice_identifier(step.id, "s"), "identifier")))
            _set(branch, "PLACED", _op("sum", _variable("PLACED"), _base("1", "integer")))
        _unanswered_else(processing, _op("divide", _op("product", _base(points), _variable("PLACED")),
                                         _base(len(steps))))
    else:
        _match_correct(processing, points)
    # FEEDBACK names what to show: the picked options' feedback and the explanation.
    shown = [_base(EXPLANATION, "identifier")]
    if not isinstance(question, models.Ordering):
        shown.insert(0, _variable("RESPONSE"))
    _set(processing, "FEEDBACK", _op("multiple", *shown))

    for identifier, text in feedbacks:
        _feedback(item, identifier, text)
    _feedback(item, EXPLANATION, question.explanation)
    return item


def assessment_test(quiz: models.Quiz) -> ET.Element:
    """The quiz as an assessmentTest: its title, question order, total SCORE and PASS."""
    test = _el(None, "assessmentTest", {
        f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
        "identifier": f"test-{quiz.id}",
        "title": quiz.title,
    })
    total = sum(q.points for q in quiz.questions)
    score = _el(test, "outcomeDeclaration", {"identifier": "SCORE", "cardinality": "single", "baseType": "float",
                                             "normalMaximum": _number(total), "normalMinimum": "0"})
    _el(_el(score, "defaultValue"), "value", text="0")
    _el(test, "outcomeDeclaration", {"identifier": "PASS", "cardinality": "single", "baseType": "boolean"})
    linear = quiz.mode == "per_question"
    part = _el(test, "testPart", {"identifier": "part-1", "navigationMode": "linear" if linear else "nonlinear",
                                  "submissionMode": "individual" if linear else "simultaneous"})
    section = _el(part, "assessmentSection", {"identifier": "section-1", "title": quiz.title, "visible": "true"})
    for question in quiz.questions:
        _el(section, "assessmentItemRef", {"identifier": item_identifier(question.id),
                                           "href": item_path(question.id)})
    processing = _el(test, "outcomeProcessing")
    _set(processing, "SCORE", _op("sum", _op("testVariables", variableIdentifier="SCORE")))
    # Passed when score × 100 ≥ pass mark × maximum: our rule, free of rounding.
    _set(processing, "PASS", _op("gte", _op("product", _variable("SCORE"), _base(100)),
                                 _base(quiz.pass_mark * total)))
    return test


def manifest(quiz: models.Quiz, test_href: str) -> ET.Element:
    """imsmanifest.xml: the test and every item as resources of a QTI 2.1 package."""
    root = _el(None, "manifest", {f"{{{XSI}}}schemaLocation": f"{CP} {CP_XSD}",
                                  "identifier": f"manifest-{quiz.id}"}, ns=CP)
    metadata = _el(root, "metadata", ns=CP)
    _el(metadata, "schema", text="QTIv2.1 Package", ns=CP)
    _el(metadata, "schemaversion", text="1.0.0", ns=CP)
    _el(root, "organizations", ns=CP)
    resources = _el(root, "resources", ns=CP)
    test = _el(resources, "resource", {"identifier": f"test-{quiz.id}", "type": TEST_TYPE, "href": test_href}, ns=CP)
    _el(test, "file", {"href": test_href}, ns=CP)
    for question in quiz.questions:
        _el(test, "dependency", {"identifierref": f"resource-{question.id}"}, ns=CP)
    for question in quiz.questions:
        href = item_path(question.id)
        resource = _el(resources, "resource", {"identifier": f"resource-{question.id}", "type": ITEM_TYPE,
                                               "href": href}, ns=CP)
        _el(resource, "file", {"href": href}, ns=CP)
    return root


def package_files(quiz: models.Quiz) -> dict[str, bytes]:
    """Every file of the quiz's package, by path inside the zip."""
    test_href = f"{quiz.id}.xml"
    files = {"imsmanifest.xml": xml_document(manifest(quiz, test_href), CP),
             test_href: xml_document(assessment_test(quiz), QTI)}
    for question in quiz.questions:
        files[item_path(question.id)] = xml_document(assessment_item(question, shuffle=quiz.shuffle), QTI)
    return files


def export_quiz(quiz: models.Quiz | models.Assessment) -> Export:
    """The quiz as a QTI 2.1 content package (zip); a self-assessment is skipped with a reason."""
    filename = f"{quiz.id}-qti21.zip"
    if not isinstance(quiz, models.Quiz):
        reason = "QTI export covers knowledge quizzes; a self-assessment has no right answers to score"
        return Export(filename, b"", 0, (Skipped(quiz.id, None, "self-assessment", reason),))
    return Export(filename, reproducible_zip(package_files(quiz)), len(quiz.questions), ())
