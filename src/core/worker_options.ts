/**
 * A worker's options, checked once and resolved into one typed {@link WorkerConfig}: the
 * constructor and `periodic()` both go through {@link resolveWorkerOptions}, so every check and
 * default lives here. In the config "none" is `undefined`, never 0.
 * @module
 */
import { checkClock, type Clock, type ClockSource } from "./clock.ts";
import { type ClusterLeaseStore, type LeaseOptions, leaseOptions, type LeaseStore } from "./lease.ts";
import { checkBoolean, checkKeys, checkNonNegative, checkObject, checkPositive, show } from "./options.ts";
import type { BackoffOptions } from "./schedule.ts";
import { intern } from "./config_intern.ts";

/**
 * How runs are spaced: `"fixed-delay"` (default) waits `period` ms after a run ends;
 * `"fixed-rate"` keeps runs on the grid `start + k·period`.
 *
 * @example
 * ```ts
 * import type { ScheduleMode } from "@background/workers";
 *
 * const mode: ScheduleMode = "fixed-rate";
 * ```
 */
export type ScheduleMode = "fixed-delay" | "fixed-rate";

/**
 * What happens to a slot that comes due while a run still goes on (with `mode: "fixed-rate"` or
 * `cron`; in fixed delay no slot comes due during a run, the next is counted from its end):
 * `"buffer-one"` (default) runs once at once after it, for all such slots; `"skip"` drops them, and
 * the next run is the next slot after the run ends; `"cancel-previous"` aborts the running run's
 * signal (an `AbortError` saying why) and starts the new run once it settles: never two at once.
 *
 * @example
 * ```ts
 * import type { OverlapPolicy } from "@background/workers";
 *
 * const overlap: OverlapPolicy = "skip";
 * ```
 */
export type OverlapPolicy = "buffer-one" | "skip" | "cancel-previous";

/**
 * Options of a {@link PeriodicBackgroundWorker}.
 *
 * @example
 * ```ts
 * import type { PeriodicWorkerOptions } from "@background/workers";
 *
 * const options: PeriodicWorkerOptions = { period: 60_000, runOnStart: true, jitter: 5_000, timeout: 30_000 };
 * ```
 */
export interface PeriodicWorkerOptions {
  /** Milliseconds between runs: a finite number > 0 (periods past 24.8 days work). Exclusive with `cron`. */
  readonly period?: number;
  /**
   * A cron pattern (5 or 6 fields, or `@hourly`-style), instead of `period`. Needs the cron entry
   * point loaded once: `import "@background/workers/cron"`.
   */
  readonly cron?: string;
  /** The IANA time zone of `cron`, e.g. `"Europe/Berlin"`. Default: the process's local zone. */
  readonly timezone?: string;
  /** Run at once on start instead of one period later. Default false. Exclusive with `firstDelay`. */
  readonly runOnStart?: boolean;
  /**
   * The first run is due this many ms after start (then every period from it; with `cron`, the first
   * slot at or after it). Default: one period (cron: the next slot).
   */
  readonly firstDelay?: number;
  /** The worker stops itself after this many runs of a start. Default: no limit. */
  readonly maxRuns?: number;
  /** Slots that come due during a run: `"buffer-one"` (default), `"skip"` or `"cancel-previous"`. */
  readonly overlap?: OverlapPolicy;
  /** Unique name within a manager. Default: the class name. */
  readonly name?: string;
  /** `"fixed-delay"` (default) or `"fixed-rate"`. */
  readonly mode?: ScheduleMode;
  /**
   * Adds a random delay in [0, jitter) ms to each due time. Default 0. With `mode: "fixed-rate"` it
   * must be less than `period` (a RangeError otherwise): runs stay on the grid, each within a period.
   */
  readonly jitter?: number;
  /** Aborts a run's signal after this many ms (reason: a `TimeoutError`). Default: no timeout. */
  readonly timeout?: number;
  /** False registers the worker without running it. Default true. */
  readonly enabled?: boolean;
  /** Stretch the delay after consecutive failures: `true` for the defaults, or the settings. */
  readonly backoff?: boolean | BackoffOptions;
  /**
   * Run on one instance at a time through a lease store (overrides the manager's `lease`), or
   * `false` to run on every instance even when the manager has a lease store.
   */
  readonly lease?: LeaseStore | ClusterLeaseStore | LeaseOptions | false;
  /**
   * With a cluster lease store (Redis, PostgreSQL), what happens to the slots that no instance ran
   * (every instance was down, a deploy, a failover): `"once"` (default) runs one run at once for
   * them, then the schedule goes on; `"skip"` drops them; `"all"` runs each, back to back, at most
   * `maxCatchup` (the latest ones). Without such a store, the one-process rule holds: missed slots
   * coalesce into one run.
   */
  readonly missed?: MissedSlots;
  /** With `missed: "all"`, the most slots run to catch up. Default 10. */
  readonly maxCatchup?: number;
  /**
   * The clock of a worker started on its own, outside a manager: a `TestClock` from
   * `@background/workers/testing` in tests. In a manager the manager's clock rules: adding a worker
   * whose clock is another is a TypeError. Default: the real clock.
   */
  readonly clock?: ClockSource;
}

