"""The gettext catalogs: one POT template of every text, and each language's PO files merged from it.

`extract` writes `locales/client-craft.pot`; `update` merges it into
`locales/LANG/LC_MESSAGES/{content,quizzes,interface}.po` the way `msgmerge` does (Babel's
`Catalog.update`): a text whose English changed keeps its old translation marked fuzzy, with the
old English as `#| msgid`; a text that is gone becomes obsolete (`#~`). The PO files are split by
where the texts live, so the interface, the guidance and the quizzes can go to different translators.
"""

from __future__ import annotations

import datetime
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .. import catalog as interface
from ..errors import ContentError
from ..load import load
from ..mkdocs_yml import ConfigFileError, read_config, resolve
from ..project import Project
from .texts import TextField, project_texts, texts_of

LOCALES = "locales"
CONFIG_FILE = "mkdocs.yml"
TEMPLATE = f"{LOCALES}/client-craft.pot"
PROJECT = "Client Craft"
# The PO file of a context, by the start of the context: every text lives in exactly one.
DOMAINS: dict[str, str] = {"content/": "content", "quizzes/": "quizzes", "interface/": "interface"}
# Wide enough that most texts stay on one line in an editor, as Babel's and msgmerge's default 76 does not.
LINE_WIDTH = 100


@dataclass(frozen=True)
class Entry:
    """One text to translate: where it comes from and what a translator must keep."""

    context: str
    english: str
    location: tuple[str, int]
    notes: tuple[str, ...]
    limit: int | None = None
    """The field's length limit, which the translation must keep too."""
    inline_markdown: bool = False

    @property
    def domain(self) -> str:
        """The PO file the entry belongs to."""
        return domain_of(self.context)


def domain_of(context: str) -> str:
    """`content`, `quizzes` or `interface`: the PO file of a context."""
    return next(name for start, name in DOMAINS.items() if context.startswith(start))


def po_path(root: Path, language: str, domain: str) -> Path:
    """`locales/LANG/LC_MESSAGES/DOMAIN.po` under the project root."""
    return root / LOCALES / language / "LC_MESSAGES" / f"{domain}.po"


# Field descriptions written for English authors that would mislead a translator, said for them instead.
FOR_TRANSLATORS = {
    "The title translated into English.": "The article's title as the playbook gives it (translate it; the article's "
                                          "own title stays as it is, beside it).",
    "The point in our own words, in English.": "The point in our own words (a summary of ours, not the article's "
                                               "sentence).",
}


def _field_notes(field: TextField) -> tuple[str, ...]:
    description = FOR_TRANSLATORS.get(field.description or "", field.description)
    notes = [description] if description else []
    if field.limit:
        notes.append(f"At most {field.limit} characters.")
    if field.inline_markdown:
        notes.append("Inline Markdown: keep every [link](target) and `code` exactly as it is.")
    return tuple(notes)


def content_entries(root: Path) -> Iterator[Entry]:
    """Every translatable text of the content files under `root`, file by file in reading order."""
    loaded = load(root)
    if loaded.problems:
        raise ContentError(loaded.problems)
    for _kind, document, model in loaded.entries:
        for field in texts_of(model, document.path):
            line, _column = document.position(field.path)
            yield Entry(field.context, field.text, (document.path, line), _field_notes(field), field.limit,
                        field.inline_markdown)


def interface_entries() -> Iterator[Entry]:
    """Every interface string of the pages and scripts (`build_tools/catalog.py`)."""
    source = Path(interface.__file__)
    lines = source.read_text(encoding="utf-8").splitlines()
    shown = f"build_tools/{source.name}"
    for group, strings in interface.GROUPS.items():
        for key, english in strings.items():
            if (group, key) in interface.ALIASES:
                continue
            line = next((number for number, text in enumerate(lines, 1) if text.lstrip().startswith(f'"{key}":')), 0)
            notes = ["Keep every {placeholder} exactly as it is; it is filled in on the page."] \
                if re.search(r"\{\w+\}", english) else []
            yield Entry(interface.context_of(group, key), english, (shown, line), tuple(notes))


def config_entries(root: Path) -> Iterator[Entry]:
    """The texts of mkdocs.yml a reader sees: the description, the footer line and the colour toggles."""
    path = root / CONFIG_FILE
    if not path.exists():
        return
    try:
        config = read_config(path)
    except ConfigFileError:
        return  # MkDocs itself reports a broken mkdocs.yml
    lines = path.read_text(encoding="utf-8").splitlines()

    def line_of(text: str) -> int:
        return next((number for number, line in enumerate(lines, 1) if text in line), 0)

    texts = [(key, resolve(config.get(key))) for key in ("site_description", "copyright")]
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    for number, scheme in enumerate(theme.get("palette") or []):
        toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
        if isinstance(toggle, dict):
            texts.append((f"palette/{number}", toggle.get("name")))
    for key, text in texts:
        if isinstance(text, str) and text.strip():
            yield Entry(f"{interface.CONFIG_CONTEXT}{key}", text, (CONFIG_FILE, line_of(text)), ())


