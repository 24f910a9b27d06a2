/**
 * The command line, including the flags npm keeps for itself: `npm init worker X --period 5s` hands
 * the initializer `X 5s` and sets `npm_config_period=true` (npm knows no `--period`, so it takes it
 * for a boolean and the value for an argument); `--dry-run` and `--force` are npm's own options, so
 * they arrive only as `npm_config_dry_run` / `npm_config_force`. This module puts them back.
 * @module
 */
// @ts-nocheck

import { UsageError } from "./naming.ts";

/** What the user asked for. */
export interface Options {
  name?: string;
  period?: string;
  cron?: string;
  dir: string;
  runOnStart: boolean;
  force: boolean;
  dryRun: boolean;
  help: boolean;
  /** Lines to print before anything else: what was taken back from npm, what npm kept. */
  notes: string[];
}

const VALUE_FLAGS = { "--period": "period", "--cron": "cron", "--dir": "dir" } as const;
type ValueKey = typeof VALUE_FLAGS[keyof typeof VALUE_FLAGS];

/** `--period` → `npm_config_period`, as npm names the environment variable of a config it took. */
const npmVariable = (flag: string): string => `npm_config_${flag.slice(2).replaceAll("-", "_")}`;

/** Parses argv; `env` is where npm leaves the flags it took (process.env). */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Options {
  const options: Options = { dir: "src/workers", runOnStart: false, force: false, dryRun: false, help: false, notes: [] };
  const given = new Set<string>();
  const positionals: string[] = [];
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (arg.startsWith("-")) given.add(flag);
    if (flag in VALUE_FLAGS) {
      options[VALUE_FLAGS[flag as keyof typeof VALUE_FLAGS]] = inline ?? value(i++, flag);
      continue;
    }
    switch (flag) {
      case "--run-on-start": options.runOnStart = true; break;
      case "--force": options.force = true; break;
      case "--dry-run": options.dryRun = true; break;
      case "--help": case "-h": options.help = true; break;
      case "--": break;
      default:
        if (arg.startsWith("-")) throw new UsageError(`unknown option ${JSON.stringify(arg)}; see --help`);
        positionals.push(arg);
    }
  }
  const fromNpm = takeBackFromNpm(options, given, positionals, env);
  if (positionals[0] !== undefined) options.name = positionals[0];
  if (positionals.length > 1) {
    throw new UsageError(`one worker name at a time, got ${positionals.map((p) => JSON.stringify(p)).join(" and ")}${fromNpm}`);
  }
  return options;
}

/**
 * Takes back what npm took: a dry run always (it can only make the run safer), `--run-on-start`,
 * and the value flags. A value flag npm took as a boolean left its value among the arguments; with
 * one such flag and one extra argument that is unambiguous, with more it is not (npm keeps no
 * order), and the user is told to pass the flags after `--`. `--force` is never taken from npm: an
 * .npmrc with `force=true` must not overwrite the user's files.
 * Returns a hint for an error about extra arguments ("" when npm took nothing).
 */
function takeBackFromNpm(options: Options, given: Set<string>, positionals: string[], env: Readonly<Record<string, string | undefined>>): string {
  const took = (flag: string): string | undefined => given.has(flag) ? undefined : env[npmVariable(flag)] || undefined;
  const hint = " (npm takes options before `--` for itself: npm init worker Name -- --period 5s)";
  if (took("--dry-run") !== undefined && took("--dry-run") !== "false") {
    options.dryRun = true;
    options.notes.push("dry run (npm took --dry-run): nothing is written");
  }
  if (took("--run-on-start") === "true") options.runOnStart = true;
  if (took("--force") === "true") {
    options.notes.push("npm took --force for itself, so existing files are kept; to overwrite them: npm init worker Name -- --force");
  }
  const bare: [string, ValueKey][] = [];
  for (const [flag, key] of Object.entries(VALUE_FLAGS) as [string, ValueKey][]) {
    const v = took(flag);
    if (v === undefined) continue;
    if (v === "true") bare.push([flag, key]);
    else options[key] = v; // `--period=5s` reaches npm whole: the value is in the variable.
  }
  if (bare.length === 0) return "";
  const flags = bare.map(([flag]) => flag).join(", ");
  if (bare.length > 1) throw new UsageError(`npm took ${flags} for itself and keeps no order of their values${hint}`);
  if (positionals.length !== 2) {
    throw new UsageError(`npm took ${flags} for itself, and its value cannot be told from the worker name among ${JSON.stringify(positionals)}${hint}`);
  }
  const [flag, key] = bare[0]!;
  options[key] = positionals.pop()!;
  options.notes.push(`${flag} ${JSON.stringify(options[key])} (taken back from npm)`);
  return hint;
}
