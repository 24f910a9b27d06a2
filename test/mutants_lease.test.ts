/**
 * The simple lease protocol (src/core/lease_keeper.ts), the lease step before a run
 * (lease_gate.ts) and the `lease` option (lease.ts), in process under fake time: which store calls
 * go out when, with which arguments, what each admission answers, which events a lease sends, and
 * the exact messages of bad options. A clock of its own lets a test move time without firing
 * timers (a blocked event loop).
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, type ClusterLeaseStore, type CoordinatorSettings, type LeaseStore, periodic } from "../mod.ts";
import type { Clock } from "../src/core/clock.ts";
import { LeaseLostError } from "../src/core/lease.ts";
import { CLUSTER, LeaseGate } from "../src/core/lease_gate.ts";
import { LeaseKeeper } from "../src/core/lease_keeper.ts";
import { TimerQueue } from "../src/core/timer_queue.ts";
import { clusterStore } from "../src/lease/cluster.ts";
import { Events, FakeClock, MemoryCluster } from "./cluster_harness.ts";
import { drain, silentLogger } from "./helpers.ts";

type Answer = "ok" | "fail" | "hang" | "throw";

/** A plain store whose answers the test sets per method; every call recorded with its time. */
class Store implements LeaseStore {
  holder: string | undefined;
  token = 0;
  calls: { method: string; args: unknown[]; at: number }[] = [];
  answer: Record<"acquire" | "renew" | "release", Answer> = { acquire: "ok", renew: "ok", release: "ok" };
  /** What a renew resolves with when "ok" (default: whether the owner holds it). */
  renewWith: unknown = undefined;
  /** What an "ok" acquire resolves with, when set (`{ value: undefined }` for an answer of undefined). */
  acquireWith: { value: unknown } | undefined = undefined;
  rejectWith: unknown = new Error("connection refused");
  held: (() => void)[] = [];
  readonly #start = Date.now();

  of(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }
  times(method: string): number[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.at);
  }
  #do<T>(method: "acquire" | "renew" | "release", args: unknown[], answer: () => T): Promise<T> {
    this.calls.push({ method, args, at: Date.now() - this.#start });
    const how = this.answer[method];
    if (how === "throw") throw new Error(`${method} threw`);
    if (how === "fail") return Promise.reject(this.rejectWith);
    if (how === "hang") return new Promise<T>((resolve) => void this.held.push(() => resolve(answer())));
    return Promise.resolve(answer());
  }
  acquire(name: string, owner: string, ttl: number): Promise<number | null> {
    return this.#do("acquire", [name, owner, ttl], () => {
      if (this.acquireWith !== undefined) return this.acquireWith.value as number | null;
      if (this.holder !== undefined) return null;
      this.holder = owner;
      return ++this.token;
    });
  }
  renew(name: string, owner: string, ttl: number): Promise<boolean> {
    return this.#do("renew", [name, owner, ttl], () => (this.renewWith !== undefined ? this.renewWith as boolean : this.holder === owner));
  }
  release(name: string, owner: string): Promise<void> {
    return this.#do("release", [name, owner], () => {
      if (this.holder === owner) this.holder = undefined;
    });
  }
}

