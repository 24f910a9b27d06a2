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
  if (stryMutAct_9fa48("408")) {
    {}
  } else {
    stryCov_9fa48("408");
    let scope: unknown;
    try {
      if (stryMutAct_9fa48("409")) {
        {}
      } else {
        stryCov_9fa48("409");
        scope = await factory(info);
      }
    } catch (error) {
      if (stryMutAct_9fa48("410")) {
        {}
      } else {
        stryCov_9fa48("410");
        return stryMutAct_9fa48("411") ? {} : (stryCov_9fa48("411"), {
          failed: stryMutAct_9fa48("412") ? "" : (stryCov_9fa48("412"), "scope"),
          error
        });
      }
    }
    let end: ScopedEnd = stryMutAct_9fa48("413") ? {} : (stryCov_9fa48("413"), {
      failed: undefined,
      error: undefined
    });
    try {
      if (stryMutAct_9fa48("414")) {
        {}
      } else {
        stryCov_9fa48("414");
        await body(scope);
      }
    } catch (error) {
      if (stryMutAct_9fa48("415")) {
        {}
      } else {
        stryCov_9fa48("415");
        end = stryMutAct_9fa48("416") ? {} : (stryCov_9fa48("416"), {
          failed: stryMutAct_9fa48("417") ? "" : (stryCov_9fa48("417"), "run"),
          error
        });
      }
    }
    try {
      if (stryMutAct_9fa48("418")) {
        {}
      } else {
        stryCov_9fa48("418");
        const disposable = scope as Partial<AsyncDisposable & Disposable> | null | undefined;
        const asyncDispose = stryMutAct_9fa48("419") ? disposable[Symbol.asyncDispose] : (stryCov_9fa48("419"), disposable?.[Symbol.asyncDispose]);
        const dispose = stryMutAct_9fa48("420") ? disposable[Symbol.dispose] : (stryCov_9fa48("420"), disposable?.[Symbol.dispose]);
        if (stryMutAct_9fa48("423") ? typeof asyncDispose !== "function" : stryMutAct_9fa48("422") ? false : stryMutAct_9fa48("421") ? true : (stryCov_9fa48("421", "422", "423"), typeof asyncDispose === (stryMutAct_9fa48("424") ? "" : (stryCov_9fa48("424"), "function")))) await asyncDispose.call(disposable);else if (stryMutAct_9fa48("427") ? typeof dispose !== "function" : stryMutAct_9fa48("426") ? false : stryMutAct_9fa48("425") ? true : (stryCov_9fa48("425", "426", "427"), typeof dispose === (stryMutAct_9fa48("428") ? "" : (stryCov_9fa48("428"), "function")))) dispose.call(disposable);
      }
    } catch (error) {
      if (stryMutAct_9fa48("429")) {
        {}
      } else {
        stryCov_9fa48("429");
        disposeFailed(error);
      }
    }
    return end;
  }
}