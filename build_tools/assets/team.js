// Team results: a lead loads the results files of their team and sees who has finished, where the
// team is weak and which questions do not work. Files are read in this browser only (team-read.js),
// the figures come from team-stats.js; nothing is sent anywhere, and nothing is kept unless asked.
import { announce, find, html, svg } from "./dom.js";
import { csvText, offerDownload } from "./results.js";
import { forget, readStored, storeJSON } from "./storage.js";
import { fillIn, number, pageLanguage } from "./strings.js";
import { readFiles } from "./team-read.js";
import { analyse } from "./team-stats.js";

const KEEP_KEY = "client-craft:team"; // {"v":1,"files":[[name, text]]}, only once the lead ticks Keep

const root = document.querySelector("[data-team]");
const { site, strings } = JSON.parse(find("[data-team-data]", root).textContent);
const t = (name, values) => fillIn(strings[name], values);
const quizzes = site.order.map((id) => [id, site.quizzes[id]]);

const fixed = (value, digits) => (value === null ? t("none")
  : new Intl.NumberFormat(pageLanguage, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value));
const percent = (value) => (value === null ? t("none") : number(Math.round(value * 10) / 10));
const day = (iso) => new Date(iso).toLocaleDateString(pageLanguage, { day: "numeric", month: "short" });
const row = (cells) => html("tr", {}, cells);
const head = (texts) => html("thead", {}, row(texts.map((text) => html("th", { scope: "col" }, text))));

// ---- The files: what is loaded now, as [name, bytes], in the order they came

let loaded = [];
const summary = find("[data-team-summary]", root);
const keep = find("[data-team-keep]", root);

async function add(fileList) {
  const files = [...fileList];
  if (!files.length) return;
  announce(summary, t("reading", { count: files.length }));
  // Read in parallel; a file the browser cannot read at all counts as empty, which says "not JSON".
  // A file over the limit is not read at all: a stand-in one byte over it says "too large".
  const read = await Promise.all(files.map(async (file) => {
    try {
      return [file.name, file.size > site.max_file_bytes ? new Uint8Array(site.max_file_bytes + 1) : new Uint8Array(await file.arrayBuffer())];
    } catch {
      return [file.name, new Uint8Array()];
    }
  }));
  loaded = [...loaded, ...read];
  remember();
  show();
}

// The files' text is kept only while Keep is ticked; unticking (or Clear all) forgets it at once.
// Whether the browser took it is read back, so the summary can say so (storage may be full or off).
let kept = false;
function remember() {
  kept = false;
  if (!keep.checked) return forget(KEEP_KEY);
  const decoder = new TextDecoder();
  const value = { v: 1, files: loaded.map(([name, bytes]) => [name, decoder.decode(bytes)]) };
  storeJSON(KEEP_KEY, value, () => {});
  kept = readStored(KEEP_KEY) === JSON.stringify(value);
}

function restoreKept() {
  try {
    const saved = JSON.parse(readStored(KEEP_KEY) ?? "null");
    if (saved?.v !== 1 || !Array.isArray(saved.files)) return;
    const encoder = new TextEncoder();
    loaded = saved.files.filter((entry) => Array.isArray(entry) && entry.length == 2 && entry.every((part) => typeof part == "string"))
      .map(([name, text]) => [name, encoder.encode(text)]);
    keep.checked = kept = true;
  } catch {
    forget(KEEP_KEY); // unreadable: nothing to show, and nothing worth keeping
  }
}

// ---- What the page shows

let figures; // what the loaded files say (team-read.js, team-stats.js), worked out once per change

function show() {
  figures = analyse(readFiles(loaded, site, strings), site);
  showFiles(figures.files);
  const counted = figures.people.reduce((sum, person) => sum + Object.values(person.quizzes)
    .reduce((total, quiz) => total + quiz.attempts, 0), 0);
  const skipped = figures.files.filter((file) => file.status == "skipped").length;
  const text = loaded.length ? t("summary", { files: loaded.length, people: figures.people.length, attempts: counted, skipped })
    : t("summary_empty");
  const keeping = keep.checked && loaded.length ? " " + (kept ? t("kept", { files: loaded.length }) : t("not_kept")) : "";
  announce(summary, text + keeping);
  const results = find("[data-team-results]", root);
  results.hidden = !figures.people.length;
  if (results.hidden) return;
  showPeople(figures);
  offerDownload(find("[data-team-csv]", root), "team-results.csv", "text/csv", csvText(peopleRows(figures)));
  showAssessments(figures.assessments);
  showItems(figures.knowledge);
}

