/**
 * What workers and the manager share when they stop: the report of a clean stop, the check of
 * `stop()`'s options, and waiting for a run with a limit.
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
import { type Clock, MAX_DELAY } from "./clock.ts";
import { isAttachable } from "./host.ts";
import { checkKeys, checkNonNegative, checkObject, show } from "./options.ts";
import type { BackgroundWorker, StopOptions, StopReport, UnsettledRun } from "./types.ts";

/** The report of a stop at which every run settled in time. */
export const OK_REPORT: StopReport = Object.freeze(stryMutAct_9fa48("647") ? {} : (stryCov_9fa48("647"), {
  ok: stryMutAct_9fa48("648") ? false : (stryCov_9fa48("648"), true),
  unsettled: Object.freeze(stryMutAct_9fa48("649") ? ["Stryker was here"] : (stryCov_9fa48("649"), []))
}));

/** The default of `stop()`'s `timeout` for a worker, and of the manager's `stopTimeout`. */
export const DEFAULT_STOP_TIMEOUT = 30_000;

/** Checks `stop()`'s options; resolves the timeout, `fallback` when it is not given. */
export function stopTimeout(owner: string, call: string, options: StopOptions | undefined, fallback: number): number {
  if (stryMutAct_9fa48("650")) {
    {}
  } else {
    stryCov_9fa48("650");
    if (stryMutAct_9fa48("653") ? options !== undefined : stryMutAct_9fa48("652") ? false : stryMutAct_9fa48("651") ? true : (stryCov_9fa48("651", "652", "653"), options === undefined)) return fallback;
    checkObject(owner, stryMutAct_9fa48("654") ? "" : (stryCov_9fa48("654"), "stop options"), options);
    checkKeys(call, options, stryMutAct_9fa48("655") ? [] : (stryCov_9fa48("655"), [stryMutAct_9fa48("656") ? "" : (stryCov_9fa48("656"), "timeout")]));
    return (stryMutAct_9fa48("659") ? options.timeout !== undefined : stryMutAct_9fa48("658") ? false : stryMutAct_9fa48("657") ? true : (stryCov_9fa48("657", "658", "659"), options.timeout === undefined)) ? fallback : checkNonNegative(owner, stryMutAct_9fa48("660") ? "" : (stryCov_9fa48("660"), "timeout"), options.timeout, stryMutAct_9fa48("661") ? false : (stryCov_9fa48("661"), true));
  }
}

/**
 * Resolves true when `promise` settles within `ms` of `clock`'s time, false otherwise. The timer is
 * cleared as soon as the promise settles, so a stop leaves no timer behind. A timer of its own, not
 * a queue entry: a limit of 0 must give the run at least one macrotask, even when the stop was
 * called from inside a batch of due runs.
 */
export function settlesWithin(clock: Clock, promise: PromiseLike<unknown>, ms: number): Promise<boolean> {
  if (stryMutAct_9fa48("662")) {
    {}
  } else {
    stryCov_9fa48("662");
    const settled = Promise.resolve(promise).then(stryMutAct_9fa48("663") ? () => undefined : (stryCov_9fa48("663"), () => stryMutAct_9fa48("664") ? false : (stryCov_9fa48("664"), true)), stryMutAct_9fa48("665") ? () => undefined : (stryCov_9fa48("665"), () => stryMutAct_9fa48("666") ? false : (stryCov_9fa48("666"), true)));
    if (stryMutAct_9fa48("669") ? ms !== Infinity : stryMutAct_9fa48("668") ? false : stryMutAct_9fa48("667") ? true : (stryCov_9fa48("667", "668", "669"), ms === Infinity)) return settled;
    return new Promise(resolve => {
      if (stryMutAct_9fa48("670")) {
        {}
      } else {
        stryCov_9fa48("670");
        let timer: unknown;
        // Waited in chunks: a longer delay would fire at once.
        const wait = (left: number): void => {
          if (stryMutAct_9fa48("671")) {
            {}
          } else {
            stryCov_9fa48("671");
            timer = clock.setTimer(stryMutAct_9fa48("672") ? () => undefined : (stryCov_9fa48("672"), () => (stryMutAct_9fa48("676") ? left <= MAX_DELAY : stryMutAct_9fa48("675") ? left >= MAX_DELAY : stryMutAct_9fa48("674") ? false : stryMutAct_9fa48("673") ? true : (stryCov_9fa48("673", "674", "675", "676"), left > MAX_DELAY)) ? wait(stryMutAct_9fa48("677") ? left + MAX_DELAY : (stryCov_9fa48("677"), left - MAX_DELAY)) : resolve(stryMutAct_9fa48("678") ? true : (stryCov_9fa48("678"), false))), stryMutAct_9fa48("679") ? Math.max(left, MAX_DELAY) : (stryCov_9fa48("679"), Math.min(left, MAX_DELAY)));
          }
        };
        wait(ms);
        void settled.then(() => {
          if (stryMutAct_9fa48("680")) {
            {}
          } else {
            stryCov_9fa48("680");
            clock.clearTimer(timer);
            resolve(stryMutAct_9fa48("681") ? false : (stryCov_9fa48("681"), true));
          }
        });
      }
    });
  }
}

