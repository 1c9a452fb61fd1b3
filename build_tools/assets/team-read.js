// Reading results files on the team page: each file checked against the results schema, its
// attempts counted or set aside, and a line saying why. Mirrors build_tools/results/check.py and
// read.py line for line; tests/team/test_team_differential.py runs both on the same files.
import { FORMAT, SCHEMA_VERSION } from "./results.js";
import { score } from "./scoring.js";
import { fillIn } from "./strings.js";

const TYPE_WORDS = { string: "a text", integer: "a whole number", number: "a number", boolean: "true or false",
  array: "a list", object: "an object", null: "empty (null)" };

class Problem extends Error {
  constructor(path, message) {
    super(path ? `${path}: ${message}` : message);
  }
}

export function typeOf(value) {
  if (value === null) return "null";
  if (typeof value == "boolean") return "boolean";
  if (typeof value == "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value == "string") return "string";
  return Array.isArray(value) ? "array" : "object";
}

const is = (value, wanted) => typeOf(value) == wanted || (wanted == "number" && typeOf(value) == "integer");
const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

function keyPath(path, key) {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

const patterns = new Map();
// Full matches: the schema's patterns start with ^ and end with $ (a JavaScript $ takes no final newline).
const pattern = (text) => patterns.get(text) ?? patterns.set(text, new RegExp(text, "u")).get(text);

/** Throw a Problem at the first part of `value` that `schema` does not allow. */
export function check(value, schema, root = schema, path = "", expected = "") {
  expected = schema["x-expected"] ?? expected;
  if ("$ref" in schema) {
    let target = root;
    for (const part of schema.$ref.replace(/^#\//, "").split("/")) target = target[part];
    return check(value, target, root, path, expected);
  }
  if ("anyOf" in schema) {
    const fitting = schema.anyOf.filter((branch) => !("type" in branch) || is(value, branch.type));
    if (!fitting.length) throw new Problem(path, "must be " + schema.anyOf.map((branch) => TYPE_WORDS[branch.type]).join(" or "));
    return check(value, fitting[0], root, path, expected);
  }
  if ("type" in schema && !is(value, schema.type)) throw new Problem(path, `must be ${TYPE_WORDS[schema.type]}`);
  if ("const" in schema && value !== schema.const) throw new Problem(path, `must be "${schema.const}"`);
  if ("enum" in schema && !schema.enum.includes(value)) {
    throw new Problem(path, "must be one of " + schema.enum.map((option) => `"${option}"`).join(", "));
  }
  if (typeof value == "string") {
    if (value.length < (schema.minLength ?? 0)) throw new Problem(path, "must not be empty");
    if ("maxLength" in schema && value.length > schema.maxLength) throw new Problem(path, `is longer than ${schema.maxLength} characters`);
    if ("pattern" in schema && !pattern(schema.pattern).test(value)) {
      throw new Problem(path, expected ? `must be ${expected}` : "does not have the expected form");
    }
  } else if (typeof value == "number") {
    if ("minimum" in schema && value < schema.minimum) throw new Problem(path, `must be at least ${schema.minimum}`);
    if ("exclusiveMinimum" in schema && value <= schema.exclusiveMinimum) throw new Problem(path, `must be more than ${schema.exclusiveMinimum}`);
    if ("maximum" in schema && value > schema.maximum) throw new Problem(path, `must be at most ${schema.maximum}`);
  } else if (Array.isArray(value)) {
    if ("maxItems" in schema && value.length > schema.maxItems) throw new Problem(path, `has more than ${schema.maxItems} entries`);
    value.forEach((item, index) => check(item, schema.items ?? {}, root, `${path}[${index}]`));
  } else if (value && typeof value == "object") {
    for (const name of schema.required ?? []) {
      if (!own(value, name)) throw new Problem(keyPath(path, name), "is missing");
    }
    const properties = schema.properties ?? {}, extra = schema.additionalProperties ?? true;
    for (const [key, item] of Object.entries(value)) {
      const where = keyPath(path, key);
      if (own(properties, key)) check(item, properties[key], root, where);
      else if (extra === false) throw new Problem(where, "is not a field of this format");
      else if (typeof extra == "object") check(item, extra, root, where);
    }
  }
}

const TIMESTAMP = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,3}))?)?(?:Z|([+-])([0-9]{2}):([0-9]{2}))$/;

/** Milliseconds since 1970 of a timestamp, or null if the date does not exist (see read.py). */
export function epochMs(text) {
  const match = TIMESTAMP.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((index) => Number(match[index]));
  const second = Number(match[6] ?? 0), millis = Number((match[7] ?? "0").padEnd(3, "0"));
  const leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const offsetHours = Number(match[9] ?? 0), offsetMinutes = Number(match[10] ?? 0);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth[month - 1] && hour <= 23 && minute <= 59
    && second <= 59 && offsetHours <= 23 && offsetMinutes <= 59)) return null;
  const shifted = month <= 2 ? year - 1 : year;
  const era = Math.floor(shifted / 400);
  const yearOfEra = shifted - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146097 + dayOfEra - 719468;
  const offset = (offsetHours * 60 + offsetMinutes) * (match[8] == "-" ? -1 : 1);
  return ((days * 24 + hour) * 60 + minute - offset) * 60000 + second * 1000 + millis;
}