function showFiles(reports) {
  find("[data-team-files]", root).replaceChildren(...reports.map((report) =>
    html("li", { class: "cc-team__file cc-team__file--" + report.status, "data-file": report.file, "data-file-status": report.status },
      html("strong", {}, report.file), " ", html("span", { class: "cc-team__status" }, t("status." + report.status) + ":"), " ",
      report.lines.join(" "))));
}

// ---- People × quizzes, sortable, and its CSV

const columns = [
  { id: "person", title: t("col.person") },
  ...quizzes.map(([id, quiz]) => ({ id, title: quiz.short, full: quiz.title })),
  { id: "guides", title: t("col.guides") },
  { id: "checklists", title: t("col.checklists") },
];
let sortBy = { column: "person", down: false };

function personCells(person, total) {
  const cells = [{ sort: person.name.toLowerCase(), node: html("th", { scope: "row" }, person.name) }];
  for (const [id, quiz] of quizzes) {
    const result = person.quizzes[id];
    if (!result) {
      cells.push({ sort: null, node: html("td", { "data-quiz": id }, t("none")) });
    } else if (quiz.kind == "knowledge") {
      const { best } = result;
      cells.push({ sort: best.percent, node: html("td", { "data-quiz": id, "data-best-percent": best.percent, "data-passed": String(result.passed) },
        t("cell.knowledge", { percent: percent(best.percent), verdict: t(result.passed ? "passed" : "not_passed") }),
        html("br", {}), html("span", { class: "cc-meta" }, t("cell.attempts", { count: result.attempts, date: day(best.finished) }))) });
    } else {
      const { last } = result;
      const band = last.band === null ? t("none") : quiz.overall_bands[last.band] ?? last.band;
      cells.push({ sort: last.score, node: html("td", { "data-quiz": id, "data-score": last.score ?? "", "data-band": last.band ?? "" },
        t("cell.assessment", { band, score: last.score ?? t("none") }),
        html("br", {}), html("span", { class: "cc-meta" }, t("cell.assessed", { date: day(last.finished) }))) });
    }
  }
  cells.push({ sort: person.guides_read, node: html("td", { "data-guides": person.guides_read }, t("of_total", { count: person.guides_read, total: total.guides })) });
  cells.push({ sort: person.checklists_done, node: html("td", { "data-checklists": person.checklists_done }, t("of_total", { count: person.checklists_done, total: total.checklists })) });
  return cells;
}

// Nothing sorts last either way; equal values keep the order the files came in.
function compare(a, b, down) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order = typeof a == "string" ? a.localeCompare(b) : a - b;
  return down ? -order : order;
}

function showPeople(figures) {
  const total = { guides: figures.guides_total, checklists: figures.checklists_total };
  const index = columns.findIndex((column) => column.id == sortBy.column);
  const rows = figures.people.map((person) => ({ person, cells: personCells(person, total) }))
    .sort((a, b) => compare(a.cells[index].sort, b.cells[index].sort, sortBy.down));
  const header = row(columns.map((column) => {
    const sorted = column.id == sortBy.column;
    return html("th", { scope: "col", "aria-sort": sorted ? (sortBy.down ? "descending" : "ascending") : null },
      html("button", { type: "button", class: "cc-sort", "data-sort-key": column.id, title: t("sort", { column: column.full ?? column.title }) },
        column.title, html("span", { "aria-hidden": "true" }, sorted ? (sortBy.down ? " ▼" : " ▲") : " ↕")));
  }));
  const table = html("table", { class: "cc-team-table", "data-team-people": "" },
    html("thead", {}, header),
    html("tbody", {}, rows.map(({ person, cells }) => html("tr", { "data-person": person.name }, cells.map((cell) => cell.node)))));
  find("[data-team-people-box]", root).replaceChildren(table);
}

