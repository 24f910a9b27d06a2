/**
 * PeriodicBackgroundWorker and periodic(): options, validation and the run path.
 *
 * The run path is what runs 100,000 times a second at scale, so it is kept lean on purpose: one
 * AbortController per start shared by its runs (a per-run one only when a timeout needs its own
 * reason), no promise hop for a `doWork` that returns none, state in fields rather than closures.
 * @module
 */
import { settlesWithin } from "./deadline.ts";
import { LeaseKeeper, type LeaseLostError, type LeaseOptions, leaseOptions, type LeaseStore } from "./lease.ts";
import { checkBoolean, checkKeys, checkNonNegative, checkObject, checkPositive, show } from "./options.ts";
import { defaultLogger, isThenable, log, type Reporter, reporter } from "./report.ts";
import {
  type BackoffOptions,
  backoffDelay,
  cronSchedule,
  FixedDelay,
  FixedRate,
  jitterDelay,
  type Schedule,
} from "./schedule.ts";
import { type TimerEntry, timerEntry, TimerQueue } from "./timer_queue.ts";
import type {
  BackgroundWorker,
  ErrorInfo,
  RunResult,
  ScopeFactory,
  StopOptions,
  StopReport,
  WorkerContext,
  WorkerState,
  WorkerStatus,
} from "./types.ts";

/**
 * How runs are spaced: `"fixed-delay"` (default) waits `period` ms after a run ends;
 * `"fixed-rate"` keeps runs on the grid `start + k·period`.
 *
 * @example
 * ```ts
 * import type { ScheduleMode } from "@background/workers";
 *
 * const mode: ScheduleMode = "fixed-rate";
 * ```
 */
export type ScheduleMode = "fixed-delay" | "fixed-rate";

/**
 * Options of a {@link PeriodicBackgroundWorker}.
 *
 * @example
 * ```ts
 * import type { PeriodicWorkerOptions } from "@background/workers";
 *
 * const options: PeriodicWorkerOptions = { period: 60_000, runOnStart: true, jitter: 5_000, timeout: 30_000 };
 * ```
 */
export interface PeriodicWorkerOptions {
  /** Milliseconds between runs: a finite number > 0 (periods past 24.8 days work). Exclusive with `cron`. */
  readonly period?: number;
  /**
   * A cron pattern (5 or 6 fields, or `@hourly`-style), instead of `period`. Needs the cron entry
   * point loaded once: `import "@background/workers/cron"`.
   */
  readonly cron?: string;
  /** The IANA time zone of `cron`, e.g. `"Europe/Berlin"`. Default: the process's local zone. */
  readonly timezone?: string;
  /** Run at once on start instead of one period later. Default false. */
  readonly runOnStart?: boolean;
  /** Unique name within a manager. Default: the class name. */
  readonly name?: string;
  /** `"fixed-delay"` (default) or `"fixed-rate"`. */
  readonly mode?: ScheduleMode;
  /** Adds a random delay in [0, jitter) ms to each due time. Default 0. */
  readonly jitter?: number;
  /** Aborts a run's signal after this many ms (reason: a `TimeoutError`). Default: no timeout. */
  readonly timeout?: number;
  /** False registers the worker without running it. Default true. */
  readonly enabled?: boolean;
  /** Stretch the delay after consecutive failures: `true` for the defaults, or the settings. */
  readonly backoff?: boolean | BackoffOptions;
  /**
   * Run on one instance at a time through a lease store (overrides the manager's `lease`), or
   * `false` to run on every instance even when the manager has a lease store.
   */
  readonly lease?: LeaseStore | LeaseOptions | false;
}

const WORKER_OPTIONS = ["period", "cron", "timezone", "runOnStart", "name", "mode", "jitter", "timeout", "enabled", "backoff", "lease"] as const;
const BACKOFF_OPTIONS = ["factor", "max"] as const;
const MODES: readonly string[] = ["fixed-delay", "fixed-rate"];
const DEFAULT_STOP_TIMEOUT = 30_000;
const OK: StopReport = Object.freeze({ ok: true, unsettled: Object.freeze([]) });

