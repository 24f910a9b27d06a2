/**
 * The mutable state of one periodic worker, in one typed record (as croner keeps a `CronState`):
 * the worker class (the lifecycle) and the run path (one run, due to settled) both work on it.
 * @module
 */
// @ts-nocheck

import type { WorkerHost } from "./host.ts";
import type { WorkerLease } from "./lease.ts";
import type { RunEvent } from "./observer.ts";
import type { RunSignalFields } from "./run_signal.ts";
import { RunStats } from "./run_stats.ts";
import type { Schedule } from "./schedule.ts";
import { type TimerEntry, timerEntry } from "./timer_queue.ts";
import type { Triggers } from "./triggers.ts";
import type { StopReport, WorkerContext, WorkerState } from "./types.ts";
import type { WorkerConfig } from "./worker_options.ts";

/**
 * The user's work. `doWork` is protected on the worker class, so that callers of a worker do not
 * run it by hand; the run path, which lives in its own module, reaches it through this interface.
 */
export interface WorkerBody<Scope> {
  doWork(context: WorkerContext<Scope>): void | Promise<void>;
}

/**
 * Everything about one worker that changes. It extends {@link RunStats} (the counters that
 * `status()` reports are this record's own fields, one object fewer per worker) and carries the
 * fields of {@link RunSignalFields}, which `run_signal.ts` works on.
 */
export class PeriodicState<Scope> extends RunStats implements RunSignalFields {
  // Where the worker lives: its manager's host (queue, reporting, scope, observers) or its own.
  host: WorkerHost | undefined = undefined;
  ownHost = false;
  /** The worker's place in the timer queue; `fire` is set by the run path. */
  readonly entry: TimerEntry;
  timeoutEntry: TimerEntry | undefined = undefined;

  // Lifecycle. `gen` is bumped by start and stop: a settle from an older one belongs to an abandoned run.
  state: WorkerState;
  gen = 0;
  stopPromise: Promise<StopReport> | undefined = undefined;
  /** True while stop() waits for the run in flight: its end still counts. */
  stopWaiting = false;
  gate: WorkerLease | undefined = undefined;
  /** The next due is a check-in with the cluster at start, not a slot: it runs only to catch up. */
  checkIn = false;
  /** Slots (monotonic) still to run back to back after a resumption with `missed: "all"`. */
  catchup: number[] | undefined = undefined;
  /** How many more slots a catch-up with `missed: "all"` may run. */
  catchupBudget = 0;

  // The run in flight.
  inFlight: Promise<void> | undefined = undefined;
  /** Told when the run in flight settles: a stop() from inside its synchronous part waits on it. */
  onSettled: (() => void) | undefined = undefined;
  /** A slot came due while an abandoned run still went on: it runs when that run ends. */
  dueWhileBusy = false;
  // The runs' signals (see run_signal.ts).
  sharedController: AbortController | undefined = undefined;
  sharedSignal: AbortSignal | undefined = undefined;
  sharedHeard = false;
  ownController: AbortController | undefined = undefined;
  currentSignal: AbortSignal | undefined = undefined;
  run = 0;
  /** The due time of the slot queued, or of the run in flight (nothing is queued while it runs). */
  nominalDue = 0;
  runStart = 0;
  /** The run's event, made only when someone observes. */
  event: RunEvent | undefined = undefined;

  /** Made at the first trigger(): most workers are never triggered. */
  triggers: Triggers | undefined = undefined;

  constructor(
    readonly config: WorkerConfig,
    readonly schedule: Schedule,
    readonly body: WorkerBody<Scope>,
    fire: (state: PeriodicState<Scope>, now: number) => void,
  ) {
    super();
    this.state = "stopped";
    this.entry = timerEntry((now) => fire(this, now));
  }
}
