/**
 * The npm package as a user gets it: `scripts/build_npm.ts` builds it (with its own checks: exports
 * against deno.json, publint, attw), `npm pack` packs it, and the tarball is installed, offline, into
 * a fresh npm project in a temporary directory. That install is then loaded by real Node (ESM
 * `import` and CommonJS `require`), Bun and Deno (`npm:` specifiers, resolved from that project's
 * node_modules) and type-checked by tsc, as consumers do.
 *
 * Whatever runtime hosts vitest, the checks spawn all three runtimes, so the suite of each runtime
 * runs the same checks; it is cheap (about 5 s, the build included), so it runs on every host rather
 * than skip two of them: the harness itself then works for someone who runs only Bun or only Deno.
 * Under `bun --bun`, `node` on PATH is Bun: `realNodePath()` finds the real one.
 *
 * Also here: a changeset bumps package.json, deno.json and package-lock.json and writes CHANGELOG.md.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { root, runtime } from "./child.ts";

const bin = (name: string) => join(root, "node_modules/.bin", name);
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const denoJson: { name: string; version: string; exports: Record<string, string> } = readJson(join(root, "deno.json"));
const subpaths = Object.keys(denoJson.exports);
const specifier = (subpath: string) => denoJson.name + subpath.slice(1);

/** PATH without the directories whose `node` is not Node (`bun --bun` puts a `node` that is Bun first). */
function nodeOnlyPath(): string {
  return (process.env.PATH ?? "").split(delimiter).filter((dir) => {
    const node = join(dir, "node");
    if (!existsSync(node)) return true;
    const probe = spawnSync(node, ["-e", "process.stdout.write(String(!process.versions.bun && !process.versions.deno))"], { encoding: "utf8" });
    return probe.stdout === "true";
  }).join(delimiter);
}

const PATH = nodeOnlyPath();
const env: Record<string, string | undefined> = { ...process.env, PATH, NO_COLOR: "1", npm_config_update_notifier: "false", DENO_NO_UPDATE_CHECK: "1" };
delete env.FORCE_COLOR;
delete env.NODE_OPTIONS;

/** The absolute path of `name` on the cleaned PATH. */
function which(name: string): string {
  for (const dir of PATH.split(delimiter)) if (dir !== "" && existsSync(join(dir, name))) return join(dir, name);
  throw new Error(`${name} not found on PATH`);
}

/** Runs a command to completion; returns its stdout, throws with both streams on failure. */
function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${result.status}:\n${result.stdout}${result.stderr}${result.error ?? ""}`);
  }
  return result.stdout;
}

const node = which("node");
const npm = which("npm");
let tmp = "";
let app = "";
let tarball = "";
let packed: { name: string; version: string; files: { path: string }[] } | undefined;

/** A program that loads every entry point, runs a worker three times and stops it; prints JSON. */
function consumer(load: (subpath: string) => string, wrap: (body: string) => string): string {
  return wrap(`
