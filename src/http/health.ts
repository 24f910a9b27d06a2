/**
 * `/health`: each worker's status line as JSON, and a verdict that a probe can act on: 200 while
 * healthy, 503 when a worker failed too many times in a row, is late by too much, or the manager is
 * not running.
 * @module
 */
import type { BackgroundWorkerManager } from "../core/manager.ts";
import { checkKeys, checkObject, show } from "../core/options.ts";
import type { SkipCounts, WorkerState, WorkerStatus } from "../core/types.ts";
import { type ErrorLine, errorLine } from "./run_log.ts";

/**
 * When `/health` answers 503.
 *
 * @example
 * ```ts
 * import type { HealthOptions } from "@background/workers/http";
 *
 * // Page on the first failure; a worker a few seconds behind is already wrong here.
 * const strict: HealthOptions = { failingAfter: 1, lateAfterMs: 5_000 };
 * ```
 */
export interface HealthOptions {
  /**
   * Unhealthy once a worker's `consecutiveFailures` reaches this (an integer ≥ 1, or `Infinity` to
   * never judge by failures). Default 3: one failure is often a blip of a dependency (a timeout, a
   * deploy of the service it calls) that the next run does not see; three in a row is an outage.
   */
  readonly failingAfter?: number;
  /**
   * Unhealthy once a worker's next run is overdue by more than this many ms (`Infinity`: never).
   * Default 60,000: the timer queue fires within milliseconds of a due time, and a slow lease store
   * or a garbage collection adds at most seconds; a minute behind means the event loop is blocked or
   * the process starved, which a restart may cure.
   */
  readonly lateAfterMs?: number;
}

/** The rules, resolved once. */
export interface HealthRules {
  readonly failingAfter: number;
  readonly lateAfterMs: number;
}

/** The defaults of {@link HealthOptions}, and why, in its JSDoc. */
export const DEFAULT_HEALTH: HealthRules = { failingAfter: 3, lateAfterMs: 60_000 };

/** Checks and resolves `health` options. */
export function healthRules(owner: string, options: HealthOptions | undefined): HealthRules {
  checkObject(owner, 'option "health"', options);
  if (options === undefined) return DEFAULT_HEALTH;
  checkKeys(`${owner}: option "health"`, options, ["failingAfter", "lateAfterMs"]);
  const { failingAfter = DEFAULT_HEALTH.failingAfter, lateAfterMs = DEFAULT_HEALTH.lateAfterMs } = options;
  if (typeof failingAfter !== "number" || !(failingAfter >= 1) || (failingAfter !== Infinity && !Number.isInteger(failingAfter))) {
    throw new RangeError(`${owner}: option "health.failingAfter" must be an integer ≥ 1 (or Infinity), got ${show(failingAfter)}`);
  }
  if (typeof lateAfterMs !== "number" || !(lateAfterMs > 0)) {
    throw new RangeError(`${owner}: option "health.lateAfterMs" must be a number > 0 (or Infinity), got ${show(lateAfterMs)}`);
  }
  return { failingAfter, lateAfterMs };
}

/**
 * One worker in `/health`.
 *
 * @example
 * ```ts
 * import type { WorkerHealth } from "@background/workers/http";
 *
 * const line = (w: WorkerHealth): string => `${w.name}: ${w.healthy ? "ok" : w.problem}`;
 * ```
 */
export interface WorkerHealth {
  /** The worker's name. */
  readonly name: string;
  /** Its state. */
  readonly state: WorkerState;
  /** False when it failed `failingAfter` times in a row or is late by more than `lateAfterMs`. */
  readonly healthy: boolean;
  /** Why it is unhealthy (`"failed 3 times in a row"`, `"late by 75 s"`), or null. */
  readonly problem: string | null;
  /** Runs that ended. */
  readonly runs: number;
  /** Runs that failed. */
  readonly failures: number;
  /** Failures since the last success. */
  readonly consecutiveFailures: number;
  /** When the last run started (ISO 8601), or null. */
  readonly lastRunAt: string | null;
  /** How long the last run took (ms), or null. */
  readonly lastDurationMs: number | null;
  /** The last failed run's error as name and message, or null. */
  readonly lastError: ErrorLine | null;
  /** When the next run is due (ISO 8601), or null when none is scheduled. */
  readonly nextRunAt: string | null;
  /** Slots that did not run, by reason. */
  readonly skipped: SkipCounts;
}

/**
 * The `/health` body. `status` is `"ok"` (200), `"failing"` (503: a worker is unhealthy) or
 * `"stopped"` (503: the manager is not running, e.g. it is shutting down).
 *
 * @example
 * ```ts
 * import type { HealthBody } from "@background/workers/http";
 *
 * const failing = (body: HealthBody): string[] => body.workers.filter((w) => !w.healthy).map((w) => w.name);
 * ```
 */
export interface HealthBody {
  /** The verdict. */
  readonly status: "ok" | "failing" | "stopped";
  /** When it was judged (ISO 8601). */
  readonly checkedAt: string;
  /** Every worker, in the order they were added. */
  readonly workers: WorkerHealth[];
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The period of a worker that has one (`PeriodicBackgroundWorker.period`; none for cron or a worker
 * of another kind): what tells how late a run in flight makes it.
 */
export function periodOf(manager: BackgroundWorkerManager, name: string): number | undefined {
  const period = (manager.get(name) as { period?: unknown } | undefined)?.period;
  return typeof period === "number" && period > 0 ? period : undefined;
}

/**
 * Why a worker is unhealthy at `now`, or null. Late means: idle with its next slot overdue (the
 * timer queue starved), or running past the slot that would have followed had the run taken no
 * time (`lastRunAt + period`: a hung run, or one far longer than its period). A paused, stopped or
 * disabled worker runs nothing on purpose and is never late.
 */
export function problemOf(s: WorkerStatus, rules: HealthRules, now: number, period: number | undefined): string | null {
  if (s.consecutiveFailures >= rules.failingAfter) return `failed ${s.consecutiveFailures} time${s.consecutiveFailures === 1 ? "" : "s"} in a row`;
  let due: number | null = null;
  if (s.state === "idle") due = s.nextRunAt;
  else if (s.state === "running") due = s.nextRunAt ?? (period !== undefined && s.lastRunAt !== null ? s.lastRunAt + period : null);
  if (due !== null && now - due > rules.lateAfterMs) return `late by ${Math.round((now - due) / 1_000)} s`;
  return null;
}

/** One worker's health line. */
export function workerHealth(s: WorkerStatus, rules: HealthRules, now: number, period: number | undefined): WorkerHealth {
  const problem = problemOf(s, rules, now, period);
  return {
    name: s.name,
    state: s.state,
    healthy: problem === null,
    problem,
    runs: s.runs,
    failures: s.failures,
    consecutiveFailures: s.consecutiveFailures,
    lastRunAt: iso(s.lastRunAt),
    lastDurationMs: s.lastDurationMs,
    lastError: s.lastError === undefined ? null : errorLine(s.lastError),
    nextRunAt: iso(s.nextRunAt),
    skipped: s.skipped,
  };
}

/** The `/health` body of a manager's status lines. */
export function healthBody(manager: BackgroundWorkerManager, statuses: readonly WorkerStatus[], rules: HealthRules, now: number): HealthBody {
  const workers = statuses.map((s) => workerHealth(s, rules, now, periodOf(manager, s.name)));
  const status = !manager.running ? "stopped" : workers.every((w) => w.healthy) ? "ok" : "failing";
  return { status, checkedAt: new Date(now).toISOString(), workers };
}
