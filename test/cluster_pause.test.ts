/**
 * Pause and resume of a worker that holds a cluster lease, and when its slots reach the store, in
 * process: the cluster protocol in memory on a fake clock (test/cluster_harness.ts). What the store
 * was asked, and when, is the observable here.
 */
import { expect, test } from "vitest";
import { BackgroundWorkerManager, periodic, type PeriodicOptions } from "../mod.ts";
import { clusterStore } from "../src/lease/cluster.ts";
import { FakeClock, MemoryCluster } from "./cluster_harness.ts";
import { silentLogger } from "./helpers.ts";

function cluster(options: Partial<PeriodicOptions> = {}, runMs = 0) {
  const fake = new FakeClock();
  const memory = new MemoryCluster(fake);
  const runs: number[] = [];
  const leases: boolean[] = [];
  const manager = new BackgroundWorkerManager({
    clock: fake,
    lease: { store: clusterStore(memory), ttl: 3_000 },
    logger: silentLogger(),
  });
  manager.observe({ lease: ({ held }) => void leases.push(held) });
  const worker = periodic("w", { period: 100, ...options } as PeriodicOptions, async () => {
    runs.push(fake.t);
    if (runMs > 0) await new Promise<void>((resolve) => void fake.at(fake.t + runMs, resolve));
  });
  manager.add(worker);
  const advance = async (ms: number): Promise<void> => {
    for (let t = 0; t < ms; t += 10) await fake.advance(10);
  };
  /** Awaits `promise` while the fake clock moves (the store's calls wait on its timers). */
  const settle = async <T>(promise: Promise<T>): Promise<T> => {
    let done = false;
    void promise.finally(() => (done = true)).catch(() => {});
    for (let i = 0; i < 100 && !done; i++) await fake.advance(1);
    expect(done).toBe(true);
    return promise;
  };
  const stop = async (): Promise<void> => {
    const stopping = manager.stop();
    await fake.advance(10_000);
    await stopping;
  };
  return { fake, memory, runs, leases, manager, worker, advance, settle, stop };
}

test('missed "all": each slot reaches the store as its run begins; otherwise with the heartbeats', async () => {
  const all = cluster({ mode: "fixed-rate", missed: "all" });
  await all.manager.start();
  await all.advance(1_000);
  const recordedAll = all.memory.of("record").length;
  expect(all.runs.length).toBeGreaterThanOrEqual(9);
  expect(recordedAll).toBe(all.runs.length);
  await all.stop();

  const once = cluster({ mode: "fixed-rate" });
  await once.manager.start();
  await once.advance(1_000);
  expect(once.runs.length).toBeGreaterThanOrEqual(9);
  expect(once.memory.of("record").length).toBe(0);
  // The heartbeats (every TTL/3 = 1 s) carry the last slot instead.
  await once.advance(1_100);
  const beats = once.memory.of("heartbeat") as unknown[][];
  expect(beats.some((args) => (args[3] as unknown[]).length > 0)).toBe(true);
  await once.stop();
});

test("pause while a run holds the lease: the same promise for a second pause, the lease given up once the run settled", async () => {
  const c = cluster({}, 300);
  await c.manager.start();
  await c.advance(150);
  expect(c.runs.length).toBe(1);
  expect(c.leases).toEqual([true]);
  const first = c.worker.pause();
  const second = c.worker.pause();
  expect(second).toBe(first);
  let paused = false;
  void first.then(() => (paused = true));
  await c.advance(100);
  // The run still goes on: the lease is still held.
  expect(paused).toBe(false);
  expect(c.memory.of("release").length).toBe(0);
  await c.advance(300);
  expect(paused).toBe(true);
  expect(c.leases).toEqual([true, false]);
  // A pause after the first settled is done at once.
  await c.settle(c.worker.pause());
  const runs = c.runs.length;
  await c.advance(1_000);
  expect(c.runs.length).toBe(runs);
  expect(c.worker.status().skipped.paused).toBeGreaterThan(0);
  await c.stop();
});

test("resume with a cluster store checks in at once, and the worker takes its lease and runs again", async () => {
  const c = cluster();
  await c.manager.start();
  await c.advance(250);
  await c.settle(c.worker.pause());
  await c.advance(500);
  const claims = c.memory.of("claim").length;
  const runs = c.runs.length;
  const at = c.fake.t;
  await c.settle(c.worker.resume());
  // The check-in at once: a claim now, not at the next slot.
  expect(c.memory.of("claim").length).toBe(claims + 1);
  await c.advance(300);
  expect(c.runs.length).toBeGreaterThan(runs);
  expect(c.runs[runs]! - at).toBeLessThanOrEqual(100);
  expect(c.leases.at(-1)).toBe(true);
  // Resuming a worker that is not paused changes nothing.
  await c.settle(c.worker.resume());
  expect(c.memory.of("claim").length).toBe(claims + 1);
  await c.stop();
});
