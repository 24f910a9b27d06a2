/**
 * A manager's options, checked once and resolved into one typed config (as a worker's are in
 * `worker_options.ts`).
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
import { type LeaseOptions, leaseOptions, type LeaseStore } from "./lease.ts";
import { checkBoolean, checkFunction, checkKeys, checkNonNegative, checkObject, show } from "./options.ts";
import { defaultLogger } from "./report.ts";
import { DEFAULT_STOP_TIMEOUT } from "./stopping.ts";
import type { ErrorHandler, Logger, ScopeFactory } from "./types.ts";

/**
 * Options of a {@link BackgroundWorkerManager}.
 *
 * @example
 * ```ts
 * import type { ManagerOptions } from "@background/workers";
 *
 * const options: ManagerOptions = {
 *   logger: console,
 *   onError: (error, { worker, run }) => console.error(`${worker} run ${run}`, error),
 *   stopTimeout: 10_000,
 * };
 * ```
 */
export interface ManagerOptions {
  /** False registers workers without running any (status shows them `disabled`). Default true. */
  readonly enabled?: boolean;
  /** Any console-like object. Default: errors only, to `console.error`. */
  readonly logger?: Logger;
  /** Called with every error of a run, a scope, or a worker's start. */
  readonly onError?: ErrorHandler;
  /** How long `stop()` waits for runs in flight, in ms. Default 30,000. */
  readonly stopTimeout?: number;
  /** Makes a scope for each run, disposed after it (see {@link ScopeFactory}). */
  readonly scope?: ScopeFactory;
  /**
   * Several instances: run each periodic worker on one instance at a time, about once per period
   * for the cluster, through a lease store (`@background/workers/redis`, `/postgres`).
   */
  readonly lease?: LeaseStore | LeaseOptions;
}

/** Who the manager's errors name. */
export const OWNER = stryMutAct_9fa48("14") ? "" : (stryCov_9fa48("14"), "BackgroundWorkerManager");
const MANAGER_OPTIONS = ["enabled", "logger", "onError", "stopTimeout", "scope", "lease"] as const;

/** A manager's options after checking, with defaults applied. */
export interface ManagerConfig {
  readonly enabled: boolean;
  readonly logger: Logger;
  readonly onError: ErrorHandler | undefined;
  readonly stopTimeout: number;
  readonly scope: ScopeFactory | undefined;
  readonly lease: LeaseOptions | undefined;
}

/** Checks a manager's options and resolves them. */
export function resolveManagerOptions(options: ManagerOptions): ManagerConfig {
  if (stryMutAct_9fa48("15")) {
    {}
  } else {
    stryCov_9fa48("15");
    checkObject(OWNER, stryMutAct_9fa48("16") ? "" : (stryCov_9fa48("16"), "options"), options);
    checkKeys(OWNER, options, MANAGER_OPTIONS);
    const enabled = checkBoolean(OWNER, stryMutAct_9fa48("17") ? "" : (stryCov_9fa48("17"), "enabled"), stryMutAct_9fa48("18") ? options.enabled && true : (stryCov_9fa48("18"), options.enabled ?? (stryMutAct_9fa48("19") ? false : (stryCov_9fa48("19"), true))));
    const stopTimeout = checkNonNegative(OWNER, stryMutAct_9fa48("20") ? "" : (stryCov_9fa48("20"), "stopTimeout"), stryMutAct_9fa48("21") ? options.stopTimeout && DEFAULT_STOP_TIMEOUT : (stryCov_9fa48("21"), options.stopTimeout ?? DEFAULT_STOP_TIMEOUT), stryMutAct_9fa48("22") ? false : (stryCov_9fa48("22"), true));
    const logger = (stryMutAct_9fa48("25") ? options.logger !== undefined : stryMutAct_9fa48("24") ? false : stryMutAct_9fa48("23") ? true : (stryCov_9fa48("23", "24", "25"), options.logger === undefined)) ? defaultLogger : options.logger;
    for (const level of ["debug", "info", "warn", "error"] as const) {
      if (stryMutAct_9fa48("26")) {
        {}
      } else {
        stryCov_9fa48("26");
        if (stryMutAct_9fa48("29") ? typeof logger?.[level] === "function" : stryMutAct_9fa48("28") ? false : stryMutAct_9fa48("27") ? true : (stryCov_9fa48("27", "28", "29"), typeof (stryMutAct_9fa48("30") ? logger[level] : (stryCov_9fa48("30"), logger?.[level])) !== (stryMutAct_9fa48("31") ? "" : (stryCov_9fa48("31"), "function")))) {
          if (stryMutAct_9fa48("32")) {
            {}
          } else {
            stryCov_9fa48("32");
            const has = (stryMutAct_9fa48("35") ? logger !== null || typeof logger === "object" : stryMutAct_9fa48("34") ? false : stryMutAct_9fa48("33") ? true : (stryCov_9fa48("33", "34", "35"), (stryMutAct_9fa48("37") ? logger === null : stryMutAct_9fa48("36") ? true : (stryCov_9fa48("36", "37"), logger !== null)) && (stryMutAct_9fa48("39") ? typeof logger !== "object" : stryMutAct_9fa48("38") ? true : (stryCov_9fa48("38", "39"), typeof logger === (stryMutAct_9fa48("40") ? "" : (stryCov_9fa48("40"), "object")))))) ? stryMutAct_9fa48("41") ? `` : (stryCov_9fa48("41"), `an object with keys ${show(Object.keys(logger))}`) : show(logger);
            throw new TypeError(stryMutAct_9fa48("42") ? `` : (stryCov_9fa48("42"), `${OWNER}: option "logger" must have the method ${level}(), got ${has}`));
          }
        }
      }
    }
    if (stryMutAct_9fa48("45") ? options.onError === undefined : stryMutAct_9fa48("44") ? false : stryMutAct_9fa48("43") ? true : (stryCov_9fa48("43", "44", "45"), options.onError !== undefined)) checkFunction(OWNER, stryMutAct_9fa48("46") ? "" : (stryCov_9fa48("46"), "onError"), options.onError);
    if (stryMutAct_9fa48("49") ? options.scope === undefined : stryMutAct_9fa48("48") ? false : stryMutAct_9fa48("47") ? true : (stryCov_9fa48("47", "48", "49"), options.scope !== undefined)) checkFunction(OWNER, stryMutAct_9fa48("50") ? "" : (stryCov_9fa48("50"), "scope"), options.scope);
    return stryMutAct_9fa48("51") ? {} : (stryCov_9fa48("51"), {
      enabled,
      logger,
      onError: options.onError,
      stopTimeout,
      scope: options.scope,
      lease: (stryMutAct_9fa48("54") ? options.lease !== undefined : stryMutAct_9fa48("53") ? false : stryMutAct_9fa48("52") ? true : (stryCov_9fa48("52", "53", "54"), options.lease === undefined)) ? undefined : leaseOptions(OWNER, options.lease)
    });
  }
}