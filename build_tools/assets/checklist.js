// Checklist pages: ticks saved in this browser, progress, Reset and its Undo, and printing.
// Saved state: localStorage["client-craft:checklist:<id>"] = {"v":1,"ticked":[item ids]}.
import { offerDownload, resultFile, savedName } from "./results.js";
import { forget, readStored, storeJSON } from "./storage.js";
import { fillIn } from "./strings.js";

const PREFIX = "client-craft:checklist:";
// On <html> while printing a blank copy. Any other print (the browser's own Print, or ours) shows
// the ticks as the screen does: a printout that drops what the reader sees would surprise them.
const PRINT_BLANK = "cc-print-blank";

// Ticks of items that still exist; anything malformed reads as "nothing saved" and is
// overwritten on the next tick. `stale` says saved ids were dropped (items removed from the YAML).
function load(key, known) {
  let data;
  try {
    data = JSON.parse(readStored(key) ?? "null");
  } catch {
    return { ticked: [], stale: false };
  }
  if (!data || typeof data !== "object" || Array.isArray(data) || data.v !== 1 || !Array.isArray(data.ticked)) {
    return { ticked: [], stale: false };
  }
  const ticked = [...new Set(data.ticked.filter((id) => typeof id === "string" && known.has(id)))];
  return { ticked, stale: ticked.length !== data.ticked.length };
}

// `null` removes the saved ticks. Storage off or full: ticking still works for this visit, and
// `warn` tells the reader once (storage.js).
function store(key, ticked, warn) {
  if (ticked === null) forget(key);
  else storeJSON(key, { v: 1, ticked }, warn);
}

function setup(root) {
  let strings = {}, title = "";
  try {
    ({ strings = {}, title = "" } = JSON.parse(root.querySelector("[data-checklist-data]")?.textContent ?? "{}"));
  } catch {
    // Keep the fallbacks below.
  }
  root.querySelector("[data-checklist-needs-js]")?.remove();
  const key = PREFIX + root.dataset.checklistId;
  const boxes = [...root.querySelectorAll("input[type=checkbox][data-item-id]")];
  const known = new Set(boxes.map((box) => box.dataset.itemId));
  const progress = root.querySelector("[data-checklist-progress]");
  const notice = root.querySelector("[data-checklist-notice]");
  // Shown empty, then filled, so that screen readers announce it.
  const warn = () => {
    if (!notice || !strings.not_saved) return;
    notice.hidden = false;
    setTimeout(() => (notice.textContent = strings.not_saved), 60);
  };

  const show = (note) => {
    const done = boxes.filter((box) => box.checked).length;
    const text = fillIn(strings.progress ?? "{done} / {total}", { done, total: boxes.length });
    if (progress) progress.textContent = note ? `${note} ${text}` : text;
  };
  const apply = () => {
    const { ticked, stale } = load(key, known);
    const set = new Set(ticked);
    // Set every box, so a state the browser restored by itself never disagrees with storage.
    for (const box of boxes) box.checked = set.has(box.dataset.itemId);
    if (stale) store(key, ticked, warn);
    show();
  };

  // What the last Reset cleared, while Undo can still put it back: until the next tick, here or
  // in another tab, since putting back an older state then would undo that tick too.
  const resetButton = root.querySelector("[data-checklist-reset]");
  const undoButton = root.querySelector("[data-checklist-undo]");
  let beforeReset = null;
  const forgetUndo = () => {
    beforeReset = null;
    if (!undoButton || undoButton.hidden) return;
    // Hiding a focused button would drop focus to the top of the page.
    if (document.activeElement === undoButton) resetButton?.focus();
    undoButton.hidden = true;
  };

  // One tick or untick is applied to what is saved now, not to this page's view of it: another
  // tab may have ticked something a moment ago that this one has not heard of yet.
  root.addEventListener("change", (event) => {
    const id = event.target.dataset?.itemId;
    if (!known.has(id)) return;
    forgetUndo();
    const ticked = new Set(load(key, known).ticked);
    if (event.target.checked) ticked.add(id);
    else ticked.delete(id);
    store(key, [...ticked], warn);
    show();
  });
  // Another tab ticked or reset the same checklist.
  window.addEventListener("storage", (event) => {
    if (event.key !== key && event.key !== null) return;
    forgetUndo();
    apply();
  });

  const on = (hook, action) => {
    const button = root.querySelector(`[${hook}]`);
    if (!button) return;
    // The buttons are on the page from the first paint wherever this script can run (see
    // client-craft.css); only their actions come from here, so nothing moves when it starts.
    button.addEventListener("click", action);
  };
  const print = (blank) => {
    document.documentElement.classList.toggle(PRINT_BLANK, blank);
    window.print();
  };
  // The ticks as a results file (results.js), made when asked for so it holds what is ticked now.
  const exportLink = root.querySelector("[data-checklist-export]");
  exportLink?.addEventListener("click", () => {
    const checklist = { id: root.dataset.checklistId, title, total: boxes.length, ticked: load(key, known).ticked };
    offerDownload(exportLink, exportLink.getAttribute("download"), "application/json",
      JSON.stringify(resultFile({ name: savedName(), checklists: [checklist] }), null, 2));
  });
  on("data-checklist-print", () => print(false));
  on("data-checklist-print-blank", () => print(true));
  // Reset clears at once (asking first would slow down the common case) and offers Undo instead;
  // focus goes to Undo, so a keyboard user can take it back with one key press.
  on("data-checklist-reset", () => {
    const ticked = boxes.filter((box) => box.checked).map((box) => box.dataset.itemId);
    for (const box of boxes) box.checked = false;
    store(key, null);
    show(strings.reset_done);
    if (!ticked.length || !undoButton) return; // nothing to put back: any earlier Undo still stands
    beforeReset = ticked;
    undoButton.hidden = false;
    undoButton.focus();
  });
  on("data-checklist-undo", () => {
    const ticked = beforeReset;
    if (!ticked) return;
    const set = new Set(ticked);
    for (const box of boxes) box.checked = set.has(box.dataset.itemId);
    store(key, ticked, warn);
    forgetUndo(); // moves focus back to Reset
    show(strings.undo_done);
  });

  // Without a configured site_url the page only knows its site-relative path, and its print leaves
  // the address out (the template hides the line): served over http(s), print the real address.
  const url = root.querySelector("[data-checklist-url]");
  if (url && !/^https?:/.test(url.textContent) && /^https?:$/.test(location.protocol)) {
    url.textContent = location.origin + location.pathname;
    url.closest(".cc-print-url")?.removeAttribute("hidden");
  }
  apply();
}

window.addEventListener("afterprint", () => document.documentElement.classList.remove(PRINT_BLANK));
for (const root of document.querySelectorAll("[data-checklist-id]")) setup(root);
