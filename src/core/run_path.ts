/**
 * The path of one run, from the slot coming due to the run settled:
 *
 *   due -> overlap check -> lease gate (with a lease) -> context and signal -> doWork (inside the
 *   observers' `around`, in a scope when the manager makes them) -> settle (run_end.ts): stats,
 *   errors, trigger waiters, observers -> the schedule's next due time -> the timer queue.
 *
 * This runs 100,000 times a second at scale, so it is kept lean: no promise hop for a `doWork`
 * that returns none, no event object unless someone observes, one clock read per end.
 * @module
 */
import type { WorkerHost } from "./host.ts";
import type { Admission, LeaseLostError, Resumption } from "./lease.ts";
import type { RunEvent, SkipReason } from "./observer.ts";
import type { PeriodicState } from "./periodic_state.ts";
import { isThenable, log } from "./report.ts";
import { RunContext, ScopedRunContext } from "./run_context.ts";
import { hostOf, queueAt, settle, settlePlain } from "./run_end.ts";
import { leaseSignal, ownSignal } from "./run_signal.ts";
import { cancelRun, skip } from "./overlap.ts";
import { runScoped } from "./scope.ts";
import { timerEntry } from "./timer_queue.ts";
import type { ScopeFactory, WorkerContext } from "./types.ts";

type State = PeriodicState<unknown>;

/** A slot came due (the timer queue calls this). */
export function onDue(s: State, now: number): void {
  const host = s.host as WorkerHost;
  if (!s.checkIn) host.observer?.due?.({ worker: s.name, scheduledAt: host.queue.epochOffset + s.nominalDue });
  // A run abandoned by an earlier stop() is still going: runs never overlap, so wait for it.
  if (s.inFlight !== undefined) {
    s.dueWhileBusy = true;
    return;
  }
  if (s.paused) return pausedSlot(s, now);
  const gate = s.gate;
  if (gate === undefined) return begin(s, now, undefined);
  const gen = s.gen;
  void gate.admit().then((admission) => admitted(s, gen, admission));
}

function admitted(s: State, gen: number, admission: Admission): void {
  if (gen !== s.gen) return;
  const host = s.host as WorkerHost;
  const now = host.queue.now();
  // Paused while the store answered: the pause gives the lease up.
  if (s.paused) return pausedSlot(s, now);
  // A trigger that came during the check-in makes it a run.
  if (s.checkIn && s.triggers?.waiting) s.checkIn = false;
  if (typeof admission === "number") return s.checkIn ? checkedIn(s, now) : begin(s, now, admission);
  if (typeof admission === "object") return resume(s, now, admission);
  if (s.checkIn) return checkedIn(s, now);
  // Another instance holds the lease, or the store failed: skip this slot. A trigger waiting
  // for this run learns that it did not happen here.
  s.triggers?.reject(new Error(`${s.name}: not run here: the lease is held elsewhere or the store failed`));
  skipSlot(s, admission, now);
}

/**
 * A slot of a paused worker: counted and skipped; its schedule goes on, so resume() finds it on
 * time. (Its trigger waiters were refused by the pause itself, and trigger() refuses while paused.)
 */
function pausedSlot(s: State, now: number): void {
  s.checkIn = false;
  skipSlot(s, "paused", now);
}

/** The due slot does not run here, for `reason`: counted, and the next slot of the schedule queued. */
function skipSlot(s: State, reason: SkipReason, now: number): void {
  skip(s, reason, 1, (s.host as WorkerHost).queue.epochOffset + s.nominalDue);
  queueAt(s, s.schedule.next(s.nominalDue, now, now));
}

/** The check-in at start found nothing to catch up: on to the first slot of the worker's own schedule. */
function checkedIn(s: State, now: number): void {
  s.checkIn = false;
  queueAt(s, s.schedule.first(now));
}

/**
 * A fresh lease of a worker the cluster ran before: continue the cluster's schedule from its last
 * slot, and run the slots nobody ran as the worker's `missed` option says.
 */
function resume(s: State, now: number, { token, lastSlot }: Resumption): void {
  s.checkIn = false;
  const config = s.config;
  const plan = s.schedule.resume(lastSlot - (s.host as WorkerHost).queue.epochOffset, now, config.missed, config.maxCatchup, lastSlot);
  const first = plan.run[0];
  // Nothing missed (or skipped by choice): on to the cluster's next slot.
  if (first === undefined) return queueAt(s, plan.next);
  // With "all", the list marks a catch-up under way even when empty: its end looks again (below).
  // Only on a grid (fixed rate, cron): fixed delay has one missed run at most, and a second look
  // would make up slots that no schedule of it ever had.
  s.catchup = config.missed === "all" && s.schedule.upcoming(first, now) !== undefined ? plan.run.slice(1) : undefined;
  s.catchupBudget = config.maxCatchup - plan.run.length;
  s.nominalDue = first;
  begin(s, now, token);
}