/** Fake setTimeout and Date, plus a skew: time that passes without any timer firing (a blocked loop). */
function skewedClock(): Clock & { skew: number } {
  const start = Date.now();
  const clock = {
    skew: 0,
    now: () => Date.now() - start + clock.skew,
    epochOffset: () => start,
    setTimer: (callback: () => void, ms: number) => setTimeout(callback, ms),
    clearTimer: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  return clock;
}

function keeper(options: { ttl?: number; prefix?: string } = {}) {
  const store = new Store();
  const clock = skewedClock();
  const queue = new TimerQueue(clock);
  const events = new Events();
  const k = new LeaseKeeper({ store, ttl: 900, ...options }, "w", queue, events);
  return { store, clock, queue, events, k };
}

const messages = (errors: unknown[]) => errors.map((e) => (e as Error).message);

describe("the simple lease protocol (LeaseKeeper)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("an acquire takes the lease for the TTL; renewals every TTL/3 from the acquire; admissions meanwhile ask nothing", async () => {
    const { store, events, k } = keeper({ prefix: "app:" });
    expect(k.token).toBeUndefined();
    expect(await k.ensure()).toBe(1);
    expect(k.token).toBe(1);
    const owner = store.of("acquire")[0]![1];
    expect(store.of("acquire")).toEqual([["app:w", owner, 900]]);
    expect(events.changes).toEqual([[true, 1]]);
    await vi.advanceTimersByTimeAsync(100);
    expect(await k.ensure()).toBe(1);
    expect(store.calls.length).toBe(1);
    await vi.advanceTimersByTimeAsync(199);
    expect(store.of("renew")).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.of("renew")).toEqual([["app:w", owner, 900]]);
    await vi.advanceTimersByTimeAsync(50);
    expect(await k.ensure()).toBe(1);
    await vi.advanceTimersByTimeAsync(600);
    expect(store.times("renew")).toEqual([300, 600, 900]);
    expect(store.of("acquire").length).toBe(1);
    await k.release();
    expect(store.of("release")).toEqual([["app:w", owner]]);
    expect(events.changes).toEqual([[true, 1], [false, 1]]);
    expect(await k.ensure()).toBe("lease-held");
    expect(store.of("acquire").length).toBe(1);
  });

  test("renewals that fell behind (a blocked loop): the admission at the lease's end confirms it with the store first", async () => {
    const { store, clock, events, k } = keeper();
    expect(await k.ensure()).toBe(1);
    clock.skew = 899;
    expect(await k.ensure()).toBe(1);
    expect(store.of("renew")).toEqual([]);
    clock.skew = 900;
    expect(await k.ensure()).toBe(1);
    expect(store.of("renew").length).toBe(1);
    expect(store.of("acquire").length).toBe(1);
    // Confirmed: valid for a TTL from that renewal.
    clock.skew = 1_799;
    expect(await k.ensure()).toBe(1);
    expect(store.of("renew").length).toBe(1);
    // Taken meanwhile: lost, then a fresh acquire (held by the other: skip).
    clock.skew = 1_800;
    store.holder = "other";
    expect(await k.ensure()).toBe("lease-held");
    expect(store.of("renew").length).toBe(2);
    expect(store.of("acquire").length).toBe(2);
    expect(events.lostErrors.map((e) => e.message)).toEqual([`lease "w" was taken or expired`]);
    expect(events.lostErrors[0]).toBeInstanceOf(LeaseLostError);
    expect(events.changes).toEqual([[true, 1], [false, 1]]);
  });

  test("a renewal answered false, or not exactly true, loses the lease and stops renewing", async () => {
    for (const answer of [false, 1]) {
      const { store, events, k } = keeper();
      expect(await k.ensure()).toBe(1);
      store.renewWith = answer;
      await vi.advanceTimersByTimeAsync(300);
      expect(events.lostErrors.map((e) => e.message)).toEqual([`lease "w" was taken or expired`]);
      expect(k.token).toBeUndefined();
      await vi.advanceTimersByTimeAsync(900);
      expect(store.of("renew").length).toBe(1);
    }
  });

  test("a renewal that fails is a fault and loses the lease, naming the error (an Error, a string, null)", async () => {
    for (const [reason, text] of [[new Error("connection refused"), "connection refused"], ["boom", "boom"], [null, "null"]] as const) {
      const { store, events, k } = keeper();
      expect(await k.ensure()).toBe(1);
      store.answer.renew = "fail";
      store.rejectWith = reason;
      await vi.advanceTimersByTimeAsync(300);
      expect(events.faults).toEqual([reason]);
      expect(events.lostErrors.map((e) => e.message)).toEqual([`lease "w" could not be renewed: ${text}`]);
      await vi.advanceTimersByTimeAsync(900);
      expect(store.of("renew").length).toBe(1);
      // The next admission acquires afresh.
      store.holder = undefined;
      expect(await k.ensure()).toBe(2);
    }
  });

  test("store calls that hang are faults after TTL/3, each naming the call and the lease", async () => {
    const { store, events, k } = keeper();
    store.answer.acquire = "hang";
    const admission = k.ensure();
    await vi.advanceTimersByTimeAsync(299);
    expect(events.faults).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await admission).toBe("store-fault");
    expect(messages(events.faults)).toEqual([`lease store: acquire of "w" took longer than 300 ms`]);
    store.answer.acquire = "ok";
    store.held.length = 0;
    expect(await k.ensure()).toBe(1);
    store.answer.renew = "hang";
    await vi.advanceTimersByTimeAsync(600);
    expect(messages(events.faults)[1]).toBe(`lease store: renew of "w" took longer than 300 ms`);
    expect(events.lostErrors.map((e) => e.message)).toEqual([`lease "w" could not be renewed: lease store: renew of "w" took longer than 300 ms`]);
    store.answer.renew = "ok";
    store.holder = undefined;
    expect(await k.ensure()).toBe(2);
    store.answer.release = "hang";
    const releasing = k.release();
    await vi.advanceTimersByTimeAsync(300);
    await releasing;
    expect(messages(events.faults)[2]).toBe(`lease store: release of "w" took longer than 300 ms`);
  });

  test("an acquire that fails, throws, or finds the lease held skips the slot", async () => {
    const { store, events, k } = keeper();
    store.answer.acquire = "fail";
    expect(await k.ensure()).toBe("store-fault");
    store.answer.acquire = "throw";
    expect(await k.ensure()).toBe("store-fault");
    expect(messages(events.faults)).toEqual(["connection refused", "acquire threw"]);
    store.answer.acquire = "ok";
    store.acquireWith = { value: null };
    expect(await k.ensure()).toBe("lease-held");
    // A store that answers undefined (no token): held, not a token of NaN.
    store.acquireWith = { value: undefined };
    expect(await k.ensure()).toBe("lease-held");
    store.acquireWith = undefined;
    store.holder = "other";
    expect(await k.ensure()).toBe("lease-held");
    expect(events.changes).toEqual([]);
    // A store that answers the token as a string: a number all the same.
    store.holder = undefined;
    store.acquireWith = { value: "7" };
    expect(await k.ensure()).toBe(7);
  });

  test("a lease that an acquire on the wire brings after the stop is given back; a give-back that fails is a fault", async () => {
    const { store, events, k } = keeper();
    store.answer.acquire = "hang";
    const admission = k.ensure();
    await vi.advanceTimersByTimeAsync(10);
    k.abandon();
    store.answer.release = "fail";
    store.held.shift()!();
    expect(await admission).toBe("lease-held");
    const owner = store.of("acquire")[0]![1];
    expect(store.of("release")).toEqual([["w", owner]]);
    expect(messages(events.faults)).toEqual(["connection refused"]);
    expect(events.changes).toEqual([]);
  });

  test("abandon keeps the lease in the store (a run may still write) but stops renewing it", async () => {
    const { store, events, k } = keeper();
    expect(await k.ensure()).toBe(1);
    k.abandon();
    expect(events.changes).toEqual([[true, 1], [false, 1]]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(store.of("renew")).toEqual([]);
    expect(store.of("release")).toEqual([]);
    expect(store.holder).toBeDefined();
    expect(await k.ensure()).toBe("lease-held");
    expect(store.of("acquire").length).toBe(1);
  });

  test("a release during a renewal waits for it, gives the lease up, and a renewal that then fails loses nothing more", async () => {
    const { store, events, k } = keeper();
    expect(await k.ensure()).toBe(1);
    store.answer.renew = "hang";
    await vi.advanceTimersByTimeAsync(300);
    const releasing = k.release();
    await vi.advanceTimersByTimeAsync(300);
    await releasing;
    expect(store.of("release").length).toBe(1);
    expect(events.lostErrors).toEqual([]);
    expect(events.changes).toEqual([[true, 1], [false, 1]]);
    // Renewed true, but released meanwhile: no further renewal.
    const again = keeper();
    expect(await again.k.ensure()).toBe(1);
    again.store.answer.renew = "hang";
    await vi.advanceTimersByTimeAsync(300);
    const r = again.k.release();
    again.store.held.shift()!();
    await r;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(again.store.of("renew").length).toBe(1);
  });
});

