"""The page ours are measured against beside Material's bare page (baseline.py): a quiz as mkdocs-quiz writes it.

mkdocs-quiz (pinned in benchmarks/requirements-bench.txt, which `make bench` installs) is the
best-known quiz plugin for MkDocs. Its page holds the questions of one of our quizzes that it can
express (single and multiple choice, true/false; it has no ordering questions), with their
options, per-option feedback and explanations, on a Material site with our theme settings.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

from build_tools import models
from build_tools.markup import plain_text
from build_tools.mkdocs_yml import read_config

MKDOCS_QUIZ = "mkdocs_quiz"
REQUIREMENTS = Path(__file__).with_name("requirements-bench.txt")


def mkdocs_quiz_installed() -> bool:
    """Whether the peer plugin can be built here (`make bench` installs it)."""
    return importlib.util.find_spec(MKDOCS_QUIZ) is not None


def _line(text: str) -> str:
    return " ".join(plain_text(text).split())


def quiz_markdown(quiz: models.Quiz) -> tuple[str, int]:
    """(the page in mkdocs-quiz's syntax, how many questions it holds): every question but ordering ones."""
    blocks = [f"# {quiz.title}", "", _line(quiz.description), ""]
    count = 0
    for question in quiz.questions:
        if isinstance(question, models.Ordering):
            continue
        if isinstance(question, models.TrueFalse):
            answers = [("True", question.answer, question.true_feedback),
                       ("False", not question.answer, question.false_feedback)]
        else:
            answers = [(option.text, option.correct, option.feedback) for option in question.options]
        lines = ["<quiz>", _line(question.prompt)]
        for text, right, feedback in answers:
            lines.append(f"- [{'x' if right else ' '}] {_line(text)}")
            if feedback:
                lines.append(f"> {_line(feedback)}")
        lines += ["", _line(question.explanation), "</quiz>", ""]
        blocks += lines
        count += 1
    return "\n".join(blocks), count


def write_mkdocs_quiz_peer(quiz: models.Quiz, project_root: Path, dest: Path) -> int:
    """A Material site of one page: `quiz` as mkdocs-quiz writes it, with our theme settings; returns its questions."""
    docs = dest / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    text, count = quiz_markdown(quiz)
    (docs / "index.md").write_text(text, encoding="utf-8")
    theme = dict(read_config(project_root / "mkdocs.yml")["theme"])
    theme.pop("custom_dir", None)  # our own templates (the path marks in the navigation) stay ours
    (dest / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "mkdocs-quiz peer",
        "use_directory_urls": False,
        "theme": theme,
        # Confetti off: it is an animation after each answer, not part of loading the page.
        "plugins": ["search", "offline", {MKDOCS_QUIZ: {"confetti": False}}],
    }, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return count


