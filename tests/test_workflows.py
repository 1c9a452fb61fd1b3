"""The GitHub workflows install what the build needs: a deploy without a font prints blank boxes."""

from __future__ import annotations

import re

import yaml
from support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
# The Debian packages of the fonts the print template names (build_tools/templates/checklist_print.html.j2).
PDF_FONTS = {"Liberation Sans": "fonts-liberation", "Noto Sans CJK SC": "fonts-noto-cjk"}


def steps(name: str) -> list[dict]:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def installed(name: str) -> set[str]:
    commands = " ".join(step.get("run", "") for step in steps(name))
    return {package for line in re.findall(r"apt-get install -y ([^&\n]+)", commands) for package in line.split()}


def test_the_deploy_installs_every_font_the_pdfs_use() -> None:
    template = (ROOT / "build_tools" / "templates" / "checklist_print.html.j2").read_text(encoding="utf-8")
    for family, package in PDF_FONTS.items():
        assert f'"{family}"' in template, family  # the template still names it
        assert package in installed("pages.yml"), package


def test_the_deploy_builds_strictly_and_keeps_its_pdfs() -> None:
    deploy = steps("pages.yml")
    assert any(step.get("run") == "make build" for step in deploy)
    cache = next(step for step in deploy if str(step.get("uses", "")).startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/client-craft"


def test_the_test_workflow_runs_the_readme_command() -> None:
    assert any(step.get("run") == "make test" for step in steps("test.yml"))
    assert set(PDF_FONTS.values()) <= installed("test.yml")
