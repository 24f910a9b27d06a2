/**
 * One version for JSR and npm. Changesets bumps package.json; this copies its version into deno.json
 * (what `deno publish` and `npm run build` read) and into package-lock.json's root entries, so that
 * the lock file stays consistent. `npm run version-packages` runs `changeset version` then this.
 *
 *   deno run --allow-read=. --allow-write=. scripts/sync_version.ts [--check] [--dir DIR]
 *
 * - `--check`: change nothing; exit 1 when the versions differ.
 * - `--dir DIR`: the project to sync (default: this repo).
 *
 * Only the `"version"` values are rewritten, in place, so the files keep their formatting.
 */
// @ts-nocheck

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** Sets the `version` of the object at `path` in a JSON text written as `JSON.stringify(…, null, indent)` writes it. */
export function setVersion(text: string, version: string, path: string[] = []): string {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  let node: unknown = parsed;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  if (typeof node !== "object" || node === null || typeof (node as { version?: unknown }).version !== "string") {
    throw new Error(`no version at ${["", ...path].join("/") || "/"}`);
  }
  const indent = /\n( +|\t)"/.exec(text)?.[1] ?? "  ";
  const write = (value: unknown) => JSON.stringify(value, null, indent) + (text.endsWith("\n") ? "\n" : "");
  // npm and this repo write these files as JSON.stringify does; one formatted otherwise is left alone
  // rather than reformatted behind the author's back.
  if (write(JSON.parse(text)) !== text) throw new Error("not formatted as JSON.stringify(…, null, indent) writes it: not touching it");
  (node as { version: string }).version = version;
  return write(parsed);
}

/** The versions of the three manifests of a project directory. */
export function versions(dir: string): { packageJson: string; denoJson: string; lock: string[] } {
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8"));
  const lock = read("package-lock.json");
  return {
    packageJson: read("package.json").version,
    denoJson: read("deno.json").version,
    lock: [lock.version, lock.packages?.[""]?.version],
  };
}

/** Copies package.json's version into deno.json and package-lock.json; returns the version. */
export function sync(dir: string): string {
  const { packageJson: version } = versions(dir);
  const edit = (file: string, paths: string[][]) => {
    let text = readFileSync(join(dir, file), "utf8");
    for (const path of paths) text = setVersion(text, version, path);
    writeFileSync(join(dir, file), text);
  };
  edit("deno.json", [[]]);
  edit("package-lock.json", [[], ["packages", ""]]);
  return version;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { check: { type: "boolean" }, dir: { type: "string" } } });
  const dir = resolve(values.dir ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
  try {
    if (values.check) {
      const v = versions(dir);
      const all = [v.packageJson, v.denoJson, ...v.lock];
      if (new Set(all).size !== 1) {
        console.error(`versions differ: package.json ${v.packageJson}, deno.json ${v.denoJson}, package-lock.json ${v.lock.join("/")}`);
        process.exit(1);
      }
      console.log(`version ${v.packageJson} in package.json, deno.json and package-lock.json`);
    } else {
      console.log(`deno.json and package-lock.json now at ${sync(dir)}, as package.json`);
    }
  } catch (error) {
    console.error(`sync_version: ${(error as Error).message}`);
    process.exit(1);
  }
}
