/**
 * What every workload in bench/peers/ shares: reading its arguments, measuring the heap a scheduler
 * keeps per task, and timing every tick of every task for a fixed window. A workload file only says
 * how its scheduler starts `count` tasks that call `tick(i)`; bench/run.ts runs each in its own
 * process and reads the JSON lines printed here.
 *
 *   node_modules/.bin/deno run -A --v8-flags=--expose-gc bench/peers/ours.ts 10000 1000 10
 *   node_modules/.bin/deno run -A --v8-flags=--expose-gc bench/peers/ours.ts 100000 1000 5 cold
 *   (arguments: task count, period in ms, measured seconds, and `cold` for a window that opens
 *   right after the setup instead of once every task has ticked)
 *
 * Per-tick work is kept allocation-free (typed arrays and a preallocated histogram), so that the
 * CPU and garbage measured are the scheduler's, not the harness's.
 * @module
 */
import process from "node:process";
import { Histogram } from "./histogram.ts";

declare const Bun: { gc(force: boolean): void } | undefined;

/** What a workload runs: `count` tasks every `period` ms, measured for `seconds`. */
export interface Workload {
  readonly count: number;
  readonly period: number;
  readonly seconds: number;
  /**
   * "steady": the window opens once every task has ticked once, after a forced GC; "cold": right
   * after the setup resolved, with no wait and no GC before it.
   */
  readonly mode: "steady" | "cold";
}

/** Starts the scheduler's `count` tasks; task `i` must call `tick(i)` on each run. */
export type Setup = (workload: Workload, tick: (i: number) => void) => void | Promise<void>;

/** The line a workload prints once the window is over (`bench: "result"`). */
export interface Result {
  readonly bench: "result";
  readonly scheduler: string;
  readonly count: number;
  readonly period: number;
  readonly seconds: number;
  /** Wall time of the setup (creating and starting every task), ms. */
  readonly setupMs: number;
  /**
   * Heap growth after GC from before the setup to every task's first tick (cold: to the window's
   * end), divided by the task count, bytes.
   */
  readonly heapPerTask: number;
  /** Every tick in the window. */
  readonly ticks: number;
  /** Ticks in the window per second of wall time. */
  readonly ticksPerSecond: number;
  /**
   * Ticks after each task's first tick in the window, over the ticks due in the same spans (see
   * BENCHMARKS.md); cold: every tick in the window, over the ticks due from the window's start.
   */
  readonly delivered: number;
  /** Ticks that came less than half a period after the task's previous one: a slot delivered twice, not counted in `delivered`. */
  readonly doubled: number;
  /** Tasks that ticked at least once in the window. */
  readonly tasksTicked: number;
  /** Tasks that ticked before the window opened. */
  readonly tasksWarm: number;
  /** From the end of the setup to every task's first tick (or two periods), ms. */
  readonly warmMs: number;
  /** The forced GC before the heap measurement, just before the window, ms. */
  readonly gcMs: number;
  /** |interval − period| between two ticks of one task, ms. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** User + system CPU time in the window per 1,000 ticks, ms. */
  readonly cpuPer1000: number;
  /** Length of the window, ms. */
  readonly windowMs: number;
  /** Only in a cold window: "cold". */
  readonly mode?: "cold";
  /**
   * Only in a cold window: from its start to each task's first tick in it, p99 and max over the
   * tasks, ms; a task that never ticked counts as infinitely late (so the max is then null).
   */
  readonly firstTickP99?: number;
  readonly firstTickMax?: number;
}

/** Reads `count period seconds [cold]` from the command line. */
export function workload(): Workload {
  const [count = "10000", period = "1000", seconds = "10", mode = "steady"] = process.argv.slice(2);
  const w = { count: Number(count), period: Number(period), seconds: Number(seconds), mode: mode as Workload["mode"] };
  if (!(w.count >= 1 && w.period > 0 && w.seconds > 0 && (mode === "steady" || mode === "cold"))) {
    throw new RangeError(`bad arguments: ${process.argv.slice(2).join(" ")}`);
  }
  return w;
}

/** A full collection, so that the heap figures hold only what is still reachable. */
export function gc(): void {
  if (typeof Bun !== "undefined") return Bun.gc(true);
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error("no gc(): run Node with --expose-gc, Deno with --v8-flags=--expose-gc");
  // Twice: the first pass can leave objects that only its own finalization released.
  collect();
  collect();
}

