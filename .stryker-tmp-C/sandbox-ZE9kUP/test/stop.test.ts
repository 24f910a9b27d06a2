// @ts-nocheck
import process from "node:process";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  type BackgroundWorker,
  BackgroundWorkerManager,
  periodic,
  type StopReport,
  type WorkerContext,
} from "../mod.ts";
import { drain, silentLogger, sleep } from "./helpers.ts";

/** The runtime's own setTimeout, taken before any test fakes it. */
const realSetTimeout = globalThis.setTimeout;

/** Records unhandled rejections until `done()`, which first lets a real macrotask go by. */
function watchUnhandled(): { done(): Promise<unknown[]> } {
  const seen: unknown[] = [];
  const listener = (reason: unknown): void => void seen.push(reason);
  process.on("unhandledRejection", listener);
  return {
    async done() {
      await new Promise((resolve) => realSetTimeout(resolve, 20));
      process.off("unhandledRejection", listener);
      return seen;
    },
  };
}

/** Tracks whether a promise has settled, without handling it for the caller. */
function track<T>(promise: Promise<T>): { readonly settled: boolean; readonly value: T | undefined } {
  const state = { settled: false, value: undefined as T | undefined };
  promise.then((v) => {
    state.settled = true;
    state.value = v;
  }, () => {
    state.settled = true;
  });
  return state;
}

/** Work that ignores its signal and ends only when `release()` is called (or never). */
function stubborn(): {
  work: (ctx: WorkerContext) => Promise<void>;
  contexts: WorkerContext[];
  release(error?: unknown): void;
} {
  const contexts: WorkerContext[] = [];
  let finish: ((error?: unknown) => void) | undefined;
  return {
    contexts,
    work: (ctx) => {
      contexts.push(ctx);
      return new Promise<void>((resolve, reject) => {
        finish = (error) => (error === undefined ? resolve() : reject(error));
      });
    },
    release: (error) => finish?.(error),
  };
}

/** A worker that is not periodic, with a stop() the test decides. */
function custom(name: string, stop: () => Promise<StopReport>): BackgroundWorker & { started: number } {
  return {
    name,
    started: 0,
    start() {
      this.started++;
      return Promise.resolve();
    },
    stop,
  };
}

