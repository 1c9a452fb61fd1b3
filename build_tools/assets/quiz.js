// Quiz runtime: knowledge quizzes and self-assessments, scored in this browser by scoring.js.
// The hooks, the behaviour and the reasons for it are in tests/quiz/README.md. The build
// minifies this file (build_tools/minify.py), so comments and clear names cost no bytes there.
import { announce, appendAll, find, findAll, html, svg } from "./dom.js";
import { attemptRecord, csvText, newAttemptId, offerDownload, resultFile, savedName } from "./results.js";
import { score } from "./scoring.js";
import { forget, readStored, storeJSON, storedKeys } from "./storage.js";
import { fillIn, number, pageLanguage } from "./strings.js";

const icon = (symbol) => html("span", { "aria-hidden": "true", class: "cc-icon" }, symbol);
const bulletList = (items) => html("ul", {}, items.map((item) => html("li", {}, item)));
// A page without an address for a guide (a SCORM package built without site_url) names it; a
// link that leaves this page's site (a package's links to the site) opens in a new tab.
const link = (target) => target && (target.url
  ? html("a", { href: target.url, target: /^https?:/.test(target.url) ? "_blank" : null }, target.title)
  : html("span", {}, target.title));

// The print CSS shows only the page title and the result while <html> has this class.
function printResult() {
  const classes = document.documentElement.classList;
  classes.add("cc-print-result");
  addEventListener("afterprint", () => classes.remove("cc-print-result"), { once: true });
  print();
}

// ---- Shuffle, answers and downloads

// mulberry32: a tiny seeded PRNG. The seed is saved with the progress, so a reload shows the same order.
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let mixed = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}

// The indices 0 … length-1 in a Fisher–Yates order drawn from `random`.
function shuffledOrder(length, random) {
  const order = Array.from({ length }, (_, index) => index);
  for (let last = length - 1; last > 0; last--) {
    const pick = Math.floor(random() * (last + 1));
    [order[last], order[pick]] = [order[pick], order[last]];
  }
  return order;
}

const newProgress = () => ({ seed: (Math.random() * 2 ** 32) >>> 0, answers: {}, checked: [], done: null });
const isDate = (date) => typeof date == "string" && Date.parse(date) > 0;

// The form's answers by question name. Knowledge questions give a list of values (ordering: the
// steps from the top of the list down, once the person has moved one); assessment items give one value.
function readAnswers(form, knowledge) {
  const answers = Object.create(null); // no prototype: a question named "constructor" finds nothing
  for (const field of form.elements) {
    const name = field.name;
    if (field.type == "hidden") {
      if (field.closest("[data-moved]")) (answers[name] ||= []).push(field.value);
    }
    else if (name && field.checked) {
      if (knowledge) (answers[name] ||= []).push(field.value);
      else answers[name] = field.value;
    }
  }
  return answers;
}

// Saved answers back into the form; a value the form does not hold selects nothing, and an order
// that is not one of the list's own steps leaves the starting order (restore() then finds that
// the answer does not read back, and resets).
const own = (object, name) => (Object.hasOwn(object, name) ? object[name] : undefined);
// Points as people read them: whole, or with one decimal (partial credit), never 2.33; in the page's
// language (`2,5` in Vietnamese). The data-* hooks keep the plain numbers.
const points = (value) => number(Math.round(value * 10) / 10);
const shownScore = (part) => ({ ...part, score: points(part.score), max: number(part.max), percent: number(part.percent) });

function fillAnswers(form, answers) {
  for (const field of form.elements) {
    if (field.name && field.type != "hidden") field.checked = [].concat(own(answers, field.name) ?? []).includes(field.value);
  }
  for (const list of findAll("[data-order]", form)) {
    const steps = [...list.children], saved = own(answers, find("input", list).name);
    const byValue = new Map(steps.map((step) => [find("input", step).value, step]));
    const order = saved?.length == steps.length && saved.every((value) => byValue.has(value))
      ? saved.map((value) => byValue.get(value)) : steps.sort((a, b) => a.dataset.index - b.dataset.index);
    list.toggleAttribute("data-moved", order != steps);
    // Moved only when out of place: every move makes the browser lay the page out again.
    if (order.some((step, index) => list.children[index] !== step)) list.append(...new Set(order));
  }
}

