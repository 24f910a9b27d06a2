/**
 * A worker's options, checked once and resolved into one typed {@link WorkerConfig}: the
 * constructor and `periodic()` both go through {@link resolveWorkerOptions}, so every check and
 * default lives here. In the config "none" is `undefined`, never 0.
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
import { type ClusterLeaseStore, type LeaseOptions, leaseOptions, type LeaseStore } from "./lease.ts";
import { checkBoolean, checkKeys, checkNonNegative, checkObject, checkPositive, show } from "./options.ts";
import type { BackoffOptions } from "./schedule.ts";

/**
 * How runs are spaced: `"fixed-delay"` (default) waits `period` ms after a run ends;
 * `"fixed-rate"` keeps runs on the grid `start + k·period`.
 *
 * @example
 * ```ts
 * import type { ScheduleMode } from "@background/workers";
 *
 * const mode: ScheduleMode = "fixed-rate";
 * ```
 */
export type ScheduleMode = "fixed-delay" | "fixed-rate";

/**
 * Options of a {@link PeriodicBackgroundWorker}.
 *
 * @example
 * ```ts
 * import type { PeriodicWorkerOptions } from "@background/workers";
 *
 * const options: PeriodicWorkerOptions = { period: 60_000, runOnStart: true, jitter: 5_000, timeout: 30_000 };
 * ```
 */
export interface PeriodicWorkerOptions {
  /** Milliseconds between runs: a finite number > 0 (periods past 24.8 days work). Exclusive with `cron`. */
  readonly period?: number;
  /**
   * A cron pattern (5 or 6 fields, or `@hourly`-style), instead of `period`. Needs the cron entry
   * point loaded once: `import "@background/workers/cron"`.
   */
  readonly cron?: string;
  /** The IANA time zone of `cron`, e.g. `"Europe/Berlin"`. Default: the process's local zone. */
  readonly timezone?: string;
  /** Run at once on start instead of one period later. Default false. */
  readonly runOnStart?: boolean;
  /** Unique name within a manager. Default: the class name. */
  readonly name?: string;
  /** `"fixed-delay"` (default) or `"fixed-rate"`. */
  readonly mode?: ScheduleMode;
  /**
   * Adds a random delay in [0, jitter) ms to each due time. Default 0. With `mode: "fixed-rate"` it
   * must be less than `period` (a RangeError otherwise): runs stay on the grid, each within a period.
   */
  readonly jitter?: number;
  /** Aborts a run's signal after this many ms (reason: a `TimeoutError`). Default: no timeout. */
  readonly timeout?: number;
  /** False registers the worker without running it. Default true. */
  readonly enabled?: boolean;
  /** Stretch the delay after consecutive failures: `true` for the defaults, or the settings. */
  readonly backoff?: boolean | BackoffOptions;
  /**
   * Run on one instance at a time through a lease store (overrides the manager's `lease`), or
   * `false` to run on every instance even when the manager has a lease store.
   */
  readonly lease?: LeaseStore | ClusterLeaseStore | LeaseOptions | false;
  /**
   * With a cluster lease store (Redis, PostgreSQL), what happens to the slots that no instance ran
   * (every instance was down, a deploy, a failover): `"once"` (default) runs one run at once for
   * them, then the schedule goes on; `"skip"` drops them; `"all"` runs each, back to back, at most
   * `maxCatchup` (the latest ones). Without such a store, the one-process rule holds: missed slots
   * coalesce into one run.
   */
  readonly missed?: MissedSlots;
  /** With `missed: "all"`, the most slots run to catch up. Default 10. */
  readonly maxCatchup?: number;
}

/**
 * What a worker does about slots no instance ran: see {@link PeriodicWorkerOptions.missed}.
 *
 * @example
 * ```ts
 * import type { MissedSlots } from "@background/workers";
 *
 * const missed: MissedSlots = "skip";
 * ```
 */
export type MissedSlots = "skip" | "once" | "all";

