"""The last touch on each built HTML page. Standard library only: `generate` copies it as is.

The site-wide styles go inline into the head, and so do the styles of the pages that have their own
(quiz, checklist, team): no stylesheet of ours is fetched before the first paint. The theme's
indentation goes, so the largest pages fit one network round trip on mobile.
"""

from __future__ import annotations

import re

# Whitespace matters inside these elements, so their content is left exactly as it is.
_PRESERVED = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_INDENTATION = re.compile(r"\n[ \t]+")


def strip_indentation(page: str) -> str:
    """Remove the spaces that start lines, outside preformatted elements; never touches text itself.

    A line break stays, so words on either side stay apart; only the indentation after it goes.
    (A general HTML minifier was tried and rejected: it decoded escaped text back into markup.)
    """
    parts, last = [], 0
    for match in _PRESERVED.finditer(page):
        parts.append(_INDENTATION.sub("\n", page[last:match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_INDENTATION.sub("\n", page[last:]))
    return "".join(parts)


# The theme's slot for the "Skip to content" link, which it fills only on pages with Markdown headings.
_SKIP_SLOT = re.compile(r'<div data-md-component="skip">.*?</div>', re.S)
SKIP_TARGET = "cc-content"  # the element theme/main.html puts first in the content


def add_skip_link(page: str, text: str) -> str:
    """The page with one "Skip to content" link, first in the body, to the start of the content."""
    link = f'<div data-md-component="skip"><a href="#{SKIP_TARGET}" class="md-skip">{text}</a></div>'
    return _SKIP_SLOT.sub(lambda _match: link, page, count=1)


# A page's own stylesheet as the templates link it (in the body, beside what it styles).
_PAGE_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?:[^"]*/)?assets/client-craft/([\w.-]+\.css)">')


def inline_page_styles(page: str, styles: dict[str, str]) -> str:
    """The page with each link to one of `styles` (file name → CSS) replaced by that CSS in its head.

    A linked stylesheet is a request the browser waits for before it paints what follows; inlined,
    it costs a few KB of the page itself and no round trip.
    """
    linked: dict[str, None] = {}

    def take(match: re.Match[str]) -> str:
        if match[1] not in styles:
            return match[0]
        linked[match[1]] = None
        return ""

    page = _PAGE_STYLESHEET.sub(take, page)
    if linked:
        css = "".join(f'<style data-cc-style="{name}">{styles[name]}</style>' for name in linked)
        page = page.replace("</head>", css + "</head>", 1)
    return page


def finish_page(page: str, head: str = "", skip_text: str = "", styles: dict[str, str] | None = None) -> str:
    """The page with `head` (markup every page carries) placed last in its head, then its own `styles`
    (see inline_page_styles), a skip link, indentation stripped."""
    if head:
        page = page.replace("</head>", head + "</head>", 1)
    if styles:
        page = inline_page_styles(page, styles)
    if skip_text:
        page = add_skip_link(page, skip_text)
    return strip_indentation(page)
