"""Screenshots of the onboarding path for the README: home, a chapter and My progress, on a phone
(390 px) and a desktop (1280 px), light and dark, with a first stage half walked.

    python -m benchmarks.screenshots site/ screenshots/      # after `make build`
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.static_server import serve_folder
from build_tools import urls
from build_tools.path import onboarding_path
from build_tools.project import Project, build_project

CHROMIUM = "/usr/bin/chromium"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
SCHEMES = ("light", "dark")


def seeded_storage(project: Project) -> dict[str, str]:
    """What a returning new hire's browser holds: three guides of the first stage read, its checklist
    partly ticked, its quiz passed, a name entered. The states the scripts write then differ from the
    "Not started" the pages ship (the layout-shift audit loads pages with it too)."""
    stage = onboarding_path(project).stages[0]
    date = "2026-12-01T09:30:00.000Z"
    read = {guide.id: date for guide in stage.guides[:3]}
    storage = {"client-craft:read": json.dumps({"v": 1, "guides": read}),
               "client-craft:name": json.dumps({"v": 1, "name": "Linh Tran"})}
    for checklist in stage.checklists[:1]:
        ticked = [item.id for section in checklist.sections for item in section.items][:5]
        storage[f"client-craft:checklist:{checklist.id}"] = json.dumps({"v": 1, "ticked": ticked})
    for quiz in stage.quizzes[:1]:
        storage[f"client-craft:quiz-history:{quiz.id}"] = json.dumps(
            [{"date": date, "score": 9, "max": 12, "percent": 75.0, "passed": True}])
    return storage


def storage_script(storage: dict[str, str]) -> str:
    """A script for `add_init_script` that puts `storage` into localStorage before any page script runs."""
    return "".join(f"localStorage.setItem({json.dumps(key)}, {json.dumps(value)});" for key, value in storage.items())


def take(site: Path, out: Path, root: Path = Path(".")) -> list[Path]:
    """Write every screenshot into `out` and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    site_urls = urls.Urls(directory_urls=False)
    project = build_project(root)
    chapter = onboarding_path(project).stages[0].chapter.id
    pages = {"home": urls.HOME, "chapter": urls.chapter_page(chapter), "progress": urls.PROGRESS}
    script = storage_script(seeded_storage(project))
    written = []
    with serve_folder(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for viewport, size in VIEWPORTS.items():
            for scheme in SCHEMES:
                context = browser.new_context(viewport=size, color_scheme=scheme, service_workers="block")
                context.add_init_script(script)
                page = context.new_page()
                for name, src in pages.items():
                    page.goto(base_url + site_urls.url(src))
                    page.wait_for_load_state("networkidle")
                    path = out / f"{name}-{viewport}-{scheme}.png"
                    page.screenshot(path=path)
                    written.append(path)
                context.close()
        browser.close()
    return written


if __name__ == "__main__":
    for written in take(Path(sys.argv[1]), Path(sys.argv[2])):
        print(written)
