/**
 * What kind of project the generator runs in (Deno, Bun or npm), how its relative imports are
 * written, which test runner its tests are for, and whether it lists the library yet.
 * @module
 */
// @ts-nocheck

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "./naming.ts";

/** The library's package name, as every generated file imports it. */
export const LIB = "@background/workers";

/** The facts about the project that the templates and the registration need. */
export interface ProjectInfo {
  /** `deno` when there is a deno.json(c), with or without a package.json; `bun` for a Bun project; else `npm`. */
  readonly kind: "npm" | "bun" | "deno";
  /** The extension written in relative imports: `.ts` (Deno, or allowImportingTsExtensions), `.js` (nodenext), or none (bundler). */
  readonly ext: "" | ".js" | ".ts";
  /** How the library is imported: always the bare name, which deno.json, package.json or node_modules resolves. */
  readonly lib: string;
  /** The runner the generated test is written for. */
  readonly test: "vitest" | "bun" | "deno";
  /** Commands the user still has to run before the generated files work (add the library, the test runner). */
  readonly todo: readonly string[];
}

/** JSON with comments and trailing commas, as tsconfig.json and deno.jsonc allow. */
function readJsonc(path: string): Record<string, unknown> {
  const text = readFileSync(path, "utf8");
  const stripped = text
    .replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m: string, str: string | undefined) => str ?? "")
    .replace(/,(\s*[}\]])/g, "$1");
  try {
    const value: unknown = JSON.parse(stripped);
    return typeof value === "object" && value !== null ? value as Record<string, unknown> : {};
  } catch (error) {
    throw new UsageError(`${path} does not parse as JSON: ${(error as Error).message}`);
  }
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? value as Record<string, unknown> : {};

/** Every package name package.json depends on, of any kind. */
function dependencies(pkg: Record<string, unknown>): Set<string> {
  const kinds = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];
  return new Set(kinds.flatMap((k) => Object.keys(record(pkg[k]))));
}

/** The package manager's command to add packages, from the lock file or `packageManager`. */
function adder(cwd: string, pkg: Record<string, unknown>, bun: boolean): (dev: boolean, name: string) => string {
  const manager = String(pkg.packageManager ?? "").split("@")[0];
  if (bun) return (dev, name) => `bun add ${dev ? "-d " : ""}${name}`;
  if (manager === "pnpm" || existsSync(join(cwd, "pnpm-lock.yaml"))) return (dev, name) => `pnpm add ${dev ? "-D " : ""}${name}`;
  if (manager === "yarn" || existsSync(join(cwd, "yarn.lock"))) return (dev, name) => `yarn add ${dev ? "-D " : ""}${name}`;
  return (dev, name) => `npm install ${dev ? "-D " : ""}${name}`;
}

/** The relative-import extension a tsconfig.json asks for. */
function tsconfigExt(cwd: string): ProjectInfo["ext"] {
  const tsconfig = join(cwd, "tsconfig.json");
  if (!existsSync(tsconfig)) return ".js";
  const options = record(readJsonc(tsconfig).compilerOptions);
  if (options.allowImportingTsExtensions === true) return ".ts";
  const resolution = String(options.moduleResolution ?? options.module ?? "").toLowerCase();
  return resolution === "bundler" || resolution === "preserve" ? "" : ".js";
}

/** Whether the generator itself runs on Deno or Bun: the tie-break for a folder with no project file yet. */
function runningOn(): "deno" | "bun" | "node" {
  if ("Deno" in globalThis) return "deno";
  if ("Bun" in globalThis) return "bun";
  return "node";
}

/** Looks at `cwd`. */
export function detectProject(cwd: string): ProjectInfo {
  const denoJson = ["deno.json", "deno.jsonc"].map((f) => join(cwd, f)).find((f) => existsSync(f));
  const hasPackageJson = existsSync(join(cwd, "package.json"));
  const pkg = hasPackageJson ? readJsonc(join(cwd, "package.json")) : {};
  const deps = dependencies(pkg);
  const vitest = deps.has("vitest");
  const bun = ["bun.lock", "bun.lockb", "bunfig.toml"].some((f) => existsSync(join(cwd, f))) ||
    deps.has("@types/bun") || deps.has("bun-types") || String(pkg.packageManager ?? "").startsWith("bun@");
  const empty = denoJson === undefined && !hasPackageJson;

  // A deno.json makes it a Deno project even beside a package.json (deno add npm:… writes to one,
  // and nodeModulesDir "manual" needs one): Deno runs its files, so imports end in .ts.
  if (denoJson !== undefined || (empty && runningOn() === "deno")) {
    const imports = denoJson === undefined ? {} : record(readJsonc(denoJson).imports);
    const listed = LIB in imports || deps.has(LIB);
    return {
      kind: "deno",
      ext: ".ts",
      lib: LIB,
      test: vitest ? "vitest" : "deno",
      todo: listed ? [] : [`deno add jsr:${LIB}`],
    };
  }
  const isBun = bun || (empty && runningOn() === "bun");
  const add = adder(cwd, pkg, isBun);
  const todo = deps.has(LIB) ? [] : [add(false, LIB)];
  if (isBun) return { kind: "bun", ext: empty ? ".ts" : tsconfigExt(cwd), lib: LIB, test: vitest ? "vitest" : "bun", todo };
  if (!vitest) todo.push(add(true, "vitest"));
  return { kind: "npm", ext: tsconfigExt(cwd), lib: LIB, test: "vitest", todo };
}