/**
 * Options of {@link periodic}: those of {@link PeriodicBackgroundWorker} but the name, which is the
 * first argument.
 *
 * @example
 * ```ts
 * import type { PeriodicOptions } from "@background/workers";
 *
 * const options: PeriodicOptions = { period: 1_000, mode: "fixed-rate" };
 * ```
 */
export type PeriodicOptions = Omit<PeriodicWorkerOptions, "name">;

/** Backoff as resolved: the growth per failure and the cap (undefined: the default cap). */
export interface BackoffConfig {
  readonly factor: number;
  readonly max: number | undefined;
}

/** What a worker reads of its options while it runs, checked and with defaults applied. */
export interface WorkerConfig {
  readonly name: string;
  readonly runOnStart: boolean;
  /** Undefined: no jitter. */
  readonly jitter: number | undefined;
  /** Undefined: no timeout. */
  readonly timeout: number | undefined;
  /** Undefined: no backoff. */
  readonly backoff: BackoffConfig | undefined;
  /** Undefined: the manager's lease, if any; false: never a lease. */
  readonly lease: LeaseOptions | false | undefined;
  readonly missed: MissedSlots;
  readonly maxCatchup: number;
}

/**
 * A worker's options after checking: the config it keeps, and what only its construction reads
 * (the schedule's inputs, whether it is enabled), which a worker does not carry along.
 */
export interface ResolvedOptions {
  readonly config: WorkerConfig;
  /** The period in ms; undefined for a cron worker. */
  readonly period: number | undefined;
  /** The cron pattern; undefined for a periodic worker. */
  readonly cron: string | undefined;
  readonly timezone: string | undefined;
  readonly mode: ScheduleMode;
  readonly enabled: boolean;
}

/** Every option key, for the unknown-option check. */
export const WORKER_OPTIONS: readonly string[] = stryMutAct_9fa48("728") ? [] : (stryCov_9fa48("728"), [stryMutAct_9fa48("729") ? "" : (stryCov_9fa48("729"), "period"), stryMutAct_9fa48("730") ? "" : (stryCov_9fa48("730"), "cron"), stryMutAct_9fa48("731") ? "" : (stryCov_9fa48("731"), "timezone"), stryMutAct_9fa48("732") ? "" : (stryCov_9fa48("732"), "runOnStart"), stryMutAct_9fa48("733") ? "" : (stryCov_9fa48("733"), "name"), stryMutAct_9fa48("734") ? "" : (stryCov_9fa48("734"), "mode"), stryMutAct_9fa48("735") ? "" : (stryCov_9fa48("735"), "jitter"), stryMutAct_9fa48("736") ? "" : (stryCov_9fa48("736"), "timeout"), stryMutAct_9fa48("737") ? "" : (stryCov_9fa48("737"), "enabled"), stryMutAct_9fa48("738") ? "" : (stryCov_9fa48("738"), "backoff"), stryMutAct_9fa48("739") ? "" : (stryCov_9fa48("739"), "lease"), stryMutAct_9fa48("740") ? "" : (stryCov_9fa48("740"), "missed"), stryMutAct_9fa48("741") ? "" : (stryCov_9fa48("741"), "maxCatchup")]);
const BACKOFF_OPTIONS = ["factor", "max"] as const;
const MODES: readonly string[] = stryMutAct_9fa48("742") ? [] : (stryCov_9fa48("742"), [stryMutAct_9fa48("743") ? "" : (stryCov_9fa48("743"), "fixed-delay"), stryMutAct_9fa48("744") ? "" : (stryCov_9fa48("744"), "fixed-rate")]);
const MISSED: readonly string[] = stryMutAct_9fa48("745") ? [] : (stryCov_9fa48("745"), [stryMutAct_9fa48("746") ? "" : (stryCov_9fa48("746"), "skip"), stryMutAct_9fa48("747") ? "" : (stryCov_9fa48("747"), "once"), stryMutAct_9fa48("748") ? "" : (stryCov_9fa48("748"), "all")]);

/**
 * Checks a worker's options and resolves them. `className` is the subclass's name: the default
 * worker name and, until the name is known, who the errors name.
 */