/** How one worker's stop went, for the manager to gather. */
export interface WorkerStopped {
  readonly report: StopReport;
  readonly error?: unknown;
}

/**
 * Stops one of a manager's workers under `timeout`. A start still under way is waited for first
 * (under the same deadline): a custom worker's `stop()` called before its `start()` ends would be
 * undone by the rest of that start. A `stop()` that resolves to something other than a report is
 * an error naming the worker, not a crash further on.
 */
export async function stopWorker(owner: string, worker: BackgroundWorker, timeout: number, clock: Clock, starting: Promise<void> | undefined): Promise<WorkerStopped> {
  if (stryMutAct_9fa48("682")) {
    {}
  } else {
    stryCov_9fa48("682");
    const unsettled: StopReport = stryMutAct_9fa48("683") ? {} : (stryCov_9fa48("683"), {
      ok: stryMutAct_9fa48("684") ? true : (stryCov_9fa48("684"), false),
      unsettled: stryMutAct_9fa48("685") ? [] : (stryCov_9fa48("685"), [stryMutAct_9fa48("686") ? {} : (stryCov_9fa48("686"), {
        worker: worker.name,
        run: 0
      })])
    });
    let left = timeout;
    if (stryMutAct_9fa48("689") ? starting === undefined : stryMutAct_9fa48("688") ? false : stryMutAct_9fa48("687") ? true : (stryCov_9fa48("687", "688", "689"), starting !== undefined)) {
      if (stryMutAct_9fa48("690")) {
        {}
      } else {
        stryCov_9fa48("690");
        const from = clock.now();
        const started = await settlesWithin(clock, starting, timeout);
        left = stryMutAct_9fa48("691") ? Math.min(0, timeout - (clock.now() - from)) : (stryCov_9fa48("691"), Math.max(0, stryMutAct_9fa48("692") ? timeout + (clock.now() - from) : (stryCov_9fa48("692"), timeout - (stryMutAct_9fa48("693") ? clock.now() + from : (stryCov_9fa48("693"), clock.now() - from)))));
        if (stryMutAct_9fa48("696") ? false : stryMutAct_9fa48("695") ? true : stryMutAct_9fa48("694") ? started : (stryCov_9fa48("694", "695", "696"), !started)) {
          if (stryMutAct_9fa48("697")) {
            {}
          } else {
            stryCov_9fa48("697");
            // Asked to stop all the same, without waiting: its start may never end.
            void Promise.resolve().then(stryMutAct_9fa48("698") ? () => undefined : (stryCov_9fa48("698"), () => worker.stop(stryMutAct_9fa48("699") ? {} : (stryCov_9fa48("699"), {
              timeout: 0
            })))).catch(() => {});
            return stryMutAct_9fa48("700") ? {} : (stryCov_9fa48("700"), {
              report: unsettled
            });
          }
        }
      }
    }
    try {
      if (stryMutAct_9fa48("701")) {
        {}
      } else {
        stryCov_9fa48("701");
        const stopping = worker.stop(stryMutAct_9fa48("702") ? {} : (stryCov_9fa48("702"), {
          timeout: left
        }));
        // Workers attached to the host keep the deadline themselves; others get it kept for them.
        if (stryMutAct_9fa48("705") ? !isAttachable(worker) || !(await settlesWithin(clock, stopping, left)) : stryMutAct_9fa48("704") ? false : stryMutAct_9fa48("703") ? true : (stryCov_9fa48("703", "704", "705"), (stryMutAct_9fa48("706") ? isAttachable(worker) : (stryCov_9fa48("706"), !isAttachable(worker))) && (stryMutAct_9fa48("707") ? await settlesWithin(clock, stopping, left) : (stryCov_9fa48("707"), !(await settlesWithin(clock, stopping, left)))))) return stryMutAct_9fa48("708") ? {} : (stryCov_9fa48("708"), {
          report: unsettled
        });
        const report: unknown = await stopping;
        if (stryMutAct_9fa48("711") ? false : stryMutAct_9fa48("710") ? true : stryMutAct_9fa48("709") ? isReport(report) : (stryCov_9fa48("709", "710", "711"), !isReport(report))) {
          if (stryMutAct_9fa48("712")) {
            {}
          } else {
            stryCov_9fa48("712");
            const error = new TypeError(stryMutAct_9fa48("713") ? `` : (stryCov_9fa48("713"), `${owner}.stop: worker ${show(worker.name)}: stop() must resolve to a report { ok, unsettled }, got ${show(report)}`));
            return stryMutAct_9fa48("714") ? {} : (stryCov_9fa48("714"), {
              report: OK_REPORT,
              error
            });
          }
        }
        return stryMutAct_9fa48("715") ? {} : (stryCov_9fa48("715"), {
          report
        });
      }
    } catch (error) {
      if (stryMutAct_9fa48("716")) {
        {}
      } else {
        stryCov_9fa48("716");
        return stryMutAct_9fa48("717") ? {} : (stryCov_9fa48("717"), {
          report: OK_REPORT,
          error
        });
      }
    }
  }
}
function isReport(value: unknown): value is StopReport {
  if (stryMutAct_9fa48("718")) {
    {}
  } else {
    stryCov_9fa48("718");
    return stryMutAct_9fa48("721") ? value !== null && typeof value === "object" && typeof (value as StopReport).ok === "boolean" || Array.isArray((value as StopReport).unsettled) : stryMutAct_9fa48("720") ? false : stryMutAct_9fa48("719") ? true : (stryCov_9fa48("719", "720", "721"), (stryMutAct_9fa48("723") ? value !== null && typeof value === "object" || typeof (value as StopReport).ok === "boolean" : stryMutAct_9fa48("722") ? true : (stryCov_9fa48("722", "723"), (stryMutAct_9fa48("725") ? value !== null || typeof value === "object" : stryMutAct_9fa48("724") ? true : (stryCov_9fa48("724", "725"), (stryMutAct_9fa48("727") ? value === null : stryMutAct_9fa48("726") ? true : (stryCov_9fa48("726", "727"), value !== null)) && (stryMutAct_9fa48("729") ? typeof value !== "object" : stryMutAct_9fa48("728") ? true : (stryCov_9fa48("728", "729"), typeof value === (stryMutAct_9fa48("730") ? "" : (stryCov_9fa48("730"), "object")))))) && (stryMutAct_9fa48("732") ? typeof (value as StopReport).ok !== "boolean" : stryMutAct_9fa48("731") ? true : (stryCov_9fa48("731", "732"), typeof (value as StopReport).ok === (stryMutAct_9fa48("733") ? "" : (stryCov_9fa48("733"), "boolean")))))) && Array.isArray((value as StopReport).unsettled));
  }
}

