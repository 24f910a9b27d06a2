/**
 * The generator, run in-process against temporary folders (the packed-tarball end-to-end tests
 * are in create_worker_e2e.test.ts).
 */
// @ts-nocheck

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ts } from "ts-morph";
import { afterEach, describe, expect, test } from "vitest";
import { main } from "../src/create_worker/cli.ts";
import { snapshot } from "./helpers.ts";

const dirs: string[] = [];
function project(files: Record<string, string> = { "package.json": '{"name":"app","type":"module"}' }): string {
  const dir = mkdtempSync(join(tmpdir(), "create-worker-"));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function runWith(env: Record<string, string>, cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, cwd, (l) => out.push(l), (l) => err.push(l), env);
  return { code, out: out.join("\n"), err: err.join("\n") };
}
const run = (cwd: string, ...argv: string[]) => runWith({}, cwd, ...argv);

/** The first syntax error of a generated file, or undefined: what tsc would say before TS1109. */
function syntaxError(path: string): string | undefined {
  const out = ts.transpileModule(readFileSync(path, "utf8"), { reportDiagnostics: true, fileName: path });
  const first = out.diagnostics?.[0];
  return first === undefined ? undefined : `${path}: ${ts.flattenDiagnosticMessageText(first.messageText, " ")}`;
}

