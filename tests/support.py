"""Helpers shared by the test folders: building the site, serving a folder, Chromium's settings."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium as Playwright drives it here: no downloaded browser, no background traffic.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SOURCE_DATE_EPOCH = "1700000000"


def build_site(config: Path, dest: Path) -> Path:
    """Run `mkdocs build --strict` for `config` into `dest` (fixed SOURCE_DATE_EPOCH, no SITE_URL)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    env.pop("SITE_URL", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(dest)],
                            cwd=config.parent, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return dest


class SiteServer:
    """http.server on a free loopback port whose folder a test can swap, e.g. for a rebuilt site.

    Swapping keeps the origin, so the browser's storage carries over as it would after a deploy.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, directory=str(server.folder), **kwargs)  # type: ignore[arg-type]

            def end_headers(self) -> None:
                # No caching: a swapped folder must be seen on the next reload.
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stop serving."""
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free loopback port; yields the base URL."""
    server = SiteServer(folder)
    try:
        yield server.url
    finally:
        server.close()
