/**
 * Where `manager.stopOnShutdown()` finds the runtime: the runtime adapters install the shutdown
 * behaviour here when they are loaded (the main entry point loads them), so that core/ imports
 * nothing outside core/, as the cron schedule plugs in through `installCron`.
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
import type { Logger, ShutdownSignal, StopOptions, StopReport } from "./types.ts";

/**
 * Options of `manager.stopOnShutdown()`.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, type StopOnShutdownOptions } from "@background/workers";
 *
 * const server = { close: () => Promise.resolve() };
 * const options: StopOnShutdownOptions = { timeout: 10_000, beforeExit: () => server.close() };
 * new BackgroundWorkerManager().stopOnShutdown(options);
 * ```
 */
export interface StopOnShutdownOptions {
  /** How long to wait for runs in flight, in ms. Default: the manager's `stopTimeout`. */
  readonly timeout?: number;
  /** Exit the process once stopped: 0 when every run settled in time, 1 otherwise. Default true. */
  readonly exit?: boolean;
  /** Called after the workers stopped and before the exit: close your server here. A throw makes the exit code 1. */
  readonly beforeExit?: (report: StopReport) => void | Promise<void>;
  /** The signals to listen to. Default SIGINT and SIGTERM (SIGINT and SIGBREAK on Windows). */
  readonly signals?: readonly ShutdownSignal[];
}

/** What the shutdown behaviour needs of a manager. */
export interface ShutdownTarget {
  /** Stops the manager. */
  stop(options: StopOptions): Promise<StopReport>;
  /** How many workers it holds, for the log line. */
  readonly size: number;
  /** Its logger. */
  readonly logger: Logger;
  /** Its `stopTimeout`, the default of `timeout`. */
  readonly stopTimeout: number;
}

/** Listens for shutdown signals and stops `target` on the first; returns what removes the listeners. */
export type StopOnShutdown = (target: ShutdownTarget, options: StopOnShutdownOptions) => Disposable;
let installed: StopOnShutdown | undefined;

/** Installs the runtime's shutdown behaviour (called by `src/runtime/mod.ts` when it is loaded). */
export function installStopOnShutdown(stopOnShutdown: StopOnShutdown): void {
  if (stryMutAct_9fa48("640")) {
    {}
  } else {
    stryCov_9fa48("640");
    installed = stopOnShutdown;
  }
}

/** The installed shutdown behaviour; an Error when the runtime adapters were never loaded. */
export function stopOnShutdownHook(): StopOnShutdown {
  if (stryMutAct_9fa48("641")) {
    {}
  } else {
    stryCov_9fa48("641");
    if (stryMutAct_9fa48("644") ? installed !== undefined : stryMutAct_9fa48("643") ? false : stryMutAct_9fa48("642") ? true : (stryCov_9fa48("642", "643", "644"), installed === undefined)) {
      if (stryMutAct_9fa48("645")) {
        {}
      } else {
        stryCov_9fa48("645");
        throw new Error(stryMutAct_9fa48("646") ? "" : (stryCov_9fa48("646"), 'BackgroundWorkerManager.stopOnShutdown: the runtime adapters are not loaded; import the manager from "@background/workers"'));
      }
    }
    return installed;
  }
}