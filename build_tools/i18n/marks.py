"""The marks around English text shown in another language's edition (no imports: every layer uses them).

Two private-use characters: Markdown, Jinja and JSON carry them through untouched, and nobody
types them (a text that did would at worst gain a `lang="en"` span). The finished page turns them
into `lang="en"` (see `translate.mark_untranslated`); every other output drops them.
"""

from __future__ import annotations

UNTRANSLATED_START = "\ue000"
UNTRANSLATED_END = "\ue001"


def marked(english: str) -> str:
    """English text shown in an edition, marked so the page can say so."""
    return f"{UNTRANSLATED_START}{english}{UNTRANSLATED_END}"


def unmarked(text: str) -> str:
    """`text` without the marks."""
    return text.replace(UNTRANSLATED_START, "").replace(UNTRANSLATED_END, "")


def wholly_marked(text: str) -> bool:
    """Whether all of `text` is one marked English text."""
    return (text.startswith(UNTRANSLATED_START) and text.endswith(UNTRANSLATED_END)
            and text.count(UNTRANSLATED_START) == 1)
