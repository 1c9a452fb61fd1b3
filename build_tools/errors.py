"""The few exceptions of the build and the problem record every check reports."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one content file, located like a compiler error."""

    path: str
    line: int
    column: int
    location: str
    message: str

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{self.path}:{self.line}:{self.column}: {where}{self.message}"


class ClientCraftError(Exception):
    """Base of every error the build raises on purpose."""


class ContentError(ClientCraftError):
    """The content tree has mistakes; `problems` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def problems_found(problems: list[Problem]) -> str:
    """`1 problem found` / `3 problems found`."""
    count = len(problems)
    return f"{count} problem{'s' if count != 1 else ''} found"


def format_problems(problems: list[Problem]) -> str:
    """Problems as compiler-style lines, followed by a count."""
    return "\n".join([*map(str, problems), f"{problems_found(problems)}; nothing was built."])


def problems_as_json(problems: list[Problem], notes: Sequence[Problem] = ()) -> str:
    """Problems (and notes, such as reviews due) as a JSON document for editors and CI annotations."""
    document = {"problems": [asdict(p) for p in problems], "count": len(problems),
                "notes": [asdict(n) for n in notes]}
    return json.dumps(document, indent=2, ensure_ascii=False)
