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
  /** Adds a random delay in [0, jitter) ms to each due time. Default 0. */
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
export const WORKER_OPTIONS: readonly string[] = stryMutAct_9fa48("694") ? [] : (stryCov_9fa48("694"), [stryMutAct_9fa48("695") ? "" : (stryCov_9fa48("695"), "period"), stryMutAct_9fa48("696") ? "" : (stryCov_9fa48("696"), "cron"), stryMutAct_9fa48("697") ? "" : (stryCov_9fa48("697"), "timezone"), stryMutAct_9fa48("698") ? "" : (stryCov_9fa48("698"), "runOnStart"), stryMutAct_9fa48("699") ? "" : (stryCov_9fa48("699"), "name"), stryMutAct_9fa48("700") ? "" : (stryCov_9fa48("700"), "mode"), stryMutAct_9fa48("701") ? "" : (stryCov_9fa48("701"), "jitter"), stryMutAct_9fa48("702") ? "" : (stryCov_9fa48("702"), "timeout"), stryMutAct_9fa48("703") ? "" : (stryCov_9fa48("703"), "enabled"), stryMutAct_9fa48("704") ? "" : (stryCov_9fa48("704"), "backoff"), stryMutAct_9fa48("705") ? "" : (stryCov_9fa48("705"), "lease"), stryMutAct_9fa48("706") ? "" : (stryCov_9fa48("706"), "missed"), stryMutAct_9fa48("707") ? "" : (stryCov_9fa48("707"), "maxCatchup")]);
const BACKOFF_OPTIONS = ["factor", "max"] as const;
const MODES: readonly string[] = stryMutAct_9fa48("708") ? [] : (stryCov_9fa48("708"), [stryMutAct_9fa48("709") ? "" : (stryCov_9fa48("709"), "fixed-delay"), stryMutAct_9fa48("710") ? "" : (stryCov_9fa48("710"), "fixed-rate")]);
const MISSED: readonly string[] = stryMutAct_9fa48("711") ? [] : (stryCov_9fa48("711"), [stryMutAct_9fa48("712") ? "" : (stryCov_9fa48("712"), "skip"), stryMutAct_9fa48("713") ? "" : (stryCov_9fa48("713"), "once"), stryMutAct_9fa48("714") ? "" : (stryCov_9fa48("714"), "all")]);

/**
 * Checks a worker's options and resolves them. `className` is the subclass's name: the default
 * worker name and, until the name is known, who the errors name.
 */
