/**
 * BackgroundWorkerManager: the registry of workers, their shared timer queue, and starting,
 * stopping, triggering and reporting on all of them.
 * @module
 */
import { settlesWithin } from "./deadline.ts";
import { checkBoolean, checkFunction, checkKeys, checkNonNegative, checkObject, show } from "./options.ts";
import { type LeaseOptions, leaseOptions, type LeaseStore } from "./lease.ts";
import { attachHost, PeriodicBackgroundWorker, type WorkerHost } from "./periodic_worker.ts";
import { defaultLogger, log, reporter } from "./report.ts";
// The one edge out of core/: stopOnShutdown needs the runtime's signals and exit. runtime/ reads
// its globals only when called, so importing it costs nothing and keeps this file runtime-neutral.
import { currentPlatform } from "../runtime/mod.ts";
import { listenForShutdown, type ShutdownSignal } from "../runtime/shutdown.ts";
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
  /**
   * Several instances: run each periodic worker on one instance at a time, about once per period
   * for the cluster, through a lease store (`@background/workers/redis`, `/postgres`).
   */
  readonly lease?: LeaseStore | LeaseOptions;
}

/**
 * Options of {@link BackgroundWorkerManager.stopOnShutdown}.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, type StopOnShutdownOptions } from "@background/workers";
 *
 * const server = { close: () => Promise.resolve() };
 * const options: StopOnShutdownOptions = { timeout: 10_000, beforeExit: () => server.close() };
 * new BackgroundWorkerManager().stopOnShutdown(options);
 * ```
 */
export interface StopOnShutdownOptions {
  /** How long to wait for runs in flight, in ms. Default: the manager's `stopTimeout`. */
  readonly timeout?: number;
  /** Exit the process once stopped: 0 when every run settled in time, 1 otherwise. Default true. */
  readonly exit?: boolean;
  /** Called after the workers stopped and before the exit: close your server here. A throw makes the exit code 1. */
  readonly beforeExit?: (report: StopReport) => void | Promise<void>;
  /** The signals to listen to. Default SIGINT and SIGTERM (SIGINT and SIGBREAK on Windows). */
  readonly signals?: readonly ShutdownSignal[];
}

