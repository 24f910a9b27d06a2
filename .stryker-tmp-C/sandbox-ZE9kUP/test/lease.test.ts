// @ts-nocheck
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, LeaseLostError, type LeaseStore, periodic, type WorkerContext } from "../mod.ts";
import { drain, silentLogger, sleep } from "./helpers.ts";

/** A lease store in memory whose holder and faults the test controls. */
class FakeStore implements LeaseStore {
  holder: string | undefined;
  token = 0;
  down = false;
  calls: string[] = [];
  acquire(_name: string, owner: string): Promise<number | null> {
    this.calls.push("acquire");
    if (this.down) return Promise.reject(new Error("connection refused"));
    if (this.holder !== undefined) return Promise.resolve(null);
    this.holder = owner;
    return Promise.resolve(++this.token);
  }
  renew(_name: string, owner: string): Promise<boolean> {
    this.calls.push("renew");
    if (this.down) return Promise.reject(new Error("connection refused"));
    return Promise.resolve(this.holder === owner);
  }
  release(_name: string, owner: string): Promise<void> {
    this.calls.push("release");
    if (this.holder === owner) this.holder = undefined;
    return Promise.resolve();
  }
}

describe("7. Leases (unit, fake store)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("7.2 context.fencingToken is the lease's token, and the holder keeps it across runs", async () => {
    const store = new FakeStore();
    const tokens: (number | undefined)[] = [];
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: { store, ttl: 3_000 } });
    manager.add(periodic("Fenced", { period: 100 }, ({ fencingToken }) => void tokens.push(fencingToken)));
    await manager.start();
    await vi.advanceTimersByTimeAsync(350);
    expect(tokens).toEqual([1, 1, 1]);
    await drain(manager.stop());
    expect(store.holder).toBeUndefined();
    expect(store.calls).toContain("release");
  });

  test("7.1 while another instance holds the lease, this one skips its slots", async () => {
    const store = new FakeStore();
    store.holder = "someone else";
    let runs = 0;
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: store });
    manager.add(periodic("Follower", { period: 100 }, () => void runs++));
    await manager.start();
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toBe(0);
    expect(store.calls.filter((c) => c === "acquire").length).toBe(5);
    store.holder = undefined;
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(1);
    await drain(manager.stop());
  });

  test("7.2 the run's signal aborts with a LeaseLostError when the lease is taken", async () => {
    const store = new FakeStore();
    let context: WorkerContext | undefined;
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: { store, ttl: 900 } });
    manager.add(periodic("Long", { period: 100 }, (ctx) => {
      context = ctx;
      return sleep(5_000);
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(context?.signal.aborted).toBe(false);
    store.holder = "thief";
    await vi.advanceTimersByTimeAsync(300);
    expect(context?.signal.aborted).toBe(true);
    expect(context?.signal.reason).toBeInstanceOf(LeaseLostError);
    await drain(manager.stop());
  });

  test("7.4 an unreachable store: errors reported with the worker's name, nobody runs, runs resume after", async () => {
    const store = new FakeStore();
    const reported: { worker: string; phase: string }[] = [];
    let runs = 0;
    let context: WorkerContext | undefined;
    const manager = new BackgroundWorkerManager({
      logger: silentLogger(),
      lease: { store, ttl: 900 },
      onError: (_e, { worker, phase }) => void reported.push({ worker, phase }),
    });
    manager.add(periodic("Careful", { period: 100 }, (ctx) => {
      runs++;
      context = ctx;
      return sleep(1_000);
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(1);
    store.down = true;
    // The next renewal (every TTL/3) fails: the lease counts as lost and the run's signal aborts.
    await vi.advanceTimersByTimeAsync(300);
    expect(context?.signal.aborted).toBe(true);
    expect(reported).toContainEqual({ worker: "Careful", phase: "lease" });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(runs).toBe(1);
    store.down = false;
    store.holder = undefined;
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toBe(2);
    await drain(manager.stop());
  });

  test("7.4 a store call that hangs counts as a fault after TTL/3", async () => {
    const hanging: LeaseStore = {
      acquire: () => new Promise(() => {}),
      renew: () => new Promise(() => {}),
      release: () => Promise.resolve(),
    };
    const reported: unknown[] = [];
    let runs = 0;
    const manager = new BackgroundWorkerManager({
      logger: silentLogger(),
      lease: { store: hanging, ttl: 300 },
      onError: (e) => void reported.push(e),
    });
    manager.add(periodic("Hung", { period: 100 }, () => void runs++));
    await manager.start();
    await vi.advanceTimersByTimeAsync(250);
    expect(runs).toBe(0);
    expect(String(reported[0])).toContain("took longer than 100 ms");
    await drain(manager.stop());
  });

  test("7.x lease: false on a worker opts out of the manager's lease", async () => {
    const store = new FakeStore();
    store.holder = "someone else";
    let runs = 0;
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: store });
    manager.add(periodic("Everywhere", { period: 100, lease: false }, () => void runs++));
    await manager.start();
    await vi.advanceTimersByTimeAsync(300);
    expect(runs).toBe(3);
    expect(store.calls).toEqual([]);
    await drain(manager.stop());
  });

  test("7.x a bad lease option is a TypeError naming the option", () => {
    expect(() => new BackgroundWorkerManager({ lease: {} as LeaseStore })).toThrow(/option "lease"/);
    expect(() => periodic("X", { period: 1, lease: { store: new FakeStore(), ttl: -1 } }, () => {})).toThrow(
      /X: option "lease.ttl" must be a finite number > 0, got -1/,
    );
  });
});