// ---- Results. Each returns the result element's data-* hooks, the summary screen readers
// hear, the rows of the CSV download and the elements shown on the page.

// Every CSV row starts with who took which quiz when, so files from several quizzes or people can be
// put together in one sheet and still be read.
const withContext = (context, rows) => [["quiz", "quiz_title", "name", "finished", ...rows[0]],
  ...rows.slice(1).map((row) => [...context, ...row])];

function knowledgeResult({ data, key, t }, result, answers) {
  const { passed } = result;
  // The review list comes ranked by the points each guide's questions lost (scoring.js).
  const verdict = t(passed ? "passed" : "failed", { mark: key.pass_mark });
  const outcome = (part) => (part.correct ? "correct" : part.score > 0 ? "partly" : "wrong");
  const chapters = Object.entries(result.chapters).map(([chapter, part]) =>
    t("chapter_score", { title: data.chapters[chapter] || chapter, score: points(part.score), max: part.max }));
  const guides = result.review_guides.map((guide) => link(data.guides[guide]));
  return {
    hooks: { score: result.score, maxScore: result.max, percent: result.percent, passed },
    summary: t("score", shownScore(result)) + " " + verdict,
    rows: [
      ["question", "answer", "score", "max", "result"],
      ...key.questions.map(({ id }) => {
        const part = result.questions[id];
        return [id, (answers[id] || []).join(" "), part.score, part.max, outcome(part)];
      }),
      ["total", "", result.score, result.max, passed ? "passed" : "failed"],
    ],
    body: [
      html("p", { class: "cc-result__score" }, html("strong", {}, t("score", shownScore(result)))),
      html("p", { class: "cc-verdict cc-verdict--" + (passed ? "ok" : "no") }, icon(passed ? "✓" : "✗"), " ", verdict),
      html("h3", {}, t("by_chapter")),
      bulletList(chapters),
      html("h3", {}, t("review")),
      guides.length ? bulletList(guides) : html("p", {}, t("nothing_to_review")),
    ],
  };
}

