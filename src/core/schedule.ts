/**
 * How the next due time of a worker is computed. Times are monotonic ms (`performance.now()`).
 * Cron plugs in as one more {@link Schedule}.
 * @module
 */

import type { Clock } from "./clock.ts";
import type { MissedSlots, ResolvedOptions } from "./worker_options.ts";

/** What a schedule makes of the cluster's last slot: see {@link Schedule.resume}. */
export interface ResumePlan {
  /** Slots (monotonic) to run now, back to back, oldest first. */
  readonly run: readonly number[];
  /** The due time after them, or of the next slot when there is nothing to run. */
  readonly next: number;
}

/** A worker's schedule: where its runs fall, before jitter and backoff. */
export interface Schedule {
  /** The due time of the first run after a start at `now`; `delay` is the worker's `firstDelay`. */
  first(now: number, delay?: number): number;
  /**
   * How many slots came due after the run's own (due at `due`, started at `start`) up to its end:
   * the slots that went by during it. Before `next()` for the same run.
   */
  passed(due: number, start: number, end: number): number;
  /** The first slot after the run's own, for `overlap: "cancel-previous"`; undefined without a grid. */
  upcoming(due: number, start: number): number | undefined;
  /** The due time of the run after one that was due at `due`, started at `start` and ended at `end`. */
  next(due: number, start: number, end: number): number;
  /** The period changed at `now`: rebase so the next `next()` uses it from the current slot. */
  rebase(now: number): void;
  /**
   * The timer-queue lane of workers whose due times arrive in order (see `TimerQueue.schedule`);
   * periodic workers use their period. Cron schedules of one pattern share a negative key.
   */
  readonly lane: number;
  /** The period in ms of a periodic schedule (the worker may change it); undefined for cron. */
  period: number | undefined;
  /**
   * The cluster's last run of this worker was due at `last` (monotonic, on this clock): take up the
   * cluster's schedule from there. Returns the missed slots to run now, oldest first (as `missed`
   * says: none, the latest one, or at most `max` of the latest), and the next due time after them.
   */
  resume(last: number, now: number, missed: MissedSlots, max: number, lastWall?: number): ResumePlan;
  /**
   * The wall-clock slot (epoch ms) behind a due time this schedule handed out, when it has one to
   * the millisecond (a cron slot, the cluster's grid), so that `context.scheduledAt` is the slot
   * itself rather than the monotonic due time turned back into epoch time.
   */
  wallOf?(due: number): number | undefined;
  /**
   * The worker starts on the queue of `clock`: a schedule that reads wall time (cron) reads it
   * there, so that it follows a test clock too.
   */
  useClock?(clock: Clock): void;
}

/** Fixed delay: the next run is due `period` ms after the previous one ended (ABP's model). */
export class FixedDelay implements Schedule {
  period: number;
  // No parameter property (see PeriodicState's constructor for why).
  constructor(period: number) {
    this.period = period;
  }
  /** Workers of one period share a lane: each re-queues `period` after its run, in run order. */
  get lane(): number {
    return this.period;
  }
  first(now: number, delay?: number): number {
    return now + (delay ?? this.period);
  }
  next(_due: number, _start: number, end: number): number {
    return end + this.period;
  }
  /** The next slot is counted from the run's end: none goes by during it. */
  passed(): number {
    return 0;
  }
  upcoming(): undefined {
    return undefined;
  }
  rebase(): void {}
  /** No grid: the next run was due one period after the last; if that went by, it is the one missed slot. */
  resume(last: number, now: number, missed: MissedSlots): ResumePlan {
    const next = last + this.period;
    if (next > now) return { run: [], next };
    return missed === "skip" ? { run: [], next: now + this.period } : { run: [next], next: now + this.period };
  }
}

/**
 * Fixed rate: runs stay on the grid `anchor + k·period`. A run that ends past one or more slots is
 * followed by one run at once (the missed slots coalesce), and the one after it is back on the grid.
 */
