/**
 * The end of a run: counted, reported, told to whoever waits on it (observers, triggers, an engine,
 * a stop), and the worker's next slot queued as its schedule, overlap policy, backoff and catch-up
 * say. The first half of the path, from the slot coming due to `doWork`, is run_path.ts.
 * @module
 */
import { ownHost, type WorkerHost } from "./host.ts";
import type { PeriodicState } from "./periodic_state.ts";
import { log } from "./report.ts";
import { RunContext } from "./run_context.ts";
import { isAbortError, outcomeOf } from "./run_signal.ts";
import { backedOff, jitterDelay } from "./schedule.ts";
import { overlapped } from "./overlap.ts";
import type { ErrorInfo } from "./types.ts";

type State = PeriodicState<unknown>;

/** Stands in for the host of a worker taken out of its manager while an abandoned run still goes on. */
const DETACHED: WorkerHost = ownHost();

/** Where a run's end is reported: the worker's host, or the one it was taken out of during the run. */
export const hostOf = (s: State): WorkerHost => s.host ?? s.detachedFrom ?? DETACHED;

/** Queues the worker's next slot at `nominal` (plus its jitter, unless `jitter` is false). */
export function queueAt(s: State, nominal: number, jitter = true): void {
  s.nominalDue = nominal;
  const due = jitter ? nominal + jitterDelay(s.config.jitter) : nominal;
  (s.host as WorkerHost).queue.schedule(s.entry, due, s.schedule.lane);
}

/**
 * After the last catch-up run of `missed: "all"`: slots that went by while the catch-up ran are
 * missed too (not covered, as one process's overrun would be), within the `maxCatchup` budget.
 */
function caughtUp(s: State, end: number): void {
  s.catchup = undefined;
  const plan = s.schedule.resume(s.nominalDue, end, "all", s.catchupBudget, s.schedule.wallOf?.(s.nominalDue));
  const first = plan.run[0];
  if (first === undefined || s.catchupBudget <= 0) return queueAt(s, plan.next);
  s.catchup = plan.run.slice(1);
  s.catchupBudget -= plan.run.length;
  queueAt(s, first, false);
}

/**
 * The end of most runs: synchronous, ok, still current, and nothing rare about the worker (no
 * lease, pause, trigger, observer, timeout, engine or run limit), so that all settle() would do
 * is count the run and queue the next slot. Checked once here instead of field by field in
 * settle(): instructions per run, counted by cachegrind at 10,000 workers, 932 -> 831 on Bun and
 * 1,030 -> 950-970 on Node.
 */
export function settlePlain(s: State, host: WorkerHost): void {
  const end = host.queue.now();
  s.ended(end - s.runStart, false, undefined);
  s.state = "idle";
  queueNext(s, end, false);
}

/**
 * A run of generation `gen` settled, with `error` when it threw or rejected in `failed`'s phase:
 * everything an end can involve, for the runs settlePlain() does not cover.
 */
export function settle(s: State, gen: number, error: unknown, failed: ErrorInfo["phase"] | undefined): void {
  const host = hostOf(s);
  const end = host.queue.now();
  const name = s.name;
  const run = s.run;
  const current = gen === s.gen;
  s.inFlight = undefined;
  if (s.onSettled !== undefined) {
    s.onSettled();
    s.onSettled = undefined;
  }
  if (s.ownController !== undefined) {
    s.ownController = undefined;
    if (s.timeoutEntry !== undefined) host.queue.cancel(s.timeoutEntry);
    if (s.cancelEntry !== undefined) host.queue.cancel(s.cancelEntry);
  }
  const cancelled = s.cancelled;
  if (cancelled) {
    s.cancelled = false;
    // Giving up on a cancel is what the run was asked to do: not a failure.
    if (failed !== undefined && isAbortError(error)) failed = undefined;
  }
  const duration = end - s.runStart;
  // A run that gives up because stop() aborted it did what it was asked: neither reported nor
  // counted as a failure. Once stop() has stopped waiting, a run's end is swallowed.
  if (failed !== undefined && !current && (s.stopWaiting === 0 || isAbortError(error))) {
    log(host.logger, "debug", `[background-workers] ${name}: run ${run} settled after stop:`, error);
    failed = undefined;
  }
  if (current || s.stopWaiting > 0) {
    s.ended(duration, failed !== undefined, error);
    if (failed !== undefined) host.report(error, { worker: name, run, phase: failed });
  }
  const event = s.event;
  if (event !== undefined) {
    s.event = undefined;
    const context = s.context;
    s.context = undefined;
    const signal = context === undefined ? undefined : RunContext.signalOf(context);
    // A run that never read its signal was aborted all the same when a stop came during it.
    const outcome = cancelled ? "cancelled" : signal === undefined && !current ? "aborted" : outcomeOf(signal, failed !== undefined);
    host.observer?.settled?.({ ...event, outcome, error, durationMs: duration });
  }
  if (s.triggers?.waiting) {
    s.triggers.resolve(
      error === undefined && failed === undefined
        ? { worker: name, run, ok: true, durationMs: duration }
        : { worker: name, run, ok: false, error, durationMs: duration },
    );
  }
  const done = s.engineDone;
  if (done !== undefined) {
    s.engineDone = undefined;
    s.engineJob = undefined;
    done(error, failed !== undefined);
  }
  if (!current) {
    // start() was called again while this abandoned run went on; its first run waited for this end.
    if (s.dueWhileBusy && s.state === "idle") {
      s.dueWhileBusy = false;
      s.fire(host.queue.now());
    }
    return;
  }
  s.gate?.settled();
  s.state = "idle";
  const maxRuns = s.config.maxRuns;
  if (maxRuns !== undefined && ++s.runsThisStart >= maxRuns) {
    void s.body.stop();
    return;
  }
  // On an engine the engine says when the next run is.
  if (host.engine !== undefined) return;
  if (s.catchup !== undefined) {
    const catchup = s.catchup.shift();
    if (catchup !== undefined) return queueAt(s, catchup, false);
    return caughtUp(s, end);
  }
  queueNext(s, end, failed !== undefined);
}

/** After a run that ended at `end`: its schedule's next slot, as the overlap policy and the backoff make it. */
function queueNext(s: State, end: number, failed: boolean): void {
  let due = s.schedule.next(s.nominalDue, s.runStart, end);
  // Slots went by during the run (fixed rate, cron): what to make of them is the overlap policy's.
  if (due === end) due = overlapped(s, due, end);
  const backoff = s.config.backoff;
  if (failed && backoff !== undefined) {
    due = backedOff(due, end, s.schedule.period, s.consecutiveFailures, backoff);
  }
  queueAt(s, due);
}