/** Runs one workload end to end and exits the process. */
export async function measure(scheduler: string, setup: Setup): Promise<never> {
  const w = workload();
  const { count, period } = w;
  const cold = w.mode === "cold";
  // Allocated before the baseline, so they are not counted as the scheduler's heap.
  const first = new Float64Array(count);
  const last = new Float64Array(count);
  const after = new Uint32Array(count);
  const errors = new Histogram();
  let state = 0; // 0 before the window, 1 in it, 2 after it
  let ticks = 0;
  let doubled = 0;
  let warm = 0; // tasks that ticked before the window
  const tick = (i: number): void => {
    if (state === 2) return;
    const now = performance.now();
    const prev = last[i]!;
    last[i] = now;
    if (state === 0) {
      if (prev === 0) warm++;
      return;
    }
    ticks++;
    // Only intervals that start in the window: one that began before it may hold the pause of the
    // forced GC that opened it, which is the harness's, not the scheduler's.
    if (first[i] !== 0) errors.record(Math.abs(now - prev - period));
    if (first[i] === 0) first[i] = now;
    else if (now - prev < period / 2) doubled++;
    else after[i]!++;
  };

  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  await setup(w, tick);
  const setupMs = performance.now() - t0;
  let warmMs = 0;
  let gcMs = 0;
  let heapPerTask = NaN;
  if (!cold) {
    // The window opens once every task has ticked once (or after two periods, for a scheduler that
    // lags): first runs pay one-time costs (lazy state, cold code, their garbage) that a steady state
    // does not, and the heap measured after them holds what a running task keeps (ours makes its
    // AbortController at its first run), not only what a new one does.
    const warming = performance.now();
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (warm < count && performance.now() - warming < 2 * period) return;
        clearInterval(poll);
        resolve();
      }, Math.min(10, period / 10));
    });
    warmMs = performance.now() - warming;
    const g0 = performance.now();
    gc();
    gcMs = performance.now() - g0;
    heapPerTask = (process.memoryUsage().heapUsed - heapBefore) / count;
  }
  console.log(JSON.stringify({ bench: "ready", setupMs }));

  const cpu0 = process.cpuUsage();
  const start = performance.now();
  state = 1;
  await new Promise((resolve) => setTimeout(resolve, w.seconds * 1_000));
  state = 2;
  const end = performance.now();
  const cpu = process.cpuUsage(cpu0);
  if (cold) {
    // After the window, so that the collection costs the window nothing: what running tasks keep.
    gc();
    heapPerTask = (process.memoryUsage().heapUsed - heapBefore) / count;
  }

  // A task is due one tick per whole period from its first tick to its last one, rounded so that a
  // tick a little early or late at either end changes nothing; a task whose last tick came more
  // than a period before the end stalled, and is due the ticks it missed up to then too.
  // In a cold window the span starts at the window's start for every task, not at its first tick:
  // its first tick is due a period after it, so a first tick half a period late or more is a slot
  // lost. The first tick then counts too, and a task is credited at most what it was due (one made
  // early in a long setup may tick once more, which is no slot of the window).
  let got = 0;
  let due = 0;
  let tasksTicked = 0;
  for (let i = 0; i < count; i++) {
    if (first[i] === 0) {
      due += Math.round(Math.max(0, end - start - period) / period);
      continue;
    }
    tasksTicked++;
    if (cold) {
      const owed = Math.round((Math.max(last[i]!, end - period) - start) / period);
      got += Math.min(after[i]! + 1, owed);
      due += owed;
      continue;
    }
    got += after[i]!;
    due += Math.round((Math.max(last[i]!, end - period) - first[i]!) / period);
  }
  const result: Result = {
    bench: "result",
    scheduler,
    count,
    period,
    seconds: w.seconds,
    setupMs,
    heapPerTask,
    ticks,
    ticksPerSecond: ticks / ((end - start) / 1_000),
    delivered: due > 0 ? got / due : 0,
    doubled,
    tasksTicked,
    tasksWarm: warm,
    warmMs,
    gcMs,
    p50: errors.quantile(0.5),
    p99: errors.quantile(0.99),
    max: errors.max,
    cpuPer1000: ticks > 0 ? ((cpu.user + cpu.system) / 1_000 / ticks) * 1_000 : NaN,
    windowMs: end - start,
    ...(cold ? { mode: "cold" as const, ...firstTicks(first, start) } : {}),
  };
  console.log(JSON.stringify(result));
  // Not stopping the scheduler: stopping is not measured, and for some peers 100,000 stops take long.
  process.exit(0);
}

/**
 * How late each task's first tick in a cold window came, from the window's start: a lateness the
 * delivered share shows only from half a period on, and the interval error not at all.
 */
function firstTicks(first: Float64Array, start: number): { firstTickP99: number; firstTickMax: number } {
  const late = first.map((t) => (t === 0 ? Infinity : t - start)).sort();
  return { firstTickP99: late[Math.min(late.length - 1, Math.ceil(0.99 * late.length) - 1)]!, firstTickMax: late[late.length - 1]! };
}

/** For peers that take only cron patterns: every second is the finest they have. */
export function everySecond(scheduler: string, w: Workload): string {
  if (w.period !== 1_000) throw new RangeError(`${scheduler} has no millisecond interval: only period 1000 (cron "* * * * * *")`);
  return "* * * * * *";
}