describe("the lease step before a run (LeaseGate, workerLease)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("pending is the admission still on the wire, the newest one, until it is answered", async () => {
    const store = new Store();
    store.answer.acquire = "hang";
    const gate = new LeaseGate({ store, ttl: 900 }, "w", new TimerQueue(skewedClock()), new Events());
    expect(gate.pending).toBeUndefined();
    const first = gate.admit();
    expect(gate.pending).toBe(first);
    const second = gate.admit();
    expect(gate.pending).toBe(second);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.held.length).toBe(2);
    store.held.shift()!();
    expect(await first).toBe(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(gate.pending).toBe(second);
    store.held.shift()!();
    expect(await second).toBe("lease-held");
    await vi.advanceTimersByTimeAsync(0);
    expect(gate.pending).toBeUndefined();
  });

  test("close: settled gives the lease up; not settled keeps it in the store", async () => {
    const store = new Store();
    const gate = new LeaseGate({ store, ttl: 900 }, "w", new TimerQueue(skewedClock()), new Events());
    expect(await gate.admit()).toBe(1);
    await gate.close(false);
    expect(store.of("release")).toEqual([]);
    expect(store.holder).toBeDefined();
    const other = new LeaseGate({ store: new Store(), ttl: 900 }, "w", new TimerQueue(skewedClock()), new Events());
    expect(await other.admit()).toBe(1);
    gate.began();
    gate.settled();
    await other.close(true);
  });

  test("a cluster store makes one coordinator per manager and TTL, on the manager's timers; its faults go to onError as the cluster's", async () => {
    const made: CoordinatorSettings[] = [];
    const clock = new FakeClock();
    const protocol = new MemoryCluster(clock);
    protocol.fail.add("heartbeat");
    const inner = clusterStore(protocol);
    const store: ClusterLeaseStore = {
      coordinator(settings) {
        made.push(settings);
        return inner.coordinator(settings);
      },
    };
    const errors: { message: string; worker: string; run: number; phase: string }[] = [];
    const manager = new BackgroundWorkerManager({
      logger: silentLogger(),
      lease: { store, ttl: 900 },
      onError: (error, info) => void errors.push({ message: (error as Error).message, worker: info.worker, run: info.run, phase: info.phase }),
    });
    manager.add(periodic("a", { period: 100 }, () => {}));
    manager.add(periodic("b", { period: 100 }, () => {}));
    manager.add(periodic("c", { period: 100, lease: { store, ttl: 1_800 } }, () => {}));
    await manager.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(made.map((s) => s.ttl)).toEqual([900, 1_800]);
    const timers = made[0]!.timers;
    expect(Math.abs(timers.epochOffset() + timers.now() - Date.now())).toBeLessThan(2);
    let fired = false;
    timers.at(timers.now() + 10, () => void (fired = true));
    const cancel = timers.at(timers.now() + 10, () => void (fired = false));
    cancel();
    await vi.advanceTimersByTimeAsync(10);
    expect(fired).toBe(true);
    expect(errors[0]).toEqual({ message: "connection refused", worker: CLUSTER, run: 0, phase: "lease" });
    expect(CLUSTER).toBe("(cluster)");
    await drain(manager.stop());
  });
});

