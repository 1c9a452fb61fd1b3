"""The page budgets in `budgets.toml`: one file, read by the audit gate and shown by `make bench`.

Bytes and counts are deterministic: the same build gives the same numbers on a quiet and on a
loaded machine, so they can fail a test. Times cannot, and are only measured (see lighthouse.py).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

BUDGETS_FILE = Path(__file__).with_name("budgets.toml")


@dataclass(frozen=True)
class PageBudget:
    """The most one page of a type may weigh and hold (KB = 1,000 bytes; gzip at level 6)."""

    html_kb: float
    html_gzip_kb: float
    our_js_kb: float
    our_js_gzip_kb: float
    our_css_kb: float
    our_css_gzip_kb: float
    requests: int
    """Requests the page makes while loading, with the offline copy's worker blocked."""
    dom_elements: int


@dataclass(frozen=True)
class Budgets:
    """Every budget in the file."""

    pages: dict[str, PageBudget]
    quiz_runtime_gzip_bytes: int
    """quiz.js with every module it imports, quiz.css and scoring.js, together, gzip."""
    scorm_package_zip_kb: float
    """The most a quiz's or self-assessment's SCORM 1.2 zip may weigh."""
    search_index_gzip_kb: float
    """The most the search index may weigh, gzip."""
    elements_per_question: float
    """Elements per knowledge question on a quiz page, at most."""
    elements_per_statement: float
    """Elements per self-assessment statement, at most."""


class BudgetFileError(ValueError):
    """budgets.toml is missing a value, has an unknown one or a value of the wrong type."""


def load_budgets(path: Path = BUDGETS_FILE) -> Budgets:
    """Read and check the budgets file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names = {f.name: f.type for f in fields(PageBudget)}
    pages = {}
    for page_type, values in data.get("page", {}).items():
        unknown, missing = set(values) - set(names), set(names) - set(values)
        if unknown or missing:
            raise BudgetFileError(f"{path.name}: [page.{page_type}]: unknown {sorted(unknown)}, "
                                  f"missing {sorted(missing)}")
        for name, value in values.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise BudgetFileError(f"{path.name}: [page.{page_type}].{name}: expected a number, found {value!r}")
        pages[page_type] = PageBudget(**values)
    runtime = data.get("quiz_runtime", {}).get("gzip_bytes")
    if isinstance(runtime, bool) or not isinstance(runtime, int):
        raise BudgetFileError(f"{path.name}: [quiz_runtime] needs `gzip_bytes = <whole number>`")
    numbers = [_number(data, path, section, key) for section, key in (
        ("scorm_package", "zip_kb"), ("search_index", "gzip_kb"), ("quiz_page", "elements_per_question"),
        ("quiz_page", "elements_per_statement"))]
    return Budgets(pages, runtime, *numbers)


def _number(data: dict, path: Path, section: str, key: str) -> float:
    value = data.get(section, {}).get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BudgetFileError(f"{path.name}: [{section}] needs `{key} = <number>`")
    return value
