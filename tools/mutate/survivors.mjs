// Lists what a Stryker JSON report (default reports/mutation/mutation.json) left alive: the score
// per file (killed + timed out over all valid mutants, "no coverage" counted as alive) and each
// surviving mutant as file:line, mutator, and the code that replaced the original. Several reports
// (e.g. of runs split by folder) are merged, a file's latest report winning.
//
//   node tools/mutate/survivors.mjs [report.json ...] [--markdown]
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const markdown = args.includes("--markdown");
const paths = args.filter((a) => !a.startsWith("--"));
const files = {};
for (const path of paths.length > 0 ? paths : ["reports/mutation/mutation.json"]) {
  Object.assign(files, JSON.parse(readFileSync(path, "utf8")).files);
}

const DETECTED = new Set(["Killed", "Timeout"]);
const ALIVE = new Set(["Survived", "NoCoverage"]);
let detected = 0;
let valid = 0;
const rows = [];
const alive = [];
for (const [file, { source, mutants }] of Object.entries(files).sort()) {
  const lines = source.split("\n");
  const d = mutants.filter((m) => DETECTED.has(m.status)).length;
  const v = mutants.filter((m) => DETECTED.has(m.status) || ALIVE.has(m.status)).length;
  detected += d;
  valid += v;
  rows.push([file, d, v]);
  for (const m of mutants.filter((m) => ALIVE.has(m.status))) {
    const line = m.location.start.line;
    const original = (lines[line - 1] ?? "").trim();
    alive.push({ file, line, mutator: m.mutatorName, status: m.status, replacement: (m.replacement ?? "").replace(/\s+/g, " ").slice(0, 80), original: original.slice(0, 100) });
  }
}

const pct = (d, v) => (v === 0 ? "–" : `${((100 * d) / v).toFixed(1)} %`);
if (markdown) {
  console.log("| file | detected / valid | score |\n| --- | ---: | ---: |");
  for (const [file, d, v] of rows) console.log(`| ${file} | ${d} / ${v} | ${pct(d, v)} |`);
  console.log(`| **all** | **${detected} / ${valid}** | **${pct(detected, valid)}** |`);
} else {
  for (const [file, d, v] of rows) console.log(`${pct(d, v).padStart(8)}  ${d}/${v}  ${file}`);
  console.log(`${pct(detected, valid).padStart(8)}  ${detected}/${valid}  all`);
  for (const a of alive) console.log(`${a.file}:${a.line} ${a.mutator}${a.status === "NoCoverage" ? " (no coverage)" : ""} -> ${a.replacement}\n    ${a.original}`);
}