export function resolveWorkerOptions(className: string, options: PeriodicWorkerOptions): ResolvedOptions {
  if (stryMutAct_9fa48("715")) {
    {}
  } else {
    stryCov_9fa48("715");
    const owner = stryMutAct_9fa48("718") ? className && "PeriodicBackgroundWorker" : stryMutAct_9fa48("717") ? false : stryMutAct_9fa48("716") ? true : (stryCov_9fa48("716", "717", "718"), className || (stryMutAct_9fa48("719") ? "" : (stryCov_9fa48("719"), "PeriodicBackgroundWorker")));
    checkObject(owner, stryMutAct_9fa48("720") ? "" : (stryCov_9fa48("720"), "options"), options);
    if (stryMutAct_9fa48("723") ? options !== undefined : stryMutAct_9fa48("722") ? false : stryMutAct_9fa48("721") ? true : (stryCov_9fa48("721", "722", "723"), options === undefined)) throw new TypeError(stryMutAct_9fa48("724") ? `` : (stryCov_9fa48("724"), `${owner}: options with a "period" or a "cron" are required`));
    const name = stryMutAct_9fa48("725") ? options.name && className : (stryCov_9fa48("725"), options.name ?? className);
    if (stryMutAct_9fa48("728") ? typeof name !== "string" && name.trim() === "" : stryMutAct_9fa48("727") ? false : stryMutAct_9fa48("726") ? true : (stryCov_9fa48("726", "727", "728"), (stryMutAct_9fa48("730") ? typeof name === "string" : stryMutAct_9fa48("729") ? false : (stryCov_9fa48("729", "730"), typeof name !== (stryMutAct_9fa48("731") ? "" : (stryCov_9fa48("731"), "string")))) || (stryMutAct_9fa48("733") ? name.trim() !== "" : stryMutAct_9fa48("732") ? false : (stryCov_9fa48("732", "733"), (stryMutAct_9fa48("734") ? name : (stryCov_9fa48("734"), name.trim())) === (stryMutAct_9fa48("735") ? "Stryker was here!" : (stryCov_9fa48("735"), "")))))) {
      if (stryMutAct_9fa48("736")) {
        {}
      } else {
        stryCov_9fa48("736");
        throw new TypeError(stryMutAct_9fa48("737") ? `` : (stryCov_9fa48("737"), `${owner}: option "name" must be a non-empty string, got ${show(name)}`));
      }
    }
    checkKeys(name, options, WORKER_OPTIONS);
    const cron = options.cron;
    if (stryMutAct_9fa48("740") ? cron !== undefined || options.period !== undefined : stryMutAct_9fa48("739") ? false : stryMutAct_9fa48("738") ? true : (stryCov_9fa48("738", "739", "740"), (stryMutAct_9fa48("742") ? cron === undefined : stryMutAct_9fa48("741") ? true : (stryCov_9fa48("741", "742"), cron !== undefined)) && (stryMutAct_9fa48("744") ? options.period === undefined : stryMutAct_9fa48("743") ? true : (stryCov_9fa48("743", "744"), options.period !== undefined)))) {
      if (stryMutAct_9fa48("745")) {
        {}
      } else {
        stryCov_9fa48("745");
        throw new TypeError(stryMutAct_9fa48("746") ? `` : (stryCov_9fa48("746"), `${name}: options "period" and "cron" exclude each other, got period ${show(options.period)} and cron ${show(cron)}`));
      }
    }
    if (stryMutAct_9fa48("749") ? cron === undefined || options.timezone !== undefined : stryMutAct_9fa48("748") ? false : stryMutAct_9fa48("747") ? true : (stryCov_9fa48("747", "748", "749"), (stryMutAct_9fa48("751") ? cron !== undefined : stryMutAct_9fa48("750") ? true : (stryCov_9fa48("750", "751"), cron === undefined)) && (stryMutAct_9fa48("753") ? options.timezone === undefined : stryMutAct_9fa48("752") ? true : (stryCov_9fa48("752", "753"), options.timezone !== undefined)))) {
      if (stryMutAct_9fa48("754")) {
        {}
      } else {
        stryCov_9fa48("754");
        throw new TypeError(stryMutAct_9fa48("755") ? `` : (stryCov_9fa48("755"), `${name}: option "timezone" needs "cron", got timezone ${show(options.timezone)}`));
      }
    }
    if (stryMutAct_9fa48("758") ? cron !== undefined || options.mode !== undefined : stryMutAct_9fa48("757") ? false : stryMutAct_9fa48("756") ? true : (stryCov_9fa48("756", "757", "758"), (stryMutAct_9fa48("760") ? cron === undefined : stryMutAct_9fa48("759") ? true : (stryCov_9fa48("759", "760"), cron !== undefined)) && (stryMutAct_9fa48("762") ? options.mode === undefined : stryMutAct_9fa48("761") ? true : (stryCov_9fa48("761", "762"), options.mode !== undefined)))) {
      if (stryMutAct_9fa48("763")) {
        {}
      } else {
        stryCov_9fa48("763");
        throw new TypeError(stryMutAct_9fa48("764") ? `` : (stryCov_9fa48("764"), `${name}: option "mode" applies to "period" only, got mode ${show(options.mode)} with cron`));
      }
    }
    const period = (stryMutAct_9fa48("767") ? cron !== undefined : stryMutAct_9fa48("766") ? false : stryMutAct_9fa48("765") ? true : (stryCov_9fa48("765", "766", "767"), cron === undefined)) ? checkPositive(name, stryMutAct_9fa48("768") ? "" : (stryCov_9fa48("768"), "period"), options.period) : undefined;
    const mode = stryMutAct_9fa48("769") ? options.mode && "fixed-delay" : (stryCov_9fa48("769"), options.mode ?? (stryMutAct_9fa48("770") ? "" : (stryCov_9fa48("770"), "fixed-delay")));
    if (stryMutAct_9fa48("773") ? false : stryMutAct_9fa48("772") ? true : stryMutAct_9fa48("771") ? MODES.includes(mode) : (stryCov_9fa48("771", "772", "773"), !MODES.includes(mode))) {
      if (stryMutAct_9fa48("774")) {
        {}
      } else {
        stryCov_9fa48("774");
        throw new TypeError(stryMutAct_9fa48("775") ? `` : (stryCov_9fa48("775"), `${name}: option "mode" must be "fixed-delay" or "fixed-rate", got ${show(mode)}`));
      }
    }
    const runOnStart = checkBoolean(name, stryMutAct_9fa48("776") ? "" : (stryCov_9fa48("776"), "runOnStart"), stryMutAct_9fa48("777") ? options.runOnStart && false : (stryCov_9fa48("777"), options.runOnStart ?? (stryMutAct_9fa48("778") ? true : (stryCov_9fa48("778"), false))));
    const missed = stryMutAct_9fa48("779") ? options.missed && "once" : (stryCov_9fa48("779"), options.missed ?? (stryMutAct_9fa48("780") ? "" : (stryCov_9fa48("780"), "once")));
    if (stryMutAct_9fa48("783") ? false : stryMutAct_9fa48("782") ? true : stryMutAct_9fa48("781") ? MISSED.includes(missed) : (stryCov_9fa48("781", "782", "783"), !MISSED.includes(missed))) {
      if (stryMutAct_9fa48("784")) {
        {}
      } else {
        stryCov_9fa48("784");
        throw new TypeError(stryMutAct_9fa48("785") ? `` : (stryCov_9fa48("785"), `${name}: option "missed" must be "skip", "once" or "all", got ${show(missed)}`));
      }
    }
    if (stryMutAct_9fa48("788") ? options.maxCatchup !== undefined || missed !== "all" : stryMutAct_9fa48("787") ? false : stryMutAct_9fa48("786") ? true : (stryCov_9fa48("786", "787", "788"), (stryMutAct_9fa48("790") ? options.maxCatchup === undefined : stryMutAct_9fa48("789") ? true : (stryCov_9fa48("789", "790"), options.maxCatchup !== undefined)) && (stryMutAct_9fa48("792") ? missed === "all" : stryMutAct_9fa48("791") ? true : (stryCov_9fa48("791", "792"), missed !== (stryMutAct_9fa48("793") ? "" : (stryCov_9fa48("793"), "all")))))) {
      if (stryMutAct_9fa48("794")) {
        {}
      } else {
        stryCov_9fa48("794");
        throw new TypeError(stryMutAct_9fa48("795") ? `` : (stryCov_9fa48("795"), `${name}: option "maxCatchup" applies to missed: "all", got maxCatchup ${show(options.maxCatchup)} with missed ${show(missed)}`));
      }
    }
    const maxCatchup = (stryMutAct_9fa48("798") ? options.maxCatchup !== undefined : stryMutAct_9fa48("797") ? false : stryMutAct_9fa48("796") ? true : (stryCov_9fa48("796", "797", "798"), options.maxCatchup === undefined)) ? 10 : checkPositive(name, stryMutAct_9fa48("799") ? "" : (stryCov_9fa48("799"), "maxCatchup"), options.maxCatchup);
    if (stryMutAct_9fa48("802") ? false : stryMutAct_9fa48("801") ? true : stryMutAct_9fa48("800") ? Number.isInteger(maxCatchup) : (stryCov_9fa48("800", "801", "802"), !Number.isInteger(maxCatchup))) throw new RangeError(stryMutAct_9fa48("803") ? `` : (stryCov_9fa48("803"), `${name}: option "maxCatchup" must be a whole number, got ${show(maxCatchup)}`));
    const jitter = checkNonNegative(name, stryMutAct_9fa48("804") ? "" : (stryCov_9fa48("804"), "jitter"), stryMutAct_9fa48("805") ? options.jitter && 0 : (stryCov_9fa48("805"), options.jitter ?? 0));
    const timeout = (stryMutAct_9fa48("808") ? options.timeout !== undefined : stryMutAct_9fa48("807") ? false : stryMutAct_9fa48("806") ? true : (stryCov_9fa48("806", "807", "808"), options.timeout === undefined)) ? undefined : checkPositive(name, stryMutAct_9fa48("809") ? "" : (stryCov_9fa48("809"), "timeout"), options.timeout);
    const enabled = checkBoolean(name, stryMutAct_9fa48("810") ? "" : (stryCov_9fa48("810"), "enabled"), stryMutAct_9fa48("811") ? options.enabled && true : (stryCov_9fa48("811"), options.enabled ?? (stryMutAct_9fa48("812") ? false : (stryCov_9fa48("812"), true))));
    const config: WorkerConfig = stryMutAct_9fa48("813") ? {} : (stryCov_9fa48("813"), {
      name,
      runOnStart,
      jitter: (stryMutAct_9fa48("817") ? jitter <= 0 : stryMutAct_9fa48("816") ? jitter >= 0 : stryMutAct_9fa48("815") ? false : stryMutAct_9fa48("814") ? true : (stryCov_9fa48("814", "815", "816", "817"), jitter > 0)) ? jitter : undefined,
      timeout,
      backoff: backoffConfig(name, stryMutAct_9fa48("818") ? options.backoff && false : (stryCov_9fa48("818"), options.backoff ?? (stryMutAct_9fa48("819") ? true : (stryCov_9fa48("819"), false)))),
      lease: (stryMutAct_9fa48("822") ? options.lease === undefined && options.lease === false : stryMutAct_9fa48("821") ? false : stryMutAct_9fa48("820") ? true : (stryCov_9fa48("820", "821", "822"), (stryMutAct_9fa48("824") ? options.lease !== undefined : stryMutAct_9fa48("823") ? false : (stryCov_9fa48("823", "824"), options.lease === undefined)) || (stryMutAct_9fa48("826") ? options.lease !== false : stryMutAct_9fa48("825") ? false : (stryCov_9fa48("825", "826"), options.lease === (stryMutAct_9fa48("827") ? true : (stryCov_9fa48("827"), false)))))) ? options.lease : leaseOptions(name, options.lease),
      missed,
      maxCatchup
    });
    return stryMutAct_9fa48("828") ? {} : (stryCov_9fa48("828"), {
      config,
      period,
      cron,
      timezone: options.timezone,
      mode,
      enabled
    });
  }
}
function backoffConfig(name: string, backoff: boolean | BackoffOptions): BackoffConfig | undefined {
  if (stryMutAct_9fa48("829")) {
    {}
  } else {
    stryCov_9fa48("829");
    if (stryMutAct_9fa48("832") ? typeof backoff !== "boolean" : stryMutAct_9fa48("831") ? false : stryMutAct_9fa48("830") ? true : (stryCov_9fa48("830", "831", "832"), typeof backoff === (stryMutAct_9fa48("833") ? "" : (stryCov_9fa48("833"), "boolean")))) return backoff ? stryMutAct_9fa48("834") ? {} : (stryCov_9fa48("834"), {
      factor: 2,
      max: undefined
    }) : undefined;
    checkObject(name, stryMutAct_9fa48("835") ? "" : (stryCov_9fa48("835"), 'option "backoff"'), backoff);
    checkKeys(stryMutAct_9fa48("836") ? `` : (stryCov_9fa48("836"), `${name}: backoff`), backoff, BACKOFF_OPTIONS);
    const factor = (stryMutAct_9fa48("839") ? backoff.factor !== undefined : stryMutAct_9fa48("838") ? false : stryMutAct_9fa48("837") ? true : (stryCov_9fa48("837", "838", "839"), backoff.factor === undefined)) ? 2 : checkPositive(name, stryMutAct_9fa48("840") ? "" : (stryCov_9fa48("840"), "backoff.factor"), backoff.factor);
    if (stryMutAct_9fa48("844") ? factor >= 1 : stryMutAct_9fa48("843") ? factor <= 1 : stryMutAct_9fa48("842") ? false : stryMutAct_9fa48("841") ? true : (stryCov_9fa48("841", "842", "843", "844"), factor < 1)) throw new RangeError(stryMutAct_9fa48("845") ? `` : (stryCov_9fa48("845"), `${name}: option "backoff.factor" must be ≥ 1, got ${show(backoff.factor)}`));
    return stryMutAct_9fa48("846") ? {} : (stryCov_9fa48("846"), {
      factor,
      max: (stryMutAct_9fa48("849") ? backoff.max !== undefined : stryMutAct_9fa48("848") ? false : stryMutAct_9fa48("847") ? true : (stryCov_9fa48("847", "848", "849"), backoff.max === undefined)) ? undefined : checkPositive(name, stryMutAct_9fa48("850") ? "" : (stryCov_9fa48("850"), "backoff.max"), backoff.max)
    });
  }
}

