/**
 * Cron schedules for periodic workers: import this module once, then give a worker `cron` (and
 * optionally `timezone`) instead of `period`. Cron runs go through the manager's one timer queue,
 * never overlap, and a slot missed while the process was blocked or suspended yields one run.
 *
 * Patterns are parsed by [croner](https://github.com/Hexagon/croner) (5 or 6 fields, seconds
 * first when there are 6, and `@hourly`-style nicknames); croner only computes occurrences here,
 * it runs no timers. croner 11 allocates a table of about 80 KB per pattern, so one croner object
 * serves every worker with the same pattern and zone, and it is asked at most once per second of
 * wall time: 10,000 workers on `* * * * * *` cost one croner object and one lookup a second.
 *
 * Daylight saving time follows croner's rule: a slot in a spring-forward gap (02:30 on a night
 * that jumps from 02:00 to 03:00) runs once, at the end of the gap (03:00); in a repeated autumn
 * hour a slot with a fixed hour (`30 2 * * *`) runs once, in the first pass, while a pattern whose hour
 * field is `*` (`0,30 * * * *`) runs in both passes, as the clock shows those times twice.
 *
 * @example
 * ```ts
 * import "@background/workers/cron";
 * import { BackgroundWorkerManager, periodic } from "@background/workers";
 *
 * const manager = new BackgroundWorkerManager();
 * manager.add(periodic("NightlyReport", { cron: "0 30 2 * * *", timezone: "Europe/Berlin" }, async ({ signal }) => {
 *   await fetch("https://example.com/reports/nightly", { method: "POST", signal });
 * }));
 * await manager.start();
 * ```
 * @module
 */
import { type Clock, realClock } from "../core/clock.ts";
import { installCron, type ResumePlan, type Schedule } from "../core/schedule.ts";
import { type Occurrences, occurrences } from "./patterns.ts";
import type { MissedSlots } from "../core/worker_options.ts";

/** How many occurrences a resumption walks at most before it jumps ahead to the latest ones. */
const WALK = 10_000;

/**
 * A worker's cron schedule. Due times are monotonic ms like every schedule's; the slot behind each
 * is kept in wall time, so that a run early or late by clock drift still counts as its own slot.
 */
class CronSchedule implements Schedule {
  readonly lane: number;
  period: undefined = undefined;
  readonly #occurrences: Occurrences;
  /** The wall time of the slot last handed out, and its monotonic due time. */
  #slot = 0;
  #due = NaN;
  /** Where wall time is read: the worker's queue's clock (a test clock in tests). */
  #clock: Clock = realClock;

  constructor(occurrences: Occurrences) {
    this.#occurrences = occurrences;
    this.lane = occurrences.lane;
  }

  useClock(clock: Clock): void {
    this.#clock = clock;
  }

  first(now: number, delay?: number): number {
    // With a first delay: the first slot at or after it (occurrences are strictly after the time given).
    const from = delay === undefined ? now : now + delay - 1;
    const offset = this.#clock.epochOffset();
    return this.#take(this.#occurrences.next(from + offset, offset));
  }

  passed(due: number, start: number, end: number): number {
    const offset = this.#clock.epochOffset();
    let after = Math.max(due === this.#due ? this.#slot : due + offset, start + offset);
    let n = 0;
    // Bounded: a per-second pattern over a run of hours counts up to the cap, not for ever.
    for (; n < WALK; n++) {
      const next = this.#occurrences.next(after, offset);
      if (next.wall > end + offset) break;
      after = next.wall;
    }
    return n;
  }

  upcoming(due: number, start: number): number {
    const offset = this.#clock.epochOffset();
    const slot = due === this.#due ? this.#slot : due + offset;
    return this.#occurrences.next(Math.max(slot, start + offset), offset).mono;
  }

  next(due: number, start: number, end: number): number {
    const offset = this.#clock.epochOffset();
    // A trigger or a lease retry runs off the grid: its own due time, in wall time, is its slot.
    const slot = due === this.#due ? this.#slot : due + offset;
    // Slots that went by before the run started are covered by it: a blocked or suspended process
    // makes one run, not a burst.
    const next = this.#occurrences.next(Math.max(slot, start + offset), offset);
    if (next.wall <= end + offset) {
      // A slot went by while the run ran: one run at once, which stands for it.
      this.#slot = next.wall;
      this.#onSlot = false;
      return this.#due = end;
    }
    return this.#take(next);
  }

  rebase(): void {}

  /**
   * A due time taken from a slot is that slot; a run at once for a slot that went by during a run
   * was due when that run ended, so it reports that time (as `scheduledAt` says: when it was due).
   */
  wallOf(due: number): number | undefined {
    return due === this.#due && this.#onSlot ? this.#slot : this.#missed.get(due);
  }

  /** The due time handed out last is its slot's (not a run at once after an overrun). */
  #onSlot = false;

  /** Catch-up slots handed out by resume(): monotonic due → wall slot. */
  readonly #missed = new Map<number, number>();

  /** The occurrences after the cluster's last slot up to now were missed; the next one is due. */
  resume(last: number, now: number, missed: MissedSlots, max: number): ResumePlan {
    const offset = this.#clock.epochOffset();
    const nowWall = now + offset;
    const keep = missed === "all" ? max : 1;
    const slots: number[] = [];
    let after = last + offset;
    for (let i = 0; ; i++) {
      let next = this.#occurrences.next(after, offset);
      if (i === WALK && next.wall <= nowWall) {
        // Thousands missed (a per-second pattern after a long outage): only the latest count, so
        // start again from a little before now, at the pace of the last steps.
        slots.length = 0;
        next = this.#occurrences.next(nowWall - (next.wall - after) * (keep + 1), offset);
      }
      if (next.wall > nowWall) {
        this.#missed.clear();
        const run = missed === "skip" ? [] : slots.map((wall) => {
          this.#missed.set(wall - offset, wall);
          return wall - offset;
        });
        this.#take(next);
        return { run, next: next.mono };
      }
      slots.push(next.wall);
      if (slots.length > keep) slots.shift();
      after = next.wall;
    }
  }

  #take(next: { wall: number; mono: number }): number {
    this.#onSlot = true;
    this.#slot = next.wall;
    return this.#due = next.mono;
  }
}

installCron((owner, pattern, timezone) => new CronSchedule(occurrences(owner, pattern, timezone)));
