/**
 * The BullMQ engine in a cluster of 3 real processes (test/fixtures/engine_instance.ts) against the
 * real Redis on 127.0.0.1:6379, each test under a key prefix of its own: one run per slot for the
 * cluster, no overlap when a run is longer than its period, SIGKILL of the instance running a job
 * (the next slot runs elsewhere), SIGTERM (the run is aborted and settles, exit 0, the others go
 * on), and remove() on one instance unscheduling the worker for all. Waits are conditions with
 * generous bounds; the one fixed wait is the quiet after remove(), which checks an absence.
 * `npm run test:engines` (not in `npm test`: three processes per test).
 */
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { type Child, runtime, start } from "../child.ts";
import type { EngineInstanceArgs } from "../fixtures/engine_instance.ts";
import { events, Observed, overlaps, type Run, until } from "../instance_events.ts";

const port = 6379;
const runId = `bgwcluster-${process.pid}-${Date.now()}`;
let prefixes = 0;

async function reachable(): Promise<string | undefined> {
  const redis = new Redis({ host: "127.0.0.1", port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000 });
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
if (missing !== undefined) console.log(`bullmq_cluster.test.ts: skipped: ${missing}`);

let children: Child[] = [];
afterEach(async () => {
  for (const c of children) c.signal("SIGKILL");
  await Promise.all(children.map((c) => c.exited));
  children = [];
});
afterAll(async () => {
  if (missing !== undefined) return;
  const redis = new Redis({ host: "127.0.0.1", port });
  const keys = await redis.keys(`${runId}-*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

/** Starts 3 instances of one app and waits until each is ready. */
async function cluster(args: Omit<EngineInstanceArgs, "id" | "port" | "prefix" | "name">): Promise<{ prefix: string; observed: Observed }> {
  const prefix = `${runId}-${++prefixes}`;
  children = [0, 1, 2].map((i) =>
    start("test/fixtures/engine_instance.ts", [JSON.stringify({ id: String(i), port, prefix, name: "W", ...args })], {}, { stdin: true })
  );
  await Promise.all(children.map((c) => c.waitFor(/"e":"ready"/, 30_000)));
  return { prefix, observed: new Observed(children) };
}

const describeRuns = (runs: Run[]): string => JSON.stringify(runs.map((r) => [r.instance, r.slot, r.start, r.end === Infinity ? null : r.end, r.token]));

describe.skipIf(missing !== undefined)(`bullmq engine, 3 processes on ${runtime} (real Redis)`, () => {
  test("one run per slot for the cluster, on the period's grid, with tokens that only grow", async () => {
    const period = 300;
    const { observed } = await cluster({ period, runMs: 50, mode: "fixed-rate" });
    const runs = await until("9 finished runs", 45_000, () => {
      const done = observed.update().of("W0").filter((r) => r.end !== Infinity);
      return done.length >= 9 ? done : undefined;
    });
    const slots = runs.map((r) => r.slot);
    expect(new Set(slots).size, describeRuns(runs)).toBe(slots.length);
    for (let i = 1; i < runs.length; i++) {
      const gap = (slots[i] as number) - (slots[i - 1] as number);
      // A slot may be skipped when the machine is busy (BullMQ skips missed slots), never run twice.
      expect(gap > 0 && gap % period === 0, describeRuns(runs)).toBe(true);
      expect(runs[i]!.token, describeRuns(runs)).toBeGreaterThan(runs[i - 1]!.token);
    }
    expect(overlaps(observed)).toEqual([]);
    expect(observed.errors).toEqual([]);
  }, 90_000);

  test("no overlap across the cluster when a run is longer than its period", async () => {
    const { observed } = await cluster({ period: 200, runMs: 500, mode: "fixed-rate" });
    const runs = await until("5 finished runs", 45_000, () => {
      const done = observed.update().of("W0").filter((r) => r.end !== Infinity);
      return done.length >= 5 ? done : undefined;
    });
    // Each run starts after the one before it ended, whichever instances ran them.
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.start, describeRuns(runs)).toBeGreaterThanOrEqual(runs[i - 1]!.end);
    expect(overlaps(observed)).toEqual([]);
    expect(observed.errors).toEqual([]);
  }, 90_000);

  test("SIGKILL of the instance running a job: the next slot runs on another instance", async () => {
    // The job's lock outlives its dead holder by up to lockDuration + stalledInterval.
    const { observed } = await cluster({ period: 300, runMs: 3_000, mode: "fixed-rate", lockDuration: 1_000, stalledInterval: 500 });
    const first = await until("a run", 45_000, () => observed.update().of("W0")[0]);
    const victim = children[first.instance] as Child;
    victim.signal("SIGKILL");
    observed.deaths.set(first.instance, (await victim.exited, Date.now()));
    const next = await until("a run on another instance", 45_000, () => observed.update().of("W0").find((r) => r.instance !== first.instance && r.slot > first.slot));
    expect(next.start).toBeGreaterThan(first.start);
    expect(overlaps(observed)).toEqual([]);
  }, 90_000);

  test("SIGTERM (stopOnShutdown): the run in flight is aborted and settles, exit 0; the others go on", async () => {
    const { observed } = await cluster({ period: 300, runMs: 20_000, mode: "fixed-rate", stopTimeout: 5_000 });
    const first = await until("a run", 45_000, () => observed.update().of("W0")[0]);
    const child = children[first.instance] as Child;
    child.signal("SIGTERM");
    const { code } = await child.exited;
    expect(code).toBe(0);
    const mine = events(child);
    expect(mine.find((e) => e.e === "end")).toMatchObject({ w: "W0", aborted: true });
    // Its job was done (not stalled): the next slot runs on another instance.
    await until("a run on another instance", 45_000, () => observed.update().of("W0").find((r) => r.instance !== first.instance));
    expect(overlaps(observed)).toEqual([]);
  }, 90_000);

  test("remove() on one instance unschedules the worker for the whole cluster", async () => {
    const { prefix, observed } = await cluster({ period: 200, runMs: 20, mode: "fixed-rate" });
    await until("2 runs", 45_000, () => observed.update().of("W0").length >= 2);
    const child = children[0] as Child;
    child.send("remove W0");
    const removed = JSON.parse(await child.waitFor(/"e":"removed"/, 20_000)) as { at: number; message?: string };
    expect(removed.message).toBeUndefined();
    const queue = new Queue("W0", { connection: { host: "127.0.0.1", port }, prefix });
    try {
      expect(await queue.getJobScheduler("W0")).toBeUndefined();
      expect(await queue.getDelayedCount()).toBe(0);
    } finally {
      await queue.close();
    }
    // Quiet for many periods: no instance starts W0 after the removal.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(observed.update().of("W0").filter((r) => r.start > removed.at)).toEqual([]);
  }, 90_000);
});