/** What a manager lends its workers: its timer queue, its error reporting and its scope factory. */
export interface WorkerHost extends Reporter {
  readonly queue: TimerQueue;
  readonly scope: ScopeFactory | undefined;
  readonly lease?: LeaseOptions | undefined;
}

/** Stands in for the host of a worker taken out of its manager while an abandoned run still goes on. */
const DETACHED: WorkerHost = { ...reporter(defaultLogger, undefined), queue: new TimerQueue(), scope: undefined };

let setHost: (worker: PeriodicBackgroundWorker<never>, host: WorkerHost | undefined) => void;

/**
 * Lends a manager's queue and reporting to a worker (or takes them back with `undefined`).
 * Internal: not exported from `mod.ts`.
 */
export function attachHost(worker: PeriodicBackgroundWorker<never>, host: WorkerHost | undefined): void {
  setHost(worker, host);
}

/**
 * A worker that runs {@link PeriodicBackgroundWorker.doWork} every `period` ms, never overlapping
 * itself: in the default fixed-delay mode the next run is due `period` ms after the previous one
 * ended. Subclass it and implement `doWork`.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, PeriodicBackgroundWorker, type WorkerContext } from "@background/workers";
 *
 * class PassiveUserCheckerWorker extends PeriodicBackgroundWorker {
 *   constructor() {
 *     super({ period: 5_000 });
 *   }
 *   protected override async doWork({ signal, run }: WorkerContext): Promise<void> {
 *     await fetch("https://example.com/users/deactivate-passive", { method: "POST", signal });
 *     console.log(`run ${run} done`);
 *   }
 * }
 *
 * const manager = new BackgroundWorkerManager();
 * manager.add(new PassiveUserCheckerWorker());
 * await manager.start();
 * ```
 */
export abstract class PeriodicBackgroundWorker<Scope = unknown> implements BackgroundWorker {
  readonly #name: string;
  #period: number;
  readonly #runOnStart: boolean;
  readonly #jitter: number;
  readonly #timeout: number;
  readonly #enabled: boolean;
  readonly #backoffFactor: number;
  readonly #backoffMax: number;
  readonly #schedule: Schedule;
  readonly #lease: LeaseOptions | false | undefined;
  #keeper: LeaseKeeper | undefined = undefined;

  #host: WorkerHost | undefined = undefined;
  #ownHost = false;
  readonly #entry: TimerEntry = timerEntry((now) => this.#onDue(now));
  #timeoutEntry: TimerEntry | undefined = undefined;
  #state: WorkerState;
  /** Bumped by start and stop: a settle from an older generation belongs to an abandoned run. */
  #gen = 0;
  #controller: AbortController | undefined = undefined;
  #signal: AbortSignal | undefined = undefined;
  #runController: AbortController | undefined = undefined;
  #inFlight: Promise<void> | undefined = undefined;
  #dueWhileBusy = false;
  #stopWaiting = false;
  #stopPromise: Promise<StopReport> | undefined = undefined;
  #waiters: Resolvers<RunResult>[] | undefined = undefined;

  #run = 0;
  #nominalDue = 0;
  #runDue = 0;
  #runStart = 0;

  #runs = 0;
  #failures = 0;
  #consecutive = 0;
  #lastRunAt: number | null = null;
  #lastDuration: number | null = null;
  #lastError: unknown = undefined;

  static {
    setHost = (worker, host) => {
      if (host !== undefined && worker.#host !== undefined && !worker.#ownHost) {
        throw new Error(`${worker.#name}: this worker already belongs to a manager; remove it there first`);
      }
      if (worker.#state === "idle" || worker.#state === "running") {
        throw new Error(`${worker.#name}: stop this worker before moving it into or out of a manager`);
      }
      worker.#host = host;
      worker.#ownHost = false;
    };
  }

