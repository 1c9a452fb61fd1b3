"""A sitemap in every folder of pages, for Material's bundle to find beside each hreflang alternate.

Material's bundle fetches `sitemap.xml` next to every `<link rel="alternate">` of a page, expecting
alternates that point at each language's home page. Ours point at the same page in each language
(what search engines ask for), so on a page in `keeping-boundaries/` the bundle asks for
`vi/keeping-boundaries/sitemap.xml`: four requests a page that a host answers with its 404 page, and
a console error each. A folder's own sitemap, listing its pages (sitemaps.org allows a sitemap for
the URLs under its folder), answers them with a few hundred bytes.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

SITEMAP = "sitemap.xml"
# Folders of files, not of pages: no alternate of a page points into them.
NOT_PAGES = frozenset({"assets", "search"})


def write_folder_sitemaps(site_dir: Path, site_url: str) -> list[Path]:
    """Write a sitemap into every folder below `site_dir` that holds pages; returns the files written.

    The root has MkDocs' own sitemap, and a folder with a sitemap of its own is another edition's
    root (an earlier build's, in a build without --clean): both are left as they are.
    """
    base = site_url.rstrip("/") + "/"
    written = []
    for folder in sorted(_page_folders(site_dir)):
        pages = sorted(page.relative_to(site_dir).as_posix() for page in folder.glob("*.html"))
        urls = "".join(f"<url><loc>{escape(base + page)}</loc></url>" for page in pages)
        target = folder / SITEMAP
        target.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
                          f'schemas/sitemap/0.9">{urls}</urlset>\n', encoding="utf-8")
        written.append(target)
    return written


def _page_folders(site_dir: Path) -> list[Path]:
    found = []
    for folder in site_dir.iterdir():
        if not folder.is_dir() or folder.name in NOT_PAGES or (folder / SITEMAP).exists():
            continue
        found.extend(sub for sub in (folder, *folder.rglob("*"))
                     if sub.is_dir() and any(sub.glob("*.html")))
    return found
