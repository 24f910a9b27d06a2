/**
 * The lease step before a run: a worker's {@link WorkerLease} for one start, over a plain store
 * (the simple protocol of `lease_keeper.ts`) or a cluster store's coordinator (one per manager and
 * store, made on first use). Its promise is its own, apart from any run's, so that `stop()` can tell
 * "waiting on the store" from "run N did not settle".
 * @module
 */
import type { WorkerHost } from "./host.ts";
import {
  type Admission,
  isClusterStore,
  type LeaseCoordinator,
  type LeaseEvents,
  type LeaseOptions,
  type LeaseTimers,
  type LeaseWorkerInfo,
  type WorkerLease,
} from "./lease.ts";
import { LeaseKeeper } from "./lease_keeper.ts";
import { timerEntry, type TimerQueue } from "./timer_queue.ts";

/** The name that the cluster's own faults are reported under (`ErrorInfo.worker`). */
export const CLUSTER = "(cluster)";

/** The lease of one start of a worker, through whichever protocol its store speaks. */
export function workerLease(host: WorkerHost, options: LeaseOptions, info: LeaseWorkerInfo, events: LeaseEvents): WorkerLease {
  const store = options.store;
  if (!isClusterStore(store)) return new LeaseGate(options, info.name, host.queue, events);
  const ttl = options.ttl ?? 30_000;
  const byStore = host.coordinators ??= new Map();
  const key = `${ttl}`;
  let coordinators = byStore.get(store);
  if (coordinators === undefined) byStore.set(store, coordinators = new Map());
  let coordinator: LeaseCoordinator | undefined = coordinators.get(key);
  if (coordinator === undefined) {
    // A fault of the instance's membership concerns all its workers: reported once, as the cluster's.
    const report = (error: unknown): void => host.report(error, { worker: CLUSTER, run: 0, phase: "lease" });
    coordinator = store.coordinator({ ttl, timers: leaseTimers(host.queue), report });
    coordinators.set(key, coordinator);
  }
  return coordinator.lease(info, events);
}

/** Timers on a timer queue. */
export function leaseTimers(queue: TimerQueue): LeaseTimers {
  return {
    now: () => queue.now(),
    epochOffset: () => queue.epochOffset,
    at(due, fire) {
      const entry = timerEntry(fire);
      queue.schedule(entry, due);
      return () => queue.cancel(entry);
    },
  };
}

/** One start's lease of one worker on a plain store. */
export class LeaseGate implements WorkerLease {
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

  /** A plain store keeps no slots. */
  began(): void {}

  /** Nothing to do: the holder keeps the lease across runs. */
  settled(): void {}

  /** A run reads its signal: lost if the lease's validity ran out before a renewal confirmed it. */
  check(): void {
    this.#keeper.check();
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