export function resolveWorkerOptions(className: string, options: PeriodicWorkerOptions): ResolvedOptions {
  if (stryMutAct_9fa48("749")) {
    {}
  } else {
    stryCov_9fa48("749");
    const owner = stryMutAct_9fa48("752") ? className && "PeriodicBackgroundWorker" : stryMutAct_9fa48("751") ? false : stryMutAct_9fa48("750") ? true : (stryCov_9fa48("750", "751", "752"), className || (stryMutAct_9fa48("753") ? "" : (stryCov_9fa48("753"), "PeriodicBackgroundWorker")));
    checkObject(owner, stryMutAct_9fa48("754") ? "" : (stryCov_9fa48("754"), "options"), options);
    if (stryMutAct_9fa48("757") ? options !== undefined : stryMutAct_9fa48("756") ? false : stryMutAct_9fa48("755") ? true : (stryCov_9fa48("755", "756", "757"), options === undefined)) throw new TypeError(stryMutAct_9fa48("758") ? `` : (stryCov_9fa48("758"), `${owner}: options with a "period" or a "cron" are required`));
    const name = stryMutAct_9fa48("759") ? options.name && className : (stryCov_9fa48("759"), options.name ?? className);
    if (stryMutAct_9fa48("762") ? typeof name !== "string" && name.trim() === "" : stryMutAct_9fa48("761") ? false : stryMutAct_9fa48("760") ? true : (stryCov_9fa48("760", "761", "762"), (stryMutAct_9fa48("764") ? typeof name === "string" : stryMutAct_9fa48("763") ? false : (stryCov_9fa48("763", "764"), typeof name !== (stryMutAct_9fa48("765") ? "" : (stryCov_9fa48("765"), "string")))) || (stryMutAct_9fa48("767") ? name.trim() !== "" : stryMutAct_9fa48("766") ? false : (stryCov_9fa48("766", "767"), (stryMutAct_9fa48("768") ? name : (stryCov_9fa48("768"), name.trim())) === (stryMutAct_9fa48("769") ? "Stryker was here!" : (stryCov_9fa48("769"), "")))))) {
      if (stryMutAct_9fa48("770")) {
        {}
      } else {
        stryCov_9fa48("770");
        throw new TypeError(stryMutAct_9fa48("771") ? `` : (stryCov_9fa48("771"), `${owner}: option "name" must be a non-empty string, got ${show(name)}`));
      }
    }
    checkKeys(name, options, WORKER_OPTIONS);
    const cron = options.cron;
    if (stryMutAct_9fa48("774") ? cron !== undefined || options.period !== undefined : stryMutAct_9fa48("773") ? false : stryMutAct_9fa48("772") ? true : (stryCov_9fa48("772", "773", "774"), (stryMutAct_9fa48("776") ? cron === undefined : stryMutAct_9fa48("775") ? true : (stryCov_9fa48("775", "776"), cron !== undefined)) && (stryMutAct_9fa48("778") ? options.period === undefined : stryMutAct_9fa48("777") ? true : (stryCov_9fa48("777", "778"), options.period !== undefined)))) {
      if (stryMutAct_9fa48("779")) {
        {}
      } else {
        stryCov_9fa48("779");
        throw new TypeError(stryMutAct_9fa48("780") ? `` : (stryCov_9fa48("780"), `${name}: options "period" and "cron" exclude each other, got period ${show(options.period)} and cron ${show(cron)}`));
      }
    }
    if (stryMutAct_9fa48("783") ? cron === undefined || options.timezone !== undefined : stryMutAct_9fa48("782") ? false : stryMutAct_9fa48("781") ? true : (stryCov_9fa48("781", "782", "783"), (stryMutAct_9fa48("785") ? cron !== undefined : stryMutAct_9fa48("784") ? true : (stryCov_9fa48("784", "785"), cron === undefined)) && (stryMutAct_9fa48("787") ? options.timezone === undefined : stryMutAct_9fa48("786") ? true : (stryCov_9fa48("786", "787"), options.timezone !== undefined)))) {
      if (stryMutAct_9fa48("788")) {
        {}
      } else {
        stryCov_9fa48("788");
        throw new TypeError(stryMutAct_9fa48("789") ? `` : (stryCov_9fa48("789"), `${name}: option "timezone" needs "cron", got timezone ${show(options.timezone)}`));
      }
    }
    if (stryMutAct_9fa48("792") ? cron !== undefined || options.mode !== undefined : stryMutAct_9fa48("791") ? false : stryMutAct_9fa48("790") ? true : (stryCov_9fa48("790", "791", "792"), (stryMutAct_9fa48("794") ? cron === undefined : stryMutAct_9fa48("793") ? true : (stryCov_9fa48("793", "794"), cron !== undefined)) && (stryMutAct_9fa48("796") ? options.mode === undefined : stryMutAct_9fa48("795") ? true : (stryCov_9fa48("795", "796"), options.mode !== undefined)))) {
      if (stryMutAct_9fa48("797")) {
        {}
      } else {
        stryCov_9fa48("797");
        throw new TypeError(stryMutAct_9fa48("798") ? `` : (stryCov_9fa48("798"), `${name}: option "mode" applies to "period" only, got mode ${show(options.mode)} with cron`));
      }
    }
    const period = (stryMutAct_9fa48("801") ? cron !== undefined : stryMutAct_9fa48("800") ? false : stryMutAct_9fa48("799") ? true : (stryCov_9fa48("799", "800", "801"), cron === undefined)) ? checkPositive(name, stryMutAct_9fa48("802") ? "" : (stryCov_9fa48("802"), "period"), options.period) : undefined;
    const mode = stryMutAct_9fa48("803") ? options.mode && "fixed-delay" : (stryCov_9fa48("803"), options.mode ?? (stryMutAct_9fa48("804") ? "" : (stryCov_9fa48("804"), "fixed-delay")));
    if (stryMutAct_9fa48("807") ? false : stryMutAct_9fa48("806") ? true : stryMutAct_9fa48("805") ? MODES.includes(mode) : (stryCov_9fa48("805", "806", "807"), !MODES.includes(mode))) {
      if (stryMutAct_9fa48("808")) {
        {}
      } else {
        stryCov_9fa48("808");
        throw new TypeError(stryMutAct_9fa48("809") ? `` : (stryCov_9fa48("809"), `${name}: option "mode" must be "fixed-delay" or "fixed-rate", got ${show(mode)}`));
      }
    }
    const runOnStart = checkBoolean(name, stryMutAct_9fa48("810") ? "" : (stryCov_9fa48("810"), "runOnStart"), stryMutAct_9fa48("811") ? options.runOnStart && false : (stryCov_9fa48("811"), options.runOnStart ?? (stryMutAct_9fa48("812") ? true : (stryCov_9fa48("812"), false))));
    const missed = stryMutAct_9fa48("813") ? options.missed && "once" : (stryCov_9fa48("813"), options.missed ?? (stryMutAct_9fa48("814") ? "" : (stryCov_9fa48("814"), "once")));
    if (stryMutAct_9fa48("817") ? false : stryMutAct_9fa48("816") ? true : stryMutAct_9fa48("815") ? MISSED.includes(missed) : (stryCov_9fa48("815", "816", "817"), !MISSED.includes(missed))) {
      if (stryMutAct_9fa48("818")) {
        {}
      } else {
        stryCov_9fa48("818");
        throw new TypeError(stryMutAct_9fa48("819") ? `` : (stryCov_9fa48("819"), `${name}: option "missed" must be "skip", "once" or "all", got ${show(missed)}`));
      }
    }
    if (stryMutAct_9fa48("822") ? options.maxCatchup !== undefined || missed !== "all" : stryMutAct_9fa48("821") ? false : stryMutAct_9fa48("820") ? true : (stryCov_9fa48("820", "821", "822"), (stryMutAct_9fa48("824") ? options.maxCatchup === undefined : stryMutAct_9fa48("823") ? true : (stryCov_9fa48("823", "824"), options.maxCatchup !== undefined)) && (stryMutAct_9fa48("826") ? missed === "all" : stryMutAct_9fa48("825") ? true : (stryCov_9fa48("825", "826"), missed !== (stryMutAct_9fa48("827") ? "" : (stryCov_9fa48("827"), "all")))))) {
      if (stryMutAct_9fa48("828")) {
        {}
      } else {
        stryCov_9fa48("828");
        throw new TypeError(stryMutAct_9fa48("829") ? `` : (stryCov_9fa48("829"), `${name}: option "maxCatchup" applies to missed: "all", got maxCatchup ${show(options.maxCatchup)} with missed ${show(missed)}`));
      }
    }
    const maxCatchup = (stryMutAct_9fa48("832") ? options.maxCatchup !== undefined : stryMutAct_9fa48("831") ? false : stryMutAct_9fa48("830") ? true : (stryCov_9fa48("830", "831", "832"), options.maxCatchup === undefined)) ? 10 : checkPositive(name, stryMutAct_9fa48("833") ? "" : (stryCov_9fa48("833"), "maxCatchup"), options.maxCatchup);
    if (stryMutAct_9fa48("836") ? false : stryMutAct_9fa48("835") ? true : stryMutAct_9fa48("834") ? Number.isInteger(maxCatchup) : (stryCov_9fa48("834", "835", "836"), !Number.isInteger(maxCatchup))) throw new RangeError(stryMutAct_9fa48("837") ? `` : (stryCov_9fa48("837"), `${name}: option "maxCatchup" must be a whole number, got ${show(maxCatchup)}`));
    const jitter = checkNonNegative(name, stryMutAct_9fa48("838") ? "" : (stryCov_9fa48("838"), "jitter"), stryMutAct_9fa48("839") ? options.jitter && 0 : (stryCov_9fa48("839"), options.jitter ?? 0));
    if (stryMutAct_9fa48("842") ? mode === "fixed-rate" || period !== undefined : stryMutAct_9fa48("841") ? false : stryMutAct_9fa48("840") ? true : (stryCov_9fa48("840", "841", "842"), (stryMutAct_9fa48("844") ? mode !== "fixed-rate" : stryMutAct_9fa48("843") ? true : (stryCov_9fa48("843", "844"), mode === (stryMutAct_9fa48("845") ? "" : (stryCov_9fa48("845"), "fixed-rate")))) && (stryMutAct_9fa48("847") ? period === undefined : stryMutAct_9fa48("846") ? true : (stryCov_9fa48("846", "847"), period !== undefined)))) checkRateJitter(name, period, jitter);
    const timeout = (stryMutAct_9fa48("850") ? options.timeout !== undefined : stryMutAct_9fa48("849") ? false : stryMutAct_9fa48("848") ? true : (stryCov_9fa48("848", "849", "850"), options.timeout === undefined)) ? undefined : checkPositive(name, stryMutAct_9fa48("851") ? "" : (stryCov_9fa48("851"), "timeout"), options.timeout);
    const enabled = checkBoolean(name, stryMutAct_9fa48("852") ? "" : (stryCov_9fa48("852"), "enabled"), stryMutAct_9fa48("853") ? options.enabled && true : (stryCov_9fa48("853"), options.enabled ?? (stryMutAct_9fa48("854") ? false : (stryCov_9fa48("854"), true))));
    const config: WorkerConfig = stryMutAct_9fa48("855") ? {} : (stryCov_9fa48("855"), {
      name,
      runOnStart,
      jitter: (stryMutAct_9fa48("859") ? jitter <= 0 : stryMutAct_9fa48("858") ? jitter >= 0 : stryMutAct_9fa48("857") ? false : stryMutAct_9fa48("856") ? true : (stryCov_9fa48("856", "857", "858", "859"), jitter > 0)) ? jitter : undefined,
      timeout,
      backoff: backoffConfig(name, stryMutAct_9fa48("860") ? options.backoff && false : (stryCov_9fa48("860"), options.backoff ?? (stryMutAct_9fa48("861") ? true : (stryCov_9fa48("861"), false)))),
      lease: (stryMutAct_9fa48("864") ? options.lease === undefined && options.lease === false : stryMutAct_9fa48("863") ? false : stryMutAct_9fa48("862") ? true : (stryCov_9fa48("862", "863", "864"), (stryMutAct_9fa48("866") ? options.lease !== undefined : stryMutAct_9fa48("865") ? false : (stryCov_9fa48("865", "866"), options.lease === undefined)) || (stryMutAct_9fa48("868") ? options.lease !== false : stryMutAct_9fa48("867") ? false : (stryCov_9fa48("867", "868"), options.lease === (stryMutAct_9fa48("869") ? true : (stryCov_9fa48("869"), false)))))) ? options.lease : leaseOptions(name, options.lease),
      missed,
      maxCatchup
    });
    return stryMutAct_9fa48("870") ? {} : (stryCov_9fa48("870"), {
      config,
      period,
      cron,
      timezone: options.timezone,
      mode,
      enabled
    });
  }
}

