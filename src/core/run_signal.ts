/**
 * The AbortSignals of one worker's runs. Runs share one controller unless a per-run reason (a
 * timeout, a lease, the next slot, an engine's cancellation) must abort one run alone: a controller
 * per run is what a careless run path pays 100,000 times a second. The shared one is made at the
 * first read of a run's `signal` (see run_context.ts): a worker whose runs never read it holds
 * none (an AbortController is ~770 B on Node).
 *
 * A shared signal is handed on only while no run has listened to it: the first `addEventListener`
 * (or `onabort`) marks it, and the next run gets a fresh one, so a run's signal carries no listener
 * of an earlier run (they would pile up on it, run after run). The mark is made through one shared
 * prototype between the signal and AbortSignal's own: nothing per signal, nothing on AbortSignal.
 * @module
 */
import { LeaseLostError } from "./lease.ts";
import type { RunOutcome } from "./observer.ts";

/** The fields a worker's state keeps for its signals (one object fewer per worker than a class of its own). */
export interface RunSignalFields {
  /** The start (bumped by start and stop): a signal read after a stop is already aborted. */
  gen: number;
  /** The controller shared by the runs of a start, made at the first read of a run's signal. */
  sharedController: AbortController | undefined;
  /** Its signal, kept: Node's `controller.signal` getter costs more than the rest of a run's bookkeeping. */
  sharedSignal: AbortSignal | undefined;
  /** The controller of the run in flight alone, when a timeout or a lease can abort it. */
  ownController: AbortController | undefined;
  /** Why the last stop aborted the signals, for a signal first read after it. */
  stopReason: unknown;
}

const HEARD: unique symbol = Symbol("@background/workers: listened to");
type Marked = AbortSignal & { [HEARD]?: true };
const listen = AbortSignal.prototype.addEventListener;
const onabort = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "onabort");

/** AbortSignal's prototype, with the two ways to listen marking the signal first. */
const MARKING: object = Object.create(AbortSignal.prototype, {
  addEventListener: {
    configurable: true,
    writable: true,
    value(this: Marked, ...args: Parameters<AbortSignal["addEventListener"]>): void {
      this[HEARD] = true;
      listen.apply(this, args);
    },
  },
  ...(onabort?.get !== undefined && onabort.set !== undefined
    ? {
      onabort: {
        configurable: true,
        get: onabort.get,
        set(this: Marked, value: unknown): void {
          this[HEARD] = true;
          (onabort.set as (v: unknown) => void).call(this, value);
        },
      },
    }
    : {}),
});

/** A run's own signal: a controller for this run alone. */
export function ownSignal(s: RunSignalFields): AbortSignal {
  const controller = new AbortController();
  s.ownController = controller;
  return controller.signal;
}

const CHECK: unique symbol = Symbol("@background/workers: lease check");
type Checked = AbortSignal & { [CHECK]?: () => void };
const abortedOf = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "aborted")?.get;
const reasonOf = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "reason")?.get;
const throwIfAborted = AbortSignal.prototype.throwIfAborted;

/** Before a read of a lease-held run's signal: unless it is aborted already, the lease confirms it still holds. */
function confirm(signal: Checked): void {
  // Only called from CHECKING, which exists only where abortedOf does.
  if (!(abortedOf as (this: AbortSignal) => boolean).call(signal)) signal[CHECK]?.();
}

/**
 * AbortSignal's prototype, with the ways to read a signal's state asking the lease first. A process
 * resumed after a pause (SIGSTOP, a frozen VM, a loop blocked past the TTL) runs whatever is due
 * in the order it came due: a run's own timer may come before the lease's expiry, and the run
 * would then read a signal that does not know yet what this instance's clock already says.
 */
const CHECKING: object | undefined = abortedOf === undefined || reasonOf === undefined ? undefined : Object.create(
  AbortSignal.prototype,
  {
    aborted: {
      configurable: true,
      get(this: Checked): boolean {
        confirm(this);
        return abortedOf.call(this) as boolean;
      },
    },
    reason: {
      configurable: true,
      get(this: Checked): unknown {
        confirm(this);
        return reasonOf.call(this);
      },
    },
    throwIfAborted: {
      configurable: true,
      writable: true,
      value(this: Checked): void {
        confirm(this);
        throwIfAborted.call(this);
      },
    },
  },
);

/**
 * A lease-held run's own signal: reading its state first has the lease confirm, by this
 * instance's clock, that its validity has not run out (`check` aborts the run if it has).
 */
export function leaseSignal(s: RunSignalFields, check: () => void): AbortSignal {
  const signal = ownSignal(s) as Checked;
  if (CHECKING === undefined) return signal;
  Object.setPrototypeOf(signal, CHECKING);
  signal[CHECK] = check;
  return signal;
}

/**
 * The start's shared signal, read by a run that has none of its own: made now if none was, or if a
 * run listened to the last one. `gen` is the run's start: after a stop the signal is an aborted one.
 */
export function sharedSignal(s: RunSignalFields, gen: number): AbortSignal {
  if (gen !== s.gen) return AbortSignal.abort(s.stopReason);
  const signal = s.sharedSignal;
  if (signal !== undefined && (signal as Marked)[HEARD] !== true) return signal;
  // The listeners of the runs before stay on the old signal, which goes with them.
  const controller = new AbortController();
  const fresh = controller.signal;
  Object.setPrototypeOf(fresh, MARKING);
  s.sharedController = controller;
  s.sharedSignal = fresh;
  return fresh;
}

/** A stop: aborts every signal given out, and the next start gets fresh ones. */
export function abortSignals(s: RunSignalFields, reason: unknown): void {
  s.stopReason = reason;
  s.ownController?.abort(reason);
  s.sharedController?.abort(reason);
  resetSignals(s);
}

/** A start: the shared controller is made again at its first run. */
export function resetSignals(s: RunSignalFields): void {
  s.sharedController = undefined;
  s.sharedSignal = undefined;
}

/** True for an abort, the way a run reports it when it gives up on its signal. */
export function isAbortError(error: unknown): boolean {
  return (error instanceof Error || error instanceof DOMException) && error.name === "AbortError";
}

/** How a run ended, for observers: an abort before it settled decides, whether it then threw or not. */
export function outcomeOf(signal: AbortSignal | undefined, failed: boolean): RunOutcome {
  if (signal !== undefined && signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof LeaseLostError) return "lease-lost";
    if ((reason instanceof Error || reason instanceof DOMException) && reason.name === "TimeoutError") return "timeout";
    return "aborted";
  }
  return failed ? "failure" : "success";
}
