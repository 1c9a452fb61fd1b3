"""Printable PDFs of the checklists: one per checklist, and a booklet with all of them.

The engine is WeasyPrint: pure Python (no browser needed at build time), it lays out real
text (selectable, searchable, extractable), supports CSS paged media (`@page` margin boxes,
`break-inside`, `target-counter` for the booklet's contents) and gives the same bytes for the
same input once the dates come from SOURCE_DATE_EPOCH.

The paper layout is its own template (`templates/checklist_print.html.j2`), not a print of the
site page, so the PDF never carries site chrome and needs no JavaScript.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import importlib.metadata
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import jinja2

from . import catalog, urls
from .i18n.marks import unmarked
from .i18n.translate import mark_untranslated
from .models import Checklist
from .path import onboarding_path
from .project import Project

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "checklist_print.html.j2"
SITE_NAME = "Client Craft"
# A4 is the default; the template's margins leave a text block that also fits US Letter.
PAGE_SIZES = ("A4", "letter")

# PDFs by a hash of everything that shapes them, so `mkdocs serve` rebuilds only what changed.
# Bounded, oldest out first, so a long serve session with many edits does not grow without end.
_CACHE: dict[str, list[bytes]] = {}
_CACHE_SIZE = 64
# And on disk, when a build names a folder (`use_disk_cache`): every language has its own PDFs, the
# slowest part of a build, so a build renders only those whose input changed since the last one.
_DISK: dict[str, Path] = {}
DISK_CACHE_FILES = 400
"""At most this many PDFs stay on disk; the least recently used go first."""


@dataclass(frozen=True)
class PrintEntry:
    """A checklist with the address of its page, as printed in the footer."""

    checklist: Checklist
    url: str = ""
    """The page's full address; empty when the site has no site_url, and then nothing is printed."""


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["t"] = catalog.t
    env.filters["long_date"] = catalog.long_date
    return env


_ENV = _environment()


