/**
 * What few workers use (a lease, a pause, a trigger, an engine, a timeout timer, observers' per-run
 * data), kept out of the state record of the many: a {@link Rare} record made at first use, behind
 * accessors on the state's class (on the prototype, so the run path reads `s.gate` as a field and
 * pays one check of `rare`). Setting a field to its default makes no record.
 * @module
 */
import type { EngineJob, EngineRegistration } from "./engine.ts";
import type { WorkerLease } from "./lease.ts";
import type { RunEvent } from "./observer.ts";
import type { RunContext } from "./run_context.ts";
import { RunStats } from "./run_stats.ts";
import type { TimerEntry } from "./timer_lane.ts";
import type { Triggers } from "./triggers.ts";
import type { StopReport } from "./types.ts";

/** What few workers use, made at first use. */
export class Rare {
  /** The host is the worker's own (no manager holds it). */
  ownHost: boolean = false;
  /** The timer of the run's `timeout`, made at the first run that has one. */
  timeoutEntry: TimerEntry | undefined = undefined;
  /** The stop under way or done, so that stop() twice returns the same. */
  stopPromise: Promise<StopReport> | undefined = undefined;
  /** How many stop() calls wait for the run in flight: while any does, its end still counts (a counter: one stop giving up must not end another's wait). */
  stopWaiting: number = 0;
  /** pause() calls so far: a resume() that waited sees whether a pause came after it. */
  pauses: number = 0;
  /** The lease of this start, with a lease. */
  gate: WorkerLease | undefined = undefined;
  /** The next due is a check-in with the cluster at start, not a slot: it runs only to catch up. */
  checkIn: boolean = false;
  /** Paused: due slots are skipped (and counted) until resume(); it outlives stop() and start(). */
  paused: boolean = false;
  /** A pause under way: it gives the lease up once the run in flight settled. */
  pausing: Promise<void> | undefined = undefined;
  /** On an engine: this instance's registration. */
  engineReg: EngineRegistration | undefined = undefined;
  /** On an engine: the job in flight. */
  engineJob: EngineJob | undefined = undefined;
  /** On an engine: whom to tell when the job's run settles. */
  engineDone: ((error: unknown, failed: boolean) => void) | undefined = undefined;
  /** Runs since the start, for `maxRuns`. */
  runsThisStart: number = 0;
  /** Slots (monotonic) still to run back to back after a resumption with `missed: "all"`. */
  catchup: number[] | undefined = undefined;
  /** How many more slots a catch-up with `missed: "all"` may run. */
  catchupBudget: number = 0;
  /** Told when the run in flight settles: a stop() from inside its synchronous part waits on it. */
  onSettled: (() => void) | undefined = undefined;
  /** With `overlap: "cancel-previous"`: the timer at the next slot, which cancels the run still going. */
  cancelEntry: TimerEntry | undefined = undefined;
  /** The run in flight was cancelled for the next slot. */
  cancelled: boolean = false;
  /** A slot came due while an abandoned run still went on: it runs when that run ends. */
  dueWhileBusy: boolean = false;
  /** Why the last stop aborted the signals, for a signal first read after it. */
  stopReason: unknown = undefined;
  /** The context of the run in flight, kept only while someone observes (the outcome is read off its signal). */
  context: RunContext | undefined = undefined;
  /** The run's event, made only when someone observes. */
  event: RunEvent | undefined = undefined;
  /** The callers waiting on trigger(). */
  triggers: Triggers | undefined = undefined;
}

/** The state's rare fields as accessors over its {@link Rare} record. */
export class RareFields extends RunStats {
  /** What few workers use, made at first use. */
  rare: Rare | undefined = undefined;

