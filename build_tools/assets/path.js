// The onboarding path on every page: what this person has read, ticked and passed, read from this
// browser's storage only. The build marks each tracked page with data-step="kind:id" (nav links,
// the home page's path, a chapter's steps, My progress); this script writes the state next to it.
// Storage keys and the states are described in tests/path/README.md.
import { readStored, storeJSON, storedKeys } from "./storage.js";
import { fillIn } from "./strings.js";

const READ_KEY = "client-craft:read"; // {"v":1,"guides":{"<guide id>":"<ISO date>"}}
const CHECKLIST_PREFIX = "client-craft:checklist:";
const HISTORY_PREFIX = "client-craft:quiz-history:";
const PROGRESS_PREFIX = "client-craft:quiz:";

const parsed = (text) => {
  try {
    return JSON.parse(text ?? "null");
  } catch {
    return null;
  }
};
const isObject = (value) => value && typeof value == "object" && !Array.isArray(value);

/** The interface strings every page ships (site.py puts them in the head). */
export const strings = parsed(document.getElementById("cc-path-strings")?.textContent) || {};
export const t = (name, values) => fillIn(strings[name] ?? name, values);

/** Guide id → ISO date it was marked read. */
export function readGuides() {
  const data = parsed(readStored(READ_KEY));
  if (!isObject(data) || data.v !== 1 || !isObject(data.guides)) return {};
  return Object.fromEntries(Object.entries(data.guides).filter(([, date]) => typeof date == "string"));
}

/** Mark a guide read (`read` true) or not; saved against what is stored now, so other tabs' marks stay. */
export function markRead(guide, read, warn = () => {}) {
  const guides = readGuides();
  if (read) guides[guide] = new Date().toISOString();
  else delete guides[guide];
  storeJSON(READ_KEY, { v: 1, guides }, warn);
}

/** A quiz's finished attempts, oldest first (the quiz page keeps the list; anything malformed is skipped). */
export function attempts(quiz) {
  const list = parsed(readStored(HISTORY_PREFIX + quiz));
  return Array.isArray(list) ? list.filter((entry) => isObject(entry) && Date.parse(entry.date) > 0) : [];
}

// An attempt under way: saved progress with at least one answer and not yet submitted.
function underWay(quiz) {
  return storedKeys().some((key) => {
    if (!key.startsWith(`${PROGRESS_PREFIX}${quiz}:`)) return false;
    const progress = parsed(readStored(key));
    return isObject(progress) && !progress.done && isObject(progress.answers) && Object.keys(progress.answers).length > 0;
  });
}

/** The ids of a checklist's ticked items, each once (the checklist page keeps them). */
export function checklistTicks(checklist) {
  const data = parsed(readStored(CHECKLIST_PREFIX + checklist));
  return isObject(data) && Array.isArray(data.ticked) ? [...new Set(data.ticked)].filter((id) => typeof id == "string") : [];
}

/** The best of a quiz's attempts: highest percent, the latest of equals. */
export const best = (list) => list.reduce((top, entry) => (!top || (entry.percent ?? entry.score) >= (top.percent ?? top.score) ? entry : top), null);

/**
 * The state of one step: { state, done, label }. `state` is one of not-started, read, started,
 * done, in-progress, tried, passed; `done` says the step counts as finished on the path.
 * `total` is a checklist's number of items (from the page), when known.
 */
export function stepState(step, total) {
  const [kind, id] = step.split(":");
  if (kind == "guide") {
    return readGuides()[id] ? { state: "read", done: true, label: t("state_read") } : notStarted();
  }
  if (kind == "checklist") {
    const ticked = checklistTicks(id).length;
    if (!ticked) return notStarted();
    if (total && ticked >= total) return { state: "done", done: true, label: t("state_done") };
    return { state: "started", done: false, label: total ? t("state_ticked", { done: ticked, total }) : t("state_started") };
  }
  if (kind == "quiz") {
    const list = attempts(id);
    const top = best(list);
    if (top && "passed" in top) {
      const values = { percent: top.percent };
      return top.passed ? { state: "passed", done: true, label: t("state_passed", values) }
        : { state: "tried", done: false, label: t("state_tried", values) };
    }
    if (top) return { state: "done", done: true, label: t("state_assessed") };
    if (underWay(id)) return { state: "in-progress", done: false, label: t("state_in_progress") };
  }
  return notStarted();
}

const notStarted = () => ({ state: "not-started", done: false, label: t("state_not_started") });

// ---- What every page shows

// Each element with data-step gets data-state and, in its [data-step-state] child (or itself, for a
// nav badge), the state in words: never colour alone.
function showStates(scope = document) {
  for (const element of scope.querySelectorAll("[data-step]")) {
    const { state, done, label } = stepState(element.dataset.step, Number(element.dataset.total) || 0);
    element.dataset.state = state;
    element.toggleAttribute("data-done", done);
    const slot = element.querySelector("[data-step-state]");
    if (slot) slot.textContent = label;
  }
  // Nav badges: only the states worth a mark, so an untouched nav reads as it always did.
  for (const badge of document.querySelectorAll("[data-nav-step]")) {
    const { state, label } = stepState(badge.dataset.navStep, Number(badge.dataset.total) || 0);
    badge.textContent = state == "not-started" ? "" : label;
    badge.dataset.state = state;
  }
  for (const stage of document.querySelectorAll("[data-stage]")) {
    const steps = [...stage.querySelectorAll("[data-step]")];
    const out = stage.querySelector("[data-stage-progress]");
    if (out) out.textContent = t("stage_progress", { done: steps.filter((step) => step.hasAttribute("data-done")).length, total: steps.length });
  }
  // "Continue where you left off": the first step on the path not yet done.
  for (const link of document.querySelectorAll("a[data-continue]")) {
    const next = [...document.querySelectorAll("[data-path] [data-step]")].find((step) => !step.hasAttribute("data-done"));
    const target = next?.querySelector("a");
    if (target) {
      link.href = target.href;
      link.textContent = t(document.querySelector("[data-path] [data-done]") ? "continue" : "start", { title: target.textContent });
    } else {
      link.href = link.dataset.finishedUrl || link.href;
      link.textContent = t("finished");
    }
  }
}

// "Mark as read" on a guide page: a toggle button, so a second press takes the mark back.
function setUpMarkRead(button) {
  const guide = button.dataset.markRead;
  const status = document.querySelector("[data-mark-read-status]");
  const show = () => {
    const read = !!readGuides()[guide];
    button.setAttribute("aria-pressed", String(read));
    button.textContent = t(read ? "marked_read" : "mark_read");
    return read;
  };
  button.addEventListener("click", () => {
    markRead(guide, !readGuides()[guide], () => status && (status.textContent = t("not_saved")));
    const read = show();
    if (status) status.textContent = read ? t("marked_read_status") : t("unmarked_read_status");
    showStates();
  });
  show();
}

for (const button of document.querySelectorAll("[data-mark-read]")) setUpMarkRead(button);
showStates();
// Another tab read, ticked or finished something.
addEventListener("storage", () => showStates());
// Back/forward cache: a page shown again after a quiz was passed elsewhere must not show old states.
addEventListener("pageshow", (event) => event.persisted && showStates());