  /**
   * Checks the options; nothing runs until `start()`.
   *
   * @param options `period` and the rest; the name defaults to the class name.
   * @throws {RangeError} for a period that is not a finite number > 0, a negative jitter or timeout.
   * @throws {TypeError} for an unknown option or mode, or a worker without a name.
   */
  constructor(options: PeriodicWorkerOptions) {
    const className = new.target.name;
    const owner = className || "PeriodicBackgroundWorker";
    checkObject(owner, "options", options);
    if (options === undefined) throw new TypeError(`${owner}: options with a "period" or a "cron" are required`);
    const name = options.name ?? className;
    if (typeof name !== "string" || name.trim() === "") {
      throw new TypeError(`${owner}: option "name" must be a non-empty string, got ${show(name)}`);
    }
    checkKeys(name, options, WORKER_OPTIONS);
    this.#name = name;
    const cron = options.cron;
    if (cron !== undefined && options.period !== undefined) {
      throw new TypeError(
        `${name}: options "period" and "cron" exclude each other, got period ${show(options.period)} and cron ${show(cron)}`,
      );
    }
    if (cron === undefined && options.timezone !== undefined) {
      throw new TypeError(`${name}: option "timezone" needs "cron", got timezone ${show(options.timezone)}`);
    }
    if (cron !== undefined && options.mode !== undefined) {
      throw new TypeError(`${name}: option "mode" applies to "period" only, got mode ${show(options.mode)} with cron`);
    }
    this.#period = cron === undefined ? checkPositive(name, "period", options.period) : 0;
    const mode = options.mode ?? "fixed-delay";
    if (!MODES.includes(mode)) {
      throw new TypeError(`${name}: option "mode" must be "fixed-delay" or "fixed-rate", got ${show(mode)}`);
    }
    this.#runOnStart = checkBoolean(name, "runOnStart", options.runOnStart ?? false);
    this.#jitter = checkNonNegative(name, "jitter", options.jitter ?? 0);
    this.#timeout = options.timeout === undefined ? 0 : checkPositive(name, "timeout", options.timeout);
    this.#enabled = checkBoolean(name, "enabled", options.enabled ?? true);
    const backoff = options.backoff ?? false;
    if (typeof backoff === "boolean") {
      this.#backoffFactor = backoff ? 2 : 0;
      this.#backoffMax = 0;
    } else {
      checkObject(name, 'option "backoff"', backoff);
      checkKeys(`${name}: backoff`, backoff, BACKOFF_OPTIONS);
      this.#backoffFactor = backoff.factor === undefined ? 2 : checkPositive(name, "backoff.factor", backoff.factor);
      if (this.#backoffFactor < 1) {
        throw new RangeError(`${name}: option "backoff.factor" must be ≥ 1, got ${show(backoff.factor)}`);
      }
      this.#backoffMax = backoff.max === undefined ? 0 : checkPositive(name, "backoff.max", backoff.max);
    }
    this.#lease = options.lease === undefined || options.lease === false
      ? options.lease
      : leaseOptions(name, options.lease);
    const period = (): number => this.#period;
    this.#schedule = cron !== undefined
      ? cronSchedule(name, cron, options.timezone)
      : mode === "fixed-rate"
      ? new FixedRate(period)
      : new FixedDelay(period);
    this.#state = this.#enabled ? "stopped" : "disabled";
  }

  /** The work of one run. Honour `context.signal`: it aborts on stop and on timeout. */
  protected abstract doWork(context: WorkerContext<Scope>): void | Promise<void>;

  /** The worker's name, unique within a manager. */
  get name(): string {
    return this.#name;
  }

  /** Its state: `"idle"` (waiting), `"running"`, `"stopped"` or `"disabled"`. */
  get state(): WorkerState {
    return this.#state;
  }

  /**
   * Milliseconds between runs (0 for a cron worker). Setting it while idle reschedules from now;
   * during a run, the next run uses it.
   */
  get period(): number {
    return this.#period;
  }

