// Team figures from the attempts read (team-read.js): who did what, and which questions work.
// Mirrors build_tools/results/stats.py line for line (the formulas and their sources are explained
// there); every sum runs left to right in the same order, so both give the same doubles.

function mean(values) {
  let total = 0;
  for (const value of values) total = total + value;
  return total / values.length;
}

export function variance(values) {
  const centre = mean(values);
  let total = 0;
  for (const value of values) total = total + (value - centre) * (value - centre);
  return total / values.length;
}

const constant = (values) => values.every((value) => value === values[0]);

export function correlation(xs, ys) {
  if (xs.length < 2 || constant(xs) || constant(ys)) return null;
  const meanX = mean(xs), meanY = mean(ys);
  let sumXY = 0, sumXX = 0, sumYY = 0;
  xs.forEach((x, index) => {
    const y = ys[index];
    sumXY = sumXY + (x - meanX) * (y - meanY);
    sumXX = sumXX + (x - meanX) * (x - meanX);
    sumYY = sumYY + (y - meanY) * (y - meanY);
  });
  return sumXY / Math.sqrt(sumXX * sumYY);
}

function totalsOf(columns) {
  const totals = [];
  for (let person = 0; person < columns[0].length; person++) {
    let total = 0;
    for (const column of columns) total = total + column[person];
    totals.push(total);
  }
  return totals;
}

export function cronbachAlpha(columns) {
  const items = columns.length;
  if (items < 2 || columns[0].length < 2) return null;
  const totals = totalsOf(columns);
  if (constant(totals)) return null;
  let itemVariance = 0;
  for (const column of columns) itemVariance = itemVariance + variance(column);
  return items / (items - 1) * (1 - itemVariance / variance(totals));
}

function picksOf(answer) {
  const picks = Array.isArray(answer) ? answer : typeof answer == "string" ? [answer] : [];
  return [...new Set(picks.filter((pick) => typeof pick == "string"))];
}

const byTime = (attempts, quizId) => attempts.filter((attempt) => attempt.quiz == quizId).sort((a, b) => a.time - b.time);
const answerOf = (answers, id) => (Object.prototype.hasOwnProperty.call(answers, id) ? answers[id] : null);

function questionFigures(question, points, scores, rests, answers, site) {
  const facility = mean(scores) / points;
  const discrimination = correlation(scores, rests);
  const picks = new Map(question.options.map((option) => [option.id, 0]));
  let blank = 0;
  for (const answer of answers) {
    const chosen = picksOf(answer);
    blank += !chosen.length;
    for (const pick of chosen) {
      if (picks.has(pick)) picks.set(pick, picks.get(pick) + 1);
    }
  }
  const flags = [];
  if (facility > site.too_easy) flags.push({ flag: "too_easy" });
  if (facility < site.too_hard) flags.push({ flag: "too_hard" });
  if (discrimination !== null && discrimination < 0) flags.push({ flag: "negative" });
  const unused = question.options.filter((option) => !option.correct && picks.get(option.id) == 0).map((option) => option.id);
  if (unused.length) flags.push({ flag: "unused", options: unused });
  return { id: question.id, facility, discrimination, picks: Object.fromEntries(picks), blank, flags };
}

export function knowledgeFigures(quiz, firsts, site) {
  const people = firsts.length;
  if (people < site.min_people) return { people, enough: false, alpha: null, questions: [] };
  const keys = quiz.scoring.questions;
  const columns = keys.map((key) => firsts.map((attempt) => attempt.questions[key.id]));
  const totals = totalsOf(columns);
  const figures = keys.map((key, index) => {
    const column = columns[index];
    const rests = totals.map((total, person) => total - column[person]);
    const answers = firsts.map((attempt) => answerOf(attempt.answers, key.id));
    return questionFigures(quiz.questions[index], key.points, column, rests, answers, site);
  });
  return { people, enough: true, alpha: cronbachAlpha(columns), questions: figures };
}

function spread(values) {
  if (!values.length) return { n: 0, mean: null, sd: null, min: null, max: null };
  return { n: values.length, mean: mean(values), sd: Math.sqrt(variance(values)),
    min: Math.min(...values), max: Math.max(...values) };
}

function itemValue(answer, scale, reverse) {
  if (typeof answer != "string" || !Array.from({ length: scale }, (_, index) => String(index + 1)).includes(answer)) return null;
  const value = Number(answer);
  return reverse ? scale + 1 - value : value;
}

export function assessmentFigures(quiz, lasts, firsts, site) {
  const key = quiz.scoring;
  const dimensions = quiz.dimensions.map((dimension) => {
    const scores = lasts.map((attempt) => attempt.dimensions[dimension.id].score);
    const items = key.items.filter((item) => item.dimension == dimension.id);
    const rows = [];
    for (const attempt of firsts) {
      const values = items.map((item) => itemValue(answerOf(attempt.answers, item.id), key.scale_points, item.reverse));
      if (values.every((value) => value !== null)) rows.push(values);
    }
    const enough = rows.length >= site.min_people;
    const columns = items.map((_, index) => rows.map((row) => row[index]));
    return { id: dimension.id, ...spread(scores.filter((score) => score !== null)),
      alpha_people: rows.length, alpha: enough ? cronbachAlpha(columns) : null };
  });
  const overall = spread(lasts.map((attempt) => attempt.score).filter((score) => score !== null));
  return { people: lasts.length, dimensions, overall };
}

const pick = (object, fields) => Object.fromEntries(fields.map((field) => [field, object[field]]));

function personFigures(person, site) {
  const quizzes = {};
  for (const quizId of site.order) {
    const attempts = byTime(person.attempts, quizId);
    if (!attempts.length) continue;
    let best = null;
    for (const attempt of attempts) {
      if (best === null || attempt.percent !== null && (best.percent === null || attempt.percent >= best.percent)) best = attempt;
    }
    const last = attempts.at(-1);
    quizzes[quizId] = { attempts: attempts.length, best: pick(best, ["score", "max", "percent", "passed", "finished"]),
      last: pick(last, ["score", "percent", "band", "finished"]), passed: attempts.some((attempt) => attempt.passed === true) };
  }
  const done = Object.entries(person.ticks).filter(([checklist, ticked]) => ticked.length == site.checklists[checklist].items.length);
  return { name: person.name, named: person.named, files: person.files, quizzes,
    guides_read: person.guides.length, checklists_done: done.length };
}

/** Every figure of the team page from what readFiles returned. */
export function analyse(team, site) {
  const knowledge = {}, assessments = {};
  for (const quizId of site.order) {
    const quiz = site.quizzes[quizId];
    const histories = team.people.map((person) => byTime(person.attempts, quizId)).filter((history) => history.length);
    if (!histories.length) continue;
    const firsts = histories.map((history) => history[0]);
    if (quiz.kind == "knowledge") knowledge[quizId] = knowledgeFigures(quiz, firsts, site);
    else assessments[quizId] = assessmentFigures(quiz, histories.map((history) => history.at(-1)), firsts, site);
  }
  return { files: team.files, people: team.people.map((person) => personFigures(person, site)), knowledge, assessments,
    guides_total: Object.keys(site.guides).length, checklists_total: Object.keys(site.checklists).length };
}
