/**
 * What `status()` reports of a worker's runs: counters and the last run, in one record that the
 * run path updates at its start and at its end.
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
import type { WorkerState, WorkerStatus } from "./types.ts";

/** The counters and last-run fields of one worker. */
export class RunStats {
  /** Runs that have ended, failed or not. */
  runs = 0;
  /** Runs that threw or rejected. */
  failures = 0;
  /** Failures since the last run that succeeded. */
  consecutiveFailures = 0;
  /** When the last run started (epoch ms). */
  lastRunAt: number | null = null;
  /** How long the last run took (ms). */
  lastDurationMs: number | null = null;
  /** The error of the last failed run. */
  lastError: unknown = undefined;

  /** A run started at `startedAt` (epoch ms). */
  started(startedAt: number): void {
    if (stryMutAct_9fa48("309")) {
      {}
    } else {
      stryCov_9fa48("309");
      this.lastRunAt = startedAt;
    }
  }

  /** A run ended after `durationMs`; `error` is set when it failed (`failed` says so: an error may be undefined). */
  ended(durationMs: number, failed: boolean, error: unknown): void {
    if (stryMutAct_9fa48("310")) {
      {}
    } else {
      stryCov_9fa48("310");
      stryMutAct_9fa48("311") ? this.runs-- : (stryCov_9fa48("311"), this.runs++);
      this.lastDurationMs = durationMs;
      if (stryMutAct_9fa48("313") ? false : stryMutAct_9fa48("312") ? true : (stryCov_9fa48("312", "313"), failed)) {
        if (stryMutAct_9fa48("314")) {
          {}
        } else {
          stryCov_9fa48("314");
          stryMutAct_9fa48("315") ? this.failures-- : (stryCov_9fa48("315"), this.failures++);
          stryMutAct_9fa48("316") ? this.consecutiveFailures-- : (stryCov_9fa48("316"), this.consecutiveFailures++);
          this.lastError = error;
        }
      } else {
        if (stryMutAct_9fa48("317")) {
          {}
        } else {
          stryCov_9fa48("317");
          this.consecutiveFailures = 0;
        }
      }
    }
  }

  /** The status line of a worker with these runs. */
  line(name: string, state: WorkerState, nextRunAt: number | null): WorkerStatus {
    if (stryMutAct_9fa48("318")) {
      {}
    } else {
      stryCov_9fa48("318");
      return stryMutAct_9fa48("319") ? {} : (stryCov_9fa48("319"), {
        name,
        state,
        runs: this.runs,
        failures: this.failures,
        consecutiveFailures: this.consecutiveFailures,
        lastRunAt: this.lastRunAt,
        lastDurationMs: this.lastDurationMs,
        lastError: this.lastError,
        nextRunAt
      });
    }
  }
}