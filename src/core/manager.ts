/**
 * BackgroundWorkerManager: the registry of workers, their shared timer queue, and starting,
 * stopping, triggering and reporting on all of them.
 * @module
 */
import { settlesWithin } from "./deadline.ts";
import { checkBoolean, checkFunction, checkKeys, checkNonNegative, checkObject, show } from "./options.ts";
import { attachHost, PeriodicBackgroundWorker, type WorkerHost } from "./periodic_worker.ts";
import { defaultLogger, reporter } from "./report.ts";
import { TimerQueue } from "./timer_queue.ts";
import type {
  BackgroundWorker,
  ErrorHandler,
  Logger,
  RunResult,
  ScopeFactory,
  StopOptions,
  StopReport,
  UnsettledRun,
  WorkerStatus,
} from "./types.ts";

/**
 * Options of a {@link BackgroundWorkerManager}.
 *
 * @example
 * ```ts
 * import type { ManagerOptions } from "@background/workers";
 *
 * const options: ManagerOptions = {
 *   logger: console,
 *   onError: (error, { worker, run }) => console.error(`${worker} run ${run}`, error),
 *   stopTimeout: 10_000,
 * };
 * ```
 */
export interface ManagerOptions {
  /** False registers workers without running any (status shows them `disabled`). Default true. */
  readonly enabled?: boolean;
  /** Any console-like object. Default: errors only, to `console.error`. */
  readonly logger?: Logger;
  /** Called with every error of a run, a scope, or a worker's start. */
  readonly onError?: ErrorHandler;
  /** How long `stop()` waits for runs in flight, in ms. Default 30,000. */
  readonly stopTimeout?: number;
  /** Makes a scope for each run, disposed after it (see {@link ScopeFactory}). */
  readonly scope?: ScopeFactory;
}

const OWNER = "BackgroundWorkerManager";
const MANAGER_OPTIONS = ["enabled", "logger", "onError", "stopTimeout", "scope"] as const;
const OK: StopReport = Object.freeze({ ok: true, unsettled: Object.freeze([]) });

/**
 * Holds background workers, starts and stops them together, and shares one timer between all its
 * periodic workers. Workers can be added at any time; added to a running manager, they start at once.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, periodic } from "@background/workers";
 *
 * await using manager = new BackgroundWorkerManager({ onError: (e, { worker }) => console.error(worker, e) });
 * manager.add(periodic("Cleanup", { period: 60_000 }, async ({ signal }) => {
 *   await fetch("https://example.com/cleanup", { method: "POST", signal });
 * }));
 * await manager.start();
 * console.table(manager.status());
 * // leaving the scope stops every worker gracefully
 * ```
 */
export class BackgroundWorkerManager implements AsyncDisposable {
  readonly #workers = new Map<string, BackgroundWorker>();
  readonly #started = new Set<BackgroundWorker>();
  readonly #host: WorkerHost;
  readonly #enabled: boolean;
  readonly #stopTimeout: number;
  #running = false;
  #stopping: Promise<StopReport> | undefined = undefined;

  /**
   * @throws {TypeError} for an unknown option or one of the wrong type.
   * @throws {RangeError} for a negative `stopTimeout`.
   */
  constructor(options: ManagerOptions = {}) {
    checkObject(OWNER, "options", options);
    checkKeys(OWNER, options, MANAGER_OPTIONS);
    this.#enabled = checkBoolean(OWNER, "enabled", options.enabled ?? true);
    this.#stopTimeout = checkNonNegative(OWNER, "stopTimeout", options.stopTimeout ?? 30_000, true);
    const logger = options.logger ?? defaultLogger;
    for (const level of ["debug", "info", "warn", "error"] as const) {
      if (typeof logger?.[level] !== "function") {
        throw new TypeError(`${OWNER}: option "logger" must have a ${level}() method, got ${show(logger)}`);
      }
    }
    if (options.onError !== undefined) checkFunction(OWNER, "onError", options.onError);
    if (options.scope !== undefined) checkFunction(OWNER, "scope", options.scope);
    this.#host = { ...reporter(logger, options.onError), queue: new TimerQueue(), scope: options.scope };
  }

  /** True between `start()` and `stop()`. */
  get running(): boolean {
    return this.#running;
  }

  /** The number of workers registered. */
  get size(): number {
    return this.#workers.size;
  }

  /**
   * Registers a worker; if the manager is running, the worker starts at once (on the next
   * microtask: never inside this call). Returns the worker.
   * @throws {TypeError} for something that is not a worker, or a name the manager has already.
   */
  add<W extends BackgroundWorker>(worker: W): W {
    if (
      worker === null || typeof worker !== "object" || typeof worker.start !== "function" ||
      typeof worker.stop !== "function"
    ) {
      throw new TypeError(`${OWNER}.add: expected a worker with start() and stop(), got ${show(worker)}`);
    }
    const name: unknown = worker.name;
    if (typeof name !== "string" || name.trim() === "") {
      throw new TypeError(`${OWNER}.add: the worker has no name (name ${show(name)})`);
    }
    if (this.#workers.has(name)) {
      throw new TypeError(`${OWNER}.add: a worker named ${show(name)} is registered already`);
    }
    if (worker instanceof PeriodicBackgroundWorker) attachHost(worker, this.#host);
    this.#workers.set(name, worker);
    if (this.#running) queueMicrotask(() => void this.#startOne(worker));
    return worker;
  }

  /** The worker with this name, if any. */
  get(name: string): BackgroundWorker | undefined {
    return this.#workers.get(name);
  }

  /**
   * Stops the worker (as `stop()` does, under `stopTimeout`) and forgets it.
   * @throws {Error} when no worker has this name.
   */
  remove(name: string): Promise<StopReport> {
    const worker = this.#need(name, "remove");
    this.#workers.delete(name);
    return this.#stopOne(worker, this.#stopTimeout).then(({ report, error }) => {
      this.#started.delete(worker);
      if (worker instanceof PeriodicBackgroundWorker) attachHost(worker, undefined);
      if (error !== undefined) throw error;
      return report;
    });
  }

