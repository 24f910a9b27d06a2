/**
 * What a manager lends its workers, and how it hands it over: through a symbol-keyed method that
 * a worker implements, rather than through the worker's insides. A worker that no manager holds
 * makes a host of its own.
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
import type { LeaseCoordinator, LeaseOptions } from "./lease.ts";
import type { RunObserver } from "./observer.ts";
import { defaultLogger, type Reporter, reporter } from "./report.ts";
import { TimerQueue } from "./timer_queue.ts";
import type { ScopeFactory } from "./types.ts";

/** What a manager lends its workers: its timer queue, its error reporting, its scope factory, its lease, its observers. */
export interface WorkerHost extends Reporter {
  /** The timer queue every worker of the manager waits in. */
  readonly queue: TimerQueue;
  /** Makes a scope for each run. */
  readonly scope: ScopeFactory | undefined;
  /** The manager's lease, for workers that do not set their own. */
  readonly lease: LeaseOptions | undefined;
  /** The observers of runs, combined; undefined when there is none. */
  observer: RunObserver | undefined;
  /** The coordinators of cluster lease stores (one per store and TTL), made on first use. */
  coordinators?: Map<object, Map<string, LeaseCoordinator>>;
}

/**
 * The key of the method through which a manager attaches a worker to its host, or detaches it
 * with `undefined`. A worker with this method keeps `stop()`'s deadline itself.
 */
export const ATTACH: unique symbol = Symbol("@background/workers: attach");

/** A worker that a manager can attach to its host. */
export interface Attachable {
  /** Takes the manager's host (or gives it back with `undefined`). */
  [ATTACH](host: WorkerHost | undefined): void;
}

/** True for a worker that can be attached to a host. */
export function isAttachable(worker: object): worker is Attachable {
  if (stryMutAct_9fa48("7")) {
    {}
  } else {
    stryCov_9fa48("7");
    return stryMutAct_9fa48("10") ? typeof (worker as Partial<Attachable>)[ATTACH] !== "function" : stryMutAct_9fa48("9") ? false : stryMutAct_9fa48("8") ? true : (stryCov_9fa48("8", "9", "10"), typeof (worker as Partial<Attachable>)[ATTACH] === (stryMutAct_9fa48("11") ? "" : (stryCov_9fa48("11"), "function")));
  }
}

/** The host of a worker that no manager holds: its own queue, errors to `console.error`. */
export function ownHost(): WorkerHost {
  if (stryMutAct_9fa48("12")) {
    {}
  } else {
    stryCov_9fa48("12");
    return stryMutAct_9fa48("13") ? {} : (stryCov_9fa48("13"), {
      ...reporter(defaultLogger, undefined),
      queue: new TimerQueue(),
      scope: undefined,
      lease: undefined,
      observer: undefined
    });
  }
}