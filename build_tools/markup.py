"""Author text made safe: inline Markdown to HTML with no raw HTML, plain text, and JSON for scripts."""

from __future__ import annotations

import functools
import html
import json
import re

import markdown
import markdown.treeprocessors
from markupsafe import Markup

_SAFE_URL = re.compile(r"^(https?://|mailto:|#|\.{0,2}/|[\w.-]+(/|\.md|\.html)?(#[\w-]*)?$)", re.I)
# A target with a scheme (`https:`, `javascript:`); the browser reads it case-insensitively.
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_LINK_SCHEMES = {"https", "http", "mailto"}
# A path within this site: `#anchor`, `page.md`, `../chapter/guide.md#step`, `folder/`.
_SITE_PATH = re.compile(r"^(#[\w-]*|(\.{1,2}/)*[\w.-]+(/[\w.-]+)*/?(#[\w-]*)?)$")
# Browsers drop tabs and line breaks anywhere in a URL and spaces or controls around it
# (WHATWG URL parsing), so `java\tscript:` is `javascript:` to them; so it is to this check.
_URL_NOISE = re.compile(r"[\t\n\r]")


class _DropUnsafeUrls(markdown.treeprocessors.Treeprocessor):
    """Second line of defence after model validation: no `javascript:` (or other) URL survives."""

    def run(self, root):
        for element in root.iter():
            for attribute, kind in (("href", "link"), ("src", "image")):
                value = element.get(attribute)
                if value is not None and (not _SAFE_URL.match(value.strip()) or unsafe_target(kind, value)):
                    del element.attrib[attribute]


class _CollectTargets(markdown.treeprocessors.Treeprocessor):
    """Records every link and image target, before anything is dropped, for the checks below."""

    def run(self, root):
        for element in root.iter():
            for attribute, kind in (("href", "link"), ("src", "image")):
                if element.get(attribute) is not None:
                    self.md.found_targets.append((kind, element.get(attribute)))


def link_targets(text: str) -> list[tuple[str, str]]:
    """(`link` or `image`, target) of every link, image and reference definition in inline Markdown.

    The text is parsed by the same Markdown the site renders with, so lists, quotes and
    reference-style definitions (`[label]: target`, used or not) are all seen as the page sees them.
    """
    # Every link, image and definition is written with `[` or `<` (Markdown links no bare address):
    # text without them, most of it, needs no parser. Every translation of every text is checked.
    if "[" not in text and "<" not in text:
        return []
    return list(_parsed_targets(text))


@functools.lru_cache(maxsize=4096)
def _parsed_targets(text: str) -> tuple[tuple[str, str], ...]:
    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")
    md.found_targets = []
    md.treeprocessors.register(_CollectTargets(md), "collect_targets", 0)
    md.convert(text)
    return (*md.found_targets, *(("link", target) for target, _title in md.references.values()))


def unsafe_target(kind: str, target: str) -> str | None:
    """Why a link or image target may not appear in author text, or None when it may.

    Links may go to the web (`https://`), to mail, or to a page of this site. Images may not
    load from another site: the site promises readers that it makes no third-party request.
    """
    url = _URL_NOISE.sub("", target).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d"
                                        "\x1e\x1f ")
    shown = excerpt(target)
    scheme = _SCHEME.match(url)
    # `//host/x` and `/\host/x` (browsers read `\` as `/`) lead to another site, scheme or not.
    other_site = url.replace("\\", "/").startswith("//")
    if kind == "image":
        if scheme or other_site:
            return (f"image '{shown}' would load from another site whenever the page opens, and the site makes "
                    f"no third-party request; link to it instead: [description](https://…)")
        return None if _SITE_PATH.match(url) else f"image '{shown}' is not a file of this site; remove it"
    if other_site:
        return f"link target '{shown}' leads to another site; write the full address, starting with https://"
    if scheme:
        if scheme.group(1).lower() in _LINK_SCHEMES:
            return None
        return (f"link target '{shown}' is not allowed; use an https:// address, a mailto: address or a page "
                f"of this site")
    if _SITE_PATH.match(url):
        return None
    return f"link target '{shown}' is not allowed; use an https:// address, a mailto: address or a page of this site"


def excerpt(text: str, limit: int = 60) -> str:
    """A short, printable piece of `text` for a message: control characters shown as `?`."""
    cleaned = " ".join("".join("?" if (ord(c) < 32 or 127 <= ord(c) < 160) and c not in "\n\t" else c
                               for c in text).split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


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