// One row per person and quiz taken, so a spreadsheet can pivot it any way.
function peopleRows(figures) {
  const rows = [["person", "files", "quiz", "quiz_title", "kind", "attempts", "best_score", "max", "best_percent", "passed",
    "best_finished", "last_score", "last_band", "last_finished", "guides_read", "checklists_done"]];
  for (const person of figures.people) {
    for (const [id, result] of Object.entries(person.quizzes)) {
      const { best, last } = result, quiz = site.quizzes[id];
      const knowledge = quiz.kind == "knowledge";
      rows.push([person.name, person.files.join(" "), id, quiz.title, quiz.kind, result.attempts,
        knowledge ? best.score : "", knowledge ? best.max : "", knowledge ? best.percent : "", knowledge ? result.passed : "",
        knowledge ? best.finished : "", last.score ?? "", last.band ?? "", last.finished, person.guides_read, person.checklists_done]);
    }
  }
  return rows;
}

root.addEventListener("click", (event) => {
  const button = event.target.closest("[data-sort-key]");
  if (!button) return;
  const column = button.dataset.sortKey;
  // A column's first press sorts people names A to Z and results highest first.
  sortBy = { column, down: column == sortBy.column ? !sortBy.down : column != "person" };
  showPeople(figures);
  const title = columns.find((entry) => entry.id == column).title;
  find(`[data-sort-key="${column}"]`, root).focus();
  announce(summary, t(sortBy.down ? "sorted_down" : "sorted_up", { column: title }));
});

// ---- Self-assessments: mean and spread per dimension, as a chart and as a table

function showAssessments(assessments) {
  const box = find("[data-team-assessments-box]", root);
  const entries = Object.entries(assessments);
  box.hidden = !entries.length;
  find("[data-team-assessments]", root).replaceChildren(...entries.map(([id, figures]) => {
    const quiz = site.quizzes[id];
    const rows = [...figures.dimensions.map((dimension) => ({
      ...dimension, title: quiz.dimensions.find((entry) => entry.id == dimension.id).title })),
    { ...figures.overall, id: "overall", title: t("overall"), alpha: null, alpha_people: null }];
    const label = t("chart_label");
    // One 40-unit row per dimension: its title, a track for 0 to 100 (2.5 units a point, from x = 200),
    // the range from the lowest to the highest score as a pale band, the mean as a dark mark, and the mean written.
    const x = (value) => 200 + value * 2.5;
    const chart = svg("svg", { class: "cc-team-chart", viewBox: `0 0 500 ${rows.length * 40}`, role: "img", "aria-label": `${quiz.title}: ${label}` },
      svg("title", {}, `${quiz.title}: ${label}`),
      rows.map((entry, index) => {
        const top = index * 40;
        return [
          svg("text", { x: 0, y: top + 25 }, entry.title.length > 26 ? entry.title.slice(0, 25) + "…" : entry.title),
          svg("rect", { class: "cc-chart__track", x: 200, y: top + 12, width: 250, height: 18 }),
          entry.mean !== null && [
            svg("rect", { class: "cc-team-chart__range", x: x(entry.min), y: top + 12, width: Math.max(2, (entry.max - entry.min) * 2.5), height: 18 }),
            svg("rect", { class: "cc-team-chart__mean", x: x(entry.mean) - 2, y: top + 8, width: 4, height: 26 }),
          ],
          svg("text", { x: 460, y: top + 26 }, entry.mean === null ? t("none") : fixed(entry.mean, 0)),
        ];
      }));
    const table = html("table", { class: "cc-team-table", "data-team-assessment": id },
      html("caption", {}, `${quiz.title}: ${label}`),
      head([t("dimension"), t("n"), t("mean"), t("sd"), t("min"), t("max"), t("alpha")]),
      html("tbody", {}, rows.map((entry) => html("tr", { "data-dimension": entry.id, "data-n": entry.n, "data-mean": entry.mean ?? "",
        "data-sd": entry.sd ?? "", "data-alpha": entry.alpha ?? "" },
      html("th", { scope: "row" }, entry.title), html("td", {}, String(entry.n)), html("td", {}, fixed(entry.mean, 1)),
      html("td", {}, fixed(entry.sd, 1)), html("td", {}, entry.min ?? t("none")), html("td", {}, entry.max ?? t("none")),
      html("td", {}, entry.alpha_people === null ? "" : entry.alpha !== null ? fixed(entry.alpha, 2)
        : t("not_enough", { count: entry.alpha_people, min: site.min_people }))))));
    // Plain blocks, not sections: each table's scroll box is the region, named by the heading.
    return html("div", { class: "cc-team__assessment" },
      html("h3", { id: `cc-team-a-${id}` }, quiz.title), html("p", {}, t("people_count", { count: figures.people })), chart,
      html("div", { class: "cc-team__scroll", tabindex: 0, role: "region", "aria-labelledby": `cc-team-a-${id}` }, table));
  }));
}