const OWNER = "BackgroundWorkerManager";
const MANAGER_OPTIONS = ["enabled", "logger", "onError", "stopTimeout", "scope", "lease"] as const;
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
  #starting: Promise<void> | undefined = undefined;
  #stopping: Promise<StopReport> | undefined = undefined;
  /** Bumped by every stop(): a start() that waited for an earlier stop gives way to a later one. */
  #stops = 0;

  /**
   * Creates a manager; nothing runs until `start()`.
   *
   * @throws {TypeError} for an unknown option or one of the wrong type.
   * @throws {RangeError} for a negative `stopTimeout`.
   */
  constructor(options: ManagerOptions = {}) {
    checkObject(OWNER, "options", options);
    checkKeys(OWNER, options, MANAGER_OPTIONS);
    this.#enabled = checkBoolean(OWNER, "enabled", options.enabled ?? true);
    this.#stopTimeout = checkNonNegative(OWNER, "stopTimeout", options.stopTimeout ?? 30_000, true);
    const logger = options.logger === undefined ? defaultLogger : options.logger;
    for (const level of ["debug", "info", "warn", "error"] as const) {
      if (typeof logger?.[level] !== "function") {
        const has = logger !== null && typeof logger === "object" ? `an object with keys ${show(Object.keys(logger))}` : show(logger);
        throw new TypeError(`${OWNER}: option "logger" must have the method ${level}(), got ${has}`);
      }
    }
    if (options.onError !== undefined) checkFunction(OWNER, "onError", options.onError);
    if (options.scope !== undefined) checkFunction(OWNER, "scope", options.scope);
    this.#host = {
      ...reporter(logger, options.onError),
      queue: new TimerQueue(),
      scope: options.scope,
      lease: options.lease === undefined ? undefined : leaseOptions(OWNER, options.lease),
    };
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
   * @throws {RangeError} when no worker has this name.
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
  start(): Promise<void> {
    if (!this.#enabled) return Promise.resolve();
    return this.#starting ??= this.#start().finally(() => (this.#starting = undefined));
  }

  async #start(): Promise<void> {
    if (this.#running) return;
    const stops = this.#stops;
    if (this.#stopping !== undefined) await this.#stopping.catch(() => {});
    // A stop() called while this start waited for the previous one wins.
    if (this.#running || stops !== this.#stops) return;
    this.#running = true;
    this.#stopping = undefined;
    await undefined;
    await Promise.all(Array.from(this.#workers.values(), (worker) => this.#startOne(worker)));
  }

  /**
   * Stops every worker concurrently under one deadline (`timeout`, default the manager's
   * `stopTimeout`): aborts their runs, waits for them, and resolves with the runs that did not
   * settle in time. Rejects with an AggregateError when workers' `stop()` failed; the others are
   * stopped all the same, and the error's `report` property holds their report. Calling it again, or concurrently, returns the same result.
   */
  stop(options?: StopOptions): Promise<StopReport> {
    let timeout = this.#stopTimeout;
    if (options !== undefined) {
      checkObject(OWNER, "stop options", options);
      checkKeys(`${OWNER}.stop`, options, ["timeout"]);
      if (options.timeout !== undefined) timeout = checkNonNegative(OWNER, "timeout", options.timeout, true);
    }
    this.#stops++;
    if (this.#stopping !== undefined) return this.#stopping;
    if (!this.#running) return this.#stopping = Promise.resolve(OK);
    this.#running = false;
    return this.#stopping = this.#stopAll(timeout);
  }

  /**
   * Runs the named worker now, through the same path as a scheduled run; resolves with how the run
   * ended (with the end of the run in flight, if there is one).
   * @throws {RangeError} when no worker has this name; the promise rejects if the worker is not started.
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

  /**
   * Stops the manager gracefully on the first SIGINT or SIGTERM, on Deno, Bun or Node: aborts the runs
   * in flight, waits for them (at most `timeout`), calls `beforeExit`, then exits with 0 when every
   * run settled in time and 1 otherwise. A second signal exits at once with 128 + its number (130
   * for Ctrl-C). Returns a Disposable that removes the signal listeners.
   *
   * @example
   * ```ts
   * import { BackgroundWorkerManager } from "@background/workers";
   *
   * const manager = new BackgroundWorkerManager({ stopTimeout: 10_000 });
   * await manager.start();
   * manager.stopOnShutdown();
   * ```
   */
  stopOnShutdown(options: StopOnShutdownOptions = {}): Disposable {
    checkObject(OWNER, "stopOnShutdown options", options);
    checkKeys(`${OWNER}.stopOnShutdown`, options, ["timeout", "exit", "beforeExit", "signals"]);
    const timeout = options.timeout === undefined
      ? this.#stopTimeout
      : checkNonNegative(OWNER, "timeout", options.timeout, true);
    const exit = checkBoolean(OWNER, "exit", options.exit ?? true);
    const beforeExit = options.beforeExit;
    if (beforeExit !== undefined) checkFunction(OWNER, "beforeExit", beforeExit);
    const platform = currentPlatform();
    const logger = this.#host.logger;
    const shutdown = async (signal: ShutdownSignal): Promise<void> => {
      log(logger, "info", `[background-workers] ${signal}: stopping ${this.#workers.size} worker(s)`);
      let code = 0;
      let report: StopReport = OK;
      try {
        report = await this.stop({ timeout });
      } catch (error) {
        code = 1;
        report = { ok: false, unsettled: [] };
        log(logger, "error", "[background-workers] stop failed:", error);
      }
      if (!report.ok) {
        code = 1;
        log(logger, "error", "[background-workers] runs still in flight at exit:", report.unsettled);
      }
      try {
        await beforeExit?.(report);
      } catch (error) {
        code = 1;
        log(logger, "error", "[background-workers] beforeExit failed:", error);
      }
      if (exit) platform.exit(code);
    };
    return listenForShutdown(platform, (signal) => void shutdown(signal), options.signals ? { signals: options.signals } : {});
  }

  /** Stops the manager at the end of an `await using` scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  #need(name: string, call: string): BackgroundWorker {
    const worker = this.#workers.get(name);
    if (worker === undefined) throw new RangeError(`${OWNER}.${call}: no worker named ${show(name)}`);
    return worker;
  }

  async #startOne(worker: BackgroundWorker): Promise<void> {
    // Not if it was removed (or replaced) between add() and this microtask.
    if (this.#started.has(worker) || !this.#running || this.#workers.get(worker.name) !== worker) return;
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
    const report: StopReport = unsettled.length === 0 ? OK : { ok: false, unsettled };
    if (errors.length > 0) {
      // The others were stopped all the same; `report` says whether their runs settled.
      throw Object.assign(new AggregateError(errors, `${OWNER}.stop: ${errors.length} worker(s) failed to stop`), {
        report,
      });
    }
    return report;
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
