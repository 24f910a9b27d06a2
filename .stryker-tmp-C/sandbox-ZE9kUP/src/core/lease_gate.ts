/**
 * The lease step before a run: a worker's {@link WorkerLease} for one start, over a plain store
 * (the simple protocol of `lease_keeper.ts`) or a cluster store's coordinator (one per manager and
 * store, made on first use). Its promise is its own, apart from any run's, so that `stop()` can tell
 * "waiting on the store" from "run N did not settle".
 * @module
 */
// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import type { WorkerHost } from "./host.ts";
import { type Admission, isClusterStore, type LeaseCoordinator, type LeaseEvents, type LeaseOptions, type LeaseTimers, type LeaseWorkerInfo, type WorkerLease } from "./lease.ts";
import { LeaseKeeper } from "./lease_keeper.ts";
import { timerEntry, type TimerQueue } from "./timer_queue.ts";

/** The name that the cluster's own faults are reported under (`ErrorInfo.worker`). */
export const CLUSTER = stryMutAct_9fa48("103") ? "" : (stryCov_9fa48("103"), "(cluster)");

/** The lease of one start of a worker, through whichever protocol its store speaks. */
export function workerLease(host: WorkerHost, options: LeaseOptions, info: LeaseWorkerInfo, events: LeaseEvents): WorkerLease {
  if (stryMutAct_9fa48("104")) {
    {}
  } else {
    stryCov_9fa48("104");
    const store = options.store;
    if (stryMutAct_9fa48("107") ? false : stryMutAct_9fa48("106") ? true : stryMutAct_9fa48("105") ? isClusterStore(store) : (stryCov_9fa48("105", "106", "107"), !isClusterStore(store))) return new LeaseGate(options, info.name, host.queue, events);
    const ttl = stryMutAct_9fa48("108") ? options.ttl && 30_000 : (stryCov_9fa48("108"), options.ttl ?? 30_000);
    const byStore = stryMutAct_9fa48("109") ? host.coordinators &&= new Map() : (stryCov_9fa48("109"), host.coordinators ??= new Map());
    const key = stryMutAct_9fa48("110") ? `` : (stryCov_9fa48("110"), `${ttl}`);
    let coordinators = byStore.get(store);
    if (stryMutAct_9fa48("113") ? coordinators !== undefined : stryMutAct_9fa48("112") ? false : stryMutAct_9fa48("111") ? true : (stryCov_9fa48("111", "112", "113"), coordinators === undefined)) byStore.set(store, coordinators = new Map());
    let coordinator: LeaseCoordinator | undefined = coordinators.get(key);
    if (stryMutAct_9fa48("116") ? coordinator !== undefined : stryMutAct_9fa48("115") ? false : stryMutAct_9fa48("114") ? true : (stryCov_9fa48("114", "115", "116"), coordinator === undefined)) {
      if (stryMutAct_9fa48("117")) {
        {}
      } else {
        stryCov_9fa48("117");
        // A fault of the instance's membership concerns all its workers: reported once, as the cluster's.
        const report = stryMutAct_9fa48("118") ? () => undefined : (stryCov_9fa48("118"), (() => {
          const report = (error: unknown): void => host.report(error, stryMutAct_9fa48("119") ? {} : (stryCov_9fa48("119"), {
            worker: CLUSTER,
            run: 0,
            phase: stryMutAct_9fa48("120") ? "" : (stryCov_9fa48("120"), "lease")
          }));
          return report;
        })());
        coordinator = store.coordinator(stryMutAct_9fa48("121") ? {} : (stryCov_9fa48("121"), {
          ttl,
          timers: leaseTimers(host.queue),
          report
        }));
        coordinators.set(key, coordinator);
      }
    }
    return coordinator.lease(info, events);
  }
}

/** Timers on a timer queue. */
export function leaseTimers(queue: TimerQueue): LeaseTimers {
  if (stryMutAct_9fa48("122")) {
    {}
  } else {
    stryCov_9fa48("122");
    return stryMutAct_9fa48("123") ? {} : (stryCov_9fa48("123"), {
      now: stryMutAct_9fa48("124") ? () => undefined : (stryCov_9fa48("124"), () => queue.now()),
      epochOffset: stryMutAct_9fa48("125") ? () => undefined : (stryCov_9fa48("125"), () => queue.epochOffset),
      at(due, fire) {
        if (stryMutAct_9fa48("126")) {
          {}
        } else {
          stryCov_9fa48("126");
          const entry = timerEntry(fire);
          queue.schedule(entry, due);
          return stryMutAct_9fa48("127") ? () => undefined : (stryCov_9fa48("127"), () => queue.cancel(entry));
        }
      }
    });
  }
}

/** One start's lease of one worker on a plain store. */
export class LeaseGate implements WorkerLease {
  readonly #keeper: LeaseKeeper;
  #pending: Promise<Admission> | undefined = undefined;
  constructor(options: LeaseOptions, worker: string, queue: TimerQueue, events: LeaseEvents) {
    if (stryMutAct_9fa48("128")) {
      {}
    } else {
      stryCov_9fa48("128");
      this.#keeper = new LeaseKeeper(options, worker, queue, events);
    }
  }

  /** The admission still waiting on the store, if any. Never rejects. */
  get pending(): Promise<Admission> | undefined {
    if (stryMutAct_9fa48("129")) {
      {}
    } else {
      stryCov_9fa48("129");
      return this.#pending;
    }
  }

  /** Asks the store whether this instance may run the due slot. Never rejects. */
  admit(): Promise<Admission> {
    if (stryMutAct_9fa48("130")) {
      {}
    } else {
      stryCov_9fa48("130");
      const admission = this.#keeper.ensure();
      this.#pending = admission;
      void admission.then(() => {
        if (stryMutAct_9fa48("131")) {
          {}
        } else {
          stryCov_9fa48("131");
          if (stryMutAct_9fa48("134") ? this.#pending !== admission : stryMutAct_9fa48("133") ? false : stryMutAct_9fa48("132") ? true : (stryCov_9fa48("132", "133", "134"), this.#pending === admission)) this.#pending = undefined;
        }
      });
      return admission;
    }
  }

  /** A plain store keeps no slots. */
  began(): void {}

  /** Nothing to do: the holder keeps the lease across runs. */
  settled(): void {}

  /**
   * After a stop: give the lease up when every run settled (another instance may take over now), or
   * keep it until it expires when a run may still be writing.
   */
  close(settled: boolean): Promise<void> {
    if (stryMutAct_9fa48("135")) {
      {}
    } else {
      stryCov_9fa48("135");
      if (stryMutAct_9fa48("137") ? false : stryMutAct_9fa48("136") ? true : (stryCov_9fa48("136", "137"), settled)) return this.#keeper.release();
      this.#keeper.abandon();
      return Promise.resolve();
    }
  }
}