"""Author text made safe: inline Markdown to HTML with no raw HTML, plain text, and JSON for scripts."""

from __future__ import annotations

import html
import json
import re

import markdown
import markdown.treeprocessors
from markupsafe import Markup

_SAFE_URL = re.compile(r"^(https?://|mailto:|#|\.{0,2}/|[\w.-]+(/|\.md|\.html)?(#[\w-]*)?$)", re.I)


class _DropUnsafeUrls(markdown.treeprocessors.Treeprocessor):
    """Second line of defence after model validation: no `javascript:` (or other) URL survives."""

    def run(self, root):
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not _SAFE_URL.match(value.strip()):
                    del element.attrib[attribute]


class TextOnlyMarkdown:
    """Inline Markdown where `<tags>` and `&entities;` are plain text, never markup."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[], output_format="html")
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        self._md.inlinePatterns.deregister("entity")
        self._md.treeprocessors.register(_DropUnsafeUrls(self._md), "drop_unsafe_urls", 0)

    def block(self, text: str) -> Markup:
        """`text` as HTML paragraphs."""
        self._md.reset()
        return Markup(self._md.convert(text))

    def inline(self, text: str) -> Markup:
        """`text` as inline HTML, without a wrapping paragraph."""
        rendered = str(self.block(text))
        match = re.fullmatch(r"<p>(.*)</p>", rendered, flags=re.S)
        return Markup(match.group(1) if match else rendered)


def plain_text(text: str) -> str:
    """Inline Markdown reduced to its words (for descriptions and titles)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]+", "", text).strip()


def front_matter_value(text: str) -> str:
    """A YAML-safe, HTML-escaped scalar: MkDocs inserts page titles into HTML unescaped."""
    return Markup(json.dumps(html.escape(plain_text(text), quote=True), ensure_ascii=False))


def json_for_script(data: object) -> Markup:
    """JSON safe inside `<script type="application/json">`: `<`, `>` and `&` are escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
