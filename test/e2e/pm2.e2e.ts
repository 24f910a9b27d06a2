/**
 * The PM2 deploy of the README, tried as it is given: examples/pm2/main.ts and ecosystem.config.cjs
 * copied into a fresh project that installs @background/workers and ioredis from the local npm
 * registry, three instances sharing Redis leases, on Node (cluster mode, the tsc build) and on Bun
 * (fork mode, the .ts file), under a PM2 daemon of the test's own (PM2_HOME in the sandbox).
 * And the traps the README warns of: PM2's default kill_timeout kills a run mid-work, and Bun's
 * fork mode cannot load a main with top-level await.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { ok, root, rootBin, run, sandboxEnv, tools, until } from "./harness.ts";

const box = inject("sandbox");
const dir = join(box.dir, "projects", "pm2");
const home = join(box.dir, "pm2-home");
const prefix = `bgw-e2e-${process.pid}-${Date.now()}:`;
const pm2Bin = join(tools, "pm2/bin/pm2");
const redis = new Redis({ host: "127.0.0.1", port: 6379, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });

const env = (extra: Record<string, string>) => sandboxEnv(box, { PM2_HOME: home, STOP_TIMEOUT: "3000", PERIOD_MS: "1000", REPORTS: "2", REPORT_MS: "300", ...extra });
/** The machine's Node runs PM2 (its daemon is then Node 20, which cluster mode runs apps on). */
const pm2 = (args: string[], extra: Record<string, string> = {}) => ok("node", [pm2Bin, ...args], dir, env(extra), 60_000);

/** Every line PM2 logged for `app`'s instances (out and error streams). */
function logs(app: string): string[] {
  const folder = join(home, "logs");
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((f) => f.startsWith(`${app}-`)).flatMap((f) => readFileSync(join(folder, f), "utf8").split("\n"));
}
const count = (app: string, pattern: RegExp) => logs(app).filter((l) => pattern.test(l)).length;
const daemonLog = () => (existsSync(join(home, "pm2.log")) ? readFileSync(join(home, "pm2.log"), "utf8") : "");
/** Who holds `app`'s ReportMailer lease in the cluster store ("instance token"), or null. */
const holder = async (app: string) => await redis.hget("{bgw:lease:}leases", `${prefix}${app}:ReportMailer`);
/** Whether `instance` is still a live member (its membership not yet expired), by Redis's clock. */
async function alive(instance: string): Promise<boolean> {
  const [seconds, micros] = (await redis.time()) as [number | string, number | string];
  const score = await redis.zscore("{bgw:lease:}members", instance);
  return score !== null && Number(score) >= Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

let why: string | undefined = box.npmRegistry === undefined ? `no npm registry (${box.skip.npm})` : existsSync(pm2Bin) ? undefined : "tools/e2e has no pm2: run npm run test:install";
if (why === undefined) {
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    why = `Redis on 127.0.0.1:6379 does not answer (${(error as Error).message})`;
  }
}
if (why !== undefined) console.log(`SKIPPED the PM2 deploy tests: ${why}`);

