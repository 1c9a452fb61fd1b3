"""The languages a site is published in, read once for all of its editions.

mkdocs.yml lists them under the plugin's `languages:` option; each one is checked here (its PO
files against today's texts, its quizzes against the item-writing rules in that language) before
anything is built, so a broken catalog stops the build the way a broken content file does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError

from .. import catalog
from ..errors import Problem
from ..project import Project
from ..render import SOURCE_LANGUAGE
from .catalogs import LOCALES, project_entries
from .check import LanguageCatalog, id_contexts, read_language
from .translate import Edition, edition_of

ENGLISH = "en"
# A language code as Babel and Material know it: `vi`, `nb`, `zh`, or with a region, `pt_BR`.
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?$")


class LanguageError(ValueError):
    """A language in mkdocs.yml that cannot be built (an unknown code, a repeated one)."""


@dataclass(frozen=True)
class Language:
    """A language the site is published in, besides English."""

    code: str
    """`vi`: the folder of its site (`/vi/`), of its catalogs (`locales/vi/`) and Material's language."""
    translated_by: str
    """Who or what translated it, in its own words, as the pages say (`Translated ... by {translated_by}`)."""
    name: str = ""
    """The language's own name in the switcher; by default from Babel (`Tiếng Việt`)."""

    @property
    def own_name(self) -> str:
        """The name the language switcher shows."""
        if self.name:
            return self.name
        name = Locale.parse(self.code).get_display_name(self.code) or self.code
        return name[:1].upper() + name[1:]

    @property
    def source_language(self) -> str:
        """The code a source written in this language has in sources.yml."""
        return SOURCE_LANGUAGE.get(self.code, self.code)


def code_problem(code: str) -> str | None:
    """What is wrong with `code` as the code of a translation, or None: the one rule for mkdocs.yml's
    `languages:` and for `i18n update`, so a catalog can always be published under its code."""
    if not LANGUAGE_CODE.match(code):
        return (f"{code!r} is not a language code; write it as ISO 639-1 does, such as `vi` or `nb` "
                f"(`pt_BR` with a region)")
    if code == ENGLISH:
        return "`en` is the English edition at the site's root; list only the other languages"
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return (f"`{code}` is not a language Babel knows, so its dates and numbers cannot be written; use an "
                f"ISO 639-1 code such as `vi`")
    return None


def languages_of(options: Iterable[dict]) -> tuple[Language, ...]:
    """The `languages:` option of mkdocs.yml as Language records; LanguageError names what is wrong."""
    languages: list[Language] = []
    for number, option in enumerate(options, 1):
        code = str(option.get("code") or "")
        where = f"languages, entry {number}"
        problem = code_problem(code)
        if problem:
            raise LanguageError(f"{where}: {problem}")
        if any(language.code == code for language in languages):
            raise LanguageError(f"{where}: `{code}` is listed twice")
        translated_by = str(option.get("translated_by") or "").strip()
        if not translated_by:
            raise LanguageError(f"{where}: say who translated `{code}` under `translated_by` (a person, a team, or "
                                f"the tool); every page of the edition shows it")
        languages.append(Language(code, translated_by, str(option.get("name") or "")))
    return tuple(languages)


@dataclass(frozen=True)
class Catalogs:
    """Every language's translations, read and checked once for the whole build."""

    languages: tuple[Language, ...]
    catalogs: dict[str, LanguageCatalog]
    _editions: dict[tuple[int, str], Edition] = field(default_factory=dict, repr=False, compare=False)

    @property
    def problems(self) -> list[Problem]:
        """Every mistake in every language's PO files."""
        return [problem for language in self.languages for problem in self.catalogs[language.code].problems]

    def edition(self, project: Project, language: Language) -> Edition:
        """The project in `language` (made once per project: the checks and the site share it)."""
        key = (id(project), language.code)
        if key not in self._editions:
            speaking = catalog.Speaking(language.code, self.catalogs[language.code].translations)
            self._editions[key] = edition_of(project, speaking)
        return self._editions[key]

    @property
    def stale(self) -> list[Problem]:
        """Entries of every language whose text is gone (see LanguageCatalog.stale)."""
        return [problem for language in self.languages for problem in self.catalogs[language.code].stale]

    def summary(self) -> list[str]:
        """One line per language: translated, fuzzy, untranslated."""
        return [self.catalogs[language.code].summary() for language in self.languages]


def read_catalogs(root: Path, project: Project, languages: Sequence[Language]) -> Catalogs:
    """Read and check the PO files of every language under `root` against the project's texts."""
    if not languages:
        return Catalogs((), {})
    entries = project_entries(project, root)
    ids = id_contexts(project)
    return Catalogs(tuple(languages), {language.code: read_language(root, language.code, entries, ids)
                                       for language in languages})


def languages_on_disk(root: Path) -> list[Language]:
    """Every language with catalogs under `root/locales/`, configured in mkdocs.yml or not, for checking.

    Only a published edition shows who translated it, so these records leave `translated_by` empty.
    """
    folder = root / LOCALES
    if not folder.is_dir():
        return []
    return [Language(entry.name, translated_by="")
            for entry in sorted(folder.iterdir()) if (entry / "LC_MESSAGES").is_dir()]


def checked_catalogs(root: Path, project: Project, languages: Sequence[Language]) -> tuple[Catalogs, list[Problem]]:
    """Every language's catalogs, and every problem in them: PO mistakes, and quizzes the translation
    makes fail the item-writing length rules."""
    from .pages import item_problems  # pages builds on this module

    catalogs = read_catalogs(root, project, languages)
    problems = catalogs.problems + [
        problem for language in languages
        for problem in item_problems(catalogs.edition(project, language), catalogs.catalogs[language.code])]
    return catalogs, problems
