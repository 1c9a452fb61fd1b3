"""`python -m benchmarks.run`: measure build cost, validation, live reload, page weight, SCORM packages, scoring
and team results.

Writes a dated section into benchmarks/RESULTS.md above the older ones and prints the ratios.
Everything it generates lives in benchmarks/.work/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from build_tools import models, urls
from build_tools.project import build_project

from . import baseline, languages, livereload, peers, perf, quizscore, report, synth, team
from .budgets import load_budgets
from .pages import PAGE_TYPES, page_kinds
from .timing import REPO, Sample, median, run_timed
from .weights import PageWeight, Size, page_weight

DEFAULT_OUTPUT = REPO / "benchmarks" / "RESULTS.md"
DEFAULT_WORK = REPO / "benchmarks" / ".work"
PY = sys.executable
VARIANTS = ("ours", "ours_nopdf", "plain", "check", "pipeline")


def log(message: str) -> None:
    """Progress on stderr, so stdout keeps only the summary."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- the machine -----------------------------------------------------------------------------


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine() -> dict[str, str]:
    """Date, cores, memory, CPU, load, Python and package versions, and the git commit."""
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    commit = _git("rev-parse", "--short", "HEAD") or "?"
    if _git("status", "--porcelain", "--untracked-files=no"):
        commit += " (uncommitted changes)"
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": str(os.cpu_count()),
        "memory": memory,
        "cpu": cpu,
        "load": " / ".join(f"{x:.2f}" for x in load),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
        "commit": commit,
        "os": f"{platform.system()} {platform.release()}",
    }


# --- build and check at each scale ------------------------------------------------------------


@dataclass
class ScaleResult:
    """Every timed sample at one scale, by variant, with sizes."""

    scale: int
    pages: int
    yaml_files: int
    built: bool
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    stages: list[dict[str, float]] = field(default_factory=list)
    html_bytes_per_page: float = float("nan")
    source_copies: int = 1

    def wall(self, variant: str) -> float:
        """Median wall-clock seconds of a variant."""
        return median([s.wall for s in self.samples.get(variant, [])])

    def cpu(self, variant: str) -> float:
        """Median CPU seconds of a variant."""
        return median([s.cpu for s in self.samples.get(variant, [])])

    def ratio(self, variant: str, *, cpu: bool = True) -> float:
        """Median of `variant` ÷ median of the plain build."""
        get = self.cpu if cpu else self.wall
        return get(variant) / get("plain") if self.built else float("nan")

    @property
    def runs(self) -> int:
        """Repetitions actually made."""
        return max((len(v) for v in self.samples.values()), default=0)


def prepare(scale: int, work: Path, build: bool) -> tuple[Path, Path | None, int]:
    """The project tree at `scale` (and its plain twin when it is built); return both and source copies."""
    root = work / f"x{scale}"
    if scale == 1:
        synth.copy_real_project(root)
        source_copies = 1
    else:
        source_copies = synth.make_project(root, scale).source_copies
    plain = None
    if build:
        plain = work / f"x{scale}-plain"
        baseline.write_plain_project(root, plain)
    return root, plain, source_copies


def _commands(root: Path, plain: Path | None, work: Path,
              scale: int) -> dict[str, tuple[list[str], Path, dict[str, str]]]:
    out = work / "sites"
    mkdocs = [PY, "-m", "mkdocs", "build", "--strict", "--quiet"]
    commands = {
        "check": ([PY, "-m", "build_tools", "check", "--root", str(root)], root, {}),
        "pipeline": ([PY, "-m", "benchmarks.pipeline", str(root)], REPO, {}),
    }
    if plain is not None:
        commands["ours"] = ([*mkdocs, "-f", "mkdocs.yml", "-d", str(out / f"ours-x{scale}")], root, {})
        commands["ours_nopdf"] = ([*mkdocs, "-f", "mkdocs.yml", "-d", str(out / f"nopdf-x{scale}")], root,
                                  baseline.NO_PDF)
        commands["plain"] = ([*mkdocs, "-f", "mkdocs.yml", "-d", str(out / f"plain-x{scale}")], plain, {})
    return commands


