/**
 * `periodic()`: a periodic worker from a function, for work that needs no class of its own.
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
import { PeriodicBackgroundWorker } from "./periodic_worker.ts";
import type { WorkerContext } from "./types.ts";
import { checkPeriodicArgs, type PeriodicOptions, type PeriodicWorkerOptions } from "./worker_options.ts";

/**
 * Builds a periodic worker from a function.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, periodic } from "@background/workers";
 *
 * const manager = new BackgroundWorkerManager();
 * manager.add(periodic("CacheWarmer", { period: 60_000, runOnStart: true }, async ({ signal }) => {
 *   await fetch("https://example.com/warm", { signal });
 * }));
 * await manager.start();
 * ```
 */
export function periodic<Scope = unknown>(name: string, options: PeriodicOptions, work: (context: WorkerContext<Scope>) => void | Promise<void>): PeriodicBackgroundWorker<Scope> {
  if (stryMutAct_9fa48("169")) {
    {}
  } else {
    stryCov_9fa48("169");
    checkPeriodicArgs(name, options, work);
    return new FunctionWorker(stryMutAct_9fa48("170") ? {} : (stryCov_9fa48("170"), {
      ...options,
      name
    }), work);
  }
}
class FunctionWorker<Scope> extends PeriodicBackgroundWorker<Scope> {
  readonly #work: (context: WorkerContext<Scope>) => void | Promise<void>;
  constructor(options: PeriodicWorkerOptions, work: (context: WorkerContext<Scope>) => void | Promise<void>) {
    if (stryMutAct_9fa48("171")) {
      {}
    } else {
      stryCov_9fa48("171");
      super(options);
      this.#work = work;
    }
  }
  protected doWork(context: WorkerContext<Scope>): void | Promise<void> {
    if (stryMutAct_9fa48("172")) {
      {}
    } else {
      stryCov_9fa48("172");
      return this.#work(context);
    }
  }
}