/**
 * What kind of project the generator runs in: npm or Deno-only, how its imports are written, and
 * where the library comes from.
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "./naming.ts";

/** The facts about the project that the templates and the registration need. */
export interface ProjectInfo {
  /** `deno` for a Deno-only project (deno.json, no package.json), else `npm`. */
  readonly kind: "npm" | "deno";
  /** The extension written in relative imports: `.ts` (Deno), `.js` (nodenext), or none (bundler). */
  readonly ext: "" | ".js" | ".ts";
  /** How the library is imported. */
  readonly lib: string;
}

/** JSON with comments and trailing commas, as tsconfig.json and deno.jsonc allow. */
function readJsonc(path: string): Record<string, unknown> {
  const text = readFileSync(path, "utf8");
  const stripped = text
    .replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m: string, str: string | undefined) => str ?? "")
    .replace(/,(\s*[}\]])/g, "$1");
  try {
    return JSON.parse(stripped) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`${path} does not parse as JSON: ${(error as Error).message}`);
  }
}

/** Looks at `cwd`. */
export function detectProject(cwd: string): ProjectInfo {
  const denoJson = ["deno.json", "deno.jsonc"].map((f) => join(cwd, f)).find((f) => existsSync(f));
  const packageJson = existsSync(join(cwd, "package.json"));
  if (denoJson !== undefined && !packageJson) {
    const imports = (readJsonc(denoJson).imports ?? {}) as Record<string, string>;
    return { kind: "deno", ext: ".ts", lib: "@background/workers" in imports ? "@background/workers" : "jsr:@background/workers" };
  }
  const tsconfig = join(cwd, "tsconfig.json");
  let ext: ProjectInfo["ext"] = ".js";
  if (existsSync(tsconfig)) {
    const options = (readJsonc(tsconfig).compilerOptions ?? {}) as Record<string, unknown>;
    const resolution = String(options.moduleResolution ?? options.module ?? "").toLowerCase();
    if (options.allowImportingTsExtensions === true) ext = ".ts";
    else if (resolution === "bundler") ext = "";
  }
  return { kind: "npm", ext, lib: "@background/workers" };
}