export class FixedRate implements Schedule {
  #anchor = 0;
  /** The cluster grid's slot at the anchor (epoch ms), once resumed from it. */
  #anchorWall: number | undefined = undefined;
  period: number;
  // No parameter property: with one, Deno's emit would box every store of the anchor.
  constructor(period: number) {
    this.period = period;
  }
  /** As for fixed delay: same-period workers come due in the order they ran. */
  get lane(): number {
    return this.period;
  }
  first(now: number, delay?: number): number {
    const first = now + (delay ?? this.period);
    // The grid runs through the first run: first + k·period.
    this.#anchor = first - this.period;
    this.#anchorWall = undefined;
    return first;
  }
  passed(due: number, start: number, end: number): number {
    const a = this.#anchor;
    const p = this.period;
    return Math.max(0, Math.floor((end - a) / p) - Math.floor((Math.max(due, start) - a) / p));
  }
  upcoming(due: number, start: number): number {
    const a = this.#anchor;
    const p = this.period;
    return a + (Math.floor((Math.max(due, start) - a) / p) + 1) * p;
  }
  wallOf(due: number): number | undefined {
    return this.#anchorWall === undefined ? undefined : this.#anchorWall + Math.round((due - this.#anchor) / this.period) * this.period;
  }
  next(due: number, start: number, end: number): number {
    const period = this.period;
    const lastSlot = this.#anchor + Math.floor((end - this.#anchor) / period) * period;
    // Slots that went by before the run started are covered by it (a late start is one run, not a
    // burst); a slot that went by while it ran gets one run at once.
    if (lastSlot > Math.max(due, start)) return end;
    return lastSlot + period;
  }
  rebase(now: number): void {
    this.#anchor = now;
    this.#anchorWall = undefined;
  }
  /** The cluster's grid is `last + k·period`: the slots after `last` up to now were missed. */
  resume(last: number, now: number, missed: MissedSlots, max: number, lastWall?: number): ResumePlan {
    const period = this.period;
    this.#anchor = last;
    this.#anchorWall = lastWall;
    const k = Math.max(0, Math.floor((now - last) / period));
    const next = last + (k + 1) * period;
    if (k === 0 || missed === "skip") return { run: [], next };
    const m = missed === "once" ? 1 : Math.min(k, max);
    return { run: Array.from({ length: m }, (_, i) => last + (k - m + 1 + i) * period), next };
  }
}

/**
 * Exponential backoff after consecutive failures: the delay after `n` failures in a row is
 * `period · factor^n`, capped at `max`, and never less than the schedule's own delay.
 */
export interface BackoffOptions {
  /** Growth per consecutive failure. Default 2. */
  readonly factor?: number;
  /** The longest delay, in ms. Default 5 minutes, or the period when that is longer. */
  readonly max?: number;
}

/** The schedule a config asks for. */
export function makeSchedule(options: ResolvedOptions): Schedule {
  if (options.cron !== undefined) return cronSchedule(options.name, options.cron, options.timezone);
  const period = options.period as number;
  return options.mode === "fixed-rate" ? new FixedRate(period) : new FixedDelay(period);
}

/** The delay after `failures` consecutive failures, before the schedule's own due time is applied. */
export function backoffDelay(period: number, failures: number, factor: number, max: number): number {
  return Math.min(max, period * factor ** failures);
}

/**
 * The due time after a failed run that ended at `end`, when the schedule said `due`: pushed out by
 * the backoff. A cron worker (no `period`) backs off from its own interval to the next slot.
 */
export function backedOff(
  due: number,
  end: number,
  period: number | undefined,
  failures: number,
  backoff: { readonly factor: number; readonly max: number | undefined },
): number {
  const base = period ?? Math.max(1, due - end);
  const max = backoff.max ?? Math.max(base, 300_000);
  return Math.max(due, end + backoffDelay(base, failures, backoff.factor, max));
}

/** A random delay in [0, jitter); none without a jitter. */
export function jitterDelay(jitter: number | undefined): number {
  return jitter === undefined ? 0 : Math.random() * jitter;
}

/**
 * Makes the schedule of a cron worker. The cron entry point installs one, so that the core needs no
 * cron parser unless a worker uses cron.
 */
export type CronScheduleFactory = (owner: string, pattern: string, timezone: string | undefined) => Schedule;

let cronFactory: CronScheduleFactory | undefined;

/** Installs the cron schedule factory (called by `@background/workers/cron` when it is imported). */
export function installCron(factory: CronScheduleFactory): void {
  cronFactory = factory;
}

/** The schedule of a cron worker; a TypeError when the cron entry point was not loaded. */
export function cronSchedule(owner: string, pattern: string, timezone: string | undefined): Schedule {
  if (typeof pattern !== "string") {
    throw new TypeError(`${owner}: option "cron" must be a string, got ${typeof pattern}`);
  }
  if (cronFactory === undefined) {
    throw new TypeError(
      `${owner}: option "cron" (${JSON.stringify(pattern)}) needs the cron entry point: ` +
        `import "@background/workers/cron" once, before creating the worker`,
    );
  }
  return cronFactory(owner, pattern, timezone);
}
