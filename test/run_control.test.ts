/**
 * Run control (issue "Run control"): pause and resume, the overlap policy in each mode, a first
 * delay apart from the period, and a run limit. Exact, under fake time.
 */
import "../src/cron/mod.ts";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  BackgroundWorkerManager,
  type LeaseStore,
  type OverlapPolicy,
  periodic,
  type PeriodicOptions,
  type RunOutcome,
  type WorkerContext,
} from "../mod.ts";
import { drain, silentLogger, sleep } from "./helpers.ts";

const T0 = Date.UTC(2026, 0, 1);

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
function abortable(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/** A worker whose first run lasts `first` ms and the others `rest`; records starts (ms after T0) and outcomes. */
function recorder(options: PeriodicOptions, first: number, rest = 10) {
  const starts: number[] = [];
  const scheduled: number[] = [];
  const reasons: string[] = [];
  let active = 0;
  let maxActive = 0;
  const worker = periodic("Recorder", options, async ({ signal, run, scheduledAt }: WorkerContext) => {
    starts.push(Date.now() - T0);
    scheduled.push(scheduledAt - T0);
    maxActive = Math.max(maxActive, ++active);
    try {
      await abortable(run === 1 ? first : rest, signal);
    } catch (error) {
      reasons.push((error as Error).message);
      throw error;
    } finally {
      active--;
    }
  });
  return { worker, starts, scheduled, reasons, maxActive: () => maxActive };
}

/** A manager that records the outcome of every run. */
function observedManager(lease?: LeaseStore) {
  const outcomes: RunOutcome[] = [];
  const onError = vi.fn();
  const manager = new BackgroundWorkerManager({ logger: silentLogger(), onError, ...(lease ? { lease: { store: lease, ttl: 3_000 } } : {}) });
  manager.observe({ settled: (e) => void outcomes.push(e.outcome) });
  return { manager, outcomes, onError };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe("overlap: a slot that comes due during a run", () => {
  // "At once" is the next timer tick: 1 ms after (runtimes clamp a zero delay to 1 ms).
  const cases: [OverlapPolicy, number[], number, RunOutcome[]][] = [
    // Run 1 lasts 100–350: slots 200 and 300 go by during it; one run at once stands for both.
    ["buffer-one", [100, 351, 400, 500], 1, ["success", "success", "success"]],
    ["skip", [100, 400, 500, 600], 2, ["success", "success", "success"]],
    // Cancelled at 200, when the next slot came; the new run starts as soon as it settled.
    ["cancel-previous", [100, 201, 300, 400], 0, ["cancelled", "success", "success"]],
  ];
  for (const [overlap, starts, skipped, outcomes] of cases) {
    test(`fixed rate, "${overlap}"`, async () => {
      const r = recorder({ period: 100, mode: "fixed-rate", overlap }, 250);
      const m = observedManager();
      m.manager.add(r.worker);
      await m.manager.start();
      await vi.advanceTimersByTimeAsync(starts.at(-1)! + 5);
      expect(r.starts).toEqual(starts);
      expect(r.maxActive()).toBe(1);
      expect(r.worker.status().skipped.overlap).toBe(skipped);
      await drain(m.manager.stop());
      expect(m.outcomes.slice(0, 3)).toEqual(outcomes);
      // A cancelled run that gives up with its AbortError did what it was asked: not a failure.
      expect(m.onError).not.toHaveBeenCalled();
      if (overlap === "cancel-previous") {
        expect(r.reasons[0]).toBe('Recorder: run 1 cancelled: the next slot came due while it ran (overlap "cancel-previous")');
      }
    });
  }

  const cronCases: [OverlapPolicy, number[], number][] = [
    // Run 1 lasts 1,000–3,500: the slots at 2 s and 3 s go by during it.
    ["buffer-one", [1_000, 3_501, 4_000, 5_000], 1],
    ["skip", [1_000, 4_000, 5_000, 6_000], 2],
    ["cancel-previous", [1_000, 2_001, 3_000, 4_000], 0],
  ];
  for (const [overlap, starts, skipped] of cronCases) {
    test(`cron, "${overlap}"`, async () => {
      const r = recorder({ cron: "* * * * * *", overlap }, 2_500);
      const m = observedManager();
      m.manager.add(r.worker);
      await m.manager.start();
      await vi.advanceTimersByTimeAsync(starts.at(-1)! + 5);
      expect(r.starts).toEqual(starts);
      expect(r.maxActive()).toBe(1);
      expect(r.worker.status().skipped.overlap).toBe(skipped);
      // On the grid, a run says its slot; a run at once, when it came due (the run before it ended).
      expect(r.scheduled).toEqual(starts.map((t) => (t % 100 === 1 ? t - 1 : t)));
      await drain(m.manager.stop());
    });
  }

  for (const overlap of ["buffer-one", "skip", "cancel-previous"] as const) {
    test(`fixed delay, "${overlap}": no slot comes due during a run, so each policy runs the same`, async () => {
      const r = recorder({ period: 100, overlap }, 250);
      const m = observedManager();
      m.manager.add(r.worker);
      await m.manager.start();
      await vi.advanceTimersByTimeAsync(600);
      expect(r.starts).toEqual([100, 450, 560]);
      expect(r.worker.status().skipped.overlap).toBe(0);
      await drain(m.manager.stop());
      expect(m.outcomes.every((o) => o === "success" || o === "aborted")).toBe(true);
    });
  }

  test('a bad "overlap" names the option and the value', () => {
    expect(() => periodic("Bad", { period: 10, overlap: "queue-all" as OverlapPolicy }, () => {})).toThrow(
      new TypeError('Bad: option "overlap" must be "buffer-one", "skip" or "cancel-previous", got "queue-all"'),
    );
  });
});

describe("pause and resume", () => {
  test("an idle worker: state paused, no run, its slots counted as skipped; resume goes on on its grid", async () => {
    let runs = 0;
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Job", { period: 100, mode: "fixed-rate" }, () => void runs++));
    await manager.start();
    await vi.advanceTimersByTimeAsync(150);
    expect(runs).toBe(1);
    await manager.pause("Job");
    expect(manager.status()[0]).toMatchObject({ state: "paused", nextRunAt: null });
    await vi.advanceTimersByTimeAsync(300); // slots 200, 300, 400
    expect(runs).toBe(1);
    expect(manager.status()[0]!.skipped.paused).toBe(3);
    await manager.resume("Job");
    expect(manager.status()[0]).toMatchObject({ state: "idle", nextRunAt: T0 + 500 });
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
    await drain(manager.stop());
  });

  test("during a run: the run finishes (its signal does not abort), pause() resolves then, no new run starts", async () => {
    const signals: AbortSignal[] = [];
    let ended = 0;
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Job", { period: 100 }, async ({ signal }) => {
      signals.push(signal);
      await sleep(80);
      ended++;
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(110);
    let paused = false;
    void manager.pause("Job").then(() => (paused = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(paused).toBe(false);
    expect(manager.status()[0]!.state).toBe("paused");
    await vi.advanceTimersByTimeAsync(70);
    expect(paused).toBe(true);
    expect(ended).toBe(1);
    expect(signals[0]!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(signals).toHaveLength(1);
    await drain(manager.stop());
  });

  test("trigger() on a paused worker is an error; a triggered run queued before the pause is refused too", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Job", { period: 1_000 }, () => {}));
    await manager.start();
    const queued = manager.trigger("Job").then(() => "ran", (e: Error) => e.message);
    await manager.pause("Job");
    await expect(manager.trigger("Job")).rejects.toThrow("Job: cannot trigger a paused worker; resume() it first");
    expect(await queued).toBe("Job: paused before the triggered run began");
    await manager.resume("Job");
    expect((await drain(manager.trigger("Job"))).ok).toBe(true);
    await drain(manager.stop());
  });

  test("the manager's pause/resume name the worker they miss, and refuse a worker that cannot pause", () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add({ name: "Plain", start: () => Promise.resolve(), stop: () => Promise.resolve({ ok: true, unsettled: [] }) });
    expect(() => manager.pause("Nope")).toThrow(new RangeError('BackgroundWorkerManager.pause: no worker named "Nope"'));
    expect(() => manager.resume("Nope")).toThrow(RangeError);
    expect(() => manager.pause("Plain")).toThrow(new TypeError('BackgroundWorkerManager.pause: worker "Plain" has no pause()'));
  });

  test("a pause outlives stop() and start(); resume() after the start runs it", async () => {
    let runs = 0;
    const worker = periodic("Job", { period: 100 }, () => void runs++);
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(worker);
    await worker.pause();
    expect(worker.state).toBe("stopped");
    await manager.start();
    expect(worker.state).toBe("paused");
    await vi.advanceTimersByTimeAsync(250);
    expect(runs).toBe(0);
    await drain(manager.stop());
    await manager.start();
    await vi.advanceTimersByTimeAsync(250);
    expect(runs).toBe(0);
    await worker.resume();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(1);
    await drain(manager.stop());
  });

  test("with a lease: the paused instance gives its lease up after the run, and the other instance runs the worker", async () => {
    const store = new MemoryLeaseStore();
    const a = observedManager(store);
    const b = observedManager(store);
    const ran: string[] = [];
    a.manager.add(periodic("Shared", { period: 100 }, () => void ran.push("a")));
    await a.manager.start();
    await vi.advanceTimersByTimeAsync(150);
    b.manager.add(periodic("Shared", { period: 100 }, () => void ran.push("b")));
    await b.manager.start();
    await vi.advanceTimersByTimeAsync(300);
    expect(new Set(ran)).toEqual(new Set(["a"])); // a holds the lease
    await a.manager.pause("Shared");
    expect(store.holder).toBeUndefined();
    ran.length = 0;
    await vi.advanceTimersByTimeAsync(300);
    expect(ran.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ran)).toEqual(new Set(["b"]));
    expect(a.manager.status()[0]!.skipped.paused).toBeGreaterThanOrEqual(2);
    // Resumed, a takes part again: b holds the lease now, so a skips as "lease-held".
    await a.manager.resume("Shared");
    await vi.advanceTimersByTimeAsync(300);
    expect(a.manager.status()[0]!.skipped["lease-held"]).toBeGreaterThanOrEqual(2);
    await drain(b.manager.stop());
    ran.length = 0;
    await vi.advanceTimersByTimeAsync(300);
    expect(ran).toContain("a");
    await drain(a.manager.stop());
  });
});

describe("first delay and run limit", () => {
  test("firstDelay: the first run after that long, then every period (fixed delay, fixed rate, cron)", async () => {
    const starts: Record<string, number[]> = { delay: [], rate: [], cron: [] };
    const at = (key: string) => () => void starts[key]!.push(Date.now() - T0);
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Delay", { period: 100, firstDelay: 30 }, at("delay")));
    manager.add(periodic("Rate", { period: 100, mode: "fixed-rate", firstDelay: 30 }, at("rate")));
    manager.add(periodic("Cron", { cron: "* * * * * *", firstDelay: 2_500 }, at("cron")));
    await manager.start();
    await vi.advanceTimersByTimeAsync(4_010);
    expect(starts.delay!.slice(0, 3)).toEqual([30, 130, 230]);
    expect(starts.rate!.slice(0, 3)).toEqual([30, 130, 230]);
    expect(starts.cron).toEqual([3_000, 4_000]);
    await drain(manager.stop());
  });

  test("firstDelay: 0 runs at once; with runOnStart it is an error; a negative one names the value", () => {
    expect(() => periodic("Both", { period: 10, firstDelay: 5, runOnStart: true }, () => {})).toThrow(
      new TypeError('Both: options "firstDelay" and "runOnStart" exclude each other, got firstDelay 5 with runOnStart true'),
    );
    expect(() => periodic("Neg", { period: 10, firstDelay: -1 }, () => {})).toThrow(
      new RangeError('Neg: option "firstDelay" must be a finite number ≥ 0, got -1'),
    );
  });

  test("maxRuns: the worker stops itself after its last run; a start runs it that many times again", async () => {
    let runs = 0;
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const worker = manager.add(periodic("Thrice", { period: 10, maxRuns: 3 }, () => void runs++));
    await manager.start();
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toBe(3);
    expect(worker.state).toBe("stopped");
    expect(manager.status()[0]).toMatchObject({ state: "stopped", runs: 3, nextRunAt: null });
    expect(vi.getTimerCount()).toBe(0);
    await worker.start();
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toBe(6);
    await drain(manager.stop());
    expect(() => periodic("Half", { period: 10, maxRuns: 1.5 }, () => {})).toThrow(
      new RangeError('Half: option "maxRuns" must be a whole number, got 1.5'),
    );
  });
});

/** A plain lease store in memory: one holder at a time. */
class MemoryLeaseStore implements LeaseStore {
  holder: string | undefined;
  token = 0;
  acquire(_name: string, owner: string): Promise<number | null> {
    if (this.holder !== undefined && this.holder !== owner) return Promise.resolve(null);
    this.holder = owner;
    return Promise.resolve(++this.token);
  }
  renew(_name: string, owner: string): Promise<boolean> {
    return Promise.resolve(this.holder === owner);
  }
  release(_name: string, owner: string): Promise<void> {
    if (this.holder === owner) this.holder = undefined;
    return Promise.resolve();
  }
}

describe("pause in a cluster (real Redis on 127.0.0.1:6379)", () => {
  test("pausing the instance that runs a worker hands it to another instance; resuming takes part again", async () => {
    vi.useRealTimers();
    const { Redis } = await import("ioredis");
    const { redisLeaseStore } = await import("../src/lease/redis.ts");
    const client = new Redis({ host: "127.0.0.1", port: 6379, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    try {
      await client.connect();
    } catch (error) {
      console.log(`SKIPPED the cluster pause test: Redis on 127.0.0.1:6379 does not answer (${(error as Error).message})`);
      return;
    }
    const prefix = `bgw-pause-${process.pid}-${Date.now()}:`;
    const store = redisLeaseStore(client);
    const ran: string[] = [];
    const managers = ["a", "b"].map((id) => {
      const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: { store, ttl: 1_000, prefix } });
      manager.add(periodic("Shared", { period: 50 }, () => void ran.push(id)));
      return { id, manager };
    });
    const until = async (what: string, ready: () => boolean): Promise<void> => {
      // Bounds a hang only: the condition decides.
      for (let i = 0; i < 400 && !ready(); i++) await new Promise((r) => setTimeout(r, 25));
      if (!ready()) throw new Error(`not within 10 s: ${what} (runs ${ran.join("")})`);
    };
    try {
      for (const { manager } of managers) await manager.start();
      await until("a first run", () => ran.length > 0);
      const owner = managers.find((m) => m.id === ran.at(-1))!;
      const other = managers.find((m) => m !== owner)!;
      await owner.manager.pause("Shared");
      const mark = ran.length;
      await until(`the other instance (${other.id}) runs it`, () => ran.slice(mark).includes(other.id));
      const after = ran.length;
      await new Promise((r) => setTimeout(r, 300));
      expect(ran.slice(after)).not.toContain(owner.id); // paused: never here
      await owner.manager.resume("Shared");
      await other.manager.stop();
      const mark2 = ran.length;
      await until(`the resumed instance (${owner.id}) runs it again`, () => ran.slice(mark2).includes(owner.id));
    } finally {
      for (const { manager } of managers) await manager.stop();
      const members = await client.hkeys("{bgw:lease:}leases");
      const mine = members.filter((f) => f.startsWith(prefix));
      if (mine.length > 0) await client.hdel("{bgw:lease:}leases", ...mine);
      client.disconnect();
    }
  }, 30_000);
});
