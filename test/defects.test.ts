/**
 * Regression tests for the defects of the reliability pass (issue "Reliability"), one block each,
 * numbered as the issue numbers them. Each failed before its fix.
 */
import "../src/cron/mod.ts";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { type BackgroundWorker, BackgroundWorkerManager, periodic, PeriodicBackgroundWorker, type StopReport } from "../mod.ts";
import { TimerQueue, timerEntry } from "../src/core/timer_queue.ts";
import { runtime, start } from "./child.ts";
import { drain, silentLogger, sleep } from "./helpers.ts";

describe("defects under fake time", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("1. a run's signal carries no listener of an earlier run; runs that never listen share one signal", async () => {
    const signals: AbortSignal[] = [];
    let heard = 0;
    const listening = periodic("Listening", { period: 10 }, ({ signal }) => {
      signals.push(signal);
      // As the MetricsFlusher example did: a listener per run, never removed, and the run ends normally.
      signal.addEventListener("abort", () => heard++, { once: true });
    });
    const quiet: AbortSignal[] = [];
    const reading = periodic("Reading", { period: 10 }, ({ signal }) => {
      quiet.push(signal);
      if (signal.aborted) throw new Error("aborted");
    });
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(listening);
    manager.add(reading);
    await manager.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(signals.length).toBeGreaterThanOrEqual(150);
    // Every run that listened handed a fresh signal to the next.
    expect(new Set(signals).size).toBe(signals.length);
    // No per-run controller where no run listens: one signal for the whole start.
    expect(quiet.length).toBeGreaterThanOrEqual(150);
    expect(new Set(quiet).size).toBe(1);
    await manager.stop();
    // Stop aborts the signals in use; the listeners of the 200 finished runs were not on it.
    expect(heard).toBeLessThanOrEqual(1);
    expect(quiet[0]!.aborted).toBe(true);
  });

  test("1. setting onabort marks the signal as listened to, like addEventListener", async () => {
    const signals: AbortSignal[] = [];
    const worker = periodic("OnAbort", { period: 10 }, ({ signal }) => {
      signals.push(signal);
      signal.onabort = () => {};
    });
    await worker.start();
    await vi.advanceTimersByTimeAsync(100);
    await worker.stop();
    expect(signals.length).toBeGreaterThanOrEqual(5);
    expect(new Set(signals).size).toBe(signals.length);
  });

  test("3. lanes of periods no worker uses any more are dropped", async () => {
    const queue = new TimerQueue();
    const entries = Array.from({ length: 2_000 }, () => timerEntry(() => {}));
    // Periods that vary, as jittered or often-changed periods do: one lane each.
    entries.forEach((entry, i) => queue.schedule(entry, 1_000 + i, 1_000 * (1 + i / 10_000)));
    expect(queue.lanes).toBe(2_000);
    entries.slice(0, 1_000).forEach((entry) => queue.cancel(entry));
    expect(queue.lanes).toBeLessThanOrEqual(1_000 * 2 + 16);
    await vi.advanceTimersByTimeAsync(5_000); // the others fire and are not queued again
    expect(queue.size).toBe(0);
    expect(queue.lanes).toBeLessThanOrEqual(16);
    expect(queue.armed).toBe(false);
  });

  test("3. churn at 500 a round with non-integer periods: lanes stay bounded while every entry runs in order", async () => {
    const queue = new TimerQueue();
    const fired: number[] = [];
    let peak = 0;
    for (let round = 0; round < 20; round++) {
      const entries = Array.from({ length: 500 }, (_, i) => {
        const period = 100 * (1 + Math.random() * 0.1);
        const entry = timerEntry(() => fired.push(round * 500 + i));
        queue.schedule(entry, performance.now() + period, period);
        return entry;
      });
      await vi.advanceTimersByTimeAsync(i100(round));
      entries.forEach((entry) => queue.cancel(entry));
      peak = Math.max(peak, queue.lanes);
    }
    expect(fired.length).toBeGreaterThan(0);
    // 10,000 distinct periods went through; at most two rounds' worth of lanes were ever kept.
    expect(peak).toBeLessThanOrEqual(2 * 500 + 16);
    expect(queue.lanes).toBeLessThanOrEqual(16);
    expect(queue.size).toBe(0);
  });

  test("5. stop() from the synchronous part of a run waits for it, and its failure is reported and counted", async () => {
    const onError = vi.fn();
    const manager = new BackgroundWorkerManager({ onError, logger: silentLogger() });
    let stopping: Promise<StopReport> | undefined;
    let ended = false;
    manager.add(periodic("StopsItself", { period: 10 }, async () => {
      stopping = manager.stop(); // before any await: no promise of this run exists yet
      await sleep(100);
      ended = true;
      throw new Error("failed after the stop");
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(stopping).toBeDefined();
    let resolved = false;
    void stopping!.then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(50);
    expect(resolved).toBe(false);
    // The SIGTERM path: a later manager.stop() waits for the same run.
    const later = manager.stop();
    const report = await drain(later);
    expect(ended).toBe(true);
    expect(report.ok).toBe(true);
    expect(onError).toHaveBeenCalledTimes(1);
    expect((onError.mock.calls[0]![0] as Error).message).toBe("failed after the stop");
    expect(manager.status()[0]!.failures).toBe(1);
  });

  test("5. a lone worker's own stop() from inside doWork waits for the run too", async () => {
    class Stopper extends PeriodicBackgroundWorker {
      report: Promise<StopReport> | undefined;
      done = false;
      constructor() {
        super({ period: 10 });
      }
      protected override async doWork(): Promise<void> {
        this.report = this.stop();
        await sleep(30);
        this.done = true;
      }
    }
    const worker = new Stopper();
    await worker.start();
    await vi.advanceTimersByTimeAsync(10);
    let resolved = false;
    void worker.report!.then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(20);
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(worker.done).toBe(true);
    expect(resolved).toBe(true);
    expect(worker.status().runs).toBe(1);
  });

  test("6. a cron run's scheduledAt is its slot, to the millisecond, month end included", async () => {
    vi.setSystemTime(new Date("2026-06-30T23:59:58.400Z"));
    const seconds: number[] = [];
    const monthly: number[] = [];
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("EverySecond", { cron: "* * * * * *", timezone: "UTC" }, ({ scheduledAt, startedAt }) => {
      seconds.push(scheduledAt);
      expect(startedAt).toBeGreaterThanOrEqual(scheduledAt);
    }));
    manager.add(periodic("Monthly", { cron: "@monthly", timezone: "UTC" }, ({ scheduledAt }) => void monthly.push(scheduledAt)));
    await manager.start();
    expect(manager.status()[1]!.nextRunAt).toBe(Date.parse("2026-07-01T00:00:00.000Z"));
    await vi.advanceTimersByTimeAsync(4_000);
    await manager.stop();
    expect(seconds.map((t) => new Date(t).toISOString())).toEqual([
      "2026-06-30T23:59:59.000Z",
      "2026-07-01T00:00:00.000Z",
      "2026-07-01T00:00:01.000Z",
      "2026-07-01T00:00:02.000Z",
    ]);
    expect(monthly.map((t) => new Date(t).toISOString())).toEqual(["2026-07-01T00:00:00.000Z"]);
  });

  test("7. manager.stop() during a custom worker's pending start() waits for it, then stops it", async () => {
    let ticks = 0;
    let timer: ReturnType<typeof setInterval> | undefined;
    const custom: BackgroundWorker = {
      name: "Custom",
      async start() {
        await sleep(100); // e.g. connecting first
        timer = setInterval(() => ticks++, 20);
      },
      stop() {
        clearInterval(timer);
        timer = undefined;
        return Promise.resolve({ ok: true, unsettled: [] });
      },
    };
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(custom);
    void manager.start();
    await vi.advanceTimersByTimeAsync(10);
    const report = await drain(manager.stop());
    expect(report.ok).toBe(true);
    ticks = 0;
    await vi.advanceTimersByTimeAsync(500);
    expect(ticks).toBe(0);
    expect(timer).toBeUndefined();
  });

  test("7. a start that outlasts the stop's deadline is reported unsettled, not waited for for ever", async () => {
    const stop = vi.fn(() => Promise.resolve({ ok: true, unsettled: [] }));
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add({ name: "Hangs", start: () => new Promise<void>(() => {}), stop });
    void manager.start();
    await vi.advanceTimersByTimeAsync(10);
    const report = await drain(manager.stop({ timeout: 200 }));
    expect(report).toEqual({ ok: false, unsettled: [{ worker: "Hangs", run: 0 }] });
    await vi.advanceTimersByTimeAsync(10);
    expect(stop).toHaveBeenCalledWith({ timeout: 0 });
  });

  test("9. a custom stop() that resolves to undefined: a clear error naming the worker; the others stop", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add({ name: "Sloppy", start: () => Promise.resolve(), stop: () => Promise.resolve(undefined as unknown as StopReport) });
    const other = manager.add(periodic("Other", { period: 10 }, () => {}));
    await manager.start();
    const error = await manager.stop().then(() => undefined, (e: unknown) => e) as AggregateError & { report: StopReport };
    expect(error).toBeInstanceOf(AggregateError);
    expect(error.errors).toHaveLength(1);
    expect(String((error.errors[0] as Error).message)).toBe(
      'BackgroundWorkerManager.stop: worker "Sloppy": stop() must resolve to a report { ok, unsettled }, got undefined',
    );
    expect(error.report.ok).toBe(true);
    expect(other.state).toBe("stopped");
  });

  test("10. fixed rate with a jitter of a period or more is refused, at construction and when the period changes", () => {
    expect(() => periodic("Rate", { period: 50, mode: "fixed-rate", jitter: 500 }, () => {})).toThrow(
      new RangeError('Rate: option "jitter" must be less than "period" with mode "fixed-rate", got jitter 500 and period 50'),
    );
    const worker = periodic("Rate", { period: 1_000, mode: "fixed-rate", jitter: 500 }, () => {});
    expect(() => (worker.period = 400)).toThrow(/option "jitter" must be less than "period"/);
    expect(worker.period).toBe(1_000);
    // Fixed delay has no grid to break: any jitter goes.
    expect(() => periodic("Delay", { period: 50, jitter: 500 }, () => {})).not.toThrow();
  });
});

