/**
 * The lease step before a run is apart from the run: a stop while the store still answers waits on
 * the store, not on a run, and names no run that never began; a lease that the answer brings after
 * the stop is given back, and a start in that window runs as usual.
 */
// @ts-nocheck

import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, type LeaseStore, periodic } from "../mod.ts";
import { drain, silentLogger } from "./helpers.ts";

/** A store whose acquire answers only when the test says so. */
class SlowStore implements LeaseStore {
  holder: string | undefined;
  token = 0;
  calls: string[] = [];
  #answers: (() => void)[] = [];
  acquire(_name: string, owner: string): Promise<number | null> {
    this.calls.push("acquire");
    return new Promise((resolve) => {
      this.#answers.push(() => {
        if (this.holder !== undefined) return resolve(null);
        this.holder = owner;
        resolve(++this.token);
      });
    });
  }
  renew(_name: string, owner: string): Promise<boolean> {
    this.calls.push("renew");
    return Promise.resolve(this.holder === owner);
  }
  release(_name: string, owner: string): Promise<void> {
    this.calls.push("release");
    if (this.holder === owner) this.holder = undefined;
    return Promise.resolve();
  }
  /** Answers every acquire on the wire. */
  answer(): void {
    for (const answer of this.#answers.splice(0)) answer();
  }
}

describe("7. Leases: the lease gate before a run", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("a stop during a slow acquire that times out names no run: none began", async () => {
    const store = new SlowStore();
    let runs = 0;
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: { store, ttl: 30_000 } });
    manager.add(periodic("Gated", { period: 100 }, () => void runs++));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(store.calls).toEqual(["acquire"]);
    const report = await drain(manager.stop({ timeout: 50 }));
    expect(report).toEqual({ ok: true, unsettled: [] });
    expect(runs).toBe(0);
  });

  test("a lease that an acquire on the wire brings after the stop is given back, not renewed", async () => {
    const store = new SlowStore();
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: { store, ttl: 3_000 } });
    manager.add(periodic("Gated", { period: 100 }, () => {}));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    await drain(manager.stop({ timeout: 0 }));
    store.answer();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.holder).toBeUndefined();
    expect(store.calls).toEqual(["acquire", "release"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("stop({ timeout: 0 }) then start() during a slow acquire: the worker runs on its schedule", async () => {
    const store = new SlowStore();
    let runs = 0;
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: { store, ttl: 3_000 } });
    const worker = manager.add(periodic("Gated", { period: 100 }, () => void runs++));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    await drain(manager.stop({ timeout: 0 }));
    await manager.start();
    expect(worker.status().nextRunAt).not.toBeNull();
    store.answer();
    await vi.advanceTimersByTimeAsync(100);
    store.answer();
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    expect(worker.status()).toMatchObject({ state: "idle", runs: 1 });
    expect(worker.status().nextRunAt).not.toBeNull();
    await drain(manager.stop());
  });

  test("a trigger waiting on a run whose acquire is on the wire learns of the stop", async () => {
    const store = new SlowStore();
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: store });
    manager.add(periodic("Gated", { period: 60_000 }, () => {}));
    await manager.start();
    const triggered = manager.trigger("Gated");
    const outcome = triggered.then(() => "resolved", (e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.calls).toEqual(["acquire"]);
    await drain(manager.stop({ timeout: 0 }));
    expect(await outcome).toMatch(/stopped before the triggered run began/);
  });
});
