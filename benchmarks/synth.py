"""Synthetic content at N× the real content, of the same shape, that validates.

Copy 1 is the real content unchanged; copies 2…N carry every id suffixed with `-kN` and
every reference rewritten to the suffixed ids, so the tree passes `build_tools check`.

Two limits of the format shape the copies, and RESULTS.md states both:

* A chapter's `order` is 1–99 and unique, so 500 chapters cannot exist. The 5 real chapters
  stay and each lists the guides of every copy (chapter pages and the nav grow instead).
* A content file may hold at most 1 MB and 20,000 values, and sources.yml is one file, so the
  registry holds as many suffixed copies of the sources as fit both; guide copy k cites source
  copy k mod that count, so every point is still cited and the Sources page grows until the cap.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from build_tools.yamlfile import MAX_FILE_BYTES, MAX_VALUES, read_yaml

REPO = Path(__file__).resolve().parent.parent
# What a project tree needs besides content: the site config, hand-written pages and theme.
PROJECT_FILES = ("mkdocs.yml",)
PROJECT_DIRS = ("pages", "theme")
# Leave headroom under the loader's limit for the YAML header and rounding.
SOURCES_BUDGET = int(MAX_FILE_BYTES * 0.9)
VALUES_BUDGET = int(MAX_VALUES * 0.9)


@dataclass(frozen=True)
class Synthetic:
    """A generated project tree and what it holds."""

    root: Path
    copies: int
    source_copies: int
    guides: int
    checklists: int
    quizzes: int


def _suffix(copy: int) -> str:
    return "" if copy == 1 else f"-k{copy}"


def _title(title: str, copy: int, limit: int = 80) -> str:
    """The title with a copy number when it fits the model's length limit (nav stays readable)."""
    if copy == 1:
        return title
    longer = f"{title} ({copy})"
    return longer if len(longer) <= limit else title


class _NoAliasDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes shared objects out in full: content files refuse YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: Any) -> str:
    # YAML 1.1 dumping quotes every string a 1.2 reader could mistake (`no`, `on`, `1.0`).
    return yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=120)


def _read(path: Path) -> Any:
    return read_yaml(path, path.name).data


def copy_project_files(root: Path, source: Path = REPO) -> None:
    """Copy mkdocs.yml (English only: see `english_only`), pages/ and theme/ (not content) from `source` into `root`."""
    root.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy2(source / name, root / name)
    english_only(root / "mkdocs.yml")
    for name in PROJECT_DIRS:
        if (source / name).is_dir():
            shutil.copytree(source / name, root / name, dirs_exist_ok=True)


def english_only(config: Path) -> None:
    """Drop the plugin's `languages:` from a copied mkdocs.yml: the scales and the peers measure the English
    site, as every earlier run did; benchmarks/languages.py measures the other languages beside it."""
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, inside = [], None
    for line in lines:
        indent = len(line) - len(line.lstrip(" "))
        if inside is not None and line.strip() and indent > inside:
            continue
        inside = None
        if line.strip() == "languages:":
            inside = indent
            continue
        kept.append(line)
    config.write_text("".join(kept), encoding="utf-8")


def _ref(ref: str, source_sfx: str) -> str:
    source_id, point_id = ref.split("/")
    return f"{source_id}{source_sfx}/{point_id}"


def _guide(data: dict, sfx: str, source_sfx: str, copy: int) -> dict:
    data = dict(data)
    data["id"] += sfx
    data["title"] = _title(data["title"], copy)
    data["related"] = [g + sfx for g in data.get("related", [])]
    data["sources"] = [_ref(r, source_sfx) for r in data["sources"]]
    data["contested"] = [entry_id + source_sfx for entry_id in data.get("contested", [])]
    if not data["related"]:
        del data["related"]
    if not data["contested"]:
        del data["contested"]
    return data


def _checklist(data: dict, sfx: str, copy: int) -> dict:
    data = dict(data)
    data["id"] += sfx
    data["title"] = _title(data["title"], copy)
    data["sections"] = [{**s, "items": [{**i, "guide": i["guide"] + sfx} for i in s["items"]]}
                        for s in data["sections"]]
    return data


def _quiz(data: dict, sfx: str, copy: int) -> dict:
    data = dict(data)
    data["id"] += sfx
    data["title"] = _title(data["title"], copy)
    if data["kind"] == "knowledge":
        # Chapters are shared by every copy (see the module docstring), so `chapter` stays.
        # Copies ask the real questions again, on purpose: the reason says so, as a waiver must.
        reason = f"Copy {copy} of the real quiz, made for the benchmarks."
        waiver = {"waive": {"duplicate-stem": reason}} if copy > 1 else {}
        data["questions"] = [{**q, "guides": [g + sfx for g in q["guides"]], **waiver} for q in data["questions"]]
        return data
    for field in ("dimensions", "bands", "overall_bands"):
        data[field] = [{**e, **({"guides": [g + sfx for g in e["guides"]]} if "guides" in e else {}),
                        **({"checklists": [c + sfx for c in e["checklists"]]} if "checklists" in e else {})}
                       for e in data[field]]
    return data


