/**
 * A run inside a scope from the manager's factory: the scope is made before the run and disposed
 * once after it, also when the run throws (`Symbol.asyncDispose`, else `Symbol.dispose`).
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
import type { ScopeFactory } from "./types.ts";

/** How a scoped run ended: what failed (nothing, making the scope, or the run) and its error. */
export interface ScopedEnd {
  readonly failed: "scope" | "run" | undefined;
  readonly error: unknown;
}

/**
 * Makes a scope, runs `body` in it, disposes it. A dispose error goes to `disposeFailed` (it is
 * reported apart and does not make the run fail); a scope that cannot be made skips the run.
 */
export async function runScoped(factory: ScopeFactory, info: {
  readonly worker: string;
  readonly run: number;
}, body: (scope: unknown) => void | Promise<void>, disposeFailed: (error: unknown) => void): Promise<ScopedEnd> {
  if (stryMutAct_9fa48("434")) {
    {}
  } else {
    stryCov_9fa48("434");
    let scope: unknown;
    try {
      if (stryMutAct_9fa48("435")) {
        {}
      } else {
        stryCov_9fa48("435");
        scope = await factory(info);
      }
    } catch (error) {
      if (stryMutAct_9fa48("436")) {
        {}
      } else {
        stryCov_9fa48("436");
        return stryMutAct_9fa48("437") ? {} : (stryCov_9fa48("437"), {
          failed: stryMutAct_9fa48("438") ? "" : (stryCov_9fa48("438"), "scope"),
          error
        });
      }
    }
    let end: ScopedEnd = stryMutAct_9fa48("439") ? {} : (stryCov_9fa48("439"), {
      failed: undefined,
      error: undefined
    });
    try {
      if (stryMutAct_9fa48("440")) {
        {}
      } else {
        stryCov_9fa48("440");
        await body(scope);
      }
    } catch (error) {
      if (stryMutAct_9fa48("441")) {
        {}
      } else {
        stryCov_9fa48("441");
        end = stryMutAct_9fa48("442") ? {} : (stryCov_9fa48("442"), {
          failed: stryMutAct_9fa48("443") ? "" : (stryCov_9fa48("443"), "run"),
          error
        });
      }
    }
    try {
      if (stryMutAct_9fa48("444")) {
        {}
      } else {
        stryCov_9fa48("444");
        const disposable = scope as Partial<AsyncDisposable & Disposable> | null | undefined;
        const asyncDispose = stryMutAct_9fa48("445") ? disposable[Symbol.asyncDispose] : (stryCov_9fa48("445"), disposable?.[Symbol.asyncDispose]);
        const dispose = stryMutAct_9fa48("446") ? disposable[Symbol.dispose] : (stryCov_9fa48("446"), disposable?.[Symbol.dispose]);
        if (stryMutAct_9fa48("449") ? typeof asyncDispose !== "function" : stryMutAct_9fa48("448") ? false : stryMutAct_9fa48("447") ? true : (stryCov_9fa48("447", "448", "449"), typeof asyncDispose === (stryMutAct_9fa48("450") ? "" : (stryCov_9fa48("450"), "function")))) await asyncDispose.call(disposable);else if (stryMutAct_9fa48("453") ? typeof dispose !== "function" : stryMutAct_9fa48("452") ? false : stryMutAct_9fa48("451") ? true : (stryCov_9fa48("451", "452", "453"), typeof dispose === (stryMutAct_9fa48("454") ? "" : (stryCov_9fa48("454"), "function")))) dispose.call(disposable);
      }
    } catch (error) {
      if (stryMutAct_9fa48("455")) {
        {}
      } else {
        stryCov_9fa48("455");
        disposeFailed(error);
      }
    }
    return end;
  }
}