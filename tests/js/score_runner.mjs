// Differential-test runner: scores a JSON array of {data, answers} read from stdin with
// the generated module whose path is argv[2], and prints the JSON array of results.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const { score } = await import(pathToFileURL(process.argv[2]).href);
const cases = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(({ data, answers }) => score(data, answers))));