  /**
   * Starts every worker (a no-op when the manager is disabled or running). Never runs user code
   * synchronously; a worker whose start fails is reported and the others start.
   */
  async start(): Promise<void> {
    if (!this.#enabled || this.#running) return;
    if (this.#stopping !== undefined) await this.#stopping.catch(() => {});
    if (this.#running) return;
    this.#running = true;
    this.#stopping = undefined;
    await undefined;
    await Promise.all(Array.from(this.#workers.values(), (worker) => this.#startOne(worker)));
  }

  /**
   * Stops every worker concurrently under one deadline (`timeout`, default the manager's
   * `stopTimeout`): aborts their runs, waits for them, and resolves with the runs that did not
   * settle in time. Rejects with an AggregateError when workers' `stop()` failed; the others are
   * stopped all the same. Calling it again, or concurrently, returns the same result.
   */
  stop(options?: StopOptions): Promise<StopReport> {
    let timeout = this.#stopTimeout;
    if (options !== undefined) {
      checkObject(OWNER, "stop options", options);
      checkKeys(`${OWNER}.stop`, options, ["timeout"]);
      if (options.timeout !== undefined) timeout = checkNonNegative(OWNER, "timeout", options.timeout, true);
    }
    if (this.#stopping !== undefined) return this.#stopping;
    if (!this.#running) return this.#stopping = Promise.resolve(OK);
    this.#running = false;
    return this.#stopping = this.#stopAll(timeout);
  }

  /**
   * Runs the named worker now, through the same path as a scheduled run; resolves with how the run
   * ended (with the end of the run in flight, if there is one).
   * @throws {Error} when no worker has this name; the promise rejects if the worker is not started.
   */
  trigger(name: string): Promise<RunResult> {
    const worker = this.#need(name, "trigger");
    if (typeof worker.trigger !== "function") {
      throw new TypeError(`${OWNER}.trigger: worker ${show(name)} has no trigger()`);
    }
    return worker.trigger();
  }

  /** One status line per worker, in the order they were added. */
  status(): WorkerStatus[] {
    return Array.from(this.#workers.values(), (worker) => {
      const status = typeof worker.status === "function" ? worker.status() : this.#plainStatus(worker);
      return this.#enabled ? status : { ...status, state: "disabled", nextRunAt: null };
    });
  }

  /** Stops the manager at the end of an `await using` scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  #need(name: string, call: string): BackgroundWorker {
    const worker = this.#workers.get(name);
    if (worker === undefined) throw new Error(`${OWNER}.${call}: no worker named ${show(name)}`);
    return worker;
  }

  async #startOne(worker: BackgroundWorker): Promise<void> {
    if (this.#started.has(worker) || !this.#running) return;
    this.#started.add(worker);
    try {
      await worker.start();
    } catch (error) {
      this.#started.delete(worker);
      this.#host.report(error, { worker: worker.name, run: 0, phase: "start" });
    }
  }

  async #stopOne(
    worker: BackgroundWorker,
    timeout: number,
  ): Promise<{ report: StopReport; error?: unknown }> {
    try {
      const stopping = worker.stop({ timeout });
      // Our own workers keep the deadline themselves; others get it kept for them.
      if (worker instanceof PeriodicBackgroundWorker || await settlesWithin(stopping, timeout)) {
        return { report: await stopping };
      }
      return { report: { ok: false, unsettled: [{ worker: worker.name, run: 0 }] } };
    } catch (error) {
      return { report: OK, error };
    }
  }

  async #stopAll(timeout: number): Promise<StopReport> {
    const results = await Promise.all(Array.from(this.#workers.values(), (w) => this.#stopOne(w, timeout)));
    this.#started.clear();
    const unsettled: UnsettledRun[] = [];
    const errors: unknown[] = [];
    for (const { report, error } of results) {
      unsettled.push(...report.unsettled);
      if (error !== undefined) errors.push(error);
    }
    if (errors.length > 0) {
      throw new AggregateError(errors, `${OWNER}.stop: ${errors.length} worker(s) failed to stop`);
    }
    return unsettled.length === 0 ? OK : { ok: false, unsettled };
  }

  #plainStatus(worker: BackgroundWorker): WorkerStatus {
    return {
      name: worker.name,
      state: this.#started.has(worker) ? "running" : "stopped",
      runs: 0,
      failures: 0,
      consecutiveFailures: 0,
      lastRunAt: null,
      lastDurationMs: null,
      lastError: undefined,
      nextRunAt: null,
    };
  }
}