function assessmentResult({ data, key, t }, result) {
  const dimensions = key.dimensions, scores = result.dimensions;
  const overallBand = data.overall_bands[result.band] || { guides: [], checklists: [] };
  const topBand = key.bands.find((band) => band.max == 100).id;
  const title = (dimension) => data.dimensions[dimension].title;
  const guideLink = (guide) => link(data.guides[guide]);
  const checklistLink = (checklist) => link(data.checklists[checklist]);
  const overall = result.band ? t("overall_result", { band: overallBand.label, score: result.score }) : t("no_score");
  const label = t("chart_label");

  // Advice follows the scores: each dimension below the top band, weakest first, with its own
  // material for its band; then the overall band's.
  const scored = dimensions.filter((dimension) => scores[dimension].band);
  const weak = scored.filter((dimension) => scores[dimension].band != topBand)
    .sort((a, b) => scores[a].score - scores[b].score);
  const adviceOf = (dimension) => data.dimensions[dimension].advice[scores[dimension].band] || { guides: [], checklists: [] };
  const shown = new Set();
  const once = (items) => items.filter((item) => !shown.has(item) && shown.add(item));
  const advice = weak.map((dimension) => {
    const { guides, checklists } = adviceOf(dimension);
    const links = [...once(guides).map(guideLink), ...once(checklists).map(checklistLink)];
    return links.length > 0 && [html("h4", {}, t("dimension_advice", { title: title(dimension), band: data.bands[scores[dimension].band].label })), bulletList(links)];
  });
  const general = [...once(overallBand.guides).map(guideLink), ...once(overallBand.checklists).map(checklistLink)];

  // Inline SVG: one 48-unit row per dimension, 3 units per point (100 fills the 300-unit track),
  // the number written beside the bar.
  const chart = svg("svg", { class: "cc-chart", viewBox: `0 0 400 ${dimensions.length * 48}`, role: "img", "aria-label": label },
    svg("title", {}, label),
    dimensions.map((dimension, index) => {
      const value = scores[dimension].score, top = index * 48;
      return [
        svg("text", { y: top + 16 }, title(dimension)),
        svg("rect", { class: "cc-chart__track", y: top + 23, width: 300, height: 16 }),
        value != null && svg("rect", { class: "cc-chart__bar", y: top + 23, width: value * 3, height: 16 }),
        svg("text", { x: 308, y: top + 37 }, value ?? "–"),
      ];
    }));
  // The same numbers and bands as a table, for screen readers and paper.
  const table = html("table", {},
    html("caption", {}, label),
    html("thead", {}, html("tr", {}, [t("dimension"), t("score_col"), t("band_col")].map((text) => html("th", { scope: "col" }, text)))),
    html("tbody", {}, dimensions.map((dimension) => {
      const { score: value, band } = scores[dimension];
      return html("tr", { "data-dimension": dimension, "data-score": value ?? "", "data-band": band ?? "" },
        html("th", { scope: "row" }, title(dimension)),
        html("td", {}, value ?? "–"),
        html("td", {}, band ? data.bands[band].label : t("no_score")));
    })));
  // Each band that occurs is explained once.
  const bandNotes = [...new Set(scored.map((dimension) => scores[dimension].band))].map((id) =>
    [html("dt", {}, data.bands[id].label), html("dd", {}, data.bands[id].text)]);

  return {
    hooks: { score: result.score ?? "", maxScore: 100, percent: result.score ?? "", band: result.band ?? "" },
    summary: overall,
    rows: [
      ["dimension", "title", "score", "max", "band"],
      ...dimensions.map((dimension) => [dimension, title(dimension), scores[dimension].score, 100, scores[dimension].band]),
      ["overall", "", result.score, 100, result.band],
    ],
    body: [
      html("p", { class: "cc-result__score" }, html("strong", {}, overall)),
      overallBand.text && html("p", {}, overallBand.text),
      chart,
      table,
      scored.length > 0 && html("h3", {}, t("dimension_notes")),
      html("dl", {}, bandNotes),
      (shown.size > 0) && html("h3", {}, t("recommended")),
      advice,
      general.length > 0 && bulletList(general),
    ],
  };
}

// ---- One quiz on the page

