/**
 * The cluster coordinator (src/lease/cluster.ts) and the run path's resumption, in one process
 * under fake time, over a store in memory that speaks the cluster protocol as the Redis and
 * PostgreSQL stores do (one clock: the fake Date.now). Several managers stand for instances.
 * Exact: which instance runs what, which slots, and when the signal aborts.
 */
// @ts-nocheck

import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, type MissedSlots, periodic, type WorkerContext } from "../mod.ts";
import { clusterStore } from "../src/lease/cluster.ts";
import type { Beat, Claim, ClusterProtocol } from "../src/lease/protocol.ts";
import { drain, silentLogger } from "./helpers.ts";

/** The protocol in memory, on Date.now (faked by the tests). */
class MemoryProtocol implements ClusterProtocol {
  memberships = new Map<string, number>();
  leases = new Map<string, { holder: string; token: number }>();
  slots = new Map<string, number>();
  version = 0;
  epoch = "e1";
  quarantineUntil = 0;
  fence = 0;
  down = false;
  calls: string[] = [];

  #check(what: string): void {
    this.calls.push(what);
    if (this.down) throw new Error("connection refused");
  }

  #alive(instance: string): boolean {
    return (this.memberships.get(instance) ?? -Infinity) >= Date.now();
  }

  heartbeat(instance: string, lifetime: number, _q: number, slots: readonly [string, number][], previous?: string): Promise<Beat> {
    this.#check("heartbeat");
    const now = Date.now();
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
    return Promise.resolve({ epoch: this.epoch, version: this.version, joined, quarantine: Math.max(0, this.quarantineUntil - now) });
  }
  members(): Promise<string[]> {
    this.#check("members");
    return Promise.resolve([...this.memberships.keys()]);
  }
  claim(worker: string, instance: string): Promise<Claim> {
    this.#check("claim");
    if (Date.now() < this.quarantineUntil) return Promise.resolve("quarantine");
    if (!this.#alive(instance)) return Promise.resolve("not-member");
    const current = this.leases.get(worker);
    const slot = this.slots.get(worker) ?? null;
    if (current?.holder === instance) return Promise.resolve({ token: current.token, slot, fresh: false });
    if (current !== undefined && this.#alive(current.holder)) return Promise.resolve({ holder: current.holder });
    const token = ++this.fence;
    this.leases.set(worker, { holder: instance, token });
    return Promise.resolve({ token, slot, fresh: true });
  }
  record(slots: readonly [string, number][]): Promise<void> {
    this.#check("record");
    for (const [w, slot] of slots) this.slots.set(w, slot);
    return Promise.resolve();
  }
  release(workers: readonly string[], instance: string, slots: readonly [string, number][]): Promise<void> {
    this.#check("release");
    for (const [w, slot] of slots) this.slots.set(w, slot);
    for (const w of workers) if (this.leases.get(w)?.holder === instance) this.leases.delete(w);
    return Promise.resolve();
  }
  leave(instance: string, slots: readonly [string, number][]): Promise<void> {
    this.#check("leave");
    for (const [w, slot] of slots) this.slots.set(w, slot);
    if (this.memberships.delete(instance)) this.version++;
    for (const [w, l] of this.leases) if (l.holder === instance) this.leases.delete(w);
    return Promise.resolve();
  }
  /** What a restart without persistence does: everything forgotten, a new incarnation, a quarantine. */
  lose(quarantine: number): void {
    this.memberships.clear();
    this.leases.clear();
    this.slots.clear();
    this.epoch = `e${Date.now()}`;
    this.quarantineUntil = Date.now() + quarantine;
  }
}

interface Ran {
  instance: number;
  worker: string;
  slot: number;
  token: number | undefined;
  at: number;
}

describe("13. the cluster coordinator, in memory under fake time", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const ttl = 900;

  function cluster(protocol: MemoryProtocol, instances: number, workers: string[], options: { period?: number; mode?: "fixed-rate"; missed?: MissedSlots; runMs?: number } = {}) {
    const ran: Ran[] = [];
    const contexts: WorkerContext[] = [];
    const store = clusterStore(protocol);
    const managers = Array.from({ length: instances }, (_, instance) => {
      const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: { store, ttl } });
      for (const worker of workers) {
        manager.add(periodic(worker, {
          period: options.period ?? 100,
          ...(options.mode === undefined ? {} : { mode: options.mode }),
          ...(options.missed === undefined ? {} : { missed: options.missed }),
        }, (context) => {
          ran.push({ instance, worker, slot: context.scheduledAt, token: context.fencingToken, at: Date.now() });
          contexts.push(context);
          if (options.runMs === undefined) return;
          return new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, options.runMs);
            context.signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
          });
        }));
      }
      return manager;
    });
    return { ran, contexts, managers };
  }

  test("each worker runs on one instance, the work spreads, store traffic is heartbeats, not calls per run", async () => {
    const protocol = new MemoryProtocol();
    const workers = Array.from({ length: 24 }, (_, i) => `w${i}`);
    const { ran, managers } = cluster(protocol, 3, workers);
    for (const m of managers) await m.start();
    await vi.advanceTimersByTimeAsync(2_000);
    const from = Date.now();
    protocol.calls.length = 0;
    await vi.advanceTimersByTimeAsync(3_000);
    const window = ran.filter((r) => r.at > from);
    const byWorker = new Map<string, Set<number>>();
    for (const r of window) byWorker.set(r.worker, (byWorker.get(r.worker) ?? new Set()).add(r.instance));
    expect(byWorker.size).toBe(24);
    expect([...byWorker.values()].every((s) => s.size === 1), "one instance a worker").toBe(true);
    const perInstance = [0, 1, 2].map((i) => [...byWorker.values()].filter((s) => s.has(i)).length);
    expect(perInstance.every((n) => n > 0), `workers per instance ${perInstance}`).toBe(true);
    // 3 s × 24 workers / 100 ms = 720 runs; 3 instances heartbeat every TTL/3 (300 ms): 30 calls.
    expect(window.length).toBeGreaterThan(700);
    expect(protocol.calls.filter((c) => c === "heartbeat").length).toBe(30);
    expect(protocol.calls.filter((c) => c !== "heartbeat")).toEqual([]);
    for (const m of managers) await drain(m.stop());
    expect(protocol.memberships.size).toBe(0);
    expect(protocol.leases.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("an instance whose heartbeat fails loses its leases at once: the run's signal aborts, nobody runs until it is back", async () => {
    const protocol = new MemoryProtocol();
    const { ran, contexts, managers } = cluster(protocol, 1, ["w"], { runMs: 5_000 });
    await managers[0]!.start();
    await vi.advanceTimersByTimeAsync(150);
    expect(ran.length).toBe(1);
    protocol.down = true;
    await vi.advanceTimersByTimeAsync(300);
    expect(contexts[0]!.signal.aborted).toBe(true);
    expect(contexts[0]!.signal.reason).toMatchObject({ name: "LeaseLostError" });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(ran.length).toBe(1);
    protocol.down = false;
    await vi.advanceTimersByTimeAsync(400);
    expect(ran.length).toBe(2);
    await drain(managers[0]!.stop());
  });

  test("a store that lost its state: every holder drops its leases, and nobody takes one before the quarantine ends", async () => {
    const protocol = new MemoryProtocol();
    const { ran, contexts, managers } = cluster(protocol, 2, ["w"], { runMs: 5_000 });
    for (const m of managers) await m.start();
    await vi.advanceTimersByTimeAsync(200);
    const first = ran.at(-1)!;
    protocol.lose(600);
    const lostAt = Date.now();
    await vi.advanceTimersByTimeAsync(350);
    // The holder's next heartbeat saw the new incarnation.
    expect(contexts.at(-1)!.signal.aborted).toBe(true);
    expect(ran.filter((r) => r.at > lostAt)).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    const after = ran.filter((r) => r.at > lostAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0]!.at).toBeGreaterThanOrEqual(lostAt + 600);
    expect(after[0]!.token).toBeGreaterThan(first.token!);
    for (const m of managers) await drain(m.stop());
  });

  test("a joining instance takes over only workers it wins, after the old holder's run settled", async () => {
    const protocol = new MemoryProtocol();
    const workers = Array.from({ length: 12 }, (_, i) => `w${i}`);
    const { ran, managers } = cluster(protocol, 2, workers, { runMs: 50 });
    await managers[0]!.start();
    await vi.advanceTimersByTimeAsync(1_000);
    await managers[1]!.start();
    await vi.advanceTimersByTimeAsync(2_000);
    const late = ran.filter((r) => r.at > Date.now() - 1_000);
    const byWorker = new Map<string, Set<number>>();
    for (const r of late) byWorker.set(r.worker, (byWorker.get(r.worker) ?? new Set()).add(r.instance));
    expect([...byWorker.values()].some((s) => s.has(1))).toBe(true);
    expect([...byWorker.values()].every((s) => s.size === 1)).toBe(true);
    // Never two runs of one worker at once: each run (50 ms) ends before the next begins.
    for (const w of workers) {
      const runs = ran.filter((r) => r.worker === w).sort((a, b) => a.at - b.at);
      for (let i = 1; i < runs.length; i++) expect(runs[i]!.at - runs[i - 1]!.at).toBeGreaterThanOrEqual(50);
    }
    for (const m of managers) await drain(m.stop());
  });

  test("instances with other workers (two apps on one store, a deploy that adds a worker) never own what they lack", async () => {
    const protocol = new MemoryProtocol();
    // Version 1 of an app on two instances; version 2, with one worker more, on a third.
    const v1 = cluster(protocol, 2, ["a", "b", "c"]);
    const v2 = cluster(protocol, 1, ["a", "b", "c", "added"]);
    const other = cluster(protocol, 1, ["x", "y"]);
    for (const m of [...v1.managers, ...v2.managers, ...other.managers]) await m.start();
    await vi.advanceTimersByTimeAsync(2_000);
    const from = Date.now();
    await vi.advanceTimersByTimeAsync(1_000);
    const ran = (c: { ran: Ran[] }, w: string) => c.ran.filter((r) => r.worker === w && r.at > from).length;
    // About every 100 ms: each runs somewhere, whichever group's owner holds its lease.
    for (const w of ["a", "b", "c"]) expect(ran(v1, w) + ran(v2, w), w).toBeGreaterThanOrEqual(9);
    expect(ran(v2, "added")).toBeGreaterThanOrEqual(9);
    expect(ran(other, "x")).toBeGreaterThanOrEqual(9);
    expect(ran(other, "y")).toBeGreaterThanOrEqual(9);
    for (const m of [...v1.managers, ...v2.managers, ...other.managers]) await drain(m.stop());
    expect(protocol.leases.size).toBe(0);
  });

  test.each([
    ["once", [3], 4],
    ["skip", [], 4],
    ["all", [1, 2, 3], 4],
  ] as const)("missed: %s after the whole cluster was down for 3.5 periods", async (missed, catchups, next) => {
    const protocol = new MemoryProtocol();
    const period = 1_000;
    const first = cluster(protocol, 1, ["w"], { period, mode: "fixed-rate", missed });
    await first.managers[0]!.start();
    await vi.advanceTimersByTimeAsync(2_500);
    await drain(first.managers[0]!.stop());
    const last = first.ran.at(-1)!.slot;
    expect(protocol.slots.get("w")).toBe(last);
    await vi.advanceTimersByTimeAsync(3_000);
    const again = cluster(protocol, 1, ["w"], { period, mode: "fixed-rate", missed });
    await again.managers[0]!.start();
    await vi.advanceTimersByTimeAsync(1_000);
    const places = again.ran.map((r) => (r.slot - last) / period);
    expect(places).toEqual([...catchups, next]);
    await drain(again.managers[0]!.stop());
  });
});
