/**
 * The AbortSignals of one worker's runs. The runs of one start share one controller unless a
 * per-run reason (a timeout, a lease) must abort one run alone: a controller per run is what a
 * careless run path pays 100,000 times a second.
 *
 * The shared controller is made at the first run of a start: 100,000 workers that have not run yet
 * hold no 100,000 controllers (about 800 B each on Node). Making it lazily on the signal's first
 * read would also spare workers that never read it, but every way to do that measured 0.6–0.8 µs
 * more per run (an accessor in each context), so such workers pay the bytes.
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
import { LeaseLostError } from "./lease.ts";
import type { RunOutcome } from "./observer.ts";

/** The fields a worker's state keeps for its signals (one object fewer per worker than a class of its own). */
export interface RunSignalFields {
  /** The controller shared by the runs of a start, made at its first run. */
  sharedController: AbortController | undefined;
  /** Its signal, kept: Node's `controller.signal` getter costs more than the rest of a run's bookkeeping. */
  sharedSignal: AbortSignal | undefined;
  /** The controller of the run in flight alone, when a timeout or a lease can abort it. */
  ownController: AbortController | undefined;
  /** The signal of the run in flight, kept only while someone observes (an outcome is read off it). */
  currentSignal: AbortSignal | undefined;
}

/** The signal for a run: its own when `own`, else the start's shared one. */
export function signalForRun(s: RunSignalFields, own: boolean): AbortSignal {
  if (stryMutAct_9fa48("239")) {
    {}
  } else {
    stryCov_9fa48("239");
    let signal: AbortSignal;
    if (stryMutAct_9fa48("241") ? false : stryMutAct_9fa48("240") ? true : (stryCov_9fa48("240", "241"), own)) {
      if (stryMutAct_9fa48("242")) {
        {}
      } else {
        stryCov_9fa48("242");
        const controller = new AbortController();
        s.ownController = controller;
        signal = controller.signal;
      }
    } else {
      if (stryMutAct_9fa48("243")) {
        {}
      } else {
        stryCov_9fa48("243");
        if (stryMutAct_9fa48("246") ? s.sharedSignal !== undefined : stryMutAct_9fa48("245") ? false : stryMutAct_9fa48("244") ? true : (stryCov_9fa48("244", "245", "246"), s.sharedSignal === undefined)) {
          if (stryMutAct_9fa48("247")) {
            {}
          } else {
            stryCov_9fa48("247");
            s.sharedController = new AbortController();
            s.sharedSignal = s.sharedController.signal;
          }
        }
        signal = s.sharedSignal;
      }
    }
    return signal;
  }
}

/** A stop: aborts every signal given out, and the next start gets fresh ones. */
export function abortSignals(s: RunSignalFields, reason: unknown): void {
  if (stryMutAct_9fa48("248")) {
    {}
  } else {
    stryCov_9fa48("248");
    stryMutAct_9fa48("249") ? s.ownController.abort(reason) : (stryCov_9fa48("249"), s.ownController?.abort(reason));
    stryMutAct_9fa48("250") ? s.sharedController.abort(reason) : (stryCov_9fa48("250"), s.sharedController?.abort(reason));
    resetSignals(s);
  }
}

/** A start: the shared controller is made again at its first run. */
export function resetSignals(s: RunSignalFields): void {
  if (stryMutAct_9fa48("251")) {
    {}
  } else {
    stryCov_9fa48("251");
    s.sharedController = undefined;
    s.sharedSignal = undefined;
  }
}

/** True for an abort, the way a run reports it when it gives up on its signal. */
export function isAbortError(error: unknown): boolean {
  if (stryMutAct_9fa48("252")) {
    {}
  } else {
    stryCov_9fa48("252");
    return stryMutAct_9fa48("255") ? error instanceof Error || error instanceof DOMException || error.name === "AbortError" : stryMutAct_9fa48("254") ? false : stryMutAct_9fa48("253") ? true : (stryCov_9fa48("253", "254", "255"), (stryMutAct_9fa48("257") ? error instanceof Error && error instanceof DOMException : stryMutAct_9fa48("256") ? true : (stryCov_9fa48("256", "257"), error instanceof Error || error instanceof DOMException)) && (stryMutAct_9fa48("259") ? error.name !== "AbortError" : stryMutAct_9fa48("258") ? true : (stryCov_9fa48("258", "259"), error.name === (stryMutAct_9fa48("260") ? "" : (stryCov_9fa48("260"), "AbortError")))));
  }
}

/** How a run ended, for observers: an abort before it settled decides, whether it then threw or not. */
export function outcomeOf(signal: AbortSignal | undefined, failed: boolean): RunOutcome {
  if (stryMutAct_9fa48("261")) {
    {}
  } else {
    stryCov_9fa48("261");
    if (stryMutAct_9fa48("264") ? signal !== undefined || signal.aborted : stryMutAct_9fa48("263") ? false : stryMutAct_9fa48("262") ? true : (stryCov_9fa48("262", "263", "264"), (stryMutAct_9fa48("266") ? signal === undefined : stryMutAct_9fa48("265") ? true : (stryCov_9fa48("265", "266"), signal !== undefined)) && signal.aborted)) {
      if (stryMutAct_9fa48("267")) {
        {}
      } else {
        stryCov_9fa48("267");
        const reason: unknown = signal.reason;
        if (stryMutAct_9fa48("269") ? false : stryMutAct_9fa48("268") ? true : (stryCov_9fa48("268", "269"), reason instanceof LeaseLostError)) return stryMutAct_9fa48("270") ? "" : (stryCov_9fa48("270"), "lease-lost");
        if (stryMutAct_9fa48("273") ? reason instanceof Error || reason instanceof DOMException || reason.name === "TimeoutError" : stryMutAct_9fa48("272") ? false : stryMutAct_9fa48("271") ? true : (stryCov_9fa48("271", "272", "273"), (stryMutAct_9fa48("275") ? reason instanceof Error && reason instanceof DOMException : stryMutAct_9fa48("274") ? true : (stryCov_9fa48("274", "275"), reason instanceof Error || reason instanceof DOMException)) && (stryMutAct_9fa48("277") ? reason.name !== "TimeoutError" : stryMutAct_9fa48("276") ? true : (stryCov_9fa48("276", "277"), reason.name === (stryMutAct_9fa48("278") ? "" : (stryCov_9fa48("278"), "TimeoutError")))))) return stryMutAct_9fa48("279") ? "" : (stryCov_9fa48("279"), "timeout");
        return stryMutAct_9fa48("280") ? "" : (stryCov_9fa48("280"), "aborted");
      }
    }
    return failed ? stryMutAct_9fa48("281") ? "" : (stryCov_9fa48("281"), "failure") : stryMutAct_9fa48("282") ? "" : (stryCov_9fa48("282"), "success");
  }
}