/**
 * How the Redis and PostgreSQL stores coordinate a cluster, so that store traffic does not grow
 * with the instance count and the work spreads over the instances.
 *
 * The choice: **membership, and each worker on one live member by rendezvous hashing.** Each
 * instance (each manager) heartbeats into the store every TTL/3; its membership lasts 2·TTL/3. Every
 * instance computes, from the same member list, the one member each worker belongs to (the member
 * with the highest hash of the pair), and only that member takes the worker's lease and runs it; the
 * others skip its slots without asking the store. A lease belongs to its holder while the holder is a
 * live member: the heartbeat renews all of an instance's leases at once, so a holder pays no store
 * call per run and none per worker. When a member joins or leaves, only the workers it wins or held
 * move; the old holder gives a worker up as soon as its run in flight settles, and the new owner
 * cannot take it before (one holder at a time).
 *
 * Store traffic: one heartbeat per instance per TTL/3, whatever the number of workers, plus one
 * claim per worker per change of hands, plus the last slots (with the heartbeat; at once for a worker
 * whose runs are rarer than heartbeats). The alternatives weighed: waiting for the lease's expiry or
 * a notification (Redis keyspace events, LISTEN/NOTIFY) still has every instance contend for every
 * worker, so the first to take a lease keeps the work, and notifications are lost on reconnects.
 *
 * Safety first: an instance whose heartbeat cannot be confirmed within its membership's lifetime
 * (store unreachable, timeout, a paused process) counts as gone, locally too: every run's signal
 * aborts when its own validity runs out, before any other instance may take the lease. A store that
 * lost its state (a Redis restart without persistence) is detected by its incarnation: every lease
 * from before is dropped at once, and the store grants none until a holder from before could no
 * longer believe in its lease. Fencing tokens grow strictly, across such restarts too.
 * @module
 */
import type { ClusterLeaseStore, CoordinatorSettings, LeaseCoordinator, LeaseEvents, LeaseWorkerInfo, WorkerLease } from "../core/lease.ts";
import { ClusterLease } from "./cluster_lease.ts";
import type { ClusterProtocol } from "./protocol.ts";
import { digest, groupOf, owner } from "./rendezvous.ts";

/** A {@link ClusterLeaseStore} over a store's side of the protocol. */
export function clusterStore(protocol: ClusterProtocol): ClusterLeaseStore {
  return { coordinator: (settings) => new Coordinator(protocol, settings) };
}

/** One instance of the cluster: its membership, its view of the members, and its workers' leases. */
export class Coordinator implements LeaseCoordinator {
  readonly #uuid: string = crypto.randomUUID();
  /** The digest of this instance's workers: its group (see rendezvous.ts). */
  #digest = "";
  /** The id this instance had before its workers changed: retired by the next heartbeat. */
  #previous: string | undefined = undefined;
  /** The members of this instance's group, sorted. */
  #group: readonly string[] = [];
  readonly protocol: ClusterProtocol;
  readonly settings: CoordinatorSettings;
  /** How long a heartbeat keeps the membership; heartbeats come three times as often. */
  readonly #lifetime: number;
  readonly #interval: number;
  readonly #leases = new Set<ClusterLease>();
  /** Leases closed while a run that did not settle in time still goes on: kept until it ends. */
  #lingering = 0;
  #members: readonly string[] = [];
  #version = -1;
  #epoch: string | undefined = undefined;
  #joined = false;
  #validUntil = -Infinity;
  #beating: Promise<void> | undefined = undefined;
  #leaving: Promise<void> | undefined = undefined;
  #cancelBeat: (() => void) | undefined = undefined;
  #cancelExpiry: (() => void) | undefined = undefined;
  /** Last slots to record with the next heartbeat. */
  readonly #slots = new Map<string, number>();

  constructor(protocol: ClusterProtocol, settings: CoordinatorSettings) {
    this.protocol = protocol;
    this.settings = settings;
    this.#lifetime = (settings.ttl * 2) / 3;
    this.#interval = settings.ttl / 3;
  }

