// @ts-nocheck
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  type BackgroundWorker,
  BackgroundWorkerManager,
  type ErrorInfo,
  periodic,
  PeriodicBackgroundWorker,
  type StopReport,
  type WorkerContext,
  type WorkerStatus,
} from "../mod.ts";
import { drain, silentLogger, sleep } from "./helpers.ts";

const T0 = Date.UTC(2026, 0, 1);
const OK: StopReport = { ok: true, unsettled: [] };

/** A worker that is not periodic and records what the manager does to it. */
function custom(name: string, start?: () => Promise<void>): BackgroundWorker & { calls: string[] } {
  const calls: string[] = [];
  return {
    name,
    calls,
    start() {
      calls.push("start");
      return start ? start() : Promise.resolve();
    },
    stop() {
      calls.push("stop");
      return Promise.resolve(OK);
    },
  };
}

/** Work that waits for its signal, then ends. */
function untilAborted(ctx: WorkerContext): Promise<void> {
  return new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
}

describe("5. The manager", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  test("5.1 add() registers a worker and returns it; get(name) finds it", () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const a = periodic("A", { period: 100 }, () => {});
    const b = custom("B");
    expect(manager.add(a)).toBe(a);
    expect(manager.add(b)).toBe(b);
    expect(manager.size).toBe(2);
    expect(manager.get("A")).toBe(a);
    expect(manager.get("B")).toBe(b);
    expect(manager.get("C")).toBeUndefined();
    // Added to a manager that is not running: nothing starts.
    expect(a.state).toBe("stopped");
    expect(b.calls).toEqual([]);
  });

  test("5.1 a worker added to a running manager starts at once, but not inside add()", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    await manager.start();
    const runs: number[] = [];
    const late = periodic("LateComer", { period: 100, runOnStart: true }, ({ run }) => void runs.push(run));
    const other = custom("LateCustom");
    manager.add(late);
    manager.add(other);
    expect(late.state).toBe("stopped");
    expect(other.calls).toEqual([]);
    await Promise.resolve();
    expect(late.state).toBe("idle");
    expect(other.calls).toEqual(["start"]);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([1]);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual([1, 2]);
    await drain(manager.stop());
    expect(other.calls).toEqual(["start", "stop"]);
  });

  test("5.1 a second worker with the same name is an Error, and the first stays", () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const first = manager.add(periodic("Twin", { period: 100 }, () => {}));
    expect(() => manager.add(periodic("Twin", { period: 200 }, () => {}))).toThrow(Error);
    expect(() => manager.add(custom("Twin"))).toThrow(/Twin/);
    expect(manager.get("Twin")).toBe(first);
    expect(manager.size).toBe(1);
  });

  test("5.1 remove(name) stops the worker (aborts its run, waits for it) and forgets it", async () => {
    const contexts: WorkerContext[] = [];
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const removed = manager.add(periodic("Removed", { period: 100 }, async (ctx) => {
      contexts.push(ctx);
      await untilAborted(ctx);
      await sleep(40);
    }));
    let keptRuns = 0;
    manager.add(periodic("Kept", { period: 100 }, () => void keptRuns++));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(removed.state).toBe("running");
    let done = false;
    const removing = manager.remove("Removed").then((report) => {
      done = true;
      return report;
    });
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(manager.get("Removed")).toBeUndefined();
    await vi.advanceTimersByTimeAsync(39);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(removing).resolves.toEqual(OK);
    expect(removed.state).toBe("stopped");
    expect(manager.size).toBe(1);
    expect(manager.status().map((s) => s.name)).toEqual(["Kept"]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(contexts).toHaveLength(1);
    expect(keptRuns).toBe(11);
    // The name is free again, and the removed worker can join another manager.
    manager.add(periodic("Removed", { period: 100 }, () => {}));
    const other = new BackgroundWorkerManager({ logger: silentLogger() });
    expect(other.add(removed)).toBe(removed);
    await drain(manager.stop());
  });

  test("5.1 a worker removed right after it was added to a running manager never runs", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    await manager.start();
    let calls = 0;
    const worker = manager.add(periodic("Fleeting", { period: 100, runOnStart: true }, () => void calls++));
    const removing = manager.remove("Fleeting");
    await expect(removing).resolves.toEqual(OK);
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toBe(0);
    expect(worker.state).toBe("stopped");
    expect(manager.get("Fleeting")).toBeUndefined();
    await manager.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  test("5.2 enabled: false on the manager registers workers without running any; status shows them disabled", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), enabled: false });
    let runs = 0;
    const worker = manager.add(periodic("Dormant", { period: 100, runOnStart: true }, () => void runs++));
    const other = manager.add(custom("DormantCustom"));
    await manager.start();
    expect(manager.running).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(0);
    expect(worker.state).toBe("stopped");
    expect(other.calls).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(manager.status().map(({ name, state, nextRunAt }) => ({ name, state, nextRunAt }))).toEqual([
      { name: "Dormant", state: "disabled", nextRunAt: null },
      { name: "DormantCustom", state: "disabled", nextRunAt: null },
    ]);
    await expect(manager.stop()).resolves.toEqual(OK);
  });

  test("5.2 enabled: false on a worker registers it without running it; the others run", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const runs = { off: 0, on: 0 };
    const off = manager.add(periodic("Off", { period: 100, runOnStart: true, enabled: false }, () => void runs.off++));
    manager.add(periodic("On", { period: 100 }, () => void runs.on++));
    expect(off.state).toBe("disabled");
    await manager.start();
    await vi.advanceTimersByTimeAsync(300);
    expect(runs).toEqual({ off: 0, on: 3 });
    expect(manager.status().map((s) => [s.name, s.state])).toEqual([["Off", "disabled"], ["On", "idle"]]);
    expect(manager.status()[0]?.nextRunAt).toBeNull();
    await expect(manager.trigger("Off")).rejects.toThrow(/Off/);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs.off).toBe(0);
    await drain(manager.stop());
    expect(off.state).toBe("disabled");
  });

  test("5.3 start() never runs user code synchronously", async () => {
    const calls: string[] = [];
    const manager = new BackgroundWorkerManager({
      logger: silentLogger(),
      scope: () => void calls.push("scope"),
    });
    manager.add(custom("Custom", () => {
      calls.push("custom start");
      return Promise.resolve();
    }));
    manager.add(periodic("Eager", { period: 100, runOnStart: true }, () => void calls.push("doWork")));
    const starting = manager.start();
    expect(calls).toEqual([]);
    await starting;
    expect(calls).toEqual(["custom start"]);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(["custom start", "scope", "doWork"]);
    await drain(manager.stop());
  });

  test("5.3 a worker whose start throws or rejects is reported, and the others start", async () => {
    const logger = silentLogger();
    const reported: [unknown, ErrorInfo][] = [];
    const manager = new BackgroundWorkerManager({ logger, onError: (e, info) => void reported.push([e, info]) });
    const syncError = new Error("start threw");
    const asyncError = new Error("start rejected");
    manager.add(custom("ThrowsOnStart", () => {
      throw syncError;
    }));
    manager.add(custom("RejectsOnStart", () => Promise.reject(asyncError)));
    const fine = manager.add(custom("StartsFine"));
    let runs = 0;
    manager.add(periodic("RunsFine", { period: 100 }, () => void runs++));
    await expect(manager.start()).resolves.toBeUndefined();
    expect(manager.running).toBe(true);
    expect(reported).toEqual([
      [syncError, { worker: "ThrowsOnStart", run: 0, phase: "start" }],
      [asyncError, { worker: "RejectsOnStart", run: 0, phase: "start" }],
    ]);
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(String(logger.error.mock.calls[0]?.[0])).toContain("ThrowsOnStart");
    expect(logger.error.mock.calls[0]?.[1]).toBe(syncError);
    expect(fine.calls).toEqual(["start"]);
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toBe(2);
    expect(manager.status().map((s) => s.state)).toEqual(["stopped", "stopped", "running", "idle"]);
    await drain(manager.stop());
  });

  test("5.4 status() lists every worker with name, state, counts, times and the next due time", async () => {
    const boom = new Error("boom");
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Reporter", { period: 1_000 }, async ({ run }) => {
      await sleep(30);
      if (run === 2) throw boom;
    }));
    manager.add(custom("Plain"));
    const line = (): WorkerStatus => manager.status()[0] as WorkerStatus;
    const empty = { runs: 0, failures: 0, consecutiveFailures: 0, lastRunAt: null, lastDurationMs: null, lastError: undefined };
    expect(manager.status()).toEqual([
      { name: "Reporter", state: "stopped", ...empty, nextRunAt: null },
      { name: "Plain", state: "stopped", ...empty, nextRunAt: null },
    ]);
    await manager.start();
    expect(line()).toEqual({ name: "Reporter", state: "idle", ...empty, nextRunAt: T0 + 1_000 });
    expect(manager.status()[1]).toEqual({ name: "Plain", state: "running", ...empty, nextRunAt: null });
    await vi.advanceTimersByTimeAsync(1_010);
    expect(line()).toEqual({ name: "Reporter", state: "running", ...empty, lastRunAt: T0 + 1_000, nextRunAt: null });
    await vi.advanceTimersByTimeAsync(20);
    expect(line()).toEqual({
      name: "Reporter",
      state: "idle",
      runs: 1,
      failures: 0,
      consecutiveFailures: 0,
      lastRunAt: T0 + 1_000,
      lastDurationMs: 30,
      lastError: undefined,
      nextRunAt: T0 + 2_030,
    });
    await vi.advanceTimersByTimeAsync(1_030);
    expect(line()).toEqual({
      name: "Reporter",
      state: "idle",
      runs: 2,
      failures: 1,
      consecutiveFailures: 1,
      lastRunAt: T0 + 2_030,
      lastDurationMs: 30,
      lastError: boom,
      nextRunAt: T0 + 3_060,
    });
    await drain(manager.stop());
    expect(manager.status()).toEqual([
      { ...line(), state: "stopped", nextRunAt: null },
      { name: "Plain", state: "stopped", ...empty, nextRunAt: null },
    ]);
    expect(line()).toMatchObject({ runs: 2, failures: 1, lastError: boom });
  });

  test("5.4 status() lists workers in the order they were added, and a subclass's own status line", async () => {
    class Cleanup extends PeriodicBackgroundWorker {
      constructor() {
        super({ period: 500 });
      }
      protected override doWork(): void {}
    }
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Zeta", { period: 100 }, () => {}));
    const cleanup = manager.add(new Cleanup());
    manager.add(periodic("Alpha", { period: 100 }, () => {}));
    await manager.start();
    expect(manager.status().map((s) => s.name)).toEqual(["Zeta", "Cleanup", "Alpha"]);
    expect(manager.status()[1]).toEqual(cleanup.status());
    expect(cleanup.status().nextRunAt).toBe(T0 + 500);
    await drain(manager.stop());
  });

  test("5.5 await using stops the manager at scope exit", async () => {
    const contexts: WorkerContext[] = [];
    let escaped: BackgroundWorkerManager | undefined;
    let worker: PeriodicBackgroundWorker | undefined;
    {
      await using manager = new BackgroundWorkerManager({ logger: silentLogger() });
      escaped = manager;
      worker = manager.add(periodic("Scoped", { period: 100 }, (ctx) => {
        contexts.push(ctx);
        return untilAborted(ctx);
      }));
      await manager.start();
      await vi.advanceTimersByTimeAsync(100);
      expect(contexts).toHaveLength(1);
      expect(contexts[0]?.signal.aborted).toBe(false);
    }
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(escaped.running).toBe(false);
    expect(worker.state).toBe("stopped");
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(contexts).toHaveLength(1);
  });

  test("5.5 await using waits for the runs in flight before the scope ends (real timers)", async () => {
    vi.useRealTimers();
    const events: string[] = [];
    {
      await using manager = new BackgroundWorkerManager({ logger: silentLogger() });
      manager.add(periodic("Cleaner", { period: 5, runOnStart: true }, async (ctx) => {
        events.push("run");
        await untilAborted(ctx);
        await sleep(30); // cleanup after the abort
        events.push("cleaned up");
      }));
      await manager.start();
      while (events.length === 0) await sleep(1);
    }
    events.push("scope ended");
    expect(events).toEqual(["run", "cleaned up", "scope ended"]);
  });

  test("5.5 await using stops the manager also when the scope exits with an error", async () => {
    let escaped: BackgroundWorkerManager | undefined;
    let runs = 0;
    const leave = async (): Promise<void> => {
      await using manager = new BackgroundWorkerManager({ logger: silentLogger() });
      escaped = manager;
      manager.add(periodic("Thrown", { period: 100 }, () => void runs++));
      await manager.start();
      await vi.advanceTimersByTimeAsync(100);
      throw new Error("left the scope");
    };
    await expect(leave()).rejects.toThrow("left the scope");
    expect(runs).toBe(1);
    expect(escaped?.running).toBe(false);
    expect(escaped?.status()[0]?.state).toBe("stopped");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(1);
  });
});