/**
 * What a worker does about slots no instance ran: see {@link PeriodicWorkerOptions.missed}.
 *
 * @example
 * ```ts
 * import type { MissedSlots } from "@background/workers";
 *
 * const missed: MissedSlots = "skip";
 * ```
 */
export type MissedSlots = "skip" | "once" | "all";

/**
 * Options of {@link periodic}: those of {@link PeriodicBackgroundWorker} but the name, which is the
 * first argument.
 *
 * @example
 * ```ts
 * import type { PeriodicOptions } from "@background/workers";
 *
 * const options: PeriodicOptions = { period: 1_000, mode: "fixed-rate" };
 * ```
 */
export type PeriodicOptions = Omit<PeriodicWorkerOptions, "name">;

/** Backoff as resolved: the growth per failure and the cap (undefined: the default cap). */
export interface BackoffConfig {
  readonly factor: number;
  readonly max: number | undefined;
}

/** What a worker reads of its options while it runs, checked and with defaults applied. */
export interface WorkerConfig {
  readonly runOnStart: boolean;
  /** Undefined: no jitter. */
  readonly jitter: number | undefined;
  /** Undefined: no timeout. */
  readonly timeout: number | undefined;
  /** Undefined: no backoff. */
  readonly backoff: BackoffConfig | undefined;
  /** Undefined: the manager's lease, if any; false: never a lease. */
  readonly lease: LeaseOptions | false | undefined;
  readonly missed: MissedSlots;
  readonly maxCatchup: number;
  readonly overlap: OverlapPolicy;
  /** What an engine needs of the schedule besides the period (the schedule itself keeps that). */
  readonly cron: string | undefined;
  readonly timezone: string | undefined;
  readonly mode: ScheduleMode;
  /** Undefined: one period (cron: the next slot). */
  readonly firstDelay: number | undefined;
  /** Undefined: no limit. */
  readonly maxRuns: number | undefined;
  /** The clock of the worker's own queue; undefined: the real one (or its manager's). */
  readonly clock: Clock | undefined;
}

/**
 * A worker's options after checking: the config it keeps, and what only its construction reads
 * (the schedule's inputs, whether it is enabled), which a worker does not carry along.
 */
export interface ResolvedOptions {
  /** The worker's name (not in the config, which workers with the same options share). */
  readonly name: string;
  readonly config: WorkerConfig;
  /** The period in ms; undefined for a cron worker. */
  readonly period: number | undefined;
  /** The cron pattern; undefined for a periodic worker. */
  readonly cron: string | undefined;
  readonly timezone: string | undefined;
  readonly mode: ScheduleMode;
  readonly enabled: boolean;
}

/** Every option key, for the unknown-option check. */
export const WORKER_OPTIONS: readonly string[] = [
  "period",
  "cron",
  "timezone",
  "runOnStart",
  "name",
  "mode",
  "jitter",
  "timeout",
  "enabled",
  "backoff",
  "lease",
  "missed",
  "maxCatchup",
  "firstDelay",
  "maxRuns",
  "overlap",
  "clock",
];
const OVERLAPS: readonly string[] = ["buffer-one", "skip", "cancel-previous"];
const BACKOFF_OPTIONS = ["factor", "max"] as const;
const MODES: readonly string[] = ["fixed-delay", "fixed-rate"];
const MISSED: readonly string[] = ["skip", "once", "all"];

/**
 * Checks a worker's options and resolves them. `className` is the subclass's name: the default
 * worker name and, until the name is known, who the errors name.
 */
