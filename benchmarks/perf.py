"""Lighthouse performance of every page type beside its peers' pages: medians of several runs.

The peers are Material's bare page and, when `make bench` has installed it, the same quiz as the
mkdocs-quiz plugin writes it (benchmarks/peers.py). Every page is measured in one Chromium, the
pages taking turns run after run, so each run of ours sits beside a run of each peer.

`make bench` puts this table into RESULTS.md; `make audit` writes it as its report. It is a
measurement of this machine now (Lighthouse simulates a phone from the CPU time the page took
here), so it is reported, never gated: a busy machine gives lower numbers for the same page.

    python -m benchmarks.perf SITE [--baseline MATERIAL_SITE] [--runs 3] [--out report.md]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path

from . import lighthouse, report
from .pages import largest_of_each_type, page_kinds
from .static_server import serve_folder as serving
from .timing import REPO

BASELINE = "**Material baseline**"
MKDOCS_QUIZ = "**mkdocs-quiz**"


@dataclass(frozen=True)
class Peer:
    """A page ours are measured against: its row name, its built site, the page in it and what it is."""

    name: str
    site: Path
    page: str
    label: str


def measure(site: Path, peers: list[Peer] | Path | None = None, *, runs: int, root: Path = REPO,
            page_types: tuple[str, ...] | None = None) -> dict[str, dict]:
    """Median Lighthouse scores and metrics of the largest page of every type, and of each peer's page.

    `peers` may also be a built Material site of one page (the bare page), as `make audit` passes it.
    """
    if isinstance(peers, Path):
        peers = [Peer(BASELINE, peers, "index.html", "one paragraph")]
    peers = peers or []
    pages = largest_of_each_type(site, page_kinds(root))
    if page_types is not None:
        pages = {kind: page for kind, page in pages.items() if kind in page_types}
    with contextlib.ExitStack() as stack:
        ours = stack.enter_context(serving(site))
        urls = {kind: ours + page for kind, page in pages.items()}
        for peer in peers:
            urls[peer.name] = stack.enter_context(serving(peer.site)) + peer.page
        measured = lighthouse.run(urls, categories=lighthouse.ALL, runs=runs)
    results: dict[str, dict] = {}
    for kind, page in pages.items():
        results[kind] = {"page": page, "runs": len(measured[kind]), **lighthouse.medians(measured[kind])}
    for peer in peers:
        results[peer.name] = {"page": peer.label, "runs": len(measured[peer.name]), "peer": True,
                              **lighthouse.medians(measured[peer.name])}
    return results


def best_peer(results: dict[str, dict]) -> float | None:
    """The better performance score of the peers measured, or None without peers."""
    scores = [r["performance"] for r in results.values() if r.get("peer")]
    return max(scores) if scores else None


def versus_peers(results: dict[str, dict]) -> dict[str, int]:
    """Each page type's performance minus the best peer's, in points (0–100)."""
    best = best_peer(results)
    if best is None:
        return {}
    return {kind: round(r["performance"] * 100) - round(best * 100) for kind, r in results.items()
            if not r.get("peer")}


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"


def _count(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _kb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1000:.0f} KB"


def signed(points: int | None) -> str:
    return "–" if points is None else f"{points:+d}".replace("-", "−")


def table(results: dict[str, dict]) -> str:
    """The results as a Markdown table; "vs best peer" is our score minus the better peer's."""
    versus = versus_peers(results)
    rows = [[kind, f"`{r['page']}`", r["runs"], f"**{round(r['performance'] * 100)}**", signed(versus.get(kind)),
             *(f"{round(r[c] * 100)}" for c in lighthouse.GATED), _ms(r["FCP"]), _ms(r["LCP"]), _ms(r["TBT"]),
             "–" if r["CLS"] is None else f"{r['CLS']:.3f}", _count(r.get("DOM")), _count(r.get("requests")),
             _kb(r.get("transfer")), f"{r['benchmarkIndex']:.0f}"]
            for kind, r in results.items()]
    return report.table(["Page type", "Page", "Runs", "Performance", "vs best peer", "Accessibility",
                         "Best practices", "SEO", "FCP", "LCP", "TBT", "CLS", "DOM elements", "Requests",
                         "Transfer", "benchmarkIndex"], rows)


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
