/**
 * Every install path a user takes, against the local registries of setup.ts, each in a fresh
 * project: the commands exactly as the README gives them, then the project's own test runner on
 * the generated tests (a period worker and a cron worker with a star-slash in its pattern), a type
 * check, and a small main that must run and exit 0 on SIGTERM.
 */
// @ts-nocheck

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, test } from "vitest";
import { snapshot } from "../helpers.ts";
import { ok, root, rootBin, run, sandboxEnv, startAndTerminate } from "./harness.ts";

const box = inject("sandbox");
const env = sandboxEnv(box);
const CRON = "*/5 * * * * *";
/** Deno 2.9 installs no version younger than 24 hours unless told: ours were published a minute ago. */
const FRESH = "--min-dep-age=0";

function fresh(name: string): string {
  const dir = join(box.dir, "projects", name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The main a user writes: the manager, the generated registration, stop on SIGTERM. */
function writeMain(dir: string, registration: string): void {
  writeFileSync(join(dir, "main.ts"), `import { BackgroundWorkerManager } from "@background/workers";
import { registerWorkers } from "${registration}";

const manager = new BackgroundWorkerManager();
registerWorkers(manager);
await manager.start();
manager.stopOnShutdown();
console.log(\`started \${manager.status().length} workers\`);
`);
}

/** A fresh npm project as \`npm init -y\` makes it, an ES module with a nodenext tsconfig (Node 20 runs the tsc output). */
async function npmProject(name: string): Promise<string> {
  const dir = fresh(name);
  await ok("npm", ["init", "-y"], dir, env);
  await ok("npm", ["pkg", "set", "type=module"], dir, env);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, skipLibCheck: true, outDir: "dist", rootDir: "." },
    include: ["main.ts", "src"],
  }, null, 2));
  return dir;
}

/** In an npm project: vitest (installed from the registry, as the generator says) passes both tests; tsc compiles; main runs and stops. */
async function checkNpmProject(dir: string, scaffolded: string): Promise<void> {
  expect(scaffolded).toContain("next: npm install -D vitest");
  await ok("npm", ["install", "-D", "vitest"], dir, env);
  expect(await ok("npx", ["vitest", "run"], dir, env)).toMatch(/Tests\s+2 passed/);
  writeMain(dir, "./src/workers/mod.js");
  await ok(rootBin("tsc"), ["-p", "."], dir, env);
  const main = await startAndTerminate("node", ["dist/main.js"], dir, env, /started 2 workers/);
  expect(main.code, main.output).toBe(0);
}

const skipNpm = box.npmRegistry === undefined;
if (skipNpm) console.log(`SKIPPED every install from the npm registry: ${box.skip.npm}`);

describe.skipIf(skipNpm)("from the npm registry (verdaccio on 127.0.0.1)", () => {
  test("npm install @background/workers, then npm init worker (options with and without --) × vitest, tsc, node", async () => {
    const dir = await npmProject("npm-init");
    await ok("npm", ["install", "@background/workers"], dir, env);
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).dependencies).toEqual({ "@background/workers": `^${box.version}` });
    // Without --: npm takes --period for itself, the generator takes it back.
    const first = await ok("npm", ["init", "worker", "PassiveUserChecker", "--period", "5s"], dir, env);
    expect(readFileSync(join(dir, "src/workers/passive_user_checker_worker.ts"), "utf8")).toContain("period: 5000");
    const second = await ok("npm", ["init", "worker", "CacheWarmer", "--", "--cron", CRON], dir, env);
    expect(readFileSync(join(dir, "src/workers/cache_warmer_worker.ts"), "utf8")).toContain(`cron: "${CRON}"`);
    // A dry run never writes, however it is asked for.
    const before = snapshot(dir);
    for (const args of [["Another", "--dry-run"], ["Another", "--", "--dry-run"]]) {
      expect(await ok("npm", ["init", "worker", ...args], dir, env)).toContain("would create src/workers/another_worker.ts");
      expect(snapshot(dir)).toEqual(before);
    }
    await checkNpmProject(dir, first + second);
  }, 300_000);

  test("npm create worker × vitest, tsc, node", async () => {
    const dir = await npmProject("npm-create");
    await ok("npm", ["install", "@background/workers"], dir, env);
    const first = await ok("npm", ["create", "worker", "PassiveUserChecker", "--", "--period", "5s"], dir, env);
    const second = await ok("npm", ["create", "worker", "CacheWarmer", "--cron", CRON], dir, env);
    expect(second).toContain("taken back from npm");
    await checkNpmProject(dir, first + second);
  }, 300_000);

  test("npx create-worker (not installed: npx fetches it) × vitest, tsc, node", async () => {
    const dir = await npmProject("npx");
    await ok("npm", ["install", "@background/workers"], dir, env);
    expect(await ok("npx", ["create-worker", "--", "--help"], dir, env)).toContain("Usage: create-worker <Name>");
    const first = await ok("npx", ["create-worker", "PassiveUserChecker", "--period", "5s"], dir, env);
    const second = await ok("npx", ["create-worker", "CacheWarmer", "--cron", CRON], dir, env);
    await checkNpmProject(dir, first + second);
  }, 300_000);

  test("bun init, bun add @background/workers, bunx create-worker × bun test, tsc, bun", async () => {
    const dir = fresh("bun");
    await ok("bun", ["init", "-y"], dir, env);
    await ok("bun", ["add", "@background/workers"], dir, env);
    await ok("bunx", ["create-worker", "PassiveUserChecker", "--period", "5s"], dir, env);
    await ok("bunx", ["create-worker", "CacheWarmer", "--cron", CRON], dir, env);
    expect(readFileSync(join(dir, "src/workers/cache_warmer_worker.test.ts"), "utf8")).toContain('from "bun:test"');
    expect(await ok("bun", ["test"], dir, env)).toMatch(/2 pass\b[\s\S]*0 fail/);
    writeMain(dir, "./src/workers/mod.ts");
    await ok(rootBin("tsc"), ["--noEmit", "-p", "."], dir, env);
    const main = await startAndTerminate("bun", ["main.ts"], dir, env, /started 2 workers/);
    expect(main.code, main.output).toBe(0);
  }, 300_000);

  test("deno init, deno add npm:@background/workers, deno run -A npm:create-worker × deno lint, deno check, deno test, deno run", async () => {
    const dir = fresh("deno-npm");
    await ok("deno", ["init"], dir, env);
    await ok("deno", ["add", FRESH, "npm:@background/workers"], dir, env);
    await checkDenoProject(dir);
  }, 300_000);
});

