import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, periodic, PeriodicBackgroundWorker, type PeriodicOptions, type RunEndEvent } from "../mod.ts";
import { realClock } from "../src/core/clock.ts";
import { MAX_DELAY } from "../src/core/timer_queue.ts";
import { drain, RunLog, silentLogger, sleep, waitUntil } from "./helpers.ts";

function logged(log: RunLog, options: PeriodicOptions, ms = 0) {
  return periodic("Logged", options, ms > 0 ? log.work(ms) : () => {
    log.begin();
    log.end();
  });
}

describe("1. Scheduling", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  test("1.1 fixed delay: the next run is due period ms after the previous run ended", async () => {
    const log = new RunLog();
    const worker = logged(log, { period: 100 }, 30);
    await worker.start();
    await vi.advanceTimersByTimeAsync(500);
    expect(log.starts).toEqual([100, 230, 360, 490]);
    expect(log.ends.slice(0, 3)).toEqual([130, 260, 390]);
    await drain(worker.stop());
  });

  test("1.1 runs of one worker never overlap: a run longer than the period delays the next", async () => {
    const log = new RunLog();
    const worker = logged(log, { period: 100 }, 250);
    await worker.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log.starts).toEqual([100, 450, 800]);
    expect(log.maxActive).toBe(1);
    await drain(worker.stop());
  });

  test("1.1 runs never overlap in fixed-rate mode nor when triggered during a run", async () => {
    const log = new RunLog();
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(logged(log, { period: 100, mode: "fixed-rate" }, 250));
    await manager.start();
    await vi.advanceTimersByTimeAsync(150);
    let ended = false;
    const during = manager.trigger("Logged");
    void during.then(() => (ended = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(ended).toBe(false);
    expect(log.starts).toEqual([100]);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(during).resolves.toMatchObject({ worker: "Logged", run: 1, ok: true });
    expect(log.maxActive).toBe(1);
    for (let i = 1; i < log.starts.length; i++) expect(log.starts[i]).toBeGreaterThanOrEqual(log.ends[i - 1]!);
    await drain(manager.stop());
  });

  test("1.1 runs never overlap: a restart waits for a run that an earlier stop() gave up on", async () => {
    const log = new RunLog();
    const worker = logged(log, { period: 100 }, 1_000);
    await worker.start();
    await vi.advanceTimersByTimeAsync(100);
    const report = await drain(worker.stop({ timeout: 50 }));
    expect(report.unsettled).toEqual([{ worker: "Logged", run: 1 }]);
    await worker.start();
    await vi.advanceTimersByTimeAsync(2_000);
    // The abandoned run (100..1100) still went on after the restart; the next run began only after it.
    expect(log.maxActive).toBe(1);
    expect(log.starts[1]).toBeGreaterThanOrEqual(1_100);
    await drain(worker.stop());
  });

  test("1.2 fixed rate keeps runs on the grid start + k·period without drift", async () => {
    const log = new RunLog();
    const worker = logged(log, { period: 100, mode: "fixed-rate" }, 30);
    await worker.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log.starts).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000]);
    await drain(worker.stop());
  });

  test("1.2 a run that overruns slots is followed by exactly one run at once, then the grid", async () => {
    const log = new RunLog();
    let first = true;
    const worker = periodic("Overrun", { period: 100, mode: "fixed-rate" }, async () => {
      log.begin();
      await sleep(first ? 350 : 10);
      first = false;
      log.end();
    });
    await worker.start();
    await vi.advanceTimersByTimeAsync(700);
    // Due at 100, ends at 450 (slots 200, 300, 400 missed): one run at once (on the next timer tick,
    // which runtimes clamp to 1 ms), then back on the grid at 500, 600, 700.
    expect(log.starts).toHaveLength(5);
    expect(log.starts[1]).toBeGreaterThanOrEqual(450);
    expect(log.starts[1]).toBeLessThanOrEqual(451);
    expect([log.starts[0], ...log.starts.slice(2)]).toEqual([100, 500, 600, 700]);
    await drain(worker.stop());
  });

  test("1.3 runOnStart runs at once on start; otherwise the first run is one period later", async () => {
    const eager = new RunLog();
    const lazy = new RunLog();
    const a = logged(eager, { period: 100, runOnStart: true });
    const b = logged(lazy, { period: 100 });
    await a.start();
    await b.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(eager.starts).toEqual([0]);
    expect(lazy.starts).toEqual([]);
    await vi.advanceTimersByTimeAsync(99);
    expect(lazy.starts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(lazy.starts).toEqual([100]);
    expect(eager.starts).toEqual([0, 100]);
    await a.stop();
    await b.stop();
  });

  test("1.4 period must be a finite number > 0: RangeError naming the worker and the value", () => {
    for (const bad of [0, -5, NaN, Infinity]) {
      expect(() => periodic("Bad", { period: bad }, () => {})).toThrow(RangeError);
      expect(() => periodic("Bad", { period: bad }, () => {})).toThrow(`Bad: option "period"`);
      expect(() => periodic("Bad", { period: bad }, () => {})).toThrow(String(bad));
    }
  });

  test("1.4 periods longer than 2^31-1 ms are waited in chunks and never fire early", async () => {
    const log = new RunLog();
    const period = MAX_DELAY * 2 + 10_000;
    const worker = logged(log, { period });
    await worker.start();
    await vi.advanceTimersByTimeAsync(MAX_DELAY);
    await vi.advanceTimersByTimeAsync(MAX_DELAY);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(log.starts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(log.starts).toEqual([period]);
    await drain(worker.stop());
  });

  test("1.5 changing period while idle reschedules from now", async () => {
    const log = new RunLog();
    const worker = logged(log, { period: 1_000 });
    await worker.start();
    await vi.advanceTimersByTimeAsync(300);
    worker.period = 100;
    await vi.advanceTimersByTimeAsync(250);
    expect(log.starts).toEqual([400, 500]);
    await drain(worker.stop());
  });

  test("1.5 changing period during a run lets the run go on and the next run uses the new value", async () => {
    const log = new RunLog();
    const worker = logged(log, { period: 100 }, 50);
    await worker.start();
    await vi.advanceTimersByTimeAsync(120);
    worker.period = 500;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log.starts).toEqual([100, 650]);
    expect(log.ends[0]).toBe(150);
    await drain(worker.stop());
  });

  test("1.6 jitter adds a random delay in [0, jitter) to each due time", async () => {
    const log = new RunLog();
    const random = vi.spyOn(Math, "random");
    random.mockReturnValueOnce(0.5).mockReturnValueOnce(0).mockReturnValueOnce(0.999);
    const worker = logged(log, { period: 100, jitter: 40 });
    await worker.start();
    await vi.advanceTimersByTimeAsync(119);
    expect(log.starts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(log.starts).toEqual([120]);
    await vi.advanceTimersByTimeAsync(100);
    expect(log.starts).toEqual([120, 220]);
    await vi.advanceTimersByTimeAsync(139);
    expect(log.starts).toEqual([120, 220]);
    // Due at 359.96; timers count whole milliseconds, so it runs at 360, never before.
    await vi.advanceTimersByTimeAsync(1);
    expect(log.starts).toEqual([120, 220, 360]);
    await drain(worker.stop());
  });

  test("1.7 delays use the monotonic clock: a wall-clock jump does not move the schedule", async () => {
    const log = new RunLog();
    const worker = logged(log, { period: 1_000 });
    await worker.start();
    vi.setSystemTime(Date.now() - 3_600_000);
    await vi.advanceTimersByTimeAsync(1_000);
    vi.setSystemTime(Date.now() + 7_200_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log.starts).toEqual([1_000, 2_000]);
    await drain(worker.stop());
  });

  test("1.8 all workers of one manager share one pending setTimeout", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    for (let i = 0; i < 1_000; i++) {
      // Later workers fall due earlier, so each add moves the queue's head and must re-arm its one timer.
      manager.add(periodic(`W${i}`, { period: 1_100 - i, timeout: 50 }, () => sleep(10)));
    }
    await manager.start();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(105);
    await vi.advanceTimersByTimeAsync(1);
    expect(countRunSleeps(manager)).toBeGreaterThan(0);
    // Runs in flight, each with its own timeout, still one timer for the queue (plus the runs' own sleeps).
    expect(vi.getTimerCount() - countRunSleeps(manager)).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    await drain(manager.stop());
    expect(vi.getTimerCount()).toBe(0);
  });

  test("1.8 stopped or removed workers leave no timer behind", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("A", { period: 100 }, () => {}));
    manager.add(periodic("B", { period: 50_000, timeout: 10 }, () => {}));
    await manager.start();
    await vi.advanceTimersByTimeAsync(250);
    expect(vi.getTimerCount()).toBe(1);
    await manager.remove("A");
    expect(vi.getTimerCount()).toBe(1);
    await manager.remove("B");
    expect(vi.getTimerCount()).toBe(0);
    const lone = periodic("Lone", { period: 100 }, () => {});
    await lone.start();
    expect(vi.getTimerCount()).toBe(1);
    await lone.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

/** Workers of the 1.8 test that are mid-run each hold one `sleep(10)` timer of their own work. */
function countRunSleeps(manager: BackgroundWorkerManager): number {
  return manager.status().filter((s) => s.state === "running").length;
}

describe("1. Scheduling with real timers", () => {
  function block(ms: number): void {
    const until = performance.now() + ms;
    while (performance.now() < until) { /* the event loop is blocked */ }
  }

  // No fixed sleep before stop(): a loaded machine fires timers late, which changes how many runs
  // fit in a given time, not the order or the spacing asserted here.
  test("1.7 a blocked event loop yields one late run, not a burst (fixed delay)", async () => {
    const log = new RunLog();
    const worker = logged(log, { period: 20 });
    await worker.start();
    block(250);
    await waitUntil("two runs after the block", () => log.starts.length >= 2);
    await worker.stop();
    // Twelve periods were missed while blocked: one late run, then each next one a period after the
    // previous ended (a burst would start them back to back).
    expect(log.starts[0]).toBeGreaterThanOrEqual(250);
    for (let i = 1; i < log.starts.length; i++) expect(log.starts[i]! - log.ends[i - 1]!).toBeGreaterThanOrEqual(19);
  });

  test("1.7 a blocked event loop yields one late run, not a burst (fixed rate)", async () => {
    // Real timers, but an epoch offset of 0: scheduledAt, startedAt and the durations are then the
    // library's own monotonic readings, so nothing here depends on the wall clock moving against
    // the monotonic one, nor on this process being descheduled between two readings of its own.
    const clock = { queueClock: { ...realClock, epochOffset: () => 0 } };
    const manager = new BackgroundWorkerManager({ clock });
    const runs: RunEndEvent[] = [];
    manager.observe({ settled: (event) => void runs.push(event) });
    manager.add(periodic("Due", { period: 100, mode: "fixed-rate" }, () => {}));
    const started = performance.now();
    await manager.start();
    block(1_250);
    await waitUntil("two runs after the block", () => runs.length >= 2);
    await manager.stop();
    const [late, next] = runs as [RunEndEvent, RunEndEvent];
    // The late run was due at the first slot (100 ms after start) and began after the block.
    expect(late.scheduledAt - started).toBeGreaterThanOrEqual(100);
    expect(late.startedAt - late.scheduledAt).toBeGreaterThanOrEqual(1_150);
    // It covers the slots missed before it began: the next is due at the first slot of the grid after
    // it began (a whole number of periods after the first slot, at most a period later), or at once
    // at its end if a slot went by while it ran. A burst would be due at a missed slot, before it.
    const lateEnd = late.startedAt + late.durationMs;
    const periods = (next.scheduledAt - late.scheduledAt) / 100;
    const onGrid = Math.abs(periods - Math.round(periods)) < 1e-6;
    if (onGrid) {
      expect(next.scheduledAt).toBeGreaterThan(late.startedAt);
      expect(next.scheduledAt - late.startedAt).toBeLessThanOrEqual(100);
    } else {
      const slotDuringRun = Math.floor((lateEnd - late.scheduledAt) / 100) > Math.floor((late.startedAt - late.scheduledAt) / 100);
      expect({ slotDuringRun, next: next.scheduledAt }).toEqual({ slotDuringRun: true, next: lateEnd });
    }
  });

  test("2.1 scheduledAt is when the run was due, startedAt when it began (a blocked loop shows the gap)", async () => {
    const seen: { scheduledAt: number; startedAt: number; offset: number }[] = [];
    // The epoch offset (wall minus monotonic) around start() and at the run: the wall clock may step
    // against the monotonic one, so the due time in wall terms is bracketed by the offsets seen.
    const offsets = [Date.now() - performance.now()];
    const a = performance.now();
    const worker = periodic("Late", { period: 20 }, ({ scheduledAt, startedAt }) => {
      seen.push({ scheduledAt, startedAt, offset: Date.now() - performance.now() });
    });
    await worker.start();
    const b = performance.now();
    offsets.push(Date.now() - performance.now());
    block(150);
    const blockEnd = performance.now();
    await waitUntil("a run", () => seen.length > 0);
    await worker.stop();
    const run = seen[0]!;
    offsets.push(run.offset);
    // Due a period after start() (which ran between a and b), give or take Date.now()'s whole ms.
    expect(run.scheduledAt).toBeGreaterThanOrEqual(a + 20 + Math.min(...offsets) - 1);
    expect(run.scheduledAt).toBeLessThanOrEqual(b + 20 + Math.max(...offsets) + 1);
    // It began after the block, which began after start() returned: at least that much later than due.
    expect(run.startedAt - run.scheduledAt).toBeGreaterThanOrEqual(blockEnd - (b + 20) - 1);
  });

  test("1.1 end to end: fixed delay on the runtime's own timers", async () => {
    const log = new RunLog();
    const worker = logged(log, { period: 30 }, 10);
    await worker.start();
    await waitUntil("three runs", () => log.ends.length >= 3);
    await worker.stop();
    expect(log.maxActive).toBe(1);
    for (let i = 1; i < log.starts.length; i++) {
      // Never early: at least the period after the previous end (1 ms of timer rounding allowed).
      expect(log.starts[i]! - log.ends[i - 1]!).toBeGreaterThanOrEqual(29);
    }
  });
});

class Named extends PeriodicBackgroundWorker {
  constructor() {
    super({ period: 10 });
  }
  protected override doWork(): void {}
}

test("1.x a subclass is named after its class", () => {
  expect(new Named().name).toBe("Named");
});
