"""Minify our own scripts and styles for the site, so the readable source is the only copy we edit.

rjsmin and rcssmin remove comments and whitespace only: they rename nothing and reorder nothing,
so what runs in the browser is the source minus its layout. Both are deterministic (the build
stays byte-reproducible) and keep `/*! ... */` comments, the usual place for a licence.

rjsmin does not understand template literals nested inside template literals; our scripts
use none (tests/test_minify.py parses every minified script with Node to catch a mistake).
"""

from __future__ import annotations

from pathlib import PurePosixPath

import rcssmin
import rjsmin


def minify_js(source: str) -> str:
    """JavaScript without comments (except `/*!` ones) and without whitespace it does not need."""
    return rjsmin.jsmin(source, keep_bang_comments=True)


def minify_css(source: str) -> str:
    """CSS without comments (except `/*!` ones) and without whitespace it does not need."""
    return rcssmin.cssmin(source, keep_bang_comments=True)


_MINIFIERS = {".js": minify_js, ".css": minify_css}


def minify_asset(name: str, content: bytes) -> bytes:
    """`content` of the file `name` minified if it is a script or a style sheet, else unchanged."""
    minifier = _MINIFIERS.get(PurePosixPath(name).suffix)
    return minifier(content.decode("utf-8")).encode("utf-8") if minifier else content
