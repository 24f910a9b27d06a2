/**
 * What the overlap policy makes of slots that come due during a run, and skipped slots counted.
 * @module
 */
import type { WorkerHost } from "./host.ts";
import type { SkipReason } from "./observer.ts";
import type { PeriodicState } from "./periodic_state.ts";

type State = PeriodicState<unknown>;

/** `slots` slots did not run: counted in status() and told to observers. */
export function skip(s: State, reason: SkipReason, slots: number, scheduledAt: number): void {
  s.skipped(reason, slots);
  (s.host as WorkerHost).observer?.skipped?.({ worker: s.name, scheduledAt, reason, slots });
}

/** `overlap: "cancel-previous"`: the next slot came due and the run still goes on. */
export function cancelRun(s: State): void {
  s.cancelled = true;
  s.ownController?.abort(
    new DOMException(`${s.name}: run ${s.run} cancelled: the next slot came due while it ran (overlap "cancel-previous")`, "AbortError"),
  );
}

/**
 * The run that ended at `end` overran one or more slots. "buffer-one" and "cancel-previous" run
 * once at once for them all (the others coalesce); "skip" drops them all and waits for the next slot.
 */
export function overlapped(s: State, due: number, end: number): number {
  const passed = s.schedule.passed(s.nominalDue, s.runStart, end);
  const host = s.host as WorkerHost;
  if (s.config.overlap === "skip") {
    skip(s, "overlap", Math.max(1, passed), host.queue.epochOffset + end);
    return s.schedule.next(due, end, end);
  }
  if (passed > 1) skip(s, "overlap", passed - 1, host.queue.epochOffset + end);
  return due;
}
