/**
 * The interface through which a manager runs its periodic workers on an existing distributed engine
 * (BullMQ, pg-boss: `@background/workers/bullmq`, `/pg-boss`) instead of its own timer queue, as
 * ABP runs the same workers on Quartz or Hangfire. The engine keeps the schedule, picks the instance
 * that runs each slot and keeps runs of one worker apart across the cluster; the worker keeps its
 * run path (context, signal, timeout, errors, status, observers). Core knows only this interface.
 * @module
 */
import type { ScheduleMode } from "./worker_options.ts";
import type { RunResult } from "./types.ts";

/**
 * What an engine is told of a worker: its name and schedule.
 *
 * @example
 * ```ts
 * import type { EngineSchedule } from "@background/workers";
 *
 * const nightly: EngineSchedule = { name: "Nightly", period: undefined, cron: "0 30 2 * * *", timezone: "UTC", mode: "fixed-delay", runOnStart: false, timeout: undefined };
 * ```
 */
export interface EngineSchedule {
  /** The worker's name, unique within the manager (and the engine's queue or schedule name). */
  readonly name: string;
  /** Milliseconds between runs; undefined for a cron worker. */
  readonly period: number | undefined;
  /** The cron pattern; undefined for a periodic worker. */
  readonly cron: string | undefined;
  /** The cron pattern's IANA zone, if given. */
  readonly timezone: string | undefined;
  /** Fixed delay or fixed rate (engines run on a grid: they may refuse fixed delay or document it). */
  readonly mode: ScheduleMode;
  /** Run once at once when the schedule is made. */
  readonly runOnStart: boolean;
  /** The per-run timeout in ms, if any (the worker enforces it; an engine may use it for its own lock). */
  readonly timeout: number | undefined;
}

/**
 * One job of a worker, as the engine hands it over.
 *
 * @example
 * ```ts
 * import type { EngineJob } from "@background/workers";
 *
 * const job: EngineJob = { signal: new AbortController().signal, scheduledAt: Date.now() };
 * ```
 */
export interface EngineJob {
  /** Aborts when the engine cancels the job (the run's own signal follows it). */
  readonly signal?: AbortSignal;
  /** When the job's slot was due (epoch ms), if the engine knows. */
  readonly scheduledAt?: number;
  /** A number that grows with every job of the worker, when the engine gives one (`context.fencingToken`). */
  readonly fencingToken?: number;
}

/**
 * A worker as an engine sees it: its schedule, and the function that runs one of its jobs through
 * the worker's run path. `run` resolves when the run settled, rejects with the run's error when it
 * failed, and rejects at once when the worker is not running on this instance (stopped, paused).
 *
 * @example
 * ```ts
 * import type { EngineWorker } from "@background/workers";
 *
 * const handle = (worker: EngineWorker) => worker.run({ scheduledAt: Date.now() });
 * ```
 */
export interface EngineWorker extends EngineSchedule {
  /** Runs one job; see above. */
  run(job: EngineJob): Promise<void>;
}

/**
 * One worker taken in by an engine on this instance.
 *
 * @example
 * ```ts
 * import type { EngineRegistration } from "@background/workers";
 *
 * const next = (r: EngineRegistration): string => r.nextRunAt() === null ? "none" : new Date(r.nextRunAt()!).toISOString();
 * ```
 */
export interface EngineRegistration {
  /**
   * Stops taking this worker's jobs here and waits for the ones in flight here, at most `timeout` ms;
   * resolves false if one was still running then. The schedule stays: other instances go on.
   */
  stop(timeout: number): Promise<boolean>;
  /** When the engine says the next run is due (epoch ms), as last read; null when it does not know. */
  nextRunAt(): number | null;
  /** Runs the worker once now, on whichever instance takes the job; resolves with how it ended. */
  trigger(): Promise<RunResult>;
}

/**
 * An engine: the manager's `engine` option.
 *
 * @example
 * ```ts
 * import type { Engine } from "@background/workers";
 *
 * const describe = (engine: Engine): string => engine.name;
 * ```
 */
export interface Engine {
  /** The engine's name, for messages ("bullmq", "pg-boss"). */
  readonly name: string;
  /**
   * Throws a TypeError naming the worker, the option and why, when the engine cannot express this
   * schedule (pg-boss schedules are cron, minute-grained: a 5-second period cannot map). Called at
   * `add()`, before anything is scheduled.
   */
  check(schedule: EngineSchedule): void;
  /** Makes or updates the worker's schedule and starts taking its jobs on this instance. */
  register(worker: EngineWorker): Promise<EngineRegistration>;
  /** Removes the worker's schedule from the engine (on `manager.remove()`): no instance runs it any more. */
  unschedule(name: string): Promise<void>;
  /** Closes what the engine opened for this manager (after every worker stopped). */
  close?(): Promise<void>;
}

/**
 * What {@link EngineWorker.run} rejects with when the worker is not running on this instance
 * (stopped, paused, or stopping while its last run settles): the job did not run, and an engine
 * should hand it to another instance rather than count it failed.
 *
 * @example
 * ```ts
 * import { EngineJobRefusedError, type EngineWorker } from "@background/workers";
 *
 * const runHere = (worker: EngineWorker): Promise<boolean> =>
 *   worker.run({}).then(() => true, (error) => error instanceof EngineJobRefusedError ? false : Promise.reject(error));
 * ```
 */
export class EngineJobRefusedError extends Error {
  /** The class's name, also for engines that test `error.name` (a second copy of the library). */
  override readonly name: string = "EngineJobRefusedError";
}

/** True for an object that looks like an {@link Engine}. */
export function isEngine(value: unknown): value is Engine {
  const e = value as Partial<Engine> | null;
  return e !== null && typeof e === "object" && typeof e.name === "string" && typeof e.check === "function" &&
    typeof e.register === "function" && typeof e.unschedule === "function";
}
