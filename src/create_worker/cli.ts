/**
 * `create-worker <Name> [options]`: scaffolds a periodic worker, its test, and its registration.
 * Exit codes: 0 done (or nothing to do), 2 bad input (one line on stderr, nothing written).
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parsePeriod, UsageError, workerNames } from "./naming.ts";
import { detectProject } from "./project.ts";
import { register } from "./register.ts";

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

Templates: ours, or yours in _templates/worker/new/ (hygen's convention) when that folder exists.`;

interface Options {
  name?: string;
  period?: string;
  cron?: string;
  dir: string;
  runOnStart: boolean;
  force: boolean;
  dryRun: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { dir: "src/workers", runOnStart: false, force: false, dryRun: false, help: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const take = (): string => inline ?? value(i++, flag);
    switch (flag) {
      case "--period": options.period = take(); break;
      case "--cron": options.cron = take(); break;
      case "--dir": options.dir = take(); break;
      case "--run-on-start": options.runOnStart = true; break;
      case "--force": options.force = true; break;
      case "--dry-run": options.dryRun = true; break;
      case "--help": case "-h": options.help = true; break;
      default:
        if (arg.startsWith("-")) throw new UsageError(`unknown option ${JSON.stringify(arg)}; see --help`);
        if (options.name !== undefined) throw new UsageError(`one worker name at a time, got ${JSON.stringify(options.name)} and ${JSON.stringify(arg)}`);
        options.name = arg;
    }
  }
  return options;
}

/** Where our templates are: beside src/ in this repo, and in the package when installed. */
function ourTemplates(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // src/create_worker/ in this repo; the package root when installed (bin.mjs beside templates/).
  for (const up of ["../..", "."]) {
    const dir = resolve(here, up, "templates/worker/new");
    if (existsSync(dir)) return dir;
  }
  throw new Error(`create-worker: templates not found near ${here}`);
}

/** hygen's renderer: our own templates, rendered the way `hygen worker new` would. */
async function renderTemplates(folder: string, locals: Record<string, unknown>): Promise<{ to: string; body: string }[]> {
  const require = createRequire(import.meta.url);
  const mod = require("hygen/dist/render.js") as { default: (args: unknown, config: unknown) => Promise<{ attributes: { to?: string }; body: string }[]> };
  const actions = await mod.default({ actionfolder: folder, ...locals }, { helpers: {}, localsDefaults: {} });
  return actions.filter((a) => typeof a.attributes.to === "string" && a.attributes.to !== "").map((a) => ({ to: a.attributes.to as string, body: a.body }));
}

/**
 * Checks a cron pattern with croner (the parser the library's cron entry point uses) and returns it
 * trimmed, its runs of spaces made one: the pattern goes into generated code as a string literal.
 */
function checkCron(text: string): string {
  const pattern = text.trim().replace(/\s+/g, " ");
  const require = createRequire(import.meta.url);
  let Cron: new (pattern: string, options: { paused: boolean }) => unknown;
  try {
    Cron = (require("croner") as { Cron: typeof Cron }).Cron;
  } catch {
    if (!/^(@\w+|(\S+ ){4,5}\S+)$/.test(pattern)) throw new UsageError(`--cron ${JSON.stringify(text)} does not parse`);
    return pattern;
  }
  try {
    new Cron(pattern, { paused: true });
  } catch (error) {
    throw new UsageError(`--cron ${JSON.stringify(text)} does not parse: ${(error as Error).message}`);
  }
  return pattern;
}

/** Runs the generator; returns the exit code. All output goes through `out` and `err`. */
export async function main(argv: string[], cwd: string, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  try {
    const options = parseArgs(argv);
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
    const userTemplates = join(cwd, "_templates/worker/new");
    const folder = existsSync(userTemplates) ? userTemplates : ourTemplates();
    const rendered = await renderTemplates(folder, {
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
