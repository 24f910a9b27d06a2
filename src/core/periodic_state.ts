/**
 * The mutable state of one periodic worker, in one typed record (as croner keeps a `CronState`):
 * the worker class (the lifecycle) and the run path (one run, due to settled) both work on it.
 *
 * It is kept small, because a service may hold 100,000 workers: the record is itself the worker's
 * timer entry (no entry object and closure of its own), and what most workers never use lives in
 * a record made at first use (rare_state.ts).
 * @module
 */
import type { WorkerHost } from "./host.ts";
import type { RunSignalFields } from "./run_signal.ts";
import { RareFields } from "./rare_state.ts";
import type { Schedule } from "./schedule.ts";
import type { Lane, TimerEntry } from "./timer_lane.ts";
import type { StopReport, WorkerContext, WorkerState } from "./types.ts";
import type { WorkerConfig } from "./worker_options.ts";

/**
 * The user's work. `doWork` is protected on the worker class, so that callers of a worker do not
 * run it by hand; the run path, which lives in its own module, reaches it through this interface.
 */
export interface WorkerBody<Scope> {
  doWork(context: WorkerContext<Scope>): void | Promise<void>;
  /** The worker's own stop(): a worker with `maxRuns` stops itself after its last run. */
  stop(): Promise<StopReport>;
}


/**
 * Everything about one worker that changes. It extends {@link RunStats} (the counters that
 * `status()` reports are this record's own fields, one object fewer per worker), carries the
 * fields of {@link RunSignalFields}, which `run_signal.ts` works on, and is the worker's
 * {@link TimerEntry} in its queue.
 */
export class PeriodicState<Scope> extends RareFields implements RunSignalFields, TimerEntry {
  readonly name: string;
  readonly config: WorkerConfig;
  readonly schedule: Schedule;
  readonly body: WorkerBody<Scope>;
  // The timer entry's fields, owned by the queue (see TimerEntry). The times are NaN until set, not
  // 0: a field that starts as a small integer changes its representation at the first fractional
  // time, and V8 then migrates each of 100,000 records on its next write (Node: setup 306 -> 236 ms,
  // CPU in the first 5 s 0.79 -> 0.54 ms per 1,000 ticks).
  due: number = NaN;
  index = -1;
  order = 0;
  lane: Lane | undefined = undefined;
  stamp = 0;
  // Where the worker lives: its manager's host (queue, reporting, scope, observers) or its own.
  host: WorkerHost | undefined = undefined;
  // Lifecycle. `gen` is bumped by start and stop: a settle from an older one belongs to an abandoned run.
  state: WorkerState = "stopped";
  gen = 0;
  // The run in flight.
  inFlight: Promise<void> | undefined = undefined;
  // The runs' signals (see run_signal.ts).
  sharedController: AbortController | undefined = undefined;
  sharedSignal: AbortSignal | undefined = undefined;
  ownController: AbortController | undefined = undefined;
  run = 0;
  /** The due time of the slot queued, or of the run in flight (nothing is queued while it runs). */
  nominalDue: number = NaN;
  runStart: number = NaN;
  readonly #fire: (state: PeriodicState<Scope>, now: number) => void;

  // Assigned here, not as parameter properties: with those, Deno's emit declares every field bare
  // and assigns the initializers in the constructor, so each time field is first `undefined`, holds
  // a boxed number, and each store boxes a fresh one that the young-generation GC must then copy
  // (measured on Deno at 100,000 workers: 48 B a run, all of it surviving, scavenges of 10 ms).
  constructor(
    name: string,
    config: WorkerConfig,
    schedule: Schedule,
    body: WorkerBody<Scope>,
    fire: (state: PeriodicState<Scope>, now: number) => void,
  ) {
    super();
    this.name = name;
    this.config = config;
    this.schedule = schedule;
    this.body = body;
    this.#fire = fire;
  }

  /** The worker's place in the timer queue: this record itself. */
  get entry(): TimerEntry {
    return this;
  }

  /** The queue calls this when the worker's slot came due. */
  fire(now: number): void {
    this.#fire(this, now);
  }
}
