"""Quiz scoring time in Chromium: `score(data, answers)` of the site's scoring.js on a real page."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Runs in the page. It finds the scoring key in the page's JSON, draws `sets` random answer
# sets of the shapes a form posts (some questions skipped, partial and wrong picks, shuffled
# orders, Likert values and "na"), warms the JIT up, then times `rounds` rounds of at least
# one pass over every set each.
_SCRIPT = r"""
async ({sets, rounds}) => {
  const mod = await import(new URL("SCORING", location.href).href);
  let key = null;
  for (const node of document.querySelectorAll('script[type="application/json"]')) {
    try { const d = JSON.parse(node.textContent); if (d && d.scoring) { key = d.scoring; break; } } catch {}
  }
  if (!key) throw new Error("no scoring key on the page");
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = a => a[Math.floor(rnd() * a.length)];
  const shuffle = a => { const b = [...a]; for (let i = b.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [b[i], b[j]] = [b[j], b[i]]; } return b; };
  const answerSets = [];
  for (let n = 0; n < sets; n++) {
    const a = {};
    if (key.kind === "knowledge") {
      for (const q of key.questions) {
        if (rnd() < 0.1) continue;
        if (q.type === "ordering") a[q.id] = shuffle(q.options);
        else if (q.type === "multiple") a[q.id] = q.options.filter(() => rnd() < 0.5);
        else a[q.id] = pick(q.options);
      }
    } else {
      const values = Array.from({length: key.scale_points}, (_, i) => String(i + 1)).concat(["na"]);
      for (const item of key.items) if (rnd() < 0.95) a[item.id] = pick(values);
    }
    answerSets.push(a);
  }
  let sink = 0;
  for (let i = 0; i < Math.min(200, sets); i++) sink += mod.score(key, answerSets[i]).score || 0;
  const perCall = [];
  for (let r = 0; r < rounds; r++) {
    // Whole passes over the sets until 50 ms have gone by: performance.now() is coarse
    // (0.1 ms without cross-origin isolation), so a round must be long to be precise.
    let calls = 0, elapsed = 0;
    const t0 = performance.now();
    do {
      for (const a of answerSets) sink += mod.score(key, a).score || 0;
      calls += answerSets.length;
      elapsed = performance.now() - t0;
    } while (elapsed < 50);
    perCall.push(elapsed * 1000 / calls);
  }
  const size = key.kind === "knowledge" ? key.questions.length : key.items.length;
  return {perCall, size, kind: key.kind, sink};
}
"""


@dataclass(frozen=True)
class ScoringResult:
    """Microseconds per `score()` call, one value per round, for one quiz page."""

    page: str
    kind: str
    size: int
    sets: int
    microseconds: tuple[float, ...]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def static_server(site: Path) -> Iterator[str]:
    """Serve the folder `site` on a free 127.0.0.1 port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def measure(site: Path, pages: list[str], sets: int = 1000, rounds: int = 5) -> list[ScoringResult]:
    """Time scoring on each quiz page (site paths like `quizzes/x.html`)."""
    from playwright.sync_api import sync_playwright

    results = []
    with static_server(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for path in pages:
                page.goto(base + path)
                depth = path.count("/")
                scoring = "../" * depth + "assets/client-craft/scoring.js"
                out = page.evaluate(_SCRIPT.replace("SCORING", scoring), {"sets": sets, "rounds": rounds})
                results.append(ScoringResult(path, out["kind"], out["size"], sets, tuple(out["perCall"])))
        finally:
            browser.close()
    return results
