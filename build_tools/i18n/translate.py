"""A validated project in another language: every text replaced by its translation, nothing else touched.

The English project is loaded and validated once; an edition is a copy of it whose texts come from
the language's catalogs. A text with no usable translation (missing or fuzzy) keeps its English,
wrapped in the marks of `marks`, which survive every template and Markdown step;
`mark_untranslated` turns them into `lang="en"` spans on the finished page (or drops them where no
element may go). Ids, references and scoring keys are never texts (see `texts`), so
an edition scores, links and versions exactly like the English.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from .. import catalog
from ..kinds import KIND
from ..project import Project
from .marks import UNTRANSLATED_END, UNTRANSLATED_START, marked, unmarked
from .texts import parts_of, texts_of


def _replace(model: Any, path: tuple, value: str) -> Any:
    """A copy of `model` (a model or a list) with the text at `path` replaced."""
    head, rest = path[0], path[1:]
    if isinstance(model, list):
        items = list(model)
        items[head] = value if not rest else _replace(items[head], rest, value)
        return items
    current = getattr(model, head)
    return model.model_copy(update={head: value if not rest else _replace(current, rest, value)})


def translated_model(model: BaseModel, file: str, translations: Mapping[str, str], *, mark: bool,
                     labels: tuple = ()) -> tuple[BaseModel, int]:
    """`model` (read from `file`) with its texts translated; also how many texts had no translation."""
    missing = 0
    for field in texts_of(model, file, labels):
        found = translations.get(field.context)
        if found is None:
            missing += 1
            if not mark:
                continue
            found = marked(field.text)
        model = _replace(model, field.path, found)
    return model, missing


@dataclasses.dataclass(frozen=True)
class Edition:
    """The project in one language: for the pages, and without marks for files that cannot carry them."""

    speaking: catalog.Speaking
    project: Project
    """Every text translated; English that is left wears the marks of `marks`."""
    plain: Project
    """The same, with the English left unmarked (LMS files, PDF metadata)."""
    untranslated: int
    """Texts of the content still in English."""

    @property
    def language(self) -> str:
        """The language's code: `vi`."""
        return self.speaking.language


def edition_of(project: Project, speaking: catalog.Speaking) -> Edition:
    """`project` in the language `speaking` speaks, with its translations."""
    marked_project, missing = translate_project(project, speaking.translations, mark=True)
    plain_project, _missing = translate_project(project, speaking.translations, mark=False)
    return Edition(speaking, marked_project, plain_project, missing)


def translate_project(project: Project, translations: Mapping[str, str], *,
                      mark: bool = True) -> tuple[Project, int]:
    """`project` with every text translated, and how many were not; `mark` marks the English left."""
    missing = 0

    def one(model: BaseModel, file: str, labels: tuple = ()) -> BaseModel:
        nonlocal missing
        result, count = translated_model(model, file, translations, mark=mark, labels=labels)
        missing += count
        return result

    parts = {(file, labels): one(model, file, labels) for file, labels, model in parts_of(project)}

    def translated(file: str, labels: tuple = ()) -> Any:
        return parts[(file, labels)]

    replaced = dataclasses.replace(
        project,
        sources=tuple(translated(KIND["sources"].pattern, ("sources", s.id)) for s in project.sources),
        chapters=tuple(translated(KIND["chapter"].file_of(c.id)) for c in project.chapters),
        guides={key: translated(KIND["guide"].file_of(key)) for key in project.guides},
        checklists={key: translated(KIND["checklist"].file_of(key)) for key in project.checklists},
        quizzes={key: translated(KIND["quiz"].file_of(key)) for key in project.quizzes},
        contested_entries={key: translated(KIND["contested"].pattern, ("entries", key))
                           for key in project.contested_entries},
        releases=tuple(translated(KIND["changes"].pattern, ("releases", r.version)) for r in project.releases),
        english=project.english or project,
    )
    return replaced, missing


# --- On the finished page -------------------------------------------------------------

_MARKED = re.compile(f"{UNTRANSLATED_START}(.*?){UNTRANSLATED_END}", re.S)
_TAG = re.compile(r"<[^>]*>")
# Elements whose content is text that no element may enter (or data for scripts).
_RAW = re.compile(r"(<(title|script|style|textarea)\b[^>]*>)(.*?)(</\2>)", re.S | re.I)
# Markup that a span may not wrap: block elements (the marked text then gets its lang from a parent).
_BLOCK = re.compile(r"</?(?:p|div|ul|ol|li|dl|dt|dd|h[1-6]|table|tr|td|th|section|aside|details|summary|"
                    r"blockquote|pre|form|fieldset|label|nav|header|footer)\b", re.I)


def has_untranslated(html: str) -> bool:
    """Whether a page shows any text still in English."""
    return UNTRANSLATED_START in html


def mark_untranslated(html: str) -> str:
    """Turn the marks into `<span lang="en">` where text may hold a span; drop them everywhere else."""
    html = _RAW.sub(lambda m: m[1] + unmarked(m[3]) + m[4], html)
    html = _TAG.sub(lambda m: unmarked(m[0]), html)

    def span(match: re.Match) -> str:
        inner = match[1]
        if _BLOCK.search(inner) or UNTRANSLATED_START in inner:
            return unmarked(inner)
        return f'<span lang="en">{inner}</span>'

    return unmarked(_MARKED.sub(span, html))

