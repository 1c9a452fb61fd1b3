// The results file (build_tools/results/model.py declares it): written by the quiz pages, My progress
// and the checklist pages, read by the team page. Also the CSV text of the quiz downloads, and the
// name the person gave for them.
import { readStored } from "./storage.js";

export const NAME_KEY = "client-craft:name"; // {"v":1,"name":"…"}, entered on My progress

/** The person's name for printed records and downloads, or "". */
export function savedName() {
  let saved;
  try {
    saved = JSON.parse(readStored(NAME_KEY) ?? "null");
  } catch {
    return "";
  }
  return saved?.v === 1 && typeof saved.name == "string" ? saved.name : "";
}

export const FORMAT = "client-craft-results";
export const SCHEMA_VERSION = 1;

// A spreadsheet runs a cell that starts with = + - @ as a formula, some after leading spaces,
// quotes, tab or CR. Some split lines on ";" or tab instead of ",", or ignore quotes, so a cell can
// start after any , ; tab CR or LF inside a value too. So wherever a value could start a cell
// (its start, or after one of those) with one of those characters, perhaps after spaces or
// quotes, a ' goes in first: the spreadsheet shows text. (The LF put in front and taken off again
// makes the start one more place after a separator, so that each match takes its separator and
// none is skipped.) Then RFC 4180: a value holding a quote, a separator or a line break is
// quoted, its quotes doubled.
function csvCell(value) {
  const text = ("\n" + (value ?? "")).replace(/([,;\t\r\n])(?=[\s"]*[=+\-@\t\r])/g, "$1'").slice(1);
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// CRLF line ends and no byte order mark, so that any CSV reader opens it as plain UTF-8 (see
// tests/quiz/README.md). Exported for the tests, which run it in Node.
export const csvText = (rows) => rows.map((row) => row.map(csvCell).join(",") + "\r\n").join("");

/** A random UUID (version 4). getRandomValues works on any page; randomUUID only on https or localhost. */
export function newAttemptId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One attempt of the file from an entry of a quiz's history ({id, started, date, version, answers,
 * score, max, percent, passed, band, dimensions}); `quiz` is {id, title, kind}. An entry saved before
 * attempts carried ids, versions or answers gets `<quiz>@<finished>` as its id and nulls.
 */
export function attemptRecord(quiz, entry) {
  const knowledge = quiz.kind == "knowledge";
  return {
    attempt_id: entry.id ?? `${quiz.id}@${entry.date}`,
    quiz: quiz.id,
    quiz_title: quiz.title,
    kind: quiz.kind,
    version: entry.version ?? null,
    started: entry.started ?? null,
    finished: entry.date,
    answers: entry.answers ?? null,
    score: entry.score ?? null,
    max: knowledge ? entry.max : 100,
    percent: knowledge ? entry.percent : entry.score ?? null,
    passed: knowledge ? entry.passed : null,
    band: knowledge ? null : entry.band ?? null,
    dimensions: knowledge ? null : entry.dimensions ?? null,
  };
}

/** A whole results file. */
export const resultFile = ({ name, attempts = [], guides_read = [], checklists = [] }) => ({
  format: FORMAT, schema_version: SCHEMA_VERSION, exported_at: new Date().toISOString(), name: name || null,
  attempts, guides_read, checklists,
});

/** Point a download link at `text` (the file it had is let go). */
export function offerDownload(link, fileName, type, text) {
  URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = fileName;
}
