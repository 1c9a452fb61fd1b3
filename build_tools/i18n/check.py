"""Read and check each language's PO files: what the build may use, and every mistake, located.

A translation is used when it is present, not fuzzy, made for today's English and keeps the rules
of `rules`. Everything else falls back to English on the page, and every mistake is a Problem at
the entry's line (`locales/vi/LC_MESSAGES/quizzes.po:120:1`), so `check` reads like the content check.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from ..errors import Problem
from ..project import Project
from .catalogs import DOMAINS, Entry, po_path
from .rules import translation_problems
from .texts import parts_of, untranslatable_contexts

UPDATE_HINT = "run `python -m build_tools i18n update {language}`"
STALE = f"no text has this context any more (it was moved or deleted); {UPDATE_HINT} to mark it obsolete"


@dataclass
class LanguageCatalog:
    """One language's translations as the build uses them, with counts and problems."""

    language: str
    translations: dict[str, str] = field(default_factory=dict)
    """Context → translation, for every usable entry."""
    total: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    problems: list[Problem] = field(default_factory=list)
    stale: list[Problem] = field(default_factory=list)
    """Entries whose text is gone (moved or deleted since the last `i18n update`): mistakes for `check`,
    while a build shows the English and goes on, so that an author's edit never waits for the catalogs."""
    lines: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Context → (PO file, line) of each entry, to point at a translation from later checks."""

    @property
    def translated(self) -> int:
        """Entries the build uses."""
        return len(self.translations)

    @property
    def complete(self) -> bool:
        """Every text translated, none fuzzy, no problem: a language that may ship."""
        return self.translated == self.total and not self.fuzzy and not self.problems

    def summary(self) -> str:
        """`vi: 2187 translated, 0 fuzzy, 0 untranslated (100 %)`."""
        share = 100 * self.translated / self.total if self.total else 100
        return (f"{self.language}: {self.translated} translated, {self.fuzzy} fuzzy, {self.untranslated} "
                f"untranslated ({share:.0f} %)")


def id_contexts(project: Project) -> set[str]:
    """The context every non-text value of the content would have (ids, references, keys, numbers)."""
    return {context for file, labels, model in parts_of(project)
            for context in untranslatable_contexts(model, file, labels)}


# Every line of a PO file is blank, a comment, a keyword with a quoted string, or a quoted string that
# continues the one above. Babel's reader skips some malformed lines without a word (an unclosed quote,
# a msgstr without quotes), losing the entry; this check names them first.
_QUOTED = r'"(?:[^"\\]|\\.)*"'
_LINE = re.compile(rf"^(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+{_QUOTED}|{_QUOTED})\s*$")


def syntax_problems(text: str, shown: str) -> list[Problem]:
    """Lines that are not PO syntax, and contexts given twice (the second would silently replace the first)."""
    return scan(text, shown)[0]


def scan(text: str, shown: str) -> tuple[list[Problem], dict[str, int]]:
    """The syntax problems of a PO file, and the line where each entry starts (its msgctxt), by context."""
    problems = []
    starts: dict[str, int] = {}
    context: tuple[int, list[str]] | None = None  # the msgctxt being read: its line and its pieces

    def end_context() -> None:
        if context is None:
            return
        line, pieces = context
        name = "".join(json.loads(piece) for piece in pieces)
        if name in starts:
            problems.append(Problem(shown, line, 1, "", f"PO syntax: the context \"{name}\" is given twice (first "
                                    f"at line {starts[name]}); keep one entry"))
        starts.setdefault(name, line)

    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _LINE.match(stripped):
            problems.append(Problem(shown, number, 1, "", f"PO syntax: {_what_is_wrong(stripped)}; the file is not "
                                    f"used until this is fixed (a PO editor such as Poedit shows the line)"))
            continue
        if stripped.startswith('"'):
            if context is not None:
                context[1].append(stripped)
            continue
        end_context()
        context = (number, [stripped[len("msgctxt "):].strip()]) if stripped.startswith("msgctxt ") else None
    end_context()
    return problems, starts


def _what_is_wrong(line: str) -> str:
    keyword, _, rest = line.partition(" ")
    known = keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr") or re.fullmatch(r"msgstr\[\d+\]", keyword)
    if not keyword.startswith('"') and not known:
        return f"`{keyword}` is not a PO keyword (msgctxt, msgid, msgstr), and the line is neither a quoted string " \
               f"nor a comment"
    if keyword.startswith('"') or rest.lstrip().startswith('"'):
        return "a string is not closed, or a quote inside it is not written as \\\""
    return f"the text after {keyword} must be in double quotes"


def read_catalog(path: Path, shown: str, language: str) -> tuple[Catalog | None, list[Problem]]:
    """The PO file parsed, or the problems that stop it being read.

    Each message's `lineno` is set to the line its entry starts on (its msgctxt), where an editor
    shows it.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown, 1, 1, "", f"cannot be read ({error.strerror})")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(shown, line, 1, "", "is not UTF-8 text from this line on; save the file as UTF-8 "
                                                  "(the encoding every PO editor offers)")]
    problems, starts = scan(text, shown)
    if problems:
        return None, problems
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, abort_invalid=True)
    except (ValueError, OSError) as error:
        return None, [Problem(shown, 1, 1, "", f"cannot be read as a PO file: {error}")]
    except PoFileError as error:
        # Babel counts lines from 0; editors from 1.
        return None, [Problem(shown, error.lineno + 1, 1, "", f"PO syntax: {_syntax(str(error))}; the file is "
                              f"not used until this is fixed (a translation tool such as Poedit shows the line)")]
    for message in catalog:
        if message.context in starts:
            message.lineno = starts[message.context]
    return catalog, []


