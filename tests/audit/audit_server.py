"""A small threaded static server for the audits: serves a built site on 127.0.0.1 with gzip.

Lighthouse's numbers only mean what a real host would give when text is compressed, so text
responses are gzipped (`Content-Encoding: gzip`) whenever the client accepts it, as GitHub Pages
or any CDN would do.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import mimetypes
import posixpath
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Types worth compressing; images and PDFs are compressed already.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml",
                "application/xml", "application/manifest+json")
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".gz": "application/gzip",
}


def content_type(path: Path) -> str:
    """The Content-Type header of a file, with a charset for text."""
    return TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


@functools.lru_cache(maxsize=4096)
def _cached(path: Path, mtime_ns: int, compress: bool) -> bytes:
    body = path.read_bytes()
    # mtime=0 keeps the bytes of a response the same from run to run.
    return gzip.compress(body, compresslevel=6, mtime=0) if compress else body


def _body(path: Path, compress: bool) -> bytes:
    """The file's bytes, gzipped once and then served from memory, as a host's cache would."""
    return _cached(path, path.stat().st_mtime_ns, compress)


class _Handler(BaseHTTPRequestHandler):
    """GET/HEAD of files under `root`; directories serve their index.html; 404 page like a host."""

    root: Path
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class' name
        """Stay quiet: test output is for failures."""

    def _resolve(self) -> Path | None:
        url_path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        # normpath on a rooted path drops any `..` that would climb out of the site.
        relative = posixpath.normpath("/" + url_path).lstrip("/")
        target = self.root / relative if relative not in ("", ".") else self.root
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def _send(self, head_only: bool) -> None:
        target = self._resolve()
        status = HTTPStatus.OK
        if target is None:
            status = HTTPStatus.NOT_FOUND
            target = self.root / "404.html"
            if not target.is_file():
                self.send_error(HTTPStatus.NOT_FOUND)
                return
        kind = content_type(target)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        compress = accepts_gzip and kind.startswith(COMPRESSIBLE)
        body = _body(target, compress)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        """Serve a file."""
        self._send(head_only=False)

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        """Serve a file's headers."""
        self._send(head_only=True)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser closing a kept-alive connection is normal; anything else is reported."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(root: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve `root` on a free port of `host`; yields the base URL (ending in `/`)."""
    handler = type("SiteHandler", (_Handler,), {"root": Path(root).resolve()})
    server = _Server((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="audit-server", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


if __name__ == "__main__":  # `python tests/audit/audit_server.py site/` to look at a site by hand
    import time

    with serve(Path(sys.argv[1] if len(sys.argv) > 1 else "site")) as url:
        print(f"Serving at {url} (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
