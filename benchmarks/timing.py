"""Timing a command in a child process: wall-clock and CPU seconds, and medians of runs."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Sample:
    """One run of a command: seconds of wall-clock time and of CPU (user + system, the child's)."""

    wall: float
    cpu: float
    output: str = ""


class CommandFailed(RuntimeError):
    """A timed command exited with an error; the message holds its output."""


def environment(**extra: str) -> dict[str, str]:
    """The environment of every timed command: quiet MkDocs, fixed dates, no stray Python paths."""
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "315532800")
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTHONPATH", None)
    env.update(extra)
    return env


def run_timed(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run `command` in `cwd` (with `env` added to the environment); return its wall and CPU time."""
    start = time.perf_counter()
    process = subprocess.Popen(list(command), cwd=cwd, env=environment(**(env or {})), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    # Read the output while waiting so a chatty child never blocks on a full pipe; wait4 then
    # gives this child's own resource use (not that of other children of this process).
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        text = output.decode("utf-8", "replace")[-4000:]
        raise CommandFailed(f"{' '.join(command)} (in {cwd}) exited with {process.returncode}:\n{text}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, output.decode("utf-8", "replace"))


def median(values: Sequence[float]) -> float:
    """The median, or NaN for no values."""
    return statistics.median(values) if values else float("nan")