/** One report for many workers; an AggregateError (carrying that report) when any failed to stop. */
export function gatherReports(owner: string, results: readonly WorkerStopped[]): StopReport {
  if (stryMutAct_9fa48("734")) {
    {}
  } else {
    stryCov_9fa48("734");
    const unsettled: UnsettledRun[] = stryMutAct_9fa48("735") ? ["Stryker was here"] : (stryCov_9fa48("735"), []);
    const errors: unknown[] = stryMutAct_9fa48("736") ? ["Stryker was here"] : (stryCov_9fa48("736"), []);
    for (const {
      report,
      error
    } of results) {
      if (stryMutAct_9fa48("737")) {
        {}
      } else {
        stryCov_9fa48("737");
        unsettled.push(...report.unsettled);
        if (stryMutAct_9fa48("740") ? error === undefined : stryMutAct_9fa48("739") ? false : stryMutAct_9fa48("738") ? true : (stryCov_9fa48("738", "739", "740"), error !== undefined)) errors.push(error);
      }
    }
    const report: StopReport = (stryMutAct_9fa48("743") ? unsettled.length !== 0 : stryMutAct_9fa48("742") ? false : stryMutAct_9fa48("741") ? true : (stryCov_9fa48("741", "742", "743"), unsettled.length === 0)) ? OK_REPORT : stryMutAct_9fa48("744") ? {} : (stryCov_9fa48("744"), {
      ok: stryMutAct_9fa48("745") ? true : (stryCov_9fa48("745"), false),
      unsettled
    });
    if (stryMutAct_9fa48("749") ? errors.length <= 0 : stryMutAct_9fa48("748") ? errors.length >= 0 : stryMutAct_9fa48("747") ? false : stryMutAct_9fa48("746") ? true : (stryCov_9fa48("746", "747", "748", "749"), errors.length > 0)) {
      if (stryMutAct_9fa48("750")) {
        {}
      } else {
        stryCov_9fa48("750");
        // The others were stopped all the same; `report` says whether their runs settled.
        throw Object.assign(new AggregateError(errors, stryMutAct_9fa48("751") ? `` : (stryCov_9fa48("751"), `${owner}.stop: ${errors.length} worker(s) failed to stop`)), stryMutAct_9fa48("752") ? {} : (stryCov_9fa48("752"), {
          report
        }));
      }
    }
    return report;
  }
}