const get = (data, key) => (data && typeof data == "object" && !Array.isArray(data) && own(data, key) ? data[key] : null);
const list = (value) => (Array.isArray(value) ? value : []);
const attemptId = (quiz, date) => (typeof quiz == "string" && typeof date == "string" ? `${quiz}@${date}` : "");

function fromQuizRecord(record, say) {
  const result = get(record, "result"), knowledge = get(result, "kind") != "assessment";
  const dimensions = get(result, "dimensions");
  const attempt = {
    attempt_id: attemptId(get(record, "quiz"), get(record, "date")),
    quiz: get(record, "quiz"),
    quiz_title: get(record, "title"),
    kind: knowledge ? "knowledge" : "assessment",
    version: get(record, "version"),
    started: null,
    finished: get(record, "date"),
    answers: get(record, "answers"),
    score: get(result, "score"),
    max: knowledge ? get(result, "max") : 100,
    percent: knowledge ? get(result, "percent") : get(result, "score"),
    passed: knowledge ? get(result, "passed") : null,
    band: knowledge ? null : get(result, "band"),
    dimensions: knowledge || typeOf(dimensions) != "object" ? null : Object.fromEntries(Object.entries(dimensions)
      .map(([key, part]) => [key, { score: get(part, "score"), band: get(part, "band") }])),
  };
  return { format: FORMAT, schema_version: SCHEMA_VERSION, exported_at: get(record, "date"), name: get(record, "name"),
    attempts: [attempt] };
}

function fromProgress(progress) {
  const attempts = [];
  for (const quiz of list(get(progress, "quizzes"))) {
    const knowledge = get(quiz, "kind") != "assessment";
    for (const entry of list(get(quiz, "attempts"))) {
      attempts.push({
        attempt_id: attemptId(get(quiz, "id"), get(entry, "date")),
        quiz: get(quiz, "id"),
        quiz_title: get(quiz, "title"),
        kind: knowledge ? "knowledge" : "assessment",
        version: null,
        started: null,
        finished: get(entry, "date"),
        answers: null,
        score: get(entry, "score"),
        max: knowledge ? get(entry, "max") : 100,
        percent: knowledge ? get(entry, "percent") : get(entry, "score"),
        passed: knowledge ? get(entry, "passed") : null,
        band: knowledge ? null : get(entry, "band"),
        dimensions: null,
      });
    }
  }
  return { format: FORMAT, schema_version: SCHEMA_VERSION, exported_at: get(progress, "exported_at"),
    name: get(progress, "name"), attempts, guides_read: list(get(progress, "guides_read")),
    checklists: list(get(progress, "checklists")) };
}

function datesIn(data) {
  const dates = [["exported_at", data.exported_at]];
  data.attempts.forEach((attempt, index) => dates.push([`attempts[${index}].started`, attempt.started],
    [`attempts[${index}].finished`, attempt.finished]));
  (data.guides_read ?? []).forEach((guide, index) => dates.push([`guides_read[${index}].date`, guide.date]));
  return dates.filter(([, value]) => value !== null);
}

/** [checked results file or null, lines so far] for a file's bytes (a Uint8Array). */
export function parse(bytes, site, say) {
  if (bytes.length > site.max_file_bytes) return [null, [say("too_big", { size: Math.floor(site.max_file_bytes / 1000000) })]];
  // As File.text() reads it: a byte order mark dropped, bytes that are not UTF-8 replaced.
  const text = new TextDecoder().decode(bytes);
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return [null, [say("not_json")]];
  }
  if (typeOf(data) != "object") return [null, [say("not_results")]];
  const lines = [];
  if (get(data, "format") === "client-craft-progress" && get(data, "format_version") === 1) {
    data = fromProgress(data);
    lines.push(say("legacy_progress"));
  } else if (!own(data, "format") && ["quiz", "date", "answers", "result"].every((key) => own(data, key))) {
    data = fromQuizRecord(data);
    lines.push(say("legacy_quiz"));
  } else if (get(data, "format") !== FORMAT) {
    return [null, [say("not_results")]];
  }
  const version = get(data, "schema_version");
  if (typeOf(version) == "integer" && version > SCHEMA_VERSION) return [null, [say("newer", { version })]];
  try {
    check(data, site.schema);
    for (const [path, value] of datesIn(data)) {
      if (epochMs(value) === null) throw new Problem(path, say("bad_date"));
    }
  } catch (problem) {
    if (!(problem instanceof Problem)) throw problem;
    return [null, [...lines, say("invalid", { problem: problem.message })]];
  }
  return [data, lines];
}

/** Files with the same name (spaces and case aside) are one person's. */
export const personKey = (name) => (name ?? "").replace(/[ \t\r\n]+/g, " ").replace(/^ | $/g, "").toLowerCase();

