/**
 * One soak in this process (bench/soak_run.ts runs it on each runtime, one after another): 2,000
 * workers at 10–500 ms in one manager, fixed delay, fixed rate and cron, with jitter, timeouts and
 * runs that throw; 20 adds and 20 removes every 100 ms, 50 period changes every 5 s. Every ~10 s it
 * forces a GC and prints a sample line: heap, runs, errors nobody asked for, overlapping runs,
 * event-loop lag, workers that stopped running. Ends with a result line and exit code 0.
 *
 *   node_modules/.bin/deno run -A --v8-flags=--expose-gc bench/soak.ts --minutes 8
 *   node_modules/.bin/bun bench/soak.ts --minutes 1
 */
import {
  BackgroundWorkerManager,
  type ErrorInfo,
  periodic,
  type PeriodicBackgroundWorker,
  type PeriodicOptions,
  type ScheduleMode,
  type WorkerContext,
} from "../mod.ts";
import "../src/cron/mod.ts";

declare const Bun: { gc(force: boolean): void } | undefined;
declare const process: {
  argv: string[];
  memoryUsage(): { heapUsed: number };
  on(event: "unhandledRejection", listener: (reason: unknown) => void): void;
  exit(code: number): never;
};

function flag(name: string, fallback: number): number {
  const argv = process.argv;
  const i = argv.indexOf(`--${name}`);
  const value = i < 0 ? fallback : Number(argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`soak: --${name} must be a number > 0, got ${argv[i + 1]}`);
  return value;
}

const minutes = flag("minutes", 8);
const population = flag("workers", 2_000);
const sampleEvery = flag("sample", 10) * 1_000;
const CHURN_EVERY = 100;
const CHURN = 20;
const PERIOD_CHANGES = 50;
const PERIOD_CHANGE_EVERY = 5_000;
const LAG_SAMPLE = 100;
/** Event-loop lag above this counts as a stall (the machine is shared: a second or so of CPU starvation happens). */
const STALL_MS = 2_000;

class SoakError extends Error {}

function gc(): void {
  if (typeof Bun !== "undefined") Bun.gc(true);
  else (globalThis as { gc?: () => void }).gc?.();
}
if (typeof Bun === "undefined" && (globalThis as { gc?: unknown }).gc === undefined) {
  throw new Error("soak: no forced GC here: run Node with --expose-gc, Deno with --v8-flags=--expose-gc");
}

const random = (lo: number, hi: number): number => lo + Math.floor(Math.random() * (hi - lo + 1));

/** What the soak knows of one live worker. */
interface Entry {
  readonly worker: PeriodicBackgroundWorker;
  readonly kind: "fixed-delay" | "fixed-rate" | "cron";
  readonly jitter: number | undefined;
  readonly addedAt: number;
  /** The longest a healthy worker goes without a run ending (or starting), ms. */
  readonly quiet: number;
  active: boolean;
  lastEvent: number;
}

const counts = { runs: 0, thrown: 0, timedOut: 0, aborted: 0, overlaps: 0, unexpected: 0, added: 0, removed: 0, periodChanges: 0, stalls: 0, starved: 0 };
let maxLag = 0;
const firstErrors: string[] = [];
function unexpected(what: string): void {
  counts.unexpected++;
  if (firstErrors.length < 5) firstErrors.push(what.slice(0, 200));
}

if (typeof Deno !== "undefined") {
  globalThis.addEventListener("unhandledrejection", (e) => {
    e.preventDefault();
    console.error("soak: unhandled rejection", e.reason);
    unexpected(`unhandled rejection: ${String(e.reason)}`);
  });
} else {
  process.on("unhandledRejection", (reason) => {
    console.error("soak: unhandled rejection", reason);
    unexpected(`unhandled rejection: ${String(reason)}`);
  });
}

const live = new Map<string, Entry>();
const manager = new BackgroundWorkerManager({
  stopTimeout: 10_000,
  logger: { debug() {}, info() {}, warn: (...a: unknown[]) => unexpected(`warn: ${a.join(" ")}`), error() {} },
  onError(error: unknown, info: ErrorInfo) {
    if (info.phase === "run" && error instanceof SoakError) counts.thrown++;
    else if (info.phase === "run" && (error as { name?: unknown })?.name === "TimeoutError") counts.timedOut++;
    // A run that a removal aborted, rejecting with its signal's reason.
    else if (info.phase === "run" && (error as { name?: unknown })?.name === "AbortError") counts.aborted++;
    else unexpected(`onError ${info.phase} of ${info.worker}: ${String(error)}`);
  },
});

const PATTERNS = ["* * * * * *", "*/2 * * * * *", "*/3 * * * * *", "*/5 * * * * *"];
let seq = 0;

