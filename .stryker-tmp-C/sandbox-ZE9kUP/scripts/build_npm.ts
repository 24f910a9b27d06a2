/**
 * Builds the npm package from the same source that JSR publishes: `deno run -A scripts/build_npm.ts`
 * (`npm run build`). It does what dnt would do (dnt is published only on JSR): ESM JavaScript and
 * `.d.ts` by tsc, a package.json, README/LICENSE/CHANGELOG, then checks the result.
 *
 *   deno run -A scripts/build_npm.ts [--out DIR] [--skip-lint]
 *
 * - `--out DIR`: where to build (default `npm/`). The smoke test builds into a temporary directory.
 * - `--skip-lint`: skip publint and attw (never in `npm run build`; for quick experiments only).
 *
 * The npm exports are derived from deno.json's `exports`: a new sub-path (`./cron`, …) is one line
 * there, and this script maps it to `./esm/<path>.js` with its `.d.ts`. The build fails when
 *   - deno.json and package.json disagree on the version (run `npm run version-packages`);
 *   - tsc fails, or a relative `.ts` import path survives in the output;
 *   - the written npm exports and deno.json's exports differ (sub-paths, files, or the names each
 *     entry exports at run time);
 *   - publint (strict) reports anything, or attw (profile `esm-only`) finds a problem.
 *
 * Why ESM only, with `require()` still working: Node ^20.19 and >= 22.12 load an ES module with
 * `require()` synchronously (no top-level await here), as Bun and Deno do, so one ESM build serves
 * `import` and `require` alike. A second CommonJS copy would bring the dual-package hazard:
 * `instanceof PeriodicBackgroundWorker` or `LeaseLostError` failing across the two copies. Hence the
 * `engines` range below and the `default` (not `import`) condition in every export.
 */
// @ts-nocheck

import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import process from "node:process";
import { parseArgs } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => join(root, "node_modules/.bin", name);

/** The Node versions whose `require()` loads ES modules without a flag. */
export const NODE_ENGINES: string = "^20.19.0 || >=22.12.0";

/** Files copied into the package beside the build. */
export const EXTRA_FILES: readonly string[] = ["README.md", "LICENSE", "CHANGELOG.md"];

interface DenoJson {
  name: string;
  version: string;
  license: string;
  exports: Record<string, string>;
}

interface NpmExport {
  types: string;
  default: string;
}

/** Where tsc puts the JavaScript for a source file of deno.json's exports: `./src/a.ts` → `./esm/src/a.js`. */
export function npmTarget(source: string, ext: ".js" | ".d.ts"): string {
  if (!/^\.\/.+\.ts$/.test(source)) throw new Error(`deno.json export ${source} must be a relative .ts path`);
  return `./esm/${source.slice(2, -3)}${ext}`;
}

/** The npm `exports` for deno.json's `exports`: same sub-paths, `types` first, `default` for import and require. */
export function npmExports(denoExports: Record<string, string>): Record<string, NpmExport> {
  return Object.fromEntries(
    Object.entries(denoExports).map(([key, source]) => [key, { types: npmTarget(source, ".d.ts"), default: npmTarget(source, ".js") }]),
  );
}

