/**
 * Time for the timer queue, behind an interface so that tests can drive it.
 * @module
 */
// @ts-nocheck


/** setTimeout's delay is a signed 32-bit integer; longer delays fire at once on every runtime. */
export const MAX_DELAY: number = 2 ** 31 - 1;

/**
 * Where a timer queue gets its time and its one timer from. The real clock is `performance.now()`
 * and `setTimeout`; a test clock (`@background/workers/testing`) moves only when told to.
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
}

/** `performance.now()`, `Date.now()` and `setTimeout`. */
export const realClock: Clock = {
  now: () => performance.now(),
  epochOffset: () => Date.now() - performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

