/**
 * Error reporting that can itself never fail: a run's error goes to the logger and to `onError`;
 * a logger or handler that throws is caught, so no rejection ever goes unhandled.
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
import type { ErrorHandler, ErrorInfo, Logger } from "./types.ts";
const noop = (): void => {};

/** Prints only errors, to `console.error`. */
export const defaultLogger: Logger = stryMutAct_9fa48("184") ? {} : (stryCov_9fa48("184"), {
  debug: noop,
  info: noop,
  warn: noop,
  error: stryMutAct_9fa48("185") ? () => undefined : (stryCov_9fa48("185"), (...data: unknown[]): void => console.error(...data))
});

/** Where a worker sends what goes wrong. */
export interface Reporter {
  readonly logger: Logger;
  report(error: unknown, info: ErrorInfo): void;
}

/** A reporter over a logger and an optional `onError`. */
export function reporter(logger: Logger, onError: ErrorHandler | undefined): Reporter {
  if (stryMutAct_9fa48("186")) {
    {}
  } else {
    stryCov_9fa48("186");
    return stryMutAct_9fa48("187") ? {} : (stryCov_9fa48("187"), {
      logger,
      report(error: unknown, info: ErrorInfo): void {
        if (stryMutAct_9fa48("188")) {
          {}
        } else {
          stryCov_9fa48("188");
          log(logger, stryMutAct_9fa48("189") ? "" : (stryCov_9fa48("189"), "error"), stryMutAct_9fa48("190") ? `` : (stryCov_9fa48("190"), `[background-workers] ${info.worker}: ${describe(info)} failed:`), error);
          if (stryMutAct_9fa48("193") ? onError !== undefined : stryMutAct_9fa48("192") ? false : stryMutAct_9fa48("191") ? true : (stryCov_9fa48("191", "192", "193"), onError === undefined)) return;
          try {
            if (stryMutAct_9fa48("194")) {
              {}
            } else {
              stryCov_9fa48("194");
              const result = onError(error, info);
              if (stryMutAct_9fa48("196") ? false : stryMutAct_9fa48("195") ? true : (stryCov_9fa48("195", "196"), isThenable(result))) {
                if (stryMutAct_9fa48("197")) {
                  {}
                } else {
                  stryCov_9fa48("197");
                  result.then(undefined, stryMutAct_9fa48("198") ? () => undefined : (stryCov_9fa48("198"), (e: unknown) => log(logger, stryMutAct_9fa48("199") ? "" : (stryCov_9fa48("199"), "error"), stryMutAct_9fa48("200") ? "" : (stryCov_9fa48("200"), "[background-workers] onError rejected:"), e)));
                }
              }
            }
          } catch (e) {
            if (stryMutAct_9fa48("201")) {
              {}
            } else {
              stryCov_9fa48("201");
              log(logger, stryMutAct_9fa48("202") ? "" : (stryCov_9fa48("202"), "error"), stryMutAct_9fa48("203") ? "" : (stryCov_9fa48("203"), "[background-workers] onError threw:"), e);
            }
          }
        }
      }
    });
  }
}
function describe({
  run,
  phase
}: ErrorInfo): string {
  if (stryMutAct_9fa48("204")) {
    {}
  } else {
    stryCov_9fa48("204");
    switch (phase) {
      case stryMutAct_9fa48("206") ? "" : (stryCov_9fa48("206"), "run"):
        if (stryMutAct_9fa48("205")) {} else {
          stryCov_9fa48("205");
          return stryMutAct_9fa48("207") ? `` : (stryCov_9fa48("207"), `run ${run}`);
        }
      case stryMutAct_9fa48("209") ? "" : (stryCov_9fa48("209"), "scope"):
        if (stryMutAct_9fa48("208")) {} else {
          stryCov_9fa48("208");
          return stryMutAct_9fa48("210") ? `` : (stryCov_9fa48("210"), `making the scope of run ${run}`);
        }
      case stryMutAct_9fa48("212") ? "" : (stryCov_9fa48("212"), "dispose"):
        if (stryMutAct_9fa48("211")) {} else {
          stryCov_9fa48("211");
          return stryMutAct_9fa48("213") ? `` : (stryCov_9fa48("213"), `disposing the scope of run ${run}`);
        }
      case stryMutAct_9fa48("215") ? "" : (stryCov_9fa48("215"), "lease"):
        if (stryMutAct_9fa48("214")) {} else {
          stryCov_9fa48("214");
          return stryMutAct_9fa48("216") ? "" : (stryCov_9fa48("216"), "the lease store");
        }
      default:
        if (stryMutAct_9fa48("217")) {} else {
          stryCov_9fa48("217");
          return phase;
        }
    }
  }
}

/** Calls a logger method; a logger that throws is ignored rather than allowed to break a run. */
export function log(logger: Logger, level: keyof Logger, ...data: unknown[]): void {
  if (stryMutAct_9fa48("218")) {
    {}
  } else {
    stryCov_9fa48("218");
    try {
      if (stryMutAct_9fa48("219")) {
        {}
      } else {
        stryCov_9fa48("219");
        logger[level](...data);
      }
    } catch {
      // Nothing sensible remains to report to.
    }
  }
}

/** True for anything with a `then` method: a promise from any realm or library. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  if (stryMutAct_9fa48("220")) {
    {}
  } else {
    stryCov_9fa48("220");
    return stryMutAct_9fa48("223") ? value !== null && (typeof value === "object" || typeof value === "function") || typeof (value as {
      then?: unknown;
    }).then === "function" : stryMutAct_9fa48("222") ? false : stryMutAct_9fa48("221") ? true : (stryCov_9fa48("221", "222", "223"), (stryMutAct_9fa48("225") ? value !== null || typeof value === "object" || typeof value === "function" : stryMutAct_9fa48("224") ? true : (stryCov_9fa48("224", "225"), (stryMutAct_9fa48("227") ? value === null : stryMutAct_9fa48("226") ? true : (stryCov_9fa48("226", "227"), value !== null)) && (stryMutAct_9fa48("229") ? typeof value === "object" && typeof value === "function" : stryMutAct_9fa48("228") ? true : (stryCov_9fa48("228", "229"), (stryMutAct_9fa48("231") ? typeof value !== "object" : stryMutAct_9fa48("230") ? false : (stryCov_9fa48("230", "231"), typeof value === (stryMutAct_9fa48("232") ? "" : (stryCov_9fa48("232"), "object")))) || (stryMutAct_9fa48("234") ? typeof value !== "function" : stryMutAct_9fa48("233") ? false : (stryCov_9fa48("233", "234"), typeof value === (stryMutAct_9fa48("235") ? "" : (stryCov_9fa48("235"), "function")))))))) && (stryMutAct_9fa48("237") ? typeof (value as {
      then?: unknown;
    }).then !== "function" : stryMutAct_9fa48("236") ? true : (stryCov_9fa48("236", "237"), typeof (value as {
      then?: unknown;
    }).then === (stryMutAct_9fa48("238") ? "" : (stryCov_9fa48("238"), "function")))));
  }
}