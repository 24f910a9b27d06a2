/**
 * The generator end to end, from packed tarballs of both packages, in fresh temporary projects:
 * an npm project (tsc passes, the generated test passes, an app that calls registerWorkers runs
 * the worker) and a Deno-only project (deno check and deno test pass). It installs packages, so it
 * runs in the Node suite only; the Deno and Bun suites skip it with a line saying so.
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
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
function ok(command: string, args: string[], cwd: string): string {
  const r = run(command, args, cwd);
  if (r.code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${r.code}:\n${r.out}\n${r.err}`);
  return r.out;
}
const createWorker = (cwd: string, ...args: string[]) => run(process.execPath, [join(app, "node_modules/.bin/create-worker"), ...args], cwd);

if (runtime !== "node") console.log(`SKIPPED create-worker end-to-end on ${runtime}: it installs packages and runs in the Node suite`);

describe.skipIf(runtime !== "node")("create-worker end to end, from packed tarballs", () => {
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), "create-worker-e2e-"));
    ok(bin("deno"), ["run", "-A", "scripts/build_npm.ts", "--out", join(tmp, "lib")], root);
    ok(bin("deno"), ["run", "-A", "scripts/build_create_worker.ts", "--out", join(tmp, "cw")], root);
    ok("npm", ["pack", join(tmp, "lib"), join(tmp, "cw"), "--pack-destination", tmp], tmp);
    const tarballs = readdirSync(tmp).filter((f) => f.endsWith(".tgz")).map((f) => join(tmp, f));
    app = join(tmp, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
      compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, rootDir: "src", outDir: "dist", skipLibCheck: true, types: [] },
      include: ["src"],
    }));
    ok("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...tarballs], app);
    // The generated test needs vitest: the repo's own, linked rather than installed again.
    symlinkSync(join(root, "node_modules/vitest"), join(app, "node_modules/vitest"), "dir");
  }, 240_000);
  afterAll(() => {
    if (tmp !== "") rmSync(tmp, { recursive: true, force: true });
  });

  test("npx create-worker in a fresh npm project: tsc passes, the generated test passes, an app runs the worker", () => {
    const started = performance.now();
    const out = ok("npx", ["--no", "create-worker", "PassiveUserChecker", "--period", "5s"], app);
    console.log(`create-worker took ${Math.round(performance.now() - started)} ms (with npx)`);
    expect(out).toContain("created src/workers/passive_user_checker_worker.ts");
    writeFileSync(join(app, "src/main.ts"), `import { BackgroundWorkerManager } from "@background/workers";
import { registerWorkers } from "./workers/mod.js";

const manager = new BackgroundWorkerManager();
registerWorkers(manager);
await manager.start();
const result = await manager.trigger("PassiveUserCheckerWorker");
console.log(JSON.stringify({ ok: result.ok, run: result.run, status: manager.status()[0]?.state }));
await manager.stop();
`);
    ok(bin("tsc"), ["-p", "."], app);
    const printed = ok(process.execPath, ["dist/main.js"], app);
    expect(JSON.parse(printed.trim().split("\n").at(-1)!)).toEqual({ ok: true, run: 1, status: "idle" });
    const vitest = run(process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", "--root", app, "src/workers"], app);
    expect(vitest.out + vitest.err).toMatch(/1 passed/);
    expect(vitest.code).toBe(0);
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

  test("a cron worker: it imports the cron entry point, tsc passes, and its generated test passes", () => {
    const r = createWorker(app, "NightlyReport", "--cron", "0 30 2 * * *");
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(app, "src/workers/nightly_report_worker.ts"), "utf8")).toMatch(/^import "@background\/workers\/cron";$/m);
    ok(bin("tsc"), ["-p", "."], app);
    const vitest = run(process.execPath, [join(root, "node_modules/vitest/vitest.mjs"), "run", "--root", app, "src/workers/nightly_report_worker.test.ts"], app);
    expect(vitest.out + vitest.err).toMatch(/1 passed/);
    expect(vitest.code).toBe(0);
  }, 120_000);

  test("a fresh Deno project: deno check and deno test pass", () => {
    const deno = join(tmp, "deno-app");
    mkdirSync(deno);
    writeFileSync(join(deno, "deno.json"), JSON.stringify({ imports: { "@background/workers": pathToFileURL(join(root, "mod.ts")).href } }));
    const r = createWorker(deno, "PassiveUserChecker", "--period", "5s");
    expect(r.code).toBe(0);
    expect(readFileSync(join(deno, "src/workers/mod.ts"), "utf8")).toContain('"./passive_user_checker_worker.ts"');
    ok(bin("deno"), ["check", "src/workers/mod.ts", "src/workers/passive_user_checker_worker.test.ts"], deno);
    const test = ok(bin("deno"), ["test", "-A", "src/workers/"], deno);
    expect(test).toMatch(/1 passed/);
  }, 120_000);
});