export function resolveWorkerOptions(className: string, options: PeriodicWorkerOptions): ResolvedOptions {
  const owner = className || "PeriodicBackgroundWorker";
  checkObject(owner, "options", options);
  if (options === undefined) throw new TypeError(`${owner}: options with a "period" or a "cron" are required`);
  const name = options.name ?? className;
  if (typeof name !== "string" || name.trim() === "") {
    throw new TypeError(`${owner}: option "name" must be a non-empty string, got ${show(name)}`);
  }
  checkKeys(name, options, WORKER_OPTIONS);
  const cron = options.cron;
  if (cron !== undefined && options.period !== undefined) {
    throw new TypeError(
      `${name}: options "period" and "cron" exclude each other, got period ${show(options.period)} and cron ${show(cron)}`,
    );
  }
  if (cron === undefined && options.timezone !== undefined) {
    throw new TypeError(`${name}: option "timezone" needs "cron", got timezone ${show(options.timezone)}`);
  }
  if (cron !== undefined && options.mode !== undefined) {
    throw new TypeError(`${name}: option "mode" applies to "period" only, got mode ${show(options.mode)} with cron`);
  }
  const period = cron === undefined ? checkPositive(name, "period", options.period) : undefined;
  const mode = options.mode ?? "fixed-delay";
  if (!MODES.includes(mode)) {
    throw new TypeError(`${name}: option "mode" must be "fixed-delay" or "fixed-rate", got ${show(mode)}`);
  }
  const runOnStart = checkBoolean(name, "runOnStart", options.runOnStart ?? false);
  const missed = options.missed ?? "once";
  if (!MISSED.includes(missed)) {
    throw new TypeError(`${name}: option "missed" must be "skip", "once" or "all", got ${show(missed)}`);
  }
  if (options.maxCatchup !== undefined && missed !== "all") {
    throw new TypeError(`${name}: option "maxCatchup" applies to missed: "all", got maxCatchup ${show(options.maxCatchup)} with missed ${show(missed)}`);
  }
  const maxCatchup = options.maxCatchup === undefined ? 10 : checkPositive(name, "maxCatchup", options.maxCatchup);
  if (!Number.isInteger(maxCatchup)) throw new RangeError(`${name}: option "maxCatchup" must be a whole number, got ${show(maxCatchup)}`);
  const jitter = checkNonNegative(name, "jitter", options.jitter ?? 0);
  if (mode === "fixed-rate" && period !== undefined) checkRateJitter(name, period, jitter);
  const timeout = options.timeout === undefined ? undefined : checkPositive(name, "timeout", options.timeout);
  const enabled = checkBoolean(name, "enabled", options.enabled ?? true);
  const overlap = options.overlap ?? "buffer-one";
  if (!OVERLAPS.includes(overlap)) {
    throw new TypeError(`${name}: option "overlap" must be "buffer-one", "skip" or "cancel-previous", got ${show(overlap)}`);
  }
  if (options.firstDelay !== undefined && runOnStart) {
    throw new TypeError(`${name}: options "firstDelay" and "runOnStart" exclude each other, got firstDelay ${show(options.firstDelay)} with runOnStart true`);
  }
  const firstDelay = options.firstDelay === undefined ? undefined : checkNonNegative(name, "firstDelay", options.firstDelay);
  const maxRuns = options.maxRuns === undefined ? undefined : checkPositive(name, "maxRuns", options.maxRuns);
  if (maxRuns !== undefined && !Number.isInteger(maxRuns)) {
    throw new RangeError(`${name}: option "maxRuns" must be a whole number, got ${show(maxRuns)}`);
  }
  const config: WorkerConfig = intern({
    runOnStart,
    jitter: jitter > 0 ? jitter : undefined,
    timeout,
    backoff: backoffConfig(name, options.backoff ?? false),
    lease: options.lease === undefined || options.lease === false ? options.lease : leaseOptions(name, options.lease),
    missed,
    maxCatchup,
    overlap,
    cron,
    timezone: options.timezone,
    mode,
    firstDelay,
    maxRuns,
    clock: options.clock === undefined ? undefined : checkClock(name, options.clock),
  });
  return { name, config, period, cron, timezone: options.timezone, mode, enabled };
}


/**
 * Fixed rate keeps runs on a grid of `period`: a jitter of a period or more would push each run past
 * the next slot, and the grid would coalesce them into far fewer runs than it promises.
 */
export function checkRateJitter(name: string, period: number, jitter: number): void {
  if (jitter >= period) {
    throw new RangeError(
      `${name}: option "jitter" must be less than "period" with mode "fixed-rate", got jitter ${show(jitter)} and period ${show(period)}`,
    );
  }
}

function backoffConfig(name: string, backoff: boolean | BackoffOptions): BackoffConfig | undefined {
  if (typeof backoff === "boolean") return backoff ? { factor: 2, max: undefined } : undefined;
  checkObject(name, 'option "backoff"', backoff);
  checkKeys(`${name}: backoff`, backoff, BACKOFF_OPTIONS);
  const factor = backoff.factor === undefined ? 2 : checkPositive(name, "backoff.factor", backoff.factor);
  if (factor < 1) throw new RangeError(`${name}: option "backoff.factor" must be ≥ 1, got ${show(backoff.factor)}`);
  return { factor, max: backoff.max === undefined ? undefined : checkPositive(name, "backoff.max", backoff.max) };
}

/** What `periodic()`'s options take: the name is its first argument. */
const PERIODIC_OPTIONS: readonly string[] = WORKER_OPTIONS.filter((key) => key !== "name");

/**
 * Checks `periodic()`'s arguments before its options are resolved: the name is the first argument,
 * so an options object naming it is an error.
 */

export function checkPeriodicArgs(name: unknown, options: unknown, work: unknown): asserts name is string {
  if (typeof name !== "string" || name.trim() === "") {
    throw new TypeError(`periodic(): the name must be a non-empty string, got ${show(name)}`);
  }
  checkObject(name, "options", options);
  if (options !== undefined && "name" in (options as object)) {
    throw new TypeError(`${name}: option "name" is not allowed here; the name is periodic()'s first argument`);
  }
  if (options !== undefined) checkKeys(name, options as object, PERIODIC_OPTIONS);
  if (typeof work !== "function") {
    throw new TypeError(`${name}: periodic()'s third argument must be the work function, got ${show(work)}`);
  }
}
