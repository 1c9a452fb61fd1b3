"""RESULTS.md: an explanatory header, a trend table, then one dated section per run, newest first."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

TREND_START, TREND_END = "<!-- trend:start -->", "<!-- trend:end -->"
RUNS = "<!-- runs: newest first; each `make bench` adds a section here and keeps the older ones -->"

TREND_HEADER = (
    "| Date (UTC) | Commit | Cores | Build ratio 1× | 1×, no PDF | Build ratio 10× | 10×, no PDF "
    "| Pipeline ms/page 1× → 10× → 100× | check 100× s | Live reload s | Quiz score µs "
    "| Lighthouse: ours − best peer | All languages × English CPU (goal ≤ 3) |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
)

HEADER = """# Benchmarks

Measured by `make bench` (`python -m benchmarks.run`, code in `benchmarks/`). Every number is a
median of several runs taken side by side in one session (the commands of one repetition run
one after another, in a rotating order, so a busy machine slows all of them alike). Times are
given as **wall-clock / CPU** seconds; CPU is user + system time of the child process, which a
shared, busy machine disturbs far less than wall-clock time, so the ratios use CPU time
(wall-clock ratios are beside them).

## Trend

One row per run, newest first; the sections below keep every run's full tables.
Ratios are our build ÷ the plain MkDocs build of the same pages (CPU time; 1.00 = no overhead;
the goal is ≤ 1.10).

{trend_start}
{trend}
{trend_end}

## What each table means

- **Build cost.** *Ours* is `mkdocs build --strict` of the project: our plugin loads and
  validates the YAML, renders every page and adds the scripts and (unless `pdf: false`) the
  checklist PDFs. *Plain* is `mkdocs build --strict` of the very same pages written out as
  `.md` files beforehand (from `build_tools.render.Renderer(...).pages()`), with the same
  mkdocs.yml minus our plugin (search, offline and the theme stay), an explicit nav equal to
  ours and the same static assets copied in, but no PDFs. So *ratio* prices validation,
  rendering and PDFs, and *ratio, no PDF* compares like with like. *ms/page* is CPU
  milliseconds per page (flat = linear growth); *HTML KB/page* is the average built page,
  which grows with the site because Material writes the whole navigation into every page.
- **Scales.** 1× is the real `content/` and `quizzes/`. N× adds N−1 copies of every guide,
  checklist and quiz with every id suffixed (`-k2` …) and every reference rewritten, so the
  tree validates. Two limits of the format shape the copies: a chapter's `order` is 1–99 and
  unique, so the 5 real chapters stay and list the guides of every copy; and a content file
  may hold at most 1 MB, so `sources.yml` holds as many suffixed copies of the sources as fit
  (all at 10×, about half at 100×) and each guide copy cites one of them.
- **Our pipeline alone.** `python -m benchmarks.pipeline` runs the plugin's own work (load →
  validate → render every page → collect assets, no PDFs) without MkDocs or the theme, with
  the CPU seconds of each stage. This is the part whose growth we control; it also runs at
  scales where a full site build is impractical.
- **make check.** `python -m build_tools check --root …`: validation only, in a fresh process.
- **Every language.** `mkdocs build --strict` of a copy of the real project with mkdocs.yml's
  `languages:` (English at the root, each other language in its folder) beside the same project
  with English alone, each from an empty PDF cache (a fresh clone) and with the cache the build
  before left (a developer's machine, CI's cache). *× English, empty cache* compares with the
  English build that renders every PDF, as every build did before the cache; the goal is the
  five languages with the cache in at most 3× that (the trend's last column, with the cold
  five-language build and the like-for-like warm ratio beside it). *× English, same cache*
  compares builds whose caches are in the same state. Content is read and validated once for
  all languages, but each language is a whole MkDocs build with PDFs of its own, so a cold
  build renders every language's PDFs once.
- **Live reload.** `mkdocs serve` of a copy of the real project; after the first build is
  served, the first guide's YAML gets a new sentence in its summary; the time is from the
  file write to the first response of the guide's page that contains the new text (polled
  every 20 ms). A second row serves the first of mkdocs.yml's other languages
  (`CLIENT_CRAFT_LANGUAGE=vi`), as a translator does: its edition falls back to the edited
  English until the catalog has the new text.
- **Bytes per page.** For each page type, the page of median HTML size in the real site
  (its name is given). *Our JS* is every script under `assets/client-craft/` the page loads,
  following module imports; *our CSS* likewise for stylesheets; *theme* is Material's own
  script and stylesheets. Sizes are raw / gzip (level 6) in KB (1 KB = 1,000 bytes). The
  baseline row is a plain Material site with one Markdown page of one paragraph.
- **Quiz scoring.** In Chromium, on the built page of the largest quiz (and the largest
  self-assessment), `score(data, answers)` from the site's `assets/client-craft/scoring.js`
  runs over random answer sets (skipped questions, partial and wrong picks, shuffled orders)
  after a warm-up, in rounds of at least 50 ms each (performance.now() is coarse); µs per
  call, median of the rounds.

- **Lighthouse performance.** Lighthouse's mobile profile on the largest page of each type and on
  two peers: Material's one-paragraph page, and the largest knowledge quiz's questions that
  mkdocs-quiz can express (all but ordering) as that plugin writes them, with our theme settings
  (`benchmarks/peers.py`; the plugin is pinned in `benchmarks/requirements-bench.txt`, which
  `make bench` installs). Every page is served with gzip from loopback, and the pages take turns
  run after run; medians of the score and of FCP, LCP, TBT, CLS, DOM elements, requests and bytes
  transferred. "vs best peer" (and the trend's last column) is our score minus the better peer's,
  in points. Lighthouse simulates a phone from the CPU time the page
  took on this machine, so these figures move with the machine's load: they are measured here
  and in `make audit`'s report, never used as a test gate (the tests gate on bytes, requests,
  DOM size, render-blocking resources and layout shifts, which do not move).

{runs}
"""


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table; numbers are assumed formatted already."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _old_parts(text: str) -> tuple[list[str], str]:
    """Trend rows and run sections of an existing RESULTS.md (empty when there is none)."""
    rows: list[str] = []
    match = re.search(re.escape(TREND_START) + r"(.*?)" + re.escape(TREND_END), text, re.S)
    if match:
        # Any header line, this one or an older one with fewer columns, is written anew, not kept as a row.
        rows = [line for line in match.group(1).strip().splitlines()
                if line.startswith("|") and not line.startswith(("| Date (UTC) |", "|---"))]
    runs = text.split(RUNS, 1)[1].strip() if RUNS in text else ""
    return rows, runs


def write_results(path: Path, trend_row: str, section: str) -> None:
    """Put this run's trend row and section above the older ones; rewrite the header."""
    old_rows, old_runs = _old_parts(path.read_text(encoding="utf-8") if path.exists() else "")
    trend = "\n".join([*TREND_HEADER, trend_row, *old_rows])
    runs = RUNS + "\n\n" + section.strip() + "\n" + ("\n" + old_runs + "\n" if old_runs else "")
    text = HEADER.format(trend_start=TREND_START, trend=trend, trend_end=TREND_END, runs=runs)
    path.write_text(text.rstrip() + "\n", encoding="utf-8")
