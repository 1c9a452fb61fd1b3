// Quiz runtime. Why it works as it does: tests/quiz/README.md (comments cost bytes here).
import { score } from "./scoring.js";

const $ = (s, r) => r.querySelector(s), $$ = (s, r) => [...r.querySelectorAll(s)];
const put = (e, kids) => (e.append(...kids.flat(9).filter(k => k != null && k !== false)), e);
const mk = ns => (tag, attrs, ...kids) => {
  const e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const k in attrs) attrs[k] != null && e.setAttribute(k, attrs[k]);
  return put(e, kids);
};
const h = mk(), svg = mk("http://www.w3.org/2000/svg");
const icon = c => h("span", { "aria-hidden": "true", class: "cc-icon" }, c);
const list = items => h("ul", {}, items.map(x => h("li", {}, x)));
// Storage may be forbidden or full: then the quiz just forgets.
const ls = (f, ...a) => { try { return localStorage[f](...a); } catch {} };
const set = (k, v) => ls("setItem", k, JSON.stringify(v)), del = k => ls("removeItem", k);
const prng = s => () => {
  s = (s + 0x6d2b79f5) | 0;
  let t = Math.imul(s ^ (s >>> 15), 1 | s);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};
const cell = v => {
  v = String(v ?? "").replace(/^[=+\-@\t\r]/, "'$&"); // no spreadsheet formulas
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

function init(root) {
  $("[data-quiz-needs-js]", root)?.remove();
  const data = JSON.parse($("[data-quiz-data]", root).textContent);
  const S = data.strings, key = data.scoring, id = key.id, know = key.kind == "knowledge";
  const perQ = know && root.dataset.quizMode == "per_question";
  const t = (k, v = {}) => S[k].replace(/\{(\w+)\}/g, (m, n) => (n in v ? v[n] : m));
  const form = $("[data-quiz-form]", root), res = $("[data-quiz-result]", root), submit = $("[data-quiz-submit]", root);
  const notice = $("[data-quiz-notice]", root), hist = $("[data-quiz-history]", root), qs = $$("[data-question-id]", form);
  const qid = f => f.dataset.questionId, fbOf = f => $("[data-question-feedback]", f) || {};
  const link = g => g && h("a", { href: g.url }, g.title), guide = g => link(data.guides[g]);
  const prefix = `client-craft:quiz:${id}:`, skey = prefix + data.version, hkey = "client-craft:quiz-history:" + id;
  const live = h("p", { class: "cc-sr", role: "status" }), warn = h("p", { class: "cc-notice", role: "status", hidden: "" });
  const fresh = () => ({ seed: (Math.random() * 2 ** 32) >>> 0, answers: {}, checked: [], done: null });
  const save = () => set(skey, st);
  const str = x => typeof x == "string";
  let st, history = [], warned, urls = [], msg;

  const say = (el, text) => {
    el.hidden = false;
    el.textContent = "";
    clearTimeout(el.timer);
    el.timer = setTimeout(() => (el.textContent = text), 60);
  };
  const note = text => (text ? say(notice, text) : (clearTimeout(notice.timer), (notice.hidden = true)));

  for (const k of ls("valueOf") ? Object.keys(localStorage) : []) { // other versions are stale
    if (k.startsWith(prefix) && k != skey) del(k), (msg = "stale");
  }
  const raw = ls("getItem", skey);
  try {
    if (raw != null) {
      st = JSON.parse(raw);
      if (!(st.seed >= 0 && st.answers instanceof Object && Array.isArray(st.checked) && (st.done == null || str(st.done)))) throw 0;
      msg = "resume";
    }
  } catch { st = null; del(skey); msg = "corrupt"; }
  try {
    history = JSON.parse(ls("getItem", hkey) || "[]").filter(e => str(e.date));
  } catch { history = []; del(hkey); msg = "corrupt"; }
  st ||= fresh();

  const groups = qs.map(f => f.dataset.questionType == "ordering" ? $$("select", f).map(s => [...s.options].slice(1))
    : /^(single|multiple)$/.test(f.dataset.questionType) ? [$$(".cc-option", f)] : []);
  const shuffle = () => {
    const r = prng(st.seed);
    if (root.hasAttribute("data-quiz-shuffle")) for (const g of groups) {
      const o = (g[0] || []).map((_, i) => i);
      for (let i = o.length; i > 1; ) { const j = Math.floor(r() * i--); [o[i], o[j]] = [o[j], o[i]]; }
      for (const nodes of g) for (const i of o) nodes[i].parentNode.append(nodes[i]);
    }
  };

  const read = () => {
    const a = Object.create(null); // "constructor" must find nothing
    for (const el of form.elements) {
      const n = el.name;
      if (el.tagName == "SELECT") (a[n] ||= [])[el.dataset.position - 1] = el.value;
      else if (n && el.checked) know ? (a[n] ||= []).push(el.value) : (a[n] = el.value);
    }
    return a;
  };
  const fill = a => {
    for (const el of form.elements) {
      if (!el.name) continue;
      const l = [].concat(Object.hasOwn(a, el.name) ? a[el.name] : []);
      if (el.tagName != "SELECT") el.checked = l.includes(el.value);
      else if ((el.value = l[el.dataset.position - 1]), el.selectedIndex < 0) el.value = "";
    }
  };
  const answered = f => {
    const v = st.answers[qid(f)];
    return f.dataset.questionType == "ordering" ? v.every(Boolean) : !!v;
  };

  const reveal = (f, r) => {
    const tx = data.questions[qid(f)], q = key.questions.find(x => x.id == qid(f)), fb = fbOf(f);
    const [kind, mark, word] = r.correct ? ["ok", "✓", t("correct")]
      : r.score > 0 ? ["part", "◐", t("partly", r)]
      : [].concat(st.answers[q.id]).some(Boolean) ? ["no", "✗", t("wrong")] : ["no", "–", t("unanswered")];
    const picks = $$("input:checked", f).map(i => [h("strong", {}, $("span", i.parentNode).textContent), " ", tx.feedback[i.value]]);
    for (const i of $$("input", f)) {
      if (q.correct.includes(i.value)) i.parentNode.append(h("span", { class: "cc-badge" }, icon("✓"), " ", t("right_answer")));
    }
    fb.className = "cc-feedback cc-feedback--" + kind;
    fb.replaceChildren();
    put(fb, [
      h("p", { class: "cc-verdict" }, icon(mark), " ", word),
      q.type == "ordering" && [h("p", {}, t("right_order")), h("ol", {}, q.correct.map(s => h("li", {}, tx.steps[s])))],
      picks.length > 0 && [h("p", {}, t("your_answer")), list(picks)],
      h("p", {}, tx.explanation),
    ]);
    fb.hidden = false;
    f.disabled = true;
  };

  const check = f => {
    const fb = fbOf(f);
    st.answers = read();
    if (answered(f)) {
      reveal(f, score(key, st.answers).questions[qid(f)]);
      st.checked.push(qid(f));
      save();
    } else {
      fb.className = "cc-feedback";
      fb.replaceChildren(h("p", {}, t("choose_first")));
      fb.hidden = false;
    }
    fb.focus();
  };

  const showHistory = () => {
    hist.hidden = false;
    hist.replaceChildren(h("h2", {}, t("history")), history.length
      ? list(history.map(e => t("history_row", {
          date: new Date(e.date).toLocaleString([], { dateStyle: "medium", timeStyle: "short" }),
          score: know ? t("score", e) + " · " + t(e.passed ? "passed_short" : "failed_short")
            : t("history_band", { band: (data.overall_bands[e.band] || {}).label || "–", score: e.score ?? "–" }),
        })).reverse())
      : h("p", {}, t("history_empty")));
  };

  const button = (text, fn) => {
    const b = h("button", { type: "button", class: "md-button" }, text);
    b.addEventListener("click", fn);
    return b;
  };
  const download = (ext, type, text) => {
    urls.push(URL.createObjectURL(new Blob([text], { type })));
    return h("a", { href: urls.at(-1), download: `${id}-result.${ext}`, class: "md-button" }, t("export_" + ext));
  };
  const printResult = () => {
    const c = document.documentElement.classList;
    c.add("cc-print-result");
    addEventListener("afterprint", () => c.remove("cc-print-result"), { once: true });
    print();
  };

  const knowledgeResult = r => {
    Object.assign(res.dataset, { score: r.score, maxScore: r.max, percent: r.percent, passed: r.passed });
    const verdict = t(r.passed ? "passed" : "failed", { mark: key.pass_mark });
    return [t("score", r) + " " + verdict,
      [["question", "answer", "score", "max", "result"],
        ...key.questions.map(({ id: q }) => {
          const x = r.questions[q];
          return [q, [].concat(st.answers[q] || []).join(" "), x.score, x.max, x.correct ? "correct" : x.score > 0 ? "partly" : "wrong"];
        }),
        ["total", "", r.score, r.max, r.passed ? "passed" : "failed"]],
      [h("p", { class: "cc-result__score" }, h("strong", {}, t("score", r))),
        h("p", { class: "cc-verdict cc-verdict--" + (r.passed ? "ok" : "no") }, icon(r.passed ? "✓" : "✗"), " ", verdict),
        h("h3", {}, t("by_chapter")),
        list(Object.entries(r.chapters).map(([c, v]) => t("chapter_score", { title: data.chapters[c] || c, score: v.score, max: v.max }))),
        h("h3", {}, t("review")),
        r.review_guides.length ? list(r.review_guides.map(guide)) : h("p", {}, t("nothing_to_review"))]];
  };

  const assessmentResult = r => {
    const dims = key.dimensions, R = r.dimensions, ob = data.overall_bands[r.band] || { guides: [], checklists: [] };
    const top = key.bands.find(b => b.max == 100).id, title = d => data.dimensions[d].title;
    const overall = r.band ? t("overall_result", { band: ob.label, score: r.score }) : t("no_score");
    const scored = dims.filter(d => R[d].band), low = Math.min(...scored.map(d => R[d].score));
    const weak = [ob, ...scored.filter(d => R[d].score == low && R[d].band != top).map(d => data.dimensions[d])];
    const guides = new Set(weak.flatMap(x => x.guides)), checklists = new Set(weak.flatMap(x => x.checklists));
    Object.assign(res.dataset, { score: r.score ?? "", maxScore: 100, percent: r.score ?? "", band: r.band ?? "" });
    return [overall,
      [["dimension", "title", "score", "max", "band"], ...dims.map(d => [d, title(d), R[d].score, 100, R[d].band]),
        ["overall", "", r.score, 100, r.band]],
      [h("p", { class: "cc-result__score" }, h("strong", {}, overall)),
        ob.text && h("p", {}, ob.text),
        svg("svg", { class: "cc-chart", viewBox: `0 0 400 ${dims.length * 48}`, role: "img", "aria-label": t("chart_label") },
          svg("title", {}, t("chart_label")),
          dims.map((d, i) => {
            const v = R[d].score, y = i * 48;
            return [svg("text", { y: y + 16 }, title(d)),
              svg("rect", { class: "cc-chart__track", y: y + 23, width: 300, height: 16 }),
              v != null && svg("rect", { class: "cc-chart__bar", y: y + 23, width: v * 3, height: 16 }),
              svg("text", { x: 308, y: y + 37 }, v ?? "–")];
          })),
        h("table", {},
          h("caption", {}, t("chart_label")),
          h("thead", {}, h("tr", {}, [t("dimension"), t("score_col"), t("band_col")].map(x => h("th", { scope: "col" }, x)))),
          h("tbody", {}, dims.map(d => h("tr", { "data-dimension": d, "data-score": R[d].score ?? "", "data-band": R[d].band ?? "" },
            h("th", { scope: "row" }, title(d)), h("td", {}, R[d].score ?? "–"),
            h("td", {}, R[d].band ? data.bands[R[d].band].label : t("no_score")))))),
        scored.length > 0 && h("h3", {}, t("dimension_notes")),
        h("dl", {}, [...new Set(scored.map(d => R[d].band))].map(b => {
          const B = data.bands[b], links = [...B.guides.map(guide), ...B.checklists.map(c => link(data.checklists[c]))];
          return [h("dt", {}, B.label), h("dd", {}, B.text, links.length > 0 && list(links))];
        })),
        guides.size > 0 && [h("h3", {}, t("recommended")), list([...guides].map(guide))],
        checklists.size > 0 && [h("h3", {}, t("recommended_checklists")), list([...checklists].map(c => link(data.checklists[c])))]]];
  };

  const finish = isNew => {
    const a = st.answers, r = score(key, a);
    for (const f of qs) know && !f.disabled && reveal(f, r.questions[qid(f)]), (f.disabled = true);
    submit.hidden = true;
    if (isNew) {
      st.done = new Date().toISOString();
      save();
      history = [...history, know ? { date: st.done, score: r.score, max: r.max, percent: r.percent, passed: r.passed }
        : { date: st.done, score: r.score, band: r.band }].slice(-20);
      set(hkey, history);
      showHistory();
    }
    const [summary, rows, body] = (know ? knowledgeResult : assessmentResult)(r);
    urls.forEach(URL.revokeObjectURL);
    urls = [];
    res.replaceChildren();
    put(res, [h("h2", { id: id + "-result-title" }, t("result")), body,
      h("p", { class: "cc-result__actions" },
        button(t("retry"), retry),
        download("json", "application/json", JSON.stringify({ quiz: id, title: data.title, version: data.version, date: st.done, answers: a, result: r }, null, 2)),
        download("csv", "text/csv", "\ufeff" + rows.map(row => row.map(cell).join(",") + "\r\n").join("")),
        button(t("print_result"), printResult))]);
    res.hidden = false;
    if (isNew) res.focus(), say(live, summary);
  };

  const retry = () => {
    del(skey);
    st = fresh();
    warned = false;
    form.reset();
    for (const f of qs) (f.disabled = false), (fbOf(f).hidden = true);
    for (const b of $$(".cc-badge", form)) b.remove();
    for (const k of ["score", "maxScore", "percent", "passed", "band"]) delete res.dataset[k];
    res.hidden = warn.hidden = true;
    submit.hidden = false;
    note("");
    shuffle();
    st.answers = read();
    $("input, select", form).focus();
  };

  submit.parentNode.before(warn);
  if (perQ) for (const f of qs) fbOf(f).before(h("p", { class: "cc-question__check" },
    h("button", { type: "button", class: "md-button", "data-question-check": "" }, t("check"))));
  submit.hidden = false;

  form.addEventListener("click", e => {
    const b = e.target.closest("[data-question-check]");
    if (b) check(b.closest("fieldset"));
  });
  // Enter would submit the quiz
  form.addEventListener("keydown", e => {
    if (e.key == "Enter" && e.target.tagName == "INPUT") {
      e.preventDefault();
      if (perQ) check(e.target.closest("fieldset"));
    }
  });
  form.addEventListener("change", e => {
    const f = e.target.closest("fieldset");
    if (!f.disabled) fbOf(f).hidden = true; // an "answer first" hint is stale now
    st.answers = read();
    save();
  });
  form.addEventListener("submit", e => {
    e.preventDefault();
    st.answers = read();
    const missing = qs.filter(f => !answered(f));
    if (missing.length && !warned) {
      warned = true;
      return say(warn, t(know ? "missing_submit" : "missing_items", { count: missing.length, numbers: missing.map(f => qs.indexOf(f) + 1).join(", ") }));
    }
    warn.hidden = true;
    note("");
    finish(true);
  });

  shuffle();
  fill(st.answers);
  st.answers = read();
  const start = score(key, st.answers);
  if (perQ) for (const f of qs) st.checked.includes(qid(f)) && answered(f) && reveal(f, start.questions[qid(f)]);
  if (msg == "resume" && !Object.values(st.answers).flat().some(Boolean)) msg = "";
  if (msg) note(t(msg));
  showHistory();
  root.append(live);
  if (st.done) finish(false);
}

for (const root of document.querySelectorAll("[data-quiz-id]")) {
  try { init(root); } catch (err) { console.error("quiz", err); }
}
