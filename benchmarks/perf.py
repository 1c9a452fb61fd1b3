"""Lighthouse performance of every page type beside Material's own page: medians of several runs.

`make bench` puts this table into RESULTS.md; `make audit` writes it as its report. It is a
measurement of this machine now (Lighthouse simulates a phone from the CPU time the page took
here), so it is reported, never gated: a busy machine gives lower numbers for the same page.

    python -m benchmarks.perf SITE [--baseline MATERIAL_SITE] [--runs 3] [--out report.md]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import lighthouse, report
from .pages import largest_of_each_type, page_kinds
from .static_server import serve_folder as serving
from .timing import REPO

BASELINE = "**Material baseline**"


def measure(site: Path, baseline: Path | None, *, runs: int, root: Path = REPO,
            page_types: tuple[str, ...] | None = None) -> dict[str, dict]:
    """Median Lighthouse scores and metrics of the largest page of every type (and the baseline page)."""
    pages = largest_of_each_type(site, page_kinds(root))
    if page_types is not None:
        pages = {kind: page for kind, page in pages.items() if kind in page_types}
    results: dict[str, dict] = {}
    with serving(site) as url:
        measured = lighthouse.run({kind: url + page for kind, page in pages.items()}, categories=lighthouse.ALL,
                                  runs=runs)
    for kind, page in pages.items():
        results[kind] = {"page": page, "runs": len(measured[kind]), **lighthouse.medians(measured[kind])}
    if baseline is not None:
        with serving(baseline) as url:
            material = lighthouse.run({"baseline": url + "index.html"}, categories=lighthouse.ALL, runs=runs)
        results[BASELINE] = {"page": "one paragraph", "runs": runs, **lighthouse.medians(material["baseline"])}
    return results


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"


def table(results: dict[str, dict]) -> str:
    """The results as a Markdown table."""
    rows = [[kind, f"`{r['page']}`", r["runs"], f"**{round(r['performance'] * 100)}**",
             *(f"{round(r[c] * 100)}" for c in lighthouse.GATED), _ms(r["FCP"]), _ms(r["LCP"]), _ms(r["TBT"]),
             "–" if r["CLS"] is None else f"{r['CLS']:.3f}", f"{r['benchmarkIndex']:.0f}"]
            for kind, r in results.items()]
    return report.table(["Page type", "Page", "Runs", "Performance", "Accessibility", "Best practices", "SEO",
                         "FCP", "LCP", "TBT", "CLS", "benchmarkIndex"], rows)


def main(argv: list[str] | None = None) -> int:
    """Measure and print (or write) the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.perf", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (use_directory_urls: false)")
    parser.add_argument("--baseline", type=Path, help="a built Material site of one page, measured beside it")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (default 3)")
    parser.add_argument("--out", type=Path, help="write the report here instead of printing it")
    args = parser.parse_args(argv)
    text = ("# Lighthouse performance (mobile profile)\n\nMedians of several runs on this machine; a measurement, "
            "not a gate (see benchmarks/perf.py).\n\n" + table(measure(args.site, args.baseline, runs=args.runs))
            + "\n")
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
