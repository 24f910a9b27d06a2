/**
 * How the next due time of a worker is computed. Times are monotonic ms (`performance.now()`).
 * Cron plugs in as one more {@link Schedule}.
 * @module
 */

/** A worker's schedule: where its runs fall, before jitter and backoff. */
export interface Schedule {
  /** The due time of the first run after a start at `now`. */
  first(now: number): number;
  /** The due time of the run after one that was due at `due`, started at `start` and ended at `end`. */
  next(due: number, start: number, end: number): number;
  /** The period changed at `now`: rebase so the next `next()` uses it from the current slot. */
  rebase(now: number): void;
  /**
   * The timer-queue lane of workers whose due times arrive in order (see `TimerQueue.schedule`);
   * periodic workers use their period. Cron schedules of one pattern share a negative key.
   */
  readonly lane?: number;
}

/** Fixed delay: the next run is due `period` ms after the previous one ended (ABP's model). */
export class FixedDelay implements Schedule {
  constructor(readonly period: () => number) {}
  first(now: number): number {
    return now + this.period();
  }
  next(_due: number, _start: number, end: number): number {
    return end + this.period();
  }
  rebase(): void {}
}

/**
 * Fixed rate: runs stay on the grid `anchor + k·period`. A run that ends past one or more slots is
 * followed by one run at once (the missed slots coalesce), and the one after it is back on the grid.
 */
export class FixedRate implements Schedule {
  #anchor = 0;
  constructor(readonly period: () => number) {}
  first(now: number): number {
    this.#anchor = now;
    return now + this.period();
  }
  next(due: number, start: number, end: number): number {
    const period = this.period();
    const lastSlot = this.#anchor + Math.floor((end - this.#anchor) / period) * period;
    // Slots that went by before the run started are covered by it (a late start is one run, not a
    // burst); a slot that went by while it ran gets one run at once.
    if (lastSlot > Math.max(due, start)) return end;
    return lastSlot + period;
  }
  rebase(now: number): void {
    this.#anchor = now;
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

/** The delay after `failures` consecutive failures, before the schedule's own due time is applied. */
export function backoffDelay(period: number, failures: number, factor: number, max: number): number {
  return Math.min(max, period * factor ** failures);
}

/** A random delay in [0, jitter). */
export function jitterDelay(jitter: number): number {
  return jitter > 0 ? Math.random() * jitter : 0;
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