def build_date() -> str | None:
    """The build's date (W3C format) from SOURCE_DATE_EPOCH, or None to leave dates out."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def page_url(src: str, site_url: str = "", *, directory_urls: bool = False) -> str:
    """The printed address of a page: absolute with a site_url, else empty (print no address).

    A site-relative path such as `checklists/project-kickoff.html` leads nowhere from a sheet of
    paper, and without a site_url the build cannot know the host. The sheet already names the site
    at its top and the checklist in its footer, which is what a reader looks for on the site.
    """
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + urls.Urls(directory_urls).url(src)


def print_html(entries: Iterable[PrintEntry], *, booklet: bool = False, index_url: str = "",
               page_size: str = "A4") -> str:
    """The paper layout of one checklist, or of the booklet (title page + every checklist)."""
    entries = list(entries)
    if booklet:
        title, description = f"{SITE_NAME}: {catalog.t('checklists.title')}", catalog.t("checklists.lead")
    else:
        title, description = entries[0].checklist.title, entries[0].checklist.when_to_use
    page = _ENV.get_template(TEMPLATE).render(
        checklists=entries, booklet=booklet, index_url=index_url, page_size=page_size, title=unmarked(title),
        description=unmarked(description), site_name=SITE_NAME, date=build_date(), language=catalog.current().language,
    )
    # English left in another language's edition is marked lang="en", as on the site.
    return mark_untranslated(page)


# The same options for every PDF. pdf_identifier=True derives the file /ID from a hash of the content,
# not from the clock; pdf_tags=True gives screen readers the structure (headings, lists) of the sheet.
WRITE_OPTIONS = {"pdf_identifier": True, "pdf_tags": True}
# The booklet's page numbers, the one part of its pages a checklist's own PDF leaves out (see the template).
PAGE_NUMBER_BOX = "@top-right"


def render_pdf(html: str) -> bytes:
    """PDF bytes of a print HTML document; the same HTML always gives the same bytes."""
    import weasyprint  # imported here: it is slow to load and only needed when PDFs are built

    # No base URL: the document is self-contained and must fetch nothing.
    return weasyprint.HTML(string=html).write_pdf(**WRITE_OPTIONS)


def render_booklet_and_checklists(html: str, entries: Sequence[PrintEntry]) -> list[bytes]:
    """The PDF of each checklist, then the booklet's, from one layout of the booklet.

    Laying out the text is most of a PDF's cost, and a checklist's pages in the booklet are the pages
    of its own PDF (each starts on a new page, with the same footer), so the booklet is laid out once
    and each checklist's PDF takes its pages, without the booklet's page numbers.
    """
    import weasyprint
    from weasyprint.document import Page

    booklet = weasyprint.HTML(string=html).render()
    files = []
    for entry, pages in zip(entries, _pages_of_each(booklet.pages, [e.checklist.id for e in entries]), strict=True):
        single = booklet.copy([Page(_without_page_number(page._page_box)) for page in pages])
        single.metadata = copy.copy(booklet.metadata)
        single.metadata.title = unmarked(entry.checklist.title)
        single.metadata.description = unmarked(entry.checklist.when_to_use)
        files.append(single.write_pdf(**WRITE_OPTIONS))
    files.append(booklet.write_pdf(**WRITE_OPTIONS))
    return files


def _pages_of_each(pages: Sequence, checklist_ids: Sequence[str]) -> list[list]:
    """The booklet's pages of each checklist, in order: from the page with its anchor to the next one's."""
    groups: dict[str, list] = {}
    current = None
    for page in pages:
        current = next((checklist_id for checklist_id in checklist_ids if checklist_id in page.anchors), current)
        if current is not None:  # the title page comes before the first checklist
            groups.setdefault(current, []).append(page)
    assert list(groups) == list(checklist_ids), "every checklist starts a page of the booklet, in order"
    return list(groups.values())


def _without_page_number(page_box):
    kept = [child for child in page_box.children if getattr(child, "at_keyword", None) != PAGE_NUMBER_BOX]
    return page_box.copy_with_children(kept)


def use_disk_cache(folder: Path | None) -> None:
    """Keep rendered PDFs in `folder` between builds (None: in memory only)."""
    _DISK.clear()
    if folder is not None:
        _DISK["folder"] = folder


@functools.cache
def _renderer_version() -> str:
    # From the installed package's metadata: importing WeasyPrint takes about a second, which a
    # build whose PDFs all come from the disk cache never needs to spend.
    return importlib.metadata.version("weasyprint")


def _from_disk(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    # A file cut short (a build stopped while writing) is not a PDF: render it again.
    if not (data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")):
        return None
    try:
        os.utime(path)  # recently used: pruned last
    except OSError:
        pass
    return data


def _to_disk(path: Path, data: bytes) -> None:
    """Store a PDF; a cache that cannot be written (read-only tree, full disk) only costs the next build time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        staging.write_bytes(data)
        os.replace(staging, path)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    """Keep the DISK_CACHE_FILES most recently used PDFs of the cache, once a set has been stored."""
    try:
        files = sorted(folder.glob("*.pdf"), key=lambda file: file.stat().st_mtime)
        for old in files[:-DISK_CACHE_FILES]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _cached(html: str, count: int, render: Callable[[], list[bytes]]) -> list[bytes]:
    """The `count` PDFs made from `html`: from memory, from the disk cache, or from `render()`."""
    key = hashlib.sha256(html.encode("utf-8")).hexdigest()
    if key not in _CACHE:
        while len(_CACHE) >= _CACHE_SIZE:
            del _CACHE[next(iter(_CACHE))]
        folder = _DISK.get("folder")
        # The renderer's version is part of the files' names: an upgrade renders every PDF again.
        paths = [folder / f"{key}-{number}-{_renderer_version()}.pdf" for number in range(count)] if folder else []
        found = [_from_disk(path) for path in paths]
        if not paths or None in found:
            found = render()
            assert len(found) == count
            for path, data in zip(paths, found, strict=False):
                _to_disk(path, data)
            if folder is not None:
                _prune(folder)
        _CACHE[key] = found
    return _CACHE[key]


def _entries(project: Project, site_url: str, directory_urls: bool) -> list[PrintEntry]:
    # In the order of the stages of an engagement, as the checklists index lists them.
    return [PrintEntry(c, page_url(urls.checklist_page(c.id), site_url, directory_urls=directory_urls))
            for _chapter, c in onboarding_path(project).checklists_by_stage]


def checklist_pdf(entry: PrintEntry, *, page_size: str = "A4") -> bytes:
    """The PDF of one checklist on its own (the site's come with the booklet, from `checklist_pdfs`)."""
    html = print_html([entry], page_size=page_size)
    return _cached(html, 1, lambda: [render_pdf(html)])[0]


def checklist_pdfs(project: Project, site_url: str = "", *, directory_urls: bool = False,
                   page_size: str = "A4") -> dict[str, bytes]:
    """Every checklist's PDF and the booklet, keyed by their site paths (see urls.py)."""
    # The booklet's HTML is the cache key (it holds every checklist, the template, the URLs and the
    # date), so rendering it is the only cost of a cache hit: a few milliseconds.
    entries = _entries(project, site_url, directory_urls)
    index_url = page_url(urls.CHECKLISTS, site_url, directory_urls=directory_urls)
    html = print_html(entries, booklet=True, index_url=index_url, page_size=page_size)
    paths = [urls.checklist_pdf(entry.checklist.id) for entry in entries] + [urls.BOOKLET_PDF]
    return dict(zip(paths, _cached(html, len(paths), lambda: render_booklet_and_checklists(html, entries)),
                    strict=True))
