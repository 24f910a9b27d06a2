/**
 * A virtual clock for testing your workers on any runtime and test runner (vitest, Deno.test,
 * `bun:test`, `node:test`): give it to a manager (or to a worker started on its own) and move time
 * with `advance()` and `next()`. It drives the manager's timer queue only: `doWork`'s own I/O and
 * timers stay real, and each run that starts is waited for (in real time) before time moves on.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, periodic } from "@background/workers";
 * import { TestClock } from "@background/workers/testing";
 *
 * const clock = new TestClock();
 * const manager = new BackgroundWorkerManager({ clock });
 * let runs = 0;
 * manager.add(periodic("Poller", { period: 60_000 }, async () => {
 *   await Promise.resolve(); // real I/O here (fetch, a file) is waited for
 *   runs++;
 * }));
 * await manager.start();
 * await clock.advance(180_000);
 * console.log(runs); // 3
 * await manager.stop();
 * ```
 * @module
 */
import { type Clock, type ClockSource, realClock } from "../core/clock.ts";
import { InFlight, macrotask } from "./in_flight.ts";

/** The default of {@link TestClockOptions.settleTimeout}. */
const DEFAULT_SETTLE_TIMEOUT = 10_000;

/**
 * Options of a {@link TestClock}.
 *
 * @example
 * ```ts
 * import { TestClock, type TestClockOptions } from "@background/workers/testing";
 *
 * const options: TestClockOptions = { start: Date.UTC(2030, 0, 1), settleTimeout: 5_000 };
 * const clock = new TestClock(options);
 * ```
 */
export interface TestClockOptions {
  /** The virtual time to start at: epoch ms or a Date. Default: `Date.now()` when constructed. */
  readonly start?: number | Date;
  /**
   * How long, in real ms, `advance()`, `next()` and `settle()` wait for runs in flight before they
   * throw an Error naming them. Default 10,000.
   */
  readonly settleTimeout?: number;
}

/**
 * Options of {@link TestClock.advance}.
 *
 * @example
 * ```ts
 * import { TestClock, type AdvanceOptions } from "@background/workers/testing";
 *
 * const options: AdvanceOptions = { settle: false };
 * await new TestClock().advance(1_000, options);
 * ```
 */
export interface AdvanceOptions {
  /** False: do not wait for runs in flight between timers (one real macrotask each). Default true. */
  readonly settle?: boolean;
}

interface VirtualTimer {
  readonly due: number;
  readonly seq: number;
  readonly callback: () => void;
}

function checkMs(call: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`TestClock.${call}: ms must be a finite number ≥ 0, got ${typeof value === "number" ? value : typeof value}`);
  }
  return value;
}

/**
 * Virtual time for a manager's (or a lone worker's) timer queue. Nothing moves until `advance()` or
 * `next()`; each due run then starts and is waited for, in real time, before the next timer fires:
 * a run that awaits real I/O (a fetch to a local server, a file, a real `setTimeout`) completes as
 * it would in production. Stop deadlines stay real. Use `sleep()` for virtual waits inside `doWork`.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, periodic } from "@background/workers";
 * import { TestClock } from "@background/workers/testing";
 *
 * const clock = new TestClock({ start: Date.UTC(2030, 0, 1) });
 * const manager = new BackgroundWorkerManager({ clock });
 * const seen: number[] = [];
 * manager.add(periodic("Tick", { period: 1_000 }, ({ scheduledAt }) => void seen.push(scheduledAt)));
 * await manager.start();
 * await clock.next(); // the first run, at start + 1 s
 * await clock.advance(2_000); // two more
 * console.log(seen.length, clock.now - Date.UTC(2030, 0, 1)); // 3 3000
 * await manager.stop();
 * ```
 */
export class TestClock implements ClockSource {
  /** The clock the timer queue runs on (what the manager reads); use the methods below instead. */
  readonly queueClock: Clock;
  readonly #epoch: number;
  readonly #settleTimeout: number;
  #mono = 0;
  #seq = 0;
  /** Pending virtual timers, earliest first (few: one per queue, plus sleeps). */
  readonly #timers: VirtualTimer[] = [];
  readonly #runs = new InFlight();
  #busy: string | undefined = undefined;

  /**
   * A clock at `options.start` (default now), still until told to move.
   * @throws {RangeError} for a start or settleTimeout that is not a finite number (settleTimeout > 0).
   */
  constructor(options: TestClockOptions = {}) {
    if (options === null || typeof options !== "object") {
      throw new TypeError(`TestClock: options must be an object, got ${options === null ? "null" : typeof options}`);
    }
    for (const key of Object.keys(options)) {
      if (key !== "start" && key !== "settleTimeout") {
        throw new TypeError(`TestClock: unknown option "${key}" (known: start, settleTimeout)`);
      }
    }
    const start = options.start instanceof Date ? options.start.getTime() : options.start ?? Date.now();
    if (typeof start !== "number" || !Number.isFinite(start)) {
      throw new RangeError(`TestClock: option "start" must be epoch ms or a valid Date, got ${String(options.start)}`);
    }
    const settle = options.settleTimeout ?? DEFAULT_SETTLE_TIMEOUT;
    if (typeof settle !== "number" || !(settle > 0) || !Number.isFinite(settle)) {
      throw new RangeError(`TestClock: option "settleTimeout" must be a finite number of ms > 0, got ${String(options.settleTimeout)}`);
    }
    this.#epoch = start;
    this.#settleTimeout = settle;
    this.queueClock = {
      now: () => this.#mono,
      epochOffset: () => this.#epoch,
      setTimer: (callback, ms) => this.#add(callback, ms),
      clearTimer: (handle) => this.#remove(handle as VirtualTimer),
      observer: this.#runs.observer,
      deadlines: realClock,
    };
  }

