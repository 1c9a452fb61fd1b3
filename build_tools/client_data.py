"""The JSON each quiz page carries for its script: the scoring key, the texts and the links.

Scripts never parse the page's HTML for content: everything they show comes from here and is
set as text, so no content string is ever interpreted as markup in the browser.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from . import catalog, models, urls
from .markup import plain_text
from .project import Project
from .scoring import scoring_data


def content_hash(data: object) -> str:
    """A short, stable fingerprint of JSON-ready data (saved progress is keyed by it)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _plain(text: str | None) -> str:
    return plain_text(text or "")


def quiz_client_data(project: Project, quiz: models.Quiz | models.Assessment, *,
                     link: Callable[[str], str], guide_src: Callable[[str], str]) -> dict:
    """The page's data for `quiz`; `link` turns a page path into a URL relative to the quiz page."""
    guide_ids: set[str] = set()
    if isinstance(quiz, models.Quiz):
        texts = {}
        for question in quiz.questions:
            guide_ids.update(question.guides)
            entry: dict = {"explanation": question.explanation, "feedback": {}}
            if isinstance(question, models.TrueFalse):
                entry["feedback"] = {"true": question.true_feedback, "false": question.false_feedback}
            elif isinstance(question, models.Ordering):
                entry["steps"] = {step.id: step.text for step in question.steps}
            else:
                entry["feedback"] = {o.id: o.feedback for o in question.options}
                entry["options"] = {o.id: o.text for o in question.options}
            texts[question.id] = entry
        extra = {"questions": texts, "pass_mark": quiz.pass_mark,
                 "chapters": {c.id: c.title for c in project.chapters}}
    else:
        advice = [*(a for d in quiz.dimensions for a in d.advice), *quiz.overall_bands]
        for entry in advice:
            guide_ids.update(entry.guides)
        checklist_ids = sorted({c for entry in advice for c in entry.checklists})
        extra = {
            "dimensions": {d.id: {"title": d.title, "advice": {a.band: {"guides": a.guides, "checklists": a.checklists}
                                                              for a in d.advice}}
                           for d in quiz.dimensions},
            "bands": {b.id: {"label": b.label, "text": _plain(b.text)} for b in quiz.bands},
            "overall_bands": {b.id: {"label": b.label, "text": _plain(b.text), "guides": b.guides,
                                     "checklists": b.checklists} for b in quiz.overall_bands},
            "checklists": {c: {"title": project.checklists[c].title, "url": link(urls.checklist_page(c))}
                           for c in checklist_ids},
            "labels": list(quiz.scale.labels),
        }
    data = {
        "scoring": scoring_data(quiz, project.chapter_of_guide),
        "title": quiz.title,
        "guides": {g: {"title": project.guides[g].title, "url": link(guide_src(g))} for g in sorted(guide_ids)},
        "strings": catalog.script_strings(),
        **extra,
    }
    # An edition in another language carries the English quiz's version: saved answers and results
    # files are about the questions, whatever language a reader took them in.
    english = project.english
    data["version"] = content_version(data) if english is None else quiz_version(english, english.quizzes[quiz.id])
    return data


def without_option_texts(data: dict) -> dict:
    """The page data without the option texts, which the quiz script reads from the form (the version stays).

    The texts are on the page already, in the form; shipping them twice would only make the page
    slower to arrive (and a SCORM package bigger).
    """
    questions = {question_id: {key: value for key, value in entry.items() if key != "options"}
                 for question_id, entry in data.get("questions", {}).items()}
    return {**data, "questions": questions} if "questions" in data else data


def content_version(data: dict) -> str:
    """The version of a quiz page's data: what the quiz asks and says, not where its pages live.

    Interface strings are left out (rewording a button must not discard saved answers), and so are
    link addresses: a site that moves to another URL style still holds the same quiz, so its results
    files stay current (build_tools/results).
    """
    content = {key: value for key, value in data.items() if key not in {"strings", "version"}}
    for links in ("guides", "checklists"):
        if links in content:
            content[links] = {key: entry["title"] for key, entry in content[links].items()}
    return content_hash(content)


def quiz_version(project: Project, quiz: models.Quiz | models.Assessment) -> str:
    """The content version a quiz page of this project carries, whatever its URL style."""
    return quiz_client_data(project, quiz, link=str, guide_src=str)["version"]