describe("the lease option", () => {
  const store = new Store();
  const make = (lease: unknown) => () => periodic("X", { period: 1, lease: lease as LeaseStore }, () => {});
  const shape = `X: option "lease" must be a lease store (acquire, renew, release; or a cluster store) or { store, ttl?, prefix? }, got`;

  test("a store, a cluster store, or { store, ttl, prefix } is taken", () => {
    expect(make(store)).not.toThrow();
    expect(make({ coordinator: () => ({}) })).not.toThrow();
    expect(make({ store: { coordinator: () => ({}) }, ttl: 1, prefix: "" })).not.toThrow();
    expect(make({ store, ttl: 2 ** 31 - 1 })).not.toThrow();
    expect(() => new BackgroundWorkerManager({ lease: store })).not.toThrow();
  });

  test("anything else is a TypeError that says what it got", () => {
    for (const [value, got] of [[null, "null"], [5, "number"], ["s", "string"], [{}, "object"], [{ store: {} }, "object"], [{ store: null }, "object"]] as const) {
      expect(make(value)).toThrow(new TypeError(`${shape} ${got}`));
    }
    // A plain store needs all three methods.
    const { acquire, renew, release } = store;
    for (const partial of [{ renew, release }, { acquire, release }, { acquire, renew }, { acquire: 1, renew, release }]) {
      expect(make(partial)).toThrow(new TypeError(`${shape} object`));
      expect(make({ store: partial })).toThrow(new TypeError(`${shape} object`));
    }
    expect(make({ coordinator: 1 })).toThrow(new TypeError(`${shape} object`));
  });

  test("unknown keys, bad TTLs and prefixes: errors naming the option and the value", () => {
    expect(make({ store, tll: 5 })).toThrow(new TypeError(`X: unknown lease option "tll"; known options: store, ttl, prefix`));
    for (const ttl of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, "5"]) {
      expect(make({ store, ttl })).toThrow(new RangeError(`X: option "lease.ttl" must be a finite number > 0, got ${String(ttl)}`));
    }
    expect(make({ store, ttl: 2 ** 31 })).toThrow(new RangeError(`X: option "lease.ttl" must be at most 2^31 - 1 ms (about 24.8 days), got 2147483648`));
    expect(make({ store, prefix: 5 })).toThrow(new TypeError(`X: option "lease.prefix" must be a string, got number`));
    expect(make({ store, prefix: null })).toThrow(new TypeError(`X: option "lease.prefix" must be a string, got object`));
  });
});