  lease(info: LeaseWorkerInfo, events: LeaseEvents): WorkerLease {
    const lease = new ClusterLease(this, info, events, info.everySlot || (info.period ?? Infinity) > this.#interval);
    this.#leases.add(lease);
    if (this.#leases.size === 1 && this.#lingering === 0) void this.#open();
    return lease;
  }

  /** The membership is confirmed, and not for longer ago than its lifetime. */
  get valid(): boolean {
    return this.#joined && this.settings.timers.now() < this.#validUntil;
  }

  /** The store grants no lease before this (monotonic): claims wait instead of asking at every slot. */
  get quarantined(): boolean {
    return this.settings.timers.now() < this.#quarantinedUntil;
  }

  #quarantinedUntil = -Infinity;

  /** The heartbeat in flight (the first one is the join). */
  get beating(): Promise<void> | undefined {
    return this.#beating;
  }

  get version(): number {
    return this.#version;
  }

  /** This instance's member id: its group and a random part. */
  get instance(): string {
    return `${this.#digest}.${this.#uuid}`;
  }

  /** True when `worker` belongs to this instance in the current view. */
  owns(worker: string): boolean {
    return owner(worker, this.#group) === this.instance;
  }

  /** A store call limited to TTL/3, so that a hung store is a fault in time. */
  call<T>(call: () => Promise<T>, what: string): Promise<T> {
    const limit = this.#interval;
    const timers = this.settings.timers;
    return new Promise<T>((resolve, reject) => {
      let promise: Promise<T>;
      try {
        promise = call();
      } catch (error) {
        return reject(error);
      }
      const cancel = timers.at(timers.now() + limit, () => reject(new Error(`lease store: ${what} took longer than ${Math.round(limit)} ms`)));
      Promise.resolve(promise).then((value) => (cancel(), resolve(value)), (error: unknown) => (cancel(), reject(error)));
    });
  }

  /** A worker's last slot, with the next heartbeat or at once. */
  record(worker: string, slot: number, now: boolean): void {
    if (!now) return void this.#slots.set(worker, slot);
    this.call(() => this.protocol.record([[worker, slot]]), "record").catch((error) => this.settings.report(error));
  }

  /** Heartbeat now (after the store said this instance is no member). */
  rejoin(): void {
    if (this.#beating === undefined && this.#leaving === undefined) {
      this.#cancelBeat?.();
      void this.#beat();
    }
  }

  /**
   * Gives up `worker`'s lease. Releases asked for in one tick go out together, and when no lease is
   * left (a manager's stop) the instance leaves the cluster instead, in one call for all of them.
   */
  release(worker: string): Promise<void> {
    this.#toRelease.add(worker);
    return this.#flushing ??= new Promise<void>((resolve) => {
      const timers = this.settings.timers;
      timers.at(timers.now(), () => void this.#flush().then(resolve));
    });
  }

  readonly #toRelease = new Set<string>();
  #flushing: Promise<void> | undefined = undefined;

  async #flush(): Promise<void> {
    this.#flushing = undefined;
    const workers = [...this.#toRelease];
    this.#toRelease.clear();
    if (this.#leases.size === 0 && this.#lingering === 0) return this.#maybeLeave();
    const slots: [string, number][] = [];
    for (const worker of workers) {
      const slot = this.#slots.get(worker);
      if (slot !== undefined) slots.push([worker, slot]);
      this.#slots.delete(worker);
    }
    try {
      await this.call(() => this.protocol.release(workers, this.instance, slots), "release");
    } catch (error) {
      this.settings.report(error);
    }
  }

  /** A lease is done with; after the last one, the instance leaves the cluster. */
  closed(lease: ClusterLease, lingering: Promise<unknown> | undefined): Promise<void> {
    this.#leases.delete(lease);
    if (lingering === undefined) return this.#maybeLeave();
    this.#lingering++;
    void lingering.then(() => {
      this.#lingering--;
      return this.#maybeLeave();
    });
    return Promise.resolve();
  }

  async #open(): Promise<void> {
    await this.#leaving;
    if (this.#leases.size > 0 && this.#beating === undefined) await this.#beat();
  }

  #maybeLeave(): Promise<void> {
    if (this.#leases.size > 0 || this.#lingering > 0) return Promise.resolve();
    return this.#leaving ??= this.#leave().finally(() => {
      this.#leaving = undefined;
      if (this.#leases.size > 0) void this.#open();
    });
  }

  async #leave(): Promise<void> {
    this.#cancelBeat?.();
    this.#cancelExpiry?.();
    this.#cancelBeat = this.#cancelExpiry = undefined;
    await this.#beating;
    const slots = [...this.#slots];
    this.#slots.clear();
    const joined = this.#joined;
    const instance = this.instance;
    this.#joined = false;
    this.#validUntil = -Infinity;
    this.#version = -1;
    this.#members = [];
    this.#group = [];
    this.#digest = "";
    this.#previous = undefined;
    if (!joined) return;
    try {
      await this.call(() => this.protocol.leave(instance, slots), "leave");
    } catch (error) {
      this.settings.report(error);
    }
  }

  #beat(): Promise<void> {
    return this.#beating ??= this.#heartbeat().finally(() => {
      this.#beating = undefined;
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#leases.size === 0 && this.#lingering === 0) return;
    if (this.#leaving !== undefined) return;
    const timers = this.settings.timers;
    this.#cancelBeat?.();
    this.#cancelBeat = timers.at(this.#sentAt + this.#interval, () => void this.#beat());
  }

  #sentAt = 0;

  async #heartbeat(): Promise<void> {
    const timers = this.settings.timers;
    const sentAt = this.#sentAt = timers.now();
    const slots = [...this.#slots];
    this.#slots.clear();
    // Workers started or stopped since the last heartbeat change the group: a new id, which the
    // store takes over from the old one (its leases too).
    const now = digest([...this.#leases].map((lease) => lease.name));
    if (now !== this.#digest) {
      if (this.#joined) this.#previous = this.instance;
      this.#digest = now;
      this.#version = -1;
    }
    const previous = this.#previous;
    try {
      const beat = await this.call(
        () => this.protocol.heartbeat(this.instance, this.#lifetime, this.#lifetime, slots, previous),
        "heartbeat",
      );
      if (this.#previous === previous) this.#previous = undefined;
      const lostState = this.#epoch !== undefined && beat.epoch !== this.#epoch;
      const lapsed = beat.joined && this.#joined;
      this.#epoch = beat.epoch;
      if (lostState || lapsed) {
        this.#loseAll(lostState ? "the lease store lost its state (restarted?)" : "this instance's membership lapsed");
      }
      this.#joined = true;
      this.#quarantinedUntil = sentAt + beat.quarantine;
      this.#validUntil = sentAt + this.#lifetime;
      this.#cancelExpiry?.();
      this.#cancelExpiry = timers.at(this.#validUntil, () => this.#expired());
      if (beat.version !== this.#version) {
        const members = await this.call(() => this.protocol.members(), "members");
        this.#members = [...members].sort();
        const group = groupOf(this.instance);
        this.#group = this.#members.filter((m) => groupOf(m) === group);
        this.#version = beat.version;
        for (const lease of this.#leases) lease.viewChanged();
      }
    } catch (error) {
      for (const [worker, slot] of slots) if (!this.#slots.has(worker)) this.#slots.set(worker, slot);
      this.settings.report(error);
      // Safety first: a membership that could not be renewed counts as gone at once, not when its
      // lifetime would have run out; the next heartbeat that succeeds confirms it again.
      this.#validUntil = -Infinity;
      this.#loseAll(`its membership could not be renewed: ${(error as Error)?.message ?? error}`);
    }
  }

  /**
   * Now, rather than when the expiry's timer fires: a process resumed after a pause runs its due
   * callbacks in the order they came due, and a run's own may come first.
   */
  confirm(): void {
    if (this.#joined) this.#expired();
  }

  /** The membership was not confirmed in time: this instance can no longer be sure of any lease. */
  #expired(): void {
    if (this.settings.timers.now() < this.#validUntil) return;
    this.#loseAll("this instance's membership could not be renewed in time");
  }

  #loseAll(why: string): void {
    for (const lease of this.#leases) lease.lose(why);
  }
}