/**
 * Checks `periodic()`'s arguments before its options are resolved: the name is the first argument,
 * so an options object naming it is an error.
 */
export function checkPeriodicArgs(name: unknown, options: unknown, work: unknown): asserts name is string {
  if (stryMutAct_9fa48("851")) {
    {}
  } else {
    stryCov_9fa48("851");
    if (stryMutAct_9fa48("854") ? typeof name !== "string" && name.trim() === "" : stryMutAct_9fa48("853") ? false : stryMutAct_9fa48("852") ? true : (stryCov_9fa48("852", "853", "854"), (stryMutAct_9fa48("856") ? typeof name === "string" : stryMutAct_9fa48("855") ? false : (stryCov_9fa48("855", "856"), typeof name !== (stryMutAct_9fa48("857") ? "" : (stryCov_9fa48("857"), "string")))) || (stryMutAct_9fa48("859") ? name.trim() !== "" : stryMutAct_9fa48("858") ? false : (stryCov_9fa48("858", "859"), (stryMutAct_9fa48("860") ? name : (stryCov_9fa48("860"), name.trim())) === (stryMutAct_9fa48("861") ? "Stryker was here!" : (stryCov_9fa48("861"), "")))))) {
      if (stryMutAct_9fa48("862")) {
        {}
      } else {
        stryCov_9fa48("862");
        throw new TypeError(stryMutAct_9fa48("863") ? `` : (stryCov_9fa48("863"), `periodic(): the name must be a non-empty string, got ${show(name)}`));
      }
    }
    checkObject(name, stryMutAct_9fa48("864") ? "" : (stryCov_9fa48("864"), "options"), options);
    if (stryMutAct_9fa48("867") ? options !== undefined || "name" in (options as object) : stryMutAct_9fa48("866") ? false : stryMutAct_9fa48("865") ? true : (stryCov_9fa48("865", "866", "867"), (stryMutAct_9fa48("869") ? options === undefined : stryMutAct_9fa48("868") ? true : (stryCov_9fa48("868", "869"), options !== undefined)) && (stryMutAct_9fa48("870") ? "" : (stryCov_9fa48("870"), "name")) in (options as object))) {
      if (stryMutAct_9fa48("871")) {
        {}
      } else {
        stryCov_9fa48("871");
        throw new TypeError(stryMutAct_9fa48("872") ? `` : (stryCov_9fa48("872"), `${name}: option "name" is not allowed here; the name is periodic()'s first argument`));
      }
    }
    if (stryMutAct_9fa48("875") ? options === undefined : stryMutAct_9fa48("874") ? false : stryMutAct_9fa48("873") ? true : (stryCov_9fa48("873", "874", "875"), options !== undefined)) checkKeys(name, options as object, stryMutAct_9fa48("876") ? WORKER_OPTIONS : (stryCov_9fa48("876"), WORKER_OPTIONS.filter(stryMutAct_9fa48("877") ? () => undefined : (stryCov_9fa48("877"), key => stryMutAct_9fa48("880") ? key === "name" : stryMutAct_9fa48("879") ? false : stryMutAct_9fa48("878") ? true : (stryCov_9fa48("878", "879", "880"), key !== (stryMutAct_9fa48("881") ? "" : (stryCov_9fa48("881"), "name")))))));
    if (stryMutAct_9fa48("884") ? typeof work === "function" : stryMutAct_9fa48("883") ? false : stryMutAct_9fa48("882") ? true : (stryCov_9fa48("882", "883", "884"), typeof work !== (stryMutAct_9fa48("885") ? "" : (stryCov_9fa48("885"), "function")))) {
      if (stryMutAct_9fa48("886")) {
        {}
      } else {
        stryCov_9fa48("886");
        throw new TypeError(stryMutAct_9fa48("887") ? `` : (stryCov_9fa48("887"), `${name}: periodic()'s third argument must be the work function, got ${show(work)}`));
      }
    }
  }
}