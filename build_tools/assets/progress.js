// My progress: every quiz and self-assessment taken in this browser, the path so far, the person's
// name for the printed record, and one JSON file with all of it. Reads what the quiz, checklist and
// guide pages saved (see path.js); sends nothing anywhere.
import { attempts, best, checklistTicks, readGuides, stepState } from "./path.js";
import { NAME_KEY, attemptRecord, offerDownload, resultFile, savedName } from "./results.js";
import { forget, storeJSON } from "./storage.js";
import { fillIn, pageLanguage } from "./strings.js";

const data = JSON.parse(document.querySelector("[data-progress-data]").textContent);
const t = (name, values) => fillIn(data.strings[name], values);
const cell = (row, name) => row.querySelector(`[data-cell="${name}"]`);
const day = (iso) => new Date(iso).toLocaleDateString(pageLanguage, { dateStyle: "medium" });

// Knowledge quizzes: best and last percent, the last date, and the state in words (path.js).
function showQuizzes() {
  for (const row of document.querySelectorAll("[data-progress-table=knowledge] [data-progress-quiz]")) {
    const list = attempts(row.dataset.progressQuiz);
    const last = list.at(-1), top = best(list);
    cell(row, "best").textContent = top ? t("percent", top) : "–";
    cell(row, "last").textContent = last ? t("percent", last) : "–";
    cell(row, "date").textContent = last ? day(last.date) : "–";
  }
  for (const row of document.querySelectorAll("[data-progress-table=assessment] [data-progress-quiz]")) {
    const quiz = data.quizzes[row.dataset.progressQuiz], list = attempts(row.dataset.progressQuiz), last = list.at(-1);
    const label = last && (quiz.bands[last.band] ?? "–");
    cell(row, "last").textContent = last ? t("band", { band: label, score: last.score ?? "–" }) : "–";
    cell(row, "date").textContent = last ? day(last.date) : "–";
    cell(row, "attempts").textContent = String(list.length);
  }
  const read = readGuides();
  for (const row of document.querySelectorAll("[data-progress-stage]")) {
    const stage = data.stages.find((entry) => entry.chapter == row.dataset.progressStage);
    const done = stage.checklists.filter((id) => stepState("checklist:" + id, data.checklists[id].total).done);
    cell(row, "guides").textContent = t("count", { done: stage.guides.filter((id) => read[id]).length, total: stage.guides.length });
    cell(row, "checklists").textContent = t("count", { done: done.length, total: stage.checklists.length });
  }
  // The final check is recommended, not locked: someone may know the ground already.
  const chapterQuizzes = data.stages.flatMap((stage) => stage.quizzes);
  const passed = chapterQuizzes.filter((id) => stepState("quiz:" + id).state == "passed").length;
  const final = data.final.map((id) => best(attempts(id))).find((top) => top?.passed);
  document.querySelector("[data-progress-final]").textContent = final ? t("final_passed", final)
    : passed == chapterQuizzes.length ? t("final_ready", { total: passed })
      : t("final_waiting", { done: passed, total: chapterQuizzes.length });
}

/** Everything this browser holds for the site, as one results file (results.js). */
export function exportAll() {
  const read = readGuides();
  return resultFile({
    name: savedName(),
    attempts: Object.entries(data.quizzes).flatMap(([id, { title, kind }]) =>
      attempts(id).map((entry) => attemptRecord({ id, title, kind }, entry))),
    guides_read: Object.entries(read).filter(([id]) => id in data.guides)
      .map(([id, date]) => ({ id, title: data.guides[id], date })),
    checklists: Object.entries(data.checklists).map(([id, { title, total }]) => ({ id, title, total, ticked: checklistTicks(id) }))
      .filter((entry) => entry.ticked.length > 0),
  });
}

function setUpName() {
  const input = document.querySelector("[data-progress-name]");
  input.value = savedName();
  input.addEventListener("input", () => {
    const name = input.value.trim();
    if (name) storeJSON(NAME_KEY, { v: 1, name }, () => {});
    else forget(NAME_KEY);
    showRecordTitle();
  });
}

function showRecordTitle() {
  const name = savedName();
  document.querySelector("[data-progress-record]").textContent = name ? t("record_for", { name }) : t("record");
}

function setUpExport() {
  const link = document.querySelector("[data-progress-export]");
  // The file is made when it is asked for, so it holds what is saved at that moment.
  link.addEventListener("click", () => {
    offerDownload(link, link.getAttribute("download"), "application/json", JSON.stringify(exportAll(), null, 2));
  });
  document.querySelector("[data-progress-print]").addEventListener("click", () => {
    showRecordTitle();
    document.querySelector("[data-progress-printed]").textContent = t("printed", { date: day(new Date().toISOString()) });
    print();
  });
}

document.querySelector("[data-progress-needs-js]")?.remove();
setUpName();
setUpExport();
showRecordTitle();
showQuizzes();
addEventListener("storage", showQuizzes);