/** The lease of the run in flight went away: abort it. */
export function leaseLost(s: State, error: LeaseLostError): void {
  log(hostOf(s).logger, "warn", `[background-workers] ${s.name}: ${error.message}`);
  s.ownController?.abort(error);
}

/** A run begins now (exported for engine jobs, which come due by the engine's say). */
export function begin(s: State, now: number, fencingToken: number | undefined): void {
  const host = s.host as WorkerHost;
  const config = s.config;
  const name = s.name;
  const run = ++s.run;
  const gen = s.gen;
  s.state = "running";
  s.runStart = now;
  // The next slot cancels this run, if it still goes on then.
  const cancelAt = config.overlap === "cancel-previous" ? s.schedule.upcoming(s.nominalDue, now) : undefined;
  if (cancelAt !== undefined) {
    s.cancelEntry ??= timerEntry(() => cancelRun(s));
    host.queue.schedule(s.cancelEntry, cancelAt);
  }
  // A signal of its own only when a per-run reason (its timeout, its lease, the next slot) may abort this run alone.
  const job = s.engineJob;
  const gate = fencingToken === undefined ? undefined : s.gate;
  const own = gate?.check !== undefined
    ? leaseSignal(s, () => gate.check?.())
    : config.timeout !== undefined || fencingToken !== undefined || cancelAt !== undefined || job !== undefined
    ? ownSignal(s)
    : undefined;
  // The engine's cancellation aborts the run too.
  if (job?.signal !== undefined) follow(job.signal, s.ownController as AbortController);
  if (config.timeout !== undefined) {
    s.timeoutEntry ??= timerEntry(() => onTimeout(s));
    host.queue.schedule(s.timeoutEntry, now + config.timeout);
  }
  const offset = host.queue.epochOffset;
  const startedAt = offset + now;
  s.started(startedAt);
  // The slot itself where the schedule knows it to the millisecond (cron, the cluster's grid).
  const scheduledAt = job?.scheduledAt ?? s.schedule.wallOf?.(s.nominalDue) ?? offset + s.nominalDue;
  s.gate?.began(scheduledAt);
  const context = host.scope === undefined
    ? new RunContext(s, own, name, run, scheduledAt, startedAt, fencingToken)
    : new ScopedRunContext(s, own, name, run, scheduledAt, startedAt, fencingToken);
  const observer = host.observer;
  if (observer !== undefined) {
    const event: RunEvent = { worker: name, run, scheduledAt, startedAt, fencingToken };
    s.event = event;
    // Kept for the outcome only when observed: a store per run into a long-lived object is what
    // makes a young-generation GC scan it (measured: p99 up 3x on Deno in the first seconds).
    s.context = context;
    observer.started?.(event);
  }
  if (host.scope !== undefined) {
    s.inFlight = scoped(s, host.scope, context as ScopedRunContext, gen);
    return;
  }
  let result: void | Promise<void>;
  try {
    result = observer === undefined ? s.body.doWork(context) : observed(s, context);
  } catch (error) {
    return settle(s, gen, error, "run");
  }
  if (isThenable(result)) {
    s.inFlight = Promise.resolve(result).then(
      () => settle(s, gen, undefined, undefined),
      (error: unknown) => settle(s, gen, error, "run"),
    );
  } else if (gen === s.gen && s.rare === undefined && own === undefined && host.engine === undefined && config.maxRuns === undefined) {
    settlePlain(s, host);
  } else {
    settle(s, gen, undefined, undefined);
  }
}

/** `doWork` inside the observers' `around`, when one wraps runs. */
function observed(s: State, context: WorkerContext): void | Promise<void> {
  const around = s.host?.observer?.around;
  const event = s.event;
  if (around === undefined || event === undefined) return s.body.doWork(context);
  return around(event, () => s.body.doWork(context));
}

async function scoped(s: State, factory: ScopeFactory, context: ScopedRunContext, gen: number): Promise<void> {
  const worker = s.name;
  const run = context.run;
  const end = await runScoped(factory, { worker, run }, (scope) => {
    context.scope = scope;
    return observed(s, context);
  }, (e) => {
    if (gen === s.gen || s.stopWaiting > 0) hostOf(s).report(e, { worker, run, phase: "dispose" });
  });
  settle(s, gen, end.error, end.failed);
}

function follow(from: AbortSignal, to: AbortController): void {
  if (from.aborted) return to.abort(from.reason);
  from.addEventListener("abort", () => to.abort(from.reason), { once: true });
}

function onTimeout(s: State): void {
  s.ownController?.abort(
    new DOMException(`${s.name}: run ${s.run} exceeded its timeout of ${s.config.timeout} ms`, "TimeoutError"),
  );
}
