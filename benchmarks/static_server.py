"""The one static server of the tests and benchmarks: a built site on loopback, served as a host would.

Text is gzipped when the client accepts it (as GitHub Pages or any CDN does), so byte counts and
Lighthouse see what a reader's browser gets; a missing path gets the site's 404 page. A test can
point a running server at another build, keeping the origin and so the browser's storage.

    python -m benchmarks.static_server site/     # look at a build by hand
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import mimetypes
import posixpath
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Types worth compressing, as a host would; images and PDFs are compressed already.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml",
                "application/manifest+json")
TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8", ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8", ".svg": "image/svg+xml", ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8", ".pdf": "application/pdf", ".png": "image/png", ".ico": "image/x-icon",
    ".woff2": "font/woff2", ".gz": "application/gzip", ".gift": "text/plain; charset=utf-8",
    ".zip": "application/zip",
}


def content_type(path: Path) -> str:
    """The Content-Type header of a file, with a charset for text."""
    return TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


@functools.lru_cache(maxsize=4096)
def _gzipped(path: Path, mtime_ns: int, size: int) -> bytes:
    # mtime=0 keeps the bytes of a response the same from run to run.
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class _Handler(BaseHTTPRequestHandler):
    """GET/HEAD of the files of the server's folder, gzipped when the client accepts it, 404 page like a host."""

    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: test output is for failures."""

    def _resolve(self) -> Path | None:
        root = self.server.site.folder
        url_path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        # normpath on a rooted path drops any `..` that would climb out of the site.
        relative = posixpath.normpath("/" + url_path).lstrip("/")
        target = root / relative if relative not in ("", ".") else root
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def _send(self, head_only: bool) -> None:
        target, status = self._resolve(), HTTPStatus.OK
        if target is None:
            status, target = HTTPStatus.NOT_FOUND, self.server.site.folder / "404.html"
            if not target.is_file():
                self.send_error(HTTPStatus.NOT_FOUND)
                return
        kind = content_type(target)
        compress = "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(COMPRESSIBLE)
        stat = target.stat()
        body = _gzipped(target, stat.st_mtime_ns, stat.st_size) if compress else target.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        # Revalidate every time: a test that swaps the folder must see the new files on the next load.
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def do_GET(self) -> None:
        """Serve a file."""
        self._send(head_only=False)

    def do_HEAD(self) -> None:
        """Serve a file's headers."""
        self._send(head_only=True)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: SiteServer

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser closing a kept-alive connection is normal; anything else is reported."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class SiteServer:
    """A built site on a free loopback port, served as a static host would (gzip, 404 page).

    A test may point `folder` at another build (e.g. after an edit): the origin stays the same,
    so the browser's storage carries over as it would after a deploy.
    """

    def __init__(self, folder: Path, host: str = "127.0.0.1") -> None:
        self.folder = Path(folder).resolve()
        self.httpd = _Server((host, 0), _Handler)
        self.httpd.site = self
        self.url = f"http://{host}:{self.httpd.server_address[1]}/"
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="site-server", daemon=True)
        self._thread.start()

    @contextlib.contextmanager
    def serving(self, folder: Path) -> Iterator[None]:
        """Serve `folder` instead for the duration of the block, then the original again."""
        original, self.folder = self.folder, Path(folder).resolve()
        try:
            yield
        finally:
            self.folder = original

    def close(self) -> None:
        """Stop serving."""
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=30)


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free loopback port; yields the base URL (ending in `/`)."""
    server = SiteServer(folder)
    try:
        yield server.url
    finally:
        server.close()


if __name__ == "__main__":
    with serve_folder(Path(sys.argv[1] if len(sys.argv) > 1 else "site")) as url:
        print(f"Serving at {url} (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