def _sources(registry: dict, copies: int) -> tuple[str, int]:
    """sources.yml text with as many suffixed copies of every source as fit in the size budget."""
    header = {"schema_version": registry["schema_version"]}
    one_copy = len(_dump({"sources": registry["sources"]}).encode()) + 8 * len(registry["sources"])
    values = sum(isinstance(event, yaml.ScalarEvent) for event in yaml.parse(_dump({"sources": registry["sources"]})))
    fit = max(1, min(copies, SOURCES_BUDGET // one_copy, VALUES_BUDGET // values))
    sources = [{**s, "id": s["id"] + _suffix(k)} for k in range(1, fit + 1) for s in registry["sources"]]
    text = _dump({**header, "sources": sources})
    while len(text.encode()) > SOURCES_BUDGET and fit > 1:  # the estimate was short: drop copies
        fit -= 1
        sources = [{**s, "id": s["id"] + _suffix(k)} for k in range(1, fit + 1) for s in registry["sources"]]
        text = _dump({**header, "sources": sources})
    return text, fit


def _contested(registry: dict, source_copies: int) -> str:
    """contested.yml with one copy of every entry per copy of the sources, citing that copy.

    Guide copy k shows the entries of source copy k mod that count, so every entry is shown and
    no two entries are about the same points.
    """
    entries = [{**entry, "id": entry["id"] + _suffix(k), "points": [_ref(r, _suffix(k)) for r in entry["points"]]}
               for k in range(1, source_copies + 1) for entry in registry["entries"]]
    text = _dump({"schema_version": registry["schema_version"], "entries": entries})
    if len(text.encode()) > MAX_FILE_BYTES:
        raise ValueError(f"{source_copies} copies of the contested entries do not fit in one content file")
    return text


def make_project(root: Path, copies: int, source: Path = REPO) -> Synthetic:
    """Write a project tree at `copies`× the content of `source` into `root` (replacing it)."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    if root.exists():
        shutil.rmtree(root)
    copy_project_files(root, source)
    content, quizzes = source / "content", source / "quizzes"
    for folder in ("content/chapters", "content/guides", "content/checklists", "quizzes"):
        (root / folder).mkdir(parents=True, exist_ok=True)

    sources_text, source_copies = _sources(_read(content / "sources.yml"), copies)
    (root / "content/sources.yml").write_text(sources_text, encoding="utf-8")
    if (content / "contested.yml").is_file():
        (root / "content/contested.yml").write_text(_contested(_read(content / "contested.yml"), source_copies),
                                                    encoding="utf-8")
    if (content / "changes.yml").is_file():  # it names pages of copy 1, which keeps the real ids
        shutil.copy2(content / "changes.yml", root / "content/changes.yml")

    guide_files = sorted((content / "guides").glob("*.yml"))
    checklist_files = sorted((content / "checklists").glob("*.yml"))
    quiz_files = sorted(quizzes.glob("*.yml"))
    guides = [_read(f) for f in guide_files]
    checklists = [_read(f) for f in checklist_files]
    quiz_data = [_read(f) for f in quiz_files]
    for copy in range(1, copies + 1):
        sfx, source_sfx = _suffix(copy), _suffix((copy - 1) % source_copies + 1)
        for data in guides:
            out = _guide(data, sfx, source_sfx, copy)
            (root / "content/guides" / f"{out['id']}.yml").write_text(_dump(out), encoding="utf-8")
        for data in checklists:
            out = _checklist(data, sfx, copy)
            (root / "content/checklists" / f"{out['id']}.yml").write_text(_dump(out), encoding="utf-8")
        for data in quiz_data:
            out = _quiz(data, sfx, copy)
            (root / "quizzes" / f"{out['id']}.yml").write_text(_dump(out), encoding="utf-8")
    for file in sorted((content / "chapters").glob("*.yml")):
        data = _read(file)
        data["guides"] = [g + _suffix(copy) for copy in range(1, copies + 1) for g in data["guides"]]
        (root / "content/chapters" / file.name).write_text(_dump(data), encoding="utf-8")
    return Synthetic(root, copies, source_copies, len(guides) * copies, len(checklists) * copies,
                     len(quiz_data) * copies)


def copy_real_project(root: Path, source: Path = REPO) -> Path:
    """A verbatim copy of the real project (config, pages, theme, content, quizzes) in `root`."""
    if root.exists():
        shutil.rmtree(root)
    copy_project_files(root, source)
    for name in ("content", "quizzes"):
        shutil.copytree(source / name, root / name)
    return root
