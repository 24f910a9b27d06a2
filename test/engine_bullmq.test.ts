/**
 * The BullMQ engine in one process against the real Redis on 127.0.0.1:6379 (each test its own key
 * prefix): bad input refused at the call with nothing scheduled, jobs through the run path (slots,
 * tokens, errors, status), trigger, stop and remove, and the job's lock lost aborting the signal.
 * The cluster of processes is test/engines/bullmq_cluster.test.ts (`npm run test:engines`).
 */
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, describe, expect, test, vi } from "vitest";
import "../src/cron/mod.ts";
import { BackgroundWorkerManager, periodic } from "../mod.ts";
import { bullmqEngine, type BullmqEngineOptions } from "../src/engine/bullmq.ts";
import { silentLogger } from "./helpers.ts";
import { until } from "./instance_events.ts";

const port = 6379;
const connection = { host: "127.0.0.1", port };
const runId = `bgwtest-${process.pid}-${Date.now()}`;
let prefixes = 0;
const newPrefix = (): string => `${runId}-${++prefixes}`;

async function reachable(): Promise<string | undefined> {
  const redis = new Redis({ ...connection, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return `cannot connect to Redis 127.0.0.1:${port} (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
}

const missing = await reachable();
if (missing !== undefined) console.log(`engine_bullmq.test.ts: skipped: ${missing}`);

const redis = missing === undefined ? new Redis(connection) : undefined;
afterAll(async () => {
  if (redis === undefined) return;
  const keys = await redis.keys(`${runId}-*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

const keysOf = (prefix: string): Promise<string[]> => (redis as Redis).keys(`${prefix}:*`);

describe.skipIf(missing !== undefined)("bullmq engine (one process, real Redis)", () => {
  test("bad input is a clear error at the call that received it, and nothing is scheduled", async () => {
    const prefix = newPrefix();
    const engine = bullmqEngine({ connection, prefix });
    const store = { acquire: () => Promise.resolve(1), renew: () => Promise.resolve(true), release: () => Promise.resolve() };
    expect(() => new BackgroundWorkerManager({ engine, lease: store })).toThrow(
      new TypeError('BackgroundWorkerManager: options "engine" and "lease" exclude each other: the bullmq engine coordinates the instances itself'),
    );
    const manager = new BackgroundWorkerManager({ engine, logger: silentLogger() });
    expect(() => manager.add(periodic("Leased", { period: 1_000, lease: store }, () => {}))).toThrow(
      new TypeError('Leased: option "lease" cannot be used on the bullmq engine: the engine coordinates the instances itself'),
    );
    // croner takes "nearest weekday"; BullMQ's cron-parser does not.
    expect(() => manager.add(periodic("Weekday", { cron: "0 0 1W * *" }, () => {}))).toThrow(
      /^Weekday: option "cron" \("0 0 1W \* \*"\) cannot map onto the bullmq engine: BullMQ's cron parser says: Invalid characters/,
    );
    // Both parse "MON-SUN", but croner reads SUN as 7 and cron-parser refuses the range 1-0.
    expect(() => manager.add(periodic("Week", { cron: "0 0 * * MON-SUN" }, () => {}))).toThrow(/Week: option "cron" .* cannot map onto the bullmq engine/);
    expect(() => manager.add(periodic("a:b", { period: 1_000 }, () => {}))).toThrow(
      new TypeError('a:b: option "name" cannot map onto the bullmq engine: a BullMQ queue name cannot contain ":"'),
    );
    expect(() => manager.add(periodic("Half", { period: 1_000.5 }, () => {}))).toThrow(
      new TypeError(`Half: option "period" cannot map onto the bullmq engine: BullMQ's "every" is whole milliseconds, got 1000.5`),
    );
    expect(manager.size).toBe(0);
    await manager.start();
    await manager.stop();
    expect(await keysOf(prefix)).toEqual([]);

    expect(() => bullmqEngine({} as BullmqEngineOptions)).toThrow(
      new TypeError('bullmqEngine: option "connection" must be ioredis options or an ioredis instance, got undefined'),
    );
    expect(() => bullmqEngine({ connection, lockDuration: 0 })).toThrow(new TypeError('bullmqEngine: option "lockDuration" must be a positive integer, got 0'));
    expect(() => bullmqEngine({ connection, prefix: "" })).toThrow(new TypeError('bullmqEngine: option "prefix" must be a non-empty string, got ""'));
    expect(() => bullmqEngine({ connection, retries: 3 } as BullmqEngineOptions)).toThrow(/bullmqEngine: unknown option "retries"/);
  });

  test("jobs run through the run path: slots on the grid, growing tokens, errors to onError, status, trigger, stop and remove", async () => {
    const prefix = newPrefix();
    const onError = vi.fn();
    const manager = new BackgroundWorkerManager({ engine: bullmqEngine({ connection, prefix }), onError, logger: silentLogger() });
    const seen: { run: number; scheduledAt: number; fencingToken: number | undefined }[] = [];
    manager.add(periodic("Tick", { period: 200, mode: "fixed-rate" }, ({ run, scheduledAt, fencingToken }) => {
      seen.push({ run, scheduledAt, fencingToken });
    }));
    manager.add(periodic("Fails", { period: 200, mode: "fixed-rate" }, () => {
      throw new Error("boom");
    }));
    await manager.start();
    await until("three runs of Tick and a failure of Fails", 20_000, () => seen.length >= 3 && onError.mock.calls.length >= 1);
    const slots = seen.slice(0, 3).map((s) => s.scheduledAt);
    // One slot every period on BullMQ's grid (a slot may be skipped on a busy machine, never repeated).
    for (let i = 1; i < slots.length; i++) {
      const gap = (slots[i] as number) - (slots[i - 1] as number);
      expect(gap > 0 && gap % 200 === 0, `slots ${slots.join(", ")}`).toBe(true);
    }
    const tokens = seen.slice(0, 3).map((s) => s.fencingToken as number);
    // The token is the slot: it grows from job to job of the scheduler.
    expect(tokens).toEqual(slots);
    expect(tokens[1]! > tokens[0]! && tokens[2]! > tokens[1]!, `tokens ${tokens.join(", ")}`).toBe(true);
    expect(onError.mock.calls[0]![0]).toEqual(new Error("boom"));
    expect(onError.mock.calls[0]![1]).toMatchObject({ worker: "Fails", phase: "run" });
    const tick = await until("a status with the engine's next run", 10_000, () => {
      const line = manager.status().find((l) => l.name === "Tick");
      return line !== undefined && line.nextRunAt !== null && line.nextRunAt > Date.now() - 1_000 ? line : undefined;
    });
    expect(tick.runs).toBeGreaterThanOrEqual(3);
    expect(manager.status().find((l) => l.name === "Fails")!.failures).toBeGreaterThanOrEqual(1);

    const before = seen.length;
    const triggered = await manager.trigger("Tick");
    expect(triggered).toMatchObject({ worker: "Tick", ok: true });
    // A triggered job is no scheduler job: no fencing token.
    expect(seen.slice(before).some((s) => s.fencingToken === undefined)).toBe(true);
    const failed = await manager.trigger("Fails");
    expect(failed.ok).toBe(false);
    expect((failed.error as Error).message).toBe("boom");

    // A job still to run besides the scheduler's (as one an instance handed back while it stopped).
    const queue = new Queue("Fails", { connection, prefix });
    await queue.add("pending", {}, { delay: 60_000 });
    await manager.remove("Fails");
    expect(await queue.getJobScheduler("Fails")).toBeUndefined();
    expect(await queue.getDelayedCount()).toBe(0);
    await queue.close();
    expect((await manager.stop()).ok).toBe(true);
  });

  test("stop() aborts the run in flight and waits for it; runOnStart runs once when the schedule is made", async () => {
    const prefix = newPrefix();
    const manager = new BackgroundWorkerManager({ engine: bullmqEngine({ connection, prefix }), logger: silentLogger(), stopTimeout: 10_000 });
    const events: string[] = [];
    manager.add(periodic("Long", { period: 60_000, runOnStart: true }, async ({ signal }) => {
      events.push("start");
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
      await new Promise((resolve) => setTimeout(resolve, 50));
      events.push("end");
    }));
    await manager.start();
    await until("the run on start", 20_000, () => events.includes("start"));
    const report = await manager.stop();
    expect(report.ok).toBe(true);
    expect(events).toEqual(["start", "end"]);
    // Started again: the schedule exists, no second run on start.
    await manager.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(events).toEqual(["start", "end"]);
    await manager.stop();
  });

  test("BullMQ losing the job's lock aborts the run's signal", async () => {
    const prefix = newPrefix();
    const manager = new BackgroundWorkerManager({ engine: bullmqEngine({ connection, prefix, lockDuration: 400 }), logger: silentLogger(), onError: () => {} });
    let aborted: unknown;
    let started = "";
    manager.add(periodic("Locked", { period: 200, mode: "fixed-rate" }, async ({ signal }) => {
      started = "yes";
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 15_000);
        signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
      });
      aborted ??= signal.reason;
    }));
    await manager.start();
    await until("a run", 20_000, () => started === "yes");
    // Another instance, or Redis, took the lock away: the renewal fails.
    const locks = await until("the job's lock", 5_000, async () => {
      const keys = await (redis as Redis).keys(`${prefix}:Locked:*:lock`);
      return keys.length > 0 ? keys : undefined;
    });
    await (redis as Redis).del(...locks);
    await until("the signal aborted", 10_000, () => aborted !== undefined);
    expect(String(aborted)).toMatch(/Locked: BullMQ could not renew the lock of job repeat:Locked:\d+/);
    await manager.stop();
  });
  test("a job that comes while the instance stops is handed back, not failed: the next instance runs it", async () => {
    const prefix = newPrefix();
    const log: string[] = [];
    const app = (id: string): BackgroundWorkerManager => {
      const manager = new BackgroundWorkerManager({ engine: bullmqEngine({ connection, prefix }), logger: silentLogger(), onError: (e) => void log.push(`${id} error ${String(e)}`) });
      // Longer than its period: the next slot's job waits in the queue while a run goes on.
      manager.add(periodic("Busy", { period: 200, mode: "fixed-rate" }, async ({ signal, scheduledAt }) => {
        log.push(`${id} start ${scheduledAt}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 600);
          signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
        });
      }));
      return manager;
    };
    const a = app("a");
    await a.start();
    await until("a run on a", 20_000, () => log.some((l) => l.startsWith("a start")));
    // The next slot's job was made when the run started; it is due 200 ms later, and waits (delayed:
    // the global concurrency holds it) until the run ends.
    const queue = new Queue("Busy", { connection, prefix });
    await until("the next job due", 10_000, async () => {
      const [next] = await queue.getDelayed();
      return next !== undefined && next.timestamp + next.delay < Date.now();
    });
    expect((await a.stop()).ok).toBe(true);
    expect(await queue.getFailedCount()).toBe(0);
    const b = app("b");
    await b.start();
    const first = await until("a run on b", 20_000, () => log.find((l) => l.startsWith("b start")));
    await b.stop();
    // b's first run is the slot after a's run: the job a took while stopping was not lost.
    const slotOf = (line: string): number => Number(line.split(" ")[2]);
    expect(slotOf(first)).toBe(slotOf(log.find((l) => l.startsWith("a start")) as string) + 200);
    await queue.close();
    expect(log.filter((l) => l.includes("error"))).toEqual([]);
  }, 60_000);
});
