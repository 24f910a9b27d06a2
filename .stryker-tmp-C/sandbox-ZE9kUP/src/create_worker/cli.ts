/**
 * `create-worker <Name> [options]`: scaffolds a periodic worker, its test, and its registration.
 * Exit codes: 0 done (or nothing to do), 2 bad input (one line on stderr, nothing written).
 * Through npm (`npm init worker`, `npx`), options before `--` reach us through npm's environment;
 * args.ts takes them back.
 * @module
 */
// @ts-nocheck

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { parseArgs } from "./args.ts";
import { parsePeriod, UsageError, workerNames } from "./naming.ts";
import { detectProject } from "./project.ts";
import { register } from "./register.ts";
import { checkCron, renderTemplates, templateFolder } from "./templates.ts";

const HELP = `Usage: create-worker <Name> [options]

Scaffolds <dir>/<name>_worker.ts (a PeriodicBackgroundWorker), its test, and its registration in
<dir>/mod.ts (export function registerWorkers(manager)).

Options:
  --period <ms|5s|10m|1h>  how often it runs (default 1m)
  --cron "<pattern>"       a cron schedule instead of --period (5 or 6 fields, or @hourly…)
  --dir <path>             where the files go, inside the project (default src/workers)
  --run-on-start           run once at start, not one period later
  --force                  overwrite the worker and test files if they exist
  --dry-run                print what would be written and changed; write nothing
  --help                   this text

Through npm, put the options after --, or npm takes them for itself:
  npm init worker PassiveUserChecker -- --period 5s
  npx create-worker -- --help

Templates: ours, or yours in _templates/worker/new/ (hygen's convention) when that folder exists.`;

/** Runs the generator; returns the exit code. All output goes through `out` and `err`. */
export async function main(
  argv: string[],
  cwd: string,
  out: (line: string) => void,
  err: (line: string) => void,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<number> {
  try {
    const options = parseArgs(argv, env);
    if (options.help) {
      out(HELP);
      return 0;
    }
    if (options.name === undefined) throw new UsageError("the worker name is missing; try: create-worker PassiveUserChecker");
    const { className, fileName } = workerNames(options.name);
    if (options.period !== undefined && options.cron !== undefined) throw new UsageError("--period and --cron exclude each other");
    const period = options.period === undefined ? 60_000 : parsePeriod(options.period);
    const cron = options.cron === undefined ? null : checkCron(options.cron);
    const dir = resolve(cwd, options.dir);
    const rel = relative(cwd, dir);
    if (rel.startsWith("..") || isAbsolute(rel)) {
      throw new UsageError(`--dir ${JSON.stringify(options.dir)} is outside the project (${cwd})`);
    }
    const project = detectProject(cwd);
    const rendered = await renderTemplates(templateFolder(cwd), {
      className,
      fileName,
      dir: rel === "" ? "." : rel.split("\\").join("/"),
      period,
      cron,
      runOnStart: options.runOnStart,
      lib: project.lib,
      ext: project.ext,
      testFramework: project.test,
    });
    // Plan everything before writing anything: a bad input must leave the folder as it was.
    const writes: { path: string; text: string; what: string }[] = [];
    const kept: string[] = [];
    for (const { to, body } of rendered) {
      const path = resolve(cwd, to);
      const relTo = relative(cwd, path);
      if (relTo.startsWith("..") || isAbsolute(relTo)) throw new UsageError(`a template writes outside the project: ${to}`);
      if (existsSync(path) && !options.force) kept.push(relTo);
      else writes.push({ path, text: body, what: existsSync(path) ? "overwrite" : "create" });
    }
    const modPath = join(dir, "mod.ts");
    const before = existsSync(modPath) ? readFileSync(modPath, "utf8") : undefined;
    const after = register({ path: modPath, text: before, className, specifier: `./${fileName}${project.ext}`, lib: project.lib });
    if (after !== before) writes.push({ path: modPath, text: after, what: before === undefined ? "create" : "update" });
    for (const note of options.notes) err(`create-worker: ${note}`);
    for (const path of kept) out(`kept ${path} (exists; --force overwrites it)`);
    if (options.dryRun) {
      for (const w of writes) {
        out(`would ${w.what} ${relative(cwd, w.path)}:`);
        out(w.text);
      }
      if (writes.length === 0) out("nothing to do");
      return 0;
    }
    for (const w of writes) {
      mkdirSync(dirname(w.path), { recursive: true });
      writeFileSync(w.path, w.text);
      out(`${w.what === "create" ? "created" : w.what === "update" ? "updated" : "overwrote"} ${relative(cwd, w.path)}`);
    }
    if (writes.length === 0) out(`${className} is there already: nothing to do`);
    else if (project.todo.length > 0) out(`next: ${project.todo.join(" && ")}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`create-worker: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
