"""Injection: every free-text field of every content file carries HTML, script and template
payloads; the built pages show them as text and no script of theirs ever runs.

The content tree is the real one, copied, with each free-text field (the model's Text, ShortText
and InlineMarkdown fields; never ids, references, enums or numbers) prefixed with one of the
payloads in turn, cut to the field's maximum length so the content stays valid.
"""

from __future__ import annotations

import re
import types
import typing
from pathlib import Path

import pytest
import yaml
from annotated_types import MaxLen
from audit_site import open_state, page_states, search
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo
from support import build_site, copy_project, serve_folder

from build_tools import models
from build_tools.kinds import FILE_KINDS

MARK = "zq"  # around the template expression, so "zq49zq" can only come from evaluating it
PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    f"{MARK}{{{{ 7*7 }}}}{MARK}",
    "{% raw %}",
    '"><svg onload=window.__pwned=1>',
    "</title><script>window.__pwned=1</script>",
    "'><img src=x onerror=alert(1)>",
    "{% include 'base.html' %}",
)
EVALUATED = f"{MARK}49{MARK}"


# --- Rewriting the content -------------------------------------------------------------

def _metadata_of(annotation: object) -> tuple[object, list]:
    """Split `Annotated[T, ...]` into T and its metadata (FieldInfo metadata flattened in)."""
    metadata: list = []
    while typing.get_origin(annotation) is typing.Annotated:
        annotation, *extra = typing.get_args(annotation)
        for item in extra:
            metadata.extend(item.metadata if isinstance(item, FieldInfo) else [item])
    return annotation, metadata


def is_free_text(metadata: list) -> bool:
    """Free text is what the models declare as Text, ShortText or InlineMarkdown (all non-blank)."""
    return any(getattr(item, "func", None) is models._not_blank for item in metadata)


def max_length(metadata: list) -> int:
    """The tightest MaxLen in the metadata."""
    return min((item.max_length for item in metadata if isinstance(item, MaxLen)), default=2000)


class Injector:
    """Rewrites parsed YAML data, guided by its model, putting a payload into every free-text field."""

    def __init__(self) -> None:
        self.count = 0
        self.fixed: str | None = None

    def text(self, value: str, metadata: list) -> str:
        payload = self.fixed or PAYLOADS[self.count % len(PAYLOADS)]
        self.count += 1
        room = max_length(metadata) - len(payload) - 1
        return f"{payload} {value[:room]}".strip() if room > 0 else payload

    def value(self, value: object, annotation: object, metadata: list) -> object:
        annotation, extra = _metadata_of(annotation)
        metadata = [*metadata, *extra]
        origin = typing.get_origin(annotation)
        if value is None:
            return None
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return self.model(value, annotation)
        if origin in (typing.Union, types.UnionType):
            members = [m for m in typing.get_args(annotation) if m is not type(None)]
            if len(members) == 1:
                return self.value(value, members[0], metadata)
            for member in members:  # a union of models: the member the original data is
                try:
                    TypeAdapter(member).validate_python(value)
                except ValidationError:
                    continue
                return self.value(value, member, [])
            raise AssertionError(f"no member of {annotation} accepts {value!r}")
        if origin is list:
            (item,) = typing.get_args(annotation)
            if item is models.Option:
                # One payload for every option of a question: their lengths keep their order, so the
                # item-writing rules (the key is not the longest…) judge the same question as before.
                self.fixed = PAYLOADS[self.count % len(PAYLOADS)]
                try:
                    return [self.value(v, item, []) for v in value]
                finally:
                    self.fixed = None
            return [self.value(v, item, []) for v in value]
        if annotation is str and isinstance(value, str) and is_free_text(metadata):
            return self.text(value, metadata)
        return value

    def model(self, data: dict, model: type[BaseModel]) -> dict:
        fields = model.model_fields
        return {key: self.value(val, fields[key].annotation, list(fields[key].metadata)) if key in fields else val
                for key, val in data.items()}


def make_injected_project(dest: Path) -> int:
    """A copy of the project whose content carries payloads; returns how many fields were changed."""
    copy_project(dest)
    injector = Injector()
    for kind in FILE_KINDS:
        model = kind.model
        for path in sorted(dest.glob(kind.pattern)):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            annotation, _ = _metadata_of(model)
            if typing.get_origin(annotation) in (typing.Union, types.UnionType):
                data = injector.value(data, model, [])
            else:
                data = injector.model(data, model)
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")
    return injector.count


# --- The checks -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """(project, built site, fields changed) of the injected content tree."""
    project = tmp_path_factory.mktemp("injected") / "project"
    changed = make_injected_project(project)
    site = project.parent / "site"
    build_site(project / "mkdocs.yml", site)  # PDFs too: WeasyPrint renders the same texts
    return project, site, changed


def test_every_free_text_field_was_injected(injected: tuple[Path, Path, int]) -> None:
    project, _site, changed = injected
    print(f"injection: {changed} free-text fields carry a payload")
    assert changed > 500
    # ids and references were left alone: the project still validates and builds (the fixture built it)
    guide = yaml.safe_load(next((project / "content" / "guides").glob("*.yml")).read_text(encoding="utf-8"))
    assert re.fullmatch(r"[a-z0-9-]+", guide["id"])
    assert any(p in guide["title"] for p in PAYLOADS)


def test_no_payload_is_markup_in_the_html(injected: tuple[Path, Path, int]) -> None:
    """No page holds a payload as live markup: each appears escaped, never verbatim."""
    _project, site, _changed = injected
    live = ("<script>window.__pwned", "<img src=x onerror", "<svg onload", "</title><script>")
    found = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        found.extend(f"{page.relative_to(site)}: {needle}" for needle in live if needle in html)
        if EVALUATED in html:
            found.append(f"{page.relative_to(site)}: a template expression was evaluated ({EVALUATED})")
    assert not found, "payloads rendered as markup:\n" + "\n".join(found[:40])


@pytest.mark.browser
def test_no_payload_runs_in_the_browser(injected: tuple[Path, Path, int], context) -> None:
    project, site, _changed = injected
    dialogs: list[str] = []
    bad_requests: list[str] = []
    text = []
    with serve_folder(site) as base:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        # <img src=x> only fetches "x" if it became an element.
        page.on("request", lambda request: bad_requests.append(request.url)
                if request.url.rstrip("/").endswith("/x") else None)
        for state in page_states(project):
            open_state(page, base, state)
            pwned = page.evaluate("() => window.__pwned")
            assert pwned is None, f"a payload ran on {state.name} ({state.path})"
            text.append(page.locator("body").inner_text())
        # Search results are built in the browser from the index: search a payload's own word.
        page.goto(base + "index.html")
        search(page, "include")
        assert page.evaluate("() => window.__pwned") is None, "a payload ran in the search results"
        text.append(page.locator(".md-search-result").inner_text())
    assert not dialogs, f"payloads opened dialogs: {dialogs}"
    assert not bad_requests, f"payload images were requested: {bad_requests}"
    seen = " ".join(" ".join(text).split())
    missing = [p for p in PAYLOADS if " ".join(p.split()) not in seen]
    assert not missing, f"payloads not shown as text anywhere: {missing}"
    assert EVALUATED not in seen, "a {{ }} template expression was evaluated"
