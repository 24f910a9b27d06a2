/**
 * For the in-process tests of the cluster coordinator (src/lease/cluster.ts, cluster_lease.ts): a
 * fake clock that is the coordinator's {@link LeaseTimers}, a cluster protocol in memory on that
 * clock whose calls the test can fail or hold, and a recorder of a lease's events. No real time
 * passes: the clock fires its timers in due order and lets the promises settle in between.
 */
import type { Clock, ClockSource } from "../src/core/clock.ts";
import type { LeaseEvents, LeaseLostError, LeaseTimers } from "../src/core/lease.ts";
import type { Beat, Claim, ClusterProtocol } from "../src/lease/protocol.ts";

/** Lets every promise chain that can settle, settle (a few hundred microtask turns). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 200; i++) await Promise.resolve();
}

interface Timer {
  due: number;
  seq: number;
  fire: () => void;
  live: boolean;
}

/**
 * Monotonic ms from 0; epoch ms = now + 1,000,000. Also a manager's or a worker's `clock` option:
 * its timer queue then runs on these timers, fired in due order.
 */
export class FakeClock implements LeaseTimers, ClockSource {
  t: number = 0;
  #seq = 0;
  #timers: Timer[] = [];

  now(): number {
    return this.t;
  }
  epochOffset(): number {
    return 1_000_000;
  }
  at(due: number, fire: () => void): () => void {
    const timer = { due, seq: this.#seq++, fire, live: true };
    this.#timers.push(timer);
    return () => void (timer.live = false);
  }
  /** The timer queue's clock on these timers. */
  get queueClock(): Clock {
    return {
      now: () => this.now(),
      epochOffset: () => this.epochOffset(),
      setTimer: (callback, ms) => this.at(this.t + ms, callback),
      clearTimer: (cancel) => (cancel as () => void)(),
    };
  }
  /** Timers not yet fired nor cancelled. */
  get pending(): number {
    return this.#timers.filter((t) => t.live).length;
  }
  /** Moves the clock by `ms`, firing each timer due by then at its due time, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await settle();
    for (;;) {
      const next = this.#timers.filter((t) => t.live && t.due <= end).sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (next === undefined) break;
      next.live = false;
      this.t = Math.max(this.t, next.due);
      next.fire();
      await settle();
    }
    this.t = end;
    this.#timers = this.#timers.filter((t) => t.live);
    await settle();
  }
}

export type Method = "heartbeat" | "members" | "claim" | "record" | "release" | "leave";

/** A call the protocol received. */
export interface Call {
  method: Method;
  args: unknown[];
  at: number;
}

/**
 * The cluster protocol in memory, on the fake clock, as the Redis and PostgreSQL stores implement
 * it. `fail` makes a method reject, `hang` makes it never answer, `throws` makes it throw at once.
 */
export class MemoryCluster implements ClusterProtocol {
  readonly clock: FakeClock;
  memberships: Map<string, number> = new Map();
  leases: Map<string, { holder: string; token: number }> = new Map();
  slots: Map<string, number> = new Map();
  version: number = 0;
  epoch: string = "e1";
  quarantineUntil: number = -Infinity;
  fence: number = 0;
  calls: Call[] = [];
  fail: Set<Method> = new Set();
  hang: Set<Method> = new Set();
  throws: Set<Method> = new Set();
  /** What `fail` rejects with. */
  rejectWith: unknown = new Error("connection refused");
  /** Answers held by `hang`: call one to let that call go through after all. */
  held: (() => void)[] = [];

  constructor(clock: FakeClock) {
    this.clock = clock;
  }

  /** The calls of one method, their arguments. */
  of(method: Method): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  #do<T>(method: Method, args: unknown[], answer: () => T): Promise<T> {
    this.calls.push({ method, args, at: this.clock.t });
    if (this.throws.has(method)) throw new Error(`${method} threw`);
    if (this.fail.has(method)) return Promise.reject(this.rejectWith);
    if (this.hang.has(method)) return new Promise<T>((resolve) => void this.held.push(() => resolve(answer())));
    return Promise.resolve(answer());
  }

  #alive(instance: string): boolean {
    return (this.memberships.get(instance) ?? -Infinity) >= this.clock.t;
  }

  heartbeat(instance: string, lifetime: number, quarantine: number, slots: readonly [string, number][], previous?: string): Promise<Beat> {
    return this.#do("heartbeat", [instance, lifetime, quarantine, [...slots], previous], () => {
      const now = this.clock.t;
      if (previous !== undefined && this.memberships.delete(previous)) {
        this.version++;
        for (const lease of this.leases.values()) if (lease.holder === previous) lease.holder = instance;
      }
      const joined = !this.memberships.has(instance);
      this.memberships.set(instance, now + lifetime);
      let gone = false;
      for (const [m, until] of this.memberships) if (until < now) (this.memberships.delete(m), gone = true);
      if (joined || gone) this.version++;
      for (const [w, slot] of slots) this.slots.set(w, slot);
      return { epoch: this.epoch, version: this.version, joined, quarantine: Math.max(0, this.quarantineUntil - now) };
    });
  }
  members(): Promise<string[]> {
    return this.#do("members", [], () => [...this.memberships.keys()]);
  }
  claim(worker: string, instance: string): Promise<Claim> {
    return this.#do("claim", [worker, instance], (): Claim => {
      if (this.clock.t < this.quarantineUntil) return "quarantine";
      if (!this.#alive(instance)) return "not-member";
      const current = this.leases.get(worker);
      const slot = this.slots.get(worker) ?? null;
      if (current?.holder === instance) return { token: current.token, slot, fresh: false };
      if (current !== undefined && this.#alive(current.holder)) return { holder: current.holder };
      const token = ++this.fence;
      this.leases.set(worker, { holder: instance, token });
      return { token, slot, fresh: true };
    });
  }
  record(slots: readonly [string, number][]): Promise<void> {
    return this.#do("record", [[...slots]], () => {
      for (const [w, slot] of slots) this.slots.set(w, slot);
    });
  }
  release(workers: readonly string[], instance: string, slots: readonly [string, number][]): Promise<void> {
    return this.#do("release", [[...workers], instance, [...slots]], () => {
      for (const [w, slot] of slots) this.slots.set(w, slot);
      for (const w of workers) if (this.leases.get(w)?.holder === instance) this.leases.delete(w);
    });
  }
  leave(instance: string, slots: readonly [string, number][]): Promise<void> {
    return this.#do("leave", [instance, [...slots]], () => {
      for (const [w, slot] of slots) this.slots.set(w, slot);
      if (this.memberships.delete(instance)) this.version++;
      for (const [w, l] of this.leases) if (l.holder === instance) this.leases.delete(w);
    });
  }
}

/** A lease's events, recorded. */
export class Events implements LeaseEvents {
  lostErrors: LeaseLostError[] = [];
  faults: unknown[] = [];
  changes: [boolean, number | undefined][] = [];
  lost(error: LeaseLostError): void {
    this.lostErrors.push(error);
  }
  fault(error: unknown): void {
    this.faults.push(error);
  }
  changed(held: boolean, token: number | undefined): void {
    this.changes.push([held, token]);
  }
}
