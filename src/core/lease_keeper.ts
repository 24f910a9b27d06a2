/**
 * The simple lease protocol, for a plain {@link LeaseStore} (acquire, renew, release): the holder
 * keeps a worker's lease across runs and renews it every TTL/3; every other instance tries to take
 * it at each of its own due times and skips the slot while it is held. So the cluster runs the
 * worker about once per period, runs never overlap across instances, and when the holder dies its
 * lease expires within the TTL: another run within TTL + period. Store traffic grows with
 * instances × workers, and the first holder keeps the work: the cluster stores do better.
 * @module
 */
import { type Admission, type LeaseEvents, LeaseLostError, type LeaseOptions, type LeaseStore } from "./lease.ts";
import { type TimerEntry, timerEntry, type TimerQueue } from "./timer_queue.ts";

/** A random owner id per lease attempt, unique across instances without coordination (Node ≥ 19, Deno and Bun all have it). */
function ownerId(): string {
  return crypto.randomUUID();
}

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
    this.#store = options.store as LeaseStore;
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
      token = await this.#call(() => this.#store.acquire(this.#name, owner, this.#ttl), "acquire");
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

  /**
   * By this instance's clock: a lease whose validity ran out before a renewal confirmed it may be
   * another instance's by now, so it counts as lost (a renewal still on the wire cannot bring it back
   * for the run in flight).
   */
  check(): void {
    if (this.#token !== undefined && this.#queue.now() >= this.#validUntil) {
      this.#lose(`lease "${this.#name}" ran out before it could be renewed`);
    }
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
      await this.#call(() => this.#store.release(this.#name, owner), "release");
    } catch (error) {
      this.#events.fault(error);
    }
  }

  async #renew(): Promise<void> {
    const owner = this.#owner;
    if (owner === undefined) return;
    const started = this.#queue.now();
    let kept = false;
    const call = this.#call(() => this.#store.renew(this.#name, owner, this.#ttl), "renew");
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

  /**
   * A store call limited to TTL/3, so that a hung store is a fault in time to give the lease up. A
   * store method that throws instead of rejecting is a fault like any other, never an unhandled
   * rejection.
   */
  #call<T>(call: () => Promise<T>, what: string): Promise<T> {
    const limit = this.#ttl / 3;
    return new Promise<T>((resolve, reject) => {
      const timeout = timerEntry(() =>
        reject(new Error(`lease store: ${what} of "${this.#name}" took longer than ${Math.round(limit)} ms`))
      );
      let promise: Promise<T>;
      try {
        promise = call();
      } catch (error) {
        return reject(error);
      }
      this.#queue.schedule(timeout, this.#queue.now() + limit);
      Promise.resolve(promise).then(
        (value) => (this.#queue.cancel(timeout), resolve(value)),
        (error: unknown) => (this.#queue.cancel(timeout), reject(error)),
      );
    });
  }
}