test("8. stopOnShutdown() twice is an error; after disposing the first, it may be called again", () => {
  const manager = new BackgroundWorkerManager({ logger: silentLogger() });
  const first = manager.stopOnShutdown({ exit: false });
  expect(() => manager.stopOnShutdown({ exit: false })).toThrow(/stopOnShutdown: called twice on this manager/);
  first[Symbol.dispose]();
  const second = manager.stopOnShutdown({ exit: false });
  second[Symbol.dispose]();
  second[Symbol.dispose](); // twice is harmless
});

/** Half the rounds let their entries fire (up to 110 ms), the others cancel them all first. */
const i100 = (round: number): number => (round % 2 === 0 ? 120 : 50);

describe(`2 and 4. what stays in memory after removal, on ${runtime} (a child with a GC it can force)`, () => {
  test("2. 500 removed workers beside a live one of the same period are collected", async () => {
    const child = start("test/fixtures/retention_child.ts", ["lanes"], {}, { exposeGc: true });
    const line = JSON.parse(await child.waitFor(/"mode":"lanes"/, 60_000)) as { alive: number };
    expect((await child.exited).code).toBe(0);
    // Bun's collector scans the stack conservatively: it may keep a stray one.
    expect(line.alive).toBeLessThanOrEqual(runtime === "bun" ? 5 : 0);
  }, 90_000);

  test("4. a cron pattern's parsed form goes with its last worker: four rounds of 300 patterns, a flat heap", async () => {
    const child = start("test/fixtures/retention_child.ts", ["cron"], {}, { exposeGc: true });
    const line = JSON.parse(await child.waitFor(/"mode":"cron"/, 60_000)) as { patterns: number; size: number; heapsKb: number[] };
    expect((await child.exited).code).toBe(0);
    expect(line.size).toBe(1);
    expect(line.patterns).toBeLessThanOrEqual(runtime === "bun" ? 5 : 0);
    // Kept, 300 patterns of ~80 KB would add ~24 MB a round.
    expect(line.heapsKb[3]! - line.heapsKb[0]!).toBeLessThan(4_000);
  }, 90_000);
});

test("manager.stop() on a manager never started still stops the workers started one by one (a shutdown leaves none ticking)", async () => {
  const manager = new BackgroundWorkerManager({ logger: silentLogger() });
  const worker = manager.add(periodic("OnItsOwn", { period: 60_000 }, () => {}));
  await worker.start();
  expect(worker.state).toBe("idle");
  expect((await manager.stop()).ok).toBe(true);
  expect(worker.state).toBe("stopped");
});
