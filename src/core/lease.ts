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
 */
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
   * Confirms by this instance's clock that the lease is still valid, and loses it (aborting the run
   * in flight) when its validity ran out: called when a run reads its signal, so that a process
   * resumed after a pause learns it before its run can act on a lease another instance may hold.
   */
  check?(): void;
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
    super(message);
    this.name = "LeaseLostError";
  }
}

const LEASE_KEYS = ["store", "ttl", "prefix"] as const;

/** The longest TTL: store calls and timers count milliseconds in a signed 32-bit integer. */
const MAX_TTL = 2 ** 31 - 1;

/** True for a store that coordinates the cluster itself. */
export function isClusterStore(store: LeaseStore | ClusterLeaseStore): store is ClusterLeaseStore {
  return typeof (store as ClusterLeaseStore).coordinator === "function";
}

/** Checks a `lease` option: a store, or `{ store, ttl?, prefix? }`. */
export function leaseOptions(owner: string, value: unknown): LeaseOptions {
  const isStore = (v: unknown): v is LeaseStore | ClusterLeaseStore =>
    v !== null && typeof v === "object" && (
      typeof (v as ClusterLeaseStore).coordinator === "function" ||
      (typeof (v as LeaseStore).acquire === "function" && typeof (v as LeaseStore).renew === "function" &&
        typeof (v as LeaseStore).release === "function")
    );
  if (isStore(value)) return { store: value };
  if (value === null || typeof value !== "object" || !isStore((value as LeaseOptions).store)) {
    throw new TypeError(
      `${owner}: option "lease" must be a lease store (acquire, renew, release; or a cluster store) or { store, ttl?, prefix? }, got ${
        value === null ? "null" : typeof value
      }`,
    );
  }
  const options = value as LeaseOptions;
  for (const key of Object.keys(options)) {
    if (!(LEASE_KEYS as readonly string[]).includes(key)) {
      throw new TypeError(`${owner}: unknown lease option "${key}"; known options: ${LEASE_KEYS.join(", ")}`);
    }
  }
  if (options.ttl !== undefined && (typeof options.ttl !== "number" || !Number.isFinite(options.ttl) || options.ttl <= 0)) {
    throw new RangeError(`${owner}: option "lease.ttl" must be a finite number > 0, got ${String(options.ttl)}`);
  }
  if (options.ttl !== undefined && options.ttl > MAX_TTL) {
    throw new RangeError(`${owner}: option "lease.ttl" must be at most 2^31 - 1 ms (about 24.8 days), got ${options.ttl}`);
  }
  if (options.prefix !== undefined && typeof options.prefix !== "string") {
    throw new TypeError(`${owner}: option "lease.prefix" must be a string, got ${typeof options.prefix}`);
  }
  return options;
}