function setUpQuiz(root) {
  find("[data-quiz-needs-js]", root)?.remove();
  const data = JSON.parse(find("[data-quiz-data]", root).textContent);
  const key = data.scoring, quizId = key.id;
  const knowledge = key.kind == "knowledge";
  const perQuestion = knowledge && root.dataset.quizMode == "per_question";
  const t = (name, values) => fillIn(data.strings[name], values);

  const form = find("[data-quiz-form]", root);
  const resultBox = find("[data-quiz-result]", root);
  const submit = find("[data-quiz-submit]", root);
  const noticeBox = find("[data-quiz-notice]", root);
  const historyBox = find("[data-quiz-history]", root);
  const resultBody = find("[data-quiz-result-body]", root);
  const questions = findAll("[data-question-id]", form);
  const idOf = (question) => question.dataset.questionId;
  // A stand-in object should a question have no feedback element.
  const feedbackOf = (question) => find("[data-question-feedback]", question) || {};

  // Progress is kept per content version, history per quiz (see tests/quiz/README.md).
  const quizPrefix = `client-craft:quiz:${quizId}:`;
  const progressKey = quizPrefix + data.version;
  const historyKey = "client-craft:quiz-history:" + quizId;
  // Status regions the page ships (empty, so nothing moves): the summary said on submit, and the
  // warning about blank answers beside the button.
  const announcer = find("[data-quiz-announcer]", root);
  const blanksWarning = find("[data-quiz-blanks]", root);

  // { seed, answers, checked: [question ids], started and done: ISO dates or null, attempt: id once done }
  let progress;
  let history = []; // finished attempts, oldest first
  let warnedOfBlanks = false;
  let notice = ""; // catalog key of the notice to show once loaded or updated from another tab

  function showNotice(text) {
    if (text) return announce(noticeBox, text);
    clearTimeout(noticeBox.timer);
    noticeBox.hidden = true;
  }
  // Told once per page when storage refuses a write (storage.js).
  const warn = () => showNotice(t("not_saved"));
  // Another script on the page (a SCORM package's bridge to its learning platform) takes part
  // through events on the quiz: it may offer saved progress as the quiz opens, and it hears each
  // save and each new result.
  const tell = (name, detail) => root.dispatchEvent(new CustomEvent("cc-quiz:" + name, { detail }));
  const saveProgress = () => {
    storeJSON(progressKey, progress, warn);
    tell("save", { progress });
  };

  // Progress saved for another content version no longer fits the questions.
  for (const storedKey of storedKeys()) {
    if (storedKey.startsWith(quizPrefix) && storedKey != progressKey) {
      forget(storedKey);
      notice = "stale";
    }
  }

  // What a line of the history needs (an unknown band shows as "–"). Any saved attempt without it
  // is dropped (the others stay) with the corrupt notice, and the list is saved again without it.
  const isAttempt = (entry) => isDate(entry?.date) && (knowledge
    ? [entry.score, entry.max, entry.percent].every(Number.isFinite) && typeof entry.passed == "boolean"
    : Number.isFinite(entry.score ?? 0));
  // The saved attempts, read again before every write so that none another tab saved is lost.
  // While storage holds none it can read (turned off, or refusing writes), this visit's attempts.
  function savedHistory() {
    let entries, kept = [];
    try {
      entries = JSON.parse(readStored(historyKey) ?? JSON.stringify(history));
      kept = entries.filter(isAttempt);
    } catch {
      // Not a list: nothing in it can be shown.
    }
    if (kept.length != entries?.length) {
      notice = "corrupt";
      storeJSON(historyKey, kept, warn);
    }
    return kept;
  }

  // What a shuffle reorders: the options of each choice question. True/false, scales and ordering
  // lists stay (an ordering list starts in an order with no step in place).
  const shuffledOptions = questions.map((question) =>
    (["single", "multiple"].includes(question.dataset.questionType) ? findAll(".cc-option", question) : []));
  // Always from the authored order (as the lists hold it), so one seed gives one order.
  function shuffle() {
    const random = mulberry32(progress.seed);
    if (!root.hasAttribute("data-quiz-shuffle")) return;
    for (const options of shuffledOptions) {
      for (const index of shuffledOrder(options.length, random)) options[index].parentNode.append(options[index]);
    }
  }

  const answeredLine = find("[data-quiz-answered]", root);
  const showAnswered = () => {
    if (answeredLine) answeredLine.textContent = t("answered", { count: questions.filter(isAnswered).length, total: questions.length });
  };
  const readForm = () => {
    progress.answers = readAnswers(form, knowledge);
    // An attempt starts with its first answer, not when the page opened (nor when a finished attempt
    // saved before attempts had a start is shown again: it then starts when it finished).
    if (!progress.started && !progress.done && Object.keys(progress.answers).length) progress.started = new Date().toISOString();
    showAnswered();
  };
  // An ordering list is an answer once the person has moved a step (see readAnswers).
  const isAnswered = (question) => !!progress.answers[idOf(question)];

  // The verdict in words and an icon, never colour alone: [class suffix, icon, words].
  function verdict(part, answer) {
    if (part.correct) return ["ok", "✓", t("correct")];
    if (part.score > 0) return ["part", "◐", t("partly", shownScore(part))];
    return [].concat(answer).some(Boolean) ? ["no", "✗", t("wrong")] : ["no", "–", t("unanswered")];
  }

  // Show a question's feedback (verdict, the picked options with their own feedback, the right
  // answers marked, the explanation) and lock the question.
  function reveal(question) {
    const id = idOf(question), texts = data.questions[id], feedback = feedbackOf(question);
    const part = score(key, progress.answers).questions[id];
    const scoring = key.questions.find((entry) => entry.id == id);
    const [kind, mark, words] = verdict(part, progress.answers[id]);
    const picks = findAll("input:checked", question).map((input) =>
      [html("strong", {}, input.nextSibling.textContent.trim()), " ", texts.feedback[input.value]]);
    for (const input of findAll("input", question)) {
      if (scoring.correct.includes(input.value)) {
        input.parentNode.append(html("span", { class: "cc-badge" }, icon("✓"), " ", t("right_answer")));
      }
    }
    feedback.className = "cc-feedback cc-feedback--" + kind;
    feedback.replaceChildren();
    appendAll(feedback, [
      html("p", { class: "cc-verdict" }, icon(mark), " ", words),
      scoring.type == "ordering"
        && [html("p", {}, t("right_order")), html("ol", {}, scoring.correct.map((step) => html("li", {}, texts.steps[step])))],
      picks.length > 0 && [html("p", {}, t("your_answer")), bulletList(picks)],
      html("p", {}, texts.explanation),
    ]);
    feedback.hidden = false;
    question.disabled = true; // the guide links in the feedback still work
  }

  // "Check answer": a blank question is only told to be answered, and stays open.
  function check(question) {
    const feedback = feedbackOf(question);
    readForm();
    if (isAnswered(question)) {
      reveal(question);
      progress.checked.push(idOf(question));
      saveProgress();
    } else {
      feedback.className = "cc-feedback";
      feedback.replaceChildren(html("p", {}, t("choose_first")));
      feedback.hidden = false;
    }
    feedback.focus();
  }

  const outcomeOf = (entry) => (knowledge
    ? t("score", entry) + " · " + t(entry.passed ? "passed_short" : "failed_short")
    : t("history_band", { band: (data.overall_bands[entry.band] || {}).label || "–", score: entry.score ?? "–" }));

  function historyRow(entry) {
    const date = new Date(entry.date).toLocaleString(pageLanguage, { dateStyle: "medium", timeStyle: "short" });
    return t("history_row", { date, score: outcomeOf(entry) });
  }

  // The line at the top: the last finished attempt, linked to the result shown below (or to the
  // list of attempts when a new one is under way).
  const lastLine = find("[data-quiz-last]", root);
  function showLast() {
    const last = history.at(-1);
    if (!lastLine || !last) return;
    const date = new Date(last.date).toLocaleDateString(pageLanguage, { dateStyle: "medium" });
    const target = "#" + find("h2", progress.done ? resultBox : historyBox).id;
    lastLine.replaceChildren(t("last_result", { outcome: outcomeOf(last), date }), " ",
      html("a", { href: target }, t(progress.done ? "see_result" : "see_history")));
  }

  function showHistory() {
    showLast();
    historyBox.hidden = false;
    historyBox.replaceChildren(find("h2", historyBox), // the heading stays: the page ships it
      history.length ? bulletList(history.map(historyRow).reverse()) : html("p", {}, t("history_empty")));
  }

  // Score and show the result: `isNew` on submit; not for a finished attempt shown again after a
  // reload, which neither moves focus nor adds a second history entry.
  function finish(isNew) {
    const answers = progress.answers, result = score(key, answers);
    for (const question of questions) {
      if (knowledge && !question.disabled) reveal(question);
      question.disabled = true;
    }
    submit.hidden = true;
    // The attempt as the history keeps it and the results file carries it (JSON leaves out the
    // fields a kind has not): the whole record, answers too, so a team lead can analyse it.
    if (isNew) {
      progress.done = new Date().toISOString();
      progress.attempt = newAttemptId();
      saveProgress();
    }
    const entry = { id: progress.attempt, started: progress.started ?? progress.done, date: progress.done,
      version: data.version, answers, score: result.score, max: result.max, percent: result.percent,
      passed: result.passed, band: result.band, dimensions: result.dimensions };
    if (isNew) {
      history = [...savedHistory(), entry].slice(-20); // the last 20 attempts
      storeJSON(historyKey, history, warn);
      showHistory();
    }
    const shown = (knowledge ? knowledgeResult : assessmentResult)({ data, key, t }, result, answers);
    Object.assign(resultBox.dataset, shown.hooks);
    const name = savedName();
    const record = resultFile({ name, attempts: [attemptRecord({ id: quizId, title: data.title, kind: key.kind }, entry)] });
    const when = new Date(progress.done).toLocaleString(pageLanguage, { dateStyle: "long", timeStyle: "short" });
    find("[data-quiz-result-when]", resultBox).textContent = name ? t("finished_by", { name, date: when }) : t("finished_on", { date: when });
    const rows = withContext([quizId, data.title, name, progress.done], shown.rows);
    // The page ships the result's heading, buttons and download links: each link gets this
    // result's file (and the one it had is let go).
    const files = { json: ["application/json", JSON.stringify(record, null, 2)], csv: ["text/csv", csvText(rows)] };
    for (const link of findAll("[data-quiz-export]", resultBox)) {
      const extension = link.dataset.quizExport;
      offerDownload(link, `${quizId}-result.${extension}`, ...files[extension]);
    }
    resultBody.replaceChildren();
    appendAll(resultBody, shown.body);
    resultBox.hidden = false;
    if (isNew) {
      resultBox.focus();
      announce(announcer, shown.summary);
      tell("finish", { answers, entry, result });
    }
  }

  // Show the saved progress (`text`, as stored), or a new attempt if there is none. Progress that
  // cannot be read or does not fit this page is removed and a new attempt shown with the corrupt
  // notice, never half of it: the seed a uint32; every saved answer one the form holds, exactly
  // as it reads back (so known questions, known values, the right shapes); checked questions
  // fully answered; a finished attempt dated and with at least one answer.
  function restore(text) {
    warnedOfBlanks = false;
    // Only what differs is written: on a long quiz each needless write costs the page another style
    // and layout pass while it opens (a fresh page has nothing checked, locked or shown).
    if (find("input:checked", form)) form.reset();
    for (const question of questions) {
      if (question.disabled) question.disabled = false;
      const feedback = feedbackOf(question);
      if (!feedback.hidden) feedback.hidden = true;
    }
    for (const badge of findAll(".cc-badge", form)) badge.remove();
    for (const hook of ["score", "maxScore", "percent", "passed", "band"]) delete resultBox.dataset[hook];
    resultBox.hidden = blanksWarning.hidden = true;
    submit.hidden = false;
    let answered; // ids of the questions answered in full
    try {
      progress = text == null ? newProgress() : JSON.parse(text);
      const saved = progress.answers;
      shuffle();
      fillAnswers(form, saved);
      readForm();
      answered = questions.filter(isAnswered).map(idOf);
      if (!(progress.seed >>> 0 === progress.seed
        && Object.keys(saved).every((id) => JSON.stringify(progress.answers[id]) == JSON.stringify(saved[id]))
        && progress.checked.every((id) => answered.includes(id))
        && (!progress.done || isDate(progress.done) && answered.length))) throw progress;
    } catch {
      forget(progressKey);
      notice = "corrupt";
      return restore();
    }
    if (answered.length) notice ||= "resume";
    for (const question of questions) {
      if (perQuestion && progress.checked.includes(idOf(question))) reveal(question);
    }
    if (progress.done) finish(false);
  }

  // "Start again": a new seed, so a new order, saved at once so that other tabs follow; the history stays.
  function startAgain() {
    showNotice("");
    restore();
    showLast(); // the last result now links to the attempts, not to a result no longer shown
    saveProgress();
    find("input:not([type=hidden]), button", form).focus();
  }

  // The page ships the "Check answer" buttons and the submit button, shown from the first paint
  // wherever this script can run (the head decides, see client-craft.css): nothing moves now.
  // The result's buttons are there too, hidden with the result.
  find("[data-quiz-retry]", root).addEventListener("click", startAgain);
  find("[data-quiz-print]", root).addEventListener("click", printResult);
  form.addEventListener("click", (event) => {
    const checkButton = event.target.closest("[data-question-check]");
    if (checkButton) check(checkButton.closest("fieldset"));
    const move = event.target.closest("[data-move]");
    if (move) moveStep(move);
  });
  // An arrow button moves its step one place and keeps the focus, so pressing it again moves on;
  // the new place is announced.
  function moveStep(button) {
    const step = button.closest("li"), list = step.parentNode, up = button.dataset.move < 0;
    const next = up ? step.previousElementSibling : step.nextElementSibling;
    if (next) next[up ? "before" : "after"](step);
    list.setAttribute("data-moved", "");
    button.focus();
    const steps = [...list.children];
    find("[data-order-status]", list.parentNode).textContent = t("moved", { position: steps.indexOf(step) + 1, total: steps.length });
    feedbackOf(list.closest("fieldset")).hidden = true;
    readForm();
    saveProgress();
  }
  // Enter in a radio or checkbox would submit the whole quiz.
  form.addEventListener("keydown", (event) => {
    if (event.key == "Enter" && event.target.tagName == "INPUT") {
      event.preventDefault();
      if (perQuestion) check(event.target.closest("fieldset"));
    }
  });
  form.addEventListener("change", (event) => {
    const question = event.target.closest("fieldset");
    if (!question.disabled) feedbackOf(question).hidden = true; // an "answer first" hint is stale now
    readForm();
    saveProgress();
  });
  // The first submit with blanks says which; the second scores them as they are, so that no
  // question is skipped by accident.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    readForm();
    const blanks = questions.filter((question) => !isAnswered(question));
    // Nothing answered: nothing to score, and no empty result in the history.
    if (blanks.length == questions.length) return announce(blanksWarning, t("nothing_answered"));
    if (blanks.length && !warnedOfBlanks) {
      warnedOfBlanks = true;
      const numbers = blanks.map((question) => questions.indexOf(question) + 1).join(", ");
      announce(blanksWarning, t(knowledge ? "missing_submit" : "missing_items", { count: blanks.length, numbers }));
      return;
    }
    blanksWarning.hidden = true;
    showNotice("");
    finish(true);
  });

  history = savedHistory();
  const offered = { id: quizId, version: data.version, progress: null };
  tell("open", offered);
  restore(offered.progress ?? readStored(progressKey));
  if (offered.progress != null) saveProgress(); // this browser keeps what the platform gave back
  showHistory();
  if (notice) showNotice(t(notice));

  // Another tab changed this quiz's progress or history (or cleared storage): show what it saved,
  // and say so, rather than let the last tab to write win.
  addEventListener("storage", (event) => {
    if ([progressKey, historyKey, null].includes(event.key)) {
      notice = "synced";
      history = savedHistory();
      restore(readStored(progressKey));
      showHistory();
      showNotice(t(notice));
    }
  });
}

for (const root of document.querySelectorAll("[data-quiz-id]")) {
  try {
    setUpQuiz(root);
  } catch (error) {
    console.error("quiz", error); // one broken quiz must not stop the others
  }
}