describe("4. Stop", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  test("4.1 stop() aborts the signal of the run in flight before it waits, and resolves when the run settles", async () => {
    let signal: AbortSignal | undefined;
    let abortedAt = -1;
    const worker = periodic("Graceful", { period: 100 }, async (ctx) => {
      signal = ctx.signal;
      await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
      abortedAt = performance.now();
      await sleep(50); // cleaning up after the abort
    });
    await worker.start();
    await vi.advanceTimersByTimeAsync(150);
    expect(signal?.aborted).toBe(false);
    const start = performance.now();
    const stopping = track(worker.stop());
    // Aborted inside the call, before any waiting.
    expect(signal?.aborted).toBe(true);
    expect((signal?.reason as Error).name).toBe("AbortError");
    await vi.advanceTimersByTimeAsync(49);
    expect(abortedAt).toBe(start);
    expect(stopping.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stopping.settled).toBe(true);
    expect(stopping.value).toEqual({ ok: true, unsettled: [] });
    expect(worker.state).toBe("stopped");
  });

  test("4.1 stop() aborts the signal of a run that has its own timeout too, with a stop reason", async () => {
    let signal: AbortSignal | undefined;
    const worker = periodic("WithTimeout", { period: 100, timeout: 10_000 }, (ctx) => {
      signal = ctx.signal;
      return new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
    });
    await worker.start();
    await vi.advanceTimersByTimeAsync(100);
    const stopping = worker.stop();
    expect(signal?.aborted).toBe(true);
    expect((signal?.reason as Error).name).toBe("AbortError");
    await expect(stopping).resolves.toEqual({ ok: true, unsettled: [] });
  });

  test("4.1 stop() waits at most timeout ms and names the run that did not settle", async () => {
    const work = stubborn();
    let runs = 0;
    const worker = periodic("Stubborn", { period: 100 }, (ctx) => (++runs === 1 ? undefined : work.work(ctx)));
    await worker.start();
    await vi.advanceTimersByTimeAsync(200); // run 1 ends at once, run 2 hangs
    expect(work.contexts.map((c) => c.run)).toEqual([2]);
    const stopping = track(worker.stop({ timeout: 1_000 }));
    expect(work.contexts[0]?.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(stopping.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stopping.settled).toBe(true);
    expect(stopping.value).toEqual({ ok: false, unsettled: [{ worker: "Stubborn", run: 2 }] });
    // The deadline timer is gone once stop() resolved: nothing is left pending.
    expect(vi.getTimerCount()).toBe(0);
    work.release();
  });

  test("4.1 the default stop timeout is 30,000 ms", async () => {
    const work = stubborn();
    const worker = periodic("Patient", { period: 100 }, work.work);
    await worker.start();
    await vi.advanceTimersByTimeAsync(100);
    const stopping = track(worker.stop());
    await vi.advanceTimersByTimeAsync(29_999);
    expect(stopping.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stopping.value).toEqual({ ok: false, unsettled: [{ worker: "Patient", run: 1 }] });
    work.release();
  });

  test("4.1 the manager's stop() waits stopTimeout (default 30,000 ms), or its own timeout, and reports unsettled runs", async () => {
    const waits: number[] = [];
    for (const [options, stopOptions] of [[{}, undefined], [{ stopTimeout: 5_000 }, undefined], [{}, { timeout: 700 }]] as const) {
      const work = stubborn();
      const manager = new BackgroundWorkerManager({ logger: silentLogger(), ...options });
      manager.add(periodic("Slow", { period: 100 }, work.work));
      await manager.start();
      await vi.advanceTimersByTimeAsync(100);
      const start = performance.now();
      const report = await drain(manager.stop(stopOptions), 100);
      waits.push(performance.now() - start);
      expect(report).toEqual({ ok: false, unsettled: [{ worker: "Slow", run: 1 }] });
      work.release();
    }
    expect(waits).toEqual([30_000, 5_000, 700]);
  });

  test("4.1 stop() of an idle or never-started worker resolves ok at once", async () => {
    const idle = periodic("Idle", { period: 100 }, () => {});
    await idle.start();
    await vi.advanceTimersByTimeAsync(150);
    await expect(idle.stop()).resolves.toEqual({ ok: true, unsettled: [] });
    await expect(periodic("Never", { period: 100 }, () => {}).stop()).resolves.toEqual({ ok: true, unsettled: [] });
  });

  test("4.1 a run that gives up with the AbortError is not reported; one that fails otherwise while stopping is", async () => {
    const onError = vi.fn();
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), onError });
    manager.add(periodic("GivesUp", { period: 100 }, ({ signal }) =>
      new Promise<void>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)))));
    manager.add(periodic("BreaksOnStop", { period: 100 }, ({ signal }) =>
      new Promise<void>((_, reject) => signal.addEventListener("abort", () => reject(new Error("cleanup failed"))))));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    await expect(manager.stop()).resolves.toEqual({ ok: true, unsettled: [] });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ message: "cleanup failed" });
    expect(onError.mock.calls[0]?.[1]).toEqual({ worker: "BreaksOnStop", run: 1, phase: "run" });
  });

  test("4.2 after stop() resolves, doWork is not called again until start()", async () => {
    const runs: number[] = [];
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const idle = manager.add(periodic("StoppedIdle", { period: 100 }, ({ run }) => void runs.push(run)));
    const busy = manager.add(periodic("StoppedBusy", { period: 100 }, async ({ run }) => {
      runs.push(-run);
      await sleep(80);
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(150); // StoppedIdle waits for its next due time, StoppedBusy is in a run
    expect(busy.state).toBe("running");
    expect(idle.state).toBe("idle");
    await drain(manager.stop());
    const before = runs.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toHaveLength(before);
    expect(vi.getTimerCount()).toBe(0);
    await expect(manager.trigger("StoppedIdle")).rejects.toThrow("StoppedIdle");
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs.slice(before).sort()).toEqual([-2, 2]);
    await drain(manager.stop());
  });

  test("4.2 a late settle of an abandoned run is swallowed: not reported, never unhandled", async () => {
    const unhandled = watchUnhandled();
    const logger = silentLogger();
    const onError = vi.fn();
    const manager = new BackgroundWorkerManager({ logger, onError });
    const rejects = stubborn();
    const resolves = stubborn();
    manager.add(periodic("LateReject", { period: 100 }, rejects.work));
    manager.add(periodic("LateResolve", { period: 100 }, resolves.work));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    const report = await drain(manager.stop({ timeout: 200 }));
    expect(report).toEqual({
      ok: false,
      unsettled: [{ worker: "LateReject", run: 1 }, { worker: "LateResolve", run: 1 }],
    });
    await vi.advanceTimersByTimeAsync(1_000);
    rejects.release(new Error("settled far too late"));
    resolves.release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(onError).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
    expect(rejects.contexts).toHaveLength(1);
    expect(resolves.contexts).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(await unhandled.done()).toEqual([]);
  });

  test("4.2 a trigger() still waiting for its run when stop() is called settles, never hangs", async () => {
    let calls = 0;
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("TriggeredThenStopped", { period: 60_000 }, () => void calls++));
    await manager.start();
    const triggered = track(manager.trigger("TriggeredThenStopped"));
    await manager.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(0);
    expect(triggered.settled).toBe(true);
  });

  test("4.3 stop() twice or concurrently returns the same result", async () => {
    const work = stubborn();
    const worker = periodic("Twice", { period: 100 }, work.work);
    await worker.start();
    await vi.advanceTimersByTimeAsync(100);
    const first = worker.stop({ timeout: 500 });
    const second = worker.stop({ timeout: 500 });
    expect(second).toBe(first);
    const report = await drain(first);
    expect(report).toEqual({ ok: false, unsettled: [{ worker: "Twice", run: 1 }] });
    const third = worker.stop();
    expect(third).toBe(first);
    expect(await third).toBe(report);
    work.release();
  });

  test("4.3 the manager's stop() twice or concurrently returns the same result", async () => {
    const work = stubborn();
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("ManagerTwice", { period: 100 }, work.work));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    const first = manager.stop({ timeout: 500 });
    const second = manager.stop();
    expect(second).toBe(first);
    const report = await drain(first);
    expect(report).toEqual({ ok: false, unsettled: [{ worker: "ManagerTwice", run: 1 }] });
    expect(manager.stop()).toBe(first);
    work.release();
  });

  test("4.3 start() after stop() works again with a fresh signal", async () => {
    const contexts: WorkerContext[] = [];
    const worker = periodic("Restarted", { period: 100 }, (ctx) => {
      contexts.push(ctx);
      return new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
    });
    await worker.start();
    await vi.advanceTimersByTimeAsync(100);
    await worker.stop();
    expect(contexts[0]?.signal.aborted).toBe(true);
    await worker.start();
    expect(worker.state).toBe("idle");
    await vi.advanceTimersByTimeAsync(99);
    expect(contexts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(contexts).toHaveLength(2);
    expect(contexts[1]?.signal).not.toBe(contexts[0]?.signal);
    expect(contexts[1]?.signal.aborted).toBe(false);
    expect(contexts[1]?.run).toBe(2);
    // A second stop after the restart is a new stop, not the first one's result.
    const again = worker.stop();
    expect(contexts[1]?.signal.aborted).toBe(true);
    await expect(again).resolves.toEqual({ ok: true, unsettled: [] });
  });

  test("4.3 the manager starts again after stop(), and its workers run with a fresh signal", async () => {
    const contexts: WorkerContext[] = [];
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("ManagerRestarted", { period: 100 }, (ctx) => void contexts.push(ctx)));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    await manager.stop();
    expect(manager.running).toBe(false);
    await manager.start();
    expect(manager.running).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(contexts.map((c) => c.run)).toEqual([1, 2]);
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(contexts[1]?.signal.aborted).toBe(false);
    await manager.stop();
    expect(contexts[1]?.signal.aborted).toBe(true);
  });

  test("4.3 a stop() called after a restart began, before it finished, wins: the manager ends stopped", async () => {
    let calls = 0;
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const worker = manager.add(periodic("LastCallWins", { period: 100 }, () => void calls++));
    await manager.start();
    await manager.stop();
    const starting = manager.start();
    const stopping = manager.stop();
    await starting;
    await stopping;
    await vi.advanceTimersByTimeAsync(500);
    expect(manager.running).toBe(false);
    expect(worker.state).toBe("stopped");
    expect(calls).toBe(0);
    await manager.stop();
  });

  test("4.4 the manager stops all its workers concurrently under one deadline", async () => {
    const works = [stubborn(), stubborn(), stubborn()];
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    works.forEach((w, i) => manager.add(periodic(`Hang${i}`, { period: 100 }, w.work)));
    // Two more that take 300 ms each to settle after their abort.
    for (const name of ["Clean0", "Clean1"]) {
      manager.add(periodic(name, { period: 100 }, async ({ signal }) => {
        await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
        await sleep(300);
      }));
    }
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    const start = performance.now();
    const stopping = track(manager.stop({ timeout: 1_000 }));
    for (const w of works) expect(w.contexts[0]?.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(stopping.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(performance.now() - start).toBe(1_000);
    expect(stopping.value).toEqual({
      ok: false,
      unsettled: [{ worker: "Hang0", run: 1 }, { worker: "Hang1", run: 1 }, { worker: "Hang2", run: 1 }],
    });
    for (const w of works) w.release();
  });

  test("4.4 workers that settle after their abort are waited for together, not one after another", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    for (const name of ["A", "B", "C"]) {
      manager.add(periodic(name, { period: 100 }, async ({ signal }) => {
        await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
        await sleep(300);
      }));
    }
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    const stopping = track(manager.stop());
    await vi.advanceTimersByTimeAsync(299);
    expect(stopping.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stopping.value).toEqual({ ok: true, unsettled: [] });
  });

  test("4.4 one worker's failure to stop does not keep the others running; the errors come back as one AggregateError", async () => {
    const syncError = new Error("stop threw");
    const asyncError = new Error("stop rejected");
    const throwing = custom("Throws", () => {
      throw syncError;
    });
    const rejecting = custom("Rejects", () => Promise.reject(asyncError));
    const healthy = custom("Healthy", () => Promise.resolve({ ok: true, unsettled: [] }));
    const healthyStop = vi.spyOn(healthy, "stop");
    const contexts: WorkerContext[] = [];
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(throwing);
    const periodicWorker = manager.add(periodic("Periodic", { period: 100 }, (ctx) => {
      contexts.push(ctx);
      return new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
    }));
    manager.add(rejecting);
    manager.add(healthy);
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(contexts).toHaveLength(1);
    const error = await manager.stop().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual([syncError, asyncError]);
    expect((error as AggregateError).message).toContain("2");
    // The others were stopped all the same.
    expect(manager.running).toBe(false);
    expect(healthyStop).toHaveBeenCalledTimes(1);
    expect(contexts[0]?.signal.aborted).toBe(true);
    expect(periodicWorker.state).toBe("stopped");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(contexts).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("4.4 a worker whose stop() does not resolve in time is named in the report with run 0", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(custom("NeverStops", () => new Promise<StopReport>(() => {})));
    manager.add(periodic("Fine", { period: 100 }, () => {}));
    await manager.start();
    const stopping = track(manager.stop({ timeout: 2_000 }));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(stopping.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stopping.value).toEqual({ ok: false, unsettled: [{ worker: "NeverStops", run: 0 }] });
    expect(manager.status().map((s) => s.state)).toEqual(["stopped", "stopped"]);
  });
});
