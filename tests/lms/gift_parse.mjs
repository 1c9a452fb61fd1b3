// Parse GIFT files with gift-pegjs, a parser we did not write, and print what it read as JSON.
//
// Usage: node tests/lms/gift_parse.mjs FILE.gift [FILE.gift ...]
// Output: {"FILE.gift": {"questions": [...]}} per file, or {"error": {message, line, column}}
// when gift-pegjs rejects the file. Exit status 0 either way; the tests judge the result.
//
// gift-pegjs ships CommonJS (`module.exports = {parse, SyntaxError}`), so an ES module gets
// it as the default export; its README also shows `import { parse } from "gift-pegjs"`,
// which Node only supports when it can detect the named export, so we take the default.
import { readFileSync } from "node:fs";
import gift from "gift-pegjs";

const result = {};
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  try {
    result[file] = { questions: gift.parse(text) };
  } catch (error) {
    const start = error.location ? error.location.start : { line: 0, column: 0 };
    result[file] = { error: { message: String(error.message), line: start.line, column: start.column } };
  }
}
process.stdout.write(JSON.stringify(result));
