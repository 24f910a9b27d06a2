/**
 * The templates (ours, or the user's in `_templates/worker/new/`), rendered by hygen's renderer the
 * way `hygen worker new` would, and the cron check. Both load their packages on first use only:
 * every module left out of the start is time a user waits for on each run.
 * @module
 */
// @ts-nocheck

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "./naming.ts";

/** One file a template writes: its path as the template's `to:` says, and its text. */
export interface Rendered {
  readonly to: string;
  readonly body: string;
}

/** The template folder: the user's `_templates/worker/new/` when it exists, else ours. */
export function templateFolder(cwd: string): string {
  const user = join(cwd, "_templates/worker/new");
  if (existsSync(user)) return user;
  const here = dirname(fileURLToPath(import.meta.url));
  // src/create_worker/ in this repo; the package root when installed (bin.mjs beside templates/).
  for (const up of ["../..", "."]) {
    const dir = resolve(here, up, "templates/worker/new");
    if (existsSync(dir)) return dir;
  }
  throw new Error(`create-worker: templates not found near ${here}`);
}

/** Renders every template of `folder` with `locals`; templates without a `to:` write nothing. */
export async function renderTemplates(folder: string, locals: Record<string, unknown>): Promise<Rendered[]> {
  const require = createRequire(import.meta.url);
  const mod = require("hygen/dist/render.js") as { default: (args: unknown, config: unknown) => Promise<{ attributes: { to?: unknown }; body: string }[]> };
  const actions = await mod.default({ actionfolder: folder, ...locals }, { helpers: {}, localsDefaults: {} });
  return actions
    .filter((a) => typeof a.attributes.to === "string" && a.attributes.to !== "")
    .map((a) => ({ to: a.attributes.to as string, body: a.body }));
}

/**
 * Checks a cron pattern with croner (the parser the library's cron entry point uses) and returns it
 * trimmed, its runs of spaces made one: the pattern goes into generated code as a string literal.
 */
export function checkCron(text: string): string {
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
