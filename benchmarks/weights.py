"""Bytes a reader downloads for one page: its HTML, our scripts and styles, the theme's."""

from __future__ import annotations

import gzip
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

OURS = "assets/client-craft/"
# Static `import … from "./x.js"` and `export … from`, and dynamic `import("./x.js")`.
_JS_IMPORT = re.compile(r"""(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]+\s*from\s*)?\(?\s*["']([^"']+\.m?js)["']""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""")


@dataclass(frozen=True)
class Size:
    """Raw and gzip-compressed bytes."""

    raw: int = 0
    gzip: int = 0

    def __add__(self, other: Size) -> Size:
        return Size(self.raw + other.raw, self.gzip + other.gzip)


def size_of(data: bytes) -> Size:
    """Raw and gzip size (level 6, what web servers typically use; mtime fixed for stable bytes)."""
    return Size(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))


@dataclass(frozen=True)
class PageWeight:
    """The weight of one built page, split by who ships the bytes."""

    page: str
    html: Size
    our_js: Size
    our_css: Size
    theme_js: Size
    theme_css: Size
    our_js_files: tuple[str, ...]

    @property
    def total(self) -> Size:
        """Everything the page loads from this site (fonts and images aside)."""
        return self.html + self.our_js + self.our_css + self.theme_js + self.theme_css


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "script" and values.get("src"):
            self.scripts.append(values["src"])
        elif tag == "link" and "stylesheet" in values.get("rel", "").split() and values.get("href"):
            self.styles.append(values["href"])


def _local(page: str, url: str) -> str | None:
    """Site path of a URL written on `page`, or None for another origin or a data: URL."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I):
        return None
    url = url.split("#")[0].split("?")[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), url))


def _closure(site: Path, roots: list[str], pattern: re.Pattern[str]) -> list[str]:
    """The files `roots` load, following imports, each once, in load order."""
    seen: list[str] = []
    todo = list(roots)
    while todo:
        path = todo.pop(0)
        if path in seen or not (site / path).is_file():
            continue
        seen.append(path)
        text = (site / path).read_text(encoding="utf-8", errors="replace")
        todo += [p for p in (_local(path, url) for url in pattern.findall(text)) if p]
    return seen


def _sum(site: Path, paths: list[str]) -> Size:
    return sum((size_of((site / p).read_bytes()) for p in paths), Size())


def page_weight(site: Path, page: str) -> PageWeight:
    """Weigh the built page at site path `page` (e.g. `quizzes/x.html`) in the site folder `site`."""
    html = (site / page).read_bytes()
    links = _Links()
    links.feed(html.decode("utf-8", "replace"))
    scripts = _closure(site, [p for p in (_local(page, s) for s in links.scripts) if p], _JS_IMPORT)
    styles = _closure(site, [p for p in (_local(page, s) for s in links.styles) if p], _CSS_IMPORT)
    ours_js = [p for p in scripts if p.startswith(OURS)]
    ours_css = [p for p in styles if p.startswith(OURS)]
    return PageWeight(
        page=page,
        html=size_of(html),
        our_js=_sum(site, ours_js),
        our_css=_sum(site, ours_css),
        theme_js=_sum(site, [p for p in scripts if not p.startswith(OURS)]),
        theme_css=_sum(site, [p for p in styles if not p.startswith(OURS)]),
        our_js_files=tuple(posixpath.basename(p) for p in ours_js),
    )