def _html_bytes_per_page(site: Path) -> float:
    pages = [p.stat().st_size for p in site.rglob("*.html") if p.name != "404.html"]
    return sum(pages) / len(pages) if pages else float("nan")


def measure_scale(scale: int, work: Path, *, build: bool, runs: int, budget: float) -> ScaleResult:
    """Time every variant `runs` times, interleaved, fewer when the scale's time budget runs out."""
    log(f"{scale}×: generating content" + (" and the plain twin" if build else ""))
    root, plain, source_copies = prepare(scale, work, build)
    commands = _commands(root, plain, work, scale)
    yaml_files = sum(1 for _ in root.glob("content/**/*.yml")) + sum(1 for _ in root.glob("quizzes/*.yml"))
    result = ScaleResult(scale, 0, yaml_files, build, {name: [] for name in commands}, source_copies=source_copies)
    # Pages of the site = generated pages + the hand-written ones in the docs folder.
    handwritten = sum(1 for _ in (root / str(baseline.load_config(root / "mkdocs.yml").get("docs_dir", "docs")))
                      .rglob("*.md"))
    order = [v for v in VARIANTS if v in commands]
    started = time.perf_counter()
    for rep in range(runs):
        rep_start = time.perf_counter()
        for variant in order[rep % len(order):] + order[: rep % len(order)]:
            command, cwd, env = commands[variant]
            sample = run_timed(command, cwd, env)
            result.samples[variant].append(sample)
            if variant == "pipeline":
                stages = json.loads(sample.output.strip().splitlines()[-1])
                result.pages = stages.pop("pages") + handwritten
                stages.pop("files", None)
                result.stages.append(stages)
        elapsed = time.perf_counter() - started
        per_rep = elapsed / (rep + 1)
        log(f"{scale}×: repetition {rep + 1} took {time.perf_counter() - rep_start:.1f} s")
        if rep + 1 < runs and elapsed + per_rep > budget:
            log(f"{scale}×: stopping after {rep + 1} repetitions (time budget {budget:.0f} s)")
            break
    if build:
        result.html_bytes_per_page = _html_bytes_per_page(work / "sites" / f"nopdf-x{scale}")
    return result


# --- bytes, live reload, scoring ----------------------------------------------------------------


def largest_quizzes(root: Path) -> list[str]:
    """Built HTML paths of the knowledge quiz with most questions and the assessment with most items."""
    project = build_project(root)
    to_html = urls.Urls(directory_urls=False).url
    knowledge = [q for q in project.quizzes.values() if isinstance(q, models.Quiz)]
    assessments = [q for q in project.quizzes.values() if isinstance(q, models.Assessment)]
    picks = []
    if knowledge:
        picks.append(max(knowledge, key=lambda q: len(q.questions)))
    if assessments:
        picks.append(max(assessments, key=lambda q: len(q.items)))
    return [to_html(urls.quiz_page(q.id)) for q in picks]


def peer_pages(root: Path, work: Path, notes: list[str]) -> list[perf.Peer]:
    """The peers ours are measured against: Material's bare page (built by `material_weight`), and the
    largest knowledge quiz as mkdocs-quiz writes it, built here (when installed; `make bench` installs it)."""
    found = [perf.Peer(perf.BASELINE, work / "material" / "site", "index.html", "one paragraph")]
    if not peers.mkdocs_quiz_installed():
        notes.append(f"mkdocs-quiz is not installed, so its page was not measured: `pip install --no-deps -r "
                     f"{peers.REQUIREMENTS.relative_to(REPO)}` (`make bench` does).")
        return found
    project = build_project(root)
    quiz = max((q for q in project.quizzes.values() if isinstance(q, models.Quiz)), key=lambda q: len(q.questions))
    folder = work / "peers" / "mkdocs-quiz"
    count = peers.write_mkdocs_quiz_peer(quiz, root, folder)
    run_timed([PY, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(folder / "site")], folder)
    found.append(perf.Peer(perf.MKDOCS_QUIZ, folder / "site", "index.html",
                           f"{quiz.id}: {count} of {len(quiz.questions)} questions (no ordering)"))
    return found