  /** The host is the worker's own (no manager holds it). */
  get ownHost(): boolean { return this.rare === undefined ? false : this.rare.ownHost; }
  set ownHost(value: boolean) { if (this.rare !== undefined || value !== false) (this.rare ??= new Rare()).ownHost = value; }
  /** The timer of the run's `timeout`, made at the first run that has one. */
  get timeoutEntry(): TimerEntry | undefined { return this.rare === undefined ? undefined : this.rare.timeoutEntry; }
  set timeoutEntry(value: TimerEntry | undefined) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).timeoutEntry = value; }
  /** The stop under way or done, so that stop() twice returns the same. */
  get stopPromise(): Promise<StopReport> | undefined { return this.rare === undefined ? undefined : this.rare.stopPromise; }
  set stopPromise(value: Promise<StopReport> | undefined) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).stopPromise = value; }
  /** How many stop() calls wait for the run in flight: while any does, its end still counts (a counter: one stop giving up must not end another's wait). */
  /** pause() calls so far: a resume() that waited sees whether a pause came after it. */
  get pauses(): number { return this.rare === undefined ? 0 : this.rare.pauses; }
  set pauses(value: number) { if (this.rare !== undefined || value !== 0) (this.rare ??= new Rare()).pauses = value; }
  get stopWaiting(): number { return this.rare === undefined ? 0 : this.rare.stopWaiting; }
  set stopWaiting(value: number) { if (this.rare !== undefined || value !== 0) (this.rare ??= new Rare()).stopWaiting = value; }
  /** The lease of this start, with a lease. */
  get gate(): WorkerLease | undefined { return this.rare === undefined ? undefined : this.rare.gate; }
  set gate(value: WorkerLease | undefined) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).gate = value; }
  /** The next due is a check-in with the cluster at start, not a slot: it runs only to catch up. */
  get checkIn(): boolean { return this.rare === undefined ? false : this.rare.checkIn; }
  set checkIn(value: boolean) { if (this.rare !== undefined || value !== false) (this.rare ??= new Rare()).checkIn = value; }
  /** Paused: due slots are skipped (and counted) until resume(); it outlives stop() and start(). */
  get paused(): boolean { return this.rare === undefined ? false : this.rare.paused; }
  set paused(value: boolean) { if (this.rare !== undefined || value !== false) (this.rare ??= new Rare()).paused = value; }
  /** A pause under way: it gives the lease up once the run in flight settled. */
  get pausing(): Promise<void> | undefined { return this.rare === undefined ? undefined : this.rare.pausing; }
  set pausing(value: Promise<void> | undefined) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).pausing = value; }
  /** On an engine: this instance's registration. */
  get engineReg(): EngineRegistration | undefined { return this.rare === undefined ? undefined : this.rare.engineReg; }
  set engineReg(value: EngineRegistration | undefined) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).engineReg = value; }
  /** On an engine: the job in flight. */
  get engineJob(): EngineJob | undefined { return this.rare === undefined ? undefined : this.rare.engineJob; }
  set engineJob(value: EngineJob | undefined) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).engineJob = value; }
  /** On an engine: whom to tell when the job's run settles. */
  get engineDone(): ((error: unknown, failed: boolean) => void) | undefined { return this.rare === undefined ? undefined : this.rare.engineDone; }
  set engineDone(value: ((error: unknown, failed: boolean) => void) | undefined) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).engineDone = value; }
  /** Runs since the start, for `maxRuns`. */
  get runsThisStart(): number { return this.rare === undefined ? 0 : this.rare.runsThisStart; }
  set runsThisStart(value: number) { if (this.rare !== undefined || value !== 0) (this.rare ??= new Rare()).runsThisStart = value; }
  /** Slots (monotonic) still to run back to back after a resumption with `missed: "all"`. */
  get catchup(): number[] | undefined { return this.rare === undefined ? undefined : this.rare.catchup; }
  set catchup(value: number[] | undefined) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).catchup = value; }
  /** How many more slots a catch-up with `missed: "all"` may run. */
  get catchupBudget(): number { return this.rare === undefined ? 0 : this.rare.catchupBudget; }
  set catchupBudget(value: number) { if (this.rare !== undefined || value !== 0) (this.rare ??= new Rare()).catchupBudget = value; }
  /** Told when the run in flight settles: a stop() from inside its synchronous part waits on it. */
  get onSettled(): (() => void) | undefined { return this.rare === undefined ? undefined : this.rare.onSettled; }
  set onSettled(value: (() => void) | undefined) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).onSettled = value; }
  /** With `overlap: "cancel-previous"`: the timer at the next slot, which cancels the run still going. */
  get cancelEntry(): TimerEntry | undefined { return this.rare === undefined ? undefined : this.rare.cancelEntry; }
  set cancelEntry(value: TimerEntry | undefined) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).cancelEntry = value; }
  /** The run in flight was cancelled for the next slot. */
  get cancelled(): boolean { return this.rare === undefined ? false : this.rare.cancelled; }
  set cancelled(value: boolean) { if (this.rare !== undefined || value !== false) (this.rare ??= new Rare()).cancelled = value; }
  /** A slot came due while an abandoned run still went on: it runs when that run ends. */
  get dueWhileBusy(): boolean { return this.rare === undefined ? false : this.rare.dueWhileBusy; }
  set dueWhileBusy(value: boolean) { if (this.rare !== undefined || value !== false) (this.rare ??= new Rare()).dueWhileBusy = value; }
  /** Why the last stop aborted the signals, for a signal first read after it. */
  get stopReason(): unknown { return this.rare === undefined ? undefined : this.rare.stopReason; }
  set stopReason(value: unknown) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).stopReason = value; }
  /** The context of the run in flight, kept only while someone observes (the outcome is read off its signal). */
  get context(): RunContext | undefined { return this.rare === undefined ? undefined : this.rare.context; }
  set context(value: RunContext | undefined) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).context = value; }
  /** The run's event, made only when someone observes. */
  get event(): RunEvent | undefined { return this.rare === undefined ? undefined : this.rare.event; }
  set event(value: RunEvent | undefined) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).event = value; }
  /** The callers waiting on trigger(). */
  get triggers(): Triggers | undefined { return this.rare === undefined ? undefined : this.rare.triggers; }
  set triggers(value: Triggers | undefined) { if (this.rare !== undefined || value !== undefined) (this.rare ??= new Rare()).triggers = value; }
}
