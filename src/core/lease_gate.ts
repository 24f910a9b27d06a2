/**
 * The lease step before a run: the worker asks the gate to admit a due slot, and the gate answers
 * with a fencing token or the reason to skip. Its promise is its own, apart from any run's, so that
 * `stop()` can tell "waiting on the store" from "run N did not settle".
 * @module
 */
import { type Admission, type LeaseEvents, LeaseKeeper, type LeaseOptions } from "./lease.ts";
import type { TimerQueue } from "./timer_queue.ts";

/** One start's lease gate of one worker. */
export class LeaseGate {
  readonly #keeper: LeaseKeeper;
  #pending: Promise<Admission> | undefined = undefined;

  constructor(options: LeaseOptions, worker: string, queue: TimerQueue, events: LeaseEvents) {
    this.#keeper = new LeaseKeeper(options, worker, queue, events);
  }

  /** The admission still waiting on the store, if any. Never rejects. */
  get pending(): Promise<Admission> | undefined {
    return this.#pending;
  }

  /** Asks the store whether this instance may run the due slot. Never rejects. */
  admit(): Promise<Admission> {
    const admission = this.#keeper.ensure();
    this.#pending = admission;
    void admission.then(() => {
      if (this.#pending === admission) this.#pending = undefined;
    });
    return admission;
  }

  /**
   * After a stop: give the lease up when every run settled (another instance may take over now), or
   * keep it until it expires when a run may still be writing.
   */
  close(settled: boolean): Promise<void> {
    if (settled) return this.#keeper.release();
    this.#keeper.abandon();
    return Promise.resolve();
  }
}
