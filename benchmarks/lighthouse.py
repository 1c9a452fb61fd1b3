"""Lighthouse from Python: run many pages in one Chromium and read back scores and metrics.

Two uses. The audit gate (`tests/audit/test_audit_lighthouse.py`) asks for accessibility, best
practices and SEO, which do not depend on how fast the machine is. `make bench` and `make audit`'s
report ask for performance too, several runs per page, and report medians: performance figures
are measurements of a machine at a moment, never a pass/fail gate.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).with_name("lighthouse.mjs")
LIGHTHOUSE = REPO / "node_modules" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage"]
GATED = ("accessibility", "best-practices", "seo")
ALL = ("performance", *GATED)
METRICS = ("FCP", "LCP", "TBT", "CLS", "SI", "TTI", "DOM", "requests", "transfer")
# A ceiling per page and run, not a measurement: a loaded machine makes Lighthouse slow, not wrong.
SECONDS_PER_RUN = 240


class LighthouseMissing(RuntimeError):
    """Node or node_modules/lighthouse is not installed."""


@dataclass(frozen=True)
class Run:
    """One Lighthouse run of one page."""

    scores: dict[str, float]
    metrics: dict[str, float | None]
    failing: dict[str, list[dict]]
    benchmark_index: float

    def explain(self, category: str) -> str:
        """Why `category` scored below 1, readable in a test failure."""
        lines = [f"{category}: {self.scores.get(category)}"]
        for audit in self.failing.get(category, []):
            lines.append(f"  - {audit['id']} ({audit['score']}): {audit['title']}")
            lines += [f"      {item[:200]}" for item in audit["items"]]
        return "\n".join(lines)


def run(urls: dict[str, str], *, categories: tuple[str, ...] = GATED, runs: int = 1) -> dict[str, list[Run]]:
    """Lighthouse (mobile profile) on every URL, `runs` times each, in one Chromium.

    Performance is computed by Lighthouse's simulated phone from the page's load on this machine.
    """
    node = shutil.which("node")
    if node is None or not LIGHTHOUSE.is_dir():
        raise LighthouseMissing("Lighthouse needs Node and node_modules/lighthouse: run `npm ci` (make test does)")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        job = Path(tmp) / "job.json"
        out = Path(tmp) / "results.json"
        job.write_text(json.dumps({
            "chrome": CHROMIUM, "flags": CHROME_FLAGS, "categories": list(categories), "runs": runs,
            "urls": urls, "out": str(out),
        }), encoding="utf-8")
        env = dict(os.environ, CHROME_PATH=CHROMIUM, TMPDIR=tmp)
        done = subprocess.run([node, str(RUNNER), str(job)], cwd=REPO, env=env, capture_output=True, text=True,
                              timeout=SECONDS_PER_RUN * runs * max(1, len(urls)), check=False)
        if done.returncode != 0 or not out.is_file():
            raise RuntimeError(f"lighthouse exited with {done.returncode}:\n{done.stderr[-4000:]}")
        data = json.loads(out.read_text(encoding="utf-8"))
    return {name: [Run(r["scores"], r["metrics"], r["failing"], r["benchmarkIndex"]) for r in results]
            for name, results in data.items()}


def medians(runs: list[Run]) -> dict[str, float | None]:
    """The median of each score and metric over several runs of one page."""
    values: dict[str, float | None] = {}
    for category in runs[0].scores:
        values[category] = statistics.median(r.scores[category] for r in runs)
    for metric in METRICS:
        numbers = [r.metrics[metric] for r in runs if r.metrics.get(metric) is not None]
        values[metric] = statistics.median(numbers) if numbers else None
    values["benchmarkIndex"] = statistics.median(r.benchmark_index for r in runs)
    return values
