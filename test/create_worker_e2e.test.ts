/**
 * The generator end to end, from packed tarballs of both packages, in fresh temporary projects of
 * each kind it knows: npm (tsc, vitest), Bun (bun test), Deno (deno check, deno lint, deno test) and
 * Deno beside a package.json. In each, a period worker whose doWork awaits a real timer and a cron
 * worker whose pattern holds a star-slash must compile, lint and pass their generated tests on that
 * project's own runner. It installs packages, so it runs in the Node suite only; the Deno and Bun
 * suites skip it with a line saying so. (Installs from a registry are in test/e2e/install.ts.)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { root, runtime } from "./child.ts";
import { snapshot } from "./helpers.ts";

const bin = (name: string): string => join(root, "node_modules/.bin", name);
let tmp = "";
let app = "";

function run(command: string, args: string[], cwd: string): { code: number; out: string; err: string } {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
function ok(command: string, args: string[], cwd: string): string {
  const r = run(command, args, cwd);
  if (r.code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${r.code}:\n${r.out}\n${r.err}`);
  return r.out + r.err;
}
const createWorker = (cwd: string, ...args: string[]) => run(process.execPath, [join(app, "node_modules/.bin/create-worker"), ...args], cwd);
const vitest = (cwd: string, ...files: string[]) => ok(process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", "--root", cwd, ...files], cwd);

/** A project folder with `files`, its node_modules the npm app's (the tarballs, installed once). */
function projectOf(name: string, files: Record<string, string>, linkModules = true): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  if (linkModules) symlinkSync(join(app, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

/**
 * Scaffolds the two workers of every project: a period worker whose doWork also awaits a real
 * timer (the generated test used fake timers, and such a run never ended), and a cron worker with
 * star-slash in its pattern (which ended the doc comment). Returns the files written.
 */
function scaffold(dir: string): string[] {
  const period = createWorker(dir, "PassiveUserChecker", "--period", "5s");
  expect(period.code, period.err).toBe(0);
  const worker = join(dir, "src/workers/passive_user_checker_worker.ts");
  const text = readFileSync(worker, "utf8");
  expect(text).toContain("    await Promise.resolve(run);\n");
  writeFileSync(worker, text.replace("    await Promise.resolve(run);\n", "    await new Promise((resolve) => setTimeout(resolve, 20, run));\n"));
  const cron = createWorker(dir, "CacheWarmer", "--cron", "*/5 * * * * *");
  expect(cron.code, cron.err).toBe(0);
  return readdirSync(join(dir, "src/workers")).map((f) => `src/workers/${f}`);
}

const tsconfig = (options: Record<string, unknown>) =>
  JSON.stringify({ compilerOptions: { target: "ES2022", strict: true, skipLibCheck: true, noEmit: true, types: [], ...options }, include: ["src"] });

if (runtime !== "node") console.log(`SKIPPED create-worker end-to-end on ${runtime}: it installs packages and runs in the Node suite`);

describe.skipIf(runtime !== "node")("create-worker end to end, from packed tarballs", () => {
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), "create-worker-e2e-"));
    ok(bin("deno"), ["run", "-A", "scripts/build_npm.ts", "--out", join(tmp, "lib"), "--skip-lint"], root);
    ok(bin("deno"), ["run", "-A", "scripts/build_create_worker.ts", "--out", join(tmp, "cw")], root);
    ok("npm", ["pack", join(tmp, "lib"), join(tmp, "cw"), "--pack-destination", tmp], tmp);
    const tarballs = readdirSync(tmp).filter((f) => f.endsWith(".tgz")).map((f) => join(tmp, f));
    app = join(tmp, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    writeFileSync(join(app, "tsconfig.json"), tsconfig({ module: "nodenext", moduleResolution: "nodenext", rootDir: "src", outDir: "dist", noEmit: false }));
    ok("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...tarballs], app);
    // The generated test needs vitest: the repo's own, linked rather than installed again.
    symlinkSync(join(root, "node_modules/vitest"), join(app, "node_modules/vitest"), "dir");
  }, 240_000);
  afterAll(() => {
    if (tmp !== "") rmSync(tmp, { recursive: true, force: true });
  });

  test("npx create-worker in a fresh npm project: tsc passes, both generated tests pass with vitest, an app runs the workers", () => {
    const started = performance.now();
    const out = ok("npx", ["--no", "create-worker", "First", "--period", "5s"], app);
    console.log(`create-worker took ${Math.round(performance.now() - started)} ms (with npx)`);
    expect(out).toContain("created src/workers/first_worker.ts");
    expect(scaffold(app)).toHaveLength(7);
    writeFileSync(join(app, "src/main.ts"), `import { BackgroundWorkerManager } from "@background/workers";
import { registerWorkers } from "./workers/mod.js";

const manager = new BackgroundWorkerManager();
registerWorkers(manager);
await manager.start();
const result = await manager.trigger("PassiveUserCheckerWorker");
console.log(JSON.stringify({ ok: result.ok, run: result.run, workers: manager.status().map((s) => s.state) }));
await manager.stop();
`);
    ok(bin("tsc"), ["-p", "."], app);
    const printed = ok(process.execPath, ["dist/main.js"], app);
    expect(JSON.parse(printed.trim().split("\n").at(-1)!)).toEqual({ ok: true, run: 1, workers: ["idle", "idle", "idle"] });
    expect(vitest(app, "src/workers")).toMatch(/3 passed/);
  }, 120_000);

  test("a second run changes nothing; bad input and --dry-run leave the folder byte-identical", () => {
    createWorker(app, "PassiveUserChecker", "--period", "5s");
    const before = snapshot(app);
    expect(createWorker(app, "PassiveUserChecker", "--period", "5s").code).toBe(0);
    expect(snapshot(app)).toEqual(before);
    for (const bad of [[""], ["123abc"], ["foo bar"], ["../evil"], ["class"], ["X", "--dir", "../up"], ["X", "--period", "often"], ["X", "--cron", "nope"]]) {
      const r = createWorker(app, ...bad);
      expect(r.code, JSON.stringify(bad)).toBe(2);
      expect(r.err.trim().split("\n"), JSON.stringify(bad)).toHaveLength(1);
      expect(snapshot(app)).toEqual(before);
    }
    const dry = createWorker(app, "ReportMailer", "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("would create src/workers/report_mailer_worker.ts");
    expect(snapshot(app)).toEqual(before);
  }, 120_000);

  test("a Bun project (as bun init makes it): both generated tests pass with bun test", () => {
    const bun = projectOf("bun-app", {
      "package.json": JSON.stringify({ name: "bun-app", module: "index.ts", type: "module", private: true, devDependencies: { "@types/bun": "latest" } }),
      "tsconfig.json": tsconfig({ module: "Preserve", moduleResolution: "bundler", allowImportingTsExtensions: true, verbatimModuleSyntax: true }),
      "bun.lock": "",
    });
    scaffold(bun);
    expect(readFileSync(join(bun, "src/workers/cache_warmer_worker.test.ts"), "utf8")).toContain('from "bun:test"');
    expect(ok(bin("bun"), ["test", "src/workers"], bun)).toMatch(/2 pass/);
  }, 120_000);

  test("a Deno project (deno.json, the library in its imports): deno check, deno lint and deno test pass", () => {
    // The library from this repo's source, its entry points mapped as JSR maps them.
    const source = (path: string) => pathToFileURL(join(root, path)).href;
    const deno = projectOf("deno-app", {
      "deno.json": JSON.stringify({
        imports: {
          "@background/workers": source("mod.ts"),
          "@background/workers/cron": source("src/cron/mod.ts"),
          "@background/workers/testing": source("src/testing/mod.ts"),
          croner: "npm:croner@^11.0.1",
        },
        nodeModulesDir: "none",
      }),
    }, false);
    const files = scaffold(deno);
    expect(readFileSync(join(deno, "src/workers/mod.ts"), "utf8")).toContain('"./passive_user_checker_worker.ts"');
    ok(bin("deno"), ["check", ...files], deno);
    ok(bin("deno"), ["lint", ...files], deno);
    expect(ok(bin("deno"), ["test", "-A", "src/workers/"], deno)).toMatch(/2 passed/);
  }, 120_000);

  test("a Deno project beside a package.json (nodeModulesDir manual): .ts imports, deno lint and deno test pass", () => {
    const deno = projectOf("deno-npm-app", {
      "deno.json": JSON.stringify({ nodeModulesDir: "manual" }),
      "package.json": JSON.stringify({ name: "deno-npm-app", private: true, type: "module", dependencies: { "@background/workers": "*" } }),
    });
    const files = scaffold(deno);
    expect(readFileSync(join(deno, "src/workers/mod.ts"), "utf8")).toContain('"./cache_warmer_worker.ts"');
    ok(bin("deno"), ["check", ...files], deno);
    ok(bin("deno"), ["lint", ...files], deno);
    expect(ok(bin("deno"), ["test", "-A", "src/workers/"], deno)).toMatch(/2 passed/);
  }, 120_000);
});
