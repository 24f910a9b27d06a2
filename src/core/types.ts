/**
 * The shapes shared by workers, the manager and the adapters.
 * @module
 */

/**
 * What a run of a worker gets.
 *
 * @example
 * ```ts
 * import type { WorkerContext } from "@background/workers";
 *
 * async function work({ signal, name, run }: WorkerContext): Promise<void> {
 *   const res = await fetch("https://example.com/health", { signal });
 *   console.log(`${name} run ${run}: ${res.status}`);
 * }
 * ```
 */
export interface WorkerContext<Scope = unknown> {
  /** Aborts when the worker is stopped or removed, when the run's `timeout` elapses, or when its lease is lost. */
  readonly signal: AbortSignal;
  /** The worker's name. */
  readonly name: string;
  /** The number of this run of the worker: 1, 2, … (counted across restarts). */
  readonly run: number;
  /** When the run was due (epoch ms). */
  readonly scheduledAt: number;
  /** When the run started (epoch ms). */
  readonly startedAt: number;
  /** The scope made for this run by the manager's `scope` factory, when it has one. */
  readonly scope?: Scope | undefined;
  /**
   * With a lease: the lease's fencing token, strictly greater than that of any lease before it,
   * on any instance. Pass it to the writes of the run so that a store can refuse a stale holder.
   */
  readonly fencingToken?: number | undefined;
}

/**
 * A console-like logger. `console` itself fits.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, type Logger } from "@background/workers";
 *
 * const logger: Logger = console;
 * const manager = new BackgroundWorkerManager({ logger });
 * ```
 */
export interface Logger {
  /** Detail for debugging: starts, stops, swallowed late settles. */
  debug(...data: unknown[]): void;
  /** Notable events. */
  info(...data: unknown[]): void;
  /** Something went wrong but nothing was lost. */
  warn(...data: unknown[]): void;
  /** A run, a scope or a start failed. */
  error(...data: unknown[]): void;
}

/**
 * Where an error happened, passed to `onError` with the error.
 *
 * @example
 * ```ts
 * import type { ErrorInfo } from "@background/workers";
 *
 * function onError(error: unknown, { worker, run, phase }: ErrorInfo): void {
 *   console.error(`${worker} #${run} (${phase})`, error);
 * }
 * ```
 */
export interface ErrorInfo {
  /** The worker's name. */
  readonly worker: string;
  /** The run's number, or 0 when the error is not tied to a run (start, stop). */
  readonly run: number;
  /** What failed: the run itself, its scope (making or disposing it), the lease store, or the worker's start or stop. */
  readonly phase: "run" | "scope" | "dispose" | "lease" | "start" | "stop";
}

/**
 * Called with every error of a run (and of a start or stop). It may return a promise; a throw or
 * rejection from it is logged and changes nothing.
 *
 * @example
 * ```ts
 * import type { ErrorHandler } from "@background/workers";
 *
 * const onError: ErrorHandler = (error, { worker }) => console.error(worker, error);
 * ```
 */
export type ErrorHandler = (error: unknown, info: ErrorInfo) => void | Promise<void>;

/**
 * Makes a scope for one run (a DI scope, a database transaction, a logger child...). The scope is
 * disposed after the run with `Symbol.asyncDispose`, or `Symbol.dispose`, when it has one.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, type ScopeFactory } from "@background/workers";
 *
 * const scope: ScopeFactory = ({ worker, run }) => ({
 *   requestId: `${worker}-${run}`,
 *   [Symbol.dispose]() {},
 * });
 * const manager = new BackgroundWorkerManager({ scope });
 * ```
 */
export type ScopeFactory<Scope = unknown> = (
  info: { readonly worker: string; readonly run: number },
) => Scope | Promise<Scope>;

/**
 * Options of `stop()`.
 *
 * @example
 * ```ts
 * import type { StopOptions } from "@background/workers";
 *
 * const options: StopOptions = { timeout: 10_000 };
 * ```
 */
export interface StopOptions {
  /** How long to wait for the run in flight to settle after its signal aborted, in ms. Default 30,000. */
  readonly timeout?: number;
}

/**
 * A run that had not settled when `stop()` gave up waiting for it.
 *
 * @example
 * ```ts
 * import type { UnsettledRun } from "@background/workers";
 *
 * const run: UnsettledRun = { worker: "Mailer", run: 3 };
 * ```
 */
export interface UnsettledRun {
  /** The worker's name. */
  readonly worker: string;
  /** The run's number, or 0 for a worker that is not periodic and whose `stop()` did not resolve in time. */
  readonly run: number;
}

/**
 * What `stop()` resolves with.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager } from "@background/workers";
 *
 * const manager = new BackgroundWorkerManager();
 * const report = await manager.stop();
 * if (!report.ok) console.error("still running:", report.unsettled);
 * ```
 */
