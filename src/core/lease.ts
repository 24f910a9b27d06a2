/**
 * Leases: how several instances of one app run each periodic worker on one instance at a time, and
 * about once per period for the whole cluster rather than once per instance.
 *
 * The choice: **the holder keeps the lease across runs.** An instance that takes a worker's lease
 * renews it every TTL/3, while a run goes on and between runs alike, and runs the worker on its own
 * schedule. The others try to take the lease at each of their own due times and skip the slot while
 * it is held. So the cluster runs the worker once per period (the holder's schedule), runs never
 * overlap across instances (one holder at a time), and when the holder dies its lease expires
 * within the TTL and the next instance whose slot comes takes it: another run within TTL + period.
 *
 * The alternative, one claim per time slot that expires on its own, needs wall-clock-aligned slots
 * and a second lock to keep a long run from overlapping the next slot's claimant; keeping the lease
 * needs only one key (or row) per worker and gives fencing for free.
 *
 * Safety first: a holder whose renewal fails (store unreachable, timeout) or finds the lease taken
 * treats it as lost at once: the run's signal aborts, and nobody runs until a store call succeeds.
 * Each fresh lease gets a fencing token from the store (Redis INCR, a PostgreSQL sequence), so
 * tokens grow strictly across instances: pass `context.fencingToken` to what the run writes.
 * @module
 */
import { type TimerEntry, timerEntry, type TimerQueue } from "./timer_queue.ts";

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
  readonly store: LeaseStore;
  /** How long a lease lasts without renewal, in ms. Default 30,000. Renewed every TTL/3. */
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

/** A random owner id per lease attempt, unique across instances without coordination (Node ≥ 19, Deno and Bun all have it). */
function ownerId(): string {
  return crypto.randomUUID();
}

/** What the keeper tells its worker. */
export interface LeaseEvents {
  /** The lease is gone (taken, expired or unreachable): abort the run in flight. */
  lost(error: LeaseLostError): void;
  /** A store call failed. */
  fault(error: unknown): void;
  /** The lease was taken (`held` true, with its token) or went away (`held` false). */
  changed(held: boolean, token: number | undefined): void;
}

/**
 * What a lease check before a run comes to: the fencing token when the lease is ours, or why not.
 */
export type Admission = number | "lease-held" | "store-fault";

/**
 * Holds one worker's lease: takes it at a due time, renews it every TTL/3 on the manager's timer
 * queue, and reports when it is lost. One store call at a time; each limited to TTL/3. A keeper is
 * made per start of its worker and closed at its stop; a lease that a call still on the wire takes
 * after that is given back at once.
 */
export class LeaseKeeper {
  readonly #store: LeaseStore;
  readonly #name: string;
  readonly #ttl: number;
  readonly #queue: TimerQueue;
  readonly #events: LeaseEvents;
  readonly #renewEntry: TimerEntry;
  #owner: string | undefined = undefined;
  #token: number | undefined = undefined;
  /** Monotonic time until which the lease is surely ours: the start of the last good call + TTL. */
  #validUntil = 0;
  #busy: Promise<unknown> | undefined = undefined;
  #closed = false;

  constructor(options: LeaseOptions, worker: string, queue: TimerQueue, events: LeaseEvents) {
    this.#store = options.store;
    this.#ttl = options.ttl ?? 30_000;
    this.#name = (options.prefix ?? "") + worker;
    this.#queue = queue;
    this.#events = events;
    this.#renewEntry = timerEntry(() => void this.#renew());
  }

  /** The fencing token while the lease is held. */
  get token(): number | undefined {
    return this.#token;
  }

