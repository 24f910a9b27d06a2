/**
 * BackgroundWorkerManager: the registry of workers, their shared timer queue, and starting,
 * stopping, triggering and reporting on all of them.
 * @module
 */
import { ATTACH, isAttachable, type WorkerHost } from "./host.ts";
import { startWorker } from "./starting.ts";
import { type ManagerOptions, OWNER, resolveManagerOptions } from "./manager_options.ts";
import { checkObserver, combine, type RunObserver } from "./observer.ts";
import { show } from "./options.ts";
import { log, reporter } from "./report.ts";
import { type StopOnShutdownOptions, stopOnShutdownHook } from "./shutdown_hook.ts";
import { gatherReports, stopTimeout, stopWorker, type WorkerStopped } from "./stopping.ts";
import { plainStatus } from "./run_stats.ts";
import { TimerQueue } from "./timer_queue.ts";
import type { BackgroundWorker, RunResult, StopOptions, StopReport, WorkerStatus } from "./types.ts";

export type { ManagerOptions } from "./manager_options.ts";

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
  /** Workers whose start() has not resolved yet: a stop waits for it first. */
  readonly #startsUnderWay = new Map<BackgroundWorker, Promise<void>>();
  readonly #host: WorkerHost;
  readonly #observers: RunObserver[] = [];
  readonly #enabled: boolean;
  readonly #stopTimeout: number;
  #running = false;
  #starting: Promise<void> | undefined = undefined;
  #stopping: Promise<StopReport> | undefined = undefined;
  /** What the one stopOnShutdown() call returned, until disposed. */
  #shutdown: Disposable | undefined = undefined;
  /** Bumped by every stop(): a start() that waited for an earlier stop gives way to a later one. */
  #stops = 0;

  /**
   * Creates a manager; nothing runs until `start()`.
   *
   * @throws {TypeError} for an unknown option or one of the wrong type.
   * @throws {RangeError} for a negative `stopTimeout`.
   */
  constructor(options: ManagerOptions = {}) {
    const config = resolveManagerOptions(options);
    this.#enabled = config.enabled;
    this.#stopTimeout = config.stopTimeout;
    if (config.clock.observer !== undefined) this.#observers.push(config.clock.observer); // a test clock's: counts runs in flight
    this.#host = {
      ...reporter(config.logger, config.onError),
      queue: new TimerQueue(config.clock),
      scope: config.scope,
      lease: config.lease,
      engine: config.engine,
      observer: config.clock.observer,
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
    if (isAttachable(worker)) worker[ATTACH](this.#host);
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
    return this.#stopOne(worker, this.#stopTimeout).then(async ({ report, error }) => {
      this.#started.delete(worker);
      if (isAttachable(worker)) {
        worker[ATTACH](undefined);
        // On an engine, removing a worker removes its schedule: no instance runs it any more.
        await this.#host.engine?.unschedule(name);
      }
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
    await Promise.all(Array.from(this.#workers.values(), (worker) => this.#startOne(worker)).filter((s) => s !== undefined));
  }

  /**
   * Stops every worker concurrently under one deadline (`timeout`, default the manager's
   * `stopTimeout`): aborts their runs, waits for them, and resolves with the runs that did not
   * settle in time. Rejects with an AggregateError when workers' `stop()` failed; the others are
   * stopped all the same, and the error's `report` property holds their report. Calling it again, or concurrently, returns the same result.
   */
  stop(options?: StopOptions): Promise<StopReport> {
    const timeout = stopTimeout(OWNER, `${OWNER}.stop`, options, this.#stopTimeout);
    this.#stops++;
    if (this.#stopping !== undefined) return this.#stopping;
    // Not started, but workers of its own may have been started one by one: those stop too (a
    // shutdown must not leave a worker ticking because the manager itself was never started).
    if (!this.#running) return this.#stopping = this.#stopAll(timeout, false);
    this.#running = false;
    return this.#stopping = this.#stopAll(timeout, true);
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

  /**
   * Pauses the named worker on this instance (see `PeriodicBackgroundWorker.pause`): the run in
   * flight finishes, no new one starts; resolves once it settled.
   * @throws {RangeError} when no worker has this name; {TypeError} when the worker cannot pause.
   */
  pause(name: string): Promise<void> {
    return this.#control(name, "pause");
  }

  /**
   * Resumes the named worker: its next run is its schedule's next slot.
   * @throws {RangeError} when no worker has this name; {TypeError} when the worker cannot resume.
   */
  resume(name: string): Promise<void> {
    return this.#control(name, "resume");
  }

  #control(name: string, method: "pause" | "resume"): Promise<void> {
    const worker = this.#need(name, method);
    const call = worker[method];
    if (typeof call !== "function") throw new TypeError(`${OWNER}.${method}: worker ${show(name)} has no ${method}()`);
    return call.call(worker);
  }

  /** One status line per worker, in the order they were added. */
  status(): WorkerStatus[] {
    return Array.from(this.#workers.values(), (worker) => {
      const status = typeof worker.status === "function" ? worker.status() : plainStatus(worker.name, this.#started.has(worker));
      return this.#enabled ? status : { ...status, state: "disabled", nextRunAt: null };
    });
  }

  /**
   * Stops the manager gracefully on the first SIGINT or SIGTERM, on Deno, Bun or Node: aborts the runs
   * in flight, waits for them (at most `timeout`), calls `beforeExit`, then exits with 0 when every
   * run settled in time and 1 otherwise. A second signal exits at once with 128 + its number (130
   * for Ctrl-C). Returns a Disposable that removes the signal listeners.
   * @throws {Error} when called again before the first one's Disposable was disposed.
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
    // Two hooks would race to exit: the first to finish its beforeExit ends the other's mid-way.
    if (this.#shutdown !== undefined) {
      throw new Error(
        `${OWNER}.stopOnShutdown: called twice on this manager; pass every option (one beforeExit doing all the closing) to one call, or dispose the first`,
      );
    }
    const workers = this.#workers;
    const hook = stopOnShutdownHook()({
      stop: (o) => this.stop(o),
      get size() {
        return workers.size;
      },
      logger: this.#host.logger,
      stopTimeout: this.#stopTimeout,
    }, options);
    const shutdown: Disposable = {
      [Symbol.dispose]: (): void => {
        if (this.#shutdown === shutdown) this.#shutdown = undefined;
        hook[Symbol.dispose]();
      },
    };
    return this.#shutdown = shutdown;
  }

  /**
   * Adds an observer of every run of this manager's workers (see {@link RunObserver}): telemetry,
   * a status page, counters. Dispose the result to remove it. With no observer, a run builds no
   * event at all.
   *
   * @example
   * ```ts
   * import { BackgroundWorkerManager } from "@background/workers";
   *
   * const manager = new BackgroundWorkerManager();
   * const observing = manager.observe({ settled: (e) => console.log(e.worker, e.outcome) });
   * observing[Symbol.dispose]();
   * ```
   */
  observe(observer: RunObserver): Disposable {
    checkObserver(OWNER, observer);
    this.#observers.push(observer);
    this.#observed();
    return {
      [Symbol.dispose]: (): void => {
        const i = this.#observers.indexOf(observer);
        if (i >= 0) this.#observers.splice(i, 1);
        this.#observed();
      },
    };
  }

  #observed(): void {
    const logger = this.#host.logger;
    this.#host.observer = combine(this.#observers, (error) => log(logger, "error", "[background-workers] an observer threw:", error));
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

  /** Undefined when the worker started synchronously, else its start to wait for. */
  #startOne(worker: BackgroundWorker): Promise<void> | undefined {
    // Not if it was removed (or replaced) between add() and this microtask.
    if (this.#started.has(worker) || !this.#running || this.#workers.get(worker.name) !== worker) return;
    this.#started.add(worker);
    return startWorker(worker, this.#startsUnderWay, this.#startFailed);
  }

  readonly #startFailed = (worker: BackgroundWorker, error: unknown): void => {
    this.#started.delete(worker);
    this.#host.report(error, { worker: worker.name, run: 0, phase: "start" });
  };

  #stopOne(worker: BackgroundWorker, timeout: number): Promise<WorkerStopped> {
    return stopWorker(OWNER, worker, timeout, this.#host.queue.clock, this.#startsUnderWay.get(worker));
  }

  async #stopAll(timeout: number, running: boolean): Promise<StopReport> {
    const workers = Array.from(this.#workers.values()).filter((w) => running || isAttachable(w));
    const results = await Promise.all(workers.map((w) => this.#stopOne(w, timeout)));
    this.#started.clear();
    if (running) await this.#host.engine?.close?.().catch((error: unknown) => log(this.#host.logger, "error", "[background-workers] the engine failed to close:", error));
    return gatherReports(OWNER, results);
  }

}