const entries = { ${subpaths.map((s) => `${JSON.stringify(s)}: ${load(s)}`).join(", ")} };
const { BackgroundWorkerManager, periodic, detectRuntime } = entries["."];
const manager = new BackgroundWorkerManager();
let runs = 0;
manager.add(periodic("smoke", { period: 5, runOnStart: true }, () => { runs++; }));
await manager.start();
// No deadline of its own: on a busy machine it may take long; the test's timeout says when it hangs.
while (runs < 3) await new Promise((resolve) => setTimeout(resolve, 5));
// The ./cron entry point was loaded above: a cron worker is due at the next whole second.
const cron = periodic("everySecond", { cron: "* * * * * *" }, () => {});
manager.add(cron);
// The wall time of the start, bracketed: monotonic readings around it, each turned into wall time
// by the epoch offsets read around it (the wall clock may step against the monotonic one by tens
// of ms on a loaded machine; the offset and the slot come from the same kind of reading).
const offsetBefore = Date.now() - performance.now();
const monoBefore = performance.now();
await cron.start();
const monoAfter = performance.now();
const offsetAfter = Date.now() - performance.now();
const cronDue = cron.status().nextRunAt ?? 0;
const startedFrom = monoBefore + Math.min(offsetBefore, offsetAfter) - 1;
const startedBy = monoAfter + Math.max(offsetBefore, offsetAfter) + 1;
// The first whole second after the start, however long the start and these lines took on a busy
// machine (no bound on how fast it runs: only on where the slot falls).
const cronDueWithinASecond = cronDue % 1000 === 0 && cronDue > startedFrom && cronDue - 1000 <= startedBy;
if (!cronDueWithinASecond) console.error("cron worker due at", cronDue, "started between", startedFrom, "and", startedBy);
const report = await manager.stop();
console.log(JSON.stringify({
  runtime: detectRuntime(),
  exports: Object.fromEntries(Object.entries(entries).map(([k, m]) => [k, Object.keys(m).sort()])),
  ranThreeTimes: runs >= 3,
  cronDueWithinASecond,
  stopped: report.ok && manager.status()[0].state === "stopped",
}));
`);
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "bgw-package-"));
  const out = join(tmp, "package");
  run(bin("deno"), ["run", "-A", join(root, "scripts/build_npm.ts"), "--out", out], root);
  packed = JSON.parse(run(npm, ["pack", "--json", "--pack-destination", tmp], out))[0];
  tarball = join(tmp, `${packed!.name.replace(/^@/, "").replace("/", "-")}-${packed!.version}.tgz`);

  app = join(tmp, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  // croner (the ./cron entry point's optional dependency) comes packed from the repo's own install:
  // an offline install resolves it only if npm's cache happens to hold its metadata, which a fresh
  // machine's cache does not (the optional dependency was then skipped without a word).
  // So does @opentelemetry/api, the optional peer that the ./otel entry point imports (and the app brings).
  const local = ["croner", "@opentelemetry/api"].map((name) => JSON.parse(run(npm, ["pack", "--json", "--pack-destination", tmp, join(root, "node_modules", name)], tmp))[0]);
  run(npm, ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball, ...local.map((p: { filename: string }) => join(tmp, p.filename))], app);

  const esm = consumer((s) => `await import(${JSON.stringify(specifier(s))})`, (body) => body);
  writeFileSync(join(app, "esm.mjs"), esm);
  writeFileSync(join(app, "deno.ts"), consumer((s) => `await import(${JSON.stringify(`npm:${specifier(s)}`)})`, (body) => body));
  writeFileSync(
    join(app, "cjs.cjs"),
    consumer((s) => `require(${JSON.stringify(specifier(s))})`, (body) => `(async () => {${body}})().catch((e) => { console.error(e); process.exit(1); });`),
  );
  writeFileSync(join(app, "deno.json"), JSON.stringify({ nodeModulesDir: "manual" }));
}, 120_000);

afterAll(() => {
  if (tmp !== "") rmSync(tmp, { recursive: true, force: true });
});

describe(`the npm package, installed from its tarball (suite on ${runtime})`, () => {
  /** What each entry point of the source exports at run time: what every loader must see. */
  async function expected() {
    const exports: Record<string, string[]> = {};
    for (const [subpath, source] of Object.entries(denoJson.exports)) {
      exports[subpath] = Object.keys(await import(/* @vite-ignore */ pathToFileURL(join(root, source)).href)).sort();
    }
    return exports;
  }

  test("has deno.json's name, version and exports, no dependency but the cron parser (and the OpenTelemetry API as an optional peer), and only the build and its docs", () => {
    const pkg = readJson(join(app, "node_modules", denoJson.name, "package.json"));
    expect(pkg.name).toBe(denoJson.name);
    expect(pkg.version).toBe(denoJson.version);
    expect(Object.keys(pkg.exports)).toEqual(subpaths);
    expect(pkg.dependencies ?? {}).toEqual({});
    // @opentelemetry/api, imported by the ./otel entry point alone, is the app's own: an optional peer, with JSR's range.
    const otelRange = readJson(join(root, "deno.json")).imports["@opentelemetry/api"].replace(/^npm:@opentelemetry\/api@/, "");
    expect(pkg.peerDependencies).toEqual({ "@opentelemetry/api": otelRange });
    expect(pkg.peerDependenciesMeta).toEqual({ "@opentelemetry/api": { optional: true } });
    // croner is imported by the ./cron entry point alone. It and the runtime adapters (which install
    // stopOnShutdown's behaviour into the core) are the modules with a side effect.
    expect(pkg.optionalDependencies).toEqual({ croner: readJson(join(root, "package.json")).dependencies.croner });
    expect(pkg).toMatchObject({ type: "module", sideEffects: ["./esm/src/cron/mod.js", "./esm/src/runtime/mod.js"], types: "./esm/mod.d.ts" });
    expect(pkg.engines.node).toBeTypeOf("string");
    const files = packed!.files.map((f) => f.path);
    expect(files.filter((f) => !/^(esm\/.+\.(js|d\.ts)|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(f))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(["README.md", "LICENSE", "CHANGELOG.md", "esm/mod.js", "esm/mod.d.ts"]));
    expect(files.some((f) => f.includes("create_worker") || f.startsWith("esm/test") || f.startsWith("esm/scripts"))).toBe(false);
  });

  test("Node: ESM import of every entry point, and a worker runs and stops", async () => {
    const result = JSON.parse(run(node, ["esm.mjs"], app));
    expect(result).toEqual({ runtime: "node", exports: await expected(), ranThreeTimes: true, cronDueWithinASecond: true, stopped: true });
  }, 30_000);

  test("Node: require() of every entry point (Node ^20.19 / >= 22.12 load ESM synchronously)", async () => {
    const result = JSON.parse(run(node, ["cjs.cjs"], app));
    expect(result).toEqual({ runtime: "node", exports: await expected(), ranThreeTimes: true, cronDueWithinASecond: true, stopped: true });
  }, 30_000);

  test("Bun: import and require", async () => {
    for (const file of ["esm.mjs", "cjs.cjs"]) {
      const result = JSON.parse(run(bin("bun"), [file], app));
      expect(result).toEqual({ runtime: "bun", exports: await expected(), ranThreeTimes: true, cronDueWithinASecond: true, stopped: true });
    }
  }, 30_000);

  test("Deno: npm: specifiers resolve to the tarball's install, run, and type-check", async () => {
    const resolved = run(bin("deno"), ["eval", `console.log(import.meta.resolve(${JSON.stringify(`npm:${denoJson.name}`)}))`], app).trim();
    expect(resolved).toBe(pathToFileURL(join(realpathSync(app), "node_modules", denoJson.name, "esm/mod.js")).href);
    const result = JSON.parse(run(bin("deno"), ["run", "--quiet", "--allow-env", "deno.ts"], app));
    expect(result).toEqual({ runtime: "deno", exports: await expected(), ranThreeTimes: true, cronDueWithinASecond: true, stopped: true });
    run(bin("deno"), ["check", "--quiet", "deno.ts"], app);
  }, 60_000);

  test("types check under tsc: ESM and require() consumers, nodenext and bundler resolution, and are not any", () => {
    const use = (load: (subpath: string) => string) => `
