/**
 * What workers and the manager share when they stop: the report of a clean stop, the check of
 * `stop()`'s options, and waiting for a run with a limit.
 * @module
 */
import { type Clock, MAX_DELAY } from "./clock.ts";
import { isAttachable } from "./host.ts";
import { checkKeys, checkNonNegative, checkObject, show } from "./options.ts";
import type { BackgroundWorker, StopOptions, StopReport, UnsettledRun } from "./types.ts";

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
export function settlesWithin(queueClock: Clock, promise: PromiseLike<unknown>, ms: number): Promise<boolean> {
  // Real time under a test clock: what a stop waits for (real I/O) does not move virtual time.
  const clock = queueClock.deadlines ?? queueClock;
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

/** How one worker's stop went, for the manager to gather. */
export interface WorkerStopped {
  readonly report: StopReport;
  readonly error?: unknown;
}

/**
 * Stops one of a manager's workers under `timeout`. A start still under way is waited for first
 * (under the same deadline): a custom worker's `stop()` called before its `start()` ends would be
 * undone by the rest of that start. A `stop()` that resolves to something other than a report is
 * an error naming the worker, not a crash further on.
 */
export async function stopWorker(
  owner: string,
  worker: BackgroundWorker,
  timeout: number,
  clock: Clock,
  starting: Promise<void> | undefined,
): Promise<WorkerStopped> {
  const unsettled: StopReport = { ok: false, unsettled: [{ worker: worker.name, run: 0 }] };
  let left = timeout;
  if (starting !== undefined) {
    const deadlines = clock.deadlines ?? clock;
    const from = deadlines.now();
    const started = await settlesWithin(clock, starting, timeout);
    left = Math.max(0, timeout - (deadlines.now() - from));
    if (!started) {
      // Asked to stop all the same, without waiting: its start may never end.
      void Promise.resolve().then(() => worker.stop({ timeout: 0 })).catch(() => {});
      return { report: unsettled };
    }
  }
  try {
    const stopping = worker.stop({ timeout: left });
    // Workers attached to the host keep the deadline themselves; others get it kept for them.
    if (!isAttachable(worker) && !await settlesWithin(clock, stopping, left)) return { report: unsettled };
    const report: unknown = await stopping;
    if (!isReport(report)) {
      const error = new TypeError(
        `${owner}.stop: worker ${show(worker.name)}: stop() must resolve to a report { ok, unsettled }, got ${show(report)}`,
      );
      return { report: OK_REPORT, error };
    }
    return { report };
  } catch (error) {
    return { report: OK_REPORT, error };
  }
}

function isReport(value: unknown): value is StopReport {
  return value !== null && typeof value === "object" && typeof (value as StopReport).ok === "boolean" &&
    Array.isArray((value as StopReport).unsettled);
}

/** One report for many workers; an AggregateError (carrying that report) when any failed to stop. */
export function gatherReports(owner: string, results: readonly WorkerStopped[]): StopReport {
  const unsettled: UnsettledRun[] = [];
  const errors: unknown[] = [];
  for (const { report, error } of results) {
    unsettled.push(...report.unsettled);
    if (error !== undefined) errors.push(error);
  }
  const report: StopReport = unsettled.length === 0 ? OK_REPORT : { ok: false, unsettled };
  if (errors.length > 0) {
    // The others were stopped all the same; `report` says whether their runs settled.
    throw Object.assign(new AggregateError(errors, `${owner}.stop: ${errors.length} worker(s) failed to stop`), { report });
  }
  return report;
}
