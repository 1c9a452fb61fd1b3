// The SCORM 1.2 bridge of a quiz package: it finds the learning platform's API, gives the quiz
// back the answers the platform kept (cmi.suspend_data), and reports every save and the result.
// quiz.js knows nothing of SCORM: it asks for saved progress when it opens ("cc-quiz:open") and
// tells of every save ("cc-quiz:save") and result ("cc-quiz:finish"); this script, run before it,
// listens. With no platform, or one that refuses, the quiz works on its own and keeps its answers
// in this browser, as on the site. Field by field mapping: build_tools/lms/scorm.py.
import { fillIn } from "./strings.js";

const settings = JSON.parse(document.querySelector("[data-scorm-data]").textContent);
const t = (name, values) => fillIn(settings.strings[name], values);
const root = document.querySelector("[data-quiz-id]");
const status = document.querySelector("[data-lms-status]");
const data = JSON.parse(root.querySelector("[data-quiz-data]").textContent);
const key = data.scoring, knowledge = key.kind == "knowledge";
// Characters SCORM 1.2 promises to keep in cmi.suspend_data (scorm.py's SUSPEND_DATA_LIMIT, sent with the settings).
const SUSPEND_LIMIT = settings.suspend_limit;
const LEVELS = 10; // how many windows up the parent (then opener) chain to look for the API

// The standard search (ADL's findAPI): this window, then its parents, then the opener's chain.
// A window of another origin throws when read, and counts as holding no API.
function apiAbove(start) {
  let win = start;
  for (let level = 0; win && level <= LEVELS; level++) {
    try {
      if (win.API && typeof win.API.LMSInitialize == "function") return win.API;
      if (win.parent == win) return null;
      win = win.parent;
    } catch {
      return null;
    }
  }
  return null;
}
const findAPI = () => apiAbove(window) || (window.opener ? apiAbove(window.opener) : null);

let api = findAPI();
let failures = 0;
let finished = false; // the last save was of a finished attempt
let closed = false;
const began = Date.now();

function show(state, text) {
  root.dataset.lms = state;
  status.textContent = text;
}

// Every call checked twice: its return value ("false" for a refusal) and LMSGetLastError, since
// LMSGetValue returns "" both for an empty element and for one it refused to read.
function call(method, ...args) {
  let value, code;
  try {
    value = String(api[method](...args));
    code = String(api.LMSGetLastError());
  } catch (error) {
    value = "false";
    code = "101";
    console.warn("SCORM", method, args[0] ?? "", error);
  }
  if (value === "false" || (code !== "0" && code !== "")) {
    let text = "";
    try {
      text = String(api.LMSGetErrorString(code));
    } catch {
      // A platform without error strings still gave a code.
    }
    failures++;
    root.dataset.lmsErrors = failures;
    console.warn("SCORM", method, args[0] ?? "", "refused:", code, text);
    if (failures == 1 && api) show("refused", t("refused", { code, text: text || code }));
    return null;
  }
  return value;
}
const get = (element) => call("LMSGetValue", element);
const set = (element, value) => call("LMSSetValue", element, String(value)) !== null;

// SCORM 1.2 CMITimespan: HHHH:MM:SS.SS.
function timespan(milliseconds) {
  const centiseconds = Math.max(0, Math.round(milliseconds / 10));
  const pad = (value, width) => String(value).padStart(width, "0");
  const seconds = Math.floor(centiseconds / 100) % 60, minutes = Math.floor(centiseconds / 6000) % 60;
  const hours = Math.floor(centiseconds / 360000);
  return `${pad(Math.min(hours, 9999), 4)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(centiseconds % 100, 2)}`;
}

// The percent the platform records: one decimal, rounded down, so that it passes the pass mark
// (adlcp:masteryscore) exactly when our verdict does (the page rounds half up: 59.96 shows 60.0).
const rawScore = (result) => (result.max ? Math.floor((result.score * 1000) / result.max + 1e-6) / 10 : 0);

// Options, steps and true/false as SCORM 1.2 response characters: a, b, c… in the authored order;
// "t" and "f"; a scale point as its digit, "not applicable" as 0.
const letters = (question, ids) => ids.map((id) => "abcdefghijklmnopqrstuvwxyz"[question.options.indexOf(id)]);
const TYPES = { single: "choice", multiple: "choice", true_false: "true-false", ordering: "sequencing" };
// The options picked, in the authored order whatever order the page showed them in; the steps of
// an ordering question in the learner's order.
function response(question, answer) {
  if (question.type == "true_false") return (answer || []).map((value) => value[0]).join(",");
  const picked = letters(question, answer || []);
  return (question.type == "ordering" ? picked : picked.sort()).join(",");
}

