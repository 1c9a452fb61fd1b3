// Differential-test runner for the team page: reads {site, strings, sets: [[[name, base64], …], …]}
// from stdin, runs the browser's reader and statistics (team-read.js, team-stats.js in the folder
// argv[2]) on each set of files, and prints the list of what they make of them as JSON.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const folder = pathToFileURL(process.argv[2] + "/").href;
const { readFiles } = await import(folder + "team-read.js");
const { analyse } = await import(folder + "team-stats.js");
const { site, strings, sets } = JSON.parse(readFileSync(0, "utf8"));
const decoded = (files) => files.map(([name, base64]) => [name, new Uint8Array(Buffer.from(base64, "base64"))]);
process.stdout.write(JSON.stringify(sets.map((files) => analyse(readFiles(decoded(files), site, strings), site))));