/** A run of `ms` that ends early, rejecting, when its signal aborts (as a run with a timeout must). */
function work(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function addOne(): void {
  const name = `soak-${seq++}`;
  const roll = Math.random();
  const kind: Entry["kind"] = roll < 0.45 ? "fixed-delay" : roll < 0.9 ? "fixed-rate" : "cron";
  const period = random(10, 500);
  // Fixed rate keeps its jitter under the period (issue 15, defect 10); fixed delay may go past it.
  const jitter = Math.random() < 0.3 ? random(1, kind === "fixed-delay" ? period : Math.floor(period / 2)) : undefined;
  const timeout = Math.random() < 0.2 ? random(5, 200) : undefined;
  // Seconds-granular patterns, some with a seconds offset, so that patterns come and go with their workers.
  const cron = kind === "cron" ? (Math.random() < 0.5 ? PATTERNS[random(0, PATTERNS.length - 1)] : `${random(0, 59)}-59/7 * * * * *`) : undefined;
  const longest = timeout ?? 60;
  const entry: Entry = {
    worker: undefined as unknown as PeriodicBackgroundWorker,
    kind,
    jitter,
    addedAt: performance.now(),
    quiet: (cron !== undefined ? 60_000 : 2 * (500 + (jitter ?? 0))) + longest + 5_000,
    active: false,
    lastEvent: performance.now(),
  };
  const doWork = async ({ signal }: WorkerContext): Promise<void> => {
    if (entry.active) counts.overlaps++;
    entry.active = true;
    entry.lastEvent = performance.now();
    counts.runs++;
    try {
      if (Math.random() < 0.05) throw new SoakError("a run that throws");
      // Mostly short runs; a worker with a timeout sometimes outlives it and is aborted.
      const ms = timeout !== undefined && Math.random() < 0.2 ? timeout * 2 : random(0, Math.min(40, period));
      if (ms > 0) await work(ms, signal);
    } finally {
      entry.active = false;
      entry.lastEvent = performance.now();
    }
  };
  // "None" is an absent option, never undefined (exactOptionalPropertyTypes).
  const extra: PeriodicOptions = { ...(jitter === undefined ? {} : { jitter }), ...(timeout === undefined ? {} : { timeout }) };
  const options: PeriodicOptions = cron !== undefined
    ? { cron, ...extra }
    : { period, mode: kind as ScheduleMode, runOnStart: Math.random() < 0.3, ...extra };
  const worker = periodic(name, options, doWork);
  (entry as { worker: PeriodicBackgroundWorker }).worker = worker;
  live.set(name, entry);
  manager.add(worker);
  counts.added++;
}

const names = (): string[] => [...live.keys()];
function pick(from: string[], n: number): string[] {
  const chosen: string[] = [];
  for (let i = 0; i < n && from.length > 0; i++) chosen.push(from.splice(Math.floor(Math.random() * from.length), 1)[0] as string);
  return chosen;
}

function removeOne(name: string): void {
  live.delete(name);
  counts.removed++;
  manager.remove(name).then(
    (report) => {
      if (!report.ok) unexpected(`remove ${name}: not ok ${JSON.stringify(report)}`);
    },
    (error) => unexpected(`remove ${name}: ${String(error)}`),
  );
}

const origin = performance.now();
try {
  for (let i = 0; i < population; i++) addOne();
  await manager.start();
} catch (error) {
  // An unhandled rejection is counted, not fatal: a setup that fails must not pass for a quiet soak.
  console.error("soak: the setup failed:", error);
  process.exit(1);
}
console.log(JSON.stringify({ bench: "ready", workers: manager.size }));

const churn = setInterval(() => {
  for (const name of pick(names(), CHURN)) removeOne(name);
  for (let i = 0; i < CHURN; i++) addOne();
}, CHURN_EVERY);

const periods = setInterval(() => {
  const periodic = names().filter((n) => live.get(n)?.kind !== "cron");
  for (const name of pick(periodic, PERIOD_CHANGES)) {
    const entry = live.get(name) as Entry;
    // Fixed rate refuses a jitter of the period or more; fixed delay takes any.
    entry.worker.period = random(entry.kind === "fixed-rate" ? Math.max(10, (entry.jitter ?? 0) + 1) : 10, 500);
    counts.periodChanges++;
  }
}, PERIOD_CHANGE_EVERY);

// Loop lag: how late a 100 ms interval fires. The forced GC of a sample is excluded: it is ours.
let expected = performance.now() + LAG_SAMPLE;
let skipLag = false;
const lag = setInterval(() => {
  const now = performance.now();
  const late = now - expected;
  expected = now + LAG_SAMPLE;
  if (skipLag) {
    skipLag = false;
    return;
  }
  maxLag = Math.max(maxLag, late);
  if (late > STALL_MS) counts.stalls++;
}, LAG_SAMPLE);

function sample(): Record<string, unknown> {
  const now = performance.now();
  // A worker that has been quiet for much longer than its slowest spacing has stopped being scheduled.
  let starved = 0;
  for (const entry of live.values()) {
    if (now - Math.max(entry.lastEvent, entry.addedAt) > entry.quiet) starved++;
  }
  counts.starved = Math.max(counts.starved, starved);
  const t0 = performance.now();
  gc();
  const heap = process.memoryUsage().heapUsed;
  skipLag = true;
  return {
    t: Math.round((now - origin) / 1_000),
    heapMB: Math.round((heap / 2 ** 20) * 100) / 100,
    gcMs: Math.round(performance.now() - t0),
    size: manager.size,
    starvedNow: starved,
    maxLagMs: Math.round(maxLag),
    ...counts,
  };
}

const samples = setInterval(() => console.log(JSON.stringify({ bench: "sample", ...sample() })), sampleEvery);
await new Promise((resolve) => setTimeout(resolve, minutes * 60_000));
clearInterval(samples);
clearInterval(churn);
clearInterval(periods);
clearInterval(lag);
const last = sample();
const stopStarted = performance.now();
const report = await manager.stop();
const stopMs = Math.round(performance.now() - stopStarted);
if (!report.ok) unexpected(`stop: not ok ${JSON.stringify(report)}`);
console.log(JSON.stringify({ bench: "result", ...last, stopMs, unexpected: counts.unexpected, firstErrors }));
process.exit(0);
