/**
 * What the status handler learns from run events rather than from `manager.status()`: the recent
 * runs of each worker, the duration and lateness histograms, and the leases held. Memory is bounded
 * by the workers the manager has: a fixed number of runs per worker, one histogram per outcome and
 * error type, and workers that left the manager are forgotten at the next read (`keepOnly`).
 * @module
 */
import type { LeaseEvent, RunEndEvent, RunEvent, RunObserver, RunOutcome } from "../core/observer.ts";

/** A thrown value as JSON can carry it: `{}` is what `JSON.stringify(new Error("x"))` gives. */
export interface ErrorLine {
  /** The error's name (`TypeError`, `AbortError`, …), or the type of a thrown non-error. */
  readonly name: string;
  /** Its message. */
  readonly message: string;
}

/** One settled run, as the dashboard shows it. */
export interface RecentRun {
  /** The run's number. */
  readonly run: number;
  /** When it started (epoch ms). */
  readonly startedAt: number;
  /** How long it took (ms). */
  readonly durationMs: number;
  /** How it ended. */
  readonly outcome: RunOutcome;
  /** What it threw, when it threw. */
  readonly error: ErrorLine | null;
}

/** Characters of an error message kept per recent run: a history of 20 multi-megabyte messages would not be small. */
export const MESSAGE_LIMIT = 1_000;

/** Upper bounds (seconds) of the histogram buckets, as the telemetry entry point advises them. */
export const SECONDS_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** A Prometheus histogram: counts per bucket (not cumulative; the exposition adds them up), sum, count. */
export class Histogram {
  readonly counts: number[] = new Array<number>(SECONDS_BUCKETS.length).fill(0);
  sum = 0;
  count = 0;

  observe(seconds: number): void {
    this.sum += seconds;
    this.count++;
    // Past the last bound it lands only in +Inf, which is `count`.
    for (let i = 0; i < SECONDS_BUCKETS.length; i++) {
      if (seconds <= SECONDS_BUCKETS[i]!) {
        this.counts[i]!++;
        return;
      }
    }
  }
}

/** The outcome and error type under which a run's duration is counted. */
export interface OutcomeKey {
  readonly outcome: RunOutcome;
  readonly errorType: string | undefined;
}

/** One worker's share of the log. */
export interface WorkerLog {
  /** Oldest first, at most the log's `size`. */
  readonly recent: RecentRun[];
  /** Durations by `outcome` or `outcome\0errorType`. */
  readonly durations: Map<string, { key: OutcomeKey; histogram: Histogram }>;
  readonly lateness: Histogram;
  leaseHeld: boolean;
}

/**
 * The `error.type` of a run that ended badly, as the telemetry entry point gives it (a test keeps
 * the two equal): the error's name (its class name for a plain `Error` subclass), `_OTHER` for a
 * thrown non-error, the outcome itself for a timeout or a lost lease; none for a success or a run
 * that a stop or the next slot aborted (it did what it was asked).
 */
export function errorType(outcome: RunOutcome, error: unknown): string | undefined {
  if (outcome === "success" || outcome === "aborted" || outcome === "cancelled") return undefined;
  if (outcome !== "failure") return outcome;
  if (error instanceof Error || error instanceof DOMException) {
    return error.name === "Error" ? error.constructor.name || "Error" : error.name;
  }
  return "_OTHER";
}

/** What a thrown value says, as `{ name, message }`; never throws, whatever was thrown. */
export function errorLine(error: unknown): ErrorLine {
  if (error instanceof Error || error instanceof DOMException) {
    return { name: String(error.name), message: String(error.message) };
  }
  let message: string;
  try {
    message = typeof error === "string" ? error : JSON.stringify(error) ?? String(error);
  } catch {
    message = Object.prototype.toString.call(error);
  }
  return { name: error === null ? "null" : typeof error, message };
}

function shortened(line: ErrorLine): ErrorLine {
  return line.message.length <= MESSAGE_LIMIT ? line : { name: line.name, message: `${line.message.slice(0, MESSAGE_LIMIT)}…` };
}

/** The observer that keeps the log; `manager.observe(log.observer)`. */
export class RunLog {
  readonly #size: number;
  readonly #workers = new Map<string, WorkerLog>();
  /** The observer to register: only the events the log needs. */
  readonly observer: RunObserver;

  constructor(size: number) {
    this.#size = size;
    this.observer = {
      started: (event: RunEvent): void => {
        const late = event.startedAt - event.scheduledAt;
        // A run triggered before its slot started early: 0, as the telemetry counts it.
        this.#of(event.worker).lateness.observe(late > 0 ? late / 1_000 : 0);
      },
      settled: (event: RunEndEvent): void => this.#settled(event),
      lease: (event: LeaseEvent): void => {
        this.#of(event.worker).leaseHeld = event.held;
      },
    };
  }

  #of(worker: string): WorkerLog {
    let log = this.#workers.get(worker);
    if (log === undefined) {
      log = { recent: [], durations: new Map(), lateness: new Histogram(), leaseHeld: false };
      this.#workers.set(worker, log);
    }
    return log;
  }

  #settled(event: RunEndEvent): void {
    const log = this.#of(event.worker);
    const outcome = event.outcome;
    const type = errorType(outcome, event.error);
    const id = type === undefined ? outcome : `${outcome}\0${type}`;
    let duration = log.durations.get(id);
    if (duration === undefined) {
      duration = { key: { outcome, errorType: type }, histogram: new Histogram() };
      log.durations.set(id, duration);
    }
    duration.histogram.observe(event.durationMs / 1_000);
    if (this.#size === 0) return;
    if (log.recent.length === this.#size) log.recent.shift();
    log.recent.push({
      run: event.run,
      startedAt: event.startedAt,
      durationMs: event.durationMs,
      outcome,
      error: outcome === "success" || event.error === undefined ? null : shortened(errorLine(event.error)),
    });
  }

  /** The log of one worker, if it ever ran or held a lease. */
  get(worker: string): WorkerLog | undefined {
    return this.#workers.get(worker);
  }

  /** Forgets the workers that are no longer in `names` (removed from the manager). */
  keepOnly(names: ReadonlySet<string>): void {
    for (const name of this.#workers.keys()) if (!names.has(name)) this.#workers.delete(name);
  }
}