/**
 * Fixed rate keeps runs on a grid of `period`: a jitter of a period or more would push each run past
 * the next slot, and the grid would coalesce them into far fewer runs than it promises.
 */
export function checkRateJitter(name: string, period: number, jitter: number): void {
  if (stryMutAct_9fa48("871")) {
    {}
  } else {
    stryCov_9fa48("871");
    if (stryMutAct_9fa48("875") ? jitter < period : stryMutAct_9fa48("874") ? jitter > period : stryMutAct_9fa48("873") ? false : stryMutAct_9fa48("872") ? true : (stryCov_9fa48("872", "873", "874", "875"), jitter >= period)) {
      if (stryMutAct_9fa48("876")) {
        {}
      } else {
        stryCov_9fa48("876");
        throw new RangeError(stryMutAct_9fa48("877") ? `` : (stryCov_9fa48("877"), `${name}: option "jitter" must be less than "period" with mode "fixed-rate", got jitter ${show(jitter)} and period ${show(period)}`));
      }
    }
  }
}
function backoffConfig(name: string, backoff: boolean | BackoffOptions): BackoffConfig | undefined {
  if (stryMutAct_9fa48("878")) {
    {}
  } else {
    stryCov_9fa48("878");
    if (stryMutAct_9fa48("881") ? typeof backoff !== "boolean" : stryMutAct_9fa48("880") ? false : stryMutAct_9fa48("879") ? true : (stryCov_9fa48("879", "880", "881"), typeof backoff === (stryMutAct_9fa48("882") ? "" : (stryCov_9fa48("882"), "boolean")))) return backoff ? stryMutAct_9fa48("883") ? {} : (stryCov_9fa48("883"), {
      factor: 2,
      max: undefined
    }) : undefined;
    checkObject(name, stryMutAct_9fa48("884") ? "" : (stryCov_9fa48("884"), 'option "backoff"'), backoff);
    checkKeys(stryMutAct_9fa48("885") ? `` : (stryCov_9fa48("885"), `${name}: backoff`), backoff, BACKOFF_OPTIONS);
    const factor = (stryMutAct_9fa48("888") ? backoff.factor !== undefined : stryMutAct_9fa48("887") ? false : stryMutAct_9fa48("886") ? true : (stryCov_9fa48("886", "887", "888"), backoff.factor === undefined)) ? 2 : checkPositive(name, stryMutAct_9fa48("889") ? "" : (stryCov_9fa48("889"), "backoff.factor"), backoff.factor);
    if (stryMutAct_9fa48("893") ? factor >= 1 : stryMutAct_9fa48("892") ? factor <= 1 : stryMutAct_9fa48("891") ? false : stryMutAct_9fa48("890") ? true : (stryCov_9fa48("890", "891", "892", "893"), factor < 1)) throw new RangeError(stryMutAct_9fa48("894") ? `` : (stryCov_9fa48("894"), `${name}: option "backoff.factor" must be ≥ 1, got ${show(backoff.factor)}`));
    return stryMutAct_9fa48("895") ? {} : (stryCov_9fa48("895"), {
      factor,
      max: (stryMutAct_9fa48("898") ? backoff.max !== undefined : stryMutAct_9fa48("897") ? false : stryMutAct_9fa48("896") ? true : (stryCov_9fa48("896", "897", "898"), backoff.max === undefined)) ? undefined : checkPositive(name, stryMutAct_9fa48("899") ? "" : (stryCov_9fa48("899"), "backoff.max"), backoff.max)
    });
  }
}

