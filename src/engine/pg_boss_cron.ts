/**
 * How a worker's schedule becomes a pg-boss schedule. pg-boss keeps 5-field cron only and evaluates
 * it once a minute at most (its timekeeper sends a slot's job when the slot passed less than 60 s
 * ago, once per worker and minute), so a schedule maps when it falls on whole minutes:
 * - `period`: whole minutes that divide an hour (`*\/5 * * * *`), whole hours that divide a day
 *   (`0 *\/6 * * *`), or one day (`0 0 * * *`), in UTC: the grid starts at the hour or at midnight;
 * - `cron`: a 5-field pattern as it is; a 6-field one whose seconds field is `0` without it; the
 *   nicknames `@hourly`, `@daily`, `@midnight`, `@weekly`, `@monthly`, `@yearly`, `@annually` as the
 *   5-field pattern they stand for.
 * Anything else is a TypeError naming the worker, the option and why.
 * @module
 */
import { Cron } from "croner";
import type { EngineSchedule } from "../core/engine.ts";

const MINUTE = 60_000;

const NICKNAMES: Readonly<Record<string, string>> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** A worker's schedule as pg-boss keeps it: a 5-field pattern and its zone. */
export interface BossCron {
  readonly pattern: string;
  readonly tz: string;
}

/** The zone a cron worker without `timezone` runs in on its own timer: this process's (croner's default). */
function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
}

/** The pg-boss cron of a period in ms, or why there is none. */
function periodCron(period: number): string | { why: string } {
  if (!Number.isFinite(period) || period % MINUTE !== 0) {
    return { why: "pg-boss schedules are cron, minute-grained: a period must be whole minutes" };
  }
  const minutes = period / MINUTE;
  if (minutes === 1) return "* * * * *";
  if (minutes < 60) return 60 % minutes === 0 ? `*/${minutes} * * * *` : { why: "a period in minutes must divide an hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30), since pg-boss's cron restarts its grid every hour" };
  if (minutes % 60 !== 0) return { why: "a period over an hour must be whole hours" };
  const hours = minutes / 60;
  if (hours === 1) return "0 * * * *";
  if (hours < 24) return 24 % hours === 0 ? `0 */${hours} * * *` : { why: "a period in hours must divide a day (1, 2, 3, 4, 6, 8, 12, 24), since pg-boss's cron restarts its grid every day" };
  if (hours === 24) return "0 0 * * *";
  return { why: "a period over a day cannot map onto pg-boss's cron grid; use a cron pattern" };
}

/** The 5-field pattern of a cron worker's pattern, or why there is none. */
function cronPattern(cron: string): string | { why: string } {
  const trimmed = cron.trim();
  const nickname = NICKNAMES[trimmed.toLowerCase()];
  if (nickname !== undefined) return nickname;
  const fields = trimmed.split(/\s+/);
  if (fields.length === 5) return fields.join(" ");
  if (fields.length === 6) {
    return fields[0] === "0" || fields[0] === "00"
      ? fields.slice(1).join(" ")
      : { why: `pg-boss schedules are minute-grained: a seconds field other than 0 (${JSON.stringify(fields[0])}) cannot map` };
  }
  return { why: `pg-boss takes 5-field cron patterns (or 6 with seconds 0), got ${fields.length} fields` };
}

/**
 * The pg-boss schedule of a worker, or a TypeError naming the worker, the option and why.
 * The pattern is also parsed by croner here, so that a malformed one fails at `add()`.
 */
export function bossCron(schedule: EngineSchedule): BossCron {
  const { name } = schedule;
  if (schedule.cron !== undefined) {
    const mapped = cronPattern(schedule.cron);
    if (typeof mapped !== "string") {
      throw new TypeError(`${name}: option "cron" (${JSON.stringify(schedule.cron)}) cannot map onto the pg-boss engine: ${mapped.why}`);
    }
    const tz = schedule.timezone ?? localZone();
    try {
      new Cron(mapped, { timezone: tz, paused: true }).stop();
    } catch (error) {
      throw new TypeError(`${name}: option "cron" (${JSON.stringify(schedule.cron)}) is not a valid pattern: ${(error as Error).message}`);
    }
    return { pattern: mapped, tz };
  }
  const period = schedule.period;
  if (period === undefined) throw new TypeError(`${name}: the pg-boss engine needs a "period" or a "cron"`);
  const mapped = periodCron(period);
  if (typeof mapped !== "string") {
    throw new TypeError(`${name}: option "period" (${period} ms) cannot map onto the pg-boss engine: ${mapped.why}`);
  }
  return { pattern: mapped, tz: "UTC" };
}

/** A schedule's occurrences: the next slot after now, and the slot a job created at a time was sent for. */
export class Slots {
  readonly #cron: Cron;

  constructor(schedule: BossCron) {
    this.#cron = new Cron(schedule.pattern, { timezone: schedule.tz, paused: true });
  }

  /** The next slot strictly after `at` (epoch ms), or null when the pattern has none. */
  next(at: number): number | null {
    return this.#cron.nextRun(new Date(at))?.getTime() ?? null;
  }

  /**
   * The latest slot at or before `createdOn`: pg-boss sends a slot's job once the slot passed (its
   * timekeeper looks every few seconds), so the job of a slot is created shortly after it.
   */
  slotOf(createdOn: number): number {
    // Every pattern that pg-boss takes has at least one slot a year; a job comes within a minute or two.
    let slot = createdOn;
    for (let from = createdOn - 2 * MINUTE; ; from = slot) {
      const next = this.next(from);
      if (next === null || next > createdOn) return from === createdOn - 2 * MINUTE ? createdOn : slot;
      slot = next;
    }
  }
}