/** Every file the generator wrote (src/workers/), with its text. */
function written(dir: string): Record<string, string> {
  return Object.fromEntries(Object.keys(snapshot(dir)).filter((f) => f.startsWith("src/")).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

describe("create-worker", () => {
  test("scaffolds the worker, its test and its registration under src/workers", async () => {
    const dir = project();
    const { code } = await run(dir, "PassiveUserChecker", "--period", "5s");
    expect(code).toBe(0);
    const worker = readFileSync(join(dir, "src/workers/passive_user_checker_worker.ts"), "utf8");
    expect(worker).toContain("export class PassiveUserCheckerWorker extends PeriodicBackgroundWorker");
    expect(worker).toContain("period: 5000");
    expect(worker).toContain("signal");
    expect(worker).toContain("TODO");
    expect(readFileSync(join(dir, "src/workers/passive_user_checker_worker.test.ts"), "utf8")).toContain('import { test } from "vitest";');
    const mod = readFileSync(join(dir, "src/workers/mod.ts"), "utf8");
    expect(mod).toContain('import { PassiveUserCheckerWorker } from "./passive_user_checker_worker.js";');
    expect(mod).toContain("export function registerWorkers(manager: BackgroundWorkerManager): void {\n  manager.add(new PassiveUserCheckerWorker());\n}");
  });

  test("a second run changes nothing (same bytes), and a second worker is added beside the first", async () => {
    const dir = project();
    await run(dir, "PassiveUserChecker");
    const first = snapshot(dir);
    const again = await run(dir, "PassiveUserChecker");
    expect(again.code).toBe(0);
    expect(snapshot(dir)).toEqual(first);
    await run(dir, "InvoiceMailer", "--cron", "0 */5 * * * *", "--run-on-start");
    const mod = readFileSync(join(dir, "src/workers/mod.ts"), "utf8");
    expect(mod.match(/manager\.add\(/g)).toHaveLength(2);
    expect(mod.match(/import \{ PassiveUserCheckerWorker \}/g)).toHaveLength(1);
    expect(readFileSync(join(dir, "src/workers/invoice_mailer_worker.ts"), "utf8")).toContain('cron: "0 */5 * * * *", runOnStart: true');
  });

  test("an existing worker file is never overwritten unless --force", async () => {
    const dir = project();
    await run(dir, "PassiveUserChecker");
    const path = join(dir, "src/workers/passive_user_checker_worker.ts");
    writeFileSync(path, "// mine\n");
    const kept = await run(dir, "PassiveUserChecker", "--period", "10m");
    expect(kept.out).toContain("kept src/workers/passive_user_checker_worker.ts");
    expect(readFileSync(path, "utf8")).toBe("// mine\n");
    await run(dir, "PassiveUserChecker", "--period", "10m", "--force");
    expect(readFileSync(path, "utf8")).toContain("period: 600000");
  });

  test.each([
    [[""], "empty"],
    [["123abc"], "not an identifier"],
    [["foo bar"], "not an identifier"],
    [["../evil"], "not an identifier"],
    [["class"], "reserved word"],
    [["Good", "--dir", "../outside"], "outside the project"],
    [["Good", "--period", "soon"], "--period"],
    [["Good", "--cron", "every day"], "--cron"],
    [["Good", "--bogus"], "unknown option"],
    [[], "missing"],
  ])("bad input %j: exit 2, one line on stderr naming it, the folder byte-identical", async (argv, says) => {
    const dir = project({ "package.json": '{"name":"app"}', "src/workers/mod.ts": "// keep me\nexport function registerWorkers(m) {}\n" });
    const before = snapshot(dir);
    const { code, err, out } = await run(dir, ...argv);
    expect(code).toBe(2);
    expect(err.split("\n")).toHaveLength(1);
    expect(err).toContain(says);
    expect(out).toBe("");
    expect(snapshot(dir)).toEqual(before);
  });

  test("a registration file that does not parse: exit 2, nothing written", async () => {
    const dir = project({ "package.json": "{}", "src/workers/mod.ts": "export function registerWorkers(manager { oops\n" });
    const before = snapshot(dir);
    const { code, err } = await run(dir, "PassiveUserChecker");
    expect(code).toBe(2);
    expect(err).toContain("does not parse");
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(join(dir, "src/workers/passive_user_checker_worker.ts"))).toBe(false);
  });

  test("--dry-run prints what it would write and writes nothing", async () => {
    const dir = project();
    const before = snapshot(dir);
    const { code, out } = await run(dir, "PassiveUserChecker", "--dry-run");
    expect(code).toBe(0);
    expect(out).toContain("would create src/workers/passive_user_checker_worker.ts");
    expect(out).toContain("would create src/workers/mod.ts");
    expect(out).toContain("export class PassiveUserCheckerWorker");
    expect(snapshot(dir)).toEqual(before);
  });

  test("the registration keeps the user's comments and odd formatting", async () => {
    const odd = `// Workers of the billing app.   (keep this comment)
import type {BackgroundWorkerManager} from '@background/workers'
import {ExistingWorker} from './existing_worker.js'   // trailing comment

/* block
   comment */
export function registerWorkers( manager : BackgroundWorkerManager ) : void
{
    // first the old one
    manager.add( new ExistingWorker( ) )
}
`;
    const dir = project({ "package.json": "{}", "src/workers/mod.ts": odd });
    await run(dir, "PassiveUserChecker");
    const after = readFileSync(join(dir, "src/workers/mod.ts"), "utf8");
    for (const line of odd.split("\n").filter((l) => l.trim() !== "" && l !== "}")) expect(after).toContain(line);
    expect(after).toContain('import { PassiveUserCheckerWorker } from "./passive_user_checker_worker.js";');
    expect(after).toContain("    manager.add(new PassiveUserCheckerWorker());");
  });

  test("import specifiers follow the project: .ts for Deno, .js for nodenext, none for bundler", async () => {
    const deno = project({ "deno.json": '{ "imports": { "@background/workers": "jsr:@background/workers@^0" } }' });
    await run(deno, "A");
    expect(readFileSync(join(deno, "src/workers/mod.ts"), "utf8")).toContain('"./a_worker.ts"');
    expect(readFileSync(join(deno, "src/workers/a_worker.test.ts"), "utf8")).toContain("Deno.test(");
    const nodenext = project({ "package.json": "{}", "tsconfig.json": '{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext" } }' });
    await run(nodenext, "A");
    expect(readFileSync(join(nodenext, "src/workers/mod.ts"), "utf8")).toContain('"./a_worker.js"');
    const bundler = project({ "package.json": "{}", "tsconfig.json": '{\n  // comment\n  "compilerOptions": { "moduleResolution": "bundler", },\n}' });
    await run(bundler, "A");
    expect(readFileSync(join(bundler, "src/workers/mod.ts"), "utf8")).toContain('"./a_worker"');
  });

  test("the user's own _templates/worker/new/ overrides ours", async () => {
    const dir = project({
      "package.json": "{}",
      "_templates/worker/new/worker.ejs.t": "---\nto: <%= dir %>/<%= fileName %>.ts\n---\n// house style for <%= className %>\n",
    });
    await run(dir, "PassiveUserChecker");
    expect(readFileSync(join(dir, "src/workers/passive_user_checker_worker.ts"), "utf8")).toBe("// house style for PassiveUserCheckerWorker\n");
    expect(existsSync(join(dir, "src/workers/passive_user_checker_worker.test.ts"))).toBe(false);
  });

  test("--help prints the usage and exits 0", async () => {
    const { code, out } = await run(project(), "--help");
    expect(code).toBe(0);
    expect(out).toContain("Usage: create-worker <Name>");
  });
});

describe("create-worker writes code that parses, whatever the schedule", () => {
  test.each([["*/5 * * * * *"], ["0 */5 * * * *"], ["@daily"], ["  0  30 2 * * * "]])("--cron %j: every file parses, the pattern is a string literal, nothing HTML-escaped", async (pattern) => {
    const dir = project();
    expect((await run(dir, "CacheWarmer", "--cron", pattern)).code).toBe(0);
    for (const [file, text] of Object.entries(written(dir))) {
      expect(syntaxError(join(dir, file))).toBeUndefined();
      expect(text, file).not.toMatch(/&#\d+;|&quot;|&amp;|&lt;|&gt;/);
    }
    const worker = readFileSync(join(dir, "src/workers/cache_warmer_worker.ts"), "utf8");
    expect(worker).toContain(`super({ cron: ${JSON.stringify(pattern.trim().replace(/\s+/g, " "))} });`);
  });

  test("a --dir with characters HTML would escape is written where it says", async () => {
    const dir = project();
    expect((await run(dir, "A", "--dir", "src/R&D")).code).toBe(0);
    expect(Object.keys(written(dir)).sort()).toEqual(["src/R&D/a_worker.test.ts", "src/R&D/a_worker.ts", "src/R&D/mod.ts"]);
  });
});

describe("create-worker follows the project: its runtime, its test runner, its imports", () => {
  const bunInit = {
    "package.json": JSON.stringify({ name: "b", module: "index.ts", type: "module", devDependencies: { "@types/bun": "latest" } }),
    "bun.lock": "{}\n",
    "tsconfig.json": '{\n  "compilerOptions": {\n    // Bundler mode\n    "moduleResolution": "bundler",\n    "allowImportingTsExtensions": true,\n  }\n}\n',
  };

  test("a Bun project (bun init) gets a bun:test test and .ts specifiers", async () => {
    const dir = project(bunInit);
    const { code, out } = await run(dir, "A");
    expect(code).toBe(0);
    const test = readFileSync(join(dir, "src/workers/a_worker.test.ts"), "utf8");
    expect(test).toContain('import { test } from "bun:test";');
    expect(test).not.toContain("vitest");
    expect(test).toContain('from "./a_worker.ts"');
    expect(out).toContain("next: bun add @background/workers");
  });

  test("a Deno project with a package.json (nodeModulesDir manual) is a Deno project: .ts specifiers, Deno.test", async () => {
    const dir = project({
      "deno.json": '{ "nodeModulesDir": "manual", "imports": {} }',
      "package.json": JSON.stringify({ dependencies: { "@background/workers": "^0.1.0" } }),
    });
    expect((await run(dir, "A")).code).toBe(0);
    expect(readFileSync(join(dir, "src/workers/mod.ts"), "utf8")).toContain('import { AWorker } from "./a_worker.ts";');
    expect(readFileSync(join(dir, "src/workers/a_worker.test.ts"), "utf8")).toContain('Deno.test("AWorker');
  });

  test("a Deno project (deno init) imports the library by its bare name, as deno lint wants (no jsr: prefix)", async () => {
    const dir = project({ "deno.json": '{ "tasks": {}, "imports": { "@std/assert": "jsr:@std/assert@1" } }', "main.ts": "" });
    const { code, out } = await run(dir, "A", "--cron", "*/5 * * * * *");
    expect(code).toBe(0);
    for (const [file, text] of Object.entries(written(dir))) {
      expect(text, file).not.toMatch(/["'](jsr|npm):/);
      expect(text, file).not.toMatch(/from "\.\/[^"]*\.js"/);
    }
    expect(readFileSync(join(dir, "src/workers/a_worker.ts"), "utf8")).toMatch(/^import "@background\/workers\/cron";$/m);
    expect(out).toContain("next: deno add jsr:@background/workers");
  });

  test("a project that lists vitest (beside deno.json, as this repo does) keeps vitest", async () => {
    const dir = project({ "deno.json": "{}", "package.json": JSON.stringify({ devDependencies: { vitest: "^4" } }) });
    await run(dir, "A");
    expect(readFileSync(join(dir, "src/workers/a_worker.test.ts"), "utf8")).toContain('import { test } from "vitest";');
  });

  test("an npm project that lacks the library and vitest is told how to add them; one that has them is not", async () => {
    expect((await run(project(), "A")).out).toContain("next: npm install @background/workers && npm install -D vitest");
    const ready = project({ "package.json": JSON.stringify({ dependencies: { "@background/workers": "^0" }, devDependencies: { vitest: "^4" } }) });
    expect((await run(ready, "A")).out).not.toContain("next:");
  });
});

describe("create-worker through npm: options that npm took come back from npm_config_*", () => {
  test("npm init worker Zed --period 5s (npm: argv Zed 5s, npm_config_period=true) writes a 5 s worker", async () => {
    const dir = project();
    const { code, err } = await runWith({ npm_config_period: "true" }, dir, "Zed", "5s");
    expect(code, err).toBe(0);
    expect(readFileSync(join(dir, "src/workers/zed_worker.ts"), "utf8")).toContain("period: 5000");
    expect(err).toContain('--period "5s" (taken back from npm)');
  });

  test('npm init worker X --cron="*/5 * * * * *" (the value whole in npm_config_cron) and --run-on-start', async () => {
    const dir = project();
    expect((await runWith({ npm_config_cron: "*/5 * * * * *", npm_config_run_on_start: "true" }, dir, "X")).code).toBe(0);
    expect(readFileSync(join(dir, "src/workers/x_worker.ts"), "utf8")).toContain('super({ cron: "*/5 * * * * *", runOnStart: true });');
  });

  test("npm init worker Another --dry-run (npm_config_dry_run=true) writes nothing", async () => {
    const dir = project();
    const before = snapshot(dir);
    const { code, out, err } = await runWith({ npm_config_dry_run: "true" }, dir, "Another");
    expect(code).toBe(0);
    expect(out).toContain("would create src/workers/another_worker.ts");
    expect(err).toContain("nothing is written");
    expect(snapshot(dir)).toEqual(before);
  });

  test("npm_config_force (npm's own --force, or force=true in an .npmrc) never overwrites the user's file", async () => {
    const dir = project({ "package.json": "{}", "src/workers/a_worker.ts": "// mine\n" });
    const { code, err } = await runWith({ npm_config_force: "true" }, dir, "A");
    expect(code).toBe(0);
    expect(readFileSync(join(dir, "src/workers/a_worker.ts"), "utf8")).toBe("// mine\n");
    expect(err).toContain("-- --force");
  });

  test("two value options taken by npm cannot be told apart: exit 2, the -- form named, nothing written", async () => {
    const dir = project();
    const before = snapshot(dir);
    const { code, err } = await runWith({ npm_config_period: "true", npm_config_dir: "true" }, dir, "Zed", "5s", "jobs");
    expect(code).toBe(2);
    expect(err.split("\n")).toHaveLength(1);
    expect(err).toContain("npm init worker Name -- --period 5s");
    expect(snapshot(dir)).toEqual(before);
  });

  test("options after -- win over npm's copies, and unrelated npm_config_* change nothing", async () => {
    const dir = project();
    const env = { npm_config_period: "10m", npm_config_yes: "", npm_config_audit: "", npm_config_cache: "/tmp/x" };
    expect((await runWith(env, dir, "A", "--", "--period", "5s")).code).toBe(0);
    expect(readFileSync(join(dir, "src/workers/a_worker.ts"), "utf8")).toContain("period: 5000");
  });
});
