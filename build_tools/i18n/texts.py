"""Which fields of a content file are text a reader sees, and where each one sits.

A field is translated when its type is one of the text types of `models` (they all refuse blank
text with `_not_blank`) and it is not listed in `NOT_TRANSLATED`. Ids, references, scoring keys,
weights and bands are other types, so they can never end up in a catalog.

Each text gets a *context*: the file and the path to the field, spelled with ids rather than
positions wherever the list items have ids (`questions/red-flags/options/b/text`), so moving a
question does not orphan its translations.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .. import models

# Text fields a reader sees but that stay as the author wrote them, with the reason.
NOT_TRANSLATED: dict[type, frozenset[str]] = {
    # The article's own title, in its language, and the file it is kept in: a citation, not our text.
    # (Publisher, author and date are translated: beside the names they hold our notes, `Not stated`.)
    models.Source: frozenset({"title_original", "document"}),
    # The place in the article, in its own numbering or heading.
    models.SourcePoint: frozenset({"section"}),
    # A person or team: a name.
    models.Provenance: frozenset({"owner"}),
    # The release's name, `2026.12`: the same in every language.
    models.Release: frozenset({"version"}),
}


@dataclass(frozen=True)
class TextField:
    """One translatable text of a file."""

    context: str
    """`content/guides/x.yml:steps/2`: the file, then the field's path with ids where items have them."""
    path: tuple[str | int, ...]
    """The path in the file's data, as the YAML document locates it (`("steps", 2)`)."""
    text: str
    limit: int | None
    """The field's length limit, in characters."""
    inline_markdown: bool
    """Whether the field renders inline Markdown (its links must survive translation)."""
    description: str | None


def _constraints(metadata: list[Any]) -> tuple[bool, int | None]:
    """Whether field metadata declares a text type, and its length limit."""
    is_text = any(getattr(item, "func", None) is models._not_blank for item in metadata)
    limit = next((item.max_length for item in metadata if getattr(item, "max_length", None) is not None), None)
    return is_text, limit


def _text_of(annotation: Any) -> tuple[bool, int | None, bool]:
    """(is text, length limit, inline Markdown) of a type such as `InlineMarkdown | None` or `list[Text]`."""
    if typing.get_origin(annotation) is typing.Annotated:
        _base, *metadata = typing.get_args(annotation)
        is_text, limit = _constraints(metadata)
        markdown = any(isinstance(item, FieldInfo) and isinstance(item.json_schema_extra, dict)
                       and item.json_schema_extra.get("x-inline-markdown") for item in metadata)
        return is_text, limit, markdown
    for argument in typing.get_args(annotation):
        found = _text_of(argument)
        if found[0]:
            return found
    return False, None, False


def _field_text(model: type[BaseModel], name: str) -> tuple[bool, int | None, bool]:
    """(is text, length limit, inline Markdown) of one field of a model."""
    if any(issubclass(model, owner) and name in names for owner, names in NOT_TRANSLATED.items()):
        return False, None, False
    info = model.model_fields[name]
    is_text, limit = _constraints(info.metadata)
    if is_text:
        return True, limit, models.is_inline_markdown(model, name)
    return _text_of(info.annotation)


# What names a list item in a context, first found first: a release is named by its version, so a
# new release at the top of the change log leaves the contexts of the older ones as they are.
ITEM_NAMES = ("id", "version")


def _label(item: Any, index: int) -> str:
    """How a list item is named in a context: its id (or version) when it has one, else its position."""
    for attribute in ITEM_NAMES:
        name = getattr(item, attribute, None)
        if isinstance(name, str):
            return name
    return str(index)


def texts_of(model: BaseModel, file: str, labels: tuple[str, ...] = ()) -> Iterator[TextField]:
    """Every translatable text of the model read from `file`, in the order of the file.

    `labels` starts each context, for a model that sits inside a file (a source in the registry:
    `("sources", "source-id")`); the paths stay relative to `model`.
    """
    yield from _walk(model, file, (), labels)


def _walk(model: BaseModel, file: str, path: tuple, labels: tuple) -> Iterator[TextField]:
    cls = type(model)
    for name, info in cls.model_fields.items():
        value = getattr(model, name)
        if value is None:
            continue
        is_text, limit, markdown = _field_text(cls, name)
        here, named = path + (name,), labels + (name,)
        if isinstance(value, str):
            if is_text:
                yield TextField(_context(file, named), here, value, limit, markdown, info.description)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, file, here + (index,), named + (_label(item, index),))
                elif isinstance(item, str) and is_text:
                    yield TextField(_context(file, named + (str(index),)), here + (index,), item, limit, markdown,
                                    info.description)
        elif isinstance(value, BaseModel):
            yield from _walk(value, file, here, named)


def _context(file: str, labels: tuple) -> str:
    return f"{file}:{'/'.join(labels)}"


def untranslatable_contexts(model: BaseModel, file: str, labels: tuple[str, ...] = ()) -> Iterator[str]:
    """The context every value of the model that is not a text would have: ids, references, keys, numbers.

    A catalog entry under one of these is a translation of something that is never translated.
    """
    cls = type(model)
    for name in cls.model_fields:
        value = getattr(model, name)
        is_text = _field_text(cls, name)[0]
        named = labels + (name,)
        if isinstance(value, BaseModel):
            yield from untranslatable_contexts(value, file, named)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from untranslatable_contexts(item, file, named + (_label(item, index),))
                elif not is_text:
                    yield _context(file, named + (str(index),))
            if not is_text:
                yield _context(file, named)
        elif not is_text or value is None:
            if not (is_text and value is None):
                yield _context(file, named)


def parts_of(project: Any) -> Iterator[tuple[str, tuple[str, ...], BaseModel]]:
    """(file, labels, model) of every part of a Project that holds texts, as `texts_of` takes them.

    The sources, contested entries and releases sit inside one file each, so their labels start
    their contexts; every other model is a file of its own.
    """
    from ..kinds import KIND  # kinds imports models, as this module does; here to keep the import light

    for source in project.sources:
        yield KIND["sources"].pattern, ("sources", source.id), source
    for entry in project.contested_entries.values():
        yield KIND["contested"].pattern, ("entries", entry.id), entry
    for release in project.releases:
        yield KIND["changes"].pattern, ("releases", release.version), release
    for chapter in project.chapters:
        yield KIND["chapter"].file_of(chapter.id), (), chapter
    for kind, attribute in (("guide", "guides"), ("checklist", "checklists"), ("quiz", "quizzes")):
        for model_id, model in getattr(project, attribute).items():
            yield KIND[kind].file_of(model_id), (), model


def project_texts(project: Any) -> Iterator[TextField]:
    """Every translatable text of a validated Project."""
    for file, labels, model in parts_of(project):
        yield from texts_of(model, file, labels)


def context_at(model: BaseModel, file: str, path: tuple, labels: tuple[str, ...] = ()) -> str:
    """The context of the value at `path` of `model` (`("questions", 3, "prompt")` → `…:questions/q4/prompt`)."""
    named = list(labels)
    current: Any = model
    for step in path:
        if isinstance(step, int) and isinstance(current, list):
            item = current[step]
            named.append(_label(item, step) if isinstance(item, BaseModel) else str(step))
            current = item
        else:
            named.append(str(step))
            current = getattr(current, str(step), None)
    return _context(file, tuple(named))