function interactions(answers, result) {
  if (!knowledge) {
    return key.items.map((item) => ({ id: item.id, type: "likert", weighting: item.weight,
      student_response: answers[item.id] == "na" ? "0" : answers[item.id] ?? "", result: "neutral", correct: null }));
  }
  return key.questions.map((question) => {
    const part = result.questions[question.id];
    return { id: question.id, type: TYPES[question.type], weighting: question.points,
      student_response: response(question, answers[question.id]),
      result: part.correct ? "correct" : part.score > 0 ? String(part.score) : "wrong",
      correct: response(question, question.correct) };
  });
}

function report(answers, result) {
  if (knowledge) {
    set("cmi.core.score.raw", rawScore(result));
    set("cmi.core.lesson_status", result.passed ? "passed" : "failed");
  } else {
    if (result.score != null) set("cmi.core.score.raw", result.score);
    set("cmi.core.lesson_status", "completed");
  }
  set("cmi.core.score.min", 0);
  set("cmi.core.score.max", 100);
  const now = new Date(), clock = [now.getHours(), now.getMinutes(), now.getSeconds()];
  const time = clock.map((part) => String(part).padStart(2, "0")).join(":");
  const first = Number(get("cmi.interactions._count")) || 0; // a second attempt adds its own
  interactions(answers, result).forEach((entry, index) => {
    const prefix = `cmi.interactions.${first + index}.`;
    set(prefix + "id", entry.id);
    set(prefix + "type", entry.type);
    set(prefix + "time", time);
    set(prefix + "weighting", entry.weighting);
    set(prefix + "student_response", entry.student_response);
    set(prefix + "result", entry.result);
    if (entry.correct != null) set(prefix + "correct_responses.0.pattern", entry.correct);
  });
  set("cmi.core.session_time", timespan(Date.now() - began));
  call("LMSCommit", "");
}

// The progress as the platform keeps it, small whatever the ids: each answer by its question's
// place and its options' places in the scoring key. {v: quiz version, s: seed, a: answers (one
// per question, null when blank), c: places of the questions checked one by one, t: started,
// d: finished, i: attempt id}. A self-assessment's answers are its scale values as they are.
const entries = knowledge ? key.questions : key.items;
function compact(progress) {
  const answers = entries.map((entry) => {
    const answer = progress.answers[entry.id];
    if (answer == null) return null;
    return knowledge ? answer.map((value) => entry.options.indexOf(value)) : answer;
  });
  return JSON.stringify({ v: data.version, s: progress.seed, a: answers,
    c: progress.checked.map((id) => entries.findIndex((entry) => entry.id == id)),
    t: progress.started ?? null, d: progress.done, i: progress.attempt ?? null });
}
// Back to quiz.js's record; anything out of place is left for quiz.js to refuse (it then starts anew).
function expand(saved) {
  const answers = {};
  saved.a.forEach((answer, index) => {
    const entry = entries[index];
    if (entry && answer != null) answers[entry.id] = knowledge ? answer.map((place) => entry.options[place]) : answer;
  });
  return { seed: saved.s, answers, checked: saved.c.map((index) => entries[index]?.id), started: saved.t,
    done: saved.d, attempt: saved.i ?? undefined };
}

function save(progress) {
  finished = !!progress.done;
  const text = compact(progress);
  if (text.length > SUSPEND_LIMIT) {
    failures++;
    root.dataset.lmsErrors = failures;
    return show("refused", t("too_long"));
  }
  if (set("cmi.suspend_data", text)) call("LMSCommit", "");
}

// Once, on leaving: the time spent, whether to resume, and the end of the session.
function close() {
  if (closed || !api) return;
  closed = true;
  set("cmi.core.session_time", timespan(Date.now() - began));
  set("cmi.core.exit", finished ? "" : "suspend");
  call("LMSCommit", "");
  call("LMSFinish", "");
}

if (!api) {
  show("none", t("none"));
} else if (call("LMSInitialize", "") === null) {
  api = null;
  show("refused", t("not_started"));
} else {
  show("connected", t("connected"));
  const lessonStatus = get("cmi.core.lesson_status");
  if (lessonStatus == "not attempted" || lessonStatus == "") set("cmi.core.lesson_status", "incomplete");
  const kept = get("cmi.suspend_data");
  root.addEventListener("cc-quiz:open", (event) => {
    let saved = null;
    try {
      saved = kept ? JSON.parse(kept) : null;
    } catch {
      // Not ours, or cut short: the quiz starts from this browser's copy.
    }
    if (saved?.v === event.detail.version && Array.isArray(saved.a) && Array.isArray(saved.c)) {
      const progress = expand(saved);
      event.detail.progress = JSON.stringify(progress);
      finished = !!progress.done;
    }
  });
  root.addEventListener("cc-quiz:save", (event) => save(event.detail.progress));
  root.addEventListener("cc-quiz:finish", (event) => report(event.detail.answers, event.detail.result));
  addEventListener("pagehide", close);
}