  /** Before a run: the token when the lease is ours (taken now or still held), or why not. */
  async ensure(): Promise<Admission> {
    await this.#busy;
    if (this.#closed) return "lease-held";
    if (this.#token !== undefined) {
      if (this.#queue.now() < this.#validUntil) return this.#token;
      // Renewals fell behind (a blocked loop): confirm with the store before running.
      await this.#renew();
      if (this.#token !== undefined) return this.#token;
    }
    const owner = ownerId();
    const started = this.#queue.now();
    let token: number | null | undefined;
    try {
      token = await this.#call(this.#store.acquire(this.#name, owner, this.#ttl), "acquire");
    } catch (error) {
      this.#events.fault(error);
      return "store-fault";
    }
    if (token === null || token === undefined) return "lease-held";
    if (this.#closed) {
      // Stopped while the acquire was on the wire: nobody will renew this lease, so give it back.
      await this.#giveBack(owner);
      return "lease-held";
    }
    this.#owner = owner;
    this.#token = Number(token);
    this.#validUntil = started + this.#ttl;
    this.#queue.schedule(this.#renewEntry, started + this.#ttl / 3);
    this.#events.changed(true, this.#token);
    return this.#token;
  }

  /** Stops renewing without giving the lease up: a run still going keeps it until it expires. */
  abandon(): void {
    this.#closed = true;
    this.#drop();
  }

  /** Gives the lease up (on stop), so that another instance need not wait for it to expire. */
  async release(): Promise<void> {
    this.#closed = true;
    const owner = this.#owner;
    this.#drop();
    await this.#busy;
    if (owner !== undefined) await this.#giveBack(owner);
  }

  async #giveBack(owner: string): Promise<void> {
    try {
      await this.#call(this.#store.release(this.#name, owner), "release");
    } catch (error) {
      this.#events.fault(error);
    }
  }

  async #renew(): Promise<void> {
    const owner = this.#owner;
    if (owner === undefined) return;
    const started = this.#queue.now();
    let kept = false;
    const call = this.#call(this.#store.renew(this.#name, owner, this.#ttl), "renew");
    this.#busy = call.catch(() => {});
    try {
      kept = await call === true;
      if (!kept) this.#lose(`lease "${this.#name}" was taken or expired`);
    } catch (error) {
      this.#events.fault(error);
      this.#lose(`lease "${this.#name}" could not be renewed: ${(error as Error)?.message ?? error}`);
    }
    if (kept && this.#owner === owner) {
      this.#validUntil = started + this.#ttl;
      this.#queue.schedule(this.#renewEntry, started + this.#ttl / 3);
    }
  }

  #lose(message: string): void {
    if (this.#owner === undefined) return;
    this.#drop();
    this.#events.lost(new LeaseLostError(message));
  }

  #drop(): void {
    const held = this.#token;
    this.#owner = undefined;
    this.#token = undefined;
    this.#queue.cancel(this.#renewEntry);
    if (held !== undefined) this.#events.changed(false, held);
  }

  /** A store call limited to TTL/3, so that a hung store is a fault in time to give the lease up. */
  #call<T>(promise: Promise<T>, what: string): Promise<T> {
    const limit = this.#ttl / 3;
    return new Promise<T>((resolve, reject) => {
      const timeout = timerEntry(() =>
        reject(new Error(`lease store: ${what} of "${this.#name}" took longer than ${Math.round(limit)} ms`))
      );
      this.#queue.schedule(timeout, this.#queue.now() + limit);
      Promise.resolve(promise).then(
        (value) => (this.#queue.cancel(timeout), resolve(value)),
        (error: unknown) => (this.#queue.cancel(timeout), reject(error)),
      );
    });
  }
}

const LEASE_KEYS = ["store", "ttl", "prefix"] as const;

/** Checks a `lease` option: a store, or `{ store, ttl?, prefix? }`. */
export function leaseOptions(owner: string, value: unknown): LeaseOptions {
  const isStore = (v: unknown): v is LeaseStore =>
    v !== null && typeof v === "object" && typeof (v as LeaseStore).acquire === "function" &&
    typeof (v as LeaseStore).renew === "function" && typeof (v as LeaseStore).release === "function";
  if (isStore(value)) return { store: value };
  if (value === null || typeof value !== "object" || !isStore((value as LeaseOptions).store)) {
    throw new TypeError(
      `${owner}: option "lease" must be a lease store (acquire, renew, release) or { store, ttl?, prefix? }, got ${
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
  if (options.prefix !== undefined && typeof options.prefix !== "string") {
    throw new TypeError(`${owner}: option "lease.prefix" must be a string, got ${typeof options.prefix}`);
  }
  return options;
}
