"""The permissions a file or folder written by our commands gets: what the user's own umask allows.

`tempfile` creates files (0600) and folders (0700) for their owner only; anything we stage there
and then rename into place gets the mode a plain `open()` or `mkdir()` would have given it.
"""

from __future__ import annotations

import os


def current_umask() -> int:
    """The process's umask, read without changing it where Linux allows (`/proc/self/status`)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere reading it means setting it, so it is put straight back
    os.umask(mask)
    return mask
