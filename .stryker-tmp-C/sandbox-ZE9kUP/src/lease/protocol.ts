/**
 * The cluster protocol that a store speaks for `cluster.ts`: membership by heartbeat, one lease per
 * worker held by a live member, each worker's last slot, and a fresh store's quarantine. Redis
 * (`redis.ts`) and PostgreSQL (`postgres.ts`) implement it atomically on the store's own clock.
 * @module
 */
// @ts-nocheck


/** What a heartbeat tells the instance. */
export interface Beat {
  /** The store's incarnation: it changes when the store lost its state (a restart, a dropped table). */
  readonly epoch: string;
  /** The membership's version: it changes whenever an instance joins or leaves. */
  readonly version: number;
  /** True when this instance was not a member before this heartbeat (a first join, or it had expired). */
  readonly joined: boolean;
  /** How much longer the store's quarantine lasts, ms (0: none): no claim can succeed before. */
  readonly quarantine: number;
}

/** What a claim of a worker's lease comes to. */
export type Claim = /** The lease is this instance's: its token, and the worker's last slot in the cluster (epoch ms) if any. */
{
  readonly token: number;
  readonly slot: number | null;
  readonly fresh: boolean;
}
/** Another live member holds it. */ | {
  readonly holder: string;
}
/** The store lost its state lately: no lease until every holder from before has noticed. */ | "quarantine"
/** This instance is not a live member (its heartbeats lapsed): it must join again first. */ | "not-member";

/**
 * One store's side of the cluster protocol. Every call may reject (the store is unreachable); the
 * coordinator treats that as a fault.
 */
export interface ClusterProtocol {
  /**
   * Refreshes `instance`'s membership for `lifetime` ms, drops members whose time ran out, and
   * records the workers' last slots (`slots`: name, epoch ms). A fresh store starts a quarantine of
   * `quarantine` ms (when it cannot tell a first start from a lost state, it starts none).
   * `previous`: the id this instance had until now (its workers changed): its membership ends and
   * its leases become `instance`'s, in the same step.
   */
  heartbeat(instance: string, lifetime: number, quarantine: number, slots: readonly [string, number][], previous?: string): Promise<Beat>;
  /** The live members, in any order. */
  members(): Promise<string[]>;
  /**
   * Takes `worker`'s lease for `instance` unless another live member holds it. A lease `instance`
   * holds already is kept, with its token; a lease taken afresh gets a token greater than any
   * before it, across restarts of the store too.
   */
  claim(worker: string, instance: string): Promise<Claim>;
  /** Records last slots now (a worker whose runs are rarer than heartbeats, or `missed: "all"`). */
  record(slots: readonly [string, number][]): Promise<void>;
  /** Gives up the leases of `workers` that `instance` holds, recording their last `slots` first. */
  release(workers: readonly string[], instance: string, slots: readonly [string, number][]): Promise<void>;
  /** Records the last `slots`, ends `instance`'s membership and gives up every lease it holds. */
  leave(instance: string, slots: readonly [string, number][]): Promise<void>;
}