/** Rewrites relative `.ts` specifiers of a `.d.ts` to `.js`: tsc's rewriteRelativeImportExtensions leaves them, and TypeScript before 5.x(ish) rejects them. */
export function fixDeclarationImports(text: string): string {
  return text.replace(
    /(\b(?:from|import)\s*\(?\s*)(["'])(\.{1,2}\/[^"'\n]*?)\.(m|c)?ts\2/g,
    (_all, head: string, quote: string, path: string, m: string | undefined) => `${head}${quote}${path}.${m ?? ""}js${quote}`,
  );
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

function run(command: string, args: string[], cwd = root): string {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${relative(root, command) || command} ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`.trimEnd());
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

/** Compiles the modules of deno.json's exports (and what they import) into `out/esm`. */
function compile(deno: DenoJson, out: string): void {
  const work = mkdtempSync(join(tmpdir(), "bgw-build-"));
  try {
    const tsconfig = {
      extends: join(root, "tsconfig.json"),
      compilerOptions: {
        noEmit: false,
        allowImportingTsExtensions: false,
        rewriteRelativeImportExtensions: true,
        declaration: true,
        rootDir: root,
        outDir: join(out, "esm"),
        newLine: "lf",
      },
      include: [],
      files: Object.values(deno.exports).map((source) => join(root, source)),
    };
    writeFileSync(join(work, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    run(bin("tsc"), ["-p", join(work, "tsconfig.json")]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const leftovers: string[] = [];
  for (const file of walk(join(out, "esm"))) {
    if (file.endsWith(".d.ts")) writeFileSync(file, fixDeclarationImports(readFileSync(file, "utf8")));
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\b(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"'\n]*\.[mc]?ts)["']/g)) {
      if (!m[1]!.endsWith(".d.ts")) leftovers.push(`${relative(out, file)}: ${m[1]}`);
    }
  }
  if (leftovers.length > 0) throw new Error(`relative .ts import paths left in the build:\n  ${leftovers.join("\n  ")}`);
}

/**
 * The package.json of the npm package. The core has no dependencies; croner, which only the
 * `./cron` entry point imports, is an optional dependency (installed by default, and the core works
 * without it). That entry point installs the cron schedule when imported, and the runtime adapters
 * (loaded by the main entry point) install `stopOnShutdown()`'s behaviour into the core's hook: the
 * two modules that bundlers must not drop as side-effect free.
 */
/** The module that installs `stopOnShutdown()`'s behaviour when loaded (see its module doc). */
const RUNTIME_INSTALLER = "./src/runtime/mod.ts";

export function npmPackageJson(deno: DenoJson, pkg: Record<string, unknown>): Record<string, unknown> {
  const exports = npmExports(deno.exports);
  const optional = (pkg.dependencies ?? {}) as Record<string, string>;
  const cron = deno.exports["./cron"];
  return {
    name: deno.name,
    version: deno.version,
    description: pkg.description,
    keywords: ["background", "worker", "periodic", "scheduler", "cron", "job", "deno", "bun", "node"],
    license: deno.license,
    type: "module",
    sideEffects: [...(cron === undefined ? [] : [npmTarget(cron, ".js")]), npmTarget(RUNTIME_INSTALLER, ".js")],
    engines: { node: NODE_ENGINES },
    types: exports["."]!.types,
    exports,
    files: ["esm", ...EXTRA_FILES],
    ...(Object.keys(optional).length > 0 ? { optionalDependencies: optional } : {}),
  };
}

/**
 * Fails when the built package's exports are not deno.json's: other sub-paths, other files, missing
 * files, or an entry whose built module exports other names at run time than its source.
 */
export async function checkExports(denoExports: Record<string, string>, out: string): Promise<void> {
  const npm = readJson<{ exports?: Record<string, NpmExport | string> }>(join(out, "package.json")).exports ?? {};
  const problems: string[] = [];
  const denoKeys = Object.keys(denoExports).sort();
  const npmKeys = Object.keys(npm).sort();
  for (const key of denoKeys) if (!npmKeys.includes(key)) problems.push(`${key}: in deno.json, not in the npm package`);
  for (const key of npmKeys) if (!denoKeys.includes(key)) problems.push(`${key}: in the npm package, not in deno.json`);
  for (const key of denoKeys.filter((k) => npmKeys.includes(k))) {
    const source = denoExports[key]!;
    const entry = npm[key]!;
    if (typeof entry !== "object" || Object.keys(entry).join() !== "types,default") {
      problems.push(`${key}: expected { types, default }, got ${JSON.stringify(entry)}`);
      continue;
    }
    for (const [condition, ext] of [["types", ".d.ts"], ["default", ".js"]] as const) {
      const want = npmTarget(source, ext);
      if (entry[condition] !== want) problems.push(`${key}: ${condition} is ${entry[condition]}, deno.json's ${source} builds to ${want}`);
      else if (!existsSync(join(out, want))) problems.push(`${key}: ${want} was not built`);
    }
    if (problems.length > 0) continue;
    const built = Object.keys(await import(pathToFileURL(join(out, entry.default)).href)).sort();
    const original = Object.keys(await import(pathToFileURL(join(root, source)).href)).sort();
    if (built.join() !== original.join()) {
      problems.push(`${key}: the build exports [${built.join(", ")}], ${source} exports [${original.join(", ")}]`);
    }
  }
  if (problems.length > 0) throw new Error(`deno.json's exports and the npm package's exports differ:\n  ${problems.join("\n  ")}`);
}

/** publint (strict: warnings count) and attw (ESM-only profile) on the built directory; throws on any message. */
async function lint(out: string): Promise<void> {
  const result = await publint({ pkgDir: out, strict: true, level: "suggestion", pack: "npm" });
  if (result.messages.length > 0) {
    const lines = result.messages.map((m) => `${m.type}: ${formatMessage(m, result.pkg) ?? m.code}`);
    throw new Error(`publint:\n  ${lines.join("\n  ")}`);
  }
  const packDir = mkdtempSync(join(tmpdir(), "bgw-attw-"));
  try {
    const tgz = run("npm", ["pack", "--silent", "--pack-destination", packDir], out).trim().split("\n").pop()!;
    run(bin("attw"), [join(packDir, tgz), "--profile", "esm-only", "--format", "table-flipped", "--no-color", "--no-emoji"]);
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}

/** Builds the package into `out`; returns its package.json. */
export async function build(out: string, options: { lint?: boolean } = {}): Promise<Record<string, unknown>> {
  const deno = readJson<DenoJson>(join(root, "deno.json"));
  const pkg = readJson<Record<string, unknown>>(join(root, "package.json"));
  if (deno.version !== pkg.version) {
    throw new Error(`deno.json has version ${deno.version}, package.json ${String(pkg.version)}: run npm run version-packages`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  compile(deno, out);
  const npmPkg = npmPackageJson(deno, pkg);
  writeFileSync(join(out, "package.json"), JSON.stringify(npmPkg, null, 2) + "\n");
  for (const file of EXTRA_FILES) cpSync(join(root, file), join(out, file));
  await checkExports(deno.exports, out);
  if (options.lint !== false) await lint(out);
  return npmPkg;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { out: { type: "string" }, "skip-lint": { type: "boolean" } } });
  const out = resolve(values.out ?? join(root, "npm"));
  const started = performance.now();
  try {
    const pkg = await build(out, { lint: !values["skip-lint"] });
    const checks = values["skip-lint"] ? "exports check" : "exports check, publint, attw";
    console.log(`built ${pkg.name}@${pkg.version} into ${relative(process.cwd(), out) || "."} (${checks}: clean) in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    console.error(`build_npm: ${(error as Error).message}`);
    process.exit(1);
  }
}