/** In a deno init project that has the library: both workers scaffolded by create-worker from npm, then Deno's own tools. */
async function checkDenoProject(dir: string): Promise<void> {
  const first = await ok("deno", ["run", "-A", FRESH, "npm:create-worker", "PassiveUserChecker", "--period", "5s"], dir, env);
  await ok("deno", ["run", "-A", FRESH, "npm:create-worker", "CacheWarmer", "--cron", CRON], dir, env);
  expect(first).not.toContain("next:"); // the library is listed in deno.json
  expect(readFileSync(join(dir, "src/workers/mod.ts"), "utf8")).toContain('from "./cache_warmer_worker.ts"');
  writeMain(dir, "./src/workers/mod.ts");
  await ok("deno", ["lint"], dir, env);
  await ok("deno", ["check", "main.ts", "src/"], dir, env);
  // deno init's own main_test.ts wants @std/assert from JSR, which is not reachable from here.
  expect(await ok("deno", ["test", "src/workers/"], dir, env)).toMatch(/ok \| 2 passed \| 0 failed/);
  const main = await startAndTerminate("deno", ["run", "main.ts"], dir, env, /started 2 workers/);
  expect(main.code, main.output).toBe(0);
}

/** The README sections this check covers; the others' snippets are kept by their own owners' tests. */
const SNIPPET_SECTIONS = ["Quick start", "Install", "Graceful shutdown and deploys", "Scaffolding a worker: `create-worker`", "Packaging"];

/** The \`\`\`ts blocks of the README, by section (## heading). */
function readmeSnippets(): { section: string; code: string }[] {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  return readme.split(/^## /m).slice(1).flatMap((part) => {
    const section = part.slice(0, part.indexOf("\n"));
    return [...part.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => ({ section, code: m[1]! }));
  });
}

describe.skipIf(skipNpm)("the README as written", () => {
  test("every TypeScript snippet of its install, quick start, deploy, scaffolding and packaging sections type-checks in a fresh project", async () => {
    const dir = fresh("readme");
    await ok("npm", ["init", "-y"], dir, env);
    await ok("npm", ["pkg", "set", "type=module"], dir, env);
    await ok("npm", ["install", "@background/workers"], dir, env);
    await ok("npm", ["install", "-D", "@types/bun"], dir, env); // Bun's globals, and Node's with them
    const snippets = readmeSnippets().filter((s) => SNIPPET_SECTIONS.includes(s.section));
    expect(snippets.length).toBeGreaterThanOrEqual(3);
    mkdirSync(join(dir, "snippets"));
    snippets.forEach((s, i) => writeFileSync(join(dir, "snippets", `snippet_${i}.ts`), s.code));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, noEmit: true, skipLibCheck: true, types: ["bun"] },
      include: ["snippets"],
    }));
    const checked = await run(rootBin("tsc"), ["-p", "."], dir, env);
    const where = snippets.map((s, i) => `snippet_${i}.ts: ${s.section}`).join("\n");
    expect(checked.out + checked.err, where).toBe("");
    expect(checked.code).toBe(0);
  }, 300_000);
});

const skipJsr = box.jsrRegistry === undefined || box.npmRegistry === undefined;
if (skipJsr) console.log(`SKIPPED deno add jsr:@background/workers: ${box.skip.jsr ?? box.skip.npm}`);

describe.skipIf(skipJsr)("from JSR (the local JSR through JSR_URL; create-worker from the npm registry)", () => {
  test("deno init, deno add jsr:@background/workers × deno lint, deno check, deno test, deno run", async () => {
    const dir = fresh("deno-jsr");
    await ok("deno", ["init"], dir, env);
    // Deno 2.9 holds a version back for a day after its release, JSR's as npm's; for JSR it then
    // says the package "has only pre-release versions available".
    const added = await run("deno", ["add", "jsr:@background/workers"], dir, env);
    if (added.code !== 0) {
      console.log(`deno add jsr:@background/workers, published a minute ago, without ${FRESH}: ${added.err.trim()}`);
      await ok("deno", ["add", FRESH, "jsr:@background/workers"], dir, env);
    }
    expect(readFileSync(join(dir, "deno.json"), "utf8")).toContain(`"@background/workers": "jsr:@background/workers@^${box.version}"`);
    await checkDenoProject(dir);
  }, 300_000);
});