def project_entries(project: Project, root: Path) -> list[Entry]:
    """Every text of a validated project, of mkdocs.yml and of the interface, for checking catalogs."""
    content = [Entry(field.context, field.text, (field.context.split(":", 1)[0], 0), (), field.limit,
                     field.inline_markdown) for field in project_texts(project)]
    return [*content, *config_entries(root), *interface_entries()]


def all_entries(root: Path) -> list[Entry]:
    """Every text of the project: the content files, mkdocs.yml, then the interface."""
    return [*content_entries(root), *config_entries(root), *interface_entries()]


def _day(root: Path) -> datetime.datetime:
    """The day the texts are from: the latest review or release date in the content.

    Not the clock: extracting twice from one tree writes the same file, whatever the day.
    """
    loaded = load(root)
    days = [getattr(model, "last_reviewed", None) for _kind, _doc, model in loaded.entries]
    days += [release.date for _doc, log in loaded.of_kind("changes") for release in log.releases]
    day = max((d for d in days if d is not None), default=datetime.date(2026, 1, 1))
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def template_catalog(entries: Iterable[Entry], day: datetime.datetime, locale: str | None = None) -> Catalog:
    """A catalog of `entries` with empty translations: the POT, or a domain's part of it."""
    template = Catalog(locale=locale, project=PROJECT, version=None, creation_date=day, revision_date=day,
                       msgid_bugs_address="", copyright_holder=PROJECT, fuzzy=False)
    for entry in entries:
        template.add(entry.english, "", locations=[entry.location], auto_comments=entry.notes, context=entry.context)
    return template


def render_po(catalog: Catalog, *, template: bool = False) -> str:
    """A catalog as PO (or POT) text, the way every file of ours is written."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=LINE_WIDTH, omit_header=False, include_previous=not template,
             ignore_obsolete=False, sort_output=False)
    return buffer.getvalue().decode("utf-8")


def _write(path: Path, text: str) -> None:
    """Replace `path` in one step, so an interrupted run never leaves half a catalog."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.tmp")
    staging.write_text(text, encoding="utf-8")
    os.replace(staging, path)


def extract(root: Path) -> tuple[Path, int]:
    """Write the POT template of every text under `root`; return its path and how many texts it holds."""
    entries = all_entries(root)
    path = root / TEMPLATE
    _write(path, render_po(template_catalog(entries, _day(root)), template=True))
    return path, len(entries)


@dataclass(frozen=True)
class Merged:
    """What `update` did to one PO file."""

    path: Path
    created: bool
    fuzzy: int
    untranslated: int
    obsolete: int


def merge(existing: Catalog | None, template: Catalog, language: str) -> Catalog:
    """`existing` brought up to date with `template`, as msgmerge would (a new catalog when there is none)."""
    if existing is None:
        existing = Catalog(locale=language, project=PROJECT, version=None, creation_date=template.creation_date,
                           revision_date=template.creation_date, copyright_holder=PROJECT, fuzzy=False)
    existing.update(template, update_header_comment=False, keep_user_comments=True, update_creation_date=False)
    return existing


def update(root: Path, languages: Iterable[str]) -> list[Merged]:
    """Merge the current texts into every PO file of each language (the POT is written again first)."""
    entries = all_entries(root)
    day = _day(root)
    _write(root / TEMPLATE, render_po(template_catalog(entries, day), template=True))
    merged = []
    for language in languages:
        for domain in dict.fromkeys(DOMAINS.values()):
            path = po_path(root, language, domain)
            part = template_catalog((entry for entry in entries if entry.domain == domain), day, locale=language)
            existing = _read(path, language) if path.exists() else None
            catalog = merge(existing, part, language)
            _write(path, render_po(catalog))
            messages = [message for message in catalog if message.id]
            merged.append(Merged(path, existing is None, sum(1 for m in messages if m.fuzzy),
                                 sum(1 for m in messages if not m.string), len(catalog.obsolete)))
    return merged


def _read(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language, abort_invalid=True)
    # Babel reads the `#| msgid` lines of a fuzzy entry (the English it was translated from) as a comment
    # and would write them back as `# | msgid`; the merge writes them afresh where they still apply.
    for message in [*catalog, *catalog.obsolete.values()]:
        message.user_comments = [comment for comment in message.user_comments if not comment.startswith("|")]
    return catalog
