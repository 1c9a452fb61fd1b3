"""The site in all its languages beside the English site alone: CPU time of `mkdocs build`, side by side.

The goal (issue: the playbook in the sources' languages) is a five-language build in at most 3× the
CPU time of the English-only build. Content is loaded and validated once for all languages; the PDFs,
the slowest part of a build, are rendered once per language and kept in a cache on disk keyed by a hash of
their input, so a build renders only the PDFs whose input changed. Both are measured: a cold build (an
empty cache, as in a fresh clone) and a warm one (the cache of the build before, as on a developer's
machine or a CI cache).
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import synth
from .timing import Sample, median, run_timed

GOAL = 3.0
"""All languages in at most this many times the English-only build's CPU time."""


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
        """CPU time against the English-only build (cold, as today's build)."""
        return self.cpu(variant) / self.cpu("english")


def prepare(work: Path) -> tuple[Path, Path, int]:
    """Two copies of the real project: as it is (every language), and English only."""
    every = synth.copy_real_project(work / "languages-all")
    shutil.copy2(synth.REPO / "mkdocs.yml", every / "mkdocs.yml")  # with its `languages:`
    shutil.copytree(synth.REPO / "locales", every / "locales")
    english = synth.copy_real_project(work / "languages-en")
    from build_tools.mkdocs_yml import our_plugin_options, read_config

    count = len((our_plugin_options(read_config(every / "mkdocs.yml")) or {}).get("languages") or [])
    return every, english, count


def measure(work: Path, runs: int = 3) -> LanguagesResult:
    """Build each variant `runs` times, interleaved; cold builds start from an empty PDF cache."""
    every, english, count = prepare(work)
    out = work / "sites"
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", "mkdocs.yml"]
    result = LanguagesResult(count + 1, {"english": [], "all_cold": [], "all_warm": []})
    for _ in range(runs):
        shutil.rmtree(english / ".cache", ignore_errors=True)
        result.samples["english"].append(run_timed([*build, "-d", str(out / "languages-en")], english))
        shutil.rmtree(every / ".cache", ignore_errors=True)
        result.samples["all_cold"].append(run_timed([*build, "-d", str(out / "languages-all")], every))
        result.samples["all_warm"].append(run_timed([*build, "-d", str(out / "languages-all")], every))
    return result


def table(result: LanguagesResult) -> str:
    """The Markdown table of the section."""
    rows = [("English only (today's build)", "english"), (f"all {result.languages} languages, empty PDF cache",
                                                          "all_cold"),
            (f"all {result.languages} languages, PDF cache of the build before", "all_warm")]
    lines = ["| build | wall s | CPU s | CPU × English |", "|---|---|---|---|"]
    for name, variant in rows:
        lines.append(f"| {name} | {result.wall(variant):.2f} | {result.cpu(variant):.2f} | "
                     f"**{result.ratio(variant):.2f}** |")
    return "\n".join(lines)