def weigh(site: Path, kinds: dict[str, list[str]]) -> list[tuple[str, PageWeight, tuple[int, int]]]:
    """For each page type: the median-size page's weight and the HTML size range of the type."""
    rows = []
    for kind in PAGE_TYPES:
        pages = [p for p in kinds[kind] if (site / p).is_file()]
        if not pages:
            continue
        pages.sort(key=lambda p: ((site / p).stat().st_size, p))
        sizes = [(site / p).stat().st_size for p in pages]
        rows.append((kind, page_weight(site, pages[(len(pages) - 1) // 2]), (sizes[0], sizes[-1])))
    return rows


def material_weight(work: Path) -> PageWeight:
    """Build the plain Material site and weigh its one page."""
    dest = work / "material"
    baseline.write_material_baseline(dest)
    run_timed([PY, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(dest / "site")], dest)
    return page_weight(dest / "site", "index.html")


# --- formatting -------------------------------------------------------------------------------


def _s(sample_wall: float, sample_cpu: float) -> str:
    return f"{sample_wall:.2f} / {sample_cpu:.2f}"


def _x(value: float) -> str:
    return "–" if value != value else f"{value:.2f}"


def _kb(size: Size) -> str:
    return f"{size.raw / 1000:.1f} / {size.gzip / 1000:.1f}"


def build_table(results: list[ScaleResult]) -> str:
    """The build-cost table."""
    rows = []
    for r in results:
        if not r.built:
            continue
        rows.append([f"{r.scale}×", r.pages, r.runs, _s(r.wall("ours"), r.cpu("ours")),
                     _s(r.wall("ours_nopdf"), r.cpu("ours_nopdf")), _s(r.wall("plain"), r.cpu("plain")),
                     f"**{_x(r.ratio('ours'))}** ({_x(r.ratio('ours', cpu=False))})",
                     f"**{_x(r.ratio('ours_nopdf'))}** ({_x(r.ratio('ours_nopdf', cpu=False))})",
                     f"{1000 * r.cpu('ours') / r.pages:.1f} / {1000 * r.cpu('ours_nopdf') / r.pages:.1f} / "
                     f"{1000 * r.cpu('plain') / r.pages:.1f}",
                     f"{r.html_bytes_per_page / 1000:.0f}"])
    return report.table(
        ["Scale", "Pages", "Runs", "Ours s (wall / CPU)", "Ours, `pdf: false`", "Plain mkdocs",
         "Ratio CPU (wall)", "Ratio no PDF CPU (wall)", "CPU ms/page: ours / no PDF / plain", "HTML KB/page"],
        rows)


def pipeline_table(results: list[ScaleResult]) -> str:
    """Our pipeline's stages per scale."""
    rows = []
    for r in results:
        stage = {key: median([s[key] for s in r.stages]) for key in ("import", "load_validate", "render", "assets")}
        total = stage["load_validate"] + stage["render"] + stage["assets"]
        rows.append([f"{r.scale}×", r.pages, r.runs, f"{stage['load_validate']:.2f}", f"{stage['render']:.2f}",
                     f"{stage['assets']:.2f}", f"{total:.2f}", f"{1000 * total / r.pages:.1f}",
                     f"{1000 * stage['load_validate'] / r.pages:.1f}", f"{1000 * stage['render'] / r.pages:.1f}",
                     _s(r.wall("pipeline"), r.cpu("pipeline"))])
    return report.table(
        ["Scale", "Pages", "Runs", "Load + validate CPU s", "Render CPU s", "Assets CPU s", "Total CPU s",
         "ms/page", "ms/page load + validate", "ms/page render", "Process s (wall / CPU)"], rows)


def check_table(results: list[ScaleResult]) -> str:
    """`make check` per scale."""
    rows = [[f"{r.scale}×", r.yaml_files, r.runs, _s(r.wall("check"), r.cpu("check")),
             f"{1000 * r.cpu('check') / r.yaml_files:.1f}"] for r in results]
    return report.table(["Scale", "YAML files", "Runs", "s (wall / CPU)", "CPU ms per file"], rows)


def weight_table(rows: list[tuple[str, PageWeight, tuple[int, int]]], material: PageWeight) -> str:
    """Bytes per page type beside Material's bare page."""
    body = [[kind, f"`{w.page}`", _kb(w.html), f"{lo / 1000:.0f}–{hi / 1000:.0f}", _kb(w.our_js),
             ", ".join(w.our_js_files) or "–", _kb(w.our_css), _kb(w.theme_js + w.theme_css), _kb(w.total)]
            for kind, w, (lo, hi) in rows]
    body.append(["**Material baseline**", "one paragraph", _kb(material.html), "–", _kb(material.our_js), "–",
                 _kb(material.our_css), _kb(material.theme_js + material.theme_css), _kb(material.total)])
    return report.table(["Page type", "Page (median HTML size)", "HTML KB raw / gzip", "HTML KB range (type)",
                         "Our JS", "Our JS files", "Our CSS", "Theme JS + CSS", "Total"], body)


def scoring_table(results: list[quizscore.ScoringResult]) -> str:
    """Scoring µs per call."""
    rows = [[f"`{r.page}`", r.kind, r.size, r.sets, len(r.microseconds), f"**{median(r.microseconds):.1f}**",
             f"{min(r.microseconds):.1f}–{max(r.microseconds):.1f}"] for r in results]
    return report.table(["Page", "Kind", "Questions / items", "Answer sets", "Rounds", "µs per score() (median)",
                         "Range of rounds"], rows)


def scorm_table(site: Path) -> str:
    """The size of every SCORM 1.2 package the build wrote, against its budget."""
    budget = load_budgets().scorm_package_zip_kb
    rows = []
    for package in sorted((site / "quizzes" / "export").glob("*-scorm12.zip")):
        with zipfile.ZipFile(package) as archive:
            files = len(archive.infolist())
            unpacked = sum(entry.file_size for entry in archive.infolist())
        size = package.stat().st_size
        rows.append([f"`{package.name}`", files, f"{unpacked / 1000:.1f}", f"**{size / 1000:.1f}**",
                     f"{budget:g}", f"{size / 1000 / budget:.2f}"])
    return report.table(["Package", "Files", "Unpacked KB", "Zipped KB", "Budget KB", "Ratio to budget"], rows)


def team_table(result: team.TeamResult) -> str:
    """Seconds to load and analyse a team's files on the team page."""
    return report.table(["Quiz", "Questions", "Files", "Runs", "Seconds (median)", "Range", "Ratio to 2 s"],
                        [[f"`{result.quiz}`", result.questions, result.files, len(result.seconds),
                          f"**{median(result.seconds):.2f}**", f"{min(result.seconds):.2f}–{max(result.seconds):.2f}",
                          f"{result.ratio:.2f}"]])


def section(info: dict[str, str], results: list[ScaleResult], reloads: list[livereload.ReloadResult],
            weights: str, scoring: list[quizscore.ScoringResult], notes: list[str], seconds: float,
            speed: dict[str, dict] | None = None, team_result: team.TeamResult | None = None,
            site: Path | None = None, languages_result: languages.LanguagesResult | None = None) -> str:
    """This run's dated section; `site` is the real site built, whose SCORM packages are weighed."""
    lines = [
        f"## Run of {info['date']}",
        "",
        f"Machine: {info['cores']} cores ({info['cpu']}), {info['memory']} memory, {info['os']}; "
        f"load average at start {info['load']}. Python {info['python']}, MkDocs {info['mkdocs']}, "
        f"Material {info['material']}. Commit {info['commit']}. The run took {seconds / 60:.1f} min.",
        "",
        "### Build cost: our pipeline vs plain MkDocs of the same pages",
        "",
        build_table(results),
        "",
        "### Our pipeline alone (no MkDocs, no theme)",
        "",
        pipeline_table(results),
        "",
        "### make check (validation only)",
        "",
        check_table(results),
        "",
        "### Every language beside the English site alone (real content, `mkdocs build`)",
        "",
        languages.table(languages_result) if languages_result else "Not measured in this run.",
        "",
        "### Live reload (real content)",
        "",
    ]
    if reloads:
        lines += [report.table(
            ["Page", "Config", "Edits", "Seconds per edit", "Median s", "First build served after s"],
            [[f"`{reload.page}`", f"`{reload.config}`", len(reload.seconds),
              ", ".join(f"{s:.2f}" for s in reload.seconds),
              f"**{median(reload.seconds):.2f}**", f"{reload.startup:.1f}"] for reload in reloads]), ""]
    else:
        lines += ["Not measured in this run.", ""]
    lines += ["### Bytes per page (real content)", "", weights, "", "### Quiz scoring in Chromium", "",
              scoring_table(scoring) if scoring else "Not measured in this run.", "",
              "### SCORM 1.2 packages (real content)", "", scorm_table(site) if site else "Not measured in this run.",
              "",
              "### Team results in Chromium (files dropped to item analysis shown)", "",
              team_table(team_result) if team_result else "Not measured in this run.", "",
              "### Lighthouse performance beside the peers (mobile profile, medians; pages take turns)", "",
              perf.table(speed) if speed else "Not measured in this run.", ""]
    if notes:
        lines += ["### Notes", "", *[f"- {note}" for note in notes], ""]
    return "\n".join(lines)


def trend_row(info: dict[str, str], results: list[ScaleResult], reloads: list[livereload.ReloadResult],
              scoring: list[quizscore.ScoringResult], speed: dict[str, dict] | None = None,
              languages_result: languages.LanguagesResult | None = None) -> str:
    """One line of the trend table."""
    by_scale = {r.scale: r for r in results}

    def ratio(scale: int, variant: str) -> str:
        return _x(by_scale[scale].ratio(variant)) if scale in by_scale and by_scale[scale].built else "–"

    def per_page(r: ScaleResult) -> str:
        stage = [s["load_validate"] + s["render"] + s["assets"] for s in r.stages]
        return f"{1000 * median(stage) / r.pages:.1f}"

    knowledge = [s for s in scoring if s.kind == "knowledge"]
    versus = perf.versus_peers(speed) if speed else {}
    cells = [
        info["date"], info["commit"].split()[0], info["cores"],
        ratio(1, "ours"), ratio(1, "ours_nopdf"), ratio(10, "ours"), ratio(10, "ours_nopdf"),
        " → ".join(per_page(r) for r in results),
        _s(by_scale[100].wall("check"), by_scale[100].cpu("check")) if 100 in by_scale else "–",
        " · ".join(f"{median(reload.seconds):.2f}" + (f" ({reload.language})" if reload.language else "")
                   for reload in reloads) or "–",
        f"{median(knowledge[0].microseconds):.1f}" if knowledge else "–",
        " · ".join(f"{kind} {perf.signed(points)}" for kind, points in versus.items()) or "–",
        (f"{languages_result.ratio('all_warm'):.2f} (cold {languages_result.ratio('all_cold'):.2f}, like for like "
         f"warm {languages_result.like_for_like('all_warm'):.2f})" if languages_result else "–"),
    ]
    return "| " + " | ".join(cells) + " |"


# --- main -------------------------------------------------------------------------------------


def _scales(text: str) -> list[int]:
    return sorted({int(x) for x in text.split(",") if x.strip()})


def _runs(text: str) -> dict[int, int]:
    return {int(k): int(v) for k, v in (pair.split("=") for pair in text.split(",") if pair.strip())}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="content scales to measure (default 1,10,100)")
    parser.add_argument("--build-scales", default="1,10",
                        help="scales at which full site builds run (default 1,10; see RESULTS.md on 100×)")
    parser.add_argument("--runs", default="1=5,10=3,100=3", help="repetitions per scale, e.g. 1=5,10=3,100=3")
    parser.add_argument("--budget", type=float, default=240.0,
                        help="seconds per scale after which no further repetition starts (default 240)")
    parser.add_argument("--reload-runs", type=int, default=3, help="live-reload edits (0 skips; default 3)")
    parser.add_argument("--reload-without-pdf", action="store_true",
                        help="serve with the plugin's `pdf: false` (default: mkdocs.yml as `make serve` does)")
    parser.add_argument("--answer-sets", type=int, default=1000, help="random answer sets per quiz (default 1000)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds over the answer sets (default 5)")
    parser.add_argument("--no-browser", action="store_true",
                        help="skip the Chromium benchmarks (quiz scoring and Lighthouse)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page type and for Material's page (0 skips; default 3)")
    parser.add_argument("--lighthouse-pages", default=",".join(PAGE_TYPES),
                        help="page types Lighthouse measures (default: every type)")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="results file (default RESULTS.md)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="scratch folder (default benchmarks/.work)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark, write the results file and print the ratios."""
    args = parse_args(argv)
    started = time.perf_counter()
    info = machine()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    scales, build_scales, runs = _scales(args.scales), set(_scales(args.build_scales)), _runs(args.runs)
    if 1 not in scales:
        raise SystemExit("the scales must include 1 (the real content)")
    log(f"machine: {info['cores']} cores, {info['memory']}, load {info['load']}, commit {info['commit']}")
    notes: list[str] = []

    results = []
    for scale in scales:
        result = measure_scale(scale, work, build=scale in build_scales, runs=runs.get(scale, 3),
                               budget=args.budget)
        results.append(result)
        if result.source_copies < scale:
            notes.append(f"At {scale}× `sources.yml` holds {result.source_copies} copies of the sources "
                         f"(a content file holds at most 1 MB and 20,000 values); each guide copy cites one of them.")
        # Keep the 1× site with PDFs for the byte counts; drop the big ones (10× is ~130 MB each).
        for name in ("ours", "nopdf", "plain"):
            if (scale, name) != (1, "ours"):
                shutil.rmtree(work / "sites" / f"{name}-x{scale}", ignore_errors=True)
    built = [r for r in results if r.built]
    if len(built) >= 2:
        first, last = built[0], built[-1]
        growth = last.html_bytes_per_page / first.html_bytes_per_page
        projected = max(scales)
        if projected not in build_scales:
            pages = next(r.pages for r in results if r.scale == projected)
            per_page = first.html_bytes_per_page + (last.html_bytes_per_page - first.html_bytes_per_page) * (
                (pages - first.pages) / (last.pages - first.pages))
            notes.append(
                f"No full site build at {projected}×: the average page grows from "
                f"{first.html_bytes_per_page / 1000:.0f} KB ({first.scale}×) to "
                f"{last.html_bytes_per_page / 1000:.0f} KB "
                f"({last.scale}×, ×{growth:.1f}) because Material writes the whole navigation into every page, so "
                f"site size grows with pages². Extrapolated, {projected}× would write {pages:,} pages of "
                f"~{per_page / 1e6:.1f} MB, ~{pages * per_page / 1e9:.0f} GB of HTML; a trial build rendered about "
                f"2.5 pages a second on this 2-core machine under load (over half an hour). Pass `--build-scales "
                f"{','.join(str(s) for s in sorted(build_scales | {projected}))}` to try anyway.")

    log("languages: the five-language build beside the English one")
    languages_result = languages.measure(work, runs=min(3, max(runs.get(1, 3), 1)))

    reloads: list[livereload.ReloadResult] = []
    if args.reload_runs > 0:
        log("live reload: starting mkdocs serve on a copy of the real project")
        serve_root = synth.copy_real_project(work / "serve")
        no_pdf = baseline.NO_PDF if args.reload_without_pdf else {}
        reloads.append(livereload.measure(serve_root, runs=args.reload_runs, env=no_pdf))
        # A translator serves their own language (`serve_language`): its edition, from its catalogs.
        serve_edition = languages.copy_with_languages(work / "serve-edition")
        for code in languages.codes(serve_edition)[:1]:
            log(f"live reload: serving the `{code}` edition")
            reloads.append(livereload.measure(serve_edition, runs=args.reload_runs,
                                              env={**no_pdf, livereload.SERVE_LANGUAGE: code}))

    real_site = work / "sites" / "ours-x1"
    if not real_site.is_dir():
        run_timed([PY, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(real_site)], work / "x1")
    log("bytes per page")
    weights = weight_table(weigh(real_site, page_kinds(work / "x1")), material_weight(work))

    scoring: list[quizscore.ScoringResult] = []
    if not args.no_browser:
        log("quiz scoring in Chromium")
        scoring = quizscore.measure(real_site, largest_quizzes(work / "x1"), sets=args.answer_sets,
                                    rounds=args.rounds)
    team_result = None
    if not args.no_browser:
        log("team results in Chromium: 500 files")
        team_result = team.measure(real_site, work / "x1")
    speed: dict[str, dict] | None = None
    if not args.no_browser and args.lighthouse_runs > 0:
        log(f"Lighthouse performance: {args.lighthouse_runs} runs per page type and of each peer's page")
        speed = perf.measure(real_site, peer_pages(work / "x1", work, notes), runs=args.lighthouse_runs,
                             root=work / "x1", page_types=tuple(args.lighthouse_pages.split(",")))

    seconds = time.perf_counter() - started
    args.output.parent.mkdir(parents=True, exist_ok=True)
    report.write_results(args.output, trend_row(info, results, reloads, scoring, speed, languages_result),
                         section(info, results, reloads, weights, scoring, notes, seconds, speed, team_result,
                                 real_site, languages_result))
    log(f"wrote {args.output} in {seconds / 60:.1f} min")

    for r in built:
        print(f"{r.scale}× ({r.pages} pages): ours/plain {r.ratio('ours'):.2f} CPU ({r.ratio('ours', cpu=False):.2f} "
              f"wall); pdf: false {r.ratio('ours_nopdf'):.2f} CPU ({r.ratio('ours_nopdf', cpu=False):.2f} wall)")
    for r in results:
        print(f"{r.scale}×: check {r.wall('check'):.2f} s wall / {r.cpu('check'):.2f} s CPU; pipeline "
              f"{1000 * median([s['load_validate'] + s['render'] + s['assets'] for s in r.stages]) / r.pages:.1f} "
              f"CPU ms/page")
    print(f"languages: {languages_result.languages} languages / English only from an empty PDF cache, CPU: "
          f"{languages_result.ratio('all_warm'):.2f} with the cache of the build before (goal ≤ {languages.GOAL:.0f}), "
          f"{languages_result.ratio('all_cold'):.2f} from an empty cache; "
          f"{languages_result.like_for_like('all_warm'):.2f} beside the English build with its cache")
    for reload in reloads:
        print(f"live reload, {reload.config}: {median(reload.seconds):.2f} s (median of {len(reload.seconds)})")
    for s in scoring:
        print(f"scoring {s.page}: {median(s.microseconds):.1f} µs per call")
    if team_result:
        print(f"team page: {team_result.files} files of {team_result.questions} questions in "
              f"{median(team_result.seconds):.2f} s, ratio to 2 s {team_result.ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
