"""What a translation must keep of its English: placeholders, links, code, and the field's limits.

Each rule returns what is wrong in words a translator can act on; `i18n check` adds the file and
line of the entry.
"""

from __future__ import annotations

import re
from collections import Counter

from .. import markup, models

PLACEHOLDER = re.compile(r"\{\w+\}")
CODE_SPAN = re.compile(r"`[^`\n]+`")


def _listed(items: Counter) -> str:
    return ", ".join(sorted(items.elements()))


def _kept(name: str, english: list[str], translation: list[str]) -> str | None:
    """Why the translation does not keep the same `name` (placeholders, links…) as the English, if it does not."""
    missing, added = Counter(english) - Counter(translation), Counter(translation) - Counter(english)
    if not missing and not added:
        return None
    parts = []
    if missing:
        parts.append(f"{_listed(missing)} of the English {'is' if sum(missing.values()) == 1 else 'are'} missing")
    if added:
        parts.append(f"{_listed(added)} {'is' if sum(added.values()) == 1 else 'are'} not in the English")
    return f"the {name} must stay as in the English: {'; '.join(parts)}"


def translation_problems(english: str, translation: str, *, limit: int | None = None,
                         inline_markdown: bool = False) -> list[str]:
    """Everything wrong with `translation` as the text of a field whose English is `english`."""
    problems = []
    placeholders = _kept("placeholders", PLACEHOLDER.findall(english), PLACEHOLDER.findall(translation))
    if placeholders:
        problems.append(f"{placeholders}; copy each {{name}} unchanged, it is filled in on the page")
    if inline_markdown:
        links = _kept("link targets", [target for _kind, target in markup.link_targets(english)],
                      [target for _kind, target in markup.link_targets(translation)])
        if links:
            problems.append(f"{links}; translate the link text in [brackets], keep the (target) as it is")
        code = _kept("code spans", CODE_SPAN.findall(english), CODE_SPAN.findall(translation))
        if code:
            problems.append(f"{code}; text in `backticks` is a name and stays in English")
    try:
        models._not_blank(translation)
    except ValueError as error:
        problems.append(f"the translation {error}")
    if limit is not None and len(translation) > limit:
        problems.append(f"the translation is {len(translation)} characters, over this field's limit of {limit}; "
                        f"shorten it")
    return problems