  /** The virtual time, epoch ms (what `context.startedAt` and `status().nextRunAt` are read against). */
  get now(): number {
    return this.#epoch + this.#mono;
  }

  /** When the next virtual timer fires (epoch ms): the next due run or sleep; undefined when none waits. */
  get nextAt(): number | undefined {
    const next = this.#timers[0];
    return next === undefined ? undefined : this.#epoch + next.due;
  }

  /** Runs in flight on this clock's workers. */
  get inFlight(): number {
    return this.#runs.count;
  }

  /**
   * Moves time on by `ms`: fires every timer due until then, in order, and after each one waits
   * for the runs that started to settle (or to wait in `sleep()`). Resolves with the new time.
   * With `{ settle: false }` it gives each timer one real macrotask instead of waiting for the runs:
   * for a run that waits on virtual time other than `sleep()`, such as its own `timeout`.
   * @throws {RangeError} for a negative or non-finite `ms`; rejects when runs are still in flight
   * after `settleTimeout` of real time, or when another `advance()` or `next()` is under way.
   */
  async advance(ms: number, options?: AdvanceOptions): Promise<number> {
    checkMs("advance", ms);
    const wait = options?.settle ?? true;
    if (typeof wait !== "boolean") throw new TypeError(`TestClock.advance: option "settle" must be a boolean, got ${typeof wait}`);
    this.#enter("advance");
    try {
      const target = this.#mono + ms;
      const settle = wait ? () => this.#settle("advance") : macrotask;
      await settle();
      for (let timer = this.#timers[0]; timer !== undefined && timer.due <= target; timer = this.#timers[0]) {
        this.#fire(timer);
        await settle();
      }
      this.#mono = target;
      return this.now;
    } finally {
      this.#busy = undefined;
    }
  }

  /**
   * Moves time on to the next timer (the next due run, or a `sleep()` ending), fires every timer due
   * then, waits for the runs that started, and resolves with the new time.
   * @throws {Error} (the promise rejects) when no timer waits: no worker is started, or all are stopped.
   */
  async next(): Promise<number> {
    this.#enter("next");
    try {
      await this.#settle("next");
      const first = this.#timers[0];
      if (first === undefined) {
        throw new Error("TestClock.next: no timer is waiting: no worker on this clock is started, or every one is stopped");
      }
      for (let timer: VirtualTimer | undefined = first; timer !== undefined && timer.due <= first.due; timer = this.#timers[0]) {
        this.#fire(timer);
        await this.#settle("next");
      }
      return this.now;
    } finally {
      this.#busy = undefined;
    }
  }

  /**
   * Without moving time, fires the timers due now (a `trigger()`, a `start()` with `runOnStart`)
   * and waits, in real time, until no run is in flight (or every one waits in `sleep()`).
   * @throws {Error} (the promise rejects) when runs are still in flight after `settleTimeout`.
   */
  settle(): Promise<void> {
    return this.#settle("settle");
  }

  /**
   * A virtual wait for `doWork`: resolves when the clock has been moved past `ms` from now, rejects
   * with the signal's reason when `signal` aborts first (as a stop or a run's timeout does).
   * @throws {RangeError} for a negative or non-finite `ms`.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    checkMs("sleep", ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const runs = this.#runs;
    return new Promise<void>((resolve, reject) => {
      runs.sleeping++;
      const done = (): void => {
        runs.sleeping--;
        signal?.removeEventListener("abort", onAbort);
      };
      const timer = this.#add(() => (done(), resolve()), ms);
      const onAbort = (): void => {
        this.#remove(timer);
        done();
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      runs.wake();
    });
  }

  #enter(call: string): void {
    if (this.#busy !== undefined) {
      throw new Error(`TestClock.${call}: ${this.#busy}() is under way on this clock; await it first`);
    }
    this.#busy = call;
  }

  #fire(timer: VirtualTimer): void {
    this.#remove(timer);
    if (timer.due > this.#mono) this.#mono = timer.due;
    timer.callback();
  }

  #add(callback: () => void, ms: number): VirtualTimer {
    const timer: VirtualTimer = { due: this.#mono + Math.max(0, ms), seq: this.#seq++, callback };
    const timers = this.#timers;
    let i = timers.length;
    while (i > 0 && timers[i - 1]!.due > timer.due) i--;
    timers.splice(i, 0, timer);
    return timer;
  }

  #remove(timer: VirtualTimer): void {
    const i = this.#timers.indexOf(timer);
    if (i >= 0) this.#timers.splice(i, 1);
  }

  #settle(call: string): Promise<void> {
    // Due now (a trigger, runOnStart, sleep(0)): fired without moving time.
    return this.#runs.settle(`TestClock.${call}`, this.#settleTimeout, () => {
      const due = this.#timers[0];
      if (due === undefined || due.due > this.#mono) return false;
      this.#fire(due);
      return true;
    });
  }
}