  set period(value: number) {
    if (this.#period === 0) throw new TypeError(`${this.#name}: a cron worker has no period to set (got ${show(value)})`);
    this.#period = checkPositive(this.#name, "period", value);
    if (this.#state === "running") {
      this.#schedule.rebase(this.#runDue);
    } else if (this.#host?.queue.has(this.#entry)) {
      const now = performance.now();
      this.#schedule.rebase(now);
      this.#queueAt(this.#schedule.first(now));
    }
  }

  /**
   * Starts the worker: the first run is due one period from now (at once with `runOnStart`). Never
   * calls `doWork` synchronously. A no-op when the worker is disabled or started already.
   */
  start(): Promise<void> {
    if (this.#state !== "stopped") return Promise.resolve();
    if (this.#host === undefined) {
      this.#host = { ...reporter(defaultLogger, undefined), queue: new TimerQueue(), scope: undefined };
      this.#ownHost = true;
    }
    this.#gen++;
    this.#stopPromise = undefined;
    // Made at the first run, then shared by the runs of this start: 100,000 workers that have not
    // run yet need no 100,000 controllers (about 800 B each on Node).
    this.#controller = undefined;
    this.#signal = undefined;
    this.#state = "idle";
    const lease = this.#lease === undefined ? this.#host.lease : this.#lease || undefined;
    this.#keeper = lease === undefined ? undefined : new LeaseKeeper(lease, this.#name, this.#host.queue, {
      lost: (error) => this.#onLeaseLost(error),
      fault: (error) => this.#host?.report(error, { worker: this.#name, run: this.#run, phase: "lease" }),
    });
    const now = performance.now();
    const first = this.#schedule.first(now);
    this.#queueAt(this.#runOnStart ? now : first);
    log(this.#host.logger, "debug", `[background-workers] ${this.#name}: started`);
    return Promise.resolve();
  }

  /**
   * Stops the worker: aborts the signal of the run in flight, then waits for it at most `timeout` ms
   * (default 30,000). Resolves with a report naming a run that did not settle in time. Calling it
   * again, or concurrently, returns the same result.
   */
  stop(options?: StopOptions): Promise<StopReport> {
    let timeout = DEFAULT_STOP_TIMEOUT;
    if (options !== undefined) {
      checkObject(this.#name, "stop options", options);
      checkKeys(`${this.#name}: stop`, options, ["timeout"]);
      if (options.timeout !== undefined) timeout = checkNonNegative(this.#name, "timeout", options.timeout, true);
    }
    if (this.#stopPromise !== undefined) return this.#stopPromise;
    if (this.#state !== "idle" && this.#state !== "running") return this.#stopPromise = Promise.resolve(OK);
    return this.#stopPromise = this.#stop(timeout);
  }

  async #stop(timeout: number): Promise<StopReport> {
    const host = this.#host as WorkerHost;
    this.#gen++;
    this.#state = "stopped";
    host.queue.cancel(this.#entry);
    if (this.#timeoutEntry !== undefined) host.queue.cancel(this.#timeoutEntry);
    this.#dueWhileBusy = false;
    const reason = new DOMException(`${this.#name} stopped`, "AbortError");
    this.#runController?.abort(reason);
    this.#controller?.abort(reason);
    this.#controller = undefined;
    this.#signal = undefined;
    const inFlight = this.#inFlight;
    if (inFlight === undefined && this.#waiters !== undefined) {
      // Triggered, but the run had not begun: it never will, so say so rather than hang.
      const error = new Error(`${this.#name}: stopped before the triggered run began`);
      for (const waiter of this.#waiters) waiter.reject(error);
      this.#waiters = undefined;
    }
    let report = OK;
    if (inFlight !== undefined) {
      const run = this.#run;
      this.#stopWaiting = true;
      const settled = await settlesWithin(inFlight, timeout);
      this.#stopWaiting = false;
      if (!settled) report = { ok: false, unsettled: [{ worker: this.#name, run }] };
    }
    const keeper = this.#keeper;
    this.#keeper = undefined;
    // A run that did not settle keeps its lease until the lease expires: no other instance may start
    // while it may still write. Otherwise give the lease up so that another instance takes over now.
    if (report.ok) await keeper?.release();
    else keeper?.abandon();
    log(host.logger, "debug", `[background-workers] ${this.#name}: stopped`);
    return report;
  }

  /**
   * Runs the worker now, through the same path as a scheduled run. If a run is in flight, resolves
   * with that run's end instead of starting a second one. Rejects unless the worker is started.
   */
  trigger(): Promise<RunResult> {
    if (this.#state !== "idle" && this.#state !== "running") {
      return Promise.reject(new Error(`${this.#name}: cannot trigger a worker that is ${this.#state}`));
    }
    const waiter = withResolvers<RunResult>();
    (this.#waiters ??= []).push(waiter);
    if (this.#state === "idle" && this.#inFlight === undefined) {
      // Through the queue, so a trigger runs like any due run: on its own tick, never inside the caller.
      this.#queueAt(performance.now(), false);
    }
    return waiter.promise;
  }

  /** The worker's status line, as listed by `manager.status()`. */
  status(): WorkerStatus {
    const entry = this.#entry;
    return {
      name: this.#name,
      state: this.#state,
      runs: this.#runs,
      failures: this.#failures,
      consecutiveFailures: this.#consecutive,
      lastRunAt: this.#lastRunAt,
      lastDurationMs: this.#lastDuration,
      lastError: this.#lastError,
      nextRunAt: this.#host !== undefined && this.#host.queue.has(entry)
        ? Math.round(this.#host.queue.epochOffset + entry.due)
        : null,
    };
  }

  #queueAt(nominal: number, jitter = true): void {
    this.#nominalDue = nominal;
    const due = jitter ? nominal + jitterDelay(this.#jitter) : nominal;
    // Workers of one period (or one cron pattern) share a FIFO lane in the queue.
    (this.#host as WorkerHost).queue.schedule(this.#entry, due, this.#period || this.#schedule.lane);
  }

  #onDue(now: number): void {
    // A run abandoned by an earlier stop() is still going: runs never overlap, so wait for it.
    if (this.#inFlight !== undefined) {
      this.#dueWhileBusy = true;
      return;
    }
    const keeper = this.#keeper;
    if (keeper === undefined) return this.#begin(now, undefined);
    const gen = this.#gen;
    const gate = keeper.ensure().then((token) => {
      if (this.#inFlight === gate) this.#inFlight = undefined;
      if (gen !== this.#gen) return;
      if (token !== undefined) return this.#begin(performance.now(), token);
      // Another instance holds the lease, or the store failed: skip this slot. A trigger waiting
      // for this run learns that it did not happen here.
      const waiters = this.#waiters;
      if (waiters !== undefined) {
        this.#waiters = undefined;
        const error = new Error(`${this.#name}: not run here: the lease is held elsewhere or the store failed`);
        for (const waiter of waiters) waiter.reject(error);
      }
      const at = performance.now();
      this.#queueAt(this.#schedule.next(this.#nominalDue, at, at));
    });
    this.#inFlight = gate;
  }

  #onLeaseLost(error: LeaseLostError): void {
    log((this.#host ?? DETACHED).logger, "warn", `[background-workers] ${this.#name}: ${error.message}`);
    this.#runController?.abort(error);
  }

  #begin(now: number, fencingToken: number | undefined): void {
    const host = this.#host as WorkerHost;
    const run = ++this.#run;
    const gen = this.#gen;
    this.#state = "running";
    this.#runDue = this.#nominalDue;
    this.#runStart = now;
    let signal: AbortSignal | undefined;
    if (this.#timeout > 0 || fencingToken !== undefined) {
      // A per-run controller only when a per-run reason (timeout, lease) can abort this run alone.
      const controller = new AbortController();
      this.#runController = controller;
      signal = controller.signal;
      if (this.#timeout > 0) {
        this.#timeoutEntry ??= timerEntry(() => this.#onTimeout());
        host.queue.schedule(this.#timeoutEntry, now + this.#timeout);
      }
    }
    const offset = host.queue.epochOffset;
    const startedAt = offset + now;
    this.#lastRunAt = startedAt;
    const scheduledAt = offset + this.#runDue;
    // One controller per start of the worker, made at its first run. Making it lazily on the
    // signal's first read would save its ~800 B on Node, but every way to do that measured 0.6–0.8 µs
    // more per run (an accessor in each context), so workers that never read it pay the bytes.
    if (signal === undefined) {
      if (this.#controller === undefined) {
        this.#controller = new AbortController();
        // Kept: Node's `controller.signal` getter costs more than the rest of a run's bookkeeping.
        this.#signal = this.#controller.signal;
      }
      signal = this.#signal as AbortSignal;
    }
    const context: WorkerContext<Scope> = fencingToken === undefined
      ? { signal, name: this.#name, run, scheduledAt, startedAt }
      : { signal, name: this.#name, run, scheduledAt, startedAt, fencingToken };
    if (host.scope !== undefined) {
      this.#inFlight = this.#scoped(host.scope, context, gen);
      return;
    }
    let result: void | Promise<void>;
    try {
      result = this.doWork(context);
    } catch (error) {
      return this.#settle(gen, error, "run");
    }
    if (isThenable(result)) {
      this.#inFlight = Promise.resolve(result).then(
        () => this.#settle(gen, undefined, undefined),
        (error: unknown) => this.#settle(gen, error, "run"),
      );
    } else {
      this.#settle(gen, undefined, undefined);
    }
  }

  async #scoped(factory: ScopeFactory, base: WorkerContext<Scope>, gen: number): Promise<void> {
    let scope: unknown;
    try {
      scope = await factory({ worker: this.#name, run: base.run });
    } catch (error) {
      return this.#settle(gen, error, "scope");
    }
    let error: unknown;
    let failed: "run" | undefined;
    try {
      await this.doWork({ ...base, scope: scope as Scope });
    } catch (e) {
      error = e;
      failed = "run";
    }
    try {
      const disposable = scope as Partial<AsyncDisposable & Disposable> | null | undefined;
      const asyncDispose = disposable?.[Symbol.asyncDispose];
      const dispose = disposable?.[Symbol.dispose];
      if (typeof asyncDispose === "function") await asyncDispose.call(disposable);
      else if (typeof dispose === "function") dispose.call(disposable);
    } catch (e) {
      if (gen === this.#gen || this.#stopWaiting) {
        (this.#host ?? DETACHED).report(e, { worker: this.#name, run: base.run, phase: "dispose" });
      }
    }
    this.#settle(gen, error, failed);
  }

  #onTimeout(): void {
    this.#runController?.abort(
      new DOMException(`${this.#name}: run ${this.#run} exceeded its timeout of ${this.#timeout} ms`, "TimeoutError"),
    );
  }

  #settle(gen: number, error: unknown, failed: ErrorInfo["phase"] | undefined): void {
    const end = performance.now();
    const host = this.#host ?? DETACHED;
    const run = this.#run;
    const current = gen === this.#gen;
    this.#inFlight = undefined;
    if (this.#runController !== undefined) {
      this.#runController = undefined;
      if (this.#timeoutEntry !== undefined) host.queue.cancel(this.#timeoutEntry);
    }
    const duration = end - this.#runStart;
    // A run that gives up because stop() aborted it did what it was asked: neither reported nor
    // counted as a failure. Once stop() has stopped waiting, a run's end is swallowed.
    if (failed !== undefined && !current && (!this.#stopWaiting || isAbortError(error))) {
      log(host.logger, "debug", `[background-workers] ${this.#name}: run ${run} settled after stop:`, error);
      failed = undefined;
    }
    if (current || this.#stopWaiting) {
      this.#runs++;
      this.#lastDuration = duration;
      if (failed === undefined) {
        this.#consecutive = 0;
      } else {
        this.#failures++;
        this.#consecutive++;
        this.#lastError = error;
        host.report(error, { worker: this.#name, run, phase: failed });
      }
    }
    const waiters = this.#waiters;
    if (waiters !== undefined) {
      this.#waiters = undefined;
      const result: RunResult = error === undefined && failed === undefined
        ? { worker: this.#name, run, ok: true, durationMs: duration }
        : { worker: this.#name, run, ok: false, error, durationMs: duration };
      for (const waiter of waiters) waiter.resolve(result);
    }
    if (!current) {
      // start() was called again while this abandoned run went on; its first run waited for this end.
      if (this.#dueWhileBusy && this.#state === "idle") {
        this.#dueWhileBusy = false;
        this.#onDue(performance.now());
      }
      return;
    }
    this.#state = "idle";
    let due = this.#schedule.next(this.#runDue, this.#runStart, end);
    if (failed !== undefined && this.#backoffFactor > 0) {
      // A cron worker backs off from its own interval to the next slot.
      const base = this.#period || Math.max(1, due - end);
      const max = this.#backoffMax || Math.max(base, 300_000);
      due = Math.max(due, end + backoffDelay(base, this.#consecutive, this.#backoffFactor, max));
    }
    this.#queueAt(due);
  }
}

interface Resolvers<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/** `Promise.withResolvers`, which Node 20 lacks. */
function withResolvers<T>(): Resolvers<T> {
  let resolve!: (value: T | PromiseLike<T>) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function isAbortError(error: unknown): boolean {
  return (error instanceof Error || error instanceof DOMException) && error.name === "AbortError";
}

/**
 * Options of {@link periodic}: those of {@link PeriodicBackgroundWorker} but the name, which is the
 * first argument.
 *
 * @example
 * ```ts
 * import type { PeriodicOptions } from "@background/workers";
 *
 * const options: PeriodicOptions = { period: 1_000, mode: "fixed-rate" };
 * ```
 */
export type PeriodicOptions = Omit<PeriodicWorkerOptions, "name">;

/**
 * Builds a periodic worker from a function.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, periodic } from "@background/workers";
 *
 * const manager = new BackgroundWorkerManager();
 * manager.add(periodic("CacheWarmer", { period: 60_000, runOnStart: true }, async ({ signal }) => {
 *   await fetch("https://example.com/warm", { signal });
 * }));
 * await manager.start();
 * ```
 */
export function periodic<Scope = unknown>(
  name: string,
  options: PeriodicOptions,
  work: (context: WorkerContext<Scope>) => void | Promise<void>,
): PeriodicBackgroundWorker<Scope> {
  if (typeof name !== "string" || name.trim() === "") {
    throw new TypeError(`periodic(): the name must be a non-empty string, got ${show(name)}`);
  }
  checkObject(name, "options", options);
  if (options !== undefined && "name" in options) {
    throw new TypeError(`${name}: option "name" is not allowed here; the name is periodic()'s first argument`);
  }
  if (options !== undefined) checkKeys(name, options, WORKER_OPTIONS.filter((key) => key !== "name"));
  if (typeof work !== "function") {
    throw new TypeError(`${name}: periodic()'s third argument must be the work function, got ${show(work)}`);
  }
  return new FunctionWorker({ ...options, name }, work);
}

class FunctionWorker<Scope> extends PeriodicBackgroundWorker<Scope> {
  readonly #work: (context: WorkerContext<Scope>) => void | Promise<void>;
  constructor(options: PeriodicWorkerOptions, work: (context: WorkerContext<Scope>) => void | Promise<void>) {
    super(options);
    this.#work = work;
  }
  protected doWork(context: WorkerContext<Scope>): void | Promise<void> {
    return this.#work(context);
  }
}