/**
 * Checks `periodic()`'s arguments before its options are resolved: the name is the first argument,
 * so an options object naming it is an error.
 */
export function checkPeriodicArgs(name: unknown, options: unknown, work: unknown): asserts name is string {
  if (stryMutAct_9fa48("900")) {
    {}
  } else {
    stryCov_9fa48("900");
    if (stryMutAct_9fa48("903") ? typeof name !== "string" && name.trim() === "" : stryMutAct_9fa48("902") ? false : stryMutAct_9fa48("901") ? true : (stryCov_9fa48("901", "902", "903"), (stryMutAct_9fa48("905") ? typeof name === "string" : stryMutAct_9fa48("904") ? false : (stryCov_9fa48("904", "905"), typeof name !== (stryMutAct_9fa48("906") ? "" : (stryCov_9fa48("906"), "string")))) || (stryMutAct_9fa48("908") ? name.trim() !== "" : stryMutAct_9fa48("907") ? false : (stryCov_9fa48("907", "908"), (stryMutAct_9fa48("909") ? name : (stryCov_9fa48("909"), name.trim())) === (stryMutAct_9fa48("910") ? "Stryker was here!" : (stryCov_9fa48("910"), "")))))) {
      if (stryMutAct_9fa48("911")) {
        {}
      } else {
        stryCov_9fa48("911");
        throw new TypeError(stryMutAct_9fa48("912") ? `` : (stryCov_9fa48("912"), `periodic(): the name must be a non-empty string, got ${show(name)}`));
      }
    }
    checkObject(name, stryMutAct_9fa48("913") ? "" : (stryCov_9fa48("913"), "options"), options);
    if (stryMutAct_9fa48("916") ? options !== undefined || "name" in (options as object) : stryMutAct_9fa48("915") ? false : stryMutAct_9fa48("914") ? true : (stryCov_9fa48("914", "915", "916"), (stryMutAct_9fa48("918") ? options === undefined : stryMutAct_9fa48("917") ? true : (stryCov_9fa48("917", "918"), options !== undefined)) && (stryMutAct_9fa48("919") ? "" : (stryCov_9fa48("919"), "name")) in (options as object))) {
      if (stryMutAct_9fa48("920")) {
        {}
      } else {
        stryCov_9fa48("920");
        throw new TypeError(stryMutAct_9fa48("921") ? `` : (stryCov_9fa48("921"), `${name}: option "name" is not allowed here; the name is periodic()'s first argument`));
      }
    }
    if (stryMutAct_9fa48("924") ? options === undefined : stryMutAct_9fa48("923") ? false : stryMutAct_9fa48("922") ? true : (stryCov_9fa48("922", "923", "924"), options !== undefined)) checkKeys(name, options as object, stryMutAct_9fa48("925") ? WORKER_OPTIONS : (stryCov_9fa48("925"), WORKER_OPTIONS.filter(stryMutAct_9fa48("926") ? () => undefined : (stryCov_9fa48("926"), key => stryMutAct_9fa48("929") ? key === "name" : stryMutAct_9fa48("928") ? false : stryMutAct_9fa48("927") ? true : (stryCov_9fa48("927", "928", "929"), key !== (stryMutAct_9fa48("930") ? "" : (stryCov_9fa48("930"), "name")))))));
    if (stryMutAct_9fa48("933") ? typeof work === "function" : stryMutAct_9fa48("932") ? false : stryMutAct_9fa48("931") ? true : (stryCov_9fa48("931", "932", "933"), typeof work !== (stryMutAct_9fa48("934") ? "" : (stryCov_9fa48("934"), "function")))) {
      if (stryMutAct_9fa48("935")) {
        {}
      } else {
        stryCov_9fa48("935");
        throw new TypeError(stryMutAct_9fa48("936") ? `` : (stryCov_9fa48("936"), `${name}: periodic()'s third argument must be the work function, got ${show(work)}`));
      }
    }
  }
}