def _syntax(message: str) -> str:
    text = message.rsplit(" on ", 1)[0]
    return text[:1].lower() + text[1:]


def _entry_problems(message: Message, entry: Entry | None, shown: str, language: str,
                    ids: set[str]) -> tuple[str | None, list[Problem]]:
    """The usable translation of one message (None if none) and what is wrong with it."""
    line = message.lineno or 1

    def problem(text: str) -> Problem:
        return Problem(shown, line, 1, message.context or "", text)

    if not message.context:
        return None, [problem(f"entry without a context (msgctxt), so it belongs to no text; {UPDATE_HINT} "
                              f"and translate the entries it writes".format(language=language))]
    if entry is None:
        if message.context in ids:
            return None, [problem("is an id, a reference or a scoring value, and those are never translated; "
                                  "delete the entry")]
        return None, [Problem(shown, line, 1, message.context, STALE.format(language=language))]
    translation = message.string if isinstance(message.string, str) else ""
    if not translation or message.fuzzy:
        return None, []
    if message.id != entry.english:
        # Translated from English an author has changed since (the PO file is not updated yet): the page
        # shows the new English, and the entry counts as fuzzy until `i18n update` marks it so.
        return None, []
    found = translation_problems(entry.english, translation, limit=entry.limit,
                                 inline_markdown=entry.inline_markdown)
    if found:
        return None, [problem(text) for text in found]
    return translation, []


def read_language(root: Path, language: str, entries: Iterable[Entry], ids: set[str]) -> LanguageCatalog:
    """Every PO file of `language` under `root`, checked against today's texts."""
    by_context = {entry.context: entry for entry in entries}
    result = LanguageCatalog(language, total=len(by_context))
    for domain in dict.fromkeys(DOMAINS.values()):
        path = po_path(root, language, domain)
        shown = path.relative_to(root).as_posix()
        if not path.exists():
            continue
        catalog, problems = read_catalog(path, shown, language)
        result.problems += problems
        if catalog is None:
            continue
        for message in catalog:
            if not message.id:
                continue  # the header
            entry = by_context.get(message.context or "")
            if message.context:
                result.lines[message.context] = (shown, message.lineno or 1)
            if entry is not None and entry.domain != domain:
                entry = None  # a context of another file: stale here
            translation, problems = _entry_problems(message, entry, shown, language, ids)
            for found in problems:
                (result.stale if found.message == STALE.format(language=language) else result.problems).append(found)
            if translation is not None:
                result.translations[message.context] = translation
            elif entry is not None and message.string and (message.fuzzy or message.id != entry.english):
                result.fuzzy += 1
    result.untranslated = result.total - result.translated - result.fuzzy
    return result

