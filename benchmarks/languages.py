"""The site in all its languages beside the English site alone: CPU time of `mkdocs build`, side by side.

The goal (issue: the playbook in the sources' languages) is a five-language build in at most 3× the
CPU time of the English-only build as it was when the goal was set, which rendered its PDFs on every
build. Content is loaded and validated once for all languages; the PDFs, the slowest part of a build,
are rendered once per language and kept in a cache on disk keyed by a hash of their input, so a build
renders only the PDFs whose input changed. Every variant is measured from an empty PDF cache (a fresh
clone) and with the cache of the build before (a developer's machine, CI's cache), and compared both
with that English build and with the English build whose cache is in the same state.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import synth
from .timing import Sample, median, run_timed

GOAL = 3.0
"""All languages, with the PDF cache, in at most this many times the English-only build's CPU time."""


@dataclass
class LanguagesResult:
    """Samples of each variant: English only, and all languages with a cold and with a warm PDF cache."""

    languages: int
    samples: dict[str, list[Sample]] = field(default_factory=dict)

    def cpu(self, variant: str) -> float:
        """Median CPU seconds of a variant."""
        return median([sample.cpu for sample in self.samples[variant]])

    def wall(self, variant: str) -> float:
        """Median wall-clock seconds of a variant."""
        return median([sample.wall for sample in self.samples[variant]])

    def ratio(self, variant: str) -> float:
        """CPU time against the English-only build from an empty PDF cache (the build as it was before the
        cache: every PDF rendered anew): the goal's measure."""
        return self.cpu(variant) / self.cpu("english")

    def like_for_like(self, variant: str) -> float:
        """CPU time against the English-only build with the PDF cache in the same state (empty, or warm)."""
        return self.cpu(variant) / self.cpu("english_warm" if variant.endswith("_warm") else "english")


def copy_with_languages(root: Path) -> Path:
    """A copy of the real project with mkdocs.yml's `languages:` and their catalogs."""
    synth.copy_real_project(root)
    shutil.copy2(synth.REPO / "mkdocs.yml", root / "mkdocs.yml")  # with its `languages:`
    shutil.copytree(synth.REPO / "locales", root / "locales")
    return root


def codes(root: Path) -> list[str]:
    """The codes of the languages the project at `root` is published in besides English."""
    from build_tools.mkdocs_yml import our_plugin_options, read_config

    return [str(option.get("code")) for option in
            (our_plugin_options(read_config(root / "mkdocs.yml")) or {}).get("languages") or []]


def prepare(work: Path) -> tuple[Path, Path, int]:
    """Two copies of the real project: as it is (every language), and English only."""
    every = copy_with_languages(work / "languages-all")
    english = synth.copy_real_project(work / "languages-en")
    return every, english, len(codes(every))


def measure(work: Path, runs: int = 3) -> LanguagesResult:
    """Build each variant `runs` times, interleaved; cold builds start from an empty PDF cache."""
    every, english, count = prepare(work)
    out = work / "sites"
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", "mkdocs.yml"]
    result = LanguagesResult(count + 1, {"english": [], "english_warm": [], "all_cold": [], "all_warm": []})
    for _ in range(runs):
        shutil.rmtree(english / ".cache", ignore_errors=True)
        result.samples["english"].append(run_timed([*build, "-d", str(out / "languages-en")], english))
        result.samples["english_warm"].append(run_timed([*build, "-d", str(out / "languages-en")], english))
        shutil.rmtree(every / ".cache", ignore_errors=True)
        result.samples["all_cold"].append(run_timed([*build, "-d", str(out / "languages-all")], every))
        result.samples["all_warm"].append(run_timed([*build, "-d", str(out / "languages-all")], every))
    return result


def table(result: LanguagesResult) -> str:
    """The Markdown table of the section."""
    rows = [("English only, empty PDF cache", "english"),
            (f"all {result.languages} languages, empty PDF cache", "all_cold"),
            ("English only, PDF cache of the build before", "english_warm"),
            (f"all {result.languages} languages, PDF cache of the build before", "all_warm")]
    lines = ["| build | wall s | CPU s | CPU × English, empty cache | CPU × English, same cache |",
             "|---|---|---|---|---|"]
    for name, variant in rows:
        lines.append(f"| {name} | {result.wall(variant):.2f} | {result.cpu(variant):.2f} | "
                     f"**{result.ratio(variant):.2f}** | {result.like_for_like(variant):.2f} |")
    return "\n".join(lines)
