/**
 * Time for the timer queue, behind an interface so that tests can drive it.
 * @module
 */
// @ts-nocheck


/** setTimeout's delay is a signed 32-bit integer; longer delays fire at once on every runtime. */function stryNS_9fa48() {
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
export const MAX_DELAY: number = stryMutAct_9fa48("0") ? 2 ** 31 + 1 : (stryCov_9fa48("0"), 2 ** 31 - 1);

/**
 * Where a timer queue gets its time and its one timer from. The real clock is `performance.now()`
 * and `setTimeout`; a test clock (`@background/workers/testing`) moves only when told to.
 */
export interface Clock {
  /** Monotonic milliseconds. */
  now(): number;
  /** Epoch milliseconds at monotonic 0: `Date.now() - now()`. */
  epochOffset(): number;
  /** Calls `callback` once after `ms` (at most MAX_DELAY); returns a handle for `clearTimer`. */
  setTimer(callback: () => void, ms: number): unknown;
  /** Cancels a timer that has not fired. */
  clearTimer(handle: unknown): void;
}

/** `performance.now()`, `Date.now()` and `setTimeout`. */
export const realClock: Clock = stryMutAct_9fa48("1") ? {} : (stryCov_9fa48("1"), {
  now: stryMutAct_9fa48("2") ? () => undefined : (stryCov_9fa48("2"), () => performance.now()),
  epochOffset: stryMutAct_9fa48("3") ? () => undefined : (stryCov_9fa48("3"), () => stryMutAct_9fa48("4") ? Date.now() + performance.now() : (stryCov_9fa48("4"), Date.now() - performance.now())),
  setTimer: stryMutAct_9fa48("5") ? () => undefined : (stryCov_9fa48("5"), (callback, ms) => setTimeout(callback, ms)),
  clearTimer: stryMutAct_9fa48("6") ? () => undefined : (stryCov_9fa48("6"), handle => clearTimeout(handle as ReturnType<typeof setTimeout>))
});