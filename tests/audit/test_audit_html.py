"""HTML validity of every generated page (Nu HTML Checker) and a link check over the whole site."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from audit_site import NODE_MODULES, require

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors that come from Material's own templates and that we deliberately keep, each with why.
# Everything else, above all anything from our templates, must be zero.
MATERIAL_ERRORS = {
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off" so that
    # Firefox does not restore them as "checked" when a reader goes back (a page would open with
    # the drawer or search stuck open). Overriding all of base.html for one attribute would tie
    # us to every line of Material's main template; the attribute is harmless to every browser.
    'Attribute “autocomplete” is only allowed when the input type is':
        "Material base.html: autocomplete=off on its drawer/search toggle checkboxes",
}


def vnu_errors(files: list[Path]) -> list[dict]:
    """Run the Nu HTML Checker once over `files`; returns its error messages."""
    java = shutil.which("java")
    assert java, "java is needed for the Nu HTML Checker (vnu-jar)"
    result = subprocess.run(
        [java, "-Xss8m", "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True, text=True, timeout=240, check=False,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(result.stderr or '{"messages": []}')
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def test_every_page_is_valid_html(built_site: Path) -> None:
    require(VNU, "vnu-jar")
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20, f"only {len(pages)} HTML files in the build"
    errors = vnu_errors(pages)
    kept = [e for e in errors if not any(e["message"].startswith(known) for known in MATERIAL_ERRORS)]
    ignored = Counter(next(r for k, r in MATERIAL_ERRORS.items() if e["message"].startswith(k))
                      for e in errors if e not in kept)
    print(f"vnu: {len(pages)} pages, {len(kept)} errors, ignored from Material: {dict(ignored)}")
    lines = [
        f"{e.get('url', '?').split(str(built_site))[-1]}:{e.get('lastLine', '?')}: {e['message']}\n"
        f"    {' '.join(str(e.get('extract', '')).split())[:160]}"
        for e in kept[:40]
    ]
    assert not kept, f"{len(kept)} HTML errors:\n" + "\n".join(lines)


# --- Links ----------------------------------------------------------------------------

# Elements and attributes that load or link something.
LINK_ATTRS = {
    "a": ("href",), "link": ("href",), "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "iframe": ("src",), "video": ("src", "poster"), "audio": ("src",), "embed": ("src",), "object": ("data",),
    "form": ("action",), "area": ("href",), "track": ("src",), "use": ("href", "xlink:href"),
}
# Elements whose URL the browser fetches by itself (an <a> only when followed).
LOADED = {"link", "script", "img", "source", "iframe", "video", "audio", "embed", "object", "track", "use"}


class _PageParser(HTMLParser):
    """Collects the ids (anchors) of a page and every URL it links to or loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, int]] = []  # (tag, url, line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        for attr in LINK_ATTRS.get(tag, ()):
            if attr not in values:
                continue
            urls = [part.strip().split(" ")[0] for part in values[attr].split(",")] if attr == "srcset" \
                else [values[attr].strip()]
            self.links.extend((tag, url, self.getpos()[0]) for url in urls if url)

    handle_startendtag = handle_starttag


def parse_site(site: Path) -> dict[Path, _PageParser]:
    """Every HTML page of the site, parsed."""
    parsed = {}
    for page in sorted(site.rglob("*.html")):
        parser = _PageParser()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page] = parser
    return parsed


def check_links(site: Path) -> tuple[list[str], int]:
    """Broken internal links and anchors, and any asset loaded from outside; returns (problems, links checked)."""
    pages = parse_site(site)
    resolved = {page.resolve(): parser for page, parser in pages.items()}
    problems: list[str] = []
    checked = 0
    for page, parser in pages.items():
        where = page.relative_to(site).as_posix()
        for tag, url, line in parser.links:
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel", "data"):
                continue
            if parts.scheme in ("http", "https") or url.startswith("//"):
                host = parts.hostname or ""
                if tag in LOADED and host not in ("127.0.0.1", "localhost"):
                    problems.append(f"{where}:{line}: <{tag}> loads {url} from another host")
                continue  # links out to the web are not checked (no network here)
            if parts.scheme:
                problems.append(f"{where}:{line}: <{tag}> uses a {parts.scheme}: URL: {url}")
                continue
            checked += 1
            base = page.parent
            if parts.path.startswith("/"):
                # MkDocs writes 404.html with root-relative URLs on purpose: a host serves it at any path
                # (each language's edition has one too).
                if where.rsplit("/", 1)[-1] != "404.html":
                    problems.append(f"{where}:{line}: absolute path {url} breaks on a sub-path host and from disk")
                    continue
                base = site
            target = (base / unquote(parts.path.lstrip("/"))).resolve() if parts.path else page
            if site.resolve() not in (target, *target.parents):
                problems.append(f"{where}:{line}: {url} points outside the site")
                continue
            if target.is_dir():
                # Opened from disk, a folder link shows a file listing, not the page.
                problems.append(f"{where}:{line}: {url} links to a folder, not a file")
                continue
            if not target.is_file():
                problems.append(f"{where}:{line}: {url} → missing file {target.relative_to(site.resolve())}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                if target in resolved and fragment not in resolved[target].ids:
                    problems.append(f"{where}:{line}: {url} → no id '{fragment}' in {target.name}")
    return problems, checked


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def test_no_broken_internal_link_or_anchor(built_site: Path) -> None:
    problems, checked = check_links(built_site)
    print(f"links: {checked} internal links and assets checked, {len(problems)} problems")
    assert checked > 500, f"only {checked} internal links found: is the parser missing them?"
    assert not problems, f"{len(problems)} link problems:\n" + "\n".join(problems[:60])


def test_stylesheets_load_nothing_from_other_hosts(built_site: Path) -> None:
    """CSS can fetch fonts and images too: every url() and @import must stay in the site."""
    problems = []
    for sheet in sorted(built_site.rglob("*.css")):
        for match in CSS_URL.finditer(sheet.read_text(encoding="utf-8", errors="replace")):
            url = match.group(1) or match.group(2)
            if re.match(r"(?i)(https?:)?//", url):
                problems.append(f"{sheet.relative_to(built_site)}: {url}")
    assert not problems, "stylesheets load from other hosts:\n" + "\n".join(problems)


def test_link_checker_catches_breakage(tmp_path: Path) -> None:
    """The checker itself: a missing file, a missing anchor, a folder link and a remote script."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.html").write_text('<p id="here"><a href="sub/b.html#here">ok</a> <a href="#gone">x</a>'
                                     ' <a href="missing.html">x</a> <a href="sub/">x</a>'
                                     ' <script src="https://cdn.example/x.js"></script>'
                                     ' <a href="https://example.org/">fine</a></p>', encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text('<h1 id="here"><a href="../a.html#here">ok</a></h1>', encoding="utf-8")
    problems, checked = check_links(tmp_path)
    text = "\n".join(problems)
    assert checked == 5
    assert len(problems) == 4, text
    assert "#gone" in text and "missing.html" in text and "sub/ links to a folder" in text and "cdn.example" in text
