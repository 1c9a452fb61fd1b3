"""Offline reading: a service worker that keeps a copy of the whole site once a page is loaded.

New hires read on trains and planes. After the first visit over http(s) every page, script and
style is cached; later visits try the network first (so readers never see stale guidance when
online) and fall back to the copy when offline. Opened from disk (file://), no worker is needed.

A page the copy does not hold (a download not opened yet, a page added since the copy was made, a
mistyped address), opened offline, gets a small page of its own that says so, at the address asked
for. Standard library only: `generate` copies this module into the plain project's hooks, so the
words of that page live here rather than in the catalog.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

WORKER = "sw.js"
REGISTER_SCRIPT = "assets/client-craft/offline.js"
# Downloads and compressed duplicates are fetched on demand and cached then, not up front.
_SKIP_SUFFIXES = (".pdf", ".zip", ".gift", ".gz", ".xml", ".map")


def precache_list(site_dir: Path) -> list[str]:
    """Site files to cache at install time, as paths relative to the site root, sorted."""
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file() and path.name != WORKER and not path.name.endswith(_SKIP_SUFFIXES)
    )


def worker_source(site_dir: Path) -> str:
    """The service worker, versioned by the content of every file it caches."""
    files = precache_list(site_dir)
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode("utf-8") + b"\0" + (site_dir / name).read_bytes())
    version = digest.hexdigest()[:16]
    return (_TEMPLATE.replace("__VERSION__", json.dumps(version))
            .replace("__FILES__", json.dumps(files, separators=(",", ":")))
            .replace("__NOT_SAVED__", json.dumps(not_saved_page())))


def not_saved_page() -> str:
    """The page shown offline for an address the copy does not hold, with `{home}` and `{retry}` for its links.

    Self-contained (its style inline, no script, no image): offline, nothing else can be fetched,
    and a relative link would resolve against whatever address was asked for, so the worker fills
    in both links as full addresses.
    """
    words = {key: html.escape(text) for key, text in NOT_SAVED_STRINGS.items()}
    return _NOT_SAVED_PAGE.format(style=_NOT_SAVED_STYLE, home="{home}", retry="{retry}", **words)


def write_worker(site_dir: Path) -> Path:
    """Write `sw.js` at the site root (its scope is the whole site)."""
    target = site_dir / WORKER
    target.write_text(worker_source(site_dir), encoding="utf-8")
    return target


# The words of the page for an address the copy does not hold.
NOT_SAVED_STRINGS = {
    "title": "Not available offline",
    "site": "Client Craft",
    "heading": "This page is not saved on this device yet",
    "reason": "You are offline, and this page is not in the copy of the site kept on this device. "
              "Open it again once you are back online and it will be kept for next time.",
    "retry_label": "Try again",
    "home_label": "Go to the home page",
}

_NOT_SAVED_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{title} · {site}</title>
<link rel="icon" href="data:,">
<style>{style}</style>
</head>
<body>
<header><p>{site}</p></header>
<main>
<h1>{heading}</h1>
<p>{reason}</p>
<p class="actions"><a class="primary" href="{retry}">{retry_label}</a> <a href="{home}">{home_label}</a></p>
</main>
</body>
</html>
"""

# The look of the site (Material's indigo, the system fonts) in a few rules, light and dark.
_NOT_SAVED_STYLE = """
:root { color-scheme: light dark; --bg: #fff; --fg: #1f2328; --muted: #4d5156; --accent: #3949ab; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1e2129; --fg: #e3e5ea; --muted: #b4b9c4; --accent: #8c9eff; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 1rem/1.6 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; }
header { background: #4051b5; color: #fff; padding: 0.75rem 1.25rem; }
header p { margin: 0; font-size: 1.1rem; font-weight: 700; }
main { max-width: 36rem; margin: 3rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; line-height: 1.3; font-weight: 400; margin: 0 0 1rem; }
main p { color: var(--muted); margin: 0 0 1.5rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; }
.actions a { display: inline-block; min-height: 2.75rem; padding: 0.6rem 1.2rem; border: 0.1rem solid var(--accent);
  border-radius: 0.2rem; color: var(--accent); font-weight: 700; text-decoration: none; }
.actions a.primary { background: var(--accent); color: var(--bg); }
.actions a:focus-visible { outline: 0.15rem solid var(--fg); outline-offset: 0.15rem; }
""".strip()

_TEMPLATE = """// Client Craft offline copy (generated by the build).
// One cache per site folder: each language's edition has its own worker (scope /vi/, /zh/…) beside the
// English one (scope /), and each removes only its own older caches, never another edition's.
const PREFIX = "client-craft-" + new URL(self.registration.scope).pathname + "-";
const CACHE = PREFIX + __VERSION__;
const FILES = __FILES__;
const NOT_SAVED = __NOT_SAVED__;
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE)
      .map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  }).catch(() => fromCopy(request)));
});
// Offline: the copy of the address, else (for a page) the copy of its folder's index.html, else for
// a page the note that it is not saved. A script or style the copy lacks fails as a network error:
// a page in its place would only break the page that asked for it.
function fromCopy(request) {
  return caches.match(request, { ignoreSearch: true }).then((hit) => {
    if (hit) return hit;
    if (request.mode !== "navigate") return Response.error();
    const url = new URL(request.url);
    const index = url.pathname.endsWith("/") ? caches.match(new URL("index.html", url), { ignoreSearch: true })
      : Promise.resolve(undefined);
    return index.then((page) => page || notSaved(request.url));
  });
}
function notSaved(address) {
  const body = NOT_SAVED.replace("{retry}", () => escapeHtml(address))
    .replace("{home}", () => escapeHtml(new URL("index.html", self.registration.scope).href));
  // 200, not 503: the browser would report a 503 as a failed load in the console of the page it shows.
  return new Response(body, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
"""