function scoredAgain(attempt, quiz) {
  const result = score(quiz.scoring, attempt.answers), knowledge = result.kind == "knowledge";
  const counted = {
    attempt_id: attempt.attempt_id,
    quiz: attempt.quiz,
    finished: attempt.finished,
    time: epochMs(attempt.finished),
    answers: attempt.answers,
    score: result.score,
    max: knowledge ? result.max : 100,
    percent: knowledge ? result.percent : result.score,
    passed: knowledge ? result.passed : null,
    band: knowledge ? null : result.band,
    dimensions: knowledge ? null : result.dimensions,
    questions: knowledge ? Object.fromEntries(Object.entries(result.questions).map(([key, part]) => [key, part.score])) : null,
  };
  const differs = attempt.score !== counted.score || (knowledge ? attempt.passed !== counted.passed : attempt.band !== counted.band);
  return [counted, differs];
}

const bump = (counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1);

/** What the files ([name, bytes] pairs) say: a report per file and the people with their attempts. */
export function readFiles(files, site, strings) {
  const say = (key, values) => fillIn(strings[key], values);
  // One line for attempts set aside for one reason, naming each quiz with its count.
  const countsLines = (key, counts) => {
    if (!counts.size) return [];
    const quizzes = [...counts].map(([quiz, count]) => say("quiz_count", { title: site.quizzes[quiz].title, count })).join(", ");
    let total = 0;
    for (const count of counts.values()) total += count;
    return [say(key, { count: total, quizzes })];
  };
  const reports = [], people = [], byKey = new Map(), seen = new Set();
  files.forEach(([fileName, bytes]) => {
    const [data, lines] = parse(bytes, site, say);
    const report = { file: fileName, status: "skipped", lines };
    reports.push(report);
    if (data === null) return;
    const counted = [], otherSite = [], unversioned = new Map(), stale = new Map(), noAnswers = new Map();
    let duplicates = 0, rescored = 0;
    for (const attempt of data.attempts) {
      const quiz = own(site.quizzes, attempt.quiz) ? site.quizzes[attempt.quiz] : null;
      if (quiz === null || quiz.kind != attempt.kind) otherSite.push(attempt.quiz);
      else if (attempt.version === null) bump(unversioned, attempt.quiz);
      else if (attempt.version != quiz.version) bump(stale, attempt.quiz);
      else if (attempt.answers === null) bump(noAnswers, attempt.quiz);
      else if (seen.has(attempt.attempt_id)) duplicates += 1;
      else {
        seen.add(attempt.attempt_id);
        const [entry, differs] = scoredAgain(attempt, quiz);
        rescored += differs;
        counted.push(entry);
      }
    }
    const guides = (data.guides_read ?? []).map((guide) => guide.id).filter((id) => own(site.guides, id));
    const known = (data.checklists ?? []).filter((entry) => own(site.checklists, entry.id));
    // A checklist counts with at least one tick of an item it still has.
    const checklists = known.filter((entry) => entry.ticked.some((item) => site.checklists[entry.id].items.includes(item)));
    const unknown = (data.guides_read ?? []).length - guides.length + (data.checklists ?? []).length - known.length;
    if (counted.length) lines.push(say("counted", { count: counted.length }));
    if (otherSite.length) {
      const names = [...new Set(otherSite)];
      const shown = names.slice(0, 5).join(", ") + (names.length > 5 ? ", …" : "");
      lines.push(say("other_site", { count: otherSite.length, quizzes: shown }));
    }
    lines.push(...countsLines("unversioned", unversioned), ...countsLines("stale", stale), ...countsLines("no_answers", noAnswers));
    if (duplicates) lines.push(say("duplicate", { count: duplicates }));
    if (rescored) lines.push(say("rescored", { count: rescored }));
    if (unknown) lines.push(say("unknown_items", { count: unknown }));
    if (!(counted.length || guides.length || checklists.length)) {
      lines.push(say("nothing"));
      return;
    }
    const setAside = otherSite.length || unversioned.size || stale.size || noAnswers.size || unknown;
    report.status = setAside ? "partly" : "counted";
    const key = personKey(data.name);
    let person = key ? byKey.get(key) : undefined;
    if (person === undefined) {
      const name = (data.name ?? "").replace(/[ \t\r\n]+/g, " ").replace(/^ | $/g, "");
      person = { name: name || say("unnamed", { file: fileName }), named: !!key, files: [], attempts: [], guides: [], ticks: Object.create(null) };
      people.push(person);
      if (key) byKey.set(key, person); // a file without a name is a person of its own
    }
    person.files.push(fileName);
    person.attempts.push(...counted);
    for (const guide of guides) {
      if (!person.guides.includes(guide)) person.guides.push(guide);
    }
    for (const entry of checklists) {
      const items = site.checklists[entry.id].items;
      const ticked = (person.ticks[entry.id] ??= []);
      for (const item of entry.ticked) {
        if (items.includes(item) && !ticked.includes(item)) ticked.push(item);
      }
    }
  });
  return { files: reports, people };
}
