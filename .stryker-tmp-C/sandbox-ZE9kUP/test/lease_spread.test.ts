/**
 * Clusters that scale, on the real Redis and PostgreSQL with instance processes of this runtime:
 * the work spreads over the instances, a joining or leaving instance moves only the workers it wins
 * or held (never two holders at once), and a whole-cluster restart continues the schedule from the
 * slot the cluster ran last, doing with the slots nobody ran what `missed` says. Assertions are on
 * what ran and for which slot, not on how fast the machine is.
 */
// @ts-nocheck

import { afterEach, describe, expect, test } from "vitest";
import { runtime } from "./child.ts";
import type { ClientKind, InstanceArgs } from "./fixtures/lease_instance.ts";
import { overlaps, type Run, until } from "./instance_events.ts";
import { Cluster } from "./instances.ts";
import { probe } from "./lease_cluster.ts";

const stores: { label: string; client: ClientKind; port: number }[] = [
  { label: "Redis (ioredis)", client: "ioredis", port: 6379 },
  { label: "PostgreSQL (postgres.js)", client: "postgres.js", port: 5432 },
];

let seq = 0;
const unique = (label: string): string => `${label}_${runtime}_${Date.now()}_${seq++}_w`;

for (const store of stores) {
  const why = await probe(store.port).then(() => undefined, (error: Error) => `cannot connect to 127.0.0.1:${store.port} (${error.message})`);
  if (why !== undefined) console.log(`SKIPPED the spread and missed-slot tests on ${store.label}: ${why}`);

  describe.skipIf(why !== undefined)(`13. Clusters that scale on ${store.label} (${runtime} instances)`, () => {
    let cluster = new Cluster();
    afterEach(async () => {
      await cluster.dispose();
      cluster = new Cluster();
    });
    const base = (prefix: string, extra: Partial<InstanceArgs> = {}): Omit<InstanceArgs, "id"> => ({
      client: store.client,
      port: store.port,
      prefix,
      period: 200,
      ttl: 900,
      runMs: 10,
      ...extra,
    });
    const state = (): string => `${cluster.observed.runs.length} runs; errors ${JSON.stringify(cluster.observed.errors.slice(-3))}`;
    /** Which instance ran each worker last, among runs that started after `at`. */
    const lastHolders = (at: number): Map<string, number> => {
      const holders = new Map<string, number>();
      for (const r of cluster.observed.runs) if (r.start > at) holders.set(r.w, r.instance);
      return holders;
    };

    test("balance: 64 workers over 4 instances, every instance runs some, the busiest at most twice its share, no overlap", async () => {
      const prefix = unique("balance");
      const settings = base(prefix, { workers: 64 });
      for (let i = 0; i < 4; i++) await cluster.add(settings).waitFor(/"e":"ready"/);
      const upAt = Date.now();
      // Settled once every worker has run twice since the last instance came up.
      await until("every worker to run twice with all four up", 30_000, () => {
        const counts = new Map<string, number>();
        for (const r of cluster.observed.runs) if (r.start > upAt + 2 * settings.ttl) counts.set(r.w, (counts.get(r.w) ?? 0) + 1);
        return counts.size === 64 && [...counts.values()].every((n) => n >= 2);
      }, state);
      const perInstance = [0, 0, 0, 0];
      for (const [, instance] of lastHolders(upAt + 2 * settings.ttl)) perInstance[instance]!++;
      expect(perInstance.every((n) => n > 0), `workers per instance ${perInstance}`).toBe(true);
      expect(Math.max(...perInstance), `workers per instance ${perInstance}`).toBeLessThanOrEqual(2 * 64 / 4);
      expect(overlaps(cluster.observed)).toEqual([]);
    }, 60_000);

    test("join and leave: only workers the newcomer wins move to it; a leaver's workers move to the others; never two holders", async () => {
      const prefix = unique("join");
      const settings = base(prefix, { workers: 32 });
      for (let i = 0; i < 2; i++) await cluster.add(settings).waitFor(/"e":"ready"/);
      const twoAt = Date.now() + 2 * settings.ttl;
      await until("every worker to run with two instances up", 30_000, () => lastHolders(twoAt).size === 32, state);
      const before = lastHolders(twoAt);
      const newcomer = cluster.add(settings);
      await newcomer.waitFor(/"e":"ready"/);
      const threeAt = Date.now() + 2 * settings.ttl;
      await until("every worker to run with three up", 30_000, () => lastHolders(threeAt).size === 32, state);
      const after = lastHolders(threeAt);
      const moved = [...after].filter(([w, i]) => before.get(w) !== i);
      expect(moved.length, "the newcomer won none").toBeGreaterThan(0);
      expect(moved.every(([, i]) => i === 2), `moves not to the newcomer: ${JSON.stringify(moved)}`).toBe(true);
      // The one that leaves (a graceful stop) gives its workers up; only they move.
      cluster.children[0]!.send("stop");
      await cluster.children[0]!.exited;
      const leftAt = Date.now() + 2 * settings.ttl;
      await until("every worker to run after the leave", 30_000, () => lastHolders(leftAt).size === 32, state);
      const last = lastHolders(leftAt);
      const movedAgain = [...last].filter(([w, i]) => after.get(w) !== i);
      expect(movedAgain.every(([w]) => after.get(w) === 0), `moves of workers instance 0 did not hold: ${JSON.stringify(movedAgain)}`).toBe(true);
      expect([...last.values()].includes(0)).toBe(false);
      expect(overlaps(cluster.observed)).toEqual([]);
    }, 90_000);

    /** Runs the cluster (one instance), stops it gracefully, keeps it down `down` ms, starts it again. */
    async function restarted(settings: Omit<InstanceArgs, "id">, down: number): Promise<{ last: Run; restartAt: number; after: Run[] }> {
      const first = cluster.add(settings);
      const w = `${settings.prefix}0`;
      await until("three runs", 30_000, () => cluster.observed.of(w).length >= 3, state);
      first.send("stop");
      await first.exited;
      const last = cluster.observed.of(w).at(-1)!;
      await new Promise((resolve) => setTimeout(resolve, down));
      const restartAt = Date.now();
      cluster.add(settings);
      // Until a run of the schedule itself: one whose slot came after the first run since the restart began.
      await until("a run of the schedule after the restart", 30_000, () => {
        const runs = cluster.observed.of(w).filter((r) => r.start > restartAt);
        return runs.length > 0 && runs.some((r) => r.slot > runs[0]!.start);
      }, state);
      return { last, restartAt, after: cluster.observed.of(w).filter((r) => r.start > restartAt) };
    }

    const period = 400;
    // Down for three and a half periods: at least three slots nobody runs.
    const down = 3.5 * period;
    /** The slot's place on the grid of the run before the restart (whole for a slot of that grid). */
    const place = (last: Run, run: Run | undefined): number => (run === undefined ? NaN : (run.slot - last.slot) / period);

    test("missed: \"once\" (the default): one run at once for the slots nobody ran, then the cluster's grid", async () => {
      const { last, after } = await restarted(base(unique("once"), { period, mode: "fixed-rate" }), down);
      const [catchup, next] = after;
      const k = place(last, catchup);
      expect(Number.isInteger(k) && k >= 3, `the catch-up stands for a missed slot of the grid (place ${k})`).toBe(true);
      // The latest missed one: the next slot of the grid had not come when it started.
      expect(catchup!.start).toBeLessThan(catchup!.slot + period);
      expect(place(last, next), "then the grid goes on").toBe(k + 1);
    }, 60_000);

    test("missed: \"skip\": no run for the missed slots, the next slot of the cluster's grid", async () => {
      const { last, restartAt, after } = await restarted(base(unique("skip"), { period, mode: "fixed-rate", missed: "skip" }), down);
      expect(after.filter((r) => r.slot < restartAt), "runs for slots that went by").toEqual([]);
      const k = place(last, after[0]);
      expect(Number.isInteger(k) && k >= 4, `the first run is on the grid, after the gap (place ${k})`).toBe(true);
    }, 60_000);

    test("missed: \"all\": each missed slot runs, back to back, then the grid", async () => {
      // A budget no slow restart can reach: a busy machine may take more than the default 10
      // periods to bring the instance up, and then only the latest 10 would run (as they should).
      const { last, restartAt, after } = await restarted(base(unique("all"), { period, mode: "fixed-rate", missed: "all", maxCatchup: 1_000 }), down);
      const places = after.map((r) => place(last, r));
      const missed = after.filter((r) => r.slot < restartAt).length;
      expect(missed, `at least three missed slots ran (places ${places.join(", ")})`).toBeGreaterThanOrEqual(3);
      expect(places.slice(0, missed + 1), "each missed slot once, in order, then the next").toEqual(Array.from({ length: missed + 1 }, (_, i) => i + 1));
    }, 60_000);

    test("a cron worker continues its slots across a whole-cluster restart and runs the missed one once", async () => {
      const { last, after } = await restarted(base(unique("cron"), { cron: "* * * * * *" }), 3_500);
      const [catchup, next] = after;
      const k = place(last, catchup) * period / 1_000;
      expect(Number.isInteger(k) && k >= 3, `the catch-up stands for a missed second (place ${k})`).toBe(true);
      expect(place(last, next) * period / 1_000).toBe(k + 1);
    }, 60_000);
  });
}
