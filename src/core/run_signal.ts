/**
 * The AbortSignals of one worker's runs. The runs of one start share one controller unless a
 * per-run reason (a timeout, a lease) must abort one run alone: a controller per run is what a
 * careless run path pays 100,000 times a second.
 *
 * The shared controller is made at the first run of a start: 100,000 workers that have not run yet
 * hold no 100,000 controllers (about 800 B each on Node). Making it lazily on the signal's first
 * read would also spare workers that never read it, but every way to do that measured 0.6–0.8 µs
 * more per run (an accessor in each context), so such workers pay the bytes.
 * @module
 */
import { LeaseLostError } from "./lease.ts";
import type { RunOutcome } from "./observer.ts";

/** The signals of one worker: shared by the runs of a start, or one run's own. */
export class RunSignals {
  #shared: AbortController | undefined = undefined;
  /** Kept: Node's `controller.signal` getter costs more than the rest of a run's bookkeeping. */
  #sharedSignal: AbortSignal | undefined = undefined;
  #own: AbortController | undefined = undefined;
  /** The signal of the run in flight (or of the last run). */
  current: AbortSignal | undefined = undefined;

  /** True while the run in flight has a controller of its own. */
  get owned(): boolean {
    return this.#own !== undefined;
  }

  /** The signal for a run: its own when `own`, else the start's shared one. */
  forRun(own: boolean): AbortSignal {
    let signal: AbortSignal;
    if (own) {
      const controller = new AbortController();
      this.#own = controller;
      signal = controller.signal;
    } else {
      if (this.#sharedSignal === undefined) {
        this.#shared = new AbortController();
        this.#sharedSignal = this.#shared.signal;
      }
      signal = this.#sharedSignal;
    }
    return this.current = signal;
  }

  /** Aborts the run in flight, when it has a signal of its own (a timeout, a lost lease). */
  abortRun(reason: unknown): void {
    this.#own?.abort(reason);
  }

  /** The run settled: its own controller is done with. */
  endRun(): void {
    this.#own = undefined;
  }

  /** A stop: aborts every signal given out, and the next start gets fresh ones. */
  abortAll(reason: unknown): void {
    this.#own?.abort(reason);
    this.#shared?.abort(reason);
    this.reset();
  }

  /** A start: the shared controller is made again at its first run. */
  reset(): void {
    this.#shared = undefined;
    this.#sharedSignal = undefined;
  }
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
