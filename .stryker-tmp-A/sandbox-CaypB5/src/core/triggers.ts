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
    if (stryMutAct_9fa48("677")) {
      {}
    } else {
      stryCov_9fa48("677");
      return stryMutAct_9fa48("680") ? this.#waiters === undefined : stryMutAct_9fa48("679") ? false : stryMutAct_9fa48("678") ? true : (stryCov_9fa48("678", "679", "680"), this.#waiters !== undefined);
    }
  }

  /** A promise of the next run's end. */
  wait(): Promise<RunResult> {
    if (stryMutAct_9fa48("681")) {
      {}
    } else {
      stryCov_9fa48("681");
      return new Promise<RunResult>(stryMutAct_9fa48("682") ? () => undefined : (stryCov_9fa48("682"), (resolve, reject) => (stryMutAct_9fa48("683") ? this.#waiters &&= [] : (stryCov_9fa48("683"), this.#waiters ??= stryMutAct_9fa48("684") ? ["Stryker was here"] : (stryCov_9fa48("684"), []))).push(stryMutAct_9fa48("685") ? {} : (stryCov_9fa48("685"), {
        resolve,
        reject
      }))));
    }
  }

  /** The run ended: every waiter gets its result. */
  resolve(result: RunResult): void {
    if (stryMutAct_9fa48("686")) {
      {}
    } else {
      stryCov_9fa48("686");
      const waiters = this.#waiters;
      if (stryMutAct_9fa48("689") ? waiters !== undefined : stryMutAct_9fa48("688") ? false : stryMutAct_9fa48("687") ? true : (stryCov_9fa48("687", "688", "689"), waiters === undefined)) return;
      this.#waiters = undefined;
      for (const waiter of waiters) waiter.resolve(result);
    }
  }

  /** The run will not happen (stopped first, or run elsewhere): every waiter learns why. */
  reject(error: Error): void {
    if (stryMutAct_9fa48("690")) {
      {}
    } else {
      stryCov_9fa48("690");
      const waiters = this.#waiters;
      if (stryMutAct_9fa48("693") ? waiters !== undefined : stryMutAct_9fa48("692") ? false : stryMutAct_9fa48("691") ? true : (stryCov_9fa48("691", "692", "693"), waiters === undefined)) return;
      this.#waiters = undefined;
      for (const waiter of waiters) waiter.reject(error);
    }
  }
}