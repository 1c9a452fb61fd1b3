"""What an edition in another language adds to its pages, and the checks its quizzes must pass.

The English build calls these; nothing here imports MkDocs.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence

from .. import catalog, item_rules, models
from ..errors import Problem
from ..kinds import KIND
from ..yamlfile import YamlDocument
from .check import LanguageCatalog
from .editions import ENGLISH, Language
from .marks import unmarked
from .texts import context_at
from .translate import Edition, has_untranslated

# Pages written for authors (the hand-written guide and the file-format reference) stay in English:
# they document YAML whose every key is English.
ENGLISH_ONLY = ("authors/",)
# Chinese characters carry about two and a half times what a Latin letter does, so an option stands
# out at a smaller difference in characters (item_rules.LENGTH_MIN_DIFFERENCE is for Latin scripts).
CHARACTER_WEIGHT = {"zh": 2.5}


def edition_page(content: str, src_uri: str) -> str:
    """A page of an edition: English-only pages wrapped as English, and a note where English is left."""
    if src_uri.startswith(ENGLISH_ONLY):
        note = _note(catalog.t("edition.english_only"), "data-english-only-note")
        return f'{note}<div lang="{ENGLISH}">{unmarked(content)}</div>'
    if has_untranslated(content):
        return _note(catalog.t("edition.untranslated"), "data-untranslated-note") + content
    return content


def _note(text: str, hook: str) -> str:
    return f'<p class="cc-notice cc-edition-note" role="note" {hook}>{html.escape(unmarked(text))}</p>'


def switcher_extra(languages: Sequence[Language], current: Language | None, site_url: str = "") -> dict[str, object]:
    """Material's `extra.alternate` (the language switcher), each link the root of an edition.

    theme/partials/alternate.html and the head add the page's own path, so that switching keeps the
    reader on the same page.
    """
    if not languages:
        return {}
    here = current.code if current is not None else ENGLISH
    up = "../" if current is not None else ""  # every edition but English sits one folder down

    def link(code: str) -> str:
        if code == here:
            return ""
        return up if code == ENGLISH else f"{up}{code}/"

    editions = [(ENGLISH, "English")] + [(language.code, language.own_name) for language in languages]
    # With a site_url the head's alternates are full addresses, as search engines want them.
    base = site_url.rstrip("/") + "/" if site_url else ""
    if base and current is not None:
        base = base[: -len(f"{current.code}/")] if base.endswith(f"/{current.code}/") else base

    def root(code: str) -> str:
        return "" if not base else base if code == ENGLISH else f"{base}{code}/"

    return {"alternate": [{"name": name, "link": link(code), "lang": code, "root": root(code)}
                          for code, name in editions]}


def item_problems(edition: Edition, language_catalog: LanguageCatalog) -> Iterator[Problem]:
    """The length rules over every knowledge quiz in the edition's language, located in its PO file.

    The rules about words (absolute words, negative stems, source hints) read English; the length
    rules read any language, and a translation can break them where the English does not. The
    English's waivers excuse their questions in every language.
    """
    quizzes = [(YamlDocument(KIND["quiz"].file_of(quiz.id), None), quiz)
               for quiz in edition.plain.quizzes.values() if isinstance(quiz, models.Quiz)]
    by_file = {document.path: quiz for document, quiz in quizzes}
    min_difference = round(item_rules.LENGTH_MIN_DIFFERENCE / CHARACTER_WEIGHT.get(edition.language, 1))
    rules = (("key-longest", item_rules.key_longest),
             ("option-length", lambda found: item_rules.option_length(found, min_difference=min_difference)))
    for rule_id, find in rules:
        for finding in find(quizzes):
            quiz = by_file[finding.document.path]
            if rule_id in item_rules.waivers_of(quiz, finding.waivable_at):
                continue
            path = finding.path if finding.path != ("questions",) else ("title",)
            context = context_at(quiz, finding.document.path, path)
            shown, line = language_catalog.lines.get(context, (finding.document.path, 1))
            yield Problem(shown, line, 1, context, f"[{rule_id}] in this translation, {finding.message}")
