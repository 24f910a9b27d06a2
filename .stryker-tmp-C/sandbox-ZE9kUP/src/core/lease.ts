/**
 * Leases: how several instances of one app run each periodic worker on one instance at a time, and
 * about once per period for the whole cluster rather than once per instance.
 *
 * Two kinds of store plug in here. A {@link ClusterLeaseStore} (the Redis and PostgreSQL stores)
 * coordinates the cluster itself: instances are members, each worker belongs to one live member,
 * and store traffic does not grow with the instance count (see `src/lease/cluster.ts`). A plain
 * {@link LeaseStore} (acquire, renew, release: easy to write for any database) gets the simple
 * protocol of `lease_keeper.ts`: every instance tries the lease at its own due times.
 *
 * Either way, a worker asks its {@link WorkerLease} before each run: the answer is a fencing token
 * (run), or the reason to skip the slot. Safety first: a lease that cannot be confirmed is lost, and
 * the run's signal aborts.
 * @module
 */
// @ts-nocheck


/**
 * Where leases live: Redis (`@background/workers/redis`), PostgreSQL (`@background/workers/postgres`),
 * or your own. Every call may reject (the store is unreachable); the worker reports it and skips.
 *
 * @example
 * ```ts
 * import type { LeaseStore } from "@background/workers";
 *
 * // A store for one process (tests, a single instance): never contended.
 * const held = new Map<string, { owner: string; token: number }>();
 * let tokens = 0;
 * const memory: LeaseStore = {
 *   acquire(name, owner) {
 *     if (held.has(name)) return Promise.resolve(null);
 *     held.set(name, { owner, token: ++tokens });
 *     return Promise.resolve(tokens);
 *   },
 *   renew: (name, owner) => Promise.resolve(held.get(name)?.owner === owner),
 *   release(name, owner) {
 *     if (held.get(name)?.owner === owner) held.delete(name);
 *     return Promise.resolve();
 *   },
 * };
 * ```
 */function stryNS_9fa48() {
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
export interface LeaseStore {
  /**
   * Takes the lease `name` for `owner` for `ttlMs` unless someone holds it. Resolves with the new
   * fencing token (strictly greater than any before it), or null when the lease is held.
   */
  acquire(name: string, owner: string, ttlMs: number): Promise<number | null>;
  /** Extends `owner`'s lease by `ttlMs`; resolves false when `owner` does not hold it any more. */
  renew(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `owner` holds it. */
  release(name: string, owner: string): Promise<void>;
}

/**
 * What a lease check before a run comes to: the fencing token when the run may go (a number), or a
 * resumption (a fresh lease of a worker whose last slot the cluster knows), or why not.
 *
 * @example
 * ```ts
 * import type { Admission } from "@background/workers";
 *
 * const runs = (a: Admission): boolean => typeof a === "number" || typeof a === "object";
 * ```
 */
export type Admission = number | Resumption | "lease-held" | "store-fault";

/**
 * A fresh lease of a worker that has run before in the cluster: `lastSlot` (epoch ms) is the slot
 * of its last run on any instance, so that the worker continues the cluster's schedule and decides
 * what to do about the slots nobody ran (its `missed` option).
 *
 * @example
 * ```ts
 * import type { Resumption } from "@background/workers";
 *
 * const resumed: Resumption = { token: 42, lastSlot: Date.now() - 60_000 };
 * ```
 */
export interface Resumption {
  /** The lease's fencing token. */
  readonly token: number;
  /** The slot of the worker's last run in the cluster (epoch ms). */
  readonly lastSlot: number;
}

/**
 * One worker's lease for one start of the worker: what the run path asks before each run, and
 * tells about each run.
 *
 * @example
 * ```ts
 * import type { WorkerLease } from "@background/workers";
 *
 * const always: WorkerLease = {
 *   pending: undefined,
 *   admit: () => Promise.resolve(1),
 *   began() {},
 *   settled() {},
 *   close: () => Promise.resolve(),
 * };
 * ```
 */
export interface WorkerLease {
  /** The admission still waiting on the store, if any. Never rejects. */
  readonly pending: Promise<Admission> | undefined;
  /** May this instance run the due slot? Never rejects. */
  admit(): Promise<Admission>;
  /** A run began, for the slot `slot` (epoch ms). */
  began(slot: number): void;
  /** The run in flight settled. */
  settled(): void;
  /**
   * The worker stopped. `settled`: every run settled, give the lease up; otherwise keep it until
   * `running` (the unsettled run) settles, for it may still be writing.
   */
  close(settled: boolean, running?: Promise<unknown>): Promise<void>;
}

/** What a worker tells its lease about its schedule. */
export interface LeaseWorkerInfo {
  /** The worker's lease name (the `prefix` and its name). */
  readonly name: string;
  /** Its period in ms, or undefined for cron. */
  readonly period: number | undefined;
  /** True when every slot must be recorded as it begins (`missed: "all"`). */
  readonly everySlot: boolean;
}

/** What the lease tells its worker. */
export interface LeaseEvents {
  /** The lease is gone (taken, expired or unreachable): abort the run in flight. */
  lost(error: LeaseLostError): void;
  /** A store call failed. */
  fault(error: unknown): void;
  /** The lease was taken (`held` true, with its token) or went away (`held` false). */
  changed(held: boolean, token: number | undefined): void;
}

/**
 * Timers for a lease, on the manager's timer queue (so a test clock drives them too).
 *
 * @example
 * ```ts
 * import type { LeaseTimers } from "@background/workers";
 *
 * function later(timers: LeaseTimers): () => void {
 *   return timers.at(timers.now() + 1_000, () => console.log("a second later"));
 * }
 * ```
 */
export interface LeaseTimers {
  /** Monotonic ms. */
  now(): number;
  /** Epoch ms at monotonic 0. */
  epochOffset(): number;
  /** Calls `fire` at the monotonic time `due`; returns what cancels it. */
  at(due: number, fire: () => void): () => void;
}

/**
 * What a coordinating store is given: its timers, the TTL, and where its faults go.
 *
 * @example
 * ```ts
 * import type { CoordinatorSettings } from "@background/workers";
 *
 * const describe = (s: CoordinatorSettings): string => `TTL ${s.ttl} ms`;
 * ```
 */
export interface CoordinatorSettings {
  /** The lease TTL, ms: a dead instance's workers run elsewhere within TTL + period. */
  readonly ttl: number;
  /** Timers on the manager's queue. */
  readonly timers: LeaseTimers;
  /** Reports a store fault (to the manager's onError, phase "lease"). */
  report(error: unknown): void;
}

/**
 * One instance's view of the cluster, made by a {@link ClusterLeaseStore} for one manager.
 *
 * @example
 * ```ts
 * import type { LeaseCoordinator, WorkerLease } from "@background/workers";
 *
 * declare const coordinator: LeaseCoordinator;
 * const lease: WorkerLease = coordinator.lease(
 *   { name: "Mailer", period: 60_000, everySlot: false },
 *   { lost() {}, fault() {}, changed() {} },
 * );
 * ```
 */
export interface LeaseCoordinator {
  /** The lease of one worker's start; the coordinator joins the cluster with its first and leaves after its last. */
  lease(worker: LeaseWorkerInfo, events: LeaseEvents): WorkerLease;
}

/**
 * A lease store that coordinates a cluster itself, as the Redis and PostgreSQL stores do:
 * membership, each worker on one live instance, and the workers' last slots.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, type ClusterLeaseStore } from "@background/workers";
 *
 * declare const store: ClusterLeaseStore;
 * const manager = new BackgroundWorkerManager({ lease: { store, ttl: 15_000 } });
 * ```
 */
export interface ClusterLeaseStore {
  /** Makes the coordinator of one manager (one instance of the cluster). */
  coordinator(settings: CoordinatorSettings): LeaseCoordinator;
}

/**
 * The `lease` option of a manager or a worker: a store, or a store with settings.
 *
 * @example
 * ```ts
 * import type { LeaseOptions, LeaseStore } from "@background/workers";
 *
 * declare const store: LeaseStore;
 * const lease: LeaseOptions = { store, ttl: 15_000, prefix: "billing" };
 * ```
 */
export interface LeaseOptions {
  /** The store. */
  readonly store: LeaseStore | ClusterLeaseStore;
  /**
   * How long a lease lasts without renewal, in ms: a dead instance's workers run elsewhere within
   * TTL + period. Default 30,000; at most 2^31 − 1. Renewed every TTL/3.
   */
  readonly ttl?: number;
  /** Prepended to worker names to make lease names, for apps that share a store. Default none. */
  readonly prefix?: string;
}

/**
 * Why a run's signal aborted when its lease went away (taken, expired, or not renewable).
 *
 * @example
 * ```ts
 * import { LeaseLostError, type WorkerContext } from "@background/workers";
 *
 * function lostLease({ signal }: WorkerContext): boolean {
 *   return signal.reason instanceof LeaseLostError;
 * }
 * ```
 */
export class LeaseLostError extends Error {
  /**
   * Creates the error.
   * @param message What happened to the lease.
   */
  constructor(message: string) {
    if (stryMutAct_9fa48("0")) {
      {}
    } else {
      stryCov_9fa48("0");
      super(message);
      this.name = stryMutAct_9fa48("1") ? "" : (stryCov_9fa48("1"), "LeaseLostError");
    }
  }
}
const LEASE_KEYS = ["store", "ttl", "prefix"] as const;

/** The longest TTL: store calls and timers count milliseconds in a signed 32-bit integer. */
const MAX_TTL = stryMutAct_9fa48("2") ? 2 ** 31 + 1 : (stryCov_9fa48("2"), 2 ** 31 - 1);

/** True for a store that coordinates the cluster itself. */
export function isClusterStore(store: LeaseStore | ClusterLeaseStore): store is ClusterLeaseStore {
  if (stryMutAct_9fa48("3")) {
    {}
  } else {
    stryCov_9fa48("3");
    return stryMutAct_9fa48("6") ? typeof (store as ClusterLeaseStore).coordinator !== "function" : stryMutAct_9fa48("5") ? false : stryMutAct_9fa48("4") ? true : (stryCov_9fa48("4", "5", "6"), typeof (store as ClusterLeaseStore).coordinator === (stryMutAct_9fa48("7") ? "" : (stryCov_9fa48("7"), "function")));
  }
}

/** Checks a `lease` option: a store, or `{ store, ttl?, prefix? }`. */
export function leaseOptions(owner: string, value: unknown): LeaseOptions {
  if (stryMutAct_9fa48("8")) {
    {}
  } else {
    stryCov_9fa48("8");
    const isStore = stryMutAct_9fa48("9") ? () => undefined : (stryCov_9fa48("9"), (() => {
      const isStore = (v: unknown): v is LeaseStore | ClusterLeaseStore => stryMutAct_9fa48("12") ? v !== null && typeof v === "object" || typeof (v as ClusterLeaseStore).coordinator === "function" || typeof (v as LeaseStore).acquire === "function" && typeof (v as LeaseStore).renew === "function" && typeof (v as LeaseStore).release === "function" : stryMutAct_9fa48("11") ? false : stryMutAct_9fa48("10") ? true : (stryCov_9fa48("10", "11", "12"), (stryMutAct_9fa48("14") ? v !== null || typeof v === "object" : stryMutAct_9fa48("13") ? true : (stryCov_9fa48("13", "14"), (stryMutAct_9fa48("16") ? v === null : stryMutAct_9fa48("15") ? true : (stryCov_9fa48("15", "16"), v !== null)) && (stryMutAct_9fa48("18") ? typeof v !== "object" : stryMutAct_9fa48("17") ? true : (stryCov_9fa48("17", "18"), typeof v === (stryMutAct_9fa48("19") ? "" : (stryCov_9fa48("19"), "object")))))) && (stryMutAct_9fa48("21") ? typeof (v as ClusterLeaseStore).coordinator === "function" && typeof (v as LeaseStore).acquire === "function" && typeof (v as LeaseStore).renew === "function" && typeof (v as LeaseStore).release === "function" : stryMutAct_9fa48("20") ? true : (stryCov_9fa48("20", "21"), (stryMutAct_9fa48("23") ? typeof (v as ClusterLeaseStore).coordinator !== "function" : stryMutAct_9fa48("22") ? false : (stryCov_9fa48("22", "23"), typeof (v as ClusterLeaseStore).coordinator === (stryMutAct_9fa48("24") ? "" : (stryCov_9fa48("24"), "function")))) || (stryMutAct_9fa48("26") ? typeof (v as LeaseStore).acquire === "function" && typeof (v as LeaseStore).renew === "function" || typeof (v as LeaseStore).release === "function" : stryMutAct_9fa48("25") ? false : (stryCov_9fa48("25", "26"), (stryMutAct_9fa48("28") ? typeof (v as LeaseStore).acquire === "function" || typeof (v as LeaseStore).renew === "function" : stryMutAct_9fa48("27") ? true : (stryCov_9fa48("27", "28"), (stryMutAct_9fa48("30") ? typeof (v as LeaseStore).acquire !== "function" : stryMutAct_9fa48("29") ? true : (stryCov_9fa48("29", "30"), typeof (v as LeaseStore).acquire === (stryMutAct_9fa48("31") ? "" : (stryCov_9fa48("31"), "function")))) && (stryMutAct_9fa48("33") ? typeof (v as LeaseStore).renew !== "function" : stryMutAct_9fa48("32") ? true : (stryCov_9fa48("32", "33"), typeof (v as LeaseStore).renew === (stryMutAct_9fa48("34") ? "" : (stryCov_9fa48("34"), "function")))))) && (stryMutAct_9fa48("36") ? typeof (v as LeaseStore).release !== "function" : stryMutAct_9fa48("35") ? true : (stryCov_9fa48("35", "36"), typeof (v as LeaseStore).release === (stryMutAct_9fa48("37") ? "" : (stryCov_9fa48("37"), "function")))))))));
      return isStore;
    })());
    if (stryMutAct_9fa48("39") ? false : stryMutAct_9fa48("38") ? true : (stryCov_9fa48("38", "39"), isStore(value))) return stryMutAct_9fa48("40") ? {} : (stryCov_9fa48("40"), {
      store: value
    });
    if (stryMutAct_9fa48("43") ? (value === null || typeof value !== "object") && !isStore((value as LeaseOptions).store) : stryMutAct_9fa48("42") ? false : stryMutAct_9fa48("41") ? true : (stryCov_9fa48("41", "42", "43"), (stryMutAct_9fa48("45") ? value === null && typeof value !== "object" : stryMutAct_9fa48("44") ? false : (stryCov_9fa48("44", "45"), (stryMutAct_9fa48("47") ? value !== null : stryMutAct_9fa48("46") ? false : (stryCov_9fa48("46", "47"), value === null)) || (stryMutAct_9fa48("49") ? typeof value === "object" : stryMutAct_9fa48("48") ? false : (stryCov_9fa48("48", "49"), typeof value !== (stryMutAct_9fa48("50") ? "" : (stryCov_9fa48("50"), "object")))))) || (stryMutAct_9fa48("51") ? isStore((value as LeaseOptions).store) : (stryCov_9fa48("51"), !isStore((value as LeaseOptions).store))))) {
      if (stryMutAct_9fa48("52")) {
        {}
      } else {
        stryCov_9fa48("52");
        throw new TypeError(stryMutAct_9fa48("53") ? `` : (stryCov_9fa48("53"), `${owner}: option "lease" must be a lease store (acquire, renew, release; or a cluster store) or { store, ttl?, prefix? }, got ${(stryMutAct_9fa48("56") ? value !== null : stryMutAct_9fa48("55") ? false : stryMutAct_9fa48("54") ? true : (stryCov_9fa48("54", "55", "56"), value === null)) ? stryMutAct_9fa48("57") ? "" : (stryCov_9fa48("57"), "null") : typeof value}`));
      }
    }
    const options = value as LeaseOptions;
    for (const key of Object.keys(options)) {
      if (stryMutAct_9fa48("58")) {
        {}
      } else {
        stryCov_9fa48("58");
        if (stryMutAct_9fa48("61") ? false : stryMutAct_9fa48("60") ? true : stryMutAct_9fa48("59") ? (LEASE_KEYS as readonly string[]).includes(key) : (stryCov_9fa48("59", "60", "61"), !(LEASE_KEYS as readonly string[]).includes(key))) {
          if (stryMutAct_9fa48("62")) {
            {}
          } else {
            stryCov_9fa48("62");
            throw new TypeError(stryMutAct_9fa48("63") ? `` : (stryCov_9fa48("63"), `${owner}: unknown lease option "${key}"; known options: ${LEASE_KEYS.join(stryMutAct_9fa48("64") ? "" : (stryCov_9fa48("64"), ", "))}`));
          }
        }
      }
    }
    if (stryMutAct_9fa48("67") ? options.ttl !== undefined || typeof options.ttl !== "number" || !Number.isFinite(options.ttl) || options.ttl <= 0 : stryMutAct_9fa48("66") ? false : stryMutAct_9fa48("65") ? true : (stryCov_9fa48("65", "66", "67"), (stryMutAct_9fa48("69") ? options.ttl === undefined : stryMutAct_9fa48("68") ? true : (stryCov_9fa48("68", "69"), options.ttl !== undefined)) && (stryMutAct_9fa48("71") ? (typeof options.ttl !== "number" || !Number.isFinite(options.ttl)) && options.ttl <= 0 : stryMutAct_9fa48("70") ? true : (stryCov_9fa48("70", "71"), (stryMutAct_9fa48("73") ? typeof options.ttl !== "number" && !Number.isFinite(options.ttl) : stryMutAct_9fa48("72") ? false : (stryCov_9fa48("72", "73"), (stryMutAct_9fa48("75") ? typeof options.ttl === "number" : stryMutAct_9fa48("74") ? false : (stryCov_9fa48("74", "75"), typeof options.ttl !== (stryMutAct_9fa48("76") ? "" : (stryCov_9fa48("76"), "number")))) || (stryMutAct_9fa48("77") ? Number.isFinite(options.ttl) : (stryCov_9fa48("77"), !Number.isFinite(options.ttl))))) || (stryMutAct_9fa48("80") ? options.ttl > 0 : stryMutAct_9fa48("79") ? options.ttl < 0 : stryMutAct_9fa48("78") ? false : (stryCov_9fa48("78", "79", "80"), options.ttl <= 0)))))) {
      if (stryMutAct_9fa48("81")) {
        {}
      } else {
        stryCov_9fa48("81");
        throw new RangeError(stryMutAct_9fa48("82") ? `` : (stryCov_9fa48("82"), `${owner}: option "lease.ttl" must be a finite number > 0, got ${String(options.ttl)}`));
      }
    }
    if (stryMutAct_9fa48("85") ? options.ttl !== undefined || options.ttl > MAX_TTL : stryMutAct_9fa48("84") ? false : stryMutAct_9fa48("83") ? true : (stryCov_9fa48("83", "84", "85"), (stryMutAct_9fa48("87") ? options.ttl === undefined : stryMutAct_9fa48("86") ? true : (stryCov_9fa48("86", "87"), options.ttl !== undefined)) && (stryMutAct_9fa48("90") ? options.ttl <= MAX_TTL : stryMutAct_9fa48("89") ? options.ttl >= MAX_TTL : stryMutAct_9fa48("88") ? true : (stryCov_9fa48("88", "89", "90"), options.ttl > MAX_TTL)))) {
      if (stryMutAct_9fa48("91")) {
        {}
      } else {
        stryCov_9fa48("91");
        throw new RangeError(stryMutAct_9fa48("92") ? `` : (stryCov_9fa48("92"), `${owner}: option "lease.ttl" must be at most 2^31 - 1 ms (about 24.8 days), got ${options.ttl}`));
      }
    }
    if (stryMutAct_9fa48("95") ? options.prefix !== undefined || typeof options.prefix !== "string" : stryMutAct_9fa48("94") ? false : stryMutAct_9fa48("93") ? true : (stryCov_9fa48("93", "94", "95"), (stryMutAct_9fa48("97") ? options.prefix === undefined : stryMutAct_9fa48("96") ? true : (stryCov_9fa48("96", "97"), options.prefix !== undefined)) && (stryMutAct_9fa48("99") ? typeof options.prefix === "string" : stryMutAct_9fa48("98") ? true : (stryCov_9fa48("98", "99"), typeof options.prefix !== (stryMutAct_9fa48("100") ? "" : (stryCov_9fa48("100"), "string")))))) {
      if (stryMutAct_9fa48("101")) {
        {}
      } else {
        stryCov_9fa48("101");
        throw new TypeError(stryMutAct_9fa48("102") ? `` : (stryCov_9fa48("102"), `${owner}: option "lease.prefix" must be a string, got ${typeof options.prefix}`));
      }
    }
    return options;
  }
}