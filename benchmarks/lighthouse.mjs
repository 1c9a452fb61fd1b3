// Lighthouse on many URLs with one Chromium: `node lighthouse.mjs JOB.json`, writes the job's `out` file.
//
// The job: {"chrome": "/usr/bin/chromium", "flags": [...], "categories": [...], "runs": N,
//           "urls": {"name": "http://…"}, "out": "results.json"}.
// Starting Chromium once saves seconds per URL. The pages take turns (every page's first run, then
// every page's second…), so a machine that gets busier slows all of them alike. The out file maps
// each name to a list of runs, each the category scores (0–1), the key metrics (with the DOM size,
// the request count and the bytes transferred) and the failing audits of each category.
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const METRICS = {
  FCP: "first-contentful-paint",
  LCP: "largest-contentful-paint",
  TBT: "total-blocking-time",
  CLS: "cumulative-layout-shift",
  SI: "speed-index",
  TTI: "interactive",
  DOM: "dom-size",
  transfer: "total-byte-weight",
};

function failingAudits(lhr, categoryId) {
  const failing = [];
  for (const ref of lhr.categories[categoryId].auditRefs) {
    const audit = lhr.audits[ref.id];
    if (ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
    const items = (audit.details && audit.details.items) || [];
    failing.push({
      id: audit.id,
      score: audit.score,
      title: audit.title,
      items: items.slice(0, 4).map((item) => {
        const node = item.node || {};
        return `${node.selector || item.url || ""} ${node.explanation || item.description || ""}`.trim();
      }),
    });
  }
  return failing;
}

function summarise(lhr) {
  const scores = {};
  const failing = {};
  for (const [id, category] of Object.entries(lhr.categories)) {
    scores[id] = category.score ?? 0;
    failing[id] = failingAudits(lhr, id);
  }
  const metrics = {};
  for (const [name, id] of Object.entries(METRICS)) {
    if (lhr.audits[id]) metrics[name] = lhr.audits[id].numericValue ?? null;
  }
  const requests = lhr.audits["network-requests"]?.details?.items;
  metrics.requests = requests ? requests.length : null;
  return { scores, metrics, failing, benchmarkIndex: lhr.environment.benchmarkIndex };
}

const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const chrome = await chromeLauncher.launch({ chromePath: job.chrome, chromeFlags: job.flags });
const results = {};
try {
  for (let run = 0; run < (job.runs || 1); run += 1) {
    for (const [name, url] of Object.entries(job.urls)) {
      results[name] ??= [];
      const flags = { port: chrome.port, output: "json", logLevel: "error", onlyCategories: job.categories };
      // Lighthouse's own mobile defaults. Its simulated throttling only computes the performance
      // metrics afterwards, so the page loads at full speed and the quiet windows stay at 1 s
      // (other throttling methods would wait 5.25 s per page). No report is rendered, so no screenshot.
      const settings = { disableFullPageScreenshot: true };
      const result = await lighthouse(url, flags, { extends: "lighthouse:default", settings });
      results[name].push(summarise(result.lhr));
    }
  }
} finally {
  await chrome.kill();
}
fs.writeFileSync(job.out, JSON.stringify(results));
