/**
 * The AbortSignals of one worker's runs. Runs share one controller unless a per-run reason (a
 * timeout, a lease) must abort one run alone: a controller per run is what a careless run path pays
 * 100,000 times a second. A shared signal is handed on only while no run has listened to it: the
 * first `addEventListener` (or `onabort`) marks it, and the next run gets a fresh one, so a run's
 * signal carries no listener of an earlier run (they would pile up on it, run after run).
 *
 * The shared controller is made at the first run of a start: 100,000 workers that have not run yet
 * hold no 100,000 controllers (about 800 B each on Node). Making it lazily on the signal's first
 * read would also spare workers that never read it, but every way to do that measured 0.6–0.8 µs
 * more per run (an accessor in each context), so such workers pay the bytes.
 * @module
 */
// @ts-nocheck

import { LeaseLostError } from "./lease.ts";
import type { RunOutcome } from "./observer.ts";

/** The fields a worker's state keeps for its signals (one object fewer per worker than a class of its own). */
export interface RunSignalFields {
  /** The controller shared by the runs of a start, made at its first run. */
  sharedController: AbortController | undefined;
  /** Its signal, kept: Node's `controller.signal` getter costs more than the rest of a run's bookkeeping. */
  sharedSignal: AbortSignal | undefined;
  /** True once a run listened to the shared signal: the next run gets a fresh one. */
  sharedHeard: boolean;
  /** The controller of the run in flight alone, when a timeout or a lease can abort it. */
  ownController: AbortController | undefined;
  /** The signal of the run in flight, kept only while someone observes (an outcome is read off it). */
  currentSignal: AbortSignal | undefined;
}

/** The signal for a run: its own when `own`, else the start's shared one. */
export function signalForRun(s: RunSignalFields, own: boolean): AbortSignal {
  let signal: AbortSignal;
  if (own) {
    const controller = new AbortController();
    s.ownController = controller;
    signal = controller.signal;
  } else {
    if (s.sharedSignal === undefined || s.sharedHeard) {
      // The listeners of the runs before stay on the old signal, which goes with them.
      s.sharedController = new AbortController();
      s.sharedSignal = heard(s, s.sharedController.signal);
      s.sharedHeard = false;
    }
    signal = s.sharedSignal;
  }
  return signal;
}

const listen = AbortSignal.prototype.addEventListener;
const onabort = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "onabort");

/**
 * Marks `s` when a run listens to `signal`. Own properties of this one signal: the prototype is
 * left alone, and a run that only reads `aborted` or `reason` costs nothing more.
 */
function heard(s: RunSignalFields, signal: AbortSignal): AbortSignal {
  Object.defineProperty(signal, "addEventListener", {
    configurable: true,
    writable: true,
    value(this: AbortSignal, ...args: Parameters<AbortSignal["addEventListener"]>): void {
      s.sharedHeard = true;
      listen.apply(this, args);
    },
  });
  if (onabort?.set !== undefined && onabort.get !== undefined) {
    const { get, set } = onabort;
    Object.defineProperty(signal, "onabort", {
      configurable: true,
      get,
      set(this: AbortSignal, value: unknown): void {
        s.sharedHeard = true;
        set.call(this, value);
      },
    });
  }
  return signal;
}

/** A stop: aborts every signal given out, and the next start gets fresh ones. */
export function abortSignals(s: RunSignalFields, reason: unknown): void {
  s.ownController?.abort(reason);
  s.sharedController?.abort(reason);
  resetSignals(s);
}

/** A start: the shared controller is made again at its first run. */
export function resetSignals(s: RunSignalFields): void {
  s.sharedController = undefined;
  s.sharedSignal = undefined;
  s.sharedHeard = false;
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