export interface StopReport {
  /** True when every run in flight settled in time. */
  readonly ok: boolean;
  /** The runs that did not settle in time; empty when `ok`. */
  readonly unsettled: readonly UnsettledRun[];
}

/**
 * The state of a worker: waiting for its next run, in a run, stopped, or registered but disabled.
 *
 * @example
 * ```ts
 * import type { WorkerState } from "@background/workers";
 *
 * const busy = (state: WorkerState): boolean => state === "running";
 * ```
 */
export type WorkerState = "idle" | "running" | "paused" | "stopped" | "disabled";

/**
 * Slots that came due and did not run, by reason (see `SkipReason`): counted since the worker was made.
 *
 * @example
 * ```ts
 * import type { SkipCounts } from "@background/workers";
 *
 * const elsewhere = (s: SkipCounts): number => s["lease-held"] + s["store-fault"];
 * ```
 */
export interface SkipCounts {
  /** A run was still going (`overlap: "skip"`, or slots that coalesced into one run). */
  readonly overlap: number;
  /** The worker was paused. */
  readonly paused: number;
  /** Another instance holds the worker's lease. */
  readonly "lease-held": number;
  /** The lease store failed. */
  readonly "store-fault": number;
}

/**
 * One line of `manager.status()`.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager } from "@background/workers";
 *
 * const manager = new BackgroundWorkerManager();
 * for (const s of manager.status()) console.log(s.name, s.state, s.nextRunAt);
 * ```
 */
export interface WorkerStatus {
  /** The worker's name. */
  readonly name: string;
  /** Its state. */
  readonly state: WorkerState;
  /** Runs that have ended, failed or not. */
  readonly runs: number;
  /** Runs that threw or rejected. */
  readonly failures: number;
  /** Failures since the last run that succeeded. */
  readonly consecutiveFailures: number;
  /** When the last run started (epoch ms), or null before the first. */
  readonly lastRunAt: number | null;
  /** How long the last run took, in ms, or null before the first ended. */
  readonly lastDurationMs: number | null;
  /** The error of the last failed run, or undefined if none failed. */
  readonly lastError: unknown;
  /** When the next run is due (epoch ms), or null when none is scheduled (stopped, paused). */
  readonly nextRunAt: number | null;
  /** Slots that did not run, by reason. */
  readonly skipped: SkipCounts;
}

/**
 * What `trigger()` resolves with: how the run it started, or the one already in flight, ended.
 *
 * @example
 * ```ts
 * import type { RunResult } from "@background/workers";
 *
 * const describe = (r: RunResult): string => r.ok ? `run ${r.run} ok` : `run ${r.run} failed`;
 * ```
 */
export interface RunResult {
  /** The worker's name. */
  readonly worker: string;
  /** The run's number. */
  readonly run: number;
  /** False when the run threw or rejected. */
  readonly ok: boolean;
  /** The error, when the run failed. */
  readonly error?: unknown;
  /** How long the run took, in ms. */
  readonly durationMs: number;
}

/**
 * A long-lived background worker. `PeriodicBackgroundWorker` is one; implement this interface for
 * other kinds (a queue consumer, a file watcher) and the manager starts and stops them too.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, type BackgroundWorker, type StopReport } from "@background/workers";
 *
 * class Heartbeat implements BackgroundWorker {
 *   readonly name = "Heartbeat";
 *   #interval: ReturnType<typeof setInterval> | undefined;
 *   start(): Promise<void> {
 *     this.#interval = setInterval(() => console.log("beat"), 1000);
 *     return Promise.resolve();
 *   }
 *   stop(): Promise<StopReport> {
 *     clearInterval(this.#interval);
 *     return Promise.resolve({ ok: true, unsettled: [] });
 *   }
 * }
 * new BackgroundWorkerManager().add(new Heartbeat());
 * ```
 */
export interface BackgroundWorker {
  /** Unique within a manager. */
  readonly name: string;
  /** Starts the worker; resolves once it is started (not when its work is done). */
  start(): Promise<void>;
  /** Stops the worker: aborts its work, waits for it at most `timeout` ms. */
  stop(options?: StopOptions): Promise<StopReport>;
  /** Optional: the worker's status line. */
  status?(): WorkerStatus;
  /** Optional: runs the worker's work now. */
  trigger?(): Promise<RunResult>;
  /** Optional: no new run starts until `resume()`; resolves once the run in flight settled. */
  pause?(): Promise<void>;
  /** Optional: runs start again, on the worker's schedule. */
  resume?(): Promise<void>;
}

/**
 * A signal that asks the process to shut down. SIGBREAK (Ctrl-Break) exists on Windows only.
 *
 * @example
 * ```ts
 * import type { ShutdownSignal } from "@background/workers";
 *
 * const signals: ShutdownSignal[] = ["SIGTERM"];
 * ```
 */
export type ShutdownSignal = "SIGINT" | "SIGTERM" | "SIGBREAK";