describe.skipIf(why !== undefined)("PM2 7: three instances, Redis leases, graceful reload", () => {
  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    const e = sandboxEnv(box);
    await ok("npm", ["init", "-y"], dir, e);
    await ok("npm", ["pkg", "set", "type=module"], dir, e);
    await ok("npm", ["install", "@background/workers", "ioredis"], dir, e);
    await ok("npm", ["install", "-D", "@types/node"], dir, e);
    for (const f of ["main.ts", "ecosystem.config.cjs"]) copyFileSync(join(root, "examples/pm2", f), join(dir, f));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, skipLibCheck: true, outDir: "dist", types: ["node"] },
      include: ["main.ts"],
    }));
    await ok(rootBin("tsc"), ["-p", "."], dir, e);
  }, 300_000);

  afterAll(async () => {
    await run("node", [pm2Bin, "kill"], dir, env({}), 30_000);
    // The store's keys are shared by every prefix: remove only this run's fields.
    for (const key of ["{bgw:lease:}leases", "{bgw:lease:}slots"]) {
      const fields = (await redis.hkeys(key)).filter((f) => f.startsWith(prefix));
      if (fields.length > 0) await redis.hdel(key, ...fields);
    }
    redis.disconnect();
  }, 60_000);

  for (const [app, runtime] of [["workers-node", "Node, cluster mode"], ["workers-bun", "Bun, fork mode"]] as const) {
    test(`${runtime}: the cluster runs the worker about once a period; pm2 reload and pm2 stop end each instance gracefully`, async () => {
      const lease = { LEASE_PREFIX: `${prefix}${app}:` };
      await pm2(["start", "ecosystem.config.cjs", "--only", app], lease);
      expect(await until(() => count(app, /: started$/) === 3, 30_000), logs(app).join("\n")).toBe(true);
      const from = Date.now();
      await new Promise((r) => setTimeout(r, 6_000));
      const runs = count(app, /: run \d+ \(lease \d+\)$/);
      // One run takes 0.6 s, then 1 s until the next: about 4 in 6 s for the cluster, 12 without leases.
      const slots = (Date.now() - from) / 1_600;
      console.log(`${app}: ${runs} runs from 3 instances in ${Date.now() - from} ms (about ${slots.toFixed(1)} periods)`);
      expect(runs, logs(app).join("\n")).toBeGreaterThanOrEqual(2);
      expect(runs, logs(app).join("\n")).toBeLessThanOrEqual(Math.ceil(slots) + 2);

      await pm2(["reload", app], lease);
      expect(await until(() => count(app, /: stopped, every run settled$/) === 3 && count(app, /: started$/) === 6, 60_000), logs(app).join("\n")).toBe(true);
      expect(daemonLog()).not.toMatch(/sending SIGKILL/);
      const before = count(app, /: run \d+/);
      expect(await until(() => count(app, /: run \d+/) > before, 10_000)).toBe(true); // the new instances run it

      await pm2(["stop", app], lease);
      expect(await until(() => count(app, /: stopped, every run settled$/) === 6, 30_000), logs(app).join("\n")).toBe(true);
      expect(await holder(app)).toBeNull(); // given up, not left to expire
      expect(count(app, /runs still in flight|did not start/)).toBe(0);
      await pm2(["delete", app]);
    }, 180_000);
  }

  test("with PM2's default kill_timeout (1,600 ms) a run that takes longer to wind down is SIGKILLed: no stop line, the lease left to expire", async () => {
    const app = "default-kill";
    writeFileSync(join(dir, "default-kill.json"), JSON.stringify({ apps: [{ name: app, script: "dist/main.js", exec_mode: "cluster", instances: 1 }] }));
    // A run of 60 s: still going when `pm2 stop` arrives, however long the CLI takes to start on a busy machine.
    const slow = { LEASE_PREFIX: `${prefix}${app}:`, STOP_TIMEOUT: "5000", REPORTS: "1", REPORT_MS: "60000", PERIOD_MS: "200" };
    await pm2(["start", "default-kill.json"], slow);
    expect(await until(() => count(app, /: run 1 /) === 1, 30_000), logs(app).join("\n")).toBe(true);
    const held = await holder(app);
    expect(held).not.toBeNull();
    const instance = held!.replace(/ \d+$/, "");
    await pm2(["stop", app], slow);
    expect(daemonLog()).toMatch(/still alive after 1600ms, sending SIGKILL/);
    expect(count(app, /: stopped/)).toBe(0);
    // Still held by the killed instance, whose membership (ttl 15 s) has not run out: left to expire.
    expect(await holder(app)).toBe(held);
    expect(await alive(instance)).toBe(true);
    await pm2(["delete", app]);
  }, 120_000);

  test("Bun's fork mode loads the app with require(): a main with top-level await fails there (why main.ts has none)", async () => {
    const app = "top-level-await";
    // An await on I/O, as `await manager.start()` is (one that settles at once, Bun's require() waits out).
    writeFileSync(join(dir, "tla.ts"), 'await new Promise((resolve) => setTimeout(resolve, 50));\nconsole.log("started");\nsetInterval(() => {}, 1_000);\n');
    writeFileSync(join(dir, "tla.json"), JSON.stringify({ apps: [{ name: app, script: "tla.ts", interpreter: "bun", exec_mode: "fork", max_restarts: 2 }] }));
    await pm2(["start", "tla.json"]);
    expect(await until(() => logs(app).some((l) => /require\(\) async module .* is unsupported/.test(l)), 30_000), logs(app).join("\n")).toBe(true);
    expect(count(app, /^started$/)).toBe(0);
    await pm2(["delete", app]);
  }, 120_000);
});
