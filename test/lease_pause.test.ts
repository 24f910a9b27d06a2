/**
 * Issue 13's fault 4, in process and without a race: a holder paused past its lease's validity (as
 * SIGSTOP, a frozen VM or a loop blocked past the TTL do) resumes with everything due at once, and
 * runs it in the order it came due. A run's own timer set before the pause comes due before the
 * lease's expiry or renewal, so the run reads its signal before any of those could abort it: the
 * signal must know by itself what this instance's clock already says. The pause is a jump of a fake
 * clock, then the due timers fire in due order at the time after the jump, as a resumed process does.
 * (The same with real processes and SIGSTOP/SIGCONT is test 4 of lease_faults.test.ts.)
 */
import { describe, expect, test } from "vitest";
import { BackgroundWorkerManager, type LeaseStore, periodic } from "../mod.ts";
import { clusterStore } from "../src/lease/cluster.ts";
import { FakeClock, MemoryCluster } from "./cluster_harness.ts";
import { silentLogger } from "./helpers.ts";

/** A plain store in memory on the fake clock: one holder per name until its TTL runs out. */
class PlainStore implements LeaseStore {
  readonly #clock: FakeClock;
  readonly #held = new Map<string, { owner: string; until: number }>();
  #fence = 0;
  constructor(clock: FakeClock) {
    this.#clock = clock;
  }
  acquire(name: string, owner: string, ttl: number): Promise<number | null> {
    const current = this.#held.get(name);
    if (current !== undefined && current.until > this.#clock.t) return Promise.resolve(null);
    this.#held.set(name, { owner, until: this.#clock.t + ttl });
    return Promise.resolve(++this.#fence);
  }
  renew(name: string, owner: string, ttl: number): Promise<boolean> {
    const current = this.#held.get(name);
    if (current?.owner !== owner || current.until <= this.#clock.t) return Promise.resolve(false);
    current.until = this.#clock.t + ttl;
    return Promise.resolve(true);
  }
  release(name: string, owner: string): Promise<void> {
    if (this.#held.get(name)?.owner === owner) this.#held.delete(name);
    return Promise.resolve();
  }
}

const stores = {
  "a plain store (acquire, renew, release)": (fake: FakeClock) => new PlainStore(fake),
  "a cluster store (membership)": (fake: FakeClock) => clusterStore(new MemoryCluster(fake)),
};

/** The three ways a run reads its signal's state: each must ask the lease first. */
const reads = {
  "signal.aborted": (signal: AbortSignal) => signal.aborted,
  "signal.reason": (signal: AbortSignal) => signal.reason !== undefined,
  "signal.throwIfAborted()": (signal: AbortSignal) => {
    try {
      signal.throwIfAborted();
      return false;
    } catch {
      return true;
    }
  },
};

const cases = Object.entries(stores).flatMap(([store, make]) => Object.entries(reads).map(([how, read]) => [store, how, make, read] as const));

describe.each(cases)("a holder paused past its lease's validity, on %s, reading %s", (_, _how, makeStore, read) => {
  test("reads its signal aborted when it resumes, before its lease's own timers fire", async () => {
    const fake = new FakeClock();
    const ttl = 3_000;
    const seen: boolean[] = [];
    const reasons: string[] = [];
    const manager = new BackgroundWorkerManager({
      clock: fake,
      lease: { store: makeStore(fake), ttl },
      logger: silentLogger(),
    });
    manager.add(periodic("paused-holder", { period: 100 }, async ({ signal }) => {
      // The run's own work: a timer due long before the lease's renewal (TTL/3) or expiry.
      await new Promise<void>((resolve) => void fake.at(fake.t + 50, resolve));
      const aborted = read(signal);
      seen.push(aborted);
      if (aborted) reasons.push((signal.reason as Error).name);
    }));
    await manager.start();
    for (let i = 0; i < 20 && seen.length === 0; i++) await fake.advance(10);
    // A healthy run with its lease: not aborted.
    expect(seen).toEqual([false]);
    // The next run is under way, then the process stops for three TTLs.
    for (let i = 0; i < 30 && manager.status()[0]?.state !== "running"; i++) await fake.advance(10);
    expect(manager.status()[0]?.state).toBe("running");
    fake.t += 3 * ttl;
    await fake.advance(0);
    expect(seen).toEqual([false, true]);
    expect(reasons).toEqual(["LeaseLostError"]);
    const stopping = manager.stop();
    await fake.advance(10_000);
    await stopping;
  });
});
