/**
 * The AbortSignals of one worker's runs. Runs share one controller unless a per-run reason (a
 * timeout, a lease) must abort one run alone: a controller per run is what a careless run path pays
 * 100,000 times a second. A shared signal is handed on only while no run has listened to it: the
 * first `addEventListener` (or `onabort`) marks it, and the next run gets a fresh one, so a run's
 * signal carries no listener of an earlier run (they would pile up on it, run after run).
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
  /** True once a run listened to the shared signal: the next run gets a fresh one. */
  sharedHeard: boolean;
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
        if (stryMutAct_9fa48("246") ? s.sharedSignal === undefined && s.sharedHeard : stryMutAct_9fa48("245") ? false : stryMutAct_9fa48("244") ? true : (stryCov_9fa48("244", "245", "246"), (stryMutAct_9fa48("248") ? s.sharedSignal !== undefined : stryMutAct_9fa48("247") ? false : (stryCov_9fa48("247", "248"), s.sharedSignal === undefined)) || s.sharedHeard)) {
          if (stryMutAct_9fa48("249")) {
            {}
          } else {
            stryCov_9fa48("249");
            // The listeners of the runs before stay on the old signal, which goes with them.
            s.sharedController = new AbortController();
            s.sharedSignal = heard(s, s.sharedController.signal);
            s.sharedHeard = stryMutAct_9fa48("250") ? true : (stryCov_9fa48("250"), false);
          }
        }
        signal = s.sharedSignal;
      }
    }
    return signal;
  }
}
const listen = AbortSignal.prototype.addEventListener;
const onabort = Object.getOwnPropertyDescriptor(AbortSignal.prototype, stryMutAct_9fa48("251") ? "" : (stryCov_9fa48("251"), "onabort"));

/**
 * Marks `s` when a run listens to `signal`. Own properties of this one signal: the prototype is
 * left alone, and a run that only reads `aborted` or `reason` costs nothing more.
 */
function heard(s: RunSignalFields, signal: AbortSignal): AbortSignal {
  if (stryMutAct_9fa48("252")) {
    {}
  } else {
    stryCov_9fa48("252");
    Object.defineProperty(signal, stryMutAct_9fa48("253") ? "" : (stryCov_9fa48("253"), "addEventListener"), stryMutAct_9fa48("254") ? {} : (stryCov_9fa48("254"), {
      configurable: stryMutAct_9fa48("255") ? false : (stryCov_9fa48("255"), true),
      writable: stryMutAct_9fa48("256") ? false : (stryCov_9fa48("256"), true),
      value(this: AbortSignal, ...args: Parameters<AbortSignal["addEventListener"]>): void {
        if (stryMutAct_9fa48("257")) {
          {}
        } else {
          stryCov_9fa48("257");
          s.sharedHeard = stryMutAct_9fa48("258") ? false : (stryCov_9fa48("258"), true);
          listen.apply(this, args);
        }
      }
    }));
    if (stryMutAct_9fa48("261") ? onabort?.set !== undefined || onabort.get !== undefined : stryMutAct_9fa48("260") ? false : stryMutAct_9fa48("259") ? true : (stryCov_9fa48("259", "260", "261"), (stryMutAct_9fa48("263") ? onabort?.set === undefined : stryMutAct_9fa48("262") ? true : (stryCov_9fa48("262", "263"), (stryMutAct_9fa48("264") ? onabort.set : (stryCov_9fa48("264"), onabort?.set)) !== undefined)) && (stryMutAct_9fa48("266") ? onabort.get === undefined : stryMutAct_9fa48("265") ? true : (stryCov_9fa48("265", "266"), onabort.get !== undefined)))) {
      if (stryMutAct_9fa48("267")) {
        {}
      } else {
        stryCov_9fa48("267");
        const {
          get,
          set
        } = onabort;
        Object.defineProperty(signal, stryMutAct_9fa48("268") ? "" : (stryCov_9fa48("268"), "onabort"), stryMutAct_9fa48("269") ? {} : (stryCov_9fa48("269"), {
          configurable: stryMutAct_9fa48("270") ? false : (stryCov_9fa48("270"), true),
          get,
          set(this: AbortSignal, value: unknown): void {
            if (stryMutAct_9fa48("271")) {
              {}
            } else {
              stryCov_9fa48("271");
              s.sharedHeard = stryMutAct_9fa48("272") ? false : (stryCov_9fa48("272"), true);
              set.call(this, value);
            }
          }
        }));
      }
    }
    return signal;
  }
}