// ---- Item analysis of the knowledge quizzes

const letter = (index) => String.fromCharCode(65 + index);

function flagText(flag, question) {
  if (flag.flag != "unused") return t("flag." + flag.flag);
  const letters = flag.options.map((id) => letter(question.options.findIndex((option) => option.id == id)));
  return t("flag.unused", { options: letters.join(", ") });
}

// The question and, under it, each option (lettered as the flags name them) with how many picked it.
function questionCell(question, entry) {
  return html("th", { scope: "row" }, html("p", {}, question.prompt),
    question.options.length ? html("ol", { class: "cc-team__options", type: "A" }, question.options.map((option) =>
      html("li", { "data-option": option.id, "data-picks": entry.picks[option.id] },
        html("strong", { class: "cc-team__count" }, t("picks", { count: entry.picks[option.id] })), " ", option.text,
        option.correct && [" ", html("em", {}, "(" + t("right") + ")")]))) : html("p", { class: "cc-meta" }, t("no_options")),
    entry.blank > 0 && html("p", { class: "cc-meta" }, t("blank", { count: entry.blank })));
}

function showItems(knowledge) {
  const box = find("[data-team-items-box]", root);
  const entries = Object.entries(knowledge);
  box.hidden = !entries.length;
  find("[data-team-items]", root).replaceChildren(...entries.map(([id, figures]) => {
    const quiz = site.quizzes[id];
    const heading = html("h3", { id: `cc-team-q-${id}` }, quiz.title);
    if (!figures.enough) {
      return html("div", {}, heading,
        html("p", { class: "cc-notice", "data-team-not-enough": id }, t("not_enough", { count: figures.people, min: site.min_people })));
    }
    const alpha = figures.alpha === null ? t("alpha_none") : t(figures.alpha < 0.7 ? "alpha_low" : "alpha_ok", { alpha: fixed(figures.alpha, 2) });
    const table = html("table", { class: "cc-team-table cc-team-table--items", "data-team-items": id },
      head([t("col.number"), t("col.question"), t("col.facility"), t("col.discrimination"), t("col.flags")]),
      html("tbody", {}, figures.questions.map((entry, index) => {
        const question = quiz.questions[index];
        return html("tr", { "data-question": entry.id, "data-facility": entry.facility, "data-discrimination": entry.discrimination ?? "",
          "data-flags": entry.flags.map((flag) => flag.flag).join(" ") },
        html("td", {}, String(index + 1)), questionCell(question, entry),
        html("td", {}, `${Math.round(entry.facility * 100)}%`),
        html("td", {}, entry.discrimination === null ? t("discrimination_none") : fixed(entry.discrimination, 2)),
        html("td", {}, entry.flags.length ? html("ul", { class: "cc-team__flags" }, entry.flags.map((flag) =>
          html("li", { "data-flag": flag.flag }, flagText(flag, question)))) : t("flags_none")));
      })));
    const flagged = figures.questions.filter((entry) => entry.flags.length).length;
    // Open, so every figure can be read (and printed); a lead folds the quizzes they are done with.
    return html("div", {}, heading,
      html("p", { "data-team-alpha": figures.alpha ?? "" }, t("quiz_people", { count: figures.people, alpha })),
      html("details", { class: "cc-team__quiz", open: "" },
        html("summary", {}, t("flagged", { count: flagged, total: figures.questions.length })),
        html("div", { class: "cc-team__scroll", tabindex: 0, role: "region", "aria-labelledby": `cc-team-q-${id}` }, table)));
  }));
}

// ---- Picking, dropping, keeping, clearing

const input = find("[data-team-input]", root);
input.addEventListener("change", () => {
  add(input.files);
  input.value = ""; // the same file picked again is read again
});
const drop = find("[data-team-drop]", root);
drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("cc-drop--over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("cc-drop--over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("cc-drop--over");
  add(event.dataTransfer.files);
});
keep.addEventListener("change", () => {
  remember();
  show();
});
find("[data-team-clear]", root).addEventListener("click", () => {
  loaded = [];
  keep.checked = false;
  forget(KEEP_KEY);
  show();
  input.focus();
});

find("[data-team-needs-js]", root)?.remove();
restoreKept();
if (loaded.length) show();
