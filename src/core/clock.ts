/**
 * Time for the timer queue, behind an interface so that tests can drive it.
 * @module
 */
import type { RunObserver } from "./observer.ts";
import { show } from "./options.ts";

/** setTimeout's delay is a signed 32-bit integer; longer delays fire at once on every runtime. */
export const MAX_DELAY: number = 2 ** 31 - 1;

/**
 * Where a timer queue gets its time and its one timer from. The real clock is `performance.now()`
 * and `setTimeout`; a test clock (`@background/workers/testing`) moves only when told to.
 *
 * @example
 * ```ts
 * import type { Clock } from "@background/workers";
 *
 * const real: Clock = {
 *   now: () => performance.now(),
 *   epochOffset: () => Date.now() - performance.now(),
 *   setTimer: (callback, ms) => setTimeout(callback, ms),
 *   clearTimer: (handle) => clearTimeout(handle as number),
 * };
 * ```
 */
export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Epoch milliseconds at monotonic 0: `Date.now() - now()`. */
  epochOffset(): number;
  /** Calls `callback` once after `ms` (at most MAX_DELAY); returns a handle for `clearTimer`. */
  setTimer(callback: () => void, ms: number): unknown;
  /** Cancels a timer that has not fired. */
  clearTimer(handle: unknown): void;
  /**
   * Watches the runs of the workers on this clock: a test clock counts the runs in flight, to wait
   * for them. The manager adds it to its observers. Default: none.
   */
  readonly observer?: RunObserver;
  /**
   * Where `stop()` times its deadline. Default: this clock. A test clock gives the real one: a stop
   * waits on real I/O, so its limit must pass in real time, or it would wait for ever.
   */
  readonly deadlines?: Clock;
}

/**
 * What the `clock` option of a manager or a worker takes: the source of the {@link Clock} its timer
 * queue runs on. `TestClock` (`@background/workers/testing`) is one.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager } from "@background/workers";
 * import { TestClock } from "@background/workers/testing";
 *
 * const clock = new TestClock();
 * const manager = new BackgroundWorkerManager({ clock });
 * ```
 */
export interface ClockSource {
  /** The clock the timer queue runs on. */
  readonly queueClock: Clock;
}

/** `performance.now()`, `Date.now()` and `setTimeout`. */
export const realClock: Clock = {
  now: () => performance.now(),
  epochOffset: () => Date.now() - performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const CLOCK_METHODS = ["now", "epochOffset", "setTimer", "clearTimer"] as const;

/** Checks a `clock` option; returns the clock the queue runs on. */
export function checkClock(owner: string, value: unknown): Clock {
  const clock = value !== null && typeof value === "object" ? (value as Partial<ClockSource>).queueClock : undefined;
  if (clock === null || typeof clock !== "object" || CLOCK_METHODS.some((m) => typeof clock[m] !== "function")) {
    throw new TypeError(
      `${owner}: option "clock" must be a clock source such as a TestClock from "@background/workers/testing" (an object whose queueClock has now(), epochOffset(), setTimer() and clearTimer()), got ${
        show(value)
      }`,
    );
  }
  return clock;
}

/** Marks a runtime timer as one that does not keep the process alive (installed by the runtime adapters). */
export type UnrefTimer = (handle: unknown) => void;

let unrefTimer: UnrefTimer | undefined;

/** Installs the runtime's way to unref a timer (called by `src/runtime/mod.ts` when it is loaded). */
export function installUnref(unref: UnrefTimer): void {
  unrefTimer = unref;
}

/**
 * The real clock, but its timers do not keep the process alive: a CLI or a test ends when nothing
 * else is left to do, whatever the workers wait for. Stop deadlines stay on the real, referenced
 * clock: a stop under way holds the process until its runs settle or its limit passes.
 */
export function unrefClock(owner: string): Clock {
  const unref = unrefTimer;
  if (unref === undefined) {
    throw new Error(`${owner}: option "unref" needs the runtime adapters; import the manager from "@background/workers"`);
  }
  return {
    now: realClock.now,
    epochOffset: realClock.epochOffset,
    setTimer: (callback, ms) => {
      const handle = setTimeout(callback, ms);
      unref(handle);
      return handle;
    },
    clearTimer: realClock.clearTimer,
    deadlines: realClock,
  };
}
