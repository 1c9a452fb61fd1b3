"""Jinja templates compiled once per process, for every build and every environment in it.

A build makes a fresh Jinja environment for the theme (MkDocs does, for each build) and one for our
own page templates (each edition speaks its own language through the environment's globals), and
each environment would compile its templates again: a tenth of an edition's build, and of each
rebuild while serving. Jinja's bytecode cache keeps the compiled code instead; its key and checksum
come from the template's name and source, so an edited template is compiled afresh.
"""

from __future__ import annotations

import jinja2
import jinja2.bccache


class _InMemory(jinja2.BytecodeCache):
    """Compiled templates in this process's memory: nothing is written to disk."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _InMemory()
"""The one cache every environment of the process shares (assign it to `Environment.bytecode_cache`)."""