/** A stop: aborts every signal given out, and the next start gets fresh ones. */
export function abortSignals(s: RunSignalFields, reason: unknown): void {
  if (stryMutAct_9fa48("273")) {
    {}
  } else {
    stryCov_9fa48("273");
    stryMutAct_9fa48("274") ? s.ownController.abort(reason) : (stryCov_9fa48("274"), s.ownController?.abort(reason));
    stryMutAct_9fa48("275") ? s.sharedController.abort(reason) : (stryCov_9fa48("275"), s.sharedController?.abort(reason));
    resetSignals(s);
  }
}

/** A start: the shared controller is made again at its first run. */
export function resetSignals(s: RunSignalFields): void {
  if (stryMutAct_9fa48("276")) {
    {}
  } else {
    stryCov_9fa48("276");
    s.sharedController = undefined;
    s.sharedSignal = undefined;
    s.sharedHeard = stryMutAct_9fa48("277") ? true : (stryCov_9fa48("277"), false);
  }
}

/** True for an abort, the way a run reports it when it gives up on its signal. */
export function isAbortError(error: unknown): boolean {
  if (stryMutAct_9fa48("278")) {
    {}
  } else {
    stryCov_9fa48("278");
    return stryMutAct_9fa48("281") ? error instanceof Error || error instanceof DOMException || error.name === "AbortError" : stryMutAct_9fa48("280") ? false : stryMutAct_9fa48("279") ? true : (stryCov_9fa48("279", "280", "281"), (stryMutAct_9fa48("283") ? error instanceof Error && error instanceof DOMException : stryMutAct_9fa48("282") ? true : (stryCov_9fa48("282", "283"), error instanceof Error || error instanceof DOMException)) && (stryMutAct_9fa48("285") ? error.name !== "AbortError" : stryMutAct_9fa48("284") ? true : (stryCov_9fa48("284", "285"), error.name === (stryMutAct_9fa48("286") ? "" : (stryCov_9fa48("286"), "AbortError")))));
  }
}

/** How a run ended, for observers: an abort before it settled decides, whether it then threw or not. */
export function outcomeOf(signal: AbortSignal | undefined, failed: boolean): RunOutcome {
  if (stryMutAct_9fa48("287")) {
    {}
  } else {
    stryCov_9fa48("287");
    if (stryMutAct_9fa48("290") ? signal !== undefined || signal.aborted : stryMutAct_9fa48("289") ? false : stryMutAct_9fa48("288") ? true : (stryCov_9fa48("288", "289", "290"), (stryMutAct_9fa48("292") ? signal === undefined : stryMutAct_9fa48("291") ? true : (stryCov_9fa48("291", "292"), signal !== undefined)) && signal.aborted)) {
      if (stryMutAct_9fa48("293")) {
        {}
      } else {
        stryCov_9fa48("293");
        const reason: unknown = signal.reason;
        if (stryMutAct_9fa48("295") ? false : stryMutAct_9fa48("294") ? true : (stryCov_9fa48("294", "295"), reason instanceof LeaseLostError)) return stryMutAct_9fa48("296") ? "" : (stryCov_9fa48("296"), "lease-lost");
        if (stryMutAct_9fa48("299") ? reason instanceof Error || reason instanceof DOMException || reason.name === "TimeoutError" : stryMutAct_9fa48("298") ? false : stryMutAct_9fa48("297") ? true : (stryCov_9fa48("297", "298", "299"), (stryMutAct_9fa48("301") ? reason instanceof Error && reason instanceof DOMException : stryMutAct_9fa48("300") ? true : (stryCov_9fa48("300", "301"), reason instanceof Error || reason instanceof DOMException)) && (stryMutAct_9fa48("303") ? reason.name !== "TimeoutError" : stryMutAct_9fa48("302") ? true : (stryCov_9fa48("302", "303"), reason.name === (stryMutAct_9fa48("304") ? "" : (stryCov_9fa48("304"), "TimeoutError")))))) return stryMutAct_9fa48("305") ? "" : (stryCov_9fa48("305"), "timeout");
        return stryMutAct_9fa48("306") ? "" : (stryCov_9fa48("306"), "aborted");
      }
    }
    return failed ? stryMutAct_9fa48("307") ? "" : (stryCov_9fa48("307"), "failure") : stryMutAct_9fa48("308") ? "" : (stryCov_9fa48("308"), "success");
  }
}