${subpaths.map((s, i) => load(s).replace("$", `m${i}`)).join("\n")}
const manager: m0.BackgroundWorkerManager = new m0.BackgroundWorkerManager({ stopTimeout: 1_000 });
const worker: m0.PeriodicBackgroundWorker = m0.periodic("typed", { period: 1_000 }, async (context: m0.WorkerContext) => {
  const signal: AbortSignal = context.signal;
  void signal;
});
manager.add(worker);
const state: m0.WorkerState | undefined = manager.status()[0]?.state;
// @ts-expect-error period must be a number: fails to compile if the types were any
m0.periodic("bad", { period: "5s" }, () => {});
export { manager, state };
${subpaths.slice(1).map((_, i) => `export const _${i + 1} = m${i + 1};`).join("\n")}
`;
    writeFileSync(join(app, "types_esm.ts"), use((s) => `import * as $ from ${JSON.stringify(specifier(s))};`));
    writeFileSync(join(app, "types_cjs.cts"), use((s) => `import $ = require(${JSON.stringify(specifier(s))});`));
    const base = { strict: true, noEmit: true, exactOptionalPropertyTypes: true, lib: ["ES2022", "ESNext.Disposable", "DOM"], types: [], skipLibCheck: false };
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...base, module: "nodenext" }, files: ["types_esm.ts", "types_cjs.cts"] }));
    writeFileSync(join(app, "tsconfig.bundler.json"), JSON.stringify({ compilerOptions: { ...base, module: "preserve", moduleResolution: "bundler" }, files: ["types_esm.ts"] }));
    run(node, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], app);
    run(node, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.bundler.json"], app);
  }, 60_000);
});

describe("versioning", () => {
  test("a changeset bumps package.json, deno.json and package-lock.json together and writes CHANGELOG.md", () => {
    const dir = join(tmp, "changeset");
    mkdirSync(join(dir, ".changeset"), { recursive: true });
    for (const file of ["package.json", "deno.json", "package-lock.json", "CHANGELOG.md", ".changeset/config.json"]) {
      cpSync(join(root, file), join(dir, file));
    }
    // The changesets CLI and its dependencies, from the repo; unlinked right after, so that removing
    // the temporary directory can never reach into the repo's node_modules.
    symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
    try {
      writeFileSync(join(dir, ".changeset/smoke-minor.md"), `---\n"${denoJson.name}": minor\n---\n\nA new entry point.\n`);
      run(node, [join(root, "node_modules/@changesets/cli/bin.js"), "version"], dir);
    } finally {
      unlinkSync(join(dir, "node_modules"));
    }
    run(bin("deno"), ["run", `--allow-read=${dir}`, `--allow-write=${dir}`, join(root, "scripts/sync_version.ts"), "--dir", dir], dir);

    const [major, minor] = denoJson.version.split(".").map(Number);
    const next = `${major}.${minor! + 1}.0`;
    const lock = readJson(join(dir, "package-lock.json"));
    expect([readJson(join(dir, "package.json")).version, readJson(join(dir, "deno.json")).version, lock.version, lock.packages[""].version])
      .toEqual([next, next, next, next]);
    const changelog = readFileSync(join(dir, "CHANGELOG.md"), "utf8");
    expect(changelog.indexOf(`## ${next}\n\n### Minor Changes\n\n- A new entry point.`)).toBeGreaterThan(0);
    expect(changelog.indexOf(`## ${next}`)).toBeLessThan(changelog.indexOf(`## ${denoJson.version}`));
    expect(existsSync(join(dir, ".changeset/smoke-minor.md"))).toBe(false);
    // Nothing else of the manifests changed: the sync only touches versions.
    const before = readJson(join(root, "deno.json"));
    expect({ ...readJson(join(dir, "deno.json")), version: before.version }).toEqual(before);
    run(bin("deno"), ["run", `--allow-read=${dir}`, join(root, "scripts/sync_version.ts"), "--dir", dir, "--check"], dir);
  }, 60_000);
});
