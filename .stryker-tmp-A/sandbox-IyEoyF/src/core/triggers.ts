/**
 * The callers waiting on `trigger()`: all of them learn how the next run ended, or why it never
 * began, here and nowhere else.
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
import type { RunResult } from "./types.ts";
interface Waiter {
  resolve(value: RunResult): void;
  reject(reason: unknown): void;
}

/** The waiters of one worker's next run. */
export class Triggers {
  #waiters: Waiter[] | undefined = undefined;

  /** True while someone waits. */
  get waiting(): boolean {
    if (stryMutAct_9fa48("711")) {
      {}
    } else {
      stryCov_9fa48("711");
      return stryMutAct_9fa48("714") ? this.#waiters === undefined : stryMutAct_9fa48("713") ? false : stryMutAct_9fa48("712") ? true : (stryCov_9fa48("712", "713", "714"), this.#waiters !== undefined);
    }
  }

  /** A promise of the next run's end. */
  wait(): Promise<RunResult> {
    if (stryMutAct_9fa48("715")) {
      {}
    } else {
      stryCov_9fa48("715");
      return new Promise<RunResult>(stryMutAct_9fa48("716") ? () => undefined : (stryCov_9fa48("716"), (resolve, reject) => (stryMutAct_9fa48("717") ? this.#waiters &&= [] : (stryCov_9fa48("717"), this.#waiters ??= stryMutAct_9fa48("718") ? ["Stryker was here"] : (stryCov_9fa48("718"), []))).push(stryMutAct_9fa48("719") ? {} : (stryCov_9fa48("719"), {
        resolve,
        reject
      }))));
    }
  }

  /** The run ended: every waiter gets its result. */
  resolve(result: RunResult): void {
    if (stryMutAct_9fa48("720")) {
      {}
    } else {
      stryCov_9fa48("720");
      const waiters = this.#waiters;
      if (stryMutAct_9fa48("723") ? waiters !== undefined : stryMutAct_9fa48("722") ? false : stryMutAct_9fa48("721") ? true : (stryCov_9fa48("721", "722", "723"), waiters === undefined)) return;
      this.#waiters = undefined;
      for (const waiter of waiters) waiter.resolve(result);
    }
  }

  /** The run will not happen (stopped first, or run elsewhere): every waiter learns why. */
  reject(error: Error): void {
    if (stryMutAct_9fa48("724")) {
      {}
    } else {
      stryCov_9fa48("724");
      const waiters = this.#waiters;
      if (stryMutAct_9fa48("727") ? waiters !== undefined : stryMutAct_9fa48("726") ? false : stryMutAct_9fa48("725") ? true : (stryCov_9fa48("725", "726", "727"), waiters === undefined)) return;
      this.#waiters = undefined;
      for (const waiter of waiters) waiter.reject(error);
    }
  }
}