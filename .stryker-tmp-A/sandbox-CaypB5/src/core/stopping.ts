/**
 * What workers and the manager share when they stop: the report of a clean stop, the check of
 * `stop()`'s options, and waiting for a run with a limit.
 * @module
 */
// @ts-nocheck

import { checkKeys, checkNonNegative, checkObject } from "./options.ts";
import { type Clock, MAX_DELAY } from "./clock.ts";
import type { StopOptions, StopReport } from "./types.ts";

/** The report of a stop at which every run settled in time. */
export const OK_REPORT: StopReport = Object.freeze({ ok: true, unsettled: Object.freeze([]) });

/** The default of `stop()`'s `timeout` for a worker, and of the manager's `stopTimeout`. */
export const DEFAULT_STOP_TIMEOUT = 30_000;

/** Checks `stop()`'s options; resolves the timeout, `fallback` when it is not given. */
export function stopTimeout(owner: string, call: string, options: StopOptions | undefined, fallback: number): number {
  if (options === undefined) return fallback;
  checkObject(owner, "stop options", options);
  checkKeys(call, options, ["timeout"]);
  return options.timeout === undefined ? fallback : checkNonNegative(owner, "timeout", options.timeout, true);
}

/**
 * Resolves true when `promise` settles within `ms` of `clock`'s time, false otherwise. The timer is
 * cleared as soon as the promise settles, so a stop leaves no timer behind. A timer of its own, not
 * a queue entry: a limit of 0 must give the run at least one macrotask, even when the stop was
 * called from inside a batch of due runs.
 */
export function settlesWithin(clock: Clock, promise: PromiseLike<unknown>, ms: number): Promise<boolean> {
  const settled = Promise.resolve(promise).then(() => true, () => true);
  if (ms === Infinity) return settled;
  return new Promise((resolve) => {
    let timer: unknown;
    // Waited in chunks: a longer delay would fire at once.
    const wait = (left: number): void => {
      timer = clock.setTimer(() => (left > MAX_DELAY ? wait(left - MAX_DELAY) : resolve(false)), Math.min(left, MAX_DELAY));
    };
    wait(ms);
    void settled.then(() => {
      clock.clearTimer(timer);
      resolve(true);
    });
  });
}
