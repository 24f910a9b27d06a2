/**
 * The JSR side of `npm test` (`npm run check:jsr`): `deno doc --lint` over every entry of deno.json's
 * `exports`, then `deno publish --dry-run` (with no slow-types exemption), whose file list must be the
 * library and nothing else: deno.json, mod.ts, src/ without src/create_worker/, README.md, LICENSE,
 * CHANGELOG.md, and every export's module among them.
 *
 *   deno run -A scripts/check_jsr.ts
 */
// @ts-nocheck

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const deno = join(root, "node_modules/.bin/deno");

/** Whether a file (relative to the repo root) belongs in the JSR package. */
export function publishable(file: string): boolean {
  if (["deno.json", "mod.ts", "README.md", "LICENSE", "CHANGELOG.md"].includes(file)) return true;
  return file.startsWith("src/") && !file.startsWith("src/create_worker/") && file.endsWith(".ts");
}

/** Runs deno; returns stdout and stderr together (deno prints its reports on stderr), throws on failure. */
function run(args: string[]): string {
  const result = spawnSync(deno, args, { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0) throw new Error(`deno ${args.join(" ")} failed:\n${output}`.trimEnd());
  return output;
}

if (import.meta.main) {
  try {
    const exports = (JSON.parse(readFileSync(join(root, "deno.json"), "utf8")) as { exports: Record<string, string> }).exports;
    const entries = Object.values(exports).map((path) => path.replace(/^\.\//, ""));
    run(["doc", "--lint", ...entries]);
    const out = run(["publish", "--dry-run", "--allow-dirty"]);
    const files = [...out.matchAll(/file:\/\/(\S+)/g)].map((m) => resolve(decodeURIComponent(m[1]!)).slice(root.length + 1));
    if (!/Dry run complete/.test(out) || files.length === 0) throw new Error(`deno publish --dry-run:\n${out}`);
    const problems = [
      ...files.filter((f) => !publishable(f)).map((f) => `published but not part of the library: ${f}`),
      ...[...entries, "README.md", "LICENSE", "CHANGELOG.md"].filter((f) => !files.includes(f)).map((f) => `not published: ${f}`),
    ];
    if (problems.length > 0) throw new Error(`deno publish --dry-run:\n  ${problems.join("\n  ")}`);
    console.log(`JSR: deno doc --lint clean on ${entries.length} entries; deno publish --dry-run passes with ${files.length} files`);
  } catch (error) {
    console.error(`check_jsr: ${(error as Error).message}`);
    process.exit(1);
  }
}
